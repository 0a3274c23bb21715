/**
 * Per-dimension int8 scalar quantization for the HNSW index: dimension j's range [lo, hi] (seen
 * when the index was built) is cut into 255 steps, value ≈ offset[j] + scale[j] · code with
 * code ∈ [−128, 127]. One byte per value instead of four; the error per value is at most half a
 * step, (hi − lo)/510.
 *
 * Internal module: arguments are not validated.
 */

/**
 * Widens the running per-dimension range [lo, hi] to include `row`.
 *
 * @internal
 * @param lo - running minima (d), start at +∞
 * @param hi - running maxima (d), start at −∞
 * @param row - one row (d)
 * @param d - row length
 * @example
 * ```ts
 * updateRange(lo, hi, row, d);
 * ```
 */
export function updateRange(lo: Float64Array, hi: Float64Array, row: Float64Array, d: number): void {
  for (let j = 0; j < d; j++) {
    const v = row[j]!;
    if (v < lo[j]!) lo[j] = v;
    if (v > hi[j]!) hi[j] = v;
  }
}

/**
 * The code step and the value of code 0 for each dimension, from its range: step
 * (hi − lo)/255 and offset lo + 128·step, so codes −128…127 span [lo, hi] exactly. A constant
 * dimension gets step 0 and offset lo (its one value, exactly).
 *
 * @internal
 * @param lo - per-dimension minima (d)
 * @param hi - per-dimension maxima (d)
 * @param scale - out: steps (d)
 * @param offset - out: values of code 0 (d)
 * @example
 * ```ts
 * codeBook(new Float64Array([0]), new Float64Array([255]), scale, offset); // scale [1], offset [128]
 * ```
 */
export function codeBook(lo: Float64Array, hi: Float64Array, scale: Float64Array, offset: Float64Array): void {
  for (let j = 0; j < lo.length; j++) {
    const step = (hi[j]! - lo[j]!) / 255;
    scale[j] = step;
    offset[j] = step > 0 ? lo[j]! + 128 * step : lo[j]!;
  }
}

/**
 * Encodes one row into `codes[off … off + d)` (values outside the code book's range are
 * clamped) and returns the squared norm of the decoded row.
 *
 * @internal
 * @param row - the row (d)
 * @param d - row length
 * @param scale - per-dimension steps
 * @param offset - per-dimension values of code 0
 * @param codes - out: code rows
 * @param off - where this row's codes start
 * @returns Σ (offset[j] + scale[j] · code[j])²
 * @example
 * ```ts
 * encodeRow(new Float64Array([3]), 1, new Float64Array([1]), new Float64Array([0]), codes, 0); // 9, codes[0] = 3
 * ```
 */
export function encodeRow(row: Float64Array, d: number, scale: Float64Array, offset: Float64Array, codes: Int8Array, off: number): number {
  let norm = 0;
  for (let j = 0; j < d; j++) {
    const s = scale[j]!;
    let c = s > 0 ? Math.round((row[j]! - offset[j]!) / s) : 0;
    if (c < -128) c = -128;
    else if (c > 127) c = 127;
    codes[off + j] = c;
    const v = offset[j]! + s * c;
    norm += v * v;
  }
  return norm;
}
