/**
 * Choosing the number of clusters: a k-means scan with the elbow and silhouette evidence.
 */
import { LatentError } from '../core/errors.js';
import { asMatrix64, type MatrixLike } from '../core/matrix.js';
import { DEFAULT_SEED, rngState } from '../core/random.js';
import { assertInteger, assertOneOf } from '../core/validate.js';
import { kmeansAs, type KMeansAlgorithm, type KMeansMetric, type KMeansModel } from './kmeans/kmeans.js';
import { distinctIndices, identity } from '../core/sampling.js';
import { silhouette } from './metrics/silhouette.js';
import { readOptions, type OptionKeys } from '../core/options.js';

/** Options of {@link scanK}. */
export interface ScanKOptions {
  /**
   * Smallest k tried (≥ 1; the silhouette is undefined for k = 1 and reported as 0).
   * @defaultValue 2 (1 when n = 1)
   */
  kMin?: number;
  /**
   * Largest k tried (≤ n).
   * @defaultValue max(kMin, min(10, n − 1))
   */
  kMax?: number;
  /**
   * Which evidence picks `suggestedK`: `'silhouette'` (the k with the highest mean silhouette)
   * or `'elbow'` (the k farthest below the chord of the normalised inertia curve, the
   * "kneedle" rule).
   * @defaultValue 'silhouette'
   */
  rule?: 'silhouette' | 'elbow';
  /**
   * The silhouette is computed on at most this many rows (a seeded random sample, the same
   * for every k, as scikit-learn's `sample_size`), because it costs O(n²·d).
   * @defaultValue 2000
   */
  sampleSize?: number;
  /**
   * Passed to `kmeans` (and used for the silhouette).
   * @defaultValue 'euclidean'
   */
  metric?: KMeansMetric;
  /**
   * Passed to `kmeans`.
   * @defaultValue 10
   */
  nInit?: number;
  /**
   * Passed to `kmeans`.
   * @defaultValue 300
   */
  maxIter?: number;
  /**
   * Passed to `kmeans`.
   * @defaultValue 1e-4
   */
  tol?: number;
  /**
   * Passed to `kmeans`.
   * @defaultValue 'auto'
   */
  algorithm?: KMeansAlgorithm;
  /**
   * Seed of every k-means run and of the silhouette sample.
   * @defaultValue DEFAULT_SEED (42)
   */
  seed?: number;
}

const SCAN_K_KEYS: OptionKeys<ScanKOptions> = { kMin: true, kMax: true, rule: true, sampleSize: true, metric: true, nInit: true, maxIter: true, tol: true, algorithm: true, seed: true };

/** Result of {@link scanK}: one entry per k, ready to plot. */
export interface KScan {
  /** Tag. */
  kind: 'kscan';
  /** Layout version. */
  version: 1;
  /** The k values tried, increasing. */
  k: Int32Array;
  /** k-means inertia for each k (the elbow curve). */
  inertia: Float64Array;
  /** Mean silhouette for each k (0 where undefined: k = 1, or fewer than 2 clusters in the sample). */
  silhouette: Float64Array;
  /** k with the highest mean silhouette (ties: the smallest k). */
  silhouetteK: number;
  /** k farthest below the chord of the normalised inertia curve (ties: the smallest k). */
  elbowK: number;
  /** The suggestion: `silhouetteK` or `elbowK`, by `rule`. */
  suggestedK: number;
  /** The rule that chose `suggestedK`. */
  rule: 'silhouette' | 'elbow';
  /** The k-means model fitted for each k. */
  models: KMeansModel[];
}

/**
 * Fits k-means for every k in [kMin, kMax] and returns the evidence for choosing k: the
 * inertia curve (elbow), the mean silhouette per k, the k each rule picks and a suggestion.
 * The silhouette rule is the default because the elbow of an inertia curve is often vague;
 * both are reported so a plot can show them side by side.
 *
 * Complexity: the sum of the k-means costs plus O(m²·d) per k for the silhouette on
 * m = min(n, sampleSize) rows.
 *
 * @param X - n × d data
 * @param options - {@link ScanKOptions}
 * @returns a {@link KScan}
 * @throws LatentError `E_RANGE` (kMin / kMax / sampleSize out of range), `E_OPTION` (unknown
 * rule), and whatever `kmeans` throws for X and the k-means options
 * @example
 * ```ts
 * const scan = scanK(iris().data, { kMax: 6 });
 * scan.k;          // Int32Array [2, 3, 4, 5, 6]
 * scan.suggestedK; // 2  (rule 'silhouette'; scan.elbowK is 3)
 * ```
 * @see Rousseeuw (1987) silhouettes; Satopää et al. (2011) "kneedle"
 * @see sklearn.metrics.silhouette_score
 */
export function scanK(X: MatrixLike, options?: ScanKOptions): KScan {
  const fn = 'scanK';
  const o = readOptions(fn, options, SCAN_K_KEYS);
  const m = asMatrix64(X, fn, 'X');
  const n = m.rows;
  if (n < 1) throw new LatentError('E_SHAPE', `${fn}: X must have at least 1 row, got 0`);
  const kMin = assertInteger(fn, 'kMin', o.kMin ?? Math.min(2, n), 1, n);
  const kMax = assertInteger(fn, 'kMax', o.kMax ?? Math.max(kMin, Math.min(10, n - 1)), kMin, n);
  const rule = assertOneOf(fn, 'rule', o.rule ?? 'silhouette', ['silhouette', 'elbow'] as const);
  const sampleSize = assertInteger(fn, 'sampleSize', o.sampleSize ?? 2000, 2);
  const seed = assertInteger(fn, 'seed', o.seed ?? DEFAULT_SEED, 0);
  const metric = o.metric ?? 'euclidean';

  // Silhouette sample: the same rows for every k.
  const size = Math.min(n, sampleSize);
  const sample = size < n ? distinctIndices(rngState(seed), n, size) : identity(n);
  const d = m.cols;
  const sampleX = new Float64Array(size * d);
  for (let r = 0; r < size; r++) sampleX.set(m.data.subarray(sample[r]! * d, sample[r]! * d + d), r * d);
  const sampleM = { rows: size, cols: d, data: sampleX };

  const count = kMax - kMin + 1;
  const ks = new Int32Array(count);
  const inertia = new Float64Array(count);
  const sil = new Float64Array(count);
  const models: KMeansModel[] = [];
  const sampleLabels = new Int32Array(size);
  for (let c = 0; c < count; c++) {
    const k = kMin + c;
    const model = kmeansAs(fn, m, {
      k,
      metric,
      seed,
      ...(o.nInit !== undefined && { nInit: o.nInit }),
      ...(o.maxIter !== undefined && { maxIter: o.maxIter }),
      ...(o.tol !== undefined && { tol: o.tol }),
      ...(o.algorithm !== undefined && { algorithm: o.algorithm }),
    });
    models.push(model);
    ks[c] = k;
    inertia[c] = model.inertia;
    for (let r = 0; r < size; r++) sampleLabels[r] = model.labels[sample[r]!]!;
    const distinct = new Set(sampleLabels).size;
    sil[c] = distinct >= 2 && distinct <= size - 1 ? silhouette(sampleM, sampleLabels, metric) : 0;
  }
  let silhouetteK = ks[0]!;
  let bestS = -Infinity;
  for (let c = 0; c < count; c++) {
    if (sil[c]! > bestS) {
      bestS = sil[c]!;
      silhouetteK = ks[c]!;
    }
  }
  const elbowK = elbow(ks, inertia);
  return {
    kind: 'kscan',
    version: 1,
    k: ks,
    inertia,
    silhouette: sil,
    silhouetteK,
    elbowK,
    suggestedK: rule === 'silhouette' ? silhouetteK : elbowK,
    rule,
    models,
  };
}

/** The k farthest below the straight line from the first to the last point of the normalised curve. */
function elbow(ks: Int32Array, inertia: Float64Array): number {
  const count = ks.length;
  if (count < 3) return ks[0]!;
  let lo = Infinity;
  let hi = -Infinity;
  for (let c = 0; c < count; c++) {
    lo = Math.min(lo, inertia[c]!);
    hi = Math.max(hi, inertia[c]!);
  }
  const span = hi - lo;
  if (!(span > 0)) return ks[0]!;
  const y0 = (inertia[0]! - lo) / span;
  const y1 = (inertia[count - 1]! - lo) / span;
  let best = ks[0]!;
  let bestGap = 0;
  for (let c = 1; c < count - 1; c++) {
    const x = c / (count - 1);
    const chord = y0 + (y1 - y0) * x;
    const gap = chord - (inertia[c]! - lo) / span;
    if (gap > bestGap) {
      bestGap = gap;
      best = ks[c]!;
    }
  }
  return best;
}
