/**
 * Exact radius search: every row of `data` within a distance of each query (`radiusNeighbors`),
 * or of each row among the others (`radiusNeighborsSelf`), as CSR lists. DBSCAN is built on it.
 */
import { LatentError } from '../core/errors.js';
import { asMatrix, asMatrix64, type Matrix, type MatrixLike } from '../core/matrix.js';
import { memoryLimitOption } from '../core/memory.js';
import { booleanOption, enumOption, functionOption, integerIn, numberIn, readOptions, seedOption, signalOption, type OptionKeys } from '../core/options.js';
import { DEFAULT_SEED } from '../core/random.js';
import { runSync, type Progress, type Work } from '../core/task.js';
import { assertSquareSafe } from '../core/validate.js';
import { checkMetric, type Metric, type MetricFunction, type MetricName } from '../distance/metric.js';
import { VPTREE_MAX_DIMS, VPTREE_MIN_POINTS } from './exact/knn-index.js';
import { ENTRY_BYTES, neighborBuffer, type NeighborBuffer, sortByDistance } from './neighbor-lists.js';
import { flushBlock, QUERY_BLOCK, queryRows, radiusFunctionBlock, radiusScratch, radiusSelfBlock, radiusTile, selfRows } from './radius-brute.js';
import { vpRadius, vpRadiusScratch } from './radius-vptree.js';
import { buildVpTree } from './exact/vptree.js';
import { blockRows, sqNormsOf } from './widen.js';

/**
 * How a radius search runs.
 *
 * - `'brute'`: every distance, register- and cache-blocked (Float32 data widened one block at a
 *   time). Any metric; best above ~20 columns.
 * - `'vptree'`: a vantage-point tree over the data (a Float64 copy of the points in tree order).
 *   True metrics only (`'euclidean'`, `'sqeuclidean'`, `'manhattan'`, `'chebyshev'`, a custom
 *   metric function that satisfies the triangle inequality); not `'cosine'`.
 * - `'auto'`: the tree for a built-in true metric on at most 20 columns and at least 512 rows
 *   (and enough queries to pay for building it), brute force otherwise.
 *
 * Every method returns the same lists.
 */
export type RadiusMethod = 'auto' | 'brute' | 'vptree';

/** Options of {@link radiusNeighbors} and {@link radiusNeighborsSelf}. */
export interface RadiusNeighborsOptions {
  /**
   * Distance: a built-in metric name or a custom `(a, b) => number` (called as
   * `metric(query, point)` with Float64 row views).
   * @defaultValue `'euclidean'`
   */
  metric?: Metric | undefined;
  /**
   * Sort each row nearest first, ties by lower index. Without sorting, a row's order depends on
   * the method (ascending index for brute force against other queries).
   * @defaultValue true
   */
  sort?: boolean | undefined;
  /**
   * Search method (see {@link RadiusMethod}).
   * @defaultValue `'auto'`
   */
  method?: RadiusMethod | undefined;
  /**
   * Largest subtree the vantage-point tree stores as a leaf.
   * @defaultValue 16
   */
  leafSize?: number | undefined;
  /**
   * Seed of the tree's vantage-point choice (the answer never depends on it).
   * @defaultValue `DEFAULT_SEED` (42)
   */
  seed?: number | undefined;
  /**
   * Budget in bytes for the neighbour lists (12 bytes per entry; the self search keeps 16 more
   * per found pair while it runs). The output can hold up to q·n entries, so a large radius
   * fails early with `E_MEMORY` instead of exhausting the host.
   * @defaultValue 4 GiB
   */
  memoryLimit?: number | undefined;
  /**
   * Stops the search at the next checkpoint (a block of 32 queries) with `E_ABORTED`.
   * @defaultValue none
   */
  signal?: AbortSignal | undefined;
  /**
   * Receives `{ stage: 'radius', completed, total }` in query rows.
   * @defaultValue none
   */
  onProgress?: ((progress: Progress) => void) | undefined;
}

/**
 * Neighbour lists in compressed sparse row (CSR) form: the neighbours of query r are
 * `indices[offsets[r] … offsets[r + 1])` with `distances` alongside.
 */
export interface RadiusResult {
  /** Row starts, length q + 1 (`offsets[0] = 0`, `offsets[q]` = number of entries). */
  offsets: Int32Array;
  /** Row numbers (in `data`) of the neighbours, row after row. */
  indices: Int32Array;
  /** Their distances (in the metric's units, e.g. squared for `'sqeuclidean'`). */
  distances: Float64Array;
  /** The method that answered (`'auto'` resolved). */
  method: 'brute' | 'vptree';
}

const KEYS: OptionKeys<RadiusNeighborsOptions> = {
  metric: true,
  sort: true,
  method: true,
  leafSize: true,
  seed: true,
  memoryLimit: true,
  signal: true,
  onProgress: true,
};

/** Validated options of a radius search. */
export interface ResolvedRadiusOptions {
  /** The metric. */
  metric: Metric;
  /** Sort rows. */
  sort: boolean;
  /** Requested method. */
  method: RadiusMethod;
  /** Tree leaf size. */
  leafSize: number;
  /** Tree seed. */
  seed: number;
  /** Memory budget in bytes. */
  memoryLimit: number;
  /** Return the distances (internal callers that need indices only pass false: 4 bytes an entry). */
  distances: boolean;
  /** Copy the lists into arrays of their exact size (false: views of the larger work arrays). */
  compact: boolean;
}

/**
 * Validates {@link RadiusNeighborsOptions} (defaults filled).
 *
 * @internal
 * @param fn - public function name
 * @param options - the received options
 * @returns the resolved options and the observer hooks
 * @throws LatentError `E_TYPE`, `E_OPTION`, `E_RANGE`
 * @example
 * ```ts
 * resolveRadiusOptions('radiusNeighbors', { metric: 'cosine' }).options.method; // 'auto'
 * ```
 */
export function resolveRadiusOptions(
  fn: string,
  options: RadiusNeighborsOptions | undefined,
): { options: ResolvedRadiusOptions; signal: AbortSignal | undefined; onProgress: ((p: Progress) => void) | undefined } {
  const o = readOptions(fn, options, KEYS);
  const metric = checkMetric(fn, o.metric);
  const method = enumOption(fn, 'method', o.method, ['auto', 'brute', 'vptree'] as const, 'auto');
  if (method === 'vptree' && metric === 'cosine') {
    throw new LatentError('E_OPTION', `${fn}: method 'vptree' needs a true metric and cosine distance is not one, got metric 'cosine' (use method 'brute' or 'auto')`);
  }
  return {
    options: {
      metric,
      sort: booleanOption(fn, 'sort', o.sort, true),
      method,
      leafSize: integerIn(fn, 'leafSize', o.leafSize ?? 16, { min: 1, max: 1 << 20 }),
      seed: seedOption(fn, o.seed, DEFAULT_SEED),
      memoryLimit: memoryLimitOption(fn, o.memoryLimit),
      distances: true,
      compact: true,
    },
    signal: signalOption(fn, o.signal),
    onProgress: functionOption(fn, 'onProgress', o.onProgress),
  };
}

/** Below this many queries per tree level, `'auto'` skips building a tree. */
const QUERIES_PER_LEVEL = 2;
/** Pair × coordinate operations of brute force between checkpoints (a few milliseconds). */
export const CHECKPOINT_WORK = 4_000_000;
/** A tree query batch reports progress after about this many distance evaluations. */
export const TREE_CHECKPOINT_EVALS = 200_000;

/**
 * The method `'auto'` resolves to.
 *
 * @internal
 * @param metric - the metric
 * @param n - data rows
 * @param d - columns
 * @param q - query rows (n for a self search)
 * @returns `'brute'` or `'vptree'`
 * @example
 * ```ts
 * autoRadiusMethod('euclidean', 100000, 2, 100000); // 'vptree'
 * ```
 */
export function autoRadiusMethod(metric: Metric, n: number, d: number, q: number): 'brute' | 'vptree' {
  if (typeof metric === 'function' || metric === 'cosine') return 'brute';
  if (d > VPTREE_MAX_DIMS || n < VPTREE_MIN_POINTS) return 'brute';
  return q >= QUERIES_PER_LEVEL * Math.ceil(Math.log2(n)) ? 'vptree' : 'brute';
}

function squareSafeMatrix(fn: string, metric: Metric, m: Matrix, name: string): void {
  // Float32 values (< 3.4e38) are always safe to square; only Float64 data can overflow.
  if ((metric === 'euclidean' || metric === 'sqeuclidean') && m.data instanceof Float64Array) assertSquareSafe(fn, name, m.data, m.cols);
}

function checkRadius(fn: string, radius: unknown): number {
  return numberIn(fn, 'radius', radius, { min: 0 });
}

/**
 * The rows of `data` within `radius` of each row of `queries`: exact, as CSR lists, each row
 * nearest first with ties broken by lower index.
 *
 * A row j is a neighbour of query r when `distance(queries[r], data[j]) ≤ radius`. For
 * `'euclidean'` the test is on squared distances, `Σ (q − x)² ≤ radius²` summed in coordinate
 * order (scikit-learn's tree rule), so a point whose computed distance rounds to exactly
 * `radius` is decided as scikit-learn decides it; the reported distances are the square roots.
 *
 * Methods (see {@link RadiusMethod}) give the same lists. Brute force costs O(q·n·d) and reads
 * Float32 data in place (a block at a time widened to doubles: no whole-matrix copy); the
 * vantage-point tree (≤ 20 columns) costs O(n log n) to build plus, in low intrinsic
 * dimension, roughly O(log n + neighbours) per query, and keeps a Float64 copy of the points.
 * The output size is what it is (up to q·n entries, 12 bytes each): it is checked against
 * `memoryLimit` as it grows.
 *
 * @param data - n × d points, finite (Float32 or Float64)
 * @param queries - q × d query rows, finite
 * @param radius - the radius, a finite number ≥ 0 (in the metric's units: squared for `'sqeuclidean'`)
 * @param options - {@link RadiusNeighborsOptions}
 * @returns `{ offsets, indices, distances, method }` (CSR, q rows)
 * @throws LatentError `E_TYPE` / `E_SHAPE` / `E_NOT_FINITE` for bad data or queries or a width mismatch; `E_TYPE` / `E_NOT_FINITE` / `E_RANGE` for a bad radius; `E_OPTION` / `E_RANGE` / `E_TYPE` for bad options; `E_RANGE` for euclidean values beyond ±2⁵⁰⁰ or cosine rows whose squared norm overflows; `E_RANGE` / `E_NOT_FINITE` from a misbehaving custom metric; `E_MEMORY` when the lists outgrow `memoryLimit`; `E_ABORTED`
 * @example
 * ```ts
 * const { offsets, indices, distances } = radiusNeighbors([[0, 0], [1, 0], [3, 0]], [[0.9, 0], [5, 5]], 1.5);
 * offsets;   // Int32Array [0, 2, 2]
 * indices;   // Int32Array [1, 0]
 * distances; // Float64Array [0.09999999999999998, 0.9]
 * ```
 * @see sklearn.neighbors.NearestNeighbors.radius_neighbors (sort_results=True)
 */
export function radiusNeighbors(data: MatrixLike, queries: MatrixLike, radius: number, options?: RadiusNeighborsOptions): RadiusResult {
  const fn = 'radiusNeighbors';
  const r = resolveRadiusOptions(fn, options);
  const m = asMatrix(data, fn, 'data');
  const Q = asMatrix(queries, fn, 'queries');
  if (Q.rows > 0 && Q.cols !== m.cols) throw new LatentError('E_SHAPE', `${fn}: queries columns must equal data columns ${m.cols}, got ${Q.cols}`);
  const rad = checkRadius(fn, radius);
  squareSafeMatrix(fn, r.options.metric, m, 'data');
  squareSafeMatrix(fn, r.options.metric, Q, 'queries');
  return runSync(radiusWork(fn, m, Q, rad, r.options), { fn, signal: r.signal, onProgress: r.onProgress });
}

/**
 * Each row's *other* rows of `data` within `radius` (the row itself is excluded by index; an
 * exact duplicate of it is another row and is listed at distance 0), as CSR lists with row i
 * holding row i's neighbours, nearest first, ties by lower index. Add 1 to a row's length for
 * scikit-learn's neighbourhood size, which counts the point itself (as DBSCAN does).
 *
 * Same rules, methods and costs as {@link radiusNeighbors}; brute force computes each
 * unordered pair once (half the work), keeping the pairs found (16 bytes each) until the lists
 * are assembled. A custom metric function is called as `metric(X[i], X[j])` for every j ≠ i.
 *
 * @param data - n × d points, finite
 * @param radius - the radius, a finite number ≥ 0
 * @param options - {@link RadiusNeighborsOptions}
 * @returns `{ offsets, indices, distances, method }` (CSR, n rows)
 * @throws LatentError as {@link radiusNeighbors}
 * @example
 * ```ts
 * const { offsets, indices } = radiusNeighborsSelf([[0, 0], [1, 0], [3, 0]], 2);
 * offsets; // Int32Array [0, 1, 3, 4]
 * indices; // Int32Array [1, 0, 2, 1]
 * ```
 * @see sklearn.neighbors.NearestNeighbors.radius_neighbors (with X=None)
 */
export function radiusNeighborsSelf(data: MatrixLike, radius: number, options?: RadiusNeighborsOptions): RadiusResult {
  const fn = 'radiusNeighborsSelf';
  const r = resolveRadiusOptions(fn, options);
  const m = asMatrix(data, fn, 'data');
  const rad = checkRadius(fn, radius);
  squareSafeMatrix(fn, r.options.metric, m, 'data');
  return runSync(radiusWork(fn, m, null, rad, r.options), { fn, signal: r.signal, onProgress: r.onProgress });
}

/**
 * The radius search as resumable work (validated arguments). `Q === null` means a self search.
 *
 * @internal
 * @param fn - public function name
 * @param m - validated data
 * @param Q - validated queries of the same width, or null for a self search
 * @param radius - validated radius
 * @param o - resolved options
 * @returns the work, yielding `{ stage: 'radius' }` progress
 * @example
 * ```ts
 * runSync(radiusWork('dbscan', m, null, 0.5, o), { fn: 'dbscan' });
 * ```
 */
export function* radiusWork(fn: string, m: Matrix, Q: Matrix | null, radius: number, o: ResolvedRadiusOptions): Work<RadiusResult> {
  const n = m.rows;
  const d = m.cols;
  const self = Q === null;
  const q = self ? n : Q.rows;
  const metric = o.metric;
  const method = o.method === 'auto' ? autoRadiusMethod(metric, n, d, q) : o.method;
  const offsets = new Int32Array(q + 1);
  // Euclidean radius searches compare squared sums with radius² and take roots at the end.
  const kernel: Metric = metric === 'euclidean' ? 'sqeuclidean' : metric;
  const thr = metric === 'euclidean' ? radius * radius : radius;
  let result: RadiusResult;
  if (q === 0 || n === 0) {
    result = { offsets, indices: new Int32Array(0), distances: new Float64Array(0), method };
  } else if (method === 'vptree') {
    result = yield* treeSearch(fn, m, Q, kernel, thr, o, offsets);
  } else if (typeof kernel === 'function') {
    result = yield* functionSearch(fn, m, Q, kernel, thr, o, offsets);
  } else if (self) {
    result = yield* bruteSelfSearch(fn, m, kernel, thr, o, offsets);
  } else {
    result = yield* bruteSearch(fn, m, Q, kernel, thr, o, offsets);
  }
  if (metric === 'euclidean' && o.distances) {
    const D = result.distances;
    for (let e = 0; e < D.length; e++) D[e] = Math.sqrt(D[e]!);
  }
  if (o.sort && o.distances) {
    const { indices, distances } = result;
    for (let r = 0; r < q; r++) sortByDistance(distances, indices, offsets[r]!, offsets[r + 1]!);
  }
  return result;
}

function finish(buf: NeighborBuffer, offsets: Int32Array, method: 'brute' | 'vptree', compact: boolean): RadiusResult {
  const len = buf.length;
  const distances = buf.keep ? (compact ? buf.distances.slice(0, len) : buf.distances.subarray(0, len)) : new Float64Array(0);
  return { offsets, indices: compact ? buf.indices.slice(0, len) : buf.indices.subarray(0, len), distances, method };
}

function* bruteSearch(fn: string, m: Matrix, Q: Matrix, metric: MetricName, thr: number, o: ResolvedRadiusOptions, offsets: Int32Array): Work<RadiusResult> {
  const n = m.rows;
  const d = m.cols;
  const q = Q.rows;
  const cosine = metric === 'cosine';
  const sqP = cosine ? sqNorms(fn, 'data', m) : null;
  const sqQ = cosine ? sqNorms(fn, 'queries', Q) : null;
  const s = radiusScratch(n, d, !(m.data instanceof Float64Array) || !(Q.data instanceof Float64Array));
  const out = neighborBuffer(fn, o.memoryLimit, 4 * q, 0, false, o.distances);
  const tmp = neighborBuffer(fn, o.memoryLimit, QUERY_BLOCK * 4, 0, true);
  let pending = 0;
  yield { stage: 'radius', completed: 0, total: q };
  for (let qa = 0; qa < q; qa += QUERY_BLOCK) {
    const qb = Math.min(q, qa + QUERY_BLOCK);
    const A = queryRows(Q.data, qa, qb, d, s);
    for (let j0 = 0; j0 < n; j0 += s.pRows) {
      const j1 = Math.min(n, j0 + s.pRows);
      // Block buffers count against the budget together with the output.
      tmp.reserved = out.indices.length * ENTRY_BYTES;
      radiusTile(metric, m.data, Q.data, A, qa, qb, j0, j1, d, thr, sqP, sqQ, s, tmp);
      pending += (qb - qa) * (j1 - j0) * d;
      if (pending >= CHECKPOINT_WORK) {
        pending = 0;
        yield;
      }
    }
    out.reserved = tmp.indices.length * (ENTRY_BYTES + 4);
    flushBlock(tmp, qb - qa, qa, s.counts, out, offsets);
    yield { stage: 'radius', completed: qb, total: q };
  }
  return finish(out, offsets, 'brute', o.compact);
}

function* bruteSelfSearch(fn: string, m: Matrix, metric: MetricName, thr: number, o: ResolvedRadiusOptions, offsets: Int32Array): Work<RadiusResult> {
  const n = m.rows;
  const d = m.cols;
  const sq = metric === 'cosine' ? sqNorms(fn, 'data', m) : null;
  const s = radiusScratch(n, d, !(m.data instanceof Float64Array));
  const trip = neighborBuffer(fn, o.memoryLimit, 2 * n, 0, true, o.distances);
  let pending = 0;
  yield { stage: 'radius', completed: 0, total: n };
  for (let ia = 0; ia < n; ia += QUERY_BLOCK) {
    const ib = Math.min(n, ia + QUERY_BLOCK);
    const A = selfRows(m.data, ia, ib, d, s);
    for (let j0 = ia + 1; j0 < n; j0 += s.pRows) {
      const j1 = Math.min(n, j0 + s.pRows);
      radiusSelfBlock(metric, m.data, A, ia, ib, j0, j1, d, thr, sq, s, trip);
      pending += (ib - ia) * (j1 - j0) * d;
      if (pending >= CHECKPOINT_WORK) {
        pending = 0;
        yield;
      }
    }
    yield { stage: 'radius', completed: ib, total: n };
  }
  // Mirror each pair (i, j) into both rows: counting sort by row.
  const T = trip.length;
  const { rows, indices: cols, distances: vals } = trip;
  for (let e = 0; e < T; e++) {
    offsets[rows[e]! + 1]!++;
    offsets[cols[e]! + 1]!++;
  }
  for (let r = 0; r < n; r++) offsets[r + 1]! += offsets[r]!;
  // The triplets (row, index and, when kept, distance) stay alive while the lists are filled.
  const out = neighborBuffer(fn, o.memoryLimit, 2 * T, trip.indices.length * (o.distances ? ENTRY_BYTES + 4 : 8), false, o.distances);
  const pos = offsets.slice(0, n);
  const I = out.indices;
  const D = out.distances;
  for (let e = 0; e < T; e++) {
    const i = rows[e]!;
    const j = cols[e]!;
    const pi = pos[i]!++;
    const pj = pos[j]!++;
    I[pi] = j;
    I[pj] = i;
    if (o.distances) {
      D[pi] = vals[e]!;
      D[pj] = vals[e]!;
    }
  }
  out.length = 2 * T;
  return finish(out, offsets, 'brute', o.compact);
}

function* functionSearch(fn: string, m: Matrix, Q: Matrix | null, metric: MetricFunction, thr: number, o: ResolvedRadiusOptions, offsets: Int32Array): Work<RadiusResult> {
  // A custom metric sees Float64 row views: Float32 data is widened once here.
  const P = asMatrix64(m, fn, 'data');
  const pv = rowViews(P.data, P.rows, P.cols);
  const qv = Q === null ? pv : rowViews(asMatrix64(Q, fn, 'queries').data, Q.rows, Q.cols);
  const q = qv.length;
  const out = neighborBuffer(fn, o.memoryLimit, 4 * q, 0, false, o.distances);
  const step = Math.max(1, Math.floor(20_000 / Math.max(1, P.rows)));
  yield { stage: 'radius', completed: 0, total: q };
  for (let qa = 0; qa < q; qa += step) {
    const qb = Math.min(q, qa + step);
    radiusFunctionBlock(fn, metric, pv, qv, qa, qb, thr, Q === null, out, offsets);
    yield { stage: 'radius', completed: qb, total: q };
  }
  return finish(out, offsets, 'brute', o.compact);
}

function* treeSearch(fn: string, m: Matrix, Q: Matrix | null, metric: Metric, thr: number, o: ResolvedRadiusOptions, offsets: Int32Array): Work<RadiusResult> {
  const n = m.rows;
  const d = m.cols;
  const self = Q === null;
  const q = self ? n : Q.rows;
  yield { stage: 'radius', completed: 0, total: q };
  // The tree keeps its own Float64 copy of the points (d ≤ 20 on the automatic path).
  const src = m.data instanceof Float64Array ? m.data : Float64Array.from(m.data);
  const tree = yield* buildVpTree(fn, metric, src, n, d, o.leafSize, o.seed);
  const custom = typeof metric === 'function';
  const s = vpRadiusScratch(tree, n, d, o.leafSize, custom);
  const out = neighborBuffer(fn, o.memoryLimit, 4 * q, n * d * 8, false, o.distances);
  let pos: Int32Array | null = null;
  if (self) {
    pos = new Int32Array(n);
    for (let t = 0; t < n; t++) pos[tree.order[t]!] = t;
  }
  const qRows = self ? 0 : blockRows(d, q);
  // Float32 queries are widened per block; a custom metric always gets a private copy (it may
  // write into its arguments, and the caller's queries must not change).
  const qTile = self || (Q.data instanceof Float64Array && !custom) ? null : new Float64Array(qRows * d);
  let evals = 0;
  for (let qa = 0; qa < q; qa += Math.max(1, qRows)) {
    const qb = self ? q : Math.min(q, qa + qRows);
    let A: Float64Array;
    let base: number;
    if (self) {
      A = tree.points;
      base = 0;
    } else if (qTile === null) {
      A = Q.data as Float64Array;
      base = 0;
    } else {
      A = qTile;
      qTile.set(Q.data.subarray(qa * d, qb * d));
      base = qa;
    }
    for (let r = qa; r < qb; r++) {
      const qi = self ? pos![r]! : r - base;
      const qv = custom ? A.subarray(qi * d, (qi + 1) * d) : null;
      evals += vpRadius(fn, metric, tree, n, o.leafSize, A, qi, qv, d, thr, self ? r : -1, s, out);
      offsets[r + 1] = out.length;
      if (evals >= TREE_CHECKPOINT_EVALS) {
        evals = 0;
        yield { stage: 'radius', completed: r + 1, total: q };
      }
    }
    if (self) break;
  }
  yield { stage: 'radius', completed: q, total: q };
  return finish(out, offsets, 'vptree', o.compact);
}

function sqNorms(fn: string, name: string, m: Matrix): Float64Array {
  return sqNormsOf(fn, name, m.data, m.rows, m.cols);
}

/**
 * Row views of a private copy of `source` (for custom metric functions).
 *
 * @internal
 * @param source - row-major data
 * @param n - rows
 * @param d - row length
 * @returns one view per row
 * @example
 * ```ts
 * rowViews(new Float64Array([1, 2, 3, 4]), 2, 2); // [Float64Array [1, 2], Float64Array [3, 4]]
 * ```
 */
export function rowViews(source: Float64Array, n: number, d: number): Float64Array[] {
  // A private copy: a custom metric that writes into its arguments cannot reach the caller's data.
  const data = source.slice(0, n * d);
  const views = new Array<Float64Array>(n);
  for (let i = 0; i < n; i++) views[i] = data.subarray(i * d, (i + 1) * d);
  return views;
}
