/**
 * The distance kernels HNSW spends its time in: one function per pair of storage types (so each
 * loop stays monomorphic), four independent float64 accumulators (Float32 or int8 loads, float64
 * arithmetic; the sum order is fixed, so results are the same bits on every engine).
 *
 * Internal module: arguments are not validated.
 */

/**
 * Squared Euclidean distance between a float64 query and the Float32 row at `off`.
 *
 * @internal
 * @param q - query, length ≥ d
 * @param x - stored rows
 * @param off - start of the row in `x`
 * @param d - row length
 * @returns Σ (q[j] − x[off + j])²
 * @example
 * ```ts
 * l2F32(new Float64Array([0, 0]), new Float32Array([3, 4]), 0, 2); // 25
 * ```
 */
export function l2F32(q: Float64Array, x: Float32Array, off: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (const end = d - 3; j < end; j += 4) {
    const a0 = q[j]! - x[off + j]!;
    const a1 = q[j + 1]! - x[off + j + 1]!;
    const a2 = q[j + 2]! - x[off + j + 2]!;
    const a3 = q[j + 3]! - x[off + j + 3]!;
    s0 += a0 * a0;
    s1 += a1 * a1;
    s2 += a2 * a2;
    s3 += a3 * a3;
  }
  for (; j < d; j++) {
    const a = q[j]! - x[off + j]!;
    s0 += a * a;
  }
  return s0 + s1 + (s2 + s3);
}

/**
 * Inner product of a float64 query and the Float32 row at `off`.
 *
 * @internal
 * @param q - query, length ≥ d
 * @param x - stored rows
 * @param off - start of the row in `x`
 * @param d - row length
 * @returns Σ q[j] · x[off + j]
 * @example
 * ```ts
 * dotF32(new Float64Array([1, 2]), new Float32Array([3, 4]), 0, 2); // 11
 * ```
 */
export function dotF32(q: Float64Array, x: Float32Array, off: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (const end = d - 3; j < end; j += 4) {
    s0 += q[j]! * x[off + j]!;
    s1 += q[j + 1]! * x[off + j + 1]!;
    s2 += q[j + 2]! * x[off + j + 2]!;
    s3 += q[j + 3]! * x[off + j + 3]!;
  }
  for (; j < d; j++) s0 += q[j]! * x[off + j]!;
  return s0 + s1 + (s2 + s3);
}

/**
 * Squared Euclidean distance between two Float32 rows of the same array.
 *
 * @internal
 * @param x - stored rows
 * @param a - start of the first row
 * @param b - start of the second row
 * @param d - row length
 * @returns Σ (x[a + j] − x[b + j])²
 * @example
 * ```ts
 * l2PairF32(new Float32Array([0, 0, 3, 4]), 0, 2, 2); // 25
 * ```
 */
export function l2PairF32(x: Float32Array, a: number, b: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (const end = d - 3; j < end; j += 4) {
    const a0 = x[a + j]! - x[b + j]!;
    const a1 = x[a + j + 1]! - x[b + j + 1]!;
    const a2 = x[a + j + 2]! - x[b + j + 2]!;
    const a3 = x[a + j + 3]! - x[b + j + 3]!;
    s0 += a0 * a0;
    s1 += a1 * a1;
    s2 += a2 * a2;
    s3 += a3 * a3;
  }
  for (; j < d; j++) {
    const t = x[a + j]! - x[b + j]!;
    s0 += t * t;
  }
  return s0 + s1 + (s2 + s3);
}

/**
 * Inner product of two Float32 rows of the same array.
 *
 * @internal
 * @param x - stored rows
 * @param a - start of the first row
 * @param b - start of the second row
 * @param d - row length
 * @returns Σ x[a + j] · x[b + j]
 * @example
 * ```ts
 * dotPairF32(new Float32Array([1, 2, 3, 4]), 0, 2, 2); // 11
 * ```
 */
export function dotPairF32(x: Float32Array, a: number, b: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (const end = d - 3; j < end; j += 4) {
    s0 += x[a + j]! * x[b + j]!;
    s1 += x[a + j + 1]! * x[b + j + 1]!;
    s2 += x[a + j + 2]! * x[b + j + 2]!;
    s3 += x[a + j + 3]! * x[b + j + 3]!;
  }
  for (; j < d; j++) s0 += x[a + j]! * x[b + j]!;
  return s0 + s1 + (s2 + s3);
}

/**
 * Inner product of a float64 vector and the int8 code row at `off` (the int8 search: the query
 * is pre-multiplied by the per-dimension steps, see `prepareQuery`).
 *
 * @internal
 * @param v - prepared query, length ≥ d
 * @param c - stored codes
 * @param off - start of the row in `c`
 * @param d - row length
 * @returns Σ v[j] · c[off + j]
 * @example
 * ```ts
 * dotI8(new Float64Array([0.5, 1]), new Int8Array([2, -3]), 0, 2); // -2
 * ```
 */
export function dotI8(v: Float64Array, c: Int8Array, off: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (const end = d - 3; j < end; j += 4) {
    s0 += v[j]! * c[off + j]!;
    s1 += v[j + 1]! * c[off + j + 1]!;
    s2 += v[j + 2]! * c[off + j + 2]!;
    s3 += v[j + 3]! * c[off + j + 3]!;
  }
  for (; j < d; j++) s0 += v[j]! * c[off + j]!;
  return s0 + s1 + (s2 + s3);
}
