/**
 * Initial centres for k-means: greedy k-means++ and k distinct random rows.
 */
import { nextDouble, type RngState } from '../../core/random.js';
import { sqDist, sqDist4 } from './kmeans-step.js';
import { cumulativeSums, distinctIndices, drawUnchosen, drawWeighted } from '../../core/sampling.js';

/** What k-means++ learns about the data on the way: the first assignment step, for free. */
export interface PlusPlusResult {
  /** Row index of each chosen centre. */
  chosen: Int32Array;
  /** Nearest centre of every row (ties: the lowest centre index), exactly Lloyd's first assignment. */
  labels: Int32Array;
  /** Squared distance of every row to that centre, computed by the shared kernel. */
  closest: Float64Array;
}

/**
 * Greedy k-means++ (scikit-learn's variant): the first centre is a uniformly random row; each
 * next centre is the best, by resulting potential (sum of squared distances to the nearest
 * centre), of `trials` rows drawn with probability proportional to their squared distance to
 * the nearest centre so far. When every row already sits on a centre (duplicates), the next
 * centre is a uniformly random row not chosen yet.
 *
 * A candidate farther than twice a row's distance from that row's nearest centre cannot be
 * nearer to the row (triangle inequality), so its distance is not computed; the skip is only
 * taken with a margin above rounding, so the result is bit-identical to the unpruned
 * algorithm. The nearest centre of every row is tracked on the way and returned: it is exactly
 * the first Lloyd assignment. O(k·trials·n·d) time at worst, O((trials + 3)·n) memory.
 *
 * @param X - n × d data
 * @param n - rows
 * @param d - columns
 * @param k - number of centres (≤ n)
 * @param state - random state (advanced)
 * @param out - k × d output centres
 * @param trials - candidates per step (default `2 + ⌊ln k⌋`)
 * @returns the chosen rows, the first assignment and its squared distances
 * @see Arthur & Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007
 * @see Raff, "Exact acceleration of k-means++ and k-means||", IJCAI 2021
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
): PlusPlusResult {
  const chosen = new Int32Array(k);
  const isChosen = new Uint8Array(n);
  const closest = new Float64Array(n);
  const radius = new Float64Array(n);
  const near = new Int32Array(n);
  const cumsum = new Float64Array(n);
  const cand = new Float64Array(trials * n);
  const candIdx = new Int32Array(trials);
  const candPot = new Float64Array(trials);
  // Distances from each candidate to each chosen centre (trials × k).
  const dcc = new Float64Array(trials * k);
  const delta = 16 * (d + 2) * 2.220446049250313e-16;
  const first = Math.min(n - 1, Math.floor(nextDouble(state) * n));
  chosen[0] = first;
  isChosen[first] = 1;
  out.set(X.subarray(first * d, first * d + d), 0);
  for (let i = 0; i < n; i++) {
    const v = sqDist(X, i * d, X, first * d, d);
    closest[i] = v;
    radius[i] = Math.sqrt(v);
  }
  for (let c = 1; c < k; c++) {
    const pot = cumulativeSums(closest, cumsum, n);
    let pick: number;
    if (!(pot > 0)) {
      // Every row coincides with a centre: take a random row not chosen yet (distances stay 0).
      pick = drawUnchosen(state, isChosen, n, c);
    } else {
      for (let t = 0; t < trials; t++) {
        const lo = drawWeighted(state, cumsum, closest, pot, n);
        candIdx[t] = lo;
        candPot[t] = 0;
        for (let j = 0; j < c; j++) dcc[t * k + j] = Math.sqrt(sqDist(X, lo * d, out, j * d, d)) * (1 - delta);
      }
      // One pass over the rows for all candidates, four at a time (each row read once).
      for (let i = 0; i < n; i++) {
        const oi = i * d;
        const cl = closest[i]!;
        const reach = 2 * radius[i]! * (1 + delta) + Number.MIN_VALUE;
        const a = near[i]!;
        let t = 0;
        for (; t + 3 < trials; t += 4) {
          const tk = t * k + a;
          if (dcc[tk]! > reach && dcc[tk + k]! > reach && dcc[tk + 2 * k]! > reach && dcc[tk + 3 * k]! > reach) {
            for (let q = t; q < t + 4; q++) {
              cand[q * n + i] = cl;
              candPot[q]! += cl;
            }
            continue;
          }
          // A pruned candidate's distance is provably ≥ cl, so min(v, cl) = cl either way.
          sqDist4(X, oi, X, candIdx[t]! * d, candIdx[t + 1]! * d, candIdx[t + 2]! * d, candIdx[t + 3]! * d, d, cand, t * n + i, n);
          for (let q = t; q < t + 4; q++) {
            const v = cand[q * n + i]!;
            const m = v < cl ? v : cl;
            cand[q * n + i] = m;
            candPot[q]! += m;
          }
        }
        for (; t < trials; t++) {
          let m = cl;
          if (!(dcc[t * k + a]! > reach)) {
            const v = sqDist(X, oi, X, candIdx[t]! * d, d);
            if (v < cl) m = v;
          }
          cand[t * n + i] = m;
          candPot[t]! += m;
        }
      }
      let bestT = 0;
      for (let t = 1; t < trials; t++) if (candPot[t]! < candPot[bestT]!) bestT = t;
      pick = candIdx[bestT]!;
      const base = bestT * n;
      for (let i = 0; i < n; i++) {
        const v = cand[base + i]!;
        if (v < closest[i]!) {
          closest[i] = v;
          radius[i] = Math.sqrt(v);
          near[i] = c;
        }
      }
    }
    chosen[c] = pick;
    isChosen[pick] = 1;
    out.set(X.subarray(pick * d, pick * d + d), c * d);
  }
  return { chosen, labels: near, closest };
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
  const idx = distinctIndices(state, n, k);
  for (let c = 0; c < k; c++) out.set(X.subarray(idx[c]! * d, idx[c]! * d + d), c * d);
  return idx;
}
