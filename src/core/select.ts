/**
 * Quickselect on a key array with a companion index array: the partitioning step that the
 * vantage-point tree (neighbors) and the k-d tree (cluster/density) both build on.
 */
import { nextDouble } from './random.js';

/**
 * Reorders `keys[lo … hi)` (and `order` alongside) so that position `kth` holds the value of that
 * rank, smaller-or-equal values before it and greater-or-equal after (Hoare quickselect with
 * seeded random pivots: expected O(hi − lo), the same permutation for the same state).
 *
 * @internal
 * @param keys - the values to partition (permuted in place)
 * @param order - companion indices (permuted alongside)
 * @param lo - first position
 * @param hi - one past the last position
 * @param kth - the position whose rank is selected (lo ≤ kth < hi)
 * @param state - random state for the pivots (advanced)
 * @example
 * ```ts
 * const keys = Float64Array.of(5, 1, 4, 2, 3);
 * const order = Int32Array.of(0, 1, 2, 3, 4);
 * quickselect(keys, order, 0, 5, 2, rngState(1));
 * keys[2]; // 3 (the median), order[2] === 4
 * ```
 */
export function quickselect(keys: Float64Array, order: Int32Array, lo: number, hi: number, kth: number, state: Uint32Array): void {
  let l = lo;
  let r = hi - 1;
  while (r > l) {
    const pivot = keys[l + Math.floor(nextDouble(state) * (r - l + 1))]!;
    let i = l;
    let j = r;
    while (i <= j) {
      while (keys[i]! < pivot) i++;
      while (keys[j]! > pivot) j--;
      if (i <= j) {
        const tk = keys[i]!;
        keys[i] = keys[j]!;
        keys[j] = tk;
        const to = order[i]!;
        order[i] = order[j]!;
        order[j] = to;
        i++;
        j--;
      }
    }
    if (kth <= j) r = j;
    else if (kth >= i) l = i;
    else return;
  }
}
