/**
 * Vantage-point tree (Yianilos 1993): an exact metric index. Each node picks a vantage point
 * v, sorts the other points of its subtree by their distance to v, and splits them at the
 * median rank into an inside child (closer) and an outside child (farther). A query q at
 * distance m from v skips a child whose distances to v lie in [lo, hi] whenever
 * `max(lo − m, m − hi)` exceeds the current k-th best distance: by the triangle inequality no
 * point of that child can be closer. Only the triangle inequality and symmetry are used, so
 * the tree is exact for any true metric, including a custom function.
 *
 * Layout: plain typed arrays, no node objects. The points are stored permuted in tree order;
 * a subtree is a contiguous range `[lo, hi)` of positions; an internal node keeps its vantage
 * point at position `lo`, its inside child at `[lo + 1, split[lo])` and its outside child at
 * `[split[lo], hi)`, with the four distance bounds `[inMin, inMax, outMin, outMax]` at
 * `bounds[4·lo …]`. A range of at most `leafSize` positions is a leaf, scanned with the
 * register-blocked kernels. Splits are by rank, so the tree is balanced (depth ≤ ⌈log₂ n⌉)
 * even with duplicate points.
 *
 * Metrics: `'euclidean'`, `'manhattan'`, `'chebyshev'` and custom functions prune on their own
 * values. `'sqeuclidean'` is not a metric (it breaks the triangle inequality), so the tree
 * prunes on `√` of it (euclidean) while ranking and reporting the exact squared values.
 * `'cosine'` distance is not a metric either and never uses the tree (brute force instead).
 *
 * Exactness: candidates are ranked by (distance, index) in a bounded heap, and a subtree is
 * skipped only when its lower bound exceeds the k-th best distance strictly, by more than a
 * relative rounding margin of 1e−9 plus an absolute 1e−150 (for distances whose squares are
 * subnormal), so the answer equals brute force bit-for-bit, ties included. Internal module: arguments are validated by the callers.
 */
import { LatentError } from '../../core/errors.js';
import { nextDouble, rngState } from '../../core/random.js';
import { quickselect } from '../../core/select.js';
import { distanceRows } from '../../distance/kernels.js';
import { type Metric, type MetricName, callMetric } from '../../distance/metric.js';
import { rowDistance } from '../../distance/pairwise.js';
import { heapOffer, heapSortAscending } from '../heap.js';
import type { Work } from '../../core/task.js';

/** Relative rounding margin of the pruning test (computed distances carry ~d ulps of error). */
export const SLACK: number = 1e-9;
/**
 * Absolute part of the pruning margin. Distances whose squares fall into the subnormal range
 * (below ~1.5e-154) are computed with an absolute error up to √d · 1.6e-162 (and squared
 * distances underflow to 0 below ~2e-162), which no relative margin covers: a subtree is kept
 * unless its bound beats the k-th distance by more than this too.
 */
export const ABS_SLACK: number = 1e-150;

/** The arrays of a built vantage-point tree. */
export interface VpTreeArrays {
  /** Original row index of the point at each tree position. */
  order: Int32Array;
  /** Row-major point data in tree order. */
  points: Float64Array;
  /** `split[lo]` = first position of the outside child of the internal node starting at `lo`. */
  split: Int32Array;
  /** `[inMin, inMax, outMin, outMax]` at `4·lo` for each internal node. */
  bounds: Float64Array;
  /** Number of internal-node levels on the longest root-to-leaf path. */
  depth: number;
}

/**
 * Builds a vantage-point tree over the rows of `data`. O(n log n) distance evaluations,
 * O(n·d) memory (the permuted copy of the points).
 *
 * @internal
 * @param fn - public function name for error messages (custom metric checks)
 * @param metric - a true metric, `'sqeuclidean'` (built on euclidean) or a custom function
 * @param data - row-major `n × d` data (not modified)
 * @param n - number of rows
 * @param d - row length
 * @param leafSize - largest range stored as a leaf (≥ 1)
 * @param seed - seed for the vantage-point choice
 * @returns a generator (yielding about every 8 192 distance evaluations) of the tree arrays
 * @example
 * ```ts
 * const tree = runSync(buildVpTree('knnIndex', 'euclidean', X.data, X.rows, X.cols, 16, 42), { fn: 'knnIndex' });
 * ```
 */
export function* buildVpTree(fn: string, metric: Metric, data: Float64Array, n: number, d: number, leafSize: number, seed: number): Work<VpTreeArrays> {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const split = new Int32Array(n);
  const bounds = new Float64Array(4 * n);
  const dist = new Float64Array(n);
  const state = rngState(seed);
  const views = typeof metric === 'function' ? rowViews(data, n, d) : null;
  const pruneMetric: MetricName = metric === 'sqeuclidean' ? 'euclidean' : (metric as MetricName);
  // Explicit stack of ranges. Splits are by rank, so the depth is at most ⌈log₂ n⌉ ≤ 31 and the
  // stack (one pending sibling per level) never holds more than 33 ranges.
  const cap = 64;
  const stLo = new Int32Array(cap);
  const stHi = new Int32Array(cap);
  const stDepth = new Int32Array(cap);
  let top = 0;
  let depth = 0;
  stLo[0] = 0;
  stHi[0] = n;
  stDepth[0] = 0;
  top = 1;
  let work = 0;
  while (top > 0) {
    top--;
    const lo = stLo[top]!;
    const hi = stHi[top]!;
    const level = stDepth[top]!;
    if (hi - lo <= leafSize) continue;
    work += hi - lo;
    if (work >= 8192) {
      work = 0;
      yield { stage: 'build', completed: lo, total: n };
    }
    if (level + 1 > depth) depth = level + 1;
    // Random vantage point, moved to the front of the range.
    const p = lo + Math.floor(nextDouble(state) * (hi - lo));
    const vp = order[p]!;
    order[p] = order[lo]!;
    order[lo] = vp;
    const vo = vp * d;
    if (views !== null) {
      const f = metric as (a: Float64Array, b: Float64Array) => number;
      const vv = views[vp]!;
      for (let t = lo + 1; t < hi; t++) dist[t] = callMetric(fn, f, vv, views[order[t]!]!);
    } else {
      for (let t = lo + 1; t < hi; t++) dist[t] = rowDistance(pruneMetric, data, vo, data, order[t]! * d, d);
    }
    const mid = lo + 1 + ((hi - lo - 1) >> 1);
    quickselect(dist, order, lo + 1, hi, mid, state);
    let inMin = Infinity;
    let inMax = -Infinity;
    for (let t = lo + 1; t < mid; t++) {
      const v = dist[t]!;
      if (v < inMin) inMin = v;
      if (v > inMax) inMax = v;
    }
    let outMin = Infinity;
    let outMax = -Infinity;
    for (let t = mid; t < hi; t++) {
      const v = dist[t]!;
      if (v < outMin) outMin = v;
      if (v > outMax) outMax = v;
    }
    split[lo] = mid;
    const b = 4 * lo;
    bounds[b] = inMin;
    bounds[b + 1] = inMax;
    bounds[b + 2] = outMin;
    bounds[b + 3] = outMax;
    stLo[top] = mid;
    stHi[top] = hi;
    stDepth[top] = level + 1;
    top++;
    if (mid > lo + 1) {
      stLo[top] = lo + 1;
      stHi[top] = mid;
      stDepth[top] = level + 1;
      top++;
    }
  }
  const points = new Float64Array(n * d);
  for (let t = 0; t < n; t++) points.set(data.subarray(order[t]! * d, (order[t]! + 1) * d), t * d);
  return { order, points, split, bounds, depth };
}

function rowViews(source: Float64Array, n: number, d: number): Float64Array[] {
  // A private copy: a custom metric that writes into its arguments cannot reach the caller's data.
  const data = source.slice(0, n * d);
  const views = new Array<Float64Array>(n);
  for (let i = 0; i < n; i++) views[i] = data.subarray(i * d, (i + 1) * d);
  return views;
}

/**
 * k nearest neighbours of each query row through a vantage-point tree.
 *
 * With `self`, the queries are the tree's own points (`Q` is ignored): each point's k nearest
 * *other* points are written to the output row of its original index.
 *
 * @internal
 * @param fn - public function name for error messages
 * @param metric - the metric the tree was built for
 * @param tree - the tree arrays
 * @param n - number of points
 * @param leafSize - the tree's leaf size
 * @param Q - query data, `nq × d` (unused when `self`)
 * @param nq - number of queries (n when `self`)
 * @param d - row length
 * @param k - neighbours per query
 * @param self - query every indexed point against the others
 * @param D - output distances, `nq × k`
 * @param I - output indices (original row numbers), `nq × k`
 * @param from - first query to answer (tree position when `self`)
 * @param to - one past the last query to answer
 * @returns the number of distance evaluations (to compare the tree's work with brute force)
 * @throws LatentError `E_MODEL` when the tree arrays are inconsistent
 * @example
 * ```ts
 * vpKnn('knnQuery', 'euclidean', tree, n, 16, Q, nq, d, 5, false, D, I, 0, nq);
 * ```
 */
export function vpKnn(
  fn: string,
  metric: Metric,
  tree: VpTreeArrays,
  n: number,
  leafSize: number,
  Q: Float64Array,
  nq: number,
  d: number,
  k: number,
  self: boolean,
  D: Float64Array,
  I: Int32Array,
  from: number,
  to: number,
): number {
  const { order, points, split, bounds } = tree;
  const custom = typeof metric === 'function' ? metric : null;
  const named: MetricName = custom === null ? (metric as MetricName) : 'euclidean';
  const squared = metric === 'sqeuclidean';
  const pointViews = custom !== null ? rowViews(points, n, d) : null;
  const queryViews = custom !== null && !self ? rowViews(Q, nq, d) : null;
  const buf = new Float64Array(Math.max(1, leafSize));
  const cap = 2 * tree.depth + 4;
  const stLo = new Int32Array(cap);
  const stHi = new Int32Array(cap);
  const stLb = new Float64Array(cap);
  const src = self ? points : Q;
  let evals = 0;
  for (let qi = from; qi < to; qi++) {
    // Self queries run in tree order (neighbouring queries share cache lines and paths).
    const outRow = self ? order[qi]! : qi;
    const skip = self ? outRow : -1;
    const off = outRow * k;
    const qo = qi * d;
    const qv = custom !== null ? (self ? pointViews![qi]! : queryViews![qi]!) : null;
    let size = 0;
    let tauR = Infinity; // k-th best ranking distance
    let tauM = Infinity; // the same in pruning units
    let top = 1;
    stLo[0] = 0;
    stHi[0] = n;
    stLb[0] = 0;
    while (top > 0) {
      top--;
      const lb = stLb[top]!;
      if (lb > tauM) continue;
      const lo = stLo[top]!;
      const hi = stHi[top]!;
      if (hi - lo <= leafSize) {
        evals += hi - lo;
        if (custom !== null) {
          for (let t = lo; t < hi; t++) {
            const idx = order[t]!;
            if (idx === skip) continue;
            const r = callMetric(fn, custom, qv!, pointViews![t]!);
            if (r > tauR) continue;
            size = heapOffer(D, I, off, size, k, r, idx);
            if (size === k) tauR = tauM = D[off]!;
          }
        } else {
          distanceRows(named, src, qi, -1, points, lo, hi, d, buf, 0, 0, null, null);
          for (let t = lo; t < hi; t++) {
            const r = buf[t - lo]!;
            if (r > tauR) continue;
            const idx = order[t]!;
            if (idx === skip) continue;
            size = heapOffer(D, I, off, size, k, r, idx);
            if (size === k) {
              tauR = D[off]!;
              tauM = squared ? Math.sqrt(tauR) : tauR;
            }
          }
        }
        continue;
      }
      const mid = split[lo]!;
      if (!(mid > lo && mid <= hi)) throw new LatentError('E_MODEL', `${fn}: index is corrupt (split ${mid} outside (${lo}, ${hi}])`);
      // Vantage point.
      evals++;
      const vIdx = order[lo]!;
      const r = custom !== null ? callMetric(fn, custom, qv!, pointViews![lo]!) : rowDistance(named, src, qo, points, lo * d, d);
      if (vIdx !== skip && r <= tauR) {
        size = heapOffer(D, I, off, size, k, r, vIdx);
        if (size === k) {
          tauR = D[off]!;
          tauM = squared ? Math.sqrt(tauR) : tauR;
        }
      }
      const m = squared ? Math.sqrt(r) : r;
      const b = 4 * lo;
      const inMin = bounds[b]!;
      const inMax = bounds[b + 1]!;
      const outMin = bounds[b + 2]!;
      const outMax = bounds[b + 3]!;
      let lbIn = Math.max(inMin - m, m - inMax, lb) - SLACK * (m + inMax) - ABS_SLACK;
      let lbOut = Math.max(outMin - m, m - outMax, lb) - SLACK * (m + outMax) - ABS_SLACK;
      if (!(lbIn >= 0)) lbIn = 0; // also maps NaN (corrupt bounds) to "visit"
      if (!(lbOut >= 0)) lbOut = 0;
      if (top + 2 > cap) throw new LatentError('E_MODEL', `${fn}: index is corrupt (tree deeper than its recorded depth ${tree.depth})`);
      const hasIn = mid > lo + 1;
      // Push the far child first so the near one is searched first (shrinks tauM sooner).
      if (hasIn && lbIn <= lbOut) {
        stLo[top] = mid;
        stHi[top] = hi;
        stLb[top] = lbOut;
        top++;
        stLo[top] = lo + 1;
        stHi[top] = mid;
        stLb[top] = lbIn;
        top++;
      } else {
        if (hasIn) {
          stLo[top] = lo + 1;
          stHi[top] = mid;
          stLb[top] = lbIn;
          top++;
        }
        stLo[top] = mid;
        stHi[top] = hi;
        stLb[top] = lbOut;
        top++;
      }
    }
    heapSortAscending(D, I, off, k);
  }
  return evals;
}
