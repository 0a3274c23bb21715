/** Fuzz specs of `latent/core` (root exports). */
import fc from 'fast-check';
import { LatentError, isLatentError } from '../../../src/core/errors.js';
import { isFloatArray, isMatrix, matrix, row, toMatrix, toRows } from '../../../src/core/matrix.js';
import { add, dot, norm, normalize, scale, sub } from '../../../src/core/vector.js';
import { interpolate, lerp, slerp } from '../../../src/core/interpolate.js';
import { randomInt, randomNormal, rng, shuffle } from '../../../src/core/random.js';
import { deserialize, serialize } from '../../../src/core/serialize.js';
import { csrFromTriplets } from '../../../src/core/sparse.js';
import { kmeans } from '../../../src/cluster/kmeans/kmeans.js';
import { pca } from '../../../src/decomposition/pca.js';
import { standardizeFit } from '../../../src/preprocess/standardize.js';
import { oneHotFit } from '../../../src/preprocess/one-hot.js';
import { anyMatrix, first, float64, int32, matrix64, numberIn } from '../harness/checks.js';
import { fittedOneOf, fixedData, matrix as matrixArb, shapeOf, vectorOf } from '../harness/gen.js';
import type { Callable, Spec } from '../harness/types.js';

const c = (f: unknown): Callable => f as Callable;

/** Any value at all: predicates must answer for each without throwing. */
const anything: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  fc.constantFrom<unknown>(new LatentError('E_RANGE', 'x: y'), new Error('x'), { rows: 1, cols: 1, data: new Float64Array(1) }, new Float32Array(2), null, undefined),
  fc.constant(null).map(() => Object.create(null) as unknown),
);

const vecPair = fc.integer({ min: 0, max: 6 }).chain((d) => fc.tuple(vectorOf(d), vectorOf(d)));
const vecSlots = (n: number) => Array.from({ length: n }, (_, i) => ({ arg: i, kind: 'vector' as const, nanPropagates: true }));
const outCheck = (outArg: number) => (out: unknown, args: readonly unknown[]) => {
  const a = args[0] as ArrayLike<number>;
  const o = args[outArg];
  if (o !== undefined) return out === o ? undefined : 'result is not the given out array';
  return float64(out, a.length);
};

const models = fittedOneOf<object>([
  () => kmeans(fixedData(12, 3), { k: 3 }),
  () => pca(fixedData(10, 4), { components: 2 }),
  () => standardizeFit(fixedData(6, 2)),
  () => oneHotFit(['a', 'b', 1, null, true, NaN]),
]);

export const CORE_SPECS: Spec[] = [
  {
    name: 'isLatentError',
    fn: c(isLatentError),
    params: ['e'],
    args: anything.map((v) => [v]),
    slots: [{ arg: 0, kind: 'any' }],
    total: true,
    check: (out) => (typeof out === 'boolean' ? undefined : 'not a boolean'),
  },
  {
    name: 'isMatrix',
    fn: c(isMatrix),
    params: ['x'],
    args: fc.oneof(anything, matrixArb()).map((v) => [v]),
    slots: [{ arg: 0, kind: 'any' }],
    total: true,
    check: (out) => (typeof out === 'boolean' ? undefined : 'not a boolean'),
  },
  {
    name: 'isFloatArray',
    fn: c(isFloatArray),
    params: ['x'],
    args: anything.map((v) => [v]),
    slots: [{ arg: 0, kind: 'any' }],
    total: true,
    check: (out) => (typeof out === 'boolean' ? undefined : 'not a boolean'),
  },
  {
    name: 'matrix',
    fn: c(matrix),
    params: ['rows', 'cols', 'data'],
    args: fc
      .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.constantFrom('none', 'f64', 'f32'))
      .map(([r, k, kind]) => [r, k, kind === 'none' ? undefined : kind === 'f64' ? new Float64Array(r * k).fill(1.5) : new Float32Array(r * k).fill(2)]),
    slots: [
      { arg: 0, kind: 'size' },
      { arg: 1, kind: 'size' },
      { arg: 2, kind: 'vector', optional: true, nanPropagates: true },
    ],
    check: (out, args) =>
      first(
        () => anyMatrix(out, args[0] as number, args[1] as number),
        () => (args[2] !== undefined && (out as { data: unknown }).data !== args[2] ? 'data was copied (documented: wrapped, not copied)' : undefined),
      ),
  },
  {
    name: 'toMatrix',
    fn: c(toMatrix),
    params: ['X', 'options'],
    args: fc.oneof(
      matrixArb({ rows: [0, 8] }).map((X) => [X]),
      fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 5 }), fc.boolean()).map(([cols, rows, f32]) => {
        const flat = f32 ? new Float32Array(rows * cols).fill(0.25) : new Float64Array(rows * cols).fill(-3);
        return [flat, { cols }];
      }),
    ),
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'cols', kind: 'integer', optional: true },
    ],
    check: (out, args) => {
      const X = args[0];
      if (isFloatArray(X)) return anyMatrix(out, X.length / (args[1] as { cols: number }).cols, (args[1] as { cols: number }).cols);
      const { rows, cols } = shapeOf(X);
      return anyMatrix(out, rows, cols);
    },
  },
  {
    name: 'toRows',
    fn: c(toRows),
    params: ['m'],
    args: matrixArb({ rows: [0, 6], storages: fc.constantFrom('f64', 'f32') }).map((m) => [m]),
    // A converter for printing: documented to check the shape only, so NaN passes through honestly.
    slots: [{ arg: 0, kind: 'matrix', nanPropagates: true }],
    check: (out, args) => (Array.isArray(out) && out.length === (args[0] as { rows: number }).rows ? undefined : 'wrong number of rows'),
  },
  {
    name: 'row',
    fn: c(row),
    params: ['m', 'i'],
    args: matrixArb({ rows: [1, 6], storages: fc.constantFrom('f64', 'f32') }).chain((m) => fc.integer({ min: 0, max: (m as { rows: number }).rows - 1 }).map((i) => [m, i])),
    slots: [
      // A view of one row: non-finite cells elsewhere are not its business.
      { arg: 0, kind: 'matrix', accepts: ['non-finite'] },
      { arg: 1, kind: 'integer' },
    ],
    check: (out, args) => {
      const m = args[0] as { cols: number; data: ArrayLike<number> };
      return out instanceof Float64Array || out instanceof Float32Array ? (out.length === m.cols ? undefined : 'wrong length') : 'not a float array';
    },
  },
  {
    name: 'dot',
    fn: c(dot),
    params: ['a', 'b'],
    args: vecPair,
    slots: vecSlots(2),
    overflowOk: true,
    check: (out) => (typeof out === 'number' ? undefined : 'not a number'),
  },
  {
    name: 'norm',
    fn: c(norm),
    params: ['a'],
    args: vectorOf(4).map((a) => [a]),
    slots: vecSlots(1),
    overflowOk: true,
    check: (out) => numberIn(out, 0, Infinity),
  },
  {
    name: 'add',
    fn: c(add),
    params: ['a', 'b', 'out'],
    args: vecPair.chain(([a, b]) => fc.constantFrom(undefined, 'out').map((o) => [a, b, o === undefined ? undefined : new Float64Array((a as ArrayLike<number>).length)])),
    slots: [...vecSlots(2), { arg: 2, kind: 'out', optional: true }],
    mutates: [2],
    overflowOk: true,
    check: outCheck(2),
  },
  {
    name: 'sub',
    fn: c(sub),
    params: ['a', 'b', 'out'],
    args: vecPair.chain(([a, b]) => fc.constantFrom(undefined, 'out').map((o) => [a, b, o === undefined ? undefined : new Float64Array((a as ArrayLike<number>).length)])),
    slots: [...vecSlots(2), { arg: 2, kind: 'out', optional: true }],
    mutates: [2],
    overflowOk: true,
    check: outCheck(2),
  },
  {
    name: 'scale',
    fn: c(scale),
    params: ['a', 's', 'out'],
    args: fc.tuple(vectorOf(3), fc.double({ min: -5, max: 5, noNaN: true }), fc.boolean()).map(([a, s, o]) => [a, s, o ? new Float64Array(3) : undefined]),
    slots: [
      { arg: 0, kind: 'vector', nanPropagates: true },
      { arg: 1, kind: 'number', nanPropagates: true },
      { arg: 2, kind: 'out', optional: true },
    ],
    mutates: [2],
    overflowOk: true,
    check: outCheck(2),
  },
  {
    name: 'normalize',
    fn: c(normalize),
    params: ['a', 'out'],
    args: fc.tuple(vectorOf(3), fc.boolean()).map(([a, o]) => [a, o ? new Float64Array(3) : undefined]),
    slots: [
      { arg: 0, kind: 'vector', nanPropagates: true },
      { arg: 1, kind: 'out', optional: true },
    ],
    mutates: [1],
    check: (out, args) =>
      first(
        () => outCheck(1)(out, args),
        () => {
          const v = out as Float64Array | Float32Array;
          const n = Math.hypot(...v);
          const tol = v instanceof Float32Array ? 1e-6 : 1e-12;
          return n === 0 || Math.abs(n - 1) < tol ? undefined : `norm of the result is ${n}, expected 1 or 0`;
        },
      ),
  },
  {
    name: 'lerp',
    fn: c(lerp),
    params: ['a', 'b', 't', 'out'],
    args: vecPair.chain(([a, b]) => fc.tuple(fc.double({ min: -1, max: 2, noNaN: true }), fc.boolean()).map(([t, o]) => [a, b, t, o ? new Float64Array((a as ArrayLike<number>).length) : undefined])),
    slots: [...vecSlots(2), { arg: 2, kind: 'number' }, { arg: 3, kind: 'out', optional: true }],
    mutates: [3],
    overflowOk: true,
    check: outCheck(3),
  },
  {
    name: 'slerp',
    fn: c(slerp),
    params: ['a', 'b', 't', 'out'],
    args: vecPair.chain(([a, b]) => fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()).map(([t, o]) => [a, b, t, o ? new Float64Array((a as ArrayLike<number>).length) : undefined])),
    slots: [...vecSlots(2), { arg: 2, kind: 'number' }, { arg: 3, kind: 'out', optional: true }],
    mutates: [3],
    check: outCheck(3),
  },
  {
    name: 'interpolate',
    fn: c(interpolate),
    params: ['a', 'b', 'steps', 'options'],
    args: vecPair.chain(([a, b]) => fc.tuple(fc.integer({ min: 1, max: 6 }), fc.option(fc.record({ spherical: fc.boolean() }), { nil: undefined })).map(([s, o]) => [a, b, s, o])),
    slots: [
      { arg: 0, kind: 'vector' },
      { arg: 1, kind: 'vector' },
      { arg: 2, kind: 'size' },
      { arg: 3, kind: 'options', optional: true },
      { arg: 3, key: 'spherical', kind: 'boolean', optional: true },
    ],
    check: (out, args) => matrix64(out, args[2] as number, (args[0] as ArrayLike<number>).length),
  },
  {
    name: 'rng',
    fn: c(rng),
    params: ['seed'],
    args: fc.option(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { nil: undefined }).map((s) => [s]),
    slots: [{ arg: 0, kind: 'seed', optional: true }],
    check: (out) => {
      if (typeof out !== 'function') return 'not a function';
      for (let i = 0; i < 4; i++) {
        const v = (out as () => unknown)();
        if (typeof v !== 'number' || !(v >= 0 && v < 1)) return `generator returned ${String(v)}`;
      }
      return undefined;
    },
  },
  {
    name: 'randomNormal',
    fn: c(randomNormal),
    params: ['random'],
    args: fc.integer({ min: 0, max: 1000 }).map((s) => [rng(s)]),
    slots: [{ arg: 0, kind: 'random' }],
    check: (out) => (typeof out === 'number' ? undefined : `returned ${String(out)}`),
  },
  {
    name: 'randomInt',
    fn: c(randomInt),
    params: ['random', 'n'],
    args: fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 50 })).map(([s, n]) => [rng(s), n]),
    slots: [
      { arg: 0, kind: 'random' },
      { arg: 1, kind: 'integer' },
    ],
    check: (out, args) => {
      const n = args[1] as number;
      return Number.isInteger(out) && (out as number) >= 0 && (out as number) < n ? undefined : `returned ${String(out)}, not an integer in [0, ${n})`;
    },
  },
  {
    name: 'shuffle',
    fn: c(shuffle),
    params: ['values', 'random'],
    args: fc.tuple(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 8 }), fc.boolean(), fc.integer({ min: 0, max: 1000 })).map(([v, typed, s]) => [typed ? Int32Array.from(v) : v, rng(s)]),
    slots: [
      // shuffle permutes whatever the array holds: any cell value is legal.
      { arg: 0, kind: 'vector', accepts: ['non-finite', 'loose-cells'] },
      { arg: 1, kind: 'random' },
    ],
    mutates: [0],
    check: (out, args, before) => {
      const a = args[0] as ArrayLike<number>;
      const b = before[0] as ArrayLike<number>;
      if (out !== a) return 'did not return its argument';
      if (a.length !== b.length) return `length changed from ${b.length} to ${a.length}`;
      const sa = Array.from(a).map(String).sort().join();
      const sb = Array.from(b).map(String).sort().join();
      return sa === sb ? undefined : `not a permutation: [${Array.from(b).join(', ')}] became [${Array.from(a).join(', ')}]`;
    },
  },
  {
    name: 'serialize',
    fn: c(serialize),
    params: ['model'],
    args: models.map((m) => [m]),
    slots: [{ arg: 0, kind: 'model', accepts: ['any-kind'] }],
    check: (out, args) => {
      if (typeof out !== 'string') return 'not a string';
      const back = deserialize(out);
      return JSON.stringify(serializeShape(back)) === JSON.stringify(serializeShape(args[0])) ? undefined : 'round trip changed the model';
    },
  },
  {
    name: 'deserialize',
    fn: c(deserialize),
    params: ['text', 'options'],
    args: fc.tuple(models, fc.boolean(), fc.constantFrom('none', 'nan-number')).map(([m, withKind, edit]) => {
      let text = serialize(m as never);
      if (edit === 'nan-number') text = text.replace(/"version":1/, '"version":1,"fuzz":{"$n":"NaN"}');
      return [text, withKind ? { kind: (m as { kind: string }).kind } : undefined];
    }),
    slots: [
      { arg: 0, kind: 'text' },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'kind', kind: 'string', optional: true },
    ],
    // deserialize reproduces whatever numbers the text holds (NaN included): its consumers validate.
    nonFinite: /.*/,
    check: (out) => (typeof out === 'object' && out !== null && typeof (out as { kind?: unknown }).kind === 'string' ? undefined : 'not a model'),
  },
  {
    name: 'csrFromTriplets',
    fn: c(csrFromTriplets),
    params: ['rows', 'cols', 'row', 'col', 'value', 'count'],
    args: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 8 })).chain(([r, k, nnz]) =>
      fc
        .tuple(
          fc.array(fc.integer({ min: 0, max: r - 1 }), { minLength: nnz, maxLength: nnz }),
          fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: nnz, maxLength: nnz }),
          fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: nnz, maxLength: nnz }),
          fc.boolean(),
        )
        .map(([ri, ci, v, withCount]) => [r, k, Int32Array.from(ri), Int32Array.from(ci), Float64Array.from(v), withCount ? nnz : undefined]),
    ),
    slots: [
      { arg: 0, kind: 'size' },
      { arg: 1, kind: 'size' },
      { arg: 2, kind: 'vector' },
      { arg: 3, kind: 'vector' },
      // Values are stored as given (NaN in, NaN out): callers check the matrices they build.
      { arg: 4, kind: 'vector', accepts: ['non-finite'] },
      { arg: 5, kind: 'integer', optional: true },
    ],
    check: (out, args) => {
      const m = out as { rows: number; cols: number; offsets: Int32Array; indices: Int32Array; values: Float64Array };
      return first(
        () => (m.rows === args[0] && m.cols === args[1] ? undefined : 'wrong shape'),
        () => int32(m.offsets, (args[0] as number) + 1, 0, m.indices.length + 1, 'offsets'),
        () => int32(m.indices, m.values.length, 0, args[1] as number, 'indices'),
      );
    },
  },
];

/** A JSON-comparable shape of a model (typed arrays as tagged number lists, NaN and -0 kept). */
function serializeShape(v: unknown): unknown {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? v : String(v);
  if (ArrayBuffer.isView(v)) return { t: v.constructor.name, v: Array.from(v as unknown as ArrayLike<number>).map(serializeShape) };
  if (Array.isArray(v)) return v.map(serializeShape);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, serializeShape(x)]));
  return v;
}

