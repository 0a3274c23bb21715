/**
 * `knnGraph`: every row's k nearest other rows, the graph UMAP, t-SNE at scale, Isomap, LLE and
 * HDBSCAN's core distances are built on. Exact (the blocked brute force or tree of `knnSelf`) for
 * small inputs, NN-descent above.
 */
import { LatentError } from '../core/errors.js';
import { asMatrix, type Matrix, type MatrixLike } from '../core/matrix.js';
import { assertMemory, memoryLimitOption } from '../core/memory.js';
import { enumOption, functionOption, integerIn, numberIn, readOptions, seedOption, signalOption, type OptionKeys } from '../core/options.js';
import { DEFAULT_SEED } from '../core/random.js';
import { relabel, runAsync, runSync, silently, type Progress, type Work } from '../core/task.js';
import { assertSquareSafe } from '../core/validate.js';
import { checkMetric, type Metric } from '../distance/metric.js';
import { autoMethod, createIndexWork, resolveKnnOptions, widensFloat32 } from './exact/knn-index.js';
import { searchWork } from './exact/knn-query.js';
import { nnDescent, nnDescentBytes, type NnDescentSettings } from './nndescent.js';

/**
 * How {@link knnGraph} finds the neighbours.
 *
 * - `'exact'`: {@link knnSelf} (blocked brute force, or a vantage-point tree at low dimension):
 *   every neighbour is the true one, ties broken by lower index. O(n²·d) at high dimension.
 * - `'nndescent'`: NN-descent, approximate (typically 0.95–0.999 of the true neighbours found),
 *   roughly O(n·d·k²·iterations).
 * - `'auto'`: exact while the exact search is cheap (see {@link knnGraphAutoMethod}), NN-descent
 *   above.
 */
export type KnnGraphMethod = 'auto' | 'exact' | 'nndescent';

/** Options of {@link knnGraph}. */
export interface KnnGraphOptions {
  /**
   * Distance: a built-in metric name or a custom `(a, b) => number` (called on Float64 copies of
   * the two rows). NN-descent finds neighbours for any of them; it works best for true metrics
   * and cosine.
   * @defaultValue `'euclidean'`
   */
  metric?: Metric | undefined;
  /**
   * Search method (see {@link KnnGraphMethod}).
   * @defaultValue `'auto'`
   */
  method?: KnnGraphMethod | undefined;
  /**
   * Seed of NN-descent's random choices (the exact method does not use it).
   * @defaultValue `DEFAULT_SEED` (42)
   */
  seed?: number | undefined;
  /**
   * Largest number of NN-descent iterations.
   * @defaultValue `max(5, round(log2(n)))` (pynndescent's rule)
   */
  nIters?: number | undefined;
  /**
   * Early termination: NN-descent stops once an iteration changes at most `delta·n·k` neighbour
   * entries.
   * @defaultValue 0.001
   */
  delta?: number | undefined;
  /**
   * Sampling rate ρ of Dong et al.: each iteration joins at most `ceil(2·rho·k)` new and as many
   * old candidates per point, forward and reverse neighbours together (Dong et al. sample ρ·k of
   * each direction). Lower is faster and less accurate; 1 joins every neighbour.
   * @defaultValue `min(1, 15 / k)`: up to 2k candidates, at most 30
   */
  rho?: number | undefined;
  /**
   * Random-projection trees that seed NN-descent's starting graph (0: a random start).
   * @defaultValue `min(12, 4 + round(n^0.25 / 4))`: 7 trees at n = 10⁴, 8 at 10⁵
   */
  nTrees?: number | undefined;
  /**
   * Stops the work at the next checkpoint (about every millisecond) with `E_ABORTED`. The exact
   * method checks it only before it starts.
   * @defaultValue undefined
   */
  signal?: AbortSignal | undefined;
  /**
   * Receives `{ stage, completed, total }`: stage `'init'`, `'trees'` (trees built), `'descent'`
   * (rows joined over all iterations), or `'exact'`.
   * @defaultValue undefined
   */
  onProgress?: ((progress: Progress) => void) | undefined;
  /**
   * Budget in bytes for the working memory (neighbour heaps, candidate lists, result).
   * @defaultValue 4 GiB
   */
  memoryLimit?: number | undefined;
}

/**
 * Candidate-list size the default `rho` stops at. pynndescent uses up to 60; measured on MNIST
 * (k = 30, 5 000 rows) 30 candidates gave recall 0.9991 in 14 % less time than 60 (0.9992), and at
 * k = 91 (t-SNE's graph) 28 candidates 0.9996 in 40 % less time.
 */
const MAX_DEFAULT_CANDIDATES = 30;

const KEYS: OptionKeys<KnnGraphOptions> = {
  metric: true,
  method: true,
  seed: true,
  nIters: true,
  delta: true,
  rho: true,
  nTrees: true,
  signal: true,
  onProgress: true,
  memoryLimit: true,
};

/**
 * A k-nearest-neighbour graph, row-major n × k: row i lists row i's k nearest other rows, nearest
 * first. Shaped like `KnnResult` (knnSelf's answer), so every consumer takes either.
 */
export interface KnnGraph {
  /** Neighbour row numbers, n × k (never the row itself; a duplicate row can appear at distance 0). */
  indices: Int32Array;
  /** Their distances in the metric's units (squared for `'sqeuclidean'`), n × k, ascending per row. */
  distances: Float64Array;
  /** Number of rows n. */
  rows: number;
  /** Neighbours per row. */
  k: number;
  /** The method that answered (`'auto'` resolved). */
  method: 'exact' | 'nndescent';
  /** NN-descent iterations run (0 for the exact method). */
  iterations: number;
}

/**
 * `'auto'` answers exactly up to this many rows, as umap-learn does below 4 096: small graphs stay
 * exact (the same answer as scikit-learn's) at a cost that stays in seconds. Measured (k = 14,
 * CPU time, 2026-12-04, after NN-descent's join read all rows in place): at 16 columns (the
 * exact search uses a tree) both cost the same up to 5 000 rows; at 64–784 columns NN-descent is
 * 1.5–2× faster at 2 000 rows and 2–5× at 5 000 (MNIST 5 000 × 784: 6.5–7.2 s exact, 1.4–1.6 s,
 * recall 0.993), with recall 0.96–0.999 — pass `method: 'nndescent'` for that speed. At 10 000 ×
 * 384 NN-descent is 2–4× faster, at 50 000 × 16 uniform data 5×.
 */
export const KNN_GRAPH_EXACT_MAX_ROWS = 5000;

/**
 * With many neighbours per row NN-descent's joins grow (its heaps, leaves and iterations) while
 * the exact search barely changes, so `'auto'` also answers exactly up to this many rows per
 * neighbour: measured on MNIST with k = 91 (t-SNE's graph), NN-descent took 2.9× the exact time
 * at 5 000 rows, a crossover near 14 500 = 160 · 91.
 */
export const KNN_GRAPH_EXACT_ROWS_PER_K = 160;

/**
 * `'auto'` also answers exactly, at any size, for data of at most this many columns under a
 * metric the vantage-point tree searches (`'euclidean'`, `'sqeuclidean'`, `'manhattan'`,
 * `'chebyshev'`): measured at 50 000 rows, the tree is 2–6× faster than NN-descent up to 4
 * columns and no faster from 5.
 */
export const KNN_GRAPH_TREE_MAX_DIMS = 4;

/**
 * The method `'auto'` picks: `'exact'` when n ≤ max({@link KNN_GRAPH_EXACT_MAX_ROWS},
 * {@link KNN_GRAPH_EXACT_ROWS_PER_K} · k), or when d ≤ {@link KNN_GRAPH_TREE_MAX_DIMS} and the
 * metric is one the exact search runs through a tree; `'nndescent'` otherwise.
 *
 * @param n - number of rows
 * @param d - number of columns
 * @param k - neighbours per row
 * @param metric - the metric (default `'euclidean'`)
 * @returns `'exact'` or `'nndescent'`
 * @example
 * ```ts
 * knnGraphAutoMethod(1797, 64, 15);                    // 'exact'
 * knnGraphAutoMethod(10000, 784, 15);                  // 'nndescent'
 * knnGraphAutoMethod(100000, 2, 15);                   // 'exact' (a tree search is cheap in 2-d)
 * knnGraphAutoMethod(100000, 2, 15, 'cosine');         // 'nndescent'
 * knnGraphAutoMethod(10000, 784, 91);                  // 'exact' (many neighbours: below 160 · 91 rows)
 * ```
 */
export function knnGraphAutoMethod(n: number, d: number, k: number, metric: Metric = 'euclidean'): 'exact' | 'nndescent' {
  const fn = 'knnGraphAutoMethod';
  integerIn(fn, 'n', n, { min: 1 });
  integerIn(fn, 'd', d, { min: 0 });
  integerIn(fn, 'k', k, { min: 1 });
  checkMetric(fn, metric);
  const tree = metric === 'euclidean' || metric === 'sqeuclidean' || metric === 'manhattan' || metric === 'chebyshev';
  return n <= Math.max(KNN_GRAPH_EXACT_MAX_ROWS, KNN_GRAPH_EXACT_ROWS_PER_K * k) || (tree && d <= KNN_GRAPH_TREE_MAX_DIMS) ? 'exact' : 'nndescent';
}

/**
 * Trees of the starting graph: pynndescent grows 5 + n^0.25 of them; here each costs relatively
 * more (scalar margins). Measured (CPU time, k = 15): on MNIST 4–8 trees gave the shortest total
 * time, 16 took 15 % longer; on 10⁵ × 384 embeddings 4, 6 and 10 trees took the same time, with
 * recall 0.995 at 4 and 0.998 from 6.
 */
function defaultTrees(n: number): number {
  return Math.min(12, 4 + Math.round(Math.sqrt(Math.sqrt(n)) / 4));
}

/** Validated call: the work plus its observer. */
interface Prepared {
  work: Work<KnnGraph>;
  signal: AbortSignal | undefined;
  onProgress: ((progress: Progress) => void) | undefined;
}

function prepare(fn: string, X: MatrixLike, k: number, options: KnnGraphOptions | undefined): Prepared {
  const o = readOptions(fn, options, KEYS);
  const m = asMatrix(X, fn, 'X');
  const n = m.rows;
  if (n < 2) throw new LatentError('E_SHAPE', `${fn}: X must have at least 2 rows to find other rows' neighbours, got ${n}`);
  integerIn(fn, 'k', k, { min: 1, max: n - 1 });
  const metric = checkMetric(fn, o.metric);
  const method = enumOption(fn, 'method', o.method, ['auto', 'exact', 'nndescent'] as const, 'auto');
  const seed = seedOption(fn, o.seed, DEFAULT_SEED);
  const nIters = integerIn(fn, 'nIters', o.nIters ?? Math.max(5, Math.round(Math.log2(Math.max(n, 2)))), { min: 1, max: 100_000 });
  const delta = numberIn(fn, 'delta', o.delta ?? 0.001, { min: 0, max: 1 });
  const rho = numberIn(fn, 'rho', o.rho ?? Math.min(1, MAX_DEFAULT_CANDIDATES / (2 * k)), { min: 0, max: 1, open: 'min' });
  const nTrees = integerIn(fn, 'nTrees', o.nTrees ?? defaultTrees(n), { min: 0, max: 1024 });
  const memoryLimit = memoryLimitOption(fn, o.memoryLimit);
  const signal = signalOption(fn, o.signal);
  const onProgress = functionOption(fn, 'onProgress', o.onProgress);
  if ((metric === 'euclidean' || metric === 'sqeuclidean') && m.data instanceof Float64Array) assertSquareSafe(fn, 'X', m.data, m.cols);
  const chosen = method === 'auto' ? knnGraphAutoMethod(n, m.cols, k, metric) : method;
  if (chosen === 'exact') {
    // Brute force reads Float32 rows in place; a vantage-point tree or a metric function takes
    // a Float64 copy.
    const widened = m.data instanceof Float32Array && widensFloat32(metric, autoMethod(metric, n, m.cols));
    const copy = widened ? n * m.cols * 8 : 0;
    assertMemory(fn, `the ${n} × ${k} neighbour graph`, n * k * 12 + copy, memoryLimit);
    return { work: exactWork(fn, m, k, metric), signal, onProgress };
  }
  const settings: NnDescentSettings = {
    k,
    nIters,
    delta,
    maxCandidates: Math.max(1, Math.ceil(2 * rho * k)),
    nTrees,
    leafSize: Math.max(10, k + 1),
    seed,
  };
  // The neighbour heaps tag row numbers with a bit (nndescent-heap.ts): rows must stay below 2³⁰.
  if (n >= 2 ** 30) throw new LatentError('E_MEMORY', `${fn}: NN-descent handles at most 2^30 - 1 rows, got ${n}; split the data`);
  assertMemory(fn, `NN-descent's working set for ${n} rows and k = ${k}`, nnDescentBytes(n, m.cols, settings), memoryLimit);
  return { work: descentWork(fn, m, metric, settings), signal, onProgress };
}

/**
 * The exact graph: the index's self-search (knnSelf's answer — k other rows, ties by index,
 * exact distances), with its checkpoints reported as the `'exact'` stage. The self-search
 * computes the product of the data with itself once, where asking the index for blocks of rows
 * as queries re-packed the whole corpus for every block (measured 1.7× the time on the digits).
 */
function* exactWork(fn: string, m: Matrix, k: number, metric: Metric): Work<KnnGraph> {
  const n = m.rows;
  yield { stage: 'exact', completed: 0, total: n };
  // The index and search under the caller's name: a misbehaving metric is reported as `fn: …`.
  // A tree build's own reports become bare checkpoints: the documented stage here is 'exact', in rows.
  const index = yield* silently(createIndexWork(fn, m, resolveKnnOptions(fn, { metric }), autoMethod(metric, n, m.cols), true, false));
  yield undefined;
  const got = yield* relabel(searchWork(fn, index, null, k), 'exact');
  yield { stage: 'exact', completed: n, total: n };
  return { indices: got.indices, distances: got.distances, rows: n, k, method: 'exact', iterations: 0 };
}

function* descentWork(fn: string, m: Matrix, metric: Metric, s: NnDescentSettings): Work<KnnGraph> {
  const g = yield* nnDescent(fn, m, metric, s);
  return { indices: g.indices, distances: g.distances, rows: m.rows, k: s.k, method: 'nndescent', iterations: g.iterations };
}

/**
 * The k-nearest-neighbour graph of the rows of `X`: for every row, its `k` nearest *other* rows
 * (the row itself is excluded by index; an exact duplicate of it is another row and can appear
 * at distance 0), nearest first.
 *
 * `method: 'exact'` returns the true neighbours, ties broken by lower index (the same answer as
 * {@link knnSelf}). `method: 'nndescent'` runs NN-descent (Dong, Moses & Li 2011) the way
 * pynndescent and umap-learn do: a starting graph from random-projection-tree leaves, then
 * local joins of each point's new and old neighbours (forward and reverse, sampled at rate
 * `rho`), until an iteration changes fewer than `delta·n·k` entries or `nIters` is reached. It is
 * approximate — measured recall@15 against the exact graph 0.993 on MNIST (10 000 × 784) and
 * 0.999 on 100 000 × 384 clustered embeddings, there in 1/34 of the exact graph's CPU time
 * (bench/results/knn-graph.md) — and deterministic: the same data, options and seed give the same
 * graph, bit for bit, on every engine. Returned distances are exact for the pairs found (the
 * same values the exact method reports for them); for `'euclidean'` it ranks by squared distance,
 * so where two rows' squared distances differ by an ulp but share a square root it may keep a
 * different one of them than the exact method, which ranks the reported distances with ties by
 * index (same distances, another row of the tie). `'auto'` (default) picks exact for small
 * inputs (see {@link knnGraphAutoMethod}). A custom metric function is assumed symmetric:
 * NN-descent evaluates each pair once.
 *
 * Float32 data is read in place (no Float64 copy of the matrix for NN-descent); distances are
 * accumulated in float64, so Float32 and Float64 copies of the same values give the same graph.
 *
 * Complexity: exact O(n²·d) time; NN-descent about O(n·d·c²) per iteration with c = ceil(2·rho·k)
 * candidates (at most 30 by default), 3–6 iterations in practice. Memory: NN-descent about
 * n·(24·k + 24·c) bytes (heaps, candidate lists, result: 110 MB at 100 000 rows, k = 15) on top
 * of the input; the exact method is {@link knnSelf}'s: brute force reads Float32 rows in place,
 * a vantage-point tree (at most 20 columns) or a metric function takes a Float64 copy.
 *
 * @param X - n × d points (n ≥ 2), finite; Float32 or Float64
 * @param k - neighbours per row, an integer in [1, n − 1]
 * @param options - metric, method, seed, NN-descent settings, signal, onProgress, memoryLimit (see {@link KnnGraphOptions})
 * @returns `{ indices, distances, rows: n, k, method, iterations }`, row-major n × k
 * @throws LatentError `E_TYPE` / `E_SHAPE` / `E_NOT_FINITE` for bad data or fewer than 2 rows; `E_TYPE` / `E_RANGE` for a bad k; `E_OPTION` for an unknown option, metric or method; `E_TYPE` / `E_RANGE` for bad option values; `E_RANGE` for euclidean data beyond ±2⁵⁰⁰ or cosine rows whose squared norm overflows; `E_RANGE` / `E_NOT_FINITE` when a custom metric misbehaves; `E_MEMORY` above `memoryLimit`; `E_ABORTED` when `signal` fires
 * @example
 * ```ts
 * const X = [[0, 0], [1, 0], [0, 1], [10, 10], [11, 10]];
 * const g = knnGraph(X, 2);
 * g.indices;   // Int32Array [1, 2, 0, 2, 0, 1, 4, 1, 3, 1]
 * g.method;    // 'exact' (small input)
 * knnGraph(X, 2, { method: 'nndescent' }).indices; // the same graph here
 * ```
 * @see Dong, Moses & Li, "Efficient k-nearest neighbor graph construction for generic similarity measures", WWW 2011
 * @see pynndescent.NNDescent; sklearn.neighbors.kneighbors_graph
 */
export function knnGraph(X: MatrixLike, k: number, options?: KnnGraphOptions): KnnGraph {
  const p = prepare('knnGraph', X, k, options);
  return runSync(p.work, { fn: 'knnGraph', signal: p.signal, onProgress: p.onProgress });
}

/**
 * {@link knnGraph} that returns to the event loop about every 15 ms, so timers, UI events and an
 * `AbortSignal` fired from them take effect while it runs. Same result, bit for bit.
 *
 * @param X - n × d points (n ≥ 2), finite; Float32 or Float64
 * @param k - neighbours per row, an integer in [1, n − 1]
 * @param options - as {@link knnGraph}
 * @returns a promise of the graph
 * @throws LatentError as {@link knnGraph} (validation errors are thrown synchronously; `E_ABORTED` rejects)
 * @example
 * ```ts
 * const ac = new AbortController();
 * const g = await knnGraphAsync(X, 15, { signal: ac.signal });
 * ```
 */
export async function knnGraphAsync(X: MatrixLike, k: number, options?: KnnGraphOptions): Promise<KnnGraph> {
  // async: a validation error rejects the promise instead of throwing synchronously.
  const p = prepare('knnGraphAsync', X, k, options);
  return runAsync(p.work, { fn: 'knnGraphAsync', signal: p.signal, onProgress: p.onProgress });
}

/**
 * {@link knnGraph} as resumable work, for functions that build the graph as one stage of a longer
 * computation (UMAP, t-SNE, HDBSCAN) and drive it with their own `runSync` / `runAsync`. Validates
 * eagerly; the returned generator yields checkpoints and progress and returns the graph. The
 * `signal` and `onProgress` options are ignored here: the caller's runner owns them.
 *
 * @param fn - the calling public function's name (used in error messages)
 * @param X - n × d points
 * @param k - neighbours per row
 * @param options - as {@link knnGraph}
 * @returns the work
 * @throws LatentError as {@link knnGraph}, at call time for bad input
 * @example
 * ```ts
 * function* umapWork(): Work<Embedding> {
 *   const graph = yield* knnGraphWork('umap', X, 15, { metric: 'cosine', seed });
 *   // …
 * }
 * ```
 */
export function knnGraphWork(fn: string, X: MatrixLike, k: number, options?: KnnGraphOptions): Work<KnnGraph> {
  return prepare(fn, X, k, options).work;
}
