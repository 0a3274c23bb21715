/** Fuzz specs of `latent/manifold`. */
import fc from 'fast-check';
import { METRIC_NAMES } from '../../../src/distance/metric.js';
import { tsne, tsneAsync } from '../../../src/manifold/tsne/tsne.js';
import { tsneEmbedding, tsneResult, tsneStart, tsneStep } from '../../../src/manifold/tsne/tsne-state.js';
import { trustworthiness } from '../../../src/manifold/trustworthiness.js';
import { lle } from '../../../src/manifold/lle.js';
import { lleTransform } from '../../../src/manifold/lle-transform.js';
import { spectralEmbedding } from '../../../src/manifold/spectral.js';
import { mds, mdsFromDistances } from '../../../src/manifold/mds.js';
import { isomap } from '../../../src/manifold/isomap.js';
import { isomapTransform } from '../../../src/manifold/isomap-transform.js';
import { tsneTransform } from '../../../src/manifold/tsne/tsne-transform.js';
import { first, float64, matrix64, model, numberIn, rowsOf } from '../harness/checks.js';
import { condensedOf, fittedOneOf, fixedData, matrixOf } from '../harness/gen.js';
import type { Callable, Slot, Spec } from '../harness/types.js';
import { memorySlot, taskSlots } from './slots.js';

const c = (f: unknown): Callable => f as Callable;

const metricSlot = (arg: number): Slot => ({ arg, key: 'metric', kind: 'metric', values: METRIC_NAMES, accepts: ['metric-function', 'function'], optional: true });

/** Small, fast t-SNE runs: n ≤ 16, at most 40 iterations. */
const tsneArgs = fc.tuple(fc.integer({ min: 4, max: 16 }), fc.integer({ min: 1, max: 4 })).chain(([n, d]) =>
  fc.tuple(
    matrixOf(n, d),
    fc.record(
      {
        dims: fc.constant(2),
        perplexity: fc.double({ min: 0.5, max: n - 1, noNaN: true }),
        earlyExaggeration: fc.constantFrom(1, 4, 12),
        exaggerationIterations: fc.integer({ min: 0, max: 15 }),
        learningRate: fc.oneof(fc.constant('auto'), fc.constantFrom(10, 200)),
        iterations: fc.integer({ min: 1, max: 40 }),
        theta: fc.constantFrom(0, 0.5, 1),
        init: fc.constantFrom('pca', 'random'),
        metric: fc.constantFrom(...METRIC_NAMES),
        seed: fc.nat(),
      },
      { requiredKeys: ['iterations', 'exaggerationIterations', 'perplexity'] },
    ),
  ),
);

const tsneSlots = (arg: number): Slot[] => [
  { arg, kind: 'options', optional: true },
  { arg, key: 'dims', kind: 'integer', optional: true },
  { arg, key: 'perplexity', kind: 'number', optional: true },
  { arg, key: 'earlyExaggeration', kind: 'number', optional: true },
  { arg, key: 'exaggerationIterations', kind: 'integer', optional: true, work: true },
  { arg, key: 'learningRate', kind: 'number', accepts: ['string'], optional: true },
  { arg, key: 'iterations', kind: 'integer', optional: true, work: true },
  { arg, key: 'theta', kind: 'number', optional: true },
  { arg, key: 'init', kind: 'enum', values: ['pca', 'random'], accepts: ['matrix', 'empty'], optional: true },
  metricSlot(arg),
  { arg, key: 'seed', kind: 'seed', optional: true },
  { arg, key: 'onProgress', kind: 'callback', optional: true },
  { arg, key: 'signal', kind: 'signal', optional: true },
  memorySlot(arg),
];

function tsneCheck(out: unknown, args: readonly unknown[]): string | undefined {
  const r = out as { embedding: unknown; kl: number };
  return first(
    () => model(out, 'tsne'),
    // dims 1 (or > 3) is legal with theta 0 (the exact gradient); the default is 2.
    () => matrix64(r.embedding, rowsOf(args[0]), (args[1] as { dims?: number } | undefined)?.dims ?? 2, 'embedding'),
    // KL ≥ 0 exactly; summed in floating point it can round a hair below 0 (P = Q on degenerate data).
    () => numberIn(r.kl, -1e-12, Infinity, 'kl'),
  );
}

/** A state after 0–3 steps (so phases and the tree are exercised), cloned per case. */
const states = fittedOneOf<object>([
  () => tsneStart(fixedData(12, 3), { perplexity: 3, iterations: 30, exaggerationIterations: 5 }),
  () => tsneStep(tsneStart(fixedData(10, 2, 1), { perplexity: 2, iterations: 25, exaggerationIterations: 3, theta: 0 }), 2),
  () => tsneStep(tsneStart(fixedData(9, 3, 2), { perplexity: 2, iterations: 20, exaggerationIterations: 2 }), 3),
]);

const lleModels = fittedOneOf<object>([
  () => lle(fixedData(14, 3), { nNeighbors: 4, dims: 2 }),
  () => lle(fixedData(12, 3, 1), { nNeighbors: 5, dims: 1, method: 'modified' }),
]);

const isomapModels = fittedOneOf<object>([
  () => isomap(fixedData(14, 3), { nNeighbors: 4, dims: 2 }),
  () => isomap(fixedData(12, 2, 1), { nNeighbors: 3, dims: 1, metric: 'manhattan' }),
]);
const tsneModels = fittedOneOf<object>([
  () => tsne(fixedData(12, 3), { perplexity: 3, iterations: 30 }),
  () => tsne(fixedData(10, 2, 1), { perplexity: 2, iterations: 20, metric: 'manhattan' }),
]);

export const MANIFOLD_SPECS: Spec[] = [
  {
    name: 'tsne',
    fn: c(tsne),
    params: ['X', 'options'],
    cost: 'heavy',
    args: tsneArgs,
    slots: [{ arg: 0, kind: 'matrix' }, ...tsneSlots(1)],
    check: tsneCheck,
  },
  {
    name: 'tsneAsync',
    fn: c(tsneAsync),
    params: ['X', 'options'],
    cost: 'heavy',
    async: true,
    args: tsneArgs,
    slots: [{ arg: 0, kind: 'matrix' }, ...tsneSlots(1)],
    check: tsneCheck,
  },
  {
    name: 'tsneStart',
    fn: c(tsneStart),
    params: ['X', 'options'],
    cost: 'medium',
    args: tsneArgs,
    slots: [{ arg: 0, kind: 'matrix' }, ...tsneSlots(1)],
    nonFinite: /^\.(kl|bestKl)$/,
    check: (out) => model(out, 'tsne-state'),
  },
  {
    name: 'tsneStep',
    fn: c(tsneStep),
    params: ['state', 'steps'],
    cost: 'medium',
    mutates: [0],
    args: fc.tuple(states, fc.integer({ min: 0, max: 40 })),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'integer', optional: true },
    ],
    nonFinite: /^\.(kl|bestKl)$/,
    check: (out, args) => (out === args[0] ? undefined : 'did not return its state'),
  },
  {
    name: 'tsneEmbedding',
    fn: c(tsneEmbedding),
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
  {
    name: 'tsneResult',
    fn: c(tsneResult),
    params: ['state'],
    args: states.map((s) => [s]),
    slots: [{ arg: 0, kind: 'model' }],
    nonFinite: /^\.kl$/,
    check: (out) => model(out, 'tsne'),
  },
  {
    name: 'trustworthiness',
    fn: c(trustworthiness),
    params: ['X', 'embedding', 'options', 'metric'],
    args: fc.tuple(fc.integer({ min: 3, max: 20 }), fc.integer({ min: 1, max: 4 })).chain(([n, d]) =>
      fc.tuple(matrixOf(n, d), matrixOf(n, 2), fc.integer({ min: 1, max: Math.max(1, Math.ceil(n / 2) - 1) }), fc.constantFrom(undefined, ...METRIC_NAMES), fc.boolean()).map(([X, E, k, metric, asObject]) =>
        asObject ? [X, E, { k, metric }] : [X, E, k, metric],
      ),
    ),
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'matrix' },
      { arg: 2, kind: 'options', optional: true, accepts: ['number'] },
      { arg: 2, key: 'k', kind: 'integer', optional: true },
      metricSlot(2),
      { arg: 3, kind: 'metric', values: METRIC_NAMES, accepts: ['metric-function', 'function'], optional: true },
    ],
    check: (out) => numberIn(out, 0, 1),
  },
  {
    name: 'lle',
    fn: c(lle),
    params: ['X', 'options'],
    cost: 'medium',
    args: fc.tuple(fc.integer({ min: 6, max: 18 }), fc.integer({ min: 2, max: 4 })).chain(([n, d]) =>
      fc.tuple(
        matrixOf(n, d, { plain: true }),
        fc.record(
          {
            dims: fc.integer({ min: 1, max: Math.min(2, d) }),
            nNeighbors: fc.integer({ min: 3, max: Math.min(6, n - 1) }),
            reg: fc.constantFrom(1e-3, 0.1),
            method: fc.constantFrom('standard', 'modified'),
            eigenSolver: fc.constantFrom('auto', 'dense', 'sparse'),
            seed: fc.nat(),
          },
          { requiredKeys: ['dims', 'nNeighbors'] },
        ),
      ),
    ),
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'dims', kind: 'integer', optional: true },
      { arg: 1, key: 'nNeighbors', kind: 'integer', optional: true },
      { arg: 1, key: 'reg', kind: 'number', optional: true },
      { arg: 1, key: 'method', kind: 'enum', values: ['standard', 'modified'], optional: true },
      { arg: 1, key: 'eigenSolver', kind: 'enum', values: ['auto', 'dense', 'sparse'], optional: true },
      { arg: 1, key: 'tol', kind: 'number', optional: true },
      { arg: 1, key: 'maxIter', kind: 'integer', optional: true, work: true },
      { arg: 1, key: 'knn', kind: 'options', optional: true },
      { arg: 1, key: 'seed', kind: 'seed', optional: true },
      { arg: 1, key: 'memoryLimit', kind: 'number', optional: true, infinityOk: true },
      { arg: 1, key: 'signal', kind: 'signal', optional: true },
      { arg: 1, key: 'onProgress', kind: 'callback', optional: true },
    ],
    check: (out, args) => first(() => model(out, 'lle'), () => matrix64((out as { embedding: unknown }).embedding, rowsOf(args[0]), undefined, 'embedding')),
  },
  {
    name: 'lleTransform',
    fn: c(lleTransform),
    params: ['model', 'X'],
    args: lleModels.chain((m) => fc.integer({ min: 0, max: 5 }).chain((q) => matrixOf(q, 3).map((X) => [m, X]))),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
    ],
    check: (out, args) => matrix64(out, rowsOf(args[1]), (args[0] as { embedding: { cols: number } }).embedding.cols),
  },
  {
    name: 'spectralEmbedding',
    fn: c(spectralEmbedding),
    params: ['X', 'options'],
    cost: 'medium',
    args: fc.tuple(fc.integer({ min: 4, max: 18 }), fc.integer({ min: 1, max: 3 })).chain(([n, d]) =>
      fc.tuple(
        matrixOf(n, d, { plain: true }),
        fc.record(
          {
            dims: fc.integer({ min: 1, max: Math.min(2, n - 2) }),
            nNeighbors: fc.integer({ min: Math.min(n, Math.ceil(n / 2)), max: n }),
            eigenSolver: fc.constantFrom('auto', 'dense', 'lanczos', 'shift-invert'),
            seed: fc.nat(),
          },
          { requiredKeys: ['nNeighbors'] },
        ),
      ),
    ),
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'dims', kind: 'integer', optional: true },
      { arg: 1, key: 'nNeighbors', kind: 'integer', optional: true },
      { arg: 1, key: 'eigenSolver', kind: 'enum', values: ['auto', 'dense', 'lanczos', 'shift-invert'], optional: true },
      { arg: 1, key: 'tol', kind: 'number', optional: true },
      { arg: 1, key: 'maxIter', kind: 'integer', optional: true, work: true },
      { arg: 1, key: 'seed', kind: 'seed', optional: true },
      { arg: 1, key: 'memoryLimit', kind: 'number', optional: true, infinityOk: true },
      { arg: 1, key: 'signal', kind: 'signal', optional: true },
      { arg: 1, key: 'onProgress', kind: 'callback', optional: true },
    ],
    check: (out, args) => first(() => model(out, 'spectral'), () => matrix64((out as { embedding: unknown }).embedding, rowsOf(args[0]), undefined, 'embedding')),
  },
  {
    name: 'mds',
    fn: c(mds),
    params: ['X', 'options'],
    args: fc.tuple(fc.integer({ min: 2, max: 15 }), fc.integer({ min: 1, max: 4 })).chain(([n, d]) =>
      fc.tuple(matrixOf(n, d), fc.record({ dims: fc.integer({ min: 1, max: Math.min(n, 3) }), metric: fc.constantFrom(...METRIC_NAMES), seed: fc.nat() }, { requiredKeys: [] })),
    ),
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'dims', kind: 'integer', optional: true },
      metricSlot(1),
      { arg: 1, key: 'seed', kind: 'seed', optional: true },
      { arg: 1, key: 'memoryLimit', kind: 'number', optional: true, infinityOk: true },
      { arg: 1, key: 'signal', kind: 'signal', optional: true },
      { arg: 1, key: 'onProgress', kind: 'callback', optional: true },
    ],
    check: (out, args) => first(() => model(out, 'mds'), () => matrix64((out as { embedding: unknown }).embedding, rowsOf(args[0]), undefined, 'embedding')),
  },
  {
    name: 'mdsFromDistances',
    fn: c(mdsFromDistances),
    params: ['distances', 'options'],
    args: fc.integer({ min: 2, max: 12 }).chain((n) =>
      fc.tuple(condensedOf(n), fc.record({ dims: fc.integer({ min: 1, max: Math.min(n, 3) }), seed: fc.nat() }, { requiredKeys: [] }), fc.boolean()).map(([cd, o, square]) => {
        if (!square) return [cd, o];
        const v = Float64Array.from(cd as ArrayLike<number>);
        const m = new Float64Array(n * n);
        let p = 0;
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) m[i * n + j] = m[j * n + i] = v[p++]!;
        return [{ rows: n, cols: n, data: m }, o];
      }),
    ),
    slots: [
      { arg: 0, kind: 'condensed', accepts: ['matrix'] },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'dims', kind: 'integer', optional: true },
      { arg: 1, key: 'seed', kind: 'seed', optional: true },
      { arg: 1, key: 'memoryLimit', kind: 'number', optional: true, infinityOk: true },
      { arg: 1, key: 'signal', kind: 'signal', optional: true },
      { arg: 1, key: 'onProgress', kind: 'callback', optional: true },
    ],
    check: (out) => first(() => model(out, 'mds'), () => float64((out as { eigenvalues: unknown }).eigenvalues, undefined, 'eigenvalues')),
  },
  {
    name: 'isomap',
    fn: c(isomap),
    params: ['X', 'options'],
    cost: 'medium',
    args: fc.tuple(fc.integer({ min: 3, max: 16 }), fc.integer({ min: 1, max: 4 })).chain(([n, d]) =>
      fc.tuple(
        matrixOf(n, d),
        fc.record(
          {
            dims: fc.integer({ min: 1, max: 2 }),
            nNeighbors: fc.integer({ min: 1, max: Math.min(5, n - 1) }),
            metric: fc.constantFrom(...METRIC_NAMES),
            pathMethod: fc.constantFrom('auto', 'dijkstra', 'floyd-warshall'),
            connectComponents: fc.boolean(),
            seed: fc.nat(),
          },
          { requiredKeys: ['nNeighbors'] },
        ),
      ),
    ),
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'dims', kind: 'integer', optional: true },
      { arg: 1, key: 'nNeighbors', kind: 'integer', optional: true },
      metricSlot(1),
      { arg: 1, key: 'pathMethod', kind: 'enum', values: ['auto', 'dijkstra', 'floyd-warshall'], optional: true },
      { arg: 1, key: 'connectComponents', kind: 'boolean', optional: true },
      { arg: 1, key: 'knn', kind: 'options', optional: true },
      { arg: 1, key: 'seed', kind: 'seed', optional: true },
      { arg: 1, key: 'tol', kind: 'number', optional: true },
      ...taskSlots(1),
      memorySlot(1),
    ],
    check: (out, args) => first(() => model(out, 'isomap'), () => matrix64((out as { embedding: unknown }).embedding, rowsOf(args[0]), undefined, 'embedding')),
  },
  {
    name: 'isomapTransform',
    fn: c(isomapTransform),
    params: ['model', 'X', 'options'],
    args: isomapModels.chain((m) => fc.integer({ min: 0, max: 5 }).chain((q) => matrixOf(q, (m as { data: { cols: number } }).data.cols).map((X) => [m, X, undefined]))),
    slots: [{ arg: 0, kind: 'model' }, { arg: 1, kind: 'matrix' }, { arg: 2, kind: 'options', optional: true }, ...taskSlots(2)],
    check: (out, args) => matrix64(out, rowsOf(args[1]), (args[0] as { embedding: { cols: number } }).embedding.cols),
  },
  {
    name: 'tsneTransform',
    fn: c(tsneTransform),
    params: ['model', 'X', 'options'],
    cost: 'medium',
    args: tsneModels.chain((m) =>
      fc.tuple(
        fc.constant(m),
        fc.integer({ min: 0, max: 5 }).chain((q) => matrixOf(q, (m as { data: { cols: number } }).data.cols)),
        fc.option(
          fc.record(
            { perplexity: fc.constantFrom(1, 2, 3), iterations: fc.integer({ min: 0, max: 20 }), learningRate: fc.constantFrom(0.1, 1), exaggeration: fc.constantFrom(1, 2), momentum: fc.constantFrom(0, 0.5), theta: fc.constantFrom(0, 0.5) },
            { requiredKeys: [] },
          ),
          { nil: undefined },
        ),
      ),
    ),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
      { arg: 2, kind: 'options', optional: true },
      { arg: 2, key: 'data', kind: 'matrix', optional: true },
      metricSlot(2),
      { arg: 2, key: 'perplexity', kind: 'number', optional: true },
      { arg: 2, key: 'nNeighbors', kind: 'integer', optional: true },
      { arg: 2, key: 'knn', kind: 'options', optional: true },
      { arg: 2, key: 'iterations', kind: 'integer', optional: true, work: true },
      { arg: 2, key: 'learningRate', kind: 'number', optional: true },
      { arg: 2, key: 'exaggeration', kind: 'number', optional: true },
      { arg: 2, key: 'momentum', kind: 'number', optional: true },
      { arg: 2, key: 'maxGradNorm', kind: 'number', optional: true, infinityOk: true },
      { arg: 2, key: 'theta', kind: 'number', optional: true },
      { arg: 2, key: 'init', kind: 'enum', values: ['median'], accepts: ['matrix', 'empty'], optional: true },
      ...taskSlots(2),
    ],
    check: (out, args) => matrix64(out, rowsOf(args[1]), (args[0] as { embedding: { cols: number } }).embedding.cols),
  },
];

