/**
 * Exact radius self-search handed to a sink instead of collected: each row's neighbours (tree
 * and custom-metric searches) or each pair found once (blocked brute force) are passed on a tile
 * at a time and the buffer is reused, so memory stays O(n + tile) however many pairs lie within
 * the radius. For callers that fold the entries into O(n) state — DBSCAN's neighbour counts and
 * union–find — when the lists would not fit. The entries are exactly `radiusNeighborsSelf`'s
 * (same methods, kernels and thresholds); only their order differs.
 *
 * Also {@link estimateSelfEntries}: the lists' size from a sample of rows, to choose between
 * collecting and streaming before any large allocation.
 *
 * Internal module: arguments are validated by the callers.
 */
import { asMatrix64, type Matrix } from '../core/matrix.js';
import type { Work } from '../core/task.js';
import { callMetric, type Metric, type MetricFunction, type MetricName } from '../distance/metric.js';
import { buildVpTree } from './exact/vptree.js';
import { neighborBuffer, pushNeighbor } from './neighbor-lists.js';
import { QUERY_BLOCK, queryRows, radiusScratch, radiusSelfBlock, radiusTile, selfRows, selfTile } from './radius-brute.js';
import { vpRadius, vpRadiusScratch } from './radius-vptree.js';
import { autoRadiusMethod, CHECKPOINT_WORK, rowViews, TREE_CHECKPOINT_EVALS, type ResolvedRadiusOptions } from './radius.js';
import { sqNormsOf } from './widen.js';

/** Receives the entries of a streamed self-search; the arrays are reused after each call. */
export interface RadiusSink {
  /**
   * When set, only the neighbourhood sizes are wanted: `counts[i]` grows by the number of row
   * i's entries, and `row` / `pairs` are not called.
   */
  counts: Int32Array | null;
  /** Row `r`'s neighbours `cols[a..b)` (directed: each is in r's list). */
  row(r: number, cols: Int32Array, a: number, b: number): void;
  /** Pairs (`rows[e]`, `cols[e]`), e < `length`, rows[e] < cols[e]: each stands for both directed entries. */
  pairs(rows: Int32Array, cols: Int32Array, length: number): void;
  /**
   * Whether brute force may skip the pairs of rows `[ia, ib)` with rows `[j0, j1)` (nothing the
   * sink needs can be among them); asked before each tile's distances are computed.
   */
  skipTile(ia: number, ib: number, j0: number, j1: number): boolean;
}

/**
 * Runs `radiusNeighborsSelf`'s search (same method choice) and hands every entry to `sink`
 * without keeping it. Progress: `{ stage: 'radius', completed: done + rows searched, total }`.
 * Memory: O(n) (plus the tree's Float64 copy of the points on the tree path).
 *
 * @internal
 * @param fn - public function name
 * @param m - validated data
 * @param radius - validated radius
 * @param o - resolved options (`memoryLimit` bounds the buffers)
 * @param sink - receives the entries
 * @param done - progress already reported before this pass
 * @param total - progress total of the caller's whole search
 * @returns the work
 * @example
 * ```ts
 * runSync(radiusSelfStream('dbscan', m, 0.5, o, sink, 0, m.rows), { fn: 'dbscan' });
 * ```
 */
export function* radiusSelfStream(fn: string, m: Matrix, radius: number, o: ResolvedRadiusOptions, sink: RadiusSink, done: number, total: number): Work<void> {
  const metric = o.metric;
  const method = o.method === 'auto' ? autoRadiusMethod(metric, m.rows, m.cols, m.rows) : o.method;
  // Euclidean searches compare squared sums with radius², as the collected search does.
  const kernel: Metric = metric === 'euclidean' ? 'sqeuclidean' : metric;
  const thr = metric === 'euclidean' ? radius * radius : radius;
  yield { stage: 'radius', completed: done, total };
  if (method === 'vptree') yield* treeStream(fn, m, kernel, thr, o, sink, done, total);
  else if (typeof kernel === 'function') yield* functionStream(fn, m, kernel, thr, o, sink, done, total);
  else yield* bruteStream(fn, m, kernel, thr, o, sink, done, total);
  yield { stage: 'radius', completed: done + m.rows, total };
}

function* bruteStream(fn: string, m: Matrix, metric: MetricName, thr: number, o: ResolvedRadiusOptions, sink: RadiusSink, done: number, total: number): Work<void> {
  const n = m.rows;
  const d = m.cols;
  const sq = metric === 'cosine' ? sqNormsOf(fn, 'data', m.data, n, d) : null;
  const s = radiusScratch(n, d, !(m.data instanceof Float64Array));
  const counts = sink.counts;
  // Grows to one tile's pairs at most.
  const trip = neighborBuffer(fn, o.memoryLimit, Math.min(QUERY_BLOCK * s.pRows, 4096), 0, true, false);
  let pending = 0;
  for (let ia = 0; ia < n; ia += QUERY_BLOCK) {
    const ib = Math.min(n, ia + QUERY_BLOCK);
    const A = selfRows(m.data, ia, ib, d, s);
    for (let j0 = ia + 1; j0 < n; j0 += s.pRows) {
      const j1 = Math.min(n, j0 + s.pRows);
      if (sink.skipTile(ia, ib, j0, j1)) continue;
      if (counts !== null) {
        selfTile(metric, m.data, A, ia, ib, j0, j1, d, sq, s);
        countTile(s.dist, s.pRows, ia, ib, j0, j1, thr, counts);
      } else {
        radiusSelfBlock(metric, m.data, A, ia, ib, j0, j1, d, thr, sq, s, trip);
        if (trip.length > 0) sink.pairs(trip.rows, trip.indices, trip.length);
        trip.length = 0;
      }
      pending += (ib - ia) * (j1 - j0) * d;
      if (pending >= CHECKPOINT_WORK) {
        pending = 0;
        yield;
      }
    }
    yield { stage: 'radius', completed: done + ib, total };
  }
}

/** Adds the pairs of a {@link selfTile} result within `thr` to both rows' counts. */
function countTile(buf: Float64Array, stride: number, ia: number, ib: number, j0: number, j1: number, thr: number, counts: Int32Array): void {
  for (let i = ia; i < ib; i++) {
    const o = (i - ia) * stride - j0;
    let c = 0;
    for (let j = Math.max(j0, i + 1); j < j1; j++) {
      if (buf[o + j]! <= thr) {
        c++;
        counts[j]!++;
      }
    }
    counts[i]! += c;
  }
}

function* treeStream(fn: string, m: Matrix, metric: Metric, thr: number, o: ResolvedRadiusOptions, sink: RadiusSink, done: number, total: number): Work<void> {
  const n = m.rows;
  const d = m.cols;
  // The tree keeps its own Float64 copy of the points, as the collected search does.
  const src = m.data instanceof Float64Array ? m.data : Float64Array.from(m.data);
  const tree = yield* buildVpTree(fn, metric, src, n, d, o.leafSize, o.seed);
  const custom = typeof metric === 'function';
  const s = vpRadiusScratch(tree, n, d, o.leafSize, custom);
  const out = neighborBuffer(fn, o.memoryLimit, 64, n * d * 8, false, false);
  const pos = new Int32Array(n);
  for (let t = 0; t < n; t++) pos[tree.order[t]!] = t;
  const P = tree.points;
  let evals = 0;
  for (let r = 0; r < n; r++) {
    const qi = pos[r]!;
    out.length = 0;
    evals += vpRadius(fn, metric, tree, n, o.leafSize, P, qi, custom ? P.subarray(qi * d, (qi + 1) * d) : null, d, thr, r, s, out);
    if (sink.counts !== null) sink.counts[r]! += out.length;
    else if (out.length > 0) sink.row(r, out.indices, 0, out.length);
    if (evals >= TREE_CHECKPOINT_EVALS) {
      evals = 0;
      yield { stage: 'radius', completed: done + r + 1, total };
    }
  }
}

function* functionStream(fn: string, m: Matrix, metric: MetricFunction, thr: number, o: ResolvedRadiusOptions, sink: RadiusSink, done: number, total: number): Work<void> {
  const n = m.rows;
  // A custom metric sees Float64 row views of a private copy (it may write into its arguments).
  const views = rowViews(asMatrix64(m, fn, 'data').data, n, m.cols);
  const out = neighborBuffer(fn, o.memoryLimit, 64, n * m.cols * 8, false, false);
  const step = Math.max(1, Math.floor(20_000 / n));
  for (let r = 0; r < n; r++) {
    const qv = views[r]!;
    out.length = 0;
    for (let j = 0; j < n; j++) {
      if (j === r) continue;
      if (callMetric(fn, metric, qv, views[j]!) <= thr) pushNeighbor(out, j, 0);
    }
    if (sink.counts !== null) sink.counts[r]! += out.length;
    else if (out.length > 0) sink.row(r, out.indices, 0, out.length);
    if ((r + 1) % step === 0) yield { stage: 'radius', completed: done + r + 1, total };
  }
}

/**
 * An estimate of the number of entries (directed neighbour pairs, twice the unordered pairs)
 * of `radiusNeighborsSelf(m, radius)`: the neighbourhood sizes of `samples` evenly spaced rows
 * against every row, scaled to n. O(samples·n·d) time through the blocked kernels, O(tile)
 * memory; no progress reports.
 *
 * @internal
 * @param fn - public function name
 * @param m - validated data
 * @param radius - validated radius
 * @param metric - the metric
 * @param samples - rows to sample (clamped to [1, n])
 * @returns the estimated entry count
 * @example
 * ```ts
 * estimateSelfEntries('dbscan', m, 0.5, 'euclidean', 64);
 * ```
 */
export function estimateSelfEntries(fn: string, m: Matrix, radius: number, metric: Metric, samples: number): number {
  const n = m.rows;
  const d = m.cols;
  const q = Math.max(1, Math.min(n, Math.floor(samples)));
  const rows = new Int32Array(q);
  for (let t = 0; t < q; t++) rows[t] = Math.min(n - 1, Math.floor(((t + 0.5) * n) / q));
  let found = 0;
  if (typeof metric === 'function') {
    const P = asMatrix64(m, fn, 'data').data;
    const views = rowViews(P, n, d);
    for (let t = 0; t < q; t++) {
      const i = rows[t]!;
      for (let j = 0; j < n; j++) if (j !== i && callMetric(fn, metric, views[i]!, views[j]!) <= radius) found++;
    }
    return (found * n) / q;
  }
  const kernel: MetricName = metric === 'euclidean' ? 'sqeuclidean' : metric;
  const thr = metric === 'euclidean' ? radius * radius : radius;
  // The sampled rows as a small Float64 query matrix (the tile kernels read queries by row).
  const Q = new Float64Array(q * d);
  for (let t = 0; t < q; t++) for (let c = 0; c < d; c++) Q[t * d + c] = m.data[rows[t]! * d + c]!;
  const sqP = kernel === 'cosine' ? sqNormsOf(fn, 'data', m.data, n, d) : null;
  const sqQ = kernel === 'cosine' ? sqNormsOf(fn, 'data', Q, q, d) : null;
  const s = radiusScratch(n, d, !(m.data instanceof Float64Array));
  const tmp = neighborBuffer(fn, Infinity, QUERY_BLOCK * s.pRows, 0, true, false);
  for (let qa = 0; qa < q; qa += QUERY_BLOCK) {
    const qb = Math.min(q, qa + QUERY_BLOCK);
    const A = queryRows(Q, qa, qb, d, s);
    for (let j0 = 0; j0 < n; j0 += s.pRows) {
      radiusTile(kernel, m.data, Q, A, qa, qb, j0, Math.min(n, j0 + s.pRows), d, thr, sqP, sqQ, s, tmp);
      found += tmp.length;
      tmp.length = 0;
    }
  }
  // Each sampled row also found itself (distance 0 ≤ radius).
  return (Math.max(0, found - q) * n) / q;
}
