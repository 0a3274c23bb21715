/**
 * Initial centres for k-means: greedy k-means++ and k distinct random rows.
 */
import type { FloatArray } from '../../core/matrix.js';
import { nextDouble, type RngState } from '../../core/random.js';
import { checkAborted, type Observer } from '../../core/task.js';
import { expansionFloor, expansionSlack } from '../../distance/expansion.js';
import { candidateLayout, candidateProduct32, candidateProduct64, packCandidates } from './candidate-product.js';
import { copyRow, rowCentreDist, sqDist4 } from './kmeans-step.js';
import { sqDist, sqDist32 } from './sq-dist.js';
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
 * With row norms (`sqX`: d ≥ 32 or Float32 data) the candidate distances of each step come
 * from the packed product instead (one pass over the rows for all candidates, at the product
 * rate); a candidate's distance is recomputed with the difference kernel whenever the
 * expansion's error bound cannot prove it no nearer than the row's current centre, so every
 * value that is kept, every potential and every choice is the same, bit for bit.
 *
 * @param X - n × d data (Float64, or Float32 with `sqX`)
 * @param n - rows
 * @param d - columns
 * @param k - number of centres (≤ n)
 * @param state - random state (advanced)
 * @param out - k × d output centres
 * @param trials - candidates per step (default `2 + ⌊ln k⌋`)
 * @param sqX - squared row norms for the product path, or null
 * @param obs - abort checks (every step, and every 8 192 rows of a product pass) and `'init'`
 *   progress, or null
 * @param done - centres chosen before this call (earlier restarts), for the progress report
 * @param total - centres to choose over all restarts, for the progress report
 * @returns the chosen rows, the first assignment and its squared distances
 * @see Arthur & Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007
 * @see Raff, "Exact acceleration of k-means++ and k-means||", IJCAI 2021
 * @see sklearn.cluster.kmeans_plusplus
 */
export function kmeansPlusPlus(
  X: FloatArray,
  n: number,
  d: number,
  k: number,
  state: RngState,
  out: Float64Array,
  trials: number = 2 + Math.floor(Math.log(k)),
  sqX: Float64Array | null = null,
  obs: Observer | null = null,
  done = 0,
  total: number = k,
): PlusPlusResult {
  const step =
    obs === null
      ? null
      : (c: number): void => {
          checkAborted(obs.fn, obs.signal);
          obs.onProgress?.({ stage: 'init', completed: done + c, total });
        };
  if (sqX !== null) return plusPlusProduct(X, n, d, k, state, out, trials, sqX, step);
  return plusPlusPruned(X as Float64Array, n, d, k, state, out, trials, step);
}

/** {@link kmeansPlusPlus} with triangle-inequality pruning (Float64 data, low dimension). */
function plusPlusPruned(X: Float64Array, n: number, d: number, k: number, state: RngState, out: Float64Array, trials: number, step: ((c: number) => void) | null): PlusPlusResult {
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
    if (step !== null) step(c);
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
 * {@link kmeansPlusPlus} through the packed product: the same draws and the same bits as the
 * pruned version, with the candidate distances of a step computed 4 rows × all candidates at a
 * time.
 *
 * Each candidate's potential Σᵢ min(‖xᵢ − t‖², closestᵢ) is first summed from the expansion,
 * with a proven bound on its distance from the exact (difference-form) sum: the per-row bounds
 * where the expansion was used, plus the rounding of two n-term sums. When the bounds separate
 * the best candidate from the others, it is the one exact potentials would choose; otherwise the
 * candidates within the bounds get their exact potentials (summed in the same order as the
 * pruned version). Then the chosen candidate's distances are recomputed exactly wherever it may
 * be nearer than a row's current centre, so `closest` and the labels are exact.
 */
function plusPlusProduct(X: FloatArray, n: number, d: number, k: number, state: RngState, out: Float64Array, trials: number, sqX: Float64Array, step: ((c: number) => void) | null): PlusPlusResult {
  const chosen = new Int32Array(k);
  const isChosen = new Uint8Array(n);
  const closest = new Float64Array(n);
  const near = new Int32Array(n);
  const cumsum = new Float64Array(n);
  // need[t·n + i] = 1 where candidate t may be nearer to row i than its centre (exact value needed).
  const need = new Uint8Array(trials * n);
  const candIdx = new Int32Array(trials);
  const candPot = new Float64Array(trials);
  const candErr = new Float64Array(trials);
  const candSq = new Float64Array(trials);
  const layout = candidateLayout(trials);
  const w = layout.total;
  const rowsBuf = new Float64Array(trials * d); // candidate rows, Float64, contiguous
  const packed = new Float64Array(w * d);
  const dots = new Float64Array(2 * w);
  const slack = expansionSlack(d);
  const floor = expansionFloor(d);
  // Rounding of a recursive sum of n non-negative terms: at most γₙ times the sum, for each of the two sums compared.
  const sumRounding = 2 * ((n + 2) * 1.1102230246251565e-16) / (1 - (n + 2) * 1.1102230246251565e-16);
  const x32 = X instanceof Float32Array ? X : null;
  const x64 = X instanceof Float64Array ? X : null;
  const first = Math.min(n - 1, Math.floor(nextDouble(state) * n));
  chosen[0] = first;
  isChosen[first] = 1;
  copyRow(X, first, d, out, 0);
  for (let i = 0; i < n; i++) closest[i] = rowCentreDist(X, i, out, 0, d);
  for (let c = 1; c < k; c++) {
    if (step !== null) step(c);
    const pot = cumulativeSums(closest, cumsum, n);
    let pick: number;
    if (!(pot > 0)) {
      pick = drawUnchosen(state, isChosen, n, c);
    } else {
      for (let t = 0; t < trials; t++) {
        const lo = drawWeighted(state, cumsum, closest, pot, n);
        candIdx[t] = lo;
        candPot[t] = 0;
        candErr[t] = 0;
        candSq[t] = sqX[lo]!;
        copyRow(X, lo, d, rowsBuf, t * d);
      }
      packCandidates(rowsBuf, trials, d, layout, packed);
      for (let g = 0; g < n; g += 2) {
        if (step !== null && (g & 8191) === 0 && g > 0) step(c);
        const h = g + 1 < n ? 2 : 1;
        const o0 = g * d;
        const o1 = (g + h - 1) * d;
        if (x32 !== null) candidateProduct32(x32, o0, o1, d, packed, layout, dots, 0, w);
        else candidateProduct64(x64!, o0, o1, d, packed, layout, dots, 0, w);
        for (let r = 0; r < h; r++) {
          const i = g + r;
          const cl = closest[i]!;
          const nx = sqX[i]!;
          for (let t = 0; t < trials; t++) {
            const sum = nx + candSq[t]!;
            const v = sum - 2 * dots[r * w + t]!;
            const e = slack * sum + floor;
            if (v - e < cl) {
              // Possibly nearer: approximate min(v, cl), within e of the exact one.
              need[t * n + i] = 1;
              candPot[t]! += v < cl ? v : cl;
              candErr[t]! += e;
            } else {
              // Provably no nearer than the current centre: min(v, cl) = cl exactly.
              need[t * n + i] = 0;
              candPot[t]! += cl;
            }
          }
        }
      }
      let bestT = 0;
      for (let t = 1; t < trials; t++) if (candPot[t]! < candPot[bestT]!) bestT = t;
      const margin = (t: number): number => candErr[t]! + sumRounding * (candPot[t]! + candErr[t]!) + Number.MIN_VALUE;
      let ambiguous = false;
      for (let t = 0; t < trials; t++) {
        if (t !== bestT && candPot[t]! - margin(t) <= candPot[bestT]! + margin(bestT)) ambiguous = true;
      }
      if (ambiguous) {
        // Exact potentials (the pruned version's sums, term by term in row order) for the
        // candidates the bounds cannot separate from the best.
        const reach = candPot[bestT]! + margin(bestT);
        let bestPot = Infinity;
        let exactBest = -1;
        for (let t = 0; t < trials; t++) {
          if (candPot[t]! - margin(t) > reach) continue;
          let p = 0;
          const base = t * n;
          for (let i = 0; i < n; i++) {
            const cl = closest[i]!;
            let m = cl;
            if (need[base + i] === 1) {
              const v = x32 !== null ? sqDist32(x32, i * d, rowsBuf, t * d, d) : sqDist(x64!, i * d, rowsBuf, t * d, d);
              if (v < cl) m = v;
            }
            p += m;
          }
          if (p < bestPot) {
            bestPot = p;
            exactBest = t;
          }
        }
        bestT = exactBest;
      }
      pick = candIdx[bestT]!;
      const base = bestT * n;
      for (let i = 0; i < n; i++) {
        if (need[base + i] === 0) continue;
        const v = x32 !== null ? sqDist32(x32, i * d, rowsBuf, bestT * d, d) : sqDist(x64!, i * d, rowsBuf, bestT * d, d);
        if (v < closest[i]!) {
          closest[i] = v;
          near[i] = c;
        }
      }
    }
    chosen[c] = pick;
    isChosen[pick] = 1;
    copyRow(X, pick, d, out, c * d);
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
export function randomRows(X: FloatArray, n: number, d: number, k: number, state: RngState, out: Float64Array): Int32Array {
  const idx = distinctIndices(state, n, k);
  for (let c = 0; c < k; c++) copyRow(X, idx[c]!, d, out, c * d);
  return idx;
}
