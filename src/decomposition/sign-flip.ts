/**
 * The deterministic sign of eigenvectors and embedding axes: each vector's largest-magnitude
 * entry is made positive (scikit-learn's `svd_flip` / `_deterministic_vector_sign_flip`).
 */

/**
 * Flips each row of a row-major `rows × cols` array so that its largest-magnitude entry is
 * positive. Among entries within a relative 10⁻⁸ of the largest magnitude the first one decides,
 * so rounding noise between two solvers cannot flip the choice (scikit-learn takes the exact
 * argmax; the two agree unless two entries tie to 8 digits). O(rows·cols), in place.
 *
 * @param data - the vectors, one per row (modified in place)
 * @param rows - number of vectors
 * @param cols - their length
 * @example
 * ```ts
 * const v = new Float64Array([0.6, -0.8, 1, 0]);
 * flipSignsByLargest(v, 2, 2); // v = [-0.6, 0.8, 1, 0]
 * ```
 * @see sklearn.utils.extmath.svd_flip
 */
export function flipSignsByLargest(data: Float64Array, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let max = 0;
    for (let t = 0; t < cols; t++) max = Math.max(max, Math.abs(data[o + t]!));
    let t = 0;
    while (t < cols - 1 && Math.abs(data[o + t]!) < max * (1 - 1e-8)) t++;
    if (data[o + t]! < 0) for (let u = 0; u < cols; u++) data[o + u] = -data[o + u]!;
  }
}
