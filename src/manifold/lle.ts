/**
 * Locally linear embedding (Roweis & Saul; modified LLE of Zhang & Wang) as scikit-learn's
 * `LocallyLinearEmbedding`: reconstruction weights from each point's neighbours, the cost matrix
 * M = (I − W)ᵀ(I − W), and its bottom eigenvectors after the constant one.
 */
import { LatentError, describe } from '../core/errors.js';
import { asMatrix64, type Matrix64, type MatrixLike } from '../core/matrix.js';
import { assertMemory, memoryLimitOption } from '../core/memory.js';
import { enumOption, functionOption, integerIn, numberIn, readOptions, seedOption, signalOption, type OptionKeys } from '../core/options.js';
import { DEFAULT_SEED } from '../core/random.js';
import { csrFromTriplets, type CsrMatrix } from '../core/sparse.js';
import { runSync, type Progress, type Work } from '../core/task.js';
import { symmetricEigenInPlace } from '../decomposition/eig-symmetric.js';
import { eigshWork, resolveEigshOptions } from '../decomposition/eigsh.js';
import { flipSignsByLargest } from '../decomposition/sign-flip.js';
import { parseSymmetric } from '../decomposition/symmetric-operator.js';
import { knnGraphWork } from '../neighbors/knn-graph.js';
import { knnComponents } from './graph-components.js';
import { lleCostMatrix } from './lle-cost.js';
import { barycenterWeights, modifiedLleWeights } from './lle-weights.js';

/** Options of {@link lle}. */
export interface LleOptions {
  /**
   * Embedding dimension (scikit-learn's `n_components`), at most the number of input columns.
   * @defaultValue 2
   */
  dims?: number;
  /**
   * Neighbours per point, in [1, n − 1] (at least `dims` for `'modified'`).
   * @defaultValue 5
   */
  nNeighbors?: number;
  /**
   * Regularisation of the local Gram matrices: `reg · trace` is added to their diagonal (`reg`
   * alone when the trace is 0). Used by `'standard'` weights, by `'modified'` weights
   * (scikit-learn fixes 1e-3 there: the same at the default) and by {@link lleTransform}.
   * In [0, 1e6]: beyond 1e6 the weights are uniform to within 1e-6 anyway, and a huge `reg`
   * overflows `reg · trace`. A `reg` so small that a local system stays numerically singular
   * (e.g. a subnormal) is `E_RANGE` naming the row.
   * @defaultValue 1e-3
   */
  reg?: number;
  /**
   * `'standard'`: one barycenter weight vector per point. `'modified'`: several weight vectors per
   * point (Zhang & Wang's MLLE), more stable when nNeighbors exceeds the input dimension.
   * @defaultValue 'standard'
   */
  method?: 'standard' | 'modified';
  /**
   * How the bottom eigenvectors of M are found. `'dense'`: the full decomposition of the dense
   * n × n matrix (`eigSymmetric`, O(n³) time, 8n² bytes: a few seconds at n = 1000).
   * `'sparse'`: `eigsh` on the sparse M with shift-invert (sparse Cholesky of M + δI under an
   * approximate-minimum-degree ordering, then Lanczos): seconds for 20 000 points. `'auto'`:
   * scikit-learn's rule, `'sparse'` when n > 200 and dims + 1 < 10, else `'dense'`. Both solve the
   * same problem; they agree to ~1e-8 where the eigenvalues are separated.
   * @defaultValue 'auto'
   */
  eigenSolver?: 'auto' | 'dense' | 'sparse';
  /**
   * Tolerance of the sparse eigensolver (see `eigsh`'s `tol`).
   * @defaultValue 1e-10
   */
  tol?: number;
  /**
   * Largest number of solves of the sparse eigensolver.
   * @defaultValue 2000
   */
  maxIter?: number;
  /**
   * Precomputed neighbours: `{ indices }`, an n × nNeighbors row-major table of each point's
   * nearest other points (self excluded), e.g. from `knnSelf` or an approximate kNN graph. By
   * default the exact neighbours are computed (euclidean).
   * @defaultValue undefined
   */
  knn?: { indices: Int32Array };
  /**
   * Seed of the sparse eigensolver's start vector.
   * @defaultValue 42
   */
  seed?: number;
  /**
   * Budget in bytes for the dense matrix, the local eigenvectors of `'modified'` and the factor.
   * @defaultValue 4 GiB
   */
  memoryLimit?: number;
  /**
   * Stops the fit at the next checkpoint with `E_ABORTED`.
   * @defaultValue undefined
   */
  signal?: AbortSignal;
  /**
   * Progress: stages `'neighbors'`, `'weights'`, then `'eigen'` (dense) or the eigensolver's
   * `'order'`, `'factorize'`, `'lanczos'`.
   * @defaultValue undefined
   */
  onProgress?: (progress: Progress) => void;
}

const KEYS: OptionKeys<LleOptions> = {
  dims: true,
  nNeighbors: true,
  reg: true,
  method: true,
  eigenSolver: true,
  tol: true,
  maxIter: true,
  knn: true,
  seed: true,
  memoryLimit: true,
  signal: true,
  onProgress: true,
};

/**
 * A fitted LLE: the embedding and what {@link lleTransform} needs (the training rows, the
 * neighbour count and the regularisation). Plain data: survives `structuredClone` and `serialize`.
 */
export interface LleModel {
  /** Model tag. */
  kind: 'lle';
  /** Layout version. */
  version: 1;
  /** n × dims embedding: column c is the unit eigenvector of M for its (c + 2)-th smallest eigenvalue. */
  embedding: Matrix64;
  /** Sum of the dims eigenvalues of M used (scikit-learn's `reconstruction_error_`). */
  reconstructionError: number;
  /** Those eigenvalues, ascending. */
  eigenvalues: Float64Array;
  /** The training rows (a Float64 copy), for {@link lleTransform}. */
  data: Matrix64;
  /** Neighbours per point. */
  nNeighbors: number;
  /** Regularisation of the barycenter weights. */
  reg: number;
  /** Which weights built M. */
  method: 'standard' | 'modified';
}

/** Points per checkpoint of the weight computation. */
const WEIGHT_CHUNK = 256;

/** Largest accepted `reg`: the weights are uniform to within 1/reg beyond it, and reg · trace must not overflow. */
const LLE_MAX_REG = 1e6;

/**
 * Locally linear embedding of the rows of X, as scikit-learn's `LocallyLinearEmbedding`
 * (`eigen_solver='dense'` or `'arpack'`): each point is written as an affine combination of its
 * nNeighbors nearest neighbours (weights from the regularised local Gram matrix), and the
 * embedding is the set of dims bottom eigenvectors of M = (I − W)ᵀ(I − W) after the constant
 * one (eigenvalue 0). `method: 'modified'` uses Zhang & Wang's multiple weight vectors.
 *
 * Neighbours come from `knnGraph` with `method: 'auto'`: the exact search up to its measured
 * crossover (n ≤ max(5 000, 160·nNeighbors), or low-dimensional data: scikit-learn's neighbours,
 * ties by index), NN-descent above it (recall ≥ 0.99 on the benches, so a few neighbour sets
 * differ from the exact ones); pass `knn` to use your own graph.
 *
 * Sign convention: each embedding column's largest-magnitude entry is positive (scikit-learn's
 * signs are whatever LAPACK/ARPACK return). A kNN graph with several connected components makes
 * M's null space larger than the constant vector and the embedding meaningless: it is an error
 * (raise nNeighbors).
 *
 * Complexity: exact kNN (vantage-point tree for d ≤ 20, else brute force O(n²d)), weights
 * O(n·(k²d + k³)), M with ≈ n·k² entries; then the eigensolver (see `eigenSolver`): about 0.2 s
 * for 2 000 swiss-roll points and 3 s for 20 000 (k = 12) with `'sparse'`. Memory: the copy of
 * X kept in the model, M, the factor (2.5·10⁶ entries at 20 000 points), or 8n² for `'dense'`.
 *
 * @param X - n × d data (n ≥ 3), finite; Float32 is widened to a Float64 copy
 * @param options - {@link LleOptions}
 * @returns the {@link LleModel}
 * @throws LatentError `E_SHAPE` / `E_TYPE` / `E_NOT_FINITE` (bad X or knn), `E_RANGE` (dims > d or ≥ n, nNeighbors outside [1, n − 1] or < dims for modified, a disconnected neighbour graph, a singular local system with reg = 0 or a subnormal reg, reg outside [0, 1e6]), `E_OPTION`, `E_MEMORY`, `E_ABORTED`, `E_CONVERGENCE` (sparse eigensolver within maxIter)
 * @example
 * ```ts
 * const { data } = swissRoll({ n: 1000, seed: 0 });
 * const model = lle(data, { nNeighbors: 12 });
 * model.embedding.rows;      // 1000
 * model.reconstructionError; // 2.956674300620199e-7
 * ```
 * @see S. T. Roweis & L. K. Saul, "Nonlinear dimensionality reduction by locally linear embedding", Science 290 (2000)
 * @see Z. Zhang & J. Wang, "MLLE: Modified Locally Linear Embedding Using Multiple Weights", NIPS 2006
 * @see sklearn.manifold.LocallyLinearEmbedding
 */
export function lle(X: MatrixLike, options?: LleOptions): LleModel {
  const r = resolveLle('lle', X, options);
  return runSync(lleWork(r), { fn: 'lle', signal: r.signal, onProgress: r.onProgress });
}

interface ResolvedLle {
  fn: string;
  X: Matrix64;
  dims: number;
  k: number;
  reg: number;
  method: 'standard' | 'modified';
  eigenSolver: 'dense' | 'sparse';
  tol: number;
  maxIter: number;
  knn: Int32Array | undefined;
  seed: number;
  memoryLimit: number;
  signal: AbortSignal | undefined;
  onProgress: ((progress: Progress) => void) | undefined;
}

function resolveLle(fn: string, input: MatrixLike, options: LleOptions | undefined): ResolvedLle {
  const o = readOptions(fn, options, KEYS);
  const X = asMatrix64(input, fn, 'X');
  const { rows: n, cols: d } = X;
  if (n < 3) throw new LatentError('E_SHAPE', `${fn}: X must have at least 3 rows, got ${n}`);
  const dims = integerIn(fn, 'dims', o.dims ?? 2, { min: 1, max: Math.min(d, n - 2) });
  const method = enumOption(fn, 'method', o.method, ['standard', 'modified'] as const, 'standard');
  const k = integerIn(fn, 'nNeighbors', o.nNeighbors ?? 5, { min: method === 'modified' ? dims : 1, max: n - 1 });
  const reg = numberIn(fn, 'reg', o.reg ?? 1e-3, { min: 0, max: LLE_MAX_REG });
  const solver = enumOption(fn, 'eigenSolver', o.eigenSolver, ['auto', 'dense', 'sparse'] as const, 'auto');
  const eigenSolver = solver === 'auto' ? (n > 200 && dims + 1 < 10 ? 'sparse' : 'dense') : solver;
  const tol = numberIn(fn, 'tol', o.tol ?? 1e-10, { min: 0, max: 1, open: 'max' });
  const maxIter = integerIn(fn, 'maxIter', o.maxIter ?? 2000, { min: 1 });
  let knn: Int32Array | undefined;
  if (o.knn !== undefined) {
    const g = o.knn as { indices?: unknown } | null;
    if (typeof g !== 'object' || g === null || !(g.indices instanceof Int32Array)) {
      throw new LatentError('E_TYPE', `${fn}: knn must be { indices: Int32Array } (n × nNeighbors), got ${describe(o.knn)}`);
    }
    if (g.indices.length !== n * k) throw new LatentError('E_SHAPE', `${fn}: knn.indices must hold n × nNeighbors = ${n * k} entries, got ${g.indices.length}`);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < k; t++) {
        const j = g.indices[i * k + t]!;
        if (!(j >= 0 && j < n) || j === i) throw new LatentError('E_RANGE', `${fn}: knn.indices must be other rows' indices in [0, ${n}), got ${j} for row ${i}`);
      }
    }
    knn = g.indices;
  }
  return {
    fn,
    X,
    dims,
    k,
    reg,
    method,
    eigenSolver,
    tol,
    maxIter,
    knn,
    seed: seedOption(fn, o.seed, DEFAULT_SEED),
    memoryLimit: memoryLimitOption(fn, o.memoryLimit),
    signal: signalOption(fn, o.signal),
    onProgress: functionOption(fn, 'onProgress', o.onProgress),
  };
}

function* lleWork(r: ResolvedLle): Work<LleModel> {
  const { fn, X, dims, k } = r;
  const { rows: n, cols: d } = X;
  yield { stage: 'neighbors', completed: 0, total: n };
  // The shared graph builder: exact up to its measured crossover (every golden case), NN-descent
  // above it (recall ≥ 0.99 on the benches); a precomputed `knn` skips it.
  const indices = r.knn ?? (yield* knnGraphWork(fn, X, k, { seed: r.seed })).indices;
  yield { stage: 'neighbors', completed: n, total: n };
  const components = knnComponents(indices, n, k);
  if (components > 1) {
    throw new LatentError('E_RANGE', `${fn}: the ${k}-nearest-neighbour graph must be connected, got ${components} components; raise nNeighbors`);
  }
  const B = r.method === 'standard' ? yield* standardRows(r, indices) : modifiedRows(r, indices);
  const M = lleCostMatrix(B, fn, r.memoryLimit);
  yield { stage: 'weights', completed: n, total: n };
  let values: Float64Array;
  let vectors: Float64Array; // (dims + 1) × n, ascending, row 0 the constant vector
  if (r.eigenSolver === 'dense') {
    assertMemory(fn, `the dense ${n} × ${n} matrix M (eigenSolver 'dense')`, 8 * n * n + 16 * n, r.memoryLimit);
    const w = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let p = M.offsets[i]!; p < M.offsets[i + 1]!; p++) w[i * n + M.indices[p]!] = M.values[p]!;
    yield { stage: 'eigen', completed: 0, total: 1 };
    const all = new Float64Array(n);
    symmetricEigenInPlace(w, n, all, false);
    values = all.slice(0, dims + 1);
    vectors = w.slice(0, (dims + 1) * n);
    yield { stage: 'eigen', completed: 1, total: 1 };
  } else {
    const input = parseSymmetric(fn, M);
    const o = resolveEigshOptions(fn, n, dims + 1, { which: 'smallest', method: 'shift-invert', tol: r.tol, maxIter: r.maxIter, seed: r.seed, memoryLimit: r.memoryLimit });
    const e = yield* eigshWork(fn, input, dims + 1, o);
    if (!e.converged) {
      throw new LatentError('E_CONVERGENCE', `${fn}: the sparse eigensolver did not converge within maxIter = ${r.maxIter} solves; raise maxIter or use eigenSolver 'dense'`);
    }
    values = e.values;
    vectors = e.vectors.data;
  }
  const embedding = new Float64Array(n * dims);
  const eigenvalues = values.slice(1, dims + 1);
  const kept = vectors.slice(n, (dims + 1) * n);
  flipSignsByLargest(kept, dims, n);
  for (let c = 0; c < dims; c++) for (let i = 0; i < n; i++) embedding[i * dims + c] = kept[c * n + i]!;
  let reconstructionError = 0;
  for (let c = 0; c < dims; c++) reconstructionError += eigenvalues[c]!;
  return {
    kind: 'lle',
    version: 1,
    embedding: { rows: n, cols: dims, data: embedding },
    reconstructionError,
    eigenvalues,
    data: { rows: n, cols: d, data: X.data.slice() },
    nNeighbors: k,
    reg: r.reg,
    method: r.method,
  };
}

/** B = I − W for standard LLE (one row per point; its sign is irrelevant in BᵀB). */
function* standardRows(r: ResolvedLle, indices: Int32Array): Work<CsrMatrix> {
  const { fn, X, k } = r;
  const { rows: n, cols: d } = X;
  const W = new Float64Array(n * k);
  for (let start = 0; start < n; start += WEIGHT_CHUNK) {
    const q = Math.min(WEIGHT_CHUNK, n - start);
    const chunk = barycenterWeights(fn, X.data.subarray(start * d, (start + q) * d), q, X.data, d, indices.subarray(start * k, (start + q) * k), k, r.reg);
    W.set(chunk, start * k);
    yield { stage: 'weights', completed: start + q, total: n };
  }
  const rowStart = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) rowStart[i] = i;
  return costFactor(rowStart, W, indices, n, k);
}

/** Rows of B for modified LLE: per point, sᵢ rows of Householder-rotated weight vectors. */
function modifiedRows(r: ResolvedLle, indices: Int32Array): CsrMatrix {
  const { fn, X, k, dims } = r;
  const { rows: n, cols: d } = X;
  assertMemory(fn, `the local eigenvectors of modified LLE (n × nNeighbors²)`, 8 * (n * k * k + 3 * n * k), r.memoryLimit);
  const { rowStart, weights } = modifiedLleWeights(X.data, n, d, indices, k, dims, r.reg, fn);
  return costFactor(rowStart, weights, indices, n, k);
}

/**
 * The sparse factor B of M = BᵀB: point i owns rows rowStart[i] … rowStart[i + 1] − 1, each with
 * −1 at column i and its weights at i's neighbours.
 */
function costFactor(rowStart: Int32Array, weights: Float64Array, indices: Int32Array, n: number, k: number): CsrMatrix {
  const rows = rowStart[n]!;
  const size = rows * (k + 1);
  const row = new Int32Array(size);
  const col = new Int32Array(size);
  const val = new Float64Array(size);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let l = rowStart[i]!; l < rowStart[i + 1]!; l++) {
      row[p] = l;
      col[p] = i;
      val[p++] = -1;
      for (let t = 0; t < k; t++) {
        row[p] = l;
        col[p] = indices[i * k + t]!;
        val[p++] = weights[l * k + t]!;
      }
    }
  }
  return csrFromTriplets(rows, n, row, col, val);
}
