/**
 * nn: a 64-32-2-32-64 autoencoder (relu hidden, linear latent and output, MSE, Adam 1e-3,
 * batch 64) on the digits scaled to [0, 1], latent (Float64Array) vs TensorFlow.js with its
 * pure-JS `cpu` backend (float32). brain.js is not compared: it is not installed (its GPU
 * dependency needs a native build).
 *
 * Run: npx vitest bench --run bench/nn.bench.ts
 */
import * as tf from '@tensorflow/tfjs';
import { bench, describe } from 'vitest';
import { autoencoder, autoencoderContinue, reconstructionError, type AutoencoderModel } from '../src/nn/index.js';
import { loadCsv, loadGolden } from '../test/helpers/data.js';

await tf.setBackend('cpu');

const digits = loadCsv('digits').data;
const n = digits.rows;
const d = digits.cols;
const X = { rows: n, cols: d, data: digits.data.map((v) => v / 16) };
const EPOCHS = Number(process.env['NN_BENCH_EPOCHS'] ?? 50);
const SEEDS = Array.from({ length: Number(process.env['NN_BENCH_SEEDS'] ?? 8) }, (_, i) => 100 + i);
const BATCH = 64;

// PCA-2 reconstruction MSE (scikit-learn golden): the optimum for a linear 2-D bottleneck.
const g = loadGolden<{ digits_k10: { explainedVariance: number[]; explainedVarianceRatio: number[] } }>('pca').digits_k10;
const pca2 = ((g.explainedVariance[0]! / g.explainedVarianceRatio[0]! - g.explainedVariance[0]! - g.explainedVariance[1]!) * (n - 1)) / n / d / 256;

/** The same network in TF.js: Glorot-uniform kernels (Keras' default, as ours), zero biases. */
function tfModel(seed: number): tf.Sequential {
  const init = (s: number): never => tf.initializers.glorotUniform({ seed: s }) as never;
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [d], units: 32, activation: 'relu', kernelInitializer: init(seed) }));
  m.add(tf.layers.dense({ units: 2, kernelInitializer: init(seed * 7 + 1) }));
  m.add(tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: init(seed * 13 + 2) }));
  m.add(tf.layers.dense({ units: d, kernelInitializer: init(seed * 17 + 3) }));
  m.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
  return m;
}

const xs = tf.tensor2d(Float32Array.from(X.data), [n, d]);
const mean = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / a.length;
};

// ---- Timed full runs (printed): per-epoch time and final full-data reconstruction MSE. ----
const ours: { ms: number; mse: number }[] = [];
for (const seed of SEEDS) {
  const t0 = performance.now();
  const model = autoencoder(X, { layers: [32, 2], activation: 'relu', batchSize: BATCH, epochs: EPOCHS, seed });
  const ms = (performance.now() - t0) / EPOCHS;
  ours.push({ ms, mse: mean(reconstructionError(model, X)) });
}
const theirs: { ms: number; mse: number }[] = [];
for (const seed of SEEDS) {
  const m = tfModel(seed);
  const t0 = performance.now();
  await m.fit(xs, xs, { epochs: EPOCHS, batchSize: BATCH, shuffle: true, verbose: 0 });
  const ms = (performance.now() - t0) / EPOCHS;
  const pred = m.predict(xs) as tf.Tensor;
  const y = pred.dataSync();
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i]! - X.data[i]!) ** 2;
  pred.dispose();
  theirs.push({ ms, mse: s / y.length });
  m.dispose();
}
const med = (v: number[]): number => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const oursMs = med(ours.map((r) => r.ms));
const theirsMs = med(theirs.map((r) => r.ms));
// MACs per row: forward Σ in·out; backward dW for every layer, dX for all but the first.
const layers = [[64, 32], [32, 2], [2, 32], [32, 64]] as const;
const fwd = layers.reduce((s, [i, o]) => s + i * o, 0);
const flopPerEpoch = 2 * n * (fwd + fwd + (fwd - 64 * 32));
console.log(`\nnn autoencoder 64-32-2-32-64 relu, digits/16 (${n}×${d}), batch ${BATCH}, Adam 1e-3, ${EPOCHS} epochs, ${SEEDS.length} seeds`);
console.log(`  latent  : ${oursMs.toFixed(1)} ms/epoch (median)  ≈ ${(flopPerEpoch / oursMs / 1e6).toFixed(2)} GFLOP/s in matrix products; final MSE ${ours.map((r) => r.mse.toFixed(4)).join(' ')}`);
console.log(`  tfjs cpu: ${theirsMs.toFixed(1)} ms/epoch (median); final MSE ${theirs.map((r) => r.mse.toFixed(4)).join(' ')}`);
const sd = (v: number[]): number => Math.sqrt(v.reduce((s, x) => s + (x - mean(v)) ** 2, 0) / (v.length - 1));
console.log(`  final MSE mean ± sd: latent ${mean(ours.map((r) => r.mse)).toFixed(5)} ± ${sd(ours.map((r) => r.mse)).toFixed(5)}, tfjs ${mean(theirs.map((r) => r.mse)).toFixed(5)} ± ${sd(theirs.map((r) => r.mse)).toFixed(5)}`);
console.log(`  ratio tfjs / latent per epoch: ${(theirsMs / oursMs).toFixed(1)}×; mean final MSE latent ${mean(ours.map((r) => r.mse)).toFixed(5)} vs tfjs ${mean(theirs.map((r) => r.mse)).toFixed(5)}; PCA-2 MSE ${pca2.toFixed(5)}`);

// Linear and non-linear bottleneck vs PCA-2 (the quality bar).
{
  const lin = autoencoder(X, { layers: [2], activation: 'linear', epochs: 50, learningRate: 0.01 });
  const tanh = autoencoder(X, { layers: [32, 2], activation: 'tanh', epochs: 200, batchSize: 64, learningRate: 0.005 });
  const relu = autoencoder(X, { layers: [32, 2], activation: 'relu', epochs: 200, batchSize: 64 });
  console.log(`  quality: linear [2] (50 epochs, lr 0.01) MSE / PCA-2 = ${(mean(reconstructionError(lin, X)) / pca2).toFixed(4)}`);
  console.log(`           tanh [32, 2] (200 epochs, lr 0.005) MSE / PCA-2 = ${(mean(reconstructionError(tanh, X)) / pca2).toFixed(4)}`);
  console.log(`           relu [32, 2] (200 epochs, lr 1e-3) MSE / PCA-2 = ${(mean(reconstructionError(relu, X)) / pca2).toFixed(4)}`);
}

// ---- vitest bench: one epoch each. ----
let model: AutoencoderModel = autoencoder(X, { layers: [32, 2], batchSize: BATCH, epochs: 0 });
const tfm = tfModel(1);

describe('nn: one epoch of 64-32-2-32-64 on digits, batch 64', () => {
  bench('latent autoencoderContinue (Float64Array)', () => {
    model = autoencoderContinue(model, X, { epochs: 1 });
  }, { time: 2000, warmupIterations: 3 });
  bench('tfjs cpu model.fit (float32)', async () => {
    await tfm.fit(xs, xs, { epochs: 1, batchSize: BATCH, shuffle: true, verbose: 0 });
  }, { time: 2000, warmupIterations: 2 });
});
