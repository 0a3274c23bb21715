/**
 * The autoencoder model: plain data (layer specs, `Float64Array` weights, optimiser state
 * and training history), plus the structural check every function using a model runs.
 */
import { LatentError, describe } from '../core/errors.js';
import { assertModel, assertFinite } from '../core/validate.js';
import { ACTIVATIONS, type ActivationName } from './activation.js';
import type { DenseLayer } from './dense.js';
import { LOSSES, type LossName } from './loss.js';
import type { NetworkSpec } from './network.js';
import { OPTIMIZERS, type OptimizerName } from './optimizer.js';

/** Training settings and optimiser state, kept so {@link autoencoderContinue} resumes exactly where a fit stopped. */
export interface AutoencoderTraining {
  /** The optimiser. */
  optimizer: OptimizerName;
  /** Step size of the last run. */
  learningRate: number;
  /** SGD momentum μ. */
  momentum: number;
  /** Adam β₁. */
  beta1: number;
  /** Adam β₂. */
  beta2: number;
  /** Adam ε. */
  epsilon: number;
  /** L2 penalty λ on the weights (not the biases). */
  weightDecay: number;
  /** Largest global gradient norm (`Infinity` = no clipping). */
  clipNorm: number;
  /** Mini-batch size of the last run. */
  batchSize: number;
  /** The seed the model was created with (validation splits derive from it). */
  seed: number;
  /** Optimiser steps taken so far (Adam's bias-correction counter). */
  step: number;
  /** Adam's first moment, or SGD's velocity; one entry per parameter (encoder then decoder, each layer's weights then bias). */
  moment1: Float64Array;
  /** Adam's second moment (empty for SGD). */
  moment2: Float64Array;
  /** State of the seeded generator that shuffles batches and draws variational noise. */
  rng: Uint32Array;
}

/** What happened during training, one entry per epoch over every run. */
export interface AutoencoderHistory {
  /** Mean training loss of each epoch (averaged over its mini-batches, as Keras reports it). */
  loss: number[];
  /** Validation loss after each epoch (`NaN` for epochs run without validation data). */
  valLoss: number[];
  /** Index (0-based, into `loss`) of the epoch whose weights the model holds. */
  bestEpoch: number;
  /** Whether the last run stopped early (`patience`). */
  stoppedEarly: boolean;
}

/**
 * A trained (dense) autoencoder, as plain data.
 *
 * The encoder maps `inputSize` features through the hidden widths to the latent code;
 * the decoder mirrors it back. A variational model's last encoder layer has
 * `2 · latentSize` linear units: the mean μ then the log-variance log σ² of the code.
 */
export interface AutoencoderModel {
  /** Model tag. */
  kind: 'autoencoder';
  /** Layout version. */
  version: 1;
  /** Number of input features d. */
  inputSize: number;
  /** Width k of the latent code. */
  latentSize: number;
  /** Encoder widths as given (the last is `latentSize`). */
  layers: number[];
  /** Hidden-layer activation. */
  activation: ActivationName;
  /** Activation of the latent layer (`linear` for variational models). */
  latentActivation: ActivationName;
  /** Activation of the output layer. */
  outputActivation: ActivationName;
  /** Reconstruction loss. */
  loss: LossName;
  /** Whether the latent space is variational (probabilistic). */
  variational: boolean;
  /** Weight of the KL term (variational models). */
  beta: number;
  /** Encoder layers, input to latent. */
  encoder: DenseLayer[];
  /** Decoder layers, latent to output. */
  decoder: DenseLayer[];
  /** Optimiser settings and state. */
  training: AutoencoderTraining;
  /** Loss per epoch. */
  history: AutoencoderHistory;
}

function bad(fn: string, what: string, got: unknown): never {
  throw new LatentError('E_MODEL', `${fn}: model ${what}, got ${describe(got)}`);
}

function checkLayers(fn: string, name: string, layers: unknown, inputSize: number, outputSize: number): void {
  if (!Array.isArray(layers) || layers.length === 0) bad(fn, `${name} must be a non-empty array of layers`, layers);
  let width = inputSize;
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i] as Partial<DenseLayer> | null;
    const where = `${name}[${i}]`;
    if (typeof l !== 'object' || l === null) bad(fn, `${where} must be a layer object`, l);
    if (l.inputSize !== width) bad(fn, `${where}.inputSize must be ${width}`, l.inputSize);
    const out = l.outputSize;
    if (typeof out !== 'number' || !Number.isInteger(out) || out < 1) bad(fn, `${where}.outputSize must be a positive integer`, out);
    if (!(l.weights instanceof Float64Array) || l.weights.length !== width * out) bad(fn, `${where}.weights must be a Float64Array of length ${width * out}`, l.weights);
    if (!(l.bias instanceof Float64Array) || l.bias.length !== out) bad(fn, `${where}.bias must be a Float64Array of length ${out}`, l.bias);
    if (!(ACTIVATIONS as readonly unknown[]).includes(l.activation)) bad(fn, `${where}.activation must be one of ${ACTIVATIONS.join(', ')}`, l.activation);
    // A NaN or infinite weight (reachable through deserialize) would make every output NaN.
    assertFinite(fn, `model ${where}.weights`, l.weights);
    assertFinite(fn, `model ${where}.bias`, l.bias);
    width = out;
  }
  if (width !== outputSize) bad(fn, `${name} must end with ${outputSize} units`, width);
}

/**
 * Checks that `model` is a structurally sound autoencoder model (kind, version, layer
 * sizes chaining from `inputSize` to the latent code and back, weight lengths,
 * activations) with finite weights and biases. O(number of parameters), far below one pass of
 * `encode` over a batch.
 *
 * @param fn - public function name for messages
 * @param model - the received value
 * @returns the model, typed
 * @throws LatentError `E_MODEL`; `E_NOT_FINITE` for a NaN or infinite weight
 * @example
 * ```ts
 * checkAutoencoderModel('encode', { kind: 'pca', version: 1 }); // throws "encode: model must be of kind 'autoencoder', got "pca""
 * ```
 */
export function checkAutoencoderModel(fn: string, model: unknown): AutoencoderModel {
  assertModel(fn, model, 'autoencoder');
  const m = model as Partial<AutoencoderModel>;
  const d = m.inputSize;
  const k = m.latentSize;
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) bad(fn, 'inputSize must be a positive integer', d);
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) bad(fn, 'latentSize must be a positive integer', k);
  if (typeof m.variational !== 'boolean') bad(fn, 'variational must be a boolean', m.variational);
  if (!(LOSSES as readonly unknown[]).includes(m.loss)) bad(fn, `loss must be one of ${LOSSES.join(', ')}`, m.loss);
  if (typeof m.beta !== 'number' || !(m.beta >= 0) || m.beta === Infinity) bad(fn, 'beta must be a finite number >= 0', m.beta);
  const widths = m.layers as unknown;
  if (!Array.isArray(widths) || widths.length === 0 || !widths.every((w) => Number.isSafeInteger(w) && (w as number) >= 1)) bad(fn, 'layers must be a non-empty array of positive integers', widths);
  checkLayers(fn, 'encoder', m.encoder, d, m.variational ? 2 * k : k);
  checkLayers(fn, 'decoder', m.decoder, k, d);
  const t = m.training;
  if (typeof t !== 'object' || t === null) bad(fn, 'training must be an object', t);
  if (!(OPTIMIZERS as readonly unknown[]).includes(t.optimizer)) bad(fn, `training.optimizer must be one of ${OPTIMIZERS.join(', ')}`, t.optimizer);
  const h = m.history;
  if (typeof h !== 'object' || h === null || !Array.isArray(h.loss) || !Array.isArray(h.valLoss)) bad(fn, 'history must hold loss and valLoss arrays', h);
  // O(epochs): training appends to the history, so a tampered entry would pass into the result.
  // valLoss is NaN for epochs without validation rows.
  for (const v of h.loss as unknown[]) if (typeof v !== 'number' || !Number.isFinite(v)) bad(fn, 'history.loss must hold finite numbers', v);
  for (const v of h.valLoss as unknown[]) if (typeof v !== 'number' || v === Infinity || v === -Infinity) bad(fn, 'history.valLoss must hold finite numbers (NaN: no validation)', v);
  return model as AutoencoderModel;
}

/**
 * The engine's view of a model: all layers and the bottleneck settings.
 *
 * @param model - a checked model
 * @returns the network spec
 */
export function modelSpec(model: AutoencoderModel): NetworkSpec {
  return {
    layers: [...model.encoder, ...model.decoder],
    encoderLayers: model.encoder.length,
    latentSize: model.latentSize,
    variational: model.variational,
    beta: model.beta,
    loss: model.loss,
  };
}

/**
 * Checks the optimiser state a model carries before training continues from it: every setting in
 * its valid range (the ranges `autoencoder` accepts) and the moment and PRNG arrays of the right
 * shape, so a tampered or hand-edited model is `E_MODEL` instead of NaN weights.
 *
 * @param fn - public function name for messages
 * @param t - the model's `training`
 * @param parameters - the network's parameter count
 * @throws LatentError `E_MODEL`
 * @example
 * ```ts
 * checkTraining('autoencoderContinue', { ...model.training, beta1: -1 }, 100); // throws E_MODEL
 * ```
 */
export function checkTraining(fn: string, t: AutoencoderTraining, parameters: number): void {
  const inRange = (name: string, v: unknown, lo: number, hi: number, openHi: boolean): void => {
    if (typeof v !== 'number' || !(v >= lo) || (openHi ? !(v < hi) : !(v <= hi))) bad(fn, `training.${name} must be a number in [${lo}, ${hi}${openHi ? ')' : ']'}`, v);
  };
  if (typeof t.learningRate !== 'number' || !(t.learningRate > 0) || t.learningRate === Infinity) bad(fn, 'training.learningRate must be a finite number > 0', t.learningRate);
  inRange('momentum', t.momentum, 0, 1, true);
  inRange('beta1', t.beta1, 0, 1, true);
  inRange('beta2', t.beta2, 0, 1, true);
  if (typeof t.epsilon !== 'number' || !(t.epsilon > 0) || t.epsilon === Infinity) bad(fn, 'training.epsilon must be a finite number > 0', t.epsilon);
  if (typeof t.weightDecay !== 'number' || !(t.weightDecay >= 0) || t.weightDecay === Infinity) bad(fn, 'training.weightDecay must be a finite number >= 0', t.weightDecay);
  if (typeof t.clipNorm !== 'number' || !(t.clipNorm > 0)) bad(fn, 'training.clipNorm must be a number > 0 (Infinity: no clipping)', t.clipNorm);
  if (!Number.isSafeInteger(t.batchSize) || t.batchSize < 1) bad(fn, 'training.batchSize must be an integer >= 1', t.batchSize);
  if (!Number.isSafeInteger(t.seed) || t.seed < 0) bad(fn, 'training.seed must be an integer >= 0', t.seed);
  if (!Number.isSafeInteger(t.step) || t.step < 0) bad(fn, 'training.step must be an integer >= 0', t.step);
  const adam = t.optimizer === 'adam';
  if (!(t.moment1 instanceof Float64Array) || t.moment1.length !== parameters || !(t.moment2 instanceof Float64Array) || t.moment2.length !== (adam ? parameters : 0)) {
    bad(fn, `training moments must be Float64Arrays of length ${parameters}`, t.moment1);
  }
  assertFinite(fn, 'model training.moment1', t.moment1);
  assertFinite(fn, 'model training.moment2', t.moment2);
  if (!(t.rng instanceof Uint32Array) || t.rng.length !== 4) bad(fn, 'training.rng must be a Uint32Array of length 4', t.rng);
}
