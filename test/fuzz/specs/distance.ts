/** Fuzz specs of `latent/distance` and `latent/neighbors`. */
import fc from 'fast-check';
import { chebyshev, cosine, cosineSimilarity, euclidean, manhattan, sqeuclidean } from '../../../src/distance/metrics.js';
import { METRIC_NAMES } from '../../../src/distance/metric.js';
import { cdist, pdist, squareform } from '../../../src/distance/pairwise.js';
import { condensedIndex, condensedSize } from '../../../src/distance/square.js';
import { knn, knnSelf } from '../../../src/neighbors/exact/knn.js';
import { knnIndex } from '../../../src/neighbors/exact/knn-index.js';
import { knnQuery, knnQuerySelf } from '../../../src/neighbors/exact/knn-query.js';
import { first, float64, matrix64, numberIn, rowsOf } from '../harness/checks.js';
import { condensedOf, fittedOneOf, fixedData, matrixOf, shaped, vectorOf } from '../harness/gen.js';
import type { Callable, Slot, Spec } from '../harness/types.js';
import { taskSlots } from './slots.js';

const c = (f: unknown): Callable => f as Callable;

const vecPair = fc.integer({ min: 0, max: 6 }).chain((d) => fc.tuple(vectorOf(d), vectorOf(d)));

function metricSpec(name: string, fn: unknown, lo: number, hi: number): Spec {
  return {
    name,
    fn: c(fn),
    params: ['a', 'b'],
    args: vecPair,
    slots: [
      { arg: 0, kind: 'vector' },
      { arg: 1, kind: 'vector' },
    ],
    check: (out) => numberIn(out, lo, hi),
    // A distance between finite vectors can exceed Number.MAX_VALUE (2·MAX apart): Infinity is then exact.
    overflowOk: hi === Infinity,
  };
}

const metricSlot = (arg: number, key = 'metric'): Slot => ({ arg, key, kind: 'metric', values: METRIC_NAMES, accepts: ['metric-function', 'function'], optional: true });

/** k nearest neighbours: indices in range, distances ascending per row. */
function knnCheck(out: unknown, q: number, k: number, n: number): string | undefined {
  const r = out as { indices?: unknown; distances?: unknown };
  if (!(r.indices instanceof Int32Array) || !(r.distances instanceof Float64Array)) return 'result lacks indices/distances';
  if (r.indices.length !== q * k || r.distances.length !== q * k) return `result has ${r.indices.length} entries, expected ${q}×${k}`;
  for (let i = 0; i < q * k; i++) {
    if (r.indices[i]! < 0 || r.indices[i]! >= n) return `index ${r.indices[i]} out of range [0, ${n})`;
    if (!(r.distances[i]! >= 0)) return `distance ${r.distances[i]} < 0`;
    if (i % k > 0 && r.distances[i]! < r.distances[i - 1]!) return `row ${Math.floor(i / k)} not sorted`;
  }
  return undefined;
}

const knnOptionSlots = (arg: number): Slot[] => [
  { arg, kind: 'options', optional: true },
  metricSlot(arg),
  { arg, key: 'method', kind: 'enum', values: ['auto', 'brute', 'vptree'], optional: true },
  { arg, key: 'leafSize', kind: 'integer', optional: true },
  { arg, key: 'seed', kind: 'seed', optional: true },
  ...taskSlots(arg),
];

const knnOptions = fc.option(
  fc.record({ metric: fc.constantFrom(...METRIC_NAMES), method: fc.constantFrom('auto', 'brute'), leafSize: fc.integer({ min: 1, max: 8 }), seed: fc.nat() }, { requiredKeys: [] }),
  { nil: undefined },
);

const indexes = fittedOneOf<object>([
  () => knnIndex(fixedData(20, 3)),
  () => knnIndex(fixedData(25, 2), { method: 'vptree', leafSize: 2 }),
  () => knnIndex(fixedData(9, 4), { metric: 'cosine' }),
  () => knnIndex(fixedData(12, 2), { metric: 'manhattan', method: 'vptree', leafSize: 1 }),
]);

export const DISTANCE_SPECS: Spec[] = [
  metricSpec('euclidean', euclidean, 0, Infinity),
  metricSpec('sqeuclidean', sqeuclidean, 0, Infinity),
  metricSpec('manhattan', manhattan, 0, Infinity),
  metricSpec('chebyshev', chebyshev, 0, Infinity),
  metricSpec('cosine', cosine, 0, 2),
  metricSpec('cosineSimilarity', cosineSimilarity, -1, 1),
  {
    name: 'pdist',
    fn: c(pdist),
    params: ['X', 'options'],
    args: fc.tuple(shaped({ rows: [0, 12] }), fc.option(fc.oneof(fc.constantFrom(...METRIC_NAMES), fc.record({ metric: fc.constantFrom(...METRIC_NAMES) }, { requiredKeys: [] })), { nil: undefined })).map(([[, , X], o]) => [X, o]),
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'options', optional: true, accepts: ['string', 'function'] },
      metricSlot(1),
      { arg: 1, key: 'memoryLimit', kind: 'number', optional: true, infinityOk: true },
    ],
    check: (out, args) => {
      const n = rowsOf(args[0]);
      return float64(out, (n * (n - 1)) / 2, 'condensed', 0);
    },
  },
  {
    name: 'cdist',
    fn: c(cdist),
    params: ['X', 'Y', 'options'],
    args: fc
      .tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 4 }))
      .chain(([nx, ny, d]) => fc.tuple(matrixOf(nx, d), matrixOf(ny, d), fc.option(fc.constantFrom(...METRIC_NAMES), { nil: undefined }))),
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'matrix' },
      { arg: 2, kind: 'options', optional: true, accepts: ['string', 'function'] },
      metricSlot(2),
      { arg: 2, key: 'memoryLimit', kind: 'number', optional: true, infinityOk: true },
    ],
    check: (out, args) => first(() => matrix64(out, rowsOf(args[0]), rowsOf(args[1])), () => float64((out as { data: unknown }).data, undefined, 'distances', 0)),
  },
  {
    name: 'squareform',
    fn: c(squareform),
    params: ['x', 'options'],
    args: fc.tuple(fc.integer({ min: 0, max: 7 }), fc.boolean(), fc.option(fc.record({ memoryLimit: fc.constant(1e6) }, { requiredKeys: [] }), { nil: undefined })).chain(([n, square, o]) =>
      condensedOf(n).map((cd) => {
        if (!square) return [cd, o];
        const m = squareform(Float64Array.from(cd as ArrayLike<number>));
        return [m, o];
      }),
    ),
    slots: [
      { arg: 0, kind: 'condensed', accepts: ['negative'] },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'memoryLimit', kind: 'number', optional: true, infinityOk: true },
    ],
    check: (out) => (out instanceof Float64Array ? float64(out, undefined, 'condensed', 0) : matrix64(out)),
  },
  {
    name: 'condensedIndex',
    fn: c(condensedIndex),
    params: ['n', 'i', 'j'],
    args: fc.integer({ min: 2, max: 50 }).chain((n) =>
      fc
        .tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 2 }))
        .map(([i, j0]) => [n, i, j0 >= i ? j0 + 1 : j0]),
    ),
    slots: [
      { arg: 0, kind: 'integer' },
      { arg: 1, kind: 'integer' },
      { arg: 2, kind: 'integer' },
    ],
    check: (out, args) => {
      const [n, i, j] = args as number[];
      return Number.isInteger(out) && (out as number) >= 0 && (out as number) < (n! * (n! - 1)) / 2 && i !== j
        ? undefined
        : `returned ${String(out)} for (n, i, j) = (${n}, ${i}, ${j}), not an index in [0, ${(n! * (n! - 1)) / 2})`;
    },
  },
  {
    name: 'condensedSize',
    fn: c(condensedSize),
    params: ['length'],
    args: fc.integer({ min: 0, max: 5000 }).map((l) => [l]),
    slots: [{ arg: 0, kind: 'integer' }],
    check: (out, args) => {
      const l = args[0] as number;
      if (out === -1) return undefined;
      return Number.isInteger(out) && ((out as number) * ((out as number) - 1)) / 2 === l ? undefined : `returned ${String(out)} for length ${String(l)}`;
    },
  },
  {
    name: 'knn',
    fn: c(knn),
    params: ['data', 'queries', 'k', 'options'],
    cost: 'medium',
    args: fc
      .tuple(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 4 }))
      .chain(([n, q, d]) => fc.tuple(matrixOf(n, d), matrixOf(q, d), fc.integer({ min: 1, max: n }), knnOptions)),
    slots: [{ arg: 0, kind: 'matrix' }, { arg: 1, kind: 'matrix' }, { arg: 2, kind: 'integer' }, ...knnOptionSlots(3)],
    check: (out, args) => knnCheck(out, rowsOf(args[1]), args[2] as number, rowsOf(args[0])),
  },
  {
    name: 'knnSelf',
    fn: c(knnSelf),
    params: ['data', 'k', 'options'],
    cost: 'medium',
    args: fc.tuple(fc.integer({ min: 2, max: 25 }), fc.integer({ min: 1, max: 4 })).chain(([n, d]) => fc.tuple(matrixOf(n, d), fc.integer({ min: 1, max: n - 1 }), knnOptions)),
    slots: [{ arg: 0, kind: 'matrix' }, { arg: 1, kind: 'integer' }, ...knnOptionSlots(2)],
    check: (out, args) => {
      const n = rowsOf(args[0]);
      const k = args[1] as number;
      const bad = knnCheck(out, n, k, n);
      if (bad !== undefined) return bad;
      const idx = (out as { indices: Int32Array }).indices;
      for (let i = 0; i < n * k; i++) if (idx[i] === Math.floor(i / k)) return `row ${Math.floor(i / k)} lists itself`;
      return undefined;
    },
  },
  {
    name: 'knnIndex',
    fn: c(knnIndex),
    params: ['data', 'options'],
    cost: 'medium',
    args: fc.tuple(shaped({ rows: [1, 25], cols: [1, 4] }), knnOptions).map(([[, , X], o]) => [X, o]),
    slots: knnOptionSlots(1).concat([{ arg: 0, kind: 'matrix' }]),
    // [inMin, inMax, outMin, outMax] of an empty side are ±Infinity sentinels.
    nonFinite: /^\.bounds/,
    check: (out) => ((out as { kind?: unknown }).kind === 'knn-index' ? undefined : 'not a knn index'),
  },
  {
    name: 'knnQuery',
    fn: c(knnQuery),
    params: ['index', 'queries', 'k'],
    cost: 'medium',
    args: indexes.chain((ix) => {
      const p = (ix as { points: { rows: number; cols: number } }).points;
      return fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: p.rows })).chain(([q, k]) => matrixOf(q, p.cols).map((Q) => [ix, Q, k]));
    }),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
      { arg: 2, kind: 'integer' },
    ],
    check: (out, args) => knnCheck(out, rowsOf(args[1]), args[2] as number, (args[0] as { points: { rows: number } }).points.rows),
  },
  {
    name: 'knnQuerySelf',
    fn: c(knnQuerySelf),
    params: ['index', 'k'],
    cost: 'medium',
    args: indexes.chain((ix) => fc.integer({ min: 1, max: (ix as { points: { rows: number } }).points.rows - 1 }).map((k) => [ix, k])),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'integer' },
    ],
    check: (out, args) => {
      const n = (args[0] as { points: { rows: number } }).points.rows;
      return knnCheck(out, n, args[1] as number, n);
    },
  },
];
