/**
 * Initial centres for k-means: greedy k-means++ and k distinct random rows.
 */
import { nextDouble, type RngState } from '../core/random.js';
import { sqDist } from './kmeans-step.js';

/**
 * Greedy k-means++ (scikit-learn's variant): the first centre is a uniformly random row; each
 * next centre is the best, by resulting potential (sum of squared distances to the nearest
 * centre), of `trials` rows drawn with probability proportional to their squared distance to
 * the nearest centre so far. When every row already sits on a centre (duplicates), the next
 * centre is a uniformly random row not chosen yet. O(k·trials·n·d) time, O((trials + 2)·n)
 * memory.
 *
 * @param X - n × d data
 * @param n - rows
 * @param d - columns
 * @param k - number of centres (≤ n)
 * @param state - random state (advanced)
 * @param out - k × d output centres
 * @param trials - candidates per step (default `2 + ⌊ln k⌋`)
 * @returns the chosen row indices
 * @see Arthur & Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007
 * @see sklearn.cluster.kmeans_plusplus
 */
export function kmeansPlusPlus(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  state: RngState,
  out: Float64Array,
  trials: number = 2 + Math.floor(Math.log(k)),
): Int32Array {
  const chosen = new Int32Array(k);
  const isChosen = new Uint8Array(n);
  const closest = new Float64Array(n);
  const cumsum = new Float64Array(n);
  const cand = new Float64Array(trials * n);
  const candIdx = new Int32Array(trials);
  const first = Math.min(n - 1, Math.floor(nextDouble(state) * n));
  chosen[0] = first;
  isChosen[first] = 1;
  out.set(X.subarray(first * d, first * d + d), 0);
  for (let i = 0; i < n; i++) closest[i] = sqDist(X, i * d, X, first * d, d);
  for (let c = 1; c < k; c++) {
    let pot = 0;
    for (let i = 0; i < n; i++) {
      pot += closest[i]!;
      cumsum[i] = pot;
    }
    let pick: number;
    if (!(pot > 0)) {
      // Every row coincides with a centre: take a random row not chosen yet.
      let r = Math.min(n - c - 1, Math.floor(nextDouble(state) * (n - c)));
      pick = 0;
      for (let i = 0; i < n; i++) {
        if (isChosen[i] === 1) continue;
        if (r === 0) {
          pick = i;
          break;
        }
        r--;
      }
    } else {
      let bestPot = Infinity;
      let bestT = 0;
      for (let t = 0; t < trials; t++) {
        const r = nextDouble(state) * pot;
        // First row whose cumulative sum exceeds r: a row with positive weight.
        let lo = 0;
        let hi = n;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (cumsum[mid]! > r) hi = mid;
          else lo = mid + 1;
        }
        if (lo >= n) {
          lo = n - 1;
          while (lo > 0 && !(closest[lo]! > 0)) lo--;
        }
        candIdx[t] = lo;
        const base = t * n;
        const oc = lo * d;
        let s = 0;
        for (let i = 0; i < n; i++) {
          const v = sqDist(X, i * d, X, oc, d);
          const m = v < closest[i]! ? v : closest[i]!;
          cand[base + i] = m;
          s += m;
        }
        if (s < bestPot) {
          bestPot = s;
          bestT = t;
        }
      }
      pick = candIdx[bestT]!;
      closest.set(cand.subarray(bestT * n, bestT * n + n));
    }
    chosen[c] = pick;
    isChosen[pick] = 1;
    out.set(X.subarray(pick * d, pick * d + d), c * d);
    if (!(pot > 0)) for (let i = 0; i < n; i++) closest[i] = Math.min(closest[i]!, sqDist(X, i * d, X, pick * d, d));
  }
  return chosen;
}

/**
 * k distinct rows chosen uniformly at random (partial Fisher–Yates). O(n + k·d).
 *
 * @param X - n × d data
 * @param n - rows
 * @param d - columns
 * @param k - number of centres (≤ n)
 * @param state - random state (advanced)
 * @param out - k × d output centres
 * @returns the chosen row indices
 */
export function randomRows(X: Float64Array, n: number, d: number, k: number, state: RngState, out: Float64Array): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let c = 0; c < k; c++) {
    const j = c + Math.min(n - c - 1, Math.floor(nextDouble(state) * (n - c)));
    const t = idx[c]!;
    idx[c] = idx[j]!;
    idx[j] = t;
    out.set(X.subarray(idx[c]! * d, idx[c]! * d + d), c * d);
  }
  return idx.slice(0, k);
}
