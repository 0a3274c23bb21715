/** Fuzz specs of `latent/nn`. */
import fc from 'fast-check';
import { autoencoder } from '../../../src/nn/autoencoder.js';
import { autoencoderContinue } from '../../../src/nn/continue.js';
import { encode } from '../../../src/nn/encode.js';
import { decode } from '../../../src/nn/decode.js';
import { reconstruct, reconstructionError } from '../../../src/nn/reconstruct.js';
import { sample } from '../../../src/nn/sample.js';
import { ACTIVATIONS } from '../../../src/nn/activation.js';
import { LOSSES } from '../../../src/nn/loss.js';
import { INITS } from '../../../src/nn/init.js';
import { OPTIMIZERS } from '../../../src/nn/optimizer.js';
import { first, float64, matrix64, model, rowsOf } from '../harness/checks.js';
import { fittedOneOf, fixedData, matrixOf } from '../harness/gen.js';
import type { Callable, Slot, Spec } from '../harness/types.js';

const c = (f: unknown): Callable => f as Callable;

/** Data in [0, 1] (legal for both losses). */
const unit = (n: number, d: number): fc.Arbitrary<unknown> => matrixOf(n, d, { plain: true }).map((X) => {
  const scale = (v: number): number => (v + 10) / 20;
  if (Array.isArray(X)) return (X as ArrayLike<number>[]).map((r) => (r instanceof Float32Array ? Float32Array.from(r, scale) : r instanceof Float64Array ? Float64Array.from(r, scale) : Array.from(r, scale)));
  const m = X as { rows: number; cols: number; data: Float64Array | Float32Array };
  return { rows: m.rows, cols: m.cols, data: m.data.map(scale) };
});

const runSlots = (arg: number): Slot[] => [
  { arg, key: 'epochs', kind: 'integer', optional: true, work: true },
  { arg, key: 'batchSize', kind: 'integer', optional: true },
  { arg, key: 'learningRate', kind: 'number', optional: true },
  { arg, key: 'weightDecay', kind: 'number', optional: true },
  { arg, key: 'clipNorm', kind: 'number', optional: true, infinityOk: true },
  { arg, key: 'validationSplit', kind: 'number', optional: true },
  { arg, key: 'validation', kind: 'matrix', optional: true },
  { arg, key: 'patience', kind: 'integer', optional: true, infinityOk: true },
  { arg, key: 'restoreBestWeights', kind: 'boolean', optional: true },
  { arg, key: 'onProgress', kind: 'callback', optional: true },
  { arg, key: 'signal', kind: 'signal', optional: true },
];

const runOptions = {
  epochs: fc.integer({ min: 0, max: 3 }),
  batchSize: fc.integer({ min: 1, max: 16 }),
  learningRate: fc.constantFrom(1e-3, 1e-2),
  weightDecay: fc.constantFrom(0, 1e-4),
  clipNorm: fc.constantFrom(Infinity, 1),
  validationSplit: fc.constantFrom(0, 0.25),
  patience: fc.constantFrom(Infinity, 1),
  restoreBestWeights: fc.boolean(),
};

/** The training state must stay a valid optimiser state (what autoencoder itself accepts). */
function trainingSane(out: unknown): string | undefined {
  const t = (out as { training: Record<string, number> }).training;
  const inRange = (k: string, lo: number, hi: number, openHi: boolean): string | undefined => {
    const v = t[k]!;
    return v >= lo && (openHi ? v < hi : v <= hi) ? undefined : `training.${k} = ${String(v)} (autoencoder would reject it)`;
  };
  return first(
    () => inRange('beta1', 0, 1, true),
    () => inRange('beta2', 0, 1, true),
    () => inRange('momentum', 0, 1, true),
    () => (t['epsilon']! > 0 ? undefined : `training.epsilon = ${t['epsilon']}`),
    () => (t['learningRate']! > 0 ? undefined : `training.learningRate = ${t['learningRate']}`),
    () => (Number.isInteger(t['batchSize']) && t['batchSize']! >= 1 ? undefined : `training.batchSize = ${t['batchSize']}`),
  );
}

const aeModels = fittedOneOf<object>([
  () => autoencoder(fixedData(12, 4), { layers: [3, 2], epochs: 2, batchSize: 4 }),
  () => autoencoder(fixedData(10, 4, 1).map((r) => r.map((v) => (v + 10) / 20)), { layers: [2], loss: 'bce', epochs: 1, optimizer: 'sgd' }),
  () => autoencoder(fixedData(10, 4, 2), { layers: [3, 2], variational: true, epochs: 2, activation: 'tanh' }),
]);
const aeSize = (m: unknown): { d: number; k: number } => ({ d: (m as { inputSize: number }).inputSize, k: (m as { latentSize: number }).latentSize });
/** Rows valid for the model's loss (bce needs [0, 1]). */
const rowsFor = (m: unknown, n: number): fc.Arbitrary<unknown> => unit(n, aeSize(m).d);

export const NN_SPECS: Spec[] = [
  {
    name: 'autoencoder',
    fn: c(autoencoder),
    params: ['X', 'options'],
    cost: 'heavy',
    args: fc.tuple(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 4 })).chain(([n, d]) =>
      fc.tuple(
        unit(n, d),
        fc.record(
          {
            layers: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
            activation: fc.constantFrom(...ACTIVATIONS),
            latentActivation: fc.constantFrom(...ACTIVATIONS),
            outputActivation: fc.constantFrom(...ACTIVATIONS),
            loss: fc.constantFrom(...LOSSES),
            optimizer: fc.constantFrom(...OPTIMIZERS),
            momentum: fc.constantFrom(0, 0.9),
            beta1: fc.constantFrom(0, 0.9),
            beta2: fc.constantFrom(0.5, 0.999),
            epsilon: fc.constantFrom(1e-8, 1e-3),
            init: fc.constantFrom(...INITS),
            seed: fc.nat(),
            variational: fc.boolean(),
            beta: fc.constantFrom(0, 1),
            ...runOptions,
          },
          { requiredKeys: ['epochs'] },
        )
          // Keep the combination legal: bce needs a sigmoid output, a variational model a linear latent.
          .map((o) => (o.loss === 'bce' ? { ...o, outputActivation: 'sigmoid' } : o))
          .map((o) => (o.variational === true ? { ...o, latentActivation: 'linear' } : o))
          // …and a validation split needs a training row left (one row: no split).
          .map((o) => (n < 2 && o.validationSplit !== undefined ? { ...o, validationSplit: 0 } : o)),
      ),
    ),
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'layers', kind: 'vector', optional: true },
      { arg: 1, key: 'activation', kind: 'enum', values: ACTIVATIONS, optional: true },
      { arg: 1, key: 'latentActivation', kind: 'enum', values: ACTIVATIONS, optional: true },
      { arg: 1, key: 'outputActivation', kind: 'enum', values: ACTIVATIONS, optional: true },
      { arg: 1, key: 'loss', kind: 'enum', values: LOSSES, optional: true },
      { arg: 1, key: 'optimizer', kind: 'enum', values: OPTIMIZERS, optional: true },
      { arg: 1, key: 'momentum', kind: 'number', optional: true },
      { arg: 1, key: 'beta1', kind: 'number', optional: true },
      { arg: 1, key: 'beta2', kind: 'number', optional: true },
      { arg: 1, key: 'epsilon', kind: 'number', optional: true },
      { arg: 1, key: 'init', kind: 'enum', values: INITS, optional: true },
      { arg: 1, key: 'seed', kind: 'seed', optional: true },
      { arg: 1, key: 'variational', kind: 'boolean', optional: true },
      { arg: 1, key: 'beta', kind: 'number', optional: true },
      ...runSlots(1),
    ],
    nonFinite: /^\.history\.valLoss|^\.training\.clipNorm$/,
    check: (out) => first(() => model(out, 'autoencoder'), () => trainingSane(out)),
  },
  {
    name: 'autoencoderContinue',
    fn: c(autoencoderContinue),
    params: ['model', 'X', 'options'],
    cost: 'medium',
    args: aeModels.chain((m) =>
      // n ≥ 2: validationSplit 0.25 of one row leaves no training row (E_RANGE for a valid-looking call).
      fc.tuple(fc.constant(m), fc.integer({ min: 2, max: 10 }).chain((n) => rowsFor(m, n)), fc.record({ ...runOptions, epochs: fc.integer({ min: 0, max: 2 }) }, { requiredKeys: ['epochs'] })),
    ),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
      { arg: 2, kind: 'options', optional: true },
      ...runSlots(2),
    ],
    nonFinite: /^\.history\.valLoss|^\.training\.clipNorm$/,
    check: (out) => first(() => model(out, 'autoencoder'), () => trainingSane(out)),
  },
  {
    name: 'encode',
    fn: c(encode),
    params: ['model', 'X'],
    args: aeModels.chain((m) => fc.integer({ min: 0, max: 6 }).chain((n) => rowsFor(m, n).map((X) => [m, X]))),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
    ],
    check: (out, args) => matrix64(out, rowsOf(args[1]), aeSize(args[0]).k),
  },
  {
    name: 'decode',
    fn: c(decode),
    params: ['model', 'Z'],
    args: aeModels.chain((m) => fc.integer({ min: 0, max: 6 }).chain((n) => matrixOf(n, aeSize(m).k).map((Z) => [m, Z]))),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
    ],
    check: (out, args) => matrix64(out, rowsOf(args[1]), aeSize(args[0]).d),
  },
  {
    name: 'reconstruct',
    fn: c(reconstruct),
    params: ['model', 'X'],
    args: aeModels.chain((m) => fc.integer({ min: 0, max: 6 }).chain((n) => rowsFor(m, n).map((X) => [m, X]))),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
    ],
    check: (out, args) => matrix64(out, rowsOf(args[1]), aeSize(args[0]).d),
  },
  {
    name: 'reconstructionError',
    fn: c(reconstructionError),
    params: ['model', 'X'],
    args: aeModels.chain((m) => fc.integer({ min: 0, max: 6 }).chain((n) => rowsFor(m, n).map((X) => [m, X]))),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
    ],
    check: (out, args) => float64(out, rowsOf(args[1]), 'errors', 0),
  },
  {
    name: 'sample',
    fn: c(sample),
    params: ['model', 'n', 'options'],
    args: aeModels.chain((m) => fc.tuple(fc.constant(m), fc.integer({ min: 0, max: 8 }), fc.option(fc.record({ seed: fc.nat() }, { requiredKeys: [] }), { nil: undefined }))),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'size' },
      { arg: 2, kind: 'options', optional: true },
      { arg: 2, key: 'seed', kind: 'seed', optional: true },
    ],
    check: (out, args) => matrix64(out, args[1] as number, aeSize(args[0]).d),
  },
];
