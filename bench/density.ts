/**
 * cluster/density: HDBSCAN and DBSCAN at embedding scale, against scikit-learn 1.9 (native,
 * single-threaded, run by `bench/native/density.py` between latent's runs so both see the same
 * machine load) and the npm peers hdbscan-ts and density-clustering (in the same process as a
 * latent run on the same rows).
 *
 * Cases (data from latent's seeded `blobs`):
 * - HDBSCAN, 6 000 × 512 Float32 (10 blobs, spread 4): the embedding case; minClusterSize 15.
 * - HDBSCAN, 100 000 × 2 (20 blobs, spread 0.5: a UMAP-like 2-d output); minClusterSize 15.
 * - DBSCAN, the same 100 000 × 2, eps 0.1, minSamples 10.
 * - DBSCAN, 20 000 identical rows × 32 (Float32), eps 0.5: every pair is a neighbour pair, so the
 *   neighbourhood lists (4·10⁸ entries) exceed the default memoryLimit and latent streams the
 *   search; scikit-learn collects them.
 * Each latent run is a fresh Node process (peak RSS above the process right after loading the
 * data is its own); each scikit-learn run a fresh Python process, measured the same way.
 * Quality: adjusted Rand index between latent's and scikit-learn's labels (noise as its own
 * group), and against the blobs' true labels.
 * hdbscan-ts builds and rescans a dense n × n matrix (O(n³)): it runs on 250–1 000 rows only,
 * and its 6 000-row time is extrapolated with n³ from the largest; density-clustering's DBSCAN
 * scans every pair (O(n²)): run on 5 000–20 000 rows, extrapolated with n².
 *
 * Run: npx tsx bench/density.ts
 * (DENSITY_BENCH_REPS=3 interleaved repetitions; DENSITY_BENCH_CASES=0,1,2,3,peers to choose cases)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { HDBSCAN } from 'hdbscan-ts';
import { adjustedRandIndex } from '../src/cluster/metrics/adjusted-rand.js';
import { dbscan } from '../src/cluster/density/dbscan.js';
import { hdbscan } from '../src/cluster/density/hdbscan.js';
import type { Matrix } from '../src/core/matrix.js';
import { blobs } from '../src/datasets/blobs.js';

// density-clustering ships no type declarations.
const clustering = createRequire(import.meta.url)('density-clustering') as {
  DBSCAN: new () => { run(data: number[][], eps: number, minPts: number): number[][] };
};

const HERE = fileURLToPath(new URL('.', import.meta.url));
const DIR = join(tmpdir(), 'latent-density-bench');
const REPS = Number(process.env['DENSITY_BENCH_REPS'] ?? 3);
/** Which cases to run (0: HDBSCAN 512-d, 1: HDBSCAN 2-d, 2: DBSCAN 2-d, 3: DBSCAN on identical rows, peers: the npm peers). */
const ONLY = (process.env['DENSITY_BENCH_CASES'] ?? '0,1,2,3,peers').split(',');

interface Run {
  seconds: number;
  cpu?: number;
  clusters: number;
  noise: number;
  peakMiB: number;
}

interface Case {
  name: string;
  spec: string;
  file: string;
  n: number;
  d: number;
  dtype: 'float32' | 'float64';
  truth: Int32Array;
}

function load(file: string, n: number, d: number, dtype: string): Matrix {
  const buf = readFileSync(file);
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  return { rows: n, cols: d, data: dtype === 'float32' ? new Float32Array(ab) : new Float64Array(ab) };
}

function rssMiB(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

/** Noise (−1) as its own group, for the adjusted Rand index. */
function groups(labels: ArrayLike<number>): Int32Array {
  let max = -1;
  for (let i = 0; i < labels.length; i++) max = Math.max(max, labels[i]!);
  return Int32Array.from(labels, (l) => (l < 0 ? max + 1 : l));
}

function runLatent(spec: string, X: Matrix): Int32Array {
  const [kind, a, b] = spec.split(':');
  return kind === 'hdbscan' ? hdbscan(X, { minClusterSize: Number(a), predictionData: false }).labels : dbscan(X, { eps: Number(a), minSamples: Number(b) }).labels;
}

/** One latent run in this (child) process: a warm-up on 2 000 rows, then the timed run. */
function child(spec: string, file: string, n: number, d: number, dtype: string, out: string): void {
  const X = load(file, n, d, dtype);
  const warm = Math.min(n, 2000);
  runLatent(spec, { rows: warm, cols: d, data: X.data.subarray(0, warm * d) });
  (globalThis as { gc?: () => void }).gc?.();
  const base = rssMiB();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const labels = runLatent(spec, X);
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const peak = process.resourceUsage().maxRSS / 1024;
  writeFileSync(out, Buffer.from(labels.buffer));
  let clusters = 0;
  let noise = 0;
  for (const l of labels) {
    clusters = Math.max(clusters, l + 1);
    if (l < 0) noise++;
  }
  process.stdout.write(JSON.stringify({ seconds, cpu: (c.user + c.system) / 1e6, clusters, noise, peakMiB: peak - base }) + '\n');
}

function spawnJson(cmd: string, args: string[]): Run {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Run;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** hdbscan-ts and latent on the first `m` rows, same process. */
function peerHdbscan(X: Matrix, m: number): { latent: number; peer: number; ari: number } {
  const d = X.cols;
  const rows = Array.from({ length: m }, (_, i) => Array.from(X.data.subarray(i * d, (i + 1) * d)));
  const t0 = performance.now();
  const ours = hdbscan(rows, { minClusterSize: 15 }).labels;
  const latent = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const theirs = new HDBSCAN({ minClusterSize: 15, minSamples: 15 }).fit(rows);
  const peer = (performance.now() - t1) / 1000;
  return { latent, peer, ari: adjustedRandIndex(groups(ours), groups(theirs)) };
}

/** density-clustering's DBSCAN and latent on the first `m` rows, same process. */
function peerDbscan(X: Matrix, m: number, eps: number, minSamples: number): { latent: number; peer: number; ari: number } {
  const d = X.cols;
  const rows = Array.from({ length: m }, (_, i) => Array.from(X.data.subarray(i * d, (i + 1) * d)));
  const t0 = performance.now();
  const ours = dbscan(rows, { eps, minSamples }).labels;
  const latent = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const db = new clustering.DBSCAN();
  const clusters = db.run(rows, eps, minSamples);
  const peer = (performance.now() - t1) / 1000;
  const theirs = new Int32Array(m).fill(-1);
  clusters.forEach((c, k) => c.forEach((i) => (theirs[i] = k)));
  return { latent, peer, ari: adjustedRandIndex(groups(ours), groups(theirs)) };
}

function driver(): void {
  mkdirSync(DIR, { recursive: true });
  const high = blobs({ n: 6000, centers: 10, dims: 512, spread: 4, seed: 1 });
  const low = blobs({ n: 100_000, centers: 20, dims: 2, spread: 0.5, seed: 1 });
  const highF32 = Float32Array.from(high.data.data);
  writeFileSync(join(DIR, 'high.bin'), Buffer.from(highF32.buffer));
  writeFileSync(join(DIR, 'low.bin'), Buffer.from(low.data.data.buffer));
  writeFileSync(join(DIR, 'same.bin'), Buffer.from(new Float32Array(20_000 * 32).fill(0.25).buffer));
  const cases: Case[] = [
    { name: 'HDBSCAN 6 000 × 512 (Float32), minClusterSize 15', spec: 'hdbscan:15', file: join(DIR, 'high.bin'), n: 6000, d: 512, dtype: 'float32', truth: high.labels },
    { name: 'HDBSCAN 100 000 × 2, minClusterSize 15', spec: 'hdbscan:15', file: join(DIR, 'low.bin'), n: 100_000, d: 2, dtype: 'float64', truth: low.labels },
    { name: 'DBSCAN 100 000 × 2, eps 0.1, minSamples 10', spec: 'dbscan:0.1:10', file: join(DIR, 'low.bin'), n: 100_000, d: 2, dtype: 'float64', truth: low.labels },
    { name: 'DBSCAN 20 000 identical rows × 32 (Float32), eps 0.5, minSamples 5', spec: 'dbscan:0.5:5', file: join(DIR, 'same.bin'), n: 20_000, d: 32, dtype: 'float32', truth: new Int32Array(20_000) },
  ];
  const self = fileURLToPath(import.meta.url);
  const tsx = join(HERE, '..', 'node_modules', '.bin', 'tsx');
  console.log(`| case | latent s (cpu s) | scikit-learn s (cpu s) | sklearn / latent | latent peak MiB | sklearn peak MiB | ARI latent–sklearn | ARI vs truth (latent / sklearn) | clusters (latent / sklearn) |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [ci, c] of cases.entries()) {
    if (!ONLY.includes(String(ci))) continue;
    const ours: Run[] = [];
    const theirs: Run[] = [];
    const outL = join(DIR, 'latent.labels');
    const outS = join(DIR, 'sklearn.labels');
    for (let r = 0; r < REPS; r++) {
      ours.push(spawnJson(tsx, ['--expose-gc', self, 'child', c.spec, c.file, String(c.n), String(c.d), c.dtype, outL]));
      theirs.push(spawnJson('python3', [join(HERE, 'native', 'density.py'), c.spec, c.file, String(c.n), String(c.d), c.dtype, outS]));
    }
    const lab = (f: string): Int32Array => {
      const b = readFileSync(f);
      return new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    };
    const a = lab(outL);
    const b = lab(outS);
    const t = median(ours.map((x) => x.seconds));
    const ts = median(theirs.map((x) => x.seconds));
    console.log(
      `| ${c.name} | ${t.toFixed(2)} (${median(ours.map((x) => x.cpu ?? 0)).toFixed(2)}) | ${ts.toFixed(2)} (${median(theirs.map((x) => x.cpu ?? 0)).toFixed(2)}) | ${(ts / t).toFixed(2)} | ${median(ours.map((x) => x.peakMiB)).toFixed(0)} | ${median(theirs.map((x) => x.peakMiB)).toFixed(0)} | ` +
        `${adjustedRandIndex(groups(a), groups(b)).toFixed(4)} | ${adjustedRandIndex(groups(a), c.truth).toFixed(3)} / ${adjustedRandIndex(groups(b), c.truth).toFixed(3)} | ${ours[0]!.clusters} / ${theirs[0]!.clusters} |`,
    );
    console.log(`<!-- ${c.name}: latent runs ${ours.map((x) => x.seconds.toFixed(2)).join(', ')}; scikit-learn runs ${theirs.map((x) => x.seconds.toFixed(2)).join(', ')} -->`);
  }
  if (!ONLY.includes('peers')) return;
  // npm peers on subsets, same process as a latent run on the same rows (latent warmed up first).
  const highX: Matrix = { rows: 6000, cols: 512, data: highF32 };
  peerHdbscan(highX, 200);
  peerDbscan(low.data, 2000, 0.1, 10);
  console.log('\n| peer | rows | latent s | peer s | peer / latent | ARI latent–peer |');
  console.log('|---|---:|---:|---:|---:|---:|');
  let last = { m: 0, peer: 0 };
  for (const m of [250, 500, 1000]) {
    const r = peerHdbscan(highX, m);
    console.log(`| hdbscan-ts HDBSCAN (512-d) | ${m} | ${r.latent.toFixed(3)} | ${r.peer.toFixed(2)} | ${(r.peer / r.latent).toFixed(0)} | ${r.ari.toFixed(3)} |`);
    last = { m, peer: r.peer };
  }
  console.log(`<!-- hdbscan-ts extrapolated to 6 000 rows (n³ from ${last.m}): ${((last.peer * (6000 / last.m) ** 3) / 60).toFixed(0)} min -->`);
  for (const m of [5000, 10_000, 20_000]) {
    const r = peerDbscan(low.data, m, 0.1, 10);
    console.log(`| density-clustering DBSCAN (2-d) | ${m} | ${r.latent.toFixed(3)} | ${r.peer.toFixed(2)} | ${(r.peer / r.latent).toFixed(0)} | ${r.ari.toFixed(3)} |`);
    last = { m, peer: r.peer };
  }
  console.log(`<!-- density-clustering extrapolated to 100 000 rows (n² from ${last.m}): ${(last.peer * (100_000 / last.m) ** 2).toFixed(0)} s -->`);
}

if (process.argv[2] === 'child') {
  const [spec, file, n, d, dtype, out] = process.argv.slice(3);
  child(spec!, file!, Number(n), Number(d), dtype!, out!);
} else {
  driver();
}
