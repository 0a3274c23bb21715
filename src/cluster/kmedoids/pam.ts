/**
 * Classic PAM's SWAP phase: best-improvement swaps until no swap lowers the cost.
 */
import { bestSwap, doSwap, removalLoss, swapState, type PairwiseDistances } from './kmedoids-core.js';
import { oneMedoid, type MedoidsRun } from './fasterpam.js';
import { runSync, type Work } from '../../core/task.js';

/**
 * PAM SWAP (Kaufman & Rousseeuw): each pass evaluates every (medoid, non-medoid) swap and
 * performs the single best one if it lowers the cost. Same swaps as the original algorithm;
 * the k swaps of a candidate are evaluated together in O(n + k) (FastPAM1's shared loop), so a
 * pass is O(n²) instead of O(k·n²). Usually many more passes than FasterPAM.
 *
 * @param c - distances
 * @param init - initial medoids, e.g. from BUILD (copied)
 * @param maxIter - maximum passes (= maximum swaps)
 * @returns the run
 * @see Kaufman & Rousseeuw, "Finding Groups in Data" (1990); Schubert & Rousseeuw (2019) FastPAM1
 */
export function pam(c: PairwiseDistances, init: Int32Array, maxIter: number): MedoidsRun {
  return runSync(pamWork(c, init, maxIter), { fn: 'kmedoids' });
}

/**
 * {@link pam} as resumable work, with a checkpoint every 256 candidates.
 *
 * @param c - see {@link pam}
 * @param init - see {@link pam}
 * @param maxIter - see {@link pam}
 * @returns the work
 */
export function* pamWork(c: PairwiseDistances, init: Int32Array, maxIter: number): Work<MedoidsRun> {
  if (init.length === 1) return oneMedoid(c, init[0]!);
  const n = c.n;
  const s = swapState(c, init);
  const { med, a, loss, scratch, out, buf } = s;
  let cost = s.cost;
  let swaps = 0;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIter) {
    iterations++;
    removalLoss(a, loss);
    let best = 0;
    let bestJ = -1;
    let bestB = -1;
    for (let j = 0; j < n; j++) {
      if ((j & 255) === 255) yield undefined;
      if (j === med[a.nearI[j]!]) continue;
      const change = bestSwap(c, a, loss, j, scratch, out, buf);
      if (change < best) {
        best = change;
        bestJ = j;
        bestB = out[0]!;
      }
    }
    if (bestJ < 0) {
      converged = true;
      break;
    }
    const next = doSwap(c, med, a, bestB, bestJ, buf);
    swaps++;
    if (next >= cost) {
      cost = next;
      converged = true;
      break;
    }
    cost = next;
  }
  return { medoids: med, labels: a.nearI.slice(), cost, iterations, swaps, converged };
}
