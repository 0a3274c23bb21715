/**
 * Produces every number and picture in docs/guides/tsne.md.
 * Run from the repository root: npx tsx docs/guides/tsne/generate.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isLatentError, type Matrix } from '../../../src/core/index.js';
import { trustworthiness, tsne, tsneAsync, tsneEmbedding, tsneStart, tsneStep } from '../../../src/manifold/index.js';
import { scatterSvg } from '../../../src/plot/index.js';

const out = new URL('./', import.meta.url);
const names = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

// digits.csv: header row, 64 pixel columns, then the label
const lines = readFileSync('data/digits.csv', 'utf8').trim().split('\n').slice(1);
const X = lines.map((line) => line.split(',').map(Number).slice(0, 64));
const y = Int32Array.from(lines, (line) => Number(line.split(',')[64]));

// --- 1. the default run ---
const t = performance.now();
const result = tsne(X);
const ms = performance.now() - t;
console.log(result.embedding.rows, result.embedding.cols, result.iterations);
console.log('KL', result.kl.toFixed(4), result.klMethod);
console.log('trustworthiness(5)', trustworthiness(X, result.embedding, 5).toFixed(4));
console.log(`(${(ms / 1000).toFixed(1)} s)`);
writeFileSync(new URL('digits.svg', out), scatterSvg(result.embedding, { labels: y, labelNames: names, title: 't-SNE of the digits (perplexity 30, default options)' }));

// --- 2. perplexity ---
for (const perplexity of [5, 100]) {
  const r = tsne(X, { perplexity });
  console.log(`perplexity ${perplexity}: KL ${r.kl.toFixed(3)}, T(5) ${trustworthiness(X, r.embedding, 5).toFixed(4)}, T(50) ${trustworthiness(X, r.embedding, 50).toFixed(4)}`);
  writeFileSync(new URL(`digits-perplexity-${perplexity}.svg`, out), scatterSvg(r.embedding, { labels: y, labelNames: names, title: `perplexity ${perplexity}`, width: 420, height: 360, legend: false }));
}
console.log(`perplexity 30: T(50) ${trustworthiness(X, result.embedding, 50).toFixed(4)}`);

// --- 3. exact vs Barnes–Hut on a subset ---
const sub = X.slice(0, 500);
console.log(tsne(sub).kl.toFixed(4), tsne(sub, { theta: 0 }).kl.toFixed(4));

// --- 4. step by step ---
const state = tsneStart(X, { iterations: 500 });
const frames: Matrix[] = [];
while (state.phase !== 'done') {
  tsneStep(state, 50);
  frames.push(tsneEmbedding(state));
}
console.log(frames.length, 'frames;', state.iteration, 'iterations;', state.phase);
writeFileSync(new URL('digits-iteration-100.svg', out), scatterSvg(frames[1]!, { labels: y, labelNames: names, title: 'after 100 iterations (early exaggeration)', width: 420, height: 360, legend: false }));

// --- 5. abort ---
const ac = new AbortController();
setTimeout(() => ac.abort(), 200);
try {
  await tsneAsync(X, { signal: ac.signal });
} catch (e) {
  if (isLatentError(e)) console.log(e.code, e.message);
}
