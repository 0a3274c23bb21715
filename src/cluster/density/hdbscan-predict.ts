/**
 * Placing new points into a fitted HDBSCAN clustering (the `hdbscan` package's
 * `approximate_predict`).
 */
import { LatentError } from '../../core/errors.js';
import { asMatrix, asMatrix64, type FloatArray, type MatrixLike } from '../../core/matrix.js';
import { assertAllocatable, assertSquareSafe } from '../../core/validate.js';
import { distanceRows } from '../../distance/kernels.js';
import { callMetric, type MetricName } from '../../distance/metric.js';
import { heapOffer, heapSortAscending } from '../../neighbors/heap.js';
import { blockRows, sqNormsOf } from '../../neighbors/widen.js';
import { checkHdbscanModel, type HdbscanModel } from './hdbscan-model.js';

/** Labels and membership probabilities of new points. */
export interface HdbscanPrediction {
  /** Cluster of each new point (the model's labels), −1 for noise. */
  labels: Int32Array;
  /** Membership strength in that cluster, in [0, 1] (0 for noise). */
  probabilities: Float64Array;
}

/** Query rows per block of the neighbour search. */
const QUERY_BLOCK = 32;

/**
 * Assigns new points to the clusters of a fitted {@link hdbscan} model without refitting, as
 * the `hdbscan` package's `approximate_predict` does: the model does not change, so the answer
 * is what the point *would most likely* have been given, not what refitting with it would give.
 *
 * For a new point x: its core distance is the distance to its `minSamples`-th nearest training
 * point (x does not count itself, as in the package); among its 2·`minSamples` nearest training
 * points (at most n) it takes the one at the smallest mutual-reachability distance m, which
 * sets λ = 1/m. If that neighbour left the condensed tree at a λ not above x's, x leaves with
 * it (same cluster); otherwise x climbs from the neighbour's cluster to the first ancestor born
 * below λ. The label is the selected cluster that contains the one reached (−1 if none), and the
 * probability `min(λ, λ_max) / λ_max` with λ_max the largest λ of the selected cluster's own
 * rows (1 when λ_max = 0), 0 for noise.
 *
 * Cost: an exact brute-force neighbour search, O(q·n·d) (Float32 data widened a block at a
 * time), then O(depth of the tree) per point; memory O(q·minSamples).
 *
 * @param model - a model from {@link hdbscan} fitted with `predictionData` (the default)
 * @param X - q × d new points (the fitted data's width), finite
 * @returns `{ labels, probabilities }`
 * @throws LatentError `E_MODEL` for something that is not a consistent hdbscan model, or one without data (fitted from distances or with `predictionData: false`); `E_TYPE` / `E_SHAPE` / `E_NOT_FINITE` for bad points or a width mismatch; `E_RANGE` / `E_NOT_FINITE` from a misbehaving custom metric
 * @example
 * ```ts
 * const X = [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5], [9, 9], [9, 10], [10, 9], [10, 10], [9.5, 9.5]];
 * const model = hdbscan(X, { minClusterSize: 3 });
 * hdbscanPredict(model, [[0.2, 0.4], [9.6, 9.4], [50, 50]]).labels; // Int32Array [0, 1, -1]
 * ```
 * @see hdbscan.prediction.approximate_predict (the `hdbscan` package)
 */
export function hdbscanPredict(model: HdbscanModel, X: MatrixLike): HdbscanPrediction {
  const fn = 'hdbscanPredict';
  const { model: m, n } = checkHdbscanModel(fn, model);
  if (m.data === null || m.data === undefined || m.metric === 'precomputed') {
    throw new LatentError('E_MODEL', `${fn}: model must carry its training data (fit with hdbscan(X, { predictionData: true })), got a model without data`);
  }
  const train = m.data;
  const Q = asMatrix(X, fn, 'X');
  if (Q.rows > 0 && Q.cols !== train.cols) throw new LatentError('E_SHAPE', `${fn}: X columns must equal the model's ${train.cols}, got ${Q.cols}`);
  const metric = m.metric;
  if ((metric === 'euclidean' || metric === 'sqeuclidean') && Q.data instanceof Float64Array) assertSquareSafe(fn, 'X', Q.data, Q.cols);
  const q = Q.rows;
  const labels = new Int32Array(q).fill(-1);
  const probabilities = new Float64Array(q);
  if (q === 0 || m.clusters.length === 0 || n < 1) return { labels, probabilities };
  const ms = m.minSamples;
  const k = Math.min(n, 2 * ms);
  assertAllocatable(fn, 'the neighbour lists', q * k);
  const D = new Float64Array(q * k);
  const I = new Int32Array(q * k);
  if (typeof metric === 'function') {
    const P = asMatrix64(train, fn, 'model.data');
    const Qd = asMatrix64(Q, fn, 'X');
    const d = P.cols;
    for (let r = 0; r < q; r++) {
      const qv = Qd.data.subarray(r * d, (r + 1) * d);
      let size = 0;
      for (let j = 0; j < n; j++) size = heapOffer(D, I, r * k, size, k, callMetric(fn, metric, qv, P.data.subarray(j * d, (j + 1) * d)), j);
      heapSortAscending(D, I, r * k, k);
    }
  } else {
    knnTiles(fn, metric, train.data, n, Q.data, q, train.cols, k, D, I);
  }
  const tree = treeIndex(m, n);
  for (let r = 0; r < q; r++) {
    const off = r * k;
    // The new point's core distance: its ms-th nearest training point.
    const coreX = D[off + Math.min(ms, k) - 1]!;
    let best = -1;
    let bestM = Infinity;
    for (let t = 0; t < k; t++) {
      const j = I[off + t]!;
      let v = D[off + t]!;
      if (coreX > v) v = coreX;
      if (m.coreDistances[j]! > v) v = m.coreDistances[j]!;
      if (v < bestM) {
        bestM = v;
        best = j;
      }
    }
    const lam = bestM > 0 ? 1 / bestM : Number.MAX_VALUE;
    let c = tree.pointParent[best]!;
    if (c < 0) continue;
    if (tree.pointLambda[best]! > lam) {
      // Parents have smaller numbers than their children (checked), so this climb ends.
      while (c > 0 && tree.birth[c]! >= lam) c = tree.parent[c]!;
    }
    if (c < 0) continue;
    const l = tree.label[c]!;
    if (l < 0) continue;
    labels[r] = l;
    const maxL = tree.maxLambda[c]!;
    probabilities[r] = maxL > 0 ? (lam < maxL ? lam : maxL) / maxL : 1;
  }
  return { labels, probabilities };
}

/** Per-point and per-cluster lookups of a validated condensed tree (clusters indexed by number − n). */
function treeIndex(m: HdbscanModel, n: number): {
  pointParent: Int32Array;
  pointLambda: Float64Array;
  parent: Int32Array;
  birth: Float64Array;
  label: Int32Array;
  maxLambda: Float64Array;
} {
  const { parent, child, lambda } = m.condensedTree;
  const rows = parent.length;
  let top = n;
  for (let r = 0; r < rows; r++) top = Math.max(top, parent[r]!, child[r]!);
  const K = top - n + 1;
  const pointParent = new Int32Array(n).fill(-1);
  const pointLambda = new Float64Array(n);
  const cparent = new Int32Array(K).fill(-1);
  const birth = new Float64Array(K);
  const direct = new Float64Array(K);
  for (let r = 0; r < rows; r++) {
    const p = parent[r]! - n;
    const c = child[r]!;
    if (lambda[r]! > direct[p]!) direct[p] = lambda[r]!;
    if (c < n) {
      pointParent[c] = p;
      pointLambda[c] = lambda[r]!;
    } else {
      cparent[c - n] = p;
      birth[c - n] = lambda[r]!;
    }
  }
  // Selected clusters and everything below them map to the selected cluster's label and λ_max.
  const label = new Int32Array(K).fill(-1);
  const maxLambda = new Float64Array(K);
  const selected = new Int32Array(K).fill(-1);
  for (let k = 0; k < m.clusters.length; k++) selected[m.clusters[k]! - n] = k;
  for (let c = 0; c < K; c++) {
    if (selected[c]! >= 0) {
      label[c] = selected[c]!;
      maxLambda[c] = direct[c]!;
    } else if (cparent[c]! >= 0 && label[cparent[c]!]! >= 0) {
      label[c] = label[cparent[c]!]!;
      maxLambda[c] = maxLambda[cparent[c]!]!;
    }
  }
  return { pointParent, pointLambda, parent: cparent, birth, label, maxLambda };
}

/**
 * The k nearest rows of P to each row of Q (ascending, ties by lower index) by blocked brute
 * force, Float32 operands widened a block at a time.
 */
function knnTiles(fn: string, metric: MetricName, P: FloatArray, np: number, Q: FloatArray, nq: number, d: number, k: number, D: Float64Array, I: Int32Array): void {
  const kernel: MetricName = metric === 'euclidean' ? 'sqeuclidean' : metric;
  const sqP = metric === 'cosine' ? sqNormsOf(fn, 'model.data', P, np, d) : null;
  const sqQ = metric === 'cosine' ? sqNormsOf(fn, 'X', Q, nq, d) : null;
  const nb = blockRows(d, np);
  const pWide = !(P instanceof Float64Array);
  const qWide = !(Q instanceof Float64Array);
  const pTile = new Float64Array(pWide ? nb * d : 0);
  const qTile = new Float64Array(qWide ? QUERY_BLOCK * d : 0);
  const buf = new Float64Array(QUERY_BLOCK * nb);
  const sizes = new Int32Array(QUERY_BLOCK);
  for (let q0 = 0; q0 < nq; q0 += QUERY_BLOCK) {
    const q1 = Math.min(nq, q0 + QUERY_BLOCK);
    const A = qWide ? qTile : (Q);
    if (qWide) qTile.set(Q.subarray(q0 * d, q1 * d));
    const aRow = qWide ? 0 : q0;
    const sqA = sqQ === null ? null : qWide ? sqQ.subarray(q0) : sqQ;
    sizes.fill(0);
    for (let j0 = 0; j0 < np; j0 += nb) {
      const j1 = Math.min(np, j0 + nb);
      const B = pWide ? pTile : (P);
      if (pWide) pTile.set(P.subarray(j0 * d, j1 * d));
      const bRow = pWide ? 0 : j0;
      const sqB = sqP === null ? null : pWide ? sqP.subarray(j0) : sqP;
      let r = 0;
      for (; r + 1 < q1 - q0; r += 2) distanceRows(kernel, A, aRow + r, aRow + r + 1, B, bRow, bRow + (j1 - j0), d, buf, r * nb, (r + 1) * nb, sqA, sqB);
      if (r < q1 - q0) distanceRows(kernel, A, aRow + r, -1, B, bRow, bRow + (j1 - j0), d, buf, r * nb, 0, sqA, sqB);
      for (let t = 0; t < q1 - q0; t++) {
        const off = (q0 + t) * k;
        let size = sizes[t]!;
        for (let c = 0; c < j1 - j0; c++) size = heapOffer(D, I, off, size, k, buf[t * nb + c]!, j0 + c);
        sizes[t] = size;
      }
    }
    for (let r = q0; r < q1; r++) {
      heapSortAscending(D, I, r * k, k);
      if (metric === 'euclidean') for (let t = r * k; t < r * k + k; t++) D[t] = Math.sqrt(D[t]!);
    }
  }
}
