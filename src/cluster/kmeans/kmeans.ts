/**
 * k-means clustering: k-means++ initialisation, restarts, and exact Lloyd iterations
 * accelerated by Elkan's or Hamerly's bounds.
 */
import { LatentError, describe } from '../../core/errors.js';
import { asMatrix, asMatrix64, type FloatArray, type Matrix64, type MatrixLike } from '../../core/matrix.js';
import { DEFAULT_SEED, rngState } from '../../core/random.js';
import { normalize } from '../../core/vector.js';
import { assertAllocatable, assertInteger, assertNumber, assertOneOf, assertSquareSafe } from '../../core/validate.js';
import { checkAborted, type Observer, type Progress } from '../../core/task.js';
import { rowSqNorms } from '../../distance/kernels.js';
import { elkan } from './elkan.js';
import { hamerly } from './hamerly.js';
import { kmeansPlusPlus, randomRows } from './kmeans-init.js';
import { useProduct } from './kmeans-product.js';
import { absoluteTolerance, copyRow, hullDiameter, identicalRows, type KMeansProblem, type KMeansRun } from './kmeans-step.js';
import { lloyd } from './lloyd.js';
import { functionOption, readOptions, signalOption, type OptionKeys } from '../../core/options.js';

/** Iteration scheme of {@link kmeans}. All three give identical results; they differ in speed. */
export type KMeansAlgorithm = 'auto' | 'lloyd' | 'elkan' | 'hamerly';

/** Distance that {@link kmeans} minimises: squared euclidean, or cosine (spherical k-means). */
export type KMeansMetric = 'euclidean' | 'cosine';

/** Restarts of `nInit: 'auto'` on small problems (see {@link KMeansOptions.nInit} for the measurement). */
export const DEFAULT_N_INIT = 10;

/**
 * `nInit: 'auto'` makes {@link DEFAULT_N_INIT} restarts while n·k·d is at most this (2²⁵ ≈ 3.4e7:
 * a k-means++ start there takes about 0.1 s), and one start above it, as scikit-learn ≥ 1.4
 * does with k-means++ (see {@link KMeansOptions.nInit}).
 */
export const AUTO_N_INIT_MAX_WORK: number = 2 ** 25;

/** Options of {@link kmeans}. */
export interface KMeansOptions {
  /** Number of clusters, an integer in [1, n]. */
  k: number;
  /**
   * How to choose the starting centres: greedy `'k-means++'` (2 + ⌊ln k⌋ candidates per
   * step, as scikit-learn), `'random'` (k distinct rows), or an explicit k × d matrix of
   * centres (then a single run is made, whatever `nInit` says).
   * @defaultValue 'k-means++'
   */
  init?: 'k-means++' | 'random' | MatrixLike;
  /**
   * Number of initialisations; the run with the lowest inertia is kept. One k-means++ run
   * sometimes stops in a poor local optimum (up to 6 % worse on digits). With 10 runs
   * (scikit-learn 1.2's default), over 30 seeds every iris and wine run reached
   * scikit-learn's best-of-100 inertia and every digits run stayed within 0.02 % of
   * scikit-learn's n_init = 10 median (9 of 30 at or below it); see
   * `bench/results/cluster.md`.
   *
   * `'auto'`: 10 runs while n·k·d ≤ 2²⁵ (`AUTO_N_INIT_MAX_WORK`; iris, wine, digits,
   * 10 000 × 50 with k = 10 all qualify, with the quality above), one run above it, where ten
   * would cost minutes (100 000 × 384 with k = 100: one run ≈ 20 s) and a single k-means++ start
   * costs little: on the embedding benchmark (100 000 × 384, 200 clusters, k = 100) the best of
   * 5 starts was 0.3 % below the median single start (`bench/results/embeddings.md`). An explicit
   * `init` matrix always makes one run.
   * @defaultValue 'auto'
   */
  nInit?: number | 'auto';
  /**
   * Maximum number of assignment steps per run.
   * @defaultValue 300
   */
  maxIter?: number;
  /**
   * Relative tolerance: a run stops when the summed squared centre shift is at most
   * `tol · mean(var(X, axis = 0))` (scikit-learn's rule). It also stops as soon as no label
   * changes. `0` iterates to the exact fixed point. When all rows are identical a run stops
   * after its first update whatever `tol` says (every clustering has inertia 0, and the rounded
   * mean of the copies would otherwise keep the labels flipping until `maxIter`).
   * @defaultValue 1e-4
   */
  tol?: number;
  /**
   * Seed of the initialisations.
   * @defaultValue DEFAULT_SEED (42)
   */
  seed?: number;
  /**
   * `'lloyd'`, `'elkan'` (bounds per row and centre, O(n·k) memory), `'hamerly'` (two bounds per
   * row) or `'auto'`: Lloyd for k = 1, Hamerly when d ≤ 32 or when n·k is very large, else Elkan
   * (measured: Hamerly 2× faster than Elkan on 20 000 × 32, k = 20; Elkan ahead from d ≈ 50).
   * Every choice returns the same labels, centres and inertia.
   * @defaultValue 'auto'
   */
  algorithm?: KMeansAlgorithm;
  /**
   * `'euclidean'` minimises squared euclidean distances. `'cosine'` runs spherical k-means for
   * embedding vectors: rows are scaled to unit length, centroids are unit-length means, and
   * `inertia` is the sum of cosine distances `1 − cos(x, c)`. Rows must be non-zero.
   * @defaultValue 'euclidean'
   */
  metric?: KMeansMetric;
  /**
   * Stops the fit (seeding and iterations, every restart) within a few milliseconds of work with
   * `E_ABORTED`.
   * @defaultValue undefined
   */
  signal?: AbortSignal;
  /**
   * Receives `{ stage: 'init', completed, total }` as k-means++ picks centres (over all restarts)
   * and `{ stage: 'iterate', completed, total: maxIter }` after each assignment step.
   * @defaultValue undefined
   */
  onProgress?: (progress: Progress) => void;
}

/** Every key of {@link KMeansOptions}, for the options validator. */
export const K_MEANS_KEYS: OptionKeys<KMeansOptions> = { k: true, init: true, nInit: true, maxIter: true, tol: true, seed: true, algorithm: true, metric: true, signal: true, onProgress: true };

/** A fitted k-means model: plain data (survives `structuredClone` and `serialize`). */
export interface KMeansModel {
  /** Model tag. */
  kind: 'kmeans';
  /** Layout version. */
  version: 1;
  /** k × d centres (unit length for the cosine metric). */
  centroids: Matrix64;
  /** Cluster of every training row, 0-based. */
  labels: Int32Array;
  /** Sum of squared distances to the assigned centre (cosine: sum of cosine distances). */
  inertia: number;
  /** Assignment steps of the kept run. */
  iterations: number;
  /** Whether the kept run met a stopping rule before `maxIter`. */
  converged: boolean;
  /** Metric the model was fitted with (used by {@link kmeansPredict}). */
  metric: KMeansMetric;
}

/**
 * Picks the iteration scheme for `'auto'` from the problem's shape.
 *
 * @param n - rows
 * @param d - columns
 * @param k - clusters
 * @returns the scheme to run
 */
export function chooseKMeansAlgorithm(n: number, d: number, k: number): 'lloyd' | 'elkan' | 'hamerly' {
  if (k === 1) return 'lloyd';
  if (d <= 32 || n * k > 1 << 25) return 'hamerly';
  return 'elkan';
}

/**
 * Copies `data` (n × d, Float64 or Float32) into Float64 scaling each row to unit length; throws
 * on a zero row. Rows whose squared norm underflows (entries below ~1e-154) or overflows (above
 * ~1e154) go through core's rescaling `normalize` instead of being mistaken for zero rows or
 * zeroed out.
 *
 * @param fn - public function name
 * @param name - argument name
 * @param data - rows
 * @param n - rows
 * @param d - columns
 * @returns the normalised copy
 */
export function unitRows(fn: string, name: string, data: FloatArray, n: number, d: number): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    copyRow(data, i, d, out, o);
    let s = 0;
    for (let t = 0; t < d; t++) s += out[o + t]! * out[o + t]!;
    if (s >= 1e-290 && s < Infinity) {
      const inv = 1 / Math.sqrt(s);
      for (let t = 0; t < d; t++) out[o + t] = out[o + t]! * inv;
      continue;
    }
    let zero = true;
    for (let t = 0; t < d; t++) if (out[o + t] !== 0) zero = false;
    if (zero) throw new LatentError('E_RANGE', `${fn}: ${name} rows must be non-zero for metric 'cosine', got a zero row at row ${i}`);
    const row = out.subarray(o, o + d);
    normalize(row, row);
  }
  return out;
}

/** Validated options shared by {@link kmeans} and the mini-batch variant. */
export interface ResolvedKMeansInput {
  /** Data: the caller's rows in place (Float64 or Float32), or a Float64 copy with unit rows for cosine. */
  X: FloatArray;
  /** Rows. */
  n: number;
  /** Columns. */
  d: number;
  /** Clusters. */
  k: number;
  /** Explicit centres, or the name of the initialisation. */
  init: Float64Array | 'k-means++' | 'random';
  /** Restarts ('auto' resolved). */
  nInit: number;
  /** Iteration bound. */
  maxIter: number;
  /** Relative tolerance. */
  tol: number;
  /** Seed. */
  seed: number;
  /** Metric. */
  metric: KMeansMetric;
  /** Abort signal. */
  signal: AbortSignal | undefined;
  /** Progress callback. */
  onProgress: ((progress: Progress) => void) | undefined;
}

/**
 * Validates the input of a k-means entry point (shared with the mini-batch variant).
 *
 * @param fn - public function name
 * @param X - data
 * @param options - options
 * @param maxIterDefault - default of `maxIter`
 * @param tolDefault - default of `tol`
 * @returns the resolved input
 */
export function resolveKMeansInput(
  fn: string,
  X: MatrixLike,
  options: KMeansOptions,
  maxIterDefault: number,
  tolDefault: number,
): ResolvedKMeansInput {
  const m = asMatrix(X, fn, 'X');
  const n = m.rows;
  const d = m.cols;
  if (n < 1 || d < 1) throw new LatentError('E_SHAPE', `${fn}: X must have at least 1 row and 1 column, got ${n} × ${d}`);
  const k = assertInteger(fn, 'k', options.k, 1, n);
  const rawNInit = options.nInit ?? 'auto';
  if (typeof rawNInit === 'string' && rawNInit !== 'auto') {
    throw new LatentError('E_OPTION', `${fn}: nInit must be a positive integer or 'auto', got ${describe(rawNInit)}`);
  }
  const nInit = rawNInit === 'auto' ? (n * k * d <= AUTO_N_INIT_MAX_WORK ? DEFAULT_N_INIT : 1) : assertInteger(fn, 'nInit', rawNInit, 1, 10000);
  const maxIter = assertInteger(fn, 'maxIter', options.maxIter ?? maxIterDefault, 1);
  const tol = assertNumber(fn, 'tol', options.tol ?? tolDefault, 0);
  const seed = assertInteger(fn, 'seed', options.seed ?? DEFAULT_SEED, 0);
  const metric = assertOneOf(fn, 'metric', options.metric ?? 'euclidean', ['euclidean', 'cosine'] as const);
  const signal = signalOption(fn, options.signal);
  const onProgress = functionOption(fn, 'onProgress', options.onProgress);
  if (metric === 'euclidean' && m.data instanceof Float64Array) assertSquareSafe(fn, 'X', m.data, d);
  const rawInit = options.init ?? 'k-means++';
  let init: Float64Array | 'k-means++' | 'random';
  if (typeof rawInit === 'string') {
    init = assertOneOf(fn, 'init', rawInit, ['k-means++', 'random'] as const);
  } else {
    const c = asMatrix64(rawInit, fn, 'init');
    if (c.rows !== k) throw new LatentError('E_SHAPE', `${fn}: init rows must be k = ${k}, got ${c.rows}`);
    if (c.cols !== d) throw new LatentError('E_SHAPE', `${fn}: init columns must be X columns ${d}, got ${c.cols}`);
    if (metric === 'euclidean') assertSquareSafe(fn, 'init', c.data, d);
    init = metric === 'cosine' ? unitRows(fn, 'init', c.data, k, d) : c.data.slice();
  }
  const data = metric === 'cosine' ? unitRows(fn, 'X', m.data, n, d) : m.data;
  return { X: data, n, d, k, init, nInit: typeof init === 'string' ? nInit : 1, maxIter, tol, seed, metric, signal, onProgress };
}

/**
 * Clusters the rows of `X` into `k` groups around centroids, minimising the inertia (sum of
 * squared distances to the assigned centroid).
 *
 * Each of `nInit` runs starts from k-means++ (or random rows, or the given centres) and
 * iterates Lloyd's algorithm until no label changes, the centre shift falls below `tol`, or
 * `maxIter`; the run with the lowest inertia is kept. Elkan's and Hamerly's triangle-inequality
 * bounds skip most distance computations yet give exactly Lloyd's iterates, so with an
 * explicit `init` and `tol: 0` the result equals scikit-learn's Lloyd. An empty cluster takes
 * the row farthest from its centre (see `updateCenters`), so no centroid is ever NaN.
 * Duplicate rows, k = n and n = 1 are fine.
 *
 * Complexity: O(nInit · (k·trials·n·d + iterations·n·k·d)) time in the worst case (the bounds
 * usually remove most of the n·k·d per iteration), O(n·k) memory (Elkan) or O(n) (Hamerly).
 *
 * At scale (d ≥ 32, or Float32 data) the k-means++ candidates and the full assignment passes
 * run through the packed matrix product (`‖x‖² + ‖c‖² − 2x·c` at the matrix-product rate) with an
 * exact re-check of every centre its proven error bound cannot separate from the nearest: the
 * seeding, labels, centres, inertia and iteration count are bit-for-bit those of the difference
 * form. Measured on 100 000 × 384 Float32 rows, k = 100, one start: ≈ 1.5× scikit-learn's
 * float64 Lloyd (`bench/results/embeddings.md`).
 *
 * Memory: Float32 or Float64 data is read in place (no copy) for `'euclidean'`; `'cosine'` works
 * on a Float64 copy scaled to unit rows. Besides: 8 bytes per row of norms (product path), the
 * labels, k-means++'s `(trials + 3)` values per row, and Elkan's n·k lower bounds (8 bytes each;
 * `algorithm: 'hamerly'` needs 16 bytes per row instead).
 *
 * @param X - n × d data (`Matrix` with Float64 or Float32 data, `number[][]`, `Float64Array[]` or `Float32Array[]`); not modified
 * @param options - {@link KMeansOptions}; `k` is required
 * @returns a {@link KMeansModel}
 * @throws LatentError `E_TYPE` (missing options, non-number k), `E_RANGE` (k not an integer in
 * [1, n], bad nInit / maxIter / tol / seed, zero row with the cosine metric), `E_SHAPE` (empty
 * X, ragged rows, init of the wrong shape), `E_NOT_FINITE` (NaN or ±Infinity in X or init),
 * `E_OPTION` (unknown init, algorithm or metric), `E_MEMORY` (Elkan's bounds too large)
 * @throws LatentError `E_RANGE` with `'euclidean'` for a value of `X` or `init` beyond ±2⁵⁰⁰ ≈ 3.3e150, whose squared differences would overflow (rows for `'cosine'` are rescaled instead)
 * @throws LatentError `E_ABORTED` when `signal` fires (checked every 4 096 rows of every pass)
 * @example
 * ```ts
 * const model = kmeans([[1, 1], [1.2, 0.8], [8, 8], [8.2, 7.9]], { k: 2 });
 * model.labels;            // Int32Array [1, 1, 0, 0]  (label numbers depend on the seed)
 * toRows(model.centroids); // [[8.1, 7.95], [1.1, 0.9]]
 * model.inertia;           // 0.0649999… (0.04 + 0.025)
 * ```
 * @see Arthur & Vassilvitskii (2007) k-means++; Elkan (2003); Hamerly (2010)
 * @see sklearn.cluster.KMeans
 */
export function kmeans(X: MatrixLike, options: KMeansOptions): KMeansModel {
  return kmeansAs('kmeans', X, options);
}

/**
 * {@link kmeans} on behalf of another public function (`scanK`): identical results, but every
 * message (validation, memory, abort) names `fn`, the function the user called.
 *
 * @param fn - public function name for messages
 * @param X - n × d data
 * @param options - {@link KMeansOptions}
 * @returns a {@link KMeansModel}
 * @throws LatentError as {@link kmeans}, messages prefixed with `fn`
 * @example
 * ```ts
 * kmeansAs('scanK', [[0], [1], [9]], { k: 2 }).labels.length; // 3
 * ```
 */
export function kmeansAs(fn: string, X: MatrixLike, options: KMeansOptions): KMeansModel {
  const o = readOptions(fn, options, K_MEANS_KEYS);
  const input = resolveKMeansInput(fn, X, o, 300, 1e-4);
  const { X: data, n, d, k, init, nInit, maxIter, metric } = input;
  let algorithm = assertOneOf(fn, 'algorithm', o.algorithm ?? 'auto', ['auto', 'lloyd', 'elkan', 'hamerly'] as const);
  if (algorithm === 'auto') algorithm = chooseKMeansAlgorithm(n, d, k);
  if (algorithm === 'elkan') assertAllocatable(fn, "Elkan's lower bounds (use algorithm 'hamerly')", n * k);
  // Identical rows: any shift passes, so each start stops after its first update (see identicalRows).
  const tol = identicalRows(data, n, d) ? Infinity : absoluteTolerance(data, n, d, input.tol);
  const state = rngState(input.seed);
  const run = algorithm === 'lloyd' ? lloyd : algorithm === 'elkan' ? elkan : hamerly;
  const hull = metric === 'cosine' ? 2 : hullDiameter(data, n, d, typeof init === 'string' ? null : init, k);
  const observer: Observer = { fn, signal: input.signal, onProgress: input.onProgress };
  checkAborted(fn, input.signal);
  const sqX = useProduct(data, d) ? rowSqNorms(data, n, d) : null;
  let best: KMeansRun | null = null;
  for (let r = 0; r < nInit; r++) {
    let start: Float64Array;
    let initLabels: Int32Array | null = null;
    let initClosest: Float64Array | null = null;
    if (typeof init === 'string') {
      start = new Float64Array(k * d);
      if (init === 'k-means++') {
        const pp = kmeansPlusPlus(data, n, d, k, state, start, undefined, sqX, observer, r * k, nInit * k);
        initLabels = pp.labels;
        initClosest = pp.closest;
      } else {
        randomRows(data, n, d, k, state, start);
      }
    } else {
      start = init;
    }
    const problem: KMeansProblem = { X: data, sqX, n, d, k, init: start, initLabels, initClosest, maxIter, tol, spherical: metric === 'cosine', diameter: hull, observer };
    const res = run(problem);
    if (best === null || res.inertia < best.inertia) best = res;
  }
  const b = best!;
  return {
    kind: 'kmeans',
    version: 1,
    centroids: { rows: k, cols: d, data: b.centers },
    labels: b.labels,
    inertia: metric === 'cosine' ? b.inertia / 2 : b.inertia,
    iterations: b.iterations,
    converged: b.converged,
    metric,
  };
}
