/**
 * The one place UMAP's spectral initialisation asks for eigenvectors: the shared Lanczos solver
 * `eigsh` (plain Lanczos on the normalized Laplacian: kNN-graph Laplacians fill in badly under a
 * Cholesky factorisation, so shift-invert is not tried), or the dense solver for tiny graphs.
 */
import type { CsrMatrix } from '../../core/sparse.js';
import { relabel, type Work } from '../../core/task.js';
import { symmetricEigenInPlace } from '../../decomposition/eig-symmetric.js';
import { eigshWork, resolveEigshOptions } from '../../decomposition/eigsh.js';
import { parseSymmetric } from '../../decomposition/symmetric-operator.js';

/** The k smallest eigenpairs of a symmetric matrix. */
export interface SmallestEigen {
  /** k eigenvalues, ascending. */
  values: Float64Array;
  /** k × n: row t is the unit eigenvector of `values[t]`. */
  vectors: Float64Array;
  /** Whether every pair met the residual tolerance (the dense path always does). */
  converged: boolean;
}

/** Orders up to which the dense O(n³) solver is used (below ~10 ms). */
const DENSE_MAX = 160;

/**
 * The `k` smallest eigenvalues and unit eigenvectors of a symmetric matrix `L` (a normalized
 * graph Laplacian), deterministic for a seed (only IEEE-exact arithmetic), yielding at the
 * solver's checkpoints. Tolerance 1e-4 on the residual, as umap-learn's call to scipy's `eigsh`;
 * when Lanczos does not converge within its iteration bound, `converged` is false and the current
 * Ritz vectors are returned (for an initial layout they are still a good start).
 *
 * @param L - symmetric n × n CSR matrix
 * @param k - how many (1 ≤ k < n)
 * @param seed - seed of the start vector
 * @returns the eigenpairs (via the generator's return value)
 * @example
 * ```ts
 * const { values, vectors } = runSync(smallestEigenvectorsWork(L, 3, 42), { fn: 'umap' });
 * ```
 * @see umap-learn `spectral_layout`
 */
export function* smallestEigenvectorsWork(L: CsrMatrix, k: number, seed: number): Work<SmallestEigen> {
  const n = L.rows;
  if (n <= DENSE_MAX) return denseSmallest(L, k);
  const input = parseSymmetric('umap', L);
  const o = resolveEigshOptions('umap', n, k, { which: 'smallest', method: 'lanczos', tol: 1e-4, seed });
  const r = yield* relabel(eigshWork('umap', input, k, o), 'init');
  return { values: r.values, vectors: r.vectors.data, converged: r.converged };
}

/** The dense path: L expanded to n × n, symmetrised, all eigenpairs, the k smallest kept. */
function denseSmallest(L: CsrMatrix, k: number): SmallestEigen {
  const n = L.rows;
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let p = L.offsets[i]!; p < L.offsets[i + 1]!; p++) w[i * n + L.indices[p]!] = L.values[p]!;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = 0.5 * (w[i * n + j]! + w[j * n + i]!);
      w[i * n + j] = s;
      w[j * n + i] = s;
    }
  }
  const values = new Float64Array(n);
  symmetricEigenInPlace(w, n, values, false);
  return { values: values.slice(0, k), vectors: w.slice(0, k * n), converged: true };
}
