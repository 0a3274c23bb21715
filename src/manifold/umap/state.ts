/**
 * Step-by-step UMAP: a plain-data optimiser state a browser can advance epoch by epoch (or in a
 * Web Worker, posting positions back), and the functions that drive it.
 */
import { LatentError, describe } from '../../core/errors.js';
import { isFloatArray, type Matrix64, type MatrixLike } from '../../core/matrix.js';
import { checkCsr, type CsrMatrix } from '../../core/sparse.js';
import { runSync, type Work } from '../../core/task.js';
import { assertModel } from '../../core/validate.js';
import { integerIn } from '../../core/options.js';
import type { UmapModel } from './model.js';
import { resolveUmapOptions, type UmapOptions } from './options.js';
import { powTable, type PowTable } from './pow.js';
import { optimizeEdges, type SgdArrays, type SgdParams } from './sgd.js';
import { prepareWork } from './prepare.js';
import type { UmapState } from './state-type.js';

export type { UmapState } from './state-type.js';


/**
 * The learning rate of epoch `e` (0-based), umap-learn's schedule: α for epoch 0, then
 * α·(1 − (e − 1)/nEpochs) (the rate is updated after each epoch).
 *
 * @param alpha - initial rate
 * @param epoch - epoch index
 * @param nEpochs - epochs planned
 * @returns the rate
 * @example
 * ```ts
 * epochAlpha(1, 250, 500); // 0.502
 * ```
 */
export function epochAlpha(alpha: number, epoch: number, nEpochs: number): number {
  return epoch === 0 ? alpha : alpha * (1 - (epoch - 1) / nEpochs);
}

/**
 * The SGD views of a state (no copy).
 *
 * @param s - the state
 * @returns arrays and scalars for `optimizeEdges`
 * @example
 * ```ts
 * const { arrays, params } = sgdOf(state);
 * ```
 */
export function sgdOf(s: UmapState): { arrays: SgdArrays; params: SgdParams } {
  return {
    arrays: {
      head: s.embedding,
      tail: s.embedding,
      from: s.from,
      to: s.to,
      epochsPerSample: s.epochsPerSample,
      epochOfNextSample: s.epochOfNextSample,
      epochOfNextNegativeSample: s.epochOfNextNegativeSample,
      rng: s.rng,
    },
    params: { a: s.a, b: s.b, gamma: s.repulsionStrength, negativeSampleRate: s.negativeSampleRate, nVertices: s.n, dims: s.dims, moveOther: true },
  };
}

/**
 * Largest |coordinate| a state or model may hold: squared distances then stay far from
 * overflow. UMAP layouts live within a few tens of the origin.
 */
export const MAX_COORDINATE = 1e100;

/** Edges per optimisation chunk between checkpoints of the generator (≈ 1–5 ms). */
export const EDGE_CHUNK: number = 1 << 17;

/**
 * Runs the remaining epochs of a state as a generator: a checkpoint every {@link EDGE_CHUNK}
 * edges and an `'optimize'` progress report after every epoch. Bit-identical to
 * {@link umapStep} over the same epochs.
 *
 * @param fn - public function name, for a diverging optimisation (`E_CONVERGENCE`)
 * @param s - a checked state (updated)
 * @returns nothing (the state holds the result)
 * @example
 * ```ts
 * runSync(optimizeWork('umap', state), { fn: 'umap' });
 * ```
 */
export function* optimizeWork(fn: string, s: UmapState): Work<void> {
  const t = powTable(s.a, s.b);
  const { arrays, params } = sgdOf(s);
  const edges = s.from.length;
  while (s.epoch < s.nEpochs) {
    const alpha = epochAlpha(s.learningRate, s.epoch, s.nEpochs);
    for (let e0 = 0; e0 < edges; e0 += EDGE_CHUNK) {
      optimizeEdges(arrays, params, s.epoch, alpha, e0, Math.min(edges, e0 + EDGE_CHUNK), t);
      if (e0 + EDGE_CHUNK < edges) yield undefined;
    }
    s.epoch++;
    yield { stage: 'optimize', completed: s.epoch, total: s.nEpochs };
  }
  assertLayoutFinite(fn, s);
}

/**
 * Throws `E_CONVERGENCE` when the optimisation has blown the layout up (a learning rate so large
 * that a step overflows): O(n·dims), a fraction of one epoch, so the fit reports the divergence
 * under its own name instead of handing out a non-finite layout.
 */
function assertLayoutFinite(fn: string, s: UmapState): void {
  const Y = s.embedding;
  for (let t = 0; t < Y.length; t++) {
    const v = Y[t]!;
    if (!(Math.abs(v) <= MAX_COORDINATE)) {
      throw new LatentError(
        'E_CONVERGENCE',
        `${fn}: the optimisation diverged by epoch ${s.epoch} (embedding value ${describe(v)} at row ${Math.floor(t / s.dims)}, beyond ±${MAX_COORDINATE}); lower learningRate`,
      );
    }
  }
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/**
 * Checks a state's structure (O(edges + n)): tag, sizes, index ranges, parameter ranges, so a
 * tampered or foreign state is `E_MODEL`, never an out-of-bounds read or a hang.
 *
 * Rule for the values a state carries: each is checked by the functions that read it. The
 * optimiser's arrays and scalars are checked here, on every call. `data` (the training rows kept
 * for the model) is checked here for its shape only: `umapStep` and `umapEmbedding` never read
 * its values, and pass them through unchanged; `umapResult` (which hands them to a model) and
 * `umapTransform` check them. A per-step pass over `data` would cost 10 % of an epoch at d = 64,
 * 45 % at d = 384 and 2.3× an epoch at d = 1536 (n = 2000, bench/umap-step-data-check.ts), for
 * values the step does not use.
 *
 * @param fn - public function name
 * @param state - the received value
 * @returns the state, typed
 * @throws LatentError `E_MODEL`
 * @example
 * ```ts
 * assertUmapState('umapStep', state);
 * ```
 */
export function assertUmapState(fn: string, state: unknown): UmapState {
  assertModel(fn, state, 'umap-state');
  const s = state as Partial<UmapState>;
  const corrupt = (what: string, got: unknown): LatentError => new LatentError('E_MODEL', `${fn}: state ${what}, got ${describe(got)} (state must come from umapStart)`);
  const { n, dims, epoch, nEpochs } = s;
  if (!isCount(n) || n < 1) throw corrupt('n must be an integer ≥ 1', n);
  if (!isCount(dims) || dims < 1) throw corrupt('dims must be an integer ≥ 1', dims);
  if (!isCount(nEpochs) || nEpochs > 1e7) throw corrupt('nEpochs must be an integer in [0, 1e7]', nEpochs);
  if (!isCount(epoch) || epoch > nEpochs) throw corrupt(`epoch must be an integer in [0, ${nEpochs}]`, epoch);
  if (!(s.embedding instanceof Float64Array) || s.embedding.length !== n * dims) throw corrupt(`embedding must be a Float64Array of length ${n * dims}`, s.embedding);
  for (let t = 0; t < s.embedding.length; t++) {
    const v = s.embedding[t]!;
    if (!(Math.abs(v) <= MAX_COORDINATE)) throw corrupt(`embedding values must be finite and within ±${MAX_COORDINATE}`, v);
  }
  const { from, to } = s;
  if (!(from instanceof Int32Array) || !(to instanceof Int32Array) || to.length !== from.length) throw corrupt('from and to must be Int32Arrays of equal length', from);
  const m = from.length;
  for (const key of ['epochsPerSample', 'epochOfNextSample', 'epochOfNextNegativeSample'] as const) {
    const v = s[key];
    if (!(v instanceof Float64Array) || v.length !== m) throw corrupt(`${key} must be a Float64Array of length ${m}`, v);
  }
  if (!(s.rng instanceof Uint32Array) || s.rng.length !== 3) throw corrupt('rng must be a Uint32Array of length 3', s.rng);
  for (let i = 0; i < m; i++) {
    const a = from[i]!;
    const b = to[i]!;
    if (a < 0 || a >= n || b < 0 || b >= n) throw corrupt(`edge ${i} must join rows in [0, ${n})`, `${a} → ${b}`);
  }
  for (const key of ['a', 'b', 'learningRate'] as const) {
    const v = s[key];
    if (typeof v !== 'number' || !(v > 0) || v === Infinity) throw corrupt(`${key} must be a finite number > 0`, v);
  }
  for (const key of ['negativeSampleRate', 'repulsionStrength'] as const) {
    const v = s[key];
    if (typeof v !== 'number' || !(v >= 0) || v === Infinity) throw corrupt(`${key} must be a finite number ≥ 0`, v);
  }
  // The option's bound: each edge sample draws up to this many negatives, so a larger value is a hang.
  if (s.negativeSampleRate! > 1e6) throw corrupt('negativeSampleRate must be at most 1e6', s.negativeSampleRate);
  // Scalars the model copies (umapResult): finite, in the options' ranges.
  if (!isCount(s.nNeighbors) || s.nNeighbors < 1) throw corrupt('nNeighbors must be an integer ≥ 1', s.nNeighbors);
  if (!Number.isSafeInteger(s.seed) || s.seed! < 0) throw corrupt('seed must be a safe integer ≥ 0', s.seed);
  if (typeof s.spread !== 'number' || !(s.spread > 0) || s.spread === Infinity) throw corrupt('spread must be a finite number > 0', s.spread);
  if (typeof s.minDist !== 'number' || !(s.minDist >= 0 && s.minDist <= s.spread)) throw corrupt(`minDist must be a number in [0, spread = ${s.spread}]`, s.minDist);
  if (typeof s.localConnectivity !== 'number' || !(s.localConnectivity >= 0) || s.localConnectivity === Infinity) throw corrupt('localConnectivity must be a finite number ≥ 0', s.localConnectivity);
  checkGraph(fn, s.graph, n, corrupt);
  const D = s.data;
  if (D !== null && (typeof D !== 'object' || D === undefined || !isFloatArray(D.data) || D.rows !== n || !Number.isSafeInteger(D.cols) || D.cols < 1 || D.data.length !== n * D.cols)) {
    throw corrupt(`data must be null or an ${n} × d Matrix`, D);
  }
  return s as UmapState;
}

/**
 * The fuzzy graph a state carries for its model: a CSR matrix of n × n memberships in [0, 1]
 * (one O(nnz) pass, as the edge checks above), so a tampered weight is `E_MODEL` here rather
 * than a NaN in the result.
 */
function checkGraph(fn: string, graph: unknown, n: number, corrupt: (what: string, got: unknown) => LatentError): void {
  let G: CsrMatrix;
  try {
    G = checkCsr(fn, 'state graph', graph);
  } catch (e) {
    if (e instanceof LatentError) throw corrupt(`graph must be a valid CsrMatrix (${e.message})`, graph);
    throw e;
  }
  if (G.rows !== n || G.cols !== n) throw corrupt(`graph must be ${n} × ${n}`, `${G.rows} × ${G.cols}`);
  const w = G.values;
  // Fuzzy-set unions of memberships in [0, 1] stay in [0, 1] up to rounding.
  for (let p = 0; p < w.length; p++) if (!(w[p]! >= 0 && w[p]! <= GRAPH_WEIGHT_MAX)) throw corrupt('graph weights must be memberships in [0, 1]', w[p]);
}

/** Largest accepted fuzzy-graph weight: 1 plus rounding slack of the fuzzy union a + b − ab. */
const GRAPH_WEIGHT_MAX = 1 + 1e-9;

/**
 * Prepares a UMAP run without optimising: neighbour search, fuzzy graph, curve fit, edge
 * schedule, initial layout and all working memory. Advance it with {@link umapStep}; read
 * positions with {@link umapEmbedding}; package it with {@link umapResult}.
 *
 * The preparation is the whole of {@link umap} except the epochs (the neighbour search
 * dominates: O(n² · d) for the exact search). `signal` and `onProgress` work as in
 * {@link umap} during it.
 *
 * @param X - n × d data (Float32 or Float64), finite
 * @param options - {@link UmapOptions}
 * @returns the state, at epoch 0
 * @throws LatentError as {@link umap}
 * @example
 * ```ts
 * const state = umapStart(X, { seed: 7 });
 * function frame() {
 *   umapStep(state, 5);
 *   draw(umapEmbedding(state));
 *   if (state.epoch < state.nEpochs) requestAnimationFrame(frame);
 * }
 * frame();
 * ```
 * @see umap-js `UMAP.initializeFit` / `step` (the stepwise API this mirrors)
 */
export function umapStart(X: MatrixLike, options?: UmapOptions): UmapState {
  const o = resolveUmapOptions('umapStart', X, options);
  return runSync(prepareWork(o), { fn: 'umapStart', signal: o.signal, onProgress: o.onProgress });
}

/**
 * Runs up to `epochs` optimisation epochs on `state`, in place (no allocation beyond a few
 * small tables per call). The positions depend only on the total number of epochs run, not on
 * how they are batched: `umapStep(s, 500)` and 500 × `umapStep(s, 1)` give the same bits, and
 * the same bits as {@link umap} with the same options.
 *
 * O(epochs · (edges + samples · (1 + negativeSampleRate) · dims)).
 *
 * @param state - from {@link umapStart} (or a structured clone of one)
 * @param epochs - epochs to run (integer ≥ 0); stops at `nEpochs`
 * @returns `state`
 * @throws LatentError `E_MODEL` for a foreign or corrupt state (including non-finite or out-of-range graph weights; the values of `state.data`, which a step does not read, are checked by {@link umapResult} and `umapTransform`, as a per-step check would cost 10 %–2.3× an epoch), `E_RANGE` / `E_TYPE` for bad `epochs`, `E_CONVERGENCE` when the layout diverges (a learning rate so large that a step overflows)
 * @example
 * ```ts
 * const s = umapStart(X);
 * umapStep(s, 100);
 * s.epoch; // 100
 * ```
 */
export function umapStep(state: UmapState, epochs = 1): UmapState {
  const s = assertUmapState('umapStep', state);
  integerIn('umapStep', 'epochs', epochs, { min: 0 });
  const t: PowTable = powTable(s.a, s.b);
  const { arrays, params } = sgdOf(s);
  const edges = s.from.length;
  for (let e = 0; e < epochs && s.epoch < s.nEpochs; e++) {
    optimizeEdges(arrays, params, s.epoch, epochAlpha(s.learningRate, s.epoch, s.nEpochs), 0, edges, t);
    s.epoch++;
  }
  if (epochs > 0) assertLayoutFinite('umapStep', s);
  return s;
}

/**
 * The current positions as an n × dims Matrix (a copy, or written into `out`).
 *
 * @param state - a UMAP state
 * @param out - optional Float64Array of length n·dims to write into (no allocation per frame)
 * @returns the embedding
 * @throws LatentError `E_MODEL` for a bad state, `E_SHAPE` when `out` has the wrong length
 * @example
 * ```ts
 * const buf = new Float64Array(state.n * state.dims);
 * umapEmbedding(state, buf).data === buf; // true
 * ```
 */
export function umapEmbedding(state: UmapState, out?: Float64Array): Matrix64 {
  const s = assertUmapState('umapEmbedding', state);
  const m = s.n * s.dims;
  if (out !== undefined && (!(out instanceof Float64Array) || out.length !== m)) {
    throw new LatentError('E_SHAPE', `umapEmbedding: out must be a Float64Array of length ${m}, got ${describe(out)}`);
  }
  const data = out ?? new Float64Array(m);
  data.set(s.embedding);
  return { rows: s.n, cols: s.dims, data };
}

/**
 * Packages a state as a {@link UmapModel}: a copy of the current embedding, the parameters, the
 * fuzzy graph and the training data (shared with the state, not copied). Works at any epoch.
 *
 * @param state - a UMAP state
 * @returns the model
 * @throws LatentError `E_MODEL` for a bad state
 * @example
 * ```ts
 * const model = umapResult(umapStep(umapStart(X), 500));
 * model.embedding.rows; // n
 * ```
 */
export function umapResult(state: UmapState): UmapModel {
  return umapResultAs('umapResult', state);
}

/**
 * {@link umapResult} under the name of the public function that called it (`umap`, `umapAsync`).
 *
 * @internal
 * @param fn - public function name for messages
 * @param state - a UMAP state
 * @returns the model
 * @throws LatentError `E_MODEL` for a bad state, naming `fn`
 * @example
 * ```ts
 * umapResultAs('umap', state).kind; // 'umap'
 * ```
 */
export function umapResultAs(fn: string, state: UmapState): UmapModel {
  const s = assertUmapState(fn, state);
  // The model keeps the training data for umapTransform: checked once here, not on every step.
  if (s.data !== null) {
    const v = s.data.data;
    for (let t = 0; t < v.length; t++) {
      if (v[t]! - v[t]! !== 0) throw new LatentError('E_MODEL', `${fn}: state data values must be finite, got ${describe(v[t])} at index ${t} (state must come from umapStart)`);
    }
  }
  return {
    kind: 'umap',
    version: 1,
    embedding: { rows: s.n, cols: s.dims, data: s.embedding.slice() },
    a: s.a,
    b: s.b,
    nNeighbors: s.nNeighbors,
    minDist: s.minDist,
    spread: s.spread,
    metric: s.metric,
    nEpochs: s.nEpochs,
    nEpochsAuto: s.nEpochsAuto,
    epochs: s.epoch,
    learningRate: s.learningRate,
    negativeSampleRate: s.negativeSampleRate,
    repulsionStrength: s.repulsionStrength,
    localConnectivity: s.localConnectivity,
    seed: s.seed,
    graph: s.graph,
    data: s.data,
  };
}
