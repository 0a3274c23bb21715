/**
 * Pairwise distances: condensed (`pdist`), rectangular (`cdist`) and the conversion between
 * condensed and square forms (`squareform`).
 */
import { LatentError, describe } from '../core/errors.js';
import { isMatrix, asMatrix, asMatrix64, type Matrix, type Matrix64, type MatrixLike } from '../core/matrix.js';
import { assertMemory, memoryLimitOption } from '../core/memory.js';
import { readOptions, type OptionKeys } from '../core/options.js';
import { EXPANSION_MIN_DIMS, dotBlock, packRows } from './expansion.js';
import { cosineNorms, distanceRows, rowBlock, rowViews, type RowBlock } from './kernels.js';
import { columnBlock, condensedFromPointsWork, condensedCount } from './square.js';
import { runSync } from '../core/task.js';
import { assertSquareSafe } from '../core/validate.js';
import { cosineFromSums } from './metrics.js';
import { callMetric, checkMetric, metricOptions, type Metric, type MetricFunction } from './metric.js';

/**
 * Distance between the row of `a` starting at offset `ia` and the row of `b` starting at `ib`,
 * for a built-in metric: the general single-pair kernel other modules use (k-medoids, linkage,
 * silhouette, the vantage-point tree). One switch per pair; the O(d) loop inside is monomorphic
 * and sums in coordinate order, so the result is bit-for-bit the scalar function's
 * (`rowDistance('cosine', …) === cosine(…)`) and the tiled kernels' in `pdist` / `cdist`.
 * Allocates nothing; arguments are not validated.
 *
 * @internal
 * @param metric - a built-in metric name (anything else is treated as `'cosine'`)
 * @param a - row-major data holding the first row
 * @param ia - offset of the first row in `a` (row index × d)
 * @param b - row-major data holding the second row (may be `a`)
 * @param ib - offset of the second row in `b`
 * @param d - row length
 * @returns the distance
 * @example
 * ```ts
 * rowDistance('euclidean', new Float64Array([0, 0, 3, 4]), 0, new Float64Array([0, 0, 3, 4]), 2, 2); // 5
 * ```
 */
export function rowDistance(metric: string, a: Float64Array, ia: number, b: Float64Array, ib: number, d: number): number {
  switch (metric) {
    case 'euclidean':
    case 'sqeuclidean': {
      let s = 0;
      for (let k = 0; k < d; k++) {
        const t = (a[ia + k] as number) - (b[ib + k] as number);
        s += t * t;
      }
      return metric === 'euclidean' ? Math.sqrt(s) : s;
    }
    case 'manhattan': {
      let s = 0;
      for (let k = 0; k < d; k++) s += Math.abs((a[ia + k] as number) - (b[ib + k] as number));
      return s;
    }
    case 'chebyshev': {
      let m = 0;
      for (let k = 0; k < d; k++) {
        const t = Math.abs((a[ia + k] as number) - (b[ib + k] as number));
        if (t > m) m = t;
      }
      return m;
    }
    default: {
      let ab = 0;
      let aa = 0;
      let bb = 0;
      for (let k = 0; k < d; k++) {
        const x = a[ia + k] as number;
        const y = b[ib + k] as number;
        ab += x * y;
        aa += x * x;
        bb += y * y;
      }
      return 1 - cosineFromSums(ab, aa, bb);
    }
  }
}

const EMPTY = /* @__PURE__ */ new Float64Array(0);

/** Options of {@link pdist} and {@link cdist} (the metric may also be passed alone, positionally). */
export interface PairwiseOptions {
  /**
   * Distance: a built-in metric name or a custom `(a, b) => number`.
   * @defaultValue 'euclidean'
   */
  metric?: Metric;
  /**
   * Budget in bytes for the output (8 bytes per distance): larger requests fail with
   * `E_MEMORY` before anything is allocated.
   * @defaultValue 4 GiB
   */
  memoryLimit?: number;
}

const PAIRWISE_KEYS: OptionKeys<PairwiseOptions> = { metric: true, memoryLimit: true };

/** Options of {@link squareform}. */
export interface SquareformOptions {
  /**
   * Budget in bytes for a square output (n² doubles): larger requests fail with `E_MEMORY`.
   * @defaultValue 4 GiB
   */
  memoryLimit?: number;
}

/**
 * Euclidean and squared-euclidean distances square coordinate differences: Float64 data beyond
 * ±2^500 would overflow them (Float32 data cannot).
 */
function squaredDistancesSafe(fn: string, name: string, metric: string | MetricFunction, m: Matrix): void {
  if ((metric === 'euclidean' || metric === 'sqeuclidean') && m.data instanceof Float64Array) assertSquareSafe(fn, name, m.data, m.cols);
}

/**
 * Pairwise distances between the rows of `X`, condensed as scipy does: the upper triangle
 * of the n×n matrix, row by row, `(0,1), (0,2), …, (0,n−1), (1,2), …`. Entry of (i, j),
 * i < j, is at `n·i − i·(i+1)/2 + j − i − 1`. O(n²·d) time, n(n−1)/2 doubles of memory
 * (the output) and nothing else (n doubles of row norms for `'cosine'`).
 *
 * Built-in metrics run through 2×4 register-blocked kernels (about 6–8 GFLOP/s for
 * squared euclidean on 2000×64 in V8, counting 3·d flops per pair). Every entry is bit-for-bit
 * the scalar function's value (`pdist(X)[…] === euclidean(X[i], X[j])`).
 *
 * Memory: the output only. Float32 data is read in place (a cache block of rows at a time is
 * widened exactly into a scratch buffer of ≤ 256 KiB); a custom metric function receives Float64
 * rows, so Float32 data is widened once for it.
 *
 * Accuracy: euclidean distances are computed from coordinate differences, never from the
 * `‖a‖² + ‖b‖² − 2a·b` expansion, which loses all significant digits for close points far from
 * the origin (e.g. `[1e8, 0]` and `[1e8, 1]`: the expansion can return 0 or even a negative
 * square; differences return exactly 1). Cosine uses each row's norm computed once; a zero row
 * has cosine similarity 0 to everything, so its cosine distance is 1 (see {@link cosine}).
 * Coordinates beyond ±2^500 (about 3.3e150) could make the squared differences overflow: with
 * `'euclidean'` or `'sqeuclidean'` such Float64 data is refused with `E_RANGE` (naming the first
 * offending value), as the clustering and neighbour functions do — never a silent `Infinity`
 * (scipy returns `inf`). Rescale the data first. The check costs about 0.5 ns per value.
 *
 * A custom metric function is called once per pair as `metric(X[i], X[j])`, i < j, with row
 * views (do not keep them).
 *
 * @param X - n × d data
 * @param options - a {@link Metric} (default `'euclidean'`), or {@link PairwiseOptions} `{ metric, memoryLimit }`
 * @returns the condensed distances, length n(n−1)/2
 * @throws LatentError `E_SHAPE`/`E_NOT_FINITE` for bad data, `E_RANGE` for euclidean/sqeuclidean
 * data beyond ±2^500, `E_OPTION` for an unknown metric, `E_MEMORY` when n is too large
 * @example
 * ```ts
 * pdist([[0, 0], [3, 4], [6, 8]]); // Float64Array [5, 10, 5]
 * ```
 * @see scipy.spatial.distance.pdist
 */
export function pdist(X: MatrixLike, options?: Metric | PairwiseOptions): Float64Array {
  const o = metricOptions('pdist', options, PAIRWISE_KEYS);
  const met = checkMetric('pdist', o.metric);
  const limit = memoryLimitOption('pdist', o.memoryLimit);
  const m = asMatrix(X, 'pdist', 'X');
  squaredDistancesSafe('pdist', 'X', met, m);
  const n = m.rows;
  const size = (n * (n - 1)) / 2;
  assertMemory('pdist', `the condensed distance array of ${n} points`, size * 8, limit);
  return runSync(condensedFromPointsWork('pdist', m, met), { fn: 'pdist' });
}

/**
 * Distances between every row of `X` and every row of `Y`: entry (i, j) is
 * `metric(X[i], Y[j])`. O(nₓ·n_y·d) time; the output plus nₓ + n_y doubles of row norms for
 * `'cosine'`.
 *
 * Uses the same exact, difference-based 2×4 register-blocked kernels as {@link pdist}, sweeping
 * `Y` in cache-sized column blocks; entry (i, j) is bit-for-bit `metric(X[i], Y[j])` computed
 * by the scalar function, and `cdist(X, X)` agrees with `pdist(X)` exactly. `'cosine'` from 32
 * columns (and on Float32 data) takes its dot products from the packed matrix product instead,
 * at the matrix-product rate: the sums are the same, in the same order, so the entries are the
 * same bits. Euclidean distances always come from coordinate differences (the
 * ‖a‖² + ‖b‖² − 2a·b expansion would not be scipy-exact). As in {@link pdist}, euclidean and
 * squared-euclidean Float64 data beyond ±2^500 is `E_RANGE`, never an `Infinity` distance.
 *
 * Memory: the output plus ≤ 1 MiB of packed or widened blocks; Float32 data is read in place
 * (a custom metric function receives Float64 rows, so Float32 data is widened once for it).
 *
 * @param X - nₓ × d
 * @param Y - n_y × d
 * @param options - a {@link Metric} (default `'euclidean'`), or {@link PairwiseOptions} `{ metric, memoryLimit }`
 * @returns an nₓ × n_y Matrix
 * @throws LatentError `E_SHAPE` when widths differ, `E_NOT_FINITE`, `E_RANGE` for euclidean/sqeuclidean
 * data beyond ±2^500, `E_OPTION`, `E_MEMORY`
 * @example
 * ```ts
 * cdist([[0, 0]], [[3, 4], [0, 1]]).data; // Float64Array [5, 1]
 * ```
 * @see scipy.spatial.distance.cdist
 */
export function cdist(X: MatrixLike, Y: MatrixLike, options?: Metric | PairwiseOptions): Matrix64 {
  const o = metricOptions('cdist', options, PAIRWISE_KEYS);
  const met = checkMetric('cdist', o.metric);
  const limit = memoryLimitOption('cdist', o.memoryLimit);
  const a = asMatrix(X, 'cdist', 'X');
  const b = asMatrix(Y, 'cdist', 'Y');
  if (a.cols !== b.cols && a.rows > 0 && b.rows > 0) {
    throw new LatentError('E_SHAPE', `cdist: Y columns must equal X columns ${a.cols}, got ${b.cols}`);
  }
  squaredDistancesSafe('cdist', 'X', met, a);
  squaredDistancesSafe('cdist', 'Y', met, b);
  const d = a.cols;
  assertMemory('cdist', `the ${a.rows} × ${b.rows} distance matrix`, a.rows * b.rows * 8, limit);
  const out = new Float64Array(a.rows * b.rows);
  if (typeof met === 'function') {
    const va = rowViews(a);
    const vb = rowViews(b);
    const f: MetricFunction = met;
    for (let i = 0; i < a.rows; i++) for (let j = 0; j < b.rows; j++) out[i * b.rows + j] = callMetric('cdist', f, va[i] as Float64Array, vb[j] as Float64Array);
    return { rows: a.rows, cols: b.rows, data: out };
  }
  const sqA = met === 'cosine' ? cosineNorms('cdist', 'X', a.data, a.rows, d) : null;
  const sqB = met === 'cosine' ? cosineNorms('cdist', 'Y', b.data, b.rows, d) : null;
  if (met === 'cosine' && (d >= EXPANSION_MIN_DIMS || a.data instanceof Float32Array || b.data instanceof Float32Array)) {
    cosineByProduct(a, b, sqA!, sqB!, out);
    return { rows: a.rows, cols: b.rows, data: out };
  }
  const na = a.rows;
  const nb = b.rows;
  // Column blocks of Y small enough to stay in cache while every pair of X rows sweeps them
  // (Float32 blocks and row pairs widened into scratch, their norms shifted alike).
  const block = columnBlock(d, nb);
  const colScratch = b.data instanceof Float32Array ? new Float64Array(block * d) : null;
  const rowScratch = a.data instanceof Float32Array ? new Float64Array(2 * d) : null;
  const cols: RowBlock = { data: EMPTY, base: 0 };
  const rows: RowBlock = { data: EMPTY, base: 0 };
  for (let j0 = 0; j0 < nb; j0 += block) {
    const j1 = Math.min(nb, j0 + block);
    rowBlock(b.data, j0, j1 - j0, d, colScratch, cols);
    const cb = cols.base;
    const colSq = sqB !== null && cb > 0 ? sqB.subarray(cb) : sqB;
    let i = 0;
    for (; i + 1 < na; i += 2) {
      rowBlock(a.data, i, 2, d, rowScratch, rows);
      const rowSq = sqA !== null && rows.base > 0 ? sqA.subarray(rows.base) : sqA;
      distanceRows(met, rows.data, i - rows.base, i + 1 - rows.base, cols.data, j0 - cb, j1 - cb, d, out, i * nb + j0, (i + 1) * nb + j0, rowSq, colSq);
    }
    if (i < na) {
      rowBlock(a.data, i, 1, d, rowScratch, rows);
      const rowSq = sqA !== null && rows.base > 0 ? sqA.subarray(rows.base) : sqA;
      distanceRows(met, rows.data, i - rows.base, -1, cols.data, j0 - cb, j1 - cb, d, out, i * nb + j0, 0, rowSq, colSq);
    }
  }
  return { rows: a.rows, cols: b.rows, data: out };
}

/** Doubles of packed X rows per super-block of {@link cosineByProduct} (512 KiB). */
const COSINE_SUPER = 1 << 16;

/**
 * `out[i·n_y + j] = 1 − cos(X[i], Y[j])` through the packed product: X in super-blocks of rows,
 * Y in blocks of ≤ 128 rows, both packed (Float32 widened as packed). The dot products are the
 * plain loop's bits, so every entry equals the difference kernels' `'cosine'`.
 */
function cosineByProduct(a: Matrix, b: Matrix, sqA: Float64Array, sqB: Float64Array, out: Float64Array): void {
  const d = a.cols;
  const na = a.rows;
  const nb = b.rows;
  if (na === 0 || nb === 0) return;
  const mqMax = Math.max(4, Math.floor(COSINE_SUPER / Math.max(1, d)) & ~3);
  const bBlock = Math.min(128, ((nb + 3) >> 2) << 2);
  const mq0 = Math.min(mqMax, ((na + 3) >> 2) << 2);
  const ap = new Float64Array(mq0 * d);
  const bp = new Float64Array(bBlock * d);
  const tile = new Float64Array(mq0 * bBlock);
  for (let i0 = 0; i0 < na; i0 += mqMax) {
    const mq = Math.min(mqMax, na - i0);
    packRows(a.data, i0, mq, d, ap, 0);
    for (let j0 = 0; j0 < nb; j0 += bBlock) {
      const m = Math.min(bBlock, nb - j0);
      packRows(b.data, j0, m, d, bp, 0);
      dotBlock(ap, mq, bp, m, d, tile, bBlock);
      for (let r = 0; r < mq; r++) {
        const i = i0 + r;
        const aa = sqA[i]!;
        const o = i * nb + j0;
        const t = r * bBlock;
        for (let c = 0; c < m; c++) out[o + c] = 1 - cosineFromSums(tile[t + c]!, aa, sqB[j0 + c]!);
      }
    }
  }
}

/**
 * Converts between the condensed and the square form of a distance matrix, as scipy's
 * `squareform` does, in either direction. O(n²).
 *
 * - Given a condensed array (n(n−1)/2 distances in scipy order, e.g. from {@link pdist}), returns
 *   the full symmetric n × n Matrix with a zero diagonal (an empty array gives the 1 × 1 zero
 *   matrix, as in scipy).
 * - Given a square matrix (a `Matrix`, `number[][]` or `Float64Array[]`), returns its
 *   condensed upper triangle. The matrix must be exactly symmetric with a zero diagonal
 *   (scipy's `checks=True`), so `squareform(squareform(c))` returns `c` bit for bit.
 *
 * @param x - a condensed array, or a square distance matrix
 * @param options - `{ memoryLimit }`: budget in bytes for the square output (default 4 GiB)
 * @returns the square Matrix for a condensed input; the condensed Float64Array for a square input
 * @throws LatentError `E_TYPE` for anything else, `E_SHAPE` when a condensed length is not n(n−1)/2 for any n or a matrix is not square, `E_NOT_FINITE` for NaN / ±Infinity, `E_RANGE` for a matrix that is not symmetric or has a non-zero diagonal
 * @example
 * ```ts
 * squareform(new Float64Array([5, 10, 5])).data; // Float64Array [0, 5, 10, 5, 0, 5, 10, 5, 0]
 * squareform([[0, 5, 10], [5, 0, 5], [10, 5, 0]]); // Float64Array [5, 10, 5]
 * ```
 * @see scipy.spatial.distance.squareform
 */
export function squareform(x: ArrayLike<number>, options?: SquareformOptions): Matrix64;
export function squareform(x: MatrixLike, options?: SquareformOptions): Float64Array;
export function squareform(x: ArrayLike<number> | MatrixLike, options?: SquareformOptions): Matrix64 | Float64Array {
  const o = readOptions('squareform', options, { memoryLimit: true });
  const limit = memoryLimitOption('squareform', o.memoryLimit);
  if (typeof x !== 'object' || x === null) {
    throw new LatentError('E_TYPE', `squareform: x must be a condensed distance array or a square matrix, got ${describe(x)}`);
  }
  if (isMatrix(x) || (typeof (x as ArrayLike<unknown>).length === 'number' && (x as ArrayLike<unknown>).length > 0 && typeof (x as ArrayLike<unknown>)[0] === 'object')) {
    return toCondensed(asMatrix64(x as MatrixLike, 'squareform', 'x'));
  }
  const condensed = x as ArrayLike<number>;
  if (typeof condensed.length !== 'number') {
    throw new LatentError('E_TYPE', `squareform: x must be a condensed distance array or a square matrix, got ${describe(x)}`);
  }
  const n = condensedCount(condensed.length);
  if (n < 0) throw new LatentError('E_SHAPE', `squareform: condensed length must be n(n-1)/2 for some n, got ${condensed.length}`);
  assertMemory('squareform', `the ${n} × ${n} square matrix`, n * n * 8, limit);
  const out = new Float64Array(n * n);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = condensed[p++] as number;
      if (typeof v !== 'number' || v - v !== 0) {
        throw new LatentError(typeof v === 'number' ? 'E_NOT_FINITE' : 'E_TYPE', `squareform: condensed must hold finite numbers, got ${describe(v)} at index ${p - 1}`);
      }
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return { rows: n, cols: n, data: out };
}

function toCondensed(m: Matrix64): Float64Array {
  const n = m.rows;
  if (m.cols !== n) throw new LatentError('E_SHAPE', `squareform: x must be a square matrix, got ${m.rows} × ${m.cols}`);
  const a = m.data;
  const out = new Float64Array((n * (n - 1)) / 2);
  let p = 0;
  for (let i = 0; i < n; i++) {
    if (a[i * n + i] !== 0) throw new LatentError('E_RANGE', `squareform: x must have a zero diagonal, got ${a[i * n + i]} at (${i}, ${i})`);
    for (let j = i + 1; j < n; j++) {
      const v = a[i * n + j]!;
      if (v !== a[j * n + i]) throw new LatentError('E_RANGE', `squareform: x must be symmetric, got ${v} at (${i}, ${j}) and ${a[j * n + i]} at (${j}, ${i})`);
      out[p++] = v;
    }
  }
  return out;
}
