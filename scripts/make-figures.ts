/**
 * Draws the pictures of the guides (docs/guides/img/*.svg) with the library itself, on the
 * bundled digits: `npx tsx scripts/make-figures.ts`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../src/cli/csv.js';
import { kmeans } from '../src/cluster/kmeans/kmeans.js';
import { linkage } from '../src/cluster/hierarchy/linkage.js';
import { silhouette } from '../src/cluster/metrics/silhouette.js';
import { interpolate } from '../src/core/interpolate.js';
import { pca } from '../src/decomposition/pca.js';
import { pcaTransform } from '../src/decomposition/pca-transform.js';
import { tsne } from '../src/manifold/tsne/tsne.js';
import { autoencoder } from '../src/nn/autoencoder.js';
import { decode } from '../src/nn/decode.js';
import { encode } from '../src/nn/encode.js';
import { dendrogramSvg } from '../src/plot/dendrogram.js';
import { imageSvg } from '../src/plot/image.js';
import { lineSvg } from '../src/plot/line.js';
import { scatterSvg } from '../src/plot/scatter.js';
import { standardize } from '../src/preprocess/standardize.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const out = `${root}docs/guides/img/`;
mkdirSync(out, { recursive: true });
const seed = 42;
const { data: raw, labels } = parseCsv(readFileSync(`${root}data/digits.csv`, 'utf8'), { label: 'label' });
const y = labels!;
const std = standardize(raw);
const X = std.data;
const made: string[] = [];
const save = (name: string, svg: string): void => {
  writeFileSync(out + name, svg + '\n');
  made.push(name);
};
const size = { width: 560, height: 440 };

{
  const scores = pcaTransform(pca(X, { components: 2 }), X);
  save('digits-pca.svg', scatterSvg(scores, { labels: y, title: 'Digits: first two principal components', xLabel: 'PC1', yLabel: 'PC2', ...size }));
}

{
  const t = tsne(X, { seed, iterations: 750 });
  save('digits-tsne.svg', scatterSvg(t.embedding, { labels: y, title: `Digits: t-SNE (KL ${t.kl.toFixed(2)})`, xLabel: 't-SNE 1', yLabel: 't-SNE 2', ...size }));
}

{
  const ks: number[] = [];
  const inertia: number[] = [];
  const sil: number[] = [];
  for (let k = 2; k <= 14; k++) {
    const m = kmeans(X, { k, seed, nInit: 1 });
    ks.push(k);
    inertia.push(m.inertia);
    sil.push(silhouette(X, m.labels));
  }
  save('digits-elbow.svg', lineSvg({ name: 'inertia', x: ks, y: inertia }, { title: 'Elbow: k-means inertia on digits', xLabel: 'k', yLabel: 'inertia', mark: { x: 10, label: '10 true classes' }, legend: false }));
  let best = 0;
  for (let i = 1; i < sil.length; i++) if (sil[i]! > sil[best]!) best = i;
  save('digits-silhouette.svg', lineSvg({ name: 'silhouette', x: ks, y: sil }, { title: 'Mean silhouette by k on digits', xLabel: 'k', yLabel: 'silhouette', mark: { x: ks[best]!, label: `best k = ${ks[best]}` }, legend: false }));
}

{
  const Z = linkage(X, { method: 'ward' });
  save('digits-dendrogram.svg', dendrogramSvg(Z, { title: 'Ward linkage on digits (top 40 clusters)', truncate: 40, width: 900, height: 380 }));
}

{
  const model = autoencoder(X, { layers: [32, 2], epochs: 40, seed });
  const Z = encode(model, X);
  save('digits-autoencoder.svg', scatterSvg(Z, { labels: y, title: 'Digits: autoencoder latent space (64 → 32 → 2)', xLabel: 'z1', yLabel: 'z2', ...size }));
  const h = model.history;
  if (h.loss.length) save('autoencoder-loss.svg', lineSvg({ name: 'training loss', y: h.loss }, { title: 'Autoencoder training loss', xLabel: 'epoch', yLabel: 'MSE', yScale: 'log', legend: false }));
  // decoded interpolation between digit #0 (a 0) and #1 (a 1), drawn as 8×8 images in a row
  const path = interpolate(Z.data.subarray(0, 2), Z.data.subarray(2, 4), 8);
  const decoded = decode(model, path);
  const cell = 6;
  let strip = `<svg xmlns="http://www.w3.org/2000/svg" width="${8 * (8 * cell + 8)}" height="${8 * cell}" viewBox="0 0 ${8 * (8 * cell + 8)} ${8 * cell}">`;
  for (let i = 0; i < decoded.rows; i++) {
    const px = Float64Array.from(decoded.data.subarray(i * 64, (i + 1) * 64));
    for (let j = 0; j < 64; j++) px[j] = px[j]! * std.scale[j]! + std.mean[j]!; // back to 0…16 ink
    const img = imageSvg(px, { width: 8, cellSize: cell, lo: 0, hi: 16 });
    strip += `<g transform="translate(${i * (8 * cell + 8)} 0)">${img}</g>`;
  }
  save('digits-interpolation.svg', strip + '</svg>');
}

console.log(`wrote ${made.length} figures to docs/guides/img/: ${made.join(', ')}`);
