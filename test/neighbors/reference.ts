import type { Matrix } from '../../src/core/matrix.js';
import { chebyshev, cosine, euclidean, manhattan, sqeuclidean } from '../../src/distance/metrics.js';

export type Fn = (a: ArrayLike<number>, b: ArrayLike<number>) => number;

/** The scalar metric functions, by name (independent of the blocked kernels). */
export const SCALAR: Record<'euclidean' | 'sqeuclidean' | 'manhattan' | 'chebyshev' | 'cosine', Fn> = {
  euclidean,
  sqeuclidean,
  manhattan,
  chebyshev,
  cosine,
};

/**
 * Reference k-nearest neighbours: every distance with the scalar function, then a full sort by
 * (distance, index). With `self`, the queries are the data rows and each row's own index is skipped.
 */
export function referenceKnn(data: Matrix, queries: Matrix | null, k: number, f: Fn): { indices: Int32Array; distances: Float64Array } {
  const d = data.cols;
  const self = queries === null;
  const Q = self ? data : queries;
  const indices = new Int32Array(Q.rows * k);
  const distances = new Float64Array(Q.rows * k);
  for (let r = 0; r < Q.rows; r++) {
    const qa = Q.data.subarray(r * d, (r + 1) * d);
    const cand: [number, number][] = [];
    for (let j = 0; j < data.rows; j++) {
      if (self && j === r) continue;
      cand.push([f(qa, data.data.subarray(j * d, (j + 1) * d)), j]);
    }
    cand.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let t = 0; t < k; t++) {
      indices[r * k + t] = cand[t]![1];
      distances[r * k + t] = cand[t]![0];
    }
  }
  return { indices, distances };
}
