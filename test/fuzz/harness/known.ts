/** The shape of a known-failure entry and how cases are matched against the list. */
import type { LatentErrorCode } from '../../../src/core/errors.js';
import type { Case, Expectation, FailureKind } from './types.js';

/**
 * A defect the harness found and the lead has not fixed yet. Cases it matches are skipped (not
 * run) by the fuzz run; its `repro` is run on its own and must still fail, so the list can only
 * shrink.
 */
export interface KnownFailure {
  /** Stable id (the finding’s name in reports and commit messages). */
  id: string;
  /** The exports it concerns (a defect class often spans a family). */
  fns: readonly string[];
  /** Slot label pattern (`X`, `options.k`, `valid`); absent: any slot. */
  slot?: RegExp;
  /** Class pattern (`matrix:subnormal`); absent: any class. */
  cls?: RegExp;
  /** Narrower match on the (corrupted) arguments. */
  when?: (args: readonly unknown[]) => boolean;
  /** What goes wrong (the kind its reproduction must still show). */
  kind: FailureKind;
  /** Other kinds the same defect shows in fuzz cases (e.g. raw-error and accepted-bad). */
  also?: readonly FailureKind[];
  /** Observed behaviour, one line. */
  observed: string;
  /** Minimal reproduction: a call of `fn`, judged like a fuzz case of it. */
  repro: {
    fn: string;
    args: () => unknown[];
    expect: Expectation;
    /** Class label of the reproduction (decides swallowed-nan vs accepted-bad); default the id. */
    cls?: string;
    code?: LatentErrorCode;
    userThrows?: boolean;
  };
}

/** Kinds that cannot be observed safely: matching cases are not run at all. */
const SKIPPED_KINDS: ReadonlySet<FailureKind> = new Set(['hang', 'crash']);

/** The first hang/crash entry matching a case (the case is then not run). */
export function matchKnownSkip(list: readonly KnownFailure[], c: Case): KnownFailure | undefined {
  return matchKnown(
    list.filter((k) => SKIPPED_KINDS.has(k.kind)),
    c,
  );
}

/** The first entry matching a case whose failure is of one of the entry's kinds. */
export function matchKnownFailure(list: readonly KnownFailure[], c: Case, kind: FailureKind): KnownFailure | undefined {
  return matchKnown(
    list.filter((k) => k.kind === kind || k.also?.includes(kind) === true),
    c,
  );
}

/** The first entry matching a case (function, slot, class, when), if any. */
export function matchKnown(list: readonly KnownFailure[], c: Case): KnownFailure | undefined {
  for (const k of list) {
    if (!k.fns.includes(c.spec)) continue;
    if (k.slot !== undefined && !k.slot.test(c.slot)) continue;
    if (k.cls !== undefined && !k.cls.test(c.cls)) continue;
    if (k.when !== undefined) {
      let hit = false;
      try {
        hit = k.when(c.args);
      } catch {
        hit = false;
      }
      if (!hit) continue;
    }
    return k;
  }
  return undefined;
}
