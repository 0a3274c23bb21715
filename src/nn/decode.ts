/**
 * Mapping latent codes back to data space.
 */
import { type Matrix64, type MatrixLike, asMatrix64 } from '../core/matrix.js';
import { assertSize } from '../core/validate.js';
import { runLayers } from './infer.js';
import { checkAutoencoderModel, type AutoencoderModel } from './model.js';

/**
 * Decodes latent codes into data space: the decoder's output for each code.
 *
 * Codes need not come from {@link encode}: decode sampled points, or points on a path
 * between two codes (core's `interpolate`) to see what the latent space has learned.
 * O(n · P_dec) for P_dec decoder parameters; Z is not modified.
 *
 * @param model - a model from {@link autoencoder}
 * @param Z - codes, n × latentSize
 * @returns the n × inputSize decoded rows
 * @throws LatentError `E_MODEL` (not an autoencoder model), `E_SHAPE` (wrong width), `E_NOT_FINITE`, `E_TYPE`
 * @example
 * ```ts
 * // model: the linear 3 → 2 → 3 autoencoder of the `encode` example
 * const z = encode(model, [[0, 0, 1], [1, 1, 0]]).data;
 * decode(model, interpolate(z.subarray(0, 2), z.subarray(2, 4), 3)).data;
 * // ≈ [0, 0, 1,  0.5, 0.5, 0.5,  1, 1, 0] (to 6 decimals): the midpoint decodes to the midpoint
 * ```
 * @see sklearn.decomposition.PCA.inverse_transform (the linear counterpart)
 */
export function decode(model: AutoencoderModel, Z: MatrixLike): Matrix64 {
  const m = checkAutoencoderModel('decode', model);
  const z = asMatrix64(Z, 'decode', 'Z');
  if (z.rows > 0) assertSize('decode', 'Z columns', z.cols, m.latentSize);
  const L = m.encoder.length + m.decoder.length;
  return { rows: z.rows, cols: m.inputSize, data: runLayers(m, z.data, z.rows, m.encoder.length, L, m.inputSize) };
}
