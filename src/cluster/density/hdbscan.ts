/**
 * HDBSCAN (Campello, Moulavi & Sander 2013) as scikit-learn 1.9's `HDBSCAN`: from data
 * (`hdbscan`) or from condensed pairwise distances (`hdbscanFromDistances`).
 */
import { LatentError, describe } from '../../core/errors.js';
import { asMatrix, asMatrix64, type Matrix, type MatrixLike } from '../../core/matrix.js';
import { assertMemory, memoryLimitOption } from '../../core/memory.js';
import { booleanOption, enumOption, functionOption, integerIn, numberIn, readOptions, signalOption, type OptionKeys } from '../../core/options.js';
import { runSync, type Progress, type Work } from '../../core/task.js';
import { assertSquareSafe } from '../../core/validate.js';
import { checkMetric, type Metric, type MetricName } from '../../distance/metric.js';
import { checkCondensedValues, condensedPoints } from '../../distance/square.js';
import { sqNormsOf } from '../../neighbors/widen.js';
import { boruvkaMst, BORUVKA_METRICS } from './boruvka.js';
import { condenseTree } from './condense.js';
import { coreDistancesBrute, coreDistancesCondensed, coreDistancesFunction, coreDistancesProjected } from './core-distances.js';
import { outlierScores } from './glosh.js';
import type { HdbscanAlgorithm, HdbscanModel, HdbscanOptions, HdbscanSelectionOptions } from './hdbscan-model.js';
import { mstEdges, type MstEdges } from './mst.js';
import { primMst, type PrimDistances } from './prim.js';
import { PROJECTION_MIN_DIMS, projectionBound } from './projection-bound.js';
import { selectClusters, type SelectionOptions } from './select.js';
import { singleLinkage } from './single-linkage.js';

/** `'auto'` uses Borůvka with a k-d tree up to this many columns… */
export const BORUVKA_MAX_DIMS = 16;
/** …and from this many rows. */
export const BORUVKA_MIN_POINTS = 2048;

const SELECTION_KEYS: OptionKeys<HdbscanSelectionOptions> = {
  minClusterSize: true,
  minSamples: true,
  clusterSelectionMethod: true,
  clusterSelectionEpsilon: true,
  allowSingleCluster: true,
  maxClusterSize: true,
  memoryLimit: true,
  signal: true,
  onProgress: true,
};
const KEYS: OptionKeys<HdbscanOptions> = { ...SELECTION_KEYS, metric: true, algorithm: true, predictionData: true };

/** Validated selection settings. */
interface ResolvedSelection extends SelectionOptions {
  minClusterSize: number;
  minSamples: number;
  memoryLimit: number;
  signal: AbortSignal | undefined;
  onProgress: ((p: Progress) => void) | undefined;
}

function resolveSelection(fn: string, o: HdbscanSelectionOptions): ResolvedSelection {
  const minClusterSize = integerIn(fn, 'minClusterSize', o.minClusterSize ?? 5, { min: 2 });
  const minSamples = integerIn(fn, 'minSamples', o.minSamples ?? minClusterSize, { min: 1 });
  return {
    minClusterSize,
    minSamples,
    method: enumOption(fn, 'clusterSelectionMethod', o.clusterSelectionMethod, ['eom', 'leaf'] as const, 'eom'),
    epsilon: numberIn(fn, 'clusterSelectionEpsilon', o.clusterSelectionEpsilon ?? 0, { min: 0 }),
    allowSingleCluster: booleanOption(fn, 'allowSingleCluster', o.allowSingleCluster, false),
    maxClusterSize: o.maxClusterSize === undefined ? Infinity : integerIn(fn, 'maxClusterSize', o.maxClusterSize, { min: 1 }),
    memoryLimit: memoryLimitOption(fn, o.memoryLimit),
    signal: signalOption(fn, o.signal),
    onProgress: functionOption(fn, 'onProgress', o.onProgress),
  };
}

/**
 * Hierarchical density-based clustering: finds clusters of any shape and varying density and
 * labels the points in no dense region as noise (−1), without being told how many clusters
 * there are. Follows scikit-learn 1.9's `HDBSCAN`: same labels (up to cluster numbering) and the
 * same `probabilities_` on its reference cases.
 *
 * Steps: the core distance of each point (distance to its `minSamples`-th nearest point,
 * itself included); the mutual-reachability distance `max(core(a), core(b), d(a, b))`; its
 * minimum spanning tree; the single-linkage tree of that; the condensed tree, where groups
 * smaller than `minClusterSize` fall out as noise; clusters selected by excess of mass (or the
 * leaves), optionally merged below `clusterSelectionEpsilon`. Also returns each point's
 * membership probability and its GLOSH outlier score (Campello et al. 2015, as the `hdbscan`
 * package: `1 − λ(x)/λ_max` of the cluster x leaves; see {@link HdbscanModel}).
 *
 * Algorithms (see {@link HdbscanAlgorithm}): in low dimension (≤ 16 columns, ≥ 2 048 rows)
 * Borůvka's algorithm over a k-d tree, O(n log n)-ish; otherwise Prim's algorithm on the
 * implicit dense graph, O(n²·d) time with exact pruning (euclidean distances through
 * register-tiled dot products, re-checked exactly where the product's error bound cannot
 * decide). From 128 columns the euclidean and cosine core distances skip the pairs that an
 * exact lower bound — the distance of a projection on 16 dominant directions of the data — puts
 * beyond both points' current k-th neighbour: on clustered data that is most pairs between
 * clusters, so this pass costs about n²/2·16 operations plus the pairs within clusters (where
 * the bound cannot separate the points, the plain pass runs instead). Both are exact: the
 * result is that of the plain computation, bit for bit. Memory: O(n·minSamples)
 * beyond the input either way — never an n × n matrix — plus the model's copy of the data
 * (`predictionData`) and, for Borůvka, a Float64 copy of the points in tree order. Float32 data
 * is read in place (distances accumulate in doubles, as scikit-learn converts to float64).
 *
 * Ties and duplicates: mutual-reachability edges are ordered by (distance, smaller index,
 * larger index), which makes the minimum spanning tree unique and the result deterministic —
 * the same for every algorithm and every storage type; where scikit-learn resolves equal
 * merge heights by its sort order, latent's result can differ in which of two clusters merging
 * at exactly the same height keeps a point that leaves at that height. Duplicate points have
 * distance 0 (λ = ∞), handled as scikit-learn does. n = 1 gives one noise point (scikit-learn
 * raises); `minSamples` above n is clamped to n.
 *
 * @param X - n × d data (n ≥ 1), finite, Float32 or Float64
 * @param options - {@link HdbscanOptions}
 * @returns the model: `labels`, `probabilities`, `outlierScores`, `condensedTree`, `clusters`, …
 * @throws LatentError `E_TYPE` / `E_SHAPE` / `E_NOT_FINITE` for bad data or no rows; `E_RANGE` for `minClusterSize` < 2, `minSamples` < 1, a negative `clusterSelectionEpsilon`, `maxClusterSize` < 1, or euclidean values beyond ±2⁵⁰⁰; `E_OPTION` for an unknown option, metric, method or algorithm (`'boruvka'` with a metric a k-d tree cannot bound); `E_RANGE` / `E_NOT_FINITE` from a misbehaving custom metric; `E_MEMORY`; `E_ABORTED`
 * @example
 * ```ts
 * const X = [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5], [9, 9], [9, 10], [10, 9], [10, 10], [9.5, 9.5], [30, 0]];
 * const model = hdbscan(X, { minClusterSize: 3 });
 * model.labels;        // Int32Array [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, -1]
 * model.probabilities; // Float64Array [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]
 * ```
 * @see Campello, Moulavi & Sander, "Density-based clustering based on hierarchical density estimates", PAKDD 2013
 * @see McInnes & Healy, "Accelerated hierarchical density based clustering", ICDMW 2017
 * @see sklearn.cluster.HDBSCAN
 */
export function hdbscan(X: MatrixLike, options?: HdbscanOptions): HdbscanModel {
  const fn = 'hdbscan';
  const o = readOptions(fn, options, KEYS);
  const sel = resolveSelection(fn, o);
  const metric = checkMetric(fn, o.metric);
  const algorithm = enumOption(fn, 'algorithm', o.algorithm, ['auto', 'prim', 'boruvka'] as const, 'auto');
  if (algorithm === 'boruvka' && !isBoruvkaMetric(metric)) {
    throw new LatentError('E_OPTION', `${fn}: algorithm 'boruvka' needs metric 'euclidean', 'sqeuclidean', 'manhattan' or 'chebyshev', got ${describe(metric)} (use 'prim' or 'auto')`);
  }
  const keep = booleanOption(fn, 'predictionData', o.predictionData, true);
  const m = asMatrix(X, fn, 'X');
  if (m.rows < 1) throw new LatentError('E_SHAPE', `${fn}: X must have at least 1 row, got 0`);
  if ((metric === 'euclidean' || metric === 'sqeuclidean') && m.data instanceof Float64Array) assertSquareSafe(fn, 'X', m.data, m.cols);
  return runSync(hdbscanWork(fn, m, sel, metric, algorithm, keep), { fn, signal: sel.signal, onProgress: sel.onProgress });
}

function isBoruvkaMetric(metric: Metric): metric is MetricName {
  return typeof metric === 'string' && (BORUVKA_METRICS as readonly string[]).includes(metric);
}

function* hdbscanWork(fn: string, m: Matrix, sel: ResolvedSelection, metric: Metric, algorithm: HdbscanAlgorithm, keep: boolean): Work<HdbscanModel> {
  const n = m.rows;
  const d = m.cols;
  const ms = Math.min(sel.minSamples, n);
  const k = ms - 1;
  const boruvka = algorithm === 'boruvka' || (algorithm === 'auto' && isBoruvkaMetric(metric) && d <= BORUVKA_MAX_DIMS && n >= BORUVKA_MIN_POINTS);
  // Heaps or neighbour lists (n·k), core distances, MST, trees and labels, the projection of
  // the core-distance filter and Prim's buffers (about 440 bytes a point, plus a few rows), the
  // k-d tree's Float64 copy (Borůvka) and the model's copy of the data.
  const copyBytes = keep ? m.data.length * m.data.BYTES_PER_ELEMENT : 0;
  assertMemory(fn, 'the core-distance heaps and trees', n * k * 12 + n * 440 + d * 512 + (boruvka ? n * d * 8 : 0) + copyBytes, sel.memoryLimit);
  const data = keep ? { rows: n, cols: d, data: m.data.slice() } : null;
  if (n === 1) return trivialModel(sel, metric, data);
  let core: Float64Array;
  let edges: MstEdges;
  if (boruvka) {
    ({ core, edges } = yield* boruvkaMst(metric as MetricName, m.data, n, d, k));
  } else {
    let src: PrimDistances;
    if (typeof metric === 'function') {
      const m64 = asMatrix64(m, fn, 'X');
      const views: Float64Array[] = [];
      // A private copy: a custom metric that writes into its arguments cannot reach the caller's data.
      const own = m64.data.slice(0, n * d);
      for (let i = 0; i < n; i++) views.push(own.subarray(i * d, (i + 1) * d));
      core = yield* coreDistancesFunction(fn, metric, views, k);
      src = { type: 'function', fn, metric, views };
    } else {
      const sq = metric === 'cosine' ? sqNormsOf(fn, 'X', m.data, n, d) : null;
      const pb = (metric === 'euclidean' || metric === 'sqeuclidean' || metric === 'cosine') && d >= PROJECTION_MIN_DIMS && k > 0 ? yield* projectionBound(m.data, n, d, sq) : null;
      if (pb !== null) core = yield* coreDistancesProjected(metric as 'euclidean' | 'sqeuclidean' | 'cosine', m.data, n, d, k, sq, pb);
      else core = yield* coreDistancesBrute(metric, m.data, n, d, k, sq);
      src = { type: 'data', metric, data: m.data, d, sq };
    }
    edges = mstEdges(n);
    yield* primMst(n, core, src, edges);
  }
  return yield* finishModel(n, core, edges, sel, ms, metric, data);
}

/**
 * From the MST on: single-linkage tree, condensed tree, selection, GLOSH, the model.
 */
function* finishModel(n: number, core: Float64Array, edges: MstEdges, sel: ResolvedSelection, ms: number, metric: Metric | 'precomputed', data: Matrix | null): Work<HdbscanModel> {
  yield { stage: 'tree', completed: 0, total: 1 };
  const slt = singleLinkage(edges, n);
  const tree = condenseTree(slt, n, sel.minClusterSize);
  const s = selectClusters(tree, n, sel);
  const scores = outlierScores(tree, n);
  yield { stage: 'tree', completed: 1, total: 1 };
  return {
    kind: 'hdbscan',
    version: 1,
    labels: s.labels,
    probabilities: s.probabilities,
    outlierScores: scores,
    condensedTree: tree,
    clusters: s.clusters,
    coreDistances: core,
    minClusterSize: sel.minClusterSize,
    minSamples: ms,
    clusterSelectionMethod: sel.method,
    clusterSelectionEpsilon: sel.epsilon,
    allowSingleCluster: sel.allowSingleCluster,
    maxClusterSize: sel.maxClusterSize,
    metric,
    data,
  };
}

/** One point: noise, an empty tree. */
function trivialModel(sel: ResolvedSelection, metric: Metric | 'precomputed', data: Matrix | null): HdbscanModel {
  return {
    kind: 'hdbscan',
    version: 1,
    labels: new Int32Array([-1]),
    probabilities: new Float64Array(1),
    outlierScores: new Float64Array(1),
    condensedTree: { parent: new Int32Array(0), child: new Int32Array(0), lambda: new Float64Array(0), size: new Int32Array(0) },
    clusters: new Int32Array(0),
    coreDistances: new Float64Array(1),
    minClusterSize: sel.minClusterSize,
    minSamples: 1,
    clusterSelectionMethod: sel.method,
    clusterSelectionEpsilon: sel.epsilon,
    allowSingleCluster: sel.allowSingleCluster,
    maxClusterSize: sel.maxClusterSize,
    metric,
    data,
  };
}

/**
 * HDBSCAN from precomputed distances (scikit-learn's `metric='precomputed'`), given as a
 * condensed array in scipy's `pdist` order: `(0,1), (0,2), …, (n−2, n−1)`. Same options and
 * model as {@link hdbscan} (without `metric`, `algorithm`, `predictionData`: the model's `data`
 * is null, so {@link hdbscanPredict} cannot use it). Prim's algorithm on the given distances:
 * O(n²) time, O(n·minSamples) memory beyond the input, which is read, never copied or modified.
 *
 * @param condensed - n(n−1)/2 distances, finite and ≥ 0 (`number[]` or a typed array); n ≥ 1
 *   (an empty array is one point)
 * @param options - {@link HdbscanSelectionOptions}
 * @returns the model (`metric: 'precomputed'`, `data: null`)
 * @throws LatentError `E_TYPE` when not an array; `E_SHAPE` when the length is not n(n−1)/2; `E_NOT_FINITE` / `E_RANGE` for non-finite or negative distances; option errors as {@link hdbscan}
 * @example
 * ```ts
 * const D = pdist([[0], [0.1], [0.2], [5], [5.1], [5.2]]);
 * hdbscanFromDistances(D, { minClusterSize: 3 }).labels; // Int32Array [0, 0, 0, 1, 1, 1]
 * ```
 * @see sklearn.cluster.HDBSCAN (metric='precomputed')
 */
export function hdbscanFromDistances(condensed: ArrayLike<number>, options?: HdbscanSelectionOptions): HdbscanModel {
  const fn = 'hdbscanFromDistances';
  const o = readOptions(fn, options, SELECTION_KEYS);
  const sel = resolveSelection(fn, o);
  const n = condensedPoints(fn, 'condensed', condensed);
  checkCondensedValues(fn, 'condensed', condensed);
  let D: Float64Array;
  if (condensed instanceof Float64Array) {
    D = condensed;
  } else {
    assertMemory(fn, 'a Float64 copy of the distances', condensed.length * 8, sel.memoryLimit);
    D = Float64Array.from(condensed);
  }
  return runSync(fromDistancesWork(fn, D, n, sel), { fn, signal: sel.signal, onProgress: sel.onProgress });
}

function* fromDistancesWork(fn: string, D: Float64Array, n: number, sel: ResolvedSelection): Work<HdbscanModel> {
  if (n === 1) return trivialModel(sel, 'precomputed', null);
  const ms = Math.min(sel.minSamples, n);
  assertMemory(fn, 'the core-distance heaps and trees', n * (ms - 1) * 12 + n * 160, sel.memoryLimit);
  const core = yield* coreDistancesCondensed(D, n, ms - 1);
  const edges = mstEdges(n);
  yield* primMst(n, core, { type: 'condensed', D, n }, edges);
  return yield* finishModel(n, core, edges, sel, ms, 'precomputed', null);
}
