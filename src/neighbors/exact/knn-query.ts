/**
 * Queries against a {@link KnnIndex}: the k nearest indexed points of new query rows
 * (`knnQuery`), or of every indexed point among the others (`knnQuerySelf`).
 */
import { LatentError } from '../../core/errors.js';
import { asMatrix, type FloatArray, type Matrix, type MatrixLike } from '../../core/matrix.js';
import { functionOption, readOptions, signalOption, type OptionKeys } from '../../core/options.js';
import { runSync, type Progress, type Work } from '../../core/task.js';
import { assertAllocatable, assertInteger } from '../../core/validate.js';
import { EXPANSION_MIN_DIMS } from '../../distance/expansion.js';
import { cosineNorms, rowSqNorms } from '../../distance/kernels.js';
import { bruteKnn, bruteKnnFunction, bruteKnnSelf } from './brute.js';
import { bruteKnnDot } from './brute-dot.js';
import { checkIndex, type KnnIndex, squareSafe } from './knn-index.js';
import { vpKnn } from './vptree.js';

/**
 * The k nearest neighbours of q query rows, row-major q × k: row r holds query r's neighbours,
 * nearest first, ties broken by lower index.
 */
export interface KnnResult {
  /** Row numbers (in the indexed data) of the neighbours, q × k. */
  indices: Int32Array;
  /** Their distances (in the metric's units, e.g. squared for `'sqeuclidean'`), q × k. */
  distances: Float64Array;
  /** Number of query rows q. */
  rows: number;
  /** Neighbours per row. */
  k: number;
  /** The method that answered (`'auto'` resolved); every method gives the same answer. */
  method: 'brute' | 'vptree';
}

/** Options of {@link knnQuery} and {@link knnQuerySelf}. */
export interface KnnSearchOptions {
  /**
   * Stops the search at the next checkpoint (a few milliseconds of work apart) with `E_ABORTED`.
   * @defaultValue undefined
   */
  signal?: AbortSignal | undefined;
  /**
   * Receives `{ stage: 'search', completed, total }` (query rows answered).
   * @defaultValue undefined
   */
  onProgress?: ((progress: Progress) => void) | undefined;
}

const SEARCH_KEYS: OptionKeys<KnnSearchOptions> = { signal: true, onProgress: true };

/** Float64 row views (custom metrics receive Float64Array rows: Float32 data is widened once). */
function rowViews(m: Matrix): Float64Array[] {
  // A private copy: a custom metric that writes into its arguments cannot reach the caller's data.
  const data = Float64Array.from(m.data);
  const views = new Array<Float64Array>(m.rows);
  for (let i = 0; i < m.rows; i++) views[i] = data.subarray(i * m.cols, (i + 1) * m.cols);
  return views;
}

/** Queries a vantage-point tree answers in one go between checkpoints. */
const TREE_QUERY_CHUNK = 256;

/**
 * Whether a brute-force search runs through the packed product (`brute-dot.ts`): for the
 * euclidean family and cosine from {@link EXPANSION_MIN_DIMS} columns, and always for Float32
 * data (which the product path reads in place).
 */
function useProduct(metric: string, d: number, P: FloatArray, Q: FloatArray | null): boolean {
  if (metric !== 'euclidean' && metric !== 'sqeuclidean' && metric !== 'cosine') return false;
  return d >= EXPANSION_MIN_DIMS || P instanceof Float32Array || Q instanceof Float32Array;
}

/** Largest number of sample queries an adaptive index runs through the tree before deciding. */
const PROBE_MAX = 32;
/**
 * An adaptive tree hands a batch to brute force when its sample queries evaluated more than
 * this share of the points each: a tree distance (scattered rows, heap and stack work) costs
 * about 2–3 blocked brute-force distances.
 */
const PROBE_SHARE = 0.35;
/** The same for self-search, whose brute force computes each pair once (half the work). */
const PROBE_SHARE_SELF = 0.18;

/**
 * Runs a validated search as a generator with checkpoints. `queries === null` means self-search
 * (each indexed point among the others; k ≤ n − 1).
 *
 * Brute force at d ≥ 32 (or on Float32 data) with `'euclidean'`, `'sqeuclidean'` or `'cosine'`
 * runs through the packed product with an exact re-check (`brute-dot.ts`); otherwise through the
 * difference kernels. Both give the same answer bit for bit. Float32 queries against a
 * `'vptree'` index are widened once (the tree is for ≤ 20 columns).
 *
 * @internal
 * @param fn - public function name
 * @param index - a checked index
 * @param queries - validated queries with the index's width, or null for self-search
 * @param k - validated neighbour count
 * @returns a generator of the neighbours
 * @throws LatentError `E_MEMORY` when q·k is too large; `E_RANGE` / `E_NOT_FINITE` from a misbehaving custom metric
 * @example
 * ```ts
 * runSync(searchWork('knnQuery', index, toMatrix(queries), 5), { fn: 'knnQuery' });
 * ```
 */
export function* searchWork(fn: string, index: KnnIndex, queries: Matrix | null, k: number): Work<KnnResult> {
  const { points, metric, order } = index;
  const n = points.rows;
  const d = points.cols;
  const self = queries === null;
  const q = self ? n : queries.rows;
  assertAllocatable(fn, 'the neighbour arrays', q * k);
  const distances = new Float64Array(q * k);
  const indices = new Int32Array(q * k);
  if (q === 0) return { indices, distances, rows: 0, k, method: index.method };
  // An identity order is passed as null (the kernels then skip the lookup).
  const ids = index.method === 'brute' ? null : order;
  if (index.method === 'vptree') {
    const P = points.data as Float64Array;
    const Qd = self ? P : queries.data instanceof Float64Array ? queries.data : Float64Array.from(queries.data);
    const tree = { order, points: P, split: index.split, bounds: index.bounds, depth: index.depth };
    let useTree = true;
    if (index.adaptive && typeof metric !== 'function') {
      // Run a spread-out sample of the batch through the tree and count distance evaluations.
      const p = Math.max(1, Math.min(PROBE_MAX, Math.floor(q / 8)));
      const kk = self ? Math.min(k + 1, n) : k;
      const sample = new Float64Array(p * d);
      for (let t = 0; t < p; t++) {
        const r = Math.floor((t * q) / p);
        sample.set(Qd.subarray(r * d, (r + 1) * d), t * d);
      }
      const evals = vpKnn(fn, metric, tree, n, index.leafSize, sample, p, d, kk, false, new Float64Array(p * kk), new Int32Array(p * kk), 0, p);
      useTree = evals <= (self ? PROBE_SHARE_SELF : PROBE_SHARE) * p * n;
    }
    if (useTree) {
      for (let q0 = 0; q0 < q; q0 += TREE_QUERY_CHUNK) {
        const q1 = Math.min(q, q0 + TREE_QUERY_CHUNK);
        vpKnn(fn, metric, tree, n, index.leafSize, Qd, q, d, k, self, distances, indices, q0, q1);
        yield { stage: 'search', completed: q1, total: q };
      }
      return { indices, distances, rows: q, k, method: 'vptree' };
    }
  }
  if (typeof metric === 'function') {
    const pv = rowViews(points);
    bruteKnnFunction(fn, metric, pv, self ? pv : rowViews(queries), k, self, distances, indices);
  } else if (useProduct(metric, d, points.data, self ? null : queries.data)) {
    const dm = metric as 'euclidean' | 'sqeuclidean' | 'cosine';
    const sqP = metric === 'cosine' ? index.sqNorms : rowSqNorms(points.data, n, d);
    const sqQ = self ? sqP : metric === 'cosine' ? cosineNorms(fn, 'queries', queries.data, q, d) : rowSqNorms(queries.data, q, d);
    yield* bruteKnnDot(dm, points.data, n, self ? null : queries.data, q, d, k, sqP, sqQ, ids, distances, indices, 'search');
  } else if (self) {
    yield* bruteKnnSelf(metric, points.data, n, d, k, metric === 'cosine' ? index.sqNorms : null, ids, distances, indices);
  } else {
    const sqQ = metric === 'cosine' ? cosineNorms(fn, 'queries', queries.data, q, d) : null;
    yield* bruteKnn(metric, points.data, n, queries.data, q, d, k, metric === 'cosine' ? index.sqNorms : null, sqQ, ids, distances, indices);
  }
  return { indices, distances, rows: q, k, method: 'brute' };
}

/**
 * {@link searchWork} run to completion without a signal.
 *
 * @internal
 * @param fn - public function name
 * @param index - a checked index
 * @param queries - validated queries, or null for self-search
 * @param k - validated neighbour count
 * @returns the neighbours
 * @example
 * ```ts
 * searchIndex('knnQuery', index, toMatrix(queries), 5);
 * ```
 */
export function searchIndex(fn: string, index: KnnIndex, queries: Matrix | null, k: number): KnnResult {
  return runSync(searchWork(fn, index, queries, k), { fn });
}

/**
 * The `k` nearest indexed points of each query row, exact, nearest first with ties broken by
 * lower index. O(q·n·d) for a `'brute'` index (register-blocked, cache-blocked); for a
 * `'vptree'` index typically far fewer distance evaluations in low dimension (worst case the
 * same as brute force).
 *
 * @param index - an index from {@link knnIndex}
 * @param queries - q × d query rows (same width as the indexed data), finite; q may be 0
 * @param k - neighbours per query, an integer in [1, n]
 * @param options - `signal` and `onProgress` (see {@link KnnSearchOptions})
 * @returns `{ indices, distances, rows: q, k }`, row-major q × k
 * @throws LatentError `E_MODEL` for something that is not a knn index, `E_TYPE` / `E_SHAPE` / `E_NOT_FINITE` for bad queries or a width mismatch, `E_TYPE` / `E_RANGE` for a bad k, `E_RANGE` for `'cosine'` queries whose squared norm overflows, `E_RANGE` / `E_NOT_FINITE` from a misbehaving custom metric, `E_MEMORY` when q·k is too large
 * @throws LatentError `E_RANGE` with `'euclidean'` or `'sqeuclidean'` for a query value beyond ±2⁵⁰⁰ ≈ 3.3e150, whose squared differences would overflow
 * @example
 * ```ts
 * const index = knnIndex([[0, 0], [1, 0], [5, 5]]);
 * const { indices, distances } = knnQuery(index, [[4, 4], [0, 0.2]], 2);
 * indices;   // Int32Array [2, 1, 0, 1]
 * distances; // Float64Array [1.4142135623730951, 5, 0.2, 1.019803902718557]
 * ```
 * @see sklearn.neighbors.NearestNeighbors.kneighbors
 */
export function knnQuery(index: KnnIndex, queries: MatrixLike, k: number, options?: KnnSearchOptions): KnnResult {
  const o = readOptions('knnQuery', options, SEARCH_KEYS);
  const signal = signalOption('knnQuery', o.signal);
  const onProgress = functionOption('knnQuery', 'onProgress', o.onProgress);
  const ix = checkIndex('knnQuery', index);
  const Q = asMatrix(queries, 'knnQuery', 'queries');
  squareSafe('knnQuery', ix.metric, Q, 'queries');
  const n = ix.points.rows;
  if (Q.rows > 0 && Q.cols !== ix.points.cols) {
    throw new LatentError('E_SHAPE', `knnQuery: queries columns must equal the indexed data's ${ix.points.cols}, got ${Q.cols}`);
  }
  assertInteger('knnQuery', 'k', k, 1, n);
  return runSync(searchWork('knnQuery', ix, Q, k), { fn: 'knnQuery', signal, onProgress });
}

/**
 * Each indexed point's `k` nearest *other* indexed points: row i of the result belongs to
 * original row i and never contains i itself (a duplicate of i, being another row, can appear
 * at distance 0). Exact, nearest first, ties broken by lower index. This is the neighbour
 * graph t-SNE, UMAP or a "more like this" list needs.
 *
 * A `'brute'` index computes each unordered pair once (n(n−1)/2 distances); a custom metric
 * function is called as `metric(X[i], X[j])` for every j ≠ i.
 *
 * @param index - an index from {@link knnIndex} over n ≥ 2 points
 * @param k - neighbours per point, an integer in [1, n − 1]
 * @param options - `signal` and `onProgress` (see {@link KnnSearchOptions})
 * @returns `{ indices, distances, rows: n, k }`, row-major n × k
 * @throws LatentError `E_MODEL` for something that is not a knn index, `E_SHAPE` when it holds a single point, `E_TYPE` / `E_RANGE` for a bad k, `E_RANGE` / `E_NOT_FINITE` from a misbehaving custom metric
 * @example
 * ```ts
 * const index = knnIndex([[0, 0], [1, 0], [5, 5]]);
 * knnQuerySelf(index, 1).indices; // Int32Array [1, 0, 1]
 * ```
 * @see sklearn.neighbors.NearestNeighbors.kneighbors (with X=None)
 */
export function knnQuerySelf(index: KnnIndex, k: number, options?: KnnSearchOptions): KnnResult {
  const o = readOptions('knnQuerySelf', options, SEARCH_KEYS);
  const signal = signalOption('knnQuerySelf', o.signal);
  const onProgress = functionOption('knnQuerySelf', 'onProgress', o.onProgress);
  const ix = checkIndex('knnQuerySelf', index);
  const n = ix.points.rows;
  if (n < 2) throw new LatentError('E_SHAPE', `knnQuerySelf: index must hold at least 2 points to find other points' neighbours, got ${n}`);
  for (let i = 0; i < n; i++) {
    const v = ix.order[i]!;
    if (v < 0 || v >= n) throw new LatentError('E_MODEL', `knnQuerySelf: index order must hold row numbers in [0, ${n - 1}], got ${v} at ${i}`);
  }
  assertInteger('knnQuerySelf', 'k', k, 1, n - 1);
  return runSync(searchWork('knnQuerySelf', ix, null, k), { fn: 'knnQuerySelf', signal, onProgress });
}
