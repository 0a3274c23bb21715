/**
 * Agglomerative hierarchical clustering: scipy's `linkage`, from points or from a condensed
 * distance array, in O(n²) time and one condensed array of memory.
 */
import { LatentError, describe } from '../../core/errors.js';
import { asMatrix64, type Matrix64, type MatrixLike } from '../../core/matrix.js';
import { assertOneOf, assertSquareSafe } from '../../core/validate.js';
import { checkMetric, type Metric } from '../../distance/metric.js';
import { pdist } from '../../distance/pairwise.js';
import { SQUARE_MAX_POINTS, checkCondensedValues, condensedPoints, squareFromCondensed, squareFromPoints } from '../../distance/square.js';
import { genericLinkage } from './linkage-generic.js';
import { mstSingleLinkage } from './linkage-mst.js';
import { nnChainLinkage, nnChainSquareLinkage } from './linkage-nn-chain.js';
import { EUCLIDEAN_METHODS, LINKAGE_METHODS, METHOD_CODE, type LinkageMethod } from './linkage-methods.js';
import { readOptions, type OptionKeys } from '../../core/options.js';

/** Options of {@link linkage}. */
export interface LinkageOptions {
  /**
   * How the distance between two clusters is defined: `'single'` (closest pair),
   * `'complete'` (farthest pair), `'average'` (UPGMA, mean over pairs), `'weighted'`
   * (WPGMA), `'ward'` (minimum increase of within-cluster variance), `'centroid'` (UPGMC,
   * distance between centroids), `'median'` (WPGMC). The last three need `metric: 'euclidean'`.
   * @defaultValue `'single'` (scipy's default)
   */
  method?: LinkageMethod;
  /**
   * Distance between points: a built-in name or a function.
   * @defaultValue `'euclidean'`
   */
  metric?: Metric;
}

const LINKAGE_KEYS: OptionKeys<LinkageOptions> = { method: true, metric: true };

/** Options of {@link linkageFromDistances}. */
export interface LinkageFromDistancesOptions {
  /**
   * The linkage method (see {@link LinkageOptions.method}). With `'ward'`, `'centroid'` or
   * `'median'` the distances must be Euclidean (not squared).
   * @defaultValue `'single'`
   */
  method?: LinkageMethod;
}

const LINKAGE_FROM_DISTANCES_KEYS: OptionKeys<LinkageFromDistancesOptions> = { method: true };

/**
 * Largest number of points the linkage functions accept. The condensed distance array of n
 * points holds n(n−1)/2 doubles and a typed array holds at most 2³¹ − 1 of them, so
 * n ≤ 65 536 (16 GiB of distances). Below that, RAM is the limit: the array takes about
 * 4·n² bytes, so 1 GiB holds n ≈ 16 000, 4 GiB n ≈ 32 000 and 8 GiB n ≈ 46 000. Larger
 * inputs fail with `E_MEMORY` before anything is allocated.
 */
export const LINKAGE_MAX_POINTS = 65536;

/**
 * Hierarchical agglomerative clustering of the rows of `X`, returning scipy's linkage
 * matrix `Z`.
 *
 * Row i of `Z` is `[a, b, height, size]`: clusters `a < b` merge at `height` into cluster
 * `n + i` of `size` points (points are clusters 0…n−1). Rows are in scipy's order: sorted by
 * height for the monotone methods, in merge order for `centroid` and `median` (whose heights
 * can decrease). On data without tied distances every number equals scipy's.
 *
 * Algorithms (Müllner 2011): a minimum spanning tree for `single`, the nearest-neighbour
 * chain for `complete`, `average`, `weighted` and `ward`, the generic algorithm for
 * `centroid` and `median`. O(n²·d) to compute the distances plus O(n²) to cluster. Memory:
 * one condensed array of n(n−1)/2 doubles (4·n² bytes: 400 MB for n = 10 000) plus O(n);
 * for n ≤ 4 096 the chain methods (complete, average, weighted, ward) use a full n×n working
 * matrix instead (≤ 128 MiB), whose contiguous rows make them about twice as fast.
 *
 * @param X - n × d data (Matrix, `number[][]` or `Float64Array[]`), n ≥ 1
 * @param options - {@link LinkageOptions}
 * @returns the (n−1) × 4 linkage Matrix (0 × 4 when n = 1)
 * @throws LatentError `E_OPTION` for an unknown method or metric, or a metric other than
 * `'euclidean'` with `ward`/`centroid`/`median`; `E_SHAPE` for an empty or ragged `X`;
 * `E_NOT_FINITE` for NaN/±Infinity; `E_MEMORY` when n > {@link LINKAGE_MAX_POINTS} or the
 * distance array cannot be allocated
 * @throws LatentError `E_RANGE` with `'euclidean'` or `'sqeuclidean'` for a value beyond ±2⁵⁰⁰ ≈ 3.3e150, whose squared differences would overflow
 * @example
 * ```ts
 * toRows(linkage([[0, 0], [0, 1], [4, 0], [4, 2]], { method: 'average' }));
 * // [[0, 1, 1, 2], [2, 3, 2, 2], [4, 5, 4.179586801558726, 4]]
 * ```
 * @see scipy.cluster.hierarchy.linkage
 * @see D. Müllner, "Modern hierarchical, agglomerative clustering algorithms", arXiv:1109.2378 (2011)
 */
export function linkage(X: MatrixLike, options?: LinkageOptions): Matrix64 {
  const fn = 'linkage';
  const o = readOptions(fn, options, LINKAGE_KEYS);
  const method = assertOneOf(fn, 'method', o.method ?? 'single', LINKAGE_METHODS);
  const metric = checkMetric(fn, o.metric);
  if (metric !== 'euclidean' && EUCLIDEAN_METHODS.includes(method)) {
    throw new LatentError(
      'E_OPTION',
      `${fn}: metric must be 'euclidean' with method '${method}' (ward, centroid and median assume Euclidean geometry), got ${typeof metric === 'function' ? 'a function' : describe(metric)}`,
    );
  }
  const m = asMatrix64(X, fn, 'X');
  const n = m.rows;
  if (n < 1) throw new LatentError('E_SHAPE', `${fn}: X must have at least 1 row, got 0`);
  checkSize(fn, n);
  if (metric === 'euclidean' || metric === 'sqeuclidean') assertSquareSafe(fn, 'X', m.data, m.cols);
  if (n >= 2 && n <= SQUARE_MAX_POINTS && (method === 'complete' || method === 'average' || method === 'weighted' || method === 'ward')) {
    // No condensed array: distances straight into the square working matrix.
    const data = nnChainSquareLinkage(squareFromPoints(fn, m, metric), n, METHOD_CODE[method]);
    return { rows: n - 1, cols: 4, data };
  }
  let D: Float64Array;
  try {
    D = pdist(m, metric);
  } catch (e) {
    throw asMemoryError(fn, e, n);
  }
  // pdist's output is ours: cluster in place, no copy.
  return run(fn, D, n, method, true);
}

/**
 * Hierarchical agglomerative clustering from a condensed distance array (as returned by
 * `pdist`, scipy order), returning scipy's linkage matrix `Z`.
 *
 * Same algorithms, output and guarantees as {@link linkage}. The input is not modified:
 * `single` reads it in place; the other methods work on one copy (n(n−1)/2 doubles, or the
 * n×n matrix for the chain methods when n ≤ 4 096).
 *
 * @param condensed - n(n−1)/2 finite, non-negative distances (`Float64Array` or `number[]`)
 * @param options - {@link LinkageFromDistancesOptions}
 * @returns the (n−1) × 4 linkage Matrix (0 × 4 for an empty array, i.e. n = 1)
 * @throws LatentError `E_TYPE` when not an array; `E_SHAPE` when the length is not n(n−1)/2;
 * `E_NOT_FINITE` / `E_RANGE` for non-finite or negative distances; `E_OPTION` for an unknown
 * method; `E_MEMORY` when the working copy cannot be allocated
 * @example
 * ```ts
 * toRows(linkageFromDistances([1, 4, 2], { method: 'complete' }));
 * // [[0, 1, 1, 2], [2, 3, 4, 3]]
 * ```
 * @see scipy.cluster.hierarchy.linkage (with a condensed `y`)
 */
export function linkageFromDistances(condensed: ArrayLike<number>, options?: LinkageFromDistancesOptions): Matrix64 {
  const fn = 'linkageFromDistances';
  const o = readOptions(fn, options, LINKAGE_FROM_DISTANCES_KEYS);
  const method = assertOneOf(fn, 'method', o.method ?? 'single', LINKAGE_METHODS);
  const n = condensedPoints(fn, 'condensed', condensed);
  checkSize(fn, n);
  checkCondensedValues(fn, 'condensed', condensed);
  return run(fn, condensed, n, method, false);
}

/**
 * Runs the method's algorithm. `D` is the condensed distances; `owned` tells whether it may
 * be overwritten (otherwise the algorithms that write work on a copy).
 */
function run(fn: string, D: ArrayLike<number>, n: number, method: LinkageMethod, owned: boolean): Matrix64 {
  if (n < 2) return { rows: 0, cols: 4, data: new Float64Array(0) };
  const code = METHOD_CODE[method];
  let data: Float64Array;
  if (method === 'single') {
    data = mstSingleLinkage(D instanceof Float64Array ? D : copy(fn, D, n), n);
  } else if (method === 'centroid' || method === 'median') {
    data = genericLinkage(owned && D instanceof Float64Array ? D : copy(fn, D, n), n, code);
  } else if (n <= SQUARE_MAX_POINTS) {
    // Up to SQUARE_MAX_POINTS the chain runs on a full n × n matrix: contiguous row scans, about
    // twice as fast as the condensed layout's column reads; results are bit-identical.
    data = nnChainSquareLinkage(squareFromCondensed(D, n), n, code);
  } else {
    data = nnChainLinkage(owned && D instanceof Float64Array ? D : copy(fn, D, n), n, code);
  }
  return { rows: n - 1, cols: 4, data };
}

function copy(fn: string, D: ArrayLike<number>, n: number): Float64Array {
  try {
    return Float64Array.from(D);
  } catch (e) {
    throw asMemoryError(fn, e, n);
  }
}

function checkSize(fn: string, n: number): void {
  if (n > LINKAGE_MAX_POINTS) {
    throw new LatentError(
      'E_MEMORY',
      `${fn}: n must be at most ${LINKAGE_MAX_POINTS} points (the condensed distance array of n points holds n(n-1)/2 doubles, at most 2^31 - 1), got ${n}`,
    );
  }
}

/** A RangeError from a failed allocation becomes `E_MEMORY`; LatentErrors pass through. */
function asMemoryError(fn: string, e: unknown, n: number): unknown {
  if (e instanceof RangeError) {
    const gib = ((n * (n - 1)) / 2) * 8 / 2 ** 30;
    return new LatentError('E_MEMORY', `${fn}: could not allocate the condensed distance array for n = ${n} points (${gib.toFixed(2)} GiB): ${e.message}`);
  }
  return e;
}
