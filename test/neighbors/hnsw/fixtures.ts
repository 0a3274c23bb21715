import type { Matrix } from '../../../src/core/matrix.js';
import { nextDouble, rngState } from '../../../src/core/random.js';
import { knn } from '../../../src/neighbors/exact/knn.js';

/**
 * n × d Float32 points in `clusters` Gaussian-ish clusters (centres uniform in [−1, 1]ᵈ, each
 * coordinate offset by a sum of two uniforms of width `spread`), rows in random cluster order.
 * Returns the data and `q` query rows drawn the same way (not in the data).
 */
export function clustered(n: number, q: number, d: number, clusters: number, seed: number, spread = 0.4): { data: Matrix<Float32Array>; queries: Matrix<Float32Array> } {
  const s = rngState(seed);
  const C = new Float64Array(clusters * d).map(() => nextDouble(s) * 2 - 1);
  const make = (rows: number): Matrix<Float32Array> => {
    const data = new Float32Array(rows * d);
    for (let i = 0; i < rows; i++) {
      const c = Math.floor(nextDouble(s) * clusters);
      for (let j = 0; j < d; j++) data[i * d + j] = C[c * d + j]! + spread * (nextDouble(s) + nextDouble(s) - 1);
    }
    return { rows, cols: d, data };
  };
  return { data: make(n), queries: make(q) };
}

/** Share of the exact k nearest (by index set) that `indices` found, over all query rows. */
export function recallAt(exact: Int32Array, indices: Int32Array, rows: number, k: number): number {
  let hit = 0;
  for (let r = 0; r < rows; r++) {
    const truth = new Set(exact.subarray(r * k, (r + 1) * k));
    for (let t = 0; t < k; t++) if (truth.has(indices[r * k + t]!)) hit++;
  }
  return hit / (rows * k);
}

/** Exact neighbours for the metrics `knn` knows; 'dot' by a direct scan (1 − a·b, ties by index). */
export function exactKnn(data: Matrix, queries: Matrix, k: number, metric: 'euclidean' | 'cosine' | 'dot'): { indices: Int32Array; distances: Float64Array } {
  if (metric !== 'dot') return knn(data, queries, k, { metric });
  const d = data.cols;
  const indices = new Int32Array(queries.rows * k);
  const distances = new Float64Array(queries.rows * k);
  for (let r = 0; r < queries.rows; r++) {
    const all: [number, number][] = [];
    for (let i = 0; i < data.rows; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += queries.data[r * d + j]! * data.data[i * d + j]!;
      all.push([1 - s, i]);
    }
    all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let t = 0; t < k; t++) {
      indices[r * k + t] = all[t]![1];
      distances[r * k + t] = all[t]![0];
    }
  }
  return { indices, distances };
}

/** Rows [from, to) of a matrix, copied. */
export function slice<D extends Float32Array | Float64Array>(m: Matrix<D>, from: number, to: number): Matrix<D> {
  return { rows: to - from, cols: m.cols, data: m.data.slice(from * m.cols, to * m.cols) as D };
}
