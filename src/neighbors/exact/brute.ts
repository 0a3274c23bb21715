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
 * Float32 data is widened a cache block at a time into scratch buffers (never as a whole).
 * The block searches are generators that yield after each block (checkpoints for `signal`).
 * Internal module: arguments are not validated.
 */
import type { FloatArray } from '../../core/matrix.js';
import type { Work } from '../../core/task.js';
import { distanceRows, widenRows } from '../../distance/kernels.js';
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
 * Float32 `P` or `Q` are widened one block at a time; the cosine norms are only supported with
 * Float64 data (Float32 cosine runs through `brute-dot.ts`).
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
 * @returns a generator that yields after each block and finishes when D and I are filled
 * @example
 * ```ts
 * runSync(bruteKnn('euclidean', P, n, Q, q, d, k, null, null, null, D, I), { fn: 'knn' });
 * ```
 */
export function* bruteKnn(
  metric: MetricName,
  P: FloatArray,
  np: number,
  Q: FloatArray,
  nq: number,
  d: number,
  k: number,
  sqP: Float64Array | null,
  sqQ: Float64Array | null,
  ids: Int32Array | null,
  D: Float64Array,
  I: Int32Array,
): Work<void> {
  const nb = pointBlock(d, np);
  const buf = new Float64Array(QUERY_BLOCK * nb);
  const sizes = new Int32Array(QUERY_BLOCK);
  const pw = P instanceof Float32Array ? new Float64Array(nb * d) : null;
  const qw = Q instanceof Float32Array ? new Float64Array(QUERY_BLOCK * d) : null;
  for (let q0 = 0; q0 < nq; q0 += QUERY_BLOCK) {
    const q1 = Math.min(nq, q0 + QUERY_BLOCK);
    sizes.fill(0);
    // Widened blocks are addressed from their first row (qb, pb); Float64 data in place.
    let qs: Float64Array;
    let qb = 0;
    if (qw !== null) {
      widenRows(Q as Float32Array, q0, q1 - q0, d, qw);
      qs = qw;
      qb = q0;
    } else {
      qs = Q as Float64Array;
    }
    for (let j0 = 0; j0 < np; j0 += nb) {
      const j1 = Math.min(np, j0 + nb);
      const m = j1 - j0;
      let ps: Float64Array;
      let pb = 0;
      if (pw !== null) {
        widenRows(P as Float32Array, j0, m, d, pw);
        ps = pw;
        pb = j0;
      } else {
        ps = P as Float64Array;
      }
      let q = q0;
      for (; q + 1 < q1; q += 2) distanceRows(metric, qs, q - qb, q + 1 - qb, ps, j0 - pb, j1 - pb, d, buf, (q - q0) * nb, (q + 1 - q0) * nb, sqQ, sqP);
      if (q < q1) distanceRows(metric, qs, q - qb, -1, ps, j0 - pb, j1 - pb, d, buf, (q - q0) * nb, 0, sqQ, sqP);
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
      yield;
    }
    for (let r = q0; r < q1; r++) heapSortAscending(D, I, r * k, k);
  }
}

/**
 * For each of the `n` rows of `P`, its `k` nearest *other* rows (1 ≤ k ≤ n − 1). Each unordered
 * pair is computed once (the kernels are exactly symmetric) and offered to both rows' heaps.
 * Float32 `P` is widened a block at a time (cosine norms: Float64 data only, as {@link bruteKnn}).
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
 * @returns a generator that yields after each block of columns and finishes when D and I are filled
 * @example
 * ```ts
 * runSync(bruteKnnSelf('euclidean', P, n, d, k, null, null, D, I), { fn: 'knnSelf' });
 * ```
 */
export function* bruteKnnSelf(
  metric: MetricName,
  P: FloatArray,
  n: number,
  d: number,
  k: number,
  sqP: Float64Array | null,
  ids: Int32Array | null,
  D: Float64Array,
  I: Int32Array,
): Work<void> {
  const sizes = new Int32Array(n);
  // tops[j]: the worst distance kept by row j's heap once full (contiguous, for a fast reject).
  const tops = new Float64Array(n).fill(Infinity);
  // Column blocks [j0, j1): the block's points and the heaps of its rows stay in cache while
  // every earlier pair of rows sweeps it.
  const block = Math.max(4, pointBlock(d, n) & ~3);
  const buf = new Float64Array(2 * block);
  const f32 = P instanceof Float32Array ? P : null;
  const colW = f32 !== null ? new Float64Array(block * d) : null;
  const rowW = f32 !== null ? new Float64Array(2 * d) : null;
  for (let j0 = 0; j0 < n; j0 += block) {
    const j1 = Math.min(n, j0 + block);
    // Row and column data: in place (Float64), or widened copies addressed from rw / cb.
    let cs = P as Float64Array;
    let cb = 0;
    if (f32 !== null) {
      widenRows(f32, j0, j1 - j0, d, colW!);
      cs = colW!;
      cb = j0;
    }
    for (let i = 0; i + 1 < j1; i += 2) {
      // Row i against columns s0 … j1−1, row i+1 against s1 … j1−1 (column i+1 belongs to row i).
      const s0 = Math.max(j0, i + 1);
      const s1 = Math.max(j0, i + 2);
      let rs = P as Float64Array;
      let rb = 0;
      if (f32 !== null) {
        widenRows(f32, i, 2, d, rowW!);
        rs = rowW!;
        rb = i;
      }
      if (s0 < s1) distanceRows(metric, rs, i - rb, -1, cs, s0 - cb, s1 - cb, d, buf, 0, 0, sqP, sqP);
      if (s1 < j1) distanceRows(metric, rs, i - rb, i + 1 - rb, cs, s1 - cb, j1 - cb, d, buf, s1 - s0, block, sqP, sqP);
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
    yield;
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
