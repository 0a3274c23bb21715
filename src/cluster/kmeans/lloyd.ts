/**
 * Lloyd's k-means iteration: assign every row to its nearest centre, move every centre to
 * its rows' mean, repeat. The reference scheme; Elkan and Hamerly reproduce its iterates.
 */
import { assignAll, inertiaOf, stepDone, CONVERGED_STRICT, KEEP_GOING, updateAndTest, centreCache, type KMeansProblem, type KMeansRun } from './kmeans-step.js';

/**
 * Runs Lloyd's algorithm from `p.init` with scikit-learn's stopping rules: stop at once when no
 * label changes ("strict convergence"), or when the summed squared centre shift is ≤ `p.tol`;
 * otherwise after `p.maxIter` assignment steps. Without strict convergence a final assignment
 * step makes the labels match the returned centres. O(n·k·d) per iteration.
 *
 * @param p - the problem
 * @returns labels, centres, inertia (sum of squared distances), iterations, convergence flag
 * @see sklearn.cluster.KMeans(algorithm="lloyd")
 */
export function lloyd(p: KMeansProblem): KMeansRun {
  const { X, sqX, n, d, k, maxIter, tol, spherical, observer } = p;
  let centers = p.init.slice();
  let next = new Float64Array(k * d);
  const labels = new Int32Array(n).fill(-1);
  const counts = new Int32Array(k);
  const shift = new Float64Array(k);
  const cache = centreCache(n, k);
  let iterations = 0;
  let converged = false;
  let strict = false;
  while (iterations < maxIter) {
    let changed = true;
    if (iterations === 0 && p.initLabels !== null) labels.set(p.initLabels);
    else changed = assignAll(X, n, d, centers, k, labels, sqX, observer);
    const stop = updateAndTest(X, n, d, labels, k, centers, next, counts, spherical, shift, changed, tol, cache);
    const t = centers;
    centers = next;
    next = t;
    iterations++;
    stepDone(observer, iterations, maxIter);
    if (stop !== KEEP_GOING) {
      converged = true;
      strict = stop === CONVERGED_STRICT;
      break;
    }
  }
  if (!strict) assignAll(X, n, d, centers, k, labels, sqX, observer);
  return { labels, centers, inertia: inertiaOf(X, n, d, centers, labels), iterations, converged };
}
