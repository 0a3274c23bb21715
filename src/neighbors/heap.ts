/**
 * Bounded max-heaps of (distance, index) pairs, stored in slices of flat typed arrays so that
 * the k-nearest-neighbour output arrays themselves serve as the heaps (no per-query allocation).
 *
 * Order is lexicographic: (d₁, i₁) is worse than (d₂, i₂) when d₁ > d₂, or d₁ = d₂ and i₁ > i₂.
 * Keeping the k best pairs under this order gives exact top-k with ties broken by lower index,
 * whatever order the candidates arrive in.
 *
 * Internal module: arguments are not validated.
 */

/**
 * Offers a candidate to the heap in `D[off … off+k)`, `I[off … off+k)` holding `size` pairs
 * (root = worst kept pair). O(log k).
 *
 * @internal
 * @param D - distances of every heap
 * @param I - indices of every heap
 * @param off - start of this heap
 * @param size - pairs currently held (≤ k)
 * @param k - capacity
 * @param dist - candidate distance
 * @param idx - candidate index
 * @returns the new size
 * @example
 * ```ts
 * let size = 0;
 * size = heapOffer(D, I, 0, size, 3, 0.5, 7);
 * ```
 */
export function heapOffer(D: Float64Array, I: Int32Array, off: number, size: number, k: number, dist: number, idx: number): number {
  if (size < k) {
    // Sift up from the new leaf.
    let c = size;
    while (c > 0) {
      const p = (c - 1) >> 1;
      const pd = D[off + p]!;
      if (pd > dist || (pd === dist && I[off + p]! > idx)) break;
      D[off + c] = pd;
      I[off + c] = I[off + p]!;
      c = p;
    }
    D[off + c] = dist;
    I[off + c] = idx;
    return size + 1;
  }
  const top = D[off]!;
  if (dist > top || (dist === top && idx >= I[off]!)) return size;
  siftDown(D, I, off, k, dist, idx);
  return size;
}

/** Places (dist, idx) at the root of a full heap of `size` pairs and sifts it down. */
function siftDown(D: Float64Array, I: Int32Array, off: number, size: number, dist: number, idx: number): void {
  let p = 0;
  for (;;) {
    let c = 2 * p + 1;
    if (c >= size) break;
    let cd = D[off + c]!;
    let ci = I[off + c]!;
    const r = c + 1;
    if (r < size) {
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
    p = c;
  }
  D[off + p] = dist;
  I[off + p] = idx;
}

/**
 * Sorts a heap in place into ascending (distance, index) order: nearest first, ties by lower
 * index. O(size·log size).
 *
 * @internal
 * @param D - distances of every heap
 * @param I - indices of every heap
 * @param off - start of this heap
 * @param size - pairs held
 * @example
 * ```ts
 * heapSortAscending(D, I, 0, 3); // D[0..3) now ascending
 * ```
 */
export function heapSortAscending(D: Float64Array, I: Int32Array, off: number, size: number): void {
  for (let end = size - 1; end > 0; end--) {
    const d = D[off + end]!;
    const i = I[off + end]!;
    D[off + end] = D[off]!;
    I[off + end] = I[off]!;
    siftDown(D, I, off, end, d, i);
  }
}
