/**
 * Fuzz specs of the `latent/internals` exports that validate or convert user-supplied values
 * (the validators, the options reader, matrix conversion, CSR checks, metric checks). Their
 * `fn`/`name`/bounds arguments are written by the calling library code, so only the value under
 * validation is corrupted; the message prefix must be the `fn` they were given. Raw kernels
 * are excluded in specs/index.ts with the reason.
 */
import fc from 'fast-check';
import {
  assertAllocatable,
  assertFinite,
  assertInteger,
  assertLabels,
  assertModel,
  assertNumber,
  assertOneOf,
  assertSize,
  assertSquareSafe,
  assertVector,
  throwIfAborted,
} from '../../../src/core/validate.js';
import {
  booleanOption,
  closestName,
  enumOption,
  functionOption,
  integerIn,
  isPlainObject,
  numberIn,
  readOptions,
  readOptionsOr,
  seedOption,
  signalOption,
  stringOption,
} from '../../../src/core/options.js';
import { assertMemory, formatBytes, memoryLimitOption } from '../../../src/core/memory.js';
import { checkAborted } from '../../../src/core/task.js';
import { asMatrix, asMatrix64 } from '../../../src/core/matrix.js';
import { checkCsr, csrFromTriplets } from '../../../src/core/sparse.js';
import { resolveEigshOptions } from '../../../src/decomposition/eigsh.js';
import { parseSymmetric } from '../../../src/decomposition/symmetric-operator.js';
import { rngState, rng } from '../../../src/core/random.js';
import { callMetric, checkMetric, METRIC_NAMES } from '../../../src/distance/metric.js';
import { denseLayer } from '../../../src/nn/dense.js';
import { ACTIVATIONS } from '../../../src/nn/activation.js';
import { INITS } from '../../../src/nn/init.js';
import { anyMatrix, first, float64, int32, matrix64, rowsOf } from '../harness/checks.js';
import { matrix as matrixArb, vectorOf } from '../harness/gen.js';
import type { Callable, Slot, Spec } from '../harness/types.js';
import { render } from '../harness/oracle.js';

const c = (f: unknown): Callable => f as Callable;
const FN = 'fuzzCaller';
const byFn = (args: readonly unknown[]): string => String(args[0]);

/** A validator's contract: when it returns, the value satisfies what it checks. */
function validator(name: string, fn: unknown, params: readonly string[], args: fc.Arbitrary<unknown[]>, slots: Slot[], check: Spec['check'], prefix: Spec['prefix'] = byFn): Spec {
  return { name, fn: c(fn), params, args, slots, check, prefix };
}

const FNV = ['fn', 'name', 'value', 'bounds'];

const smallInt = fc.integer({ min: -5, max: 20 });
const anyValue = fc.oneof(fc.anything(), smallInt, fc.double());

export const INTERNALS_SPECS: Spec[] = [
  validator('assertInteger', assertInteger, ['fn', 'name', 'value', 'min', 'max'], fc.tuple(smallInt, fc.integer({ min: -3, max: 3 }), fc.integer({ min: 3, max: 30 })).map(([v, lo, hi]) => [FN, 'k', v, lo, hi]), [{ arg: 2, kind: 'integer' }], (out, a) => {
    const [, , v, lo, hi] = a as [string, string, number, number, number];
    return out === v && Number.isInteger(v) && v >= lo && v <= hi ? undefined : `accepted ${String(v)} for [${lo}, ${hi}]`;
  }),
  validator('assertNumber', assertNumber, ['fn', 'name', 'value', 'min', 'max', 'openMin', 'openMax'], fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.boolean(), fc.boolean()).map(([v, oMin, oMax]) => [FN, 'x', v, -1, 1, oMin, oMax]), [{ arg: 2, kind: 'number' }], (out, a) => {
    const [, , v, lo, hi, oMin, oMax] = a as [string, string, number, number, number, boolean, boolean];
    const ok = out === v && Number.isFinite(v) && (oMin ? v > lo : v >= lo) && (oMax ? v < hi : v <= hi);
    return ok ? undefined : `accepted ${String(v)}`;
  }),
  validator('assertOneOf', assertOneOf, ['fn', 'name', 'value', 'allowed'], fc.constantFrom('a', 'b', 'c').map((v) => [FN, 'm', v, ['a', 'b', 'c']]), [{ arg: 2, kind: 'enum', values: ['a', 'b', 'c'] }], (out, a) => (['a', 'b', 'c'].includes(out as string) && out === a[2] ? undefined : `accepted ${String(a[2])}`)),
  validator('assertFinite', assertFinite, ['fn', 'name', 'values', 'cols'], fc.tuple(vectorOf(4), fc.option(fc.constant(2), { nil: undefined })).map(([v, cols]) => [FN, 'X', v, cols]), [{ arg: 2, kind: 'vector', domain: 'typed' }], (out, a) => {
    const v = a[2] as ArrayLike<number>;
    for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return `accepted ${String(v[i])} at ${i}`;
    return out === undefined ? undefined : 'returned a value';
  }),
  validator('assertSize', assertSize, ['fn', 'name', 'actual', 'expected'], fc.integer({ min: 0, max: 5 }).map((n) => [FN, 'b length', n, n]), [{ arg: 2, kind: 'integer', domain: 'number' }, { arg: 3, kind: 'integer', domain: 'number' }], (_out, a) => (a[2] === a[3] ? undefined : `accepted ${String(a[2])} ≠ ${String(a[3])}`)),
  validator('assertLabels', assertLabels, ['fn', 'name', 'labels', 'n'], fc.integer({ min: 0, max: 6 }).chain((n) => fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }).map((l) => [FN, 'labels', l, n])), [{ arg: 2, kind: 'labels' }], (out, a) => int32(out, a[3] as number, 0, 2 ** 31)),
  validator('assertModel', assertModel, ['fn', 'model', 'kind', 'maxVersion'], fc.constant(null).map(() => [FN, { kind: 'pca', version: 1 }, 'pca', 1]), [{ arg: 1, kind: 'model' }], (_out, a) => {
    const m = a[1] as { kind?: unknown; version?: unknown };
    return m.kind === 'pca' && m.version === 1 ? undefined : `accepted kind ${String(m.kind)} version ${String(m.version)}`;
  }),
  validator('assertAllocatable', assertAllocatable, ['fn', 'what', 'count'], fc.integer({ min: 0, max: 1e6 }).map((n) => [FN, 'the array', n]), [{ arg: 2, kind: 'number', domain: 'number' }], (_out, a) => {
    const n = a[2] as number;
    return n <= 2 ** 31 - 1 ? undefined : `accepted a count of ${String(n)}`;
  }),
  validator('assertVector', assertVector, ['fn', 'name', 'v', 'finite'], fc.tuple(vectorOf(3), fc.boolean()).map(([v, f]) => [FN, 'a', v, f]), [{ arg: 2, kind: 'vector', accepts: ['non-finite', 'loose-cells'] }], (out, a) => {
    const v = a[2] as ArrayLike<unknown>;
    if (out !== v) return 'did not return its argument';
    if (!Number.isSafeInteger(v.length) || v.length < 0) return `accepted length ${String(v.length)}`;
    if (a[3] === true) for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number' || !Number.isFinite(v[i])) return `accepted ${String(v[i])} with finite = true`;
    return undefined;
  }),
  validator('assertSquareSafe', assertSquareSafe, ['fn', 'name', 'values', 'cols'], vectorOf(4).map((v) => [FN, 'X', Float64Array.from(v as ArrayLike<number>), 2]), [{ arg: 2, kind: 'vector', domain: 'typed', accepts: ['non-finite'] }], (_out, a) => {
    const v = a[2] as Float64Array;
    // Documented precondition: values already checked finite; only finite magnitudes are judged.
    for (const x of v) if (Number.isFinite(x) && !(Math.abs(x) <= 2 ** 500)) return `accepted ${x}`;
    return undefined;
  }),
  validator('throwIfAborted', throwIfAborted, ['fn', 'signal'], fc.constant(null).map(() => [FN, new AbortController().signal]), [{ arg: 1, kind: 'signal', domain: 'object', optional: true, accepts: ['array', 'instance', 'object', 'empty', 'vector', 'loose-signal'] }], (_o, a) => ((a[1] as { aborted?: unknown } | null)?.aborted === true ? 'returned for an aborted signal' : undefined)),
  validator('checkAborted', checkAborted, ['fn', 'signal'], fc.constant(null).map(() => [FN, new AbortController().signal]), [{ arg: 1, kind: 'signal', domain: 'object', optional: true, accepts: ['array', 'instance', 'object', 'empty', 'vector', 'loose-signal'] }], (_o, a) => ((a[1] as { aborted?: unknown } | null)?.aborted === true ? 'returned for an aborted signal' : undefined)),
  validator(
    'readOptions',
    readOptions,
    ['fn', 'options', 'known'],
    fc.option(fc.record({ k: smallInt, metric: fc.constant('cosine') }, { requiredKeys: [] }), { nil: undefined }).map((o) => [FN, o, { k: true, metric: true }]),
    [{ arg: 1, kind: 'options', optional: true }, { arg: 1, key: 'k', kind: 'any', optional: true }, { arg: 1, key: 'metric', kind: 'any', optional: true }],
    (out) => {
      if (typeof out !== 'object' || out === null) return 'did not return an object';
      for (const k of Object.keys(out)) if (k !== 'k' && k !== 'metric') return `accepted unknown key ${k}`;
      return undefined;
    },
  ),
  validator(
    'readOptionsOr',
    readOptionsOr,
    ['fn', 'valueOrOptions', 'known', 'key', 'isPositional'],
    fc.oneof(fc.constant('cosine'), fc.record({ metric: fc.constant('cosine') }, { requiredKeys: [] })).map((o) => [FN, o, { metric: true }, 'metric', (v: unknown) => typeof v === 'string']),
    [{ arg: 1, kind: 'options', optional: true, accepts: ['string'] }, { arg: 1, key: 'metric', kind: 'any', optional: true }],
    (out) => (typeof out === 'object' && out !== null && Object.keys(out).every((k) => k === 'metric') ? undefined : 'bad result'),
  ),
  { name: 'isPlainObject', fn: c(isPlainObject), params: ['value'], args: anyValue.map((v) => [v]), slots: [{ arg: 0, kind: 'any' }], total: true, check: (out) => (typeof out === 'boolean' ? undefined : 'not a boolean') },
  {
    name: 'closestName',
    fn: c(closestName),
    params: ['key', 'known'],
    args: fc.tuple(fc.string({ maxLength: 12 }), fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 })),
    slots: [{ arg: 0, kind: 'string', domain: 'string' }],
    total: true,
    check: (out, a) => (out === undefined || (a[1] as string[]).includes(out as string) ? undefined : `suggested ${render(out, 60)}, not a known name`),
  },
  validator('numberIn', numberIn, FNV, fc.double({ min: -5, max: 5, noNaN: true }).map((v) => [FN, 'x', v, { min: -1, max: 1, open: 'max' }]), [{ arg: 2, kind: 'number' }], (out, a) => {
    const v = a[2] as number;
    return out === v && Number.isFinite(v) && v >= -1 && v < 1 ? undefined : `accepted ${String(v)}`;
  }),
  validator('integerIn', integerIn, FNV, smallInt.map((v) => [FN, 'k', v, { min: 0, max: 10 }]), [{ arg: 2, kind: 'integer' }], (out, a) => {
    const v = a[2] as number;
    return out === v && Number.isInteger(v) && v >= 0 && v <= 10 ? undefined : `accepted ${String(v)}`;
  }),
  validator('booleanOption', booleanOption, ['fn', 'name', 'value', 'fallback'], fc.option(fc.boolean(), { nil: undefined }).map((v) => [FN, 'flag', v, false]), [{ arg: 2, kind: 'boolean', optional: true }], (out, a) =>
    out === (a[2] === undefined ? false : a[2]) && typeof out === 'boolean' ? undefined : `returned ${render(out, 60)} for ${String(a[2])}`,
  ),
  validator('enumOption', enumOption, ['fn', 'name', 'value', 'allowed', 'fallback'], fc.option(fc.constantFrom('x', 'y'), { nil: undefined }).map((v) => [FN, 'mode', v, ['x', 'y'], 'x']), [{ arg: 2, kind: 'enum', values: ['x', 'y'], optional: true }], (out) =>
    out === 'x' || out === 'y' ? undefined : `returned ${render(out, 60)}`,
  ),
  validator('seedOption', seedOption, ['fn', 'value', 'fallback'], fc.option(fc.nat(), { nil: undefined }).map((v) => [FN, v, 42]), [{ arg: 1, kind: 'seed', optional: true }], (out) =>
    Number.isInteger(out) && (out as number) >= 0 && (out as number) < 2 ** 32 ? undefined : `returned ${render(out, 60)}`,
  ),
  validator('functionOption', functionOption, ['fn', 'name', 'value'], fc.constant(null).map(() => [FN, 'onProgress', () => 0]), [{ arg: 2, kind: 'callback', optional: true }], (out) =>
    out === undefined || typeof out === 'function' ? undefined : `returned ${render(out, 60)}`,
  ),
  validator('signalOption', signalOption, ['fn', 'value'], fc.constant(null).map(() => [FN, new AbortController().signal]), [{ arg: 1, kind: 'signal', optional: true, accepts: ['aborted'] }], (out) =>
    out === undefined || typeof (out as { aborted?: unknown }).aborted === 'boolean' ? undefined : `returned ${render(out, 60)}`,
  ),
  validator('stringOption', stringOption, ['fn', 'name', 'value'], fc.option(fc.string(), { nil: undefined }).map((v) => [FN, 'title', v]), [{ arg: 2, kind: 'string', optional: true }], (out) =>
    out === undefined || typeof out === 'string' ? undefined : `returned ${render(out, 60)}`,
  ),
  validator('memoryLimitOption', memoryLimitOption, ['fn', 'value'], fc.option(fc.integer({ min: 1, max: 2 ** 40 }), { nil: undefined }).map((v) => [FN, v]), [{ arg: 1, kind: 'number', optional: true, infinityOk: true }], (out) =>
    typeof out === 'number' && out > 0 ? undefined : `returned ${render(out, 60)}`,
  ),
  {
    name: 'formatBytes',
    fn: c(formatBytes),
    params: ['bytes'],
    args: fc.double({ min: 0, max: 2 ** 60, noNaN: true }).map((b) => [b]),
    slots: [{ arg: 0, kind: 'number', domain: 'number' }],
    total: true,
    check: (out) => (typeof out === 'string' && out.length > 0 && out.length < 40 ? undefined : `returned ${render(out, 60)}`),
  },
  validator('assertMemory', assertMemory, ['fn', 'what', 'bytes', 'limit'], fc.integer({ min: 0, max: 1e6 }).map((b) => [FN, 'the matrix', b, 1e6]), [{ arg: 2, kind: 'number', infinityOk: true, domain: 'number' }, { arg: 3, kind: 'number', infinityOk: true, domain: 'number' }], (_o, a) => {
    const [, , b, lim] = a as [string, string, number, number];
    return b <= lim && b <= (2 ** 31 - 1) * 8 ? undefined : `accepted ${String(b)} bytes with limit ${String(lim)}`;
  }),
  {
    name: 'asMatrix',
    fn: c(asMatrix),
    params: ['x', 'fn', 'name'],
    args: matrixArb({ rows: [0, 8] }).map((X) => [X, FN, 'X']),
    slots: [{ arg: 0, kind: 'matrix' }],
    prefix: (a) => String(a[1]),
    check: (out, a) => anyMatrix(out, rowsOf(a[0])),
  },
  {
    name: 'asMatrix64',
    fn: c(asMatrix64),
    params: ['x', 'fn', 'name'],
    args: matrixArb({ rows: [0, 8] }).map((X) => [X, FN, 'X']),
    slots: [{ arg: 0, kind: 'matrix' }],
    prefix: (a) => String(a[1]),
    check: (out, a) => matrix64(out, rowsOf(a[0])),
  },
  validator(
    'checkCsr',
    checkCsr,
    ['fn', 'name', 'A'],
    fc.integer({ min: 1, max: 5 }).map((n) => [FN, 'A', csrFromTriplets(n, n, Int32Array.from({ length: n }, (_, i) => i), Int32Array.from({ length: n }, (_, i) => (i + 1) % n), new Float64Array(n).fill(2))]),
    [{ arg: 2, kind: 'csr' }],
    (out, a) => (out === a[2] ? undefined : 'did not return its argument'),
  ),
  {
    name: 'checkMetric',
    fn: c(checkMetric),
    params: ['fn', 'metric'],
    args: fc.option(fc.constantFrom(...METRIC_NAMES), { nil: undefined }).map((m) => [FN, m]),
    slots: [{ arg: 1, kind: 'metric', values: METRIC_NAMES, accepts: ['function'], optional: true }],
    prefix: byFn,
    check: (out) => (typeof out === 'function' || (METRIC_NAMES as readonly unknown[]).includes(out) ? undefined : `returned ${render(out, 60)}`),
  },
  {
    name: 'callMetric',
    fn: c(callMetric),
    params: ['fn', 'metric', 'a', 'b'],
    args: fc.integer({ min: 1, max: 4 }).chain((d) =>
      fc.tuple(vectorOf(d), vectorOf(d)).map(([a, b]) => [FN, (x: Float64Array, y: Float64Array) => Math.hypot(...x.map((v, i) => v - y[i]!)), Float64Array.from(a as ArrayLike<number>), Float64Array.from(b as ArrayLike<number>)]),
    ),
    slots: [{ arg: 1, kind: 'metric', values: [], accepts: ['metric-function', 'function'], domain: 'function' }],
    // callMetric hands its own a and b to the metric: the library passes it copies of rows.
    mutates: [2, 3],
    prefix: byFn,
    check: (out) => (typeof out === 'number' && out >= 0 && Number.isFinite(out) ? undefined : `returned ${render(out, 60)}`),
  },
  {
    name: 'parseSymmetric',
    fn: c(parseSymmetric),
    params: ['fn', 'A'],
    args: fc.integer({ min: 1, max: 5 }).map((n) => [FN, Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 2 : 1)))]),
    slots: [{ arg: 1, kind: 'symmetric' }],
    prefix: byFn,
    check: (out) => (typeof (out as { apply?: unknown }).apply === 'function' ? undefined : 'no apply'),
  },
  {
    name: 'resolveEigshOptions',
    fn: c(resolveEigshOptions),
    params: ['fn', 'n', 'k', 'options'],
    args: fc.integer({ min: 1, max: 30 }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.option(fc.record({ which: fc.constantFrom('largest', 'smallest'), tol: fc.constant(1e-8) }, { requiredKeys: [] }), { nil: undefined })).map(([k, o]) => [FN, n, k, o])),
    slots: [
      { arg: 2, kind: 'integer' },
      { arg: 3, kind: 'options', optional: true },
      { arg: 3, key: 'which', kind: 'enum', values: ['largest', 'smallest'], optional: true },
      { arg: 3, key: 'method', kind: 'enum', values: ['auto', 'lanczos', 'shift-invert', 'dense'], optional: true },
      { arg: 3, key: 'tol', kind: 'number', optional: true },
      { arg: 3, key: 'maxIter', kind: 'integer', optional: true },
      { arg: 3, key: 'ncv', kind: 'integer', optional: true },
      { arg: 3, key: 'seed', kind: 'seed', optional: true },
      { arg: 3, key: 'startVector', kind: 'vector', optional: true },
      { arg: 3, key: 'memoryLimit', kind: 'number', optional: true, infinityOk: true },
      { arg: 3, key: 'signal', kind: 'signal', optional: true, accepts: ['aborted'] },
      { arg: 3, key: 'onProgress', kind: 'callback', optional: true },
    ],
    prefix: byFn,
    nonFinite: /^\.memoryLimit$/,
    check: (out, a) => {
      const o = out as { ncv: number; maxIter: number };
      const [, n, k] = a as [string, number, number];
      return Number.isInteger(o.ncv) && o.ncv > k - 1 && o.ncv <= n && Number.isInteger(o.maxIter) && o.maxIter >= 1 ? undefined : `resolved ncv ${o.ncv}, maxIter ${o.maxIter}`;
    },
  },
  {
    name: 'rngState',
    fn: c(rngState),
    params: ['seed'],
    args: fc.option(fc.nat(), { nil: undefined }).map((s) => [s]),
    slots: [{ arg: 0, kind: 'seed', optional: true }],
    check: (out) => (out instanceof Uint32Array && out.length === 4 ? undefined : 'not a 4-word state'),
  },
  {
    name: 'denseLayer',
    fn: c(denseLayer),
    params: ['inputSize', 'outputSize', 'random', 'options'],
    args: fc
      .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.nat(), fc.option(fc.record({ activation: fc.constantFrom(...ACTIVATIONS), init: fc.constantFrom(...INITS) }, { requiredKeys: [] }), { nil: undefined }))
      .map(([i, o, s, opt]) => [i, o, rng(s), opt]),
    slots: [
      { arg: 0, kind: 'size' },
      { arg: 1, kind: 'size' },
      { arg: 2, kind: 'random' },
      { arg: 3, kind: 'options', optional: true },
      { arg: 3, key: 'activation', kind: 'enum', values: ACTIVATIONS, optional: true },
      { arg: 3, key: 'init', kind: 'enum', values: INITS, optional: true },
    ],
    check: (out, a) => {
      const l = out as { weights: Float64Array; bias: Float64Array };
      return first(
        () => float64(l.weights, (a[0] as number) * (a[1] as number), 'weights'),
        () => float64(l.bias, a[1] as number, 'bias'),
      );
    },
  },
];

