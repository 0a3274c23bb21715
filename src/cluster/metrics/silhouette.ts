/**
 * Silhouette coefficients (Rousseeuw 1987) with any metric, in O(n + n·K) memory.
 */
import { LatentError, describe } from '../../core/errors.js';
import { asMatrix64, type MatrixLike } from '../../core/matrix.js';
import { callMetric, checkMetric, metricOptions, type Metric } from '../../distance/metric.js';
import type { OptionKeys } from '../../core/options.js';
import { rowDistance } from '../../distance/pairwise.js';
import { assertClusterCount, encodeLabels } from './labels.js';
import { assertSquareSafe } from '../../core/validate.js';

/** Options of {@link silhouette} and {@link silhouetteSamples} (the metric may also be passed alone). */
export interface SilhouetteOptions {
  /**
   * Distance: a built-in metric name or a custom `(a, b) => number`.
   * @defaultValue 'euclidean'
   */
  metric?: Metric;
}

const SILHOUETTE_KEYS: OptionKeys<SilhouetteOptions> = { metric: true };

/** Above this many n·K accumulators the per-row scheme (O(n + K) memory, twice the distance work) is used. */
const SYMMETRIC_LIMIT = 1 << 22;

/**
 * Silhouette of every sample: `(b − a) / max(a, b)` where `a` is the mean distance to the other
 * members of its cluster and `b` the smallest mean distance to another cluster. A sample alone
 * in its cluster scores 0 (scikit-learn's convention), and so does a sample with a = b = 0.
 *
 * Distances are never stored: each pair is computed once and added into per-sample, per-cluster
 * sums (O(n·K) memory), or, when n·K is large, each row's distances are recomputed on the fly
 * (O(n + K) memory). O(n²·d) time either way.
 *
 * @param X - n × d data
 * @param labels - n non-negative integer labels with 2 ≤ distinct ≤ n − 1
 * @param options - any {@link Metric} (default `'euclidean'`), or {@link SilhouetteOptions} `{ metric }`
 * @returns Float64Array of n values in [−1, 1]
 * @throws LatentError `E_SHAPE` (labels length ≠ n, ragged X), `E_RANGE` (negative or
 * non-integer labels, fewer than 2 or more than n − 1 clusters), `E_NOT_FINITE`, `E_OPTION`
 * (unknown metric), `E_TYPE`
 * @throws LatentError `E_RANGE` with `'euclidean'` or `'sqeuclidean'` for a value beyond ±2⁵⁰⁰ ≈ 3.3e150, whose squared differences would overflow
 * @example
 * ```ts
 * silhouetteSamples([[0, 0], [0, 1], [5, 0], [5, 1]], [0, 0, 1, 1]);
 * // Float64Array [0.8019…, 0.8019…, 0.8019…, 0.8019…]
 * ```
 * @see sklearn.metrics.silhouette_samples
 */
export function silhouetteSamples(X: MatrixLike, labels: ArrayLike<number>, options?: Metric | SilhouetteOptions): Float64Array {
  return samples('silhouetteSamples', X, labels, metricOptions('silhouetteSamples', options, SILHOUETTE_KEYS).metric);
}

/**
 * Mean silhouette coefficient of a clustering: near 1 for compact, well separated clusters,
 * near 0 for overlapping ones, negative when many samples sit in the wrong cluster.
 * See {@link silhouetteSamples} for the definition and the costs.
 *
 * @param X - n × d data
 * @param labels - n non-negative integer labels with 2 ≤ distinct ≤ n − 1
 * @param options - any {@link Metric} (default `'euclidean'`), or {@link SilhouetteOptions} `{ metric }`
 * @returns the mean silhouette in [−1, 1]
 * @throws LatentError as {@link silhouetteSamples}
 * @example
 * ```ts
 * silhouette([[0, 0], [0, 1], [5, 0], [5, 1]], [0, 0, 1, 1]); // 0.8019…
 * ```
 * @see sklearn.metrics.silhouette_score
 */
export function silhouette(X: MatrixLike, labels: ArrayLike<number>, options?: Metric | SilhouetteOptions): number {
  const s = samples('silhouette', X, labels, metricOptions('silhouette', options, SILHOUETTE_KEYS).metric);
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s[i]!;
  return sum / s.length;
}

function samples(fn: string, X: MatrixLike, labels: ArrayLike<number>, metric: Metric | undefined): Float64Array {
  const m = asMatrix64(X, fn, 'X');
  const n = m.rows;
  const d = m.cols;
  const met = checkMetric(fn, metric);
  if (met === 'euclidean' || met === 'sqeuclidean') assertSquareSafe(fn, 'X', m.data, d);
  const { codes, K, sizes } = encodeLabels(fn, 'labels', labels, n);
  assertClusterCount(fn, K, n);
  const data = m.data;
  const views: Float64Array[] = [];
  if (typeof met === 'function') for (let i = 0; i < n; i++) views.push(data.subarray(i * d, i * d + d));
  const euclid = met === 'euclidean';
  const out = new Float64Array(n);
  if (n * K <= SYMMETRIC_LIMIT) {
    const sums = new Float64Array(n * K);
    for (let i = 0; i < n; i++) {
      const li = codes[i]!;
      const oi = i * d;
      for (let j = i + 1; j < n; j++) {
        let v: number;
        if (euclid) {
          let s = 0;
          const oj = j * d;
          for (let t = 0; t < d; t++) {
            const u = data[oi + t]! - data[oj + t]!;
            s += u * u;
          }
          v = Math.sqrt(s);
        } else {
          v = typeof met === 'function' ? callMetric(fn, met, views[i]!, views[j]!) : rowDistance(met, data, oi, data, j * d, d);
        }
        sums[i * K + codes[j]!]! += v;
        sums[j * K + li]! += v;
      }
      out[i] = score(sums, i * K, li, K, sizes);
    }
  } else {
    const row = new Float64Array(K);
    for (let i = 0; i < n; i++) {
      row.fill(0);
      const oi = i * d;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        let v: number;
        if (euclid) {
          let s = 0;
          const oj = j * d;
          for (let t = 0; t < d; t++) {
            const u = data[oi + t]! - data[oj + t]!;
            s += u * u;
          }
          v = Math.sqrt(s);
        } else {
          v = typeof met === 'function' ? callMetric(fn, met, views[i]!, views[j]!) : rowDistance(met, data, oi, data, j * d, d);
        }
        row[codes[j]!]! += v;
      }
      out[i] = score(row, 0, codes[i]!, K, sizes);
    }
  }
  for (let i = 0; i < n; i++) {
    const v = out[i]!;
    if (v !== v) throw new LatentError('E_NOT_FINITE', `${fn}: silhouette of sample ${i} is ${describe(v)} (check the metric function)`);
  }
  return out;
}

function score(sums: Float64Array, base: number, own: number, K: number, sizes: Int32Array): number {
  const size = sizes[own]!;
  if (size <= 1) return 0;
  const a = sums[base + own]! / (size - 1);
  let b = Infinity;
  for (let c = 0; c < K; c++) {
    if (c === own) continue;
    const v = sums[base + c]! / sizes[c]!;
    if (v < b) b = v;
  }
  const mx = a > b ? a : b;
  return mx > 0 ? (b - a) / mx : 0;
}
