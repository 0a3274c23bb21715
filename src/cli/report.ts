/**
 * The report builder behind `npm run demo` and `latent report`: runs the library's whole
 * story on one data set (standardize → similarity search → choosing k → k-means /
 * k-medoids / agglomerative → PCA → t-SNE → UMAP + HDBSCAN → Isomap, LLE → autoencoder latent space, anomaly scores,
 * interpolation) and returns a self-contained HTML page with inline SVG figures plus a
 * summary of times and quality figures.
 *
 * A step that throws is listed under "Skipped" with its message, and the report goes on.
 */
import {
  adjustedRandIndex,
  calinskiHarabasz,
  cutTree,
  daviesBouldin,
  hdbscan,
  kmeans,
  kmedoids,
  linkage,
  normalizedMutualInfo,
  scanK,
  silhouette,
} from '../cluster/index.js';
import { interpolate, rng, shuffle, type Matrix64 } from '../core/index.js';
import { pca, pcaTransform } from '../decomposition/index.js';
import { isomap, lle, trustworthiness, tsne, umap } from '../manifold/index.js';
import { knn } from '../neighbors/index.js';
import { autoencoder, decode, encode, reconstructionError } from '../nn/index.js';
import { condensedTreeSvg, dendrogramSvg, imageSvg, lineSvg, scatterSvg } from '../plot/index.js';
import { escapeXml } from '../internals.js';
import { standardize } from '../preprocess/index.js';
import { noiseAsClass } from './command-kit.js';
import { progressBar, type ProgressSink } from './progress.js';

/** The data set to report on. */
export interface ReportInput {
  /** Features, one row per sample. */
  data: Matrix64;
  /** True classes as codes (optional). */
  labels?: Int32Array;
  /** Class names by code. */
  labelNames?: readonly string[];
  /** Name of the label column, for notes. @defaultValue 'the label column' */
  labelColumn?: string;
  /** Name shown in the title. */
  name: string;
}

/** Knobs of the report. */
export interface ReportOptions {
  /** Rows are `w × h` grey images: draw them (digits: [8, 8]). */
  image?: [number, number];
  /** z-score the columns first. @defaultValue true */
  standardize?: boolean;
  /** Largest k tried when suggesting k. @defaultValue 10 */
  maxK?: number;
  /** t-SNE iterations. @defaultValue 750 */
  tsneIterations?: number;
  /** Autoencoder epochs. @defaultValue 40 */
  epochs?: number;
  /** Seed for every stochastic step. @defaultValue 42 */
  seed?: number;
  /** Row used as the similarity query. @defaultValue 0 */
  query?: number;
  /** Terminal progress output (none when omitted). */
  progress?: ProgressSink;
}

/** One line of the summary table. */
export interface SummaryRow {
  step: string;
  ms: number;
  result: string;
}

/** What {@link buildReport} returns. */
export interface Report {
  html: string;
  summary: SummaryRow[];
  /** Decisions the report made about the data (also on the page and, with `progress`, on the terminal). */
  notes: string[];
}

/** A figure or block of the page. */
interface Section {
  id: string;
  title: string;
  intro: string;
  body: string;
}

/** Rows on which silhouettes are computed (a seeded sample above this; the silhouette is O(n²·d)). */
const SILHOUETTE_SAMPLE = 3000;
/** Largest data set clustered hierarchically (the linkage needs n² / 2 distances). */
const LINKAGE_ROWS = 8000;
/**
 * Largest k the clusterers use when a label column gives the number of classes: beyond it the
 * cluster tables and plots stop being readable and k-medoids' O(k·n²) start gets slow.
 */
export const REPORT_MAX_K = 20;

/**
 * Whether labels look like row identifiers rather than classes: one distinct value per row, or
 * more than half of the rows distinct (on at least 10 rows, where the share means something).
 *
 * @param classes - number of distinct labels
 * @param rows - number of rows
 * @returns true for an ID-like column
 */
export function looksLikeId(classes: number, rows: number): boolean {
  return rows > 1 && (classes === rows || (rows >= 10 && classes > rows / 2));
}

const f3 = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : String(v));

/** Milliseconds spent in `fn` plus its result. */
function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

/** Copies rows `idx` of `m`. */
function rowsOf(m: Matrix64, idx: ArrayLike<number>): Matrix64 {
  const out = new Float64Array(idx.length * m.cols);
  for (let i = 0; i < idx.length; i++) out.set(m.data.subarray(idx[i]! * m.cols, (idx[i]! + 1) * m.cols), i * m.cols);
  return { rows: idx.length, cols: m.cols, data: out };
}

/**
 * Runs the whole tour on `input` and builds the HTML report.
 *
 * @param input - data, optional true labels, name
 * @param options - see {@link ReportOptions}
 * @returns the HTML page and the summary rows
 */
export async function buildReport(input: ReportInput, options: ReportOptions = {}): Promise<Report> {
  const seed = options.seed ?? 42;
  const maxK = Math.max(2, Math.min(options.maxK ?? 10, input.data.rows - 1));
  const sink = options.progress;
  const log = (s: string): void => sink?.write(s);
  const summary: SummaryRow[] = [];
  const sections: Section[] = [];
  const skipped: string[] = [];
  const notes: string[] = [];
  const note = (s: string): void => {
    notes.push(s);
    log(`note: ${s}\n`);
  };
  const raw = input.data;
  const n = raw.rows;
  const names = input.labelNames;
  const column = input.labelColumn !== undefined ? `label column "${input.labelColumn}"` : 'the label column';
  const distinct = input.labels ? new Set(input.labels).size : 0;
  // An ID-like column names rows but says nothing about groups: it is shown, never used as classes.
  const idLike = input.labels !== undefined && looksLikeId(distinct, n);
  if (idLike) {
    note(
      `the ${column} looks like an ID, not a class (${distinct} distinct values in ${n} rows): it is not used as classes; k is chosen from the data, and ARI/NMI are not computed`,
    );
  }
  const truth = idLike ? undefined : input.labels;
  const nClasses = truth ? distinct : 0;
  const image = options.image;
  const tick = async (): Promise<void> => new Promise((r) => setTimeout(r, 0));
  // A step that throws (bad data for one method, a size limit, ...) is reported, and the report goes on.
  const guard = (name: string, step: () => void): void => {
    try {
      step();
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      skipped.push(`${name} failed: ${msg}`);
      log(`\nwarning: ${name} failed: ${msg}\n`);
    }
  };

  // Pixels of row i of `m` in the original units (undoing the standardization).
  let mean: Float64Array | undefined;
  let scale: Float64Array | undefined;
  const pixelsOf = (m: Matrix64, i: number): Float64Array => {
    const p = Float64Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
    if (mean && scale) for (let j = 0; j < p.length; j++) p[j] = p[j]! * scale[j]! + mean[j]!;
    return p;
  };
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of raw.data) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const picture = (m: Matrix64, i: number, caption: string): string =>
    image ? imageSvg(pixelsOf(m, i), { width: image[0], height: image[1], cellSize: 7, lo, hi }).replace('<svg ', `<svg aria-label="${escapeXml(caption)}" `) : '';
  const shown = input.labels;
  // Neighbourhood size of every trustworthiness figure: 5, or the largest k < n / 2 it allows.
  const trustK = Math.min(5, Math.ceil(n / 2) - 1);
  const className = (i: number): string => (shown ? (names?.[shown[i]!] ?? String(shown[i])) : '');

  // 1. standardize (on failure the raw values are used)
  let X = raw;
  if (options.standardize ?? true) {
    guard('standardize', () => {
      const [s, ms] = timed(() => standardize(raw));
      X = s.data;
      mean = s.mean;
      scale = s.scale;
      summary.push({ step: 'standardize', ms, result: `${n} × ${raw.cols}` });
    });
  }
  log(`data: ${n} rows × ${raw.cols} columns${truth ? `, ${nClasses} classes` : ''}\n`);

  // 2. similarity search
  guard('similarity search', () => {
    const q = Math.min(Math.max(0, options.query ?? 0), n - 1);
    const [nn, ms] = timed(() => knn(X, rowsOf(X, [q]), Math.min(6, n)));
    const hits = Array.from(nn.indices).map((i, r) => ({ i, d: nn.distances[r]! })).filter((h) => h.i !== q).slice(0, 5);
    summary.push({ step: 'knn (5 most similar)', ms, result: truth ? `${hits.filter((h) => truth[h.i] === truth[q]).length}/5 same class` : `nearest d=${f3(hits[0]?.d ?? NaN)}` });
    const cells = hits.map((h) => `<figure>${picture(X, h.i, `#${h.i}`)}<figcaption>#${h.i}${shown ? ` · ${escapeXml(className(h.i))}` : ''}<br>d = ${f3(h.d)}</figcaption></figure>`);
    sections.push({
      id: 'similarity',
      title: 'Similarity search',
      intro: `Row #${q}${truth ? ` (class ${escapeXml(className(q))})` : ''} and the five rows nearest to it in Euclidean distance${mean ? ' after standardization' : ''} (<code>knn</code>).`,
      body: `<div class="strip"><figure class="query">${picture(X, q, `#${q}`)}<figcaption>query #${q}${shown ? ` · ${escapeXml(className(q))}` : ''}</figcaption></figure>${cells.join('')}</div>`,
    });
  });
  await tick();

  // 3. choosing k, then the three clusterers
  const metricRows: string[] = [];
  let kmLabels: Int32Array | undefined;
  let Z: Matrix64 | undefined;
  const silhouetteOn = (labels: Int32Array): number => {
    if (n <= SILHOUETTE_SAMPLE) return silhouette(X, labels);
    const idx = shuffle(Int32Array.from({ length: n }, (_, i) => i), rng(seed)).subarray(0, SILHOUETTE_SAMPLE);
    return silhouette(rowsOf(X, idx), Int32Array.from(idx, (i) => labels[i]!));
  };
  const quality = (labels: Int32Array): string[] => [
    f3(silhouetteOn(labels)),
    f3(daviesBouldin(X, labels)),
    calinskiHarabasz(X, labels).toFixed(1),
    truth ? f3(adjustedRandIndex(truth, labels)) : '–',
    truth ? f3(normalizedMutualInfo(truth, labels)) : '–',
  ];
  const clusterRow = (method: string, ms: number, objective: string, labels: Int32Array): string =>
    `<tr><td>${method}</td><td>${ms.toFixed(0)}</td><td>${objective}</td>${quality(labels).map((c) => `<td>${c}</td>`).join('')}</tr>`;
  let kFinal = nClasses > 1 ? Math.min(nClasses, REPORT_MAX_K) : 3;
  if (nClasses > REPORT_MAX_K) {
    note(`the ${column} has ${nClasses} classes; the clusterers use k = ${REPORT_MAX_K}, the report's cap (ARI and NMI still compare with all ${nClasses} classes)`);
  }
  guard('choosing k', () => {
    // one k-means++ start per k keeps the scan fast; the silhouette runs on a seeded sample
    const bar = sink ? progressBar(sink, 'choosing k', maxK - 1) : undefined;
    bar?.update(0, `k = 2…${maxK}`);
    const [scan, ms] = timed(() => scanK(X, { kMin: 2, kMax: maxK, nInit: 1, sampleSize: SILHOUETTE_SAMPLE, seed }));
    const ks = Array.from(scan.k);
    const best = scan.silhouetteK;
    const bestSilhouette = scan.silhouette[ks.indexOf(best)]!;
    bar?.finish(`suggested k = ${best}, elbow at k = ${scan.elbowK}`);
    if (nClasses <= 1) kFinal = best;
    summary.push({ step: `k-means k=2..${maxK}`, ms, result: `suggested k = ${best} (silhouette ${f3(bestSilhouette)}), elbow k = ${scan.elbowK}` });
    const figs = [
      lineSvg({ name: 'inertia', x: ks, y: scan.inertia }, { title: 'Elbow: k-means inertia', xLabel: 'k', yLabel: 'inertia', mark: { x: scan.elbowK, label: `elbow: k = ${scan.elbowK}` }, width: 460, height: 300, legend: false }),
      lineSvg({ name: 'silhouette', x: ks, y: scan.silhouette }, { title: 'Mean silhouette by k', xLabel: 'k', yLabel: 'silhouette', mark: { x: best, label: `best: k = ${best}` }, width: 460, height: 300, legend: false }),
    ];
    sections.push({
      id: 'choosing-k',
      title: 'Choosing k',
      intro: `<code>scanK</code>: k-means (one k-means++ start per k) for k = 2…${maxK}. The elbow plot shows inertia (sum of squared distances to the nearest centroid), whose elbow is at k = ${scan.elbowK}; the silhouette (−1…1, higher is better) suggests k = ${best}${truth ? `; the data has ${nClasses} true classes` : ''}.`,
      body: `<div class="grid2">${figs.join('')}</div>`,
    });
  });
  guard('k-means', () => {
    const [km, ms] = timed(() => kmeans(X, { k: kFinal, seed }));
    kmLabels = km.labels;
    summary.push({ step: `k-means k=${kFinal}`, ms, result: `inertia ${km.inertia.toFixed(0)}, ${km.iterations} it` });
    metricRows.push(clusterRow('k-means', ms, `inertia ${km.inertia.toFixed(1)}`, km.labels));
  });
  await tick();
  guard('k-medoids', () => {
    const [kmed, ms] = timed(() => kmedoids(X, { k: kFinal, seed }));
    summary.push({ step: `k-medoids k=${kFinal}`, ms, result: `cost ${kmed.cost.toFixed(0)}` });
    metricRows.push(clusterRow('k-medoids (FasterPAM)', ms, `cost ${kmed.cost.toFixed(1)}`, kmed.labels));
    if (image) {
      sections.push({
        id: 'medoids',
        title: 'Medoids',
        intro: `The ${kFinal} medoids: real rows that best represent their clusters.`,
        body: `<div class="strip">${Array.from(kmed.medoids, (i) => `<figure>${picture(X, i, `#${i}`)}<figcaption>#${i}${shown ? ` · ${escapeXml(className(i))}` : ''}</figcaption></figure>`).join('')}</div>`,
      });
    }
  });
  await tick();
  if (n > LINKAGE_ROWS) skipped.push(`hierarchical clustering (more than ${LINKAGE_ROWS} rows)`);
  else {
    guard('hierarchical clustering', () => {
      const [z, ms] = timed(() => linkage(X, { method: 'ward' }));
      Z = z;
      summary.push({ step: 'linkage (ward)', ms, result: `top merge at ${z.data[(z.rows - 1) * 4 + 2]!.toFixed(1)}` });
      metricRows.push(clusterRow('agglomerative (Ward)', ms, `cut at k = ${kFinal}`, cutTree(z, { k: kFinal })));
    });
  }
  if (metricRows.length) {
    sections.push({
      id: 'clustering',
      title: `Clustering with k = ${kFinal}`,
      intro: `Three clusterers on the same data${truth ? `; ARI and NMI compare the clusters with the true classes (1 = identical, 0 = chance)` : ''}. Silhouette: higher is better; Davies–Bouldin: lower is better; Calinski–Harabasz: higher is better.`,
      body: `<table><thead><tr><th>method</th><th>ms</th><th>objective</th><th>silhouette</th><th>Davies–Bouldin</th><th>Calinski–Harabasz</th><th>ARI</th><th>NMI</th></tr></thead><tbody>${metricRows.join('')}</tbody></table>`,
    });
  }
  const tree = Z;
  if (tree) {
    guard('dendrogram', () => {
      const zr = tree.rows;
      // a height between the merge that leaves kFinal clusters and the next one
      const threshold = kFinal >= 2 && kFinal <= zr ? (tree.data[(zr - kFinal) * 4 + 2]! + tree.data[(zr - kFinal + 1) * 4 + 2]!) / 2 : undefined;
      const svg = dendrogramSvg(tree, { title: `Ward dendrogram (${n} rows)`, width: 920, height: 360, ...(n > 60 ? { truncate: 40 } : {}), ...(threshold !== undefined ? { threshold } : {}) });
      sections.push({ id: 'dendrogram', title: 'Dendrogram', intro: `The Ward merge tree; the cut into ${kFinal} clusters sits where ${kFinal} branches cross a horizontal line.`, body: svg });
    });
  }
  await tick();

  const pointLabels = truth ?? kmLabels;
  const legendNames = truth ? names : undefined;
  const scatterOf = (P: Matrix64, title: string, xLabel: string, yLabel: string, extra: { labels?: Int32Array; values?: Float64Array } = {}): string =>
    scatterSvg(P, {
      title,
      xLabel,
      yLabel,
      width: 460,
      height: 380,
      ...(extra.values ? { values: extra.values } : (extra.labels ?? pointLabels) ? { labels: extra.labels ?? pointLabels! } : {}),
      ...(legendNames && !extra.labels && !extra.values ? { labelNames: legendNames } : {}),
    });

  // 4. PCA
  guard('PCA', () => {
    const [full, ms] = timed(() => pca(X));
    const ratio = Array.from(full.explainedVarianceRatio);
    const cumulative: number[] = [];
    for (let i = 0, acc = 0; i < ratio.length; i++) cumulative.push((acc += ratio[i]!));
    const [scores, ms2] = timed(() => pcaTransform(pca(X, { components: 2 }), X));
    const need90 = cumulative.findIndex((c) => c >= 0.9) + 1;
    summary.push({ step: 'PCA', ms: ms + ms2, result: `PC1+PC2 ${(100 * (cumulative[1] ?? cumulative[0] ?? 0)).toFixed(1)}% var; 90% needs ${need90}` });
    sections.push({
      id: 'pca',
      title: 'PCA',
      intro: `Principal components: the first two keep ${(100 * (cumulative[1] ?? 0)).toFixed(1)}% of the variance; ${need90} components keep 90%.`,
      body: `<div class="grid2">${scatterOf(scores, 'PCA: first two components', 'PC1', 'PC2')}${lineSvg(
        { name: 'cumulative', y: cumulative },
        { title: 'Cumulative explained variance', xLabel: 'components', yLabel: 'fraction of variance', mark: { x: need90, label: `90% at ${need90}` }, width: 460, height: 380, legend: false },
      )}</div>`,
    });
  });
  await tick();

  // 5. t-SNE
  guard('t-SNE', () => {
    const iterations = options.tsneIterations ?? 750;
    const bar = sink ? progressBar(sink, 't-SNE', iterations) : undefined;
    const [res, ms] = timed(() => tsne(X, { iterations, seed, onProgress: (p) => bar?.update(p.iteration, p.kl !== undefined ? `KL ${p.kl.toFixed(3)}` : '') }));
    bar?.finish(`KL ${f3(res.kl)}`);
    const [trust, tms] = timed(() => trustworthiness(X, res.embedding, trustK));
    summary.push({ step: `t-SNE (${iterations} it)`, ms, result: `KL ${f3(res.kl)}, trustworthiness ${f3(trust)} (${tms.toFixed(0)} ms)` });
    const figs = [scatterOf(res.embedding, `t-SNE${truth ? ' by true class' : ''}`, 't-SNE 1', 't-SNE 2')];
    if (truth && kmLabels) figs.push(scatterOf(res.embedding, `t-SNE by k-means cluster (k = ${kFinal})`, 't-SNE 1', 't-SNE 2', { labels: kmLabels }));
    sections.push({
      id: 'tsne',
      title: 't-SNE',
      intro: `Barnes–Hut t-SNE (perplexity 30, ${iterations} iterations): KL divergence ${f3(res.kl)}, trustworthiness ${f3(trust)} (share of ${trustK}-nearest neighbourhoods kept; 1 = perfect).`,
      body: `<div class="grid2">${figs.join('')}</div>`,
    });
  });
  await tick();

  // 5b. UMAP, then HDBSCAN on the picture (the embed → UMAP → HDBSCAN pipeline)
  guard('UMAP', () => {
    let bar: ReturnType<typeof progressBar> | undefined;
    const [model, ms] = timed(() =>
      umap(X, {
        seed,
        nNeighbors: Math.min(15, n - 1),
        onProgress: (p) => {
          if (p.stage === 'optimize') (bar ??= sink ? progressBar(sink, 'UMAP', p.total) : undefined)?.update(p.completed);
        },
      }),
    );
    const [trust, tms] = timed(() => trustworthiness(X, model.embedding, trustK));
    bar?.finish(`trustworthiness ${f3(trust)}`);
    summary.push({ step: `UMAP (${model.nEpochs} epochs)`, ms, result: `trustworthiness ${f3(trust)} (${tms.toFixed(0)} ms)` });
    const figs = [scatterOf(model.embedding, `UMAP${truth ? ' by true class' : ''}`, 'UMAP 1', 'UMAP 2')];
    let clusters = '';
    const minClusterSize = Math.max(5, Math.round(n / 100));
    // Fewer than two minimum-size clusters' worth of rows: nothing to separate.
    if (n >= 2 * minClusterSize) guard('HDBSCAN', () => {
      const [hd, hms] = timed(() => hdbscan(model.embedding, { minClusterSize }));
      const { clusters: k, noise, classes } = noiseAsClass(hd.labels);
      const ari = truth ? adjustedRandIndex(truth, classes) : NaN;
      summary.push({ step: 'HDBSCAN on UMAP', ms: hms, result: `${k} clusters, ${noise} noise${truth ? `, ARI ${f3(ari)}` : ''}` });
      figs.push(scatterOf(model.embedding, `HDBSCAN clusters (min size ${minClusterSize}; noise grey)`, 'UMAP 1', 'UMAP 2', { labels: hd.labels }));
      figs.push(condensedTreeSvg(hd, { title: 'HDBSCAN condensed tree (selected clusters outlined)', width: 460, height: 380 }));
      clusters = ` HDBSCAN (minimum cluster size ${minClusterSize}) on the picture finds ${k} clusters and leaves ${noise} points as noise (grey)${truth ? `; ARI against the true classes ${f3(ari)} (noise counted as one more class)` : ''}. The condensed tree shows each cluster's life as the density threshold rises.`;
    });
    sections.push({
      id: 'umap',
      title: 'UMAP and HDBSCAN',
      intro: `UMAP (15 neighbours, ${model.nEpochs} epochs, spectral start): trustworthiness ${f3(trust)}.${clusters}`,
      body: `<div class="grid2">${figs.join('')}</div>`,
    });
  });
  await tick();

  // 5c. manifold learners: Isomap (geodesic distances) and LLE (local linear patches)
  guard('Isomap / LLE', () => {
    const nNeighbors = Math.min(10, n - 2);
    const [iso, ims] = timed(() => isomap(X, { nNeighbors }));
    const [loc, lms] = timed(() => lle(X, { nNeighbors }));
    const tIso = trustworthiness(X, iso.embedding, trustK);
    const tLle = trustworthiness(X, loc.embedding, trustK);
    summary.push({ step: 'Isomap + LLE', ms: ims + lms, result: `trustworthiness ${f3(tIso)} / ${f3(tLle)}` });
    sections.push({
      id: 'manifold',
      title: 'Isomap and LLE',
      intro: `Two manifold learners with ${nNeighbors} neighbours: Isomap keeps distances measured along the data's surface (trustworthiness ${f3(tIso)}), LLE rebuilds each row from its neighbours and keeps those weights (trustworthiness ${f3(tLle)}). Both are deterministic, and new rows can be placed with <code>isomapTransform</code> / <code>lleTransform</code>.`,
      body: `<div class="grid2">${scatterOf(iso.embedding, 'Isomap', 'Isomap 1', 'Isomap 2')}${scatterOf(loc.embedding, 'LLE', 'LLE 1', 'LLE 2')}</div>`,
    });
  });
  await tick();

  // 6. autoencoder
  guard('autoencoder', () => {
    const epochs = options.epochs ?? 40;
    const bar = sink ? progressBar(sink, 'autoencoder', epochs) : undefined;
    const [model, ms] = timed(() =>
      autoencoder(X, { layers: [32, 2], epochs, seed, learningRate: 1e-3, batchSize: 32, onProgress: (p) => bar?.update(p.epoch, `loss ${p.loss.toFixed(4)}`) }),
    );
    const loss = model.history.loss;
    const errors = reconstructionError(model, X);
    let meanErr = 0;
    for (const e of errors) meanErr += e;
    meanErr /= Math.max(1, errors.length);
    bar?.finish(`reconstruction MSE ${meanErr.toFixed(4)}`);
    const Zl = encode(model, X);
    summary.push({ step: `autoencoder (${epochs} epochs)`, ms, result: `reconstruction MSE ${meanErr.toFixed(4)}` });
    const figs = [scatterOf(Zl, 'Autoencoder latent space (2-D)', 'z1', 'z2')];
    if (loss.length) figs.push(lineSvg({ name: 'training loss', y: loss }, { title: 'Training loss', xLabel: 'epoch', yLabel: 'MSE', width: 460, height: 380, legend: false, ...(loss.every((v) => v > 0) ? { yScale: 'log' as const } : {}) }));
    sections.push({
      id: 'autoencoder',
      title: 'Autoencoder latent space',
      intro: `A ${raw.cols} → 32 → 2 → 32 → ${raw.cols} network trained for ${epochs} epochs (Adam). Mean reconstruction error (MSE per feature${mean ? ', standardized units' : ''}): ${meanErr.toFixed(4)}.`,
      body: `<div class="grid2">${figs.join('')}</div>`,
    });

    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => errors[b]! - errors[a]!);
    const top = order.slice(0, 5);
    sections.push({
      id: 'anomalies',
      title: 'Anomaly scores',
      intro: 'Each row\'s reconstruction error is an anomaly score: rows the autoencoder reconstructs worst are the least typical.',
      body: `<div class="grid2">${scatterOf(Zl, 'Latent space coloured by reconstruction error', 'z1', 'z2', { values: errors })}<div><h3>Least typical rows</h3>${
        image
          ? `<div class="strip">${top.map((i) => `<figure>${picture(X, i, `#${i}`)}<figcaption>#${i}${shown ? ` · ${escapeXml(className(i))}` : ''}<br>error ${errors[i]!.toFixed(2)}</figcaption></figure>`).join('')}</div>`
          : `<table><thead><tr><th>row</th>${shown ? `<th>${truth ? 'class' : 'label'}</th>` : ''}<th>error</th></tr></thead><tbody>${top.map((i) => `<tr><td>#${i}</td>${shown ? `<td>${escapeXml(className(i))}</td>` : ''}<td>${errors[i]!.toFixed(3)}</td></tr>`).join('')}</tbody></table>`
      }</div></div>`,
    });

    if (image) {
      const a = 0;
      let b = n - 1;
      if (truth) for (let i = 1; i < n; i++) if (truth[i] !== truth[a]) { b = i; break; }
      const za = Zl.data.subarray(a * Zl.cols, (a + 1) * Zl.cols);
      const zb = Zl.data.subarray(b * Zl.cols, (b + 1) * Zl.cols);
      const decoded = decode(model, interpolate(za, zb, 8));
      sections.push({
        id: 'interpolation',
        title: 'Interpolation in latent space',
        intro: `Row #${a}${shown ? ` (${escapeXml(className(a))})` : ''} and row #${b}${shown ? ` (${escapeXml(className(b))})` : ''} encoded, joined by a straight line in the 2-D latent space, and 8 points along it decoded back into images.`,
        body: `<div class="strip"><figure class="query">${picture(X, a, `#${a}`)}<figcaption>#${a}</figcaption></figure>${Array.from({ length: decoded.rows }, (_, i) => `<figure>${picture(decoded, i, `t=${(i / Math.max(1, decoded.rows - 1)).toFixed(2)}`)}<figcaption>t = ${(i / Math.max(1, decoded.rows - 1)).toFixed(2)}</figcaption></figure>`).join('')}<figure class="query">${picture(X, b, `#${b}`)}<figcaption>#${b}</figcaption></figure></div>`,
      });
    }
  });

  return { html: page(input, sections, summary, skipped, notes), summary, notes };
}

/** The summary rows as an aligned plain-text table. */
export function summaryTable(rows: readonly SummaryRow[]): string {
  const w0 = Math.max(4, ...rows.map((r) => r.step.length));
  const lines = [`${'step'.padEnd(w0)}  ${'ms'.padStart(7)}  result`, `${'-'.repeat(w0)}  ${'-'.repeat(7)}  ${'-'.repeat(40)}`];
  for (const r of rows) lines.push(`${r.step.padEnd(w0)}  ${r.ms.toFixed(0).padStart(7)}  ${r.result}`);
  return lines.join('\n') + '\n';
}

const CSS = `
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;margin:0;background:#f6f7f9;color:#1d2430}
header{background:#1d2430;color:#fff;padding:22px 32px}header h1{margin:0 0 4px;font-size:24px}header p{margin:0;color:#c9d1dc}header code{background:#34404f;color:#fff}
main{max-width:1000px;margin:0 auto;padding:8px 24px 40px}
section{background:#fff;border:1px solid #e1e4e8;border-radius:8px;padding:16px 20px;margin:18px 0}
h2{font-size:18px;margin:0 0 6px}h3{font-size:14px;margin:4px 0 8px}p{line-height:1.45;margin:0 0 10px}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:12px;align-items:start}
.strip{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-start}
figure{margin:0;text-align:center;font-size:11px;color:#444}figure.query svg{outline:2px solid #D55E00;outline-offset:2px}
table{border-collapse:collapse;font-size:13px}td,th{padding:4px 10px;border-bottom:1px solid #eee;text-align:right}td:first-child,th:first-child{text-align:left}
code{background:#f0f2f4;padding:1px 4px;border-radius:3px}.skipped{color:#8a6d3b;background:#fcf8e3;border-color:#faebcc}
svg{max-width:100%;height:auto}
`;

/** Assembles the self-contained page. */
function page(input: ReportInput, sections: readonly Section[], summary: readonly SummaryRow[], skipped: readonly string[], notes: readonly string[]): string {
  const n = input.data.rows;
  const classes = input.labels ? new Set(input.labels).size : 0;
  const nav = sections.map((s) => `<a href="#${s.id}">${escapeXml(s.title)}</a>`).join(' · ');
  const table = `<table><thead><tr><th>step</th><th>ms</th><th>result</th></tr></thead><tbody>${summary
    .map((r) => `<tr><td>${escapeXml(r.step)}</td><td>${r.ms.toFixed(0)}</td><td style="text-align:left">${escapeXml(r.result)}</td></tr>`)
    .join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>latent report: ${escapeXml(input.name)}</title><style>${CSS}</style></head>
<body><header><h1>latent report: ${escapeXml(input.name)}</h1><p>${n} rows × ${input.data.cols} features${classes ? `, ${classes} ${looksLikeId(classes, n) ? 'distinct labels' : 'classes'}` : ''} · made with the latent library (zero dependencies, every figure drawn by <code>latent/plot</code>)</p></header>
<main><section id="summary"><h2>Summary</h2><p>${nav}</p>${table}</section>
${notes.length ? `<section class="notes"><h2>Notes</h2><ul>${notes.map((s) => `<li>${escapeXml(s)}</li>`).join('')}</ul></section>` : ''}
${skipped.length ? `<section class="skipped"><h2>Skipped</h2><ul>${skipped.map((s) => `<li>${escapeXml(s)}</li>`).join('')}</ul></section>` : ''}
${sections.map((s) => `<section id="${s.id}"><h2>${escapeXml(s.title)}</h2><p>${s.intro}</p>${s.body}</section>`).join('\n')}
</main></body></html>
`;
}
