/**
 * Adjusted Rand index.
 */
import { contingency, encodeLabelPair } from './labels.js';

/**
 * Adjusted Rand index of two labellings of the same elements: the Rand index (share of pairs
 * on which they agree) corrected for chance, so random labellings score about 0 and identical
 * partitions (up to renaming the labels) score 1. Symmetric. Pair counts are exact integers
 * (BigInt), from a sparse contingency table. O(n log n) time, O(n) memory.
 *
 * @param a - first labelling (non-negative integers)
 * @param b - second labelling, same length
 * @returns the index in [−0.5, 1] (1 for empty input or full agreement)
 * @throws LatentError `E_SHAPE` (lengths differ), `E_RANGE` (negative or non-integer labels), `E_TYPE`
 * @example
 * ```ts
 * adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]); // 1
 * adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]); // -0.5
 * ```
 * @see Hubert & Arabie, "Comparing partitions", J. of Classification 2 (1985)
 * @see sklearn.metrics.adjusted_rand_score
 */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const fn = 'adjustedRandIndex';
  const [ea, eb] = encodeLabelPair(fn, a, b);
  const n = ea.codes.length;
  const t = contingency(ea, eb);
  let sumSq = 0n;
  for (let c = 0; c < t.cells.length; c++) sumSq += BigInt(t.cells[c]!) ** 2n;
  let rowSq = 0n;
  for (let c = 0; c < t.rows.length; c++) rowSq += BigInt(t.rows[c]!) ** 2n;
  let colSq = 0n;
  for (let c = 0; c < t.cols.length; c++) colSq += BigInt(t.cols[c]!) ** 2n;
  const N = BigInt(n);
  // Pair confusion matrix (ordered pairs), as scikit-learn's pair_confusion_matrix.
  const tp = sumSq - N;
  const fp = colSq - sumSq;
  const fnn = rowSq - sumSq;
  const tn = N * N - fp - fnn - sumSq;
  if (fnn === 0n && fp === 0n) return 1;
  const num = 2n * (tp * tn - fnn * fp);
  const den = (tp + fnn) * (fnn + tn) + (tp + fp) * (fp + tn);
  return Number(num) / Number(den);
}
