/**
 * Calinski–Harabasz index (variance ratio criterion).
 */
import type { MatrixLike } from '../../core/matrix.js';
import { labelledRows } from './labels.js';

/**
 * Calinski–Harabasz index: between-cluster dispersion over within-cluster dispersion, each
 * divided by its degrees of freedom, `[B / (K − 1)] / [W / (n − K)]`. Higher is better.
 * Returns 1 when the within-cluster dispersion is 0 (scikit-learn's convention). O(n·d).
 *
 * @param X - n × d data
 * @param labels - n non-negative integer labels with 2 ≤ distinct ≤ n − 1
 * @returns the index (≥ 0)
 * @throws LatentError `E_SHAPE` (labels length ≠ n), `E_RANGE` (bad labels or cluster count),
 * `E_NOT_FINITE`, `E_TYPE`
 * @throws LatentError `E_RANGE` for a value beyond ±2⁵⁰⁰ ≈ 3.3e150, whose squared differences would overflow
 * @example
 * ```ts
 * calinskiHarabasz([[0, 0], [0, 1], [5, 0], [5, 1]], [0, 0, 1, 1]); // 50
 * ```
 * @see Caliński & Harabasz, "A dendrite method for cluster analysis", Comm. in Statistics 3 (1974)
 * @see sklearn.metrics.calinski_harabasz_score
 */
export function calinskiHarabasz(X: MatrixLike, labels: ArrayLike<number>): number {
  const fn = 'calinskiHarabasz';
  const { data, n, d, codes, K, sizes } = labelledRows(fn, X, labels);
  const mean = new Float64Array(d);
  const cent = new Float64Array(K * d);
  for (let i = 0; i < n; i++) {
    const oc = codes[i]! * d;
    for (let t = 0; t < d; t++) {
      mean[t]! += data[i * d + t]!;
      cent[oc + t]! += data[i * d + t]!;
    }
  }
  for (let t = 0; t < d; t++) mean[t]! /= n;
  for (let c = 0; c < K; c++) for (let t = 0; t < d; t++) cent[c * d + t]! /= sizes[c]!;
  let extra = 0;
  for (let c = 0; c < K; c++) {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const u = cent[c * d + t]! - mean[t]!;
      s += u * u;
    }
    extra += sizes[c]! * s;
  }
  let intra = 0;
  for (let i = 0; i < n; i++) {
    const oc = codes[i]! * d;
    for (let t = 0; t < d; t++) {
      const u = data[i * d + t]! - cent[oc + t]!;
      intra += u * u;
    }
  }
  return intra === 0 ? 1 : (extra * (n - K)) / (intra * (K - 1));
}
