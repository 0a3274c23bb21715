/**
 * Per-sample reconstruction error of a PCA: an anomaly score.
 */
import { gemm } from '../core/gemm.js';
import type { MatrixLike } from '../core/matrix.js';
import { pcaBatch, type PcaModel } from './pca-model.js';
import { pcaProject } from './pca-project.js';

/**
 * Each row's mean squared error between the data and its reconstruction through the model,
 * `mean_j (x − pcaInverseTransform(pcaTransform(x)))_j²`: the squared distance from the
 * principal subspace divided by d. Whitening does not change it. Rows far from the subspace
 * (unusual samples) score high; the same quantity as `reconstructionError` of an autoencoder.
 *
 * O(n·d·k), computed from the centred residual (no round trip through the data's offset).
 *
 * @param model - a model from {@link pca}
 * @param X - n×d data with the model's d features (n ≥ 0)
 * @returns Float64Array of n non-negative errors
 * @throws LatentError `E_MODEL`, `E_SHAPE` (X has the wrong width), `E_NOT_FINITE`, `E_TYPE`, `E_RANGE` (a value beyond ±2⁵⁰⁰ ≈ 3.3e150, as the fit: its squared residual would overflow)
 * @example
 * ```ts
 * const model = pca([[2, 0], [0, 1], [-2, 0], [0, -1]], { components: 1 });
 * pcaReconstructionError(model, [[1, 2]]); // Float64Array [2] (residual (0, 2): (0² + 2²) / 2)
 * ```
 * @see sklearn.decomposition.PCA.score_samples (a likelihood-based alternative)
 */
export function pcaReconstructionError(model: PcaModel, X: MatrixLike): Float64Array {
  const { model: m, x } = pcaBatch('pcaReconstructionError', model, X, 'X');
  const n = x.rows;
  const d = m.mean.length;
  const k = m.components.rows;
  const { xc, z } = pcaProject(m, x);
  // xc ← xc − z · components
  gemm(false, false, n, d, k, -1, z, m.components.data, 1, xc);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let s = 0;
    for (let t = 0; t < d; t++) s += xc[o + t]! * xc[o + t]!;
    out[i] = s / d;
  }
  return out;
}
