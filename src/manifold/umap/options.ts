/**
 * Options of {@link umap} / {@link umapStart}, their defaults (umap-learn 0.5's) and their
 * validation.
 */
import { LatentError, describe } from '../../core/errors.js';
import { asMatrix, asMatrix64, isFloatArray, type FloatArray, type Matrix, type MatrixLike } from '../../core/matrix.js';
import { memoryLimitOption } from '../../core/memory.js';
import { booleanOption, enumOption, functionOption, integerIn, numberIn, readOptions, seedOption, signalOption, type OptionKeys } from '../../core/options.js';
import { DEFAULT_SEED } from '../../core/random.js';
import type { Progress } from '../../core/task.js';
import { SQUARE_SAFE_MAX } from '../../core/validate.js';
import { checkMetric, type Metric } from '../../distance/metric.js';
import type { UmapInit } from './init.js';

/** A precomputed neighbour graph for {@link UmapOptions.knn} (what `knnGraph` returns). */
export interface UmapKnn {
  /** n × k neighbour row numbers, row i listing i's neighbours (never i itself), nearest first. */
  indices: Int32Array;
  /** n × k distances in the metric's units, ascending within each row, finite and ≥ 0. */
  distances: Float64Array | Float32Array;
}

/** Options of {@link umap}, {@link umapAsync} and {@link umapStart}. */
export interface UmapOptions {
  /**
   * Dimension of the embedding (umap-learn's `n_components`), an integer ≥ 1. The optimiser
   * has a specialised path for 2.
   * @defaultValue 2
   */
  dims?: number;
  /**
   * Size of the local neighbourhood, counting the point itself as umap-learn does: each point's
   * fuzzy set is built from its `nNeighbors − 1` nearest other points. An integer in [2, n − 1].
   * Larger values favour global structure, smaller ones local detail.
   * @defaultValue 15
   */
  nNeighbors?: number;
  /**
   * Smallest distance between points in the embedding: how tightly clusters pack. In
   * [0, spread].
   * @defaultValue 0.1
   */
  minDist?: number;
  /**
   * Scale of the embedded points (with `minDist`, fixes the curve parameters a, b). > 0.
   * @defaultValue 1
   */
  spread?: number;
  /**
   * Input-space metric. `'euclidean'` and `'cosine'` are what embeddings use; every built-in
   * metric and custom functions work (through the exact neighbour search: O(n²) calls for a
   * function, so small n only).
   * @defaultValue 'euclidean'
   */
  metric?: Metric;
  /**
   * Optimisation epochs: an integer ≥ 0 (0 returns the initial layout), or `'auto'`: 500 for
   * n ≤ 10 000, 200 above (umap-learn's rule).
   * @defaultValue 'auto'
   */
  nEpochs?: number | 'auto';
  /**
   * Initial SGD step α (decays linearly to 0 over the epochs). > 0.
   * @defaultValue 1
   */
  learningRate?: number;
  /**
   * Negative samples per positive edge sample (≥ 0).
   * @defaultValue 5
   */
  negativeSampleRate?: number;
  /**
   * Weight γ of the negative samples' repulsion (umap-learn's `repulsion_strength`), ≥ 0.
   * @defaultValue 1
   */
  repulsionStrength?: number;
  /**
   * Neighbours each point is assumed fully connected to (umap-learn's `local_connectivity`),
   * ≥ 0; fractional values interpolate.
   * @defaultValue 1
   */
  localConnectivity?: number;
  /**
   * How the local fuzzy sets are combined (umap-learn's `set_op_mix_ratio`): 1 fuzzy union,
   * 0 fuzzy intersection, in between a mix. In [0, 1].
   * @defaultValue 1
   */
  setOpMixRatio?: number;
  /**
   * Initial layout: `'spectral'` (eigenvectors of the fuzzy graph's normalized Laplacian, per
   * connected component), `'pca'`, `'random'` (uniform), or an n × dims matrix. Every layout
   * is rescaled to [0, 10] per axis before optimising, as umap-learn does.
   * @defaultValue 'spectral'
   */
  init?: 'spectral' | 'pca' | 'random' | MatrixLike;
  /**
   * Class labels for supervised UMAP: one integer per row, −1 for unlabelled rows. Edges
   * between different classes are weakened (umap-learn's categorical target metric).
   * @defaultValue undefined (unsupervised)
   */
  target?: ArrayLike<number>;
  /**
   * Weight of `target` against the data's own structure, in [0, 1]: 0.5 balances them, 1
   * cuts every edge between different classes.
   * @defaultValue 0.5
   */
  targetWeight?: number;
  /**
   * A precomputed neighbour graph (`{ indices, distances }`, n × k, without the points
   * themselves, nearest first; e.g. from `knnGraph` or an HNSW index). Its first
   * `nNeighbors − 1` columns are used (k must be at least that); the search is skipped.
   * @defaultValue undefined (computed)
   */
  knn?: UmapKnn;
  /**
   * Curve parameter a, given together with `b` to skip the fit from `minDist`/`spread`.
   * @defaultValue undefined (fitted)
   */
  a?: number;
  /**
   * Curve parameter b (see `a`).
   * @defaultValue undefined (fitted)
   */
  b?: number;
  /**
   * Keep a copy of the training data in the model, which {@link umapTransform} needs (n × d in
   * the input's storage type: 4 bytes per value for Float32 input). `false` saves that memory;
   * the model then cannot transform new points.
   * @defaultValue true
   */
  keepData?: boolean;
  /**
   * Seed of every random choice (initial layout noise, negative samples, eigensolver start):
   * the same seed gives the same bits on every engine.
   * @defaultValue DEFAULT_SEED (42)
   */
  seed?: number;
  /**
   * Budget in bytes for the working memory planned up front (neighbour tables, graph, edge
   * schedule, training-data copy).
   * @defaultValue 4 GiB
   */
  memoryLimit?: number;
  /**
   * Receives `{ stage, completed, total }` reports: `'knn'` (rows searched), `'graph'`,
   * `'init'` and `'optimize'` (epochs done). Throwing from it stops the run.
   * @defaultValue undefined
   */
  onProgress?: (progress: Progress) => void;
  /**
   * Checked at every checkpoint, during the neighbour search and graph build as during the
   * epochs: once aborted, the call throws `E_ABORTED` (use {@link umapStart}/{@link umapStep}
   * to keep a partial layout).
   * @defaultValue undefined
   */
  signal?: AbortSignal;
}

const KEYS: OptionKeys<UmapOptions> = {
  dims: true,
  nNeighbors: true,
  minDist: true,
  spread: true,
  metric: true,
  nEpochs: true,
  learningRate: true,
  negativeSampleRate: true,
  repulsionStrength: true,
  localConnectivity: true,
  setOpMixRatio: true,
  init: true,
  target: true,
  targetWeight: true,
  knn: true,
  a: true,
  b: true,
  keepData: true,
  seed: true,
  memoryLimit: true,
  onProgress: true,
  signal: true,
};

/** Options after defaults and validation. */
export interface ResolvedUmapOptions {
  /** Public function name for messages. */
  fn: string;
  /** The data, Float32 or Float64 as given (not copied). */
  X: Matrix;
  /** Rows. */
  n: number;
  /** Embedding dimension. */
  dims: number;
  /** Neighbourhood size (the point included). */
  nNeighbors: number;
  /** Curve offset. */
  minDist: number;
  /** Curve scale. */
  spread: number;
  /** Metric. */
  metric: Metric;
  /** Epochs, resolved. */
  nEpochs: number;
  /** Whether `nEpochs` was automatic (transform then defaults to 100/30 epochs, as umap-learn). */
  nEpochsAuto: boolean;
  /** Initial α. */
  learningRate: number;
  /** Negative samples per positive sample. */
  negativeSampleRate: number;
  /** γ. */
  repulsionStrength: number;
  /** Local connectivity. */
  localConnectivity: number;
  /** Set-operation mix. */
  setOpMixRatio: number;
  /** Initial layout. */
  init: UmapInit;
  /** Labels (−1 unlabelled) or null. */
  target: Int32Array | null;
  /** Target weight. */
  targetWeight: number;
  /** Precomputed neighbours (first nNeighbors − 1 columns used) or null. */
  knn: { indices: Int32Array; distances: FloatArray; k: number } | null;
  /** Given a, b (both) or null. */
  curve: { a: number; b: number } | null;
  /** Keep the training data in the model. */
  keepData: boolean;
  /** Seed. */
  seed: number;
  /** Memory budget. */
  memoryLimit: number;
  /** Progress callback. */
  onProgress: ((progress: Progress) => void) | undefined;
  /** Abort signal. */
  signal: AbortSignal | undefined;
}

function resolveTarget(fn: string, raw: unknown, n: number): Int32Array | null {
  if (raw === undefined) return null;
  if (typeof raw !== 'object' || raw === null || typeof (raw as { length?: unknown }).length !== 'number') {
    throw new LatentError('E_TYPE', `${fn}: target must be an array of integer labels (−1 = unlabelled), got ${describe(raw)}`);
  }
  const t = raw as ArrayLike<unknown>;
  if (t.length !== n) throw new LatentError('E_SHAPE', `${fn}: target must have one label per row (${n}), got length ${t.length}`);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = t[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -1 || v > 0x7fffffff) {
      throw new LatentError(typeof v === 'number' ? 'E_RANGE' : 'E_TYPE', `${fn}: target must hold integers ≥ −1 (−1 = unlabelled), got ${describe(v)} at index ${i}`);
    }
    out[i] = v;
  }
  return out;
}

function resolveKnn(fn: string, raw: unknown, n: number, width: number): ResolvedUmapOptions['knn'] {
  if (raw === undefined) return null;
  const g = (typeof raw === 'object' ? raw : null) as Partial<UmapKnn> | null;
  if (g === null || !(g.indices instanceof Int32Array) || !isFloatArray(g.distances)) {
    throw new LatentError('E_TYPE', `${fn}: knn must be { indices: Int32Array, distances: Float64Array | Float32Array }, got ${describe(raw)}`);
  }
  const { indices, distances } = g as UmapKnn;
  if (indices.length !== distances.length || n === 0 || indices.length % n !== 0) {
    throw new LatentError('E_SHAPE', `${fn}: knn indices and distances must both hold n × k values for n = ${n}, got lengths ${indices.length} and ${distances.length}`);
  }
  const k = indices.length / n;
  if (k < width) throw new LatentError('E_SHAPE', `${fn}: knn must have at least nNeighbors − 1 = ${width} neighbours per row, got ${k}`);
  for (let i = 0; i < n; i++) {
    let prev = 0;
    for (let t = i * k; t < i * k + width; t++) {
      const j = indices[t]!;
      if (j < 0 || j >= n || j === i) throw new LatentError('E_RANGE', `${fn}: knn indices must be other rows in [0, ${n}), got ${j} in row ${i}`);
      const d = distances[t]!;
      if (!(d >= prev) || d === Infinity) {
        throw new LatentError(d - d === 0 ? 'E_RANGE' : 'E_NOT_FINITE', `${fn}: knn distances must be finite, ≥ 0 and ascending within each row, got ${describe(d)} after ${prev} in row ${i}`);
      }
      prev = d;
    }
  }
  return { indices, distances, k };
}

function resolveInit(fn: string, raw: unknown, n: number, dims: number): UmapInit {
  if (raw === undefined || typeof raw === 'string') return enumOption(fn, 'init', raw, ['spectral', 'pca', 'random'] as const, 'spectral');
  const m = asMatrix64(raw as MatrixLike, fn, 'init');
  if (m.rows !== n || m.cols !== dims) throw new LatentError('E_SHAPE', `${fn}: init must be a ${n} × ${dims} matrix, got ${m.rows} × ${m.cols}`);
  return m;
}

/**
 * Fills defaults and validates every option once.
 *
 * @param fn - public function name for messages
 * @param X - the data
 * @param options - the user's options
 * @returns resolved options
 * @throws LatentError `E_TYPE`, `E_SHAPE`, `E_NOT_FINITE`, `E_RANGE`, `E_OPTION`, `E_MEMORY`
 * @example
 * ```ts
 * resolveUmapOptions('umap', X, { nNeighbors: 10 }).nEpochs; // 500 for n ≤ 10 000
 * ```
 */
export function resolveUmapOptions(fn: string, X: MatrixLike, options: UmapOptions | undefined): ResolvedUmapOptions {
  const o = readOptions(fn, options, KEYS);
  const m = asMatrix(X, fn, 'X');
  const n = m.rows;
  if (n < 1) throw new LatentError('E_SHAPE', `${fn}: X must have at least 1 row, got 0`);
  if (m.cols < 1) throw new LatentError('E_SHAPE', `${fn}: X must have at least 1 column, got 0`);
  const dims = integerIn(fn, 'dims', o.dims ?? 2, { min: 1, max: 1 << 20 });
  const nNeighbors = integerIn(fn, 'nNeighbors', o.nNeighbors ?? 15, { min: 2 });
  if (n > 1 && nNeighbors >= n) {
    throw new LatentError('E_RANGE', `${fn}: nNeighbors must be an integer in [2, n − 1 = ${n - 1}] (it counts the point itself), got ${nNeighbors}`);
  }
  const spread = numberIn(fn, 'spread', o.spread ?? 1, { min: 0, open: 'min' });
  const minDist = numberIn(fn, 'minDist', o.minDist ?? 0.1, { min: 0 });
  if (minDist > spread) throw new LatentError('E_RANGE', `${fn}: minDist must be ≤ spread = ${spread}, got ${minDist}`);
  const metric = checkMetric(fn, o.metric);
  const rawEpochs = o.nEpochs ?? 'auto';
  const nEpochsAuto = rawEpochs === 'auto';
  const nEpochs = nEpochsAuto ? (n <= 10000 ? 500 : 200) : integerIn(fn, 'nEpochs', rawEpochs, { min: 0, max: 1e7 });
  const learningRate = numberIn(fn, 'learningRate', o.learningRate ?? 1, { min: 0, open: 'min' });
  const negativeSampleRate = numberIn(fn, 'negativeSampleRate', o.negativeSampleRate ?? 5, { min: 0, max: 1e6 });
  const repulsionStrength = numberIn(fn, 'repulsionStrength', o.repulsionStrength ?? 1, { min: 0 });
  const localConnectivity = numberIn(fn, 'localConnectivity', o.localConnectivity ?? 1, { min: 0 });
  const setOpMixRatio = numberIn(fn, 'setOpMixRatio', o.setOpMixRatio ?? 1, { min: 0, max: 1 });
  const init = resolveInit(fn, o.init, n, dims);
  const target = resolveTarget(fn, o.target, n);
  const targetWeight = numberIn(fn, 'targetWeight', o.targetWeight ?? 0.5, { min: 0, max: 1 });
  const knn = resolveKnn(fn, o.knn, n, Math.min(nNeighbors - 1, Math.max(0, n - 1)));
  let curve: ResolvedUmapOptions['curve'] = null;
  if (o.a !== undefined || o.b !== undefined) {
    if (o.a === undefined || o.b === undefined) throw new LatentError('E_OPTION', `${fn}: a and b must be given together, got only ${o.a === undefined ? 'b' : 'a'}`);
    curve = { a: numberIn(fn, 'a', o.a, { min: 0, open: 'min' }), b: numberIn(fn, 'b', o.b, { min: 0, open: 'min' }) };
  }
  const keepData = booleanOption(fn, 'keepData', o.keepData, true);
  const seed = seedOption(fn, o.seed, DEFAULT_SEED);
  const memoryLimit = memoryLimitOption(fn, o.memoryLimit);
  const onProgress = functionOption(fn, 'onProgress', o.onProgress);
  const signal = signalOption(fn, o.signal);
  if ((metric === 'euclidean' || metric === 'sqeuclidean') && m.data instanceof Float64Array) {
    const data = m.data;
    for (let t = 0; t < data.length; t++) {
      if (Math.abs(data[t]!) > SQUARE_SAFE_MAX) {
        throw new LatentError('E_RANGE', `${fn}: X values must be within ±2^500 for the '${metric}' metric (their squares would overflow), got ${describe(data[t])} at row ${Math.floor(t / m.cols)}`);
      }
    }
  }
  return {
    fn,
    X: m,
    n,
    dims,
    nNeighbors,
    minDist,
    spread,
    metric,
    nEpochs,
    nEpochsAuto,
    learningRate,
    negativeSampleRate,
    repulsionStrength,
    localConnectivity,
    setOpMixRatio,
    init,
    target,
    targetWeight,
    knn,
    curve,
    keepData,
    seed,
    memoryLimit,
    onProgress,
    signal,
  };
}
