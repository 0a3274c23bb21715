/**
 * A reusable k-nearest-neighbour index: built once by {@link knnIndex}, queried many times by
 * `knnQuery` / `knnQuerySelf`. Plain data (typed arrays and numbers), like every latent model.
 */
import { LatentError, describe } from '../../core/errors.js';
import { isMatrix, asMatrix, type Matrix, type MatrixLike } from '../../core/matrix.js';
import { DEFAULT_SEED } from '../../core/random.js';
import { SQUARE_SAFE_MAX, assertInteger, assertModel, assertOneOf, assertSquareSafe } from '../../core/validate.js';
import { cosineNorms } from '../../distance/kernels.js';
import { checkMetric, type Metric } from '../../distance/metric.js';
import { buildVpTree } from './vptree.js';
import { functionOption, readOptions, signalOption, type OptionKeys } from '../../core/options.js';
import { runSync, type Progress, type Work } from '../../core/task.js';

/**
 * How the neighbours are searched.
 *
 * - `'brute'`: every distance, computed with register-blocked kernels in cache blocks. Exact
 *   for any metric; best in high dimension (≳ 20) or for few queries.
 * - `'vptree'`: a vantage-point tree. Exact for true metrics (`'euclidean'`, `'manhattan'`,
 *   `'chebyshev'`, a custom function that is symmetric and satisfies the triangle inequality) and for
 *   `'sqeuclidean'` (pruned on its square root). Not available for `'cosine'`.
 * - `'auto'`: considers the tree for a built-in true metric (or `'sqeuclidean'`) when the data
 *   has at most {@link VPTREE_MAX_DIMS} columns and at least {@link VPTREE_MIN_POINTS} rows, and
 *   brute force otherwise (always brute force for `'cosine'` and for custom functions, whose
 *   metric properties latent cannot check). Low column count does not guarantee that a tree
 *   helps (uniform noise in 16 dimensions defeats every exact tree), so an automatic tree
 *   checks itself: each query batch first runs a small sample through the tree and falls back
 *   to brute force when the sample evaluated more than about a third of the points per query.
 */
export type KnnMethod = 'auto' | 'brute' | 'vptree';

/** Options of {@link knnIndex} and of the one-shot `knn` / `knnSelf`. */
export interface KnnOptions {
  /**
   * Distance: a built-in metric name or a custom `(a, b) => number` (called as
   * `metric(query, point)`).
   * @defaultValue `'euclidean'`
   */
  metric?: Metric | undefined;
  /**
   * Search method (see {@link KnnMethod}).
   * @defaultValue `'auto'`
   */
  method?: KnnMethod | undefined;
  /**
   * Largest subtree the vantage-point tree stores as a leaf (scanned with blocked kernels), an
   * integer in [1, 2²⁰].
   * @defaultValue 16
   */
  leafSize?: number | undefined;
  /**
   * Seed of the vantage-point choice (the answer never depends on it; only the tree's shape does).
   * @defaultValue `DEFAULT_SEED` (42)
   */
  seed?: number | undefined;
  /**
   * Stops the build and the search at the next checkpoint (a few milliseconds of work apart)
   * with `E_ABORTED`.
   * @defaultValue undefined
   */
  signal?: AbortSignal | undefined;
  /**
   * Receives `{ stage: 'build' | 'search', completed, total }` as the tree is built (rows placed)
   * and as the search proceeds (query rows answered).
   * @defaultValue undefined
   */
  onProgress?: ((progress: Progress) => void) | undefined;
}

const KNN_KEYS: OptionKeys<KnnOptions> = { metric: true, method: true, leafSize: true, seed: true, signal: true, onProgress: true };

/**
 * A k-nearest-neighbour index (plain data, `kind: 'knn-index'`). It holds its own copy of the
 * points (in tree order for `'vptree'`), so later changes to the input do not affect it. A
 * `'brute'` index keeps the points' storage type (Float32 rows stay Float32: the copy is as large
 * as the data); a `'vptree'` index (≤ 20 columns) keeps a Float64 copy in tree order.
 * With a built-in metric it survives `structuredClone` and `serialize` / `deserialize`
 * unchanged; a custom metric function is kept by reference and cannot be serialized.
 */
export interface KnnIndex {
  /** Model tag. */
  kind: 'knn-index';
  /** Format version. */
  version: 1;
  /** The search method chosen at build time. */
  method: 'brute' | 'vptree';
  /**
   * Set when `'auto'` built the tree: each query batch first runs a small sample through the
   * tree and switches to brute force (over the same points, same answer) when the tree would
   * evaluate too large a share of the points, as happens for data of high intrinsic dimension.
   */
  adaptive: boolean;
  /** The metric the index answers for. */
  metric: Metric;
  /** The n × d indexed points, in index order (row p is original row `order[p]`); Float32 or Float64 for `'brute'`, Float64 for `'vptree'`. */
  points: Matrix;
  /** Original row number of each stored row. */
  order: Int32Array;
  /** Vantage-point tree splits (length n; empty for `'brute'`). */
  split: Int32Array;
  /** Vantage-point tree distance bounds (length 4n; empty for `'brute'`). */
  bounds: Float64Array;
  /** Levels of internal nodes of the tree (0 for `'brute'`). */
  depth: number;
  /** Leaf size of the tree. */
  leafSize: number;
  /** Squared row norms of `points` (length n for `'cosine'`, otherwise empty). */
  sqNorms: Float64Array;
}

/** `'auto'` uses the vantage-point tree only up to this many columns. */
export const VPTREE_MAX_DIMS = 20;
/** `'auto'` uses the vantage-point tree only from this many points. */
export const VPTREE_MIN_POINTS = 512;

/** Options after defaults and validation. */
export interface ResolvedKnnOptions {
  /** Validated metric. */
  metric: Metric;
  /** Validated method. */
  method: KnnMethod;
  /** Validated leaf size. */
  leafSize: number;
  /** Validated seed. */
  seed: number;
  /** Validated abort signal. */
  signal: AbortSignal | undefined;
  /** Validated progress callback. */
  onProgress: ((progress: Progress) => void) | undefined;
}

/**
 * For the metrics that square coordinate differences (euclidean, sqeuclidean), rejects values
 * beyond ±2⁵⁰⁰ whose squares would overflow (see `assertSquareSafe`). Float32 values (below
 * 3.5e38) always square safely.
 *
 * @param fn - public function name
 * @param metric - the resolved metric
 * @param m - the matrix to check
 * @param name - its argument name
 * @example
 * ```ts
 * squareSafe('knn', 'euclidean', { rows: 1, cols: 1, data: new Float64Array([1e200]) }, 'data'); // throws E_RANGE
 * ```
 */
export function squareSafe(fn: string, metric: Metric, m: Matrix, name: string): void {
  if ((metric === 'euclidean' || metric === 'sqeuclidean') && m.data instanceof Float64Array) assertSquareSafe(fn, name, m.data, m.cols);
}

/**
 * Fills defaults (`??`) and validates `KnnOptions` once.
 *
 * @internal
 * @param fn - public function name
 * @param options - the received options
 * @returns the resolved options
 * @throws LatentError `E_TYPE` for a non-object, `E_OPTION` for an unknown metric or method or `'vptree'` with `'cosine'`, `E_RANGE` for a bad leaf size or seed
 * @example
 * ```ts
 * resolveKnnOptions('knn', {}); // { metric: 'euclidean', method: 'auto', leafSize: 16, seed: 42, signal: undefined, onProgress: undefined }
 * ```
 */
export function resolveKnnOptions(fn: string, options: KnnOptions | undefined): ResolvedKnnOptions {
  const o = readOptions(fn, options, KNN_KEYS);
  const metric = checkMetric(fn, o.metric);
  const method = assertOneOf(fn, 'method', o.method ?? 'auto', ['auto', 'brute', 'vptree'] as const);
  const leafSize = assertInteger(fn, 'leafSize', o.leafSize ?? 16, 1, MAX_LEAF_SIZE);
  const seed = assertInteger(fn, 'seed', o.seed ?? DEFAULT_SEED, 0);
  const signal = signalOption(fn, o.signal);
  const onProgress = functionOption(fn, 'onProgress', o.onProgress);
  if (method === 'vptree' && metric === 'cosine') {
    throw new LatentError(
      'E_OPTION',
      `${fn}: method 'vptree' needs a true metric and cosine distance is not one, got metric 'cosine' (use method 'brute' or 'auto', or normalize the rows and use 'euclidean')`,
    );
  }
  return { metric, method, leafSize, seed, signal, onProgress };
}

/**
 * The method `'auto'` picks for n points of d columns (see {@link KnnMethod}).
 *
 * @internal
 * @param metric - validated metric
 * @param n - number of points
 * @param d - number of columns
 * @returns `'brute'` or `'vptree'`
 * @example
 * ```ts
 * autoMethod('euclidean', 10000, 16); // 'vptree'
 * ```
 */
export function autoMethod(metric: Metric, n: number, d: number): 'brute' | 'vptree' {
  if (typeof metric === 'function' || metric === 'cosine') return 'brute';
  return d <= VPTREE_MAX_DIMS && n >= VPTREE_MIN_POINTS ? 'vptree' : 'brute';
}

/**
 * Whether an index of this method and metric works on a Float64 copy of Float32 rows: a
 * vantage-point tree and a metric function read Float64 rows, brute force reads Float32 in place.
 * The rule {@link createIndexWork} copies by, for callers that plan their memory.
 *
 * @internal
 * @param metric - the resolved metric
 * @param method - the index method
 * @returns true when Float32 data is widened into a copy
 * @example
 * ```ts
 * widensFloat32('euclidean', autoMethod('euclidean', n, d)); // true at ≤ 20 columns (a tree)
 * ```
 */
export function widensFloat32(metric: Metric, method: 'brute' | 'vptree'): boolean {
  return method === 'vptree' || typeof metric === 'function';
}

/**
 * Builds an index over a validated matrix (shared by `knnIndex`, `knn` and `knnSelf`), as a
 * generator with checkpoints (the tree build yields as it goes).
 *
 * Copies: a `'brute'` index copies the points in their storage type when `copy` (the one-shot
 * searches skip it and read the caller's data in place); a custom metric function receives
 * Float64 views, so Float32 data is widened once for it; a `'vptree'` index stores a Float64 copy
 * in tree order.
 *
 * @internal
 * @param fn - public function name
 * @param m - validated n × d points (n ≥ 1), Float64 or Float32
 * @param o - resolved options
 * @param method - `'brute'` or `'vptree'`
 * @param adaptive - let query batches fall back from the tree to brute force (see {@link KnnIndex})
 * @param copy - copy the points for `'brute'` (one-shot searches skip the copy)
 * @returns a generator of the index
 * @example
 * ```ts
 * runSync(createIndexWork('knn', m, resolveKnnOptions('knn', {}), 'brute', false, false), { fn: 'knn' });
 * ```
 */
export function* createIndexWork(fn: string, m: Matrix, o: ResolvedKnnOptions, method: 'brute' | 'vptree', adaptive: boolean, copy: boolean): Work<KnnIndex> {
  const n = m.rows;
  const d = m.cols;
  const sqNorms = o.metric === 'cosine' ? cosineNorms(fn, 'data', m.data, n, d) : new Float64Array(0);
  const needs64 = widensFloat32(o.metric, method);
  const data = needs64 && m.data instanceof Float32Array ? Float64Array.from(m.data) : m.data;
  if (method === 'brute') {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const points: Matrix = { rows: n, cols: d, data: copy && data === m.data ? data.slice() : data };
    return {
      kind: 'knn-index',
      version: 1,
      method,
      adaptive: false,
      metric: o.metric,
      points,
      order,
      split: new Int32Array(0),
      bounds: new Float64Array(0),
      depth: 0,
      leafSize: o.leafSize,
      sqNorms,
    };
  }
  const tree = yield* buildVpTree(fn, o.metric, data as Float64Array, n, d, o.leafSize, o.seed);
  return {
    kind: 'knn-index',
    version: 1,
    method,
    adaptive,
    metric: o.metric,
    points: { rows: n, cols: d, data: tree.points },
    order: tree.order,
    split: tree.split,
    bounds: tree.bounds,
    depth: tree.depth,
    leafSize: o.leafSize,
    sqNorms,
  };
}

/**
 * {@link createIndexWork} run to completion (no signal).
 *
 * @internal
 * @param fn - public function name
 * @param m - validated n × d points
 * @param o - resolved options
 * @param method - `'brute'` or `'vptree'`
 * @param adaptive - let query batches fall back to brute force
 * @param copy - copy the points for `'brute'`
 * @returns the index
 * @example
 * ```ts
 * createIndex('knn', m, resolveKnnOptions('knn', {}), 'brute', false, false);
 * ```
 */
export function createIndex(fn: string, m: Matrix, o: ResolvedKnnOptions, method: 'brute' | 'vptree', adaptive: boolean, copy: boolean): KnnIndex {
  return runSync(createIndexWork(fn, m, o, method, adaptive, copy), { fn });
}

/**
 * Builds a k-nearest-neighbour index over the rows of `data`, to answer many `knnQuery` /
 * `knnQuerySelf` calls without rebuilding. Time: O(n·d) for `'brute'`, O(n·log n) distance
 * evaluations for `'vptree'`; memory O(n·d): the index keeps its own copy of the points — in
 * their storage type for `'brute'` (Float32 data: n·d·4 bytes, not widened), as Float64 in tree
 * order for `'vptree'` — plus 8 bytes per row of norms for `'cosine'`. For a one-off search,
 * `knn` / `knnSelf` read the data in place instead.
 *
 * @param data - n × d points (n ≥ 1), finite
 * @param options - metric, method, leaf size, seed, `signal` and `onProgress` for the tree build (see {@link KnnOptions})
 * @returns the index (plain data; `kind: 'knn-index'`)
 * @throws LatentError `E_TYPE` / `E_SHAPE` / `E_NOT_FINITE` for bad data or no rows, `E_OPTION` / `E_RANGE` for bad options, `E_RANGE` / `E_NOT_FINITE` when a custom metric returns a negative or non-finite value, `E_RANGE` for `'cosine'` rows whose squared norm overflows
 * @throws LatentError `E_RANGE` with `'euclidean'` or `'sqeuclidean'` for a value beyond ±2⁵⁰⁰ ≈ 3.3e150, whose squared differences would overflow
 * @example
 * ```ts
 * const index = knnIndex([[0, 0], [1, 0], [5, 5]]);
 * index.method;                                  // 'brute' (few points)
 * knnQuery(index, [[0.9, 0.1]], 2).indices;      // Int32Array [1, 0]
 * ```
 * @see Yianilos, "Data structures and algorithms for nearest neighbor search in general metric spaces", SODA 1993
 * @see sklearn.neighbors.NearestNeighbors (fit)
 */
export function knnIndex(data: MatrixLike, options?: KnnOptions): KnnIndex {
  const m = asMatrix(data, 'knnIndex', 'data');
  const o = resolveKnnOptions('knnIndex', options);
  squareSafe('knnIndex', o.metric, m, 'data');
  if (m.rows < 1) throw new LatentError('E_SHAPE', `knnIndex: data must have at least 1 row, got 0`);
  const method = o.method === 'auto' ? autoMethod(o.metric, m.rows, m.cols) : o.method;
  return runSync(createIndexWork('knnIndex', m, o, method, o.method === 'auto', true), { fn: 'knnIndex', signal: o.signal, onProgress: o.onProgress });
}

/**
 * Validates a {@link KnnIndex} received by a query function: kind, version, method, metric,
 * the lengths of every array, and — on the index's first query, or after one of its arrays was
 * replaced — its values (points finite, `order` a permutation, bounds ≥ 0, norms finite): one
 * O(n·d) pass, about one brute-force query row, so a tampered or corrupt index is `E_MODEL`
 * instead of NaN distances. Later queries of the same index cost O(1) here.
 *
 * @internal
 * @param fn - public function name
 * @param index - the received value
 * @returns the index, typed
 * @throws LatentError `E_MODEL` when it is not a consistent knn index
 * @example
 * ```ts
 * checkIndex('knnQuery', index);
 * ```
 */
export function checkIndex(fn: string, index: unknown): KnnIndex {
  assertModel(fn, index, 'knn-index');
  const x = index as Partial<KnnIndex>;
  const bad = (what: string, got: unknown): never => {
    throw new LatentError('E_MODEL', `${fn}: index ${what}, got ${describe(got)}`);
  };
  if (x.method !== 'brute' && x.method !== 'vptree') bad(`method must be 'brute' or 'vptree'`, x.method);
  if (typeof x.adaptive !== 'boolean') bad('adaptive must be a boolean', x.adaptive);
  if (x.metric === undefined) bad('metric must be set', x.metric);
  try {
    checkMetric(fn, x.metric);
  } catch {
    bad('metric must be a metric name or function', x.metric);
  }
  if (!isMatrix(x.points) || x.points.rows < 1 || x.points.data.length !== x.points.rows * x.points.cols) bad('points must be a non-empty Matrix', x.points);
  if (x.method === 'vptree' && !(x.points!.data instanceof Float64Array)) bad("points of a 'vptree' index must hold a Float64Array", x.points!.data);
  if (typeof x.metric === 'function' && !(x.points!.data instanceof Float64Array)) bad('points of an index with a custom metric must hold a Float64Array', x.points!.data);
  const n = x.points!.rows;
  if (!(x.order instanceof Int32Array) || x.order.length !== n) bad(`order must be an Int32Array of length ${n}`, x.order);
  if (typeof x.leafSize !== 'number' || !Number.isInteger(x.leafSize) || x.leafSize < 1 || x.leafSize > MAX_LEAF_SIZE) bad(`leafSize must be an integer in [1, ${MAX_LEAF_SIZE}]`, x.leafSize);
  if (x.method === 'vptree') {
    if (x.metric === 'cosine') bad(`metric 'cosine' cannot use method 'vptree'`, x.metric);
    if (!(x.split instanceof Int32Array) || x.split.length !== n) bad(`split must be an Int32Array of length ${n}`, x.split);
    if (!(x.bounds instanceof Float64Array) || x.bounds.length !== 4 * n) bad(`bounds must be a Float64Array of length ${4 * n}`, x.bounds);
    if (typeof x.depth !== 'number' || !Number.isInteger(x.depth) || x.depth < 0 || x.depth > 64) bad('depth must be an integer in [0, 64]', x.depth);
  }
  if (x.metric === 'cosine' && (!(x.sqNorms instanceof Float64Array) || x.sqNorms.length !== n)) bad(`sqNorms must be a Float64Array of length ${n}`, x.sqNorms);
  const ix = x as KnnIndex;
  if (!valuesChecked(ix)) checkIndexValues(fn, ix, bad);
  return ix;
}

/** Largest leaf size `knnIndex` accepts (the search allocates a leaf-sized buffer). */
const MAX_LEAF_SIZE = 1 << 20;

/**
 * Indexes whose values have been scanned, with the arrays they held then: the O(n·d) scan runs
 * on an index's first query (about the cost of one brute-force query row, and far below the
 * build) and again only when an array is replaced. Writing into the arrays of an index after
 * it has answered a query is not detected (the index is the caller's working data, as a t-SNE
 * state is).
 */
const checkedValues = new WeakMap<KnnIndex, readonly unknown[]>();

function valueArrays(ix: KnnIndex): readonly unknown[] {
  return [ix.points, ix.points.data, ix.order, ix.split, ix.bounds, ix.sqNorms, ix.metric];
}

function valuesChecked(ix: KnnIndex): boolean {
  const seen = checkedValues.get(ix);
  if (seen === undefined) return false;
  const now = valueArrays(ix);
  for (let i = 0; i < now.length; i++) if (now[i] !== seen[i]) return false;
  return true;
}

/**
 * One pass over the values `knnIndex` derived from validated data: points finite (and within
 * ±2⁵⁰⁰ for the squared metrics, as at build), `order` a permutation of the rows, tree bounds
 * ≥ 0 (or −Infinity: an empty side), cosine norms finite and ≥ 0. O(n·d) time, n bytes of scratch.
 */
function checkIndexValues(fn: string, ix: KnnIndex, bad: (what: string, got: unknown) => never): void {
  const { points, order, metric } = ix;
  const n = points.rows;
  const data = points.data;
  const limit = metric === 'euclidean' || metric === 'sqeuclidean' ? SQUARE_SAFE_MAX : Number.MAX_VALUE;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!(v <= limit && v >= -limit)) bad(`points must be finite${limit === SQUARE_SAFE_MAX ? ' and within ±2^500' : ''} (row ${Math.floor(i / points.cols)}, column ${i % points.cols})`, v);
  }
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = order[i]!;
    if (!(r >= 0 && r < n) || seen[r] === 1) bad(`order must be a permutation of 0 … ${n - 1} (position ${i})`, r);
    seen[r] = 1;
  }
  // An empty side of a split has bounds [Infinity, −Infinity]; NaN or negative distances would
  // prune wrongly. (Wrong but plausible bounds give wrong neighbours, not NaN: not detectable cheaply.)
  const b = ix.bounds;
  if (ix.method === 'vptree') for (let i = 0; i < b.length; i++) if (!(b[i]! >= 0 || b[i] === -Infinity)) bad(`bounds must be distances >= 0 (or −Infinity for an empty side) (at ${i})`, b[i]);
  const q = ix.sqNorms;
  if (metric === 'cosine') for (let i = 0; i < n; i++) if (!(q[i]! >= 0 && q[i]! < Infinity)) bad(`sqNorms must be finite and >= 0 (at ${i})`, q[i]);
  checkedValues.set(ix, valueArrays(ix));
}
