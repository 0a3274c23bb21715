/**
 * The one place UMAP obtains its k-nearest-neighbour graph (the seam for `knnGraph`).
 *
 * TEMPORARY: until `neighbors/knn-graph.ts` (`knnGraph(X, k, { metric, method, seed })`, exact
 * or NN-descent) is merged, this runs the exact search of `neighbors/` in blocks of rows so the
 * generator can yield (the one-shot `knnSelf` cannot). The switch is the body of
 * {@link knnGraphWork}: `return knnGraph(X, k, { metric, method: 'auto', seed });` (or
 * `yield* knnGraphWork(...)` if knnGraph exposes a generator).
 */
import type { Matrix } from '../../core/matrix.js';
import type { Progress, Work } from '../../core/task.js';
import type { Metric } from '../../distance/metric.js';
import { knnIndex } from '../../neighbors/knn-index.js';
import { knnQuery } from '../../neighbors/knn-query.js';

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
 * Each row's `k` nearest other rows of `X`, exact, nearest first (ties by lower index): the
 * result `knnSelf` gives, computed in blocks of rows with a checkpoint (and a `'knn'` progress
 * report) after each block. The block query asks for k + 1 neighbours and removes the row
 * itself (or, when k + 1 exact duplicates of lower index precede it, the last one).
 *
 * Cost: O(n² · d) distance work (twice `knnSelf`'s, which computes each pair once but cannot
 * yield); memory O(n · d) for the index's float64 copy of X plus O(n · k).
 *
 * @param X - validated n × d data (n ≥ k + 2)
 * @param k - neighbours per row (1 ≤ k ≤ n − 2)
 * @param metric - validated metric
 * @param seed - seed of the search structure (the answer does not depend on it)
 * @returns the graph (via the generator's return value)
 * @example
 * ```ts
 * const graph = runSync(knnGraphWork(X, 14, 'euclidean', 42), { fn: 'umap' });
 * ```
 */
export function* knnGraphWork(X: Matrix, k: number, metric: Metric, seed: number): Work<KnnGraph> {
  const n = X.rows;
  const d = X.cols;
  yield { stage: 'knn', completed: 0, total: n };
  const index = knnIndex(X, { metric, seed });
  yield undefined;
  const indices = new Int32Array(n * k);
  const distances = new Float64Array(n * k);
  const block = Math.max(16, Math.floor(BLOCK_WORK / Math.max(1, n * d) / 16) * 16);
  const kk = k + 1;
  for (let r0 = 0; r0 < n; r0 += block) {
    const r1 = Math.min(n, r0 + block);
    const rows = { rows: r1 - r0, cols: d, data: X.data.subarray(r0 * d, r1 * d) };
    const res = knnQuery(index, rows, kk);
    for (let r = r0; r < r1; r++) {
      const src = (r - r0) * kk;
      let skip = kk - 1;
      for (let t = 0; t < kk; t++) {
        if (res.indices[src + t] === r) {
          skip = t;
          break;
        }
      }
      let w = r * k;
      for (let t = 0; t < kk; t++) {
        if (t === skip) continue;
        indices[w] = res.indices[src + t]!;
        distances[w] = res.distances[src + t]!;
        w++;
      }
    }
    const report: Progress = { stage: 'knn', completed: r1, total: n };
    yield report;
  }
  return { indices, distances, rows: n, k };
}

/**
 * The `k` nearest training rows of each query row (for {@link umapTransform}), exact, nearest
 * first, in blocks of queries with a checkpoint and a `'knn'` progress report after each.
 *
 * TEMPORARY like {@link knnGraphWork}: an approximate index (HNSW, or NN-descent's search
 * graph) would make this sub-linear in the training size; swap the body here.
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
