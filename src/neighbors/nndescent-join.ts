/**
 * The local join of NN-descent: a small set of points (one point's new and old candidates, or a
 * leaf of a random-projection tree) is copied into a Float64 tile, the pairwise distances the
 * algorithm needs are computed there with the shared register-blocked kernels, and each pair is
 * offered to both points' neighbour heaps. With squared euclidean and cosine only the new
 * candidates are copied; the old ones are read in place by kernels that sum the same way.
 *
 * Internal module: arguments are not validated.
 */
import type { Matrix } from '../core/matrix.js';
import { distanceRows } from '../distance/kernels.js';
import { cosineFromSums } from '../distance/metrics.js';
import { callMetric, type MetricFunction, type MetricName } from '../distance/metric.js';
import { gatherRow32, gatherRow64 } from './graph-rows.js';
import { flaggedHeapPush } from './nndescent-heap.js';
import { dotRows32, dotRows64, sqRows32, sqRows64 } from './scattered-rows.js';

/** Multiply-adds between checkpoints of the NN-descent stages (about a millisecond of work). */
export const WORK_PER_CHECKPOINT: number = 1 << 21;

/** A pair's fixed cost (heap tests, bookkeeping) in multiply-adds, so that low d still yields. */
export const PAIR_OVERHEAD: number = 16;

/** The data and scratch buffers a join reads and writes. */
export interface JoinSpace {
  /** Public function name (for a custom metric's errors). */
  fn: string;
  /** The data when stored as Float32 (else null). */
  X32: Float32Array | null;
  /** The data when stored as Float64 (else null). */
  X64: Float64Array | null;
  /** Row length. */
  d: number;
  /** Distance used inside the search (`'sqeuclidean'` stands in for `'euclidean'`). */
  metric: MetricName | MetricFunction;
  /** Squared norms of every data row (`'cosine'` only, else null). */
  sqNorms: Float64Array | null;
  /** Slots in the tile. */
  cap: number;
  /** The tile: `cap` rows of d doubles. */
  S: Float64Array;
  /** Squared norms of the tile's rows (`'cosine'` only). */
  sqS: Float64Array;
  /** Zero-copy views of the tile's rows, for a custom metric (else null). */
  views: Float64Array[] | null;
  /** Two rows of `cap` distances. */
  out: Float64Array;
}

/**
 * Creates the join buffers for a matrix (its data is read in place).
 *
 * @internal
 * @param fn - public function name
 * @param X - the data
 * @param metric - distance used inside the search
 * @param sqNorms - squared row norms (cosine) or null
 * @param cap - largest number of points joined at once
 * @returns the space
 * @example
 * ```ts
 * const sp = joinSpace('knnGraph', X, 'sqeuclidean', null, 32);
 * ```
 */
export function joinSpace(fn: string, X: Matrix, metric: MetricName | MetricFunction, sqNorms: Float64Array | null, cap: number): JoinSpace {
  const d = X.cols;
  const S = new Float64Array(cap * d);
  let views: Float64Array[] | null = null;
  if (typeof metric === 'function') {
    views = new Array<Float64Array>(cap);
    for (let s = 0; s < cap; s++) views[s] = S.subarray(s * d, (s + 1) * d);
  }
  return {
    fn,
    X32: X.data instanceof Float32Array ? X.data : null,
    X64: X.data instanceof Float64Array ? X.data : null,
    d,
    metric,
    sqNorms,
    cap,
    S,
    sqS: new Float64Array(cap),
    views,
    out: new Float64Array(2 * cap),
  };
}

/**
 * Copies rows `ids[from … from+count)` into tile slots 0 … count−1. O(count·d).
 *
 * @internal
 * @param sp - the space
 * @param ids - row numbers
 * @param from - first position in `ids`
 * @param count - rows to copy (≤ `sp.cap`)
 * @example
 * ```ts
 * gatherSlots(sp, Int32Array.of(4, 9), 0, 2);
 * ```
 */
export function gatherSlots(sp: JoinSpace, ids: Int32Array, from: number, count: number): void {
  const { d, S, X32, X64, sqNorms, sqS } = sp;
  if (X32 !== null) for (let s = 0; s < count; s++) gatherRow32(X32, ids[from + s]!, S, s, d);
  else for (let s = 0; s < count; s++) gatherRow64(X64!, ids[from + s]!, S, s, d);
  if (sqNorms !== null) for (let s = 0; s < count; s++) sqS[s] = sqNorms[ids[from + s]!]!;
}

/**
 * Joins the points `ids[from … from+total)`, whose first `nNew` are "new": computes the distance
 * of every pair with at least one new member (new–new once, new–old) and offers each pair to
 * both points' neighbour heaps (flagged new). Pairs of the same point are skipped. O(nNew·total·d)
 * plus O(k) per admitted pair. Squared euclidean and cosine read every row in place (the same
 * sums as on a tile: `scattered-rows.ts`); the other metrics copy all `total` rows into the tile.
 *
 * @internal
 * @param sp - the space
 * @param ids - row numbers
 * @param from - first position in `ids`
 * @param nNew - how many of them are new (the first ones)
 * @param total - how many points in all (≤ `sp.cap`)
 * @param D - neighbour-heap distances (n·k)
 * @param T - neighbour-heap tagged indices (n·k, see nndescent-heap.ts)
 * @param k - heap capacity
 * @returns how many heap entries changed
 * @example
 * ```ts
 * const changed = joinSlots(sp, ids, 0, nNew, nNew + nOld, D, T, k);
 * ```
 */
export function joinSlots(sp: JoinSpace, ids: Int32Array, from: number, nNew: number, total: number, D: Float64Array, T: Int32Array, k: number): number {
  if (nNew === 0 || total < 2) return 0;
  const { metric, S, sqS, out, cap, d, X32, X64, sqNorms } = sp;
  // Squared euclidean and cosine read every row in place (the same sums as on a tile, without
  // copying each new candidate again for every list it is new in); other metrics use the tile.
  const sq = metric === 'sqeuclidean';
  const inPlace = sq || metric === 'cosine';
  if (!inPlace) gatherSlots(sp, ids, from, total);
  let changed = 0;
  for (let a = 0; a < nNew; a += 2) {
    const two = a + 1 < nNew;
    const j0 = a + 1;
    if (inPlace) {
      // Rows a and a + 1 against rows a + 1 … total − 1 (the (a + 1, a + 1) entry goes unused).
      const p0 = ids[from + a]!;
      const p1 = two ? ids[from + a + 1]! : -1;
      const a1 = two ? p1 * d : -1;
      if (sq) {
        if (X32 !== null) sqRows32(X32, p0 * d, a1, ids, from, j0, total, d, out, 0, cap);
        else sqRows64(X64!, p0 * d, a1, ids, from, j0, total, d, out, 0, cap);
      } else {
        if (X32 !== null) dotRows32(X32, p0 * d, a1, ids, from, j0, total, d, out, 0, cap);
        else dotRows64(X64!, p0 * d, a1, ids, from, j0, total, d, out, 0, cap);
        // distanceRows' cosine from the dot products (the same formula, the same bits).
        const norms = sqNorms!;
        const aa0 = norms[p0]!;
        const aa1 = two ? norms[p1]! : 0;
        for (let j = j0; j < total; j++) {
          const bb = norms[ids[from + j]!]!;
          out[j - j0] = 1 - cosineFromSums(out[j - j0]!, aa0, bb);
          if (two) out[cap + j - j0] = 1 - cosineFromSums(out[cap + j - j0]!, aa1, bb);
        }
      }
    } else if (typeof metric === 'function') {
      const views = sp.views!;
      for (let j = j0; j < total; j++) out[j - j0] = callMetric(sp.fn, metric, views[a]!, views[j]!);
      if (two) for (let j = j0 + 1; j < total; j++) out[cap + j - j0] = callMetric(sp.fn, metric, views[a + 1]!, views[j]!);
    } else {
      // Rows a and a + 1 against rows a + 1 … total − 1 (the (a + 1, a + 1) entry goes unused).
      distanceRows(metric, S, a, two ? a + 1 : -1, S, j0, total, d, out, 0, cap, sqS, sqS);
    }
    changed += offerRow(ids, from, a, j0, total, out, 0, D, T, k);
    if (two) changed += offerRow(ids, from, a + 1, j0 + 1, total, out, cap + 1, D, T, k);
  }
  return changed;
}

/** Offers the pairs (slot a, slot j) for j in [j0, total), with distances at `out[o + j − j0]`. */
function offerRow(ids: Int32Array, from: number, a: number, j0: number, total: number, out: Float64Array, o: number, D: Float64Array, T: Int32Array, k: number): number {
  const p = ids[from + a]!;
  const pOff = p * k;
  let changed = 0;
  for (let j = j0; j < total; j++) {
    const q = ids[from + j]!;
    if (q === p) continue;
    const dist = out[o + j - j0]!;
    // Cheap admission test against each root (tagged as new) before the heap call.
    const pTop = D[pOff]!;
    if (dist < pTop || (dist === pTop && 2 * q + 1 < T[pOff]!)) changed += flaggedHeapPush(D, T, pOff, k, dist, q, 1);
    const qOff = q * k;
    const qTop = D[qOff]!;
    if (dist < qTop || (dist === qTop && 2 * p + 1 < T[qOff]!)) changed += flaggedHeapPush(D, T, qOff, k, dist, p, 1);
  }
  return changed;
}
