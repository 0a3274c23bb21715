/**
 * Elkan's exact k-means acceleration: the same iterates as Lloyd, with most distance
 * computations skipped through triangle-inequality bounds (one upper bound per row, one lower
 * bound per row and centre, half the centre-to-centre distances).
 */
import { assignRows, assignScratch, packCentres } from './kmeans-product.js';
import { assignAll, boundSlack, inertiaOf, sqDistAll, CONVERGED_STRICT, KEEP_GOING, updateAndTest, centreCache, stepDone, CHECK_ROWS, type KMeansProblem, type KMeansRun } from './kmeans-step.js';
import { sqDist, sqDist32 } from './sq-dist.js';
import { checkAborted } from '../../core/task.js';

/**
 * Share of the n·k distances above which a bounded pass is replaced by a full pass through the
 * packed product (product path only): a product distance costs about half a difference-form one,
 * and a full pass also tightens every bound.
 */
const FULL_PASS_SHARE = 0.3;

/**
 * Half of every centre-to-centre distance (`half[a·k + b]`) and, per centre, half the distance
 * to its nearest other centre (`nearest`). O(k²·d).
 *
 * @param C - k × d centres
 * @param k - clusters
 * @param d - columns
 * @param half - output k × k (may be empty when only `nearest` is needed)
 * @param nearest - output length k (Infinity when k = 1)
 */
export function halfCenterDistances(C: Float64Array, k: number, d: number, half: Float64Array | null, nearest: Float64Array): void {
  nearest.fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const h = 0.5 * Math.sqrt(sqDist(C, a * d, C, b * d, d));
      if (half !== null) {
        half[a * k + b] = h;
        half[b * k + a] = h;
      }
      if (h < nearest[a]!) nearest[a] = h;
      if (h < nearest[b]!) nearest[b] = h;
    }
  }
}

/**
 * Runs k-means from `p.init` with Elkan's bounds. Produces exactly Lloyd's labels, centres
 * and iteration count: every distance that decides a label is computed by the same kernel,
 * ties go to the lowest centre index, and a centre is only skipped when its bound beats the
 * current one by more than the rounding slack. O(n·k) memory for the lower bounds; typically
 * far fewer than n·k distance evaluations per iteration after the first.
 *
 * @param p - the problem
 * @returns labels, centres, inertia, iterations, convergence flag
 * @see Elkan, "Using the triangle inequality to accelerate k-means", ICML 2003
 * @see sklearn.cluster.KMeans(algorithm="elkan")
 */
export function elkan(p: KMeansProblem): KMeansRun {
  const { X, sqX, n, d, k, maxIter, tol, spherical, diameter, observer } = p;
  let centers = p.init.slice();
  let next = new Float64Array(k * d);
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n * k);
  const half = new Float64Array(k * k);
  const nearest = new Float64Array(k);
  const counts = new Int32Array(k);
  const shift = new Float64Array(k);
  const cache = centreCache(n, k);
  const movedIds = new Int32Array(k);
  const buf = new Float64Array(k);
  const best = sqX !== null ? new Float64Array(n) : null;
  const scratch = sqX !== null ? assignScratch(k) : null;
  // Float32 rows are read in place (widened as read: the same bits as on a Float64 copy).
  const x64 = X instanceof Float64Array ? X : null;
  const x32 = X instanceof Float32Array ? X : null;
  let iterations = 0;
  let converged = false;
  let strict = false;
  // Product path: replace the next bounded pass by a full product pass (trivial bounds after a
  // k-means++ start, or bounds that stopped pruning).
  let fullPass = false;
  while (iterations < maxIter) {
    let changed = false;
    if (iterations === 0 && p.initLabels !== null) {
      // First assignment known (k-means++): exact upper bounds, trivial lower bounds.
      const closest = p.initClosest!;
      labels.set(p.initLabels);
      for (let i = 0; i < n; i++) {
        const u = Math.sqrt(closest[i]!);
        upper[i] = u;
        lower[i * k + labels[i]!] = u;
      }
      changed = true;
      fullPass = sqX !== null;
    } else if (sqX !== null && (iterations === 0 || fullPass)) {
      // Every row against every centre through the product: exact labels, tight bounds.
      const pc = packCentres(centers, k, d);
      let moved = 0;
      for (let i0 = 0; i0 < n; i0 += CHECK_ROWS) {
        if (observer !== null) checkAborted(observer.fn, observer.signal);
        moved += assignRows(X, d, sqX, null, i0, Math.min(n, i0 + CHECK_ROWS), centers, pc, k, labels, best, null, lower, scratch!);
      }
      for (let i = 0; i < n; i++) upper[i] = Math.sqrt(best![i]!);
      changed = iterations === 0 || moved > 0;
      fullPass = false;
    } else if (iterations === 0) {
      // First pass: every distance, exactly as Lloyd.
      for (let i = 0; i < n; i++) {
        if (observer !== null && (i & (CHECK_ROWS - 1)) === 0) checkAborted(observer.fn, observer.signal);
        const li = i * k;
        sqDistAll(x64!, i * d, centers, k, d, buf);
        let bestC = 0;
        let bestD = Infinity;
        for (let c = 0; c < k; c++) {
          const v = buf[c]!;
          lower[li + c] = Math.sqrt(v);
          if (v < bestD) {
            bestD = v;
            bestC = c;
          }
        }
        labels[i] = bestC;
        upper[i] = Math.sqrt(bestD);
      }
      changed = true;
    } else {
      halfCenterDistances(centers, k, d, half, nearest);
      const slack = boundSlack(diameter, d, iterations);
      let evals = 0;
      for (let i = 0; i < n; i++) {
        if (observer !== null && (i & (CHECK_ROWS - 1)) === 0) checkAborted(observer.fn, observer.signal);
        const a0 = labels[i]!;
        let u = upper[i]!;
        if (u + slack < nearest[a0]!) continue;
        const li = i * k;
        let a = a0;
        let tight = false;
        let d2a = 0;
        const oi = i * d;
        for (let j = 0; j < k; j++) {
          if (j === a) continue;
          const lb = lower[li + j]!;
          const hc = half[a * k + j]!;
          if (u + slack < lb || u + slack < hc) continue;
          if (!tight) {
            d2a = x32 !== null ? sqDist32(x32, oi, centers, a * d, d) : sqDist(x64!, oi, centers, a * d, d);
            evals++;
            u = Math.sqrt(d2a);
            lower[li + a] = u;
            tight = true;
            if (u + slack < lb || u + slack < hc) continue;
          }
          const d2j = x32 !== null ? sqDist32(x32, oi, centers, j * d, d) : sqDist(x64!, oi, centers, j * d, d);
          evals++;
          const dj = Math.sqrt(d2j);
          lower[li + j] = dj;
          if (d2j < d2a || (d2j === d2a && j < a)) {
            a = j;
            d2a = d2j;
            u = dj;
          }
        }
        upper[i] = u;
        if (a !== a0) {
          labels[i] = a;
          changed = true;
        }
      }
      fullPass = sqX !== null && evals > FULL_PASS_SHARE * n * k;
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
    // Lower bounds move by their centre's shift; centres that kept their rows did not move
    // (shift exactly 0, their bounds unchanged), so only the moved ones are visited.
    let movedCount = 0;
    for (let c = 0; c < k; c++) if (shift[c] !== 0) movedIds[movedCount++] = c;
    for (let i = 0; i < n; i++) {
      upper[i]! += shift[labels[i]!]!;
      const li = i * k;
      for (let q = 0; q < movedCount; q++) {
        const c = movedIds[q]!;
        const v = lower[li + c]! - shift[c]!;
        lower[li + c] = v > 0 ? v : 0;
      }
    }
  }
  if (!strict) assignAll(X, n, d, centers, k, labels, sqX, observer);
  return { labels, centers, inertia: inertiaOf(X, n, d, centers, labels), iterations, converged };
}
