/**
 * Pairwise distances: condensed (`pdist`), rectangular (`cdist`) and the conversion between
 * condensed and square forms (`squareform`).
 */
import { LatentError, describe } from '../core/errors.js';
import { toMatrix, type Matrix, type MatrixLike } from '../core/matrix.js';
import { assertAllocatable } from '../core/validate.js';
import { cosineFromSums } from './metrics.js';
import { callMetric, checkMetric, type Metric, type MetricFunction } from './metric.js';

/**
 * Distance between row `i` of `a` and row `j` of `b` (offsets precomputed), for a built-in
 * metric. One switch per pair; the O(d) loop inside is monomorphic.
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

function rowViews(m: Matrix): Float64Array[] {
  const views: Float64Array[] = new Array<Float64Array>(m.rows);
  for (let i = 0; i < m.rows; i++) views[i] = m.data.subarray(i * m.cols, (i + 1) * m.cols);
  return views;
}

/**
 * Pairwise distances between the rows of `X`, condensed as scipy does: the upper triangle
 * of the n×n matrix, row by row, `(0,1), (0,2), …, (0,n−1), (1,2), …`. Entry of (i, j),
 * i < j, is at `n·i − i·(i+1)/2 + j − i − 1`. O(n²·d) time, n(n−1)/2 doubles of memory.
 *
 * Euclidean distances are computed from coordinate differences, so they stay exact for
 * points far from the origin (unlike the `‖a‖² + ‖b‖² − 2a·b` expansion).
 *
 * @param X - n × d data
 * @param metric - a {@link Metric} (default `'euclidean'`)
 * @returns the condensed distances, length n(n−1)/2
 * @throws LatentError `E_SHAPE`/`E_NOT_FINITE` for bad data, `E_OPTION` for an unknown metric, `E_MEMORY` when n is too large
 * @example
 * ```ts
 * pdist([[0, 0], [3, 4], [6, 8]]); // Float64Array [5, 10, 5]
 * ```
 * @see scipy.spatial.distance.pdist
 */
export function pdist(X: MatrixLike, metric?: Metric): Float64Array {
  const m = toMatrix(X, 'pdist', 'X');
  const met = checkMetric('pdist', metric);
  const n = m.rows;
  const d = m.cols;
  const size = (n * (n - 1)) / 2;
  assertAllocatable('pdist', 'the condensed distance array', size);
  const out = new Float64Array(size);
  if (typeof met === 'function') {
    const views = rowViews(m);
    let p = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[p++] = callMetric('pdist', met, views[i] as Float64Array, views[j] as Float64Array);
    return out;
  }
  const data = m.data;
  let p = 0;
  for (let i = 0; i < n; i++) {
    const ii = i * d;
    for (let j = i + 1; j < n; j++) out[p++] = rowDistance(met, data, ii, data, j * d, d);
  }
  return out;
}

/**
 * Distances between every row of `X` and every row of `Y`: entry (i, j) is
 * `metric(X[i], Y[j])`. O(nₓ·n_y·d).
 *
 * @param X - nₓ × d
 * @param Y - n_y × d
 * @param metric - a {@link Metric} (default `'euclidean'`)
 * @returns an nₓ × n_y Matrix
 * @throws LatentError `E_SHAPE` when widths differ, `E_NOT_FINITE`, `E_OPTION`, `E_MEMORY`
 * @example
 * ```ts
 * cdist([[0, 0]], [[3, 4], [0, 1]]).data; // Float64Array [5, 1]
 * ```
 * @see scipy.spatial.distance.cdist
 */
export function cdist(X: MatrixLike, Y: MatrixLike, metric?: Metric): Matrix {
  const a = toMatrix(X, 'cdist', 'X');
  const b = toMatrix(Y, 'cdist', 'Y');
  const met = checkMetric('cdist', metric);
  if (a.cols !== b.cols && a.rows > 0 && b.rows > 0) {
    throw new LatentError('E_SHAPE', `cdist: Y columns must equal X columns ${a.cols}, got ${b.cols}`);
  }
  const d = a.cols;
  assertAllocatable('cdist', 'the distance matrix', a.rows * b.rows);
  const out = new Float64Array(a.rows * b.rows);
  if (typeof met === 'function') {
    const va = rowViews(a);
    const vb = rowViews(b);
    const f: MetricFunction = met;
    for (let i = 0; i < a.rows; i++) for (let j = 0; j < b.rows; j++) out[i * b.rows + j] = callMetric('cdist', f, va[i] as Float64Array, vb[j] as Float64Array);
  } else {
    for (let i = 0; i < a.rows; i++) {
      const ii = i * d;
      const o = i * b.rows;
      for (let j = 0; j < b.rows; j++) out[o + j] = rowDistance(met, a.data, ii, b.data, j * d, d);
    }
  }
  return { rows: a.rows, cols: b.rows, data: out };
}

/**
 * Number of points n whose condensed distance array has `length` entries, or -1.
 *
 * @param length - condensed length n(n−1)/2
 * @returns n, or −1 when no integer n fits
 * @example
 * ```ts
 * condensedSize(3); // 3
 * condensedSize(4); // -1
 * ```
 */
export function condensedSize(length: number): number {
  const n = Math.round((1 + Math.sqrt(1 + 8 * length)) / 2);
  return (n * (n - 1)) / 2 === length ? n : -1;
}

/**
 * Index of pair (i, j), i ≠ j, in a condensed array over n points (scipy order).
 *
 * @param n - number of points
 * @param i - first point
 * @param j - second point
 * @returns the index
 * @example
 * ```ts
 * condensedIndex(4, 1, 2); // 3
 * ```
 */
export function condensedIndex(n: number, i: number, j: number): number {
  if (i > j) {
    const t = i;
    i = j;
    j = t;
  }
  return n * i - (i * (i + 1)) / 2 + j - i - 1;
}

/**
 * Expands a condensed distance array (from {@link pdist}) into the full symmetric n×n
 * matrix with a zero diagonal. O(n²).
 *
 * @param condensed - n(n−1)/2 distances in scipy order
 * @returns the n × n Matrix
 * @throws LatentError `E_SHAPE` when the length is not n(n−1)/2 for any n, `E_NOT_FINITE`
 * @example
 * ```ts
 * squareform(new Float64Array([5, 10, 5])).data; // Float64Array [0, 5, 10, 5, 0, 5, 10, 5, 0]
 * ```
 * @see scipy.spatial.distance.squareform
 */
export function squareform(condensed: ArrayLike<number>): Matrix {
  if (typeof condensed !== 'object' || condensed === null || typeof condensed.length !== 'number') {
    throw new LatentError('E_TYPE', `squareform: condensed must be an array of distances, got ${describe(condensed)}`);
  }
  const n = condensedSize(condensed.length);
  if (n < 0) throw new LatentError('E_SHAPE', `squareform: condensed length must be n(n-1)/2 for some n, got ${condensed.length}`);
  const out = new Float64Array(n * n);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = condensed[p++] as number;
      if (v - v !== 0) throw new LatentError('E_NOT_FINITE', `squareform: condensed must be finite, got ${describe(v)} at index ${p - 1}`);
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return { rows: n, cols: n, data: out };
}
