/**
 * Index sampling shared by the k-means and k-medoids seedings and samples: random distinct
 * indices, an index drawn in proportion to a weight, a random index not taken yet.
 */
import { nextDouble, type RngState } from './random.js';

/**
 * The indices 0..n−1 in order.
 *
 * @param n - length
 * @returns `Int32Array [0, 1, …, n − 1]`
 * @example
 * ```ts
 * identity(3); // Int32Array [0, 1, 2]
 * ```
 */
export function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/**
 * Partial Fisher–Yates: moves `count` distinct entries of `idx[0..len)`, drawn uniformly at
 * random, to the front of `idx`, in draw order. O(count).
 *
 * @param state - random state (advanced `count` times)
 * @param idx - the entries (permuted in place)
 * @param len - how many leading entries to draw from
 * @param count - how many to draw (≤ len)
 * @example
 * ```ts
 * const idx = identity(10);
 * partialShuffle(rngState(1), idx, 10, 3); // idx[0..3): three distinct values of 0..9
 * ```
 */
export function partialShuffle(state: RngState, idx: Int32Array, len: number, count: number): void {
  for (let s = 0; s < count; s++) {
    const j = s + Math.min(len - s - 1, Math.floor(nextDouble(state) * (len - s)));
    const t = idx[s]!;
    idx[s] = idx[j]!;
    idx[j] = t;
  }
}

/**
 * `k` distinct indices of 0..n−1 drawn uniformly at random, in draw order. O(n).
 *
 * @param state - random state (advanced k times)
 * @param n - range
 * @param k - how many (≤ n)
 * @returns the indices
 * @example
 * ```ts
 * distinctIndices(rngState(1), 10, 3); // three distinct values of 0..9
 * ```
 */
export function distinctIndices(state: RngState, n: number, k: number): Int32Array {
  const idx = identity(n);
  partialShuffle(state, idx, n, k);
  return idx.slice(0, k);
}

/**
 * Running sums of the first n weights into `cumsum`. O(n).
 *
 * @param weights - non-negative weights
 * @param cumsum - output, `cumsum[i] = weights[0] + … + weights[i]`
 * @param n - how many
 * @returns the total
 * @example
 * ```ts
 * cumulativeSums(Float64Array.of(1, 0, 2), new Float64Array(3), 3); // 3 (cumsum [1, 1, 3])
 * ```
 */
export function cumulativeSums(weights: Float64Array, cumsum: Float64Array, n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += weights[i]!;
    cumsum[i] = total;
  }
  return total;
}

/**
 * An index drawn with probability proportional to its weight: the first whose running sum
 * exceeds `u · total` for a uniform u (so never one of weight 0); when rounding puts `u · total`
 * past the last sum, the last index of positive weight. O(log n).
 *
 * @param state - random state (advanced once)
 * @param cumsum - running sums from {@link cumulativeSums}
 * @param weights - the weights
 * @param total - their sum (> 0)
 * @param n - how many
 * @returns the index
 * @example
 * ```ts
 * drawWeighted(rngState(1), Float64Array.of(1, 1, 3), Float64Array.of(1, 0, 2), 3, 3); // 0 or 2
 * ```
 */
export function drawWeighted(state: RngState, cumsum: Float64Array, weights: Float64Array, total: number, n: number): number {
  const r = nextDouble(state) * total;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumsum[mid]! > r) hi = mid;
    else lo = mid + 1;
  }
  if (lo >= n) {
    lo = n - 1;
    while (lo > 0 && !(weights[lo]! > 0)) lo--;
  }
  return lo;
}

/**
 * A uniformly random index among the `n − taken` of 0..n−1 not flagged in `chosen`. O(n).
 *
 * @param state - random state (advanced once)
 * @param chosen - 1 for the indices already taken, 0 otherwise
 * @param n - range
 * @param taken - how many are flagged (< n)
 * @returns the index
 * @example
 * ```ts
 * drawUnchosen(rngState(1), Uint8Array.of(1, 0, 1), 3, 2); // 1
 * ```
 */
export function drawUnchosen(state: RngState, chosen: Uint8Array, n: number, taken: number): number {
  let r = Math.min(n - taken - 1, Math.floor(nextDouble(state) * (n - taken)));
  for (let i = 0; i < n; i++) {
    if (chosen[i] === 1) continue;
    if (r === 0) return i;
    r--;
  }
  return 0;
}
