/**
 * Generates the cases of a spec (seeded, stratified over its slots) and runs each call through
 * the oracle. Used inside the fuzz worker (see pool.ts) so that a hanging call can be detected
 * and the worker replaced.
 */
import fc from 'fast-check';
import { isPlainObject } from '../../../src/core/options.js';
import { allFinite, describeError, judge, render, type Outcome } from './oracle.js';
import { diffSnapshot, snapshot } from './snapshot.js';
import type { Bad, Case, Failure, Slot, Spec } from './types.js';
import { UserError, badValueAt } from './values.js';
import { isLatentError } from '../../../src/core/errors.js';

/** Cases per spec at depth 1, by cost. */
export const BASE_RUNS = { cheap: 40, medium: 14, heavy: 5 } as const;

/** Label of a slot in reports and known-failure patterns: `X`, `options.k`. */
export function slotLabel(spec: Spec, slot: Slot): string {
  const name = spec.params[slot.arg] ?? `arg${slot.arg}`;
  return slot.key === undefined ? name : `${name}.${slot.key}`;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Option keys of argument `arg` that the spec fuzzes (the valid keys, for typos). */
function optionKeys(spec: Spec, arg: number): string[] {
  return spec.slots.filter((s) => s.arg === arg && s.key !== undefined).map((s) => s.key!);
}

function valueAt(args: readonly unknown[], slot: Slot): unknown {
  const a = args[slot.arg];
  if (slot.key === undefined) return a;
  return typeof a === 'object' && a !== null ? (a as Record<string, unknown>)[slot.key] : undefined;
}

/** The arguments with one slot replaced (options objects are copied, never written). */
export function applyBad(args: readonly unknown[], slot: Slot, bad: Bad): unknown[] {
  const out = args.slice();
  if (slot.key === undefined) {
    out[slot.arg] = bad.value;
    return out;
  }
  const base = out[slot.arg];
  const obj: Record<string, unknown> = isPlainObject(base) ? { ...base } : {};
  obj[slot.key] = bad.value;
  if (bad.extra !== undefined) Object.assign(obj, bad.extra);
  out[slot.arg] = obj;
  return out;
}

function runsFor(spec: Spec, depth: number): number {
  return Math.max(1, Math.round(BASE_RUNS[spec.cost ?? 'cheap'] * depth));
}

/**
 * The cases of one spec: one stratum per slot plus one of valid calls, each sampled with its
 * own seed from fast-check's arbitraries, so adding a slot does not reshuffle the others.
 */
export function buildCases(spec: Spec, seed: number, depth: number): Case[] {
  const runs = runsFor(spec, depth);
  const strata = spec.slots.length + 1;
  const perStratum = Math.max(1, Math.ceil(runs / strata));
  const cases: Case[] = [];
  const specSeed = (seed ^ hash(spec.name)) >>> 0;
  const valid = fc.sample(spec.args, { seed: specSeed, numRuns: Math.max(3, perStratum) });
  for (const args of valid) cases.push({ spec: spec.name, index: cases.length, args, slot: 'valid', cls: 'valid', expect: 'any' });
  spec.slots.forEach((slot, s) => {
    const hasProgress = spec.slots.some((o) => o.arg === slot.arg && o.key === 'onProgress');
    // Classes are taken round-robin from a seeded offset: a stratum as long as the slot's
    // catalogue covers every class (FUZZ_DEPTH=deep does for most slots); the valid arguments
    // and the placement of derived values (which cell is NaN) come from fast-check.
    const arb = fc.tuple(spec.args, fc.nat());
    const sampled = fc.sample(arb, { seed: (specSeed + 7919 * (s + 1)) >>> 0, numRuns: perStratum });
    const offset = (specSeed + s * 104729) >>> 0;
    let round = offset;
    for (const [args, pick] of sampled) {
      let bad = badValueAt(slot, valueAt(args, slot), optionKeys(spec, slot.arg), pick, round++);
      // A class that needs an onProgress key the function lacks: take the next one.
      for (let tries = 0; bad.extra !== undefined && !hasProgress && tries < 3; tries++) bad = badValueAt(slot, valueAt(args, slot), optionKeys(spec, slot.arg), pick, round++);
      if (bad.extra !== undefined && !hasProgress) continue;
      cases.push({
        spec: spec.name,
        index: cases.length,
        args: applyBad(args, slot, bad),
        slot: slotLabel(spec, slot),
        cls: bad.cls,
        // A total function (a predicate) must answer for every value, whatever it is.
        expect: spec.total === true ? 'any' : bad.expect,
        ...(bad.code !== undefined ? { code: bad.code } : {}),
        ...(bad.userThrows === true ? { userThrows: true } : {}),
        ...(bad.probe !== undefined ? { probe: bad.probe } : {}),
      });
    }
  });
  return cases;
}

/** Runs one case: snapshot, call (awaiting async results), diff, judge. */
/** What one call did, for statistics. */
export interface CaseResult {
  failure: Failure | undefined;
  ms: number;
  threw: boolean;
  /** The LatentError code, `'raw'` for anything else, `''` when it returned. */
  code: string;
}

export async function runCase(spec: Spec, c: Case): Promise<CaseResult> {
  const snaps = c.args.map((a, i) => (spec.mutates?.includes(i) === true ? undefined : snapshot(a)));
  const finite = allFinite(c.args);
  // Arguments the function may write (documented): keep a copy for the sanity check.
  const before = spec.mutates === undefined ? c.args : c.args.map((a, i) => (spec.mutates!.includes(i) ? copyLoose(a) : a));
  let out: Outcome;
  let syncThrow = false;
  const t0 = performance.now();
  try {
    const value = (spec.fn as (...a: unknown[]) => unknown)(...c.args);
    out = { threw: false, value, ms: 0 };
  } catch (error) {
    out = { threw: true, error, ms: 0 };
    // An async export must report every failure through its promise.
    syncThrow = spec.async === true;
  }
  if (!out.threw && spec.async === true) {
    const p = out.value;
    if (!(p instanceof Promise)) out = { threw: true, error: new Error(`${spec.name} did not return a promise`), ms: 0 };
    else {
      try {
        out = { threw: false, value: await p, ms: 0 };
      } catch (error) {
        out = { threw: true, error, ms: 0 };
      }
    }
  }
  out.ms = performance.now() - t0;
  let mutation: string | undefined;
  for (let i = 0; i < c.args.length && mutation === undefined; i++) {
    const s = snaps[i];
    if (s !== undefined) {
      const d = diffSnapshot(s, c.args[i], spec.params[i] ?? `arg${i}`);
      if (d !== undefined) mutation = d;
    }
  }
  const judged = judge(spec, c, out, mutation, finite, syncThrow, before);
  const failure = judged === undefined ? undefined : { ...judged, call: renderCall(spec, c) };
  const code = !out.threw ? '' : isLatentError(out.error) ? out.error.code : out.error instanceof UserError ? 'user' : 'raw';
  return { failure, ms: out.ms, threw: out.threw, code };
}

function copyLoose(v: unknown): unknown {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return (v as unknown as { slice(): unknown }).slice();
  if (Array.isArray(v)) return v.slice();
  try {
    return structuredClone(v);
  } catch {
    return v;
  }
}

/** `name(arg0, arg1)` with compact arguments. */
export function renderCall(spec: Spec, c: Case): string {
  return `${spec.name}(${c.args.map((a) => render(a, 300)).join(', ')})`;
}

export { describeError };
