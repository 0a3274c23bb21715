/** Messages between the fuzz pool (main thread) and its worker. */
import type { Failure } from './types.js';

/** What the worker is asked to do. */
export interface WorkerTask {
  mode: 'fuzz' | 'repro';
  seed: number;
  depth: number;
  /** Spec names to run (undefined: all). */
  only?: readonly string[];
  /** Resume point after a hang: first spec index and case index to run. */
  startSpec: number;
  startCase: number;
  /** Int32Array view: [spec index, case index, running flag, heartbeat]. */
  progress: SharedArrayBuffer;
  /** Wall time above which a call is reported as slow (ms). */
  slowMs: number;
  /** Run the cases known-failures.ts matches too (to count them). */
  ignoreKnown: boolean;
}

/** Per-spec statistics. */
export interface SpecStats {
  spec: string;
  calls: number;
  validCalls: number;
  validOk: number;
  threw: number;
  codes: Record<string, number>;
  failures: number;
  /** Cases not run because a known hang matches them, per entry id. */
  skippedKnown: Record<string, number>;
  /** Failures suppressed by a known-failures.ts entry, per entry id. */
  knownFailures: Record<string, number>;
  ms: number;
}

export type WorkerMessage =
  | { type: 'failure'; failure: Failure }
  | { type: 'slow'; spec: string; index: number; slot: string; cls: string; ms: number; call: string }
  | { type: 'spec'; stats: SpecStats }
  | { type: 'repro'; id: string; failure: Failure | undefined; error?: string }
  | { type: 'done' }
  | { type: 'fatal'; message: string };

/** Index of the fields of the progress array. */
export const P_SPEC = 0;
export const P_CASE = 1;
export const P_RUNNING = 2;
export const P_BEAT = 3;
