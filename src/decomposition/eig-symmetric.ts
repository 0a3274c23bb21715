/**
 * Eigendecomposition of a real symmetric matrix: Householder reduction to tridiagonal form,
 * then the implicit QL algorithm with Wilkinson-type shifts (EISPACK `tred2` / `tql2`, as in
 * JAMA), on row-major storage arranged so every inner loop runs over contiguous memory.
 */
import { LatentError, describe } from '../core/errors.js';
import { asMatrix64, type Matrix64, type MatrixLike } from '../core/matrix.js';
import { assertOneOf } from '../core/validate.js';
import { readOptions, type OptionKeys } from '../core/options.js';

/** Options of {@link eigSymmetric}. */
export interface EigSymmetricOptions {
  /**
   * Order of the eigenvalues (and of the matching eigenvector rows).
   * @defaultValue 'descending'
   */
  order?: 'descending' | 'ascending';
}

const EIG_SYMMETRIC_KEYS: OptionKeys<EigSymmetricOptions> = { order: true };

/** Result of {@link eigSymmetric}. */
export interface EigSymmetricResult {
  /** The n eigenvalues, sorted as asked. */
  values: Float64Array;
  /** n×n; row i is the unit eigenvector of `values[i]` (rows are orthonormal). */
  vectors: Matrix64;
}

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix: `A vᵢ = λᵢ vᵢ`.
 *
 * Householder tridiagonalisation followed by implicit QL iterations: O(n³) time (about
 * 9n³ flops with vectors), O(n²) memory. Backward stable: every computed pair satisfies
 * ‖A v − λ v‖ ≤ c·n·ε·‖A‖ and the eigenvectors are orthonormal to working precision,
 * including for singular, rank-deficient and ill-conditioned matrices. The matrix is scaled by
 * its largest entry first, so huge or tiny entries neither overflow nor underflow. Only
 * symmetric input is accepted (within 1e-10 of the largest entry); the two triangles are
 * averaged.
 *
 * @param A - a symmetric n×n matrix (Matrix, number[][] or Float64Array[])
 * @param options - see {@link EigSymmetricOptions}
 * @returns eigenvalues (descending by default) and unit eigenvectors as rows
 * @throws LatentError `E_SHAPE` when A is not square or is empty, `E_RANGE` when A is not
 *   symmetric or an eigenvalue lies beyond the double range (entries near ±MAX_VALUE), `E_NOT_FINITE` for NaN/±Infinity, `E_OPTION` for an unknown `order`,
 *   `E_CONVERGENCE` if the QL iteration does not converge (not observed in practice)
 * @example
 * ```ts
 * const { values, vectors } = eigSymmetric([[2, 1], [1, 2]]);
 * values;       // Float64Array [3, 1.0000000000000002]
 * vectors.data; // Float64Array [0.7071067811865475, 0.7071067811865475, 0.7071067811865475, -0.7071067811865475] (rows)
 * ```
 * @see scipy.linalg.eigh; LAPACK dsyev; J. H. Wilkinson & C. Reinsch, Handbook for Automatic Computation II (1971)
 */
export function eigSymmetric(A: MatrixLike, options?: EigSymmetricOptions): EigSymmetricResult {
  const fn = 'eigSymmetric';
  const o = readOptions(fn, options, EIG_SYMMETRIC_KEYS);
  const order = assertOneOf(fn, 'order', o.order ?? 'descending', ['descending', 'ascending'] as const);
  const a = asMatrix64(A, fn, 'A');
  const n = a.rows;
  if (n !== a.cols || n === 0) {
    throw new LatentError('E_SHAPE', `${fn}: A must be a non-empty square matrix, got ${a.rows}×${a.cols}`);
  }
  const src = a.data;
  let maxAbs = 0;
  for (let i = 0; i < n * n; i++) {
    const v = Math.abs(src[i]!);
    if (v > maxAbs) maxAbs = v;
  }
  const w = new Float64Array(n * n);
  const values = new Float64Array(n);
  if (maxAbs === 0) {
    for (let i = 0; i < n; i++) w[i * n + i] = 1;
    return { values, vectors: { rows: n, cols: n, data: w } };
  }
  // Scale by a power of two near 1/maxAbs (exact; 1/maxAbs itself overflows for subnormal
  // matrices), in two factors when the exponent is beyond a double's range.
  const e = Math.round(Math.log2(maxAbs));
  const upHi = 2 ** Math.max(-1000, Math.min(1000, -e));
  const upLo = 2 ** (-e - Math.max(-1000, Math.min(1000, -e)));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const x = src[i * n + j]! * upHi * upLo;
      const y = src[j * n + i]! * upHi * upLo;
      if (Math.abs(x - y) > 1e-10) {
        throw new LatentError('E_RANGE', `${fn}: A must be symmetric, got A[${i}][${j}] = ${describe(src[i * n + j])} but A[${j}][${i}] = ${describe(src[j * n + i])}`);
      }
      const s = 0.5 * (x + y);
      w[i * n + j] = s;
      w[j * n + i] = s;
    }
  }
  symmetricEigenInPlace(w, n, values, order === 'descending');
  for (let i = 0; i < n; i++) {
    values[i] = (values[i]! / upHi) / upLo;
    // Entries near ±MAX_VALUE can have eigenvalues beyond it (e.g. [[M, M], [M, 1]]): refused, never ±Infinity.
    if (values[i]! - values[i]! !== 0) {
      throw new LatentError('E_RANGE', `${fn}: eigenvalue ${i} must be finite, got ${describe(values[i])} (A's entries reach ${describe(maxAbs)}); rescale A`);
    }
  }
  return { values, vectors: { rows: n, cols: n, data: w } };
}

/**
 * Kernel of {@link eigSymmetric} without validation: on entry `w` holds a symmetric n×n matrix
 * (row-major, both triangles), on exit row i of `w` is the unit eigenvector of `values[i]`.
 * Eigenvalues are sorted descending (or ascending). O(n³).
 *
 * @param w - the symmetric matrix (overwritten by the eigenvectors, as rows)
 * @param n - order
 * @param values - length n, receives the eigenvalues
 * @param descending - sort order
 * @throws LatentError `E_CONVERGENCE` if the QL iteration does not converge
 * @example
 * ```ts
 * const w = new Float64Array([2, 1, 1, 2]), values = new Float64Array(2);
 * symmetricEigenInPlace(w, 2, values, true); // values = [3, 1]
 * ```
 */
export function symmetricEigenInPlace(w: Float64Array, n: number, values: Float64Array, descending: boolean): void {
  const e = new Float64Array(n);
  tridiagonalize(w, n, values, e);
  tridiagonalQl(w, n, values, e);
  sortPairs(w, n, values, descending);
}

/** Off-diagonal row sums below both bounds are flushed to zero by the tridiagonalization. */
const FLUSH_ABSOLUTE = 2 ** -900;
/** See {@link FLUSH_ABSOLUTE}: relative to the largest entry. */
const FLUSH_RELATIVE = 2 ** -200;

/**
 * Householder reduction to tridiagonal form (EISPACK `tred2`). `w` holds Vᵀ in the JAMA
 * formulation (`V[a][b]` is `w[b·n + a]`), so each inner loop is contiguous; on exit `w` holds
 * Qᵀ (rows = columns of the accumulated orthogonal Q), `d` the diagonal and `e` the
 * sub-diagonal (e[0] = 0) of T = Qᵀ A Q.
 */
function tridiagonalize(w: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  let normA = 0;
  for (let t = 0; t < n * n; t++) if (Math.abs(w[t]!) > normA) normA = Math.abs(w[t]!);
  // A row whose entries left of the diagonal are all deep in the subnormal range (and negligible
  // next to the matrix) is treated as zero: dividing by their sum amplifies their few significant
  // bits into a non-orthogonal reflector (NaN eigenvectors). They move eigenvalues by at most
  // n·2^−200·‖A‖ and eigenvectors only across gaps that double precision cannot resolve.
  const negligible = Math.min(FLUSH_ABSOLUTE, normA * FLUSH_RELATIVE);
  for (let j = 0; j < n; j++) d[j] = w[j * n + n - 1]!;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale < negligible) {
      for (let k = 0; k < i; k++) d[k] = 0;
      scale = 0;
    }
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = w[j * n + i - 1]!;
        w[j * n + i] = 0;
        w[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        const v = d[k]! / scale;
        d[k] = v;
        h += v * v;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        w[i * n + j] = f;
        const row = j * n;
        g = e[j]! + w[row + j]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          const v = w[row + k]!;
          g += v * d[k]!;
          e[k] = e[k]! + v * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] = e[j]! / h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] = e[j]! - hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        const row = j * n;
        for (let k = j; k <= i - 1; k++) w[row + k] = w[row + k]! - (f * e[k]! + g * d[k]!);
        d[j] = w[row + i - 1]!;
        w[row + i] = 0;
      }
    }
    d[i] = h;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    w[i * n + n - 1] = w[i * n + i]!;
    w[i * n + i] = 1;
    const h = d[i + 1]!;
    const next = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = w[next + k]! / h;
      for (let j = 0; j <= i; j++) {
        const row = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += w[next + k]! * w[row + k]!;
        for (let k = 0; k <= i; k++) w[row + k] = w[row + k]! - g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) w[next + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = w[j * n + n - 1]!;
    w[j * n + n - 1] = 0;
  }
  w[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/** √(a² + b²) without overflow or destructive underflow. */
function hypot(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x > y) {
    const r = y / x;
    return x * Math.sqrt(1 + r * r);
  }
  if (y === 0) return 0;
  const r = x / y;
  return y * Math.sqrt(1 + r * r);
}

/**
 * Implicit QL iterations on the tridiagonal (d, e) from {@link tridiagonalize} (EISPACK
 * `tql2`), accumulating the plane rotations into the rows of `w`.
 */
function tridiagonalQl(w: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  const maxIter = 60 * n + 60;
  let iterations = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]!) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      do {
        if (++iterations > maxIter) {
          throw new LatentError('E_CONVERGENCE', `eigSymmetric: the QL iteration did not converge within ${maxIter} steps (n = ${n})`);
        }
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i] = d[i]! - h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          // Rotate rows i and i + 1 of w (columns of V).
          const ri = i * n;
          const rj = ri + n;
          for (let k = 0; k < n; k++) {
            const hk = w[rj + k]!;
            const vk = w[ri + k]!;
            w[rj + k] = s * vk + c * hk;
            w[ri + k] = c * vk - s * hk;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
}

/** Sorts eigenvalues (and the matching rows of `w`) descending or ascending. */
function sortPairs(w: Float64Array, n: number, d: Float64Array, descending: boolean): void {
  // Selection sort by swapping rows: O(n²) comparisons and at most n row swaps (O(n²) moves),
  // negligible next to the O(n³) decomposition.
  for (let i = 0; i < n - 1; i++) {
    let best = i;
    let bv = d[i]!;
    for (let j = i + 1; j < n; j++) {
      const v = d[j]!;
      if (descending ? v > bv : v < bv) {
        best = j;
        bv = v;
      }
    }
    if (best !== i) {
      d[best] = d[i]!;
      d[i] = bv;
      const ri = i * n;
      const rb = best * n;
      for (let k = 0; k < n; k++) {
        const t = w[ri + k]!;
        w[ri + k] = w[rb + k]!;
        w[rb + k] = t;
      }
    }
  }
}
