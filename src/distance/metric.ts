/**
 * The `Metric` option shared by every function that compares points.
 */
import { LatentError, describe } from '../core/errors.js';
import { readOptionsOr, type OptionKeys } from '../core/options.js';

/** Names of the built-in metrics. */
export type MetricName = 'euclidean' | 'sqeuclidean' | 'manhattan' | 'chebyshev' | 'cosine';

/**
 * A custom distance. It receives two rows as zero-copy `Float64Array` views (do not keep
 * or modify them) and must return a finite, non-negative number.
 */
export type MetricFunction = (a: Float64Array, b: Float64Array) => number;

/** A built-in metric name or a custom distance function. */
export type Metric = MetricName | MetricFunction;

/** The built-in metric names, in documentation order. */
export const METRIC_NAMES: readonly MetricName[] = Object.freeze(['euclidean', 'sqeuclidean', 'manhattan', 'chebyshev', 'cosine']);

/**
 * Validates a `metric` option (default `'euclidean'`).
 *
 * @param fn - public function name
 * @param metric - the received option
 * @returns the metric
 * @throws LatentError `E_OPTION` for an unknown name or a non-function
 * @example
 * ```ts
 * checkMetric('pdist', undefined); // 'euclidean'
 * ```
 */
export function checkMetric(fn: string, metric: unknown): Metric {
  if (metric === undefined) return 'euclidean';
  if (typeof metric === 'function') return metric as MetricFunction;
  if (typeof metric === 'string' && (METRIC_NAMES as readonly string[]).includes(metric)) return metric as MetricName;
  throw new LatentError('E_OPTION', `${fn}: metric must be one of ${METRIC_NAMES.map((m) => `'${m}'`).join(', ')} or a function, got ${describe(metric)}`);
}

/**
 * Calls a custom metric and checks its answer (finite and ≥ 0).
 *
 * @param fn - public function name
 * @param metric - the custom distance
 * @param a - first row view
 * @param b - second row view
 * @returns the distance
 * @throws LatentError `E_NOT_FINITE` / `E_RANGE` when the function misbehaves
 * @example
 * ```ts
 * callMetric('pdist', (a, b) => Math.abs(a[0] - b[0]), x, y);
 * ```
 */
export function callMetric(fn: string, metric: MetricFunction, a: Float64Array, b: Float64Array): number {
  const d = metric(a, b);
  if (typeof d !== 'number' || !(d >= 0) || d === Infinity) {
    throw new LatentError(
      typeof d === 'number' && !Number.isFinite(d) ? 'E_NOT_FINITE' : 'E_RANGE',
      `${fn}: metric function must return a finite number >= 0, got ${describe(d)}`,
    );
  }
  return d;
}

/**
 * Reads the last argument of a function whose contract takes a positional metric
 * (`pdist(X, 'cosine')`) but that also accepts an options object (`pdist(X, { metric, … })`):
 * a metric name or function becomes `{ metric }`; anything else is validated as options.
 *
 * @param fn - public function name
 * @param metricOrOptions - the received argument
 * @param known - every key of the options object
 * @returns the options
 * @throws LatentError `E_TYPE` (neither a metric nor an object), `E_OPTION` (unknown key)
 * @example
 * ```ts
 * metricOptions('pdist', 'cosine', { metric: true, memoryLimit: true }); // { metric: 'cosine' }
 * ```
 */
export function metricOptions<T extends { metric?: Metric | undefined }>(fn: string, metricOrOptions: Metric | T | undefined, known: OptionKeys<T>): T {
  return readOptionsOr(fn, metricOrOptions, known, 'metric', isMetricLike);
}

function isMetricLike(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'function';
}
