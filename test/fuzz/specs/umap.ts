/** Fuzz specs of UMAP (one-shot, async, stepwise state, transform). */
import fc from 'fast-check';
import { METRIC_NAMES } from '../../../src/distance/metric.js';
import { umap, umapAsync } from '../../../src/manifold/umap/umap.js';
import { umapEmbedding, umapResult, umapStart, umapStep } from '../../../src/manifold/umap/state.js';
import { umapTransform } from '../../../src/manifold/umap/transform.js';
import { first, matrix64, model, passedThrough, rowsOf } from '../harness/checks.js';
import { fittedOneOf, fixedData, labelsOf, matrixOf } from '../harness/gen.js';
import type { Callable, Slot, Spec } from '../harness/types.js';
import { memorySlot, taskSlots } from './slots.js';

const c = (f: unknown): Callable => f as Callable;

const metricSlot = (arg: number): Slot => ({ arg, key: 'metric', kind: 'metric', values: METRIC_NAMES, accepts: ['metric-function', 'function'], optional: true });

/** Small, fast runs: n ≤ 16, at most 12 epochs. */
const umapArgs = fc.tuple(fc.integer({ min: 3, max: 16 }), fc.integer({ min: 1, max: 4 })).chain(([n, d]) =>
  fc.tuple(
    matrixOf(n, d),
    fc.record(
      {
        dims: fc.integer({ min: 1, max: 2 }),
        nNeighbors: fc.integer({ min: 2, max: Math.min(6, n - 1) }), // it counts the point itself: ≤ n − 1
        minDist: fc.constantFrom(0, 0.1, 0.5),
        spread: fc.constantFrom(1, 2),
        metric: fc.constantFrom(...METRIC_NAMES),
        nEpochs: fc.integer({ min: 0, max: 12 }),
        learningRate: fc.constantFrom(0.5, 1),
        negativeSampleRate: fc.integer({ min: 0, max: 5 }),
        repulsionStrength: fc.constantFrom(0, 1),
        localConnectivity: fc.constantFrom(0, 1, 1.5),
        setOpMixRatio: fc.constantFrom(0, 0.5, 1),
        init: fc.constantFrom('spectral', 'pca', 'random'),
        target: labelsOf(n, 2),
        targetWeight: fc.constantFrom(0, 0.5, 1),
        keepData: fc.boolean(),
        seed: fc.nat(),
      },
      { requiredKeys: ['nEpochs', 'nNeighbors'] },
    ),
  ),
);

const umapSlots = (arg: number): Slot[] => [
  { arg, kind: 'options', optional: true },
  { arg, key: 'dims', kind: 'integer', optional: true },
  { arg, key: 'nNeighbors', kind: 'integer', optional: true },
  { arg, key: 'minDist', kind: 'number', optional: true },
  { arg, key: 'spread', kind: 'number', optional: true },
  metricSlot(arg),
  { arg, key: 'nEpochs', kind: 'integer', accepts: ['string'], optional: true, work: true },
  { arg, key: 'learningRate', kind: 'number', optional: true },
  { arg, key: 'negativeSampleRate', kind: 'number', optional: true, work: true },
  { arg, key: 'repulsionStrength', kind: 'number', optional: true },
  { arg, key: 'localConnectivity', kind: 'number', optional: true },
  { arg, key: 'setOpMixRatio', kind: 'number', optional: true },
  { arg, key: 'init', kind: 'enum', values: ['spectral', 'pca', 'random'], accepts: ['matrix', 'empty'], optional: true },
  { arg, key: 'target', kind: 'labels', optional: true },
  { arg, key: 'targetWeight', kind: 'number', optional: true },
  { arg, key: 'knn', kind: 'options', optional: true },
  { arg, key: 'a', kind: 'number', optional: true },
  { arg, key: 'b', kind: 'number', optional: true },
  { arg, key: 'keepData', kind: 'boolean', optional: true },
  { arg, key: 'seed', kind: 'seed', optional: true },
  ...taskSlots(arg),
  memorySlot(arg),
];

const umapCheck = (out: unknown, args: readonly unknown[]): string | undefined => {
  const dims = (args[1] as { dims?: number } | undefined)?.dims ?? 2;
  return first(() => model(out, 'umap'), () => matrix64((out as { embedding: unknown }).embedding, rowsOf(args[0]), dims, 'embedding'));
};

/** States after 0–3 epochs, cloned per case. */
const states = fittedOneOf<object>([
  () => umapStart(fixedData(12, 3), { nNeighbors: 4, nEpochs: 10 }),
  () => umapStep(umapStart(fixedData(10, 2, 1), { nNeighbors: 3, nEpochs: 8, init: 'random' }), 3),
]);
const models = fittedOneOf<object>([
  () => umap(fixedData(12, 3), { nNeighbors: 4, nEpochs: 10 }),
  () => umap(fixedData(10, 2, 1), { nNeighbors: 3, nEpochs: 8, metric: 'manhattan', dims: 1 }),
]);

export const UMAP_SPECS: Spec[] = [
  { name: 'umap', fn: c(umap), params: ['X', 'options'], cost: 'heavy', args: umapArgs, slots: [{ arg: 0, kind: 'matrix' }, ...umapSlots(1)], check: umapCheck },
  { name: 'umapAsync', fn: c(umapAsync), params: ['X', 'options'], cost: 'heavy', async: true, args: umapArgs, slots: [{ arg: 0, kind: 'matrix' }, ...umapSlots(1)], check: umapCheck },
  {
    name: 'umapStart',
    fn: c(umapStart),
    params: ['X', 'options'],
    cost: 'medium',
    args: umapArgs,
    slots: [{ arg: 0, kind: 'matrix' }, ...umapSlots(1)],
    // Edges never sampled (zero weight, or negativeSampleRate 0) are scheduled at ±Infinity, as in umap-learn.
    nonFinite: /^\.(epochsPerSample|epochOfNextSample|epochsPerNegativeSample|epochOfNextNegativeSample)/,
    check: (out) => model(out, 'umap-state'),
  },
  {
    name: 'umapStep',
    fn: c(umapStep),
    params: ['state', 'epochs'],
    cost: 'medium',
    mutates: [0],
    args: fc.tuple(states, fc.integer({ min: 0, max: 12 })),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'integer', optional: true, work: true },
    ],
    // state.data is carried for the model, not read by a step (checked by umapResult and
    // umapTransform, see assertUmapState): a tampered value may pass through, unchanged.
    nonFinite: /^\.(epochsPerSample|epochOfNextSample|epochsPerNegativeSample|epochOfNextNegativeSample|data\.data)/,
    check: (out, args, before) => (out === args[0] ? passedThrough(out, before[0], ['data', 'data']) : 'did not return its state'),
  },
  {
    name: 'umapEmbedding',
    fn: c(umapEmbedding),
    params: ['state', 'out'],
    mutates: [1],
    args: states.chain((s) => fc.boolean().map((withOut) => [s, withOut ? new Float64Array((s as { n: number; dims: number }).n * (s as { dims: number }).dims) : undefined])),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'out', optional: true },
    ],
    check: (out, args) => {
      const s = args[0] as { n: number; dims: number };
      return matrix64(out, s.n, s.dims);
    },
  },
  { name: 'umapResult', fn: c(umapResult), params: ['state'], args: states.map((s) => [s]), slots: [{ arg: 0, kind: 'model' }], check: (out) => model(out, 'umap') },
  {
    name: 'umapTransform',
    fn: c(umapTransform),
    params: ['model', 'X', 'options'],
    cost: 'medium',
    args: models.chain((m) =>
      fc.tuple(
        fc.constant(m),
        fc.integer({ min: 0, max: 5 }).chain((q) => matrixOf(q, (m as { data: { cols: number } }).data.cols)),
        fc.option(fc.record({ nEpochs: fc.integer({ min: 0, max: 10 }), seed: fc.nat(), search: fc.constantFrom('auto', 'exact', 'graph') }, { requiredKeys: [] }), { nil: undefined }),
      ),
    ),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
      { arg: 2, kind: 'options', optional: true },
      { arg: 2, key: 'nEpochs', kind: 'integer', accepts: ['string'], optional: true, work: true },
      { arg: 2, key: 'seed', kind: 'seed', optional: true },
      { arg: 2, key: 'search', kind: 'enum', values: ['auto', 'exact', 'graph'], optional: true },
      metricSlot(2),
      ...taskSlots(2),
    ],
    check: (out, args) => matrix64(out, rowsOf(args[1]), (args[0] as { embedding: { cols: number } }).embedding.cols),
  },
];
