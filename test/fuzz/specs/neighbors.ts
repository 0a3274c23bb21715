/** Fuzz specs of the round-2 neighbour search: knnGraph (exact / NN-descent), radius search, HNSW. */
import fc from 'fast-check';
import { METRIC_NAMES } from '../../../src/distance/metric.js';
import { knnGraph, knnGraphAsync, knnGraphAutoMethod, knnGraphWork } from '../../../src/neighbors/knn-graph.js';
import { radiusNeighbors, radiusNeighborsSelf } from '../../../src/neighbors/radius.js';
import { hnswIndex, hnswIndexAsync } from '../../../src/neighbors/hnsw/index-build.js';
import { hnswQuery } from '../../../src/neighbors/hnsw/query.js';
import { hnswAdd } from '../../../src/neighbors/hnsw/add.js';
import { hnswRemove } from '../../../src/neighbors/hnsw/remove.js';
import { hnswMemory } from '../../../src/neighbors/hnsw/memory.js';
import { first, int32, model, numberIn, passedThrough, rowsOf } from '../harness/checks.js';
import { fittedOneOf, fixedData, matrixOf, shaped } from '../harness/gen.js';
import type { Callable, Slot, Spec } from '../harness/types.js';
import { memorySlot, taskSlots } from './slots.js';

const c = (f: unknown): Callable => f as Callable;

const metricSlot = (arg: number): Slot => ({ arg, key: 'metric', kind: 'metric', values: METRIC_NAMES, accepts: ['metric-function', 'function'], optional: true });
const HNSW_METRICS = ['euclidean', 'cosine', 'dot'] as const;

/** A neighbour graph: n × k, indices in range and never the row itself, distances ascending. */
function graphCheck(out: unknown, n: number, k: number): string | undefined {
  const g = out as { indices?: unknown; distances?: unknown; rows?: unknown; k?: unknown };
  if (!(g.indices instanceof Int32Array) || !(g.distances instanceof Float64Array || g.distances instanceof Float32Array)) return 'result lacks indices/distances';
  if (g.rows !== n || g.k !== k) return `rows/k = ${String(g.rows)}/${String(g.k)}, expected ${n}/${k}`;
  const bad = int32(g.indices, n * k, 0, n, 'indices');
  if (bad !== undefined) return bad;
  for (let i = 0; i < n * k; i++) {
    if (g.indices[i] === Math.floor(i / k)) return `row ${Math.floor(i / k)} lists itself`;
    if (!(g.distances[i]! >= 0)) return `distance ${g.distances[i]} < 0`;
    if (i % k > 0 && g.distances[i]! < g.distances[i - 1]!) return `row ${Math.floor(i / k)} not sorted`;
  }
  return undefined;
}

const graphArgs = fc.tuple(fc.integer({ min: 2, max: 24 }), fc.integer({ min: 1, max: 4 })).chain(([n, d]) =>
  fc.tuple(
    matrixOf(n, d),
    fc.integer({ min: 1, max: Math.min(n - 1, 5) }),
    fc.option(
      fc.record(
        {
          metric: fc.constantFrom(...METRIC_NAMES),
          method: fc.constantFrom('auto', 'exact', 'nndescent'),
          seed: fc.nat(),
          nIters: fc.integer({ min: 1, max: 4 }),
          delta: fc.constantFrom(0, 0.001, 0.5),
          rho: fc.constantFrom(0.5, 1),
          nTrees: fc.integer({ min: 0, max: 3 }),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
  ),
);

const graphSlots = (arg: number): Slot[] => [
  { arg: arg - 2, kind: 'matrix' },
  { arg: arg - 1, kind: 'integer' },
  { arg, kind: 'options', optional: true },
  metricSlot(arg),
  { arg, key: 'method', kind: 'enum', values: ['auto', 'exact', 'nndescent'], optional: true },
  { arg, key: 'seed', kind: 'seed', optional: true },
  { arg, key: 'nIters', kind: 'integer', optional: true, work: true },
  { arg, key: 'delta', kind: 'number', optional: true },
  { arg, key: 'rho', kind: 'number', optional: true },
  { arg, key: 'nTrees', kind: 'integer', optional: true, work: true },
  ...taskSlots(arg),
  memorySlot(arg),
];

/** Radius results: CSR offsets over the queries, indices in range, distances within the radius. */
function radiusCheck(out: unknown, q: number, n: number, radius: number, self: boolean): string | undefined {
  const r = out as { offsets?: unknown; indices?: unknown; distances?: unknown };
  if (!(r.offsets instanceof Int32Array) || !(r.indices instanceof Int32Array) || !(r.distances instanceof Float64Array)) return 'result lacks offsets/indices/distances';
  if (r.offsets.length !== q + 1 || r.offsets[0] !== 0 || r.offsets[q] !== r.indices.length) return 'offsets do not span the result';
  for (let i = 0; i < q; i++) {
    if (r.offsets[i + 1]! < r.offsets[i]!) return 'offsets decrease';
    for (let p = r.offsets[i]!; p < r.offsets[i + 1]!; p++) {
      const j = r.indices[p]!;
      if (j < 0 || j >= n) return `index ${j} out of range`;
      if (self && j === i) return `row ${i} lists itself`;
      if (!(r.distances[p]! >= 0 && r.distances[p]! <= radius)) return `distance ${r.distances[p]} outside [0, ${radius}]`;
    }
  }
  return undefined;
}

const radiusSlots = (arg: number): Slot[] => [
  { arg, kind: 'options', optional: true },
  metricSlot(arg),
  { arg, key: 'sort', kind: 'boolean', optional: true },
  { arg, key: 'method', kind: 'enum', values: ['auto', 'brute', 'vptree'], optional: true },
  { arg, key: 'leafSize', kind: 'integer', optional: true },
  { arg, key: 'seed', kind: 'seed', optional: true },
  ...taskSlots(arg),
  memorySlot(arg),
];
const radiusOptions = fc.option(
  fc.record({ metric: fc.constantFrom('euclidean', 'manhattan', 'chebyshev'), sort: fc.boolean(), method: fc.constantFrom('auto', 'brute', 'vptree'), leafSize: fc.integer({ min: 1, max: 8 }), seed: fc.nat() }, { requiredKeys: [] }),
  { nil: undefined },
);

const hnswOptions = fc.option(
  fc.record({ metric: fc.constantFrom(...HNSW_METRICS), m: fc.integer({ min: 2, max: 8 }), efConstruction: fc.integer({ min: 4, max: 32 }), seed: fc.nat(), quantize: fc.constantFrom('none', 'int8') }, { requiredKeys: [] }),
  { nil: undefined },
);
const hnswBuildSlots: Slot[] = [
  { arg: 0, kind: 'matrix' },
  { arg: 1, kind: 'options', optional: true },
  { arg: 1, key: 'metric', kind: 'enum', values: HNSW_METRICS, optional: true },
  { arg: 1, key: 'm', kind: 'integer', optional: true },
  { arg: 1, key: 'efConstruction', kind: 'integer', optional: true, work: true },
  { arg: 1, key: 'seed', kind: 'seed', optional: true },
  { arg: 1, key: 'quantize', kind: 'enum', values: ['none', 'int8'], optional: true },
  ...taskSlots(1),
  memorySlot(1),
];
/** Indexes over data without zero rows (cosine/dot need non-zero vectors), cloned per case. */
const hnswIndexes = fittedOneOf<object>([
  () => hnswIndex(fixedData(20, 3).map((r) => r.map((v) => v + 11)), { seed: 1 }),
  () => hnswIndex(fixedData(15, 4, 1).map((r) => r.map((v) => v + 11)), { metric: 'cosine', m: 4 }),
  () => hnswIndex(fixedData(12, 2, 2).map((r) => r.map((v) => v + 11)), { metric: 'dot', quantize: 'int8' }),
]);
const hnswSize = (ix: unknown): { n: number; d: number } => {
  const h = ix as { size?: number; dims?: number; count?: number; d?: number };
  return { n: (h.size ?? h.count)!, d: (h.dims ?? h.d)! };
};
/** Positive rows (never the zero vector cosine refuses) of the index's width. */
const rowsFor = (ix: unknown, q: number): fc.Arbitrary<unknown> => matrixOf(q, hnswSize(ix).d, { plain: true }).map((X) => {
  if (Array.isArray(X)) return (X as ArrayLike<number>[]).map((r) => Array.from(r, (v) => v + 11));
  const m = X as { rows: number; cols: number; data: Float64Array | Float32Array };
  return { rows: m.rows, cols: m.cols, data: m.data.map((v) => v + 11) };
});

const indexCheck = (out: unknown): string | undefined => model(out, 'hnsw');

export const NEIGHBORS_SPECS: Spec[] = [
  {
    name: 'knnGraph',
    fn: c(knnGraph),
    params: ['X', 'k', 'options'],
    cost: 'medium',
    args: graphArgs,
    slots: graphSlots(2),
    check: (out, args) => graphCheck(out, rowsOf(args[0]), args[1] as number),
  },
  {
    name: 'knnGraphAsync',
    fn: c(knnGraphAsync),
    params: ['X', 'k', 'options'],
    cost: 'medium',
    async: true,
    args: graphArgs,
    slots: graphSlots(2),
    check: (out, args) => graphCheck(out, rowsOf(args[0]), args[1] as number),
  },
  {
    name: 'knnGraphWork',
    fn: c(knnGraphWork),
    params: ['fn', 'X', 'k', 'options'],
    cost: 'medium',
    args: graphArgs.map(([X, k, o]) => ['fuzzCaller', X, k, o]),
    // Documented: signal and onProgress are ignored here (the caller's runner owns them).
    slots: graphSlots(3).map((s) => (s.key === 'signal' ? { ...s, accepts: ['aborted'] } : s)),
    prefix: (args) => String(args[0]),
    // Validation is eager (before the first step); the steps are fuzzed through knnGraph.
    check: (out) => (typeof (out as { next?: unknown }).next === 'function' ? undefined : 'did not return a generator'),
  },
  {
    name: 'knnGraphAutoMethod',
    fn: c(knnGraphAutoMethod),
    params: ['n', 'd', 'k', 'metric'],
    args: fc.tuple(fc.integer({ min: 2, max: 1e6 }), fc.integer({ min: 1, max: 2000 })).chain(([n, d]) =>
      fc.tuple(fc.constant(n), fc.constant(d), fc.integer({ min: 1, max: Math.min(n - 1, 100) }), fc.option(fc.constantFrom(...METRIC_NAMES), { nil: undefined })),
    ),
    slots: [
      { arg: 0, kind: 'integer' },
      { arg: 1, kind: 'integer' },
      { arg: 2, kind: 'integer' },
      { arg: 3, kind: 'metric', values: METRIC_NAMES, accepts: ['function'], optional: true },
    ],
    check: (out) => (out === 'exact' || out === 'nndescent' ? undefined : `returned ${String(out)}`),
  },
  {
    name: 'radiusNeighbors',
    fn: c(radiusNeighbors),
    params: ['data', 'queries', 'radius', 'options'],
    cost: 'medium',
    args: fc
      .tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 4 }))
      .chain(([n, q, d]) => fc.tuple(matrixOf(n, d), matrixOf(q, d), fc.constantFrom(0, 0.5, 3, 10), radiusOptions)),
    slots: [{ arg: 0, kind: 'matrix' }, { arg: 1, kind: 'matrix' }, { arg: 2, kind: 'number', infinityOk: true }, ...radiusSlots(3)],
    check: (out, args) => radiusCheck(out, rowsOf(args[1]), rowsOf(args[0]), args[2] as number, false),
  },
  {
    name: 'radiusNeighborsSelf',
    fn: c(radiusNeighborsSelf),
    params: ['data', 'radius', 'options'],
    cost: 'medium',
    args: fc.tuple(shaped({ rows: [1, 20], cols: [1, 4] }), fc.constantFrom(0, 0.5, 3, 10), radiusOptions).map(([[, , X], r, o]) => [X, r, o]),
    slots: [{ arg: 0, kind: 'matrix' }, { arg: 1, kind: 'number', infinityOk: true }, ...radiusSlots(2)],
    check: (out, args) => radiusCheck(out, rowsOf(args[0]), rowsOf(args[0]), args[1] as number, true),
  },
  {
    name: 'hnswIndex',
    fn: c(hnswIndex),
    params: ['data', 'options'],
    cost: 'medium',
    args: fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 4 })).chain(([n, d]) => fc.tuple(matrixOf(n, d), hnswOptions)),
    slots: hnswBuildSlots,
    check: indexCheck,
  },
  {
    name: 'hnswIndexAsync',
    fn: c(hnswIndexAsync),
    params: ['data', 'options'],
    cost: 'medium',
    async: true,
    args: fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 4 })).chain(([n, d]) => fc.tuple(matrixOf(n, d), hnswOptions)),
    slots: hnswBuildSlots,
    check: indexCheck,
  },
  {
    name: 'hnswQuery',
    fn: c(hnswQuery),
    params: ['index', 'queries', 'k', 'options'],
    args: hnswIndexes.chain((ix) =>
      fc.tuple(
        fc.constant(ix),
        fc.integer({ min: 0, max: 5 }).chain((q) => rowsFor(ix, q)),
        // ef must be at least k: draw k, then a valid ef
        fc.integer({ min: 1, max: 5 }).chain((k) =>
          fc.tuple(fc.constant(k), fc.option(fc.record({ ef: fc.integer({ min: k, max: 30 }), filter: fc.constant((id: number) => id % 2 === 0) }, { requiredKeys: [] }), { nil: undefined })),
        ),
      ).map(([index, rows, [k, options]]) => [index, rows, k, options] as const),
    ),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
      { arg: 2, kind: 'integer' },
      { arg: 3, kind: 'options', optional: true },
      { arg: 3, key: 'ef', kind: 'integer', optional: true, work: true },
      { arg: 3, key: 'filter', kind: 'callback', optional: true },
      { arg: 3, key: 'rerank', kind: 'matrix', optional: true },
      ...taskSlots(3),
    ],
    // A row whose filter allows fewer than k points is padded with −1 / Infinity.
    nonFinite: /^\.distances/,
    check: (out, args) => {
      const r = out as { indices?: unknown; distances?: unknown };
      const q = rowsOf(args[1]);
      const k = args[2] as number;
      if (!(r.indices instanceof Int32Array) || !(r.distances instanceof Float64Array)) return 'result lacks indices/distances';
      return int32(r.indices, q * k, -1, hnswSize(args[0]).n, 'indices');
    },
  },
  {
    name: 'hnswAdd',
    fn: c(hnswAdd),
    params: ['index', 'rows', 'options'],
    mutates: [0],
    args: hnswIndexes.chain((ix) => fc.tuple(fc.constant(ix), fc.integer({ min: 0, max: 5 }).chain((q) => rowsFor(ix, q)), fc.constant(undefined))),
    slots: [{ arg: 0, kind: 'model' }, { arg: 1, kind: 'matrix' }, { arg: 2, kind: 'options', optional: true }, ...taskSlots(2), memorySlot(2)],
    // Stored vectors and code norms are checked as searches read them (E_MODEL for a non-finite
    // distance), not scanned per call: a tampered value no search meets passes through unchanged.
    nonFinite: /^\.(vectors|codeNorms)$/,
    check: (out, args, before) =>
      out === args[0]
        ? first(
            () => indexCheck(out),
            () => passedThrough(out, before[0], ['vectors']),
            () => passedThrough(out, before[0], ['codeNorms']),
          )
        : 'did not return its index',
  },
  {
    name: 'hnswRemove',
    fn: c(hnswRemove),
    params: ['index', 'ids'],
    mutates: [0],
    args: hnswIndexes.chain((ix) => fc.tuple(fc.constant(ix), fc.oneof(fc.integer({ min: 0, max: hnswSize(ix).n - 1 }), fc.uniqueArray(fc.integer({ min: 0, max: hnswSize(ix).n - 1 }), { maxLength: 4 })))),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'vector', accepts: ['number'] },
    ],
    // Removal only sets deletion flags: the rest of the caller's index is returned as it came
    // (checkHnsw checks structure in O(1); the searches validate what they read).
    nonFinite: /^\./,
    check: (out, args) => (out === args[0] ? indexCheck(out) : 'did not return its index'),
  },
  {
    name: 'hnswMemory',
    fn: c(hnswMemory),
    params: ['index'],
    args: hnswIndexes.map((ix) => [ix]),
    slots: [{ arg: 0, kind: 'model' }],
    check: (out) => {
      const m = out as Record<string, unknown>;
      for (const [k, v] of Object.entries(m)) if (typeof v === 'number') { const bad = numberIn(v, 0, Number.MAX_SAFE_INTEGER, k); if (bad !== undefined) return bad; }
      return first(() => (typeof m === 'object' && m !== null ? undefined : 'not an object'));
    },
  },
];
