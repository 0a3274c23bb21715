/**
 * Column means and mean-centred copies (the first step of PCA and of its transforms).
 */

/**
 * Column means of an n×d row-major matrix in one pass, summed in blocks of 256 rows (each
 * block's partial sum is added to the total), so the rounding error grows like
 * (256 + n / 256)·ε rather than n·ε. A constant column's mean is exactly its value, so it
 * centres to exact zeros. O(n·d).
 *
 * @param data - n×d values, row-major
 * @param n - rows (≥ 1)
 * @param d - columns
 * @returns the d column means
 * @example
 * ```ts
 * columnMeans(new Float64Array([1, 2, 3, 6]), 2, 2); // Float64Array [2, 4]
 * ```
 */
export function columnMeans(data: Float64Array, n: number, d: number): Float64Array {
  const total = new Float64Array(d);
  const block = new Float64Array(d);
  // Columns still equal to their first value (1) or not (0).
  const constant = new Uint8Array(d).fill(1);
  for (let i0 = 0; i0 < n; i0 += 256) {
    const i1 = i0 + 256 < n ? i0 + 256 : n;
    block.fill(0);
    for (let i = i0; i < i1; i++) {
      const o = i * d;
      for (let j = 0; j < d; j++) {
        const v = data[o + j]!;
        block[j] = block[j]! + v;
        if (v !== data[j]) constant[j] = 0;
      }
    }
    for (let j = 0; j < d; j++) total[j] = total[j]! + block[j]!;
  }
  for (let j = 0; j < d; j++) total[j] = constant[j] === 1 ? data[j]! : total[j]! / n;
  return total;
}

/**
 * A new n×d array holding `data − mean` row by row. O(n·d).
 *
 * @param data - n×d values, row-major (not modified)
 * @param n - rows
 * @param d - columns
 * @param mean - the d values to subtract from every row
 * @returns the centred copy
 * @example
 * ```ts
 * centered(new Float64Array([1, 2, 3, 6]), 2, 2, new Float64Array([2, 4])); // Float64Array [-1, -2, 1, 2]
 * ```
 */
export function centered(data: Float64Array, n: number, d: number, mean: Float64Array): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) out[o + j] = data[o + j]! - mean[j]!;
  }
  return out;
}

/**
 * {@link centered} that also returns each centred column's sum of squares (one pass: the
 * diagonal of XcᵀXc, the total variance and the constant-column test of PCA).
 *
 * @param data - n×d values, row-major (not modified)
 * @param n - rows
 * @param d - columns
 * @param mean - the d values to subtract from every row
 * @returns the centred copy and the d column sums of squares
 * @example
 * ```ts
 * centeredWithSquares(new Float64Array([1, 2, 3, 6]), 2, 2, new Float64Array([2, 4])).squares; // Float64Array [2, 8]
 * ```
 */
export function centeredWithSquares(data: Float64Array, n: number, d: number, mean: Float64Array): { xc: Float64Array; squares: Float64Array } {
  const xc = new Float64Array(n * d);
  const squares = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const v = data[o + j]! - mean[j]!;
      xc[o + j] = v;
      squares[j] = squares[j]! + v * v;
    }
  }
  return { xc, squares };
}
