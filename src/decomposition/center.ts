/**
 * Column means and mean-centred copies (the first step of PCA and of its transforms).
 */

/**
 * Column means of an n×d row-major matrix, with one correction pass (the mean of the
 * residuals) so data far from the origin keeps full precision. O(n·d).
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
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) mean[j] = mean[j]! + data[o + j]!;
  }
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / n;
  const corr = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) corr[j] = corr[j]! + (data[o + j]! - mean[j]!);
  }
  for (let j = 0; j < d; j++) mean[j] = mean[j]! + corr[j]! / n;
  return mean;
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
