/** Fuzz specs of `latent/preprocess`. */
import fc from 'fast-check';
import { standardize, standardizeFit } from '../../../src/preprocess/standardize.js';
import { standardizeInverseTransform, standardizeTransform } from '../../../src/preprocess/standardize-transform.js';
import { minMaxScale, minMaxScaleFit } from '../../../src/preprocess/min-max-scale.js';
import { minMaxScaleInverseTransform, minMaxScaleTransform } from '../../../src/preprocess/min-max-scale-transform.js';
import { oneHot, oneHotFit } from '../../../src/preprocess/one-hot.js';
import { oneHotDecode, oneHotTransform } from '../../../src/preprocess/one-hot-transform.js';
import { oneHotColumns, oneHotColumnsDecode, oneHotColumnsTransform } from '../../../src/preprocess/one-hot-columns.js';
import { first, matrix64, model, rowsOf } from '../harness/checks.js';
import { fittedOneOf, fixedData, matrixOf, shaped } from '../harness/gen.js';
import { decodeMatrix } from '../harness/values.js';
import type { Callable, Slot, Spec } from '../harness/types.js';

const c = (f: unknown): Callable => f as Callable;

const stdOptions = fc.option(fc.record({ withMean: fc.boolean(), withStd: fc.boolean() }, { requiredKeys: [] }), { nil: undefined });
const stdSlots = (arg: number): Slot[] => [
  { arg, kind: 'options', optional: true },
  { arg, key: 'withMean', kind: 'boolean', optional: true },
  { arg, key: 'withStd', kind: 'boolean', optional: true },
];
const range = fc.tuple(fc.integer({ min: -5, max: 4 }), fc.integer({ min: 1, max: 6 })).map(([lo, w]) => [lo, lo + w] as [number, number]);
const mmOptions = fc.option(fc.record({ featureRange: range, clip: fc.boolean() }, { requiredKeys: [] }), { nil: undefined });
const mmSlots = (arg: number): Slot[] => [
  { arg, kind: 'options', optional: true },
  { arg, key: 'featureRange', kind: 'vector', optional: true },
  { arg, key: 'clip', kind: 'boolean', optional: true },
];

/** Data with a column that is constant (the case scikit-learn handles with scale 1). */
const withConstant = (salt: number): number[][] => fixedData(8, 3, salt).map((r) => [r[0]!, 4, r[2]!]);

const stdModels = fittedOneOf<object>([() => standardizeFit(fixedData(10, 3)), () => standardizeFit(withConstant(1), { withMean: false }), () => standardizeFit(fixedData(5, 3, 2), { withStd: false })]);
const mmModels = fittedOneOf<object>([
  () => minMaxScaleFit(fixedData(10, 3)),
  () => minMaxScaleFit(withConstant(2)),
  () => minMaxScaleFit(withConstant(3), { featureRange: [-1, 1], clip: true }),
]);

/** Rows in the model's width (3), both the fitted range and beyond it. */
const rowsFor3 = fc.integer({ min: 0, max: 8 }).chain((n) => matrixOf(n, 3));

/**
 * scikit-learn's MinMaxScaler.transform: scale = (hi − lo) / (max − min), with a zero range
 * replaced by 1 (a constant column is shifted by the fitted minimum, not mapped to lo).
 */
function minMaxReference(out: unknown, args: readonly unknown[]): string | undefined {
  const m = args[0] as { min: Float64Array; max: Float64Array; featureRange: [number, number]; clip: boolean };
  const X = decodeMatrix(args[1]);
  const o = out as { data: Float64Array };
  if (X === undefined) return undefined;
  const [lo, hi] = m.featureRange;
  const d = m.min.length;
  for (let p = 0; p < X.values.length; p++) {
    const j = p % d;
    const a = m.min[j]!;
    const b = m.max[j]!;
    const width = b > a ? b - a : 1;
    let ref = lo + ((X.values[p]! - a) * (hi - lo)) / width;
    if (m.clip) ref = Math.min(hi, Math.max(lo, ref));
    const tol = 1e-9 * (Math.abs(lo) + Math.abs(hi) + ((Math.abs(X.values[p]!) + Math.abs(a) + Math.abs(b)) * (hi - lo)) / width);
    if (Number.isFinite(ref) && !(Math.abs(o.data[p]! - ref) <= tol)) {
      return `X[${Math.floor(p / d)}][${j}] = ${X.values[p]} maps to ${o.data[p]}, scikit-learn's MinMaxScaler gives ${ref} (fitted min ${a}, max ${b})`;
    }
  }
  return undefined;
}

const values = fc.array(fc.oneof(fc.constantFrom('a', 'b', 'c', ''), fc.integer({ min: -2, max: 2 }), fc.boolean(), fc.constant(null)), { maxLength: 12 });
const ohOptions = fc.option(fc.record({ order: fc.constantFrom('sorted', 'appearance'), handleUnknown: fc.constantFrom('error', 'ignore') }, { requiredKeys: [] }), { nil: undefined });
const ohSlots = (arg: number): Slot[] => [
  { arg, kind: 'options', optional: true },
  { arg, key: 'order', kind: 'enum', values: ['sorted', 'appearance'], optional: true },
  { arg, key: 'categories', kind: 'categories', optional: true },
  { arg, key: 'handleUnknown', kind: 'enum', values: ['error', 'ignore'], optional: true },
];
const ohModels = fittedOneOf<object>([() => oneHotFit(['a', 'b', 'c', 1, true, null]), () => oneHotFit([3, 1, 2], { handleUnknown: 'ignore' }), () => oneHotFit(['x'])]);
const table = fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 3 })).chain(([n, m]) =>
  fc.array(fc.array(fc.oneof(fc.constantFrom('a', 'b'), fc.integer({ min: 0, max: 2 }), fc.constant(null)), { minLength: m, maxLength: m }), { minLength: n, maxLength: n }),
);
const ohcModels = fittedOneOf<object>([
  () => oneHotColumns([['a', 1], ['b', 2], ['a', null]]),
  () => oneHotColumns([[true], [false]], { handleUnknown: 'ignore' }),
]);
const ohcWidth = (m: unknown): number => (m as { categories: unknown[][] }).categories.reduce((s, cs) => s + cs.length, 0);

export const PREPROCESS_SPECS: Spec[] = [
  {
    name: 'standardizeFit',
    fn: c(standardizeFit),
    params: ['X', 'options'],
    args: fc.tuple(shaped({ rows: [1, 20] }), stdOptions).map(([[, , X], o]) => [X, o]),
    slots: [{ arg: 0, kind: 'matrix' }, ...stdSlots(1)],
    check: (out) => model(out, 'standardize'),
  },
  {
    name: 'standardize',
    fn: c(standardize),
    params: ['X', 'options'],
    args: fc.tuple(shaped({ rows: [1, 20] }), stdOptions).map(([[, , X], o]) => [X, o]),
    slots: [{ arg: 0, kind: 'matrix' }, ...stdSlots(1)],
    check: (out, args) => matrix64((out as { data: unknown }).data, rowsOf(args[0])),
  },
  {
    name: 'standardizeTransform',
    fn: c(standardizeTransform),
    params: ['model', 'X'],
    args: fc.tuple(stdModels, rowsFor3),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
    ],
    check: (out, args) => matrix64(out, rowsOf(args[1]), 3),
  },
  {
    name: 'standardizeInverseTransform',
    fn: c(standardizeInverseTransform),
    params: ['model', 'Z'],
    args: fc.tuple(stdModels, rowsFor3),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
    ],
    check: (out, args) => matrix64(out, rowsOf(args[1]), 3),
  },
  {
    name: 'minMaxScaleFit',
    fn: c(minMaxScaleFit),
    params: ['X', 'options'],
    args: fc.tuple(shaped({ rows: [1, 20] }), mmOptions).map(([[, , X], o]) => [X, o]),
    slots: [{ arg: 0, kind: 'matrix' }, ...mmSlots(1)],
    check: (out) => model(out, 'minMaxScale'),
  },
  {
    name: 'minMaxScale',
    fn: c(minMaxScale),
    params: ['X', 'options'],
    args: fc.tuple(shaped({ rows: [1, 20] }), mmOptions).map(([[, , X], o]) => [X, o]),
    slots: [{ arg: 0, kind: 'matrix' }, ...mmSlots(1)],
    check: (out, args) => {
      const r = out as { data: { data: Float64Array }; featureRange: [number, number] };
      const bad = matrix64(r.data, rowsOf(args[0]));
      if (bad !== undefined) return bad;
      const [lo, hi] = r.featureRange;
      for (const v of r.data.data) if (v < lo || v > hi) return `fitted data scaled to ${v}, outside the feature range [${lo}, ${hi}]`;
      return undefined;
    },
  },
  {
    name: 'minMaxScaleTransform',
    fn: c(minMaxScaleTransform),
    params: ['model', 'X'],
    args: fc.tuple(mmModels, rowsFor3),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
    ],
    check: (out, args) => first(() => matrix64(out, rowsOf(args[1]), (args[0] as { min: Float64Array }).min.length), () => minMaxReference(out, args)),
  },
  {
    name: 'minMaxScaleInverseTransform',
    fn: c(minMaxScaleInverseTransform),
    params: ['model', 'Y'],
    args: fc.tuple(mmModels, rowsFor3),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
    ],
    check: (out, args) => matrix64(out, rowsOf(args[1]), 3),
  },
  {
    name: 'oneHotFit',
    fn: c(oneHotFit),
    params: ['values', 'options'],
    args: fc.tuple(values, ohOptions),
    slots: [{ arg: 0, kind: 'categories' }, ...ohSlots(1)],
    nonFinite: /^\.categories/,
    check: (out) => model(out, 'oneHot'),
  },
  {
    name: 'oneHot',
    fn: c(oneHot),
    params: ['values', 'options'],
    args: fc.tuple(values, ohOptions),
    slots: [{ arg: 0, kind: 'categories' }, ...ohSlots(1)],
    nonFinite: /\.categories/,
    check: (out, args) => matrix64((out as { data: unknown }).data, (args[0] as unknown[]).length),
  },
  {
    name: 'oneHotTransform',
    fn: c(oneHotTransform),
    params: ['model', 'values'],
    args: fc.tuple(ohModels, values),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'categories' },
    ],
    check: (out, args) => matrix64(out, (args[1] as unknown[]).length, (args[0] as { categories: unknown[] }).categories.length),
  },
  {
    name: 'oneHotDecode',
    fn: c(oneHotDecode),
    params: ['model', 'X'],
    args: ohModels.chain((m) => fc.integer({ min: 0, max: 6 }).chain((n) => matrixOf(n, (m as { categories: unknown[] }).categories.length, { plain: true }).map((X) => [m, X]))),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
    ],
    nonFinite: /.*/,
    check: (out, args) => (Array.isArray(out) && out.length === rowsOf(args[1]) ? undefined : 'wrong number of decoded values'),
  },
  {
    name: 'oneHotColumns',
    fn: c(oneHotColumns),
    params: ['rows', 'options'],
    args: fc.tuple(table, ohOptions),
    slots: [
      { arg: 0, kind: 'rows' },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'order', kind: 'enum', values: ['sorted', 'appearance'], optional: true },
      { arg: 1, key: 'categories', kind: 'rows', optional: true },
      { arg: 1, key: 'handleUnknown', kind: 'enum', values: ['error', 'ignore'], optional: true },
    ],
    nonFinite: /\.categories/,
    check: (out, args) => matrix64((out as { data: unknown }).data, (args[0] as unknown[]).length),
  },
  {
    name: 'oneHotColumnsTransform',
    fn: c(oneHotColumnsTransform),
    params: ['model', 'rows'],
    args: ohcModels.chain((m) => {
      const width = (m as { categories: unknown[][] }).categories.length;
      return fc
        .array(fc.array(fc.oneof(fc.constantFrom('a', 'b'), fc.integer({ min: 0, max: 2 }), fc.boolean(), fc.constant(null)), { minLength: width, maxLength: width }), { maxLength: 6 })
        .map((rows) => [m, rows]);
    }),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'rows' },
    ],
    check: (out, args) => matrix64(out, (args[1] as unknown[]).length, ohcWidth(args[0])),
  },
  {
    name: 'oneHotColumnsDecode',
    fn: c(oneHotColumnsDecode),
    params: ['model', 'X'],
    args: ohcModels.chain((m) => fc.integer({ min: 0, max: 6 }).chain((n) => matrixOf(n, ohcWidth(m), { plain: true }).map((X) => [m, X]))),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
    ],
    nonFinite: /.*/,
    check: (out, args) => (Array.isArray(out) && out.length === rowsOf(args[1]) ? undefined : 'wrong number of decoded rows'),
  },
];
