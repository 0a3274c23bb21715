/**
 * One-shot exact k-nearest-neighbour search: `knn` (queries against data) and `knnSelf`
 * (every point's nearest other points). Both build a temporary index (`knn-index.ts`) with the
 * automatically chosen method and discard it; build one with `knnIndex` to query repeatedly.
 */
import { LatentError } from '../../core/errors.js';
import { asMatrix, type MatrixLike } from '../../core/matrix.js';
import { runSync } from '../../core/task.js';
import { assertInteger } from '../../core/validate.js';
import { autoMethod, createIndexWork, type KnnOptions, resolveKnnOptions, squareSafe } from './knn-index.js';
import { searchWork, type KnnResult } from './knn-query.js';

/**
 * Below this many queries per ⌈log₂ n⌉, `knn` with `method: 'auto'` skips building a tree
 * (its O(n log n) build would cost more than brute-forcing the few queries).
 */
const QUERIES_PER_LEVEL = 2;

/**
 * The `k` nearest rows of `data` to each row of `queries`: exact, nearest first, ties broken
 * by lower row index.
 *
 * The method is chosen automatically (see {@link KnnMethod}): a vantage-point tree for
 * `'euclidean'`, `'sqeuclidean'`, `'manhattan'` or `'chebyshev'` on at most 20 columns when
 * there are enough queries to pay for building it, otherwise a register- and cache-blocked
 * brute force (always for `'cosine'` and custom functions). Every method returns the same
 * answer, bit for bit. To query the same data repeatedly, build a {@link knnIndex} once and call
 * {@link knnQuery}; for each point's neighbours among the others use {@link knnSelf}.
 *
 * Complexity: brute force O(q·n·d) time; the tree O(n log n) distance evaluations to build and,
 * in low intrinsic dimension, roughly O(log n) leaves per query. Memory O(q·k) for the result
 * (plus the tree's O(n·d) copy of the points).
 *
 * At d ≥ 32 (and on Float32 data) brute force with `'euclidean'`, `'sqeuclidean'` or `'cosine'`
 * runs through the packed matrix product, blocks of queries × blocks of points, at the
 * matrix-product rate: cosine distances come out bit-for-bit equal; euclidean expansions
 * `‖q‖² + ‖p‖² − 2q·p` only filter (a point is skipped when the expansion minus its proven
 * error bound cannot beat the current k-th neighbour) and every candidate is recomputed from
 * coordinate differences — the answer is the difference form's, ties included.
 *
 * Memory: `data` and `queries` (Float64 or Float32) are read in place; brute force adds ≤ 1 MiB of
 * packed queries, ≤ 256 KiB of packed points, a query-block × 256 tile, 8 bytes per row of
 * norms and the q·k result. A vantage-point tree (≤ 20 columns) stores a Float64 copy of the
 * points in tree order; a custom metric function receives Float64 rows (Float32 data is widened
 * once for it).
 *
 * @param data - n × d points (n ≥ 1), finite
 * @param queries - q × d query rows, finite; q may be 0
 * @param k - neighbours per query, an integer in [1, n]
 * @param options - metric (default `'euclidean'`), method, leaf size, seed, `signal`, `onProgress` (see {@link KnnOptions})
 * @returns `{ indices: Int32Array, distances: Float64Array, rows: q, k }`, row-major q × k
 * @throws LatentError `E_TYPE` / `E_SHAPE` / `E_NOT_FINITE` for bad data or queries, no data rows, or a width mismatch; `E_TYPE` / `E_RANGE` for a bad k; `E_OPTION` / `E_RANGE` for bad options; `E_RANGE` / `E_NOT_FINITE` when a custom metric returns a negative or non-finite value; `E_RANGE` for `'cosine'` rows whose squared norm overflows; `E_MEMORY` when q·k is too large
 * @throws LatentError `E_RANGE` with `'euclidean'` or `'sqeuclidean'` for a value beyond ±2⁵⁰⁰ ≈ 3.3e150, whose squared differences would overflow
 * @throws LatentError `E_ABORTED` when `signal` fires (checked every block of a few ms)
 * @example
 * ```ts
 * const books = [[5, 1, 0], [4, 2, 0], [0, 1, 5], [1, 0, 4]];
 * const { indices, distances } = knn(books, [[5, 1, 1]], 2, { metric: 'cosine' });
 * indices;   // Int32Array [0, 1]
 * distances; // Float64Array [0.018693237074683622, 0.05327073759374246]
 * ```
 * @see sklearn.neighbors.NearestNeighbors
 * @see Yianilos, "Data structures and algorithms for nearest neighbor search in general metric spaces", SODA 1993
 */
export function knn(data: MatrixLike, queries: MatrixLike, k: number, options?: KnnOptions): KnnResult {
  const m = asMatrix(data, 'knn', 'data');
  const Q = asMatrix(queries, 'knn', 'queries');
  const o = resolveKnnOptions('knn', options);
  squareSafe('knn', o.metric, m, 'data');
  squareSafe('knn', o.metric, Q, 'queries');
  const n = m.rows;
  if (n < 1) throw new LatentError('E_SHAPE', `knn: data must have at least 1 row, got 0`);
  if (Q.rows > 0 && Q.cols !== m.cols) throw new LatentError('E_SHAPE', `knn: queries columns must equal data columns ${m.cols}, got ${Q.cols}`);
  assertInteger('knn', 'k', k, 1, n);
  let method = o.method === 'auto' ? autoMethod(o.metric, n, m.cols) : o.method;
  if (o.method === 'auto' && method === 'vptree' && Q.rows < QUERIES_PER_LEVEL * Math.ceil(Math.log2(n))) method = 'brute';
  const work = function* () {
    const index = yield* createIndexWork('knn', m, o, method, o.method === 'auto', false);
    return yield* searchWork('knn', index, Q, k);
  };
  return runSync(work(), { fn: 'knn', signal: o.signal, onProgress: o.onProgress });
}

/**
 * Each row's `k` nearest *other* rows of `data` (the row itself is excluded by index; an exact
 * duplicate of it is another row and can appear at distance 0). Exact, nearest first, ties
 * broken by lower index: row i of the result lists row i's neighbours (scikit-learn's
 * `kneighbors()` without X). This is the neighbour graph t-SNE needs (scikit-learn uses
 * k = min(n − 1, ⌊3·perplexity + 1⌋), 91 at perplexity 30), and UMAP or spectral methods too.
 *
 * Method as in {@link knn} (all n rows are queries, so a tree always pays for itself when the
 * data suits it). With brute force each unordered pair is computed once, n(n−1)/2 distances,
 * and offered to both rows' bounded heaps (digits, 1797×64, k = 91: under 0.1 s); at d ≥ 32 (or on
 * Float32 data) through the packed matrix product with the exact re-check described in
 * {@link knn}, reading the data in place (extra memory: ≤ 1 MiB of packed rows, a tile, 20 bytes
 * per row of norms and heap state). A custom metric function is called as `metric(X[i], X[j])`
 * for every j ≠ i.
 *
 * @param data - n × d points (n ≥ 2), finite
 * @param k - neighbours per row, an integer in [1, n − 1]
 * @param options - metric (default `'euclidean'`), method, leaf size, seed, `signal`, `onProgress` (see {@link KnnOptions})
 * @returns `{ indices, distances, rows: n, k }`, row-major n × k
 * @throws LatentError `E_TYPE` / `E_SHAPE` / `E_NOT_FINITE` for bad data or fewer than 2 rows; `E_TYPE` / `E_RANGE` for a bad k; `E_OPTION` / `E_RANGE` for bad options; `E_RANGE` / `E_NOT_FINITE` when a custom metric misbehaves; `E_RANGE` for `'cosine'` rows whose squared norm overflows
 * @throws LatentError `E_RANGE` with `'euclidean'` or `'sqeuclidean'` for a value beyond ±2⁵⁰⁰ ≈ 3.3e150, whose squared differences would overflow
 * @throws LatentError `E_ABORTED` when `signal` fires (checked every block of a few ms)
 * @example
 * ```ts
 * const { indices, distances } = knnSelf([[0, 0], [1, 0], [5, 5], [0, 0]], 1);
 * indices;   // Int32Array [3, 0, 1, 0]
 * distances; // Float64Array [0, 1, 6.4031242374328485, 0]
 * ```
 * @see sklearn.neighbors.NearestNeighbors.kneighbors (with X=None)
 */
export function knnSelf(data: MatrixLike, k: number, options?: KnnOptions): KnnResult {
  return knnSelfAs('knnSelf', 'data', data, k, options);
}

/**
 * {@link knnSelf} under the name of the public function that called it, so its messages name
 * that function and argument (e.g. `trustworthiness: embedding …`).
 *
 * @internal
 * @param fn - public function name for messages
 * @param name - the data's argument name for messages
 * @param data - n × d points
 * @param k - neighbours per row
 * @param options - as {@link knnSelf}
 * @returns as {@link knnSelf}
 * @throws LatentError as {@link knnSelf}, naming `fn`
 * @example
 * ```ts
 * knnSelfAs('trustworthiness', 'embedding', [[0], [1], [3]], 1).indices; // Int32Array [1, 0, 1]
 * ```
 */
export function knnSelfAs(fn: string, name: string, data: MatrixLike, k: number, options?: KnnOptions): KnnResult {
  const m = asMatrix(data, fn, name);
  const o = resolveKnnOptions(fn, options);
  squareSafe(fn, o.metric, m, name);
  const n = m.rows;
  if (n < 2) throw new LatentError('E_SHAPE', `${fn}: ${name} must have at least 2 rows to find other rows' neighbours, got ${n}`);
  assertInteger(fn, 'k', k, 1, n - 1);
  const method = o.method === 'auto' ? autoMethod(o.metric, n, m.cols) : o.method;
  const work = function* () {
    const index = yield* createIndexWork(fn, m, o, method, o.method === 'auto', false);
    return yield* searchWork(fn, index, null, k);
  };
  return runSync(work(), { fn, signal: o.signal, onProgress: o.onProgress });
}
