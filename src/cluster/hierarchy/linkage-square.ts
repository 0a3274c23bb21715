/**
 * The full symmetric n×n distance matrix used by the nearest-neighbour chain for moderate n:
 * from a condensed array, or straight from the points (no condensed array in between).
 */
import type { Matrix64 } from '../../core/matrix.js';
import { distanceRows, cosineNorms } from '../../distance/kernels.js';
import { callMetric, type Metric } from '../../distance/metric.js';

/**
 * The full symmetric n×n matrix (zero diagonal) of a condensed distance array, written in
 * 64×64 tiles so the transposed half stays cache-friendly. O(n²).
 *
 * @param condensed - n(n−1)/2 distances in scipy order (any array-like of numbers)
 * @param n - number of points
 * @returns n×n row-major distances
 * @example
 * ```ts
 * expandToSquare(new Float64Array([1, 4, 2]), 3); // Float64Array [0, 1, 4, 1, 0, 2, 4, 2, 0]
 * ```
 */
export function expandToSquare(condensed: ArrayLike<number>, n: number): Float64Array {
  const S = new Float64Array(n * n);
  const T = 64;
  for (let i0 = 0; i0 < n; i0 += T) {
    const i1 = Math.min(n, i0 + T);
    for (let j0 = i0; j0 < n; j0 += T) {
      const j1 = Math.min(n, j0 + T);
      for (let i = i0; i < i1; i++) {
        const r = n * i - (i * (i + 1)) / 2 - i - 1; // (i, j) at r + j
        const start = j0 > i ? j0 : i + 1;
        for (let j = start; j < j1; j++) {
          const v = condensed[r + j]!;
          S[i * n + j] = v;
          S[j * n + i] = v;
        }
      }
    }
  }
  return S;
}

/**
 * The full symmetric n×n distance matrix (zero diagonal) of the rows of `X`, computed with
 * the same kernels as `pdist` (so every entry equals `pdist`'s bit for bit) straight into the
 * upper triangle, mirrored while each block is in cache. Saves the condensed array and the copy.
 * O(n²·d).
 *
 * @param X - validated n × d data
 * @param metric - a validated metric
 * @param fn - public function name for errors from a custom metric
 * @returns n×n row-major distances
 * @throws LatentError from a misbehaving custom metric, or `E_RANGE` for cosine on rows that overflow
 * @example
 * ```ts
 * squareFromPoints({ rows: 3, cols: 1, data: new Float64Array([0, 1, 5]) }, 'euclidean', 'linkage');
 * // Float64Array [0, 1, 5, 1, 0, 4, 5, 4, 0]
 * ```
 */
export function squareFromPoints(X: Matrix64, metric: Metric, fn: string): Float64Array {
  const n = X.rows;
  const d = X.cols;
  const data = X.data;
  const S = new Float64Array(n * n);
  if (typeof metric === 'function') {
    for (let i = 0; i < n; i++) {
      const a = data.subarray(i * d, i * d + d);
      for (let j = i + 1; j < n; j++) S[i * n + j] = callMetric(fn, metric, a, data.subarray(j * d, j * d + d));
    }
  } else {
    const sq = metric === 'cosine' ? cosineNorms(fn, 'X', data, n, d) : null;
    // Column blocks whose rows stay in cache; rows i and i+1 together (as pdist does).
    const block = Math.max(16, Math.floor(32768 / Math.max(1, d)));
    for (let j0 = 0; j0 < n; j0 += block) {
      const j1 = Math.min(n, j0 + block);
      for (let i = 0; i + 1 < j1; i += 2) {
        const ri = i * n;
        const ri1 = ri + n;
        if (i + 1 >= j0) {
          distanceRows(metric, data, i, -1, data, i + 1, i + 2, d, S, ri + i + 1, 0, sq, sq);
          S[ri1 + i] = S[ri + i + 1]!;
        }
        const start = Math.max(j0, i + 2);
        if (start < j1) {
          distanceRows(metric, data, i, i + 1, data, start, j1, d, S, ri + start, ri1 + start, sq, sq);
          // Mirror while hot: (j, i) and (j, i + 1) share a cache line.
          for (let j = start; j < j1; j++) {
            S[j * n + i] = S[ri + j]!;
            S[j * n + i + 1] = S[ri1 + j]!;
          }
        }
      }
    }
    return S;
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) S[j * n + i] = S[i * n + j]!;
  return S;
}
