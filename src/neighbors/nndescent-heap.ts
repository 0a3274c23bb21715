/**
 * The two bounded heaps NN-descent works with, stored in slices of flat typed arrays (one slice
 * of fixed capacity per point, so the whole graph is three arrays and nothing is allocated per
 * push):
 *
 * - the neighbour heaps: (distance, index, "new" flag) triples, a max-heap on (distance, index)
 *   whose root is the worst kept neighbour, so the root is the admission threshold;
 * - the candidate heaps: (random priority, index) pairs, a max-heap on (priority, index) that
 *   keeps the entries with the smallest priorities: a uniform random sample of what was offered.
 *
 * Both start full of sentinels (distance `Infinity` / priority `CANDIDATE_EMPTY`, index −1) that
 * every real entry beats, and both reject an index they already hold (a linear scan of the slice:
 * the capacities are small, and only entries that beat the root pay for it).
 *
 * Internal module: arguments are not validated.
 */

/** Priority of an empty candidate slot: above every priority {@link candidatePush} is given. */
export const CANDIDATE_EMPTY = 0xffffffff;

/**
 * Offers (dist, idx) to the neighbour heap in `D/I/F[off … off+k)`. It enters when it beats the
 * root in (distance, index) order and the heap does not hold `idx` yet; it then replaces the root
 * and carries `flag` (1 = new, not yet used in a local join). O(k) worst case (duplicate scan),
 * O(1) for a rejected candidate.
 *
 * @internal
 * @param D - distances of every heap
 * @param I - indices of every heap (−1 for an empty slot)
 * @param F - "new" flags of every heap
 * @param off - start of this heap
 * @param k - capacity
 * @param dist - candidate distance (finite)
 * @param idx - candidate index (≥ 0)
 * @param flag - flag stored with the candidate
 * @returns 1 when the candidate entered, 0 otherwise
 * @example
 * ```ts
 * const D = new Float64Array(2).fill(Infinity), I = new Int32Array(2).fill(-1), F = new Uint8Array(2);
 * flaggedHeapPush(D, I, F, 0, 2, 0.5, 7, 1); // 1
 * flaggedHeapPush(D, I, F, 0, 2, 0.5, 7, 1); // 0 (already held)
 * ```
 */
export function flaggedHeapPush(D: Float64Array, I: Int32Array, F: Uint8Array, off: number, k: number, dist: number, idx: number, flag: number): number {
  const top = D[off]!;
  if (dist > top || (dist === top && idx >= I[off]!)) return 0;
  const end = off + k;
  for (let t = off; t < end; t++) if (I[t] === idx) return 0;
  let p = 0;
  for (;;) {
    let c = 2 * p + 1;
    if (c >= k) break;
    let cd = D[off + c]!;
    let ci = I[off + c]!;
    const r = c + 1;
    if (r < k) {
      const rd = D[off + r]!;
      const ri = I[off + r]!;
      if (rd > cd || (rd === cd && ri > ci)) {
        c = r;
        cd = rd;
        ci = ri;
      }
    }
    if (dist > cd || (dist === cd && idx > ci)) break;
    D[off + p] = cd;
    I[off + p] = ci;
    F[off + p] = F[off + c]!;
    p = c;
  }
  D[off + p] = dist;
  I[off + p] = idx;
  F[off + p] = flag;
  return 1;
}

/**
 * Offers (prio, idx) to the candidate heap in `P/I[off … off+cap)`, keeping the `cap` smallest
 * priorities (ties by index) without repeating an index. With independent uniform priorities the
 * kept entries are a uniform sample of the distinct indices offered. O(cap) worst case.
 *
 * @internal
 * @param P - priorities of every heap (`CANDIDATE_EMPTY` for an empty slot)
 * @param I - indices of every heap (−1 for an empty slot)
 * @param off - start of this heap
 * @param cap - capacity
 * @param prio - candidate priority, below `CANDIDATE_EMPTY`
 * @param idx - candidate index (≥ 0)
 * @example
 * ```ts
 * const P = new Uint32Array(2).fill(CANDIDATE_EMPTY), I = new Int32Array(2).fill(-1);
 * candidatePush(P, I, 0, 2, 12345, 3); // I now holds 3
 * ```
 */
export function candidatePush(P: Uint32Array, I: Int32Array, off: number, cap: number, prio: number, idx: number): void {
  const top = P[off]!;
  if (prio > top || (prio === top && idx >= I[off]!)) return;
  const end = off + cap;
  for (let t = off; t < end; t++) if (I[t] === idx) return;
  let p = 0;
  for (;;) {
    let c = 2 * p + 1;
    if (c >= cap) break;
    let cp = P[off + c]!;
    let ci = I[off + c]!;
    const r = c + 1;
    if (r < cap) {
      const rp = P[off + r]!;
      const ri = I[off + r]!;
      if (rp > cp || (rp === cp && ri > ci)) {
        c = r;
        cp = rp;
        ci = ri;
      }
    }
    if (prio > cp || (prio === cp && idx > ci)) break;
    P[off + p] = cp;
    I[off + p] = ci;
    p = c;
  }
  P[off + p] = prio;
  I[off + p] = idx;
}
