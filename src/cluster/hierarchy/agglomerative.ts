/**
 * One-call agglomerative clustering (scikit-learn's `AgglomerativeClustering`): build the
 * tree with {@link linkage}, cut it by a number of clusters or a distance threshold.
 */
import { LatentError, describe } from '../../core/errors.js';
import type { Matrix64, MatrixLike } from '../../core/matrix.js';
import { assertInteger, assertNumber, assertOneOf } from '../../core/validate.js';
import type { Metric } from '../../distance/metric.js';
import { cutTree } from './cut-tree.js';
import { linkageAs } from './linkage.js';
import { LINKAGE_METHODS, type LinkageMethod } from './linkage-methods.js';
import { readOptions, type OptionKeys } from '../../core/options.js';
import type { Progress } from '../../core/task.js';

/** Options of {@link agglomerative}: give exactly one of `k` and `threshold`. */
export interface AgglomerativeOptions {
  /**
   * Number of clusters, an integer in [1, n].
   * @defaultValue none (give `k` or `threshold`)
   */
  k?: number;
  /**
   * Distance threshold ≥ 0: clusters joined at or below this height are merged (scipy's
   * `fcluster(Z, t, 'distance')`; scikit-learn's `distance_threshold` merges strictly below).
   * @defaultValue none (give `k` or `threshold`)
   */
  threshold?: number;
  /**
   * Linkage method (see {@link LinkageOptions.method}).
   * @defaultValue `'ward'` (scikit-learn's default)
   */
  method?: LinkageMethod;
  /**
   * Distance between points; must be `'euclidean'` for ward, centroid and median.
   * @defaultValue `'euclidean'`
   */
  metric?: Metric;
  /** Stops the work at its next checkpoint (see `linkage`). @defaultValue undefined */
  signal?: AbortSignal;
  /** Progress of the underlying `linkage` (stages `'distances'`, `'merge'`). @defaultValue undefined */
  onProgress?: (progress: Progress) => void;
  /** Budget in bytes for the distances (see `linkage`). @defaultValue 4 GiB */
  memoryLimit?: number;
}

const AGGLOMERATIVE_KEYS: OptionKeys<AgglomerativeOptions> = { k: true, threshold: true, method: true, metric: true, signal: true, onProgress: true, memoryLimit: true };

/** Result of {@link agglomerative}: flat labels plus the whole tree. Plain data. */
export interface AgglomerativeModel {
  /** Model tag. */
  kind: 'agglomerative';
  /** Format version. */
  version: 1;
  /** The linkage method used. */
  method: LinkageMethod;
  /** Cluster of each point, 0-based in order of first appearance. */
  labels: Int32Array;
  /** Number of clusters found (k, or what the threshold produced). */
  nClusters: number;
  /** The full linkage tree, scipy's `Z` ((n−1) × 4): cut it again with `cutTree`, draw it with `dendrogramSvg`. */
  tree: Matrix64;
}

/**
 * Agglomerative clustering in one call: the whole merge tree ({@link linkage}) and the flat
 * clusters from cutting it ({@link cutTree}) at `k` clusters or at a distance `threshold`.
 *
 * O(n²·d) time and n(n−1)/2 doubles of memory, as {@link linkage}.
 *
 * @param X - n × d data, n ≥ 1
 * @param options - {@link AgglomerativeOptions}: `{ k }` or `{ threshold }`, plus `method`/`metric`
 * @param method - the linkage method, as a shorthand for `options.method` (give one or the
 * other, or both equal)
 * @returns an {@link AgglomerativeModel}
 * @throws LatentError `E_OPTION` unless exactly one of `k`/`threshold` is given, for an
 * unknown or conflicting method, or a non-euclidean metric with ward/centroid/median;
 * `E_RANGE` for k outside [1, n] or a negative threshold; the {@link linkage} errors
 * @example
 * ```ts
 * const m = agglomerative([[0, 0], [0, 1], [4, 0], [4, 2]], { k: 2 });
 * m.labels;    // Int32Array [0, 0, 1, 1]
 * agglomerative([[0, 0], [0, 1], [4, 0], [4, 2]], { threshold: 1.5 }, 'single').nClusters; // 3
 * ```
 * @see sklearn.cluster.AgglomerativeClustering
 * @see scipy.cluster.hierarchy.fclusterdata
 */
export function agglomerative(X: MatrixLike, options: AgglomerativeOptions, method?: LinkageMethod): AgglomerativeModel {
  const fn = 'agglomerative';
  const o = readOptions(fn, options, AGGLOMERATIVE_KEYS);
  if (method !== undefined && o.method !== undefined && method !== o.method) {
    throw new LatentError('E_OPTION', `${fn}: method is given twice with different values: ${describe(method)} and options.method ${describe(o.method)}`);
  }
  // Only an omitted method (undefined) takes the default: `null` is a wrong value, not an absent one.
  const m = assertOneOf(fn, 'method', method !== undefined ? method : (o.method ?? 'ward'), LINKAGE_METHODS);
  const hasK = o.k !== undefined;
  const hasT = o.threshold !== undefined;
  if (hasK === hasT) {
    throw new LatentError('E_OPTION', `${fn}: options must give exactly one of k and threshold, got ${hasK ? 'both' : 'neither'}`);
  }
  // Validate the cut before the O(n²) work.
  if (hasK) assertInteger(fn, 'k', o.k, 1);
  else assertNumber(fn, 'threshold', o.threshold, 0);
  const tree = linkageAs(fn, X, { method: m, metric: o.metric, signal: o.signal, onProgress: o.onProgress, memoryLimit: o.memoryLimit });
  const n = tree.rows + 1;
  if (hasK) assertInteger(fn, 'k', o.k, 1, n);
  const labels = hasK ? cutTree(tree, { k: o.k! }) : cutTree(tree, { height: o.threshold! });
  let nClusters = 0;
  for (let i = 0; i < n; i++) if (labels[i]! + 1 > nClusters) nClusters = labels[i]! + 1;
  return { kind: 'agglomerative', version: 1, method: m, labels, nClusters, tree };
}
