/**
 * Distances from four query rows to a gathered list of rows (arbitrary row numbers): the inner
 * step of the batched Prim's algorithm, which needs the distances from the next few tree nodes to
 * the candidates pruning could not rule out. Each gathered row is read once for all four queries
 * (the queries stay in L1), so streaming the data from memory costs a quarter of what one query
 * at a time would. One function per storage type, so every loop is monomorphic; each sum runs in
 * coordinate order, so the values are bit-for-bit those of the blocked kernels in
 * `distance/kernels.ts` (and of the scalar metric functions).
 *
 * Internal module: arguments are not validated.
 */
import { sqDiff32, sqDiff4x32, sqDiff4x64, sqDiff64 } from '../../neighbors/scattered-sq-diff.js';
import type { FloatArray } from '../../core/matrix.js';
import type { MetricName } from '../../distance/metric.js';
import { cosineFromSums } from '../../distance/metrics.js';

/** Query rows per call. */
export const GATHER_ROWS = 4;

/**
 * `out[oo + q·stride + t] = distance(Q[q], B[idx[t]])` for 4 query rows q and t0 ≤ t < t1, for
 * a built-in metric. `Q` holds the query rows as doubles; `B` is Float32 or Float64 row-major
 * data.
 *
 * @internal
 * @param metric - built-in metric
 * @param Q - query rows, row-major (the four used start at offset `qo`)
 * @param qo - offset of the first of the four query rows in `Q`
 * @param sqQ - squared norms of the four query rows (cosine only)
 * @param B - row-major data
 * @param idx - row numbers in `B`
 * @param t0 - first entry of `idx` to use
 * @param t1 - one past the last entry
 * @param d - row length
 * @param sqB - squared norms of `B`'s rows (cosine only)
 * @param out - destination: `out[oo + q·stride + t]` for query q and entry t
 * @param oo - offset of the first query's output row
 * @param stride - offset between the queries' output rows
 * @example
 * ```ts
 * gatherDistances('euclidean', Q4, 0, null, X.data, new Int32Array([4, 9]), 0, 2, d, null, out, 0, n);
 * ```
 */
export function gatherDistances(
  metric: MetricName,
  Q: Float64Array,
  qo: number,
  sqQ: Float64Array | null,
  B: FloatArray,
  idx: Int32Array,
  t0: number,
  t1: number,
  d: number,
  sqB: Float64Array | null,
  out: Float64Array,
  oo: number,
  stride: number,
): void {
  const f64 = B instanceof Float64Array;
  switch (metric) {
    case 'euclidean':
    case 'sqeuclidean':
      if (f64) sq64(Q, qo, B, idx, t0, t1, d, out, oo, stride);
      else sq32(Q, qo, B, idx, t0, t1, d, out, oo, stride);
      if (metric === 'euclidean') {
        for (let q = 0; q < GATHER_ROWS; q++) for (let t = oo + q * stride + t0; t < oo + q * stride + t1; t++) out[t] = Math.sqrt(out[t]!);
      }
      return;
    case 'manhattan':
      if (f64) l1_64(Q, qo, B, idx, t0, t1, d, out, oo, stride);
      else l1_32(Q, qo, B, idx, t0, t1, d, out, oo, stride);
      return;
    case 'chebyshev':
      if (f64) linf64(Q, qo, B, idx, t0, t1, d, out, oo, stride);
      else linf32(Q, qo, B, idx, t0, t1, d, out, oo, stride);
      return;
    default: {
      if (f64) dot64(Q, qo, B, idx, t0, t1, d, out, oo, stride);
      else dot32(Q, qo, B, idx, t0, t1, d, out, oo, stride);
      const nb = sqB!;
      for (let q = 0; q < GATHER_ROWS; q++) {
        const aa = sqQ![q]!;
        const o = oo + q * stride;
        for (let t = t0; t < t1; t++) out[o + t] = 1 - cosineFromSums(out[o + t]!, aa, nb[idx[t]!]!);
      }
    }
  }
}

function sq64(Q: Float64Array, qo: number, B: Float64Array, idx: Int32Array, t0: number, t1: number, d: number, out: Float64Array, oo: number, stride: number): void {
  const q0 = qo;
  const q1 = qo + d;
  const q2 = qo + 2 * d;
  const q3 = qo + 3 * d;
  const o1 = oo + stride;
  const o2 = oo + 2 * stride;
  const o3 = oo + 3 * stride;
  let t = t0;
  // Two gathered rows at a time: 8 accumulators, 6 loads per 8 multiply-adds.
  for (; t + 1 < t1; t += 2) {
    const b0 = idx[t]! * d;
    const b1 = idx[t + 1]! * d;
    let s00 = 0;
    let s01 = 0;
    let s10 = 0;
    let s11 = 0;
    let s20 = 0;
    let s21 = 0;
    let s30 = 0;
    let s31 = 0;
    for (let k = 0; k < d; k++) {
      const y0 = B[b0 + k]!;
      const y1 = B[b1 + k]!;
      const x0 = Q[q0 + k]!;
      const x1 = Q[q1 + k]!;
      const x2 = Q[q2 + k]!;
      const x3 = Q[q3 + k]!;
      let u = x0 - y0;
      s00 += u * u;
      u = x0 - y1;
      s01 += u * u;
      u = x1 - y0;
      s10 += u * u;
      u = x1 - y1;
      s11 += u * u;
      u = x2 - y0;
      s20 += u * u;
      u = x2 - y1;
      s21 += u * u;
      u = x3 - y0;
      s30 += u * u;
      u = x3 - y1;
      s31 += u * u;
    }
    out[oo + t] = s00;
    out[oo + t + 1] = s01;
    out[o1 + t] = s10;
    out[o1 + t + 1] = s11;
    out[o2 + t] = s20;
    out[o2 + t + 1] = s21;
    out[o3 + t] = s30;
    out[o3 + t + 1] = s31;
  }
  if (t < t1) {
    const b = idx[t]! * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const y = B[b + k]!;
      let u = Q[q0 + k]! - y;
      s0 += u * u;
      u = Q[q1 + k]! - y;
      s1 += u * u;
      u = Q[q2 + k]! - y;
      s2 += u * u;
      u = Q[q3 + k]! - y;
      s3 += u * u;
    }
    out[oo + t] = s0;
    out[o1 + t] = s1;
    out[o2 + t] = s2;
    out[o3 + t] = s3;
  }
}

function sq32(Q: Float64Array, qo: number, B: Float32Array, idx: Int32Array, t0: number, t1: number, d: number, out: Float64Array, oo: number, stride: number): void {
  const q0 = qo;
  const q1 = qo + d;
  const q2 = qo + 2 * d;
  const q3 = qo + 3 * d;
  const o1 = oo + stride;
  const o2 = oo + 2 * stride;
  const o3 = oo + 3 * stride;
  let t = t0;
  // Two gathered rows at a time: 8 accumulators, 6 loads per 8 multiply-adds.
  for (; t + 1 < t1; t += 2) {
    const b0 = idx[t]! * d;
    const b1 = idx[t + 1]! * d;
    let s00 = 0;
    let s01 = 0;
    let s10 = 0;
    let s11 = 0;
    let s20 = 0;
    let s21 = 0;
    let s30 = 0;
    let s31 = 0;
    for (let k = 0; k < d; k++) {
      const y0 = B[b0 + k]!;
      const y1 = B[b1 + k]!;
      const x0 = Q[q0 + k]!;
      const x1 = Q[q1 + k]!;
      const x2 = Q[q2 + k]!;
      const x3 = Q[q3 + k]!;
      let u = x0 - y0;
      s00 += u * u;
      u = x0 - y1;
      s01 += u * u;
      u = x1 - y0;
      s10 += u * u;
      u = x1 - y1;
      s11 += u * u;
      u = x2 - y0;
      s20 += u * u;
      u = x2 - y1;
      s21 += u * u;
      u = x3 - y0;
      s30 += u * u;
      u = x3 - y1;
      s31 += u * u;
    }
    out[oo + t] = s00;
    out[oo + t + 1] = s01;
    out[o1 + t] = s10;
    out[o1 + t + 1] = s11;
    out[o2 + t] = s20;
    out[o2 + t + 1] = s21;
    out[o3 + t] = s30;
    out[o3 + t + 1] = s31;
  }
  if (t < t1) {
    const b = idx[t]! * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const y = B[b + k]!;
      let u = Q[q0 + k]! - y;
      s0 += u * u;
      u = Q[q1 + k]! - y;
      s1 += u * u;
      u = Q[q2 + k]! - y;
      s2 += u * u;
      u = Q[q3 + k]! - y;
      s3 += u * u;
    }
    out[oo + t] = s0;
    out[o1 + t] = s1;
    out[o2 + t] = s2;
    out[o3 + t] = s3;
  }
}

function dot64(Q: Float64Array, qo: number, B: Float64Array, idx: Int32Array, t0: number, t1: number, d: number, out: Float64Array, oo: number, stride: number): void {
  const q0 = qo;
  const q1 = qo + d;
  const q2 = qo + 2 * d;
  const q3 = qo + 3 * d;
  const o1 = oo + stride;
  const o2 = oo + 2 * stride;
  const o3 = oo + 3 * stride;
  let t = t0;
  for (; t + 1 < t1; t += 2) {
    const b0 = idx[t]! * d;
    const b1 = idx[t + 1]! * d;
    let s00 = 0;
    let s01 = 0;
    let s10 = 0;
    let s11 = 0;
    let s20 = 0;
    let s21 = 0;
    let s30 = 0;
    let s31 = 0;
    for (let k = 0; k < d; k++) {
      const y0 = B[b0 + k]!;
      const y1 = B[b1 + k]!;
      const x0 = Q[q0 + k]!;
      const x1 = Q[q1 + k]!;
      const x2 = Q[q2 + k]!;
      const x3 = Q[q3 + k]!;
      s00 += x0 * y0;
      s01 += x0 * y1;
      s10 += x1 * y0;
      s11 += x1 * y1;
      s20 += x2 * y0;
      s21 += x2 * y1;
      s30 += x3 * y0;
      s31 += x3 * y1;
    }
    out[oo + t] = s00;
    out[oo + t + 1] = s01;
    out[o1 + t] = s10;
    out[o1 + t + 1] = s11;
    out[o2 + t] = s20;
    out[o2 + t + 1] = s21;
    out[o3 + t] = s30;
    out[o3 + t + 1] = s31;
  }
  if (t < t1) {
    const b = idx[t]! * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const y = B[b + k]!;
      s0 += Q[q0 + k]! * y;
      s1 += Q[q1 + k]! * y;
      s2 += Q[q2 + k]! * y;
      s3 += Q[q3 + k]! * y;
    }
    out[oo + t] = s0;
    out[o1 + t] = s1;
    out[o2 + t] = s2;
    out[o3 + t] = s3;
  }
}

function dot32(Q: Float64Array, qo: number, B: Float32Array, idx: Int32Array, t0: number, t1: number, d: number, out: Float64Array, oo: number, stride: number): void {
  const q0 = qo;
  const q1 = qo + d;
  const q2 = qo + 2 * d;
  const q3 = qo + 3 * d;
  const o1 = oo + stride;
  const o2 = oo + 2 * stride;
  const o3 = oo + 3 * stride;
  let t = t0;
  for (; t + 1 < t1; t += 2) {
    const b0 = idx[t]! * d;
    const b1 = idx[t + 1]! * d;
    let s00 = 0;
    let s01 = 0;
    let s10 = 0;
    let s11 = 0;
    let s20 = 0;
    let s21 = 0;
    let s30 = 0;
    let s31 = 0;
    for (let k = 0; k < d; k++) {
      const y0 = B[b0 + k]!;
      const y1 = B[b1 + k]!;
      const x0 = Q[q0 + k]!;
      const x1 = Q[q1 + k]!;
      const x2 = Q[q2 + k]!;
      const x3 = Q[q3 + k]!;
      s00 += x0 * y0;
      s01 += x0 * y1;
      s10 += x1 * y0;
      s11 += x1 * y1;
      s20 += x2 * y0;
      s21 += x2 * y1;
      s30 += x3 * y0;
      s31 += x3 * y1;
    }
    out[oo + t] = s00;
    out[oo + t + 1] = s01;
    out[o1 + t] = s10;
    out[o1 + t + 1] = s11;
    out[o2 + t] = s20;
    out[o2 + t + 1] = s21;
    out[o3 + t] = s30;
    out[o3 + t + 1] = s31;
  }
  if (t < t1) {
    const b = idx[t]! * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const y = B[b + k]!;
      s0 += Q[q0 + k]! * y;
      s1 += Q[q1 + k]! * y;
      s2 += Q[q2 + k]! * y;
      s3 += Q[q3 + k]! * y;
    }
    out[oo + t] = s0;
    out[o1 + t] = s1;
    out[o2 + t] = s2;
    out[o3 + t] = s3;
  }
}

function l1_64(Q: Float64Array, qo: number, B: Float64Array, idx: Int32Array, t0: number, t1: number, d: number, out: Float64Array, oo: number, stride: number): void {
  for (let t = t0; t < t1; t++) {
    const b = idx[t]! * d;
    for (let q = 0; q < GATHER_ROWS; q++) {
      const a = qo + q * d;
      let s = 0;
      for (let k = 0; k < d; k++) s += Math.abs(Q[a + k]! - B[b + k]!);
      out[oo + q * stride + t] = s;
    }
  }
}

function l1_32(Q: Float64Array, qo: number, B: Float32Array, idx: Int32Array, t0: number, t1: number, d: number, out: Float64Array, oo: number, stride: number): void {
  for (let t = t0; t < t1; t++) {
    const b = idx[t]! * d;
    for (let q = 0; q < GATHER_ROWS; q++) {
      const a = qo + q * d;
      let s = 0;
      for (let k = 0; k < d; k++) s += Math.abs(Q[a + k]! - B[b + k]!);
      out[oo + q * stride + t] = s;
    }
  }
}

function linf64(Q: Float64Array, qo: number, B: Float64Array, idx: Int32Array, t0: number, t1: number, d: number, out: Float64Array, oo: number, stride: number): void {
  for (let t = t0; t < t1; t++) {
    const b = idx[t]! * d;
    for (let q = 0; q < GATHER_ROWS; q++) {
      const a = qo + q * d;
      let s = 0;
      for (let k = 0; k < d; k++) {
        const u = Math.abs(Q[a + k]! - B[b + k]!);
        if (u > s) s = u;
      }
      out[oo + q * stride + t] = s;
    }
  }
}

function linf32(Q: Float64Array, qo: number, B: Float32Array, idx: Int32Array, t0: number, t1: number, d: number, out: Float64Array, oo: number, stride: number): void {
  for (let t = t0; t < t1; t++) {
    const b = idx[t]! * d;
    for (let q = 0; q < GATHER_ROWS; q++) {
      const a = qo + q * d;
      let s = 0;
      for (let k = 0; k < d; k++) {
        const u = Math.abs(Q[a + k]! - B[b + k]!);
        if (u > s) s = u;
      }
      out[oo + q * stride + t] = s;
    }
  }
}

/**
 * `out[t] = Σₖ (q_k − B[idx[t], k])²` for one query row `q = Q[qo … qo + d)` and t0 ≤ t < t1:
 * the difference-form squared euclidean sums (coordinate order, the bits of the blocked kernels),
 * four gathered rows at a time so four independent sums are in flight.
 *
 * @internal
 * @param Q - the query row's data (doubles)
 * @param qo - offset of the query row
 * @param B - row-major data (Float32 or Float64)
 * @param idx - row numbers in `B`
 * @param t0 - first entry of `idx`
 * @param t1 - one past the last entry
 * @param d - row length
 * @param out - destination, indexed like `idx`
 * @example
 * ```ts
 * gatherSqOne(A, 0, X.data, list, 0, count, d, sums);
 * ```
 */
export function gatherSqOne(Q: Float64Array, qo: number, B: FloatArray, idx: Int32Array, t0: number, t1: number, d: number, out: Float64Array): void {
  // The scattered-row kernels of the graph search, without their early stop (bound Infinity):
  // the same coordinate-order sums.
  const q = qo === 0 ? Q : Q.subarray(qo, qo + d);
  let t = t0;
  if (B instanceof Float64Array) {
    for (; t + 3 < t1; t += 4) sqDiff4x64(q, B, idx, t, d, Infinity, out, t);
    for (; t < t1; t++) out[t] = sqDiff64(q, B, idx[t]!, d, Infinity);
  } else {
    for (; t + 3 < t1; t += 4) sqDiff4x32(q, B, idx, t, d, Infinity, out, t);
    for (; t < t1; t++) out[t] = sqDiff32(q, B, idx[t]!, d, Infinity);
  }
}
