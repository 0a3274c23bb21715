/**
 * Generating new rows from a variational autoencoder.
 */
import { LatentError, describe } from '../core/errors.js';
import type { Matrix64 } from '../core/matrix.js';
import { DEFAULT_SEED, randomNormal, rng } from '../core/random.js';
import { assertInteger, assertAllocatable } from '../core/validate.js';
import { runLayers } from './infer.js';
import { checkAutoencoderModel, type AutoencoderModel } from './model.js';
import { readOptions, type OptionKeys } from '../core/options.js';

/** Options of {@link sample}. */
export interface SampleOptions {
  /**
   * Seed of the latent draws.
   * @defaultValue DEFAULT_SEED
   */
  seed?: number;
}

const SAMPLE_KEYS: OptionKeys<SampleOptions> = { seed: true };

/**
 * Draws `n` codes from the prior N(0, I) of a variational autoencoder and decodes them:
 * new rows resembling the training data.
 *
 * Only variational models have a prior to sample from (a plain autoencoder's latent
 * space has no defined density; decode chosen or interpolated codes instead). O(n · P_dec).
 *
 * @param model - a model from `autoencoder(X, { variational: true })`
 * @param n - number of rows to generate (integer ≥ 0)
 * @param options - {@link SampleOptions}
 * @returns the n × inputSize generated rows
 * @throws LatentError `E_MODEL` (not an autoencoder, or not variational), `E_RANGE` (bad n or seed)
 * @example
 * ```ts
 * const vae = autoencoder([[0, 0, 1], [0, 1, 1], [1, 0, 0], [1, 1, 0]], { layers: [2], variational: true, epochs: 50 });
 * const S = sample(vae, 5, { seed: 1 });
 * [S.rows, S.cols]; // [5, 3]
 * ```
 * @see Kingma & Welling (2014), "Auto-Encoding Variational Bayes"
 */
export function sample(model: AutoencoderModel, n: number, options?: SampleOptions): Matrix64 {
  const o = readOptions('sample', options, SAMPLE_KEYS);
  const m = checkAutoencoderModel('sample', model);
  if (!m.variational) {
    throw new LatentError('E_MODEL', `sample: model must be variational (autoencoder(X, { variational: true })), got variational ${describe(m.variational)}`);
  }
  assertInteger('sample', 'n', n, 0);
  const seed = assertInteger('sample', 'seed', o.seed ?? DEFAULT_SEED, 0);
  const random = rng(seed);
  const k = m.latentSize;
  // The codes, the widest layer's activations and the output, per drawn row.
  assertAllocatable('sample', `${n} samples`, n * (k + Math.max(...m.layers, m.inputSize) + m.inputSize));
  const z = new Float64Array(n * k);
  for (let i = 0; i < z.length; i++) z[i] = randomNormal(random);
  const L = m.encoder.length + m.decoder.length;
  return { rows: n, cols: m.inputSize, data: runLayers(m, z, n, m.encoder.length, L, m.inputSize) };
}
