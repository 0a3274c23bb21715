/**
 * The fuzz worker: runs the cases of every spec (or the known-failure reproductions) and posts
 * failures and statistics to the pool. Runs in a worker thread so the pool's watchdog can
 * terminate it when a call hangs; the pool then restarts it after the hung case.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { KNOWN_FAILURES } from '../known-failures.js';
import { SPECS } from '../specs/index.js';
import { matchKnownFailure, matchKnownSkip } from './known.js';
import { P_BEAT, P_CASE, P_RUNNING, P_SPEC, type SpecStats, type WorkerMessage, type WorkerTask } from './protocol.js';
import { buildCases, runCase } from './runner.js';
import type { Case } from './types.js';

const task = workerData as WorkerTask;
const progress = new Int32Array(task.progress);
const post = (m: WorkerMessage): void => parentPort!.postMessage(m);

async function fuzz(): Promise<void> {
  const only = task.only !== undefined ? new Set(task.only) : undefined;
  for (let s = task.startSpec; s < SPECS.length; s++) {
    const spec = SPECS[s]!;
    if (only !== undefined && !only.has(spec.name)) continue;
    const cases = buildCases(spec, task.seed, task.depth);
    const stats: SpecStats = { spec: spec.name, calls: 0, validCalls: 0, validOk: 0, threw: 0, codes: {}, failures: 0, skippedKnown: {}, knownFailures: {}, ms: 0 };
    const first = s === task.startSpec ? task.startCase : 0;
    for (let i = first; i < cases.length; i++) {
      const c = cases[i]!;
      // Known hangs are not run (each would cost the watchdog's budget); other known failures
      // are run and suppressed only when they fail the way the entry says.
      const skip = task.ignoreKnown ? undefined : matchKnownSkip(KNOWN_FAILURES, c);
      if (skip !== undefined) {
        stats.skippedKnown[skip.id] = (stats.skippedKnown[skip.id] ?? 0) + 1;
        continue;
      }
      Atomics.store(progress, P_SPEC, s);
      Atomics.store(progress, P_CASE, i);
      Atomics.store(progress, P_RUNNING, 1);
      Atomics.add(progress, P_BEAT, 1);
      const { failure, ms, threw, code } = await runCase(spec, c);
      Atomics.store(progress, P_RUNNING, 0);
      stats.calls++;
      stats.ms += ms;
      if (c.slot === 'valid') {
        stats.validCalls++;
        if (!threw) stats.validOk++;
      }
      if (threw) {
        stats.threw++;
        stats.codes[code] = (stats.codes[code] ?? 0) + 1;
      }
      if (failure !== undefined) {
        const known = matchKnownFailure(KNOWN_FAILURES, c, failure.kind);
        if (known !== undefined && !task.ignoreKnown) {
          stats.knownFailures[known.id] = (stats.knownFailures[known.id] ?? 0) + 1;
        } else {
          stats.failures++;
          post({ type: 'failure', failure: known !== undefined ? { ...failure, known: known.id } : failure });
        }
      }
      if (ms > task.slowMs) post({ type: 'slow', spec: spec.name, index: i, slot: c.slot, cls: c.cls, ms, call: failure?.call ?? '' });
    }
    post({ type: 'spec', stats });
  }
}

async function repro(): Promise<void> {
  for (let k = task.startSpec; k < KNOWN_FAILURES.length; k++) {
    const entry = KNOWN_FAILURES[k]!;
    const spec = SPECS.find((s) => s.name === entry.repro.fn);
    if (spec === undefined) {
      post({ type: 'repro', id: entry.id, failure: undefined, error: `no spec named ${entry.repro.fn}` });
      continue;
    }
    let args: unknown[];
    try {
      args = entry.repro.args();
    } catch (e) {
      post({ type: 'repro', id: entry.id, failure: undefined, error: `building the reproduction threw ${String(e)}` });
      continue;
    }
    const c: Case = {
      spec: spec.name,
      index: -1,
      args,
      slot: 'repro',
      cls: entry.repro.cls ?? entry.id,
      expect: entry.repro.expect,
      ...(entry.repro.code !== undefined ? { code: entry.repro.code } : {}),
      ...(entry.repro.userThrows === true ? { userThrows: true } : {}),
    };
    Atomics.store(progress, P_SPEC, k);
    Atomics.store(progress, P_CASE, -1);
    Atomics.store(progress, P_RUNNING, 1);
    Atomics.add(progress, P_BEAT, 1);
    const { failure } = await runCase(spec, c);
    Atomics.store(progress, P_RUNNING, 0);
    post({ type: 'repro', id: entry.id, failure });
  }
}

(task.mode === 'fuzz' ? fuzz() : repro()).then(
  () => post({ type: 'done' }),
  (e: unknown) => post({ type: 'fatal', message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) }),
);
