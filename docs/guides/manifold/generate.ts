/**
 * Produces every number and picture in docs/guides/manifold.md.
 * Run from the repository root: npx tsx docs/guides/manifold/generate.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Matrix64 } from '../../../src/core/matrix.js';
import { swissRoll } from '../../../src/datasets/swiss-roll.js';
import { isomap } from '../../../src/manifold/isomap.js';
import { isomapTransform } from '../../../src/manifold/isomap-transform.js';
import { lle } from '../../../src/manifold/lle.js';
import { mds } from '../../../src/manifold/mds.js';
import { spectralEmbedding } from '../../../src/manifold/spectral.js';
import { trustworthiness } from '../../../src/manifold/trustworthiness.js';
import { tsne } from '../../../src/manifold/tsne/tsne.js';
import { tsneTransform } from '../../../src/manifold/tsne/tsne-transform.js';
import { scatterSvg } from '../../../src/plot/scatter.js';

const out = new URL('./', import.meta.url);
const names = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Spearman correlation of t with the embedding axis that follows it best (|ρ|, 1 = unrolled). */
function unrolled(t: Float64Array, E: Matrix64): number {
  const rank = (v: Float64Array): Float64Array => {
    const order = Array.from(v.keys()).sort((a, b) => v[a]! - v[b]!);
    const r = new Float64Array(v.length);
    order.forEach((i, k) => (r[i] = k));
    return r;
  };
  const rt = rank(t);
  let best = 0;
  for (let c = 0; c < E.cols; c++) {
    const axis = Float64Array.from({ length: E.rows }, (_, i) => E.data[i * E.cols + c]!);
    const ra = rank(axis);
    const n = t.length;
    let s = 0;
    for (let i = 0; i < n; i++) s += (rt[i]! - ra[i]!) ** 2;
    best = Math.max(best, Math.abs(1 - (6 * s) / (n * (n * n - 1))));
  }
  return best;
}

// --- data ---
const roll = swissRoll({ n: 1500, seed: 0 });
const lines = readFileSync('data/digits.csv', 'utf8').trim().split('\n').slice(1);
const digits = lines.map((line) => line.split(',').map(Number).slice(0, 64));
const y = Int32Array.from(lines, (line) => Number(line.split(',')[64]));

// --- 1. every method on both data sets ---
type Method = [name: string, file: string, run: (X: Matrix64 | number[][], k: number) => Matrix64];
const methods: Method[] = [
  ['t-SNE', 'tsne', (X) => tsne(X).embedding],
  ['LLE', 'lle', (X, k) => lle(X, { nNeighbors: k }).embedding],
  ['Isomap', 'isomap', (X, k) => isomap(X, { nNeighbors: k }).embedding],
  ['classical MDS', 'mds', (X) => mds(X).embedding],
  ['spectral embedding', 'spectral', (X, k) => spectralEmbedding(X, { nNeighbors: k }).embedding],
];
console.log('| method | swiss roll: CPU s | T(12) | unrolled (|ρ| with t) | digits: CPU s | T(12) |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [name, file, run] of methods) {
  let c = cpu();
  const a = run(roll.data, 12);
  const ta = cpu() - c;
  c = cpu();
  const b = run(digits, file === 'spectral' ? 179 : 30);
  const tb = cpu() - c;
  console.log(
    `| ${name} | ${ta.toFixed(2)} | ${trustworthiness(roll.data, a, 12).toFixed(4)} | ${unrolled(roll.t, a).toFixed(3)} | ${tb.toFixed(2)} | ${trustworthiness(digits, b, 12).toFixed(4)} |`,
  );
  writeFileSync(new URL(`roll-${file}.svg`, out), scatterSvg(a, { values: roll.t, title: `${name}, swiss roll`, width: 380, height: 330, legend: false, pointSize: 2 }));
  writeFileSync(new URL(`digits-${file}.svg`, out), scatterSvg(b, { labels: y, labelNames: names, title: `${name}, digits`, width: 380, height: 330, legend: false, pointSize: 2 }));
}
writeFileSync(new URL('roll-data.svg', out), scatterSvg(roll.data, { values: roll.t, columns: [0, 2], title: 'the swiss roll (x, z), coloured by position t', width: 380, height: 330, legend: false, pointSize: 2, equalAspect: true }));

// --- 2. a short circuit: 1000 points, 12 neighbours: one kNN edge jumps a turn of the roll ---
const sparse = swissRoll({ n: 1000, seed: 0 });
for (const k of [12, 10]) {
  const e = isomap(sparse.data, { nNeighbors: k }).embedding;
  console.log(`1000 points, nNeighbors ${k}: unrolled ${unrolled(sparse.t, e).toFixed(3)}, T(12) ${trustworthiness(sparse.data, e, 12).toFixed(4)}`);
  writeFileSync(new URL(`roll-isomap-1000-k${k}.svg`, out), scatterSvg(e, { values: sparse.t, title: `Isomap, 1000 points, nNeighbors ${k}`, width: 380, height: 330, legend: false, pointSize: 2 }));
}

// --- 3. transforms ---
const fresh = swissRoll({ n: 300, seed: 1 });
const model = isomap(roll.data, { nNeighbors: 12 });
let c = cpu();
const placed = isomapTransform(model, fresh.data);
console.log(`isomap transform of 300 points: ${(cpu() - c).toFixed(2)} s, unrolled ${unrolled(fresh.t, placed).toFixed(3)} (fit ${unrolled(roll.t, model.embedding).toFixed(3)})`);
const both: Matrix64 = { rows: 1800, cols: 2, data: new Float64Array(3600) };
both.data.set(model.embedding.data);
both.data.set(placed.data, 3000);
const t = new Float64Array(1800);
t.set(roll.t);
t.set(fresh.t, 1500);
writeFileSync(
  new URL('roll-isomap-transform.svg', out),
  scatterSvg(both, { values: t, highlight: Int32Array.from({ length: 40 }, (_, i) => 1500 + i * 7), title: 'isomapTransform: 300 new points (40 ringed)', width: 420, height: 360, legend: false, pointSize: 2 }),
);

const train = digits.slice(0, 1500);
const test = digits.slice(1500);
c = cpu();
const tm = tsne(train);
const fitTime = cpu() - c;
c = cpu();
const Y = tsneTransform(tm, test);
const transformTime = cpu() - c;
const refit = tsne(digits).embedding;
const refitTest: Matrix64 = { rows: test.length, cols: 2, data: refit.data.slice(3000) };
console.log(`tsne fit 1500: ${fitTime.toFixed(2)} s; transform ${test.length}: ${transformTime.toFixed(2)} s`);
console.log(`held-out T(12): transform ${trustworthiness(test, Y, 12).toFixed(4)}, refit ${trustworthiness(test, refitTest, 12).toFixed(4)}`);
const all: Matrix64 = { rows: digits.length, cols: 2, data: new Float64Array(digits.length * 2) };
all.data.set(tm.embedding.data);
all.data.set(Y.data, 3000);
writeFileSync(
  new URL('digits-tsne-transform.svg', out),
  scatterSvg(all, { labels: y, labelNames: names, highlight: Int32Array.from({ length: 99 }, (_, i) => 1500 + 3 * i), title: 'tsneTransform: held-out digits (every 3rd ringed)', width: 460, height: 380, pointSize: 2 }),
);
