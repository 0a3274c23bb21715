/**
 * Embedding new points into a fitted UMAP model (umap-learn's `UMAP.transform`).
 */
import { LatentError, describe } from '../../core/errors.js';
import { asMatrix, type Matrix, type Matrix64, type MatrixLike } from '../../core/matrix.js';
import { enumOption, functionOption, integerIn, readOptions, seedOption, signalOption, type OptionKeys } from '../../core/options.js';
import { nextUint32, rngState } from '../../core/random.js';
import { runSync, type Progress, type Work } from '../../core/task.js';
import { checkMetric, type Metric } from '../../distance/metric.js';
import { edgeSchedule } from './epochs.js';
import { membershipGraph } from './fuzzy-graph.js';
import { transformNeighborsWork, type UmapTransformSearch } from './transform-search.js';
import { assertUmapModel, type UmapModel } from './model.js';
import { powTable } from './pow.js';
import { optimizeEdges, tauState, type SgdArrays, type SgdParams } from './sgd.js';
import { smoothKnnDistances } from './smooth-knn.js';
import { epochAlpha, EDGE_CHUNK } from './state.js';

/** Options of {@link umapTransform}. */
export interface UmapTransformOptions {
  /**
   * Optimisation epochs for the new points (integer ≥ 0; 0 keeps the weighted-mean
   * initialisation). `'auto'` follows umap-learn: ⌊nEpochs / 3⌋ of the fit when its nEpochs was
   * given, otherwise 100 for at most 10 000 new points and 30 above.
   * @defaultValue 'auto'
   */
  nEpochs?: number | 'auto';
  /**
   * Seed of the negative sampling.
   * @defaultValue the model's seed
   */
  seed?: number;
  /**
   * The metric function, required when the model was fitted with one (`model.metric ===
   * 'custom'`: functions are not stored in models); must not be given otherwise.
   * @defaultValue the model's metric
   */
  metric?: Metric;
  /**
   * How the new rows' neighbours are found among the training rows. `'exact'`: every training
   * row is compared (O(q · n · d)). `'graph'`: umap-learn's approximate search (pynndescent's
   * query), a best-first walk over the model's fuzzy graph from seeded entry rows, about
   * 300 distance evaluations per row on MNIST, recall ≈ 0.99 of the exact neighbours.
   * `'auto'`: `'graph'` from 1 000 training rows and a million training values (rows ×
   * columns) when the graph is not too sparse or fragmented to walk (see the UMAP guide),
   * `'exact'` otherwise.
   * @defaultValue 'auto'
   */
  search?: UmapTransformSearch;
  /**
   * Receives `{ stage, completed, total }` reports (`'knn'`, then `'optimize'`).
   * @defaultValue undefined
   */
  onProgress?: (progress: Progress) => void;
  /**
   * Checked at every checkpoint; once aborted, the call throws `E_ABORTED`.
   * @defaultValue undefined
   */
  signal?: AbortSignal;
}

const KEYS: OptionKeys<UmapTransformOptions> = { nEpochs: true, seed: true, metric: true, search: true, onProgress: true, signal: true };

function* transformWork(model: UmapModel, data: Matrix, Q: Matrix, metric: Metric, nEpochs: number, seed: number, search: UmapTransformSearch): Work<Matrix64> {
  const q = Q.rows;
  const nTrain = data.rows;
  const dims = model.embedding.cols;
  const Y = new Float64Array(q * dims);
  if (q === 0) return { rows: 0, cols: dims, data: Y };
  const k = Math.min(model.nNeighbors, nTrain);
  const nn = yield* transformNeighborsWork(model, data, Q, k, metric, seed, search);
  // umap-learn: local connectivity reduced by 1 for new points, sums from the second neighbour.
  const { sigmas, rhos } = smoothKnnDistances(nn.distances, q, k, k, Math.max(0, model.localConnectivity - 1), false);
  const G = membershipGraph(nn.indices, nn.distances, q, nTrain, k, sigmas, rhos);
  // umap-learn's init_graph_transform: at a training point the new point coincides with
  // (membership exactly 1), else the membership-weighted mean of its neighbours' positions.
  const E = model.embedding.data;
  for (let i = 0; i < q; i++) {
    const start = G.offsets[i]!;
    const end = G.offsets[i + 1]!;
    let exact = -1;
    for (let p = start; p < end && exact < 0; p++) if (G.values[p] === 1) exact = G.indices[p]!;
    if (exact >= 0) {
      for (let t = 0; t < dims; t++) Y[i * dims + t] = E[exact * dims + t]!;
      continue;
    }
    let total = 0;
    for (let p = start; p < end; p++) total += G.values[p]!;
    if (!(total > 0)) {
      // Every membership underflowed (umap-learn would give NaN): the nearest neighbour's place.
      const j = nn.indices[i * k]!;
      for (let t = 0; t < dims; t++) Y[i * dims + t] = E[j * dims + t]!;
      continue;
    }
    for (let p = start; p < end; p++) {
      const w = G.values[p]! / total;
      const j = G.indices[p]!;
      for (let t = 0; t < dims; t++) Y[i * dims + t]! += w * E[j * dims + t]!;
    }
  }
  const schedule = edgeSchedule(G, nEpochs, nEpochs);
  const rng = rngState(seed);
  const perNegative = new Float64Array(schedule.epochsPerSample.length);
  for (let e = 0; e < perNegative.length; e++) perNegative[e] = schedule.epochsPerSample[e]! / model.negativeSampleRate;
  const arrays: SgdArrays = {
    head: Y,
    tail: E, // read only: moveOther is false
    from: schedule.from,
    to: schedule.to,
    epochsPerSample: schedule.epochsPerSample,
    epochOfNextSample: schedule.epochsPerSample.slice(),
    epochOfNextNegativeSample: perNegative,
    rng: tauState(nextUint32(rng), nextUint32(rng), nextUint32(rng)),
  };
  const params: SgdParams = { a: model.a, b: model.b, gamma: model.repulsionStrength, negativeSampleRate: model.negativeSampleRate, nVertices: nTrain, dims, moveOther: false };
  const alpha0 = model.learningRate / 4;
  const t = powTable(model.a, model.b);
  const edges = schedule.from.length;
  for (let epoch = 0; epoch < nEpochs; epoch++) {
    const alpha = epochAlpha(alpha0, epoch, nEpochs);
    for (let e0 = 0; e0 < edges; e0 += EDGE_CHUNK) {
      optimizeEdges(arrays, params, epoch, alpha, e0, Math.min(edges, e0 + EDGE_CHUNK), t);
      if (e0 + EDGE_CHUNK < edges) yield undefined;
    }
    yield { stage: 'optimize', completed: epoch + 1, total: nEpochs };
  }
  return { rows: q, cols: dims, data: Y };
}

/**
 * Embeds new rows into a fitted {@link UmapModel}, as umap-learn's `transform`: each new row's
 * `nNeighbors` nearest training rows (in the model's metric), their membership strengths
 * (σ, ρ by the smooth-kNN search with local connectivity reduced by one), an initial position
 * at the membership-weighted mean of those neighbours' embedded positions (exactly at a
 * training point the row coincides with), then `nEpochs` epochs of the same SGD with the
 * training embedding held fixed (learning rate `learningRate / 4`, negative samples drawn
 * from the training points).
 *
 * Transformed training rows land near, not exactly at, their fitted positions: their
 * neighbourhoods include themselves (membership 1, so they start there) and the optimisation
 * then moves them slightly.
 *
 * Neighbours: exact (every training row compared, O(q · n · d)) for small models, else found
 * as umap-learn finds them, approximately, by a best-first walk over the model's fuzzy graph
 * (`search` option; O(q · (a few hundred) · d), recall ≈ 0.99 on MNIST; O(n + nnz) set-up and
 * O(n) memory per call, plus O(n · d · log n) for a random-projection tree when the graph has
 * several components). Then O(nEpochs · q · nNeighbors · (1 + negativeSampleRate)) for the
 * epochs; memory O(q · nNeighbors). The model is not modified.
 *
 * @param model - from {@link umap} / {@link umapResult}, fitted with `keepData: true`
 * @param X - q × d new rows (same d as the training data), finite
 * @param options - {@link UmapTransformOptions}
 * @returns the q × dims embedding of the new rows
 * @throws LatentError `E_MODEL` (not a UMAP model, corrupt, or fitted with `keepData: false`), `E_SHAPE` (column count), `E_NOT_FINITE`, `E_TYPE`, `E_OPTION` (a custom-metric model without `metric`, or `metric` for a model with a built-in one), `E_RANGE`, `E_ABORTED`
 * @example
 * ```ts
 * const model = umap(train);
 * const Y = umapTransform(model, test); // test.length × 2
 * const exact = umapTransform(model, test, { search: 'exact' }); // exact neighbours, slower
 * ```
 * @see umap-learn `umap.UMAP.transform`; pynndescent `NNDescent.query`
 */
export function umapTransform(model: UmapModel, X: MatrixLike, options?: UmapTransformOptions): Matrix64 {
  const fn = 'umapTransform';
  const o = readOptions(fn, options, KEYS);
  const m = assertUmapModel(fn, model);
  if (m.data === null) throw new LatentError('E_MODEL', `${fn}: model must keep its training data (fit with keepData: true), got data: null`);
  const data = m.data;
  // The neighbour search would refuse non-finite training rows under its own name: check here (O(n·d), below the search's O(q·n·d)).
  for (let t = 0; t < data.data.length; t++) {
    const v = data.data[t]!;
    if (v - v !== 0) throw new LatentError('E_MODEL', `${fn}: model data must be finite, got ${describe(v)} at index ${t}`);
  }
  const Q = asMatrix(X, fn, 'X');
  if (Q.rows > 0 && Q.cols !== data.cols) throw new LatentError('E_SHAPE', `${fn}: X must have the training data's ${data.cols} columns, got ${Q.cols}`);
  let metric: Metric;
  if (m.metric === 'custom') {
    if (typeof o.metric !== 'function') throw new LatentError('E_OPTION', `${fn}: metric must be the distance function the model was fitted with (model.metric is 'custom'), got ${describe(o.metric)}`);
    metric = o.metric;
  } else {
    if (o.metric !== undefined && o.metric !== m.metric) throw new LatentError('E_OPTION', `${fn}: metric must be the model's '${m.metric}' (or omitted), got ${describe(o.metric)}`);
    metric = checkMetric(fn, m.metric);
  }
  const rawEpochs = o.nEpochs ?? 'auto';
  const nEpochs = rawEpochs === 'auto' ? (m.nEpochsAuto ? (Q.rows <= 10000 ? 100 : 30) : Math.floor(m.nEpochs / 3)) : integerIn(fn, 'nEpochs', rawEpochs, { min: 0, max: 1e7 });
  const seed = seedOption(fn, o.seed, m.seed);
  const onProgress = functionOption(fn, 'onProgress', o.onProgress);
  const search = enumOption(fn, 'search', o.search, ['auto', 'exact', 'graph'] as const, 'auto');
  const signal = signalOption(fn, o.signal);
  return runSync(transformWork(m, data, Q, metric, nEpochs, seed, search), { fn, signal, onProgress });
}
