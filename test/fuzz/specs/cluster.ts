/** Fuzz specs of `latent/cluster`. */
import fc from 'fast-check';
import { METRIC_NAMES } from '../../../src/distance/metric.js';
import { linkage, linkageFromDistances } from '../../../src/cluster/hierarchy/linkage.js';
import { LINKAGE_METHODS } from '../../../src/cluster/hierarchy/linkage-methods.js';
import { cutTree } from '../../../src/cluster/hierarchy/cut-tree.js';
import { cophenetic, copheneticCorrelation } from '../../../src/cluster/hierarchy/cophenetic.js';
import { leafOrder } from '../../../src/cluster/hierarchy/leaf-order.js';
import { agglomerative } from '../../../src/cluster/hierarchy/agglomerative.js';
import { kmeans } from '../../../src/cluster/kmeans/kmeans.js';
import { kmeansPredict } from '../../../src/cluster/kmeans/kmeans-predict.js';
import { miniBatchKmeans } from '../../../src/cluster/kmeans/minibatch-kmeans.js';
import { kmedoids, kmedoidsFromDistances } from '../../../src/cluster/kmedoids/kmedoids.js';
import { kmedoidsPredict } from '../../../src/cluster/kmedoids/kmedoids-predict.js';
import { silhouette, silhouetteSamples } from '../../../src/cluster/metrics/silhouette.js';
import { daviesBouldin } from '../../../src/cluster/metrics/davies-bouldin.js';
import { calinskiHarabasz } from '../../../src/cluster/metrics/calinski-harabasz.js';
import { adjustedRandIndex } from '../../../src/cluster/metrics/adjusted-rand.js';
import { normalizedMutualInfo } from '../../../src/cluster/metrics/mutual-info.js';
import { scanK } from '../../../src/cluster/scan-k.js';
import { pdist } from '../../../src/distance/pairwise.js';
import { first, float64, int32, matrix64, model, numberIn, rowsOf } from '../harness/checks.js';
import { condensedOf, fittedOneOf, fixedData, labelsOf, matrixOf } from '../harness/gen.js';
import type { Callable, Slot, Spec } from '../harness/types.js';
import { memorySlot, taskSlots } from './slots.js';

const c = (f: unknown): Callable => f as Callable;

const EUCLIDEAN_ONLY = ['ward', 'centroid', 'median'];
const metricSlot = (arg: number): Slot => ({ arg, key: 'metric', kind: 'metric', values: METRIC_NAMES, accepts: ['metric-function', 'function'], optional: true });

/** n × d data plus a valid linkage of it. */
const treeArb = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.constantFrom(...LINKAGE_METHODS)).map(([n, method]) => {
  const X = fixedData(n, 2, n);
  return { n, Z: linkage(X, { method }), X };
});

const kmOptions = (n: number) =>
  fc.record(
    {
      k: fc.integer({ min: 1, max: Math.min(n, 5) }),
      init: fc.constantFrom('k-means++', 'random'),
      nInit: fc.integer({ min: 1, max: 3 }),
      maxIter: fc.integer({ min: 1, max: 50 }),
      tol: fc.constantFrom(0, 1e-4, 0.5),
      seed: fc.nat(),
      algorithm: fc.constantFrom('auto', 'lloyd', 'elkan', 'hamerly'),
      metric: fc.constant('euclidean'),
    },
    { requiredKeys: ['k'] },
  );

const kmSlots = (arg: number, withAlgorithm: boolean): Slot[] => [
  { arg, kind: 'options' },
  { arg, key: 'k', kind: 'integer' },
  { arg, key: 'init', kind: 'enum', values: ['k-means++', 'random'], accepts: ['matrix', 'empty'], optional: true },
  { arg, key: 'nInit', kind: 'integer', optional: true, work: true },
  { arg, key: 'maxIter', kind: 'integer', optional: true, work: true },
  { arg, key: 'tol', kind: 'number', optional: true },
  { arg, key: 'seed', kind: 'seed', optional: true },
  ...(withAlgorithm ? [{ arg, key: 'algorithm', kind: 'enum', values: ['auto', 'lloyd', 'elkan', 'hamerly'], optional: true } as Slot] : []),
  { arg, key: 'metric', kind: 'enum', values: ['euclidean', 'cosine'], optional: true },
  ...taskSlots(arg),
];

function kmeansCheck(out: unknown, args: readonly unknown[]): string | undefined {
  const n = rowsOf(args[0]);
  const k = (args[1] as { k: number }).k;
  const m = out as { labels: Int32Array; centroids: unknown; inertia: number };
  return first(
    () => model(out, 'kmeans'),
    () => int32(m.labels, n, 0, k, 'labels'),
    () => matrix64(m.centroids, k, undefined, 'centroids'),
    () => numberIn(m.inertia, 0, Infinity, 'inertia'),
  );
}

const kmModels = fittedOneOf<object>([
  () => kmeans(fixedData(15, 3), { k: 3 }),
  () => kmeans(fixedData(10, 3, 1), { k: 2, metric: 'cosine' }),
  () => kmeans(fixedData(4, 3, 2), { k: 1 }),
]);
const kmedModels = fittedOneOf<object>([
  () => kmedoids(fixedData(12, 3), { k: 3 }),
  () => kmedoids(fixedData(8, 3, 1), { k: 2, metric: 'manhattan', method: 'pam' }),
  () => kmedoids(fixedData(9, 3, 2), { k: 1 }),
  () => kmedoidsFromDistances(pdist(fixedData(7, 3)), { k: 2 }),
]);

const kmedOptions = (n: number) =>
  fc.integer({ min: 1, max: Math.min(n, 5) }).chain((k) =>
    fc.record(
      {
        k: fc.constant(k),
        method: fc.constantFrom('fasterpam', 'pam', 'alternate'),
        // Explicit initial medoids too: k distinct row indices.
        init: fc.oneof(fc.constantFrom('build', 'lab', 'k-means++', 'random'), fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: k, maxLength: k })),
        maxIter: fc.integer({ min: 1, max: 30 }),
        nInit: fc.integer({ min: 1, max: 2 }),
        seed: fc.nat(),
      },
      { requiredKeys: ['k'] },
    ),
  );
const kmedSlots = (arg: number): Slot[] => [
  { arg, kind: 'options' },
  { arg, key: 'k', kind: 'integer' },
  { arg, key: 'method', kind: 'enum', values: ['fasterpam', 'pam', 'alternate'], optional: true },
  { arg, key: 'init', kind: 'enum', values: ['build', 'lab', 'k-means++', 'random'], accepts: ['vector', 'array', 'empty'], optional: true },
  { arg, key: 'maxIter', kind: 'integer', optional: true, work: true },
  { arg, key: 'nInit', kind: 'integer', optional: true, work: true },
  { arg, key: 'seed', kind: 'seed', optional: true },
  ...taskSlots(arg),
];
function kmedoidsCheck(out: unknown, n: number, k: number, init?: unknown): string | undefined {
  const m = out as { labels: Int32Array; medoids: Int32Array; cost: number; swaps: number; iterations: number };
  return first(
    // The kmedoids package (and scikit-learn-extra) count a swap whenever a medoid changes.
    () => (Array.isArray(init) && k === 1 && init.length === 1 && m.medoids?.[0] !== init[0] && m.swaps === 0 ? `k = 1: the medoid moved from ${String(init[0])} to ${m.medoids[0]} but swaps = 0` : undefined),
    () => model(out, 'kmedoids'),
    () => int32(m.labels, n, 0, k, 'labels'),
    () => int32(m.medoids, k, 0, n, 'medoids'),
    () => numberIn(m.cost, 0, Infinity, 'cost'),
    () => (Number.isInteger(m.swaps) && m.swaps >= 0 ? undefined : `swaps = ${m.swaps}`),
  );
}

/** Data plus labels with 2 ≤ clusters ≤ n − 1 (what the internal indices need). */
const labelled = fc
  .tuple(fc.integer({ min: 3, max: 20 }), fc.integer({ min: 1, max: 4 }))
  .chain(([n, d]) => fc.integer({ min: 2, max: n - 1 }).chain((k) => fc.tuple(matrixOf(n, d), labelsOf(n, k))));

const labelPair = fc.integer({ min: 0, max: 20 }).chain((n) => fc.tuple(labelsOf(n, 4), labelsOf(n, 3)));

export const CLUSTER_SPECS: Spec[] = [
  {
    name: 'linkage',
    fn: c(linkage),
    params: ['X', 'options'],
    cost: 'medium',
    args: fc
      .tuple(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom(...LINKAGE_METHODS), fc.constantFrom(...METRIC_NAMES))
      .chain(([n, d, method, metric]) => matrixOf(n, d).map((X) => [X, { method, metric: EUCLIDEAN_ONLY.includes(method) ? 'euclidean' : metric }])),
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'method', kind: 'enum', values: LINKAGE_METHODS, optional: true },
      metricSlot(1),
      ...taskSlots(1),
      memorySlot(1),
    ],
    check: (out, args) => matrix64(out, Math.max(0, rowsOf(args[0]) - 1), 4),
  },
  {
    name: 'linkageFromDistances',
    fn: c(linkageFromDistances),
    params: ['condensed', 'options'],
    cost: 'medium',
    args: fc.tuple(fc.integer({ min: 1, max: 12 }), fc.constantFrom(...LINKAGE_METHODS)).chain(([n, method]) => condensedOf(n).map((cd) => [cd, { method }])),
    slots: [
      { arg: 0, kind: 'condensed' },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'method', kind: 'enum', values: LINKAGE_METHODS, optional: true },
      ...taskSlots(1),
      memorySlot(1),
    ],
    check: (out) => matrix64(out, undefined, 4),
  },
  {
    name: 'cutTree',
    fn: c(cutTree),
    params: ['Z', 'options'],
    args: treeArb.chain(({ n, Z }) => fc.oneof(fc.integer({ min: 1, max: n }).map((k) => [Z, { k }]), fc.double({ min: 0, max: 10, noNaN: true }).map((height) => [Z, { height }]))),
    slots: [
      { arg: 0, kind: 'linkage' },
      { arg: 1, kind: 'options' },
      { arg: 1, key: 'k', kind: 'integer', optional: true },
      { arg: 1, key: 'height', kind: 'number', optional: true, infinityOk: true },
    ],
    check: (out, args) => int32(out, rowsOf(args[0]) + 1, 0, rowsOf(args[0]) + 1),
  },
  {
    name: 'cophenetic',
    fn: c(cophenetic),
    params: ['Z'],
    args: treeArb.map(({ Z }) => [Z]),
    slots: [{ arg: 0, kind: 'linkage' }],
    check: (out, args) => {
      const n = rowsOf(args[0]) + 1;
      return float64(out, (n * (n - 1)) / 2, 'cophenetic', 0);
    },
  },
  {
    name: 'copheneticCorrelation',
    fn: c(copheneticCorrelation),
    params: ['Z', 'distances'],
    args: treeArb.map(({ Z, X }) => [Z, pdist(X)]),
    slots: [
      { arg: 0, kind: 'linkage' },
      { arg: 1, kind: 'condensed' },
    ],
    nonFinite: /^\(result\)$/,
    check: (out) => (typeof out === 'number' && (Number.isNaN(out) || (out >= -1 - 1e-12 && out <= 1 + 1e-12)) ? undefined : `correlation ${String(out)}`),
  },
  {
    name: 'leafOrder',
    fn: c(leafOrder),
    params: ['Z'],
    args: treeArb.map(({ Z }) => [Z]),
    slots: [{ arg: 0, kind: 'linkage' }],
    check: (out, args) => {
      const n = rowsOf(args[0]) + 1;
      const bad = int32(out, n, 0, n, 'order');
      if (bad !== undefined) return bad;
      return new Set(out as Int32Array).size === n ? undefined : 'not a permutation';
    },
  },
  {
    name: 'agglomerative',
    fn: c(agglomerative),
    params: ['X', 'options', 'method'],
    cost: 'medium',
    args: fc
      .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom(...LINKAGE_METHODS), fc.boolean())
      .chain(([n, d, method, positional]) =>
        fc.tuple(matrixOf(n, d), fc.oneof(fc.integer({ min: 1, max: n }).map((k) => ({ k })), fc.double({ min: 0, max: 5, noNaN: true }).map((threshold) => ({ threshold })))).map(([X, cut]) =>
          positional ? [X, cut, method] : [X, { ...cut, method }],
        ),
      ),
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'options' },
      { arg: 1, key: 'k', kind: 'integer', optional: true },
      { arg: 1, key: 'threshold', kind: 'number', optional: true, infinityOk: true },
      { arg: 1, key: 'method', kind: 'enum', values: LINKAGE_METHODS, optional: true },
      metricSlot(1),
      ...taskSlots(1),
      memorySlot(1),
      { arg: 2, kind: 'enum', values: LINKAGE_METHODS, optional: true },
    ],
    check: (out, args) => {
      const n = rowsOf(args[0]);
      const m = out as { labels: Int32Array; nClusters: number };
      return first(() => model(out, 'agglomerative'), () => int32(m.labels, n, 0, m.nClusters, 'labels'));
    },
  },
  {
    name: 'kmeans',
    fn: c(kmeans),
    params: ['X', 'options'],
    cost: 'medium',
    args: fc.tuple(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 4 })).chain(([n, d]) => fc.tuple(matrixOf(n, d), kmOptions(n))),
    slots: [{ arg: 0, kind: 'matrix' }, ...kmSlots(1, true)],
    check: kmeansCheck,
  },
  {
    name: 'kmeansPredict',
    fn: c(kmeansPredict),
    params: ['model', 'X'],
    args: kmModels.chain((m) => fc.integer({ min: 0, max: 8 }).chain((n) => matrixOf(n, 3).map((X) => [m, X]))),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
    ],
    check: (out, args) => int32(out, rowsOf(args[1]), 0, (args[0] as { centroids: { rows: number } }).centroids.rows),
  },
  {
    name: 'miniBatchKmeans',
    fn: c(miniBatchKmeans),
    params: ['X', 'options'],
    cost: 'medium',
    args: fc.tuple(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 4 })).chain(([n, d]) =>
      fc.tuple(
        matrixOf(n, d),
        kmOptions(n).chain((o) =>
          fc.record({ batchSize: fc.integer({ min: 1, max: 40 }), maxNoImprovement: fc.integer({ min: 1, max: 5 }), reassignmentRatio: fc.constantFrom(0, 0.01, 0.5) }, { requiredKeys: [] }).map((extra) => {
            const { algorithm: _a, ...rest } = o as Record<string, unknown>;
            return { ...rest, ...extra };
          }),
        ),
      ),
    ),
    slots: [
      { arg: 0, kind: 'matrix' },
      ...kmSlots(1, false),
      { arg: 1, key: 'batchSize', kind: 'size', optional: true },
      { arg: 1, key: 'maxNoImprovement', kind: 'integer', optional: true, work: true },
      { arg: 1, key: 'reassignmentRatio', kind: 'number', optional: true },
    ],
    check: kmeansCheck,
  },
  {
    name: 'kmedoids',
    fn: c(kmedoids),
    params: ['X', 'options'],
    cost: 'medium',
    args: fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 3 })).chain(([n, d]) =>
      fc.tuple(matrixOf(n, d), kmedOptions(n), fc.constantFrom(...METRIC_NAMES)).map(([X, o, metric]) => [X, { ...o, metric }]),
    ),
    slots: [
      { arg: 0, kind: 'matrix' },
      ...kmedSlots(1),
      metricSlot(1),
      { arg: 1, key: 'memoryLimit', kind: 'number', optional: true, infinityOk: true },
    ],
    check: (out, args) => kmedoidsCheck(out, rowsOf(args[0]), (args[1] as { k: number }).k, (args[1] as { init?: unknown }).init),
  },
  {
    name: 'kmedoidsFromDistances',
    fn: c(kmedoidsFromDistances),
    params: ['condensed', 'options'],
    cost: 'medium',
    args: fc.integer({ min: 1, max: 15 }).chain((n) => fc.tuple(condensedOf(n), kmedOptions(n))),
    slots: [{ arg: 0, kind: 'condensed' }, ...kmedSlots(1)],
    check: (out, args) => {
      const len = (args[0] as ArrayLike<number>).length;
      const n = Math.round((1 + Math.sqrt(1 + 8 * len)) / 2);
      return kmedoidsCheck(out, n, (args[1] as { k: number }).k, (args[1] as { init?: unknown }).init);
    },
  },
  {
    name: 'kmedoidsPredict',
    fn: c(kmedoidsPredict),
    params: ['model', 'X', 'options'],
    args: kmedModels.chain((m) => fc.integer({ min: 0, max: 6 }).chain((n) => matrixOf(n, 3).map((X) => [m, X, undefined]))),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
      { arg: 2, kind: 'options', optional: true, accepts: ['function'] },
      { arg: 2, key: 'metric', kind: 'metric', values: [], accepts: ['metric-function', 'function'], optional: true },
    ],
    check: (out, args) => int32(out, rowsOf(args[1]), 0, (args[0] as { medoids: Int32Array }).medoids.length),
  },
  {
    name: 'silhouette',
    fn: c(silhouette),
    params: ['X', 'labels', 'options'],
    args: fc.tuple(labelled, fc.option(fc.constantFrom(...METRIC_NAMES), { nil: undefined })).map(([[X, l], m]) => [X, l, m]),
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'labels' },
      { arg: 2, kind: 'options', optional: true, accepts: ['string', 'function'] },
      metricSlot(2),
      ...taskSlots(2),
    ],
    check: (out) => numberIn(out, -1, 1),
  },
  {
    name: 'silhouetteSamples',
    fn: c(silhouetteSamples),
    params: ['X', 'labels', 'options'],
    args: fc.tuple(labelled, fc.option(fc.constantFrom(...METRIC_NAMES), { nil: undefined })).map(([[X, l], m]) => [X, l, m]),
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'labels' },
      { arg: 2, kind: 'options', optional: true, accepts: ['string', 'function'] },
      metricSlot(2),
      ...taskSlots(2),
    ],
    check: (out, args) => float64(out, rowsOf(args[0]), 'silhouettes', -1, 1),
  },
  {
    name: 'daviesBouldin',
    fn: c(daviesBouldin),
    params: ['X', 'labels'],
    args: labelled,
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'labels' },
    ],
    check: (out) => numberIn(out, 0, Infinity),
  },
  {
    name: 'calinskiHarabasz',
    fn: c(calinskiHarabasz),
    params: ['X', 'labels'],
    args: labelled,
    // A within-cluster dispersion that underflows to a subnormal makes the true ratio exceed
    // Number.MAX_VALUE: Infinity is then exact (scikit-learn returns inf as well).
    overflowOk: true,
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'labels' },
    ],
    check: (out) => numberIn(out, 0, Infinity),
  },
  {
    name: 'adjustedRandIndex',
    fn: c(adjustedRandIndex),
    params: ['a', 'b'],
    args: labelPair,
    slots: [
      { arg: 0, kind: 'labels' },
      { arg: 1, kind: 'labels' },
    ],
    check: (out) => numberIn(out, -1, 1),
  },
  {
    name: 'normalizedMutualInfo',
    fn: c(normalizedMutualInfo),
    params: ['a', 'b'],
    args: labelPair,
    slots: [
      { arg: 0, kind: 'labels' },
      { arg: 1, kind: 'labels' },
    ],
    check: (out) => numberIn(out, 0, 1 + 1e-12),
  },
  {
    name: 'scanK',
    fn: c(scanK),
    params: ['X', 'options'],
    cost: 'heavy',
    args: fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 3 })).chain(([n, d]) =>
      fc.tuple(
        matrixOf(n, d),
        fc.record(
          {
            kMin: fc.constant(Math.min(2, n)),
            kMax: fc.integer({ min: Math.min(2, n), max: Math.max(Math.min(2, n), Math.min(5, n - 1)) }),
            rule: fc.constantFrom('silhouette', 'elbow'),
            sampleSize: fc.integer({ min: 2, max: 30 }),
            metric: fc.constantFrom('euclidean', 'cosine'),
            nInit: fc.integer({ min: 1, max: 2 }),
            maxIter: fc.integer({ min: 1, max: 30 }),
            tol: fc.constantFrom(0, 1e-4),
            algorithm: fc.constantFrom('auto', 'lloyd', 'hamerly', 'elkan'),
            seed: fc.nat(),
          },
          { requiredKeys: ['nInit', 'maxIter'] },
        ),
      ),
    ),
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'kMin', kind: 'integer', optional: true },
      { arg: 1, key: 'kMax', kind: 'integer', optional: true },
      { arg: 1, key: 'rule', kind: 'enum', values: ['silhouette', 'elbow'], optional: true },
      { arg: 1, key: 'sampleSize', kind: 'size', optional: true },
      { arg: 1, key: 'metric', kind: 'enum', values: ['euclidean', 'cosine'], optional: true },
      { arg: 1, key: 'nInit', kind: 'integer', optional: true, work: true },
      { arg: 1, key: 'maxIter', kind: 'integer', optional: true, work: true },
      { arg: 1, key: 'tol', kind: 'number', optional: true },
      { arg: 1, key: 'algorithm', kind: 'enum', values: ['auto', 'lloyd', 'elkan', 'hamerly'], optional: true },
      { arg: 1, key: 'seed', kind: 'seed', optional: true },
      ...taskSlots(1),
    ],
    check: (out) => {
      const r = out as { k: Int32Array; suggestedK: number };
      return first(
        () => model(out, 'kscan'),
        () => (Array.from(r.k).includes(r.suggestedK) ? undefined : `suggestedK ${r.suggestedK} is not one of the scanned k`),
      );
    },
  },
];
