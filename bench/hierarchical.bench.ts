/**
 * cluster/hierarchical: average linkage from points (distances included) — latent's
 * nearest-neighbour chain on one condensed distance array vs ml-hclust `agnes` (rebuilds an
 * (n−k)² matrix at every merge: O(n³)) and druid.js `HierarchicalClustering` (full n×n
 * matrix with cached row minima). Same data (5 Gaussian blobs in 10 dimensions, seeded) in
 * the same process. Quality check: the three trees' 5-cluster partitions (adjusted Rand
 * index against ours) and the root heights, which must agree for the same criterion.
 * Then latent alone at n = 10 000 for every method, each in a fresh Node process so its peak
 * RSS is its own.
 *
 * Also: average linkage on the digits (1797 × 64) against druid.js.
 * Run: NODE_OPTIONS=--expose-gc npx vitest bench --run bench/hierarchical.bench.ts
 * (--expose-gc: a full GC before each timed run, and a clean peak-memory reading)
 * (HCLUST_BENCH_N=2000, HCLUST_BENCH_BIG=10000, HCLUST_BENCH_REPS=9, HCLUST_BENCH_WARMUP=3 to change them)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { HierarchicalClustering } from '@saehrimnir/druidjs';
import { agnes } from 'ml-hclust';
import { bench, describe } from 'vitest';
import { LINKAGE_METHODS, cutTree, linkage } from '../src/cluster/index.js';
import { toRows, type Matrix } from '../src/core/matrix.js';
import { randomNormal, rng } from '../src/core/random.js';
import { loadCsv } from '../test/helpers/data.js';

const N = Number(process.env['HCLUST_BENCH_N'] ?? 2000);
const BIG = Number(process.env['HCLUST_BENCH_BIG'] ?? 10000);
const REPS = Number(process.env['HCLUST_BENCH_REPS'] ?? 9);
const WARMUP = Number(process.env['HCLUST_BENCH_WARMUP'] ?? 3);
const D = 10;

/** n points around 5 random centres (spread 1, centres in a cube of side 20). */
function blobs(n: number, seed: number): Matrix {
  const s = rng(seed);
  const centres = Array.from({ length: 5 * D }, () => randomNormal(s) * 6);
  const data = new Float64Array(n * D);
  for (let i = 0; i < n; i++) for (let j = 0; j < D; j++) data[i * D + j] = centres[(i % 5) * D + j]! + randomNormal(s);
  return { rows: n, cols: D, data };
}

function ari(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const table = new Map<string, number>();
  const ra = new Map<number, number>();
  const rb = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = `${a[i]},${b[i]}`;
    table.set(k, (table.get(k) ?? 0) + 1);
    ra.set(a[i]!, (ra.get(a[i]!) ?? 0) + 1);
    rb.set(b[i]!, (rb.get(b[i]!) ?? 0) + 1);
  }
  const c2 = (x: number): number => (x * (x - 1)) / 2;
  let sij = 0;
  for (const v of table.values()) sij += c2(v);
  let sa = 0;
  for (const v of ra.values()) sa += c2(v);
  let sb = 0;
  for (const v of rb.values()) sb += c2(v);
  const expected = (sa * sb) / c2(n);
  return (sij - expected) / ((sa + sb) / 2 - expected);
}

const median = (v: number[]): number => v.slice().sort((x, y) => x - y)[Math.floor(v.length / 2)]!;
const gc = (globalThis as { gc?: () => void }).gc;
const mib = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;

// ---- 1. latent alone at n = BIG, each method in a fresh process (clean peak memory). ----
const root = fileURLToPath(new URL('../', import.meta.url));
const child = `
const { linkage } = await import(${JSON.stringify(`${root}src/cluster/index.ts`)});
const { randomNormal, rng } = await import(${JSON.stringify(`${root}src/core/random.ts`)});
const n = Number(process.argv[1]), d = ${D}, s = rng(2);
const centres = Array.from({ length: 5 * d }, () => randomNormal(s) * 6);
const data = new Float64Array(n * d);
for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) data[i * d + j] = centres[(i % 5) * d + j] + randomNormal(s);
globalThis.gc?.();
const base = process.memoryUsage().rss;
const t0 = performance.now();
const Z = linkage({ rows: n, cols: d, data }, { method: process.argv[2] });
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, base, peak: process.resourceUsage().maxRSS * 1024, root: Z.data[(n - 2) * 4 + 2] }));
`;
console.log(`\nlatent linkage on ${BIG} × ${D} points (5 blobs), distances included, one fresh process per method`);
console.log(`  condensed distance array: ${mib(((BIG * (BIG - 1)) / 2) * 8)}${BIG <= 4096 ? `; square working matrix: ${mib(BIG * BIG * 8)}` : ''}`);
for (const method of LINKAGE_METHODS) {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', child, String(BIG), method], { encoding: 'utf8', cwd: root });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) {
    console.log(`  ${method}: child failed (${r.status}): ${r.stderr.slice(0, 300)}`);
    continue;
  }
  const res = JSON.parse(line) as { ms: number; base: number; peak: number; root: number };
  console.log(
    `  ${method.padEnd(8)} ${(res.ms / 1000).toFixed(2)} s   root height ${res.root.toFixed(3)}   ` +
      `peak RSS ${mib(res.peak)} = ${mib(res.peak - res.base)} above the process before the call`,
  );
}

// ---- 2. average linkage at n = N: latent vs druid.js vs ml-hclust. ----
const X = blobs(N, 1);
const rows = toRows(X);
const ours: number[] = [];
const druid: number[] = [];
// Warm-up (JIT tiers, first-touch of the allocator) for both, then interleaved timed runs.
let Zours = linkage(X, { method: 'average' });
let druidTree = new HierarchicalClustering(rows, { linkage: 'average' });
for (let w = 0; w < WARMUP; w++) {
  Zours = linkage(X, { method: 'average' });
  druidTree = new HierarchicalClustering(rows, { linkage: 'average' });
}
// Each timed run starts after a full GC (with --expose-gc) so nobody pays for the other's garbage.
for (let r = 0; r < REPS; r++) {
  gc?.();
  let t0 = performance.now();
  Zours = linkage(X, { method: 'average' });
  ours.push(performance.now() - t0);
  gc?.();
  t0 = performance.now();
  druidTree = new HierarchicalClustering(rows, { linkage: 'average' });
  druid.push(performance.now() - t0);
}
const t0 = performance.now();
const agnesTree = agnes(rows, { method: 'average' });
const agnesMs = performance.now() - t0;

const oursMs = median(ours);
const druidMs = median(druid);
const k5 = cutTree(Zours, { k: 5 });
// ml-hclust: group(5) gives a root with 5 children; druid: cut just below the 4th-highest merge.
const agnesLabels = new Int32Array(N);
agnesTree.group(5).children.forEach((c: { indices: () => number[] }, g: number) => {
  for (const i of c.indices()) agnesLabels[i] = g;
});
const cutHeight = (Zours.data[(N - 5) * 4 + 2]! + Zours.data[(N - 6) * 4 + 2]!) / 2;
const druidLabels = Int32Array.from(druidTree.get_cluster_list(cutHeight));
const rootOurs = Zours.data[(N - 2) * 4 + 2]!;
console.log(`\naverage linkage, ${N} × ${D} points (5 blobs), distances included; median of ${REPS} runs after ${WARMUP + 1} warm-up runs each (agnes: 1 run)`);
const minOf = (v: number[]): number => Math.min(...v);
console.log(`  latent          : median ${oursMs.toFixed(1)} ms, best ${minOf(ours).toFixed(1)} ms   (runs: ${ours.map((v) => v.toFixed(0)).join(' ')})`);
console.log(
  `  druid.js        : median ${druidMs.toFixed(1)} ms, best ${minOf(druid).toFixed(1)} ms → ${(druidMs / oursMs).toFixed(1)}× slower (median/median), ` +
    `${(minOf(druid) / minOf(ours)).toFixed(1)}× (best/best)   (runs: ${druid.map((v) => v.toFixed(0)).join(' ')})`,
);
console.log(`  ml-hclust agnes : ${agnesMs.toFixed(0)} ms (1 run) → ${(agnesMs / oursMs).toFixed(0)}× our median, ${(agnesMs / minOf(ours)).toFixed(0)}× our best`);
console.log(`  root height: latent ${rootOurs.toFixed(6)}, druid ${(druidTree.root as { dist: number }).dist.toFixed(6)}, agnes ${agnesTree.height.toFixed(6)}`);
console.log(`  5-cluster partition ARI vs latent: druid ${ari(k5, druidLabels).toFixed(4)}, agnes ${ari(k5, agnesLabels).toFixed(4)}`);

// ---- 3. The same comparison on real, higher-dimensional data (distances weigh more). ----
{
  const digits = loadCsv('digits').data;
  const digitRows = toRows(digits);
  const a: number[] = [];
  const b: number[] = [];
  for (let w = 0; w < 2; w++) {
    linkage(digits, { method: 'average' });
    new HierarchicalClustering(digitRows, { linkage: 'average' });
  }
  for (let r = 0; r < 5; r++) {
    gc?.();
    let t = performance.now();
    linkage(digits, { method: 'average' });
    a.push(performance.now() - t);
    gc?.();
    t = performance.now();
    new HierarchicalClustering(digitRows, { linkage: 'average' });
    b.push(performance.now() - t);
  }
  console.log(`\naverage linkage, digits ${digits.rows} × ${digits.cols}, median of 5 runs: latent ${median(a).toFixed(1)} ms, druid.js ${median(b).toFixed(1)} ms → ${(median(b) / median(a)).toFixed(1)}×`);
}

describe(`average linkage, ${N} points`, () => {
  bench('latent linkage', () => {
    linkage(X, { method: 'average' });
  }, { iterations: 5, warmupIterations: 1 });
  bench('druid.js HierarchicalClustering', () => {
    new HierarchicalClustering(rows, { linkage: 'average' });
  }, { iterations: 3, warmupIterations: 1 });
});
