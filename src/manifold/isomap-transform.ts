/**
 * Out-of-sample Isomap: new points joined to the training graph through their nearest training
 * points, their geodesic distances to every training point, the kernel centred with the training
 * statistics and projected on the embedding (scikit-learn's `Isomap.transform`).
 */
import { LatentError, describe } from '../core/errors.js';
import { asMatrix64, isMatrix, type Matrix64, type MatrixLike } from '../core/matrix.js';
import { functionOption, readOptions, signalOption, type OptionKeys } from '../core/options.js';
import { checkCsr } from '../core/sparse.js';
import { runSync, type Progress, type Work } from '../core/task.js';
import { SQUARE_SAFE_MAX, assertModel, throwIfAborted } from '../core/validate.js';
import { checkMetric } from '../distance/metric.js';
import { autoMethod, createIndexWork, resolveKnnOptions, squareSafe } from '../neighbors/exact/knn-index.js';
import { searchWork } from '../neighbors/exact/knn-query.js';
import { dijkstraInto, dijkstraScratch } from './geodesic.js';
import type { IsomapModel } from './isomap.js';

/** Options of {@link isomapTransform}. */
export interface IsomapTransformOptions {
  /**
   * Stops the work at the next checkpoint with `E_ABORTED`.
   * @defaultValue undefined
   */
  signal?: AbortSignal;
  /**
   * Progress: `'neighbors'`, then `'paths'` with `completed` = new points done of q.
   * @defaultValue undefined
   */
  onProgress?: (progress: Progress) => void;
}

const KEYS: OptionKeys<IsomapTransformOptions> = { signal: true, onProgress: true };

/** Edges examined between checkpoints (a few milliseconds). */
const CHECKPOINT_WORK = 1 << 17;

/**
 * Embeds new rows into a fitted {@link IsomapModel} as scikit-learn's `Isomap.transform`: each
 * row's nNeighbors nearest training points (exact, the model's metric) join it to the training
 * graph; its geodesic distance to training point t is min over those neighbours j of
 * d(x, j) + D(j, t); the row g = −½ d² is centred with the training statistics
 * (g − column means − mean(g) + overall mean, scikit-learn's `KernelCenterer.transform`) and
 * projected: y_c = Σ_t g_t v_c[t] / √λ_c. A training row maps to its fitted position (up to
 * rounding, unless it has an exact duplicate).
 *
 * The geodesic row is computed by one Dijkstra from the new point over the stored graph (the same
 * minimum as scikit-learn's over its stored n × n matrix), so the model needs no n² matrix.
 * O(q·(n·d + (n + m) log n + n·dims)) time for q rows and m edges, O(n) working memory besides
 * the q × dims result.
 *
 * @param model - from {@link isomap}
 * @param X - q × d new rows (d = the training width); q may be 0
 * @param options - {@link IsomapTransformOptions}
 * @returns q × dims coordinates
 * @throws LatentError `E_MODEL` (not an Isomap model, inconsistent fields, a disconnected graph), `E_SHAPE` (width), `E_NOT_FINITE`, `E_TYPE`, `E_OPTION`, `E_ABORTED`
 * @example
 * ```ts
 * const { data } = swissRoll({ n: 1000, seed: 0 });
 * const model = isomap(data, { nNeighbors: 10 });
 * isomapTransform(model, [data.data.subarray(0, 3)]).data;
 * // Float64Array [-18.556724988469806, 5.26197460772362]   (model.embedding row 0: -18.556724988469814, 5.261974607723639)
 * ```
 * @see sklearn.manifold.Isomap.transform
 */
export function isomapTransform(model: IsomapModel, X: MatrixLike, options?: IsomapTransformOptions): Matrix64 {
  const fn = 'isomapTransform';
  const o = readOptions(fn, options, KEYS);
  const signal = signalOption(fn, o.signal);
  const onProgress = functionOption(fn, 'onProgress', o.onProgress);
  const m = assertIsomapModel(fn, model);
  const dims = m.embedding.cols;
  const Q = asMatrix64(X, fn, 'X');
  // An already-aborted signal is an error even when there is nothing to do.
  throwIfAborted(fn, signal);
  if (Q.rows === 0) return { rows: 0, cols: dims, data: new Float64Array(0) };
  if (Q.cols !== m.data.cols) throw new LatentError('E_SHAPE', `${fn}: X must have ${m.data.cols} columns (the training width), got ${Q.cols}`);
  squareSafe(fn, m.metric, Q, 'X');
  return runSync(transformWork(fn, m, Q), { fn, signal, onProgress });
}

function* transformWork(fn: string, m: IsomapModel, Q: Matrix64): Work<Matrix64> {
  const n = m.data.rows;
  const dims = m.embedding.cols;
  const q = Q.rows;
  const k = m.nNeighbors;
  yield { stage: 'neighbors', completed: 0, total: q };
  // The neighbour search under this function's name (its messages name what the user called).
  const index = yield* createIndexWork(fn, m.data, resolveKnnOptions(fn, { metric: m.metric }), autoMethod(m.metric, n, m.data.cols), true, false);
  const nn = yield* searchWork(fn, index, Q, k);
  yield { stage: 'neighbors', completed: q, total: q };
  // Projection weights v_c / √λ_c = embedding[:, c] / λ_c (0 for a zero eigenvalue).
  const alpha = new Float64Array(n * dims);
  const E = m.embedding.data;
  for (let c = 0; c < dims; c++) {
    const l = m.eigenvalues[c]!;
    if (l > 0) for (let t = 0; t < n; t++) alpha[t * dims + c] = E[t * dims + c]! / l;
  }
  const colMeans = m.kernelColumnMeans;
  const dist = new Float64Array(n);
  const scratch = dijkstraScratch(n);
  const out = new Float64Array(q * dims);
  let work = 0;
  for (let r = 0; r < q; r++) {
    dist.fill(Infinity);
    for (let t = 0; t < k; t++) {
      const j = nn.indices[r * k + t]!;
      const v = nn.distances[r * k + t]!;
      if (v < dist[j]!) dist[j] = v;
    }
    work += dijkstraInto(m.graph, dist, scratch);
    let sum = 0;
    for (let t = 0; t < n; t++) {
      const v = dist[t]!;
      if (v === Infinity) throw new LatentError('E_MODEL', `${fn}: model.graph must be connected, got no path to training point ${t}`);
      // The kernel squares geodesic distances: beyond 2^500 they would overflow into NaN.
      if (v > SQUARE_SAFE_MAX) throw new LatentError('E_RANGE', `${fn}: the geodesic distance from row ${r} of X to training point ${t} must be at most 2^500 (about 3.3e150) so that its square stays finite, got ${describe(v)}; rescale the data`);
      const g = -0.5 * v * v;
      dist[t] = g;
      sum += g;
    }
    const shift = m.kernelMean - sum / n;
    const o = r * dims;
    for (let t = 0; t < n; t++) {
      const kc = dist[t]! - colMeans[t]! + shift;
      const a = t * dims;
      for (let c = 0; c < dims; c++) out[o + c] = out[o + c]! + kc * alpha[a + c]!;
    }
    work += n * (dims + 2);
    if (work >= CHECKPOINT_WORK) {
      work = 0;
      yield { stage: 'paths', completed: r + 1, total: q };
    }
  }
  yield { stage: 'paths', completed: q, total: q };
  return { rows: q, cols: dims, data: out };
}

/**
 * Throws `E_MODEL` unless `model` is a structurally valid {@link IsomapModel}: kind and version,
 * matrix shapes, a valid CSR graph over the n training points with weights ≥ 0, statistics of
 * length n, finite eigenvalues, a neighbour count in [1, n] and a known metric. O(n·d + nnz).
 *
 * @param fn - public function name
 * @param model - the received value
 * @returns the model, typed
 * @throws LatentError `E_MODEL`
 * @example
 * ```ts
 * assertIsomapModel('isomapTransform', isomap(X)); // the model
 * ```
 */
export function assertIsomapModel(fn: string, model: unknown): IsomapModel {
  assertModel(fn, model, 'isomap');
  const m = model as Partial<Record<keyof IsomapModel, unknown>>;
  const bad = (what: string, got: unknown): never => {
    throw new LatentError('E_MODEL', `${fn}: model.${what}, got ${describe(got)}`);
  };
  const data = m.data as Matrix64;
  if (!isMatrix(data) || !(data.data instanceof Float64Array) || data.rows < 2 || data.cols < 1 || data.data.length !== data.rows * data.cols) {
    bad('data must be an n × d Matrix64 with n ≥ 2', m.data);
  }
  const n = data.rows;
  const emb = m.embedding as Matrix64;
  if (!isMatrix(emb) || !(emb.data instanceof Float64Array) || emb.rows !== n || emb.cols < 1 || emb.data.length !== n * emb.cols) {
    bad(`embedding must be an ${n} × dims Matrix64`, m.embedding);
  }
  if (emb.data.some((v) => v - v !== 0)) bad('embedding must hold finite values', 'NaN or ±Infinity');
  if (data.data.some((v) => v - v !== 0)) bad('data must hold finite values', 'NaN or ±Infinity');
  const ev = m.eigenvalues;
  if (!(ev instanceof Float64Array) || ev.length !== emb.cols || ev.some((v) => !(v >= 0) || v === Infinity)) bad(`eigenvalues must be ${emb.cols} finite values >= 0`, ev);
  const means = m.kernelColumnMeans;
  if (!(means instanceof Float64Array) || means.length !== n || means.some((v) => v - v !== 0)) bad(`kernelColumnMeans must be ${n} finite values`, means);
  if (typeof m.kernelMean !== 'number' || m.kernelMean - m.kernelMean !== 0) bad('kernelMean must be a finite number', m.kernelMean);
  if (typeof m.nNeighbors !== 'number' || !Number.isInteger(m.nNeighbors) || m.nNeighbors < 1 || m.nNeighbors > n) bad(`nNeighbors must be an integer in [1, ${n}]`, m.nNeighbors);
  try {
    checkMetric(fn, m.metric);
    const g = checkCsr(fn, 'model.graph', m.graph);
    if (g.rows !== n || g.cols !== n) bad(`graph must be ${n} × ${n}`, `${g.rows} × ${g.cols}`);
    if (g.values.some((v) => v < 0)) bad('graph weights must be >= 0', 'a negative weight');
  } catch (e) {
    if (e instanceof LatentError && e.code !== 'E_MODEL') throw new LatentError('E_MODEL', e.message);
    throw e;
  }
  return model as IsomapModel;
}
