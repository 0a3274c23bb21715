/**
 * Exact brute-force k-nearest neighbours: every distance computed with the register-blocked
 * kernels of `distance/kernels.ts`, candidates kept in bounded max-heaps (`heap.ts`).
 *
 * - {@link bruteKnn}: queries × points, in cache blocks (a block of query rows against a block
 *   of point rows, then heap offers), O(q·n·d) time, O(q·k + block) memory.
 * - {@link bruteKnnSelf}: every point's k nearest other points, computing each unordered pair
 *   once and offering it to both heaps: half the distance work of the general path.
 * - {@link bruteKnnFunction}: the same for a custom metric function (called as `metric(query, point)`).
 *
 * Results are written to `D`/`I` (row-major q×k) sorted nearest first, ties by lower index.
 * Internal module: arguments are not validated.
 */
import { distanceRows } from '../../distance/kernels.js';
import { type MetricFunction, type MetricName, callMetric } from '../../distance/metric.js';
import { heapOffer, heapSortAscending } from '../heap.js';

/** Query rows per block. */
const QUERY_BLOCK = 16;
/** Doubles of point data per block (256 KiB, stays in L2 while the query block sweeps it). */
const POINT_BLOCK_DOUBLES = 32768;

function pointBlock(d: number, n: number): number {
  return Math.max(4, Math.min(n, Math.floor(POINT_BLOCK_DOUBLES / Math.max(1, d))));
}

/**
 * For each of the `nq` rows of `Q`, its `k` nearest rows of `P` (indices are row numbers of `P`).
 *
 * @internal
 * @param metric - built-in metric
 * @param P - point data, `np × d`
 * @param np - number of points
 * @param Q - query data, `nq × d`
 * @param nq - number of queries
 * @param d - row length
 * @param k - neighbours per query (1 ≤ k ≤ np)
 * @param sqP - squared norms of `P`'s rows (cosine only)
 * @param sqQ - squared norms of `Q`'s rows (cosine only)
 * @param ids - index reported for each row of `P` (its original row number; ties are broken
 *   on these), or null for the row numbers themselves
 * @param D - output distances, `nq × k`
 * @param I - output indices, `nq × k`
 * @example
 * ```ts
 * bruteKnn('euclidean', P, n, Q, q, d, k, null, null, null, D, I);
 * ```
 */
export function bruteKnn(
  metric: MetricName,
  P: Float64Array,
  np: number,
  Q: Float64Array,
  nq: number,
  d: number,
  k: number,
  sqP: Float64Array | null,
  sqQ: Float64Array | null,
  ids: Int32Array | null,
  D: Float64Array,
  I: Int32Array,
): void {
  const nb = pointBlock(d, np);
  const buf = new Float64Array(QUERY_BLOCK * nb);
  const sizes = new Int32Array(QUERY_BLOCK);
  for (let q0 = 0; q0 < nq; q0 += QUERY_BLOCK) {
    const q1 = Math.min(nq, q0 + QUERY_BLOCK);
    sizes.fill(0);
    for (let j0 = 0; j0 < np; j0 += nb) {
      const j1 = Math.min(np, j0 + nb);
      const m = j1 - j0;
      let q = q0;
      for (; q + 1 < q1; q += 2) distanceRows(metric, Q, q, q + 1, P, j0, j1, d, buf, (q - q0) * nb, (q + 1 - q0) * nb, sqQ, sqP);
      if (q < q1) distanceRows(metric, Q, q, -1, P, j0, j1, d, buf, (q - q0) * nb, 0, sqQ, sqP);
      for (let r = q0; r < q1; r++) {
        const off = r * k;
        const b = (r - q0) * nb;
        let size = sizes[r - q0]!;
        let top = size === k ? D[off]! : Infinity;
        for (let c = 0; c < m; c++) {
          const dist = buf[b + c]!;
          if (dist > top) continue;
          size = heapOffer(D, I, off, size, k, dist, ids === null ? j0 + c : ids[j0 + c]!);
          if (size === k) top = D[off]!;
        }
        sizes[r - q0] = size;
      }
    }
    for (let r = q0; r < q1; r++) heapSortAscending(D, I, r * k, k);
  }
}

/**
 * For each of the `n` rows of `P`, its `k` nearest *other* rows (1 ≤ k ≤ n − 1). Each unordered
 * pair is computed once (the kernels are exactly symmetric) and offered to both rows' heaps.
 *
 * @internal
 * @param metric - built-in metric
 * @param P - point data, `n × d`
 * @param n - number of points
 * @param d - row length
 * @param k - neighbours per point
 * @param sqP - squared norms of `P`'s rows (cosine only)
 * @param ids - original row number of each row of `P` (results go to that output row and are
 *   reported and tie-broken by it), or null for the row numbers themselves
 * @param D - output distances, `n × k`
 * @param I - output indices, `n × k`
 * @example
 * ```ts
 * bruteKnnSelf('euclidean', P, n, d, k, null, null, D, I);
 * ```
 */
export function bruteKnnSelf(
  metric: MetricName,
  P: Float64Array,
  n: number,
  d: number,
  k: number,
  sqP: Float64Array | null,
  ids: Int32Array | null,
  D: Float64Array,
  I: Int32Array,
): void {
  const sizes = new Int32Array(n);
  // tops[j]: the worst distance kept by row j's heap once full (contiguous, for a fast reject).
  const tops = new Float64Array(n).fill(Infinity);
  // Column blocks [j0, j1): the block's points and the heaps of its rows stay in cache while
  // every earlier pair of rows sweeps it.
  const block = Math.max(4, pointBlock(d, n) & ~3);
  const buf = new Float64Array(2 * block);
  for (let j0 = 0; j0 < n; j0 += block) {
    const j1 = Math.min(n, j0 + block);
    for (let i = 0; i + 1 < j1; i += 2) {
      // Row i against columns s0 … j1−1, row i+1 against s1 … j1−1 (column i+1 belongs to row i).
      const s0 = Math.max(j0, i + 1);
      const s1 = Math.max(j0, i + 2);
      if (s0 < s1) distanceRows(metric, P, i, -1, P, s0, s1, d, buf, 0, 0, sqP, sqP);
      if (s1 < j1) distanceRows(metric, P, i, i + 1, P, s1, j1, d, buf, s1 - s0, block, sqP, sqP);
      for (let t = 0; t < 2; t++) {
        const r = i + t;
        const from = t === 0 ? s0 : s1;
        const b = t === 0 ? -s0 : block - s1; // buf[b + j] = dist(r, j)
        const rid = ids === null ? r : ids[r]!;
        const off = rid * k;
        let size = sizes[r]!;
        let top = tops[r]!;
        for (let j = from; j < j1; j++) {
          const dist = buf[b + j]!;
          const jid = ids === null ? j : ids[j]!;
          if (dist <= top) {
            size = heapOffer(D, I, off, size, k, dist, jid);
            if (size === k) top = D[off]!;
          }
          if (dist <= tops[j]!) {
            const oj = jid * k;
            const sj = heapOffer(D, I, oj, sizes[j]!, k, dist, rid);
            sizes[j] = sj;
            if (sj === k) tops[j] = D[oj]!;
          }
        }
        sizes[r] = size;
        tops[r] = top;
      }
    }
  }
  for (let r = 0; r < n; r++) heapSortAscending(D, I, r * k, k);
}

/**
 * Brute force for a custom metric function: `metric(query, point)` for every pair (every
 * `j ≠ i` when `self`), each answer checked by `callMetric`.
 *
 * @internal
 * @param fn - public function name for error messages
 * @param metric - the custom distance
 * @param points - row views of the points
 * @param queries - row views of the queries (the points themselves when `self`)
 * @param k - neighbours per query
 * @param self - exclude the query's own index (queries are the points)
 * @param D - output distances, `queries.length × k`
 * @param I - output indices, `queries.length × k`
 * @example
 * ```ts
 * bruteKnnFunction('knn', (a, b) => Math.abs(a[0]! - b[0]!), points, queries, 2, false, D, I);
 * ```
 */
export function bruteKnnFunction(
  fn: string,
  metric: MetricFunction,
  points: readonly Float64Array[],
  queries: readonly Float64Array[],
  k: number,
  self: boolean,
  D: Float64Array,
  I: Int32Array,
): void {
  const np = points.length;
  for (let r = 0; r < queries.length; r++) {
    const qv = queries[r]!;
    const off = r * k;
    let size = 0;
    for (let j = 0; j < np; j++) {
      if (self && j === r) continue;
      size = heapOffer(D, I, off, size, k, callMetric(fn, metric, qv, points[j]!), j);
    }
    heapSortAscending(D, I, off, k);
  }
}
