/**
 * Projection of data onto a fitted PCA's components (the linear encoder).
 */
import type { Matrix64, MatrixLike } from '../core/matrix.js';
import { pcaBatch, type PcaModel } from './pca-model.js';
import { pcaProject } from './pca-project.js';

/**
 * Projects data into the model's latent space: `Z = (X − mean) · componentsᵀ`, each
 * coordinate divided by √explainedVariance when the model whitens (a zero-variance component
 * maps to 0 rather than NaN).
 *
 * O(n·d·k) through the blocked matrix product.
 *
 * @param model - a model from {@link pca}
 * @param X - n×d data with the model's d features (n ≥ 0)
 * @returns the n×k latent coordinates
 * @throws LatentError `E_MODEL` (not a PCA model), `E_SHAPE` (X has the wrong width),
 *   `E_NOT_FINITE`, `E_TYPE`
 * @example
 * ```ts
 * const model = pca([[2, 0], [0, 1], [-2, 0], [0, -1]]);
 * pcaTransform(model, [[4, 1]]).data; // Float64Array [4, 1]
 * ```
 * @see sklearn.decomposition.PCA.transform
 */
export function pcaTransform(model: PcaModel, X: MatrixLike): Matrix64 {
  const { model: m, x } = pcaBatch('pcaTransform', model, X, 'X');
  const n = x.rows;
  const k = m.components.rows;
  const { z } = pcaProject(m, x);
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
