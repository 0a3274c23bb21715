/**
 * Produces every number and picture in docs/guides/umap.md.
 * Run from the repository root: npx tsx docs/guides/umap/generate.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isLatentError, type Matrix } from '../../../src/core/index.js';
import { trustworthiness, tsne } from '../../../src/manifold/index.js';
import { umapEmbedding, umapResult, umapStart, umapStep } from '../../../src/manifold/umap/state.js';
import { umapTransform } from '../../../src/manifold/umap/transform.js';
import { umap, umapAsync } from '../../../src/manifold/umap/umap.js';
import { scatterSvg } from '../../../src/plot/index.js';
import { knnAccuracy as accuracy, transferAccuracy } from '../../../bench/helpers/embeddings-umap.js';

const out = new URL('./', import.meta.url);
const names = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const panel = { labelNames: names, width: 420, height: 360, legend: false };

// digits.csv: header row, 64 pixel columns, then the label
const lines = readFileSync('data/digits.csv', 'utf8').trim().split('\n').slice(1);
const X = lines.map((line) => line.split(',').map(Number).slice(0, 64));
const y = Int32Array.from(lines, (line) => Number(line.split(',')[64]));

/** CPU seconds of this process (the machine may be shared: wall time would include waiting). */
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

// --- 1. the default run ---
let t = cpu();
const model = umap(X);
const seconds = cpu() - t;
console.log(model.embedding.rows, model.embedding.cols, model.epochs, 'a', model.a.toFixed(4), 'b', model.b.toFixed(4));
console.log('trustworthiness(15)', trustworthiness(X, model.embedding, 15).toFixed(4), '10-NN accuracy', accuracy(model.embedding, y).toFixed(4));
console.log(`(${seconds.toFixed(1)} s of CPU)`);
writeFileSync(new URL('digits.svg', out), scatterSvg(model.embedding, { labels: y, labelNames: names, title: 'UMAP of the digits (default options)' }));

// --- 2. nNeighbors ---
for (const nNeighbors of [5, 50]) {
  const r = umap(X, { nNeighbors });
  console.log(`nNeighbors ${nNeighbors}: T(15) ${trustworthiness(X, r.embedding, 15).toFixed(4)}, T(100) ${trustworthiness(X, r.embedding, 100).toFixed(4)}`);
  writeFileSync(new URL(`digits-neighbors-${nNeighbors}.svg`, out), scatterSvg(r.embedding, { ...panel, labels: y, title: `nNeighbors ${nNeighbors}` }));
}
console.log(`nNeighbors 15: T(100) ${trustworthiness(X, model.embedding, 100).toFixed(4)}`);

// --- 3. minDist ---
for (const minDist of [0, 0.5, 0.99]) {
  const r = umap(X, { minDist });
  console.log(`minDist ${minDist}: a ${r.a.toFixed(3)}, b ${r.b.toFixed(3)}, T(15) ${trustworthiness(X, r.embedding, 15).toFixed(4)}`);
  writeFileSync(new URL(`digits-mindist-${minDist}.svg`, out), scatterSvg(r.embedding, { ...panel, labels: y, title: `minDist ${minDist}` }));
}

// --- 4. UMAP vs t-SNE ---
t = cpu();
const ts = tsne(X);
console.log(`t-SNE: ${(cpu() - t).toFixed(1)} s of CPU, T(15) ${trustworthiness(X, ts.embedding, 15).toFixed(4)}, T(100) ${trustworthiness(X, ts.embedding, 100).toFixed(4)}, 10-NN ${accuracy(ts.embedding, y).toFixed(4)}`);
writeFileSync(new URL('digits-tsne.svg', out), scatterSvg(ts.embedding, { ...panel, labels: y, title: 't-SNE (perplexity 30)' }));
writeFileSync(new URL('digits-umap.svg', out), scatterSvg(model.embedding, { ...panel, labels: y, title: 'UMAP (nNeighbors 15, minDist 0.1)' }));

// --- 5. step by step ---
const state = umapStart(X);
const init = umapEmbedding(state);
umapStep(state, 20);
const early = umapEmbedding(state);
umapStep(state, 1000);
console.log(state.epoch, 'epochs;', umapResult(state).embedding.data.every((v, i) => Object.is(v, model.embedding.data[i])) ? 'same bits as umap()' : 'DIFFERENT');
writeFileSync(new URL('digits-epoch-0.svg', out), scatterSvg(init, { ...panel, labels: y, title: 'spectral initialisation (epoch 0)' }));
writeFileSync(new URL('digits-epoch-20.svg', out), scatterSvg(early, { ...panel, labels: y, title: 'after 20 epochs' }));

// --- 6. transform ---
const train = X.slice(0, 1500);
const fresh = X.slice(1500);
const fitted = umap(train);
t = cpu();
const placed = umapTransform(fitted, fresh);
console.log(`transform of ${fresh.length} new digits: ${((cpu() - t) * 1000).toFixed(0)} ms of CPU`);
const freshLabels = y.subarray(1500);
console.log(`new digits labelled by their 10 nearest fitted neighbours: ${transferAccuracy(fitted.embedding, y.subarray(0, 1500), placed, freshLabels).toFixed(4)}`);
const both: Matrix = { rows: X.length, cols: 2, data: new Float64Array(2 * X.length) };
both.data.set(fitted.embedding.data);
both.data.set(placed.data, 3000);
writeFileSync(new URL('digits-transform.svg', out), scatterSvg(both, { labels: y, labelNames: names, highlight: Int32Array.from({ length: fresh.length }, (_, i) => 1500 + i), title: '1 500 digits fitted, 297 new ones placed by umapTransform (outlined)' }));

// --- 7. supervised, half the labels hidden ---
const target = Int32Array.from(y, (v, i) => (i % 2 === 0 ? v : -1));
const sup = umap(X, { target });
// the unlabelled half, labelled by its 10 nearest labelled neighbours in the embedding
const odd = (m: Matrix, from: number): Matrix => ({ rows: Math.ceil((m.rows - from) / 2), cols: 2, data: Float64Array.from({ length: Math.ceil((m.rows - from) / 2) * 2 }, (_, t) => m.data[(from + 2 * (t >> 1)) * 2 + (t & 1)]!) });
const oddLabels = (from: number): Int32Array => Int32Array.from({ length: Math.ceil((X.length - from) / 2) }, (_, t) => y[from + 2 * t]!);
console.log(`supervised (half the labels): unlabelled half labelled by its 10 nearest labelled neighbours: ${transferAccuracy(odd(sup.embedding, 0), oddLabels(0), odd(sup.embedding, 1), oddLabels(1)).toFixed(4)}`);
console.log(`unsupervised, same measure: ${transferAccuracy(odd(model.embedding, 0), oddLabels(0), odd(model.embedding, 1), oddLabels(1)).toFixed(4)}`);
writeFileSync(new URL('digits-supervised.svg', out), scatterSvg(sup.embedding, { ...panel, labels: y, title: 'supervised: every other label given' }));

// --- 8. abort ---
const ac = new AbortController();
setTimeout(() => ac.abort(), 200);
try {
  await umapAsync(X, { signal: ac.signal });
} catch (e) {
  if (isLatentError(e)) console.log(e.code, e.message);
}
