/**
 * Produces every number and picture in docs/guides/density.md.
 * Run from the repository root: npx tsx docs/guides/density/generate.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dbscan } from '../../../src/cluster/density/dbscan.js';
import { hdbscan } from '../../../src/cluster/density/hdbscan.js';
import { hdbscanPredict } from '../../../src/cluster/density/hdbscan-predict.js';
import { kmeans } from '../../../src/cluster/kmeans/kmeans.js';
import { adjustedRandIndex } from '../../../src/cluster/metrics/adjusted-rand.js';
import { radiusNeighbors } from '../../../src/neighbors/radius.js';
import { condensedTreeSvg } from '../../../src/plot/condensed-tree.js';
import { scatterSvg } from '../../../src/plot/scatter.js';

const out = new URL('./', import.meta.url);
const save = (name: string, svg: string): void => writeFileSync(new URL(name, out), svg);

// blobs_noise2d.csv: four Gaussian blobs of different spreads (300, 200, 150, 100 points)
// plus 75 uniform noise points; columns x, y, true label (−1 for the noise).
const lines = readFileSync('data/blobs_noise2d.csv', 'utf8').trim().split('\n').slice(1);
const X = lines.map((l) => l.split(',').slice(0, 2).map(Number));
const truth = Int32Array.from(lines, (l) => Number(l.split(',')[2]));

/** Labels for scatterSvg with noise as the last category, so cluster k keeps palette colour k (as in condensedTreeSvg). */
function plotLabels(labels: Int32Array): { labels: Int32Array; labelNames: string[] } {
  let k = 0;
  for (const l of labels) k = Math.max(k, l + 1);
  const names = Array.from({ length: k }, (_, c) => `cluster ${c}`);
  names.push('noise');
  return { labels: labels.map((l) => (l < 0 ? k : l)), labelNames: names };
}
const summary = (labels: Int32Array): string => {
  let k = 0;
  let noise = 0;
  for (const l of labels) {
    k = Math.max(k, l + 1);
    if (l < 0) noise++;
  }
  return `${k} clusters, ${noise} noise`;
};
const ari = (labels: Int32Array): string => adjustedRandIndex(labels.map((l) => (l < 0 ? 99 : l)), truth.map((l) => (l < 0 ? 99 : l))).toFixed(3);

// --- 1. the data, and what k-means does with it ---
save('data.svg', scatterSvg(X, { ...plotLabels(truth), title: 'The data: four blobs and uniform noise', equalAspect: true, width: 520, height: 440 }));
const km = kmeans(X, { k: 4, seed: 1 });
save('kmeans.svg', scatterSvg(X, { labels: km.labels, title: 'k-means, k = 4: noise is forced into clusters', equalAspect: true, width: 520, height: 440, legend: false }));

// --- 2. quick start ---
const model = hdbscan(X, { minClusterSize: 10 });
console.log('hdbscan mcs 10:', summary(model.labels), 'ARI', ari(model.labels));
console.log('labels[0..9]', Array.from(model.labels.subarray(0, 10)));
console.log('probabilities[0..4]', Array.from(model.probabilities.subarray(0, 5), (p) => Number(p.toFixed(3))));
console.log('clusters', model.clusters);
let worst = 0;
for (let i = 1; i < X.length; i++) if (model.outlierScores[i]! > model.outlierScores[worst]!) worst = i;
console.log('most outlying', worst, X[worst], model.outlierScores[worst]!.toFixed(3));
save('hdbscan.svg', scatterSvg(X, { ...plotLabels(model.labels), title: 'HDBSCAN, minClusterSize 10', equalAspect: true, width: 520, height: 440 }));
save('condensed-tree.svg', condensedTreeSvg(model, { title: 'Condensed tree (minClusterSize 10)', width: 560, height: 400 }));
save('outlier-scores.svg', scatterSvg(X, { values: model.outlierScores, title: 'GLOSH outlier score', equalAspect: true, width: 520, height: 440 }));

// --- 3. minClusterSize and minSamples on the same data ---
for (const mcs of [5, 25, 60]) {
  const m = hdbscan(X, { minClusterSize: mcs });
  console.log(`minClusterSize ${mcs}:`, summary(m.labels), 'ARI', ari(m.labels));
  save(`mcs-${mcs}.svg`, scatterSvg(X, { ...plotLabels(m.labels), title: `minClusterSize ${mcs}`, equalAspect: true, width: 360, height: 320, legend: false }));
}
for (const ms of [1, 5, 30]) {
  const m = hdbscan(X, { minClusterSize: 15, minSamples: ms });
  console.log(`minClusterSize 15, minSamples ${ms}:`, summary(m.labels), 'ARI', ari(m.labels));
  save(`ms-${ms}.svg`, scatterSvg(X, { ...plotLabels(m.labels), title: `minClusterSize 15, minSamples ${ms}`, equalAspect: true, width: 360, height: 320, legend: false }));
}
const leaf = hdbscan(X, { minClusterSize: 10, clusterSelectionMethod: 'leaf' });
console.log('leaf:', summary(leaf.labels));
save('leaf.svg', scatterSvg(X, { ...plotLabels(leaf.labels), title: "clusterSelectionMethod 'leaf'", equalAspect: true, width: 360, height: 320, legend: false }));
const eps = hdbscan(X, { minClusterSize: 10, clusterSelectionMethod: 'leaf', clusterSelectionEpsilon: 0.5 });
console.log('leaf + epsilon 0.5:', summary(eps.labels));

// --- 4. new points ---
const p = hdbscanPredict(model, [[0.1, -0.2], [3.2, 2.7], [5, 5]]);
console.log('predict', p.labels, Array.from(p.probabilities, (v) => Number(v.toFixed(3))));

// --- 5. DBSCAN: one radius for every density ---
for (const e of [0.2, 0.35, 0.6]) {
  const d = dbscan(X, { eps: e, minSamples: 8 });
  console.log(`dbscan eps ${e}:`, summary(d.labels), 'ARI', ari(d.labels), 'core', d.core.length);
  save(`dbscan-${e}.svg`, scatterSvg(X, { ...plotLabels(d.labels), title: `DBSCAN eps ${e}, minSamples 8`, equalAspect: true, width: 360, height: 320, legend: false }));
}

// --- 6. radius queries ---
const r = radiusNeighbors(X, [[0, 0]], 0.15);
console.log('radius 0.15 around (0, 0):', Array.from(r.indices), Array.from(r.distances, (v) => Number(v.toFixed(3))));
