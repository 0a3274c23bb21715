/**
 * Normalized mutual information.
 */
import { contingency, encodeLabelPair } from './labels.js';

function entropy(sizes: Int32Array, n: number): number {
  if (sizes.length <= 1) return 0;
  const logN = Math.log(n);
  let h = 0;
  for (let c = 0; c < sizes.length; c++) {
    const p = sizes[c]!;
    h -= (p / n) * (Math.log(p) - logN);
  }
  return h;
}

/**
 * Normalized mutual information of two labellings with arithmetic averaging (scikit-learn's
 * default): `MI(a, b) / ((H(a) + H(b)) / 2)`, natural logarithms. 1 for identical partitions
 * (up to renaming), 0 for independent ones; symmetric. Two single-cluster (or empty)
 * labellings score 1; a single cluster against several scores 0. O(n log n) time, O(n) memory.
 *
 * @param a - first labelling (non-negative integers)
 * @param b - second labelling, same length
 * @returns the NMI in [0, 1]
 * @throws LatentError `E_SHAPE` (lengths differ), `E_RANGE` (negative or non-integer labels), `E_TYPE`
 * @example
 * ```ts
 * normalizedMutualInfo([0, 0, 1, 1], [5, 5, 2, 2]); // 1
 * normalizedMutualInfo([0, 0, 1, 1], [0, 1, 0, 1]); // 0
 * ```
 * @see Vinh, Epps & Bailey, "Information theoretic measures for clusterings comparison", JMLR 11 (2010)
 * @see sklearn.metrics.normalized_mutual_info_score
 */
export function normalizedMutualInfo(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const fn = 'normalizedMutualInfo';
  const [ea, eb] = encodeLabelPair(fn, a, b);
  const n = ea.codes.length;
  if (ea.K === eb.K && ea.K <= 1) return 1;
  if (ea.K === 1 || eb.K === 1) return 0;
  const t = contingency(ea, eb);
  // scikit-learn's mutual_info_score term by term (log(a / b) as log a − log b).
  const logN = Math.log(n);
  let mi = 0;
  for (let c = 0; c < t.cells.length; c++) {
    const nij = t.cells[c]!;
    const pij = nij / n;
    const outer = t.rows[t.rowOf[c]!]! * t.cols[t.colOf[c]!]!;
    const term = pij * (Math.log(nij) - logN) + pij * (-Math.log(outer) + logN + logN);
    if (Math.abs(term) >= 2.220446049250313e-16) mi += term;
  }
  if (mi < 0) mi = 0;
  if (mi === 0) return 0;
  const norm = (entropy(ea.sizes, n) + entropy(eb.sizes, n)) / 2;
  const v = mi / norm;
  return v > 1 ? 1 : v;
}
