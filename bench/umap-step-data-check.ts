/**
 * What a finiteness check of `state.data` on every `umapStep` call would cost, against one epoch
 * (decides whether umapStep validates the training data it carries but never reads, or leaves
 * it to umapResult / umapTransform, which use it).
 *
 *   npx tsx bench/umap-step-data-check.ts                  # n 3000, d 384 and 1536
 *   npx tsx bench/umap-step-data-check.ts --n 2000 --dims 64,384,1536 --runs 9
 *
 * Data: `embeddings(n, d, 20, 1)` (unit-normalized Float32 rows in 20 clusters, bench/helpers).
 * A state from `umapStart(X, { seed: 1 })` (15 neighbours, 2-d layout; the epoch cost does not
 * depend on d). Reported: the median CPU time of one `umapStep(state, 1)` and of one pass that
 * tests every value of `state.data.data` for finiteness (the check umapResult runs), and their
 * ratio.
 */
import { umapStart, umapStep } from '../src/manifold/umap/state.js';
import { embeddings } from './helpers/embeddings.js';
import { cpuMs } from './helpers/timing.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1]! : fallback;
};
const N = Number(opt('n', '3000'));
const DIMS = opt('dims', '384,1536').split(',').map(Number);
const RUNS = Number(opt('runs', '9'));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The check umapResult runs on state.data (one pass, first non-finite value). */
function firstNonFinite(v: Float32Array | Float64Array): number {
  for (let t = 0; t < v.length; t++) if (v[t]! - v[t]! !== 0) return t;
  return -1;
}

console.log(`node ${process.version}; n ${N}; runs ${RUNS}`);
console.log('| d | one epoch (ms CPU) | data check (ms CPU) | check / epoch |');
console.log('|---:|---:|---:|---:|');
for (const d of DIMS) {
  const X = { rows: N, cols: d, data: embeddings(N, d, 20, 1) };
  const state = umapStart(X, { seed: 1, nEpochs: 500 });
  const data = state.data!.data;
  umapStep(state, 5); // warm-up
  for (let r = 0; r < 50; r++) firstNonFinite(data);
  const epoch: number[] = [];
  const check: number[] = [];
  let sink = 0;
  for (let r = 0; r < RUNS; r++) {
    let c0 = cpuMs();
    umapStep(state, 1);
    epoch.push(cpuMs() - c0);
    c0 = cpuMs();
    // Repeat the pass (it is short) so the CPU clock resolves it.
    for (let k = 0; k < 20; k++) sink += firstNonFinite(data);
    check.push((cpuMs() - c0) / 20);
  }
  const e = median(epoch);
  const c = median(check);
  console.log(`| ${d} | ${e.toFixed(2)} | ${c.toFixed(3)} | ${((100 * c) / e).toFixed(1)} % |`);
  if (sink === 1) console.log(sink);
}
