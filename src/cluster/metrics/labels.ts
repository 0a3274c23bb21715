/**
 * Label handling shared by the cluster-quality metrics: validation, compaction to 0..K−1 and
 * a sparse contingency table.
 */
import { LatentError, describe } from '../../core/errors.js';
import { asMatrix64, type MatrixLike } from '../../core/matrix.js';
import { assertLabels, assertSquareSafe } from '../../core/validate.js';

/** Labels compacted to 0..K−1 (in increasing order of the original values). */
export interface EncodedLabels {
  /** Compact code of every element. */
  codes: Int32Array;
  /** Number of distinct labels. */
  K: number;
  /** Size of every cluster. */
  sizes: Int32Array;
}

/**
 * Validates labels (non-negative integers, one per row) and compacts them to 0..K−1.
 * O(n log n) time, O(n) memory.
 *
 * @param fn - public function name
 * @param name - argument name
 * @param labels - the labels
 * @param n - required length
 * @returns the codes, K and the cluster sizes
 */
export function encodeLabels(fn: string, name: string, labels: ArrayLike<number>, n: number): EncodedLabels {
  const raw = assertLabels(fn, name, labels, n);
  const sorted = Int32Array.from(raw).sort();
  let K = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[K++] = sorted[i]!;
  const uniq = sorted.subarray(0, K);
  const codes = new Int32Array(n);
  const sizes = new Int32Array(K);
  for (let i = 0; i < n; i++) {
    const v = raw[i]!;
    let lo = 0;
    let hi = K - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (uniq[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    codes[i] = lo;
    sizes[lo]!++;
  }
  return { codes, K, sizes };
}

/**
 * Throws `E_RANGE` unless the number of clusters is in [2, n − 1] (scikit-learn's rule for
 * silhouette, Davies–Bouldin and Calinski–Harabasz).
 *
 * @param fn - public function name
 * @param K - number of distinct labels
 * @param n - number of samples
 */
export function assertClusterCount(fn: string, K: number, n: number): void {
  if (K < 2 || K > n - 1) {
    throw new LatentError('E_RANGE', `${fn}: the number of distinct labels must be in [2, n - 1] = [2, ${n - 1}], got ${K}`);
  }
}

/** Rows of a data matrix with their cluster labels, validated and compacted. */
export interface LabelledRows extends EncodedLabels {
  /** n × d values, row-major (the caller's array when X was a Matrix: not to be written). */
  data: Float64Array;
  /** Number of rows. */
  n: number;
  /** Number of columns. */
  d: number;
}

/**
 * The input of a cluster-quality index on data (Davies–Bouldin, Calinski–Harabasz): `X` as a
 * matrix and one label per row, compacted to 0..K−1, with 2 ≤ K ≤ n − 1 clusters.
 *
 * @param fn - public function name
 * @param X - n × d data
 * @param labels - n labels
 * @returns the data, its shape, the codes, K and the cluster sizes
 * @throws LatentError `E_SHAPE`, `E_RANGE`, `E_NOT_FINITE`, `E_TYPE`
 */
export function labelledRows(fn: string, X: MatrixLike, labels: ArrayLike<number>): LabelledRows {
  const m = asMatrix64(X, fn, 'X');
  // Both users (Davies–Bouldin, Calinski–Harabasz) form squared euclidean distances.
  assertSquareSafe(fn, 'X', m.data, m.cols);
  const n = m.rows;
  const { codes, K, sizes } = encodeLabels(fn, 'labels', labels, n);
  assertClusterCount(fn, K, n);
  return { data: m.data, n, d: m.cols, codes, K, sizes };
}

/**
 * Validates and compacts two labellings of the same elements (`a` and `b`, as the pair-counting
 * scores call them); `b` must have `a`'s length.
 *
 * @param fn - public function name
 * @param a - first labelling
 * @param b - second labelling
 * @returns both labellings encoded
 * @throws LatentError `E_TYPE` (a is not an array), `E_SHAPE` (lengths differ), `E_RANGE`
 */
export function encodeLabelPair(fn: string, a: ArrayLike<number>, b: ArrayLike<number>): [EncodedLabels, EncodedLabels] {
  if (a === null || typeof a !== 'object' || typeof a.length !== 'number') {
    throw new LatentError('E_TYPE', `${fn}: a must be an array of integer labels, got ${describe(a)}`);
  }
  const n = a.length;
  return [encodeLabels(fn, 'a', a, n), encodeLabels(fn, 'b', b, n)];
}

/** Non-zero cells of a contingency table with its margins. */
export interface Contingency {
  /** Count of every non-zero cell. */
  cells: Float64Array;
  /** Row (first labelling) of every non-zero cell. */
  rowOf: Int32Array;
  /** Column (second labelling) of every non-zero cell. */
  colOf: Int32Array;
  /** Row sums (first labelling's cluster sizes). */
  rows: Int32Array;
  /** Column sums. */
  cols: Int32Array;
}

/**
 * Sparse contingency table of two labellings of the same n elements: only non-zero cells,
 * found by sorting the pair keys. O(n log n) time, O(n) memory (never Ka × Kb).
 *
 * @param a - first labelling (compact)
 * @param b - second labelling (compact)
 * @returns the table
 */
export function contingency(a: EncodedLabels, b: EncodedLabels): Contingency {
  const n = a.codes.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = a.codes[i]! * b.K + b.codes[i]!;
  keys.sort();
  let cellsN = 0;
  for (let i = 0; i < n; i++) if (i === 0 || keys[i] !== keys[i - 1]) cellsN++;
  const cells = new Float64Array(cellsN);
  const rowOf = new Int32Array(cellsN);
  const colOf = new Int32Array(cellsN);
  let c = -1;
  for (let i = 0; i < n; i++) {
    if (i === 0 || keys[i] !== keys[i - 1]) {
      c++;
      const key = keys[i]!;
      rowOf[c] = Math.floor(key / b.K);
      colOf[c] = key - rowOf[c]! * b.K;
    }
    cells[c]!++;
  }
  return { cells, rowOf, colOf, rows: a.sizes, cols: b.sizes };
}
