/**
 * The two bounded heaps NN-descent works with, stored in slices of flat typed arrays (one slice
 * of fixed capacity per point, so a whole family of heaps is two arrays and nothing is allocated
 * per push). Both are the bounded max-heaps of `heap.ts` (root = worst kept entry):
 *
 * - the neighbour heaps: (distance, tagged index) pairs whose root is the worst kept neighbour,
 *   so the root is the admission threshold. The "new" flag of NN-descent (not yet used in a local
 *   join) rides in the index's low bit: the stored value is `2·index + flag`. Two entries of one
 *   heap never share an index, so comparing tagged values orders them exactly as comparing the
 *   indices would, and clearing a flag never disturbs the heap order. (Row numbers must stay
 *   below 2³⁰.)
 * - the candidate heaps: (random priority, index) pairs keeping the smallest priorities: a
 *   uniform random sample of the distinct indices offered.
 *
 * Both start full of sentinels (distance or priority `Infinity`; index −1, tagged −2) that every
 * real entry beats, and both reject an index they already hold (a linear scan of the slice: the
 * capacities are small, and only entries that beat the root pay for it).
 *
 * Internal module: arguments are not validated.
 */
import { heapOffer } from './heap.js';

/** Tagged value of an empty neighbour slot (index −1, flag 0). */
export const EMPTY_TAG = -2;

/**
 * Offers (dist, idx) to the neighbour heap in `D/T[off … off+k)` (T holds tagged indices). It
 * enters when it beats the root in (distance, index) order and the heap does not hold `idx` yet;
 * it then replaces the root, tagged with `flag` (1 = new). O(k) worst case (duplicate scan), O(1)
 * for a rejected candidate.
 *
 * @internal
 * @param D - distances of every heap
 * @param T - tagged indices `2·index + flag` of every heap ({@link EMPTY_TAG} for an empty slot)
 * @param off - start of this heap
 * @param k - capacity
 * @param dist - candidate distance (finite)
 * @param idx - candidate index (in [0, 2³⁰))
 * @param flag - 1 for new, 0 for old
 * @returns 1 when the candidate entered, 0 otherwise
 * @example
 * ```ts
 * const D = new Float64Array(2).fill(Infinity), T = new Int32Array(2).fill(EMPTY_TAG);
 * flaggedHeapPush(D, T, 0, 2, 0.5, 7, 1); // 1 (T holds 15 = 2·7 + 1)
 * flaggedHeapPush(D, T, 0, 2, 0.5, 7, 1); // 0 (already held)
 * ```
 */
export function flaggedHeapPush(D: Float64Array, T: Int32Array, off: number, k: number, dist: number, idx: number, flag: number): number {
  const tag = 2 * idx + flag;
  const top = D[off]!;
  if (dist > top || (dist === top && tag >= T[off]!)) return 0;
  const end = off + k;
  for (let t = off; t < end; t++) if (T[t]! >> 1 === idx) return 0;
  heapOffer(D, T, off, k, k, dist, tag);
  return 1;
}

/**
 * Offers (prio, idx) to the candidate heap in `P/I[off … off+cap)`, keeping the `cap` smallest
 * priorities (ties by index) without repeating an index. With independent uniform priorities the
 * kept entries are a uniform sample of the distinct indices offered. O(cap) worst case.
 *
 * @internal
 * @param P - priorities of every heap (`Infinity` for an empty slot)
 * @param I - indices of every heap (−1 for an empty slot)
 * @param off - start of this heap
 * @param cap - capacity
 * @param prio - candidate priority (finite)
 * @param idx - candidate index (≥ 0)
 * @example
 * ```ts
 * const P = new Float64Array(2).fill(Infinity), I = new Int32Array(2).fill(-1);
 * candidatePush(P, I, 0, 2, 12345, 3); // I now holds 3
 * ```
 */
export function candidatePush(P: Float64Array, I: Int32Array, off: number, cap: number, prio: number, idx: number): void {
  const top = P[off]!;
  if (prio > top || (prio === top && idx >= I[off]!)) return;
  const end = off + cap;
  for (let t = off; t < end; t++) if (I[t] === idx) return;
  heapOffer(P, I, off, cap, cap, prio, idx);
}
