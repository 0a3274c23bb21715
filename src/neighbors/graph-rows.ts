/**
 * Row access for the kNN-graph builders, once per storage type: a Float32 or Float64 matrix is
 * read in place (never widened as a whole), a few rows at a time are copied into a Float64
 * scratch tile, and the distance kernels run on the tile. Each function here reads one storage
 * type only, so every compiled loop stays monomorphic.
 *
 * Internal module: arguments are not validated.
 */

/**
 * Copies row `src` of a Float64 matrix into slot `dst` of a Float64 tile. O(d).
 *
 * @internal
 * @param X - row-major data
 * @param src - source row
 * @param S - the tile
 * @param dst - destination slot
 * @param d - row length
 * @example
 * ```ts
 * gatherRow64(new Float64Array([1, 2, 3, 4]), 1, S, 0, 2); // S[0..2) = [3, 4]
 * ```
 */
export function gatherRow64(X: Float64Array, src: number, S: Float64Array, dst: number, d: number): void {
  const a = src * d;
  const b = dst * d;
  for (let t = 0; t < d; t++) S[b + t] = X[a + t]!;
}

/**
 * Copies row `src` of a Float32 matrix into slot `dst` of a Float64 tile (widening is exact).
 * O(d).
 *
 * @internal
 * @param X - row-major data
 * @param src - source row
 * @param S - the tile
 * @param dst - destination slot
 * @param d - row length
 * @example
 * ```ts
 * gatherRow32(new Float32Array([1, 2, 3, 4]), 1, S, 0, 2); // S[0..2) = [3, 4]
 * ```
 */
export function gatherRow32(X: Float32Array, src: number, S: Float64Array, dst: number, d: number): void {
  const a = src * d;
  const b = dst * d;
  for (let t = 0; t < d; t++) S[b + t] = X[a + t]!;
}

/**
 * `w · X[row] + offset` for a Float64 matrix, in coordinate order. O(d).
 *
 * @internal
 * @param X - row-major data
 * @param row - the row
 * @param w - a length-d vector
 * @param offset - added to the dot product
 * @param d - row length
 * @returns the value
 * @example
 * ```ts
 * rowMargin64(new Float64Array([1, 2]), 0, new Float64Array([1, -1]), 0.5, 2); // -0.5
 * ```
 */
export function rowMargin64(X: Float64Array, row: number, w: Float64Array, offset: number, d: number): number {
  const a = row * d;
  let s = 0;
  for (let t = 0; t < d; t++) s += w[t]! * X[a + t]!;
  return s + offset;
}

/**
 * {@link rowMargin64} for four rows at once (one load of `w` feeds four products; the same
 * values as four single calls). O(d).
 *
 * @internal
 * @param X - row-major data
 * @param ids - row numbers
 * @param at - position of the first of the four rows in `ids`
 * @param w - a length-d vector
 * @param offset - added to each dot product
 * @param d - row length
 * @param out - receives the four values
 * @example
 * ```ts
 * rowMargins4x64(X, perm, 0, w, 0, d, out); // out[0..4) = margins of rows perm[0..4)
 * ```
 */
export function rowMargins4x64(X: Float64Array, ids: Int32Array, at: number, w: Float64Array, offset: number, d: number, out: Float64Array): void {
  const a0 = ids[at]! * d;
  const a1 = ids[at + 1]! * d;
  const a2 = ids[at + 2]! * d;
  const a3 = ids[at + 3]! * d;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let t = 0; t < d; t++) {
    const wt = w[t]!;
    s0 += wt * X[a0 + t]!;
    s1 += wt * X[a1 + t]!;
    s2 += wt * X[a2 + t]!;
    s3 += wt * X[a3 + t]!;
  }
  out[0] = s0 + offset;
  out[1] = s1 + offset;
  out[2] = s2 + offset;
  out[3] = s3 + offset;
}

/**
 * `w · X[row] + offset` for a Float32 matrix, summed in float64, in coordinate order. O(d).
 *
 * @internal
 * @param X - row-major data
 * @param row - the row
 * @param w - a length-d vector
 * @param offset - added to the dot product
 * @param d - row length
 * @returns the value
 * @example
 * ```ts
 * rowMargin32(new Float32Array([1, 2]), 0, new Float64Array([1, -1]), 0.5, 2); // -0.5
 * ```
 */
export function rowMargin32(X: Float32Array, row: number, w: Float64Array, offset: number, d: number): number {
  const a = row * d;
  let s = 0;
  for (let t = 0; t < d; t++) s += w[t]! * X[a + t]!;
  return s + offset;
}

/**
 * {@link rowMargin32} for four rows at once (one load of `w` feeds four products; the same
 * values as four single calls). O(d).
 *
 * @internal
 * @param X - row-major data
 * @param ids - row numbers
 * @param at - position of the first of the four rows in `ids`
 * @param w - a length-d vector
 * @param offset - added to each dot product
 * @param d - row length
 * @param out - receives the four values
 * @example
 * ```ts
 * rowMargins4x32(X, perm, 0, w, 0, d, out); // out[0..4) = margins of rows perm[0..4)
 * ```
 */
export function rowMargins4x32(X: Float32Array, ids: Int32Array, at: number, w: Float64Array, offset: number, d: number, out: Float64Array): void {
  const a0 = ids[at]! * d;
  const a1 = ids[at + 1]! * d;
  const a2 = ids[at + 2]! * d;
  const a3 = ids[at + 3]! * d;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let t = 0; t < d; t++) {
    const wt = w[t]!;
    s0 += wt * X[a0 + t]!;
    s1 += wt * X[a1 + t]!;
    s2 += wt * X[a2 + t]!;
    s3 += wt * X[a3 + t]!;
  }
  out[0] = s0 + offset;
  out[1] = s1 + offset;
  out[2] = s2 + offset;
  out[3] = s3 + offset;
}

/**
 * Squared row norms `Σ x²` of a Float32 matrix, in float64 and coordinate order: the same bits as
 * `rowSqNorms` (distance/kernels.ts) gives for the same values stored as Float64. O(rows·d).
 *
 * @internal
 * @param X - row-major data
 * @param rows - number of rows
 * @param d - row length
 * @returns `rows` squared norms
 * @example
 * ```ts
 * rowSqNorms32(new Float32Array([3, 4, 1, 0]), 2, 2); // Float64Array [25, 1]
 * ```
 */
export function rowSqNorms32(X: Float32Array, rows: number, d: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const o = i * d;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const x = X[o + t]!;
      s += x * x;
    }
    out[i] = s;
  }
  return out;
}
