/**
 * Everything of a UMAP fit before the epochs, as one generator: neighbours, fuzzy graph,
 * curve, edge schedule, initial layout.
 */
import type { FloatArray, Matrix } from '../../core/matrix.js';
import { assertMemory } from '../../core/memory.js';
import { nextUint32, rngState } from '../../core/random.js';
import type { CsrMatrix } from '../../core/sparse.js';
import { relabel, type Work } from '../../core/task.js';
import { findAbParams } from './ab-params.js';
import { defaultEpochs, edgeSchedule } from './epochs.js';
import { fuzzyUnion, membershipGraph } from './fuzzy-graph.js';
import { knnGraphWork } from '../../neighbors/knn-graph.js';
import type { KnnGraph } from './graph-knn.js';
import { initialEmbeddingWork } from './init.js';
import type { ResolvedUmapOptions } from './options.js';
import { tauState } from './sgd.js';
import { smoothKnnDistances } from './smooth-knn.js';
import type { UmapState } from './state-type.js';
import { categoricalIntersection, farDistance } from './supervised.js';

/** The first `width` columns of a precomputed n × k table, distances widened to float64. */
function takeColumns(indices: Int32Array, distances: FloatArray, n: number, k: number, width: number): KnnGraph {
  const I = new Int32Array(n * width);
  const D = new Float64Array(n * width);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < width; t++) {
      I[i * width + t] = indices[i * k + t]!;
      D[i * width + t] = distances[i * k + t]!;
    }
  }
  return { indices: I, distances: D, rows: n, k: width };
}

/** A copy of the data in its own storage type. */
function copyMatrix(X: Matrix): Matrix {
  return { rows: X.rows, cols: X.cols, data: X.data.slice() };
}

/**
 * Prepares a UMAP fit (everything before the first epoch) as a generator with checkpoints:
 *
 * 1. a, b fitted from `minDist`/`spread` (unless given);
 * 2. the `nNeighbors − 1` nearest other points of each row (the `knn` option, or the neighbour
 *    seam `graph-knn.ts`), with `'knn'` progress;
 * 3. σ, ρ by smooth kNN distances, membership strengths, their fuzzy union (`setOpMixRatio`),
 *    and the categorical intersection with `target` when given (`'graph'` progress);
 * 4. the edge schedule (weak edges dropped, epochs per sample);
 * 5. the initial layout on the thresholded graph (`'init'` progress);
 * 6. the negative-sampling generator seeded from `seed`.
 *
 * Memory is checked against `memoryLimit` before the large allocations.
 *
 * @param o - resolved options
 * @returns the state at epoch 0 (via the generator's return value)
 * @throws LatentError `E_MEMORY`, and what the neighbour search throws for a misbehaving custom metric
 * @example
 * ```ts
 * const state = runSync(prepareWork(resolveUmapOptions('umap', X, {})), { fn: 'umap' });
 * ```
 * @see umap-learn `UMAP.fit`
 */
export function* prepareWork(o: ResolvedUmapOptions): Work<UmapState> {
  const { fn, X, n, dims } = o;
  const width = Math.max(0, Math.min(o.nNeighbors - 1, n - 1));
  // Planned memory: neighbour tables (twice during the search), graph build (~3 copies of up
  // to 2·n·width edges at 12 bytes), edge schedule (32 bytes per edge), the model's copy of X,
  // and the embedding. knnGraph reads X in place (NN-descent) or through the exact search.
  const edges = 2 * n * width;
  const planned = 2 * n * (width + 1) * 12 + edges * (36 + 32) + (o.keepData ? X.data.byteLength : 0) + n * dims * 8;
  assertMemory(fn, `UMAP's neighbour graph and optimiser state for ${n} rows`, planned, o.memoryLimit);
  const curve = o.curve ?? findAbParams(o.spread, o.minDist);
  yield undefined;
  const data = o.keepData ? copyMatrix(X) : null;
  const metricName = typeof o.metric === 'function' ? 'custom' : o.metric;
  const rng = rngState(o.seed);
  const tau = tauState(nextUint32(rng), nextUint32(rng), nextUint32(rng));
  if (n === 1) {
    // umap-learn: a single point embeds at the origin.
    const empty: CsrMatrix = { rows: 1, cols: 1, offsets: new Int32Array(2), indices: new Int32Array(0), values: new Float64Array(0) };
    return stateOf(o, curve, new Float64Array(dims), empty, new Int32Array(0), new Int32Array(0), new Float64Array(0), tau, data, metricName);
  }
  let knn: KnnGraph;
  if (o.knn !== null) knn = takeColumns(o.knn.indices, o.knn.distances, n, o.knn.k, width);
  else knn = yield* relabel(knnGraphWork(fn, X, width, { metric: o.metric, seed: o.seed }), 'knn');
  yield { stage: 'graph', completed: 0, total: 1 };
  const { sigmas, rhos } = smoothKnnDistances(knn.distances, n, width, o.nNeighbors, o.localConnectivity, true);
  yield undefined;
  let graph = fuzzyUnion(membershipGraph(knn.indices, knn.distances, n, n, width, sigmas, rhos), o.setOpMixRatio);
  if (o.target !== null) graph = categoricalIntersection(graph, o.target, farDistance(o.targetWeight));
  yield { stage: 'graph', completed: 1, total: 1 };
  const schedule = edgeSchedule(graph, o.nEpochs, defaultEpochs(n));
  const embedding = yield* initialEmbeddingWork({ X, graph: schedule.graph, dims, init: o.init, metric: o.metric, seed: o.seed }, rng);
  return stateOf(o, curve, embedding, graph, schedule.from, schedule.to, schedule.epochsPerSample, tau, data, metricName);
}

function stateOf(
  o: ResolvedUmapOptions,
  curve: { a: number; b: number },
  embedding: Float64Array,
  graph: CsrMatrix,
  from: Int32Array,
  to: Int32Array,
  epochsPerSample: Float64Array,
  rng: Uint32Array,
  data: Matrix | null,
  metric: UmapState['metric'],
): UmapState {
  const perNegative = new Float64Array(epochsPerSample.length);
  for (let i = 0; i < perNegative.length; i++) perNegative[i] = epochsPerSample[i]! / o.negativeSampleRate;
  return {
    kind: 'umap-state',
    version: 1,
    n: o.n,
    dims: o.dims,
    epoch: 0,
    nEpochs: o.nEpochs,
    embedding,
    from,
    to,
    epochsPerSample,
    epochOfNextSample: epochsPerSample.slice(),
    epochOfNextNegativeSample: perNegative,
    rng,
    a: curve.a,
    b: curve.b,
    learningRate: o.learningRate,
    negativeSampleRate: o.negativeSampleRate,
    repulsionStrength: o.repulsionStrength,
    nNeighbors: o.nNeighbors,
    minDist: o.minDist,
    spread: o.spread,
    metric,
    nEpochsAuto: o.nEpochsAuto,
    localConnectivity: o.localConnectivity,
    seed: o.seed,
    graph,
    data,
  };
}
