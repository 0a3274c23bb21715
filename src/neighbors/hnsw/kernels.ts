/**
 * The distance kernels HNSW spends its time in: one function per pair of storage types (so each
 * loop stays monomorphic), Float32 or int8 loads, float64 arithmetic.
 *
 * Every kernel sums in the same order, two accumulators (even and odd positions, unrolled by
 * four) added at the end, so the distance between two points is the same bits whichever kernel
 * computes it (one row, a pair of stored rows, four rows at once) and in either direction; and
 * the order is fixed, so the same bits on every engine. Two chains are as fast as four here: a
 * row costs about one load-convert-multiply-add per value either way.
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
  let j = 0;
  for (const end = d - 3; j < end; j += 4) {
    const a0 = q[j]! - x[off + j]!;
    const a1 = q[j + 1]! - x[off + j + 1]!;
    const a2 = q[j + 2]! - x[off + j + 2]!;
    const a3 = q[j + 3]! - x[off + j + 3]!;
    s0 += a0 * a0;
    s1 += a1 * a1;
    s0 += a2 * a2;
    s1 += a3 * a3;
  }
  for (; j < d; j++) {
    const a = q[j]! - x[off + j]!;
    if ((j & 1) === 0) s0 += a * a;
    else s1 += a * a;
  }
  return s0 + s1;
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
  let j = 0;
  for (const end = d - 3; j < end; j += 4) {
    s0 += q[j]! * x[off + j]!;
    s1 += q[j + 1]! * x[off + j + 1]!;
    s0 += q[j + 2]! * x[off + j + 2]!;
    s1 += q[j + 3]! * x[off + j + 3]!;
  }
  for (; j < d; j++) {
    if ((j & 1) === 0) s0 += q[j]! * x[off + j]!;
    else s1 += q[j]! * x[off + j]!;
  }
  return s0 + s1;
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
  let j = 0;
  for (const end = d - 3; j < end; j += 4) {
    const a0 = x[a + j]! - x[b + j]!;
    const a1 = x[a + j + 1]! - x[b + j + 1]!;
    const a2 = x[a + j + 2]! - x[b + j + 2]!;
    const a3 = x[a + j + 3]! - x[b + j + 3]!;
    s0 += a0 * a0;
    s1 += a1 * a1;
    s0 += a2 * a2;
    s1 += a3 * a3;
  }
  for (; j < d; j++) {
    const t = x[a + j]! - x[b + j]!;
    if ((j & 1) === 0) s0 += t * t;
    else s1 += t * t;
  }
  return s0 + s1;
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
  let j = 0;
  for (const end = d - 3; j < end; j += 4) {
    s0 += x[a + j]! * x[b + j]!;
    s1 += x[a + j + 1]! * x[b + j + 1]!;
    s0 += x[a + j + 2]! * x[b + j + 2]!;
    s1 += x[a + j + 3]! * x[b + j + 3]!;
  }
  for (; j < d; j++) {
    if ((j & 1) === 0) s0 += x[a + j]! * x[b + j]!;
    else s1 += x[a + j]! * x[b + j]!;
  }
  return s0 + s1;
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
  let j = 0;
  for (const end = d - 3; j < end; j += 4) {
    s0 += v[j]! * c[off + j]!;
    s1 += v[j + 1]! * c[off + j + 1]!;
    s0 += v[j + 2]! * c[off + j + 2]!;
    s1 += v[j + 3]! * c[off + j + 3]!;
  }
  for (; j < d; j++) {
    if ((j & 1) === 0) s0 += v[j]! * c[off + j]!;
    else s1 += v[j]! * c[off + j]!;
  }
  return s0 + s1;
}

/**
 * Squared Euclidean distances from a float64 query to four Float32 rows at once (starting at
 * `a`, `b`, `c`, `e`), written to `out[o … o + 3]`. Reading the query once for four rows and
 * streaming four rows side by side is about twice as fast as four single calls when the rows
 * are not in cache (the common case in a large index: neighbours are scattered in memory).
 *
 * @internal
 * @param q - query, length ≥ d
 * @param x - stored rows
 * @param a - start of the first row
 * @param b - start of the second row
 * @param c - start of the third row
 * @param e - start of the fourth row
 * @param d - row length
 * @param out - results
 * @param o - where to write them
 * @example
 * ```ts
 * l2F32x4(q, x, 0, d, 2 * d, 3 * d, d, out, 0);
 * ```
 */
export function l2F32x4(q: Float64Array, x: Float32Array, a: number, b: number, c: number, e: number, d: number, out: Float64Array, o: number): void {
  let s0 = 0;
  let s1 = 0;
  let t0 = 0;
  let t1 = 0;
  let u0 = 0;
  let u1 = 0;
  let v0 = 0;
  let v1 = 0;
  let j = 0;
  for (const end = d - 1; j < end; j += 2) {
    const q0 = q[j]!;
    const q1 = q[j + 1]!;
    let z = q0 - x[a + j]!;
    s0 += z * z;
    z = q1 - x[a + j + 1]!;
    s1 += z * z;
    z = q0 - x[b + j]!;
    t0 += z * z;
    z = q1 - x[b + j + 1]!;
    t1 += z * z;
    z = q0 - x[c + j]!;
    u0 += z * z;
    z = q1 - x[c + j + 1]!;
    u1 += z * z;
    z = q0 - x[e + j]!;
    v0 += z * z;
    z = q1 - x[e + j + 1]!;
    v1 += z * z;
  }
  if (j < d) {
    const q0 = q[j]!;
    let z = q0 - x[a + j]!;
    s0 += z * z;
    z = q0 - x[b + j]!;
    t0 += z * z;
    z = q0 - x[c + j]!;
    u0 += z * z;
    z = q0 - x[e + j]!;
    v0 += z * z;
  }
  out[o] = s0 + s1;
  out[o + 1] = t0 + t1;
  out[o + 2] = u0 + u1;
  out[o + 3] = v0 + v1;
}

/**
 * Inner products of a float64 query with four Float32 rows at once (see {@link l2F32x4}).
 *
 * @internal
 * @param q - query, length ≥ d
 * @param x - stored rows
 * @param a - start of the first row
 * @param b - start of the second row
 * @param c - start of the third row
 * @param e - start of the fourth row
 * @param d - row length
 * @param out - results
 * @param o - where to write them
 * @example
 * ```ts
 * dotF32x4(q, x, 0, d, 2 * d, 3 * d, d, out, 0);
 * ```
 */
export function dotF32x4(q: Float64Array, x: Float32Array, a: number, b: number, c: number, e: number, d: number, out: Float64Array, o: number): void {
  let s0 = 0;
  let s1 = 0;
  let t0 = 0;
  let t1 = 0;
  let u0 = 0;
  let u1 = 0;
  let v0 = 0;
  let v1 = 0;
  let j = 0;
  for (const end = d - 1; j < end; j += 2) {
    const q0 = q[j]!;
    const q1 = q[j + 1]!;
    s0 += q0 * x[a + j]!;
    s1 += q1 * x[a + j + 1]!;
    t0 += q0 * x[b + j]!;
    t1 += q1 * x[b + j + 1]!;
    u0 += q0 * x[c + j]!;
    u1 += q1 * x[c + j + 1]!;
    v0 += q0 * x[e + j]!;
    v1 += q1 * x[e + j + 1]!;
  }
  if (j < d) {
    const q0 = q[j]!;
    s0 += q0 * x[a + j]!;
    t0 += q0 * x[b + j]!;
    u0 += q0 * x[c + j]!;
    v0 += q0 * x[e + j]!;
  }
  out[o] = s0 + s1;
  out[o + 1] = t0 + t1;
  out[o + 2] = u0 + u1;
  out[o + 3] = v0 + v1;
}

/**
 * Inner products of a float64 vector with four int8 code rows at once (see {@link l2F32x4}).
 *
 * @internal
 * @param v - prepared query, length ≥ d
 * @param c - stored codes
 * @param a - start of the first row
 * @param b - start of the second row
 * @param f - start of the third row
 * @param e - start of the fourth row
 * @param d - row length
 * @param out - results
 * @param o - where to write them
 * @example
 * ```ts
 * dotI8x4(v, codes, 0, d, 2 * d, 3 * d, d, out, 0);
 * ```
 */
export function dotI8x4(v: Float64Array, c: Int8Array, a: number, b: number, f: number, e: number, d: number, out: Float64Array, o: number): void {
  let s0 = 0;
  let s1 = 0;
  let t0 = 0;
  let t1 = 0;
  let u0 = 0;
  let u1 = 0;
  let w0 = 0;
  let w1 = 0;
  let j = 0;
  for (const end = d - 1; j < end; j += 2) {
    const q0 = v[j]!;
    const q1 = v[j + 1]!;
    s0 += q0 * c[a + j]!;
    s1 += q1 * c[a + j + 1]!;
    t0 += q0 * c[b + j]!;
    t1 += q1 * c[b + j + 1]!;
    u0 += q0 * c[f + j]!;
    u1 += q1 * c[f + j + 1]!;
    w0 += q0 * c[e + j]!;
    w1 += q1 * c[e + j + 1]!;
  }
  if (j < d) {
    const q0 = v[j]!;
    s0 += q0 * c[a + j]!;
    t0 += q0 * c[b + j]!;
    u0 += q0 * c[f + j]!;
    w0 += q0 * c[e + j]!;
  }
  out[o] = s0 + s1;
  out[o + 1] = t0 + t1;
  out[o + 2] = u0 + u1;
  out[o + 3] = w0 + w1;
}
