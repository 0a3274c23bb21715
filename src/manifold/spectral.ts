/**
 * Laplacian eigenmaps as scikit-learn's `SpectralEmbedding(affinity='nearest_neighbors')`: a
 * symmetrised 0/1 kNN affinity, its normalized Laplacian, and the bottom eigenvectors scaled by
 * the inverse square-root degree.
 */
import { LatentError } from '../core/errors.js';
import { asMatrix64, type Matrix64, type MatrixLike } from '../core/matrix.js';
import { memoryLimitOption } from '../core/memory.js';
import { enumOption, functionOption, integerIn, numberIn, readOptions, seedOption, signalOption, type OptionKeys } from '../core/options.js';
import { DEFAULT_SEED } from '../core/random.js';
import { csrFromTriplets } from '../core/sparse.js';
import { runSync, type Progress, type Work } from '../core/task.js';
import { eigshWork, resolveEigshOptions } from '../decomposition/eigsh.js';
import { flipSignsByLargest } from '../decomposition/sign-flip.js';
import { parseSymmetric } from '../decomposition/symmetric-operator.js';
import { knnGraphWork } from '../neighbors/knn-graph.js';
import { knnComponents } from './graph-components.js';

/** Options of {@link spectralEmbedding}. */
export interface SpectralEmbeddingOptions {
  /**
   * Embedding dimension (scikit-learn's `n_components`), at most n − 2.
   * @defaultValue 2
   */
  dims?: number;
  /**
   * Neighbours per point, the point itself included (scikit-learn's `n_neighbors` with
   * `include_self=True`), in [2, n].
   * @defaultValue max(⌊n / 10⌋, 1), as scikit-learn (at least 2)
   */
  nNeighbors?: number;
  /**
   * The eigensolver for the Laplacian's bottom eigenvectors: `'dense'` (full decomposition,
   * O(n³)), `'lanczos'` (thick-restart Lanczos: the fast choice for kNN graphs, whose sparse
   * factors fill in), `'shift-invert'` (sparse Cholesky + Lanczos, scikit-learn's ARPACK mode:
   * fastest on mesh-like graphs), or `'auto'` (`eigsh`'s rule).
   * @defaultValue 'auto'
   */
  eigenSolver?: 'auto' | 'dense' | 'lanczos' | 'shift-invert';
  /**
   * Eigensolver tolerance (see `eigsh`'s `tol`).
   * @defaultValue 1e-10
   */
  tol?: number;
  /**
   * Largest number of operator applications of the eigensolver.
   * @defaultValue eigsh's default
   */
  maxIter?: number;
  /**
   * Seed of the eigensolver's start vector.
   * @defaultValue 42
   */
  seed?: number;
  /**
   * Budget in bytes for the eigensolver.
   * @defaultValue 4 GiB
   */
  memoryLimit?: number;
  /**
   * Stops the work at the next checkpoint with `E_ABORTED`.
   * @defaultValue undefined
   */
  signal?: AbortSignal;
  /**
   * Progress: `'neighbors'`, then the eigensolver's stages.
   * @defaultValue undefined
   */
  onProgress?: (progress: Progress) => void;
}

const KEYS: OptionKeys<SpectralEmbeddingOptions> = {
  dims: true,
  nNeighbors: true,
  eigenSolver: true,
  tol: true,
  maxIter: true,
  seed: true,
  memoryLimit: true,
  signal: true,
  onProgress: true,
};

/** Result of {@link spectralEmbedding}. */
export interface SpectralEmbeddingResult {
  /** Tag. */
  kind: 'spectral';
  /** Layout version. */
  version: 1;
  /** n × dims coordinates (column c: the (c + 2)-th bottom eigenvector divided by √degree). */
  embedding: Matrix64;
  /** The Laplacian's eigenvalues of those columns, ascending. */
  eigenvalues: Float64Array;
  /** Neighbours per point used (self included). */
  nNeighbors: number;
}

/**
 * Laplacian eigenmaps (Belkin & Niyogi), reproducing scikit-learn's
 * `SpectralEmbedding(affinity='nearest_neighbors')`: the affinity is the kNN connectivity with
 * each point its own first neighbour, symmetrised as (A + Aᵀ)/2 (1 for mutual neighbours, ½ for
 * one-sided ones); with degrees dᵢ = Σⱼ≠ᵢ Aᵢⱼ the normalized Laplacian is
 * L = I − D^{-1/2} A D^{-1/2} (unit diagonal); its dims + 1 bottom eigenvectors are divided by
 * √dᵢ and the first (constant) one is dropped.
 *
 * Sign convention (as scikit-learn): after the division, each column's largest-magnitude entry is
 * positive. A disconnected graph makes the bottom eigenvectors component indicators in an
 * arbitrary basis: it is an error (raise nNeighbors).
 *
 * Complexity: exact kNN, then `eigsh` on the sparse Laplacian (n·k non-zeros): Lanczos
 * O(iterations · (n·k + 20n)) or shift-invert (sparse Cholesky) when cheaper. Memory O(n·k).
 *
 * @param X - n × d data (n ≥ 4), finite
 * @param options - {@link SpectralEmbeddingOptions}
 * @returns `{ kind: 'spectral', version: 1, embedding, eigenvalues, nNeighbors }`
 * @throws LatentError `E_SHAPE` / `E_TYPE` / `E_NOT_FINITE` (bad X), `E_RANGE` (dims, nNeighbors, a disconnected graph), `E_OPTION`, `E_MEMORY`, `E_ABORTED`, `E_CONVERGENCE` (the eigensolver within maxIter)
 * @example
 * ```ts
 * const { data } = swissRoll({ n: 500, seed: 1 });
 * const { embedding, eigenvalues } = spectralEmbedding(data, { nNeighbors: 10 });
 * embedding.cols; // 2
 * eigenvalues;    // Float64Array [0.00475550131572398, 0.008336271922936473]
 * ```
 * @see M. Belkin & P. Niyogi, "Laplacian Eigenmaps for Dimensionality Reduction and Data Representation", Neural Computation 15 (2003)
 * @see sklearn.manifold.SpectralEmbedding
 */
export function spectralEmbedding(X: MatrixLike, options?: SpectralEmbeddingOptions): SpectralEmbeddingResult {
  const fn = 'spectralEmbedding';
  const o = readOptions(fn, options, KEYS);
  const data = asMatrix64(X, fn, 'X');
  const n = data.rows;
  if (n < 4) throw new LatentError('E_SHAPE', `${fn}: X must have at least 4 rows, got ${n}`);
  const dims = integerIn(fn, 'dims', o.dims ?? 2, { min: 1, max: n - 2 });
  const k = integerIn(fn, 'nNeighbors', o.nNeighbors ?? Math.max(Math.floor(n / 10), 2), { min: 2, max: n });
  const solver = enumOption(fn, 'eigenSolver', o.eigenSolver, ['auto', 'dense', 'lanczos', 'shift-invert'] as const, 'auto');
  const tol = numberIn(fn, 'tol', o.tol ?? 1e-10, { min: 0, max: 1, open: 'max' });
  const maxIter = o.maxIter === undefined ? undefined : integerIn(fn, 'maxIter', o.maxIter, { min: 1 });
  const seed = seedOption(fn, o.seed, DEFAULT_SEED);
  const memoryLimit = memoryLimitOption(fn, o.memoryLimit);
  const signal = signalOption(fn, o.signal);
  const onProgress = functionOption(fn, 'onProgress', o.onProgress);
  const eig = { which: 'smallest', method: solver, tol, maxIter, seed, memoryLimit } as const;
  return runSync(spectralWork(fn, data, dims, k, eig), { fn, signal, onProgress });
}

function* spectralWork(
  fn: string,
  X: Matrix64,
  dims: number,
  k: number,
  eig: { which: 'smallest'; method: 'auto' | 'dense' | 'lanczos' | 'shift-invert'; tol: number; maxIter: number | undefined; seed: number; memoryLimit: number },
): Work<SpectralEmbeddingResult> {
  const n = X.rows;
  yield { stage: 'neighbors', completed: 0, total: n };
  // The shared graph builder: exact up to its measured crossover, NN-descent above it.
  const others = k - 1;
  const { indices } = yield* knnGraphWork(fn, X, others, { seed: eig.seed });
  yield { stage: 'neighbors', completed: n, total: n };
  const components = knnComponents(indices, n, others);
  if (components > 1) {
    throw new LatentError('E_RANGE', `${fn}: the ${k}-nearest-neighbour graph must be connected, got ${components} components; raise nNeighbors`);
  }
  // (A + Aᵀ)/2 without the diagonal: ½ per directed edge, summed over both directions.
  const size = 2 * n * others;
  const row = new Int32Array(size);
  const col = new Int32Array(size);
  const val = new Float64Array(size).fill(0.5);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < others; t++) {
      const j = indices[i * others + t]!;
      row[p] = i;
      col[p++] = j;
      row[p] = j;
      col[p++] = i;
    }
  }
  const A = csrFromTriplets(n, n, row, col, val);
  const dd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let q = A.offsets[i]!; q < A.offsets[i + 1]!; q++) s += A.values[q]!;
    dd[i] = s > 0 ? Math.sqrt(s) : 1;
  }
  // L = I − D^{-1/2} A D^{-1/2}: the diagonal goes in front of each row's sorted off-diagonals.
  const offsets = new Int32Array(n + 1);
  const lIdx = new Int32Array(A.indices.length + n);
  const lVal = new Float64Array(A.indices.length + n);
  let w = 0;
  for (let i = 0; i < n; i++) {
    let diagDone = false;
    for (let q = A.offsets[i]!; q < A.offsets[i + 1]!; q++) {
      const j = A.indices[q]!;
      if (!diagDone && j > i) {
        lIdx[w] = i;
        lVal[w++] = 1;
        diagDone = true;
      }
      lIdx[w] = j;
      lVal[w++] = -A.values[q]! / (dd[i]! * dd[j]!);
    }
    if (!diagDone) {
      lIdx[w] = i;
      lVal[w++] = 1;
    }
    offsets[i + 1] = w;
  }
  const L = { rows: n, cols: n, offsets, indices: lIdx, values: lVal };
  const input = parseSymmetric(fn, L);
  const o = resolveEigshOptions(fn, n, dims + 1, eig);
  const e = yield* eigshWork(fn, input, dims + 1, o);
  if (!e.converged) {
    throw new LatentError('E_CONVERGENCE', `${fn}: the eigensolver did not converge within maxIter = ${o.maxIter}; raise maxIter or use eigenSolver 'dense'`);
  }
  const V = e.vectors.data.slice();
  for (let c = 0; c <= dims; c++) for (let i = 0; i < n; i++) V[c * n + i] = V[c * n + i]! / dd[i]!;
  flipSignsByLargest(V, dims + 1, n);
  const embedding = new Float64Array(n * dims);
  for (let c = 0; c < dims; c++) for (let i = 0; i < n; i++) embedding[i * dims + c] = V[(c + 1) * n + i]!;
  return { kind: 'spectral', version: 1, embedding: { rows: n, cols: dims, data: embedding }, eigenvalues: e.values.slice(1), nNeighbors: k };
}
