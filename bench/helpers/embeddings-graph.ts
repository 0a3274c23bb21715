/**
 * Seeded synthetic "sentence embeddings" for the kNN-graph benchmark: unit-normalized Float32
 * rows grouped in clusters (topics), each cluster spread along its own low-dimensional subspace
 * (the variation within a topic) plus a little isotropic noise — the structure of real model
 * embeddings, whose intrinsic dimension is far below their width. Same seed, same bits.
 *
 * Row i = normalize(c_j + spread · B_j z / √r + noise · ε / √d) with j uniform over the
 * clusters, c_j a random unit vector, B_j a d × r matrix of random unit columns, z ~ N(0, I_r)
 * and ε ~ N(0, I_d).
 */
import type { Matrix } from '../../src/core/matrix.js';
import { nextDouble, rngState, type RngState } from '../../src/core/random.js';

/** Options of {@link clusteredEmbeddings}. */
export interface ClusteredEmbeddingOptions {
  /** Rows. */
  n: number;
  /** Width (384 for MiniLM-class models). */
  dims: number;
  /** Number of clusters. */
  clusters: number;
  /** Dimension r of each cluster's subspace. */
  latentDims: number;
  /** Norm of the within-cluster variation relative to the unit centre. */
  spread: number;
  /** Norm of the isotropic noise relative to the unit centre. */
  noise: number;
  /** Seed. */
  seed: number;
}

const DEFAULTS: ClusteredEmbeddingOptions = { n: 100_000, dims: 384, clusters: 200, latentDims: 16, spread: 0.6, noise: 0.2, seed: 1 };

function gauss(s: RngState): number {
  // Box–Muller; Math.log/cos are fine here (bench data, generated once per process).
  const u = 1 - nextDouble(s);
  const v = nextDouble(s);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function unit(s: RngState, d: number, out: Float64Array, off: number): void {
  let nn = 0;
  for (let t = 0; t < d; t++) {
    const x = gauss(s);
    out[off + t] = x;
    nn += x * x;
  }
  const inv = 1 / Math.sqrt(nn);
  for (let t = 0; t < d; t++) out[off + t]! *= inv;
}

/**
 * Generates the data set (100 000 × 384 with 200 clusters by default: ≈ 150 MB of Float32).
 *
 * @param options - sizes and shape (see {@link ClusteredEmbeddingOptions})
 * @returns the rows (Float32) and each row's cluster
 */
export function clusteredEmbeddings(options: Partial<ClusteredEmbeddingOptions> = {}): { data: Matrix<Float32Array>; labels: Int32Array } {
  const { n, dims: d, clusters, latentDims: r, spread, noise, seed } = { ...DEFAULTS, ...options };
  const s = rngState(seed);
  const centres = new Float64Array(clusters * d);
  const bases = new Float64Array(clusters * r * d);
  for (let j = 0; j < clusters; j++) {
    unit(s, d, centres, j * d);
    for (let b = 0; b < r; b++) unit(s, d, bases, (j * r + b) * d);
  }
  const data = new Float32Array(n * d);
  const labels = new Int32Array(n);
  const row = new Float64Array(d);
  const z = new Float64Array(r);
  const sz = spread / Math.sqrt(r);
  const sn = noise / Math.sqrt(d);
  for (let i = 0; i < n; i++) {
    const j = Math.floor(nextDouble(s) * clusters);
    labels[i] = j;
    for (let b = 0; b < r; b++) z[b] = gauss(s) * sz;
    for (let t = 0; t < d; t++) row[t] = centres[j * d + t]! + gauss(s) * sn;
    for (let b = 0; b < r; b++) {
      const zb = z[b]!;
      const o = (j * r + b) * d;
      for (let t = 0; t < d; t++) row[t]! += zb * bases[o + t]!;
    }
    let nn = 0;
    for (let t = 0; t < d; t++) nn += row[t]! * row[t]!;
    const inv = 1 / Math.sqrt(nn);
    for (let t = 0; t < d; t++) data[i * d + t] = row[t]! * inv;
  }
  return { data: { rows: n, cols: d, data }, labels };
}
