/**
 * manifold: t-SNE on the digits (1797×64, raw pixel values as scikit-learn's load_digits) with
 * default options, against the npm peers on the same data in the same process:
 *
 * - druid.js `TSNE` (exact O(n²) gradient, its WASM kernel for n ≥ its threshold), on all of
 *   digits, 1000 iterations;
 * - tsne-js and @keckelt/tsne (both exact, pure JS) on a 300-row subset, because on all of
 *   digits they need about 13 minutes (tsne-js) and several minutes (@keckelt/tsne);
 * - a 10 000 × 50 data set (Gaussian blobs, the usual "PCA to 50 dimensions first" input) for
 *   the under-a-minute target (ours only).
 *
 * Quality: KL, trustworthiness(k = 5) and 10-NN 5-fold cross-validated accuracy in the
 * embedding (scikit-learn's StratifiedKFold without shuffling, majority vote with ties to the
 * smallest label), next to scikit-learn 1.2.1's figures (data/golden/tsne_digits_quality.json).
 *
 * Run: npx vitest bench --run bench/tsne.bench.ts
 * Env: TSNE_BENCH_PEERS=0 skips druid.js / tsne-js / @keckelt/tsne; TSNE_BENCH_SEEDS=k runs the
 * digits quality check for k seeds (default 3).
 */
import { TSNE as KeckeltTSNE } from '@keckelt/tsne';
import * as druid from '@saehrimnir/druidjs';
// @ts-expect-error: tsne-js ships no type declarations
import TsneJs from 'tsne-js';
import { bench, describe } from 'vitest';
import type { Matrix } from '../src/core/matrix.js';
import { randomNormal, rng } from '../src/core/random.js';
import { trustworthiness, tsne, tsneStart, tsneStep, tsneResult } from '../src/manifold/index.js';
import { knn } from '../src/neighbors/exact/knn.js';
import { loadCsv, loadGolden } from '../test/helpers/data.js';
import { cpuMs } from './helpers/timing.js';

const PEERS = process.env['TSNE_BENCH_PEERS'] !== '0';
const SEEDS = Array.from({ length: Number(process.env['TSNE_BENCH_SEEDS'] ?? 3) }, (_, i) => 42 + i);

const { data: digits, labels } = loadCsv('digits');
const golden = loadGolden<{ kl: number; trustworthiness5: number; knn10Accuracy: number }>('tsne_digits_quality');
const rowsOf = (m: Matrix, n = m.rows): number[][] => Array.from({ length: n }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
const toMat = (rows: ArrayLike<ArrayLike<number>>): Matrix => {
  const n = rows.length;
  const d = rows[0]!.length;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) data[i * d + a] = rows[i]![a]!;
  return { rows: n, cols: d, data };
};
const subset = (m: Matrix, n: number): Matrix => ({ rows: n, cols: m.cols, data: m.data.slice(0, n * m.cols) });

/** scikit-learn's StratifiedKFold(n_splits, shuffle=False) test-fold assignment. */
function stratifiedFolds(y: Int32Array, splits: number): Int32Array {
  const n = y.length;
  // Classes encoded by order of first appearance (as scikit-learn), then the sorted codes dealt round robin.
  const code = new Map<number, number>();
  for (const v of y) if (!code.has(v)) code.set(v, code.size);
  const enc = Int32Array.from(y, (v) => code.get(v)!);
  const sorted = enc.slice().sort();
  const classes = code.size;
  const allocation = Array.from({ length: splits }, () => new Int32Array(classes));
  for (let i = 0; i < n; i++) allocation[i % splits]![sorted[i]!]!++;
  const folds = new Int32Array(n);
  for (let k = 0; k < classes; k++) {
    const blocks: number[] = [];
    for (let f = 0; f < splits; f++) for (let t = 0; t < allocation[f]![k]!; t++) blocks.push(f);
    let r = 0;
    for (let i = 0; i < n; i++) if (enc[i] === k) folds[i] = blocks[r++]!;
  }
  return folds;
}

/** Mean 5-fold accuracy of a 10-NN majority-vote classifier in the embedding. */
function knnAccuracy(E: Matrix, y: Int32Array, k = 10, splits = 5): number {
  const folds = stratifiedFolds(y, splits);
  let total = 0;
  for (let f = 0; f < splits; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < y.length; i++) (folds[i] === f ? test : train).push(i);
    const pick = (idx: number[]): Matrix => toMat(idx.map((i) => E.data.subarray(i * E.cols, (i + 1) * E.cols)));
    const nn = knn(pick(train), pick(test), k);
    let correct = 0;
    const votes = new Int32Array(16);
    for (let q = 0; q < test.length; q++) {
      votes.fill(0);
      for (let t = 0; t < k; t++) votes[y[train[nn.indices[q * k + t]!]!]!]!++;
      let best = 0;
      for (let c = 1; c < votes.length; c++) if (votes[c]! > votes[best]!) best = c;
      if (best === y[test[q]!]) correct++;
    }
    total += correct / test.length;
  }
  return total / splits;
}

/** Runs `f` once; wall and CPU milliseconds (CPU time is steadier on a shared machine). */
function timed<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const c0 = cpuMs();
  const t0 = performance.now();
  const value = f();
  return { value, wall: performance.now() - t0, cpu: cpuMs() - c0 };
}
const fmt = (ms: number): string => (ms / 1000).toFixed(2) + ' s';

console.log(`\n=== t-SNE, digits ${digits.rows}×${digits.cols}, 1000 iterations ===`);
console.log(`scikit-learn 1.2.1 (golden): KL ${golden.kl.toFixed(4)}, T(5) ${golden.trustworthiness5.toFixed(4)}, 10-NN acc ${golden.knn10Accuracy.toFixed(4)}; ≈ 6.7 s`);

// ---- latent on digits: phases, quality across seeds ----
{
  const start = timed(() => tsneStart(digits));
  const steps = timed(() => tsneStep(start.value, 1000));
  const res = tsneResult(start.value);
  console.log(
    `latent (seed 42): neighbours + P + PCA ${fmt(start.wall)} (cpu ${fmt(start.cpu)}), 1000 iterations ${fmt(steps.wall)} (cpu ${fmt(steps.cpu)}), total ${fmt(start.wall + steps.wall)} (cpu ${fmt(start.cpu + steps.cpu)})`,
  );
  console.log(`  per iteration ${(steps.wall / 1000).toFixed(2)} ms; KL (exact) ${res.kl.toFixed(4)}`);
}
const oursTimes: number[] = [];
for (const seed of SEEDS) {
  const r = timed(() => tsne(digits, { seed, init: seed === 42 ? 'pca' : 'random' }));
  oursTimes.push(r.wall);
  const T = trustworthiness(digits, r.value.embedding, 5);
  const acc = knnAccuracy(r.value.embedding, labels);
  console.log(
    `latent seed ${seed} (${seed === 42 ? 'pca' : 'random'} init): ${fmt(r.wall)} (cpu ${fmt(r.cpu)}), KL ${r.value.kl.toFixed(4)}, T(5) ${T.toFixed(4)} (Δ ${(T - golden.trustworthiness5).toFixed(4)}), 10-NN acc ${acc.toFixed(4)} (Δ ${(acc - golden.knn10Accuracy).toFixed(4)})`,
  );
}
const oursDigits = Math.min(...oursTimes);
console.log(`latent vs scikit-learn (6.7 s): ${(6.7e3 / oursDigits).toFixed(2)}× (best of ${oursTimes.length} runs ${fmt(oursDigits)})`);

// ---- druid.js on all of digits ----
if (PEERS) {
  const r = timed(() => new druid.TSNE(rowsOf(digits), { perplexity: 30, epsilon: 10, d: 2, seed: 42 }).transform(1000));
  const E = toMat(r.value);
  console.log(
    `druid.js TSNE (exact): ${fmt(r.wall)} (cpu ${fmt(r.cpu)}), T(5) ${trustworthiness(digits, E, 5).toFixed(4)}, 10-NN acc ${knnAccuracy(E, labels).toFixed(4)} → druid / latent = ${(r.wall / oursDigits).toFixed(1)}×`,
  );
}

// ---- 300-row subset: tsne-js and @keckelt/tsne ----
if (PEERS) {
  const n = 300;
  const X = subset(digits, n);
  const y = labels.slice(0, n);
  console.log(`\n=== t-SNE, digits first ${n} rows, 1000 iterations ===`);
  const ours = timed(() => tsne(X));
  const q = (E: Matrix): string => `T(5) ${trustworthiness(X, E, 5).toFixed(4)}, 10-NN acc ${knnAccuracy(E, y).toFixed(4)}`;
  console.log(`latent: ${fmt(ours.wall)} (cpu ${fmt(ours.cpu)}), KL ${ours.value.kl.toFixed(4)}, ${q(ours.value.embedding)}`);
  const exact = timed(() => tsne(X, { theta: 0 }));
  console.log(`latent exact (theta 0): ${fmt(exact.wall)} (cpu ${fmt(exact.cpu)}), KL ${exact.value.kl.toFixed(4)}, ${q(exact.value.embedding)}`);
  const tj = timed(() => {
    const model = new TsneJs({ dim: 2, perplexity: 30, earlyExaggeration: 4, learningRate: 100, nIter: 1000, metric: 'euclidean' });
    model.init({ data: rowsOf(X), type: 'dense' });
    model.run();
    return model.getOutput() as number[][];
  });
  console.log(`tsne-js: ${fmt(tj.wall)} (cpu ${fmt(tj.cpu)}), ${q(toMat(tj.value))} → tsne-js / latent = ${(tj.wall / ours.wall).toFixed(1)}×`);
  const kk = timed(() => {
    const model = new KeckeltTSNE({ epsilon: 10, perplexity: 30, dim: 2 });
    model.initDataRaw(rowsOf(X));
    for (let i = 0; i < 1000; i++) model.step();
    return model.getSolution() as number[][];
  });
  console.log(`@keckelt/tsne: ${fmt(kk.wall)} (cpu ${fmt(kk.cpu)}), ${q(toMat(kk.value))} → keckelt / latent = ${(kk.wall / ours.wall).toFixed(1)}×`);
  const dr = timed(() => new druid.TSNE(rowsOf(X), { perplexity: 30, epsilon: 10, d: 2, seed: 42 }).transform(1000));
  console.log(`druid.js: ${fmt(dr.wall)} (cpu ${fmt(dr.cpu)}), ${q(toMat(dr.value))} → druid / latent = ${(dr.wall / ours.wall).toFixed(1)}×`);
}

// ---- 10 000 points ----
{
  const n = 10_000;
  const d = 50;
  const r = rng(7);
  const centers = Array.from({ length: 10 }, () => Array.from({ length: d }, () => 3 * randomNormal(r)));
  const X: Matrix = { rows: n, cols: d, data: new Float64Array(n * d) };
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) X.data[i * d + a] = centers[i % 10]![a]! + randomNormal(r);
  console.log(`\n=== t-SNE, ${n}×${d} Gaussian blobs (10 clusters), 1000 iterations ===`);
  const start = timed(() => tsneStart(X));
  const steps = timed(() => tsneStep(start.value, 1000));
  const res = timed(() => tsneResult(start.value));
  const total = start.wall + steps.wall + res.wall;
  console.log(
    `latent: neighbours + P + PCA ${fmt(start.wall)}, 1000 iterations ${fmt(steps.wall)} (${(steps.wall / 1000).toFixed(1)} ms each), exact final KL ${fmt(res.wall)}; total ${fmt(total)} (cpu ${fmt(start.cpu + steps.cpu + res.cpu)}) ${total < 60e3 ? '< 1 min ✓' : '≥ 1 min ✗'}; KL ${res.value.kl.toFixed(4)}, T(5) ${trustworthiness(X, res.value.embedding, 5).toFixed(4)}`,
  );
}

// ---- vitest's table: short runs (300 digits, 250 iterations) for repeatable ratios ----
const X300 = subset(digits, 300);
const rows300 = rowsOf(X300);
const once = { iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 };
describe('t-SNE, 300 digits, 250 iterations', () => {
  bench('latent tsne (Barnes–Hut)', () => void tsne(X300, { iterations: 250 }), once);
  bench('latent tsne (exact, theta 0)', () => void tsne(X300, { iterations: 250, theta: 0 }), once);
  if (PEERS) {
    bench('druid.js TSNE', () => void new druid.TSNE(rows300, { perplexity: 30, epsilon: 10, d: 2, seed: 42 }).transform(250), once);
    bench(
      '@keckelt/tsne',
      () => {
        const m = new KeckeltTSNE({ epsilon: 10, perplexity: 30, dim: 2 });
        m.initDataRaw(rows300);
        for (let i = 0; i < 250; i++) m.step();
      },
      once,
    );
    bench(
      'tsne-js',
      () => {
        const m = new TsneJs({ dim: 2, perplexity: 30, earlyExaggeration: 4, learningRate: 100, nIter: 250, metric: 'euclidean' });
        m.init({ data: rows300, type: 'dense' });
        m.run();
      },
      once,
    );
  }
});
