/**
 * Mini-batch k-means (Sculley 2010) for data sets too large for full Lloyd iterations.
 */
import { nextDouble, rngState, type RngState } from '../../core/random.js';
import { assertAllocatable, assertInteger, assertNumber } from '../../core/validate.js';
import type { FloatArray, MatrixLike } from '../../core/matrix.js';
import { checkAborted, type Observer } from '../../core/task.js';
import { rowSqNorms } from '../../distance/kernels.js';
import { resolveKMeansInput, type KMeansModel, type KMeansOptions } from './kmeans.js';
import { kmeansPlusPlus, randomRows } from './kmeans-init.js';
import { assignRows, assignScratch, packCentres, useProduct } from './kmeans-product.js';
import { absoluteTolerance, assignAll, copyRow, inertiaOf, normalizeRow } from './kmeans-step.js';
import { sqDist } from './sq-dist.js';
import { distinctIndices, identity } from '../../core/sampling.js';
import { readOptions, type OptionKeys } from '../../core/options.js';

/** Options of {@link miniBatchKmeans}: those of `kmeans` (with other defaults) plus the batch controls. */
export interface MiniBatchKMeansOptions extends Omit<KMeansOptions, 'algorithm'> {
  /**
   * Rows drawn (with replacement) per step.
   * @defaultValue 1024
   */
  batchSize?: number;
  /**
   * Maximum number of passes over the data: at most `ceil(maxIter · n / batchSize)` steps.
   * @defaultValue 100
   */
  maxIter?: number;
  /**
   * Number of initialisations, each k-means++ (or random) on `3 · batchSize` random rows and
   * scored on another sample of that size; the best is kept. `'auto'` (scikit-learn ≥ 1.4): one
   * for k-means++ or an explicit `init`, three for `'random'`.
   * @defaultValue 'auto'
   */
  nInit?: number | 'auto';
  /**
   * Stop when the summed squared centre change of a step is ≤ `tol · mean(var(X, axis = 0))`;
   * `0` disables this rule (the smoothed-inertia rule below still applies).
   * @defaultValue 0
   */
  tol?: number;
  /**
   * Stop after this many consecutive steps without improvement of the exponentially smoothed
   * batch inertia.
   * @defaultValue 10
   */
  maxNoImprovement?: number;
  /**
   * A centre whose accumulated count is below `reassignmentRatio ×` the largest count is
   * moved to a random row of the batch (checked every ~10·k sampled rows). `0` disables it.
   * @defaultValue 0.01
   */
  reassignmentRatio?: number;
}

const MINI_BATCH_K_MEANS_KEYS: OptionKeys<MiniBatchKMeansOptions> = {
  k: true,
  init: true,
  seed: true,
  metric: true,
  batchSize: true,
  maxIter: true,
  nInit: true,
  tol: true,
  maxNoImprovement: true,
  reassignmentRatio: true,
  signal: true,
  onProgress: true,
};

function sampleIndices(state: RngState, n: number, size: number, out: Int32Array): void {
  for (let b = 0; b < size; b++) out[b] = Math.min(n - 1, Math.floor(nextDouble(state) * n));
}

/** The rows `idx[0 … size)` of X as a contiguous Float64 block (Float32 rows widened). */
function gather(X: FloatArray, d: number, idx: Int32Array, size: number, out: Float64Array = new Float64Array(size * d)): Float64Array {
  for (let b = 0; b < size; b++) copyRow(X, idx[b]!, d, out, b * d);
  return out;
}

/**
 * k-means on random mini-batches: each step draws `batchSize` rows, assigns them to the
 * nearest centre and moves each centre towards its new rows with a per-centre learning rate
 * 1 / (rows seen so far), so a centre converges to the running mean of its rows. Stops on a
 * plateau of the smoothed batch inertia (or `tol`, or `maxIter` passes); a final full pass
 * computes the labels and the inertia. Much faster than {@link kmeans} for large n, at a
 * small cost in inertia (measured in `bench/results/cluster.md` and
 * `bench/results/embeddings.md`). The same steps, stopping rules and reassignment as
 * scikit-learn's `MiniBatchKMeans`.
 *
 * At d ≥ 32 (and for Float32 data) the batch assignment and the final pass run through the
 * packed product with an exact re-check (the labels are the difference form's). Float32 data is
 * read in place: each batch is gathered into a Float64 block of `batchSize × d` doubles.
 *
 * Complexity: O(steps · batchSize · k · d + n·k·d) time; memory O(batchSize·d + n) besides the
 * output (8 bytes per row of norms on the product path; a Float64 unit-row copy of X for the
 * cosine metric).
 *
 * @param X - n × d data (Float64 or Float32); not modified
 * @param options - {@link MiniBatchKMeansOptions}; `k` is required
 * @returns a {@link KMeansModel} (use `kmeansPredict` on new rows); `iterations` counts steps
 * @throws LatentError `E_MEMORY` when a batch of `batchSize` rows would need more than the 4 GiB one call may allocate
 * @throws LatentError as `kmeans`, plus `E_RANGE` / `E_TYPE` for bad batchSize,
 * maxNoImprovement or reassignmentRatio; `E_ABORTED` when `signal` fires
 * @example
 * ```ts
 * const { data } = blobs({ n: 100000, centers: 8, dims: 10, seed: 1 });
 * const model = miniBatchKmeans(data, { k: 8 });
 * model.centroids.rows; // 8
 * ```
 * @see Sculley, "Web-scale k-means clustering", WWW 2010
 * @see sklearn.cluster.MiniBatchKMeans
 */
export function miniBatchKmeans(X: MatrixLike, options: MiniBatchKMeansOptions): KMeansModel {
  const fn = 'miniBatchKmeans';
  const o = readOptions(fn, options, MINI_BATCH_K_MEANS_KEYS);
  const rawInit = o.init ?? 'k-means++';
  const nInitOption = o.nInit === undefined || o.nInit === 'auto' ? (rawInit === 'random' ? 3 : 1) : o.nInit;
  const input = resolveKMeansInput(fn, X, { ...o, nInit: nInitOption }, 100, 0);
  const { X: data, n, d, k, init, nInit, maxIter, metric } = input;
  const batchSize = assertInteger(fn, 'batchSize', o.batchSize ?? 1024, 1);
  // Per-step buffers: the batch's rows (d doubles each) plus ~3 doubles of indices, norms and labels per row.
  assertAllocatable(fn, `a batch of ${batchSize} rows (batchSize)`, batchSize * (d + 3));
  const maxNoImprovement = assertInteger(fn, 'maxNoImprovement', o.maxNoImprovement ?? 10, 1);
  const ratio = assertNumber(fn, 'reassignmentRatio', o.reassignmentRatio ?? 0.01, 0, 1);
  const spherical = metric === 'cosine';
  const observer: Observer = { fn, signal: input.signal, onProgress: input.onProgress };
  checkAborted(fn, input.signal);
  const tol = absoluteTolerance(data, n, d, input.tol);
  const state = rngState(input.seed);
  const product = useProduct(data, d);

  // Initialisation: the best of nInit k-means++ (or random) runs on samples, scored on a held-out sample.
  let centers = new Float64Array(k * d);
  if (typeof init !== 'string') {
    centers.set(init);
  } else {
    const initSize = Math.min(n, Math.max(3 * batchSize, k));
    const idx = new Int32Array(initSize);
    sampleIndices(state, n, initSize, idx);
    const valid = gather(data, d, idx, initSize);
    const validSq = product ? rowSqNorms(valid, initSize, d) : null;
    const validLabels = new Int32Array(initSize);
    let bestScore = Infinity;
    const cand = new Float64Array(k * d);
    for (let r = 0; r < nInit; r++) {
      checkAborted(fn, input.signal);
      // Draw distinct rows so that k-means++ always finds k distinct candidates when n ≥ k.
      const pick = initSize === n ? identity(n) : distinctIndices(state, n, initSize);
      const sample = gather(data, d, pick, initSize);
      if (init === 'k-means++') kmeansPlusPlus(sample, initSize, d, k, state, cand, undefined, product ? rowSqNorms(sample, initSize, d) : null, observer, r * k, nInit * k);
      else randomRows(sample, initSize, d, k, state, cand);
      assignAll(valid, initSize, d, cand, k, validLabels.fill(-1), validSq);
      const score = inertiaOf(valid, initSize, d, cand, validLabels);
      if (score < bestScore) {
        bestScore = score;
        centers = cand.slice();
      }
    }
  }

  const steps = Math.max(1, Math.ceil((maxIter * n) / batchSize));
  const batch = new Int32Array(batchSize);
  const rows = new Float64Array(batchSize * d);
  const batchSq = product ? new Float64Array(batchSize) : null;
  const batchBest = product ? new Float64Array(batchSize) : null;
  const scratch = product ? assignScratch(k) : null;
  const batchLabels = new Int32Array(batchSize);
  const weight = new Float64Array(k);
  const sums = new Float64Array(k * d);
  const inBatch = new Int32Array(k);
  const previous = new Float64Array(k * d);
  let ewa = NaN;
  let ewaMin = Infinity;
  let noImprovement = 0;
  let sinceReassign = 0;
  let iterations = 0;
  let converged = false;
  for (let step = 0; step < steps; step++) {
    checkAborted(fn, input.signal);
    if ((step & 15) === 0) input.onProgress?.({ stage: 'step', completed: step, total: steps });
    iterations++;
    sampleIndices(state, n, batchSize, batch);
    gather(data, d, batch, batchSize, rows);
    // Assignment against the current centres, with the batch inertia.
    let batchInertia = 0;
    sums.fill(0);
    inBatch.fill(0);
    if (product) {
      for (let b = 0; b < batchSize; b++) {
        let s2 = 0;
        const o = b * d;
        for (let t = 0; t < d; t++) s2 += rows[o + t]! * rows[o + t]!;
        batchSq![b] = s2;
      }
      assignRows(rows, d, batchSq!, null, 0, batchSize, centers, packCentres(centers, k, d), k, batchLabels, batchBest, null, null, scratch!);
    }
    for (let b = 0; b < batchSize; b++) {
      const oi = b * d;
      let best = 0;
      let bestD: number;
      if (product) {
        best = batchLabels[b]!;
        bestD = batchBest![b]!;
      } else {
        bestD = sqDist(rows, oi, centers, 0, d);
        for (let c = 1; c < k; c++) {
          const v = sqDist(rows, oi, centers, c * d, d);
          if (v < bestD) {
            bestD = v;
            best = c;
          }
        }
        batchLabels[b] = best;
      }
      batchInertia += bestD;
      inBatch[best]!++;
      const oc = best * d;
      for (let t = 0; t < d; t++) sums[oc + t]! += rows[oi + t]!;
    }
    // Per-centre running means.
    previous.set(centers);
    for (let c = 0; c < k; c++) {
      const m = inBatch[c]!;
      if (m === 0) continue;
      const w = weight[c]!;
      const total = w + m;
      const oc = c * d;
      for (let t = 0; t < d; t++) centers[oc + t] = (centers[oc + t]! * w + sums[oc + t]!) / total;
      weight[c] = total;
      if (spherical) normalizeRow(centers, oc, d, previous);
    }
    // Occasional reassignment of starved centres to random batch rows.
    sinceReassign += batchSize;
    let anyZero = false;
    for (let c = 0; c < k; c++) if (weight[c] === 0) anyZero = true;
    if (ratio > 0 && (anyZero || sinceReassign >= 10 * k)) {
      sinceReassign = 0;
      reassign(rows, d, k, centers, weight, ratio, batchSize, state);
    }
    let moved = 0;
    for (let c = 0; c < k; c++) moved += sqDist(previous, c * d, centers, c * d, d);
    // Convergence on the exponentially smoothed batch inertia (the first step is ignored).
    if (step === 0) continue;
    const bi = batchInertia / batchSize;
    if (Number.isNaN(ewa)) ewa = bi;
    else {
      const alpha = Math.min(1, (batchSize * 2) / (n + 1));
      ewa = ewa * (1 - alpha) + bi * alpha;
    }
    if (tol > 0 && moved <= tol) {
      converged = true;
      break;
    }
    if (ewa < ewaMin) {
      noImprovement = 0;
      ewaMin = ewa;
    } else if (++noImprovement >= maxNoImprovement) {
      converged = true;
      break;
    }
  }
  input.onProgress?.({ stage: 'step', completed: iterations, total: steps });
  const sqX = product ? rowSqNorms(data, n, d) : null;
  const labels = new Int32Array(n).fill(-1);
  assignAll(data, n, d, centers, k, labels, sqX, observer);
  const inertia = inertiaOf(data, n, d, centers, labels);
  return {
    kind: 'kmeans',
    version: 1,
    centroids: { rows: k, cols: d, data: centers },
    labels,
    inertia: spherical ? inertia / 2 : inertia,
    iterations,
    converged,
    metric,
  };
}

/** Moves the starved centres to distinct random rows of the batch (`rows`: the gathered batch). */
function reassign(rows: Float64Array, d: number, k: number, C: Float64Array, weight: Float64Array, ratio: number, batchSize: number, state: RngState): void {
  let max = 0;
  for (let c = 0; c < k; c++) if (weight[c]! > max) max = weight[c]!;
  const threshold = ratio * max;
  let count = 0;
  let minKept = Infinity;
  for (let c = 0; c < k; c++) {
    if (weight[c]! < threshold) count++;
    else if (weight[c]! < minKept) minKept = weight[c]!;
  }
  if (count === 0 || count > batchSize) return;
  if (minKept === Infinity) minKept = 0;
  // Distinct random positions in the batch (partial Fisher–Yates over batch slots).
  const slots = identity(batchSize);
  let used = 0;
  for (let c = 0; c < k; c++) {
    if (!(weight[c]! < threshold)) continue;
    const j = used + Math.min(batchSize - used - 1, Math.floor(nextDouble(state) * (batchSize - used)));
    const t = slots[used]!;
    slots[used] = slots[j]!;
    slots[j] = t;
    const b = slots[used]!;
    used++;
    C.set(rows.subarray(b * d, b * d + d), c * d);
    weight[c] = minKept;
  }
}
