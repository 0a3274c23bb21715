/**
 * Mapping data rows to the autoencoder's latent space.
 */
import { type Matrix64, type MatrixLike, asMatrix64 } from '../core/matrix.js';
import { assertSize } from '../core/validate.js';
import { runLayers } from './infer.js';
import { checkAutoencoderModel, type AutoencoderModel } from './model.js';

/**
 * Encodes rows into the latent space: the encoder's output for each row (for a variational
 * model, the mean μ of the code's distribution, deterministic).
 *
 * O(n · P_enc) for P_enc encoder parameters; X is not modified.
 *
 * @param model - a model from {@link autoencoder}
 * @param X - rows, n × inputSize
 * @returns the n × latentSize codes
 * @throws LatentError `E_MODEL` (not an autoencoder model), `E_SHAPE` (wrong width), `E_NOT_FINITE`, `E_TYPE`
 * @example
 * ```ts
 * const X = [[0, 0, 1], [0, 1, 1], [1, 0, 0], [1, 1, 0]];
 * const model = autoencoder(X, { layers: [2], activation: 'linear', epochs: 300, batchSize: 4, learningRate: 0.05 });
 * const Z = encode(model, X);
 * [Z.rows, Z.cols]; // [4, 2]
 * ```
 * @see sklearn.decomposition.PCA.transform (the linear counterpart)
 */
export function encode(model: AutoencoderModel, X: MatrixLike): Matrix64 {
  const m = checkAutoencoderModel('encode', model);
  const x = asMatrix64(X, 'encode', 'X');
  if (x.rows > 0) assertSize('encode', 'X columns', x.cols, m.inputSize);
  const k = m.latentSize;
  return { rows: x.rows, cols: k, data: runLayers(m, x.data, x.rows, 0, m.encoder.length, k) };
}
