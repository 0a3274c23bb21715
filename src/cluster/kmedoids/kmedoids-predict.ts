/**
 * Assigning new points to a fitted k-medoids model.
 */
import { LatentError, describe } from '../../core/errors.js';
import { isMatrix, asMatrix64, type MatrixLike } from '../../core/matrix.js';
import { assertFinite, assertModel, assertSquareSafe } from '../../core/validate.js';
import { callMetric, checkMetric, type MetricFunction } from '../../distance/metric.js';
import { rowDistance } from '../../distance/pairwise.js';
import type { KMedoidsModel } from './kmedoids.js';
import { readOptionsOr } from '../../core/options.js';

/** Options of {@link kmedoidsPredict} (the function may also be passed alone). */
export interface KMedoidsPredictOptions {
  /**
   * The custom distance function the model was fitted with (required for a model whose `metric`
   * is `'custom'`, since functions cannot be stored in a model).
   * @defaultValue undefined
   */
  metric?: MetricFunction;
}

/**
 * Label of the nearest medoid for every row of `X` (ties: the lowest label), with the metric
 * the model was fitted with. A model fitted with a custom metric function needs that function
 * again as `metric` (functions are not stored in models). O(n·k·d).
 *
 * @param model - a {@link KMedoidsModel} fitted on points by `kmedoids`
 * @param X - n × d points, d = the width of `model.centers`
 * @param metricOrOptions - the model's custom distance function (for a `'custom'` model), or {@link KMedoidsPredictOptions}
 * @returns Int32Array of n labels in [0, k)
 * @throws LatentError `E_MODEL` (not a kmedoids model, corrupt centers, or fitted on precomputed
 * distances, medoids not one per center), `E_OPTION` (custom model without a function, or a metric
 * other than the model's), `E_SHAPE`, `E_NOT_FINITE`
 * @throws LatentError `E_RANGE` with `'euclidean'` or `'sqeuclidean'` for a value beyond ±2⁵⁰⁰ ≈ 3.3e150, whose squared differences would overflow
 * @example
 * ```ts
 * const model = kmedoids([[0, 0], [0, 1], [9, 9], [9, 10]], { k: 2 });
 * model.labels;                             // Int32Array [1, 1, 0, 0]
 * kmedoidsPredict(model, [[1, 1], [8, 8]]); // Int32Array [1, 0]
 * ```
 * @see sklearn_extra.cluster.KMedoids.predict
 */
export function kmedoidsPredict(model: KMedoidsModel, X: MatrixLike, metricOrOptions?: MetricFunction | KMedoidsPredictOptions): Int32Array {
  const fn = 'kmedoidsPredict';
  const o = readOptionsOr<KMedoidsPredictOptions>(fn, metricOrOptions, { metric: true }, 'metric', (v) => typeof v === 'function');
  const metric = o.metric;
  assertModel(fn, model, 'kmedoids');
  if (model.metric === 'precomputed') {
    throw new LatentError('E_MODEL', `${fn}: model was fitted on precomputed distances and has no medoid points; assign by distances to its medoids instead`);
  }
  const C = model.centers;
  if (!isMatrix(C) || C.rows < 1 || C.data.length !== C.rows * C.cols) {
    throw new LatentError('E_MODEL', `${fn}: model.centers must be a non-empty Matrix64, got ${describe(C)}`);
  }
  assertFinite(fn, 'model.centers', C.data, C.cols);
  const medoids: unknown = model.medoids;
  if (!(medoids instanceof Int32Array) || medoids.length !== C.rows) {
    throw new LatentError('E_MODEL', `${fn}: model.medoids must be an Int32Array of ${C.rows} indices (one per center), got ${describe(medoids)}`);
  }
  let f: MetricFunction | null = null;
  let name = 'euclidean';
  if (model.metric === 'custom') {
    if (typeof metric !== 'function') {
      throw new LatentError('E_OPTION', `${fn}: metric must be the model's custom distance function, got ${describe(metric)}`);
    }
    f = metric;
  } else {
    const m = checkMetric(fn, model.metric);
    if (typeof m === 'function') throw new LatentError('E_MODEL', `${fn}: model.metric must be a metric name, got a function`);
    name = m;
    // The model's metric decides; a different one given here would be silently ignored.
    if (metric !== undefined) {
      throw new LatentError('E_OPTION', `${fn}: metric must be omitted for a model fitted with '${m}' (a function is only for models fitted with one), got ${describe(metric)}`);
    }
  }
  const x = asMatrix64(X, fn, 'X');
  if (name === 'euclidean' || name === 'sqeuclidean') assertSquareSafe(fn, 'X', x.data, x.cols);
  const d = C.cols;
  if (x.cols !== d && x.rows > 0) throw new LatentError('E_SHAPE', `${fn}: X columns must equal the medoid width ${d}, got ${x.cols}`);
  const k = C.rows;
  // Private copies for a custom metric: one that writes into its arguments cannot reach the
  // caller's rows or the model.
  const xs = f === null ? null : x.data.slice();
  const cs = f === null ? null : C.data.slice();
  const labels = new Int32Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const v =
        f === null
          ? rowDistance(name, x.data, i * d, C.data, c * d, d)
          : callMetric(fn, f, xs!.subarray(i * d, i * d + d), cs!.subarray(c * d, c * d + d));
      if (v < bestD) {
        bestD = v;
        best = c;
      }
    }
    labels[i] = best;
  }
  return labels;
}
