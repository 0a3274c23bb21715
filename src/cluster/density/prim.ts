/**
 * Prim's algorithm on the implicit, dense mutual-reachability graph
 * `mr(i, j) = max(core[i], core[j], dist(i, j))`, with O(n) memory: distances are computed as
 * the tree grows and never stored (scikit-learn's `mst_from_data_matrix` does the same).
 *
 * Pruning: a candidate j's edge from the point just added can only improve j's best edge when
 * `max(core[cur], core[j])` (a lower bound of that edge) does not already exceed it, so the
 * distance is computed only for those candidates. The pruning is exact (it skips only edges that
 * cannot win, ties included), so the tree is the unique MST of `mst.ts`'s tie rule.
 *
 * Batching: each step of plain Prim streams every remaining row from memory for one new tree
 * node, which makes it memory-bound in high dimension. On mutual-reachability graphs the next
 * node is nearly always the one with the smallest best edge *before* the current node's update
 * (best edges sit at core distances; ~98 % of steps on clustered 512-d data), so the distances of
 * the current node and of the next seven in that order are computed in one pass over the data
 * (each chunk of rows read once for all eight), and Prim's steps then consume them while the
 * guesses hold. A wrong guess ends the batch early;
 * the result is the same as one node at a time, edge for edge.
 *
 * Internal module: arguments are validated by the callers.
 */
import type { FloatArray } from '../../core/matrix.js';
import type { Work } from '../../core/task.js';
import type { MetricFunction, MetricName } from '../../distance/metric.js';
import { callMetric } from '../../distance/metric.js';
import { GATHER_ROWS, gatherDistances } from './gather.js';
import { addEdge, edgeBefore, type MstEdges } from './mst.js';

/** Where Prim's distances come from. */
export type PrimDistances =
  | { type: 'data'; metric: MetricName; data: FloatArray; d: number; sq: Float64Array | null }
  | { type: 'function'; fn: string; metric: MetricFunction; views: readonly Float64Array[] }
  | { type: 'condensed'; D: Float64Array; n: number };

/** Distance evaluations (× row length) between checkpoints. */
const CHECKPOINT_WORK = 4_000_000;
/** Tree nodes whose distances share one pass over the data (a multiple of {@link GATHER_ROWS}). */
const BATCH = 8;
/** Gathered rows per chunk: each group of four batch rows reads a chunk while it is in cache. */
const CHUNK = 64;

/**
 * Grows the mutual-reachability MST from point 0, appending its n − 1 edges to `edges`.
 * O(n²) comparisons and at most n(n−1)/2 distance evaluations (fewer with pruning).
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
  const B = BATCH;
  const minReach = new Float64Array(n).fill(Infinity);
  const from = new Int32Array(n).fill(-1);
  // Points not yet in the tree, ascending (ties are settled by the edge order, not by position;
  // ascending order makes the gathers read the data front to back).
  const rem = new Int32Array(n - 1);
  for (let i = 1; i < n; i++) rem[i - 1] = i;
  let remLen = n - 1;
  // The rows whose distances a batch computes (union of the batch nodes' candidates), where
  // each sits in that list, and the distances (batch row b at offset b·n).
  const union = new Int32Array(n);
  const col = new Int32Array(n).fill(-1);
  const dist = new Float64Array(B * n);
  const batch = new Int32Array(B);
  const d = src.type === 'data' ? src.d : 1;
  const rows = new Float64Array(src.type === 'data' ? B * d : 0);
  const rowSq = new Float64Array(B);
  let cur = 0;
  let step = 0;
  let pending = 0;
  yield { stage: 'mst', completed: 0, total: n - 1 };
  while (step < n - 1) {
    // The batch: the current node, then the remaining nodes with the smallest best edges.
    batch[0] = cur;
    let nb = 1;
    for (let t = 0; t < remLen; t++) {
      const j = rem[t]!;
      if (nb < B) {
        let p = nb++;
        while (p > 1 && before(minReach, from, j, batch[p - 1]!)) {
          batch[p] = batch[p - 1]!;
          p--;
        }
        batch[p] = j;
      } else if (before(minReach, from, j, batch[B - 1]!)) {
        let p = B - 1;
        while (p > 1 && before(minReach, from, j, batch[p - 1]!)) {
          batch[p] = batch[p - 1]!;
          p--;
        }
        batch[p] = j;
      }
    }
    let minCore = Infinity;
    for (let b = 0; b < nb; b++) if (core[batch[b]!]! < minCore) minCore = core[batch[b]!]!;
    // Every candidate any batch node could need (best edges only shrink during the batch).
    let m = 0;
    for (let t = 0; t < remLen; t++) {
      const j = rem[t]!;
      const lb = minCore > core[j]! ? minCore : core[j]!;
      if (lb <= minReach[j]!) {
        col[j] = m;
        union[m++] = j;
      }
    }
    if (m > 0) fill(src, batch, nb, union, m, dist, n, rows, rowSq);
    pending += m * d * nb;
    // Prim's steps, as long as the guesses hold.
    for (let b = 0; b < nb && step < n - 1; b++) {
      if (batch[b] !== cur) break;
      const cc = core[cur]!;
      const off = b * n;
      for (let t = 0; t < remLen; t++) {
        const j = rem[t]!;
        const cj = core[j]!;
        const lb = cc > cj ? cc : cj;
        const best = minReach[j]!;
        if (lb > best || (lb === best && !edgeBefore(lb, cur, j, best, from[j]!, j))) continue;
        let v = dist[off + col[j]!]!;
        if (cc > v) v = cc;
        if (cj > v) v = cj;
        if (v < best || (v === best && edgeBefore(v, cur, j, best, from[j]!, j))) {
          minReach[j] = v;
          from[j] = cur;
        }
      }
      // The next node: the smallest crossing edge in the tie rule's order.
      let bt = 0;
      let bj = rem[0]!;
      for (let t = 1; t < remLen; t++) {
        const j = rem[t]!;
        if (before(minReach, from, j, bj)) {
          bt = t;
          bj = j;
        }
      }
      addEdge(edges, from[bj]!, bj, minReach[bj]!);
      rem.copyWithin(bt, bt + 1, remLen);
      remLen--;
      cur = bj;
      step++;
      pending += remLen;
    }
    for (let t = 0; t < m; t++) col[union[t]!] = -1;
    if (pending >= CHECKPOINT_WORK) {
      pending = 0;
      yield { stage: 'mst', completed: step, total: n - 1 };
    }
  }
  yield { stage: 'mst', completed: n - 1, total: n - 1 };
}

/** Whether j's best edge comes before k's in the tie rule's order. */
function before(minReach: Float64Array, from: Int32Array, j: number, k: number): boolean {
  return edgeBefore(minReach[j]!, from[j]!, j, minReach[k]!, from[k]!, k);
}

/** dist[b·stride + t] = distance(batch[b], union[t]) for b < nb, t < m. */
function fill(src: PrimDistances, batch: Int32Array, nb: number, union: Int32Array, m: number, dist: Float64Array, stride: number, rows: Float64Array, rowSq: Float64Array): void {
  switch (src.type) {
    case 'data': {
      const d = src.d;
      const data = src.data;
      // The batch rows as doubles (Float32 widened exactly), in groups of four; a group's
      // missing rows repeat its first.
      const groups = Math.ceil(nb / GATHER_ROWS);
      for (let b = 0; b < groups * GATHER_ROWS; b++) {
        const r = batch[b < nb ? b : (b - (b % GATHER_ROWS))]!;
        rows.set(data.subarray(r * d, (r + 1) * d), b * d);
        if (src.sq !== null) rowSq[b] = src.sq[r]!;
      }
      for (let c0 = 0; c0 < m; c0 += CHUNK) {
        const c1 = Math.min(m, c0 + CHUNK);
        for (let g = 0; g < groups; g++) {
          const sqQ = src.sq === null ? null : rowSq.subarray(g * GATHER_ROWS);
          gatherDistances(src.metric, rows, g * GATHER_ROWS * d, sqQ, data, union, c0, c1, d, src.sq, dist, g * GATHER_ROWS * stride, stride);
        }
      }
      return;
    }
    case 'function': {
      for (let b = 0; b < nb; b++) {
        const i = batch[b]!;
        const a = src.views[i]!;
        for (let t = 0; t < m; t++) {
          const j = union[t]!;
          // Called with the lower row first, as the core distances were (i < j).
          dist[b * stride + t] = j === i ? 0 : j > i ? callMetric(src.fn, src.metric, a, src.views[j]!) : callMetric(src.fn, src.metric, src.views[j]!, a);
        }
      }
      return;
    }
    default: {
      const D = src.D;
      const n = src.n;
      for (let b = 0; b < nb; b++) {
        const cur = batch[b]!;
        for (let t = 0; t < m; t++) {
          const j = union[t]!;
          if (j === cur) {
            dist[b * stride + t] = 0;
            continue;
          }
          const i = cur < j ? cur : j;
          const k = cur < j ? j : cur;
          dist[b * stride + t] = D[n * i - (i * (i + 1)) / 2 + k - i - 1]!;
        }
      }
    }
  }
}
