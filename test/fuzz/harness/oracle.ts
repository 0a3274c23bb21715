/**
 * The oracle: one call either returns a sane result (finite numbers when every input was finite,
 * the spec's own checks) or throws a LatentError with a documented code and a message that names
 * the function the user called. It never throws a raw error, never mutates an input.
 */
import { isLatentError } from '../../../src/core/errors.js';
import type { Case, Failure, FailureKind, Spec } from './types.js';
import { UserError } from './values.js';

/** The documented error codes (src/core/errors.ts). */
export const CODES: ReadonlySet<string> = new Set([
  'E_SHAPE',
  'E_NOT_FINITE',
  'E_RANGE',
  'E_TYPE',
  'E_OPTION',
  'E_MODEL',
  'E_PARSE',
  'E_ABORTED',
  'E_MEMORY',
  'E_CONVERGENCE',
]);

/** First non-finite number inside `v` (depth-limited walk), as a path, or undefined. */
export function findNonFinite(v: unknown, allow: RegExp | undefined, path = '', depth = 0, seen: Set<object> = new Set()): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) || allow?.test(path) === true ? undefined : `${path || '(result)'} = ${v}`;
  if (typeof v !== 'object' || v === null || depth > 8) return undefined;
  if (seen.has(v)) return undefined;
  seen.add(v);
  if (v instanceof Float64Array || v instanceof Float32Array) {
    if (allow?.test(path) === true) return undefined;
    for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) return `${path}[${i}] = ${v[i]}`;
    return undefined;
  }
  if (ArrayBuffer.isView(v)) return undefined;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = findNonFinite(v[i], allow, `${path}[${i}]`, depth + 1, seen);
      if (r !== undefined) return r;
    }
    return undefined;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return undefined;
  for (const k of Object.keys(v)) {
    const r = findNonFinite((v as Record<string, unknown>)[k], allow, `${path}.${k}`, depth + 1, seen);
    if (r !== undefined) return r;
  }
  return undefined;
}

/** True when every number reachable from the arguments is finite (functions are ignored). */
export function allFinite(args: readonly unknown[]): boolean {
  return findNonFinite(args, undefined) === undefined;
}

/** Whether the output carries a non-finite number anywhere (honest NaN propagation). */
function carriesNonFinite(v: unknown): boolean {
  return findNonFinite(v, undefined) !== undefined;
}

/** What a call did. */
export type Outcome = { threw: true; error: unknown; ms: number } | { threw: false; value: unknown; ms: number };

/**
 * Judges one outcome. `mutation` is the snapshot diff of the arguments (already computed),
 * `inputsFinite` whether every input number was finite.
 */
export function judge(
  spec: Spec,
  c: Case,
  out: Outcome,
  mutation: string | undefined,
  inputsFinite: boolean,
  syncThrow: boolean,
  before: readonly unknown[] = c.args,
): Omit<Failure, 'call'> | undefined {
  const fail = (kind: FailureKind, detail: string): Omit<Failure, 'call'> => ({ spec: spec.name, index: c.index, slot: c.slot, cls: c.cls, kind, detail });
  if (mutation !== undefined) return fail('mutation', `argument changed: ${mutation}`);
  if (syncThrow) return fail('sync-throw', `threw synchronously: ${describeError(out.threw ? out.error : undefined)}`);
  if (out.threw) {
    const e = out.error;
    if (e instanceof UserError) {
      if (c.userThrows === true) return undefined;
      return fail('raw-error', 'a UserError escaped although no callback of this case throws');
    }
    if (!isLatentError(e)) return fail('raw-error', describeError(e));
    if (spec.total === true) return fail('raw-error', `a total function threw ${e.code}: ${e.message}`);
    if (!CODES.has(e.code)) return fail('bad-code', `${e.code}: ${e.message}`);
    const prefix = spec.prefix !== undefined ? spec.prefix(c.args) : spec.name;
    if (!e.message.startsWith(`${prefix}: `)) return fail('wrong-prefix', `expected '${prefix}: …', got '${e.message.slice(0, 160)}'`);
    if (spec.mustConverge === true && e.code === 'E_CONVERGENCE' && inputsFinite) return fail('bad-code', `E_CONVERGENCE on finite input: ${e.message.slice(0, 160)}`);
    if (c.code !== undefined && e.code !== c.code) return fail('wrong-code', `expected ${c.code}, got ${e.code}: ${e.message.slice(0, 160)}`);
    return undefined;
  }
  const value = out.value;
  if (c.expect === 'error' && c.probe !== undefined && !c.probe.called) return undefined; // the bad callback was never called
  if (c.expect === 'error') return fail('accepted-bad', `returned ${render(value, 160)} instead of throwing${c.code !== undefined ? ` ${c.code}` : ''}`);
  if (c.expect === 'nan-or-error') {
    if (!carriesNonFinite(value)) return fail(/NaN|Infinity/.test(c.cls) ? 'swallowed-nan' : 'accepted-bad', `returned ${render(value, 160)}, which hides the bad input`);
    return undefined; // honest propagation: the sanity checks assume finite numbers
  }
  if (spec.check !== undefined) {
    let problem: string | undefined;
    try {
      problem = spec.check(value, c.args, before);
    } catch (e) {
      problem = `sanity check crashed on the result: ${describeError(e)}`;
    }
    if (problem !== undefined) return fail('insane', problem);
  }
  if (inputsFinite || c.expect === 'finite-or-error') {
    const bad = findNonFinite(value, spec.nonFinite);
    if (bad !== undefined) {
      const nan = /NaN$/.test(bad);
      if (nan || c.expect === 'finite-or-error') return fail('non-finite', `non-finite output ${bad}`);
      if (spec.overflowOk !== true) return fail('overflow', `finite input overflowed to ${bad}`);
    }
  }
  return undefined;
}

/** One line for a thrown value. */
export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const where = (e.stack ?? '').split('\n').find((l) => l.includes('/src/'));
    return `${e.name}: ${e.message.slice(0, 200)}${where !== undefined ? ` (${where.trim()})` : ''}`;
  }
  return `non-Error thrown: ${render(e, 80)}`;
}

/** Compact, readable rendering of a value for reports (typed arrays abbreviated). */
export function render(v: unknown, max = 400, depth = 0): string {
  const s = renderInner(v, depth);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function renderInner(v: unknown, depth: number): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : v === 2 ** 53 ? '2**53' : String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'symbol') return v.toString();
  if (typeof v === 'function') return `fn(${v.toString().replace(/\s+/g, ' ').slice(0, 60)})`;
  if (typeof v === 'boolean') return String(v);
  if (depth > 3) return '…';
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const a = Array.from(v as unknown as ArrayLike<number>);
    const body = a.slice(0, 8).map((x) => renderInner(x, depth + 1)).join(', ');
    return `${v.constructor.name}[${body}${a.length > 8 ? `, …(${a.length})` : ''}]`;
  }
  if (Array.isArray(v)) {
    const body = v.slice(0, 6).map((x) => renderInner(x, depth + 1)).join(', ');
    return `[${body}${v.length > 6 ? `, …(${v.length})` : ''}]`;
  }
  if (typeof AbortSignal !== 'undefined' && v instanceof AbortSignal) return `AbortSignal(aborted=${v.aborted})`;
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return `${(v as { constructor?: { name?: string } }).constructor?.name ?? 'Object'}{…}`;
    const entries = Object.keys(v).slice(0, 14).map((k) => `${k}: ${renderInner((v as Record<string, unknown>)[k], depth + 1)}`);
    return `{ ${entries.join(', ')}${Object.keys(v).length > 14 ? ', …' : ''} }`;
  }
  return typeof v;
}
