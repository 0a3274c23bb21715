/**
 * Seeded synthetic "sentence embeddings" for the embedding-scale benchmarks: unit-normalised
 * Float32 rows drawn around `clusters` random directions, with unequal cluster sizes (weights
 * ∝ 1/(c + 10), a mild Zipf law) and a noise level that puts the mean cosine between two rows of
 * one cluster near 0.5 and between clusters near 0 — the shape of real embedding collections.
 *
 * The same generator writes the binary files the python references read
 * (`bench/native/embeddings.py`), so both sides work on identical bits.
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomNormal, rng } from '../../src/core/random.js';

/** Shape and seed of a generated set. */
export interface EmbeddingSpec {
  /** Rows. */
  n: number;
  /** Dimension. */
  d: number;
  /** Number of cluster directions. */
  clusters: number;
  /** Seed. */
  seed: number;
}

/** The benchmark's corpus: 100 000 × 384, 200 clusters. */
export const CORPUS: EmbeddingSpec = { n: 100_000, d: 384, clusters: 200, seed: 1 };
/** The benchmark's queries: 1 000 rows from the same clusters (another seed for the noise). */
export const QUERIES: EmbeddingSpec = { n: 1_000, d: 384, clusters: 200, seed: 2 };

/**
 * Generates `spec.n` unit rows of `spec.d` Float32 values. The cluster directions depend only on
 * `d`, `clusters` (fixed seed 7), so corpus and queries share them; the memberships and noise
 * depend on `spec.seed`.
 *
 * @param spec - shape and seed
 * @returns the row-major rows and the cluster of each row
 */
export function embeddings(spec: EmbeddingSpec): { data: Float32Array; labels: Int32Array } {
  const { n, d, clusters, seed } = spec;
  const dirRandom = rng(7);
  const dirs = new Float64Array(clusters * d);
  for (let c = 0; c < clusters; c++) {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const v = randomNormal(dirRandom);
      dirs[c * d + t] = v;
      s += v * v;
    }
    const inv = 1 / Math.sqrt(s);
    for (let t = 0; t < d; t++) dirs[c * d + t]! *= inv;
  }
  const cum = new Float64Array(clusters);
  let total = 0;
  for (let c = 0; c < clusters; c++) {
    total += 1 / (c + 10);
    cum[c] = total;
  }
  const random = rng(seed);
  const data = new Float32Array(n * d);
  const labels = new Int32Array(n);
  const row = new Float64Array(d);
  // Noise of norm ≈ 1 around a unit direction: same-cluster cosine ≈ 0.5 after normalising.
  const sigma = 1 / Math.sqrt(d);
  for (let i = 0; i < n; i++) {
    const u = random() * total;
    let c = 0;
    while (c < clusters - 1 && cum[c]! <= u) c++;
    labels[i] = c;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const v = dirs[c * d + t]! + sigma * randomNormal(random);
      row[t] = v;
      s += v * v;
    }
    const inv = 1 / Math.sqrt(s);
    for (let t = 0; t < d; t++) data[i * d + t] = row[t]! * inv;
  }
  return { data, labels };
}

/** Reads `count` float32 values from a raw file straight into one Float32Array (no intermediate Buffer copy). */
function readFloat32(path: string, count: number): Float32Array {
  const data = new Float32Array(count);
  const bytes = new Uint8Array(data.buffer);
  const fd = openSync(path, 'r');
  try {
    let off = 0;
    while (off < bytes.length) {
      const got = readSync(fd, bytes, off, Math.min(1 << 26, bytes.length - off), off);
      if (got <= 0) throw new Error(`${path}: file shorter than ${bytes.length} bytes`);
      off += got;
    }
  } finally {
    closeSync(fd);
  }
  return data;
}

/** Where generated sets are cached (git-ignored `node_modules/.cache` is shared; use the OS tmp). */
export const CACHE_DIR: string = process.env['LATENT_BENCH_CACHE'] ?? '/tmp/latent-bench-embeddings';

/**
 * The set for `spec`, from the cache file `<n>x<d>-c<clusters>-s<seed>.f32` (raw little-endian
 * float32, row-major) or generated and written there.
 *
 * @param spec - shape and seed
 * @returns the rows and the path of the file holding them
 */
export function cachedEmbeddings(spec: EmbeddingSpec): { data: Float32Array; path: string } {
  const path = join(CACHE_DIR, `${spec.n}x${spec.d}-c${spec.clusters}-s${spec.seed}.f32`);
  if (existsSync(path)) return { data: readFloat32(path, spec.n * spec.d), path };
  mkdirSync(CACHE_DIR, { recursive: true });
  const { data } = embeddings(spec);
  writeFileSync(path, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return { data, path };
}

/** The wide PCA benchmark's shape: 10 000 × 2 000, rank-100 signal with decaying scales plus noise. */
export const WIDE: EmbeddingSpec = { n: 10_000, d: 2_000, clusters: 100, seed: 3 };

/**
 * Wide data for randomized PCA: `clusters` Gaussian factors with scales 10/(c + 1) times random
 * loadings, plus noise of standard deviation 0.5 and a small per-column offset (so centring
 * matters). Float32 rows. Cached like {@link cachedEmbeddings}.
 *
 * @param spec - shape (clusters = signal rank) and seed
 * @returns the rows and the path of the file holding them
 */
export function cachedWide(spec: EmbeddingSpec): { data: Float32Array; path: string } {
  const path = join(CACHE_DIR, `wide-${spec.n}x${spec.d}-r${spec.clusters}-s${spec.seed}.f32`);
  if (existsSync(path)) return { data: readFloat32(path, spec.n * spec.d), path };
  const { n, d, clusters: rank, seed } = spec;
  const random = rng(seed);
  const w = new Float64Array(rank * d);
  for (let i = 0; i < w.length; i++) w[i] = randomNormal(random);
  const z = new Float64Array(rank);
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < rank; c++) z[c] = (10 / (c + 1)) * randomNormal(random);
    for (let j = 0; j < d; j++) {
      let s = 0.5 * randomNormal(random) + 0.01 * j;
      for (let c = 0; c < rank; c++) s += z[c]! * w[c * d + j]!;
      data[i * d + j] = s;
    }
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(path, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return { data, path };
}
