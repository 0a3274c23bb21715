/**
 * The scatter matrix XcᵀXc of the centred data, straight from X: the covariance route of PCA.
 */
import { packColumns32, packColumns64, panelProduct } from '../core/gemm.js';
import type { FloatArray } from '../core/matrix.js';
import { checkAborted, type Observer } from '../core/task.js';

/** Samples packed per pass: 4 columns × 128 samples = 4 KiB per panel; d = 384 gives 384 KiB of panels (L2). */
const KC = 128;

/**
 * `XcᵀXc` (d × d, symmetric, both triangles filled) where `Xc = X − 1·meanᵀ`, computed without
 * a centred (or, for Float32 data, a widened) copy of X: each block of 128 rows is packed into
 * 4-column panels with the mean subtracted as it is read, and the upper triangle of 4×4 tiles is
 * accumulated with the packed product (half the work of a full product: n·d² flops).
 *
 * Every entry is a left-to-right sum over the rows in order of the products of centred values,
 * so the diagonal is bit-for-bit the column sums of squares a centred copy would give. O(n·d²)
 * time at the matrix-product rate; O(d² + 128·d) memory.
 *
 * @param X - n × d data, row-major (Float64 or Float32)
 * @param n - rows
 * @param d - columns
 * @param mean - the d column means to subtract
 * @param obs - abort checks between blocks of rows, or null
 * @returns the d × d scatter matrix
 * @example
 * ```ts
 * centredScatter(new Float64Array([1, 2, 3, 6]), 2, 2, new Float64Array([2, 4]), null); // Float64Array [2, 4, 4, 8]
 * ```
 */
export function centredScatter(X: FloatArray, n: number, d: number, mean: Float64Array, obs: Observer | null): Float64Array {
  const panels = (d + 3) >> 2;
  const dp = panels << 2;
  const kcMax = Math.min(KC, Math.max(1, n));
  const packed = new Float64Array(dp * kcMax);
  const acc = new Float64Array(dp * dp);
  const x32 = X instanceof Float32Array ? X : null;
  const x64 = X instanceof Float64Array ? X : null;
  for (let r0 = 0; r0 < n; r0 += KC) {
    if (obs !== null) checkAborted(obs.fn, obs.signal);
    const kc = Math.min(KC, n - r0);
    if (x32 !== null) packColumns32(x32, d, 0, d, r0, kc, mean, packed, 0);
    else packColumns64(x64!, d, 0, d, r0, kc, mean, packed, 0);
    // Upper triangle of tiles: the A panel q against B panels q … end.
    for (let q = 0; q < panels; q++) {
      panelProduct(packed, q * 4 * kc, 4, packed, q * 4 * kc, panels - q, kc, 0, kc, acc, 4 * q * dp + 4 * q, dp, r0 > 0);
    }
  }
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const v = acc[i * dp + j]!;
      out[i * d + j] = v;
      out[j * d + i] = v;
    }
  }
  return out;
}
