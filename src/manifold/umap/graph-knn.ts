/**
 * UMAP's neighbour searches. The training graph comes from the shared `knnGraph` (exact below its
 * measured crossover, NN-descent above); {@link knnQueryWork} finds new points' neighbours among
 * the training rows for {@link umapTransform}.
 */
import type { Matrix } from '../../core/matrix.js';
import { relabel, silently, type Work } from '../../core/task.js';
import type { Metric } from '../../distance/metric.js';
import { autoMethod, createIndexWork, resolveKnnOptions } from '../../neighbors/exact/knn-index.js';
import { searchWork } from '../../neighbors/exact/knn-query.js';

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

/**
 * The `k` nearest training rows of each query row (for {@link umapTransform}), exact, nearest
 * first, as one search with the exact search's checkpoints reported as `'knn'`.
 *
 * Exact; an approximate index (HNSW, or the training kNN graph as a search graph) would make it
 * sub-linear in the training size.
 *
 * Cost: O(q · n · d); the training rows are read in place (a tree at ≤ 20 columns, or a metric
 * function, works on a Float64 copy).
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
  yield { stage: 'knn', completed: 0, total: q };
  // One search over all queries (the index reads the training rows in place): asking for blocks
  // of queries re-packed the training data for every block.
  const index = yield* silently(createIndexWork('umapTransform', data, resolveKnnOptions('umapTransform', { metric }), autoMethod(metric, data.rows, data.cols), true, false));
  yield undefined;
  const res = yield* relabel(searchWork('umapTransform', index, queries, k), 'knn');
  yield { stage: 'knn', completed: q, total: q };
  return { indices: res.indices, distances: res.distances, rows: q, k };
}
