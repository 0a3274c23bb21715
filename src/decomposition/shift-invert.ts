/**
 * Shift-invert for the smallest eigenvalues of a sparse symmetric matrix: factor A − σI = LLᵀ
 * (fill-reducing ordering, sparse Cholesky) with σ just below the spectrum, so that Lanczos on
 * (A − σI)⁻¹ sees the wanted eigenvalues as its largest and best separated ones.
 */
import { LatentError } from '../core/errors.js';
import { assertMemory, formatBytes } from '../core/memory.js';
import type { CsrMatrix } from '../core/sparse.js';
import type { Work } from '../core/task.js';
import { amdOrder } from './amd.js';
import { levelWidth } from './rcm.js';
import { choleskyNumeric, choleskySymbolic, type CholeskyFactor } from './sparse-cholesky.js';

/** A factorisation of A − σI ready for solves. */
export interface ShiftInvertPlan {
  /** The Cholesky factor of P(A − σI)Pᵀ. */
  factor: CholeskyFactor;
  /** σ (below the smallest eigenvalue). */
  shift: number;
}

/** Why shift-invert was not used. */
export type ShiftInvertRefusal = 'too-large' | 'indefinite';

/**
 * Bytes per factor entry: a double and a row index.
 */
const BYTES_PER_ENTRY = 12;

/**
 * Orders A by approximate minimum degree, counts the factor (refusing one above `maxNnz` entries,
 * `maxFlops` multiply–adds — first predicted from the widest breadth-first level, then from the
 * ordering — or the memory budget), then factors A − σI for σ = −10⁻⁸·‖A‖∞ and, if that fails (A
 * is not positive semi-definite to working precision), σ = −10⁻⁵·‖A‖∞. When `lowerBound` is given (the
 * caller asked for shift-invert explicitly) two more shifts follow: that estimate of the
 * smallest eigenvalue minus a margin, and the Gershgorin bound min(a_ii − Σ|a_ij|) below which
 * A − σI is diagonally dominant.
 *
 * @param fn - public function name
 * @param A - symmetric CSR (both triangles)
 * @param maxNnz - largest acceptable factor (entries)
 * @param maxFlops - largest acceptable factorisation work (multiply–adds)
 * @param memoryLimit - the call's budget in bytes
 * @param lowerBound - optional `() => estimate` of the smallest eigenvalue, for indefinite A
 * @returns a generator returning the plan or the reason for refusing
 * @throws LatentError `E_MEMORY` only through `assertMemory` when the caller set maxNnz = Infinity
 * @example
 * ```ts
 * const plan = runSync(factorBelowSpectrum('eigsh', L, Infinity, Infinity, 2 ** 32), { fn: 'eigsh' });
 * ```
 */
export function* factorBelowSpectrum(
  fn: string,
  A: CsrMatrix,
  maxNnz: number,
  maxFlops: number,
  memoryLimit: number,
  lowerBound?: () => Work<number>,
): Work<ShiftInvertPlan | ShiftInvertRefusal> {
  const n = A.rows;
  const { offsets, values } = A;
  yield { stage: 'order', completed: 0, total: n };
  if (maxFlops < Infinity) {
    // A cheap look before ordering: a wide breadth-first level means a dense core of ~width³/3.
    const width = levelWidth(n, offsets, A.indices);
    if ((width * width * width) / 3 > maxFlops) return 'too-large';
    yield;
  }
  // The ordering's own estimate may undercount a little: give it slack, then check exactly.
  const perm = yield* amdOrder(n, offsets, A.indices, 2 * maxFlops);
  if (perm === null) return 'too-large';
  const cap = Math.min(maxNnz, memoryLimit / BYTES_PER_ENTRY);
  const symbolic = yield* choleskySymbolic(A, perm, cap);
  if (symbolic !== null && symbolic.flops > maxFlops) return 'too-large';
  if (symbolic === null) {
    if (maxNnz === Infinity) {
      assertMemory(fn, `the sparse Cholesky factor for shift-invert (more than ${formatBytes(cap * BYTES_PER_ENTRY)})`, Infinity, memoryLimit);
    }
    return 'too-large';
  }
  // The supernodal blocks also hold the unused upper triangles of their diagonal blocks, plus
  // one update buffer of (largest supernode rows) × (widest supernode).
  let maxRows = 0;
  let maxWidth = 0;
  for (let s = 0; s < symbolic.nsuper; s++) {
    maxRows = Math.max(maxRows, symbolic.rowStart[s + 1]! - symbolic.rowStart[s]!);
    maxWidth = Math.max(maxWidth, symbolic.superStart[s + 1]! - symbolic.superStart[s]!);
  }
  const storage = symbolic.valueStart[symbolic.nsuper]!;
  const bytes = 8 * (storage + maxRows * maxWidth + 32 * maxRows) + 4 * symbolic.rows.length + 40 * n;
  if (bytes > memoryLimit && maxNnz !== Infinity) return 'too-large';
  assertMemory(fn, 'the sparse Cholesky factor for shift-invert', bytes, memoryLimit, 8 * storage);
  let norm = 0;
  let gershgorin = Infinity;
  for (let i = 0; i < n; i++) {
    let row = 0;
    let diag = 0;
    for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
      const v = values[p]!;
      row += Math.abs(v);
      if (A.indices[p] === i) diag = v;
    }
    norm = Math.max(norm, row);
    gershgorin = Math.min(gershgorin, diag - (row - Math.abs(diag)));
  }
  if (norm === 0) norm = 1;
  // σ = −10⁻⁸‖A‖∞: each solve's rounding (backward error ε‖A‖) reaches the other eigenvectors
  // amplified by ‖A‖/|σ|, so a smaller |σ| costs accuracy (10⁻¹² gives 10⁻⁷ errors on a graph
  // Laplacian) while a larger one merges the tiny eigenvalues of LLE's M (10⁻⁸–10⁻¹²·‖M‖) in
  // the transformed spectrum only slowly (10⁻⁶ still converges in ~2× the solves). Measured.
  for (const shift of [-1e-8 * norm, -1e-5 * norm]) {
    yield { stage: 'factorize', completed: 0, total: n };
    const factor = yield* choleskyNumeric(A, shift, symbolic);
    if (factor !== null) return { factor, shift };
  }
  if (lowerBound === undefined) return 'indefinite';
  const estimate = yield* lowerBound();
  for (const shift of [estimate - 1e-3 * norm, estimate - 1e-1 * norm, gershgorin - 1e-8 * norm]) {
    yield { stage: 'factorize', completed: 0, total: n };
    const factor = yield* choleskyNumeric(A, shift, symbolic);
    if (factor !== null) return { factor, shift };
  }
  // A − σI is strictly diagonally dominant with a positive diagonal at the last shift.
  throw new LatentError('E_CONVERGENCE', `${fn}: the Cholesky factorisation of A − σI failed even below the Gershgorin bound σ = ${gershgorin - 1e-8 * norm}`);
}
