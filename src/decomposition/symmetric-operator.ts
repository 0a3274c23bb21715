/**
 * The three ways to hand a symmetric matrix to {@link eigsh}: a sparse {@link CsrMatrix}, a dense
 * {@link MatrixLike}, or a matrix-free {@link SymmetricOperator}; validated and wrapped once.
 */
import { powerOfTwoBelow } from '../core/power-scale.js';
import { LatentError, describe } from '../core/errors.js';
import { asMatrix64, isMatrix, type Matrix64, type MatrixLike } from '../core/matrix.js';
import { checkCsr, csrTranspose, type CsrMatrix } from '../core/sparse.js';

/**
 * A symmetric linear operator given by its action: `apply(x, out)` writes `A·x` into `out`
 * (both of length `n`; `out` never aliases `x`, and neither may be kept after the call). Use it
 * when A is implicit, e.g. a normalized graph Laplacian `I − D^{-1/2} W D^{-1/2}` applied without
 * forming it, or a product `BᵀB`.
 */
export interface SymmetricOperator {
  /** Order of the operator (length of its vectors). */
  n: number;
  /** `out ← A·x`. */
  apply(x: Float64Array, out: Float64Array): void;
}

/** Anything {@link eigsh} accepts as its symmetric matrix. */
export type SymmetricInput = CsrMatrix | MatrixLike | SymmetricOperator;

/** A validated input: its order, a matrix–vector product, and the matrix itself when there is one. */
export interface ParsedSymmetric {
  /** Order. */
  n: number;
  /** Where it came from. */
  kind: 'csr' | 'dense' | 'operator';
  /** Structurally and numerically symmetric CSR form (CSR input only). */
  csr?: CsrMatrix;
  /** Dense form (dense input only). */
  dense?: Matrix64;
  /** `out ← A·x`. */
  apply: (x: Float64Array, out: Float64Array) => void;
  /**
   * Set when the matrix was scaled by 2^−scaleExponent (exactly) because its entries exceed
   * 2^400: `csr`, `dense` and `apply` are the scaled matrix, and eigenvalues must be multiplied
   * back by 2^scaleExponent (see `eigshWork`). Unset for operators and ordinary matrices.
   */
  scaleExponent?: number;
}

/** Entries beyond this are scaled down before solving: Lanczos squares vector norms (overflow near 1e154). */
const SCALE_ABOVE = 2 ** 400;


/** Relative asymmetry (to the largest entry) above which a matrix is rejected as not symmetric. */
const SYMMETRY_TOL = 1e-10;

/**
 * Validates `A` as a square symmetric matrix or operator and wraps it.
 *
 * CSR input is checked structurally (`checkCsr`) and for symmetry (|a_ij − a_ji| ≤ 1e-10 · max|a|,
 * O(nnz)); when its two triangles differ (slightly, or by explicit zeros on one side only) the
 * average (A + Aᵀ)/2 is used. Dense input must be symmetric to the same tolerance. An operator
 * cannot be checked: it is trusted to be symmetric.
 *
 * @param fn - public function name for messages
 * @param A - the input
 * @returns the parsed input
 * @throws LatentError `E_TYPE`, `E_SHAPE` (not square, empty), `E_RANGE` (not symmetric, bad CSR indices), `E_NOT_FINITE`
 * @example
 * ```ts
 * parseSymmetric('eigsh', [[2, 1], [1, 2]]).n; // 2
 * ```
 */
export function parseSymmetric(fn: string, A: unknown): ParsedSymmetric {
  if (typeof A !== 'object' || A === null) {
    throw new LatentError('E_TYPE', `${fn}: A must be a CsrMatrix, a square matrix or a { n, apply } operator, got ${describe(A)}`);
  }
  const o = A as Record<string, unknown>;
  if (typeof o['apply'] === 'function') {
    const n = o['n'];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      throw new LatentError('E_RANGE', `${fn}: A.n (operator order) must be an integer >= 1, got ${describe(n)}`);
    }
    const op = A as SymmetricOperator;
    return { n, kind: 'operator', apply: (x, out) => op.apply(x, out) };
  }
  if (!isMatrix(A) && (o['offsets'] !== undefined || o['indices'] !== undefined)) {
    const m = checkCsr(fn, 'A', A);
    if (m.rows !== m.cols || m.rows === 0) throw new LatentError('E_SHAPE', `${fn}: A must be a non-empty square matrix, got ${m.rows}×${m.cols}`);
    let csr = symmetricCsr(fn, m);
    let scaleExponent: number | undefined;
    let maxAbs = 0;
    for (let p = 0; p < csr.values.length; p++) maxAbs = Math.max(maxAbs, Math.abs(csr.values[p]!));
    if (maxAbs > SCALE_ABOVE) {
      const { inv, exponent } = powerOfTwoBelow(maxAbs);
      csr = { ...csr, values: csr.values.map((v) => v * inv) };
      scaleExponent = exponent;
    }
    const { offsets, indices, values } = csr;
    const n = m.rows;
    const apply = (x: Float64Array, out: Float64Array): void => {
      for (let i = 0; i < n; i++) {
        let s = 0;
        const end = offsets[i + 1]!;
        for (let p = offsets[i]!; p < end; p++) s += values[p]! * x[indices[p]!]!;
        out[i] = s;
      }
    };
    return scaleExponent === undefined ? { n, kind: 'csr', csr, apply } : { n, kind: 'csr', csr, apply, scaleExponent };
  }
  const d = asMatrix64(A as MatrixLike, fn, 'A');
  const n = d.rows;
  if (n !== d.cols || n === 0) throw new LatentError('E_SHAPE', `${fn}: A must be a non-empty square matrix, got ${d.rows}×${d.cols}`);
  const a = d.data;
  let maxAbs = 0;
  for (let p = 0; p < n * n; p++) maxAbs = Math.max(maxAbs, Math.abs(a[p]!));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(a[i * n + j]! - a[j * n + i]!) > SYMMETRY_TOL * maxAbs) {
        throw new LatentError('E_RANGE', `${fn}: A must be symmetric, got A[${i}][${j}] = ${describe(a[i * n + j])} but A[${j}][${i}] = ${describe(a[j * n + i])}`);
      }
    }
  }
  let dense = d;
  let scaleExponent: number | undefined;
  if (maxAbs > SCALE_ABOVE) {
    const { inv, exponent } = powerOfTwoBelow(maxAbs);
    dense = { rows: n, cols: n, data: a.map((v) => v * inv) };
    scaleExponent = exponent;
  }
  const b = dense.data;
  const apply = (x: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      const o2 = i * n;
      for (let j = 0; j < n; j++) s += b[o2 + j]! * x[j]!;
      out[i] = s;
    }
  };
  return scaleExponent === undefined ? { n, kind: 'dense', dense, apply } : { n, kind: 'dense', dense, apply, scaleExponent };
}

/**
 * `A` itself when it is exactly symmetric (same pattern, same values), else (A + Aᵀ)/2 — after
 * checking the two triangles agree to 1e-10 of the largest entry.
 */
function symmetricCsr(fn: string, A: CsrMatrix): CsrMatrix {
  const T = csrTranspose(A);
  const n = A.rows;
  let maxAbs = 0;
  for (let p = 0; p < A.values.length; p++) maxAbs = Math.max(maxAbs, Math.abs(A.values[p]!));
  const limit = SYMMETRY_TOL * maxAbs;
  let exact = true;
  let merged = 0;
  mergeRows(A, T, (i, j, x, y, differ) => {
    if (differ) exact = false;
    if (Math.abs(x - y) > limit) {
      throw new LatentError('E_RANGE', `${fn}: A must be symmetric, got A[${i}][${j}] = ${describe(x)} but A[${j}][${i}] = ${describe(y)}`);
    }
    merged++;
  });
  if (exact) return A;
  const offsets = new Int32Array(n + 1);
  const indices = new Int32Array(merged);
  const values = new Float64Array(merged);
  let w = 0;
  mergeRows(A, T, (i, j, x, y) => {
    indices[w] = j;
    values[w++] = 0.5 * (x + y);
    offsets[i + 1] = w;
  });
  for (let i = 0; i < n; i++) if (offsets[i + 1]! < offsets[i]!) offsets[i + 1] = offsets[i]!; // empty rows
  return { rows: n, cols: n, offsets, indices, values };
}

/**
 * Visits the union of the patterns of A and T row by row in column order, with both values
 * (0 where a pattern lacks the entry) and whether the two differ (value or presence).
 */
function mergeRows(A: CsrMatrix, T: CsrMatrix, visit: (i: number, j: number, x: number, y: number, differ: boolean) => void): void {
  const n = A.rows;
  for (let i = 0; i < n; i++) {
    let p = A.offsets[i]!;
    let q = T.offsets[i]!;
    const pe = A.offsets[i + 1]!;
    const qe = T.offsets[i + 1]!;
    while (p < pe || q < qe) {
      const cp = p < pe ? A.indices[p]! : n;
      const cq = q < qe ? T.indices[q]! : n;
      const j = Math.min(cp, cq);
      const x = cp === j ? A.values[p++]! : 0;
      const y = cq === j ? T.values[q++]! : 0;
      visit(i, j, x, y, cp !== cq || x !== y);
    }
  }
}
