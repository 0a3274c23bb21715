/**
 * k-medoids clustering: FasterPAM (default), classic PAM and the alternating method, on
 * points with any metric or on a precomputed condensed distance array.
 */
import { LatentError, describe } from '../../core/errors.js';
import { asMatrix64, type Matrix64, type MatrixLike } from '../../core/matrix.js';
import { DEFAULT_SEED, rngState } from '../../core/random.js';
import { assertInteger, assertOneOf, assertSquareSafe } from '../../core/validate.js';
import { checkMetric, type Metric, type MetricName } from '../../distance/metric.js';
import { SQUARE_MAX_POINTS, checkCondensedValues, condensedFromPointsWork, condensedPoints, squareFromPointsWork } from '../../distance/square.js';
import { alternateWork } from './alternate.js';
import { fasterPamWork, type MedoidsRun } from './fasterpam.js';
import { fromCondensed, fromSquare, type PairwiseDistances } from './kmedoids-core.js';
import { buildInitWork, labInit, plusPlusInit, randomInit } from './kmedoids-init.js';
import { pamWork } from './pam.js';
import { functionOption, readOptions, signalOption, type OptionKeys } from '../../core/options.js';
import { runSync, type Progress, type Work } from '../../core/task.js';
import { assertMemory, memoryLimitOption } from '../../core/memory.js';

/** Optimisation method of {@link kmedoids}. */
export type KMedoidsMethod = 'fasterpam' | 'pam' | 'alternate';

/** Initialisation of {@link kmedoids}: a method name, or k distinct row indices. */
export type KMedoidsInit = 'build' | 'lab' | 'k-means++' | 'random' | ArrayLike<number>;

/** Options of {@link kmedoidsFromDistances} (those of {@link kmedoids} without `metric`). */
export interface KMedoidsDistanceOptions {
  /** Number of clusters, an integer in [1, n]. */
  k: number;
  /**
   * `'fasterpam'` (eager swaps, O(n²) per pass), `'pam'` (classic BUILD + SWAP, best swap per
   * pass) or `'alternate'` (Voronoi iteration: fast, usually a worse optimum).
   * @defaultValue 'fasterpam'
   */
  method?: KMedoidsMethod;
  /**
   * `'build'` (PAM's greedy BUILD, O(k·n²)), `'k-means++'` (distance-weighted seeding with
   * 2 + ⌊ln k⌋ greedy trials, O(k·log k·n): faster, sometimes a slightly worse optimum),
   * `'random'`, or k distinct row indices.
   * @defaultValue 'build'
   */
  init?: KMedoidsInit;
  /**
   * Maximum number of passes (for `'pam'`: of swaps).
   * @defaultValue 100 (`'pam'`: 1000)
   */
  maxIter?: number;
  /**
   * Number of runs; the lowest cost is kept. The first run starts from `init`; with
   * `init: 'build'` the others start from LAB (random samples), otherwise from further draws of
   * the same random initialisation. Ignored with explicit indices. Single runs of FasterPAM
   * from BUILD match or beat classic PAM on most real data but can stop in a worse local
   * optimum (+1.3% on iris, k = 5); a few restarts remove that (measured in
   * `bench/results/cluster.md`). Each extra run costs one optimisation, not a new distance matrix.
   * @defaultValue 1
   */
  nInit?: number;
  /**
   * Seed of the `'lab'`, `'k-means++'` and `'random'` initialisations.
   * @defaultValue DEFAULT_SEED (42)
   */
  seed?: number;
  /**
   * Checked at every checkpoint (distance blocks, every 256 swap candidates, each restart):
   * once aborted, the call throws `E_ABORTED`.
   * @defaultValue undefined
   */
  signal?: AbortSignal;
  /**
   * Receives `{ stage: 'distances' | 'restarts', completed, total }` as the work advances.
   * @defaultValue undefined
   */
  onProgress?: (progress: Progress) => void;
}

const K_MEDOIDS_DISTANCE_KEYS: OptionKeys<KMedoidsDistanceOptions> = { k: true, method: true, init: true, maxIter: true, nInit: true, seed: true, signal: true, onProgress: true };

/** Options of {@link kmedoids}. */
export interface KMedoidsOptions extends KMedoidsDistanceOptions {
  /**
   * Any {@link Metric}: a built-in name or a function `(a, b) => number`.
   * @defaultValue 'euclidean'
   */
  metric?: Metric;
  /**
   * Budget in bytes for the pairwise distances (n² doubles up to 4 096 points, n(n−1)/2 above):
   * larger inputs fail with `E_MEMORY` before anything is allocated.
   * @defaultValue 4 GiB
   */
  memoryLimit?: number;
}

const K_MEDOIDS_KEYS: OptionKeys<KMedoidsOptions> = { ...K_MEDOIDS_DISTANCE_KEYS, metric: true, memoryLimit: true };

/** A fitted k-medoids model: plain data (survives `structuredClone` and `serialize`). */
export interface KMedoidsModel {
  /** Model tag. */
  kind: 'kmedoids';
  /** Layout version. */
  version: 1;
  /** Row index of each cluster's medoid (cluster m is `medoids[m]`). */
  medoids: Int32Array;
  /** The medoid points, k × d (0 columns when fitted on distances). */
  centers: Matrix64;
  /** Cluster of every row, 0-based. */
  labels: Int32Array;
  /** Sum of the distances of the rows to their medoid. */
  cost: number;
  /** Passes made by the optimisation. */
  iterations: number;
  /** Medoid swaps performed. */
  swaps: number;
  /** Whether the optimisation stopped on its own before `maxIter`. */
  converged: boolean;
  /** Metric of the fit: a built-in name, `'custom'` (pass the function to `kmedoidsPredict`) or `'precomputed'`. */
  metric: MetricName | 'custom' | 'precomputed';
}

const METHODS = ['fasterpam', 'pam', 'alternate'] as const;

interface ResolvedMedoidOptions {
  k: number;
  method: KMedoidsMethod;
  maxIter: number;
  seed: number;
  nInit: number;
  init: Int32Array | 'build' | 'lab' | 'k-means++' | 'random';
}

/** Validates every option before any O(n²) work. */
function resolveOptions(fn: string, n: number, options: KMedoidsDistanceOptions): ResolvedMedoidOptions {
  const k = assertInteger(fn, 'k', options.k, 1, n);
  const method = assertOneOf(fn, 'method', options.method ?? 'fasterpam', METHODS);
  const maxIter = assertInteger(fn, 'maxIter', options.maxIter ?? (method === 'pam' ? 1000 : 100), 1);
  const seed = assertInteger(fn, 'seed', options.seed ?? DEFAULT_SEED, 0);
  const nInit = assertInteger(fn, 'nInit', options.nInit ?? 1, 1, 10000);
  const rawInit = options.init ?? 'build';
  const init = typeof rawInit === 'string' ? assertOneOf(fn, 'init', rawInit, ['build', 'lab', 'k-means++', 'random'] as const) : medoidIndices(fn, rawInit, n, k);
  return { k, method, maxIter, seed, nInit, init };
}

function* pointsWork(fn: string, m: Matrix64, metric: Metric, o: ResolvedMedoidOptions): Work<MedoidsRun> {
  const n = m.rows;
  const c = n <= SQUARE_MAX_POINTS ? fromSquare(yield* squareFromPointsWork(fn, m, metric), n) : fromCondensed(yield* condensedFromPointsWork(fn, m, metric), n);
  return yield* runMedoidsWork(c, o);
}

function* runMedoidsWork(c: PairwiseDistances, o: ResolvedMedoidOptions): Work<MedoidsRun> {
  const { k, maxIter, init } = o;
  const optimise = o.method === 'fasterpam' ? fasterPamWork : o.method === 'pam' ? pamWork : alternateWork;
  if (typeof init !== 'string') return yield* optimise(c, init, maxIter);
  const state = rngState(o.seed);
  let best: MedoidsRun | null = null;
  for (let r = 0; r < o.nInit; r++) {
    const kind = init === 'build' && r > 0 ? 'lab' : init;
    const start =
      kind === 'build' ? yield* buildInitWork(c, k) : kind === 'lab' ? labInit(c, k, state) : kind === 'k-means++' ? plusPlusInit(c, k, state) : randomInit(c.n, k, state);
    const run = yield* optimise(c, start, maxIter);
    if (best === null || run.cost < best.cost) best = run;
    yield { stage: 'restarts', completed: r + 1, total: o.nInit };
  }
  return best!;
}

function medoidIndices(fn: string, init: unknown, n: number, k: number): Int32Array {
  if (typeof init !== 'object' || init === null || typeof (init as ArrayLike<number>).length !== 'number') {
    throw new LatentError('E_OPTION', `${fn}: init must be 'build', 'lab', 'k-means++', 'random' or k row indices, got ${describe(init)}`);
  }
  const a = init as ArrayLike<unknown>;
  if (a.length !== k) throw new LatentError('E_SHAPE', `${fn}: init length must be k = ${k}, got ${a.length}`);
  const out = new Int32Array(k);
  const seen = new Uint8Array(n);
  for (let m = 0; m < k; m++) {
    const v = a[m];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= n) {
      throw new LatentError('E_RANGE', `${fn}: init must hold row indices in [0, ${n - 1}], got ${describe(v)} at index ${m}`);
    }
    if (seen[v] === 1) throw new LatentError('E_RANGE', `${fn}: init must hold distinct row indices, got ${v} twice`);
    seen[v] = 1;
    out[m] = v;
  }
  return out;
}

/**
 * Clusters the rows of `X` around k medoids (actual rows), minimising the sum of distances
 * from each row to its medoid, under any metric.
 *
 * The default method, FasterPAM, swaps eagerly and evaluates all k swaps of a candidate in
 * O(n + k), so a pass costs O(n²) (PAM's SWAP costs O(k·n²) per *swap*). Started from BUILD,
 * its cost on iris, wine and digits for k = 2…12 is on average slightly *below* classic PAM's
 * (a single run was at worst 1.3% above, iris k = 5; with `nInit: 5` never above). The
 * pairwise distances are computed once (O(n²·d) time) and kept as an n × n matrix up to 4096
 * points (O(n²) memory), condensed above.
 *
 * @param X - n × d data; not modified
 * @param options - {@link KMedoidsOptions}; `k` is required
 * @returns a {@link KMedoidsModel} whose `centers` are the medoid rows
 * @throws LatentError `E_TYPE` (missing options), `E_RANGE` (k not an integer in [1, n], bad
 * maxIter / seed, init indices out of range or repeated, metric function returning a negative
 * number), `E_SHAPE` (empty or ragged X, init of the wrong length), `E_NOT_FINITE`, `E_OPTION`
 * (unknown method, init or metric), `E_MEMORY` (n too large for the distance array)
 * @throws LatentError `E_RANGE` with `'euclidean'` or `'sqeuclidean'` for a value beyond ±2⁵⁰⁰ ≈ 3.3e150, whose squared differences would overflow
 * @example
 * ```ts
 * const model = kmedoids([[0, 0], [0, 1], [1, 0], [9, 9], [9, 10], [10, 9]], { k: 2 });
 * model.medoids; // Int32Array [3, 0]  (one medoid per cluster; order depends on the seed)
 * model.labels;  // Int32Array [1, 1, 1, 0, 0, 0]
 * model.cost;    // 4
 * ```
 * @see Schubert & Rousseeuw (2021) FasterPAM; Kaufman & Rousseeuw (1990) PAM
 * @see sklearn_extra.cluster.KMedoids, the Python `kmedoids` package
 */
export function kmedoids(X: MatrixLike, options: KMedoidsOptions): KMedoidsModel {
  const fn = 'kmedoids';
  const o = readOptions(fn, options, K_MEDOIDS_KEYS);
  const m = asMatrix64(X, fn, 'X');
  if (m.rows < 1) throw new LatentError('E_SHAPE', `${fn}: X must have at least 1 row, got 0`);
  const n = m.rows;
  const resolved = resolveOptions(fn, n, o);
  const metric = checkMetric(fn, o.metric);
  const limit = memoryLimitOption(fn, o.memoryLimit);
  assertMemory(fn, `the pairwise distances of ${n} points`, (n <= SQUARE_MAX_POINTS ? n * n : (n * (n - 1)) / 2) * 8, limit);
  if (metric === 'euclidean' || metric === 'sqeuclidean') assertSquareSafe(fn, 'X', m.data, m.cols);
  const observer = { fn, signal: signalOption(fn, o.signal), onProgress: functionOption(fn, 'onProgress', o.onProgress) };
  const run = runSync(pointsWork(fn, m, metric, resolved), observer);
  const k = run.medoids.length;
  const d = m.cols;
  const centers = new Float64Array(k * d);
  for (let c = 0; c < k; c++) centers.set(m.data.subarray(run.medoids[c]! * d, run.medoids[c]! * d + d), c * d);
  return {
    kind: 'kmedoids',
    version: 1,
    medoids: run.medoids,
    centers: { rows: k, cols: d, data: centers },
    labels: run.labels,
    cost: run.cost,
    iterations: run.iterations,
    swaps: run.swaps,
    converged: run.converged,
    metric: typeof metric === 'function' ? 'custom' : metric,
  };
}

/**
 * k-medoids on a precomputed condensed distance array (scipy's `pdist` order, e.g. from
 * `pdist` or any dissimilarity you trust). Same methods and options as {@link kmedoids};
 * the model has no medoid points (`centers` has 0 columns, `metric: 'precomputed'`).
 * O(n²) per FasterPAM pass; the array is expanded to an n × n copy up to 4096 points (faster
 * row scans), used in place above.
 *
 * @param condensed - n(n−1)/2 non-negative finite distances
 * @param options - {@link KMedoidsDistanceOptions}; `k` is required
 * @returns a {@link KMedoidsModel}
 * @throws LatentError `E_TYPE` (not an array, missing options), `E_SHAPE` (length is not
 * n(n−1)/2), `E_NOT_FINITE`, `E_RANGE` (negative distance, bad k / init / maxIter / seed),
 * `E_OPTION`
 * @example
 * ```ts
 * const D = pdist([[0], [1], [10], [11]]);
 * kmedoidsFromDistances(D, { k: 2 }).cost; // 2
 * ```
 * @see kmedoids
 */
export function kmedoidsFromDistances(condensed: ArrayLike<number>, options: KMedoidsDistanceOptions): KMedoidsModel {
  const fn = 'kmedoidsFromDistances';
  const o = readOptions(fn, options, K_MEDOIDS_DISTANCE_KEYS);
  const n = condensedPoints(fn, 'condensed', condensed);
  checkCondensedValues(fn, 'condensed', condensed);
  const resolved = resolveOptions(fn, n, o);
  const D = condensed instanceof Float64Array ? condensed : Float64Array.from(condensed);
  const observer = { fn, signal: signalOption(fn, o.signal), onProgress: functionOption(fn, 'onProgress', o.onProgress) };
  const run = runSync(runMedoidsWork(fromCondensed(D, n), resolved), observer);
  return {
    kind: 'kmedoids',
    version: 1,
    medoids: run.medoids,
    centers: { rows: run.medoids.length, cols: 0, data: new Float64Array(0) },
    labels: run.labels,
    cost: run.cost,
    iterations: run.iterations,
    swaps: run.swaps,
    converged: run.converged,
    metric: 'precomputed',
  };
}
