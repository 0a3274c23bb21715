/**
 * Locally linear reconstruction weights: scikit-learn's barycenter weights (standard LLE and
 * `lleTransform`) and the multiple weight vectors of modified LLE (Zhang & Wang).
 */
import { LatentError, describe } from '../core/errors.js';
import { syrk } from '../core/gemm.js';
import { symmetricEigenInPlace } from '../decomposition/eig-symmetric.js';

/**
 * Barycenter weights of each query row from its neighbours among the data rows, exactly as
 * scikit-learn's `barycenter_weights`: with C the k × d differences `Y[nbr] − x`, solve
 * `(CCᵀ + R·I) w = 1` where `R = reg · trace(CCᵀ)` (or `reg` when the trace is 0), then scale w
 * to sum to 1. O(q·(k²d + k³)) time, O(k² + k·d) scratch.
 *
 * @param fn - public function name for errors
 * @param X - query rows, row-major (q × d)
 * @param q - number of query rows
 * @param Y - data rows, row-major (n × d)
 * @param d - columns of both
 * @param neighbors - q × k neighbour indices into Y, row-major
 * @param k - neighbours per row
 * @param reg - regularisation (≥ 0)
 * @returns q × k weights, row-major, each row summing to 1
 * @throws LatentError `E_RANGE` when a local Gram matrix is singular (only possible with `reg = 0`)
 * @example
 * ```ts
 * const Y = new Float64Array([0, 0, 2, 0]); // two points on a line
 * barycenterWeights('lle', new Float64Array([0.5, 0]), 1, Y, 2, new Int32Array([0, 1]), 2, 1e-3);
 * // Float64Array [0.7496878901373284, 0.2503121098626717]  (x = 0.75·y₀ + 0.25·y₁, slightly regularised)
 * ```
 * @see sklearn.manifold._locally_linear.barycenter_weights
 */
export function barycenterWeights(
  fn: string,
  X: Float64Array,
  q: number,
  Y: Float64Array,
  d: number,
  neighbors: Int32Array,
  k: number,
  reg: number,
): Float64Array {
  const B = new Float64Array(q * k);
  const C = new Float64Array(k * d);
  const G = new Float64Array(k * k);
  const w = new Float64Array(k);
  for (let i = 0; i < q; i++) {
    const xo = i * d;
    for (let a = 0; a < k; a++) {
      const yo = neighbors[i * k + a]! * d;
      for (let t = 0; t < d; t++) C[a * d + t] = Y[yo + t]! - X[xo + t]!;
    }
    // G = CCᵀ (upper triangle); the Cholesky below reads G[b·k + a] for b ≤ a.
    syrk(false, k, d, 1, C, 0, G);
    let trace = 0;
    for (let a = 0; a < k; a++) trace += G[a * k + a]!;
    const R = trace > 0 ? reg * trace : reg;
    for (let a = 0; a < k; a++) G[a * k + a] = G[a * k + a]! + R;
    if (!choleskySolveOnes(G, k, w)) {
      throw new LatentError(
        'E_RANGE',
        `${fn}: the local Gram matrix of row ${i} is singular (its neighbours coincide with it or are affinely dependent); reg must be > 0, got ${reg}`,
      );
    }
    let sum = 0;
    for (let a = 0; a < k; a++) sum += w[a]!;
    if (!(Math.abs(sum) > 0 && Math.abs(sum) < Infinity)) throw nearlySingular(fn, i, reg);
    for (let a = 0; a < k; a++) B[i * k + a] = w[a]! / sum;
  }
  return B;
}

/**
 * The regularised local system of a row could not be solved in floating point: `reg·trace` is
 * either too small to lift a (near-)zero eigenvalue (a subnormal `reg`) or overflows.
 */
function nearlySingular(fn: string, i: number, reg: number): LatentError {
  return new LatentError(
    'E_RANGE',
    `${fn}: the regularised local Gram matrix of row ${i} is numerically singular or overflows (neighbours nearly coincide, or reg · trace under- or overflows); reg must be a moderate positive number such as the default 1e-3, got ${describe(reg)}`,
  );
}

/**
 * Solves `G w = 1` for a symmetric positive definite k × k matrix given by its upper triangle
 * (overwritten by the Cholesky factor). Returns false when a pivot is not positive.
 */
function choleskySolveOnes(G: Float64Array, k: number, w: Float64Array): boolean {
  // Upper-triangular storage: G = UᵀU with U[j][i] = G[j·k + i] for i ≥ j.
  for (let j = 0; j < k; j++) {
    let d = G[j * k + j]!;
    for (let t = 0; t < j; t++) d -= G[t * k + j]! * G[t * k + j]!;
    if (!(d > 0)) return false;
    const ujj = Math.sqrt(d);
    G[j * k + j] = ujj;
    for (let i = j + 1; i < k; i++) {
      let s = G[j * k + i]!;
      for (let t = 0; t < j; t++) s -= G[t * k + j]! * G[t * k + i]!;
      G[j * k + i] = s / ujj;
    }
  }
  for (let i = 0; i < k; i++) {
    let s = 1;
    for (let t = 0; t < i; t++) s -= G[t * k + i]! * w[t]!;
    w[i] = s / G[i * k + i]!;
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = w[i]!;
    for (let t = i + 1; t < k; t++) s -= G[i * k + t]! * w[t]!;
    w[i] = s / G[i * k + i]!;
  }
  return true;
}

/** Rows of the sparse factor B of modified LLE's cost matrix M = BᵀB. */
export interface ModifiedLleRows {
  /** Start of point i's rows in `weights` (length n + 1, in units of rows). */
  rowStart: Int32Array;
  /** Each row's k neighbour coefficients (the point itself has coefficient −1). */
  weights: Float64Array;
}

/**
 * Modified LLE's local weight vectors (Zhang & Wang 2006, as scikit-learn's
 * `method='modified'`): for each point, the eigenvectors of its local Gram matrix CCᵀ, the
 * regularised weights `(CCᵀ + reg·tr·I)⁻¹ 1` (normalised), the size sᵢ of its "almost null space"
 * from the median ratio η of small to large local eigenvalues, and sᵢ Householder-rotated weight
 * vectors. Point i contributes `Σ_l u uᵀ` to M with `u[i] = −1`, `u[nbrs] = W_i[:, l]`.
 *
 * O(n·(k²d + k³)) time; memory n·k² for the local eigenvectors (under the caller's budget).
 *
 * @param X - data, row-major (n × d)
 * @param n - rows
 * @param d - columns
 * @param neighbors - n × k neighbour indices (self excluded)
 * @param k - neighbours per point (≥ dims)
 * @param dims - embedding dimension
 * @param reg - regularisation of the weights (scikit-learn fixes 1e-3)
 * @param fn - public function name for messages
 * @returns the rows of B grouped by point
 * @throws LatentError `E_RANGE` when a regularised local system is numerically singular (a subnormal `reg`)
 * @example
 * ```ts
 * const { rowStart, weights } = modifiedLleWeights(X.data, n, d, neighbors, 10, 2, 1e-3, 'lle');
 * ```
 * @see Z. Zhang & J. Wang, "MLLE: Modified Locally Linear Embedding Using Multiple Weights", NIPS 2006
 * @see sklearn.manifold.LocallyLinearEmbedding (method='modified')
 */
export function modifiedLleWeights(X: Float64Array, n: number, d: number, neighbors: Int32Array, k: number, dims: number, reg: number, fn: string): ModifiedLleRows {
  const nev = Math.min(d, k);
  const V = new Float64Array(n * k * k); // per point: k eigenvectors as rows, descending
  const evals = new Float64Array(n * nev);
  const wReg = new Float64Array(n * k);
  const G = new Float64Array(k * k);
  const lam = new Float64Array(k);
  const C = new Float64Array(k * d);
  const tmp = new Float64Array(k);
  const rho = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      const yo = neighbors[i * k + a]! * d;
      for (let t = 0; t < d; t++) C[a * d + t] = X[yo + t]! - X[i * d + t]!;
    }
    for (let a = 0; a < k; a++) {
      for (let b = 0; b <= a; b++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += C[a * d + t]! * C[b * d + t]!;
        G[a * k + b] = s;
        G[b * k + a] = s;
      }
    }
    symmetricEigenInPlace(G, k, lam, true);
    V.set(G, i * k * k);
    let total = 0;
    for (let j = 0; j < nev; j++) {
      const v = Math.max(lam[j]!, 0);
      evals[i * nev + j] = v;
      total += v;
    }
    const r = reg * total;
    // w = V diag(1 / (λ + r)) Vᵀ 1 (eigenvectors beyond nev have λ = 0).
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let a = 0; a < k; a++) s += G[j * k + a]!;
      tmp[j] = s / ((j < nev ? evals[i * nev + j]! : 0) + r);
    }
    let sum = 0;
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += G[j * k + a]! * tmp[j]!;
      wReg[i * k + a] = s;
      sum += s;
    }
    if (!(Math.abs(sum) > 0 && Math.abs(sum) < Infinity)) throw nearlySingular(fn, i, reg);
    for (let a = 0; a < k; a++) wReg[i * k + a] = wReg[i * k + a]! / sum;
    let small = 0;
    let large = 0;
    for (let j = 0; j < nev; j++) {
      if (j < dims) large += evals[i * nev + j]!;
      else small += evals[i * nev + j]!;
    }
    rho[i] = large > 0 ? small / large : 0;
  }
  const eta = median(rho);
  const sizes = new Int32Array(n);
  const rowStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (let j = 0; j < nev; j++) total += evals[i * nev + j]!;
    // s = #{j < nev − 1 : total / cumsum_j − 1 < η} + (k − nev), at least 1.
    let cum = 0;
    let s = 0;
    for (let j = 0; j < nev - 1; j++) {
      cum += evals[i * nev + j]!;
      if (cum > 0 && total / cum - 1 < eta) s++;
    }
    s += k - nev;
    if (s < 1) s = 1;
    sizes[i] = s;
    rowStart[i + 1] = rowStart[i]! + s;
  }
  const weights = new Float64Array(rowStart[n]! * k);
  const h = new Float64Array(k);
  const vh = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const s = sizes[i]!;
    const base = i * k * k;
    // Vi = the s eigenvectors of the smallest eigenvalues: rows k − s .. k − 1 of V[i].
    let normSq = 0;
    for (let l = 0; l < s; l++) {
      let colSum = 0;
      const ro = base + (k - s + l) * k;
      for (let a = 0; a < k; a++) colSum += V[ro + a]!;
      tmp[l] = colSum;
      normSq += colSum * colSum;
    }
    const alpha = Math.sqrt(normSq) / Math.sqrt(s);
    let hn = 0;
    for (let l = 0; l < s; l++) {
      h[l] = alpha - tmp[l]!;
      hn += h[l]! * h[l]!;
    }
    hn = Math.sqrt(hn);
    for (let l = 0; l < s; l++) h[l] = hn < 1e-12 ? 0 : h[l]! / hn;
    for (let a = 0; a < k; a++) {
      let acc = 0;
      for (let l = 0; l < s; l++) acc += V[base + (k - s + l) * k + a]! * h[l]!;
      vh[a] = acc;
    }
    const out = rowStart[i]! * k;
    for (let l = 0; l < s; l++) {
      const ro = base + (k - s + l) * k;
      for (let a = 0; a < k; a++) {
        weights[out + l * k + a] = V[ro + a]! - 2 * vh[a]! * h[l]! + (1 - alpha) * wReg[i * k + a]!;
      }
    }
  }
  return { rowStart, weights };
}

/** numpy's median: the middle value, or the mean of the two middle values. */
function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const m = sorted.length;
  if (m === 0) return 0;
  const half = m >> 1;
  return m % 2 === 1 ? sorted[half]! : 0.5 * (sorted[half - 1]! + sorted[half]!);
}
