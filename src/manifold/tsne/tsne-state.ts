/**
 * Step-by-step t-SNE: a plain-data optimiser state that a browser can advance frame by frame
 * (or inside a Web Worker, posting positions back), and the functions that drive it.
 */
import { LatentError, describe } from '../../core/errors.js';
import type { Matrix, Matrix64, MatrixLike } from '../../core/matrix.js';
import type { MetricName } from '../../distance/metric.js';
import { randomNormal, rng } from '../../core/random.js';
import { SQUARE_SAFE_MAX, assertInteger, assertModel } from '../../core/validate.js';
import { assertMemory } from '../../core/memory.js';
import { checkAborted, runSync, type Work } from '../../core/task.js';
import { squareFromPoints } from '../../distance/square.js';
import { jointProbabilitiesExactWork, jointProbabilitiesNNWork, upperTriangle, type SparseAffinities } from './affinities.js';
import { bhTree, buildBHTree, checkBHTree, repulsion2D, repulsion3D, type BHTree } from './bhtree.js';
import { bhGradient, exactGradient, exactZ, klDense, klSparse } from './gradient.js';
import { resolveTsneOptions, type ResolvedTsneOptions, type TsneOptions } from './tsne-options.js';
import { knnGraphWork } from '../../neighbors/knn-graph.js';
import { pca } from '../../decomposition/pca.js';
import { pcaTransform } from '../../decomposition/pca-transform.js';

/** Iterations between KL evaluations / progress checks (scikit-learn's `_N_ITER_CHECK`). */
export const TSNE_CHECK_EVERY = 50;
/** Gradient norm below which a phase ends (scikit-learn's `min_grad_norm`). */
const MIN_GRAD_NORM = 1e-7;
/** Iterations without KL improvement after which the run ends (scikit-learn's default). */
const MAX_ITER_WITHOUT_PROGRESS = 300;
/** Largest n for which the reported final KL is computed exactly with Barnes–Hut's sparse P. */
const EXACT_KL_MAX_N = 10000;

/** Result of {@link tsne} / {@link tsneResult}. */
export interface TsneResult {
  /** Model tag. */
  kind: 'tsne';
  /** Layout version. */
  version: 1;
  /** The n × dims embedding. */
  embedding: Matrix64;
  /** KL(P‖Q) of the final embedding (nats); see `klMethod`. */
  kl: number;
  /**
   * How `kl` was computed: `'exact'` (exact Q normaliser; always for `theta: 0`, and for
   * Barnes–Hut when n ≤ 10 000) or `'barnes-hut'` (the tree estimate of the normaliser).
   */
  klMethod: 'exact' | 'barnes-hut';
  /** Gradient-descent iterations run. */
  iterations: number;
  /**
   * The training rows, kept for `tsneTransform` (which finds new points' neighbours among
   * them). Set by `tsne` / `tsneAsync`: the matrix that was passed when X was a {@link Matrix}
   * (a reference, not a copy — no extra memory, but do not modify it while the model is in use),
   * else the Float64 matrix built from X. `serialize` and `structuredClone` include it. Absent
   * from {@link tsneResult} (a stepwise run's state does not hold the data): pass `{ data }` to
   * `tsneTransform` then.
   */
  data?: Matrix;
  /**
   * Input-space metric of the fit (set by `tsne` / `tsneAsync`); `'custom'` stands for a metric
   * function, which is not stored (so the model stays serialisable) and must be passed to
   * `tsneTransform` again.
   */
  metric?: MetricName | 'custom';
  /** Perplexity of the fit (set by `tsne` / `tsneAsync`). */
  perplexity?: number;
}

/**
 * The optimiser's complete state: typed arrays and numbers only, so it survives
 * `structuredClone` / `postMessage`. {@link tsneStep} updates it in place. Fields other than
 * `embedding`, `iteration`, `phase` and `kl` are working memory: read them, don't write them.
 */
export interface TsneState {
  /** Tag. */
  kind: 'tsne-state';
  /** Layout version. */
  version: 1;
  /** Number of points. */
  n: number;
  /** Embedding dimension. */
  dims: number;
  /** Iterations completed. */
  iteration: number;
  /** Iterations planned. */
  iterations: number;
  /** `'exaggeration'` (early exaggeration, momentum 0.5), `'final'` (momentum 0.8) or `'done'`. */
  phase: 'exaggeration' | 'final' | 'done';
  /** KL(P‖Q) from the last check (every 50 iterations); NaN before the first. */
  kl: number;
  /** Current positions, n × dims row-major (live: copy it with {@link tsneEmbedding}). */
  embedding: Float64Array;
  /** Early-exaggeration factor. */
  earlyExaggeration: number;
  /** Early-exaggeration iterations. */
  exaggerationIterations: number;
  /** Resolved learning rate. */
  learningRate: number;
  /** Barnes–Hut angle (0: exact). */
  theta: number;
  /** Sparse P (Barnes–Hut), strict upper triangle (each pair once): row starts, length n + 1 (empty for the exact method). */
  rowStart: Int32Array;
  /** Sparse P: column of each entry. */
  columns: Int32Array;
  /** Sparse P: value of each entry. */
  values: Float64Array;
  /** Dense n × n P (exact method; empty for Barnes–Hut). */
  dense: Float64Array;
  /** Momentum term of each coordinate. */
  update: Float64Array;
  /** Per-coordinate adaptive gains. */
  gains: Float64Array;
  /** Gradient scratch. */
  gradient: Float64Array;
  /** Repulsive-force scratch. */
  forces: Float64Array;
  /** Barnes–Hut tree, rebuilt in place each iteration (null for the exact method). */
  tree: BHTree | null;
  /** Best KL of the current phase (early stopping). */
  bestKl: number;
  /** Iteration of `bestKl`. */
  bestIteration: number;
}

function squaredDistanceMatrix(o: ResolvedTsneOptions): Float64Array {
  const { X, metric } = o;
  // scikit-learn squares every metric's distances; for euclidean, sqeuclidean is that exactly
  // (X is within ±2^500, checked with the options, so those squares are finite).
  const D = squareFromPoints(o.fn, X, metric === 'euclidean' ? 'sqeuclidean' : metric);
  if (metric !== 'euclidean') squareDistances(o.fn, D);
  return D;
}

/**
 * Squares distances in place, refusing (`E_RANGE`) one beyond 2^500 ≈ 3.3e150 — a finite value a
 * custom metric may return — whose square would overflow and turn the affinities into NaN.
 *
 * @internal
 * @param fn - the calling function, for the message
 * @param D - distances, squared in place
 * @example
 * ```ts
 * squareDistances('tsneTransform', Float64Array.of(3)); // → [9]
 * ```
 */
export function squareDistances(fn: string, D: Float64Array): void {
  for (let p = 0; p < D.length; p++) {
    const v = D[p]!;
    if (v > SQUARE_SAFE_MAX) {
      throw new LatentError('E_RANGE', `${fn}: metric distances must be at most 2^500 (about 3.3e150) so that their squares stay finite, got ${describe(v)}; rescale the metric or the data`);
    }
    D[p] = v * v;
  }
}

function initialEmbedding(o: ResolvedTsneOptions): Float64Array {
  const { X, n, dims, init } = o;
  if (typeof init === 'object') return Float64Array.from(init.data);
  if (init === 'pca' && X.cols >= dims) {
    const Y = pcaTransform(pca(X, { components: dims, seed: o.seed }), X).data;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += Y[i * dims]!;
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) {
      // t · t, not t ** 2: a product is exact IEEE arithmetic in every engine, pow is not.
      const t = Y[i * dims]! - mean;
      v += t * t;
    }
    const sd = Math.sqrt(v / n);
    if (sd > 0 && Number.isFinite(sd)) {
      const f = 1e-4 / sd;
      for (let t = 0; t < Y.length; t++) Y[t]! *= f;
      return Y;
    }
  }
  const random = rng(o.seed);
  const Y = new Float64Array(n * dims);
  for (let t = 0; t < Y.length; t++) Y[t] = 1e-4 * randomNormal(random);
  return Y;
}

/**
 * Prepares a t-SNE run without iterating: input affinities P (k-nearest-neighbour sparse for
 * Barnes–Hut, all pairs for `theta: 0`), the initial embedding and all working memory.
 * Advance it with {@link tsneStep}; read positions with {@link tsneEmbedding}.
 *
 * O(n² · d) for the neighbour search (brute force) plus O(n·k·log k) for P; memory O(n·k)
 * (O(n²) for the exact method). `onProgress` is not used here; `signal` is checked before and
 * after the neighbour search.
 *
 * @param X - n × d data (n ≥ 4)
 * @param options - {@link TsneOptions}
 * @returns the state, at iteration 0
 * @throws LatentError `E_SHAPE`, `E_NOT_FINITE`, `E_RANGE`, `E_OPTION`, `E_TYPE` for bad input; `E_MEMORY` when the exact method's n × n matrix cannot be allocated; `E_ABORTED`
 * @example
 * ```ts
 * const state = tsneStart(X, { perplexity: 20 });
 * function frame() {
 *   tsneStep(state, 5);
 *   draw(tsneEmbedding(state));
 *   if (state.phase !== 'done') requestAnimationFrame(frame);
 * }
 * frame();
 * ```
 * @see https://distill.pub/2016/misread-tsne/ (why an animation helps reading t-SNE)
 */
export function tsneStart(X: MatrixLike, options?: TsneOptions): TsneState {
  const o = resolveTsneOptions('tsneStart', X, options);
  return startResolved(o);
}

/**
 * {@link tsneStart} after option resolution (shared with {@link tsne}), run to completion.
 *
 * @param o - resolved options
 * @returns the state
 */
export function startResolved(o: ResolvedTsneOptions): TsneState {
  return runSync(startWork(o), { fn: o.fn, signal: o.signal });
}

/**
 * The set-up as resumable work: the neighbour search runs in blocks of queries and the
 * perplexity search in blocks of rows, each followed by a checkpoint, so `tsneAsync` returns to
 * the event loop and an `AbortSignal` stops the set-up within a few milliseconds.
 *
 * @param o - resolved options
 * @returns the work, whose result is the state
 */
export function* startWork(o: ResolvedTsneOptions): Work<TsneState> {
  const { n, dims, theta, fn } = o;
  const exact = theta === 0;
  let rowStart: Int32Array = new Int32Array(0);
  let columns: Int32Array = new Int32Array(0);
  let values: Float64Array = new Float64Array(0);
  let dense: Float64Array = new Float64Array(0);
  if (exact) {
    // The squared distances, overwritten in place by P: one n × n matrix, 8·n² bytes.
    assertMemory(fn, "the exact method's n × n affinity matrix (use theta > 0 for large n)", n * n * 8, o.memoryLimit);
    const D = squaredDistanceMatrix(o);
    yield undefined;
    dense = yield* jointProbabilitiesExactWork(n, D, o.perplexity);
  } else {
    const k = Math.min(n - 1, Math.floor(3 * o.perplexity + 1));
    // The shared graph builder: exact (in blocks of queries) up to its measured crossover — every
    // scikit-learn comparison — and NN-descent above it, as openTSNE does at scale.
    const nn = yield* knnGraphWork(fn, o.X, k, { metric: o.metric, seed: o.seed });
    const indices = nn.indices;
    const sq = nn.distances;
    squareDistances(fn, sq);
    const P = yield* jointProbabilitiesNNWork(n, k, indices, sq, o.perplexity);
    ({ rowStart, columns, values } = upperTriangle(P, n));
  }
  yield undefined;
  const m = n * dims;
  const gains = new Float64Array(m).fill(1);
  const state: TsneState = {
    kind: 'tsne-state',
    version: 1,
    n,
    dims,
    iteration: 0,
    iterations: o.iterations,
    phase: o.exaggerationIterations > 0 ? 'exaggeration' : 'final',
    kl: NaN,
    embedding: initialEmbedding(o),
    earlyExaggeration: o.earlyExaggeration,
    exaggerationIterations: o.exaggerationIterations,
    learningRate: o.learningRate,
    theta,
    rowStart,
    columns,
    values,
    dense,
    update: new Float64Array(m),
    gains,
    gradient: new Float64Array(m),
    forces: new Float64Array(m),
    tree: exact ? null : bhTree(n, dims),
    bestKl: Infinity,
    bestIteration: 0,
  };
  // The caller's signal rides along for tsneStep, as a non-enumerable property: structuredClone,
  // postMessage and serialize see plain data (a clone is simply not abortable).
  if (o.signal !== undefined) Object.defineProperty(state, 'signal', { value: o.signal, enumerable: false, writable: true, configurable: true });
  return state;
}

function enterFinalPhase(s: TsneState): void {
  // scikit-learn restarts its optimiser for the second phase: fresh momentum and gains.
  s.phase = 'final';
  s.update.fill(0);
  s.gains.fill(1);
  s.bestKl = Infinity;
  s.bestIteration = s.iteration;
}

function stepOnce(fn: string, s: TsneState): void {
  if (s.phase === 'exaggeration' && s.iteration >= s.exaggerationIterations) enterFinalPhase(s);
  if (s.iteration >= s.iterations) {
    s.phase = 'done';
    return;
  }
  const { n, dims } = s;
  const exploring = s.phase === 'exaggeration';
  const exaggeration = exploring ? s.earlyExaggeration : 1;
  const momentum = exploring ? 0.5 : 0.8;
  const it = s.iteration;
  const check = (it + 1) % TSNE_CHECK_EVERY === 0 || it === s.iterations - 1;
  const Y = s.embedding;
  const grad = s.gradient;
  const P: SparseAffinities = s; // the state carries rowStart, columns, values: no per-iteration object
  let Z: number;
  if (s.tree === null) Z = exactGradient(s.dense, Y, n, dims, exaggeration, s.forces, grad);
  else Z = bhGradient(P, Y, n, dims, s.theta, exaggeration, s.tree, s.forces, grad);
  let g2 = 0;
  for (let t = 0; t < grad.length; t++) g2 += grad[t]! * grad[t]!;
  // Z underflows to 0 only when the layout has blown up (distances beyond 1e154).
  if (!Number.isFinite(g2) || !(Z > 0) || !Number.isFinite(Z)) {
    throw new LatentError('E_CONVERGENCE', `${fn}: the optimisation diverged at iteration ${it + 1} (non-finite gradient or overflowing layout); lower learningRate`);
  }
  const gradNorm = Math.sqrt(g2);
  if (check) s.kl = s.tree === null ? klDense(s.dense, Y, n, dims, Z) : klSparse(P, Y, n, dims, Z);
  const update = s.update;
  const gains = s.gains;
  const lr = s.learningRate;
  const m = n * dims;
  let moved = 0;
  for (let t = 0; t < m; t++) {
    const g = grad[t]!;
    const u = update[t]!;
    let gain = u * g < 0 ? gains[t]! + 0.2 : gains[t]! * 0.8;
    if (gain < 0.01) gain = 0.01;
    gains[t] = gain;
    const nu = momentum * u - lr * gain * g;
    update[t] = nu;
    Y[t]! += nu;
    moved += nu;
  }
  // A non-finite step (an overflowing learning rate × gradient) would poison every later one.
  if (moved - moved !== 0) {
    throw new LatentError('E_CONVERGENCE', `${fn}: the optimisation diverged at iteration ${it + 1} (the step overflowed); lower learningRate`);
  }
  s.iteration = it + 1;
  if (check) {
    let stop = gradNorm <= MIN_GRAD_NORM;
    if (!exploring) {
      if (s.kl < s.bestKl) {
        s.bestKl = s.kl;
        s.bestIteration = it;
      } else if (it - s.bestIteration > MAX_ITER_WITHOUT_PROGRESS) {
        stop = true;
      }
    }
    if (stop) {
      if (exploring) enterFinalPhase(s);
      else s.phase = 'done';
    }
  }
  if (s.iteration >= s.iterations) s.phase = 'done';
}

function assertState(fn: string, state: unknown): asserts state is TsneState {
  assertModel(fn, state, 'tsne-state');
  const s = state as Partial<TsneState>;
  const corrupt: (what: string) => never = (what) => {
    throw new LatentError('E_MODEL', `${fn}: state must come from tsneStart, got a corrupt 'tsne-state' object (${what})`);
  };
  const { n, dims } = s;
  if (!Number.isSafeInteger(n) || n! < 1 || !Number.isSafeInteger(dims) || dims! < 1) corrupt('n and dims must be positive integers');
  const m = n! * dims!;
  for (const key of ['embedding', 'update', 'gains', 'gradient', 'forces'] as const) {
    const a = s[key];
    if (!(a instanceof Float64Array) || a.length !== m) corrupt(`${key} must be a Float64Array of length n·dims = ${m}`);
  }
  if (!Number.isSafeInteger(s.iteration) || s.iteration! < 0 || !Number.isSafeInteger(s.iterations) || s.iterations! < 0) corrupt('iteration counts must be integers >= 0');
  if (!Number.isSafeInteger(s.exaggerationIterations) || s.exaggerationIterations! < 0) corrupt('exaggerationIterations must be an integer >= 0');
  if (s.phase !== 'exaggeration' && s.phase !== 'final' && s.phase !== 'done') corrupt('unknown phase');
  if (typeof s.learningRate !== 'number' || !(s.learningRate > 0) || s.learningRate === Infinity) corrupt('learningRate must be a finite number > 0');
  if (typeof s.earlyExaggeration !== 'number' || !(s.earlyExaggeration >= 1) || s.earlyExaggeration === Infinity) corrupt('earlyExaggeration must be a finite number >= 1');
  if (typeof s.theta !== 'number' || !(s.theta >= 0 && s.theta <= 1)) corrupt('theta must be in [0, 1]');
  // kl is NaN until first computed; bestKl is Infinity until the final phase has a KL.
  if (typeof s.kl !== 'number' || s.kl === Infinity || s.kl === -Infinity) corrupt('kl must be a finite number (or NaN before it is computed)');
  if (typeof s.bestKl !== 'number' || Number.isNaN(s.bestKl) || s.bestKl === -Infinity) corrupt('bestKl must be a finite number or Infinity');
  if (!Number.isSafeInteger(s.bestIteration) || s.bestIteration! < 0) corrupt('bestIteration must be an integer >= 0');
  checkWorkingValues(fn, s.embedding!, s.update!, s.gains!, s.gradient!, s.forces!, dims!);
  if (s.tree === null) {
    if (!(s.dense instanceof Float64Array) || s.dense.length !== n! * n!) corrupt('dense must hold n × n affinities');
    // O(n²), as one exact gradient: a NaN affinity would otherwise reach the KL and the result.
    const P = s.dense;
    for (let t = 0; t < P.length; t++) if (!(P[t]! >= 0 && P[t]! <= 1)) corrupt('affinities must lie in [0, 1]');
    return;
  }
  if (s.theta === 0) corrupt('the exact method has no tree');
  if (dims !== 2 && dims !== 3) corrupt('Barnes–Hut needs dims 2 or 3');
  const { rowStart, columns, values } = s;
  if (!(rowStart instanceof Int32Array) || rowStart.length !== n! + 1 || !(columns instanceof Int32Array) || !(values instanceof Float64Array)) {
    corrupt('rowStart, columns and values must be typed arrays with n + 1 row starts');
  }
  const nnz = rowStart[n!]!;
  if (rowStart[0] !== 0 || columns.length !== nnz || values.length !== nnz) corrupt('row starts must span columns and values');
  // One bounds pass over P (O(nnz), cheaper than one iteration), so no index can leave the arrays.
  for (let i = 0; i < n!; i++) {
    const a = rowStart[i]!;
    const b = rowStart[i + 1]!;
    if (!(a <= b && b <= nnz)) corrupt('row starts must be non-decreasing');
    for (let t = a; t < b; t++) {
      if (!(columns[t]! > i && columns[t]! < n!)) corrupt('affinity columns must lie in (row, n)');
      if (!(values[t]! >= 0 && values[t]! <= 1)) corrupt('affinities must lie in [0, 1]');
    }
  }
  checkBHTree(fn, s.tree, n!, dims);
}

/**
 * One pass over the optimiser's per-coordinate memory (O(n·dims), less than one gradient
 * evaluation): a NaN or infinite position, momentum or gain would otherwise be carried into
 * every later iteration and into the result. The gradient and force buffers are rewritten by a
 * step, but a zero-step call hands them back, so they are checked in the same pass.
 */
function checkWorkingValues(fn: string, Y: Float64Array, update: Float64Array, gains: Float64Array, gradient: Float64Array, forces: Float64Array, dims: number): void {
  for (let t = 0; t < Y.length; t++) {
    const y = Y[t]!;
    const u = update[t]!;
    const g = gains[t]!;
    const gr = gradient[t]!;
    const f = forces[t]!;
    if (y - y + (u - u) + (gr - gr) + (f - f) === 0 && g > 0 && g < Infinity) continue;
    const at = `at row ${Math.floor(t / dims)}, column ${t % dims} (state must come from tsneStart)`;
    if (y - y + (u - u) !== 0 || !(g > 0 && g < Infinity)) {
      const what = y - y !== 0 ? `embedding value ${describe(y)}` : u - u !== 0 ? `update value ${describe(u)}` : `gain ${describe(g)}`;
      throw new LatentError('E_NOT_FINITE', `${fn}: state embedding, update and gains must be finite (gains > 0), got ${what} ${at}`);
    }
    const [name, v] = gr - gr !== 0 ? ['gradient', gr] : ['forces', f];
    throw new LatentError('E_NOT_FINITE', `${fn}: state ${name} must be finite, got ${describe(v)} ${at}`);
  }
}

/**
 * Runs up to `steps` gradient-descent iterations on `state`, in place (it is the optimiser's
 * working memory; no allocation happens here once the Barnes–Hut tree has grown to size).
 * Stops early when the run is `'done'`. The sequence of positions depends only on the total
 * number of steps, not on how they are batched.
 *
 * O(steps · (nnz(P) + n log n)) for Barnes–Hut, O(steps · n²) for the exact method.
 *
 * @param state - from {@link tsneStart} (or a structured clone of one)
 * @param steps - iterations to run (integer ≥ 0)
 * @returns `state`
 * @throws LatentError `E_MODEL` for a foreign or corrupt state, `E_NOT_FINITE` for a NaN or infinite position, momentum or gain in it, `E_RANGE` for bad `steps`, `E_ABORTED` when the `signal` given to {@link tsneStart} has fired (checked before every iteration), `E_CONVERGENCE` when the optimisation diverges (non-finite gradient or a layout so spread that every similarity underflows)
 * @example
 * ```ts
 * const s = tsneStart(X);
 * tsneStep(s, 100);
 * s.iteration; // 100
 * ```
 */
export function tsneStep(state: TsneState, steps = 1): TsneState {
  return tsneStepAs('tsneStep', state, steps);
}

/**
 * {@link tsneStep} under the name of the public function driving it (`tsne`, `tsneAsync`), so a
 * diverging optimisation or a bad state is reported by the function the user called.
 *
 * @internal
 * @param fn - public function name for messages
 * @param state - a t-SNE state
 * @param steps - iterations to run (integer ≥ 0)
 * @returns `state`
 * @throws LatentError as {@link tsneStep}, naming `fn`
 * @example
 * ```ts
 * tsneStepAs('tsne', state, 1).iteration; // 1
 * ```
 */
export function tsneStepAs(fn: string, state: TsneState, steps: number): TsneState {
  assertState(fn, state);
  assertInteger(fn, 'steps', steps, 0);
  const signal = (state as { signal?: AbortSignal }).signal;
  for (let t = 0; t < steps && state.phase !== 'done'; t++) {
    checkAborted(fn, signal);
    stepOnce(fn, state);
  }
  return state;
}

/**
 * The current positions as an n × dims Matrix (a copy, or written into `out`).
 *
 * @param state - a t-SNE state
 * @param out - optional Float64Array of length n·dims to write into (no allocation per frame)
 * @returns the embedding
 * @throws LatentError `E_MODEL` for a bad state (`E_NOT_FINITE` for a NaN or infinite position, momentum or gain), `E_SHAPE` when `out` has the wrong length
 * @example
 * ```ts
 * const buf = new Float64Array(state.n * state.dims);
 * tsneEmbedding(state, buf).data === buf; // true
 * ```
 */
export function tsneEmbedding(state: TsneState, out?: Float64Array): Matrix64 {
  return embeddingAs('tsneEmbedding', state, out);
}

function embeddingAs(fn: string, state: TsneState, out?: Float64Array): Matrix64 {
  assertState(fn, state);
  const m = state.n * state.dims;
  if (out !== undefined && (!(out instanceof Float64Array) || out.length !== m)) {
    throw new LatentError('E_SHAPE', `${fn}: out must be a Float64Array of length ${m}, got ${describe(out)}`);
  }
  const data = out ?? new Float64Array(m);
  data.set(state.embedding);
  return { rows: state.n, cols: state.dims, data };
}

/**
 * Packages the current state as a {@link TsneResult}: a copy of the embedding, the
 * iterations run and the KL divergence of the current embedding (exact normaliser for the
 * exact method and for n ≤ 10 000, Barnes–Hut estimate above).
 *
 * O(n²·dims) when the KL is exact, O(n log n) otherwise.
 *
 * @param state - a t-SNE state
 * @returns the result
 * @throws LatentError `E_MODEL` for a bad state (`E_NOT_FINITE` for a NaN or infinite position, momentum or gain)
 * @example
 * ```ts
 * const r = tsneResult(tsneStep(tsneStart(X), 1000));
 * r.kl; // 0.7395 on the digits (default options)
 * ```
 */
export function tsneResult(state: TsneState): TsneResult {
  return tsneResultAs('tsneResult', state);
}

/**
 * {@link tsneResult} under the name of the public function that called it.
 *
 * @internal
 * @param fn - public function name for messages
 * @param state - a t-SNE state
 * @returns the result
 * @throws LatentError as {@link tsneResult}, naming `fn`
 * @example
 * ```ts
 * tsneResultAs('tsne', state).kind; // 'tsne'
 * ```
 */
export function tsneResultAs(fn: string, state: TsneState): TsneResult {
  assertState(fn, state);
  const { n, dims } = state;
  const Y = state.embedding;
  let kl: number;
  let klMethod: 'exact' | 'barnes-hut' = 'exact';
  if (state.tree === null) {
    kl = klDense(state.dense, Y, n, dims);
  } else {
    const P = { rowStart: state.rowStart, columns: state.columns, values: state.values };
    let Z: number;
    if (n <= EXACT_KL_MAX_N) {
      Z = exactZ(Y, n, dims);
    } else {
      buildBHTree(state.tree, Y, n);
      Z = dims === 2 ? repulsion2D(state.tree, n, state.theta, state.forces) : repulsion3D(state.tree, n, state.theta, state.forces);
      klMethod = 'barnes-hut';
    }
    kl = klSparse(P, Y, n, dims, Z);
  }
  // The last step is checked only for a finite move: a layout that blew up to ~1e154 or beyond
  // (a learning rate near the double range) has no finite KL.
  if (kl - kl !== 0) {
    throw new LatentError('E_CONVERGENCE', `${fn}: the optimisation diverged at iteration ${state.iteration} (the final layout overflows: KL is ${describe(kl)}); lower learningRate`);
  }
  return { kind: 'tsne', version: 1, embedding: embeddingAs(fn, state), kl, klMethod, iterations: state.iteration };
}
