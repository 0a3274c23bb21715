/**
 * The projection step shared by the PCA transforms: centre, then multiply by the components.
 */
import { gemm } from '../core/gemm.js';
import type { Matrix64 } from '../core/matrix.js';
import { centered } from './center.js';
import type { PcaModel } from './pca-model.js';

/**
 * Centres a batch with the model's mean and projects it onto the components:
 * `xc = X − mean` (n×d) and `z = xc · componentsᵀ` (n×k, before any whitening). Both are new
 * arrays the caller may overwrite. O(n·d·k) through the blocked matrix product.
 *
 * @param model - a validated PCA model
 * @param x - n×d batch with the model's d features (validated)
 * @returns the centred batch and its coordinates on the components
 * @example
 * ```ts
 * pcaProject(pca([[2, 0], [0, 1], [-2, 0], [0, -1]]), matrix(1, 2, [4, 1])).z; // Float64Array [4, 1]
 * ```
 */
export function pcaProject(model: PcaModel, x: Matrix64): { xc: Float64Array; z: Float64Array } {
  const n = x.rows;
  const d = model.mean.length;
  const k = model.components.rows;
  const xc = centered(x.data, n, d, model.mean);
  const z = new Float64Array(n * k);
  gemm(false, true, n, k, d, 1, xc, model.components.data, 0, z);
  return { xc, z };
}
