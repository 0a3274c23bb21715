/**
 * The alternating (Voronoi iteration) k-medoids method.
 */
import { assignMedoids, bestMedoidOf, type PairwiseDistances } from './kmedoids-core.js';
import { oneMedoid, type MedoidsRun } from './fasterpam.js';
import { runSync, type Work } from '../../core/task.js';

/**
 * Alternating k-medoids ("k-means style"): assign every point to its nearest medoid, then
 * replace each medoid by the member of its cluster with the smallest total distance to the
 * others; repeat until no medoid changes or `maxIter`. Fast per pass (O(Σ|C|²)) but it often
 * stops in a worse local optimum than PAM or FasterPAM. The cost never increases.
 *
 * @param c - distances
 * @param init - initial medoids (copied)
 * @param maxIter - maximum passes
 * @returns the run
 * @see Park & Jun, "A simple and fast algorithm for K-medoids clustering", Expert Systems with Applications 36 (2009)
 */
export function alternate(c: PairwiseDistances, init: Int32Array, maxIter: number): MedoidsRun {
  return runSync(alternateWork(c, init, maxIter), { fn: 'kmedoids' });
}

/**
 * {@link alternate} as resumable work, with a checkpoint every 256 candidates.
 *
 * @param c - see {@link alternate}
 * @param init - see {@link alternate}
 * @param maxIter - see {@link alternate}
 * @returns the work
 */
export function* alternateWork(c: PairwiseDistances, init: Int32Array, maxIter: number): Work<MedoidsRun> {
  if (init.length === 1) return oneMedoid(c, init[0]!);
  const n = c.n;
  const k = init.length;
  const med = init.slice();
  let { a, cost } = assignMedoids(c, med);
  const order = new Int32Array(n);
  const offsets = new Int32Array(k + 1);
  let swaps = 0;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIter) {
    iterations++;
    // Bucket the points by cluster (counting sort keeps row order inside a cluster).
    offsets.fill(0);
    for (let o = 0; o < n; o++) offsets[a.nearI[o]! + 1]!++;
    for (let m = 0; m < k; m++) offsets[m + 1]! += offsets[m]!;
    const fill = offsets.slice(0, k);
    for (let o = 0; o < n; o++) order[fill[a.nearI[o]!]!++] = o;
    let changed = false;
    for (let m = 0; m < k; m++) {
      const from = offsets[m]!;
      yield undefined;
      const count = offsets[m + 1]! - from;
      const members = order.subarray(from, from + count);
      const cur = med[m]!;
      // Current medoid's own cost, to change only on a strict improvement.
      let curCost = 0;
      for (let x = 0; x < count; x++) curCost += a.nearD[members[x]!]!;
      const { medoid, cost: c2 } = bestMedoidOf(c, members, count);
      if (medoid !== cur && c2 < curCost) {
        med[m] = medoid;
        changed = true;
        swaps++;
      }
    }
    if (!changed) {
      converged = true;
      break;
    }
    const next = assignMedoids(c, med);
    if (next.cost >= cost) {
      a = next.a;
      cost = next.cost;
      converged = true;
      break;
    }
    a = next.a;
    cost = next.cost;
  }
  return { medoids: med, labels: a.nearI.slice(), cost, iterations, swaps, converged };
}
