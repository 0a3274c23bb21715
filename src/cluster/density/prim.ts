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
 * the result is the same as one node at a time, edge for edge. A candidate enters a batch only
 * if some batch node's edge to it could still win (its lower bound `max(core, core)` does not
 * already lose, ties included).
 *
 * Euclidean and cosine metrics: the batch's distances come from dot products (4 × 4 register
 * tiles of `core/gemm.ts`, two flops per coordinate instead of three) and the squared norms.
 * Cosine distances follow from those sums exactly. For euclidean ones the expansion
 * `‖a‖² + ‖b‖² − 2a·b` only bounds the difference-form distance (`distance/expansion.ts`): a
 * candidate whose lower bound is beyond its best edge is skipped, one whose upper bound is
 * within the core distances takes `max(core, core)`, and the rest (about 0.4 % of the pairs on
 * 512-d blobs) are recomputed exactly, so every weight is the difference form's, bit for bit.
 *
 * Bounds measured on 6 000 × 512 blobs (bench/results/density.md): the core-distance bound skips
 * ~8 % of the pairs; `|‖a‖ − ‖b‖|`, pivot (triangle) bounds and the 16-direction projection of
 * `projection-bound.ts` skip almost none beyond it (distances between clusters concentrate above
 * every such bound), so they are not used here.
 *
 * Internal module: arguments are validated by the callers.
 */
import type { FloatArray } from '../../core/matrix.js';
import type { Work } from '../../core/task.js';
import type { MetricFunction, MetricName } from '../../distance/metric.js';
import { callMetric } from '../../distance/metric.js';
import { packRows64, rowsPanelProduct32, rowsPanelProduct64 } from '../../core/gemm.js';
import { expansionFloor, expansionSlack } from '../../distance/expansion.js';
import { rowSqNorms } from '../../distance/kernels.js';
import { cosineFromSums } from '../../distance/metrics.js';
import { GATHER_ROWS, gatherDistances, gatherSqOne } from './gather.js';
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
  const batch = new Int32Array(B);
  const d = src.type === 'data' ? src.d : 1;
  const rows = new Float64Array(src.type === 'data' ? B * d : 0);
  const rowSq = new Float64Array(B);
  // Euclidean metrics go through dot products (see dotFill); `dist` then holds, per candidate,
  // the B batch nodes' products (candidate-major), else per batch node its distances.
  const cosine = src.type === 'data' && src.metric === 'cosine';
  const dot = src.type === 'data' && (src.metric === 'euclidean' || src.metric === 'sqeuclidean' || cosine) ? dotState(src.data, n, d, B, src.sq) : null;
  const root = src.type === 'data' && src.metric === 'euclidean';
  const dist = new Float64Array(B * (n + GATHER_ROWS));
  const cs = dot === null ? 1 : B;
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
    // Every candidate some batch node could need: one whose edge from that node, weighing at
    // least max(core, core), could still win or tie-and-win (best edges only move earlier in the
    // tie rule's order during the batch, so a candidate left out stays out).
    let m = 0;
    for (let t = 0; t < remLen; t++) {
      const j = rem[t]!;
      const cj = core[j]!;
      const best = minReach[j]!;
      for (let b = 0; b < nb; b++) {
        const cb = core[batch[b]!]!;
        const lb = cb > cj ? cb : cj;
        if (lb < best || (lb === best && edgeBefore(lb, batch[b]!, j, best, from[j]!, j))) {
          col[j] = m;
          union[m++] = j;
          break;
        }
      }
    }
    if (m > 0) {
      if (dot !== null) dotFill(src as DataDistances, batch, nb, union, m, dist, rows, dot);
      else fill(src, batch, nb, union, m, dist, n, rows, rowSq);
    }
    pending += m * d * nb;
    // Prim's steps, as long as the guesses hold.
    for (let b = 0; b < nb && step < n - 1; b++) {
      if (batch[b] !== cur) break;
      const cc = core[cur]!;
      const off = dot === null ? b * n : b;
      const sqc = dot === null ? 0 : dot.sq[cur]!;
      // The update of each candidate's best edge, and in the same pass the next node: the
      // smallest crossing edge in the tie rule's order.
      let bt = -1;
      let bj = -1;
      for (let t = 0; t < remLen; t++) {
        const j = rem[t]!;
        relax: {
          const cj = core[j]!;
          const lb = cc > cj ? cc : cj;
          const best = minReach[j]!;
          if (lb > best || (lb === best && !edgeBefore(lb, cur, j, best, from[j]!, j))) break relax;
          let v = dist[off + col[j]! * cs]!;
          if (cosine) {
            // The same sums as the difference kernels' cosine: exact, nothing to re-check.
            v = 1 - cosineFromSums(v, sqc, dot!.sq[j]!);
          } else if (dot !== null) {
            // v is the product: bound the difference-form sum S from both sides.
            const sum = sqc + dot.sq[j]!;
            const e = sum - 2 * v;
            const err = dot.slack * sum + dot.floor;
            // S certainly beyond best (√S too, for 'euclidean'): the edge can neither win nor tie.
            if (e - err > (root ? best * best * ROOT_MARGIN + 1e-300 : best)) break relax;
            if (e + err < (root ? lb * lb * ROOT_SHRINK : lb)) {
              v = lb; // the distance is at most the core distances: the edge weighs max(cc, cj)
            } else {
              dot.one[0] = j;
              gatherSqOne(rows, b * d, (src as DataDistances).data, dot.one, 0, 1, d, dot.out);
              v = root ? Math.sqrt(dot.out[0]!) : dot.out[0]!;
            }
          }
          if (cc > v) v = cc;
          if (cj > v) v = cj;
          if (v < best || (v === best && edgeBefore(v, cur, j, best, from[j]!, j))) {
            minReach[j] = v;
            from[j] = cur;
          }
        }
        if (bt < 0 || before(minReach, from, j, bj)) {
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

/** Relative widening of a squared threshold so that √ of anything beyond it rounds above the threshold's root. */
const ROOT_MARGIN = 1 + 2 ** -48;
/** Relative narrowing of a squared threshold so that √ of anything below it rounds to at most the threshold's root. */
const ROOT_SHRINK = 1 - 2 ** -48;

type DataDistances = Extract<PrimDistances, { type: 'data' }>;

/** Buffers of the dot-product path. */
interface DotState {
  /** Squared norms of all rows (coordinate order, as the expansion's bound assumes). */
  sq: Float64Array;
  /** The batch rows packed in 4-row panels. */
  packed: Float64Array;
  /** Relative and absolute error of the expansion `‖a‖² + ‖b‖² − 2a·b` against the difference form. */
  slack: number;
  floor: number;
  /** One row number and its exact sum, for re-checks. */
  one: Int32Array;
  out: Float64Array;
}

function dotState(data: FloatArray, n: number, d: number, B: number, sq: Float64Array | null): DotState {
  return { sq: sq ?? rowSqNorms(data, n, d), packed: new Float64Array(B * d), slack: expansionSlack(d), floor: expansionFloor(d), one: new Int32Array(1), out: new Float64Array(1) };
}

/**
 * dist[t·B + b] = batch row b · union row t, through the register-tiled row × panel products of
 * `core/gemm.ts`: the batch rows packed once (8 KiB per row pair at d = 512, in L1), the
 * candidates read in place four at a time (Float32 widened as read). A product plus the squared
 * norms only bounds the difference-form distance (see `distance/expansion.ts`); the step loop
 * re-computes exactly the rare candidates the bound cannot settle.
 */
function dotFill(src: DataDistances, batch: Int32Array, nb: number, union: Int32Array, m: number, dist: Float64Array, rows: Float64Array, st: DotState): void {
  const d = src.d;
  const data = src.data;
  const B = batch.length;
  const groups = Math.ceil(nb / GATHER_ROWS);
  for (let b = 0; b < groups * GATHER_ROWS; b++) {
    const r = batch[b < nb ? b : b - (b % GATHER_ROWS)]!;
    rows.set(data.subarray(r * d, (r + 1) * d), b * d);
  }
  packRows64(rows, 0, groups * GATHER_ROWS, d, st.packed, 0);
  for (let t = 0; t < m; t += 4) {
    const o0 = union[t]! * d;
    const o1 = t + 1 < m ? union[t + 1]! * d : o0;
    const o2 = t + 2 < m ? union[t + 2]! * d : o0;
    const o3 = t + 3 < m ? union[t + 3]! * d : o0;
    if (data instanceof Float64Array) rowsPanelProduct64(data, o0, o1, o2, o3, d, st.packed, groups, dist, t * B, B);
    else rowsPanelProduct32(data, o0, o1, o2, o3, d, st.packed, groups, dist, t * B, B);
  }
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
