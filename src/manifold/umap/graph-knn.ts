/**
 * UMAP's neighbour searches. The training graph comes from the shared `knnGraph` (exact below its
 * measured crossover, NN-descent above); {@link knnQueryWork} finds new points' neighbours among
 * the training rows for {@link umapTransform}.
 */
import type { Matrix } from '../../core/matrix.js';
import type { Work } from '../../core/task.js';
import type { Metric } from '../../distance/metric.js';
import { knnIndex } from '../../neighbors/exact/knn-index.js';
import { knnQuery } from '../../neighbors/exact/knn-query.js';

/** A k-nearest-neighbour graph without self-loops: row i lists its k nearest other rows, nearest first. */
export interface KnnGraph {
  /** n × k neighbour row numbers. */
  indices: Int32Array;
  /** n × k distances, ascending within each row. */
  distances: Float64Array;
  /** n. */
  rows: number;
  /** k. */
  k: number;
}

/** Distance evaluations × columns per block of rows between yields (about 5–20 ms of work). */
const BLOCK_WORK = 8e6;

/**
 * The `k` nearest training rows of each query row (for {@link umapTransform}), exact, nearest
 * first, in blocks of queries with a checkpoint and a `'knn'` progress report after each.
 *
 * Exact; an approximate index (HNSW, or the training kNN graph as a search graph) would make it
 * sub-linear in the training size.
 *
 * Cost: O(q · n · d); memory O(n · d) for the index's float64 copy of the training data.
 *
 * @param data - the training data (n × d)
 * @param queries - q × d rows
 * @param k - neighbours per query (1 ≤ k ≤ n)
 * @param metric - the model's metric
 * @returns q × k indices and distances (via the generator's return value)
 * @example
 * ```ts
 * const nn = runSync(knnQueryWork(model.data, Xnew, 15, 'euclidean'), { fn: 'umapTransform' });
 * ```
 */
export function* knnQueryWork(data: Matrix, queries: Matrix, k: number, metric: Metric): Work<KnnGraph> {
  const q = queries.rows;
  const d = queries.cols;
  yield { stage: 'knn', completed: 0, total: q };
  const index = knnIndex(data, { metric });
  yield undefined;
  const indices = new Int32Array(q * k);
  const distances = new Float64Array(q * k);
  const block = Math.max(16, Math.floor(BLOCK_WORK / Math.max(1, data.rows * d) / 16) * 16);
  for (let r0 = 0; r0 < q; r0 += block) {
    const r1 = Math.min(q, r0 + block);
    const rows = { rows: r1 - r0, cols: d, data: queries.data.subarray(r0 * d, r1 * d) };
    const res = knnQuery(index, rows, k);
    indices.set(res.indices, r0 * k);
    distances.set(res.distances, r0 * k);
    yield { stage: 'knn', completed: r1, total: q };
  }
  return { indices, distances, rows: q, k };
}
