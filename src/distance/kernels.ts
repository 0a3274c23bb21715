/**
 * Register-blocked distance kernels shared by `pdist`, `cdist` and the `neighbors` module.
 *
 * Each kernel computes the distances from one or two rows of `A` to a run of consecutive rows
 * of `B`, four `B` rows at a time (a 2×4 tile keeps 8 accumulators, 2 `A` values and 4 `B`
 * values in registers: 6 loads feed 24 flops). Every accumulator still sums its coordinates in
 * order `k = 0, 1, …, d−1`, exactly as the scalar functions in `metrics.ts` do, so a tiled
 * distance is bit-for-bit the scalar one (and `d(a, b) === d(b, a)` bit-for-bit).
 *
 * Euclidean distances are computed from coordinate differences, never through
 * `‖a‖² + ‖b‖² − 2a·b`: that expansion cancels catastrophically for points far from the origin
 * (two points 1e-4 apart at distance 1e4 from the origin lose every significant digit of their
 * distance), while the difference form is accurate to a few ulps everywhere.
 *
 * Internal module: arguments are not validated (the public entry points validate once).
 */
import { LatentError } from '../core/errors.js';
import type { FloatArray, Matrix } from '../core/matrix.js';
import type { MetricName } from './metric.js';
import { cosineFromSums } from './metrics.js';

/**
 * Squared norms `Σₖ x²` of each row of a row-major `rows × d` array (Float64 or Float32: each
 * value is widened exactly), summed in coordinate order (the same order as
 * {@link cosineSimilarity}, so cosine tiles match it bit-for-bit). O(rows·d).
 *
 * @internal
 * @param A - row-major data
 * @param rows - number of rows
 * @param d - row length
 * @returns `rows` squared norms
 * @example
 * ```ts
 * rowSqNorms(new Float64Array([3, 4, 1, 0]), 2, 2); // Float64Array [25, 1]
 * ```
 */
export function rowSqNorms(A: FloatArray, rows: number, d: number): Float64Array {
  const out = new Float64Array(rows);
  if (A instanceof Float32Array) sqNorms32(A, rows, d, out);
  else sqNorms64(A, rows, d, out);
  return out;
}

function sqNorms64(A: Float64Array, rows: number, d: number, out: Float64Array): void {
  for (let i = 0; i < rows; i++) {
    const o = i * d;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const x = A[o + k]!;
      s += x * x;
    }
    out[i] = s;
  }
}

function sqNorms32(A: Float32Array, rows: number, d: number, out: Float64Array): void {
  for (let i = 0; i < rows; i++) {
    const o = i * d;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const x = A[o + k]!;
      s += x * x;
    }
    out[i] = s;
  }
}

/**
 * {@link rowSqNorms} for the cosine metric, checking that no squared norm overflowed (finite
 * coordinates beyond ~1e154 do), which would turn every similarity of that row into NaN.
 *
 * @internal
 * @param fn - public function name
 * @param name - argument name
 * @param A - row-major data
 * @param rows - number of rows
 * @param d - row length
 * @returns `rows` squared norms, all finite
 * @throws LatentError `E_RANGE` when a squared norm overflows
 * @example
 * ```ts
 * cosineNorms('pdist', 'X', new Float64Array([3, 4]), 1, 2); // Float64Array [25]
 * ```
 */
export function cosineNorms(fn: string, name: string, A: FloatArray, rows: number, d: number): Float64Array {
  const sq = rowSqNorms(A, rows, d);
  for (let i = 0; i < rows; i++) {
    if (sq[i] === Infinity) {
      throw new LatentError('E_RANGE', `${fn}: ${name} rows must have finite squared norms for metric 'cosine', got Infinity at row ${i} (coordinates beyond ~1e154 overflow; rescale the data)`);
    }
  }
  return sq;
}

/**
 * Distances from rows `i0` and `i1` of `A` (or only `i0` when `i1 < 0`) to rows `j0 … j1−1` of
 * `B`, for a built-in metric. Writes `dist(A[i0], B[j])` to `out[o0 + j − j0]` and
 * `dist(A[i1], B[j])` to `out[o1 + j − j0]`. O((j1 − j0)·d); allocates nothing.
 *
 * For `'cosine'`, `sqA` / `sqB` must hold the squared row norms of `A` / `B` (from
 * {@link rowSqNorms}); they are ignored for the other metrics.
 *
 * @internal
 * @param metric - built-in metric name
 * @param A - row-major data of the left rows
 * @param i0 - first left row
 * @param i1 - second left row, or −1 for a single row
 * @param B - row-major data of the right rows (may be `A`)
 * @param j0 - first right row
 * @param j1 - one past the last right row
 * @param d - row length (shared by `A` and `B`)
 * @param out - destination
 * @param o0 - offset in `out` of `dist(A[i0], B[j0])`
 * @param o1 - offset in `out` of `dist(A[i1], B[j0])` (ignored when `i1 < 0`)
 * @param sqA - squared norms of `A`'s rows (cosine only)
 * @param sqB - squared norms of `B`'s rows (cosine only)
 * @example
 * ```ts
 * const out = new Float64Array(2);
 * distanceRows('euclidean', new Float64Array([0, 0]), 0, -1, new Float64Array([3, 4, 6, 8]), 0, 2, 2, out, 0, 0, null, null);
 * out; // Float64Array [5, 10]
 * ```
 */
export function distanceRows(
  metric: MetricName,
  A: Float64Array,
  i0: number,
  i1: number,
  B: Float64Array,
  j0: number,
  j1: number,
  d: number,
  out: Float64Array,
  o0: number,
  o1: number,
  sqA: Float64Array | null,
  sqB: Float64Array | null,
): void {
  if (j1 <= j0) return;
  const a0 = i0 * d;
  const a1 = i1 * d;
  const two = i1 >= 0;
  switch (metric) {
    case 'euclidean':
    case 'sqeuclidean':
      // The square root is taken as each sum is stored (the same value as a second pass).
      if (two) sq2(A, a0, a1, B, j0, j1, d, out, o0, o1, metric === 'euclidean');
      else sq1(A, a0, B, j0, j1, d, out, o0, metric === 'euclidean');
      return;
    case 'manhattan':
      if (two) l12(A, a0, a1, B, j0, j1, d, out, o0, o1);
      else l11(A, a0, B, j0, j1, d, out, o0);
      return;
    case 'chebyshev':
      if (two) linf2(A, a0, a1, B, j0, j1, d, out, o0, o1);
      else linf1(A, a0, B, j0, j1, d, out, o0);
      return;
    default: {
      // cosine: dot products, then 1 − ab / √(aa·bb) with the shared zero-vector convention.
      if (two) dot2(A, a0, a1, B, j0, j1, d, out, o0, o1);
      else dot1(A, a0, B, j0, j1, d, out, o0);
      const na = sqA!;
      const nb = sqB!;
      const m = j1 - j0;
      const aa0 = na[i0]!;
      for (let c = 0; c < m; c++) out[o0 + c] = 1 - cosineFromSums(out[o0 + c]!, aa0, nb[j0 + c]!);
      if (two) {
        const aa1 = na[i1]!;
        for (let c = 0; c < m; c++) out[o1 + c] = 1 - cosineFromSums(out[o1 + c]!, aa1, nb[j0 + c]!);
      }
    }
  }
}

function sq2(A: Float64Array, a0: number, a1: number, B: Float64Array, j0: number, j1: number, d: number, out: Float64Array, o0: number, o1: number, root: boolean): void {
  let j = j0;
  for (; j + 3 < j1; j += 4) {
    const b0 = j * d;
    const b1 = b0 + d;
    const b2 = b1 + d;
    const b3 = b2 + d;
    let s00 = 0;
    let s01 = 0;
    let s02 = 0;
    let s03 = 0;
    let s10 = 0;
    let s11 = 0;
    let s12 = 0;
    let s13 = 0;
    for (let k = 0; k < d; k++) {
      const x0 = A[a0 + k]!;
      const x1 = A[a1 + k]!;
      const y0 = B[b0 + k]!;
      const y1 = B[b1 + k]!;
      const y2 = B[b2 + k]!;
      const y3 = B[b3 + k]!;
      let t = x0 - y0;
      s00 += t * t;
      t = x0 - y1;
      s01 += t * t;
      t = x0 - y2;
      s02 += t * t;
      t = x0 - y3;
      s03 += t * t;
      t = x1 - y0;
      s10 += t * t;
      t = x1 - y1;
      s11 += t * t;
      t = x1 - y2;
      s12 += t * t;
      t = x1 - y3;
      s13 += t * t;
    }
    const c = j - j0;
    out[o0 + c] = root ? Math.sqrt(s00) : s00;
    out[o0 + c + 1] = root ? Math.sqrt(s01) : s01;
    out[o0 + c + 2] = root ? Math.sqrt(s02) : s02;
    out[o0 + c + 3] = root ? Math.sqrt(s03) : s03;
    out[o1 + c] = root ? Math.sqrt(s10) : s10;
    out[o1 + c + 1] = root ? Math.sqrt(s11) : s11;
    out[o1 + c + 2] = root ? Math.sqrt(s12) : s12;
    out[o1 + c + 3] = root ? Math.sqrt(s13) : s13;
  }
  for (; j < j1; j++) {
    const b = j * d;
    let s0 = 0;
    let s1 = 0;
    for (let k = 0; k < d; k++) {
      const y = B[b + k]!;
      let t = A[a0 + k]! - y;
      s0 += t * t;
      t = A[a1 + k]! - y;
      s1 += t * t;
    }
    out[o0 + j - j0] = root ? Math.sqrt(s0) : s0;
    out[o1 + j - j0] = root ? Math.sqrt(s1) : s1;
  }
}

function sq1(A: Float64Array, a0: number, B: Float64Array, j0: number, j1: number, d: number, out: Float64Array, o0: number, root: boolean): void {
  let j = j0;
  for (; j + 3 < j1; j += 4) {
    const b0 = j * d;
    const b1 = b0 + d;
    const b2 = b1 + d;
    const b3 = b2 + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const x = A[a0 + k]!;
      let t = x - B[b0 + k]!;
      s0 += t * t;
      t = x - B[b1 + k]!;
      s1 += t * t;
      t = x - B[b2 + k]!;
      s2 += t * t;
      t = x - B[b3 + k]!;
      s3 += t * t;
    }
    const c = o0 + j - j0;
    out[c] = root ? Math.sqrt(s0) : s0;
    out[c + 1] = root ? Math.sqrt(s1) : s1;
    out[c + 2] = root ? Math.sqrt(s2) : s2;
    out[c + 3] = root ? Math.sqrt(s3) : s3;
  }
  for (; j < j1; j++) {
    const b = j * d;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const t = A[a0 + k]! - B[b + k]!;
      s += t * t;
    }
    out[o0 + j - j0] = root ? Math.sqrt(s) : s;
  }
}

function l12(A: Float64Array, a0: number, a1: number, B: Float64Array, j0: number, j1: number, d: number, out: Float64Array, o0: number, o1: number): void {
  let j = j0;
  for (; j + 3 < j1; j += 4) {
    const b0 = j * d;
    const b1 = b0 + d;
    const b2 = b1 + d;
    const b3 = b2 + d;
    let s00 = 0;
    let s01 = 0;
    let s02 = 0;
    let s03 = 0;
    let s10 = 0;
    let s11 = 0;
    let s12 = 0;
    let s13 = 0;
    for (let k = 0; k < d; k++) {
      const x0 = A[a0 + k]!;
      const x1 = A[a1 + k]!;
      const y0 = B[b0 + k]!;
      const y1 = B[b1 + k]!;
      const y2 = B[b2 + k]!;
      const y3 = B[b3 + k]!;
      s00 += Math.abs(x0 - y0);
      s01 += Math.abs(x0 - y1);
      s02 += Math.abs(x0 - y2);
      s03 += Math.abs(x0 - y3);
      s10 += Math.abs(x1 - y0);
      s11 += Math.abs(x1 - y1);
      s12 += Math.abs(x1 - y2);
      s13 += Math.abs(x1 - y3);
    }
    const c = j - j0;
    out[o0 + c] = s00;
    out[o0 + c + 1] = s01;
    out[o0 + c + 2] = s02;
    out[o0 + c + 3] = s03;
    out[o1 + c] = s10;
    out[o1 + c + 1] = s11;
    out[o1 + c + 2] = s12;
    out[o1 + c + 3] = s13;
  }
  for (; j < j1; j++) {
    const b = j * d;
    let s0 = 0;
    let s1 = 0;
    for (let k = 0; k < d; k++) {
      const y = B[b + k]!;
      s0 += Math.abs(A[a0 + k]! - y);
      s1 += Math.abs(A[a1 + k]! - y);
    }
    out[o0 + j - j0] = s0;
    out[o1 + j - j0] = s1;
  }
}

function l11(A: Float64Array, a0: number, B: Float64Array, j0: number, j1: number, d: number, out: Float64Array, o0: number): void {
  let j = j0;
  for (; j + 3 < j1; j += 4) {
    const b0 = j * d;
    const b1 = b0 + d;
    const b2 = b1 + d;
    const b3 = b2 + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const x = A[a0 + k]!;
      s0 += Math.abs(x - B[b0 + k]!);
      s1 += Math.abs(x - B[b1 + k]!);
      s2 += Math.abs(x - B[b2 + k]!);
      s3 += Math.abs(x - B[b3 + k]!);
    }
    const c = o0 + j - j0;
    out[c] = s0;
    out[c + 1] = s1;
    out[c + 2] = s2;
    out[c + 3] = s3;
  }
  for (; j < j1; j++) {
    const b = j * d;
    let s = 0;
    for (let k = 0; k < d; k++) s += Math.abs(A[a0 + k]! - B[b + k]!);
    out[o0 + j - j0] = s;
  }
}

function linf2(A: Float64Array, a0: number, a1: number, B: Float64Array, j0: number, j1: number, d: number, out: Float64Array, o0: number, o1: number): void {
  let j = j0;
  for (; j + 3 < j1; j += 4) {
    const b0 = j * d;
    const b1 = b0 + d;
    const b2 = b1 + d;
    const b3 = b2 + d;
    let s00 = 0;
    let s01 = 0;
    let s02 = 0;
    let s03 = 0;
    let s10 = 0;
    let s11 = 0;
    let s12 = 0;
    let s13 = 0;
    for (let k = 0; k < d; k++) {
      const x0 = A[a0 + k]!;
      const x1 = A[a1 + k]!;
      const y0 = B[b0 + k]!;
      const y1 = B[b1 + k]!;
      const y2 = B[b2 + k]!;
      const y3 = B[b3 + k]!;
      let t = Math.abs(x0 - y0);
      if (t > s00) s00 = t;
      t = Math.abs(x0 - y1);
      if (t > s01) s01 = t;
      t = Math.abs(x0 - y2);
      if (t > s02) s02 = t;
      t = Math.abs(x0 - y3);
      if (t > s03) s03 = t;
      t = Math.abs(x1 - y0);
      if (t > s10) s10 = t;
      t = Math.abs(x1 - y1);
      if (t > s11) s11 = t;
      t = Math.abs(x1 - y2);
      if (t > s12) s12 = t;
      t = Math.abs(x1 - y3);
      if (t > s13) s13 = t;
    }
    const c = j - j0;
    out[o0 + c] = s00;
    out[o0 + c + 1] = s01;
    out[o0 + c + 2] = s02;
    out[o0 + c + 3] = s03;
    out[o1 + c] = s10;
    out[o1 + c + 1] = s11;
    out[o1 + c + 2] = s12;
    out[o1 + c + 3] = s13;
  }
  for (; j < j1; j++) {
    const b = j * d;
    let s0 = 0;
    let s1 = 0;
    for (let k = 0; k < d; k++) {
      const y = B[b + k]!;
      let t = Math.abs(A[a0 + k]! - y);
      if (t > s0) s0 = t;
      t = Math.abs(A[a1 + k]! - y);
      if (t > s1) s1 = t;
    }
    out[o0 + j - j0] = s0;
    out[o1 + j - j0] = s1;
  }
}

function linf1(A: Float64Array, a0: number, B: Float64Array, j0: number, j1: number, d: number, out: Float64Array, o0: number): void {
  let j = j0;
  for (; j + 3 < j1; j += 4) {
    const b0 = j * d;
    const b1 = b0 + d;
    const b2 = b1 + d;
    const b3 = b2 + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const x = A[a0 + k]!;
      let t = Math.abs(x - B[b0 + k]!);
      if (t > s0) s0 = t;
      t = Math.abs(x - B[b1 + k]!);
      if (t > s1) s1 = t;
      t = Math.abs(x - B[b2 + k]!);
      if (t > s2) s2 = t;
      t = Math.abs(x - B[b3 + k]!);
      if (t > s3) s3 = t;
    }
    const c = o0 + j - j0;
    out[c] = s0;
    out[c + 1] = s1;
    out[c + 2] = s2;
    out[c + 3] = s3;
  }
  for (; j < j1; j++) {
    const b = j * d;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const t = Math.abs(A[a0 + k]! - B[b + k]!);
      if (t > s) s = t;
    }
    out[o0 + j - j0] = s;
  }
}

function dot2(A: Float64Array, a0: number, a1: number, B: Float64Array, j0: number, j1: number, d: number, out: Float64Array, o0: number, o1: number): void {
  let j = j0;
  for (; j + 3 < j1; j += 4) {
    const b0 = j * d;
    const b1 = b0 + d;
    const b2 = b1 + d;
    const b3 = b2 + d;
    let s00 = 0;
    let s01 = 0;
    let s02 = 0;
    let s03 = 0;
    let s10 = 0;
    let s11 = 0;
    let s12 = 0;
    let s13 = 0;
    for (let k = 0; k < d; k++) {
      const x0 = A[a0 + k]!;
      const x1 = A[a1 + k]!;
      const y0 = B[b0 + k]!;
      const y1 = B[b1 + k]!;
      const y2 = B[b2 + k]!;
      const y3 = B[b3 + k]!;
      s00 += x0 * y0;
      s01 += x0 * y1;
      s02 += x0 * y2;
      s03 += x0 * y3;
      s10 += x1 * y0;
      s11 += x1 * y1;
      s12 += x1 * y2;
      s13 += x1 * y3;
    }
    const c = j - j0;
    out[o0 + c] = s00;
    out[o0 + c + 1] = s01;
    out[o0 + c + 2] = s02;
    out[o0 + c + 3] = s03;
    out[o1 + c] = s10;
    out[o1 + c + 1] = s11;
    out[o1 + c + 2] = s12;
    out[o1 + c + 3] = s13;
  }
  for (; j < j1; j++) {
    const b = j * d;
    let s0 = 0;
    let s1 = 0;
    for (let k = 0; k < d; k++) {
      const y = B[b + k]!;
      s0 += A[a0 + k]! * y;
      s1 += A[a1 + k]! * y;
    }
    out[o0 + j - j0] = s0;
    out[o1 + j - j0] = s1;
  }
}

function dot1(A: Float64Array, a0: number, B: Float64Array, j0: number, j1: number, d: number, out: Float64Array, o0: number): void {
  let j = j0;
  for (; j + 3 < j1; j += 4) {
    const b0 = j * d;
    const b1 = b0 + d;
    const b2 = b1 + d;
    const b3 = b2 + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const x = A[a0 + k]!;
      s0 += x * B[b0 + k]!;
      s1 += x * B[b1 + k]!;
      s2 += x * B[b2 + k]!;
      s3 += x * B[b3 + k]!;
    }
    const c = o0 + j - j0;
    out[c] = s0;
    out[c + 1] = s1;
    out[c + 2] = s2;
    out[c + 3] = s3;
  }
  for (; j < j1; j++) {
    const b = j * d;
    let s = 0;
    for (let k = 0; k < d; k++) s += A[a0 + k]! * B[b + k]!;
    out[o0 + j - j0] = s;
  }
}

/**
 * Widens rows `r0 … r0 + rows − 1` of a Float32 row-major matrix into `out[0 …)` (exact), so the
 * Float64 kernels can run on a block of Float32 data without a whole-matrix copy. O(rows·d).
 *
 * @internal
 * @param X - row-major Float32 data
 * @param r0 - first row
 * @param rows - rows to widen
 * @param d - row length
 * @param out - destination, at least rows·d long
 * @example
 * ```ts
 * widenRows(new Float32Array([1, 2, 3, 4]), 1, 1, 2, out); // out: [3, 4, …]
 * ```
 */
export function widenRows(X: Float32Array, r0: number, rows: number, d: number, out: Float64Array): void {
  const start = r0 * d;
  const len = rows * d;
  for (let t = 0; t < len; t++) out[t] = X[start + t]!;
}

/**
 * Float64 row views for a custom metric: Float32 data is widened once, because custom functions
 * receive `Float64Array` rows whatever the storage type.
 *
 * @internal
 * @param m - the points
 * @returns one view per row
 * @example
 * ```ts
 * rowViews({ rows: 2, cols: 1, data: new Float32Array([1, 2]) }); // [Float64Array [1], Float64Array [2]]
 * ```
 */
export function rowViews(m: Matrix): Float64Array[] {
  // Always a private copy (O(n·d), once per call, next to O(n²) metric calls): a custom metric
  // that writes into its arguments must not change the caller's data.
  const data = Float64Array.from(m.data);
  const views: Float64Array[] = new Array<Float64Array>(m.rows);
  for (let i = 0; i < m.rows; i++) views[i] = data.subarray(i * m.cols, (i + 1) * m.cols);
  return views;
}

/**
 * A block of rows as Float64 for the difference kernels: Float64 data in place (`base` 0), or
 * Float32 rows `r0 … r0 + rows − 1` widened into scratch (addressed from `base = r0`), so each
 * compiled kernel sees one element type.
 *
 * @internal
 */
export interface RowBlock {
  /** The Float64 rows. */
  data: Float64Array;
  /** Row index of `data`'s first row in the original numbering. */
  base: number;
}

/**
 * Points `out` at rows `r0 … r0 + rows − 1` of `X` as Float64: in place for Float64 data, widened
 * into `scratch` (at least rows·d long) for Float32 data.
 *
 * @internal
 * @param X - row-major data
 * @param r0 - first row
 * @param rows - how many rows
 * @param d - row length
 * @param scratch - Float64 scratch (needed only for Float32 data)
 * @param out - the block to fill (reused across calls: no allocation)
 * @returns `out`
 * @example
 * ```ts
 * const b = rowBlock(new Float32Array([1, 2, 3, 4]), 1, 1, 2, new Float64Array(2), { data: new Float64Array(0), base: 0 });
 * // b.data [3, 4], b.base 1
 * ```
 */
export function rowBlock(X: FloatArray, r0: number, rows: number, d: number, scratch: Float64Array | null, out: RowBlock): RowBlock {
  if (X instanceof Float32Array) {
    widenRows(X, r0, rows, d, scratch!);
    out.data = scratch!;
    out.base = r0;
  } else {
    out.data = X;
    out.base = 0;
  }
  return out;
}
