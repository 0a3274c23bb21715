/**
 * Core distances of HDBSCAN by brute force: each point's distance to its k-th nearest other
 * point (k = minSamples − 1: scikit-learn counts the point itself among its `min_samples`).
 * Every unordered pair is computed once and offered to both points' bounded max-heaps, so only
 * O(n·k) memory is kept. Variants for built-in metrics on Float32/Float64 data (blocked kernels,
 * Float32 widened a tile at a time), euclidean metrics in high dimension with the exact
 * projection filter of `projection-bound.ts` (most pairs between clusters skipped), custom
 * metric functions and condensed distance arrays.
 *
 * Internal module: arguments are validated by the callers.
 */
import type { FloatArray } from '../../core/matrix.js';
import type { Work } from '../../core/task.js';
import type { MetricFunction, MetricName } from '../../distance/metric.js';
import { callMetric } from '../../distance/metric.js';
import { QUERY_BLOCK, radiusScratch, selfRows, selfTile } from '../../neighbors/radius-brute.js';
import { GATHER_ROWS, gatherDistances, gatherSqOne } from './gather.js';
import type { ProjectionBound } from './projection-bound.js';
import { quickselect } from '../../core/select.js';
import { rngState } from '../../core/random.js';

/** Pairs of a cheap loop (condensed lookups) between checkpoints (a few milliseconds). */
const CHECKPOINT_PAIRS = 1 << 21;

/** Bounded max-heaps of distances, one per point, in one flat array. */
interface DistanceHeaps {
  /** `n·k` values: point i's heap at `[i·k, i·k + k)`, root (largest kept) first. */
  heap: Float64Array;
  /** Values held per point (≤ k). */
  size: Int32Array;
  /** Root of each full heap (the k-th smallest so far), +∞ until full: a fast reject. */
  top: Float64Array;
  k: number;
}

function heaps(n: number, k: number): DistanceHeaps {
  return { heap: new Float64Array(n * k), size: new Int32Array(n), top: new Float64Array(n).fill(Infinity), k };
}

/** Offers `v` to point i's heap. */
function offer(H: Float64Array, size: Int32Array, top: Float64Array, k: number, i: number, v: number): void {
  if (v >= top[i]!) return;
  const off = i * k;
  const s = size[i]!;
  if (s < k) {
    let c = s;
    while (c > 0) {
      const p = (c - 1) >> 1;
      const pv = H[off + p]!;
      if (pv >= v) break;
      H[off + c] = pv;
      c = p;
    }
    H[off + c] = v;
    size[i] = s + 1;
    if (s + 1 === k) top[i] = H[off]!;
    return;
  }
  let p = 0;
  for (;;) {
    let c = 2 * p + 1;
    if (c >= k) break;
    let cv = H[off + c]!;
    if (c + 1 < k && H[off + c + 1]! > cv) {
      c++;
      cv = H[off + c]!;
    }
    if (cv <= v) break;
    H[off + p] = cv;
    p = c;
  }
  H[off + p] = v;
  top[i] = H[off]!;
}

/** The k-th smallest value of each heap (0 when k = 0), square-rooted when `root`. */
function kth(h: DistanceHeaps, n: number, root: boolean): Float64Array {
  const out = new Float64Array(n);
  if (h.k === 0) return out;
  for (let i = 0; i < n; i++) out[i] = root ? Math.sqrt(h.heap[i * h.k]!) : h.heap[i * h.k]!;
  return out;
}

/**
 * Core distances for a built-in metric by blocked brute force: n(n−1)/2 distances, O(n·k)
 * memory. Euclidean distances are ranked as squared sums and rooted once at the end (the same
 * bits as rooting each).
 *
 * @internal
 * @param metric - built-in metric
 * @param data - row-major `n × d` data (Float32 read a tile at a time)
 * @param n - rows (≥ 1)
 * @param d - row length
 * @param k - neighbours beyond the point itself (0 ≤ k ≤ n − 1)
 * @param sq - squared row norms (cosine only)
 * @returns the work, returning the n core distances
 * @example
 * ```ts
 * const core = runSync(coreDistancesBrute('euclidean', X.data, n, d, 4, null), { fn: 'hdbscan' });
 * ```
 */
export function* coreDistancesBrute(metric: MetricName, data: FloatArray, n: number, d: number, k: number, sq: Float64Array | null): Work<Float64Array> {
  if (k === 0) return new Float64Array(n);
  const kernel: MetricName = metric === 'euclidean' ? 'sqeuclidean' : metric;
  const h = heaps(n, k);
  const { heap, size, top } = h;
  const s = radiusScratch(n, d, !(data instanceof Float64Array));
  const nb = s.pRows;
  const buf = s.dist;
  let pending = 0;
  yield { stage: 'core', completed: 0, total: n };
  for (let ia = 0; ia < n; ia += QUERY_BLOCK) {
    const ib = Math.min(n, ia + QUERY_BLOCK);
    const A = selfRows(data, ia, ib, d, s);
    for (let j0 = ia + 1; j0 < n; j0 += nb) {
      const j1 = Math.min(n, j0 + nb);
      pending += (ib - ia) * (j1 - j0) * d;
      if (pending >= CHECKPOINT_PAIRS * 2) {
        pending = 0;
        yield;
      }
      selfTile(kernel, data, A, ia, ib, j0, j1, d, sq, s);
      for (let u = 0; u < ib - ia; u++) {
        const i = ia + u;
        const o = u * nb - j0;
        for (let j = Math.max(j0, i + 1); j < j1; j++) {
          const v = buf[o + j]!;
          if (v < top[i]!) offer(heap, size, top, k, i, v);
          if (v < top[j]!) offer(heap, size, top, k, j, v);
        }
      }
    }
    yield { stage: 'core', completed: ib, total: n };
  }
  return kth(h, n, metric === 'euclidean');
}

/** Candidates filtered per chunk of a row before their exact sums are computed. */
const FILTER_CHUNK = 256;
/** Sample points that seed the filter's thresholds. */
const SEED_SAMPLE = 256;

/**
 * Core distances for the euclidean and cosine metrics in high dimension, filtered by the
 * projection bound of `projection-bound.ts`: a pair is computed (difference form or cosine of
 * the dot product, the same bits as the blocked kernels) only when its lower bound does not exceed the current k-th distance of both of its
 * points; otherwise neither heap could take it. Exact: the result is {@link coreDistancesBrute}'s,
 * bit for bit. On clustered data most pairs lie in different clusters and are skipped for the
 * price of m = 16 multiply-adds instead of d; the pairs left are mostly those within a cluster.
 * O(n²·m + (pairs computed)·d) time; O(n·(k + m)) memory.
 *
 * @internal
 * @param metric - `'euclidean'`, `'sqeuclidean'` or `'cosine'`
 * @param data - row-major `n × d` data (Float32 read a row at a time)
 * @param n - rows (≥ 1)
 * @param d - row length
 * @param k - neighbours beyond the point itself (0 ≤ k ≤ n − 1)
 * @param sq - squared row norms (cosine only, else null)
 * @param pb - the projection bound of the data (for cosine, made with the same norms)
 * @param maxSurvival - above this estimated share of pairs passing the filter, the plain pass
 *   ({@link coreDistancesBrute}) runs instead (1: always filter)
 * @returns the work, returning the n core distances
 * @example
 * ```ts
 * const pb = runSync(projectionBound(X.data, n, d, null), { fn: 'hdbscan' })!;
 * const core = runSync(coreDistancesProjected('euclidean', X.data, n, d, 4, null, pb), { fn: 'hdbscan' });
 * ```
 */
export function* coreDistancesProjected(
  metric: 'euclidean' | 'sqeuclidean' | 'cosine',
  data: FloatArray,
  n: number,
  d: number,
  k: number,
  sq: Float64Array | null,
  pb: ProjectionBound,
  maxSurvival: number = MAX_SURVIVAL,
): Work<Float64Array> {
  if (k === 0) return new Float64Array(n);
  const h = heaps(n, k);
  const { heap, size, top } = h;
  const m = pb.m;
  const c = pb.coords;
  let emax = 0;
  for (let i = 0; i < n; i++) if (pb.err[i]! > emax) emax = pb.err[i]!;
  // Per point, the projected squared distance beyond which a pair cannot enter its heap (from
  // the seed's upper bound, then from the heap's k-th value; +∞ while neither is known).
  const W = new Float64Array(n).fill(Infinity);
  const ub = new Float64Array(n).fill(Infinity);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const cap = Math.max(FILTER_CHUNK, SEED_SAMPLE);
  const list = new Int32Array(cap);
  const at = new Int32Array(cap);
  const dist = new Float64Array(GATHER_ROWS * cap);
  const Q = new Float64Array(GATHER_ROWS * d);
  yield { stage: 'core', completed: 0, total: n };
  const kernel: MetricName = metric === 'cosine' ? 'cosine' : 'sqeuclidean';
  const sqQ = new Float64Array(GATHER_ROWS);
  if (k < Math.min(n, SEED_SAMPLE)) yield* seed({ kernel, data, n, d, k, sq, pb }, emax, ub, order, list, dist, Q, sqQ);
  // Where the bound cannot separate the points (no cluster structure in the dominant
  // directions), filtering costs more than it saves: the plain pass gives the same values.
  if (survival(c, m, n, ub) > maxSurvival) return yield* coreDistancesBrute(metric, data, n, d, k, sq);
  W.set(ub);
  const groups = yield* groupBalls(c, m, n, order, ub);
  const qi = new Int32Array(GATHER_ROWS);
  let pending = 0;
  // Blocks of four consecutive points in the seed's order (mostly one cluster, so their
  // candidates mostly coincide): the union of their candidates is computed in one pass.
  for (let qb = 0; qb < n; qb += GATHER_ROWS) {
    const nq = Math.min(GATHER_ROWS, n - qb);
    for (let r = 0; r < GATHER_ROWS; r++) {
      const i = order[qb + (r < nq ? r : 0)]!;
      qi[r] = i;
      Q.set(data.subarray(i * d, (i + 1) * d), r * d);
      if (sq !== null) sqQ[r] = sq[i]!;
    }
    for (let p0 = qb + 1; p0 < n; p0 += FILTER_CHUNK) {
      const p1 = Math.min(n, p0 + FILTER_CHUNK);
      let cnt = 0;
      for (let p = p0; p < p1; p++) {
        if (p % GROUP === 0 && p + GROUP <= p1 && farGroup(c, m, groups, p / GROUP, qi, nq, W)) {
          p += GROUP - 1;
          continue;
        }
        const j = order[p]!;
        const wj = W[j]!;
        for (let r = 0; r < nq && qb + r < p; r++) {
          const i = qi[r]!;
          const s = projectedSq(c, i * m, j * m, m);
          if (s > wj && s > W[i]!) continue;
          list[cnt] = j;
          at[cnt++] = p;
          break;
        }
      }
      pending += (p1 - p0) * m;
      if (cnt === 0) continue;
      gatherDistances(kernel, Q, 0, sqQ, data, list, 0, cnt, d, sq, dist, 0, cap);
      pending += cnt * d * GATHER_ROWS;
      for (let t = 0; t < cnt; t++) {
        const j = list[t]!;
        const p = at[t]!;
        for (let r = 0; r < nq && qb + r < p; r++) {
          const i = qi[r]!;
          const v = dist[r * cap + t]!;
          if (v < top[i]!) {
            offer(heap, size, top, k, i, v);
            if (top[i]! < Infinity) W[i] = Math.min(ub[i]!, filterWidth(top[i]!, pb, emax));
          }
          if (v < top[j]!) {
            offer(heap, size, top, k, j, v);
            if (top[j]! < Infinity) W[j] = Math.min(ub[j]!, filterWidth(top[j]!, pb, emax));
          }
        }
      }
    }
    if (pending >= CHECKPOINT_PAIRS * 2) {
      pending = 0;
      yield { stage: 'core', completed: qb + nq, total: n };
    }
  }
  return kth(h, n, metric === 'euclidean');
}

/** What {@link seed} reads. */
interface SeedInput {
  /** `'sqeuclidean'` (sums for the euclidean metrics) or `'cosine'`. */
  kernel: MetricName;
  data: FloatArray;
  n: number;
  d: number;
  k: number;
  /** Squared row norms (cosine only). */
  sq: Float64Array | null;
  pb: ProjectionBound;
}

/**
 * The filter's starting thresholds and the scan order. For each point, the k sample points
 * nearest in the projection are computed exactly; the largest of those k sums bounds the point's
 * k-th neighbour sum from above (they are k other points), so pairs beyond it can be skipped from
 * the first block on. Only the filter uses it: no value enters a heap twice. The order puts the
 * points of one group next to each other: by the rank of their nearest sample point along a
 * nearest-neighbour chain through the samples (in the projection).
 */
function* seed(
  input: SeedInput,
  emax: number,
  ub: Float64Array,
  order: Int32Array,
  list: Int32Array,
  sums: Float64Array,
  row: Float64Array,
  rowSq: Float64Array,
): Work<void> {
  const { kernel, data, n, d, k, sq, pb } = input;
  const m = pb.m;
  const c = pb.coords;
  const ns = Math.min(n, SEED_SAMPLE);
  const sample = new Int32Array(ns);
  for (let t = 0; t < ns; t++) sample[t] = Math.floor((t * n) / ns);
  const keys = new Float64Array(ns);
  const near = new Int32Array(n);
  const state = rngState(0x5eed);
  for (let i = 0; i < n; i++) {
    let cnt = 0;
    let best = Infinity;
    for (let t = 0; t < ns; t++) {
      const j = sample[t]!;
      const s = projectedSq(c, i * m, j * m, m);
      if (s < best) {
        best = s;
        near[i] = t;
      }
      if (j === i) continue;
      keys[cnt] = s;
      list[cnt++] = j;
    }
    quickselect(keys, list, 0, cnt, k - 1, state);
    row.set(data.subarray(i * d, (i + 1) * d));
    if (kernel === 'sqeuclidean') {
      gatherSqOne(row, 0, data, list, 0, k, d, sums);
    } else {
      // Four query slots, the first used (the others hold stale rows whose values are ignored).
      rowSq[0] = sq![i]!;
      gatherDistances(kernel, row, 0, rowSq, data, list, 0, k, d, sq, sums, 0, sums.length / GATHER_ROWS);
    }
    let u = 0;
    for (let t = 0; t < k; t++) if (sums[t]! > u) u = sums[t]!;
    ub[i] = filterWidth(u, pb, emax);
    if ((i & 255) === 255) yield;
  }
  // The chain: from sample 0, always on to the nearest sample not yet visited.
  const rank = new Int32Array(ns).fill(-1);
  let cur = 0;
  for (let r = 0; r < ns; r++) {
    rank[cur] = r;
    let next = -1;
    let best = Infinity;
    for (let t = 0; t < ns; t++) {
      if (rank[t]! >= 0) continue;
      const s = projectedSq(c, sample[cur]! * m, sample[t]! * m, m);
      if (s < best || next < 0) {
        best = s;
        next = t;
      }
    }
    cur = next;
  }
  // Counting sort of the points by their nearest sample's rank (stable: ties by index).
  const start = new Int32Array(ns + 1);
  for (let i = 0; i < n; i++) {
    const r = rank[near[i]!]! + 1;
    start[r] = start[r]! + 1;
  }
  for (let r = 0; r < ns; r++) start[r + 1] = start[r + 1]! + start[r]!;
  for (let i = 0; i < n; i++) {
    const r = rank[near[i]!]!;
    order[start[r]!] = i;
    start[r] = start[r]! + 1;
  }
}

/**
 * Above this estimated share of pairs passing the filter, the plain pass is faster (measured on
 * uniform data: the filtered pass costs 1.4–2× the plain one when nearly every pair passes).
 */
const MAX_SURVIVAL = 0.4;
/** Points whose pairs estimate the share. */
const SURVIVAL_SAMPLE = 32;

/** Share of the pairs of a sample of points that pass the filter at the seed's thresholds (an overestimate). */
function survival(c: Float64Array, m: number, n: number, W: Float64Array): number {
  const ns = Math.min(n, SURVIVAL_SAMPLE);
  let pass = 0;
  let all = 0;
  for (let t = 0; t < ns; t++) {
    const i = Math.floor((t * n) / ns);
    const wi = W[i]!;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const s = projectedSq(c, i * m, j * m, m);
      if (s <= wi || s <= W[j]!) pass++;
    }
    all += n - 1;
  }
  return all === 0 ? 1 : pass / all;
}

/** Consecutive points (in the scan order) that share one bounding ball in the projection. */
const GROUP = 32;

/** Bounding balls of groups of consecutive points in the projection. */
interface GroupBalls {
  /** Centres, `groups × m`. */
  centre: Float64Array;
  /** Radii (rounded up). */
  radius: Float64Array;
  /** The largest filter threshold W of the group's points when the balls were made (W only decreases). */
  maxW: Float64Array;
}

function* groupBalls(c: Float64Array, m: number, n: number, order: Int32Array, W: Float64Array): Work<GroupBalls> {
  const g = Math.floor(n / GROUP);
  const centre = new Float64Array(g * m);
  const radius = new Float64Array(g);
  const maxW = new Float64Array(g);
  for (let b = 0; b < g; b++) {
    const o = b * m;
    let w = 0;
    for (let p = b * GROUP; p < (b + 1) * GROUP; p++) {
      const j = order[p]!;
      for (let a = 0; a < m; a++) centre[o + a] = centre[o + a]! + c[j * m + a]!;
      if (W[j]! > w) w = W[j]!;
    }
    for (let a = 0; a < m; a++) centre[o + a] = centre[o + a]! / GROUP;
    let r = 0;
    for (let p = b * GROUP; p < (b + 1) * GROUP; p++) {
      const s = projectedSq2(centre, o, c, order[p]! * m, m);
      if (s > r) r = s;
    }
    radius[b] = Math.sqrt(r) * (1 + 2 ** -40);
    maxW[b] = w;
    if ((b & 63) === 63) yield;
  }
  return { centre, radius, maxW };
}

/**
 * Whether every pair of a query (the nq in `qi`) and a point of group b certainly fails the filter:
 * the projected distance from the query to the group's centre minus its radius (a lower bound of
 * the distance to each of its points, by the triangle inequality) beyond both thresholds. The
 * relative margin 2⁻³⁰ covers the rounding of these evaluations and of the per-pair sums the
 * filter would have compared.
 */
function farGroup(c: Float64Array, m: number, balls: GroupBalls, b: number, qi: Int32Array, nq: number, W: Float64Array): boolean {
  const wg = balls.maxW[b]!;
  if (wg === Infinity) return false;
  const r = balls.radius[b]!;
  for (let q = 0; q < nq; q++) {
    const i = qi[q]!;
    const w = W[i]! > wg ? W[i]! : wg;
    const low = Math.sqrt(projectedSq2(balls.centre, b * m, c, i * m, m)) * (1 - 2 ** -40) - r;
    if (!(low > 0) || low * low <= w * (1 + 2 ** -30)) return false;
  }
  return true;
}

/**
 * The projected squared distance beyond which a pair's computed squared sum certainly exceeds
 * `t` (the inverse of `lowerSqDistance`, with the largest per-point error for both points; the
 * relative margins cover the rounding of this evaluation).
 */
function filterWidth(t: number, pb: ProjectionBound, emax: number): number {
  const r = (Math.sqrt((t + pb.offset) / pb.scale) * (1 + 2 ** -50) + 2 * emax) / pb.shrink;
  return r * r * (1 + 2 ** -40);
}

/** Σₐ (x[p + a] − y[q + a])² over m coordinates (m a multiple of 4). */
function projectedSq2(x: Float64Array, p: number, y: Float64Array, q: number, m: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let a = 0; a < m; a += 4) {
    const t0 = x[p + a]! - y[q + a]!;
    const t1 = x[p + a + 1]! - y[q + a + 1]!;
    const t2 = x[p + a + 2]! - y[q + a + 2]!;
    const t3 = x[p + a + 3]! - y[q + a + 3]!;
    s0 += t0 * t0;
    s1 += t1 * t1;
    s2 += t2 * t2;
    s3 += t3 * t3;
  }
  return s0 + s1 + (s2 + s3);
}

/** Σₐ (c[a + p] − c[a + q])² over m projected coordinates (m a multiple of 4). */
function projectedSq(c: Float64Array, p: number, q: number, m: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let a = 0; a < m; a += 4) {
    const t0 = c[p + a]! - c[q + a]!;
    const t1 = c[p + a + 1]! - c[q + a + 1]!;
    const t2 = c[p + a + 2]! - c[q + a + 2]!;
    const t3 = c[p + a + 3]! - c[q + a + 3]!;
    s0 += t0 * t0;
    s1 += t1 * t1;
    s2 += t2 * t2;
    s3 += t3 * t3;
  }
  return s0 + s1 + (s2 + s3);
}

/**
 * Core distances for a custom metric function, called as `metric(X[i], X[j])` for i < j (the
 * distance is taken as symmetric, as scikit-learn does for callables).
 *
 * @internal
 * @param fn - public function name (metric checks)
 * @param metric - the custom distance
 * @param views - Float64 row views
 * @param k - neighbours beyond the point itself
 * @returns the work, returning the core distances
 * @example
 * ```ts
 * runSync(coreDistancesFunction('hdbscan', f, views, 4), { fn: 'hdbscan' });
 * ```
 */
export function* coreDistancesFunction(fn: string, metric: MetricFunction, views: readonly Float64Array[], k: number): Work<Float64Array> {
  const n = views.length;
  if (k === 0) return new Float64Array(n);
  const h = heaps(n, k);
  let pending = 0;
  yield { stage: 'core', completed: 0, total: n };
  for (let i = 0; i < n; i++) {
    const a = views[i]!;
    for (let j = i + 1; j < n; j++) {
      const v = callMetric(fn, metric, a, views[j]!);
      offer(h.heap, h.size, h.top, k, i, v);
      offer(h.heap, h.size, h.top, k, j, v);
    }
    pending += n - i;
    if (pending >= CHECKPOINT_PAIRS / 16) {
      pending = 0;
      yield { stage: 'core', completed: i + 1, total: n };
    }
  }
  return kth(h, n, false);
}

/**
 * Core distances from condensed pairwise distances (scipy order: (0,1), (0,2), …, (n−2,n−1)).
 *
 * @internal
 * @param D - condensed distances, length n(n−1)/2
 * @param n - points
 * @param k - neighbours beyond the point itself
 * @returns the work, returning the core distances
 * @example
 * ```ts
 * runSync(coreDistancesCondensed(new Float64Array([1, 2, 3]), 3, 1), { fn: 'hdbscanFromDistances' }); // [1, 1, 2]
 * ```
 */
export function* coreDistancesCondensed(D: Float64Array, n: number, k: number): Work<Float64Array> {
  if (k === 0) return new Float64Array(n);
  const h = heaps(n, k);
  const { heap, size, top } = h;
  let p = 0;
  let pending = 0;
  yield { stage: 'core', completed: 0, total: n };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = D[p++]!;
      if (v < top[i]!) offer(heap, size, top, k, i, v);
      if (v < top[j]!) offer(heap, size, top, k, j, v);
    }
    pending += n - i;
    if (pending >= CHECKPOINT_PAIRS) {
      pending = 0;
      yield { stage: 'core', completed: i + 1, total: n };
    }
  }
  return kth(h, n, false);
}
