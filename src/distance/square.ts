/**
 * The one place that builds an n × n distance matrix: from points (with the exact kernels of
 * `pdist`, so every entry equals `pdist`'s bit for bit) or by expanding a condensed array; plus
 * the condensed-index arithmetic (scipy order) every consumer shares.
 */
import { LatentError, describe } from '../core/errors.js';
import type { Matrix, Matrix64 } from '../core/matrix.js';
import { assertMemory } from '../core/memory.js';
import { integerIn } from '../core/options.js';
import { cosineNorms, distanceRows, rowBlock, rowViews, type RowBlock } from './kernels.js';
import { callMetric, type Metric } from './metric.js';
import { runSync, type Work } from '../core/task.js';

/**
 * Up to this many points, algorithms that scan distance rows many times (nearest-neighbour-chain
 * linkage, k-medoids) expand the distances into a full n × n matrix (at most 128 MiB): its rows
 * are contiguous, about 2–3× faster to scan than the condensed layout. Above it they work on the
 * condensed array. Both layouts give bit-identical results.
 */
export const SQUARE_MAX_POINTS = 4096;

/**
 * Offset such that the distance of (i, j), i < j, is at `condensedRowOffset(n, i) + j` in a
 * condensed array over n points (scipy order: `(0,1), (0,2), …, (1,2), …`).
 *
 * @param n - number of points
 * @param i - the smaller index
 * @returns `n·i − i(i+1)/2 − i − 1`
 * @example
 * ```ts
 * condensedRowOffset(4, 1) + 2; // 3 = condensedIndex(4, 1, 2)
 * ```
 */
export function condensedRowOffset(n: number, i: number): number {
  return n * i - (i * (i + 1)) / 2 - i - 1;
}

/**
 * Index of pair (i, j), i ≠ j, in a condensed array over n points (scipy order).
 *
 * @param n - number of points
 * @param i - first point
 * @param j - second point
 * @returns the index
 * @throws LatentError `E_TYPE` / `E_RANGE` unless n ≥ 2 and i, j are distinct integers in [0, n)
 * @example
 * ```ts
 * condensedIndex(4, 1, 2); // 3
 * ```
 */
export function condensedIndex(n: number, i: number, j: number): number {
  const fn = 'condensedIndex';
  integerIn(fn, 'n', n, { min: 2, max: 2 ** 32 });
  integerIn(fn, 'i', i, { min: 0, max: n - 1 });
  integerIn(fn, 'j', j, { min: 0, max: n - 1 });
  // The diagonal is not stored: (i, i) has no index (scipy's squareform drops it too).
  if (i === j) throw new LatentError('E_RANGE', `${fn}: j must differ from i (the diagonal is not stored), got i = j = ${i}`);
  return i < j ? condensedRowOffset(n, i) + j : condensedRowOffset(n, j) + i;
}

/**
 * Number of points n whose condensed distance array has `length` entries, or -1.
 *
 * @param length - condensed length n(n−1)/2
 * @returns n, or −1 when no integer n fits
 * @throws LatentError `E_TYPE` / `E_RANGE` unless length is a non-negative integer
 * @example
 * ```ts
 * condensedSize(3); // 3
 * condensedSize(4); // -1
 * ```
 */
export function condensedSize(length: number): number {
  integerIn('condensedSize', 'length', length, { min: 0 });
  return condensedCount(length);
}

/**
 * {@link condensedSize} without the argument check, for callers that validated the array and
 * report its errors under their own name.
 *
 * @internal
 * @param length - condensed length, a non-negative integer
 * @returns n, or −1 when no integer n fits
 * @example
 * ```ts
 * condensedCount(6); // 4
 * ```
 */
export function condensedCount(length: number): number {
  const n = Math.round((1 + Math.sqrt(1 + 8 * length)) / 2);
  return (n * (n - 1)) / 2 === length ? n : -1;
}

/**
 * Throws `E_MEMORY` unless an n × n matrix of doubles fits the call's budget.
 *
 * @param fn - public function name
 * @param n - number of points
 * @param limit - the call's `memoryLimit` in bytes
 * @param what - what the matrix is, for the message
 * @throws LatentError `E_MEMORY`
 * @example
 * ```ts
 * assertSquareMemory('kmedoids', 60000, 2 ** 32); // throws: 26.8 GiB
 * ```
 */
export function assertSquareMemory(fn: string, n: number, limit: number, what = 'the n × n distance matrix'): void {
  assertMemory(fn, `${what} (n = ${n})`, n * n * 8, limit);
}

/**
 * The full symmetric n × n matrix (zero diagonal) of a condensed distance array, written in
 * 64 × 64 tiles so the transposed half stays cache-friendly. O(n²) time, n² doubles.
 *
 * @param condensed - n(n−1)/2 distances in scipy order (any array-like of numbers; not modified)
 * @param n - number of points
 * @returns n × n row-major distances
 * @example
 * ```ts
 * squareFromCondensed(new Float64Array([1, 4, 2]), 3); // Float64Array [0, 1, 4, 1, 0, 2, 4, 2, 0]
 * ```
 */
export function squareFromCondensed(condensed: ArrayLike<number>, n: number): Float64Array {
  const S = new Float64Array(n * n);
  const T = 64;
  for (let i0 = 0; i0 < n; i0 += T) {
    const i1 = Math.min(n, i0 + T);
    for (let j0 = i0; j0 < n; j0 += T) {
      const j1 = Math.min(n, j0 + T);
      for (let i = i0; i < i1; i++) {
        const r = condensedRowOffset(n, i);
        const start = j0 > i ? j0 : i + 1;
        for (let j = start; j < j1; j++) {
          const v = condensed[r + j]!;
          S[i * n + j] = v;
          S[j * n + i] = v;
        }
      }
    }
  }
  return S;
}

/**
 * The full symmetric n × n distance matrix (zero diagonal) of the rows of `X`, computed with the
 * kernels of `pdist` (every entry equals `pdist`'s bit for bit) straight into the upper triangle
 * in column blocks that stay in cache, each block mirrored while hot. Saves the condensed array
 * and the copy. O(n²·d) time, n² doubles.
 *
 * A custom metric is called once per pair `metric(X[i], X[j])`, i < j.
 *
 * @param fn - public function name, for errors from a custom metric
 * @param X - validated n × d data
 * @param metric - a validated metric
 * @returns n × n row-major distances
 * @throws LatentError from a misbehaving custom metric; `E_RANGE` for cosine on rows whose norms overflow
 * @example
 * ```ts
 * squareFromPoints('linkage', { rows: 3, cols: 1, data: new Float64Array([0, 1, 5]) }, 'euclidean');
 * // Float64Array [0, 1, 5, 1, 0, 4, 5, 4, 0]
 * ```
 */
export function squareFromPoints(fn: string, X: Matrix64, metric: Metric): Float64Array {
  return runSync(squareFromPointsWork(fn, X, metric), { fn });
}

/**
 * {@link squareFromPoints} as resumable work: a checkpoint after each column block (custom
 * metric: each row), reporting stage `'distances'` in rows of the upper triangle.
 *
 * @param fn - public function name
 * @param X - validated n × d data
 * @param metric - a validated metric
 * @returns the work, whose result is the n × n distances
 * @example
 * ```ts
 * const S = runSync(squareFromPointsWork('linkage', X, 'euclidean'), { fn: 'linkage', signal });
 * ```
 */
export function* squareFromPointsWork(fn: string, X: Matrix64, metric: Metric): Work<Float64Array> {
  const n = X.rows;
  const d = X.cols;
  const data = X.data;
  const S = new Float64Array(n * n);
  if (typeof metric === 'function') {
    // A private copy: a custom metric that writes into its arguments cannot reach the caller's data.
    const own = data.slice();
    for (let i = 0; i < n; i++) {
      const a = own.subarray(i * d, i * d + d);
      for (let j = i + 1; j < n; j++) {
        const v = callMetric(fn, metric, a, own.subarray(j * d, j * d + d));
        S[i * n + j] = v;
        S[j * n + i] = v;
      }
      yield { stage: 'distances', completed: i + 1, total: n };
    }
    return S;
  }
  const sq = metric === 'cosine' ? cosineNorms(fn, 'X', data, n, d) : null;
  // Column blocks whose rows stay in cache; rows i and i+1 together (as pdist does).
  const block = Math.max(16, Math.floor(32768 / Math.max(1, d)));
  for (let j0 = 0; j0 < n; j0 += block) {
    const j1 = Math.min(n, j0 + block);
    for (let i = 0; i + 1 < j1; i += 2) {
      const ri = i * n;
      const ri1 = ri + n;
      if (i + 1 >= j0) {
        distanceRows(metric, data, i, -1, data, i + 1, i + 2, d, S, ri + i + 1, 0, sq, sq);
        S[ri1 + i] = S[ri + i + 1]!;
      }
      const start = Math.max(j0, i + 2);
      if (start < j1) {
        distanceRows(metric, data, i, i + 1, data, start, j1, d, S, ri + start, ri1 + start, sq, sq);
        // Mirror while hot: (j, i) and (j, i + 1) share a cache line.
        for (let j = start; j < j1; j++) {
          S[j * n + i] = S[ri + j]!;
          S[j * n + i + 1] = S[ri1 + j]!;
        }
      }
      // A checkpoint every 64 row pairs keeps large blocks interruptible.
      if ((i & 127) === 126) yield undefined;
    }
    yield { stage: 'distances', completed: j1, total: n };
  }
  return S;
}

/** Doubles of the right-hand operand kept hot per column block (256 KiB). */
const CACHE_DOUBLES = 32768;

/**
 * Rows per column block of the blocked distance loops: as many as fit `CACHE_DOUBLES`, a multiple
 * of 4 (whole register tiles), at least 4.
 *
 * @param d - row length
 * @param n - rows available
 * @returns the block size
 * @example
 * ```ts
 * columnBlock(64, 10000); // 512
 * ```
 */
export function columnBlock(d: number, n: number): number {
  return Math.max(4, Math.min(n, Math.floor(CACHE_DOUBLES / Math.max(1, d))) & ~3);
}

/**
 * The condensed distances (scipy order) of the rows of `X` as resumable work: the blocked exact
 * kernels of `pdist` (same bits), with a checkpoint every few row pairs and a progress report per
 * column block (stage `'distances'`). O(n²·d) time, n(n−1)/2 doubles.
 *
 * @param fn - public function name
 * @param X - validated n × d data
 * @param metric - a validated metric
 * @returns the work, whose result is the condensed array
 * @example
 * ```ts
 * const D = runSync(condensedFromPointsWork('linkage', X, 'euclidean'), { fn: 'linkage', signal });
 * ```
 */
export function* condensedFromPointsWork(fn: string, X: Matrix, metric: Metric): Work<Float64Array> {
  const n = X.rows;
  const d = X.cols;
  const data = X.data;
  const out = new Float64Array((n * (n - 1)) / 2);
  if (typeof metric === 'function') {
    const views = rowViews(X);
    let p = 0;
    for (let i = 0; i < n; i++) {
      const a = views[i]!;
      for (let j = i + 1; j < n; j++) out[p++] = callMetric(fn, metric, a, views[j]!);
      yield { stage: 'distances', completed: i + 1, total: n };
    }
    return out;
  }
  const sq = metric === 'cosine' ? cosineNorms(fn, 'X', data, n, d) : null;
  // Column blocks [j0, j1) small enough to stay in cache; within a block, rows i and i+1 together
  // against columns max(j0, i+2) … j1−1 (2×4 register tiles) and the pair (i, i+1) alone.
  // Float32 data: the block and the row pair are widened into scratch, their norms shifted alike.
  const block = columnBlock(d, n);
  const f32 = data instanceof Float32Array;
  const colScratch = f32 ? new Float64Array(block * d) : null;
  const rowScratch = f32 ? new Float64Array(3 * d) : null;
  const rowSq = f32 && sq !== null ? new Float64Array(3) : sq;
  const cols: RowBlock = { data: EMPTY, base: 0 };
  const rows: RowBlock = { data: EMPTY, base: 0 };
  for (let j0 = 0; j0 < n; j0 += block) {
    const j1 = Math.min(n, j0 + block);
    rowBlock(data, j0, j1 - j0, d, colScratch, cols);
    const colSq = f32 && sq !== null ? sq.subarray(j0, j1) : sq;
    for (let i = 0; i + 1 < j1; i += 2) {
      const r0 = condensedRowOffset(n, i); // condensed index of (i, j) is r0 + j
      const r1 = r0 + n - i - 2; // condensed index of (i+1, j) is r1 + j
      rowBlock(data, i, Math.min(3, n - i), d, rowScratch, rows);
      const rb = rows.base;
      if (f32 && sq !== null) for (let t = 0; t < 3 && i + t < n; t++) rowSq![t] = sq[i + t]!;
      if (i + 1 >= j0) distanceRows(metric, rows.data, i - rb, -1, rows.data, i + 1 - rb, i + 2 - rb, d, out, r0 + i + 1, 0, rowSq, rowSq);
      const start = Math.max(j0, i + 2);
      if (start < j1) distanceRows(metric, rows.data, i - rb, i + 1 - rb, cols.data, start - cols.base, j1 - cols.base, d, out, r0 + start, r1 + start, rowSq, colSq);
      if ((i & 127) === 126) yield undefined;
    }
    yield { stage: 'distances', completed: j1, total: n };
  }
  return out;
}

const EMPTY = /* @__PURE__ */ new Float64Array(0);

/**
 * The number of points of a condensed distance array given by a user (`kmedoidsFromDistances`,
 * `linkageFromDistances`, `hdbscanFromDistances`, `mds` from distances): an array-like whose
 * length is n(n−1)/2. O(1): call {@link checkCondensedValues} after any size check of your own.
 *
 * @param fn - public function name
 * @param name - argument name
 * @param condensed - the received value
 * @returns the number of points n
 * @throws LatentError `E_TYPE` (not an array-like), `E_SHAPE` (bad length)
 * @example
 * ```ts
 * condensedPoints('linkageFromDistances', 'condensed', [1, 2, 3]); // 3
 * ```
 */
export function condensedPoints(fn: string, name: string, condensed: unknown): number {
  if (typeof condensed !== 'object' || condensed === null || typeof (condensed as ArrayLike<unknown>).length !== 'number') {
    throw new LatentError('E_TYPE', `${fn}: ${name} must be an array of n(n-1)/2 distances (e.g. from pdist), got ${describe(condensed)}`);
  }
  const len = (condensed as ArrayLike<unknown>).length;
  const n = condensedCount(len);
  if (n < 1) throw new LatentError('E_SHAPE', `${fn}: ${name} length must be n(n-1)/2 for some n (0, 1, 3, 6, 10, …), got ${describe(len)}`);
  return n;
}

/**
 * Checks every entry of a condensed distance array: a number (strings are not converted),
 * finite and ≥ 0. One pass, no allocation.
 *
 * @param fn - public function name
 * @param name - argument name
 * @param condensed - an array-like already sized by {@link condensedPoints}
 * @throws LatentError `E_TYPE` (a non-number entry), `E_NOT_FINITE`, `E_RANGE` (negative distance)
 * @example
 * ```ts
 * checkCondensedValues('kmedoidsFromDistances', 'condensed', [1, '2', 3]); // throws E_TYPE
 * ```
 */
export function checkCondensedValues(fn: string, name: string, condensed: ArrayLike<unknown>): void {
  const len = condensed.length;
  for (let p = 0; p < len; p++) {
    const v = condensed[p];
    if (typeof v === 'number' && v >= 0 && v !== Infinity) continue;
    if (typeof v !== 'number') throw new LatentError('E_TYPE', `${fn}: ${name} must hold finite distances >= 0, got ${describe(v)} at index ${p}`);
    throw new LatentError(v - v !== 0 ? 'E_NOT_FINITE' : 'E_RANGE', `${fn}: ${name} must hold finite distances >= 0, got ${describe(v)} at index ${p}`);
  }
}
