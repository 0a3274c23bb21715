/**
 * Seeded synthetic "sentence embeddings" for the benchmarks: unit-normalized Float32 rows in
 * clusters (topics), each cluster spread along its own low-dimensional subspace (the variation
 * within a topic) plus a little isotropic noise — the structure of real model embeddings, whose
 * intrinsic dimension is far below their width.
 *
 * Row i = normalize(c_j + spread · B_j z / √r + noise · ε / √d), j = cluster of row i (uniform),
 * c_j a random unit vector, B_j a d × r matrix of random unit columns, z ~ N(0, I_r),
 * ε ~ N(0, I_d). Gaussians by Marsaglia's polar method with `detLog`, so the same arguments give
 * the same bits on every engine.
 *
 * The default shape (64-dimensional clusters, spread 1, noise 1) makes a search problem of the
 * difficulty the issues quote for real 384-d sentence embeddings: on 100 000 × 384 with 200
 * clusters, hnswlib (M = 16, efConstruction = 200, cosine) reaches recall@10 0.86 / 0.96 / 0.997
 * / 1.000 at ef 16 / 32 / 64 / 128 (measured here; the issue quotes 0.991 at ef 64 for its set).
 * `{ latentDims: 16, spread: 0.6, noise: 0.2 }` is an easier set (1.000 at ef 64).
 *
 * Usage: `embeddings(100_000, 384, 200, 1)` → Float32Array of 100 000 × 384 (≈ 147 MiB).
 */
import { detLog } from '../../src/core/math.js';
import { nextDouble, rngState, type RngState } from '../../src/core/random.js';

/** Shape parameters of {@link embeddings} beyond the sizes. */
export interface EmbeddingShape {
  /** Dimension r of each cluster's subspace. @defaultValue 64 */
  latentDims?: number;
  /** Norm of the within-cluster variation relative to the unit centre. @defaultValue 1 */
  spread?: number;
  /** Norm of the isotropic noise relative to the unit centre. @defaultValue 1 */
  noise?: number;
}

/** Standard normal draws, two at a time (Marsaglia's polar method). */
function gaussians(s: RngState): () => number {
  let spare = 0;
  let has = false;
  return () => {
    if (has) {
      has = false;
      return spare;
    }
    for (;;) {
      const u = 2 * nextDouble(s) - 1;
      const v = 2 * nextDouble(s) - 1;
      const r = u * u + v * v;
      if (r > 0 && r < 1) {
        const f = Math.sqrt((-2 * detLog(r)) / r);
        spare = v * f;
        has = true;
        return u * f;
      }
    }
  };
}

function unitVector(g: () => number, d: number, out: Float64Array, off: number): void {
  let nn = 0;
  for (let t = 0; t < d; t++) {
    const x = g();
    out[off + t] = x;
    nn += x * x;
  }
  const inv = 1 / Math.sqrt(nn);
  for (let t = 0; t < d; t++) out[off + t] = out[off + t]! * inv;
}

/**
 * Generates n × d unit-normalized Float32 rows in `clusters` clusters.
 *
 * @param n - rows
 * @param d - width (384 for MiniLM-class models)
 * @param clusters - number of clusters (topics)
 * @param seed - seed
 * @param shape - subspace dimension, spread and noise (see {@link EmbeddingShape})
 * @returns row-major n × d Float32Array
 */
export function embeddings(n: number, d: number, clusters: number, seed: number, shape: EmbeddingShape = {}): Float32Array {
  const r = shape.latentDims ?? 64;
  const spread = shape.spread ?? 1;
  const noise = shape.noise ?? 1;
  const s = rngState(seed);
  const g = gaussians(s);
  const centres = new Float64Array(clusters * d);
  const bases = new Float64Array(clusters * r * d);
  for (let c = 0; c < clusters; c++) {
    unitVector(g, d, centres, c * d);
    for (let t = 0; t < r; t++) unitVector(g, d, bases, (c * r + t) * d);
  }
  const out = new Float32Array(n * d);
  const row = new Float64Array(d);
  const z = new Float64Array(r);
  const a = spread / Math.sqrt(r);
  const b = noise / Math.sqrt(d);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(nextDouble(s) * clusters);
    for (let t = 0; t < r; t++) z[t] = g();
    for (let j = 0; j < d; j++) row[j] = centres[c * d + j]! + b * g();
    for (let t = 0; t < r; t++) {
      const w = a * z[t]!;
      const off = (c * r + t) * d;
      for (let j = 0; j < d; j++) row[j] = row[j]! + w * bases[off + j]!;
    }
    let nn = 0;
    for (let j = 0; j < d; j++) nn += row[j]! * row[j]!;
    const inv = 1 / Math.sqrt(nn);
    for (let j = 0; j < d; j++) out[i * d + j] = row[j]! * inv;
  }
  return out;
}
