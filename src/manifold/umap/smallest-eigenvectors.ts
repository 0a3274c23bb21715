/**
 * The one place UMAP's spectral initialisation asks for eigenvectors (the seam for `eigsh`).
 *
 * TEMPORARY: until `decomposition/eigsh.ts` (Lanczos, `eigsh(A, k, { which: 'smallest', seed })`)
 * is merged, small matrices go to the dense `symmetricEigenInPlace` and larger ones to a
 * Chebyshev-filtered subspace iteration written for normalized Laplacians (spectrum in
 * [0, 2]). The switch is the body of {@link smallestEigenvectorsWork}.
 */
import type { CsrMatrix } from '../../core/sparse.js';
import { csrMatVec } from '../../core/sparse.js';
import { nextDouble, rngState } from '../../core/random.js';
import type { Work } from '../../core/task.js';
import { symmetricEigenInPlace } from '../../decomposition/eig-symmetric.js';
import { orthonormalizeColumns } from '../../decomposition/householder.js';

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
/** Degree of the Chebyshev filter per outer iteration. */
const DEGREE = 10;
/** Outer iterations at most (each: DEGREE + 1 products with every block vector). */
const MAX_OUTER = 60;
/** Residual ‖L x − θ x‖ accepted for a unit x (scipy's eigsh in umap-learn runs at tol 1e-4). */
const TOL = 1e-5;

/**
 * The `k` smallest eigenvalues and unit eigenvectors of a symmetric matrix `L` whose spectrum
 * lies in [0, 2] (a normalized graph Laplacian). Deterministic for a seed (only IEEE-exact
 * arithmetic), yields between outer iterations.
 *
 * Temporary implementation: dense QL for n ≤ 160; above, Chebyshev-filtered subspace iteration
 * (Zhou & Saad 2007) on a block of p = max(2k + 1, k + 12) vectors: each outer iteration
 * applies a degree-10 Chebyshev polynomial damping the interval [θₚ, 2] (θₚ the largest Ritz
 * value of the block), re-orthonormalises (Householder QR) and takes Rayleigh–Ritz pairs,
 * until the k wanted residuals are below 1e-5 or 60 outer iterations have run (then
 * `converged` is false and the current Ritz vectors are returned: for an initial layout they
 * are still a good start). O(iterations · 11 · p · nnz + p² · n) time, O(3 · p · n) memory.
 *
 * @param L - symmetric n × n CSR matrix with eigenvalues in [0, 2]
 * @param k - how many (1 ≤ k < n)
 * @param seed - seed of the start block
 * @returns the eigenpairs (via the generator's return value)
 * @example
 * ```ts
 * const { values, vectors } = runSync(smallestEigenvectorsWork(L, 3, 42), { fn: 'umap' });
 * ```
 * @see Y. Zhou & Y. Saad, "A Chebyshev–Davidson algorithm for large symmetric eigenproblems", SIAM J. Matrix Anal. Appl. 29 (2007)
 */
export function* smallestEigenvectorsWork(L: CsrMatrix, k: number, seed: number): Work<SmallestEigen> {
  const n = L.rows;
  if (n <= DENSE_MAX) return denseSmallest(L, k);
  const p = Math.min(n, Math.max(2 * k + 1, k + 12));
  const rng = rngState(seed);
  const Y = new Float64Array(p * n);
  for (let t = 0; t < Y.length; t++) Y[t] = nextDouble(rng) - 0.5;
  const tau = new Float64Array(p);
  const scratch = new Float64Array(p * n);
  const theta = new Float64Array(p);
  const work = { prev: new Float64Array(n), cur: new Float64Array(n), z: new Float64Array(n) };
  orthonormalizeColumns(Y, n, p, tau, scratch);
  let { X, LX } = rayleighRitz(L, Y, n, p, theta);
  let converged = false;
  for (let outer = 0; outer < MAX_OUTER; outer++) {
    if (maxResidual(X, LX, theta, n, k) <= TOL) {
      converged = true;
      break;
    }
    // Damp [lo, 2], lo the largest Ritz value of the block (at most 1.9 so the interval never
    // collapses): the eigenvalues below lo, the wanted ones among them, are amplified.
    const lo = Math.min(theta[p - 1]!, 1.9);
    const e = (2 - lo) / 2;
    const c = (2 + lo) / 2;
    for (let j = 0; j < p; j++) chebyshevFilter(L, X, Y, j * n, n, c, e, work);
    orthonormalizeColumns(Y, n, p, tau, scratch);
    ({ X, LX } = rayleighRitz(L, Y, n, p, theta));
    yield undefined;
  }
  return { values: theta.slice(0, k), vectors: X.slice(0, k * n), converged };
}

/** Scratch vectors of {@link chebyshevFilter}. */
interface FilterScratch {
  prev: Float64Array;
  cur: Float64Array;
  z: Float64Array;
}

/**
 * Zhou & Saad's scaled three-term Chebyshev recurrence on column x of X (offset `o`): writes
 * T_m((L − c)/e)·x, scaled (by the lower spectrum bound 0) so entries stay O(1), into Y at the
 * same offset.
 */
function chebyshevFilter(L: CsrMatrix, X: Float64Array, Y: Float64Array, o: number, n: number, c: number, e: number, w: FilterScratch): void {
  const { prev, cur, z } = w;
  const sigma1 = e / (0 - c);
  for (let i = 0; i < n; i++) prev[i] = X[o + i]!;
  csrMatVec(L, prev, z);
  for (let i = 0; i < n; i++) cur[i] = (z[i]! - c * prev[i]!) * (sigma1 / e);
  let sigma = sigma1;
  for (let m = 2; m <= DEGREE; m++) {
    const sigmaNew = 1 / (2 / sigma1 - sigma);
    csrMatVec(L, cur, z);
    const f = (2 * sigmaNew) / e;
    const g = sigma * sigmaNew;
    for (let i = 0; i < n; i++) {
      const next = f * (z[i]! - c * cur[i]!) - g * prev[i]!;
      prev[i] = cur[i]!;
      cur[i] = next;
    }
    sigma = sigmaNew;
  }
  Y.set(cur, o);
}

/**
 * Rayleigh–Ritz on the orthonormal block Q (p columns of length n): H = Qᵀ L Q = V Θ Vᵀ
 * (ascending Θ into `theta`); returns the Ritz vectors X = Q·V and L·X.
 */
function rayleighRitz(L: CsrMatrix, Q: Float64Array, n: number, p: number, theta: Float64Array): { X: Float64Array; LX: Float64Array } {
  const LQ = new Float64Array(p * n);
  const col = new Float64Array(n);
  const prod = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    col.set(Q.subarray(j * n, (j + 1) * n));
    csrMatVec(L, col, prod);
    LQ.set(prod, j * n);
  }
  const H = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      let s = 0;
      const qa = a * n;
      const wb = b * n;
      for (let i = 0; i < n; i++) s += Q[qa + i]! * LQ[wb + i]!;
      H[a * p + b] = s;
      H[b * p + a] = s;
    }
  }
  symmetricEigenInPlace(H, p, theta, false); // row t of H: the eigenvector of theta[t]
  const X = new Float64Array(p * n);
  const LX = new Float64Array(p * n);
  for (let t = 0; t < p; t++) {
    const ro = t * n;
    for (let j = 0; j < p; j++) {
      const v = H[t * p + j]!;
      if (v === 0) continue;
      const qo = j * n;
      for (let i = 0; i < n; i++) {
        X[ro + i]! += v * Q[qo + i]!;
        LX[ro + i]! += v * LQ[qo + i]!;
      }
    }
  }
  return { X, LX };
}

/** Largest ‖L xₜ − θₜ xₜ‖ over the first k columns (W holds L·X). */
function maxResidual(X: Float64Array, W: Float64Array, theta: Float64Array, n: number, k: number): number {
  let worst = 0;
  for (let t = 0; t < k; t++) {
    const o = t * n;
    const th = theta[t]!;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const r = W[o + i]! - th * X[o + i]!;
      s += r * r;
    }
    const r = Math.sqrt(s);
    if (!(r <= worst)) worst = r;
  }
  return worst;
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
