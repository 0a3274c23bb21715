/**
 * Distances from one row to a gathered list of rows (arbitrary row numbers), four rows at a time:
 * the inner step of Prim's algorithm, which needs the distances from the point just added to the
 * candidates that pruning could not rule out. One function per storage type, so every loop is
 * monomorphic; each sum runs in coordinate order, so the values are bit-for-bit those of the
 * blocked kernels in `distance/kernels.ts` (and of the scalar metric functions).
 *
 * Internal module: arguments are not validated.
 */
import type { FloatArray } from '../../core/matrix.js';
import type { MetricName } from '../../distance/metric.js';
import { cosineFromSums } from '../../distance/metrics.js';

/**
 * `out[t] = distance(a, B[idx[t]])` for t < m, for a built-in metric. `a` is the query row as
 * doubles (`d` values from offset `ao`); `B` is Float32 or Float64 row-major data.
 *
 * @internal
 * @param metric - built-in metric
 * @param a - the query row's values
 * @param ao - offset of the query row in `a`
 * @param aa - squared norm of the query row (cosine only)
 * @param B - row-major data
 * @param idx - row numbers in `B`
 * @param m - number of rows to use from `idx`
 * @param d - row length
 * @param sqB - squared norms of `B`'s rows (cosine only)
 * @param out - destination, at least m long
 * @example
 * ```ts
 * gatherDistances('euclidean', q, 0, 0, X.data, new Int32Array([4, 9]), 2, d, null, out);
 * ```
 */
export function gatherDistances(metric: MetricName, a: Float64Array, ao: number, aa: number, B: FloatArray, idx: Int32Array, m: number, d: number, sqB: Float64Array | null, out: Float64Array): void {
  const f64 = B instanceof Float64Array;
  switch (metric) {
    case 'euclidean':
    case 'sqeuclidean':
      if (f64) sq64(a, ao, B, idx, m, d, out);
      else sq32(a, ao, B, idx, m, d, out);
      if (metric === 'euclidean') for (let t = 0; t < m; t++) out[t] = Math.sqrt(out[t]!);
      return;
    case 'manhattan':
      if (f64) l1_64(a, ao, B, idx, m, d, out);
      else l1_32(a, ao, B, idx, m, d, out);
      return;
    case 'chebyshev':
      if (f64) linf64(a, ao, B, idx, m, d, out);
      else linf32(a, ao, B, idx, m, d, out);
      return;
    default: {
      if (f64) dot64(a, ao, B, idx, m, d, out);
      else dot32(a, ao, B, idx, m, d, out);
      const nb = sqB!;
      for (let t = 0; t < m; t++) out[t] = 1 - cosineFromSums(out[t]!, aa, nb[idx[t]!]!);
    }
  }
}

function sq64(a: Float64Array, ao: number, B: Float64Array, idx: Int32Array, m: number, d: number, out: Float64Array): void {
  let t = 0;
  for (; t + 3 < m; t += 4) {
    const b0 = idx[t]! * d;
    const b1 = idx[t + 1]! * d;
    const b2 = idx[t + 2]! * d;
    const b3 = idx[t + 3]! * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const x = a[ao + k]!;
      let u = x - B[b0 + k]!;
      s0 += u * u;
      u = x - B[b1 + k]!;
      s1 += u * u;
      u = x - B[b2 + k]!;
      s2 += u * u;
      u = x - B[b3 + k]!;
      s3 += u * u;
    }
    out[t] = s0;
    out[t + 1] = s1;
    out[t + 2] = s2;
    out[t + 3] = s3;
  }
  for (; t < m; t++) {
    const b = idx[t]! * d;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const u = a[ao + k]! - B[b + k]!;
      s += u * u;
    }
    out[t] = s;
  }
}

function sq32(a: Float64Array, ao: number, B: Float32Array, idx: Int32Array, m: number, d: number, out: Float64Array): void {
  let t = 0;
  for (; t + 3 < m; t += 4) {
    const b0 = idx[t]! * d;
    const b1 = idx[t + 1]! * d;
    const b2 = idx[t + 2]! * d;
    const b3 = idx[t + 3]! * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const x = a[ao + k]!;
      let u = x - B[b0 + k]!;
      s0 += u * u;
      u = x - B[b1 + k]!;
      s1 += u * u;
      u = x - B[b2 + k]!;
      s2 += u * u;
      u = x - B[b3 + k]!;
      s3 += u * u;
    }
    out[t] = s0;
    out[t + 1] = s1;
    out[t + 2] = s2;
    out[t + 3] = s3;
  }
  for (; t < m; t++) {
    const b = idx[t]! * d;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const u = a[ao + k]! - B[b + k]!;
      s += u * u;
    }
    out[t] = s;
  }
}

function dot64(a: Float64Array, ao: number, B: Float64Array, idx: Int32Array, m: number, d: number, out: Float64Array): void {
  let t = 0;
  for (; t + 3 < m; t += 4) {
    const b0 = idx[t]! * d;
    const b1 = idx[t + 1]! * d;
    const b2 = idx[t + 2]! * d;
    const b3 = idx[t + 3]! * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const x = a[ao + k]!;
      s0 += x * B[b0 + k]!;
      s1 += x * B[b1 + k]!;
      s2 += x * B[b2 + k]!;
      s3 += x * B[b3 + k]!;
    }
    out[t] = s0;
    out[t + 1] = s1;
    out[t + 2] = s2;
    out[t + 3] = s3;
  }
  for (; t < m; t++) {
    const b = idx[t]! * d;
    let s = 0;
    for (let k = 0; k < d; k++) s += a[ao + k]! * B[b + k]!;
    out[t] = s;
  }
}

function dot32(a: Float64Array, ao: number, B: Float32Array, idx: Int32Array, m: number, d: number, out: Float64Array): void {
  let t = 0;
  for (; t + 3 < m; t += 4) {
    const b0 = idx[t]! * d;
    const b1 = idx[t + 1]! * d;
    const b2 = idx[t + 2]! * d;
    const b3 = idx[t + 3]! * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const x = a[ao + k]!;
      s0 += x * B[b0 + k]!;
      s1 += x * B[b1 + k]!;
      s2 += x * B[b2 + k]!;
      s3 += x * B[b3 + k]!;
    }
    out[t] = s0;
    out[t + 1] = s1;
    out[t + 2] = s2;
    out[t + 3] = s3;
  }
  for (; t < m; t++) {
    const b = idx[t]! * d;
    let s = 0;
    for (let k = 0; k < d; k++) s += a[ao + k]! * B[b + k]!;
    out[t] = s;
  }
}

function l1_64(a: Float64Array, ao: number, B: Float64Array, idx: Int32Array, m: number, d: number, out: Float64Array): void {
  for (let t = 0; t < m; t++) {
    const b = idx[t]! * d;
    let s = 0;
    for (let k = 0; k < d; k++) s += Math.abs(a[ao + k]! - B[b + k]!);
    out[t] = s;
  }
}

function l1_32(a: Float64Array, ao: number, B: Float32Array, idx: Int32Array, m: number, d: number, out: Float64Array): void {
  for (let t = 0; t < m; t++) {
    const b = idx[t]! * d;
    let s = 0;
    for (let k = 0; k < d; k++) s += Math.abs(a[ao + k]! - B[b + k]!);
    out[t] = s;
  }
}

function linf64(a: Float64Array, ao: number, B: Float64Array, idx: Int32Array, m: number, d: number, out: Float64Array): void {
  for (let t = 0; t < m; t++) {
    const b = idx[t]! * d;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const u = Math.abs(a[ao + k]! - B[b + k]!);
      if (u > s) s = u;
    }
    out[t] = s;
  }
}

function linf32(a: Float64Array, ao: number, B: Float32Array, idx: Int32Array, m: number, d: number, out: Float64Array): void {
  for (let t = 0; t < m; t++) {
    const b = idx[t]! * d;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const u = Math.abs(a[ao + k]! - B[b + k]!);
      if (u > s) s = u;
    }
    out[t] = s;
  }
}
