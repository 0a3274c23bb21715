/**
 * Produces every number and picture in docs/guides/autoencoder.md.
 * Run from the repository root: npx tsx docs/guides/autoencoder/generate.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { interpolate, toRows, type Matrix } from '../../../src/core/index.js';
import { pca, pcaReconstructionError, pcaTransform } from '../../../src/decomposition/index.js';
import { autoencoder, autoencoderContinue, decode, encode, reconstructionError, sample } from '../../../src/nn/index.js';
import { imageSvg, scatterSvg, lineSvg } from '../../../src/plot/index.js';

const out = new URL('./', import.meta.url);
const mean = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / a.length;
};

// --- load: 1797 8×8 digits, pixels 0..16 → [0, 1] ---
const lines = readFileSync('data/digits.csv', 'utf8').trim().split('\n').slice(1);
const labels = new Int32Array(lines.length);
const X: Matrix = { rows: lines.length, cols: 64, data: new Float64Array(lines.length * 64) };
lines.forEach((line, i) => {
  const cells = line.split(',').map(Number);
  for (let j = 0; j < 64; j++) X.data[i * 64 + j] = cells[j]! / 16;
  labels[i] = cells[64]!;
});

// --- 1. autoencoder vs PCA ---
let t = performance.now();
const model = autoencoder(X, { layers: [32, 2], activation: 'tanh', epochs: 200, batchSize: 64, learningRate: 0.005 });
console.log('fit ms', Math.round(performance.now() - t));
const p2 = pca(X, { components: 2 });
console.log('autoencoder MSE', mean(reconstructionError(model, X)).toFixed(4));
console.log('PCA-2 MSE      ', mean(pcaReconstructionError(p2, X)).toFixed(4));
const lin = autoencoder(X, { layers: [2], activation: 'linear', epochs: 50, learningRate: 0.01 });
console.log('linear AE MSE  ', mean(reconstructionError(lin, X)).toFixed(4));

const Z = encode(model, X);
const names = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
writeFileSync(new URL('latent-2d.svg', out), scatterSvg(Z, { labels, labelNames: names, title: 'Autoencoder [32, 2] latent space (digits)', xLabel: 'z₁', yLabel: 'z₂' }));
writeFileSync(new URL('pca-2d.svg', out), scatterSvg(pcaTransform(p2, X), { labels, labelNames: names, title: 'PCA, 2 components (digits)', xLabel: 'PC1', yLabel: 'PC2' }));
writeFileSync(
  new URL('loss.svg', out),
  lineSvg({ name: 'training loss (MSE)', y: model.history.loss }, { title: 'Training loss per epoch', xLabel: 'epoch', yLabel: 'MSE', yScale: 'log' }),
);

// --- 2. choosing the latent size ---
console.log('k | autoencoder [32, k] | PCA-k');
for (const k of [1, 2, 4, 8, 16]) {
  const ae = autoencoder(X, { layers: [32, k], activation: 'tanh', epochs: 200, batchSize: 64, learningRate: 0.005, validationSplit: 0.2 });
  const pk = pca(X, { components: k });
  console.log(k, '|', mean(reconstructionError(ae, X)).toFixed(4), '| val', ae.history.valLoss.at(-1)!.toFixed(4), '|', mean(pcaReconstructionError(pk, X)).toFixed(4));
}

// --- 3. interpolation between a 0 and a 1 ---
const i0 = labels.indexOf(0);
const i1 = labels.indexOf(1);
const [za, zb] = toRows(encode(model, [X.data.subarray(i0 * 64, i0 * 64 + 64), X.data.subarray(i1 * 64, i1 * 64 + 64)]));
console.log('z(0) =', za!.map((v) => +v.toFixed(3)), 'z(1) =', zb!.map((v) => +v.toFixed(3)));
const path = interpolate(za!, zb!, 8);
const frames = decode(model, path);
const row = (imgs: Float64Array[], caption: string): string => {
  const cell = 6;
  const size = 8 * cell;
  const gap = 6;
  const w = imgs.length * (size + gap) - gap;
  const parts = imgs.map((px, i) => imageSvg(px, { width: 8, cellSize: cell, lo: 0, hi: 1 }).replace('<svg', `<svg x="${i * (size + gap)}" y="0"`));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${size + 18}" viewBox="0 0 ${w} ${size + 18}" role="img" aria-label="${caption}"><rect width="100%" height="100%" fill="white"/>${parts.join('')}<text x="0" y="${size + 14}" font-family="sans-serif" font-size="11">${caption}</text></svg>`;
};
const clamp01 = (a: Float64Array): Float64Array => a.map((v) => Math.min(1, Math.max(0, v)));
const frameRows = Array.from({ length: 8 }, (_, i) => clamp01(frames.data.slice(i * 64, i * 64 + 64)));
writeFileSync(new URL('interpolation.svg', out), row(frameRows, 'decode(model, interpolate(z(0), z(1), 8))'));

// --- 4. anomaly detection: train on digits 0–8, score held-out 0–8 vs the unseen 9s ---
const normalIdx: number[] = [];
const nineIdx: number[] = [];
labels.forEach((l, i) => (l === 9 ? nineIdx : normalIdx).push(i));
const pick = (idx: number[]): Matrix => {
  const data = new Float64Array(idx.length * 64);
  idx.forEach((r, i) => data.set(X.data.subarray(r * 64, r * 64 + 64), i * 64));
  return { rows: idx.length, cols: 64, data };
};
const trainIdx = normalIdx.filter((_, i) => i % 5 !== 0);
const heldIdx = normalIdx.filter((_, i) => i % 5 === 0);
t = performance.now();
const det = autoencoder(pick(trainIdx), { layers: [32, 8], activation: 'tanh', epochs: 200, batchSize: 64, learningRate: 0.005 });
console.log('detector fit ms', Math.round(performance.now() - t));
const trainErr = reconstructionError(det, pick(trainIdx));
const sorted = trainErr.slice().sort();
const threshold = sorted[Math.floor(0.95 * (sorted.length - 1))]!;
const heldErr = reconstructionError(det, pick(heldIdx));
const nineErr = reconstructionError(det, pick(nineIdx));
const flagged = (e: Float64Array): string => ((100 * e.filter((v) => v > threshold).length) / e.length).toFixed(1) + '%';
console.log('threshold (95th pct of training errors)', threshold.toFixed(4));
console.log('median error: held-out 0-8', median(heldErr).toFixed(4), '| unseen 9s', median(nineErr).toFixed(4));
console.log('flagged: held-out 0-8', flagged(heldErr), '| unseen 9s', flagged(nineErr));
console.log('AUC', auc(heldErr, nineErr).toFixed(3));
function median(a: Float64Array): number {
  const s = a.slice().sort();
  return s[Math.floor(s.length / 2)]!;
}
function auc(neg: Float64Array, pos: Float64Array): number {
  let wins = 0;
  for (const p of pos) for (const q of neg) wins += p > q ? 1 : p === q ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

// --- 5. variational: sample new digits ---
const vae = autoencoder(X, { layers: [32, 2], activation: 'tanh', variational: true, loss: 'bce', epochs: 200, batchSize: 64, learningRate: 0.005 });
console.log('VAE loss', vae.history.loss.at(-1)!.toFixed(4), 'MSE', mean(reconstructionError(vae, X)).toFixed(4));
const Zv = encode(vae, X);
console.log('VAE code mean/sd', [0, 1].map((j) => { let m = 0, q = 0; for (let i = 0; i < Zv.rows; i++) { m += Zv.data[i * 2 + j]!; q += Zv.data[i * 2 + j]! ** 2; } m /= Zv.rows; return [+m.toFixed(3), +Math.sqrt(q / Zv.rows - m * m).toFixed(3)]; }));
const s = sample(vae, 8, { seed: 1 });
writeFileSync(new URL('vae-samples.svg', out), row(Array.from({ length: 8 }, (_, i) => clamp01(s.data.slice(i * 64, i * 64 + 64))), 'sample(vae, 8, { seed: 1 })'));
writeFileSync(new URL('vae-latent-2d.svg', out), scatterSvg(encode(vae, X), { labels, labelNames: names, title: 'VAE latent means (digits)', xLabel: 'μ₁', yLabel: 'μ₂', equalAspect: true }));

// --- 6. continue ---
let m5 = autoencoder(X, { epochs: 5, seed: 3 });
m5 = autoencoderContinue(m5, X, { epochs: 5 });
const m10 = autoencoder(X, { epochs: 10, seed: 3 });
console.log('continue == longer fit:', m5.history.loss.at(-1) === m10.history.loss.at(-1), m5.history.loss.length);
