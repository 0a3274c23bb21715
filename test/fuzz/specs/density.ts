/** Fuzz specs of density clustering (HDBSCAN, DBSCAN) and the condensed-tree plot. */
import fc from 'fast-check';
import { METRIC_NAMES } from '../../../src/distance/metric.js';
import { hdbscan, hdbscanFromDistances } from '../../../src/cluster/density/hdbscan.js';
import { hdbscanPredict } from '../../../src/cluster/density/hdbscan-predict.js';
import { dbscan } from '../../../src/cluster/density/dbscan.js';
import { condensedTreeSvg } from '../../../src/plot/condensed-tree.js';
import { first, float64, int32, model, rowsOf, svg } from '../harness/checks.js';
import { condensedOf, fittedOneOf, fixedData, matrixOf } from '../harness/gen.js';
import type { Callable, Slot, Spec } from '../harness/types.js';
import { memorySlot, taskSlots } from './slots.js';

const c = (f: unknown): Callable => f as Callable;

const metricSlot = (arg: number): Slot => ({ arg, key: 'metric', kind: 'metric', values: METRIC_NAMES, accepts: ['metric-function', 'function'], optional: true });

const selection = (n: number) => ({
  minClusterSize: fc.integer({ min: 2, max: Math.max(2, Math.min(n, 6)) }),
  minSamples: fc.integer({ min: 1, max: Math.max(1, Math.min(n, 5)) }),
  clusterSelectionMethod: fc.constantFrom('eom', 'leaf'),
  clusterSelectionEpsilon: fc.constantFrom(0, 0.5),
  allowSingleCluster: fc.boolean(),
  maxClusterSize: fc.constantFrom(1, 5, 100),
});
const selectionSlots = (arg: number): Slot[] => [
  { arg, kind: 'options', optional: true },
  { arg, key: 'minClusterSize', kind: 'integer', optional: true },
  { arg, key: 'minSamples', kind: 'integer', optional: true },
  { arg, key: 'clusterSelectionMethod', kind: 'enum', values: ['eom', 'leaf'], optional: true },
  { arg, key: 'clusterSelectionEpsilon', kind: 'number', optional: true },
  { arg, key: 'allowSingleCluster', kind: 'boolean', optional: true },
  { arg, key: 'maxClusterSize', kind: 'integer', optional: true },
  ...taskSlots(arg),
  memorySlot(arg),
];

function hdbscanCheck(out: unknown, n: number): string | undefined {
  const m = out as { labels: Int32Array; probabilities: Float64Array; outlierScores: Float64Array; clusters: Int32Array };
  return first(
    () => model(out, 'hdbscan'),
    () => int32(m.labels, n, -1, Math.max(0, n), 'labels'),
    () => float64(m.probabilities, n, 'probabilities', 0, 1),
    () => float64(m.outlierScores, n, 'outlierScores', 0, 1),
  );
}

const hdbscanModels = fittedOneOf<object>([
  () => hdbscan(fixedData(20, 2), { minClusterSize: 3 }),
  () => hdbscan(fixedData(16, 3, 1), { minClusterSize: 2, metric: 'manhattan', clusterSelectionMethod: 'leaf' }),
  () => hdbscan(fixedData(12, 2, 2), { minClusterSize: 4, allowSingleCluster: true }),
]);
const distanceModels = fittedOneOf<object>([() => hdbscanFromDistances(condensedFromRows(fixedData(10, 2, 3)), { minClusterSize: 2 })]);

function condensedFromRows(rows: number[][]): Float64Array {
  const n = rows.length;
  const out = new Float64Array((n * (n - 1)) / 2);
  let p = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[p++] = Math.hypot(...rows[i]!.map((v, t) => v - rows[j]![t]!));
  return out;
}

export const DENSITY_SPECS: Spec[] = [
  {
    name: 'hdbscan',
    fn: c(hdbscan),
    params: ['X', 'options'],
    cost: 'medium',
    args: fc.tuple(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 4 })).chain(([n, d]) =>
      fc.tuple(
        matrixOf(n, d),
        // 'boruvka' (a k-d tree) needs a metric the tree supports: not cosine
        fc.option(
          fc
            .constantFrom(...METRIC_NAMES)
            .chain((metric) =>
              fc.record({ ...selection(n), metric: fc.constant(metric), algorithm: metric === 'cosine' ? fc.constantFrom('auto', 'prim') : fc.constantFrom('auto', 'prim', 'boruvka'), predictionData: fc.boolean() }, { requiredKeys: [] }),
            ),
          { nil: undefined },
        ),
      ),
    ),
    slots: [
      { arg: 0, kind: 'matrix' },
      ...selectionSlots(1),
      metricSlot(1),
      { arg: 1, key: 'algorithm', kind: 'enum', values: ['auto', 'prim', 'boruvka'], optional: true },
      { arg: 1, key: 'predictionData', kind: 'boolean', optional: true },
    ],
    // λ = 1 / distance: duplicate points merge at λ = Infinity (scikit-learn stores inf too).
    nonFinite: /^\.(condensedTree\.lambda|maxClusterSize$)/,
    check: (out, args) => hdbscanCheck(out, rowsOf(args[0])),
  },
  {
    name: 'hdbscanFromDistances',
    fn: c(hdbscanFromDistances),
    params: ['condensed', 'options'],
    cost: 'medium',
    args: fc.integer({ min: 1, max: 16 }).chain((n) => fc.tuple(condensedOf(n), fc.option(fc.record(selection(n), { requiredKeys: [] }), { nil: undefined }))),
    slots: [{ arg: 0, kind: 'condensed' }, ...selectionSlots(1)],
    nonFinite: /^\.(condensedTree\.lambda|maxClusterSize$)/,
    check: (out) => model(out, 'hdbscan'),
  },
  {
    name: 'hdbscanPredict',
    fn: c(hdbscanPredict),
    params: ['model', 'X'],
    args: hdbscanModels.chain((m) => fc.integer({ min: 0, max: 6 }).chain((q) => matrixOf(q, (m as { data: { cols: number } }).data.cols).map((X) => [m, X]))),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
    ],
    check: (out, args) => {
      const r = out as { labels: Int32Array; probabilities: Float64Array };
      const q = rowsOf(args[1]);
      return first(() => int32(r.labels, q, -1, rowsOf((args[0] as { data: unknown }).data), 'labels'), () => float64(r.probabilities, q, 'probabilities', 0, 1));
    },
  },
  {
    name: 'dbscan',
    fn: c(dbscan),
    params: ['X', 'options'],
    cost: 'medium',
    // n ≥ 1: dbscan refuses an empty X (a valid call must be valid, or an aborted signal's
    // E_ABORTED would compete with that error).
    args: fc.tuple(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 4 })).chain(([n, d]) =>
      fc.tuple(
        matrixOf(n, d),
        fc.record({ eps: fc.constantFrom(0.1, 1, 5), minSamples: fc.integer({ min: 1, max: 6 }), metric: fc.constantFrom(...METRIC_NAMES) }, { requiredKeys: ['eps'] }),
      ),
    ),
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'options' },
      { arg: 1, key: 'eps', kind: 'number', infinityOk: true },
      { arg: 1, key: 'minSamples', kind: 'integer', optional: true },
      metricSlot(1),
      ...taskSlots(1),
      memorySlot(1),
    ],
    check: (out, args) => {
      const n = rowsOf(args[0]);
      return first(() => model(out, 'dbscan'), () => int32((out as { labels: Int32Array }).labels, n, -1, Math.max(1, n), 'labels'));
    },
  },
  {
    name: 'condensedTreeSvg',
    fn: c(condensedTreeSvg),
    params: ['model', 'options'],
    args: fc.tuple(
      fc.oneof(hdbscanModels, distanceModels),
      fc.option(fc.record({ selectClusters: fc.boolean(), logSize: fc.boolean(), title: fc.constantFrom('t', '<a&b>'), width: fc.integer({ min: 200, max: 800 }), height: fc.integer({ min: 200, max: 600 }) }, { requiredKeys: [] }), { nil: undefined }),
    ),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'selectClusters', kind: 'boolean', optional: true },
      { arg: 1, key: 'logSize', kind: 'boolean', optional: true },
      { arg: 1, key: 'title', kind: 'string', optional: true },
      { arg: 1, key: 'width', kind: 'number', optional: true },
      { arg: 1, key: 'height', kind: 'number', optional: true },
    ],
    check: svg,
  },
];
