/**
 * cluster (partitional): k-means and k-medoids against the npm peers on the same data in one
 * process — ml-kmeans, skmeans, druid.js KMeans / KMedoids and k-medoids (npm).
 *
 * Printed first (one timed run per seed, CPU time of this process and wall time; medians):
 *   1. k-means on 10 000 × 50, k = 10: blobs with spread 1 (scikit-learn's make_blobs default,
 *      well separated) and spread 8 (heavily overlapping); inertia of every result is recomputed
 *      the same way (labels → means → sum of squares) so no library is judged by its own report.
 *   2. k-means on the digits (1797 × 64, k = 10).
 *   3. Mini-batch k-means vs full k-means on 200 000 × 20, k = 20 (the quality trade-off).
 *   4. k-medoids: 2 000 × 10 blobs and the digits, k = 10 — FasterPAM (BUILD / k-means++ starts),
 *      PAM, alternate vs druid.js KMedoids; and vs `k-medoids` (npm) on 200 points (it evaluates
 *      every swap by re-clustering, far too slow for 2 000).
 *   5. Opt-in quality studies (CLUSTER_BENCH_QUALITY=1, a few minutes): the default nInit
 *      against scikit-learn's n_init=10 median, FasterPAM's cost against classic PAM, and
 *      FasterPAM from each start (BUILD, k-means++, LAB, random) against PAM.
 * Then vitest's own bench table for the headline cases.
 *
 * Run: npx vitest bench --run bench/cluster.bench.ts   (CLUSTER_BENCH_RUNS=<n> seeds, default 5)
 */
import { createRequire } from 'node:module';
import { KMeans as DruidKMeans, KMedoids as DruidKMedoids } from '@saehrimnir/druidjs';
import { Clusterer } from 'k-medoids';
import { kmeans as mlKmeans } from 'ml-kmeans';
import { bench, describe } from 'vitest';
import { kmeans, kmedoids, miniBatchKmeans } from '../src/cluster/index.js';
import type { Matrix } from '../src/core/matrix.js';
import { blobs } from '../src/datasets/index.js';
import { pdist } from '../src/distance/pairwise.js';
import { loadCsv, loadGolden, zscore } from '../test/helpers/data.js';
import { cpuMs } from './helpers/timing.js';

type SkMeans = (data: number[][], k: number, init?: string, maxIt?: number) => { idxs: number[] };
const skmeans = createRequire(import.meta.url)('skmeans') as SkMeans;

const RUNS = Number(process.env['CLUSTER_BENCH_RUNS'] ?? 5);
const WARMUP = 4;

const toRows = (m: Matrix): number[][] => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
const median = (v: number[]): number => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

/** Inertia of a labelling: centres = means of the labels, then Σ‖x − c‖² (the best inertia those labels allow). */
function inertiaOfLabels(X: Matrix, labels: ArrayLike<number>, k: number): number {
  const d = X.cols;
  const C = new Float64Array(k * d);
  const count = new Float64Array(k);
  for (let i = 0; i < X.rows; i++) {
    const c = labels[i]!;
    count[c]!++;
    for (let t = 0; t < d; t++) C[c * d + t]! += X.data[i * d + t]!;
  }
  for (let c = 0; c < k; c++) for (let t = 0; t < d; t++) C[c * d + t]! /= count[c]! || 1;
  let s = 0;
  for (let i = 0; i < X.rows; i++) for (let t = 0; t < d; t++) s += (X.data[i * d + t]! - C[labels[i]! * d + t]!) ** 2;
  return s;
}

interface Row {
  name: string;
  cpu: number;
  wall: number;
  quality: number[];
}

/** Times `runs` seeded calls after `WARMUP` untimed ones (V8 needs a few runs to optimise a hot loop). */
function measure(name: string, runs: number, f: (seed: number) => ArrayLike<number>, quality: (out: ArrayLike<number>) => number): Row {
  for (let w = 0; w < WARMUP; w++) f(1000 + w);
  const cpu: number[] = [];
  const wall: number[] = [];
  const q: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = cpuMs();
    const w0 = performance.now();
    const out = f(r + 1);
    wall.push(performance.now() - w0);
    cpu.push(cpuMs() - c0);
    q.push(quality(out));
  }
  return { name, cpu: median(cpu), wall: median(wall), quality: q };
}

function report(title: string, rows: Row[], baseline: string, qualityName: string): void {
  const base = rows.find((r) => r.name === baseline)!;
  console.log(`\n${title}`);
  for (const r of rows) {
    const ratio = r === base ? '' : `  ratio vs ${baseline}: ${(r.cpu / base.cpu).toFixed(1)}× cpu, ${(r.wall / base.wall).toFixed(1)}× wall`;
    console.log(
      `  ${r.name.padEnd(34)} ${r.cpu.toFixed(1).padStart(8)} ms cpu ${r.wall.toFixed(1).padStart(8)} ms wall   ${qualityName} mean ${mean(r.quality).toPrecision(9)} worst ${Math.max(...r.quality).toPrecision(9)}${ratio}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// 1–2. k-means
// ---------------------------------------------------------------------------------------------
function kmeansSuite(title: string, X: Matrix, k: number): void {
  const rows = toRows(X);
  const q = (labels: ArrayLike<number>): number => inertiaOfLabels(X, labels, k);
  const results = [
    measure('latent kmeans nInit=1', RUNS, (seed) => kmeans(X, { k, nInit: 1, seed }).labels, q),
    measure('latent kmeans nInit=1 lloyd', RUNS, (seed) => kmeans(X, { k, nInit: 1, seed, algorithm: 'lloyd' }).labels, q),
    measure('latent kmeans (default nInit=10)', Math.max(1, Math.ceil(RUNS / 2)), (seed) => kmeans(X, { k, seed }).labels, q),
    measure('ml-kmeans (k-means++)', RUNS, (seed) => mlKmeans(rows, k, { seed }).clusters, q),
    measure('skmeans (kmpp; Math.random)', RUNS, () => skmeans(rows, k, 'kmpp').idxs, q),
    measure('druid.js KMeans', RUNS, (seed) => new DruidKMeans(rows, { K: k, seed }).get_cluster_list(), q),
  ];
  report(title, results, 'latent kmeans nInit=1', 'inertia');
}

kmeansSuite('k-means 10 000 × 50, k = 10, blobs spread 1 (make_blobs default)', blobs({ n: 10000, centers: 10, dims: 50, spread: 1, seed: 7 }).data, 10);
kmeansSuite('k-means 10 000 × 50, k = 10, blobs spread 8 (overlapping)', blobs({ n: 10000, centers: 10, dims: 50, spread: 8, seed: 7 }).data, 10);
kmeansSuite('k-means digits 1797 × 64, k = 10', loadCsv('digits').data, 10);

// ---------------------------------------------------------------------------------------------
// 3. Mini-batch trade-off
// ---------------------------------------------------------------------------------------------
{
  const X = blobs({ n: 200000, centers: 20, dims: 20, spread: 2, seed: 3 }).data;
  const q = (labels: ArrayLike<number>): number => inertiaOfLabels(X, labels, 20);
  const runs = Math.max(1, Math.ceil(RUNS / 2));
  const results = [
    measure('latent kmeans (default nInit=10)', runs, (seed) => kmeans(X, { k: 20, seed }).labels, q),
    measure('latent kmeans nInit=1', runs, (seed) => kmeans(X, { k: 20, nInit: 1, seed }).labels, q),
    measure('latent miniBatchKmeans (batch 1024)', runs, (seed) => miniBatchKmeans(X, { k: 20, seed }).labels, q),
    measure('latent miniBatchKmeans (batch 4096)', runs, (seed) => miniBatchKmeans(X, { k: 20, seed, batchSize: 4096 }).labels, q),
  ];
  report('mini-batch vs full k-means, 200 000 × 20, k = 20, blobs spread 2', results, 'latent miniBatchKmeans (batch 1024)', 'inertia');
  const best = Math.min(...results[0]!.quality);
  console.log(`  mini-batch inertia / best full inertia: ${(mean(results[2]!.quality) / best).toFixed(5)} (batch 1024), ${(mean(results[3]!.quality) / best).toFixed(5)} (batch 4096)`);
}

// ---------------------------------------------------------------------------------------------
// 4. k-medoids
// ---------------------------------------------------------------------------------------------
function medoidCost(D: Float64Array, n: number, medoids: ArrayLike<number>): number {
  let s = 0;
  for (let o = 0; o < n; o++) {
    let m = Infinity;
    for (let q = 0; q < medoids.length; q++) {
      const j = medoids[q]!;
      const v = o === j ? 0 : o < j ? D[n * o - (o * (o + 1)) / 2 + j - o - 1]! : D[n * j - (j * (j + 1)) / 2 + o - j - 1]!;
      if (v < m) m = v;
    }
    s += m;
  }
  return s;
}

function kmedoidsSuite(title: string, X: Matrix, k: number, withNpm: boolean): void {
  const rows = toRows(X);
  const D = pdist(X);
  const q = (med: ArrayLike<number>): number => medoidCost(D, X.rows, med);
  const results = [
    measure('latent FasterPAM (BUILD, default)', RUNS, () => kmedoids(X, { k }).medoids, q),
    measure('latent FasterPAM (k-means++ start)', RUNS, (seed) => kmedoids(X, { k, init: 'k-means++', seed }).medoids, q),
    measure('latent FasterPAM (LAB, nInit 5)', RUNS, (seed) => kmedoids(X, { k, init: 'lab', nInit: 5, seed }).medoids, q),
    measure('latent PAM (BUILD + SWAP)', RUNS, () => kmedoids(X, { k, method: 'pam' }).medoids, q),
    measure('latent alternate (k-means++ start)', RUNS, (seed) => kmedoids(X, { k, method: 'alternate', init: 'k-means++', seed }).medoids, q),
    measure('druid.js KMedoids', withNpm ? RUNS : Math.max(1, Math.ceil(RUNS / 2)), (seed) => new DruidKMedoids(rows, { K: k, seed }).get_medoids(), q),
  ];
  if (withNpm) {
    const npm = (): number[] => {
      const c = Clusterer.getInstance(rows, k);
      c.getClusteredData();
      return c.Medoids.map((m) => rows.indexOf(m));
    };
    const c0 = cpuMs();
    const w0 = performance.now();
    const medoids = npm();
    // One run only (seconds); no warm-up.
    results.push({ name: 'k-medoids (npm), 1 run', cpu: cpuMs() - c0, wall: performance.now() - w0, quality: [q(medoids)] });
  }
  report(title, results, 'latent FasterPAM (BUILD, default)', 'cost');
}

kmedoidsSuite('k-medoids 2 000 × 10 blobs (spread 3), k = 10', blobs({ n: 2000, centers: 10, dims: 10, spread: 3, seed: 5 }).data, 10, false);
kmedoidsSuite('k-medoids digits 1797 × 64, k = 10', loadCsv('digits').data, 10, false);
kmedoidsSuite('k-medoids 200 × 10 blobs (spread 3), k = 10 (for the npm k-medoids package)', blobs({ n: 200, centers: 10, dims: 10, spread: 3, seed: 5 }).data, 10, true);

// ---------------------------------------------------------------------------------------------
// 5. Quality studies (slow, opt-in: CLUSTER_BENCH_QUALITY=1): the default nInit against
//    scikit-learn's n_init=10 median, and FasterPAM against classic PAM for k = 2…12.
// ---------------------------------------------------------------------------------------------
if (process.env['CLUSTER_BENCH_QUALITY'] === '1') {
  const golden = loadGolden<Record<string, { k: number; sklearnNInit10Median: number; bestOf100Inertia: number }>>('kmeans');
  const sets: [string, Matrix][] = [
    ['iris', loadCsv('iris').data],
    ['wine_std', zscore(loadCsv('wine').data)],
    ['digits', loadCsv('digits').data],
  ];
  console.log('\nkmeans nInit vs scikit-learn KMeans(n_init=10) median inertia, seeds 0..29');
  for (const [name, X] of sets) {
    const g = golden[name]!;
    for (const nInit of [1, 3, 5, 10, 20, 30]) {
      const v = Array.from({ length: 30 }, (_, seed) => kmeans(X, { k: g.k, nInit, seed }).inertia);
      const ok = v.filter((x) => x <= g.sklearnNInit10Median * (1 + 1e-9)).length;
      const worst = Math.max(...v) / g.sklearnNInit10Median - 1;
      console.log(`  ${name.padEnd(9)} nInit ${String(nInit).padStart(2)}: ${ok}/30 ≤ median, worst relative excess ${worst.toExponential(1)}, best ${Math.min(...v).toFixed(3)} (sklearn best of 100: ${g.bestOf100Inertia})`);
    }
  }
  console.log('\nFasterPAM (BUILD start) cost relative to classic PAM, k = 2..12');
  const medSets: [string, Matrix][] = [...sets, ['wine_raw', loadCsv('wine').data]];
  for (const nInit of [1, 3, 5]) {
    const gaps: number[] = [];
    let where = '';
    for (const [name, X] of medSets) {
      for (let k = 2; k <= 12; k++) {
        const g = kmedoids(X, { k, nInit }).cost / kmedoids(X, { k, method: 'pam' }).cost - 1;
        if (gaps.length === 0 || g > Math.max(...gaps)) where = `${name} k=${k}`;
        gaps.push(g);
      }
    }
    console.log(`  nInit ${nInit}: mean ${(mean(gaps) * 100).toFixed(3)} %, worst ${(Math.max(...gaps) * 100).toFixed(2)} % (${where}), ${gaps.length} cases`);
  }
  console.log('\nFasterPAM from each start, cost relative to classic PAM, k = 2..12 (seeded starts: 10 seeds per k, 3 on the digits)');
  for (const [name, X] of medSets) {
    const seeds = name === 'digits' ? 3 : 10;
    const starts: [string, (k: number, seed: number) => number][] = [
      ['build', (k) => kmedoids(X, { k }).cost],
      ['k-means++', (k, seed) => kmedoids(X, { k, init: 'k-means++', seed }).cost],
      ['k-means++ nInit 3', (k, seed) => kmedoids(X, { k, init: 'k-means++', seed, nInit: 3 }).cost],
      ['lab', (k, seed) => kmedoids(X, { k, init: 'lab', seed }).cost],
      ['random', (k, seed) => kmedoids(X, { k, init: 'random', seed }).cost],
    ];
    const pam = Array.from({ length: 13 }, (_, k) => (k < 2 ? 0 : kmedoids(X, { k, method: 'pam' }).cost));
    for (const [start, run] of starts) {
      const gaps: number[] = [];
      for (let k = 2; k <= 12; k++) for (let seed = 0; seed < (start === 'build' ? 1 : seeds); seed++) gaps.push(run(k, seed) / pam[k]! - 1);
      const worse = gaps.filter((g) => g > 1e-12).length;
      console.log(`  ${name.padEnd(9)} ${start.padEnd(18)} mean ${(mean(gaps) * 100).toFixed(3)} %, worst ${(Math.max(...gaps) * 100).toFixed(3)} %, worse than PAM ${worse}/${gaps.length}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// vitest bench tables (headline cases)
// ---------------------------------------------------------------------------------------------
{
  const X = blobs({ n: 10000, centers: 10, dims: 50, spread: 8, seed: 7 }).data;
  const rows = toRows(X);
  let seed = 0;
  describe('k-means 10 000 × 50, k = 10 (spread 8), one run', () => {
    bench('latent kmeans nInit=1', () => void kmeans(X, { k: 10, nInit: 1, seed: ++seed }), { iterations: 10, time: 0 });
    bench('druid.js KMeans', () => void new DruidKMeans(rows, { K: 10, seed: ++seed }).get_cluster_list(), { iterations: 10, time: 0 });
    bench('skmeans', () => void skmeans(rows, 10, 'kmpp'), { iterations: 5, time: 0 });
    bench('ml-kmeans', () => void mlKmeans(rows, 10, { seed: ++seed }), { iterations: 5, time: 0 });
  });
}
{
  const X = blobs({ n: 2000, centers: 10, dims: 10, spread: 3, seed: 5 }).data;
  const rows = toRows(X);
  describe('k-medoids 2 000 × 10, k = 10', () => {
    bench('latent kmedoids (FasterPAM)', () => void kmedoids(X, { k: 10 }), { iterations: 10, time: 0 });
    bench('druid.js KMedoids', () => void new DruidKMedoids(rows, { K: 10, seed: 1 }).get_medoids(), { iterations: 3, time: 0 });
  });
}
