/**
 * Squared Euclidean distances from one Float64 query to scattered rows of a matrix, read in
 * place (no gather into a tile): what a graph search spends its time in, where the rows to
 * compare are a handful of neighbours spread over the data. One function per storage type, so
 * every loop stays monomorphic.
 *
 * Each distance is summed in the difference form, left to right in coordinate order from 0:
 * the same bits as `distanceRows`, `rowDistance` and the exact re-check of `brute-dot.ts`, so a
 * neighbour found by an approximate search carries the exact search's distance. Four rows go
 * side by side (four independent chains, one load of the query for four rows).
 *
 * A search only needs the distances below its current bound: the sums are checked every
 * {@link STRIDE} coordinates and a row (all four rows, in the four-row kernels) already past
 * `bound` is abandoned with its partial sum, which is also past the bound (the terms are ≥ 0).
 * A row that is finished is summed in full, so its value does not depend on the bound.
 *
 * Internal module: arguments are not validated.
 */

/** Coordinates between the bound checks (a check costs about as much as two coordinates). */
export const STRIDE = 64;

/**
 * `Σ (q[t] − X[ids[at + r]·d + t])²` for the four rows `ids[at … at + 3]` of a Float32 matrix,
 * written to `out[o … o + 3]`, or partial sums past `bound` once all four are past it. O(d).
 *
 * @internal
 * @param q - the query, length ≥ d
 * @param X - row-major data
 * @param ids - row numbers
 * @param at - position of the first of the four rows in `ids`
 * @param d - row length
 * @param bound - sums past it may stop early (Infinity: always exact)
 * @param out - receives the four distances
 * @param o - where to write them
 * @example
 * ```ts
 * sqDiff4x32(q, X, ids, 0, d, Infinity, out, 0); // out[0..4) = squared distances to rows ids[0..4)
 * ```
 */
export function sqDiff4x32(q: Float64Array, X: Float32Array, ids: Int32Array, at: number, d: number, bound: number, out: Float64Array, o: number): void {
  const a0 = ids[at]! * d;
  const a1 = ids[at + 1]! * d;
  const a2 = ids[at + 2]! * d;
  const a3 = ids[at + 3]! * d;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let t = 0; t < d; ) {
    const end = Math.min(d, t + STRIDE);
    for (; t < end; t++) {
      const x = q[t]!;
      let u = x - X[a0 + t]!;
      s0 += u * u;
      u = x - X[a1 + t]!;
      s1 += u * u;
      u = x - X[a2 + t]!;
      s2 += u * u;
      u = x - X[a3 + t]!;
      s3 += u * u;
    }
    if (s0 > bound && s1 > bound && s2 > bound && s3 > bound) break;
  }
  out[o] = s0;
  out[o + 1] = s1;
  out[o + 2] = s2;
  out[o + 3] = s3;
}

/**
 * `Σ (q[t] − X[row·d + t])²` for one row of a Float32 matrix, or a partial sum past `bound`. O(d).
 *
 * @internal
 * @param q - the query, length ≥ d
 * @param X - row-major data
 * @param row - the row
 * @param d - row length
 * @param bound - a sum past it may stop early (Infinity: always exact)
 * @returns the squared distance (or a partial sum past `bound`)
 * @example
 * ```ts
 * sqDiff32(new Float64Array([0, 0]), new Float32Array([3, 4]), 0, 2, Infinity); // 25
 * ```
 */
export function sqDiff32(q: Float64Array, X: Float32Array, row: number, d: number, bound: number): number {
  const a = row * d;
  let s = 0;
  for (let t = 0; t < d; ) {
    const end = Math.min(d, t + STRIDE);
    for (; t < end; t++) {
      const u = q[t]! - X[a + t]!;
      s += u * u;
    }
    if (s > bound) break;
  }
  return s;
}

/**
 * {@link sqDiff4x32} for a Float64 matrix.
 *
 * @internal
 * @param q - the query, length ≥ d
 * @param X - row-major data
 * @param ids - row numbers
 * @param at - position of the first of the four rows in `ids`
 * @param d - row length
 * @param bound - sums past it may stop early (Infinity: always exact)
 * @param out - receives the four distances
 * @param o - where to write them
 * @example
 * ```ts
 * sqDiff4x64(q, X, ids, 0, d, Infinity, out, 0);
 * ```
 */
export function sqDiff4x64(q: Float64Array, X: Float64Array, ids: Int32Array, at: number, d: number, bound: number, out: Float64Array, o: number): void {
  const a0 = ids[at]! * d;
  const a1 = ids[at + 1]! * d;
  const a2 = ids[at + 2]! * d;
  const a3 = ids[at + 3]! * d;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let t = 0; t < d; ) {
    const end = Math.min(d, t + STRIDE);
    for (; t < end; t++) {
      const x = q[t]!;
      let u = x - X[a0 + t]!;
      s0 += u * u;
      u = x - X[a1 + t]!;
      s1 += u * u;
      u = x - X[a2 + t]!;
      s2 += u * u;
      u = x - X[a3 + t]!;
      s3 += u * u;
    }
    if (s0 > bound && s1 > bound && s2 > bound && s3 > bound) break;
  }
  out[o] = s0;
  out[o + 1] = s1;
  out[o + 2] = s2;
  out[o + 3] = s3;
}

/**
 * {@link sqDiff32} for a Float64 matrix.
 *
 * @internal
 * @param q - the query, length ≥ d
 * @param X - row-major data
 * @param row - the row
 * @param d - row length
 * @param bound - a sum past it may stop early (Infinity: always exact)
 * @returns the squared distance (or a partial sum past `bound`)
 * @example
 * ```ts
 * sqDiff64(new Float64Array([0, 0]), new Float64Array([3, 4]), 0, 2, Infinity); // 25
 * ```
 */
export function sqDiff64(q: Float64Array, X: Float64Array, row: number, d: number, bound: number): number {
  const a = row * d;
  let s = 0;
  for (let t = 0; t < d; ) {
    const end = Math.min(d, t + STRIDE);
    for (; t < end; t++) {
      const u = q[t]! - X[a + t]!;
      s += u * u;
    }
    if (s > bound) break;
  }
  return s;
}
