/**
 * General matrix product on row-major `Float64Array` storage, the kernel shared by
 * `decomposition` (PCA, SVD) and `nn` (dense layers).
 */

/**
 * `C ← alpha · op(A) · op(B) + beta · C`, all row-major and contiguous.
 *
 * `op(A)` is m×k: A is stored m×k, or k×m when `transA`. `op(B)` is k×n: B is stored
 * k×n, or n×k when `transB`. C is m×n. With `beta = 0`, C's previous contents are ignored
 * (even NaN). C must not alias A or B.
 *
 * @param transA - use Aᵀ
 * @param transB - use Bᵀ
 * @param m - rows of op(A) and C
 * @param n - columns of op(B) and C
 * @param k - inner dimension
 * @param alpha - scale of the product
 * @param a - A's values
 * @param b - B's values
 * @param beta - scale of C's previous contents (0 overwrites)
 * @param c - C's values (written)
 * @example
 * ```ts
 * const c = new Float64Array(4);
 * gemm(false, false, 2, 2, 2, 1, new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), 0, c);
 * c; // Float64Array [19, 22, 43, 50]
 * ```
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  b: Float64Array,
  beta: number,
  c: Float64Array,
): void {
  // Reference implementation; a cache-blocked, register-tiled kernel replaces it.
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const av = transA ? a[p * m + i]! : a[i * k + p]!;
        const bv = transB ? b[j * k + p]! : b[p * n + j]!;
        s += av * bv;
      }
      const prev = beta === 0 ? 0 : beta * c[i * n + j]!;
      c[i * n + j] = alpha * s + prev;
    }
  }
}
