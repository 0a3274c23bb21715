/**
 * The mini-batch training loop shared by `autoencoder` and `autoencoderContinue`:
 * option checks, the validation split, per-epoch shuffling, optimiser steps, early
 * stopping, progress and abort. All buffers are allocated once per run.
 */
import { LatentError, describe } from '../core/errors.js';
import { type Matrix64, type MatrixLike, asMatrix64 } from '../core/matrix.js';
import { nextDouble, randomNormal, rngState, shuffle } from '../core/random.js';
import { assertInteger, assertNumber, throwIfAborted } from '../core/validate.js';
import type { LossName } from './loss.js';
import type { AutoencoderHistory, AutoencoderTraining } from './model.js';
import { type NetworkSpec, createNetwork, lossAndGradient, lossSum } from './network.js';
import { adamStep, clipByGlobalNorm, sgdStep } from './optimizer.js';
import { booleanOption, functionOption, signalOption, type OptionKeys } from '../core/options.js';

/** What {@link TrainingRunOptions.onProgress} receives after each epoch. */
export interface AutoencoderProgress {
  /** Epochs completed in this run (1-based). */
  epoch: number;
  /** Epochs requested for this run. */
  epochs: number;
  /** Mean training loss of the epoch. */
  loss: number;
  /** Validation loss after the epoch, or `undefined` without validation data. */
  valLoss: number | undefined;
}

/** Options shared by `autoencoder` and `autoencoderContinue` (one training run). */
export interface TrainingRunOptions {
  /**
   * Passes over the training rows.
   * @defaultValue 100 for `autoencoder`, 10 for `autoencoderContinue`
   */
  epochs?: number;
  /**
   * Rows per mini-batch (capped at the number of training rows).
   * @defaultValue 32 (or the model's previous batch size when continuing)
   */
  batchSize?: number;
  /**
   * Optimiser step size.
   * @defaultValue 1e-3 for Adam, 1e-2 for SGD (or the model's previous rate when continuing)
   */
  learningRate?: number;
  /**
   * L2 penalty λ: `λ·W` is added to every weight's gradient (biases are not decayed), i.e.
   * `λ/2 · ‖W‖²` is added to the loss (the penalty is not included in the reported loss).
   * @defaultValue 0 (or the model's previous value when continuing)
   */
  weightDecay?: number;
  /**
   * Clip the gradient to this global L2 norm before each step; `Infinity` disables clipping.
   * @defaultValue Infinity (or the model's previous value when continuing)
   */
  clipNorm?: number;
  /**
   * Fraction in [0, 1) of the rows held out (a seeded random subset, derived from the
   * model's seed) to compute a validation loss after each epoch. Exclusive with `validation`.
   * @defaultValue 0
   */
  validationSplit?: number;
  /**
   * Separate validation rows (same width as X). Exclusive with `validationSplit`.
   * @defaultValue undefined
   */
  validation?: MatrixLike;
  /**
   * Early stopping: stop after this many epochs without improvement of the validation loss
   * (of the training loss when there is no validation data). `Infinity` never stops early.
   * @defaultValue Infinity
   */
  patience?: number;
  /**
   * With `patience`, return the weights of the best epoch rather than the last.
   * @defaultValue true
   */
  restoreBestWeights?: boolean;
  /**
   * Called after each epoch.
   * @defaultValue undefined
   */
  onProgress?: (progress: AutoencoderProgress) => void;
  /**
   * Aborts training (checked before every mini-batch) with `E_ABORTED`.
   * @defaultValue undefined
   */
  signal?: AbortSignal;
}

/** Every key of {@link TrainingRunOptions}, for the options validator. */
export const TRAINING_RUN_KEYS: OptionKeys<TrainingRunOptions> = { epochs: true, batchSize: true, learningRate: true, weightDecay: true, clipNorm: true, validationSplit: true, validation: true, patience: true, restoreBestWeights: true, onProgress: true, signal: true };

/** A run's resolved settings. */
export interface TrainingRun {
  epochs: number;
  patience: number;
  restoreBestWeights: boolean;
  onProgress: ((progress: AutoencoderProgress) => void) | undefined;
  signal: AbortSignal | undefined;
  /** Training data (all rows; `trainRows` selects those used for training). */
  data: Matrix64;
  trainRows: Int32Array;
  validation: Matrix64 | undefined;
}

/**
 * Checks X for a loss: every value must be finite, and within [0, 1] for `bce`.
 *
 * @param fn - public function name
 * @param name - argument name
 * @param X - the data
 * @param loss - the loss
 * @param inputSize - required width (or undefined to accept any ≥ 1)
 * @returns X as a Matrix
 */
export function checkData(fn: string, name: string, X: MatrixLike, loss: LossName, inputSize: number | undefined): Matrix64 {
  const m = asMatrix64(X, fn, name);
  if (m.rows < 1) throw new LatentError('E_SHAPE', `${fn}: ${name} must have at least 1 row, got 0`);
  if (inputSize === undefined) {
    if (m.cols < 1) throw new LatentError('E_SHAPE', `${fn}: ${name} must have at least 1 column, got 0`);
  } else if (m.cols !== inputSize) {
    throw new LatentError('E_SHAPE', `${fn}: ${name} columns must be ${inputSize}, got ${m.cols}`);
  }
  if (loss === 'bce') {
    const data = m.data;
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      if (v < 0 || v > 1) {
        throw new LatentError('E_RANGE', `${fn}: ${name} must lie in [0, 1] with loss 'bce', got ${describe(v)} at row ${Math.floor(i / m.cols)}, column ${i % m.cols}`);
      }
    }
  }
  return m;
}

/**
 * Checks the run options shared by both entry points and writes the optimiser settings
 * into `training` (which must be a private copy).
 *
 * @param fn - public function name
 * @param options - the caller's options
 * @param data - the checked training data
 * @param loss - the model's loss (for checking validation data)
 * @param training - settings to update (defaults already filled)
 * @param defaultEpochs - epochs when not given
 * @returns the resolved run
 */
export function resolveRun(fn: string, options: TrainingRunOptions, data: Matrix64, loss: LossName, training: AutoencoderTraining, defaultEpochs: number): TrainingRun {
  const epochs = assertInteger(fn, 'epochs', options.epochs ?? defaultEpochs, 0, 1e9);
  training.batchSize = assertInteger(fn, 'batchSize', options.batchSize ?? training.batchSize, 1);
  training.learningRate = assertNumber(fn, 'learningRate', options.learningRate ?? training.learningRate, 0, Infinity, true);
  training.weightDecay = assertNumber(fn, 'weightDecay', options.weightDecay ?? training.weightDecay, 0);
  const clip = options.clipNorm ?? training.clipNorm;
  training.clipNorm = clip === Infinity ? Infinity : assertNumber(fn, 'clipNorm', clip, 0, Infinity, true);
  const pat = options.patience ?? Infinity;
  const patience = pat === Infinity ? Infinity : assertInteger(fn, 'patience', pat, 1);
  const restore = booleanOption(fn, 'restoreBestWeights', options.restoreBestWeights, true);
  const onProgress = functionOption(fn, 'onProgress', options.onProgress);
  const split = assertNumber(fn, 'validationSplit', options.validationSplit ?? 0, 0, 1, false, true);
  let validation: Matrix64 | undefined;
  let trainRows: Int32Array;
  if (options.validation !== undefined) {
    if (split > 0) throw new LatentError('E_OPTION', `${fn}: give either validation or validationSplit, got both`);
    validation = checkData(fn, 'validation', options.validation, loss, data.cols);
    trainRows = new Int32Array(data.rows);
    for (let i = 0; i < data.rows; i++) trainRows[i] = i;
  } else if (split > 0) {
    const nVal = Math.max(1, Math.round(split * data.rows));
    if (nVal >= data.rows) {
      throw new LatentError('E_RANGE', `${fn}: validationSplit ${split} leaves no training rows out of ${data.rows}`);
    }
    // A stream of its own (not the training stream), so continuing a model re-draws the same split.
    const order = new Int32Array(data.rows);
    for (let i = 0; i < data.rows; i++) order[i] = i;
    const s = rngState((training.seed + 0x9e3779b9) % 2 ** 53);
    shuffle(order, () => nextDouble(s));
    const valRows = order.subarray(0, nVal).slice().sort();
    trainRows = order.subarray(nVal).slice().sort();
    const d = data.cols;
    const vd = new Float64Array(nVal * d);
    for (let i = 0; i < nVal; i++) vd.set(data.data.subarray(valRows[i]! * d, valRows[i]! * d + d), i * d);
    validation = { rows: nVal, cols: d, data: vd };
  } else {
    trainRows = new Int32Array(data.rows);
    for (let i = 0; i < data.rows; i++) trainRows[i] = i;
  }
  const signal = signalOption(fn, options.signal);
  return { epochs, patience, restoreBestWeights: restore, onProgress, signal, data, trainRows, validation };
}

/** Mean loss of `rows` (a Matrix) with the current parameters, in chunks of the batch buffer. */
function evaluate(net: ReturnType<typeof createNetwork>, rows: Matrix64): number {
  const d = rows.cols;
  const B = net.maxRows;
  let s = 0;
  for (let start = 0; start < rows.rows; start += B) {
    const m = Math.min(B, rows.rows - start);
    s += lossSum(net, rows.data.subarray(start * d, (start + m) * d), m, false);
  }
  return s / (rows.rows * d);
}

/**
 * Trains `theta` in place for `run.epochs` epochs, updating `training` (optimiser moments,
 * step, generator state) and appending to `history`.
 *
 * @param fn - public function name (for errors)
 * @param spec - the architecture
 * @param theta - flat parameters (updated)
 * @param training - optimiser settings and state (updated)
 * @param history - history (appended)
 * @param run - the resolved run
 * @throws LatentError `E_ABORTED` when the signal fires, `E_CONVERGENCE` when the loss becomes non-finite
 */
export function trainNetwork(
  fn: string,
  spec: NetworkSpec,
  theta: Float64Array,
  training: AutoencoderTraining,
  history: AutoencoderHistory,
  run: TrainingRun,
): void {
  const { data, trainRows, validation, signal, patience } = run;
  throwIfAborted(fn, signal);
  const n = trainRows.length;
  const d = data.cols;
  const B = Math.min(training.batchSize, n);
  const net = createNetwork(spec, theta, B);
  const grad = net.grad;
  const batch = new Float64Array(B * d);
  const order = trainRows.slice();
  const state = training.rng;
  const random = (): number => nextDouble(state);
  const k = spec.latentSize;
  const { optimizer, learningRate, momentum, beta1, beta2, epsilon, weightDecay, clipNorm } = training;
  const m1 = training.moment1;
  const m2 = training.moment2;
  const X = data.data;
  const early = patience !== Infinity;
  const best = early && run.restoreBestWeights ? new Float64Array(theta.length) : undefined;
  let bestLoss = Infinity;
  let bestEpoch = history.loss.length - 1;
  let wait = 0;
  let stoppedEarly = false;
  const epochBase = history.loss.length;
  for (let epoch = 0; epoch < run.epochs; epoch++) {
    // Each epoch permutes the rows from their fixed order, so an epoch's batches depend only on
    // the generator state (and a continued run repeats exactly what a longer run would do).
    order.set(trainRows);
    shuffle(order, random);
    let total = 0;
    for (let start = 0; start < n; start += B) {
      if (signal?.aborted) throwIfAborted(fn, signal);
      const m = Math.min(B, n - start);
      for (let i = 0; i < m; i++) {
        const src = order[start + i]! * d;
        const dst = i * d;
        for (let j = 0; j < d; j++) batch[dst + j] = X[src + j]!;
      }
      if (spec.variational) {
        const noise = net.noise;
        for (let i = 0; i < m * k; i++) noise[i] = randomNormal(random);
      }
      total += lossAndGradient(net, batch, m, true);
      if (weightDecay > 0) {
        for (let l = 0; l < net.layers.length; l++) {
          const w = net.layers[l]!.weights;
          const gw = net.gradW[l]!;
          for (let i = 0; i < w.length; i++) gw[i] = gw[i]! + weightDecay * w[i]!;
        }
      }
      if (clipNorm !== Infinity) clipByGlobalNorm(grad, clipNorm);
      training.step++;
      if (optimizer === 'adam') adamStep(theta, grad, m1, m2, training.step, learningRate, beta1, beta2, epsilon);
      else sgdStep(theta, grad, m1, learningRate, momentum);
    }
    const loss = total / (n * d);
    if (!Number.isFinite(loss)) {
      throw new LatentError(
        'E_CONVERGENCE',
        `${fn}: training diverged, the loss became ${describe(loss)} in epoch ${epochBase + epoch + 1}; lower learningRate, set clipNorm, or scale the data (e.g. standardize)`,
      );
    }
    // The loss can stay finite while the optimiser state overflows (a huge weightDecay squares
    // into Adam's second moments): O(parameters), a fraction of the epoch's O(n · parameters).
    const blown = firstNonFinite(theta, m1, m2);
    if (blown !== undefined) {
      throw new LatentError('E_CONVERGENCE', `${fn}: training diverged, the ${blown} became non-finite in epoch ${epochBase + epoch + 1}; lower learningRate or weightDecay, or set clipNorm`);
    }
    const valLoss = validation === undefined ? undefined : evaluate(net, validation);
    history.loss.push(loss);
    history.valLoss.push(valLoss ?? NaN);
    const monitored = valLoss ?? loss;
    if (monitored < bestLoss) {
      bestLoss = monitored;
      bestEpoch = epochBase + epoch;
      wait = 0;
      if (best !== undefined) best.set(theta);
    } else {
      wait++;
    }
    run.onProgress?.({ epoch: epoch + 1, epochs: run.epochs, loss, valLoss });
    if (early && wait >= patience) {
      stoppedEarly = true;
      break;
    }
  }
  if (best !== undefined && bestEpoch !== history.loss.length - 1 && bestEpoch >= epochBase) theta.set(best);
  else bestEpoch = history.loss.length - 1;
  history.bestEpoch = bestEpoch;
  history.stoppedEarly = stoppedEarly;
}

/** Which of the weights and optimiser moments holds a NaN or ±Infinity, if any. */
function firstNonFinite(theta: Float64Array, m1: Float64Array, m2: Float64Array): string | undefined {
  let s = 0;
  for (let i = 0; i < theta.length; i++) s += theta[i]! * 0;
  if (s !== 0) return 'weights';
  for (let i = 0; i < m1.length; i++) s += m1[i]! * 0;
  if (s !== 0) return 'first optimiser moments';
  for (let i = 0; i < m2.length; i++) s += m2[i]! * 0;
  return s !== 0 ? 'second optimiser moments' : undefined;
}
