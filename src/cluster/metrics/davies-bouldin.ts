/**
 * Davies–Bouldin index.
 */
import type { MatrixLike } from '../../core/matrix.js';
import { labelledRows } from './labels.js';

/**
 * Davies–Bouldin index: the mean, over clusters, of the worst ratio
 * `(s_i + s_j) / ‖c_i − c_j‖`, where `s_i` is the mean euclidean distance of cluster i's points
 * to its centroid `c_i`. Lower is better; 0 is the minimum. Like scikit-learn, returns 0 when
 * every `s_i` or every centroid distance is within 1e-8 of 0, and ignores pairs of coincident
 * centroids. O(n·d + K²·d).
 *
 * @param X - n × d data
 * @param labels - n non-negative integer labels with 2 ≤ distinct ≤ n − 1
 * @returns the index (≥ 0)
 * @throws LatentError `E_SHAPE` (labels length ≠ n), `E_RANGE` (bad labels or cluster count),
 * `E_NOT_FINITE`, `E_TYPE`
 * @throws LatentError `E_RANGE` for a value beyond ±2⁵⁰⁰ ≈ 3.3e150, whose squared differences would overflow
 * @example
 * ```ts
 * daviesBouldin([[0, 0], [0, 1], [5, 0], [5, 1]], [0, 0, 1, 1]); // 0.2
 * ```
 * @see Davies & Bouldin, "A cluster separation measure", IEEE TPAMI 1 (1979)
 * @see sklearn.metrics.davies_bouldin_score
 */
export function daviesBouldin(X: MatrixLike, labels: ArrayLike<number>): number {
  const fn = 'daviesBouldin';
  const { data, n, d, codes, K, sizes } = labelledRows(fn, X, labels);
  const cent = new Float64Array(K * d);
  for (let i = 0; i < n; i++) {
    const oc = codes[i]! * d;
    for (let t = 0; t < d; t++) cent[oc + t]! += data[i * d + t]!;
  }
  for (let c = 0; c < K; c++) for (let t = 0; t < d; t++) cent[c * d + t]! /= sizes[c]!;
  const intra = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const oc = codes[i]! * d;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const u = data[i * d + t]! - cent[oc + t]!;
      s += u * u;
    }
    intra[codes[i]!]! += Math.sqrt(s);
  }
  let intraAllZero = true;
  for (let c = 0; c < K; c++) {
    intra[c]! /= sizes[c]!;
    if (Math.abs(intra[c]!) > 1e-8) intraAllZero = false;
  }
  const cd = new Float64Array(K * K);
  let centAllZero = true;
  for (let a = 0; a < K; a++) {
    for (let b = a + 1; b < K; b++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const u = cent[a * d + t]! - cent[b * d + t]!;
        s += u * u;
      }
      const v = Math.sqrt(s);
      cd[a * K + b] = v;
      cd[b * K + a] = v;
      if (v > 1e-8) centAllZero = false;
    }
  }
  if (intraAllZero || centAllZero) return 0;
  let total = 0;
  for (let a = 0; a < K; a++) {
    let worst = 0;
    for (let b = 0; b < K; b++) {
      const dist = cd[a * K + b]!;
      if (b === a || dist === 0) continue;
      const r = (intra[a]! + intra[b]!) / dist;
      if (r > worst) worst = r;
    }
    total += worst;
  }
  return total / K;
}
