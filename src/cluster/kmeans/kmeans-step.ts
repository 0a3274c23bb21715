/**
 * Kernels shared by every k-means iteration scheme (Lloyd, Elkan, Hamerly, mini-batch):
 * the squared-distance loop, the centre update with its empty-cluster repair, the centre
 * shift and the inertia. Lloyd, Elkan and Hamerly call exactly these functions, in the same
 * order, so their iterates are bit-identical.
 *
 * Data may be Float64 or Float32 (read in place): every function here takes either and keeps its
 * loops monomorphic (a loop per storage type, or one row widened into a Float64 buffer).
 */
import type { FloatArray } from '../../core/matrix.js';
import { checkAborted, type Observer } from '../../core/task.js';
import { assignRows, assignScratch, packCentres } from './kmeans-product.js';
import { sqDist, sqDist32 } from './sq-dist.js';

/** Rows between two abort checks in the passes over the data (a few ms of work at most). */
export const CHECK_ROWS = 4096;

/** Result of one k-means run from one initialisation. */
export interface KMeansRun {
  /** Label of every row, 0-based. */
  labels: Int32Array;
  /** k × d centres, row-major. */
  centers: Float64Array;
  /** Sum of squared distances of the rows to their centre (before any metric conversion). */
  inertia: number;
  /** Number of assignment steps performed. */
  iterations: number;
  /** True when the labels stopped changing or the centre shift fell to `tol`. */
  converged: boolean;
}

/** What an iteration scheme needs: the data, the starting centres and the stopping rules. */
export interface KMeansProblem {
  /** n × d data, row-major, Float64 or Float32 (for the cosine metric: a Float64 copy scaled to unit rows). */
  X: FloatArray;
  /**
   * Squared row norms of X when full assignment passes run through the packed product
   * (`kmeans-product.ts`: d ≥ 32 or Float32 data), else null.
   */
  sqX: Float64Array | null;
  /** Number of rows. */
  n: number;
  /** Number of columns. */
  d: number;
  /** Number of clusters. */
  k: number;
  /** Starting centres, k × d (not modified). */
  init: Float64Array;
  /**
   * The first assignment step when already known (from k-means++): the nearest starting centre
   * of every row, ties to the lowest index, exactly as {@link assignAll} would compute it.
   */
  initLabels: Int32Array | null;
  /** Squared distance of every row to its `initLabels` centre (required with `initLabels`). */
  initClosest: Float64Array | null;
  /** Maximum number of assignment steps (≥ 1). */
  maxIter: number;
  /** Absolute tolerance on the summed squared centre shift (already scaled by the data variance). */
  tol: number;
  /** Re-normalise every centre to unit length after each update (spherical k-means). */
  spherical: boolean;
  /**
   * An upper bound on every distance between a row and a centre (centres stay in the convex
   * hull of the rows, or on the unit sphere): used to size the rounding slack of the bounds.
   */
  diameter: number;
  /** Abort checks every {@link CHECK_ROWS} rows and progress after each step, or null. */
  observer: Observer | null;
}

/**
 * Reports an assignment step to the observer and checks its signal.
 *
 * @param obs - the observer, or null
 * @param iterations - steps done
 * @param maxIter - step bound
 */
export function stepDone(obs: Observer | null, iterations: number, maxIter: number): void {
  if (obs === null) return;
  checkAborted(obs.fn, obs.signal);
  obs.onProgress?.({ stage: 'iterate', completed: iterations, total: maxIter });
}

/**
 * Squared distance between row `i` of `X` (Float64 or Float32) and row `c` of the centres: the
 * storage-type dispatch of {@link sqDist} / {@link sqDist32} for code outside the hot loops.
 *
 * @param X - data
 * @param i - row index
 * @param C - centres
 * @param c - centre index
 * @param d - columns
 * @returns the squared distance
 */
export function rowCentreDist(X: FloatArray, i: number, C: Float64Array, c: number, d: number): number {
  return X instanceof Float32Array ? sqDist32(X, i * d, C, c * d, d) : sqDist(X, i * d, C, c * d, d);
}

/**
 * Copies row `i` of `X` (Float64 or Float32, widened) into `out` at offset `at`. O(d).
 *
 * @param X - data
 * @param i - row index
 * @param d - columns
 * @param out - destination
 * @param at - offset in `out`
 */
export function copyRow(X: FloatArray, i: number, d: number, out: Float64Array, at: number): void {
  if (X instanceof Float32Array) {
    for (let t = 0; t < d; t++) out[at + t] = X[i * d + t]!;
  } else {
    out.set(X.subarray(i * d, i * d + d), at);
  }
}

/**
 * Four {@link sqDist} values at once — row `ia` of `a` against rows `b0…b3` (offsets) of `b` —
 * reading each coordinate of the `a` row once (about 1.6× faster than four calls). Each result
 * is bit-identical to the corresponding `sqDist`. Results go to `out[o + q·stride]`, q = 0…3.
 *
 * @param a - flat matrix of the query row
 * @param ia - offset of the query row
 * @param b - flat matrix of the four rows
 * @param b0 - offset of the first row
 * @param b1 - offset of the second row
 * @param b2 - offset of the third row
 * @param b3 - offset of the fourth row
 * @param d - row length
 * @param out - destination
 * @param o - offset of the first result
 * @param stride - distance between consecutive results in `out`
 */
export function sqDist4(
  a: Float64Array,
  ia: number,
  b: Float64Array,
  b0: number,
  b1: number,
  b2: number,
  b3: number,
  d: number,
  out: Float64Array,
  o: number,
  stride: number,
): void {
  let p0 = 0;
  let p1 = 0;
  let q0 = 0;
  let q1 = 0;
  let r0 = 0;
  let r1 = 0;
  let s0 = 0;
  let s1 = 0;
  let t = 0;
  for (; t + 1 < d; t += 2) {
    const x0 = a[ia + t]!;
    const x1 = a[ia + t + 1]!;
    let u = x0 - b[b0 + t]!;
    let v = x1 - b[b0 + t + 1]!;
    p0 += u * u;
    p1 += v * v;
    u = x0 - b[b1 + t]!;
    v = x1 - b[b1 + t + 1]!;
    q0 += u * u;
    q1 += v * v;
    u = x0 - b[b2 + t]!;
    v = x1 - b[b2 + t + 1]!;
    r0 += u * u;
    r1 += v * v;
    u = x0 - b[b3 + t]!;
    v = x1 - b[b3 + t + 1]!;
    s0 += u * u;
    s1 += v * v;
  }
  if (t < d) {
    const x0 = a[ia + t]!;
    let u = x0 - b[b0 + t]!;
    p0 += u * u;
    u = x0 - b[b1 + t]!;
    q0 += u * u;
    u = x0 - b[b2 + t]!;
    r0 += u * u;
    u = x0 - b[b3 + t]!;
    s0 += u * u;
  }
  out[o] = p0 + p1;
  out[o + stride] = q0 + q1;
  out[o + 2 * stride] = r0 + r1;
  out[o + 3 * stride] = s0 + s1;
}

/**
 * Squared distances from row `ia` of `X` to all k centres, into `out[0…k)` ({@link sqDist4}
 * for groups of four, {@link sqDist} for the rest; the same bits as k `sqDist` calls).
 *
 * @param X - data
 * @param ia - offset of the row
 * @param C - k × d centres
 * @param k - number of centres
 * @param d - row length
 * @param out - destination, length ≥ k
 */
export function sqDistAll(X: Float64Array, ia: number, C: Float64Array, k: number, d: number, out: Float64Array): void {
  let c = 0;
  for (; c + 3 < k; c += 4) sqDist4(X, ia, C, c * d, c * d + d, c * d + 2 * d, c * d + 3 * d, d, out, c, 1);
  for (; c < k; c++) out[c] = sqDist(X, ia, C, c * d, d);
}

/**
 * Rounding slack for the bound tests of Elkan and Hamerly at iteration `iter`: every bound is
 * a sum or difference of at most `iter + 2` computed distances, each within `4·d·ε·diameter`
 * of the truth, so a skip is only taken when it holds by more than this margin. The margin is
 * far below any gap that matters for pruning, and it makes a skipped centre provably no
 * closer than the one kept, so the labels are exactly Lloyd's.
 *
 * @param diameter - bound on every point–centre distance
 * @param d - dimension
 * @param iter - iteration number (0-based)
 * @returns the absolute slack
 */
export function boundSlack(diameter: number, d: number, iter: number): number {
  return diameter * 2.220446049250313e-16 * (4 * d + 16 * (iter + 2)) + Number.MIN_VALUE;
}

/**
 * What {@link updateCenters} needs to skip clusters whose rows did not change: the labels the
 * current centres were computed from. A cluster whose set of rows is the same as then has the
 * same sum (the same rows, added in the same order), so its mean is copied instead of summed
 * again — the same bits as a full recomputation, for a fraction of the pass once few rows move.
 */
export interface CentreCache {
  /** Labels the centres passed as `old` were computed from (valid only when `valid`). */
  labels: Int32Array;
  /** Whether `labels` belongs to the centres passed as `old` to the next update. */
  valid: boolean;
  /** Scratch per cluster: 1 when a row entered or left it. */
  dirty: Uint8Array;
}

/**
 * An empty {@link CentreCache} for n rows and k clusters (n·4 + k bytes). The first update
 * fills it.
 *
 * @param n - rows
 * @param k - clusters
 * @returns the cache
 * @example
 * ```ts
 * const cache = centreCache(n, k);
 * updateAndTest(X, n, d, labels, k, centers, next, counts, false, shift, true, tol, cache);
 * ```
 */
export function centreCache(n: number, k: number): CentreCache {
  return { labels: new Int32Array(n), valid: false, dirty: new Uint8Array(k) };
}

/**
 * Recomputes the centres as the means of their rows (the M-step), repairing empty clusters.
 *
 * Empty-cluster repair (as scikit-learn, with a deterministic order): each empty cluster, in
 * index order, takes the row that is farthest from its *previous* centre among rows whose
 * cluster still holds at least two rows (ties: the lowest row index); that row is moved out of
 * its cluster's sum and becomes the empty cluster's centre. No centre is ever NaN or left at
 * zero. The `labels` array itself is not changed (the next assignment step does that).
 *
 * For spherical k-means each new mean is scaled to unit length; a mean of length zero keeps
 * the previous centre.
 *
 * With a valid `cache` (the previous update's labels, `old` being its result) only the
 * clusters that gained or lost a row are summed again; the others keep their centre and count
 * (the same bits). A change that empties a cluster falls back to the full update.
 *
 * @param X - n × d data
 * @param n - rows
 * @param d - columns
 * @param labels - current labels
 * @param k - clusters
 * @param old - previous centres (read)
 * @param out - new centres (written; must not alias `old`)
 * @param counts - cluster sizes: written; with a valid cache, read for the unchanged clusters
 *   (the same array on every call)
 * @param spherical - normalise the centres
 * @param cache - labels of the previous update, or null to sum every cluster
 * @returns the number of empty clusters that were repaired
 */
export function updateCenters(
  X: FloatArray,
  n: number,
  d: number,
  labels: Int32Array,
  k: number,
  old: Float64Array,
  out: Float64Array,
  counts: Int32Array,
  spherical: boolean,
  cache: CentreCache | null = null,
): number {
  if (cache !== null && cache.valid && updateChanged(X, n, d, labels, k, old, out, counts, spherical, cache)) return 0;
  out.fill(0);
  counts.fill(0);
  if (X instanceof Float32Array) sumRows32(X, n, d, labels, out, counts, null);
  else sumRows64(X, n, d, labels, out, counts, null);
  let empty = 0;
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty++;
  if (empty > 0) relocateEmpty(X, n, d, labels, k, old, out, counts);
  for (let c = 0; c < k; c++) meanOf(out, c, d, counts, spherical, old);
  if (cache !== null) {
    cache.labels.set(labels);
    // A repaired cluster's centre is not the mean of its labelled rows.
    cache.valid = empty === 0;
  }
  return empty;
}

/**
 * The update of {@link updateCenters} for the clusters that gained or lost a row; false (and
 * nothing final written) when one of them would be empty, for the full update to repair it.
 */
function updateChanged(X: FloatArray, n: number, d: number, labels: Int32Array, k: number, old: Float64Array, out: Float64Array, counts: Int32Array, spherical: boolean, cache: CentreCache): boolean {
  const { dirty, labels: previous } = cache;
  dirty.fill(0);
  let moved = false;
  for (let i = 0; i < n; i++) {
    const a = labels[i]!;
    const b = previous[i]!;
    if (a !== b) {
      dirty[a] = 1;
      dirty[b] = 1;
      moved = true;
    }
  }
  for (let c = 0; c < k; c++) {
    const oc = c * d;
    if (dirty[c] === 0) {
      for (let t = 0; t < d; t++) out[oc + t] = old[oc + t]!;
    } else {
      for (let t = 0; t < d; t++) out[oc + t] = 0;
      counts[c] = 0;
    }
  }
  if (!moved) return true;
  if (X instanceof Float32Array) sumRows32(X, n, d, labels, out, counts, dirty);
  else sumRows64(X, n, d, labels, out, counts, dirty);
  for (let c = 0; c < k; c++) if (dirty[c] === 1 && counts[c] === 0) return false;
  for (let c = 0; c < k; c++) if (dirty[c] === 1) meanOf(out, c, d, counts, spherical, old);
  previous.set(labels);
  return true;
}

/** Divides cluster c's sum by its size (and normalises it for spherical k-means). */
function meanOf(out: Float64Array, c: number, d: number, counts: Int32Array, spherical: boolean, old: Float64Array): void {
  const m = counts[c]!;
  const oc = c * d;
  if (m > 1) {
    const inv = 1 / m;
    for (let t = 0; t < d; t++) out[oc + t]! *= inv;
  }
  if (spherical) normalizeRow(out, oc, d, old);
}

/** Per-cluster sums and counts of Float64 rows (only the clusters flagged in `only`, when given). */
function sumRows64(X: Float64Array, n: number, d: number, labels: Int32Array, out: Float64Array, counts: Int32Array, only: Uint8Array | null): void {
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    if (only !== null && only[c] === 0) continue;
    counts[c]!++;
    const oc = c * d;
    const oi = i * d;
    // Four coordinates per step (each still summed in row order: the same bits): one loop test
    // per four read-modify-writes, 1.6× faster on 100 000 × 384.
    let t = 0;
    for (; t + 3 < d; t += 4) {
      const o = oc + t;
      const x = oi + t;
      out[o]! += X[x]!;
      out[o + 1]! += X[x + 1]!;
      out[o + 2]! += X[x + 2]!;
      out[o + 3]! += X[x + 3]!;
    }
    for (; t < d; t++) out[oc + t]! += X[oi + t]!;
  }
}

/** Per-cluster sums and counts of Float32 rows, accumulated in double precision (only the clusters flagged in `only`, when given). */
function sumRows32(X: Float32Array, n: number, d: number, labels: Int32Array, out: Float64Array, counts: Int32Array, only: Uint8Array | null): void {
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    if (only !== null && only[c] === 0) continue;
    counts[c]!++;
    const oc = c * d;
    const oi = i * d;
    // Four coordinates per step (each still summed in row order: the same bits): one loop test
    // per four read-modify-writes, 1.6× faster on 100 000 × 384.
    let t = 0;
    for (; t + 3 < d; t += 4) {
      const o = oc + t;
      const x = oi + t;
      out[o]! += X[x]!;
      out[o + 1]! += X[x + 1]!;
      out[o + 2]! += X[x + 2]!;
      out[o + 3]! += X[x + 3]!;
    }
    for (; t < d; t++) out[oc + t]! += X[oi + t]!;
  }
}

/**
 * Scales row `oc / d` of `C` to unit length (spherical k-means); a zero row takes the same row
 * of `previous` instead. O(d).
 *
 * @param C - k × d centres (row written in place)
 * @param oc - offset of the row
 * @param d - columns
 * @param previous - k × d centres to fall back on
 * @example
 * ```ts
 * const C = Float64Array.of(3, 4);
 * normalizeRow(C, 0, 2, C); // C: [0.6, 0.8]
 * ```
 */
export function normalizeRow(C: Float64Array, oc: number, d: number, previous: Float64Array): void {
  let s = 0;
  for (let t = 0; t < d; t++) s += C[oc + t]! * C[oc + t]!;
  if (s > 0) {
    const inv = 1 / Math.sqrt(s);
    for (let t = 0; t < d; t++) C[oc + t]! *= inv;
  } else {
    for (let t = 0; t < d; t++) C[oc + t] = previous[oc + t]!;
  }
}

function relocateEmpty(
  X: FloatArray,
  n: number,
  d: number,
  labels: Int32Array,
  k: number,
  old: Float64Array,
  out: Float64Array,
  counts: Int32Array,
): void {
  // Distance of every row to its previous centre (computed once; only on this rare path).
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) dist[i] = rowCentreDist(X, i, old, labels[i]!, d);
  const taken = new Uint8Array(n);
  for (let c = 0; c < k; c++) {
    if (counts[c] !== 0) continue;
    let best = -1;
    let bestD = -1;
    for (let i = 0; i < n; i++) {
      if (taken[i] === 1 || counts[labels[i]!]! < 2) continue;
      const v = dist[i]!;
      if (v > bestD) {
        bestD = v;
        best = i;
      }
    }
    // k ≤ n guarantees a donor: the non-empty clusters hold n ≥ k rows.
    const from = labels[best]!;
    taken[best] = 1;
    const of = from * d;
    const oc = c * d;
    copyRow(X, best, d, out, oc);
    for (let t = 0; t < d; t++) out[of + t]! -= out[oc + t]!;
    counts[from]!--;
    counts[c] = 1;
  }
  // A donor cluster's sum now lacks the moved rows; a cluster left with one row is divided by 1.
}

/**
 * Euclidean distance each centre moved, and the sum of the squared moves.
 *
 * @param old - previous centres
 * @param cur - new centres
 * @param k - clusters
 * @param d - columns
 * @param shift - output, length k
 * @returns Σ shift²
 */
export function centerShift(old: Float64Array, cur: Float64Array, k: number, d: number, shift: Float64Array): number {
  let total = 0;
  for (let c = 0; c < k; c++) {
    const s = sqDist(old, c * d, cur, c * d, d);
    total += s;
    shift[c] = Math.sqrt(s);
  }
  return total;
}

/** {@link updateAndTest}: keep iterating. */
export const KEEP_GOING = 0;
/** {@link updateAndTest}: the centre shift fell to `tol` or below. */
export const CONVERGED_TOL = 1;
/** {@link updateAndTest}: no label changed and no cluster was repaired (scikit-learn's strict convergence). */
export const CONVERGED_STRICT = 2;

/**
 * One centre update plus scikit-learn's convergence test, shared by Lloyd, Elkan and
 * Hamerly so the three stop on exactly the same iteration: new means into `next`
 * ({@link updateCenters}), per-centre moves into `shift` ({@link centerShift}), then strict
 * convergence when no label changed and nothing was repaired, else convergence when
 * Σ shift² ≤ `tol`. The caller swaps `centers` and `next` afterwards. With a `cache` (one per
 * run) only the clusters whose rows changed are summed again (same bits).
 *
 * @returns {@link KEEP_GOING}, {@link CONVERGED_TOL} or {@link CONVERGED_STRICT}
 */
export function updateAndTest(
  X: FloatArray,
  n: number,
  d: number,
  labels: Int32Array,
  k: number,
  centers: Float64Array,
  next: Float64Array,
  counts: Int32Array,
  spherical: boolean,
  shift: Float64Array,
  changed: boolean,
  tol: number,
  cache: CentreCache | null = null,
): number {
  const relocated = updateCenters(X, n, d, labels, k, centers, next, counts, spherical, cache);
  const total = centerShift(centers, next, k, d, shift);
  if (!changed && relocated === 0) return CONVERGED_STRICT;
  return total <= tol ? CONVERGED_TOL : KEEP_GOING;
}

/**
 * Sum of squared distances of the rows to their assigned centres.
 *
 * @param X - data
 * @param n - rows
 * @param d - columns
 * @param centers - centres
 * @param labels - labels
 * @returns the inertia
 */
export function inertiaOf(X: FloatArray, n: number, d: number, centers: Float64Array, labels: Int32Array): number {
  let s = 0;
  if (X instanceof Float32Array) for (let i = 0; i < n; i++) s += sqDist32(X, i * d, centers, labels[i]! * d, d);
  else for (let i = 0; i < n; i++) s += sqDist(X, i * d, centers, labels[i]! * d, d);
  return s;
}

/**
 * Lloyd's assignment step: the nearest centre of every row (ties: the lowest centre index).
 * With row norms (`sqX`, the product path) the distances come from the packed product with an
 * exact re-check (`kmeans-product.ts`); otherwise from {@link sqDistAll} (Float32 rows widened
 * one at a time). Both give the same labels.
 *
 * @param X - data
 * @param n - rows
 * @param d - columns
 * @param centers - centres
 * @param k - clusters
 * @param labels - output labels
 * @param sqX - squared row norms for the product path, or null
 * @param obs - abort checks every {@link CHECK_ROWS} rows, or null
 * @returns true when some label changed
 */
export function assignAll(X: FloatArray, n: number, d: number, centers: Float64Array, k: number, labels: Int32Array, sqX: Float64Array | null = null, obs: Observer | null = null): boolean {
  if (sqX !== null) {
    const pc = packCentres(centers, k, d);
    const scratch = assignScratch(k);
    let moved = 0;
    for (let i0 = 0; i0 < n; i0 += CHECK_ROWS) {
      if (obs !== null) checkAborted(obs.fn, obs.signal);
      moved += assignRows(X, d, sqX, null, i0, Math.min(n, i0 + CHECK_ROWS), centers, pc, k, labels, null, null, null, scratch);
    }
    return moved > 0;
  }
  let changed = false;
  const buf = new Float64Array(k);
  const row = X instanceof Float32Array ? new Float64Array(d) : null;
  for (let i = 0; i < n; i++) {
    if (obs !== null && (i & (CHECK_ROWS - 1)) === 0) checkAborted(obs.fn, obs.signal);
    if (row !== null) {
      copyRow(X, i, d, row, 0);
      sqDistAll(row, 0, centers, k, d, buf);
    } else {
      sqDistAll(X as Float64Array, i * d, centers, k, d, buf);
    }
    let best = 0;
    let bestD = buf[0]!;
    for (let c = 1; c < k; c++) {
      const v = buf[c]!;
      if (v < bestD) {
        bestD = v;
        best = c;
      }
    }
    if (labels[i] !== best) {
      labels[i] = best;
      changed = true;
    }
  }
  return changed;
}

/**
 * scikit-learn's relative tolerance: `tol · mean(var(X, axis = 0))` (population variance).
 *
 * @param X - data
 * @param n - rows
 * @param d - columns
 * @param tol - relative tolerance
 * @returns the absolute tolerance on Σ shift²
 */
export function absoluteTolerance(X: FloatArray, n: number, d: number, tol: number): number {
  if (tol === 0 || n === 0 || d === 0) return 0;
  const mean = columnMean(X, n, d);
  let v = 0;
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    copyRow(X, i, d, row, 0);
    for (let t = 0; t < d; t++) {
      const u = row[t]! - mean[t]!;
      v += u * u;
    }
  }
  return (v / n / d) * tol;
}

/**
 * Whether every row equals the first, value for value. O(n·d) at worst, and it stops at the
 * first difference (the second row, on ordinary data).
 *
 * k-means on identical rows has nothing to optimise, but its iterations need not stop: the
 * empty-cluster repair puts centres exactly on the rows while the mean of many copies of a value
 * rounds off it, so the rows flip between the mean's centre and an exact one, and the
 * convergence test (a shift ≤ tol, and tol = 0 for data without variance) never passes — 3 000
 * identical rows ran all 300 iterations of each of 10 starts (11 s). The caller stops after the
 * first update instead.
 *
 * @param X - n × d data
 * @param n - rows
 * @param d - columns
 * @returns true when all rows are equal (or n ≤ 1)
 * @example
 * ```ts
 * identicalRows(new Float64Array([1, 2, 1, 2]), 2, 2); // true
 * ```
 */
export function identicalRows(X: FloatArray, n: number, d: number): boolean {
  for (let i = 1; i < n; i++) {
    const o = i * d;
    for (let t = 0; t < d; t++) if (X[o + t] !== X[t]) return false;
  }
  return true;
}

/** Column means, summed row by row in order (Float32 rows widened one at a time). */
function columnMean(X: FloatArray, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    copyRow(X, i, d, row, 0);
    for (let t = 0; t < d; t++) mean[t]! += row[t]!;
  }
  for (let t = 0; t < d; t++) mean[t]! /= n;
  return mean;
}

/**
 * Bound on every distance between a row and a centre: twice the largest distance from the data
 * mean to a row or to an initial centre (centres later stay in the convex hull of the rows).
 *
 * @param X - data
 * @param n - rows
 * @param d - columns
 * @param init - explicit initial centres, or null
 * @param k - number of initial centres
 * @returns the bound (0 for a single point without init)
 */
export function hullDiameter(X: FloatArray, n: number, d: number, init: Float64Array | null, k: number): number {
  const mean = columnMean(X, n, d);
  let r = 0;
  for (let i = 0; i < n; i++) r = Math.max(r, rowCentreDist(X, i, mean, 0, d));
  if (init !== null) for (let c = 0; c < k; c++) r = Math.max(r, sqDist(init, c * d, mean, 0, d));
  return 2 * Math.sqrt(r) * (1 + 1e-12);
}
