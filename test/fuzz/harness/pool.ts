/**
 * Main-thread side of the fuzz run: starts the worker, watches its progress through a shared
 * array, terminates it when one call exceeds the hang budget (a synchronous call cannot be
 * interrupted in-process) and restarts it after that case. Also catches worker crashes (out of
 * memory) the same way.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { KNOWN_FAILURES } from '../known-failures.js';
import { SPECS } from '../specs/index.js';
import { P_CASE, P_RUNNING, P_SPEC, type SpecStats, type WorkerMessage, type WorkerTask } from './protocol.js';
import { buildCases, renderCall } from './runner.js';
import type { Failure } from './types.js';

export interface PoolOptions {
  mode: 'fuzz' | 'repro';
  seed: number;
  depth: number;
  only?: readonly string[];
  /** A call running longer than this is a hang (ms). */
  hangMs: number;
  /** A call running longer than this is listed as slow (ms). */
  slowMs: number;
  ignoreKnown: boolean;
}

export interface SlowCall {
  spec: string;
  index: number;
  slot: string;
  cls: string;
  ms: number;
}

export interface PoolResult {
  failures: Failure[];
  stats: Map<string, SpecStats>;
  slow: SlowCall[];
  repros: Map<string, { failure: Failure | undefined; error?: string }>;
  restarts: number;
  wallMs: number;
}

/**
 * The worker as one bundled ES module (esbuild, ~0.3 s once per process), so that each worker
 * (re)start after a hang costs a module load, not a TypeScript transform of the whole library.
 */
let bundled: string | undefined;
function workerFile(): string {
  if (bundled !== undefined) return bundled;
  const entry = fileURLToPath(new URL('./worker.ts', import.meta.url));
  const out = join(tmpdir(), `latent-fuzz-worker-${process.pid}-${Date.now()}.mjs`);
  buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, logLevel: 'error' });
  bundled = out;
  process.once('exit', () => rmSync(out, { force: true }));
  return out;
}

function mergeStats(into: Map<string, SpecStats>, s: SpecStats): void {
  const prev = into.get(s.spec);
  if (prev === undefined) {
    into.set(s.spec, s);
    return;
  }
  prev.calls += s.calls;
  prev.validCalls += s.validCalls;
  prev.validOk += s.validOk;
  prev.threw += s.threw;
  prev.failures += s.failures;
  prev.ms += s.ms;
  for (const [k, v] of Object.entries(s.codes)) prev.codes[k] = (prev.codes[k] ?? 0) + v;
  for (const [k, v] of Object.entries(s.skippedKnown)) prev.skippedKnown[k] = (prev.skippedKnown[k] ?? 0) + v;
  for (const [k, v] of Object.entries(s.knownFailures)) prev.knownFailures[k] = (prev.knownFailures[k] ?? 0) + v;
}

/** A hang or crash at the current progress position, as a failure. */
function stuckFailure(o: PoolOptions, specIndex: number, caseIndex: number, kind: 'hang' | 'crash', detail: string): Failure {
  if (o.mode === 'repro') {
    const entry = KNOWN_FAILURES[specIndex];
    return { spec: entry?.repro.fn ?? '?', index: -1, slot: 'repro', cls: entry?.id ?? '?', kind, detail, call: '' };
  }
  const spec = SPECS[specIndex]!;
  const c = buildCases(spec, o.seed, o.depth)[caseIndex];
  return {
    spec: spec.name,
    index: caseIndex,
    slot: c?.slot ?? '?',
    cls: c?.cls ?? '?',
    kind,
    detail,
    call: c !== undefined ? renderCall(spec, c) : '',
  };
}

/** Runs the whole task, restarting the worker after each hang or crash. */
export async function runPool(o: PoolOptions): Promise<PoolResult> {
  const t0 = Date.now();
  const result: PoolResult = { failures: [], stats: new Map(), slow: [], repros: new Map(), restarts: 0, wallMs: 0 };
  let startSpec = 0;
  let startCase = 0;
  for (;;) {
    const progress = new SharedArrayBuffer(16);
    const view = new Int32Array(progress);
    view[P_SPEC] = startSpec;
    view[P_CASE] = -1;
    const task: WorkerTask = { mode: o.mode, seed: o.seed, depth: o.depth, startSpec, startCase, progress, slowMs: o.slowMs, ignoreKnown: o.ignoreKnown, ...(o.only !== undefined ? { only: o.only } : {}) };
    const outcome = await new Promise<{ kind: 'done' } | { kind: 'stuck'; spec: number; index: number; failure: Failure }>((resolve, reject) => {
      const worker = new Worker(workerFile(), { workerData: task, resourceLimits: { maxOldGenerationSizeMb: 1536 } });
      let last = { spec: -1, index: -2, since: Date.now() };
      let settled = false;
      const finish = (v: Parameters<typeof resolve>[0]): void => {
        if (settled) return;
        settled = true;
        clearInterval(timer);
        void worker.terminate();
        resolve(v);
      };
      const timer = setInterval(() => {
        const spec = Atomics.load(view, P_SPEC);
        const index = Atomics.load(view, P_CASE);
        const running = Atomics.load(view, P_RUNNING) === 1;
        if (spec !== last.spec || index !== last.index || !running) {
          last = { spec, index, since: Date.now() };
          return;
        }
        if (Date.now() - last.since > o.hangMs) {
          finish({ kind: 'stuck', spec, index, failure: stuckFailure(o, spec, index, 'hang', `no result after ${o.hangMs} ms (watchdog terminated the worker)`) });
        }
      }, 50);
      worker.on('message', (m: WorkerMessage) => {
        switch (m.type) {
          case 'failure':
            result.failures.push(m.failure);
            break;
          case 'slow':
            result.slow.push({ spec: m.spec, index: m.index, slot: m.slot, cls: m.cls, ms: m.ms });
            break;
          case 'spec':
            mergeStats(result.stats, m.stats);
            break;
          case 'repro':
            result.repros.set(m.id, { failure: m.failure, ...(m.error !== undefined ? { error: m.error } : {}) });
            break;
          case 'done':
            finish({ kind: 'done' });
            break;
          case 'fatal':
            settled = true;
            clearInterval(timer);
            void worker.terminate();
            reject(new Error(`fuzz worker failed: ${m.message}`));
            break;
        }
      });
      worker.on('error', (e) => {
        const spec = Atomics.load(view, P_SPEC);
        const index = Atomics.load(view, P_CASE);
        if (Atomics.load(view, P_RUNNING) === 1) finish({ kind: 'stuck', spec, index, failure: stuckFailure(o, spec, index, 'crash', `worker died: ${e.message}`) });
        else if (!settled) {
          settled = true;
          clearInterval(timer);
          reject(e);
        }
      });
      worker.on('exit', (code) => {
        if (settled) return;
        const spec = Atomics.load(view, P_SPEC);
        const index = Atomics.load(view, P_CASE);
        finish({ kind: 'stuck', spec, index, failure: stuckFailure(o, spec, index, 'crash', `worker exited with code ${code}`) });
      });
    });
    if (outcome.kind === 'done') break;
    result.restarts++;
    if (o.mode === 'repro') {
      result.repros.set(KNOWN_FAILURES[outcome.spec]?.id ?? '?', { failure: outcome.failure });
      startSpec = outcome.spec + 1;
      startCase = 0;
    } else {
      result.failures.push(outcome.failure);
      startSpec = outcome.spec;
      startCase = outcome.index + 1;
    }
  }
  result.wallMs = Date.now() - t0;
  return result;
}
