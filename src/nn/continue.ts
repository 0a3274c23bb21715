/**
 * Continuing the training of an autoencoder model for more epochs.
 */
import type { MatrixLike } from '../core/matrix.js';
import { type AutoencoderModel, checkAutoencoderModel, modelSpec, checkTraining } from './model.js';
import { flattenParameters, parameterCount, unflattenParameters } from './network.js';
import { type TrainingRunOptions, checkData, resolveRun, trainNetwork, TRAINING_RUN_KEYS } from './train.js';
import { readOptions } from '../core/options.js';

/** Options of {@link autoencoderContinue}: one more training run. Unset fields keep the model's settings. */
export type AutoencoderContinueOptions = TrainingRunOptions;

/**
 * Trains an autoencoder model for more epochs and returns the updated copy (the given model
 * is not modified).
 *
 * The optimiser state (Adam moments and step count, or SGD velocity) and the seeded
 * generator are resumed, so `autoencoder(X, { epochs: a })` followed by
 * `autoencoderContinue(model, X, { epochs: b })` gives bit-for-bit the model of
 * `autoencoder(X, { epochs: a + b })` (same batch size, learning rate and validation
 * settings). Training can also continue on new rows of the same width (fine-tuning), and a
 * deserialized model continues exactly like the original. Early-stopping patience counts
 * from the start of this run. Call it with `epochs: 1` to drive training epoch by epoch
 * (e.g. for an animation). O(epochs · n · P) for P parameters.
 *
 * @param model - a model from {@link autoencoder} (or `deserialize`)
 * @param X - training rows, n × inputSize
 * @param options - {@link AutoencoderContinueOptions}
 * @returns a new model with the further-trained weights, extended history and optimiser state
 * @throws LatentError `E_MODEL` (not an autoencoder model), `E_SHAPE` (wrong width), `E_RANGE`, `E_NOT_FINITE`,
 * `E_OPTION`, `E_TYPE`, `E_ABORTED`, `E_CONVERGENCE`
 * @example
 * ```ts
 * let model = autoencoder(X, { epochs: 5 });
 * model = autoencoderContinue(model, X, { epochs: 5 });
 * model.history.loss.length; // 10
 * ```
 * @see Keras `Model.fit(initial_epoch=…)`; sklearn's `warm_start`
 */
export function autoencoderContinue(model: AutoencoderModel, X: MatrixLike, options?: AutoencoderContinueOptions): AutoencoderModel {
  const fn = 'autoencoderContinue';
  const o = readOptions(fn, options, TRAINING_RUN_KEYS);
  const m = checkAutoencoderModel(fn, model);
  const data = checkData(fn, 'X', X, m.loss, m.inputSize);
  const spec = modelSpec(m);
  const p = parameterCount(spec.layers);
  const t = m.training;
  checkTraining(fn, t, p);
  const training = { ...t, moment1: t.moment1.slice(), moment2: t.moment2.slice(), rng: t.rng.slice() };
  const h = m.history;
  const history = { loss: h.loss.slice(), valLoss: h.valLoss.slice(), bestEpoch: h.bestEpoch, stoppedEarly: h.stoppedEarly };
  const run = resolveRun(fn, o, data, m.loss, training, 10);
  const theta = flattenParameters(spec.layers, new Float64Array(p));
  trainNetwork(fn, spec, theta, training, history, run);
  const trained = unflattenParameters(spec.layers, theta);
  return {
    ...m,
    layers: m.layers.slice(),
    encoder: trained.slice(0, m.encoder.length),
    decoder: trained.slice(m.encoder.length),
    training,
    history,
  };
}
