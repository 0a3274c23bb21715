/**
 * Agglomerative hierarchical clustering: scipy's `linkage`, from points or from a condensed
 * distance array, in O(n²) time and one condensed array of memory.
 */
import { LatentError, describe } from '../../core/errors.js';
import { asMatrix64, type Matrix64, type MatrixLike } from '../../core/matrix.js';
import { assertMemory, memoryLimitOption } from '../../core/memory.js';
import { functionOption, readOptions, signalOption, type OptionKeys } from '../../core/options.js';
import { runSync, type Progress, type Work } from '../../core/task.js';
import { SQUARE_SAFE_MAX, assertOneOf, assertSquareSafe } from '../../core/validate.js';
import { checkMetric, type Metric } from '../../distance/metric.js';
import { SQUARE_MAX_POINTS, checkCondensedValues, condensedFromPointsWork, condensedPoints, squareFromCondensed, squareFromPointsWork } from '../../distance/square.js';
import { genericLinkageWork } from './linkage-generic.js';
import { mstSingleLinkageWork } from './linkage-mst.js';
import { nnChainLinkageWork, nnChainSquareLinkageWork } from './linkage-nn-chain.js';
import { EUCLIDEAN_METHODS, LINKAGE_METHODS, METHOD_CODE, type LinkageMethod } from './linkage-methods.js';

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
  /**
   * Checked at every checkpoint (every column block of the distances, every 128 merges): once
   * aborted, the call throws `E_ABORTED`.
   * @defaultValue undefined
   */
  signal?: AbortSignal;
  /**
   * Receives `{ stage: 'distances' | 'merge', completed, total }` as the work advances.
   * @defaultValue undefined
   */
  onProgress?: (progress: Progress) => void;
  /**
   * Budget in bytes for the distance arrays (see the memory note of {@link linkage}): larger
   * inputs fail with `E_MEMORY` before anything is allocated.
   * @defaultValue 4 GiB
   */
  memoryLimit?: number;
}

const LINKAGE_KEYS: OptionKeys<LinkageOptions> = { method: true, metric: true, signal: true, onProgress: true, memoryLimit: true };

/** Options of {@link linkageFromDistances}. */
export interface LinkageFromDistancesOptions {
  /**
   * The linkage method (see {@link LinkageOptions.method}). With `'ward'`, `'centroid'` or
   * `'median'` the distances must be Euclidean (not squared).
   * @defaultValue `'single'`
   */
  method?: LinkageMethod;
  /** As {@link LinkageOptions.signal}. @defaultValue undefined */
  signal?: AbortSignal;
  /** As {@link LinkageOptions.onProgress} (stage `'merge'` only). @defaultValue undefined */
  onProgress?: (progress: Progress) => void;
  /** Budget in bytes for the working copy of the distances. @defaultValue 4 GiB */
  memoryLimit?: number;
}

const LINKAGE_FROM_DISTANCES_KEYS: OptionKeys<LinkageFromDistancesOptions> = { method: true, signal: true, onProgress: true, memoryLimit: true };

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
 * distances need more than `memoryLimit`; `E_ABORTED` when `signal` fires
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
  return linkageAs('linkage', X, options);
}

/**
 * {@link linkage} under the name of the public function that called it (messages name it).
 *
 * @param fn - public function name
 * @param X - the data
 * @param options - {@link LinkageOptions}
 * @returns the linkage matrix
 */
export function linkageAs(fn: string, X: MatrixLike, options: LinkageOptions | undefined): Matrix64 {
  const o = readOptions(fn, options, LINKAGE_KEYS);
  const method = assertOneOf(fn, 'method', o.method ?? 'single', LINKAGE_METHODS);
  const metric = checkMetric(fn, o.metric);
  const signal = signalOption(fn, o.signal);
  const onProgress = functionOption(fn, 'onProgress', o.onProgress);
  const limit = memoryLimitOption(fn, o.memoryLimit);
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
  const square = n >= 2 && n <= SQUARE_MAX_POINTS && CHAIN_METHODS.includes(method);
  // The distances: straight into the n × n working matrix, or one condensed array clustered in place.
  assertMemory(fn, `the distances of ${n} points`, square ? n * n * 8 : ((n * (n - 1)) / 2) * 8, limit);
  return runSync(pointsWork(fn, m, method, metric, square), { fn, signal, onProgress });
}

const CHAIN_METHODS: readonly LinkageMethod[] = ['complete', 'average', 'weighted', 'ward'];

function* pointsWork(fn: string, m: Matrix64, method: LinkageMethod, metric: Metric, square: boolean): Work<Matrix64> {
  const n = m.rows;
  if (square) {
    const S = yield* squareFromPointsWork(fn, m, metric);
    return { rows: n - 1, cols: 4, data: yield* nnChainSquareLinkageWork(S, n, METHOD_CODE[method]) };
  }
  const D = yield* condensedFromPointsWork(fn, m, metric);
  // The condensed array is ours: cluster in place, no copy.
  return yield* clusterWork(D, n, method, true);
}

/**
 * Hierarchical agglomerative clustering from a condensed distance array (as returned by
 * `pdist`, scipy order), returning scipy's linkage matrix `Z`.
 *
 * Same algorithms, output and guarantees as {@link linkage}. Distances up to `Number.MAX_VALUE`
 * work with single, complete, average and weighted (where an average's weighted sum would
 * overflow, it is taken from normalised weights; scipy gives Infinity there); ward, centroid and
 * median square them and stop at 2⁵⁰⁰. The input is not modified:
 * `single` reads it in place; the other methods work on one copy (n(n−1)/2 doubles, or the
 * n×n matrix for the chain methods when n ≤ 4 096).
 *
 * @param condensed - n(n−1)/2 finite, non-negative distances (`Float64Array` or `number[]`)
 * @param options - {@link LinkageFromDistancesOptions}
 * @returns the (n−1) × 4 linkage Matrix (0 × 4 for an empty array, i.e. n = 1)
 * @throws LatentError `E_TYPE` when not an array; `E_SHAPE` when the length is not n(n−1)/2;
 * `E_NOT_FINITE` / `E_RANGE` for non-finite or negative distances; `E_OPTION` for an unknown
 * method; `E_MEMORY` when the working copy needs more than `memoryLimit`; `E_ABORTED`
 * @throws LatentError `E_RANGE` with `'ward'`, `'centroid'` or `'median'` for a distance beyond 2⁵⁰⁰ ≈ 3.3e150, whose square would overflow
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
  const signal = signalOption(fn, o.signal);
  const onProgress = functionOption(fn, 'onProgress', o.onProgress);
  const limit = memoryLimitOption(fn, o.memoryLimit);
  const n = condensedPoints(fn, 'condensed', condensed);
  checkSize(fn, n);
  checkCondensedValues(fn, 'condensed', condensed);
  // ward, centroid and median square the distances in their updates: beyond 2^500 they overflow.
  if (method === 'ward' || method === 'centroid' || method === 'median') assertCondensedSquareSafe(fn, condensed);
  // single reads the input in place (a copy only when it is not a Float64Array); the others work
  // on one copy: the n × n matrix for the chain methods up to SQUARE_MAX_POINTS, else condensed.
  const copyBytes = method === 'single' && condensed instanceof Float64Array ? 0 : CHAIN_METHODS.includes(method) && n <= SQUARE_MAX_POINTS ? n * n * 8 : condensed.length * 8;
  assertMemory(fn, `the working copy of the distances of ${n} points`, copyBytes, limit);
  return runSync(clusterWork(condensed, n, method, false), { fn, signal, onProgress });
}

/**
 * Runs the method's algorithm as resumable work. `D` is the condensed distances; `owned` tells
 * whether it may be overwritten (otherwise the algorithms that write work on a copy).
 */
function* clusterWork(D: ArrayLike<number>, n: number, method: LinkageMethod, owned: boolean): Work<Matrix64> {
  if (n < 2) return { rows: 0, cols: 4, data: new Float64Array(0) };
  const code = METHOD_CODE[method];
  let data: Float64Array;
  if (method === 'single') {
    data = yield* mstSingleLinkageWork(D instanceof Float64Array ? D : Float64Array.from(D), n);
  } else if (method === 'centroid' || method === 'median') {
    data = yield* genericLinkageWork(owned && D instanceof Float64Array ? D : Float64Array.from(D), n, code);
  } else if (n <= SQUARE_MAX_POINTS) {
    // Up to SQUARE_MAX_POINTS the chain runs on a full n × n matrix: contiguous row scans, about
    // twice as fast as the condensed layout's column reads; results are bit-identical.
    data = yield* nnChainSquareLinkageWork(squareFromCondensed(D, n), n, code);
  } else {
    data = yield* nnChainLinkageWork(owned && D instanceof Float64Array ? D : Float64Array.from(D), n, code);
  }
  return { rows: n - 1, cols: 4, data };
}

function assertCondensedSquareSafe(fn: string, condensed: ArrayLike<number>): void {
  for (let p = 0; p < condensed.length; p++) {
    const v = condensed[p]!;
    if (v > SQUARE_SAFE_MAX) {
      throw new LatentError('E_RANGE', `${fn}: condensed distances must lie within 2^500 (about 3.3e150) for the squared updates of ward, centroid and median, got ${v} at index ${p}; rescale the distances`);
    }
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
