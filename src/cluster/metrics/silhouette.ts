/**
 * Silhouette coefficients (Rousseeuw 1987) with any metric, in O(n + n·K) memory.
 */
import { LatentError, describe } from '../../core/errors.js';
import { asMatrix, type FloatArray, type MatrixLike } from '../../core/matrix.js';
import { callMetric, checkMetric, metricOptions, type Metric } from '../../distance/metric.js';
import { functionOption, signalOption, type OptionKeys } from '../../core/options.js';
import { checkAborted, runSync, type Progress, type Work } from '../../core/task.js';
import { rowDistance } from '../../distance/pairwise.js';
import { EXPANSION_MIN_DIMS, dotBlock, expansionFloor, expansionSlack, packRows, panelSqDiff32, panelSqDiff64 } from '../../distance/expansion.js';
import { cosineNorms, rowSqNorms } from '../../distance/kernels.js';
import { cosineFromSums } from '../../distance/metrics.js';
import { assertClusterCount, encodeLabels } from './labels.js';
import { assertSquareSafe } from '../../core/validate.js';

/** Options of {@link silhouette} and {@link silhouetteSamples} (the metric may also be passed alone). */
export interface SilhouetteOptions {
  /**
   * Distance: a built-in metric name or a custom `(a, b) => number`.
   * @defaultValue 'euclidean'
   */
  metric?: Metric;
  /**
   * Stops the computation with `E_ABORTED` at the next checkpoint (every few thousand rows, or
   * every block of the product path).
   * @defaultValue undefined
   */
  signal?: AbortSignal;
  /**
   * Receives `{ stage: 'silhouette', completed, total }` (rows whose sums are complete).
   * @defaultValue undefined
   */
  onProgress?: (progress: Progress) => void;
}

const SILHOUETTE_KEYS: OptionKeys<SilhouetteOptions> = { metric: true, signal: true, onProgress: true };

/** Rows between two checkpoints of the per-pair loops. */
const CHECK_ROWS = 256;
/** Doubles of packed rows per super-block of the product path (4 MiB). */
const PRODUCT_SUPER = 1 << 19;
/** Rows per block of the product path's right-hand side. */
const PRODUCT_BLOCK = 128;
/**
 * The product path keeps an expansion value only when its proven error bound is below this
 * share of it (then √ is within 1e-10 relative of the difference form); closer pairs are
 * recomputed with the difference form.
 */
const EXPANSION_MAX_REL = 2e-10;

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
 * From 32 columns (and on Float32 data) `'euclidean'`, `'sqeuclidean'` and `'cosine'` take
 * their distances from the packed matrix product (blocks of rows, about 1.5× the rate of the
 * difference kernels): cosine distances are bit-for-bit the difference kernels'; a squared
 * euclidean distance is the expansion ‖a‖² + ‖b‖² − 2a·b where its proven error bound is below
 * 2e-10 of it, and the difference form elsewhere (close pairs), so every distance is within
 * 1e-10 relative of the difference form and the scores agree with it to about that.
 *
 * Memory: O(n·K) or O(n + K) as above, plus the product path's packed blocks: at most
 * min(4 MiB, about n·d/4 bytes) of rows and a tile of about (n/32)·128 doubles.
 * Float32 data is read in place; `'manhattan'`, `'chebyshev'` and custom functions work on a
 * Float64 copy of Float32 data (custom functions receive Float64Array rows).
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
  return samples('silhouetteSamples', X, labels, metricOptions('silhouetteSamples', options, SILHOUETTE_KEYS));
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
  return silhouetteAs('silhouette', X, labels, metricOptions('silhouette', options, SILHOUETTE_KEYS));
}

/**
 * {@link silhouette} for a caller that computes it on the user's behalf (`scanK`): messages and
 * aborts name `fn`.
 *
 * @internal
 * @param fn - the public function name for messages
 * @param X - n × d data
 * @param labels - cluster of each row
 * @param o - validated options
 * @returns the mean silhouette
 * @example
 * ```ts
 * silhouetteAs('scanK', X, labels, { metric: 'euclidean', signal });
 * ```
 */
export function silhouetteAs(fn: string, X: MatrixLike, labels: ArrayLike<number>, o: SilhouetteOptions): number {
  const s = samples(fn, X, labels, o);
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s[i]!;
  return sum / s.length;
}

function samples(fn: string, X: MatrixLike, labels: ArrayLike<number>, o: SilhouetteOptions): Float64Array {
  const m = asMatrix(X, fn, 'X');
  const n = m.rows;
  const d = m.cols;
  const met = checkMetric(fn, o.metric);
  const signal = signalOption(fn, o.signal);
  const onProgress = functionOption(fn, 'onProgress', o.onProgress);
  if ((met === 'euclidean' || met === 'sqeuclidean') && m.data instanceof Float64Array) assertSquareSafe(fn, 'X', m.data, d);
  const { codes, K, sizes } = encodeLabels(fn, 'labels', labels, n);
  assertClusterCount(fn, K, n);
  const out = new Float64Array(n);
  checkAborted(fn, signal);
  const product = (met === 'euclidean' || met === 'sqeuclidean' || met === 'cosine') && (d >= EXPANSION_MIN_DIMS || m.data instanceof Float32Array);
  const work = product ? productScores(fn, met, m.data, n, d, codes, K, sizes, out) : pairScores(fn, met, m.data instanceof Float64Array ? m.data : Float64Array.from(m.data), n, d, codes, K, sizes, out);
  runSync(work, { fn, signal, onProgress });
  for (let i = 0; i < n; i++) {
    const v = out[i]!;
    if (v !== v) throw new LatentError('E_NOT_FINITE', `${fn}: silhouette of sample ${i} is ${describe(v)} (check the metric function)`);
  }
  return out;
}

/** The per-pair loops (difference kernels, any metric), with a checkpoint every {@link CHECK_ROWS} rows. */
function* pairScores(fn: string, met: Metric, data: Float64Array, n: number, d: number, codes: Int32Array, K: number, sizes: Int32Array, out: Float64Array): Work<void> {
  const views: Float64Array[] = [];
  if (typeof met === 'function') {
    // A private copy: a custom metric that writes into its arguments cannot reach the caller's data.
    const own = data.slice(0, n * d);
    for (let i = 0; i < n; i++) views.push(own.subarray(i * d, i * d + d));
  }
  const euclid = met === 'euclidean';
  if (n * K <= SYMMETRIC_LIMIT) {
    const sums = new Float64Array(n * K);
    for (let i = 0; i < n; i++) {
      if ((i & (CHECK_ROWS - 1)) === 0) yield { stage: 'silhouette', completed: i, total: n };
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
      if ((i & (CHECK_ROWS - 1)) === 0) yield { stage: 'silhouette', completed: i, total: n };
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
}

/**
 * The product path: super-blocks of rows (packed) against blocks of rows (packed), dot-product
 * tiles turned into distances (see {@link silhouetteSamples} for the accuracy). With n·K small,
 * each pair is computed once (upper triangle of blocks) and added to both rows' sums; otherwise
 * each super-block sweeps every row and keeps only its own rows' sums (O(super-block · K)).
 */
function* productScores(fn: string, met: 'euclidean' | 'sqeuclidean' | 'cosine', X: FloatArray, n: number, d: number, codes: Int32Array, K: number, sizes: Int32Array, out: Float64Array): Work<void> {
  const cosine = met === 'cosine';
  const sq = cosine ? cosineNorms(fn, 'X', X, n, d) : rowSqNorms(X, n, d);
  const symmetric = n * K <= SYMMETRIC_LIMIT;
  // Super-blocks of at most 4 MiB and at most about n/32 rows (≥ 128): the packed rows stay a
  // small share of the data, whose blocks are then packed about 32 times (n·d work each, next to n²·d).
  const mqMax = Math.max(4, Math.min(((n + 3) >> 2) << 2, Math.floor(PRODUCT_SUPER / Math.max(1, d)) & ~3, Math.max(128, ((n >> 5) + 3) & ~3)));
  const ap = new Float64Array(mqMax * d);
  const bp = new Float64Array(PRODUCT_BLOCK * d);
  const tile = new Float64Array(mqMax * PRODUCT_BLOCK);
  const sums = new Float64Array((symmetric ? n : mqMax) * K);
  const slack = expansionSlack(d);
  const floor = expansionFloor(d);
  const x32 = X instanceof Float32Array ? X : null;
  const x64 = X instanceof Float64Array ? X : null;
  const root = met === 'euclidean';
  for (let q0 = 0; q0 < n; q0 += mqMax) {
    const mq = Math.min(mqMax, n - q0);
    packRows(X, q0, mq, d, ap, 0);
    if (!symmetric) sums.fill(0);
    for (let j0 = symmetric ? q0 : 0; j0 < n; j0 += PRODUCT_BLOCK) {
      const mb = Math.min(PRODUCT_BLOCK, n - j0);
      packRows(X, j0, mb, d, bp, 0);
      dotBlock(ap, mq, bp, mb, d, tile, PRODUCT_BLOCK);
      for (let r = 0; r < mq; r++) {
        const i = q0 + r;
        const ci = codes[i]!;
        const na = sq[i]!;
        const t0 = r * PRODUCT_BLOCK;
        const pa = ((r >> 2) << 2) * d + (r & 3);
        const own = (symmetric ? i : r) * K;
        for (let c = symmetric && j0 <= i ? i + 1 - j0 : 0; c < mb; c++) {
          const j = j0 + c;
          if (j === i) continue;
          const dot = tile[t0 + c]!;
          let v: number;
          if (cosine) {
            v = 1 - cosineFromSums(dot, na, sq[j]!);
          } else {
            const sum = na + sq[j]!;
            v = sum - 2 * dot;
            if (slack * sum + floor > EXPANSION_MAX_REL * v) v = x32 !== null ? panelSqDiff32(ap, pa, x32, j * d, d) : panelSqDiff64(ap, pa, x64!, j * d, d);
            if (root) v = Math.sqrt(v);
          }
          sums[own + codes[j]!]! += v;
          if (symmetric) sums[j * K + ci]! += v;
        }
      }
      yield;
    }
    if (!symmetric) for (let r = 0; r < mq; r++) out[q0 + r] = score(sums, r * K, codes[q0 + r]!, K, sizes);
    yield { stage: 'silhouette', completed: q0 + mq, total: n };
  }
  if (symmetric) for (let i = 0; i < n; i++) out[i] = score(sums, i * K, codes[i]!, K, sizes);
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
