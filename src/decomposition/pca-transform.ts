/**
 * Projection of data onto a fitted PCA's components (the linear encoder).
 */
import { gemmData } from '../core/gemm.js';
import type { Matrix64, MatrixLike } from '../core/matrix.js';
import { pcaBatchInPlace, type PcaModel } from './pca-model.js';

/**
 * Projects data into the model's latent space: `Z = (X − mean) · componentsᵀ`, each
 * coordinate divided by √explainedVariance when the model whitens (a zero-variance component
 * maps to 0 rather than NaN).
 *
 * O(n·d·k) through the blocked matrix product. X is read in place, Float64 or Float32: it is
 * centred (and widened) block by block as the product packs it, so the only allocation besides
 * the n×k result is the product's packing buffers (≤ 128 KiB + k·256 doubles).
 *
 * @param model - a model from {@link pca}
 * @param X - n×d data with the model's d features (n ≥ 0), Float64 or Float32
 * @returns the n×k latent coordinates
 * @throws LatentError `E_MODEL` (not a PCA model), `E_SHAPE` (X has the wrong width),
 *   `E_NOT_FINITE`, `E_TYPE`, `E_RANGE` (a Float64 value beyond ±2⁵⁰⁰ ≈ 3.3e150, as the fit)
 * @example
 * ```ts
 * const model = pca([[2, 0], [0, 1], [-2, 0], [0, -1]]);
 * pcaTransform(model, [[4, 1]]).data; // Float64Array [4, 1]
 * ```
 * @see sklearn.decomposition.PCA.transform
 */
export function pcaTransform(model: PcaModel, X: MatrixLike): Matrix64 {
  const { model: m, x } = pcaBatchInPlace('pcaTransform', model, X);
  const n = x.rows;
  const d = m.mean.length;
  const k = m.components.rows;
  const z = new Float64Array(n * k);
  const components = m.components.data instanceof Float64Array ? m.components.data : Float64Array.from(m.components.data);
  // Z = (X − 1·meanᵀ) · componentsᵀ: X centred as it is packed (the same bits as on a centred copy).
  gemmData(false, true, n, k, d, 1, x.data, m.mean, components, null, 0, z);
  if (m.whiten) {
    const inv = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      const ev = m.explainedVariance[j]!;
      inv[j] = ev > 0 ? 1 / Math.sqrt(ev) : 0;
    }
    for (let i = 0; i < n; i++) {
      const o = i * k;
      for (let j = 0; j < k; j++) z[o + j] = z[o + j]! * inv[j]!;
    }
  }
  return { rows: n, cols: k, data: z };
}
