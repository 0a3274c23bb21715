/**
 * Mapping latent coordinates back to data space (the linear decoder).
 */
import { gemm } from '../core/gemm.js';
import type { Matrix64, MatrixLike } from '../core/matrix.js';
import { pcaBatch, type PcaModel } from './pca-model.js';

/**
 * Maps latent coordinates back to data space: `X̂ = Z · components + mean` (with each
 * coordinate first multiplied by √explainedVariance when the model whitens). With every
 * component kept this inverts {@link pcaTransform} exactly (to rounding); with fewer it gives
 * the closest point of the principal subspace.
 *
 * O(n·k·d) through the blocked matrix product.
 *
 * @param model - a model from {@link pca}
 * @param Z - n×k latent coordinates (n ≥ 0)
 * @returns the n×d reconstruction
 * @throws LatentError `E_MODEL` (not a PCA model), `E_SHAPE` (Z has the wrong width),
 *   `E_NOT_FINITE`, `E_TYPE`, `E_RANGE` (a value beyond ±2⁵⁰⁰ ≈ 3.3e150, whose reconstruction would overflow)
 * @example
 * ```ts
 * const model = pca([[2, 0], [0, 1], [-2, 0], [0, -1]], { components: 1 });
 * pcaInverseTransform(model, [[3]]).data; // Float64Array [3, 0]
 * ```
 * @see sklearn.decomposition.PCA.inverse_transform
 */
export function pcaInverseTransform(model: PcaModel, Z: MatrixLike): Matrix64 {
  const { model: m, x: z } = pcaBatch('pcaInverseTransform', model, Z, 'Z');
  const d = m.mean.length;
  const k = m.components.rows;
  const n = z.rows;
  let basis = m.components.data;
  if (m.whiten) {
    basis = new Float64Array(k * d);
    for (let j = 0; j < k; j++) {
      const s = Math.sqrt(Math.max(m.explainedVariance[j]!, 0));
      const o = j * d;
      for (let t = 0; t < d; t++) basis[o + t] = m.components.data[o + t]! * s;
    }
  }
  const out = new Float64Array(n * d);
  gemm(false, false, n, d, k, 1, z.data, basis, 0, out);
  const mean = m.mean;
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let t = 0; t < d; t++) out[o + t] = out[o + t]! + mean[t]!;
  }
  return { rows: n, cols: d, data: out };
}
