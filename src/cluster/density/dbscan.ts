/**
 * DBSCAN (Ester et al. 1996) on latent's exact radius search.
 */
import { LatentError } from '../../core/errors.js';
import { asMatrix, type FloatArray, type Matrix, type MatrixLike } from '../../core/matrix.js';
import { memoryLimitOption } from '../../core/memory.js';
import { functionOption, integerIn, numberIn, readOptions, signalOption, type OptionKeys } from '../../core/options.js';
import { DEFAULT_SEED } from '../../core/random.js';
import { runSync, type Progress, type Work } from '../../core/task.js';
import { assertSquareSafe } from '../../core/validate.js';
import { callMetric, checkMetric, type Metric } from '../../distance/metric.js';
import { rowDistance } from '../../distance/pairwise.js';
import { radiusWork, type ResolvedRadiusOptions } from '../../neighbors/radius.js';

/** Options of {@link dbscan}. */
export interface DbscanOptions {
  /**
   * Neighbourhood radius: points within `eps` of each other (distance ≤ eps) are neighbours.
   * Required, a finite number > 0, in the metric's units.
   */
  eps: number;
  /**
   * Neighbourhood size (counting the point itself, as scikit-learn does) that makes a point a
   * core point.
   * @defaultValue 5
   */
  minSamples?: number | undefined;
  /**
   * Distance: a built-in metric name or a custom `(a, b) => number`.
   * @defaultValue `'euclidean'`
   */
  metric?: Metric | undefined;
  /**
   * Budget in bytes for the neighbourhood lists (4 bytes per neighbour, 8 per pair; up to
   * 24 more per pair while brute force assembles them): a radius that makes every point
   * everyone's neighbour fails with `E_MEMORY`.
   * @defaultValue 4 GiB
   */
  memoryLimit?: number | undefined;
  /**
   * Stops the run at the next checkpoint with `E_ABORTED`.
   * @defaultValue none
   */
  signal?: AbortSignal | undefined;
  /**
   * Receives `{ stage: 'radius' | 'label', completed, total }`.
   * @defaultValue none
   */
  onProgress?: ((progress: Progress) => void) | undefined;
}

/** The result of {@link dbscan}. */
export interface DbscanModel {
  /** Model tag. */
  kind: 'dbscan';
  /** Format version. */
  version: 1;
  /**
   * Cluster of each point (0, 1, …, numbered by each cluster's lowest core point index, as
   * scikit-learn numbers them), −1 for noise.
   */
  labels: Int32Array;
  /** Indices of the core points, ascending (scikit-learn's `core_sample_indices_`). */
  core: Int32Array;
}

const KEYS: OptionKeys<DbscanOptions> = { eps: true, minSamples: true, metric: true, memoryLimit: true, signal: true, onProgress: true };

/**
 * Density-based clustering with noise: a point with at least `minSamples` points within `eps`
 * (itself included) is a core point; core points within `eps` of each other are in the same
 * cluster; a non-core point within `eps` of a core point joins the cluster of its **nearest**
 * core point (ties: the lower index); every other point is noise (−1).
 *
 * Fidelity to scikit-learn's `DBSCAN`: the core points and the partition of the core points are
 * the same (as are the cluster numbers); border points can differ only where a border point
 * lies within `eps` of core points of two clusters — scikit-learn gives it to whichever cluster
 * reaches it first in its index-order expansion, latent to the nearest core point, which does
 * not depend on the order of the rows. Neighbourhoods use `radiusNeighborsSelf`'s rule
 * (for `'euclidean'`: squared distance ≤ eps², as scikit-learn's trees).
 *
 * Cost: one exact radius self-search (a vantage-point tree at ≤ 20 columns, blocked brute force
 * otherwise, Float32 data read in place) plus O(n + pairs) union–find; memory O(n) plus the
 * neighbourhood lists (the number of pairs within `eps`, budgeted by `memoryLimit`).
 *
 * @param X - n × d data (n ≥ 1), finite, Float32 or Float64
 * @param options - `eps` (required), `minSamples`, `metric`, memory budget, signal, progress
 * @returns `{ kind: 'dbscan', version: 1, labels, core }`
 * @throws LatentError `E_TYPE` / `E_SHAPE` / `E_NOT_FINITE` for bad data or no rows; `E_TYPE` / `E_RANGE` / `E_NOT_FINITE` when `eps` is missing, ≤ 0 or not finite, or `minSamples` is not an integer ≥ 1; `E_OPTION` for an unknown option or metric; `E_RANGE` for euclidean values beyond ±2⁵⁰⁰; `E_MEMORY` when the neighbourhoods outgrow `memoryLimit`; `E_ABORTED`
 * @example
 * ```ts
 * const X = [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 2], [8, 8], [8, 9], [9, 8], [30, 30]];
 * const { labels, core } = dbscan(X, { eps: 1.2, minSamples: 3 });
 * labels; // Int32Array [0, 0, 0, 0, 0, 1, 1, 1, -1]
 * core;   // Int32Array [0, 1, 2, 3, 4, 5] (6 and 7 are border points of cluster 1)
 * ```
 * @see Ester, Kriegel, Sander & Xu, "A density-based algorithm for discovering clusters in large spatial databases with noise", KDD 1996
 * @see sklearn.cluster.DBSCAN
 */
export function dbscan(X: MatrixLike, options: DbscanOptions): DbscanModel {
  const fn = 'dbscan';
  if (options === undefined) throw new LatentError('E_TYPE', `${fn}: options must be an object with eps, got undefined`);
  const o = readOptions(fn, options, KEYS);
  const eps = numberIn(fn, 'eps', o.eps, { min: 0, open: 'min' });
  const minSamples = integerIn(fn, 'minSamples', o.minSamples ?? 5, { min: 1 });
  const metric = checkMetric(fn, o.metric);
  const memoryLimit = memoryLimitOption(fn, o.memoryLimit);
  const signal = signalOption(fn, o.signal);
  const onProgress = functionOption(fn, 'onProgress', o.onProgress);
  const m = asMatrix(X, fn, 'X');
  if (m.rows < 1) throw new LatentError('E_SHAPE', `${fn}: X must have at least 1 row, got 0`);
  if ((metric === 'euclidean' || metric === 'sqeuclidean') && m.data instanceof Float64Array) assertSquareSafe(fn, 'X', m.data, m.cols);
  // Indices only (4 bytes a neighbour, no copies): border points' distances are recomputed.
  const work = dbscanWork(fn, m, eps, minSamples, { metric, sort: false, method: 'auto', leafSize: 16, seed: DEFAULT_SEED, memoryLimit, distances: false, compact: false });
  return runSync(work, { fn, signal, onProgress });
}

function* dbscanWork(fn: string, m: Matrix, eps: number, minSamples: number, ro: ResolvedRadiusOptions): Work<DbscanModel> {
  const n = m.rows;
  const { offsets, indices } = yield* radiusWork(fn, m, null, eps, ro);
  yield { stage: 'label', completed: 0, total: n };
  // Core points: neighbourhood size counting the point itself.
  const isCore = new Uint8Array(n);
  let nCore = 0;
  for (let i = 0; i < n; i++) {
    if (offsets[i + 1]! - offsets[i]! + 1 >= minSamples) {
      isCore[i] = 1;
      nCore++;
    }
  }
  // Connected components of the core points (union–find, linking the larger root under the smaller).
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  for (let i = 0; i < n; i++) {
    if (isCore[i] === 0) continue;
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
      const j = indices[e]!;
      if (j < i || isCore[j] === 0) continue;
      const a = find(parent, i);
      const b = find(parent, j);
      if (a < b) parent[b] = a;
      else if (b < a) parent[a] = b;
    }
  }
  yield;
  // Roots are the lowest core index of each component, so numbering roots in index order
  // numbers clusters as scikit-learn does.
  const labels = new Int32Array(n).fill(-1);
  const core = new Int32Array(nCore);
  let next = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    if (isCore[i] === 0) continue;
    core[c++] = i;
    const r = find(parent, i);
    if (r === i) labels[i] = next++;
    else labels[i] = labels[r]!;
  }
  // Border points: the cluster of the nearest core neighbour (ties: lower index).
  const d = m.cols;
  const pair = new Float64Array(2 * d);
  for (let i = 0; i < n; i++) {
    if (isCore[i] === 1) continue;
    let best = -1;
    let bestD = Infinity;
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
      const j = indices[e]!;
      if (isCore[j] === 0) continue;
      const dv = pairDistance(fn, ro.metric, m.data, d, i, j, pair);
      if (dv < bestD || (dv === bestD && j < best)) {
        bestD = dv;
        best = j;
      }
    }
    if (best >= 0) labels[i] = labels[best]!;
  }
  yield { stage: 'label', completed: n, total: n };
  return { kind: 'dbscan', version: 1, labels, core };
}

/**
 * Distance between rows i and j (as the radius search computes it: both rows as doubles, the
 * same kernels' summation order).
 */
function pairDistance(fn: string, metric: Metric, data: FloatArray, d: number, i: number, j: number, pair: Float64Array): number {
  pair.set(data.subarray(i * d, (i + 1) * d), 0);
  pair.set(data.subarray(j * d, (j + 1) * d), d);
  if (typeof metric === 'function') return callMetric(fn, metric, pair.subarray(0, d), pair.subarray(d));
  return rowDistance(metric, pair, 0, pair, d, d);
}

/** Root of `i` with path halving. */
function find(parent: Int32Array, i: number): number {
  let x = i;
  while (parent[x] !== x) {
    const g = parent[parent[x]!]!;
    parent[x] = g;
    x = g;
  }
  return x;
}
