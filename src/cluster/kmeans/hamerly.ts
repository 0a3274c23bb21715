/**
 * Hamerly's exact k-means acceleration: one upper and one lower bound per row (the lower
 * bound covers every centre but the assigned one). Less pruning than Elkan, but O(n) memory
 * and O(k²·d) overhead per iteration, which wins in low dimension.
 */
import { halfCenterDistances } from './elkan.js';
import { assignRows, assignScratch, packCentres } from './kmeans-product.js';
import { assignAll, boundSlack, inertiaOf, rowCentreDist, sqDistAll, CONVERGED_STRICT, KEEP_GOING, updateAndTest, centreCache, stepDone, CHECK_ROWS, type KMeansProblem, type KMeansRun } from './kmeans-step.js';
import { checkAborted } from '../../core/task.js';

/**
 * Runs k-means from `p.init` with Hamerly's bounds. Produces exactly Lloyd's labels, centres
 * and iteration count (a row whose bounds do not prove its label gets a full Lloyd scan with
 * the same kernel and tie-break). O(n + k²) memory.
 *
 * @param p - the problem
 * @returns labels, centres, inertia, iterations, convergence flag
 * @see Hamerly, "Making k-means even faster", SDM 2010
 */
export function hamerly(p: KMeansProblem): KMeansRun {
  const { X, sqX, n, d, k, maxIter, tol, spherical, diameter, observer } = p;
  let centers = p.init.slice();
  let next = new Float64Array(k * d);
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const nearest = new Float64Array(k);
  const counts = new Int32Array(k);
  const shift = new Float64Array(k);
  const cache = centreCache(n, k);
  const buf = new Float64Array(k);
  // Product path: rows whose bounds fail are collected and scanned together through the product.
  const scan = sqX !== null ? new Int32Array(n) : null;
  const best = sqX !== null ? new Float64Array(n) : null;
  const second = sqX !== null ? new Float64Array(n) : null;
  const scratch = sqX !== null ? assignScratch(k) : null;
  let iterations = 0;
  let converged = false;
  let strict = false;
  while (iterations < maxIter) {
    let changed = false;
    if (iterations === 0 && p.initLabels !== null) {
      // First assignment known (k-means++): exact upper bounds, trivial lower bounds.
      const closest = p.initClosest!;
      labels.set(p.initLabels);
      for (let i = 0; i < n; i++) upper[i] = Math.sqrt(closest[i]!);
      changed = true;
    }
    const first = iterations === 0 && p.initLabels === null;
    const given = iterations === 0 && p.initLabels !== null;
    if (!first && !given) halfCenterDistances(centers, k, d, null, nearest);
    const slack = boundSlack(diameter, d, iterations);
    let scanned = 0;
    for (let i = 0; i < n && !given; i++) {
      if (observer !== null && (i & (CHECK_ROWS - 1)) === 0) checkAborted(observer.fn, observer.signal);
      const a0 = labels[i]!;
      if (!first) {
        const m = nearest[a0]! > lower[i]! ? nearest[a0]! : lower[i]!;
        if (upper[i]! + slack < m) continue;
        const u = Math.sqrt(rowCentreDist(X, i, centers, a0, d));
        upper[i] = u;
        if (u + slack < m) continue;
      }
      if (scan !== null) {
        scan[scanned++] = i;
        continue;
      }
      // Full scan, exactly as Lloyd.
      sqDistAll(X as Float64Array, i * d, centers, k, d, buf);
      let bestC = 0;
      let bestD = Infinity;
      let secondD = Infinity;
      for (let c = 0; c < k; c++) {
        const v = buf[c]!;
        if (v < bestD) {
          secondD = bestD;
          bestD = v;
          bestC = c;
        } else if (v < secondD) {
          secondD = v;
        }
      }
      upper[i] = Math.sqrt(bestD);
      lower[i] = Math.sqrt(secondD);
      if (first || bestC !== a0) {
        labels[i] = bestC;
        changed = true;
      }
    }
    if (scanned > 0) {
      const pc = packCentres(centers, k, d);
      let moved = 0;
      for (let t0 = 0; t0 < scanned; t0 += CHECK_ROWS) {
        if (observer !== null) checkAborted(observer.fn, observer.signal);
        moved += assignRows(X, d, sqX!, scan, t0, Math.min(scanned, t0 + CHECK_ROWS), centers, pc, k, labels, best, second, null, scratch!);
      }
      for (let t = 0; t < scanned; t++) {
        const i = scan![t]!;
        upper[i] = Math.sqrt(best![i]!);
        lower[i] = Math.sqrt(second![i]!);
      }
      if (first || moved > 0) changed = true;
    }
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
    if (iterations === maxIter) break;
    let m1 = 0;
    let m2 = 0;
    let arg = -1;
    for (let c = 0; c < k; c++) {
      const s = shift[c]!;
      if (s > m1) {
        m2 = m1;
        m1 = s;
        arg = c;
      } else if (s > m2) {
        m2 = s;
      }
    }
    for (let i = 0; i < n; i++) {
      const a = labels[i]!;
      upper[i]! += shift[a]!;
      lower[i]! -= a === arg ? m2 : m1;
    }
  }
  if (!strict) assignAll(X, n, d, centers, k, labels, sqX, observer);
  return { labels, centers, inertia: inertiaOf(X, n, d, centers, labels), iterations, converged };
}
