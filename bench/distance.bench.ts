/**
 * distance: pdist / cdist on 2000×64 (uniform random, seeded) against the ways a JS user would
 * otherwise compute them: ml-distance's `euclidean` / `squaredEuclidean` called in a JS loop over
 * `number[][]` rows, and a plain triple loop over a flat Float64Array.
 *
 * GFLOP/s counts 3·d flops per pair (subtract, multiply, add) for every metric, so the figures
 * compare across metrics as "pairs per second × 3d". Timings are medians of repeated runs in this
 * process, as wall time and as this process's CPU time (`process.cpuUsage`): on a shared machine
 * the wall time includes waiting for a core, the CPU time does not. vitest's `bench` blocks then
 * time the main calls again. Quality: every latent entry is compared bit for bit with the naive
 * loop.
 *
 * Run: npx vitest bench --run bench/distance.bench.ts
 */
import { distance as mlDistance, similarity as mlSimilarity } from 'ml-distance';
import { bench, describe } from 'vitest';
import { cdist, pdist } from '../src/distance/pairwise.js';
import { uniformMatrix } from '../test/helpers/random-data.js';
import { cpu, median } from './helpers/timing.js';

const N = 2000;
const D = 64;
const PAIRS = (N * (N - 1)) / 2;

const gflops = (pairs: number, ms: number): string => ((pairs * 3 * D) / (ms * 1e6)).toFixed(2);

/** The plain triple loop a JS developer writes first (flat storage, one accumulator). */
function naiveSq(X: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array((n * (n - 1)) / 2);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) {
        const t = X[i * d + k]! - X[j * d + k]!;
        s += t * t;
      }
      out[p++] = s;
    }
  }
  return out;
}

/** ml-distance in a JS loop over number[][] rows, condensed output. */
function mlPdist(rows: number[][], f: (a: number[], b: number[]) => number): Float64Array {
  const n = rows.length;
  const out = new Float64Array((n * (n - 1)) / 2);
  let p = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[p++] = f(rows[i]!, rows[j]!);
  return out;
}

const X = uniformMatrix(N, D, 1, -1, 1);
const rows: number[][] = Array.from({ length: N }, (_, i) => Array.from(X.data.subarray(i * D, (i + 1) * D)));
const Y = uniformMatrix(1000, D, 2, -1, 1);

// Lines are collected and printed once (vitest interleaves separate console.log calls).
const lines: string[] = [`\npdist on ${N}×${D} (${PAIRS} pairs), GFLOP/s at 3·d flops per pair; medians of wall time and, in brackets, of this process's CPU time`];
const tSq = median(() => pdist(X, 'sqeuclidean'), 9);
const tNaive = median(() => naiveSq(X.data, N, D), 5);
const tMlSq = median(() => mlPdist(rows, mlDistance.squaredEuclidean), 5);
const tMlEu = median(() => mlPdist(rows, mlDistance.euclidean), 5);
const tEu = median(() => pdist(X, 'euclidean'), 9);
const tEuRows = median(() => pdist(rows, 'euclidean'), 5);
const line = (name: string, ms: number, ref?: number): number =>
  lines.push(
    `  ${name.padEnd(44)} ${ms.toFixed(1).padStart(7)} ms ${gflops(PAIRS, ms).padStart(6)} GFLOP/s  (CPU ${cpu.get(ms)!.toFixed(1).padStart(6)} ms ${gflops(PAIRS, cpu.get(ms)!).padStart(6)} GFLOP/s)${ref === undefined ? '' : `  latent ${(ms / ref).toFixed(1)}× (CPU ${(cpu.get(ms)! / cpu.get(ref)!).toFixed(1)}×) faster`}`,
  );
line('latent pdist sqeuclidean (Matrix)', tSq);
line('naive JS triple loop, sqeuclidean (flat)', tNaive, tSq);
line('ml-distance squaredEuclidean, JS loop', tMlSq, tSq);
line('latent pdist euclidean (Matrix)', tEu);
line('latent pdist euclidean (number[][] in)', tEuRows);
line('ml-distance euclidean, JS loop', tMlEu, tEu);
for (const metric of ['manhattan', 'chebyshev', 'cosine'] as const) line(`latent pdist ${metric}`, median(() => pdist(X, metric), 7));
const tMlCos = median(() => mlPdist(rows, (a, b) => 1 - mlSimilarity.cosine(a, b)), 5);
line('ml-distance 1 − cosine similarity, JS loop', tMlCos, median(() => pdist(X, 'cosine'), 7));

const tC = median(() => cdist(X, Y, 'sqeuclidean'), 7);
lines.push(`  ${'latent cdist sqeuclidean 2000×1000'.padEnd(44)} ${tC.toFixed(1).padStart(7)} ms ${gflops(N * 1000, tC).padStart(6)} GFLOP/s  (CPU ${cpu.get(tC)!.toFixed(1).padStart(6)} ms ${gflops(N * 1000, cpu.get(tC)!).padStart(6)} GFLOP/s)`);

// Quality: bit-exact agreement with the naive loop, and the accuracy of the expansion trick.
{
  const a = pdist(X, 'sqeuclidean');
  const b = naiveSq(X.data, N, D);
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
  // Close points far from the origin: 500 points within 1 of (1e6, …, 1e6).
  const far = uniformMatrix(500, D, 3, -1, 1);
  for (let i = 0; i < far.data.length; i++) far.data[i] = 1e6 + far.data[i]!;
  const exact = pdist(far, 'sqeuclidean');
  let worstExpansion = 0;
  let worstOurs = 0;
  let p = 0;
  for (let i = 0; i < 500; i++) {
    for (let j = i + 1; j < 500; j++) {
      let aa = 0;
      let bb = 0;
      let ab = 0;
      let ref = 0;
      for (let k = 0; k < D; k++) {
        const x = far.data[i * D + k]!;
        const y = far.data[j * D + k]!;
        aa += x * x;
        bb += y * y;
        ab += x * y;
        // Differences of numbers near 1e6 are exact in double precision (Sterbenz).
        ref += (x - y) ** 2;
      }
      worstExpansion = Math.max(worstExpansion, Math.abs(aa + bb - 2 * ab - ref) / ref);
      worstOurs = Math.max(worstOurs, Math.abs(exact[p++]! - ref) / ref);
    }
  }
  lines.push(`  quality: ${diff} of ${a.length} entries differ from the naive loop (bit for bit);`);
  lines.push(`  points within 1 of (1e6, …): worst relative error of ‖a‖²+‖b‖²−2a·b ${worstExpansion.toExponential(1)}, of latent ${worstOurs.toExponential(1)}`);
}

console.log(lines.join('\n'));

describe(`pdist ${N}×${D}`, () => {
  bench('latent pdist sqeuclidean', () => {
    pdist(X, 'sqeuclidean');
  });
  bench('naive JS triple loop', () => {
    naiveSq(X.data, N, D);
  });
  bench('ml-distance euclidean in a JS loop', () => {
    mlPdist(rows, mlDistance.euclidean);
  });
  bench('latent pdist euclidean', () => {
    pdist(X, 'euclidean');
  });
});
