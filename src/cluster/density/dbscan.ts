/**
 * DBSCAN (Ester et al. 1996) on latent's exact radius search.
 */
import { LatentError } from '../../core/errors.js';
import { asMatrix, type FloatArray, type Matrix, type MatrixLike } from '../../core/matrix.js';
import { memoryLimitOption } from '../../core/memory.js';
import { functionOption, integerIn, numberIn, readOptions, signalOption, type OptionKeys } from '../../core/options.js';
import { DEFAULT_SEED } from '../../core/random.js';
import { runSync, type Progress, type Work } from '../../core/task.js';
import { assertSquareSafe } from '../../core/validate.js';
import { callMetric, checkMetric, type Metric } from '../../distance/metric.js';
import { rowDistance } from '../../distance/pairwise.js';
import { radiusWork, type RadiusResult, type ResolvedRadiusOptions } from '../../neighbors/radius.js';
import { estimateSelfEntries, radiusSelfStream } from '../../neighbors/radius-stream.js';

/** Options of {@link dbscan}. */
export interface DbscanOptions {
  /**
   * Neighbourhood radius: points within `eps` of each other (distance ≤ eps) are neighbours.
   * Required, a finite number > 0, in the metric's units.
   */
  eps: number;
  /**
   * Neighbourhood size (counting the point itself, as scikit-learn does) that makes a point a
   * core point.
   * @defaultValue 5
   */
  minSamples?: number | undefined;
  /**
   * Distance: a built-in metric name or a custom `(a, b) => number`.
   * @defaultValue `'euclidean'`
   */
  metric?: Metric | undefined;
  /**
   * Budget in bytes for the neighbourhood lists (4 bytes per neighbour, about 12 while they are
   * collected). When they would not fit — a radius or duplicated rows that make most points
   * each other's neighbours — the search runs twice without lists instead (O(n) memory, the
   * same model); `E_MEMORY` only when even its buffers do not fit.
   * @defaultValue 4 GiB
   */
  memoryLimit?: number | undefined;
  /**
   * Stops the run at the next checkpoint with `E_ABORTED`.
   * @defaultValue none
   */
  signal?: AbortSignal | undefined;
  /**
   * Receives `{ stage: 'radius' | 'label', completed, total }` (a search run twice reports both
   * passes under `'radius'` with `total` 2n).
   * @defaultValue none
   */
  onProgress?: ((progress: Progress) => void) | undefined;
}

/** The result of {@link dbscan}. */
export interface DbscanModel {
  /** Model tag. */
  kind: 'dbscan';
  /** Format version. */
  version: 1;
  /**
   * Cluster of each point (0, 1, …, numbered by each cluster's lowest core point index, as
   * scikit-learn numbers them), −1 for noise.
   */
  labels: Int32Array;
  /** Indices of the core points, ascending (scikit-learn's `core_sample_indices_`). */
  core: Int32Array;
}

const KEYS: OptionKeys<DbscanOptions> = { eps: true, minSamples: true, metric: true, memoryLimit: true, signal: true, onProgress: true };

/**
 * Density-based clustering with noise: a point with at least `minSamples` points within `eps`
 * (itself included) is a core point; core points within `eps` of each other are in the same
 * cluster; a non-core point within `eps` of a core point joins the cluster of its **nearest**
 * core point (ties: the lower index); every other point is noise (−1).
 *
 * Fidelity to scikit-learn's `DBSCAN`: the core points and the partition of the core points are
 * the same (as are the cluster numbers); border points can differ only where a border point
 * lies within `eps` of core points of two clusters — scikit-learn gives it to whichever cluster
 * reaches it first in its index-order expansion, latent to the nearest core point, which does
 * not depend on the order of the rows. Neighbourhoods use `radiusNeighborsSelf`'s rule
 * (for `'euclidean'`: squared distance ≤ eps², as scikit-learn's trees).
 *
 * Cost: one exact radius self-search (a vantage-point tree at ≤ 20 columns, blocked brute force
 * otherwise, Float32 data read in place) plus O(n + pairs) union–find; memory O(n) plus the
 * neighbourhood lists (the number of pairs within `eps`). When the lists would not fit
 * `memoryLimit` (estimated from 256 sampled rows when all n² entries might not; a wrong
 * estimate falls back rather than fails), no lists are kept: the search runs twice — sizes,
 * then links — in O(n) memory (brute force when over 3 % of all pairs are neighbours), skipping
 * blocks of rows that already form one cluster of core points.
 *
 * @param X - n × d data (n ≥ 1), finite, Float32 or Float64
 * @param options - `eps` (required), `minSamples`, `metric`, memory budget, signal, progress
 * @returns `{ kind: 'dbscan', version: 1, labels, core }`
 * @throws LatentError `E_TYPE` / `E_SHAPE` / `E_NOT_FINITE` for bad data or no rows; `E_TYPE` / `E_RANGE` / `E_NOT_FINITE` when `eps` is missing, ≤ 0 or not finite, or `minSamples` is not an integer ≥ 1; `E_OPTION` for an unknown option or metric; `E_RANGE` for euclidean values beyond ±2⁵⁰⁰; `E_MEMORY` when even the streamed search's buffers outgrow `memoryLimit`; `E_ABORTED`
 * @example
 * ```ts
 * const X = [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 2], [8, 8], [8, 9], [9, 8], [30, 30]];
 * const { labels, core } = dbscan(X, { eps: 1.2, minSamples: 3 });
 * labels; // Int32Array [0, 0, 0, 0, 0, 1, 1, 1, -1]
 * core;   // Int32Array [0, 1, 2, 3, 4, 5] (6 and 7 are border points of cluster 1)
 * ```
 * @see Ester, Kriegel, Sander & Xu, "A density-based algorithm for discovering clusters in large spatial databases with noise", KDD 1996
 * @see sklearn.cluster.DBSCAN
 */
export function dbscan(X: MatrixLike, options: DbscanOptions): DbscanModel {
  const fn = 'dbscan';
  if (options === undefined) throw new LatentError('E_TYPE', `${fn}: options must be an object with eps, got undefined`);
  const o = readOptions(fn, options, KEYS);
  const eps = numberIn(fn, 'eps', o.eps, { min: 0, open: 'min' });
  const minSamples = integerIn(fn, 'minSamples', o.minSamples ?? 5, { min: 1 });
  const metric = checkMetric(fn, o.metric);
  const memoryLimit = memoryLimitOption(fn, o.memoryLimit);
  const signal = signalOption(fn, o.signal);
  const onProgress = functionOption(fn, 'onProgress', o.onProgress);
  const m = asMatrix(X, fn, 'X');
  if (m.rows < 1) throw new LatentError('E_SHAPE', `${fn}: X must have at least 1 row, got 0`);
  if ((metric === 'euclidean' || metric === 'sqeuclidean') && m.data instanceof Float64Array) assertSquareSafe(fn, 'X', m.data, m.cols);
  // Indices only (4 bytes a neighbour, no copies): border points' distances are recomputed.
  const work = dbscanWork(fn, m, eps, minSamples, { metric, sort: false, method: 'auto', leafSize: 16, seed: DEFAULT_SEED, memoryLimit, distances: false, compact: false });
  return runSync(work, { fn, signal, onProgress });
}

/**
 * Bytes per neighbour entry assumed for collecting the lists: 12 at the peak (indices, the pair
 * triplets, growth by doubling), doubled for the error of a sampled estimate.
 */
const LIST_PEAK_BYTES = 24;
/** Rows sampled to estimate the lists' size when even n² entries might not fit. */
const ESTIMATE_SAMPLES = 256;
/** Share of all pairs within eps from which a streamed search uses brute force rather than the tree. */
const DENSE_SHARE = 0.03;

/**
 * DBSCAN as resumable work. With `mode` `'auto'` the neighbourhood lists are collected when they
 * fit `memoryLimit` (sampled first when all n² entries might not) and the search is streamed
 * twice otherwise; `'lists'` / `'stream'` force one way (tests: both give the same model).
 *
 * @internal
 * @param fn - public function name
 * @param m - validated data
 * @param eps - validated radius
 * @param minSamples - validated neighbourhood size
 * @param ro - resolved radius options
 * @param mode - how the neighbourhoods are visited
 * @returns the work
 * @example
 * ```ts
 * runSync(dbscanWork('dbscan', m, 0.5, 5, ro, 'stream'), { fn: 'dbscan' });
 * ```
 */
export function* dbscanWork(fn: string, m: Matrix, eps: number, minSamples: number, ro: ResolvedRadiusOptions, mode: 'auto' | 'lists' | 'stream' = 'auto'): Work<DbscanModel> {
  const n = m.rows;
  // Estimated neighbour entries (−1: not sampled): sampled only when n² entries might not fit.
  let entries = mode !== 'auto' || n * (n - 1) * LIST_PEAK_BYTES <= ro.memoryLimit ? -1 : sampledEntries(fn, m, eps, ro);
  let lists: RadiusResult | null = null;
  if (mode === 'lists') {
    lists = yield* radiusWork(fn, m, null, eps, ro);
  } else if (mode === 'auto' && entries * LIST_PEAK_BYTES <= ro.memoryLimit) {
    try {
      lists = yield* radiusWork(fn, m, null, eps, ro);
    } catch (e) {
      // More entries than the budget holds: stream instead (O(n) memory) rather than fail.
      if (!(e instanceof LatentError && e.code === 'E_MEMORY')) throw e;
    }
  }
  // Dense neighbourhoods: blocked brute force beats the tree (measured: 3-d uniform data, 20 000
  // rows, equal at 2.6 % of pairs within eps, brute 3× faster at 16 %; 8-d: brute faster throughout).
  let so = ro;
  if (lists === null && typeof ro.metric !== 'function' && ro.method === 'auto') {
    if (entries < 0) entries = sampledEntries(fn, m, eps, ro);
    if (entries >= DENSE_SHARE * n * n) so = { ...ro, method: 'brute' };
  }
  const st = linkState(fn, m, ro.metric);
  const { isCore } = st;
  if (lists !== null) {
    const { offsets, indices } = lists;
    yield { stage: 'label', completed: 0, total: n };
    // Core points: neighbourhood size counting the point itself.
    for (let i = 0; i < n; i++) if (offsets[i + 1]! - offsets[i]! + 1 >= minSamples) isCore[i] = 1;
    for (let i = 0; i < n; i++) {
      for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
        const j = indices[e]!;
        // Core–core links once per pair (j > i); a border point looks at all its core neighbours.
        if (j > i || isCore[i] === 0) link(st, i, j);
      }
    }
  } else {
    // Two passes of the search, nothing kept but O(n) state: neighbourhood sizes, then links.
    const counts = new Int32Array(n);
    yield* radiusSelfStream(fn, m, eps, so, { counts, row: () => undefined, pairs: () => undefined, skipTile: () => false }, 0, 2 * n);
    for (let i = 0; i < n; i++) if (counts[i]! + 1 >= minSamples) isCore[i] = 1;
    // Without core points every point is noise: the links pass would find nothing.
    if (isCore.includes(1)) {
      const sink = {
        counts: null,
        row: (r: number, cols: Int32Array, a: number, b: number) => linkRow(st, r, cols, a, b),
        pairs: (rows: Int32Array, cols: Int32Array, len: number) => linkPairs(st, rows, cols, len),
        skipTile: (ia: number, ib: number, j0: number, j1: number) => oneCoreComponent(st, ia, ib) && oneCoreComponent(st, j0, j1) && find(st.parent, ia) === find(st.parent, j0),
      };
      yield* radiusSelfStream(fn, m, eps, so, sink, n, 2 * n);
    }
    yield { stage: 'label', completed: 0, total: n };
  }
  const { labels, core } = labelsOf(st, n);
  yield { stage: 'label', completed: n, total: n };
  return { kind: 'dbscan', version: 1, labels, core };
}

/** What the links between neighbours build: the core points' union–find and each border point's nearest core point. */
interface LinkState {
  fn: string;
  metric: Metric;
  data: FloatArray;
  d: number;
  isCore: Uint8Array;
  /** Union–find parents (each root is the lowest index of its component). */
  parent: Int32Array;
  /** Nearest core neighbour of each border point so far (−1: none) and its distance. */
  best: Int32Array;
  bestD: Float64Array;
  /** Two rows as doubles, for distances between them. */
  pair: Float64Array;
  /** The two halves of `pair`, for a custom metric. */
  views: readonly [Float64Array, Float64Array];
}

function linkState(fn: string, m: Matrix, metric: Metric): LinkState {
  const n = m.rows;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const pair = new Float64Array(2 * m.cols);
  const views = [pair.subarray(0, m.cols), pair.subarray(m.cols)] as const;
  return { fn, metric, data: m.data, d: m.cols, isCore: new Uint8Array(n), parent, best: new Int32Array(n).fill(-1), bestD: new Float64Array(n).fill(Infinity), pair, views };
}

/**
 * The entry "j is a neighbour of i": joins two core points' components; offers core point j to
 * border point i (nearest wins, ties to the lower index, so the order of entries does not matter).
 */
function link(st: LinkState, i: number, j: number): void {
  const { isCore } = st;
  if (isCore[j] === 0) return;
  if (isCore[i] === 1) {
    union(st.parent, i, j);
    return;
  }
  const dv = pairDistance(st.fn, st.metric, st.data, st.d, i, j, st.pair, st.views);
  if (dv < st.bestD[i]! || (dv === st.bestD[i]! && j < st.best[i]!)) {
    st.bestD[i] = dv;
    st.best[i] = j;
  }
}

function linkRow(st: LinkState, r: number, cols: Int32Array, a: number, b: number): void {
  for (let e = a; e < b; e++) link(st, r, cols[e]!);
}

function linkPairs(st: LinkState, rows: Int32Array, cols: Int32Array, len: number): void {
  for (let e = 0; e < len; e++) {
    link(st, rows[e]!, cols[e]!);
    link(st, cols[e]!, rows[e]!);
  }
}

/**
 * Whether rows [a, b) are all core points of one component already: their pairs with another
 * such block of the same component can neither join components nor offer a border point a core
 * neighbour, so the search may skip them (on heavily duplicated data, nearly every pair).
 */
function oneCoreComponent(st: LinkState, a: number, b: number): boolean {
  const { isCore, parent } = st;
  if (isCore[a] === 0) return false;
  const root = find(parent, a);
  for (let i = a + 1; i < b; i++) if (isCore[i] === 0 || find(parent, i) !== root) return false;
  return true;
}

/**
 * The neighbour entries estimated from evenly spaced sample rows: 32 first (about 3 % of a
 * 100 000 × 2 DBSCAN's time), up to 256 when that first estimate is within a factor 8 of the
 * budget (fewer above 2¹⁸ rows: each sampled row reads all rows).
 */
function sampledEntries(fn: string, m: Matrix, eps: number, ro: ResolvedRadiusOptions): number {
  const quick = estimateSelfEntries(fn, m, eps, ro.metric, 32);
  if (8 * quick * LIST_PEAK_BYTES <= ro.memoryLimit) return quick;
  return estimateSelfEntries(fn, m, eps, ro.metric, Math.min(ESTIMATE_SAMPLES, Math.max(32, Math.floor(2 ** 26 / m.rows))));
}

/**
 * Cluster numbers from the union–find of the core points (each root is its component's lowest
 * core index, so numbering roots in index order numbers clusters as scikit-learn does) and each
 * border point's nearest core point.
 */
function labelsOf(st: LinkState, n: number): { labels: Int32Array; core: Int32Array } {
  const { parent, isCore, best } = st;
  let nCore = 0;
  for (let i = 0; i < n; i++) nCore += isCore[i]!;
  const labels = new Int32Array(n).fill(-1);
  const core = new Int32Array(nCore);
  let next = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    if (isCore[i] === 0) continue;
    core[c++] = i;
    const r = find(parent, i);
    if (r === i) labels[i] = next++;
    else labels[i] = labels[r]!;
  }
  for (let i = 0; i < n; i++) if (isCore[i] === 0 && best[i]! >= 0) labels[i] = labels[best[i]!]!;
  return { labels, core };
}

/** Joins the components of i and j, linking the larger root under the smaller. */
function union(parent: Int32Array, i: number, j: number): void {
  const a = find(parent, i);
  const b = find(parent, j);
  if (a < b) parent[b] = a;
  else if (b < a) parent[a] = b;
}

/**
 * Distance between rows i and j (as the radius search computes it: both rows as doubles, the
 * same kernels' summation order).
 */
function pairDistance(fn: string, metric: Metric, data: FloatArray, d: number, i: number, j: number, pair: Float64Array, views: readonly [Float64Array, Float64Array]): number {
  // Element by element: no view objects per pair (border points can have many core neighbours).
  const oi = i * d;
  const oj = j * d;
  for (let t = 0; t < d; t++) {
    pair[t] = data[oi + t]!;
    pair[d + t] = data[oj + t]!;
  }
  if (typeof metric === 'function') return callMetric(fn, metric, views[0], views[1]);
  return rowDistance(metric, pair, 0, pair, d, d);
}

/** Root of `i` with path halving. */
function find(parent: Int32Array, i: number): number {
  let x = i;
  while (parent[x] !== x) {
    const g = parent[parent[x]!]!;
    parent[x] = g;
    x = g;
  }
  return x;
}
