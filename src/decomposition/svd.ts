/**
 * Thin singular value decomposition: Householder QR of the tall orientation, then one-sided
 * (Hestenes) Jacobi rotations on R, which orthogonalise its columns to working precision and
 * give every singular value with high relative accuracy.
 */
import { LatentError, describe } from '../core/errors.js';
import { asMatrix64, type Matrix64, type MatrixLike } from '../core/matrix.js';
import { assertAllocatable } from '../core/validate.js';
import { applyQ, householderQr, safeNorm } from './householder.js';
import { booleanOption, readOptions, type OptionKeys } from '../core/options.js';

/** Options of {@link svd}. */
export interface SvdOptions {
  /**
   * Compute the left singular vectors `u`. Without them a tall matrix costs about half.
   * @defaultValue true
   */
  computeU?: boolean;
}

const SVD_KEYS: OptionKeys<SvdOptions> = { computeU: true };

/** Result of {@link svd}: `A = u · diag(s) · vt`. */
export interface SvdResult {
  /** m×r with orthonormal columns (r = min(m, n)); an m×0 matrix when `computeU` is false. */
  u: Matrix64;
  /** The r singular values, non-negative and descending. */
  s: Float64Array;
  /** r×n with orthonormal rows: row i is the right singular vector of `s[i]`. */
  vt: Matrix64;
}

/** Scaled column norms below this are treated as exactly zero (see {@link svdOfColumns}). */
const NEGLIGIBLE = 1e-140;

/** Largest number of Jacobi sweeps; convergence is quadratic and takes 5–12 in practice. */
const MAX_SWEEPS = 80;

/**
 * Thin singular value decomposition `A = U Σ Vᵀ` of an m×n matrix.
 *
 * The tall orientation (A or Aᵀ) is reduced by Householder QR, then one-sided Jacobi
 * rotations orthogonalise the columns of the small triangular factor; the rotated columns'
 * norms are the singular values. O(max(m, n)·min(m, n)² + sweeps·min(m, n)³) time,
 * O(m·n) memory. Singular values are accurate to near machine precision relative to σ₁ (and
 * often relative to themselves), U and V are orthonormal to working precision, and
 * rank-deficient input is handled: the left singular vectors of exactly zero singular values
 * are completed to an orthonormal set. Input is scaled by its largest entry first, so huge or
 * tiny entries neither overflow nor underflow.
 *
 * @param A - an m×n matrix (Matrix, number[][] or Float64Array[]), m, n ≥ 1
 * @param options - see {@link SvdOptions}
 * @returns `{ u, s, vt }` with r = min(m, n) singular triplets, descending
 * @throws LatentError `E_SHAPE` for an empty matrix, `E_NOT_FINITE` for NaN/±Infinity,
 *   `E_TYPE` for a non-boolean `computeU`, `E_CONVERGENCE` if Jacobi does not converge
 *   (not observed in practice), `E_RANGE` when a singular value exceeds `Number.MAX_VALUE`
 *   (entries near it; one that only rounds past it is returned as `Number.MAX_VALUE`)
 * @example
 * ```ts
 * const { u, s, vt } = svd([[3, 0], [0, -2], [0, 0]]);
 * s;       // Float64Array [3, 2]
 * vt.data; // Float64Array [1, 0, 0, 1] (up to the sign of each row, matched in u)
 * u.data;  // Float64Array [1, 0, 0, -1, 0, 0]
 * ```
 * @see numpy.linalg.svd(full_matrices=False); LAPACK dgesvj; Z. Drmač & K. Veselić, "New fast and accurate Jacobi SVD algorithm", SIAM J. Matrix Anal. Appl. 29 (2008)
 */
export function svd(A: MatrixLike, options?: SvdOptions): SvdResult {
  const fn = 'svd';
  const o = readOptions(fn, options, SVD_KEYS);
  const computeU = booleanOption(fn, 'computeU', o.computeU, true);
  if (typeof computeU !== 'boolean') {
    throw new LatentError('E_TYPE', `${fn}: computeU must be a boolean, got ${typeof computeU}`);
  }
  const a = asMatrix64(A, fn, 'A');
  const { rows: m, cols: n, data } = a;
  if (m === 0 || n === 0) {
    throw new LatentError('E_SHAPE', `${fn}: A must have at least one row and one column, got ${m}×${n}`);
  }
  assertAllocatable(fn, 'the working copy of A', m * n);
  if (m >= n) {
    // Tall: M = A. Its columns are A's columns: transpose into contiguous rows.
    const cols = new Float64Array(m * n);
    for (let i = 0; i < m; i++) {
      const ro = i * n;
      for (let j = 0; j < n; j++) cols[j * m + i] = data[ro + j]!;
    }
    const r = svdOfColumns(cols, m, n, computeU);
    let u: Matrix64 = { rows: m, cols: 0, data: new Float64Array(0) };
    if (r.ut !== null) {
      const ud = new Float64Array(m * n);
      const ut = r.ut;
      for (let c = 0; c < n; c++) {
        const co = c * m;
        for (let i = 0; i < m; i++) ud[i * n + c] = ut[co + i]!;
      }
      u = { rows: m, cols: n, data: ud };
    }
    return { u, s: r.s, vt: { rows: n, cols: n, data: r.vt } };
  }
  // Wide: M = Aᵀ (n×m, tall); its columns are A's rows, already contiguous.
  // Aᵀ = Ũ Σ Ṽᵀ gives A = Ṽ Σ Ũᵀ: u = Ṽ (= ṽtᵀ), vt = Ũᵀ (= ũt).
  const r = svdOfColumns(data.slice(), n, m, true);
  const ut = r.ut!;
  let u: Matrix64 = { rows: m, cols: 0, data: new Float64Array(0) };
  if (computeU) {
    const ud = new Float64Array(m * m);
    const vt = r.vt;
    for (let i = 0; i < m; i++) for (let c = 0; c < m; c++) ud[i * m + c] = vt[c * m + i]!;
    u = { rows: m, cols: m, data: ud };
  }
  return { u, s: r.s, vt: { rows: m, cols: n, data: ut } };
}

/** Kernel result of {@link svdOfColumns}: M = Ũ Σ Ṽᵀ with Ũ's columns as the rows of `ut`. */
export interface ColumnSvd {
  /** p×q: row c is the left singular vector c (null when not asked for). */
  ut: Float64Array | null;
  /** The p singular values, descending. */
  s: Float64Array;
  /** p×p: row c is the right singular vector c. */
  vt: Float64Array;
}

/**
 * Kernel of {@link svd} without validation: thin SVD of a tall q×p matrix M (q ≥ p ≥ 1)
 * given by columns (`cols`: p rows of length q, overwritten). O(q·p² + sweeps·p³).
 *
 * @param cols - M's columns, row after row (overwritten)
 * @param q - rows of M
 * @param p - columns of M (p ≤ q)
 * @param wantU - compute the left singular vectors
 * @returns the factors, sorted by descending singular value
 * @throws LatentError `E_CONVERGENCE` if the Jacobi sweeps do not converge
 * @example
 * ```ts
 * svdOfColumns(new Float64Array([3, 0, 0, 2]), 2, 2, true).s; // Float64Array [3, 2]
 * ```
 */
export function svdOfColumns(cols: Float64Array, q: number, p: number, wantU: boolean): ColumnSvd {
  let maxAbs = 0;
  for (let i = 0; i < q * p; i++) {
    const v = Math.abs(cols[i]!);
    if (v > maxAbs) maxAbs = v;
  }
  const s = new Float64Array(p);
  const vt = new Float64Array(p * p);
  for (let c = 0; c < p; c++) vt[c * p + c] = 1;
  if (maxAbs === 0) {
    let ut: Float64Array | null = null;
    if (wantU) {
      ut = new Float64Array(p * q);
      for (let c = 0; c < p; c++) ut[c * q + c] = 1;
    }
    return { ut, s, vt };
  }
  // Divide (never multiply by 1 / maxAbs): for a subnormal maxAbs the reciprocal overflows to
  // Infinity, while x / maxAbs with |x| ≤ maxAbs is always finite and in [−1, 1].
  for (let i = 0; i < q * p; i++) cols[i] = cols[i]! / maxAbs;

  // 1. QR: M = Q R. Copy R's columns into g (p×p, row c = column c of R).
  const tau = new Float64Array(p);
  householderQr(cols, q, p, tau);
  const g = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    const co = c * q;
    for (let r = 0; r <= c; r++) g[c * p + r] = cols[co + r]!;
  }

  // 2. One-sided Jacobi on R's columns: R V = U_R Σ.
  jacobiColumns(g, p, vt);

  // 3. Singular values = column norms; sort descending. σ₁ ≥ max|mᵢⱼ| = 1 after scaling, so a
  // column below NEGLIGIBLE is zero to 140 digits: flush it (its squares would underflow, so
  // Jacobi could not have orthogonalised it) and complete its left vector below.
  for (let c = 0; c < p; c++) {
    const v = safeNorm(g, c * p, c * p + p);
    s[c] = v < NEGLIGIBLE ? 0 : v;
  }
  const order = new Int32Array(p);
  for (let c = 0; c < p; c++) order[c] = c;
  sortByDescending(order, s);
  const sSorted = new Float64Array(p);
  const sScaled = new Float64Array(p);
  const vtSorted = new Float64Array(p * p);
  const gSorted = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    const o = order[c]!;
    sScaled[c] = s[o]!;
    sSorted[c] = scaleBack(s[o]!, maxAbs);
    vtSorted.set(vt.subarray(o * p, o * p + p), c * p);
    gSorted.set(g.subarray(o * p, o * p + p), c * p);
  }
  if (!wantU) return { ut: null, s: sSorted, vt: vtSorted };

  // 4. U_R = g / σ (completing zero columns), then U = Q [U_R; 0].
  for (let c = 0; c < p; c++) {
    const sc = sScaled[c]!;
    const co = c * p;
    if (sc > 0) {
      const is = 1 / sc;
      for (let r = 0; r < p; r++) gSorted[co + r] = gSorted[co + r]! * is;
    }
  }
  completeOrthonormal(gSorted, p, sScaled);
  const ut = new Float64Array(p * q);
  for (let c = 0; c < p; c++) ut.set(gSorted.subarray(c * p, c * p + p), c * q);
  applyQ(cols, q, p, tau, ut, p);
  return { ut, s: sSorted, vt: vtSorted };
}

/**
 * Cyclic one-sided Jacobi: rotates pairs of rows of `g` (the columns of a p×p matrix) until
 * every pair is orthogonal to |gᵢ·gⱼ| ≤ p·ε·‖gᵢ‖‖gⱼ‖, applying the same rotations to `vt`.
 */
/** Squared norm of a negligible column (see NEGLIGIBLE), a normal double. */
const NEGLIGIBLE_SQUARED = NEGLIGIBLE * NEGLIGIBLE;

function jacobiColumns(g: Float64Array, p: number, vt: Float64Array): void {
  const tol = Math.max(p, 4) * 2.220446049250313e-16;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let i = 0; i < p - 1; i++) {
      const io = i * p;
      for (let j = i + 1; j < p; j++) {
        const jo = j * p;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let r = 0; r < p; r++) {
          const x = g[io + r]!;
          const y = g[jo + r]!;
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        // A column below NEGLIGIBLE is flushed to zero afterwards: rotating it is pointless, and
        // its squares underflow into subnormals too coarse for the test below ever to pass
        // (found by the fuzz harness: mixed 10 / 1e-323 data never converged).
        if (alpha < NEGLIGIBLE_SQUARED || beta < NEGLIGIBLE_SQUARED) continue;
        if (Math.abs(gamma) <= tol * Math.sqrt(alpha) * Math.sqrt(beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const az = Math.abs(zeta);
        const t = az > 1e150 ? 1 / (2 * zeta) : (zeta >= 0 ? 1 : -1) / (az + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const sn = c * t;
        for (let r = 0; r < p; r++) {
          const x = g[io + r]!;
          const y = g[jo + r]!;
          g[io + r] = c * x - sn * y;
          g[jo + r] = sn * x + c * y;
        }
        for (let r = 0; r < p; r++) {
          const x = vt[io + r]!;
          const y = vt[jo + r]!;
          vt[io + r] = c * x - sn * y;
          vt[jo + r] = sn * x + c * y;
        }
      }
    }
    if (!rotated) return;
  }
  throw new LatentError('E_CONVERGENCE', `svd: one-sided Jacobi did not converge within ${MAX_SWEEPS} sweeps (p = ${p})`);
}

/** Stable sort of indices by descending value (insertion sort: p is small next to the O(p³) work). */
function sortByDescending(order: Int32Array, values: Float64Array): void {
  for (let i = 1; i < order.length; i++) {
    const o = order[i]!;
    const v = values[o]!;
    let j = i - 1;
    while (j >= 0 && values[order[j]!]! < v) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = o;
  }
}

/**
 * Replaces the rows c of `u` (p×p) with `s[c] = 0` by unit vectors orthogonal to every other
 * row, completing an orthonormal basis (the rows with `s[c] > 0` are orthonormal already). Each
 * completion starts from the coordinate vector e with the largest residual 1 − Σ u[o][e]² over
 * the rows placed so far — at least (rows missing)/p, so never a near-cancellation — and takes two
 * Gram–Schmidt passes. O(p²) per completed row; trying coordinate vectors one after another, as
 * before, cost O(p³) per row once few directions were left (9 s for a 300 × 260 matrix of rank
 * 130).
 */
function completeOrthonormal(u: Float64Array, p: number, s: Float64Array): void {
  let residual: Float64Array | null = null;
  let placed: Uint8Array | null = null;
  for (let c = 0; c < p; c++) {
    if (s[c]! > 0) continue;
    if (residual === null || placed === null) {
      residual = new Float64Array(p).fill(1);
      placed = new Uint8Array(p);
      for (let o = 0; o < p; o++) {
        if (!(s[o]! > 0)) continue;
        placed[o] = 1;
        const oo = o * p;
        for (let r = 0; r < p; r++) residual[r] = residual[r]! - u[oo + r]! * u[oo + r]!;
      }
    }
    let e = 0;
    for (let r = 1; r < p; r++) if (residual[r]! > residual[e]!) e = r;
    const co = c * p;
    u.fill(0, co, co + p);
    u[co + e] = 1;
    for (let pass = 0; pass < 2; pass++) {
      for (let o = 0; o < p; o++) {
        if (placed[o] === 0) continue;
        const oo = o * p;
        let d = 0;
        for (let r = 0; r < p; r++) d += u[oo + r]! * u[co + r]!;
        for (let r = 0; r < p; r++) u[co + r] = u[co + r]! - d * u[oo + r]!;
      }
    }
    const nrm = safeNorm(u, co, co + p);
    for (let r = 0; r < p; r++) {
      const v = u[co + r]! / nrm;
      u[co + r] = v;
      residual[r] = residual[r]! - v * v;
    }
    placed[c] = 1;
  }
}

/**
 * σ·maxAbs for a singular value σ of the matrix scaled to a largest entry of 1. Near
 * `Number.MAX_VALUE` the product can round past it although the true value (≥ the largest entry,
 * ≤ it times the rounding of σ) does not: that is `Number.MAX_VALUE`; a σ beyond rounding of 1 means
 * a singular value really above it (`E_RANGE`).
 *
 * @internal
 * @param sigma - the singular value of the scaled matrix
 * @param maxAbs - the largest |entry| it was scaled by
 * @param fn - public function name for the error
 * @returns the singular value of the matrix
 * @throws LatentError `E_RANGE` when it exceeds `Number.MAX_VALUE`
 * @example
 * ```ts
 * scaleBack(0.5, 4); // 2
 * ```
 */
export function scaleBack(sigma: number, maxAbs: number, fn = 'svd'): number {
  const v = sigma * maxAbs;
  if (v < Infinity) return v;
  if (sigma <= 1 + 1e-12) return Number.MAX_VALUE;
  throw new LatentError('E_RANGE', `${fn}: a singular value exceeds Number.MAX_VALUE (${describe(sigma)} × the largest entry ${describe(maxAbs)}); rescale A`);
}
