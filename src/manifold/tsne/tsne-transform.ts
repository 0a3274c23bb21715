/**
 * Out-of-sample t-SNE: new points placed into a fitted embedding, which stays fixed, by
 * openTSNE's method (`TSNEEmbedding.transform`).
 */
import { LatentError, describe } from '../../core/errors.js';
import { detLog } from '../../core/math.js';
import { asMatrix, asMatrix64, isMatrix, type Matrix, type Matrix64, type MatrixLike } from '../../core/matrix.js';
import { functionOption, integerIn, numberIn, readOptions, signalOption, type OptionKeys } from '../../core/options.js';
import { checkAborted, runSync, type Progress, type Work } from '../../core/task.js';
import { assertModel } from '../../core/validate.js';
import { checkMetric, type Metric } from '../../distance/metric.js';
import { autoMethod, createIndexWork, resolveKnnOptions, squareSafe } from '../../neighbors/exact/knn-index.js';
import { searchWork } from '../../neighbors/exact/knn-query.js';
import { conditionalRow } from './affinities.js';
import { bhTree, buildBHTree, repulsionAt, type BHTree } from './bhtree.js';
import { degreesOfFreedom, studentPower } from './gradient.js';
import { squareDistances, type TsneResult } from './tsne-state.js';

/** Options of {@link tsneTransform}. Defaults are openTSNE's `transform` defaults. */
export interface TsneTransformOptions {
  /**
   * The training rows the model was fitted on (n × d). Needed unless the model carries them
   * (`tsne` keeps them as `model.data`) or `knn` is given.
   * @defaultValue model.data
   */
  data?: MatrixLike;
  /**
   * Input-space metric of the neighbour search (must be the fit's for the affinities to mean the
   * same). Required when the fit used a custom function (`model.metric === 'custom'`).
   * @defaultValue model.metric, else 'euclidean'
   */
  metric?: Metric;
  /**
   * Perplexity of each new point's affinities to the training points. openTSNE uses 5 rather than
   * the fit's perplexity: a new point should attach to its closest training points, not to a wide
   * neighbourhood. When it exceeds nNeighbors it becomes nNeighbors / 3 (as openTSNE).
   * @defaultValue 5
   */
  perplexity?: number;
  /**
   * Training neighbours per new point (affinities and the median initialisation).
   * @defaultValue min(n, ⌊3 · perplexity⌋)
   */
  nNeighbors?: number;
  /**
   * Precomputed neighbours of the new points among the training points, `{ indices, distances }`
   * (q × nNeighbors row-major, nearest first, distances in the metric's units — e.g. from an
   * approximate index). Skips the exact search, which dominates for wide data (1 000 × 9 000 rows
   * of 784 columns: seconds).
   * @defaultValue undefined (exact search)
   */
  knn?: { indices: Int32Array; distances: Float64Array };
  /**
   * Gradient-descent iterations.
   * @defaultValue 250
   */
  iterations?: number;
  /**
   * Step size, in the units of `tsne`'s `learningRate` (scikit-learn's: the gradient includes its
   * factor 4), so 0.025 here is openTSNE's 0.1.
   * @defaultValue 0.025
   */
  learningRate?: number;
  /**
   * Factor on the attractive forces (openTSNE's `exaggeration` for transform): a little attraction
   * beyond 1 keeps new points from drifting away from their neighbours.
   * @defaultValue 1.5
   */
  exaggeration?: number;
  /**
   * Momentum of the updates, in [0, 1).
   * @defaultValue 0.8
   */
  momentum?: number;
  /**
   * Largest gradient norm per point (larger ones are scaled down: new points that start on top of
   * training points feel large forces), in the same units as `learningRate` (openTSNE's 0.25 × 4).
   * `Infinity` disables clipping.
   * @defaultValue 1
   */
  maxGradNorm?: number;
  /**
   * Barnes–Hut angle of the repulsion from the training points (a tree over the fixed embedding,
   * built once); 0 sums every training point exactly (O(n) per point and iteration). Embeddings
   * of other than 2 or 3 dimensions always use the exact sum.
   * @defaultValue 0.5
   */
  theta?: number;
  /**
   * Starting positions: `'median'` (per coordinate, the median of the new point's training
   * neighbours' positions) or a q × dims matrix.
   * @defaultValue 'median'
   */
  init?: 'median' | MatrixLike;
  /**
   * Stops the work at the next iteration with `E_ABORTED`.
   * @defaultValue undefined
   */
  signal?: AbortSignal;
  /**
   * Progress: `'neighbors'`, then `'optimize'` with `completed` iterations of `total`.
   * @defaultValue undefined
   */
  onProgress?: (progress: Progress) => void;
}

const KEYS: OptionKeys<TsneTransformOptions> = {
  data: true,
  metric: true,
  perplexity: true,
  nNeighbors: true,
  knn: true,
  iterations: true,
  learningRate: true,
  exaggeration: true,
  momentum: true,
  maxGradNorm: true,
  theta: true,
  init: true,
  signal: true,
  onProgress: true,
};

/**
 * Embeds new rows into a fitted t-SNE without moving the fitted points, as openTSNE's
 * `TSNEEmbedding.transform` (scikit-learn's `TSNE` has no transform). Each new point gets
 * affinities p_{j|i} to its nNeighbors nearest training points (Gaussian conditionals calibrated
 * to `perplexity` as in the fit, normalised per point, not symmetrised), starts at the median of
 * those neighbours' positions, and follows the t-SNE gradient against the fixed training
 * embedding alone: attraction exaggeration · Σ_j p_{j|i} u_ij (y_i − y_j), repulsion from every
 * training point normalised by the point's own Z_i = Σ_j w_ij (so new points never interact and
 * each is placed as if it were alone: the result does not depend on the batch), Barnes–Hut over
 * a tree of the training embedding built once. Gradient descent with momentum, gains and
 * per-point gradient clipping; 250 iterations.
 *
 * Quality (bench/results/manifold-isomap.md): held-out points land among their own neighbours
 * (trustworthiness of the transformed points close to the fit's), and training rows passed
 * through the transform land near their fitted positions; the embedding a full refit would give
 * is a different layout altogether (t-SNE is not a function of the data alone), so compare with
 * refitting by neighbourhood measures, not coordinates.
 *
 * Complexity: the exact neighbour search O(q·n·d) (skip it with `knn`), then
 * O(iterations · q · (k + log n)) with Barnes–Hut (O(iterations · q · n) with `theta: 0`).
 * Memory O(q·k + n) besides the q × dims result; the tree holds O(n) nodes.
 *
 * @param model - a {@link TsneResult} (from `tsne`, or `tsneResult` with `data` given here)
 * @param X - q × d new rows (d = the training width); q may be 0
 * @param options - {@link TsneTransformOptions}
 * @returns q × dims positions in the model's embedding
 * @throws LatentError `E_MODEL` (not a t-SNE result, bad embedding), `E_OPTION` (no training data and no `knn`, a custom-metric model without `metric`, unknown option), `E_SHAPE` (widths, `data` rows ≠ n, `knn`/`init` shapes), `E_RANGE`, `E_TYPE`, `E_NOT_FINITE`, `E_ABORTED`
 * @example
 * ```ts
 * const model = tsne(train);                    // keeps a reference to `train`
 * const Y = tsneTransform(model, test);         // test.rows × 2, in model.embedding's frame
 * ```
 * @see P. G. Poličar, M. Stražar & B. Zupan, "Embedding to reference t-SNE space addresses batch effects in single-cell classification", Machine Learning 112 (2023)
 * @see openTSNE.TSNEEmbedding.transform
 */
export function tsneTransform(model: TsneResult, X: MatrixLike, options?: TsneTransformOptions): Matrix64 {
  const fn = 'tsneTransform';
  const o = readOptions(fn, options, KEYS);
  const E = checkModel(fn, model);
  const n = E.rows;
  const dims = E.cols;
  const Q = asMatrix64(X, fn, 'X');
  const q = Q.rows;
  const perplexity0 = numberIn(fn, 'perplexity', o.perplexity ?? 5, { min: 0, open: 'min' });
  const k = integerIn(fn, 'nNeighbors', o.nNeighbors ?? Math.max(1, Math.min(n, Math.floor(3 * perplexity0))), { min: 1, max: n });
  const perplexity = perplexity0 > k ? k / 3 : perplexity0;
  const iterations = integerIn(fn, 'iterations', o.iterations ?? 250, { min: 0 });
  const learningRate = numberIn(fn, 'learningRate', o.learningRate ?? 0.025, { min: 0, open: 'min' });
  const exaggeration = numberIn(fn, 'exaggeration', o.exaggeration ?? 1.5, { min: 0, open: 'min' });
  const momentum = numberIn(fn, 'momentum', o.momentum ?? 0.8, { min: 0, max: 1, open: 'max' });
  const maxGradNorm = o.maxGradNorm === Infinity ? Infinity : numberIn(fn, 'maxGradNorm', o.maxGradNorm ?? 1, { min: 0, open: 'min' });
  const theta = numberIn(fn, 'theta', o.theta ?? 0.5, { min: 0, max: 1 });
  const signal = signalOption(fn, o.signal);
  const onProgress = functionOption(fn, 'onProgress', o.onProgress);
  let init: Float64Array | null = null;
  if (o.init !== undefined && o.init !== 'median') {
    if (typeof o.init === 'string') throw new LatentError('E_OPTION', `${fn}: init must be 'median' or a q × dims matrix, got ${describe(o.init)}`);
    const m = asMatrix64(o.init, fn, 'init');
    if (m.rows !== q || m.cols !== dims) throw new LatentError('E_SHAPE', `${fn}: init must be a ${q} × ${dims} matrix, got ${m.rows} × ${m.cols}`);
    init = m.data;
  }
  let nn: { indices: Int32Array; distances: Float64Array } | null = null;
  if (o.knn !== undefined) nn = checkKnn(fn, o.knn, q, k, n);
  let data: Matrix | null = null;
  let metric: Metric = 'euclidean';
  if (nn === null) {
    const source = o.data ?? model.data;
    if (source === undefined) {
      throw new LatentError('E_OPTION', `${fn}: the training rows are needed to find the new points' neighbours: pass { data } (the model from tsneResult does not hold them) or { knn }`);
    }
    data = asMatrix(source, fn, o.data === undefined ? 'model.data' : 'data');
    if (data.rows !== n) throw new LatentError('E_SHAPE', `${fn}: data must have the model's ${n} rows, got ${data.rows}`);
    if (q > 0 && Q.cols !== data.cols) throw new LatentError('E_SHAPE', `${fn}: X must have ${data.cols} columns (the training width), got ${Q.cols}`);
    if (o.metric !== undefined) metric = checkMetric(fn, o.metric);
    else if (model.metric === 'custom') throw new LatentError('E_OPTION', `${fn}: the model was fitted with a custom metric function, which it does not store: pass it again as { metric }`);
    else if (model.metric !== undefined) metric = checkMetric(fn, model.metric);
  }
  if (q === 0) {
    checkAborted(fn, signal); // an aborted call is E_ABORTED even with nothing to do
    return { rows: 0, cols: dims, data: new Float64Array(0) };
  }
  const plan: Plan = { fn, E, Q, k, perplexity, iterations, learningRate, exaggeration, momentum, maxGradNorm, theta, init, nn, data, metric };
  return runSync(transformWork(plan), { fn, signal, onProgress });
}

interface Plan {
  fn: string;
  E: Matrix64;
  Q: Matrix64;
  k: number;
  perplexity: number;
  iterations: number;
  learningRate: number;
  exaggeration: number;
  momentum: number;
  maxGradNorm: number;
  theta: number;
  init: Float64Array | null;
  nn: { indices: Int32Array; distances: Float64Array } | null;
  data: Matrix | null;
  metric: Metric;
}

function* transformWork(p: Plan): Work<Matrix64> {
  const { E, Q, k } = p;
  const n = E.rows;
  const dims = E.cols;
  const q = Q.rows;
  yield { stage: 'neighbors', completed: 0, total: q };
  let nn = p.nn;
  if (nn === null) {
    // The search under this function's name (a misbehaving metric is reported as tsneTransform's).
    const data = p.data!;
    squareSafe(p.fn, p.metric, data, 'data');
    squareSafe(p.fn, p.metric, Q, 'X');
    const index = yield* createIndexWork(p.fn, data, resolveKnnOptions(p.fn, { metric: p.metric }), autoMethod(p.metric, data.rows, data.cols), true, false);
    nn = yield* searchWork(p.fn, index, Q, k);
  }
  yield { stage: 'neighbors', completed: q, total: q };

  // Affinities: per-point conditionals over the k neighbours (squared distances, as the fit).
  const sq = Float64Array.from(nn.distances);
  squareDistances(p.fn, sq);
  const P = new Float64Array(q * k);
  const logPerp = detLog(p.perplexity);
  for (let i = 0; i < q; i++) conditionalRow(sq, i * k, k, logPerp, P);

  const Y = p.init !== null ? p.init.slice() : medianInit(E.data, dims, nn.indices, q, k);
  const useTree = p.theta > 0 && (dims === 2 || dims === 3);
  let tree: BHTree | null = null;
  if (useTree) {
    tree = bhTree(n, dims);
    buildBHTree(tree, E.data, n);
  }
  const nu = degreesOfFreedom(dims);
  const c = (2 * (nu + 1)) / nu;
  const update = new Float64Array(q * dims);
  const gains = new Float64Array(q * dims).fill(1);
  const attr = new Float64Array(dims);
  const rep = new Float64Array(dims);
  const Ed = E.data;
  const idx = nn.indices;
  for (let it = 0; it < p.iterations; it++) {
    for (let i = 0; i < q; i++) {
      const yi = i * dims;
      attr.fill(0);
      for (let t = 0; t < k; t++) {
        const jo = idx[i * k + t]! * dims;
        let d2 = 0;
        for (let a = 0; a < dims; a++) {
          const v = Y[yi + a]! - Ed[jo + a]!;
          d2 += v * v;
        }
        const s = (P[i * k + t]! * nu) / (nu + d2);
        for (let a = 0; a < dims; a++) attr[a] = attr[a]! + s * (Y[yi + a]! - Ed[jo + a]!);
      }
      const Z = tree !== null ? repulsionAt(tree, Y, yi, p.theta, rep, 0) : exactRepulsion(Ed, n, dims, nu, Y, yi, rep);
      const invZ = Z > 0 ? 1 / Z : 0;
      let g2 = 0;
      for (let a = 0; a < dims; a++) {
        const g = c * (p.exaggeration * attr[a]! - rep[a]! * invZ);
        rep[a] = g;
        g2 += g * g;
      }
      const norm = Math.sqrt(g2);
      // openTSNE's clipping: coefficient max / (norm + 1e-6), applied when below 1.
      const clip = p.maxGradNorm / (norm + 1e-6);
      const scale = clip < 1 ? clip : 1;
      for (let a = 0; a < dims; a++) {
        const g = rep[a]! * scale;
        const u = update[yi + a]!;
        // openTSNE's gains: +0.2 when the signs of update and gradient differ (0 counts as a
        // sign), else × 0.8 + 0.01.
        const flipped = Math.sign(u) !== Math.sign(g);
        const gain = flipped ? gains[yi + a]! + 0.2 : gains[yi + a]! * 0.8 + 0.01;
        gains[yi + a] = gain;
        const nu2 = p.momentum * u - p.learningRate * gain * g;
        update[yi + a] = nu2;
        Y[yi + a] = Y[yi + a]! + nu2;
      }
    }
    let finite = true;
    for (let t = 0; t < Y.length && finite; t++) finite = Y[t]! - Y[t]! === 0;
    if (!finite) throw new LatentError('E_CONVERGENCE', `${p.fn}: the optimisation diverged at iteration ${it + 1}; lower learningRate`);
    yield { stage: 'optimize', completed: it + 1, total: p.iterations };
  }
  return { rows: q, cols: dims, data: Y };
}

/** Exact repulsion on point `yi` of Y from all n rows of E: writes Σ w u (y − e) into out; returns Σ w. */
function exactRepulsion(E: Float64Array, n: number, dims: number, nu: number, Y: Float64Array, yi: number, out: Float64Array): number {
  out.fill(0);
  let Z = 0;
  for (let j = 0; j < n; j++) {
    const jo = j * dims;
    let d2 = 0;
    for (let a = 0; a < dims; a++) {
      const v = Y[yi + a]! - E[jo + a]!;
      d2 += v * v;
    }
    const u = nu / (nu + d2);
    const w = nu === 1 ? u : nu === 2 ? u * Math.sqrt(u) : studentPower(u, nu);
    Z += w;
    const m = w * u;
    for (let a = 0; a < dims; a++) out[a] = out[a]! + m * (Y[yi + a]! - E[jo + a]!);
  }
  return Z;
}

/** Per coordinate, the median (numpy's: mean of the two middle values for an even count) of each point's neighbours' positions. */
function medianInit(E: Float64Array, dims: number, indices: Int32Array, q: number, k: number): Float64Array {
  const Y = new Float64Array(q * dims);
  const buf = new Float64Array(k);
  for (let i = 0; i < q; i++) {
    for (let a = 0; a < dims; a++) {
      for (let t = 0; t < k; t++) buf[t] = E[indices[i * k + t]! * dims + a]!;
      buf.sort();
      Y[i * dims + a] = k % 2 === 1 ? buf[(k - 1) >> 1]! : 0.5 * (buf[k / 2 - 1]! + buf[k / 2]!);
    }
  }
  return Y;
}

function checkModel(fn: string, model: unknown): Matrix64 {
  assertModel(fn, model, 'tsne');
  const E = (model as { embedding?: unknown }).embedding as Matrix64;
  if (!isMatrix(E) || !(E.data instanceof Float64Array) || E.rows < 1 || E.cols < 1 || E.data.length !== E.rows * E.cols) {
    throw new LatentError('E_MODEL', `${fn}: model.embedding must be an n × dims Matrix64, got ${describe(E)}`);
  }
  for (let t = 0; t < E.data.length; t++) {
    if (E.data[t]! - E.data[t]! !== 0) throw new LatentError('E_MODEL', `${fn}: model.embedding must be finite, got ${describe(E.data[t])} at ${t}`);
  }
  return E;
}

function checkKnn(fn: string, value: unknown, q: number, k: number, n: number): { indices: Int32Array; distances: Float64Array } {
  const g = value as { indices?: unknown; distances?: unknown } | null;
  if (typeof g !== 'object' || g === null || !(g.indices instanceof Int32Array) || !(g.distances instanceof Float64Array)) {
    throw new LatentError('E_TYPE', `${fn}: knn must be { indices: Int32Array, distances: Float64Array } (q × nNeighbors), got ${describe(value)}`);
  }
  const { indices, distances } = g as { indices: Int32Array; distances: Float64Array };
  if (indices.length !== q * k || distances.length !== q * k) {
    throw new LatentError('E_SHAPE', `${fn}: knn.indices and knn.distances must hold q × nNeighbors = ${q * k} entries, got ${indices.length} and ${distances.length}`);
  }
  for (let t = 0; t < q * k; t++) {
    const j = indices[t]!;
    if (!(j >= 0 && j < n)) throw new LatentError('E_RANGE', `${fn}: knn.indices must be training rows in [0, ${n}), got ${j} at ${t}`);
    const v = distances[t]!;
    if (v - v !== 0 || v < 0) throw new LatentError(v - v !== 0 ? 'E_NOT_FINITE' : 'E_RANGE', `${fn}: knn.distances must be finite and >= 0, got ${describe(v)} at ${t}`);
  }
  return { indices, distances };
}
