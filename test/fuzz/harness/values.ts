/**
 * The bad-value catalogue: for every slot kind, the classes of wrong, malformed or extreme
 * values the harness feeds in, each labelled (`cls`) and with what the oracle must expect.
 * Values derived from the slot's valid value (a NaN cell in *this* matrix, a truncated copy of
 * *this* model's array) keep every other argument consistent, so one call tests one thing.
 */
import fc from 'fast-check';
import type { Bad, Expectation, Slot } from './types.js';

/** What a throwing user callback throws: the library may let it through unchanged. */
export class UserError extends Error {
  constructor() {
    super('thrown by a user callback (fuzz)');
    this.name = 'UserError';
  }
}

interface Entry {
  cls: string;
  /** Type tags: the slot accepts the value when one of them is in its kind/accepts list. */
  tags: readonly string[];
  make: () => unknown;
}

/** Values of the wrong type for most slots. `make` builds a fresh value per call. */
const WRONG_TYPES: readonly Entry[] = [
  { cls: 'null', tags: ['null'], make: () => null },
  { cls: 'undefined', tags: ['undefined'], make: () => undefined },
  { cls: 'string:empty', tags: ['string'], make: () => '' },
  { cls: 'string:word', tags: ['string'], make: () => 'abc' },
  { cls: 'string:numeric', tags: ['string'], make: () => '3' },
  { cls: 'string:false', tags: ['string'], make: () => 'false' },
  { cls: 'boolean:true', tags: ['boolean'], make: () => true },
  { cls: 'boolean:false', tags: ['boolean'], make: () => false },
  { cls: 'object:empty', tags: ['object'], make: () => ({}) },
  { cls: 'object:date', tags: ['instance'], make: () => new Date(0) },
  { cls: 'array:empty', tags: ['array', 'empty'], make: () => [] },
  { cls: 'array:numbers', tags: ['array', 'vector'], make: () => [1, 2] },
  { cls: 'function', tags: ['function'], make: () => () => 0 },
  { cls: 'symbol', tags: ['symbol'], make: () => Symbol('fuzz') },
  { cls: 'bigint', tags: ['bigint'], make: () => 10n },
];

/** Special numbers: every numeric slot gets them (and matrices/vectors get them as cells). */
const SPECIAL_NUMBERS: readonly [string, number][] = [
  ['NaN', NaN],
  ['+Infinity', Infinity],
  ['-Infinity', -Infinity],
  ['-0', -0],
  ['0', 0],
  ['0.5', 0.5],
  ['1', 1],
  ['2', 2],
  ['-1', -1],
  ['1e300', 1e300],
  ['2^53', 2 ** 53],
  ['subnormal', 5e-324],
  ['MAX_VALUE', Number.MAX_VALUE],
  ['-MAX_VALUE', -Number.MAX_VALUE],
  ['1e-300', 1e-300],
];

/** Huge counts: legal for size slots only when they fail fast (E_MEMORY / E_RANGE). */
const HUGE_COUNTS: readonly [string, number][] = [
  ['2^31', 2 ** 31],
  ['1e9', 1e9],
  ['2^53-1', 2 ** 53 - 1],
];

/** The kind's own type tag(s): a wrong-type value with one of these is a legal type. */
const KIND_TAGS: Record<Slot['kind'], readonly string[]> = {
  matrix: ['matrix', 'empty'],
  vector: ['vector', 'empty'],
  labels: ['vector', 'empty'],
  condensed: ['vector', 'empty'],
  number: ['number'],
  integer: ['number'],
  size: ['number'],
  boolean: ['boolean'],
  string: ['string'],
  enum: [],
  seed: ['number'],
  options: ['object'],
  model: ['model'],
  callback: ['function'],
  signal: ['signal'],
  metric: [],
  random: ['function'],
  out: ['out'],
  text: ['string'],
  categories: ['vector', 'empty'],
  rows: ['matrix', 'empty'],
  csr: ['csr'],
  symmetric: ['matrix', 'empty', 'object'],
  linkage: ['matrix', 'empty'],
  series: ['vector', 'object'],
  any: ['null', 'undefined', 'string', 'boolean', 'object', 'instance', 'array', 'function', 'symbol', 'bigint', 'number'],
};

function accepted(slot: Slot, tags: readonly string[]): boolean {
  const ok = new Set([...KIND_TAGS[slot.kind], ...(slot.accepts ?? [])]);
  if (slot.optional === true) ok.add('undefined');
  return tags.some((t) => ok.has(t));
}

function wrongTypes(slot: Slot): Bad[] {
  return WRONG_TYPES.map((e) => ({ cls: e.cls, value: e.make(), expect: accepted(slot, e.tags) ? 'any' : 'error' }));
}

const NUMERIC: ReadonlySet<Slot['kind']> = new Set(['number', 'integer', 'size', 'seed']);

function specialNumbers(slot: Slot): Bad[] {
  const numeric = NUMERIC.has(slot.kind) || slot.accepts?.includes('number') === true;
  const out: Bad[] = [];
  for (const [cls, v] of SPECIAL_NUMBERS) {
    let expect: Expectation = numeric ? 'any' : 'error';
    if (numeric && Number.isNaN(v)) expect = slot.nanPropagates === true ? 'nan-or-error' : 'error';
    if (numeric && !Number.isFinite(v) && !Number.isNaN(v)) expect = slot.infinityOk === true ? 'any' : slot.nanPropagates === true ? 'nan-or-error' : 'error';
    if (numeric && (slot.kind === 'integer' || slot.kind === 'size' || slot.kind === 'seed') && Number.isFinite(v) && !Number.isInteger(v)) expect = 'error';
    if (slot.kind === 'seed' && (v < 0 || v > 0xffffffff)) expect = 'error';
    if (slot.kind === 'any') expect = 'any';
    // A work count of 2^53 or 1e300 is not a safe integer: rejected quickly, so generated.
    out.push({ cls: `number:${cls}`, value: v, expect });
  }
  if (slot.kind === 'size') for (const [cls, v] of HUGE_COUNTS) out.push({ cls: `number:${cls}`, value: v, expect: 'any' });
  return out;
}

/** A copy of `a` with a hole (a missing index, not undefined) at `i`. */
function withHole<T>(a: readonly T[], i: number): T[] {
  const h = a.slice();
  Reflect.deleteProperty(h, i);
  return h;
}

// ---------------------------------------------------------------------------------------------
// Matrices

/** A matrix argument decoded by the harness itself (independent of the library). */
export interface Decoded {
  rows: number;
  cols: number;
  values: number[];
  storage: 'f64' | 'f32' | 'rows' | 'f32rows' | 'f64rows';
}

/** Reads a valid MatrixLike generated by the harness (not a general parser). */
export function decodeMatrix(v: unknown): Decoded | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const m = v as { rows?: unknown; cols?: unknown; data?: unknown };
  if ((m.data instanceof Float64Array || m.data instanceof Float32Array) && typeof m.rows === 'number' && typeof m.cols === 'number') {
    return { rows: m.rows, cols: m.cols, values: Array.from(m.data), storage: m.data instanceof Float64Array ? 'f64' : 'f32' };
  }
  if (!Array.isArray(v)) return undefined;
  const rows = v.length;
  const first: unknown = v[0];
  const cols = rows > 0 && first !== null && typeof first === 'object' ? ((first as ArrayLike<number>).length ?? 0) : 0;
  const values: number[] = [];
  for (const r of v as ArrayLike<number>[]) for (let j = 0; j < cols; j++) values.push(r[j]!);
  const storage = rows > 0 && first instanceof Float32Array ? 'f32rows' : rows > 0 && first instanceof Float64Array ? 'f64rows' : 'rows';
  return { rows, cols, values, storage };
}

/** Builds a MatrixLike in a given storage. */
export function encodeMatrix(rows: number, cols: number, values: readonly number[], storage: Decoded['storage']): unknown {
  if (storage === 'f64') return { rows, cols, data: Float64Array.from(values) };
  if (storage === 'f32') return { rows, cols, data: Float32Array.from(values) };
  const out: unknown[] = [];
  for (let i = 0; i < rows; i++) {
    const r = values.slice(i * cols, (i + 1) * cols);
    out.push(storage === 'f32rows' ? Float32Array.from(r) : storage === 'f64rows' ? Float64Array.from(r) : r);
  }
  return out;
}

function scaleValues(values: readonly number[], f: (v: number, i: number) => number): number[] {
  return values.map(f);
}

/** Matrix classes derived from a valid matrix `v` (nanOk: a NaN cell is legal, e.g. plots). */
function matrixBad(v: unknown, pick: number, nanPropagates: boolean | 'any' = false): Bad[] {
  const m = decodeMatrix(v);
  if (m === undefined) return [];
  const { rows, cols, values, storage } = m;
  const n = values.length;
  const at = n > 0 ? pick % n : 0;
  const same = (vals: number[], r = rows, c = cols, s = storage): unknown => encodeMatrix(r, c, vals, s);
  const withCell = (x: number): number[] => values.map((y, i) => (i === at ? x : y));
  const out: Bad[] = [];
  if (n > 0) {
    const nanExpect: Expectation = nanPropagates === 'any' ? 'any' : nanPropagates ? 'nan-or-error' : 'error';
    out.push({ cls: 'matrix:nan-cell', value: same(withCell(NaN)), expect: nanExpect });
    out.push({ cls: 'matrix:inf-cell', value: same(withCell(Infinity)), expect: nanExpect });
    out.push({ cls: 'matrix:-inf-cell', value: same(withCell(-Infinity)), expect: nanExpect });
    out.push({ cls: 'matrix:max-cell', value: same(withCell(Number.MAX_VALUE)), expect: 'any' });
    const strings = encodeMatrix(rows, cols, values, 'rows') as unknown[][];
    strings[Math.floor(at / Math.max(cols, 1))]![at % Math.max(cols, 1)] = String(values[at]);
    out.push({ cls: 'matrix:string-cell', value: strings, expect: 'error' });
    const holes = encodeMatrix(rows, cols, values, 'rows') as unknown[][];
    out.push({ cls: 'matrix:hole-cell', value: holes.map((r, i) => (i === Math.floor(at / Math.max(cols, 1)) ? withHole(r, at % Math.max(cols, 1)) : r)), expect: 'error' });
  }
  if (rows >= 2 && cols >= 1) {
    const ragged = encodeMatrix(rows, cols, values, 'rows') as number[][];
    ragged[rows - 1] = ragged[rows - 1]!.slice(0, cols - 1);
    out.push({ cls: 'matrix:ragged-short', value: ragged, expect: 'error' });
    const longer = encodeMatrix(rows, cols, values, 'rows') as number[][];
    longer[rows - 1] = [...longer[rows - 1]!, 1];
    out.push({ cls: 'matrix:ragged-long', value: longer, expect: 'error' });
  }
  out.push({ cls: 'matrix:data-too-short', value: { rows, cols, data: new Float64Array(Math.max(0, n - 1)) }, expect: n === 0 ? 'any' : 'error' });
  out.push({ cls: 'matrix:data-too-long', value: { rows, cols, data: new Float64Array(n + 1) }, expect: 'error' });
  out.push({ cls: 'matrix:rows-1e9-cols-0', value: { rows: 1e9, cols: 0, data: new Float64Array(0) }, expect: 'any' });
  out.push({ cls: 'matrix:rows-fraction', value: { rows: rows + 0.5, cols, data: Float64Array.from(values) }, expect: 'error' });
  out.push({ cls: 'matrix:rows-negative', value: { rows: -rows, cols: -cols, data: Float64Array.from(values) }, expect: rows === 0 || cols === 0 ? 'any' : 'error' });
  out.push({ cls: 'matrix:rows-NaN', value: { rows: NaN, cols, data: Float64Array.from(values) }, expect: 'error' });
  out.push({ cls: 'matrix:int32-data', value: { rows, cols, data: Int32Array.from(values.map(Math.round)) }, expect: 'error' });
  out.push({ cls: 'matrix:number[]-data', value: { rows, cols, data: values.slice() }, expect: 'error' });
  const rowsArr = encodeMatrix(rows, cols, values, 'rows') as number[][];
  const lengthHalf: Record<string, unknown> = { length: rows + 0.5 };
  const lengthNeg: Record<string, unknown> = { length: -1 };
  rowsArr.forEach((r, i) => {
    lengthHalf[i] = r;
    lengthNeg[i] = r;
  });
  out.push({ cls: 'matrix:arraylike-length-2.5', value: lengthHalf, expect: 'error' });
  out.push({ cls: 'matrix:arraylike-length--1', value: lengthNeg, expect: 'error' });
  out.push({ cls: 'matrix:flat-numbers', value: values.slice(), expect: n === 0 ? 'any' : 'error' });
  out.push({ cls: 'matrix:flat-float64array', value: Float64Array.from(values), expect: n === 0 ? 'any' : 'error' });
  out.push({ cls: 'matrix:rows-sparse-array', value: new Array<unknown>(Math.max(rows, 1)), expect: 'error' });
  // Legal but extreme: the function must either work (finite, sane) or refuse with a LatentError.
  out.push({ cls: 'matrix:empty', value: [], expect: 'any' });
  out.push({ cls: 'matrix:zero-cols', value: Array.from({ length: Math.max(rows, 1) }, () => []), expect: 'any' });
  out.push({ cls: 'matrix:one-row', value: same(values.slice(0, cols), Math.min(rows, 1), cols), expect: 'any' });
  out.push({ cls: 'matrix:float32', value: same(values, rows, cols, 'f32'), expect: 'any' });
  out.push({ cls: 'matrix:float32-rows', value: same(values, rows, cols, 'f32rows'), expect: 'any' });
  out.push({ cls: 'matrix:float64-rows', value: same(values, rows, cols, 'f64rows'), expect: 'any' });
  const mixed = encodeMatrix(rows, cols, values, 'rows') as unknown[];
  if (rows > 0) mixed[0] = Float32Array.from(mixed[0] as number[]);
  out.push({ cls: 'matrix:mixed-rows', value: mixed, expect: 'any' });
  const big = new Float64Array(n + 3);
  big.set(values, 3);
  out.push({ cls: 'matrix:subarray-view', value: { rows, cols, data: big.subarray(3) }, expect: 'any' });
  // A function of the value only (symmetric matrices stay symmetric): |x| ≤ 10 → at most 4e-321.
  out.push({ cls: 'matrix:subnormal', value: same(scaleValues(values, (x) => x * 4e-322)), expect: 'any' });
  out.push({ cls: 'matrix:tiny', value: same(scaleValues(values, (x) => x * 1e-300)), expect: 'any' });
  out.push({ cls: 'matrix:1e150', value: same(scaleValues(values, (x) => x * 1e150)), expect: 'any' });
  out.push({ cls: 'matrix:huge', value: same(scaleValues(values, (x) => x * 1e300)), expect: 'any' });
  out.push({ cls: 'matrix:offset-1e8', value: same(scaleValues(values, (x) => x + 1e8)), expect: 'any' });
  out.push({ cls: 'matrix:constant', value: same(values.map(() => 1.5)), expect: 'any' });
  out.push({ cls: 'matrix:zeros', value: same(values.map(() => 0)), expect: 'any' });
  out.push({ cls: 'matrix:negative-zeros', value: same(values.map(() => -0)), expect: 'any' });
  out.push({ cls: 'matrix:duplicate-rows', value: same(values.map((_, i) => values[i % Math.max(cols, 1)]!)), expect: 'any' });
  out.push({ cls: 'matrix:constant-column', value: same(values.map((x, i) => (i % Math.max(cols, 1) === 0 ? 7 : x))), expect: 'any' });
  out.push({ cls: 'matrix:extra-column', value: same(Array.from({ length: rows * (cols + 1) }, (_, i) => values[i % Math.max(n, 1)] ?? 0), rows, cols + 1), expect: 'any' });
  if (cols > 1) out.push({ cls: 'matrix:missing-column', value: same(values.filter((_, i) => i % cols !== cols - 1), rows, cols - 1), expect: 'any' });
  out.push({ cls: 'matrix:extra-props', value: { rows, cols, data: Float64Array.from(values), kind: 'x', extra: 1 }, expect: 'any' });
  out.push({ cls: 'matrix:frozen-rows', value: Object.freeze((encodeMatrix(rows, cols, values, 'rows') as number[][]).map((r) => Object.freeze(r))), expect: 'any' });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Vectors, labels, condensed distances

function vectorBad(slot: Slot, v: unknown, pick: number): Bad[] {
  if (typeof v !== 'object' || v === null || typeof (v as ArrayLike<number>).length !== 'number') return [];
  const a = Array.from(v as ArrayLike<number>);
  const n = a.length;
  const at = n > 0 ? pick % n : 0;
  const typed = v instanceof Float32Array ? Float32Array : v instanceof Float64Array ? Float64Array : v instanceof Int32Array ? Int32Array : undefined;
  // A Float32Array cannot hold values beyond ±3.4e38: clamp there, so extreme classes stay finite.
  const F32_MAX = 3.4028234663852886e38;
  const rebuild = (vals: number[]): unknown =>
    typed === undefined || typed === Int32Array ? vals : typed === Float32Array ? Float32Array.from(vals, (v) => (Number.isFinite(v) ? Math.max(-F32_MAX, Math.min(F32_MAX, v)) : v)) : typed.from(vals);
  const cell = (x: number): number[] => a.map((y, i) => (i === at ? x : y));
  const nanExpect: Expectation = slot.accepts?.includes('non-finite') === true ? 'any' : slot.nanPropagates === true ? 'nan-or-error' : 'error';
  const cellExpect: Expectation = slot.accepts?.includes('loose-cells') === true ? 'any' : nanExpect;
  const out: Bad[] = [];
  if (slot.kind === 'labels') {
    if (n > 0) {
      out.push({ cls: 'labels:negative', value: rebuild(cell(-1)), expect: 'any' });
      // Plot categories (accepts 'categories') may be any finite number or string; cluster labels may not.
      const category: Expectation = slot.accepts?.includes('categories') === true ? 'any' : 'error';
      out.push({ cls: 'labels:fraction', value: cell(0.5), expect: category });
      out.push({ cls: 'labels:NaN', value: cell(NaN), expect: 'error' });
      out.push({ cls: 'labels:2^31', value: cell(2 ** 31), expect: category });
      out.push({ cls: 'labels:string', value: a.map((x, i) => (i === at ? String(x) : x)), expect: category });
      out.push({ cls: 'labels:hole', value: withHole(a, at), expect: 'error' });
    }
    if (n > 0) out.push({ cls: 'labels:short', value: a.slice(0, n - 1), expect: 'error' });
    out.push({ cls: 'labels:long', value: [...a, 0], expect: 'error' });
    out.push({ cls: 'labels:float64', value: Float64Array.from(a), expect: 'any' });
    out.push({ cls: 'labels:int32', value: Int32Array.from(a.map((x) => x | 0)), expect: 'any' });
    out.push({ cls: 'labels:all-same', value: a.map(() => 0), expect: 'any' });
    out.push({ cls: 'labels:all-distinct', value: a.map((_, i) => i), expect: 'any' });
    out.push({ cls: 'labels:gaps', value: a.map((x) => x * 1000 + 5), expect: 'any' });
    out.push({ cls: 'labels:large', value: a.map((x) => x + 2 ** 30), expect: 'any' });
    return out;
  }
  if (n > 0) {
    out.push({ cls: 'vector:NaN', value: rebuild(cell(NaN)), expect: nanExpect });
    out.push({ cls: 'vector:+Infinity', value: rebuild(cell(Infinity)), expect: nanExpect });
    out.push({ cls: 'vector:-Infinity', value: rebuild(cell(-Infinity)), expect: nanExpect });
    out.push({ cls: 'vector:string-cell', value: a.map((x, i) => (i === at ? String(x) : x)), expect: cellExpect });
    out.push({ cls: 'vector:null-cell', value: a.map((x, i) => (i === at ? null : x)), expect: cellExpect });
    out.push({ cls: 'vector:hole', value: withHole(a, at), expect: cellExpect });
    out.push({ cls: 'vector:max-cell', value: rebuild(cell(Number.MAX_VALUE)), expect: 'any' });
  }
  out.push({ cls: 'vector:shorter', value: rebuild(a.slice(0, Math.max(0, n - 1))), expect: 'any' });
  out.push({ cls: 'vector:longer', value: rebuild([...a, 1]), expect: 'any' });
  out.push({ cls: 'vector:empty', value: rebuild([]), expect: 'any' });
  out.push({ cls: 'vector:arraylike-length-2.5', value: Object.assign({}, a, { length: n + 0.5 }), expect: 'error' });
  out.push({ cls: 'vector:arraylike-length--1', value: { length: -1 }, expect: 'error' });
  out.push({ cls: 'vector:arraylike-length-huge', value: { length: 2 ** 53 }, expect: 'error' });
  out.push({ cls: 'vector:float32', value: Float32Array.from(a), expect: 'any' });
  out.push({ cls: 'vector:int32', value: Int32Array.from(a.map((x) => Math.round(Math.max(-1e9, Math.min(1e9, x))))), expect: 'any' });
  out.push({ cls: 'vector:number[]', value: a.slice(), expect: 'any' });
  out.push({ cls: 'vector:subnormal', value: rebuild(a.map((x, i) => (x === 0 ? 0 : Math.sign(x) * ((i % 5) + 1) * 5e-324))), expect: 'any' });
  out.push({ cls: 'vector:tiny', value: rebuild(a.map((x) => x * 1e-300)), expect: 'any' });
  out.push({ cls: 'vector:huge', value: rebuild(a.map((x) => x * 1e300)), expect: 'any' });
  out.push({ cls: 'vector:all-max', value: rebuild(a.map((x, i) => (i % 2 === 0 ? 1 : -1) * Number.MAX_VALUE)), expect: 'any' });
  out.push({ cls: 'vector:zeros', value: rebuild(a.map(() => 0)), expect: 'any' });
  out.push({ cls: 'vector:negative-zeros', value: rebuild(a.map(() => -0)), expect: 'any' });
  out.push({ cls: 'vector:frozen', value: Object.freeze(a.slice()), expect: 'any' });
  if (slot.kind === 'condensed') {
    // squareform converts without judging (scipy's checks only look at symmetry and the diagonal).
    out.push({ cls: 'condensed:negative', value: a.map((x, i) => (i === at ? -1 : x)), expect: n > 0 && slot.accepts?.includes('negative') !== true ? 'error' : 'any' });
    const longer = [...a, 1];
    while (Number.isInteger((1 + Math.sqrt(1 + 8 * longer.length)) / 2)) longer.push(1);
    out.push({ cls: 'condensed:bad-length', value: longer, expect: 'error' });
    out.push({ cls: 'condensed:all-equal', value: a.map(() => 1), expect: 'any' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Options objects

function typos(key: string): string[] {
  const out = new Set<string>();
  if (key.length > 2) out.add(key.slice(0, -1)); // metric → metri
  out.add(key.toUpperCase());
  out.add(key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) + (key.length < 4 ? '_' : '')); // nInit → n_init
  out.add(`${key}s`);
  return [...out].filter((k) => k !== key);
}

function optionsBad(slot: Slot, v: unknown, keys: readonly string[], pick: number): Bad[] {
  const base = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  const out: Bad[] = [];
  const key = keys.length > 0 ? keys[pick % keys.length]! : 'k';
  // A nested structure (lle's { knn }) is not an options object: any error will do there.
  const unknown = slot.key === undefined ? { code: 'E_OPTION' as const } : {};
  // A 'typo' that is itself an option (autoencoder's beta1 → beta) is not one (fuzz seed 299).
  for (const t of typos(key)) if (!keys.includes(t)) out.push({ cls: 'options:typo', value: { ...base, [t]: base[key] ?? 1 }, expect: 'error', ...unknown });
  out.push({ cls: 'options:unknown-key', value: { ...base, fuzzUnknownKey: 1 }, expect: 'error', ...unknown });
  out.push({ cls: 'options:unknown-undefined', value: { ...base, fuzzUnknownKey: undefined }, expect: 'error', ...unknown });
  out.push({ cls: 'options:proto-key', value: JSON.parse(`{"__proto__": {"k": 1}}`) as unknown, expect: 'any' });
  out.push({ cls: 'options:toString-key', value: { ...base, toString: 1 }, expect: 'error', ...unknown });
  out.push({ cls: 'options:null-prototype', value: Object.assign(Object.create(null) as object, base), expect: 'any' });
  out.push({ cls: 'options:frozen', value: Object.freeze({ ...base }), expect: 'any' });
  out.push({ cls: 'options:map', value: new Map(Object.entries(base)), expect: 'error' });
  out.push({ cls: 'options:array', value: [base], expect: 'error' });
  out.push({ cls: 'options:number', value: 3, expect: slot.accepts?.includes('number') === true ? 'any' : 'error' });
  out.push({ cls: 'options:string', value: 'ward', expect: slot.accepts?.includes('string') === true ? 'any' : 'error' });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Callbacks: metric functions, random generators, progress callbacks, signals

function metricFunctions(): Bad[] {
  const throwing = (): number => {
    throw new UserError();
  };
  // A misbehaving metric only has to be refused when it is called (empty data never calls it).
  const probed = (cls: string, f: () => unknown): Bad => {
    const probe = { called: false };
    return {
      cls,
      value: () => {
        probe.called = true;
        return f();
      },
      expect: 'error',
      probe,
    };
  };
  return [
    { cls: 'metric:fn-euclidean', value: (a: Float64Array, b: Float64Array) => Math.hypot(...a.map((x, i) => x - b[i]!)), expect: 'any' },
    { cls: 'metric:fn-zero', value: () => 0, expect: 'any' },
    probed('metric:fn-NaN', () => NaN),
    probed('metric:fn-negative', () => -1),
    probed('metric:fn-Infinity', () => Infinity),
    probed('metric:fn-string', () => '1'),
    probed('metric:fn-undefined', () => undefined),
    { cls: 'metric:fn-huge', value: () => 1e300, expect: 'any' },
    { cls: 'metric:fn-throws', value: throwing, expect: 'any', userThrows: true },
    {
      cls: 'metric:fn-mutates-args',
      value: (a: Float64Array, b: Float64Array) => {
        const d = Math.abs((a[0] ?? 0) - (b[0] ?? 0));
        if (a.length > 0) a[0] = 12345;
        return d;
      },
      expect: 'any',
    },
    { cls: 'metric:fn-asymmetric', value: (a: Float64Array, b: Float64Array) => Math.max(0, (a[0] ?? 0) - (b[0] ?? 0)), expect: 'any' },
  ];
}

function metricBad(slot: Slot): Bad[] {
  const names = (slot.values ?? []) as string[];
  const out: Bad[] = names.map((m): Bad => ({ cls: `metric:${m}`, value: m, expect: 'any' }));
  out.push({ cls: 'metric:typo', value: 'Euclidean', expect: 'error' });
  out.push({ cls: 'metric:unknown', value: 'minkowski', expect: 'error' });
  out.push({ cls: 'metric:padded', value: ' cosine', expect: 'error' });
  // Functions the slot calls as metrics get the misbehaving ones; a slot that only stores a
  // function (a type check) accepts any; elsewhere a function is the wrong type.
  if (slot.accepts?.includes('metric-function') === true) out.push(...metricFunctions());
  else if (slot.accepts?.includes('function') !== true) out.push({ cls: 'metric:fn-unsupported', value: () => 0, expect: 'error' });
  return out;
}

function randomBad(): Bad[] {
  return [
    { cls: 'random:returns-1', value: () => 1, expect: 'any' },
    { cls: 'random:returns-0', value: () => 0, expect: 'any' },
    { cls: 'random:returns-0.9999999999999999', value: () => 1 - 2 ** -53, expect: 'any' },
    { cls: 'random:returns-negative', value: () => -0.5, expect: 'any' },
    { cls: 'random:returns-2', value: () => 2, expect: 'any' },
    { cls: 'random:returns-NaN', value: () => NaN, expect: 'any' },
    { cls: 'random:returns-Infinity', value: () => Infinity, expect: 'any' },
    { cls: 'random:returns-string', value: () => '0.5', expect: 'any' },
    { cls: 'random:returns-undefined', value: () => undefined, expect: 'any' },
    {
      cls: 'random:throws',
      value: () => {
        throw new UserError();
      },
      expect: 'any',
      userThrows: true,
    },
  ];
}

function callbackBad(): Bad[] {
  let calls = 0;
  return [
    {
      cls: 'callback:throws',
      value: () => {
        throw new UserError();
      },
      expect: 'any',
      userThrows: true,
    },
    { cls: 'callback:returns-value', value: () => 42, expect: 'any' },
    { cls: 'callback:async', value: () => Promise.reject(new UserError()).catch(() => undefined), expect: 'any' },
    {
      cls: 'callback:throws-later',
      value: () => {
        if (++calls > 2) throw new UserError();
      },
      expect: 'any',
      userThrows: true,
    },
  ];
}

function signalBad(slot: Slot): Bad[] {
  // A slot that only type-checks the signal (no work runs) legitimately accepts an aborted one.
  const abortedExpect: Expectation = slot.accepts?.includes('aborted') === true ? 'any' : 'error';
  const aborted = new AbortController();
  aborted.abort();
  const reasoned = new AbortController();
  reasoned.abort(new Error('reason'));
  const live = new AbortController();
  const during = new AbortController();
  return [
    { cls: 'signal:aborted', value: aborted.signal, expect: abortedExpect, ...(abortedExpect === 'error' ? { code: 'E_ABORTED' as const } : {}) },
    { cls: 'signal:aborted-with-reason', value: reasoned.signal, expect: abortedExpect, ...(abortedExpect === 'error' ? { code: 'E_ABORTED' as const } : {}) },
    { cls: 'signal:live', value: live.signal, expect: 'any' },
    { cls: 'signal:fake-not-aborted', value: { aborted: false }, expect: 'any' },
    { cls: 'signal:fake-aborted', value: { aborted: true }, expect: abortedExpect, ...(abortedExpect === 'error' ? { code: 'E_ABORTED' as const } : {}) },
    { cls: 'signal:fake-aborted-string', value: { aborted: 'yes' }, expect: slot.accepts?.includes('loose-signal') === true ? 'any' : 'error' },
    { cls: 'signal:abort-in-progress', value: during.signal, extra: { onProgress: () => during.abort() }, expect: 'any' },
  ];
}

function enumBad(slot: Slot): Bad[] {
  const out: Bad[] = [];
  for (const v of slot.values ?? []) {
    out.push({ cls: `enum:${String(v)}`, value: v, expect: 'any' });
    if (typeof v === 'string' && v.length > 0) {
      out.push({ cls: 'enum:upper-case', value: v.toUpperCase() === v ? v.toLowerCase() + 'x' : v.toUpperCase(), expect: 'error' });
      out.push({ cls: 'enum:padded', value: ` ${v}`, expect: 'error' });
      out.push({ cls: 'enum:truncated', value: v.slice(0, -1), expect: 'error' });
    }
  }
  out.push({ cls: 'enum:unknown', value: 'fuzz-unknown', expect: 'error' });
  return out;
}

function stringBad(): Bad[] {
  return [
    { cls: 'string:xml-special', value: '<script>alert("x")</script> & \'q\'', expect: 'any' },
    { cls: 'string:long', value: 'x'.repeat(10_000), expect: 'any' },
    { cls: 'string:unicode', value: 'ünïcødé ✓ \u0000 \uFFFF \uD800', expect: 'any' },
    { cls: 'string:number', value: 5, expect: 'error' },
  ];
}

function outBad(v: unknown): Bad[] {
  // Sizes are derived from the valid `out` of this case; without one there is nothing to size.
  if (typeof v !== 'object' || v === null) return [];
  const n = (v as { length?: number }).length ?? 0;
  return [
    { cls: 'out:shorter', value: new Float64Array(Math.max(0, n - 1)), expect: n === 0 ? 'any' : 'error' },
    { cls: 'out:longer', value: new Float64Array(n + 1), expect: 'error' },
    { cls: 'out:float32', value: new Float32Array(n), expect: 'any' },
    { cls: 'out:number[]', value: new Array<number>(n).fill(0), expect: 'any' },
    { cls: 'out:int32', value: new Int32Array(n), expect: 'any' },
  ];
}

function categoriesBad(v: unknown, pick: number): Bad[] {
  if (typeof v !== 'object' || v === null) return [];
  const a = Array.from(v as ArrayLike<unknown>);
  const n = a.length;
  const at = n > 0 ? pick % n : 0;
  const cell = (x: unknown): unknown[] => a.map((y, i) => (i === at ? x : y));
  return [
    { cls: 'categories:object-cell', value: cell({}), expect: n > 0 ? 'error' : 'any' },
    { cls: 'categories:array-cell', value: cell(['a']), expect: n > 0 ? 'error' : 'any' },
    { cls: 'categories:undefined-cell', value: cell(undefined), expect: n > 0 ? 'error' : 'any' },
    { cls: 'categories:symbol-cell', value: cell(Symbol('s')), expect: n > 0 ? 'error' : 'any' },
    { cls: 'categories:bigint-cell', value: cell(3n), expect: n > 0 ? 'error' : 'any' },
    { cls: 'categories:hole', value: withHole(a, at), expect: n > 0 ? 'error' : 'any' },
    { cls: 'categories:NaN-cell', value: cell(NaN), expect: 'any' },
    { cls: 'categories:-0-cell', value: cell(-0), expect: 'any' },
    { cls: 'categories:Infinity-cell', value: cell(Infinity), expect: 'any' },
    { cls: 'categories:empty', value: [], expect: 'any' },
    { cls: 'categories:all-same', value: a.map(() => 'x'), expect: 'any' },
    { cls: 'categories:mixed-types', value: a.map((_, i) => [1, '1', true, null][i % 4]), expect: 'any' },
    { cls: 'categories:string-as-values', value: 'abc', expect: 'any' },
    { cls: 'categories:arraylike-length-2.5', value: Object.assign({}, a, { length: n + 0.5 }), expect: 'error' },
    { cls: 'categories:int32', value: Int32Array.from(a.map((_, i) => i % 3)), expect: 'any' },
  ];
}

function rowsBad(v: unknown, pick: number): Bad[] {
  if (!Array.isArray(v)) return [];
  const rows = v as unknown[][];
  const n = rows.length;
  const at = n > 0 ? pick % n : 0;
  const withRow = (r: unknown): unknown[] => rows.map((x, i) => (i === at ? r : x));
  const m = n > 0 ? rows[0]!.length : 0;
  return [
    { cls: 'rows:ragged', value: withRow([...(rows[at] ?? []), 'extra']), expect: n > 1 ? 'error' : 'any' },
    { cls: 'rows:row-not-array', value: withRow('abc'), expect: n > 0 ? 'error' : 'any' },
    { cls: 'rows:row-null', value: withRow(null), expect: n > 0 ? 'error' : 'any' },
    { cls: 'rows:object-cell', value: withRow(Array.from({ length: m }, () => ({}))), expect: n > 0 && m > 0 ? 'error' : 'any' },
    { cls: 'rows:undefined-cell', value: withRow(Array.from({ length: m }, () => undefined)), expect: n > 0 && m > 0 ? 'error' : 'any' },
    { cls: 'rows:NaN-cell', value: withRow(Array.from({ length: m }, () => NaN)), expect: 'any' },
    { cls: 'rows:empty', value: [], expect: 'any' },
    { cls: 'rows:zero-columns', value: rows.map(() => []), expect: 'any' },
    { cls: 'rows:typed-row', value: withRow(Float64Array.from({ length: m }, () => 1)), expect: 'any' },
  ];
}

/** eigsh inputs: asymmetric matrices, tampered CSR matrices, misbehaving operators. */
function symmetricBad(v: unknown): Bad[] {
  const out: Bad[] = [];
  const csr = v as { rows?: number; cols?: number; offsets?: Int32Array; indices?: Int32Array; values?: Float64Array; apply?: unknown; n?: number };
  if (csr !== null && typeof csr === 'object' && csr.offsets instanceof Int32Array && csr.indices instanceof Int32Array && csr.values instanceof Float64Array) {
    const edit = (f: (c: { rows: number; cols: number; offsets: Int32Array; indices: Int32Array; values: Float64Array }) => void): unknown => {
      const copy = { rows: csr.rows!, cols: csr.cols!, offsets: csr.offsets!.slice(), indices: csr.indices!.slice(), values: csr.values!.slice() };
      f(copy);
      return copy;
    };
    const nnz = csr.values.length;
    if (nnz > 0) {
      out.push({ cls: 'csr:index-out-of-range', value: edit((c) => (c.indices[nnz - 1] = c.cols + 3)), expect: 'error' });
      out.push({ cls: 'csr:index-negative', value: edit((c) => (c.indices[0] = -1)), expect: 'error' });
      out.push({ cls: 'csr:NaN-value', value: edit((c) => (c.values[0] = NaN)), expect: 'error' });
      out.push({ cls: 'csr:offsets-decreasing', value: edit((c) => { c.offsets[1] = nnz + 5; }), expect: 'error' });
      out.push({ cls: 'csr:truncated-values', value: edit((c) => (c.values = c.values.slice(0, -1))), expect: 'error' });
      out.push({ cls: 'csr:asymmetric', value: edit((c) => (c.values[0] = c.values[0]! + 1 + Math.abs(c.values[0]!))), expect: 'any' });
      out.push({ cls: 'csr:subnormal-values', value: edit((c) => c.values.forEach((x, i) => (c.values[i] = Math.sign(x) * 5e-324))), expect: 'any' });
      out.push({ cls: 'csr:huge-values', value: edit((c) => c.values.forEach((x, i) => (c.values[i] = x * 1e300))), expect: 'any' });
    }
    out.push({ cls: 'csr:rows-mismatch', value: edit((c) => (c.rows = c.rows + 1)), expect: 'error' });
    out.push({ cls: 'csr:offsets-float64', value: { ...csr, offsets: Float64Array.from(csr.offsets) }, expect: 'error' });
    out.push({ cls: 'csr:rows-1e9', value: { rows: 1e9, cols: 1e9, offsets: new Int32Array(2), indices: new Int32Array(0), values: new Float64Array(0) }, expect: 'error' });
    return out;
  }
  if (csr !== null && typeof csr === 'object' && typeof csr.apply === 'function' && typeof csr.n === 'number') {
    const n = csr.n;
    const apply = csr.apply as (x: Float64Array, o: Float64Array) => void;
    out.push({ cls: 'operator:writes-NaN', value: { n, apply: (x: Float64Array, o: Float64Array) => { apply(x, o); o[0] = NaN; } }, expect: 'error' });
    out.push({ cls: 'operator:writes-nothing', value: { n, apply: () => undefined }, expect: 'any' });
    out.push({ cls: 'operator:throws', value: { n, apply: () => { throw new UserError(); } }, expect: 'any', userThrows: true });
    out.push({ cls: 'operator:mutates-x', value: { n, apply: (x: Float64Array, o: Float64Array) => { apply(x, o); x.fill(0); } }, expect: 'any' });
    out.push({ cls: 'operator:asymmetric', value: { n, apply: (x: Float64Array, o: Float64Array) => { for (let i = 0; i < n; i++) o[i] = x[(i + 1) % n]! * (i + 1); } }, expect: 'any' });
    out.push({ cls: 'operator:n-0', value: { n: 0, apply }, expect: 'error' });
    out.push({ cls: 'operator:n-fraction', value: { n: n + 0.5, apply }, expect: 'error' });
    out.push({ cls: 'operator:n-huge', value: { n: 2 ** 31, apply }, expect: 'any' });
    out.push({ cls: 'operator:apply-not-function', value: { n, apply: 5 }, expect: 'error' });
    return out;
  }
  const m = decodeMatrix(v);
  if (m !== undefined && m.rows === m.cols && m.rows >= 2) {
    const asym = m.values.slice();
    asym[1] = asym[1]! + 1 + Math.abs(asym[1]!);
    out.push({ cls: 'symmetric:asymmetric', value: encodeMatrix(m.rows, m.cols, asym, m.storage), expect: 'error' });
  }
  return out;
}

/** Linkage matrices Z ((n−1)×4 rows [a, b, height, size]) that are no longer trees. */
function linkageBad(v: unknown): Bad[] {
  const m = decodeMatrix(v);
  if (m === undefined || m.cols !== 4 || m.rows < 1) return [];
  const n = m.rows + 1;
  const base = m.values;
  const edit = (f: (z: number[]) => void): unknown => {
    const z = base.slice();
    f(z);
    return encodeMatrix(m.rows, 4, z, m.storage);
  };
  const last = (m.rows - 1) * 4;
  const out: Bad[] = [
    { cls: 'linkage:child-out-of-range', value: edit((z) => (z[0] = 2 * n + 5)), expect: 'error' },
    { cls: 'linkage:child-negative', value: edit((z) => (z[1] = -1)), expect: 'error' },
    { cls: 'linkage:child-fraction', value: edit((z) => (z[0] = z[0]! + 0.5)), expect: 'error' },
    { cls: 'linkage:self-reference', value: edit((z) => (z[last] = n + m.rows - 1)), expect: 'error' },
    { cls: 'linkage:negative-height', value: edit((z) => (z[2] = -1)), expect: 'error' },
    { cls: 'linkage:nan-height', value: edit((z) => (z[2] = NaN)), expect: 'error' },
    { cls: 'linkage:huge-size', value: edit((z) => (z[3] = 1e9)), expect: 'error' },
    { cls: 'linkage:reversed-heights', value: edit((z) => {
      const h = [];
      for (let i = 0; i < m.rows; i++) h.push(z[i * 4 + 2]!);
      h.reverse();
      for (let i = 0; i < m.rows; i++) z[i * 4 + 2] = h[i]!;
    }), expect: 'any' },
    { cls: 'linkage:huge-heights', value: edit((z) => { for (let i = 0; i < m.rows; i++) z[i * 4 + 2] = 1e300 * (i + 1); }), expect: 'any' },
    { cls: 'linkage:zero-heights', value: edit((z) => { for (let i = 0; i < m.rows; i++) z[i * 4 + 2] = 0; }), expect: 'any' },
    { cls: 'linkage:three-columns', value: encodeMatrix(m.rows, 3, base.filter((_, i) => i % 4 !== 3), m.storage), expect: 'error' },
  ];
  if (m.rows >= 2) {
    out.push({ cls: 'linkage:forward-reference', value: edit((z) => (z[0] = n + 1)), expect: 'error' });
    out.push({ cls: 'linkage:duplicate-child', value: edit((z) => { z[4] = z[0]!; z[5] = z[1]!; }), expect: 'error' });
  }
  return out;
}

function textBad(v: unknown): Bad[] {
  const text = typeof v === 'string' ? v : '';
  const deep = `{"latent":1,"model":{"kind":"x","version":1,"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
  return [
    { cls: 'text:truncated', value: text.slice(0, Math.floor(text.length / 2)), expect: 'error', code: 'E_PARSE' },
    { cls: 'text:json-null', value: 'null', expect: 'error', code: 'E_PARSE' },
    { cls: 'text:json-array', value: '[1,2]', expect: 'error', code: 'E_PARSE' },
    { cls: 'text:other-format', value: text.replace('"latent":1', '"latent":2'), expect: 'error', code: 'E_PARSE' },
    { cls: 'text:model-number-NaN', value: text.replace(/("(?!version|latent)[A-Za-z]+":)(-?\d+(\.\d+)?(e[-+]?\d+)?)([,}\]])/, '$1{"$n":"NaN"}$5'), expect: 'any' },
    { cls: 'text:bad-number-tag', value: text.replace('"version":1', '"version":1,"x":{"$n":"1e5"}'), expect: 'error', code: 'E_PARSE' },
    { cls: 'text:bad-base64', value: text.replace(/"b64":"[^"]*"/, '"b64":"@@@"'), expect: text.includes('"b64"') ? 'error' : 'any' },
    { cls: 'text:base64-bad-length', value: text.replace(/"b64":"[^"]*"/, '"b64":"AAA="'), expect: text.includes('"b64"') ? 'error' : 'any' },
    { cls: 'text:unknown-typed-array', value: text.replace(/"\$t":"[A-Za-z0-9]+"/, '"$t":"BigInt64Array"'), expect: text.includes('"$t"') ? 'error' : 'any' },
    { cls: 'text:proto-key', value: text.replace('"version":1', '"version":1,"__proto__":{"polluted":1}'), expect: 'error', code: 'E_PARSE' },
    { cls: 'text:constructor-key', value: text.replace('"version":1', '"version":1,"constructor":{"prototype":{"polluted":1}}'), expect: 'error', code: 'E_PARSE' },
    { cls: 'text:kind-number', value: text.replace(/"kind":"[^"]*"/, '"kind":5'), expect: 'error', code: 'E_MODEL' },
    { cls: 'text:version-0', value: text.replace('"version":1', '"version":0'), expect: 'error', code: 'E_MODEL' },
    { cls: 'text:deep-nesting', value: deep, expect: 'any' },
    { cls: 'text:bom', value: `\uFEFF${text}`, expect: 'any' },
    { cls: 'text:trailing-garbage', value: `${text}x`, expect: 'error', code: 'E_PARSE' },
  ];
}

// ---------------------------------------------------------------------------------------------
// Models: tamper with every leaf (depth ≤ 3) of a valid model

function isTyped(v: unknown): v is Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

function setPath(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = root.slice();
    copy[head as number] = setPath(root[head as number], rest, value);
    return copy;
  }
  const obj = root as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...obj };
  if (value === DELETE && rest.length === 0) delete copy[head as string];
  else copy[head as string] = setPath(obj[head as string], rest, value);
  return copy;
}

const DELETE = Symbol('delete');

function leafTampers(leaf: unknown): [string, unknown, Expectation][] {
  if (typeof leaf === 'number') {
    return [
      ['NaN', NaN, 'error'],
      ['Infinity', Infinity, 'any'],
      ['-1', -1, 'any'],
      ['0.5', 0.5, 'any'],
      ['1e300', 1e300, 'any'],
      ['string', String(leaf), 'any'],
    ];
  }
  if (typeof leaf === 'string') return [['bogus', 'fuzz-bogus', 'any'], ['number', 5, 'any']];
  if (typeof leaf === 'boolean') return [['string', String(leaf), 'any'], ['number', leaf ? 1 : 0, 'any']];
  if (isTyped(leaf)) {
    const t: [string, unknown, Expectation][] = [];
    const Ctor = leaf.constructor as { from(a: ArrayLike<number>): unknown; new (n: number): unknown };
    if (leaf.length > 0) t.push(['truncated', Ctor.from(Array.from(leaf).slice(0, -1)), 'any']);
    t.push(['empty', new Ctor(0), 'any']);
    t.push(['longer', Ctor.from([...Array.from(leaf), 0]), 'any']);
    if (leaf instanceof Float64Array || leaf instanceof Float32Array) {
      if (leaf.length > 0) {
        const nan = leaf.slice();
        nan[0] = NaN;
        t.push(['nan', nan, 'error']);
        const inf = leaf.slice();
        inf[inf.length - 1] = Infinity;
        t.push(['inf', inf, 'error']);
      }
      t.push(['as-float32', leaf instanceof Float64Array ? Float32Array.from(leaf) : Float64Array.from(leaf), 'any']);
    } else if (leaf.length > 0) {
      const neg = leaf.slice();
      neg[0] = -1 >>> 0 === neg[0] ? 0 : -1;
      t.push(['index-negative', neg, 'any']);
      const big = leaf.slice();
      big[big.length - 1] = 1e9;
      t.push(['index-huge', big, 'any']);
    }
    t.push(['as-array', Array.from(leaf), 'any']);
    return t;
  }
  if (Array.isArray(leaf)) return [['empty', [], 'any'], ['null', null, 'any']];
  if (leaf === null) return [['object', {}, 'any']];
  if (typeof leaf === 'object') return [['null', null, 'any'], ['empty', {}, 'any']];
  return [];
}

/** Every tampered variant of a model: per leaf path, the wrong values of that leaf. */
export function modelTampers(model: unknown, anyKind = false): Bad[] {
  const out: Bad[] = [];
  // serialize takes any model: another kind or a later version is legal there.
  out.push({ cls: 'model:wrong-kind', value: { ...(model as object), kind: 'fuzz' }, expect: anyKind ? 'any' : 'error', ...(anyKind ? {} : { code: 'E_MODEL' as const }) });
  out.push({ cls: 'model:version-2', value: { ...(model as object), version: 2 }, expect: anyKind ? 'any' : 'error', ...(anyKind ? {} : { code: 'E_MODEL' as const }) });
  out.push({ cls: 'model:version-string', value: { ...(model as object), version: '1' }, expect: 'error', code: 'E_MODEL' });
  out.push({ cls: 'model:structured-clone', value: structuredClone(model), expect: 'any' });
  const walk = (v: unknown, path: (string | number)[], depth: number): void => {
    if (depth > 0) {
      const label = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
      if (typeof v === 'object' && v !== null && !isTyped(v) && !Array.isArray(v)) {
        out.push({ cls: `model:${label}:missing`, value: setPath(model, path, DELETE), expect: 'finite-or-error' });
      }
      for (const [name, value] of leafTampers(v)) out.push({ cls: `model:${label}:${name}`, value: setPath(model, path, value), expect: 'finite-or-error' });
    }
    if (depth >= 3 || typeof v !== 'object' || v === null || isTyped(v)) return;
    if (Array.isArray(v)) {
      if (v.length > 0) walk(v[0], [...path, 0], depth + 1);
      return;
    }
    for (const k of Object.keys(v)) {
      if (depth === 0 && (k === 'kind' || k === 'version')) continue;
      walk((v as Record<string, unknown>)[k], [...path, k], depth + 1);
    }
  };
  walk(model, [], 0);
  // A missing top-level key must be refused or ignored safely.
  for (const k of Object.keys(model as object)) {
    if (k === 'kind' || k === 'version') continue;
    out.push({ cls: `model:.${k}:deleted`, value: setPath(model, [k], DELETE), expect: 'finite-or-error' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/**
 * The arbitrary of bad values for one slot, given its valid value in this case.
 * `optionKeys` lists the valid keys of an options slot (for typos).
 */
export function badValues(slot: Slot, valid: unknown, optionKeys: readonly string[] = []): fc.Arbitrary<Bad> {
  return fc.nat().chain((pick) => {
    const list = catalogue(slot, valid, optionKeys, pick);
    return fc.constantFrom(...list);
  });
}

/**
 * The `round`-th class of the slot's catalogue (round-robin from `offset`), so that a stratum
 * of L cases covers every one of the slot's L classes; `pick` places derived values (which cell
 * becomes NaN).
 */
export function badValueAt(slot: Slot, valid: unknown, optionKeys: readonly string[], pick: number, round: number): Bad {
  const list = catalogue(slot, valid, optionKeys, pick);
  return list[round % list.length]!;
}

/** The full list of classes for a slot (exported so the deep sweep and the tests can count them). */
export function catalogue(slot: Slot, valid: unknown, optionKeys: readonly string[], pick: number): Bad[] {
  const list: Bad[] = [...wrongTypes(slot), ...specialNumbers(slot)];
  switch (slot.kind) {
    case 'matrix':
      list.push(...matrixBad(valid, pick, slot.accepts?.includes('non-finite') === true ? 'any' : slot.nanPropagates === true));
      break;
    case 'symmetric':
      list.push(...matrixBad(valid, pick), ...symmetricBad(valid));
      break;
    case 'csr':
      list.push(...symmetricBad(valid));
      break;
    case 'linkage':
      list.push(...matrixBad(valid, pick), ...linkageBad(valid));
      break;
    case 'vector':
    case 'labels':
    case 'condensed':
      list.push(...vectorBad(slot, valid, pick));
      break;
    case 'categories':
      list.push(...categoriesBad(valid, pick));
      break;
    case 'rows':
      list.push(...rowsBad(valid, pick));
      break;
    case 'options':
      list.push(...optionsBad(slot, valid, optionKeys, pick));
      break;
    case 'metric':
      list.push(...metricBad(slot));
      break;
    case 'random':
      list.push(...randomBad());
      break;
    case 'callback':
      list.push(...callbackBad());
      break;
    case 'signal':
      list.push(...signalBad(slot));
      break;
    case 'enum':
      list.push(...enumBad(slot));
      break;
    case 'string':
      list.push(...stringBad());
      break;
    case 'out':
      list.push(...outBad(valid));
      break;
    case 'model':
      list.push(...modelTampers(valid, slot.accepts?.includes('any-kind') === true));
      break;
    case 'text':
      list.push(...textBad(valid));
      break;
    default:
      break;
  }
  if (slot.domain !== undefined) {
    const dom = slot.domain;
    if (dom === 'typed') return list.filter((b) => ArrayBuffer.isView(b.value));
    return list.filter((b) => typeof b.value === dom && b.value !== null);
  }
  if (slot.work === true) {
    // 2^31 iterations are legal and would simply take hours.
    return list.filter((b) => !(typeof b.value === 'number' && b.value >= 2 ** 31 && Number.isSafeInteger(b.value)));
  }
  return list;
}
