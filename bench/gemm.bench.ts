/**
 * core/gemm: GFLOP/s of the blocked, register-tiled matrix product for the four transpose
 * combinations and the skinny shapes PCA and the autoencoder use, against a straightforward
 * i-p-j loop (the best naive order) and TensorFlow.js's pure-JS `cpu` backend (float32).
 *
 * Run: npx vitest bench --run bench/gemm.bench.ts
 */
import * as tf from '@tensorflow/tfjs';
import { bench, describe } from 'vitest';
import { gemm, syrk } from '../src/core/gemm.js';
import { randomNormal, rng } from '../src/core/random.js';

await tf.setBackend('cpu');

function fill(len: number, seed: number): Float64Array {
  const r = rng(seed);
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) out[i] = randomNormal(r);
  return out;
}

/** C = A·B with the cache-friendly i-p-j loop order (no blocking, no tiling). */
function naive(m: number, n: number, k: number, a: Float64Array, b: Float64Array, c: Float64Array): void {
  c.fill(0);
  for (let i = 0; i < m; i++) {
    const co = i * n;
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p]!;
      const bo = p * n;
      for (let j = 0; j < n; j++) c[co + j] = c[co + j]! + av * b[bo + j]!;
    }
  }
}

function best(fn: () => void, minMs = 300): number {
  fn();
  let bestMs = Infinity;
  const t0 = performance.now();
  let runs = 0;
  while (runs < 3 || performance.now() - t0 < minMs) {
    const t = performance.now();
    fn();
    bestMs = Math.min(bestMs, performance.now() - t);
    runs++;
  }
  return bestMs;
}

const gf = (flops: number, ms: number): string => (flops / ms / 1e6).toFixed(2);

console.log('\ngemm GFLOP/s (best of repeated runs; single thread)');
for (const size of [128, 256, 512]) {
  const a = fill(size * size, 1);
  const b = fill(size * size, 2);
  const c = new Float64Array(size * size);
  const flops = 2 * size ** 3;
  const parts: string[] = [];
  for (const [tA, tB] of [
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ] as const) {
    parts.push(`${tA ? 'T' : 'N'}${tB ? 'T' : 'N'} ${gf(flops, best(() => gemm(tA, tB, size, size, size, 1, a, b, 0, c)))}`);
  }
  const tn = best(() => naive(size, size, size, a, b, c));
  const ta = tf.tensor2d(Float32Array.from(a), [size, size]);
  const tb = tf.tensor2d(Float32Array.from(b), [size, size]);
  const tt = best(() => {
    const r = tf.matMul(ta, tb);
    r.dataSync();
    r.dispose();
  });
  ta.dispose();
  tb.dispose();
  const ours = best(() => gemm(false, false, size, size, size, 1, a, b, 0, c));
  console.log(`  ${size}×${size}×${size}: ${parts.join(', ')} | naive i-p-j ${gf(flops, tn)} (ratio ${(tn / ours).toFixed(1)}×) | tfjs cpu f32 ${gf(flops, tt)} (ratio ${(tt / ours).toFixed(1)}×)`);
}
for (const [label, m, n, k, tA, tB] of [
  ['PCA covariance XᵀX, 10000×50', 50, 50, 10000, true, false],
  ['randomized sketch ΩᵀXᵀ, 10000×500, l = 12', 12, 10000, 500, false, true],
  ['randomized QᵀX, 10000×500, l = 12', 12, 500, 10000, false, false],
  ['dense layer batch 64, 64→32', 64, 32, 64, false, true],
  ['dense layer grad 32×64 over batch 64', 32, 64, 64, true, false],
] as const) {
  const a = fill(m * k, 3);
  const b = fill(k * n, 4);
  const c = new Float64Array(m * n);
  const ms = best(() => gemm(tA, tB, m, n, k, 1, a, b, 0, c));
  console.log(`  ${label} (${tA ? 'T' : 'N'}${tB ? 'T' : 'N'} ${m}×${n}×${k}): ${gf(2 * m * n * k, ms)} GFLOP/s`);
}
{
  const x = fill(10000 * 50, 5);
  const c = new Float64Array(2500);
  const ms = best(() => syrk(true, 50, 10000, 1, x, 0, c));
  const full = best(() => gemm(true, false, 50, 50, 10000, 1, x, x, 0, c));
  console.log(`  syrk XᵀX 10000×50 (upper triangle): ${ms.toFixed(2)} ms vs full gemm ${full.toFixed(2)} ms (${(full / ms).toFixed(2)}×)`);
}

describe('gemm 256×256×256', () => {
  const a = fill(256 * 256, 1);
  const b = fill(256 * 256, 2);
  const c = new Float64Array(256 * 256);
  bench('latent gemm NN', () => gemm(false, false, 256, 256, 256, 1, a, b, 0, c));
  bench('latent gemm TN', () => gemm(true, false, 256, 256, 256, 1, a, b, 0, c));
  bench('naive i-p-j', () => naive(256, 256, 256, a, b, c));
});
