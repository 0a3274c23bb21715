/**
 * UMAP's initial embedding (umap-learn's `simplicial_set_embedding` before the optimisation):
 * spectral, PCA, random or given coordinates, then every column rescaled to [0, 10].
 */
import type { Matrix, Matrix64 } from '../../core/matrix.js';
import { nextDouble, type RngState } from '../../core/random.js';
import type { CsrMatrix } from '../../core/sparse.js';
import type { Work } from '../../core/task.js';
import { SQUARE_SAFE_MAX } from '../../core/validate.js';
import { pca } from '../../decomposition/pca.js';
import { pcaTransform } from '../../decomposition/pca-transform.js';
import type { Metric } from '../../distance/metric.js';
import { knnSelf } from '../../neighbors/exact/knn.js';
import { detNormal } from './normal.js';
import { spectralLayoutWork } from './spectral-init.js';

/** How the initial layout was chosen. */
export type UmapInit = 'spectral' | 'pca' | 'random' | Matrix64;

/** What {@link initialEmbeddingWork} needs. */
export interface InitInput {
  /** The data (PCA; component centroids of the spectral layout). */
  X: Matrix;
  /** The fuzzy graph after the epoch threshold (as umap-learn's init sees it). */
  graph: CsrMatrix;
  /** Embedding dimension. */
  dims: number;
  /** The resolved init option (a given matrix is n × dims, finite). */
  init: UmapInit;
  /** The UMAP metric. */
  metric: Metric;
  /** Seed (eigensolver start). */
  seed: number;
}

/**
 * umap-learn's `noisy_scale_coords`: scales so the largest |coordinate| is 10, then adds
 * N(0, 1e-4²) noise to every coordinate. Returns false (and leaves Y alone) when every
 * coordinate is 0.
 */
function noisyScale(Y: Float64Array, rng: RngState): boolean {
  let max = 0;
  for (let t = 0; t < Y.length; t++) max = Math.max(max, Math.abs(Y[t]!));
  if (!(max > 0) || !Number.isFinite(max)) return false;
  const expansion = 10 / max;
  if (expansion < Infinity) {
    for (let t = 0; t < Y.length; t++) Y[t] = Y[t]! * expansion + 1e-4 * detNormal(rng);
  } else {
    // Subnormal layouts (data near 1e-323): 10 / max overflows, so divide first.
    for (let t = 0; t < Y.length; t++) Y[t] = (Y[t]! / max) * 10 + 1e-4 * detNormal(rng);
  }
  return true;
}

/** Uniform in [−10, 10) (umap-learn's `'random'` init). */
function uniformLayout(n: number, dims: number, rng: RngState): Float64Array {
  const Y = new Float64Array(n * dims);
  for (let t = 0; t < Y.length; t++) Y[t] = -10 + 20 * nextDouble(rng);
  return Y;
}

/**
 * A given layout, copied; when two rows coincide, umap-learn adds N(0, (0.001·m)²) noise to
 * every coordinate, m the mean distance of each row to its nearest other row.
 */
function givenLayout(init: Matrix64, rng: RngState): Float64Array {
  // Beyond ±2⁵⁰⁰ the duplicate search would square into Infinity; the layout is rescaled to
  // [0, 10] afterwards, so dividing by a constant changes nothing else.
  const safe = withinSquareSafe(init);
  const Y = Float64Array.from(safe.data);
  const n = init.rows;
  if (n < 2) return Y;
  const nn = knnSelf(safe, 1).distances;
  let duplicates = false;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (nn[i] === 0) duplicates = true;
    sum += nn[i]!;
  }
  if (duplicates) {
    const scale = 0.001 * (sum / n);
    for (let t = 0; t < Y.length; t++) Y[t] = Y[t]! + scale * detNormal(rng);
  }
  return Y;
}

/**
 * X itself, or X / max|xᵢⱼ| when an entry lies beyond ±2⁵⁰⁰ (legal for the metrics that do not
 * square, e.g. `'chebyshev'`): PCA refuses such data, and the layout is rescaled to [0, 10]
 * afterwards anyway, so dividing by a constant changes nothing but the overflow.
 */
function withinSquareSafe(X: Matrix): Matrix {
  const data = X.data;
  if (!(data instanceof Float64Array)) return X;
  let max = 0;
  for (let i = 0; i < data.length; i++) {
    const v = Math.abs(data[i]!);
    if (v > max) max = v;
  }
  if (max <= SQUARE_SAFE_MAX) return X;
  const scaled = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) scaled[i] = data[i]! / max;
  return { rows: X.rows, cols: X.cols, data: scaled };
}

/**
 * The initial n × dims layout (row-major), after umap-learn's final rescaling of each column to
 * [0, 10] (`10 · (y − min) / (max − min)`; a constant column becomes 0):
 * - `'spectral'`: {@link spectralLayoutWork}, scaled so the largest |coordinate| is 10, plus
 *   N(0, 1e-4²) noise;
 * - `'pca'`: the first `dims` principal components (exact solver, so the same bits everywhere),
 *   scaled and noised the same way; falls back to `'random'` when X has fewer than `dims`
 *   columns or no variance;
 * - `'random'`: uniform in [−10, 10);
 * - a matrix: used as given (jittered when two rows coincide, as umap-learn does).
 *
 * @param input - {@link InitInput}
 * @param rng - generator for noise and random layouts (advanced)
 * @returns the layout (via the generator's return value)
 * @example
 * ```ts
 * const Y = runSync(initialEmbeddingWork({ X, graph, dims: 2, init: 'spectral', metric: 'euclidean', seed: 42 }, rngState(42)), { fn: 'umap' });
 * ```
 * @see umap-learn `umap.umap_.simplicial_set_embedding`
 */
export function* initialEmbeddingWork(input: InitInput, rng: RngState): Work<Float64Array> {
  const { X, graph, dims, init } = input;
  const n = graph.rows;
  yield { stage: 'init', completed: 0, total: 1 };
  let Y: Float64Array;
  if (init === 'spectral') {
    Y = yield* spectralLayoutWork(graph, dims, X, input.metric, input.seed, rng);
    if (!noisyScale(Y, rng)) Y = uniformLayout(n, dims, rng);
  } else if (init === 'pca') {
    Y = new Float64Array(0);
    if (X.cols >= dims && n >= dims) {
      const Xs = withinSquareSafe(X);
      Y = pcaTransform(pca(Xs, { components: dims, solver: 'full' }), Xs).data;
      if (!noisyScale(Y, rng)) Y = new Float64Array(0);
    }
    if (Y.length === 0) Y = uniformLayout(n, dims, rng);
  } else if (init === 'random') {
    Y = uniformLayout(n, dims, rng);
  } else {
    Y = givenLayout(init, rng);
  }
  for (let t = 0; t < dims; t++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = Y[i * dims + t]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const range = hi - lo;
    for (let i = 0; i < n; i++) Y[i * dims + t] = range > 0 ? (10 * (Y[i * dims + t]! - lo)) / range : 0;
  }
  yield { stage: 'init', completed: 1, total: 1 };
  return Y;
}
