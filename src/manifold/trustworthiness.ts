/**
 * Trustworthiness: how far an embedding's nearest neighbours are from being true neighbours.
 */
import { LatentError, describe } from '../core/errors.js';
import { asMatrix64, type MatrixLike } from '../core/matrix.js';
import { assertInteger } from '../core/validate.js';
import { rowDistance } from '../distance/pairwise.js';
import { callMetric, checkMetric, type Metric } from '../distance/metric.js';
import { knnSelfAs } from '../neighbors/exact/knn.js';
import { readOptionsOr } from '../core/options.js';

/** Options of {@link trustworthiness} (k may also be passed alone, then the metric positionally). */
export interface TrustworthinessOptions {
  /**
   * Neighbourhood size, 1 ≤ k < n / 2.
   * @defaultValue 5
   */
  k?: number;
  /**
   * Input-space distance: a built-in metric name or a custom `(a, b) => number`.
   * @defaultValue 'euclidean'
   */
  metric?: Metric;
}

/**
 * Trustworthiness of an embedding (Venna & Kaski 2001), exactly scikit-learn's formula:
 *
 * `T(k) = 1 − 2 / (n·k·(2n − 3k − 1)) · Σ_i Σ_{j ∈ N_k(i)} max(0, r(i, j) − k)`
 *
 * where N_k(i) are the k nearest neighbours of i in the embedding (euclidean) and r(i, j) is
 * the rank of j among i's neighbours in the input space (1 = nearest). 1 means every
 * embedded neighbourhood holds only true neighbours. Ties in the input space are ranked by
 * row index (scikit-learn's unstable sort may order them differently).
 *
 * O(n²·(d + k)) time, O(n·k) memory (no n × n matrix).
 *
 * @param X - n × d input data
 * @param embedding - n × p embedding of the same rows
 * @param kOrOptions - k, the neighbourhood size (1 ≤ k < n / 2, default 5), or {@link TrustworthinessOptions} `{ k, metric }`
 * @param metric - input-space {@link Metric} when `kOrOptions` is a number (default `'euclidean'`)
 * @returns the trustworthiness, in [0, 1]
 * @throws LatentError `E_SHAPE` (row counts differ, n < 3), `E_RANGE` (k), `E_NOT_FINITE`, `E_OPTION`
 * @example
 * ```ts
 * const X = [[0, 0], [1, 0], [2, 0], [3, 0], [4, 0], [5, 0], [6, 0]];
 * trustworthiness(X, X, 2);                              // 1
 * trustworthiness(X, [[0], [5], [1], [4], [2], [6], [3]], 2); // 0.5510204081632654
 * ```
 * @see sklearn.manifold.trustworthiness
 */
export function trustworthiness(X: MatrixLike, embedding: MatrixLike, kOrOptions?: number | TrustworthinessOptions, metric?: Metric): number {
  const fn = 'trustworthiness';
  const o = readOptionsOr<TrustworthinessOptions>(fn, kOrOptions, { k: true, metric: true }, 'k', (v) => typeof v === 'number');
  if (metric !== undefined) {
    if (o.k !== kOrOptions) throw new LatentError('E_TYPE', `${fn}: give the metric inside the options object, got a 4th argument ${describe(metric)}`);
    o.metric = metric;
  }
  const k = o.k ?? 5;
  const A = asMatrix64(X, fn, 'X');
  const E = asMatrix64(embedding, fn, 'embedding');
  const n = A.rows;
  if (E.rows !== n) throw new LatentError('E_SHAPE', `${fn}: embedding rows must equal X rows ${n}, got ${E.rows}`);
  if (n < 3) throw new LatentError('E_SHAPE', `${fn}: X must have at least 3 rows, got ${n}`);
  assertInteger(fn, 'k', k, 1, Math.ceil(n / 2) - 1);
  const met = checkMetric(fn, o.metric);
  const { indices } = knnSelfAs(fn, 'embedding', E, k);
  const d = A.cols;
  const data = A.data;
  const views: Float64Array[] = [];
  if (typeof met === 'function') {
    // A private copy: a custom metric that writes into its arguments cannot reach the caller's data.
    const own = data.slice(0, n * d);
    for (let i = 0; i < n; i++) views.push(own.subarray(i * d, (i + 1) * d));
  }
  const dist = new Float64Array(n);
  const target = new Float64Array(k);
  const targetIndex = new Int32Array(k);
  const rank = new Float64Array(k);
  let penalty = 0;
  for (let i = 0; i < n; i++) {
    for (let l = 0; l < n; l++) {
      if (l === i) continue;
      dist[l] = typeof met === 'function' ? callMetric(fn, met, views[i]!, views[l]!) : rowDistance(met, data, i * d, data, l * d, d);
    }
    for (let t = 0; t < k; t++) {
      const j = indices[i * k + t]!;
      targetIndex[t] = j;
      target[t] = dist[j]!;
      rank[t] = 1;
    }
    // rank(j) = 1 + #{l ≠ i : d_l < d_j, or d_l = d_j and l < j}
    for (let l = 0; l < n; l++) {
      if (l === i) continue;
      const dl = dist[l]!;
      for (let t = 0; t < k; t++) {
        const dj = target[t]!;
        if (dl < dj || (dl === dj && l < targetIndex[t]!)) rank[t]!++;
      }
    }
    for (let t = 0; t < k; t++) if (rank[t]! > k) penalty += rank[t]! - k;
  }
  return 1 - penalty * (2 / (n * k * (2 * n - 3 * k - 1)));
}
