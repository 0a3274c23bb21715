/**
 * The candidate queue of an HNSW layer search: a binary min-heap of (distance, id) pairs in two
 * parallel typed arrays (the nearest unexpanded candidate at the root).
 *
 * Internal module: arguments are not validated.
 */

/**
 * Inserts (dist, id) into the min-heap of `size` pairs (the arrays must have room for one more).
 *
 * @internal
 * @param D - distances
 * @param I - ids
 * @param size - pairs held before the push
 * @param dist - the new distance
 * @param id - the new id
 * @example
 * ```ts
 * minHeapPush(D, I, size++, 0.5, 7);
 * ```
 */
export function minHeapPush(D: Float64Array, I: Int32Array, size: number, dist: number, id: number): void {
  let c = size;
  while (c > 0) {
    const p = (c - 1) >> 1;
    const pd = D[p]!;
    if (pd <= dist) break;
    D[c] = pd;
    I[c] = I[p]!;
    c = p;
  }
  D[c] = dist;
  I[c] = id;
}

/**
 * Removes the root of the min-heap of `size` pairs (size ≥ 1); the caller read it before.
 *
 * @internal
 * @param D - distances
 * @param I - ids
 * @param size - pairs held before the pop
 * @example
 * ```ts
 * const nearest = I[0]; minHeapPop(D, I, size--);
 * ```
 */
export function minHeapPop(D: Float64Array, I: Int32Array, size: number): void {
  const n = size - 1;
  if (n === 0) return;
  const dist = D[n]!;
  const id = I[n]!;
  let p = 0;
  for (;;) {
    let c = 2 * p + 1;
    if (c >= n) break;
    let cd = D[c]!;
    const r = c + 1;
    if (r < n) {
      const rd = D[r]!;
      if (rd < cd) {
        c = r;
        cd = rd;
      }
    }
    if (dist <= cd) break;
    D[p] = cd;
    I[p] = I[c]!;
    p = c;
  }
  D[p] = dist;
  I[p] = id;
}
