/**
 * Exact brute-force k-nearest neighbours at high dimension, through the packed matrix product
 * (`distance/expansion.ts`): blocks of query rows × blocks of points as dot-product tiles, each
 * tile scanned into per-query bounded heaps.
 *
 * Exactness. Cosine distances come out of the tiles bit-for-bit equal to the difference
 * kernels' (same sums, same order). Euclidean and squared euclidean tiles hold the expansion
 * `‖q‖² + ‖p‖² − 2q·p`, which only filters: a point is skipped when the expansion minus its
 * proven error bound exceeds the query's current k-th distance (squared, with a margin that
 * keeps √ ties apart); every point that passes is recomputed with the difference form before it
 * enters the heap. The heaps order (distance, index) pairs lexicographically, so the answer —
 * indices, distances and tie order — is exactly the difference-form brute force's. Near the
 * k-th distance the bound is about 1e-13 of the squared norms: only exact ties and
 * near-duplicates are recomputed besides the candidates that improve a heap.
 *
 * Memory: the packed query block (≤ 1 MiB; for self-search also ≤ about n/32 rows), one packed
 * block of points (≤ 256 KiB), the product tile (query block × ≤ 256 doubles) and O(q)
 * per-query scalars; the points are never copied (Float32 rows are widened a block at a time as
 * they are packed).
 *
 * Internal module: arguments are not validated.
 */
import type { FloatArray } from '../../core/matrix.js';
import type { Work } from '../../core/task.js';
import { COSINE_FILTER_MARGIN, dotBlock, expansionFloor, expansionSlack, inverseNorms, packRows, panelSqDiff32, panelSqDiff64 } from '../../distance/expansion.js';
import { cosineFromSums } from '../../distance/metrics.js';
import { heapOffer, heapSortAscending } from '../heap.js';

/** The metrics of the product path. */
export type DotMetric = 'euclidean' | 'sqeuclidean' | 'cosine';

/** Doubles of packed query rows per super-block (1 MiB): the points are packed once per super-block. */
const QUERY_DOUBLES = 1 << 17;
/** Doubles of packed point rows per block at depth ≤ 256 (256 KiB, stays in L2). */
const POINT_DOUBLES = 1 << 15;

/** Relative widening of a squared euclidean threshold so that √ of anything beyond it rounds above the k-th distance. */
const ROOT_MARGIN = 1 + 2 ** -48;

/** Rows per block of points for depth d: a multiple of 4 in [4, 256]. */
function pointBlockRows(d: number): number {
  return Math.max(4, Math.min(256, Math.floor(POINT_DOUBLES / Math.max(1, Math.min(d, 256))))) & ~3;
}

/** Query rows per super-block for depth d: a multiple of 4, at least 4. */
function queryBlockRows(d: number): number {
  return Math.max(4, Math.floor(QUERY_DOUBLES / Math.max(1, d))) & ~3;
}

/**
 * Squared-domain skip threshold of a heap whose worst kept distance is `top`: a pair whose
 * lower bound exceeds it cannot enter the heap (for `'euclidean'` even after its √ is rounded).
 */
function threshold(metric: DotMetric, top: number): number {
  return metric === 'euclidean' ? top * top * ROOT_MARGIN + 1e-300 : top;
}

/**
 * For each of the `nq` rows of `Q` (or, when `Q` is null, each row of `P` among the others), its
 * `k` nearest rows of `P`, exact: results equal `bruteKnn` / `bruteKnnSelf` of `brute.ts` bit for
 * bit. A generator: yields after every block of points (a few ms of work) and reports progress
 * after every super-block of queries.
 *
 * Self-search computes each unordered pair once (the upper triangle of blocks) and offers it to
 * both rows' heaps.
 *
 * @internal
 * @param metric - `'euclidean'`, `'sqeuclidean'` or `'cosine'`
 * @param P - point data, `np × d` (Float64 or Float32)
 * @param np - number of points
 * @param Q - query data, `nq × d`, or null for self-search
 * @param nq - number of queries (np for self-search)
 * @param d - row length
 * @param k - neighbours per query
 * @param sqP - squared norms of P's rows (from `rowSqNorms`)
 * @param sqQ - squared norms of Q's rows (sqP for self-search)
 * @param ids - reported index (and tie-break key) of each row of P, or null for the row numbers;
 *   in self-search also the output row of each row of P
 * @param D - output distances, `nq × k`
 * @param I - output indices, `nq × k`
 * @param stage - progress stage name
 * @returns a generator finishing when D and I are filled (sorted, nearest first)
 * @example
 * ```ts
 * runSync(bruteKnnDot('cosine', P, n, Q, q, d, 10, sqP, sqQ, null, D, I, 'search'), { fn: 'knn' });
 * ```
 */
export function* bruteKnnDot(
  metric: DotMetric,
  P: FloatArray,
  np: number,
  Q: FloatArray | null,
  nq: number,
  d: number,
  k: number,
  sqP: Float64Array,
  sqQ: Float64Array,
  ids: Int32Array | null,
  D: Float64Array,
  I: Int32Array,
  stage: string,
): Work<void> {
  const self = Q === null;
  const A = Q ?? P;
  const cosine = metric === 'cosine';
  const root = metric === 'euclidean';
  const nb = pointBlockRows(d);
  // Self-search super-blocks also stay below about n/32 rows (≥ 128), a small share of the data.
  const mqMax = Math.min(((nq + 3) >> 2) << 2, queryBlockRows(d), self ? Math.max(128, ((np >> 5) + 3) & ~3) : Infinity);
  const ap = new Float64Array(mqMax * d);
  const bp = new Float64Array(nb * d);
  const tile = new Float64Array(mqMax * nb);
  // Per output row: heap size and skip threshold (all rows for self-search, whose heaps fill from both sides).
  const rowsState = self ? np : mqMax;
  const sizes = new Int32Array(rowsState);
  const thr = new Float64Array(rowsState).fill(Infinity);
  const invP = cosine ? inverseNorms(sqP) : null;
  const invQ = cosine ? (self ? invP! : inverseNorms(sqQ)) : null;
  const slack = expansionSlack(d);
  const floor = expansionFloor(d);
  const p32 = P instanceof Float32Array ? P : null;
  const p64 = P instanceof Float64Array ? P : null;
  for (let q0 = 0; q0 < nq; q0 += mqMax) {
    const mq = Math.min(mqMax, nq - q0);
    packRows(A, q0, mq, d, ap, 0);
    if (!self) {
      sizes.fill(0);
      thr.fill(Infinity);
    }
    // Self-search: only blocks of points from the first row of the super-block on (the pairs
    // with both rows before it were offered by earlier super-blocks).
    for (let j0 = self ? q0 : 0; j0 < np; j0 += nb) {
      const m = Math.min(nb, np - j0);
      packRows(P, j0, m, d, bp, 0);
      dotBlock(ap, mq, bp, m, d, tile, nb);
      for (let r = 0; r < mq; r++) {
        const qi = q0 + r;
        const st = self ? qi : r; // state slot of this query row
        const out = (self && ids !== null ? ids[qi]! : qi) * k;
        const pa = ((r >> 2) << 2) * d + (r & 3); // the row in its packed panel
        const t0 = r * nb;
        const na = sqQ[qi]!;
        let tr = thr[st]!;
        let size = sizes[st]!;
        const cStart = self && j0 <= qi ? qi + 1 - j0 : 0;
        if (cosine) {
          const ia = invQ![qi]!;
          for (let c = cStart; c < m; c++) {
            const j = j0 + c;
            const dot = tile[t0 + c]!;
            const approx = 1 - dot * ia * invP![j]! - COSINE_FILTER_MARGIN;
            if (approx > tr && (!self || approx > thr[j]!)) continue;
            const dist = 1 - cosineFromSums(dot, na, sqP[j]!);
            if (dist <= tr) {
              size = heapOffer(D, I, out, size, k, dist, ids === null ? j : ids[j]!);
              if (size === k) tr = D[out]!;
            }
            if (self && dist <= thr[j]!) offerOther(D, I, sizes, thr, ids, j, qi, k, dist, metric);
          }
        } else {
          for (let c = cStart; c < m; c++) {
            const j = j0 + c;
            const sum = na + sqP[j]!;
            const low = sum - 2 * tile[t0 + c]! - slack * sum - floor;
            if (low > tr && (!self || low > thr[j]!)) continue;
            const sq = p32 !== null ? panelSqDiff32(ap, pa, p32, j * d, d) : panelSqDiff64(ap, pa, p64!, j * d, d);
            const dist = root ? Math.sqrt(sq) : sq;
            if (size < k || dist <= D[out]!) {
              size = heapOffer(D, I, out, size, k, dist, ids === null ? j : ids[j]!);
              if (size === k) tr = threshold(metric, D[out]!);
            }
            if (self) offerOther(D, I, sizes, thr, ids, j, qi, k, dist, metric);
          }
        }
        thr[st] = tr;
        sizes[st] = size;
      }
      yield;
    }
    if (!self) for (let r = 0; r < mq; r++) heapSortAscending(D, I, (q0 + r) * k, k);
    yield { stage, completed: q0 + mq, total: nq };
  }
  if (self) for (let r = 0; r < np; r++) heapSortAscending(D, I, r * k, k);
}

/** Self-search: offers the pair (j, i) to row j's heap (the mirror of an offer to row i). */
function offerOther(
  D: Float64Array,
  I: Int32Array,
  sizes: Int32Array,
  thr: Float64Array,
  ids: Int32Array | null,
  j: number,
  i: number,
  k: number,
  dist: number,
  metric: DotMetric,
): void {
  const out = (ids === null ? j : ids[j]!) * k;
  const size = sizes[j]!;
  if (size === k && dist > D[out]!) return;
  const s = heapOffer(D, I, out, size, k, dist, ids === null ? i : ids[i]!);
  sizes[j] = s;
  if (s === k) thr[j] = threshold(metric, D[out]!);
}
