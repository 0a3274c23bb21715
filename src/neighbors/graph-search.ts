/**
 * Approximate k-nearest-neighbour queries by best-first search over a neighbour graph of the
 * indexed rows (pynndescent's `search`, HNSW's base-layer search; umap-learn's `transform`
 * finds new points' neighbours this way over its training kNN graph).
 *
 * Each query starts from the caller's entry rows (the same for every query: a seeded sample and,
 * since a walk never leaves its connected component, a row of each component), keeps the `ef`
 * closest rows seen so far, and repeatedly expands the closest unexpanded one (its graph
 * neighbours are evaluated once each) until the closest unexpanded row is farther than the
 * `ef`-th best by more than the `epsilon` margin. Rows are visited at most once per query (a
 * generation-stamped visited array shared by all queries), so every loop is bounded by n.
 *
 * Distances are summed as the exact searches sum them (euclidean and cosine read the rows in
 * place, `scattered-sq-diff.ts` and `graph-rows.ts`; the other metrics on a Float64 tile of
 * gathered rows with `distanceRows`): a neighbour the search finds carries the exact search's
 * distance bits, and ties are broken by lower index.
 *
 * Internal module: arguments are not validated (the graph's indices must be in [0, n)).
 */
import type { Matrix } from '../core/matrix.js';
import { nextUint32, rngState } from '../core/random.js';
import type { Work } from '../core/task.js';
import { distanceRows } from '../distance/kernels.js';
import { cosineFromSums } from '../distance/metrics.js';
import { callMetric, type Metric, type MetricFunction, type MetricName } from '../distance/metric.js';
import { rowMargin32, rowMargin64, rowMargins4x32, rowMargins4x64 } from './graph-rows.js';
import { heapOffer, heapSortAscending } from './heap.js';
import { minHeapPop, minHeapPush } from './hnsw/candidates.js';
import { gatherSlots, joinSpace, PAIR_OVERHEAD, WORK_PER_CHECKPOINT, type JoinSpace } from './nndescent-join.js';
import { rpTreeLeaf, rpTreeWork, type RpTree } from './rp-tree.js';
import { sqDiff32, sqDiff4x32, sqDiff4x64, sqDiff64 } from './scattered-sq-diff.js';
import { squareSafe } from './exact/knn-index.js';
import { sqNormsOf } from './widen.js';

/** The search graph: row i's neighbours are `indices[offsets[i] … offsets[i + 1])` (CSR, any order). */
export interface SearchGraph {
  /** n + 1 row starts. */
  offsets: Int32Array;
  /** Neighbour row numbers, each in [0, n). */
  indices: Int32Array;
}

/** Parameters of {@link graphSearchWork}. */
export interface GraphSearchParams {
  /** Neighbours returned per query (1 ≤ k ≤ n). */
  k: number;
  /** Result list kept during the search (≥ k; larger is slower and more accurate). */
  ef: number;
  /** Frontier margin: a row is expanded while within (1 + epsilon) × the ef-th best distance. */
  epsilon: number;
  /**
   * Distinct rows every query evaluates first (at least k of them, so that every query fills its
   * list). A graph with several connected components needs one in each (see
   * {@link entryRows} for a seeded sample).
   */
  entries: Int32Array;
  /**
   * A random-projection tree over the rows, or null: each query then evaluates the rows of its
   * leaf before the entries (pynndescent's start), which puts it near its neighbours at once.
   */
  tree: RpTree | null;
  /** Progress stage reported with `{ completed, total }` = queries answered. */
  stage: string;
}

/** Result of {@link graphSearchWork}. */
export interface GraphSearchResult {
  /** q × k row numbers, nearest first (ties by lower index). */
  indices: Int32Array;
  /** q × k distances in the metric's units. */
  distances: Float64Array;
  /** Distance evaluations over all queries (for benchmarks and tuning). */
  evaluations: number;
}

/** Rows evaluated per batch (and gathered into the tile per kernel call where one is needed). */
const TILE = 64;

/** Queries from which they are answered in the leaf order of a tree over them. */
const QUERY_ORDER_MIN = 64;
/** Leaf size of that tree. */
const QUERY_LEAF = 8;

/** Kernels: squared euclidean or cosine on rows read in place, per storage type; a tile; a custom function. */
const MODE_SQ32 = 0;
const MODE_SQ64 = 1;
const MODE_COS32 = 2;
const MODE_COS64 = 3;
const MODE_TILE = 4;
const MODE_CUSTOM = 5;

/**
 * `entries` distinct rows of [0, n), seeded (partial Fisher–Yates over a scratch permutation;
 * `entries = n` gives a seeded shuffle). O(n).
 *
 * @internal
 * @param n - rows available (≥ 1)
 * @param entries - how many (clamped to n)
 * @param seed - the seed
 * @returns the rows, in draw order
 * @example
 * ```ts
 * entryRows(1000, 8, 42); // Int32Array of 8 distinct rows
 * ```
 */
export function entryRows(n: number, entries: number, seed: number): Int32Array {
  const m = Math.min(n, entries);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const rng = rngState(seed);
  for (let i = 0; i < m; i++) {
    // Multiply-shift: an unbiased-enough index in [i, n) from 32 random bits, exact in doubles.
    const j = i + Math.floor(((n - i) * nextUint32(rng)) / 4294967296);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return perm.slice(0, m);
}

/** Per-call search state: scratch allocated once, reused by every query. */
interface SearchState {
  fn: string;
  custom: MetricFunction | null;
  named: MetricName;
  d: number;
  ef: number;
  scale: number;
  mode: number;
  X32: Float32Array | null;
  X64: Float64Array | null;
  sqNorms: Float64Array | null;
  four: Float64Array;
  sp: JoinSpace;
  offsets: Int32Array;
  links: Int32Array;
  entries: Int32Array;
  tree: RpTree | null;
  data: Matrix;
  visited: Uint16Array;
  stamp: number;
  frontD: Float64Array;
  frontI: Int32Array;
  front: number;
  resD: Float64Array;
  resI: Int32Array;
  size: number;
  batch: Int32Array;
  out: Float64Array;
  qv: Float64Array;
  sqQ: Float64Array;
  evaluations: number;
}

/**
 * Distances from the query to `batch[0 … count)` into `out`, by the state's kernel. Squared
 * euclidean distances past `bound` (which the caller rejects) may be partial sums.
 */
function batchDistances(st: SearchState, count: number, bound: number): void {
  const { batch, out, qv, d } = st;
  switch (st.mode) {
    case MODE_SQ32: {
      const X = st.X32!;
      let s = 0;
      for (; s + 3 < count; s += 4) sqDiff4x32(qv, X, batch, s, d, bound, out, s);
      for (; s < count; s++) out[s] = sqDiff32(qv, X, batch[s]!, d, bound);
      return;
    }
    case MODE_SQ64: {
      const X = st.X64!;
      let s = 0;
      for (; s + 3 < count; s += 4) sqDiff4x64(qv, X, batch, s, d, bound, out, s);
      for (; s < count; s++) out[s] = sqDiff64(qv, X, batch[s]!, d, bound);
      return;
    }
    case MODE_COS32:
    case MODE_COS64: {
      // Dot products in coordinate order, then the shared cosine formula: distanceRows' bits.
      const four = st.four;
      let s = 0;
      if (st.mode === MODE_COS32) {
        const X = st.X32!;
        for (; s + 3 < count; s += 4) {
          rowMargins4x32(X, batch, s, qv, 0, d, four);
          for (let r = 0; r < 4; r++) out[s + r] = four[r]!;
        }
        for (; s < count; s++) out[s] = rowMargin32(X, batch[s]!, qv, 0, d);
      } else {
        const X = st.X64!;
        for (; s + 3 < count; s += 4) {
          rowMargins4x64(X, batch, s, qv, 0, d, four);
          for (let r = 0; r < 4; r++) out[s + r] = four[r]!;
        }
        for (; s < count; s++) out[s] = rowMargin64(X, batch[s]!, qv, 0, d);
      }
      const sqN = st.sqNorms!;
      const aa = st.sqQ[0]!;
      for (let r = 0; r < count; r++) out[r] = 1 - cosineFromSums(out[r]!, aa, sqN[batch[r]!]!);
      return;
    }
    case MODE_CUSTOM: {
      gatherSlots(st.sp, batch, 0, count);
      const views = st.sp.views!;
      const custom = st.custom!;
      for (let s = 0; s < count; s++) out[s] = callMetric(st.fn, custom, qv, views[s]!);
      return;
    }
    default:
      gatherSlots(st.sp, batch, 0, count);
      distanceRows(st.named, qv, 0, -1, st.sp.S, 0, count, d, out, 0, 0, st.sqQ, st.sp.sqS);
  }
}

/** Evaluates `batch[0 … count)` against the query and offers each row to the results and frontier. */
function evaluateBatch(st: SearchState, count: number): void {
  const { out, batch, resD, resI, frontD, frontI, ef, scale } = st;
  // Only rows under the margin are kept (the bound shrinks while the batch is offered: this is
  // its largest value).
  batchDistances(st, count, st.size === ef ? resD[0]! * scale : Infinity);
  st.evaluations += count;
  let size = st.size;
  let front = st.front;
  for (let s = 0; s < count; s++) {
    const dist = out[s]!;
    const id = batch[s]!;
    if (size === ef) {
      const worst = resD[0]!;
      if (dist > worst || (dist === worst && id > resI[0]!)) {
        // Not among the ef best but within the margin: still worth expanding (pynndescent).
        if (dist < worst * scale) minHeapPush(frontD, frontI, front++, dist, id);
        continue;
      }
    }
    size = heapOffer(resD, resI, 0, size, ef, dist, id);
    minHeapPush(frontD, frontI, front++, dist, id);
  }
  st.size = size;
  st.front = front;
}

/**
 * Adds an unvisited row to the batch (stamping it), evaluating the batch when it is full.
 * Returns the new batch count.
 */
function enqueue(st: SearchState, id: number, count: number): number {
  if (st.visited[id] === st.stamp) return count;
  st.visited[id] = st.stamp;
  st.batch[count] = id;
  if (++count < TILE) return count;
  evaluateBatch(st, TILE);
  return 0;
}

/** Searches for the query in `st.qv` (and `st.sqQ`); leaves the best `st.size` rows in the result heap. */
function searchQuery(st: SearchState): void {
  const { visited, entries, offsets, links, frontD, frontI, resD, ef, scale } = st;
  if (st.stamp === 0xffff) {
    visited.fill(0);
    st.stamp = 0;
  }
  st.stamp++;
  st.size = 0;
  st.front = 0;
  let count = 0;
  if (st.tree !== null) {
    const tree = st.tree;
    const leaf = rpTreeLeaf(tree, st.data, st.qv);
    const order = tree.order;
    for (let t = tree.left[leaf]!, end = tree.right[leaf]!; t < end; t++) count = enqueue(st, order[t]!, count);
  }
  // Entries already seen in the leaf (or repeated) are skipped.
  for (let e = 0; e < entries.length; e++) count = enqueue(st, entries[e]!, count);
  if (count > 0) evaluateBatch(st, count);
  // Each pop removes a row that is never pushed again (rows are stamped before they are pushed).
  while (st.front > 0) {
    const cd = frontD[0]!;
    const c = frontI[0]!;
    minHeapPop(frontD, frontI, st.front--);
    if (st.size === ef && cd > resD[0]! * scale) break;
    count = 0;
    for (let t = offsets[c]!, end = offsets[c + 1]!; t < end; t++) count = enqueue(st, links[t]!, count);
    if (count > 0) evaluateBatch(st, count);
  }
  heapSortAscending(resD, st.resI, 0, st.size);
}

/**
 * The approximate `k` nearest rows of `data` for each query row, by best-first search over
 * `graph`, as a generator with a checkpoint after every millisecond or so of distance work
 * (whole queries) and a progress report at each checkpoint.
 *
 * Cost: O(q · (entries + visited) · (d + log ef)) where `visited` (rows evaluated per query)
 * grows with ef and epsilon and falls with the graph's quality; memory O(n) for the visited
 * stamps and the frontier plus O(ef + 64 · d) scratch, allocated once per call (nothing per
 * query). `'cosine'` computes the n squared row norms once.
 *
 * @internal
 * @param fn - public function name (for a custom metric's errors)
 * @param data - the n indexed rows (Float32 read in place, a few rows widened at a time)
 * @param graph - a neighbour graph over the n rows
 * @param queries - q × d query rows, finite
 * @param metric - built-in metric name or function
 * @param p - search parameters
 * @returns the neighbours (via the generator's return value)
 * @throws LatentError `E_RANGE` for euclidean values beyond ±2⁵⁰⁰ or cosine rows whose squared norm overflows (as the exact searches), `E_RANGE` / `E_NOT_FINITE` from a misbehaving custom metric
 * @example
 * ```ts
 * const p = { k: 15, ef: 15, epsilon: 0.1, entries: entryRows(n, 32, 42), tree: null, stage: 'knn' };
 * const nn = runSync(graphSearchWork('umapTransform', data, graph, Q, 'euclidean', p), { fn: 'umapTransform' });
 * ```
 * @see pynndescent `NNDescent.query`; Malkov & Yashunin (2018), HNSW, Algorithm 2
 */
export function* graphSearchWork(fn: string, data: Matrix, graph: SearchGraph, queries: Matrix, metric: Metric, p: GraphSearchParams): Work<GraphSearchResult> {
  const n = data.rows;
  const d = data.cols;
  const q = queries.rows;
  const { k, stage } = p;
  const ef = Math.max(k, Math.min(n, p.ef));
  const indices = new Int32Array(q * k);
  const distances = new Float64Array(q * k);
  yield { stage, completed: 0, total: q };
  if (q === 0) return { indices, distances, evaluations: 0 };
  const custom = typeof metric === 'function' ? metric : null;
  // Euclidean searches in squared distances (same order, no square roots) and takes the root at the end.
  const named: MetricName = custom !== null || metric === 'euclidean' ? 'sqeuclidean' : (metric as MetricName);
  const cosine = custom === null && named === 'cosine';
  // The exact searches' range checks: squares that would overflow, cosine norms that do.
  if (custom === null) {
    squareSafe(fn, metric, data, 'data');
    squareSafe(fn, metric, queries, 'queries');
  }
  const sqNorms = cosine ? sqNormsOf(fn, 'data', data.data, n, d) : null;
  const sqQueries = cosine ? sqNormsOf(fn, 'queries', queries.data, q, d) : null;
  const f32 = data.data instanceof Float32Array;
  const mode = custom !== null ? MODE_CUSTOM : named === 'sqeuclidean' ? (f32 ? MODE_SQ32 : MODE_SQ64) : cosine ? (f32 ? MODE_COS32 : MODE_COS64) : MODE_TILE;
  yield undefined;
  const st: SearchState = {
    fn,
    custom,
    named,
    d,
    ef,
    scale: 1 + p.epsilon,
    mode,
    X32: data.data instanceof Float32Array ? data.data : null,
    X64: data.data instanceof Float64Array ? data.data : null,
    sqNorms,
    four: new Float64Array(4),
    // The tile is needed only by the manhattan, chebyshev and custom kernels.
    sp: joinSpace(fn, data, custom ?? named, sqNorms, mode >= MODE_TILE ? TILE : 0),
    offsets: graph.offsets,
    links: graph.indices,
    entries: p.entries,
    tree: p.tree,
    data,
    visited: new Uint16Array(n),
    stamp: 0,
    // Each row enters the frontier at most once per query: capacity n.
    frontD: new Float64Array(n),
    frontI: new Int32Array(n),
    front: 0,
    resD: new Float64Array(ef),
    resI: new Int32Array(ef),
    size: 0,
    batch: new Int32Array(TILE),
    out: new Float64Array(TILE),
    qv: new Float64Array(d),
    sqQ: new Float64Array(1),
    evaluations: 0,
  };
  const Q = queries.data;
  const root = metric === 'euclidean';
  // Similar queries one after the other (the leaf order of a tree over the queries) walk
  // overlapping rows while they are still in cache: about 10 % faster on MNIST (A/B medians of
  // 8 runs each, under load). Each query's answer does not depend on the order.
  const sequence = q >= QUERY_ORDER_MIN ? (yield* rpTreeWork(queries, QUERY_LEAF, 0)).order : null;
  let done = 0;
  for (let r = 0; r < q; r++) {
    const i = sequence !== null ? sequence[r]! : r;
    const qv = st.qv;
    for (let t = 0; t < d; t++) qv[t] = Q[i * d + t]!;
    if (sqQueries !== null) st.sqQ[0] = sqQueries[i]!;
    const before = st.evaluations;
    searchQuery(st);
    for (let t = 0; t < k; t++) {
      indices[i * k + t] = st.resI[t]!;
      distances[i * k + t] = root ? Math.sqrt(st.resD[t]!) : st.resD[t]!;
    }
    done += (st.evaluations - before) * (d + PAIR_OVERHEAD);
    if (done >= WORK_PER_CHECKPOINT || r + 1 === q) {
      done = 0;
      yield { stage, completed: r + 1, total: q };
    }
  }
  return { indices, distances, evaluations: st.evaluations };
}
