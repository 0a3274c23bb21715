/**
 * Radius search through a vantage-point tree (built by `vptree.ts`): a subtree is skipped when
 * the triangle inequality proves every point in it farther than the radius, by more than the
 * tree's rounding margin, so the answer equals brute force entry for entry. The kNN search of
 * `vptree.ts` is untouched; this file only reads the same tree arrays.
 *
 * Internal module: arguments are validated by the callers.
 */
import { LatentError } from '../core/errors.js';
import { distanceRows } from '../distance/kernels.js';
import type { Metric, MetricName } from '../distance/metric.js';
import { callMetric } from '../distance/metric.js';
import { rowDistance } from '../distance/pairwise.js';
import { type NeighborBuffer, pushNeighbor } from './neighbor-lists.js';
import { ABS_SLACK, SLACK, type VpTreeArrays } from './exact/vptree.js';

/** Reused state of a tree radius search. */
export interface VpRadiusScratch {
  /** Leaf distances. */
  buf: Float64Array;
  /** Explicit stack of ranges and their lower bounds. */
  stLo: Int32Array;
  stHi: Int32Array;
  stLb: Float64Array;
  /** Row views of the tree's points (custom metric functions only). */
  views: Float64Array[] | null;
}

/**
 * Buffers for radius queries against `tree`.
 *
 * @internal
 * @param tree - the tree arrays
 * @param n - number of points
 * @param d - row length
 * @param leafSize - the tree's leaf size
 * @param custom - whether the metric is a function (row views are made once)
 * @returns the scratch state
 * @example
 * ```ts
 * const s = vpRadiusScratch(tree, n, d, 16, false);
 * ```
 */
export function vpRadiusScratch(tree: VpTreeArrays, n: number, d: number, leafSize: number, custom: boolean): VpRadiusScratch {
  const cap = 2 * tree.depth + 4;
  let views: Float64Array[] | null = null;
  if (custom) {
    views = new Array<Float64Array>(n);
    for (let i = 0; i < n; i++) views[i] = tree.points.subarray(i * d, (i + 1) * d);
  }
  return { buf: new Float64Array(Math.max(1, leafSize)), stLo: new Int32Array(cap), stHi: new Int32Array(cap), stLb: new Float64Array(cap), views };
}

/**
 * Appends to `out` every tree point whose value from query row `qi` of `Q` is ≤ `thr`, except
 * the point with original index `skip` (−1: none). Entries come in traversal order (the caller
 * sorts rows when asked).
 *
 * For `'sqeuclidean'` (which euclidean radius searches use, comparing squared sums with r²)
 * the tree prunes on the square root of the threshold, as it was built on euclidean bounds.
 *
 * @internal
 * @param fn - public function name (errors)
 * @param metric - the metric the tree was built for (`'sqeuclidean'`, a true metric name or a function)
 * @param tree - the tree arrays
 * @param n - number of points
 * @param leafSize - the tree's leaf size
 * @param Q - query data (Float64)
 * @param qi - query row in `Q`
 * @param qv - the query row as a view (custom metric functions only)
 * @param d - row length
 * @param thr - inclusion threshold in the metric's units
 * @param skip - original index to leave out, or −1
 * @param s - scratch state
 * @param out - output entries
 * @returns the number of distance evaluations
 * @throws LatentError `E_MODEL` when the tree arrays are inconsistent
 * @example
 * ```ts
 * vpRadius('radiusNeighbors', 'sqeuclidean', tree, n, 16, Q, 0, null, d, r * r, -1, s, out);
 * ```
 */
export function vpRadius(
  fn: string,
  metric: Metric,
  tree: VpTreeArrays,
  n: number,
  leafSize: number,
  Q: Float64Array,
  qi: number,
  qv: Float64Array | null,
  d: number,
  thr: number,
  skip: number,
  s: VpRadiusScratch,
  out: NeighborBuffer,
): number {
  const { order, points, split, bounds } = tree;
  const custom = typeof metric === 'function' ? metric : null;
  const named: MetricName = custom === null ? (metric as MetricName) : 'euclidean';
  const squared = metric === 'sqeuclidean';
  const rM = squared ? Math.sqrt(thr) : thr;
  const { buf, stLo, stHi, stLb } = s;
  const cap = stLo.length;
  const qo = qi * d;
  let evals = 0;
  let top = 1;
  stLo[0] = 0;
  stHi[0] = n;
  stLb[0] = 0;
  while (top > 0) {
    top--;
    const lb = stLb[top]!;
    if (lb > rM) continue;
    const lo = stLo[top]!;
    const hi = stHi[top]!;
    if (hi - lo <= leafSize) {
      evals += hi - lo;
      if (custom !== null) {
        const views = s.views!;
        for (let t = lo; t < hi; t++) {
          const idx = order[t]!;
          if (idx === skip) continue;
          const v = callMetric(fn, custom, qv!, views[t]!);
          if (v <= thr) pushNeighbor(out, idx, v);
        }
      } else {
        distanceRows(named, Q, qi, -1, points, lo, hi, d, buf, 0, 0, null, null);
        for (let t = lo; t < hi; t++) {
          const v = buf[t - lo]!;
          if (v > thr) continue;
          const idx = order[t]!;
          if (idx !== skip) pushNeighbor(out, idx, v);
        }
      }
      continue;
    }
    const mid = split[lo]!;
    if (!(mid > lo && mid <= hi)) throw new LatentError('E_MODEL', `${fn}: index is corrupt (split ${mid} outside (${lo}, ${hi}])`);
    evals++;
    const vIdx = order[lo]!;
    const r = custom !== null ? callMetric(fn, custom, qv!, s.views![lo]!) : rowDistance(named, Q, qo, points, lo * d, d);
    if (r <= thr && vIdx !== skip) pushNeighbor(out, vIdx, r);
    const m = squared ? Math.sqrt(r) : r;
    const b = 4 * lo;
    const inMax = bounds[b + 1]!;
    const outMax = bounds[b + 3]!;
    let lbIn = Math.max(bounds[b]! - m, m - inMax, lb) - SLACK * (m + inMax) - ABS_SLACK;
    let lbOut = Math.max(bounds[b + 2]! - m, m - outMax, lb) - SLACK * (m + outMax) - ABS_SLACK;
    if (!(lbIn >= 0)) lbIn = 0; // also maps NaN (corrupt bounds) to "visit"
    if (!(lbOut >= 0)) lbOut = 0;
    if (top + 2 > cap) throw new LatentError('E_MODEL', `${fn}: index is corrupt (tree deeper than its recorded depth ${tree.depth})`);
    if (lbOut <= rM) {
      stLo[top] = mid;
      stHi[top] = hi;
      stLb[top] = lbOut;
      top++;
    }
    if (mid > lo + 1 && lbIn <= rM) {
      stLo[top] = lo + 1;
      stHi[top] = mid;
      stLb[top] = lbIn;
      top++;
    }
  }
  return evals;
}
