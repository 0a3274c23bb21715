/**
 * Reconstructing rows through the autoencoder, and scoring how well each is reconstructed.
 */
import { type Matrix64, type MatrixLike, asMatrix64 } from '../core/matrix.js';
import { assertSize } from '../core/validate.js';
import { runLayers } from './infer.js';
import { checkAutoencoderModel, type AutoencoderModel } from './model.js';

/**
 * Reconstructs rows: `decode(model, encode(model, X))` in one pass (a variational model
 * uses the mean code, so the result is deterministic).
 *
 * O(n · P) for P parameters; X is not modified.
 *
 * @param model - a model from {@link autoencoder}
 * @param X - rows, n × inputSize
 * @returns the n × inputSize reconstructions
 * @throws LatentError `E_MODEL`, `E_SHAPE` (wrong width), `E_NOT_FINITE`, `E_TYPE`
 * @example
 * ```ts
 * // model: the linear 3 → 2 → 3 autoencoder of the `encode` example
 * reconstruct(model, [[1, 0, 0]]).data; // ≈ [1, 0, 0] (to 6 decimals)
 * ```
 * @see sklearn.decomposition.PCA.inverse_transform
 */
export function reconstruct(model: AutoencoderModel, X: MatrixLike): Matrix64 {
  const m = checkAutoencoderModel('reconstruct', model);
  const x = asMatrix64(X, 'reconstruct', 'X');
  if (x.rows > 0) assertSize('reconstruct', 'X columns', x.cols, m.inputSize);
  const L = m.encoder.length + m.decoder.length;
  return { rows: x.rows, cols: m.inputSize, data: runLayers(m, x.data, x.rows, 0, L, m.inputSize) };
}

/**
 * Reconstruction error of each row: the mean over its features of the squared difference
 * between the row and its {@link reconstruct}ion (whatever loss the model was trained
 * with). Rows unlike the training data reconstruct badly, so this is an anomaly score:
 * flag rows whose error exceeds, say, the 99th percentile of the training rows' errors.
 *
 * O(n · P); X is not modified.
 *
 * @param model - a model from {@link autoencoder}
 * @param X - rows, n × inputSize
 * @returns n errors, one per row (≥ 0)
 * @throws LatentError `E_MODEL`, `E_SHAPE` (wrong width), `E_NOT_FINITE`, `E_TYPE`
 * @example
 * ```ts
 * // model: the linear 3 → 2 → 3 autoencoder of the `encode` example (trained on points with x₃ = 1 − x₁)
 * reconstructionError(model, [[0, 1, 1], [1, 1, 1]]); // Float64Array [4.2e-15, 0.1724…]: the second row is off the plane
 * ```
 * @see sklearn.metrics.mean_squared_error(..., multioutput='raw_values') applied row-wise
 */
export function reconstructionError(model: AutoencoderModel, X: MatrixLike): Float64Array {
  const m = checkAutoencoderModel('reconstructionError', model);
  const x = asMatrix64(X, 'reconstructionError', 'X');
  if (x.rows > 0) assertSize('reconstructionError', 'X columns', x.cols, m.inputSize);
  const d = m.inputSize;
  const L = m.encoder.length + m.decoder.length;
  const y = runLayers(m, x.data, x.rows, 0, L, d);
  const out = new Float64Array(x.rows);
  const xd = x.data;
  for (let i = 0; i < x.rows; i++) {
    let s = 0;
    const base = i * d;
    for (let j = 0; j < d; j++) {
      const r = y[base + j]! - xd[base + j]!;
      s += r * r;
    }
    out[i] = s / d;
  }
  return out;
}
