/**
 * Prim's algorithm on the implicit, dense mutual-reachability graph
 * `mr(i, j) = max(core[i], core[j], dist(i, j))`, with O(n) memory: distances are computed as
 * the tree grows and never stored (scikit-learn's `mst_from_data_matrix` does the same).
 *
 * Pruning: a candidate j's edge from the point just added can only improve j's best edge when
 * `max(core[cur], core[j])` (a lower bound of that edge) does not already exceed it, so the
 * distance is computed only for those candidates — once a point's best edge equals its own core
 * distance it is never measured again. The pruning is exact (it skips only edges that cannot
 * win, ties included), so the tree is the unique MST of `mst.ts`'s tie rule.
 *
 * Internal module: arguments are validated by the callers.
 */
import type { FloatArray } from '../../core/matrix.js';
import type { Work } from '../../core/task.js';
import type { MetricFunction, MetricName } from '../../distance/metric.js';
import { callMetric } from '../../distance/metric.js';
import { gatherDistances } from './gather.js';
import { addEdge, edgeBefore, type MstEdges } from './mst.js';

/** Where Prim's distances come from. */
export type PrimDistances =
  | { type: 'data'; metric: MetricName; data: FloatArray; d: number; sq: Float64Array | null }
  | { type: 'function'; fn: string; metric: MetricFunction; views: readonly Float64Array[] }
  | { type: 'condensed'; D: Float64Array; n: number };

/** Candidate distance evaluations (× row length) between checkpoints. */
const CHECKPOINT_WORK = 4_000_000;

/**
 * Grows the mutual-reachability MST from point 0, appending its n − 1 edges to `edges`.
 * O(n²) comparisons and at most n(n−1)/2 distance evaluations (far fewer with pruning).
 *
 * @internal
 * @param n - number of points (≥ 1)
 * @param core - core distances
 * @param src - the distances
 * @param edges - output edge list (room for n − 1)
 * @returns the work; progress `{ stage: 'mst' }` in edges
 * @example
 * ```ts
 * runSync(primMst(n, core, { type: 'condensed', D, n }, edges), { fn: 'hdbscanFromDistances' });
 * ```
 */
export function* primMst(n: number, core: Float64Array, src: PrimDistances, edges: MstEdges): Work<void> {
  if (n < 2) return;
  const minReach = new Float64Array(n).fill(Infinity);
  const from = new Int32Array(n).fill(-1);
  // Points not yet in the tree, ascending (ties are settled by the edge order, not by position).
  const rem = new Int32Array(n - 1);
  for (let i = 1; i < n; i++) rem[i - 1] = i;
  let remLen = n - 1;
  const cand = new Int32Array(n);
  const dist = new Float64Array(n);
  const d = src.type === 'data' ? src.d : 1;
  const row = src.type === 'data' ? new Float64Array(d) : new Float64Array(0);
  let cur = 0;
  let pending = 0;
  yield { stage: 'mst', completed: 0, total: n - 1 };
  for (let step = 0; step < n - 1; step++) {
    const cc = core[cur]!;
    // Candidates whose best edge an edge from `cur` could still beat.
    let m = 0;
    for (let t = 0; t < remLen; t++) {
      const j = rem[t]!;
      const cj = core[j]!;
      const lb = cc > cj ? cc : cj;
      const best = minReach[j]!;
      if (lb < best || (lb === best && edgeBefore(lb, cur, j, best, from[j]!, j))) cand[m++] = j;
    }
    if (m > 0) fill(src, cur, cand, m, dist, row);
    for (let t = 0; t < m; t++) {
      const j = cand[t]!;
      const cj = core[j]!;
      let v = dist[t]!;
      if (cc > v) v = cc;
      if (cj > v) v = cj;
      const best = minReach[j]!;
      if (v < best || (v === best && edgeBefore(v, cur, j, best, from[j]!, j))) {
        minReach[j] = v;
        from[j] = cur;
      }
    }
    // The next point: the smallest crossing edge in the tie rule's order.
    let bt = 0;
    let bj = rem[0]!;
    for (let t = 1; t < remLen; t++) {
      const j = rem[t]!;
      if (edgeBefore(minReach[j]!, from[j]!, j, minReach[bj]!, from[bj]!, bj)) {
        bt = t;
        bj = j;
      }
    }
    addEdge(edges, from[bj]!, bj, minReach[bj]!);
    // Remove bj keeping ascending order, so the next gathers read the data front to back.
    rem.copyWithin(bt, bt + 1, remLen);
    remLen--;
    cur = bj;
    pending += m * d + remLen;
    if (pending >= CHECKPOINT_WORK) {
      pending = 0;
      yield { stage: 'mst', completed: step + 1, total: n - 1 };
    }
  }
  yield { stage: 'mst', completed: n - 1, total: n - 1 };
}

/** dist[t] = distance(cur, cand[t]) for t < m. */
function fill(src: PrimDistances, cur: number, cand: Int32Array, m: number, dist: Float64Array, row: Float64Array): void {
  switch (src.type) {
    case 'data': {
      const d = src.d;
      const data = src.data;
      // The current row as doubles (Float32 widened exactly; Float64 copied so both kernels read `row`).
      row.set(data.subarray(cur * d, (cur + 1) * d));
      const aa = src.sq === null ? 0 : src.sq[cur]!;
      gatherDistances(src.metric, row, 0, aa, data, cand, m, d, src.sq, dist);
      return;
    }
    case 'function': {
      const a = src.views[cur]!;
      for (let t = 0; t < m; t++) {
        const j = cand[t]!;
        // Called with the lower row first, as the core distances were (i < j).
        dist[t] = j > cur ? callMetric(src.fn, src.metric, a, src.views[j]!) : callMetric(src.fn, src.metric, src.views[j]!, a);
      }
      return;
    }
    default: {
      const D = src.D;
      const n = src.n;
      for (let t = 0; t < m; t++) {
        const j = cand[t]!;
        const i = cur < j ? cur : j;
        const k = cur < j ? j : cur;
        dist[t] = D[n * i - (i * (i + 1)) / 2 + k - i - 1]!;
      }
    }
  }
}
