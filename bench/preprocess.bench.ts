/**
 * preprocess: standardize / minMaxScale on 50 000 × 32 and oneHot on 200 000 labels, against
 * what a JS user would otherwise write (map/reduce over number[][]; a flat two-pass loop) and
 * TensorFlow.js's CPU backend (`tf.moments`, float32). No npm peer in this project's list ships a
 * standard scaler or one-hot encoder of its own.
 *
 * Quality: the largest absolute difference from a float64 two-pass reference (TF.js computes in
 * float32, so it is ~1e-7 off). Timings are medians of repeated runs in this process; the machine
 * is shared, so expect noise.
 *
 * Run: npx vitest bench --run bench/preprocess.bench.ts
 */
import * as tf from '@tensorflow/tfjs';
import { bench, describe } from 'vitest';
import { blobs } from '../src/datasets/blobs.js';
import { minMaxScale } from '../src/preprocess/min-max-scale.js';
import { oneHot } from '../src/preprocess/one-hot.js';
import { standardize } from '../src/preprocess/standardize.js';
import { rng } from '../src/core/random.js';
import { median } from './helpers/timing.js';

await tf.setBackend('cpu');

const N = 50_000;
const D = 32;
const X = blobs({ n: N, centers: 5, dims: D, spread: 3, seed: 1 }).data;
const rows: number[][] = Array.from({ length: N }, (_, i) => Array.from(X.data.subarray(i * D, (i + 1) * D)));

/** What a JS user writes first: column means and stds with map/reduce over number[][]. */
function naiveRows(x: number[][]): number[][] {
  const d = x[0]!.length;
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j]!, 0) / x.length);
  const std = Array.from({ length: d }, (_, j) => Math.sqrt(x.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / x.length) || 1);
  return x.map((r) => r.map((v, j) => (v - mean[j]!) / std[j]!));
}

/** The float64 reference: a flat two-pass loop. */
function flat(data: Float64Array, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += data[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) sd[j]! += (data[i * d + j]! - mean[j]!) ** 2;
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]! / n) || 1;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = (data[i * d + j]! - mean[j]!) / sd[j]!;
  return out;
}

// TF.js takes float32 input; the conversion is done once, outside the timing.
const X32 = Float32Array.from(X.data);
function tfStandardize(): Float32Array {
  return tf.tidy(() => {
    const t = tf.tensor2d(X32, [N, D], 'float32');
    const { mean, variance } = tf.moments(t, 0);
    return t.sub(mean).div(variance.sqrt()).dataSync() as Float32Array;
  });
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

const ref = flat(X.data, N, D);
const lines: string[] = [`\nstandardize ${N}×${D} (medians; ratio = other / latent)`];
const tOurs = median(() => standardize(X), 9);
const tRows = median(() => standardize(rows), 5);
const tNaive = median(() => naiveRows(rows), 5);
const tFlat = median(() => flat(X.data, N, D), 9);
const tTf = median(() => tfStandardize(), 5);
const row = (name: string, ms: number, quality: number, ref0?: number): void => {
  lines.push(`  ${name.padEnd(42)} ${ms.toFixed(1).padStart(7)} ms  max |Δ| ${quality.toExponential(1).padStart(8)}${ref0 === undefined ? '' : `  ratio ${(ms / ref0).toFixed(2)}`}`);
};
row('latent standardize (Matrix)', tOurs, maxDiff(standardize(X).data.data, ref));
row('latent standardize (number[][] in)', tRows, maxDiff(standardize(rows).data.data, ref), tOurs);
row('naive map/reduce over number[][]', tNaive, maxDiff(naiveRows(rows).flat(), ref), tOurs);
row('flat two-pass loop (reference)', tFlat, 0, tOurs);
row('TF.js cpu tf.moments (float32)', tTf, maxDiff(tfStandardize(), ref), tOurs);

const tMm = median(() => minMaxScale(X), 9);
lines.push(`minMaxScale ${N}×${D}: latent ${tMm.toFixed(1)} ms`);

const random = rng(2);
const LEVELS = 50;
const labels = Array.from({ length: 200_000 }, () => `cat-${Math.floor(random() * LEVELS)}`);
function naiveOneHot(values: string[]): number[][] {
  const cats = [...new Set(values)].sort();
  const index = new Map(cats.map((c, j) => [c, j]));
  return values.map((v) => {
    const r = new Array<number>(cats.length).fill(0);
    r[index.get(v)!] = 1;
    return r;
  });
}
const tOh = median(() => oneHot(labels), 7);
const tOhNaive = median(() => naiveOneHot(labels), 5);
const same = maxDiff(oneHot(labels).data.data, naiveOneHot(labels).flat()) === 0;
lines.push(`oneHot 200000 labels × ${LEVELS} levels: latent ${tOh.toFixed(1)} ms, naive number[][] ${tOhNaive.toFixed(1)} ms (ratio ${(tOhNaive / tOh).toFixed(2)}), identical output: ${same}`);
console.log(lines.join('\n'));

describe(`standardize ${N}×${D}`, () => {
  bench('latent standardize', () => {
    standardize(X);
  });
  bench('naive map/reduce over number[][]', () => {
    naiveRows(rows);
  });
  bench('TF.js cpu tf.moments', () => {
    tfStandardize();
  });
});
