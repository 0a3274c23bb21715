/**
 * UMAP's local metric: for each point, the distance ρ to its nearest (non-identical) neighbour
 * and the bandwidth σ that makes its fuzzy neighbourhood hold log₂(k) worth of membership
 * (umap-learn's `smooth_knn_dist`).
 */
import { detExp, detLog } from '../../core/math.js';

/** umap-learn's `SMOOTH_K_TOLERANCE`: the binary search stops within it of the target. */
const SMOOTH_K_TOLERANCE = 1e-5;
/** umap-learn's `MIN_K_DIST_SCALE`: σ is at least this fraction of the mean neighbour distance. */
const MIN_K_DIST_SCALE = 1e-3;
/** Upper end of the σ search (umap-learn's `NPY_FLOATMAX`, the largest float32). */
const FLOAT32_MAX = 3.4028234663852886e38;
/** Binary-search steps (umap-learn's `n_iter`). */
const N_ITER = 64;

/** Per-point result of {@link smoothKnnDistances}. */
export interface SmoothKnn {
  /** Bandwidth σᵢ of each point's exponential membership. */
  sigmas: Float64Array;
  /** Distance ρᵢ to the local-connectivity-th nearest non-identical neighbour. */
  rhos: Float64Array;
}

/**
 * σ and ρ of every row of a k-nearest-neighbour distance table, as umap-learn's
 * `smooth_knn_dist` computes them: ρᵢ from the non-zero distances and `localConnectivity`
 * (interpolated for a fractional value), then σᵢ by 64 steps of bisection (doubling while no
 * upper bound is known) until `Σⱼ exp(−max(0, dᵢⱼ − ρᵢ)/σᵢ)` is within 1e-5 of
 * `log₂(nNeighbors) · bandwidth`, then floored at 1e-3 × the row's mean distance (the mean of
 * all rows when ρᵢ = 0).
 *
 * umap-learn's table has each point itself in column 0 (distance 0) and sums from column 1; the
 * tables here come in two layouts, selected by `implicitSelf`:
 * - `true` (fitting): the `width` columns are the neighbours *without* the point itself, which
 *   stands for umap-learn's column 0: every column enters the sum, and the means count
 *   `width + 1` entries (the zero included), as umap-learn's do.
 * - `false` (transform: new points against the training points, umap-learn's bipartite case):
 *   the sum skips column 0, as umap-learn's does, and the means count `width` entries.
 *
 * The exponential is `detExp`, so σ is bit-identical on every engine. O(rows · width · 64).
 *
 * @param distances - rows × width, each row sorted ascending, finite, ≥ 0
 * @param rows - number of rows
 * @param width - neighbours per row in the table
 * @param nNeighbors - k of the target log₂(k) (umap-learn's `n_neighbors`)
 * @param localConnectivity - neighbours assumed connected (umap-learn default 1; 0 in transform)
 * @param implicitSelf - see above
 * @returns σ and ρ per row
 * @example
 * ```ts
 * const { sigmas, rhos } = smoothKnnDistances(knn.distances, n, 14, 15, 1, true);
 * // each row i: Σⱼ exp(−max(0, d − rhos[i]) / sigmas[i]) ≈ log2(15)
 * ```
 * @see umap-learn `umap.umap_.smooth_knn_dist`
 */
export function smoothKnnDistances(
  distances: Float64Array,
  rows: number,
  width: number,
  nNeighbors: number,
  localConnectivity: number,
  implicitSelf: boolean,
): SmoothKnn {
  // log₂ through detLog: Math.log2 may round differently from engine to engine.
  const target = detLog(nNeighbors) / Math.LN2;
  const rhos = new Float64Array(rows);
  const sigmas = new Float64Array(rows);
  const count = implicitSelf ? width + 1 : width;
  const from = implicitSelf ? 0 : 1;
  let total = 0;
  for (let t = 0; t < rows * width; t++) total += distances[t]!;
  const meanAll = total / (rows * count);
  const index = Math.floor(localConnectivity);
  const interpolation = localConnectivity - index;
  for (let i = 0; i < rows; i++) {
    const off = i * width;
    // ρ: the index-th non-zero distance (rows are sorted, so the non-zeros are a suffix).
    let firstNonZero = 0;
    while (firstNonZero < width && !(distances[off + firstNonZero]! > 0)) firstNonZero++;
    const nonZero = width - firstNonZero;
    let rho = 0;
    if (nonZero >= localConnectivity) {
      if (index > 0) {
        rho = distances[off + firstNonZero + index - 1]!;
        if (interpolation > SMOOTH_K_TOLERANCE) {
          rho += interpolation * (distances[off + firstNonZero + index]! - distances[off + firstNonZero + index - 1]!);
        }
      } else if (nonZero > 0) {
        rho = interpolation * distances[off + firstNonZero]!;
      }
    } else if (nonZero > 0) {
      rho = distances[off + width - 1]!; // the largest
    }
    rhos[i] = rho;
    let lo = 0;
    let hi = FLOAT32_MAX;
    let mid = 1;
    for (let it = 0; it < N_ITER; it++) {
      let psum = 0;
      for (let j = from; j < width; j++) {
        const d = distances[off + j]! - rho;
        psum += d > 0 ? detExp(-(d / mid)) : 1;
      }
      if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
      if (psum > target) {
        hi = mid;
        mid = (lo + hi) / 2;
      } else {
        lo = mid;
        if (hi >= FLOAT32_MAX) mid *= 2;
        else mid = (lo + hi) / 2;
      }
    }
    let sigma = mid;
    if (rho > 0) {
      let s = 0;
      for (let j = 0; j < width; j++) s += distances[off + j]!;
      const meanRow = s / count;
      if (sigma < MIN_K_DIST_SCALE * meanRow) sigma = MIN_K_DIST_SCALE * meanRow;
    } else if (sigma < MIN_K_DIST_SCALE * meanAll) {
      sigma = MIN_K_DIST_SCALE * meanAll;
    }
    sigmas[i] = sigma;
  }
  return { sigmas, rhos };
}
