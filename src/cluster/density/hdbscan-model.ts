/**
 * The HDBSCAN model (plain data) and its options, shared by `hdbscan`, `hdbscanFromDistances`,
 * `hdbscanPredict` and `condensedTreeSvg`.
 */
import { LatentError, describe } from '../../core/errors.js';
import { isMatrix, type Matrix } from '../../core/matrix.js';
import type { Progress } from '../../core/task.js';
import { assertModel } from '../../core/validate.js';
import { checkMetric, type Metric } from '../../distance/metric.js';
import type { CondensedTree } from './condense.js';
import type { ClusterSelectionMethod } from './select.js';

/**
 * How the minimum spanning tree of the mutual-reachability graph is built (the result is the
 * same: see the tie rule in {@link hdbscan}).
 *
 * - `'prim'`: Prim's algorithm over the implicit dense graph, distances computed as needed
 *   (O(n²·d) time, O(n) memory), with exact pruning by core distances. Any metric.
 * - `'boruvka'`: Borůvka's algorithm with a k-d tree (O(n log n)-ish in low dimension): for
 *   `'euclidean'`, `'sqeuclidean'`, `'manhattan'` and `'chebyshev'`.
 * - `'auto'`: Borůvka for those metrics on at most 16 columns and at least 2 048 rows, Prim
 *   otherwise.
 */
export type HdbscanAlgorithm = 'auto' | 'prim' | 'boruvka';

/** Options shared by {@link hdbscan} and {@link hdbscanFromDistances}. */
export interface HdbscanSelectionOptions {
  /**
   * Smallest group of points that counts as a cluster (an integer ≥ 2); smaller groups split
   * off a cluster are noise.
   * @defaultValue 5
   */
  minClusterSize?: number | undefined;
  /**
   * Neighbourhood size for the core distance (an integer ≥ 1): a point's core distance is the
   * distance to its `minSamples`-th nearest point **counting itself**, as scikit-learn counts
   * (the `hdbscan` package's `min_samples` is one less). Larger values make the density
   * estimate smoother and more points noise. Values above n are clamped to n (scikit-learn
   * raises).
   * @defaultValue `minClusterSize`
   */
  minSamples?: number | undefined;
  /**
   * `'eom'` (excess of mass: the most persistent clusters) or `'leaf'` (the leaves of the
   * condensed tree: many small homogeneous clusters).
   * @defaultValue `'eom'`
   */
  clusterSelectionMethod?: ClusterSelectionMethod | undefined;
  /**
   * A distance (≥ 0): clusters that split off below it are merged back into the cluster they
   * split from (scikit-learn's `cluster_selection_epsilon`). 0 turns it off.
   * @defaultValue 0
   */
  clusterSelectionEpsilon?: number | undefined;
  /**
   * Let the whole data set be one cluster (otherwise the root of the tree is never selected,
   * and data with a single dense group comes out as several clusters or all noise).
   * @defaultValue false
   */
  allowSingleCluster?: boolean | undefined;
  /**
   * Largest cluster the `'eom'` selection may return (an integer ≥ 1); larger ones are
   * replaced by their children. No effect with `'leaf'`.
   * @defaultValue no limit
   */
  maxClusterSize?: number | undefined;
  /**
   * Budget in bytes for working memory beyond the input (O(n) here; O(n·minSamples) for the
   * core-distance heaps).
   * @defaultValue 4 GiB
   */
  memoryLimit?: number | undefined;
  /**
   * Stops the run at the next checkpoint (a few milliseconds of work) with `E_ABORTED`.
   * @defaultValue none
   */
  signal?: AbortSignal | undefined;
  /**
   * Receives `{ stage: 'core' | 'mst' | 'tree', completed, total }`.
   * @defaultValue none
   */
  onProgress?: ((progress: Progress) => void) | undefined;
}

/** Options of {@link hdbscan}. */
export interface HdbscanOptions extends HdbscanSelectionOptions {
  /**
   * Distance: a built-in metric name or a custom `(a, b) => number` (called as
   * `metric(X[i], X[j])` with i < j and taken as symmetric, as scikit-learn does).
   * @defaultValue `'euclidean'`
   */
  metric?: Metric | undefined;
  /**
   * Minimum-spanning-tree algorithm (see {@link HdbscanAlgorithm}); every choice gives the same
   * model.
   * @defaultValue `'auto'`
   */
  algorithm?: HdbscanAlgorithm | undefined;
  /**
   * Keep a copy of the data in the model (in its storage type: Float32 stays Float32) so that
   * {@link hdbscanPredict} can place new points. Without it the model holds O(n) numbers only.
   * @defaultValue true
   */
  predictionData?: boolean | undefined;
}

/**
 * A fitted HDBSCAN clustering (plain data: survives `structuredClone` and
 * `serialize`/`deserialize`; a custom metric function is kept by reference and cannot be
 * serialized).
 */
export interface HdbscanModel {
  /** Model tag. */
  kind: 'hdbscan';
  /** Format version. */
  version: 1;
  /** Cluster of each point (0, 1, … in the order of `clusters`), −1 for noise. */
  labels: Int32Array;
  /**
   * Strength of each point's membership in its cluster, in [0, 1] (scikit-learn's
   * `probabilities_`): λ(x) / λ_max(cluster), 1 for the densest points, 0 for noise.
   */
  probabilities: Float64Array;
  /** GLOSH outlier score of each point, in [0, 1] (see {@link hdbscan}). */
  outlierScores: Float64Array;
  /** The condensed tree (scikit-learn's `condensed_tree_` rows, same order). */
  condensedTree: CondensedTree;
  /** Condensed-tree number of each selected cluster, ascending: label k is cluster `clusters[k]`. */
  clusters: Int32Array;
  /** Core distance of each point. */
  coreDistances: Float64Array;
  /** The `minClusterSize` used. */
  minClusterSize: number;
  /** The `minSamples` used (after clamping to n). */
  minSamples: number;
  /** The selection method used. */
  clusterSelectionMethod: ClusterSelectionMethod;
  /** The `clusterSelectionEpsilon` used. */
  clusterSelectionEpsilon: number;
  /** Whether the root could be selected. */
  allowSingleCluster: boolean;
  /** The `maxClusterSize` used (`Infinity` when there is no limit). */
  maxClusterSize: number;
  /** The metric; `'precomputed'` for {@link hdbscanFromDistances}. */
  metric: Metric | 'precomputed';
  /** The fitted data (for {@link hdbscanPredict}), or null (fitted from distances, or `predictionData: false`). */
  data: Matrix | null;
}

/**
 * Validates a model received by a public function: kind, version, array types and lengths,
 * tree structure (every row's parent is a cluster number below its child's, point and cluster
 * numbers in range), so that a tampered model gives `E_MODEL` instead of a hang or a wrong read.
 * O(rows).
 *
 * @internal
 * @param fn - public function name
 * @param model - the received value
 * @returns the model, typed, and its point count
 * @throws LatentError `E_MODEL`
 * @example
 * ```ts
 * const { n } = checkHdbscanModel('hdbscanPredict', model);
 * ```
 */
export function checkHdbscanModel(fn: string, model: unknown): { model: HdbscanModel; n: number } {
  assertModel(fn, model, 'hdbscan');
  const m = model as Partial<HdbscanModel>;
  const bad = (what: string, got: unknown): never => {
    throw new LatentError('E_MODEL', `${fn}: model ${what}, got ${describe(got)}`);
  };
  if (!(m.labels instanceof Int32Array)) bad('labels must be an Int32Array', m.labels);
  const n = m.labels!.length;
  if (!(m.probabilities instanceof Float64Array) || m.probabilities.length !== n) bad(`probabilities must be a Float64Array of length ${n}`, m.probabilities);
  if (!(m.outlierScores instanceof Float64Array) || m.outlierScores.length !== n) bad(`outlierScores must be a Float64Array of length ${n}`, m.outlierScores);
  if (!(m.coreDistances instanceof Float64Array) || m.coreDistances.length !== n) bad(`coreDistances must be a Float64Array of length ${n}`, m.coreDistances);
  if (!Number.isInteger(m.minSamples) || m.minSamples! < 1 || m.minSamples! > Math.max(1, n)) bad(`minSamples must be an integer in [1, ${Math.max(1, n)}]`, m.minSamples);
  const t = m.condensedTree as Partial<CondensedTree> | undefined;
  if (typeof t !== 'object' || t === null) bad('condensedTree must be an object', t);
  const { parent, child, lambda, size } = t!;
  if (!(parent instanceof Int32Array)) bad('condensedTree.parent must be an Int32Array', parent);
  const rows = parent!.length;
  if (!(child instanceof Int32Array) || child.length !== rows) bad(`condensedTree.child must be an Int32Array of length ${rows}`, child);
  if (!(lambda instanceof Float64Array) || lambda.length !== rows) bad(`condensedTree.lambda must be a Float64Array of length ${rows}`, lambda);
  if (!(size instanceof Int32Array) || size.length !== rows) bad(`condensedTree.size must be an Int32Array of length ${rows}`, size);
  const maxNode = n + rows;
  for (let r = 0; r < rows; r++) {
    const p = parent![r]!;
    const c = child![r]!;
    if (p < n || p > maxNode || c < 0 || c > maxNode || (c >= n && c <= p)) bad(`condensedTree row ${r} must link a cluster in [${n}, ${maxNode}] to a point or a later cluster`, `${p} → ${c}`);
    if (!(lambda![r]! >= 0)) bad(`condensedTree.lambda must hold values >= 0`, lambda![r]);
  }
  if (!(m.clusters instanceof Int32Array)) bad('clusters must be an Int32Array', m.clusters);
  for (let k = 0; k < m.clusters!.length; k++) {
    const c = m.clusters![k]!;
    if (c < n || c > maxNode || (k > 0 && c <= m.clusters![k - 1]!)) bad(`clusters must hold ascending cluster numbers in [${n}, ${maxNode}]`, c);
  }
  if (m.data !== null && m.data !== undefined) {
    if (!isMatrix(m.data) || m.data.rows !== n || m.data.data.length !== m.data.rows * m.data.cols) bad(`data must be null or a Matrix of ${n} rows`, m.data);
  }
  if (m.metric !== 'precomputed') {
    // checkMetric reads a missing metric as the default: a model must name its own.
    if (m.metric === undefined) bad('metric must be a metric name or function', m.metric);
    try {
      checkMetric(fn, m.metric);
    } catch {
      bad('metric must be a metric name or function', m.metric);
    }
  }
  return { model: m as HdbscanModel, n };
}
