/**
 * FasterPAM (Schubert & Rousseeuw 2021): PAM's SWAP phase with eager swaps and an O(n + k)
 * evaluation of all k swaps for a candidate.
 */
import { bestMedoidOf, bestSwap, dist, doSwap, removalLoss, swapState, type PairwiseDistances } from './kmedoids-core.js';
import { runSync, type Work } from '../../core/task.js';

/** Result of a k-medoids optimisation on a condensed distance array. */
export interface MedoidsRun {
  /** Medoid row indices (position m is cluster m). */
  medoids: Int32Array;
  /** Cluster of every point. */
  labels: Int32Array;
  /** Sum of distances to the nearest medoid. */
  cost: number;
  /** Passes over the data. */
  iterations: number;
  /** Medoid swaps (or replacements) performed. */
  swaps: number;
  /** Whether a pass ended without improvement before `maxIter`. */
  converged: boolean;
}

/**
 * Exact solution for k = 1: the point with the smallest total distance. O(n²). Moving the
 * initial medoid there counts as one swap (as the `kmedoids` package reports it); ties keep the
 * initial medoid when it is among the best.
 *
 * @param c - distances
 * @param start - the initial medoid
 * @returns the run
 */
export function oneMedoid(c: PairwiseDistances, start: number): MedoidsRun {
  const all = new Int32Array(c.n);
  for (let i = 0; i < c.n; i++) all[i] = i;
  const best = bestMedoidOf(c, all, c.n);
  let startCost = 0;
  for (let i = 0; i < c.n; i++) startCost += dist(c, start, i);
  const medoid = startCost <= best.cost ? start : best.medoid;
  const cost = startCost <= best.cost ? startCost : best.cost;
  return { medoids: Int32Array.of(medoid), labels: new Int32Array(c.n), cost, iterations: 1, swaps: medoid === start ? 0 : 1, converged: true };
}

/**
 * FasterPAM: visits the points cyclically; for each non-medoid finds the best medoid to swap
 * it with (removal losses plus a shared accumulator, O(n + k)) and performs the swap at once
 * when it lowers the cost. Stops after a full cycle without a swap, or after `maxIter`
 * passes. Each pass is O(n²), a factor O(k) below PAM's SWAP; the cost never increases.
 *
 * @param c - distances
 * @param init - initial medoids (copied)
 * @param maxIter - maximum passes
 * @returns the run
 * @see Schubert & Rousseeuw, "Fast and eager k-medoids clustering: O(k) runtime improvement of
 * the PAM, CLARA, and CLARANS algorithms", Information Systems 101 (2021)
 */
export function fasterPam(c: PairwiseDistances, init: Int32Array, maxIter: number): MedoidsRun {
  return runSync(fasterPamWork(c, init, maxIter), { fn: 'kmedoids' });
}

/**
 * {@link fasterPam} as resumable work, with a checkpoint every 256 candidates.
 *
 * @param c - see {@link fasterPam}
 * @param init - see {@link fasterPam}
 * @param maxIter - see {@link fasterPam}
 * @returns the work
 */
export function* fasterPamWork(c: PairwiseDistances, init: Int32Array, maxIter: number): Work<MedoidsRun> {
  if (init.length === 1) return oneMedoid(c, init[0]!);
  const n = c.n;
  const s = swapState(c, init);
  const { med, a, loss, scratch, out, buf } = s;
  let cost = s.cost;
  removalLoss(a, loss);
  let lastSwap = n;
  let swaps = 0;
  let iterations = 0;
  let converged = false;
  let stuck = false;
  while (iterations < maxIter) {
    iterations++;
    const before = swaps;
    const lastCost = cost;
    for (let j = 0; j < n; j++) {
      if (j === lastSwap) break;
      if ((j & 255) === 255) yield undefined;
      if (j === med[a.nearI[j]!]) continue; // already a medoid
      const change = bestSwap(c, a, loss, j, scratch, out, buf);
      if (!(change < 0)) continue;
      swaps++;
      lastSwap = j;
      const next = doSwap(c, med, a, out[0]!, j, buf);
      if (next >= cost) {
        // Rounding made a tiny "improvement" that is not one: the swap is done (the state is
        // consistent, the cost did not grow) but the search ends here, in every pass.
        cost = next;
        stuck = true;
        break;
      }
      cost = next;
      removalLoss(a, loss);
    }
    if (stuck || swaps === before || cost >= lastCost) {
      converged = true;
      break;
    }
  }
  return { medoids: med, labels: a.nearI.slice(), cost, iterations, swaps, converged };
}
