/**
 * Sparse Cholesky factorisation P(A − σI)Pᵀ = LLᵀ of a symmetric CSR matrix: elimination tree and
 * exact factor size first (so a caller can refuse a factor that would not fit), then the
 * up-looking numeric factorisation row by row, and the two triangular solves.
 */
import type { CsrMatrix } from '../core/sparse.js';
import type { Work } from '../core/task.js';

/** The structure of a sparse Cholesky factor, before any arithmetic. */
export interface CholeskySymbolic {
  /** Order of the matrix. */
  n: number;
  /** `perm[k]` = original row eliminated k-th. */
  perm: Int32Array;
  /** Inverse of `perm`. */
  inverse: Int32Array;
  /** Elimination tree of the permuted matrix (−1 at roots). */
  parent: Int32Array;
  /** Column starts of L (length n + 1); each column holds its diagonal first. */
  colPtr: Int32Array;
  /** Entries of L, diagonal included. */
  nnz: number;
  /** Multiply–adds of the numeric factorisation: Σ (column count)². */
  flops: number;
}

/** A numeric sparse Cholesky factor L by columns (rows increasing, diagonal first). */
export interface CholeskyFactor {
  /** The structure. */
  symbolic: CholeskySymbolic;
  /** Row of each entry. */
  rowIdx: Int32Array;
  /** Value of each entry. */
  values: Float64Array;
}

/** Work units (multiply–adds or visited entries) between checkpoints. */
const WORK_PER_CHECKPOINT = 1 << 20;

/**
 * Elimination tree and column counts of the Cholesky factor of `A[perm, perm]` (A symmetric,
 * both triangles stored). O(nnz(L)) time, O(n) memory besides the counts. Stops early and
 * returns `null` as soon as the factor would hold more than `maxNnz` entries.
 *
 * @param A - a structurally symmetric CSR matrix
 * @param perm - the elimination order (see `amdOrder`)
 * @param maxNnz - largest acceptable factor
 * @returns a generator returning the structure, or null when it is too large
 * @example
 * ```ts
 * const s = runSync(choleskySymbolic(A, perm, Infinity), { fn: 'demo' });
 * s?.nnz; // entries of L
 * ```
 * @see T. A. Davis, Direct Methods for Sparse Linear Systems, SIAM 2006, ch. 4
 */
export function* choleskySymbolic(A: CsrMatrix, perm: Int32Array, maxNnz: number): Work<CholeskySymbolic | null> {
  const n = A.rows;
  const inverse = new Int32Array(n);
  for (let k = 0; k < n; k++) inverse[perm[k]!] = k;
  const parent = eliminationTree(A, perm, inverse);
  yield;
  // Row k of L is the union of the tree paths from each i < k with C[k, i] ≠ 0 up to k.
  const counts = new Float64Array(n).fill(1);
  const flag = new Int32Array(n).fill(-1);
  const state = { nnz: n };
  for (let k = 0; k < n; ) {
    k = countRows(A, perm, inverse, parent, counts, flag, state, k, maxNnz);
    if (state.nnz > maxNnz) return null;
    yield;
  }
  const colPtr = new Int32Array(n + 1);
  let flops = 0;
  for (let j = 0; j < n; j++) {
    const c = counts[j]!;
    colPtr[j + 1] = colPtr[j]! + c;
    flops += c * c;
  }
  return { n, perm, inverse, parent, colPtr, nnz: state.nnz, flops };
}

/** Liu's algorithm with path compression: the elimination tree of A[perm, perm]. */
function eliminationTree(A: CsrMatrix, perm: Int32Array, inverse: Int32Array): Int32Array {
  const n = A.rows;
  const { offsets, indices } = A;
  const parent = new Int32Array(n).fill(-1);
  const ancestor = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    const r = perm[k]!;
    for (let p = offsets[r]!; p < offsets[r + 1]!; p++) {
      let i = inverse[indices[p]!]!;
      while (i !== -1 && i < k) {
        const up = ancestor[i]!;
        ancestor[i] = k;
        if (up === -1) parent[i] = k;
        i = up;
      }
    }
  }
  return parent;
}

/** Adds the row patterns of rows k0, k0 + 1, … to the column counts until a checkpoint is due; returns the next row. */
function countRows(
  A: CsrMatrix,
  perm: Int32Array,
  inverse: Int32Array,
  parent: Int32Array,
  counts: Float64Array,
  flag: Int32Array,
  state: { nnz: number },
  k0: number,
  maxNnz: number,
): number {
  const n = A.rows;
  const { offsets, indices } = A;
  let nnz = state.nnz;
  let work = 0;
  let k = k0;
  for (; k < n && work < WORK_PER_CHECKPOINT && nnz <= maxNnz; k++) {
    flag[k] = k;
    const r = perm[k]!;
    const before = nnz;
    for (let p = offsets[r]!; p < offsets[r + 1]!; p++) {
      let i = inverse[indices[p]!]!;
      if (i >= k) continue;
      while (flag[i] !== k) {
        flag[i] = k;
        counts[i]!++;
        nnz++;
        i = parent[i]!;
      }
    }
    work += offsets[r + 1]! - offsets[r]! + 1 + nnz - before;
  }
  state.nnz = nnz;
  return k;
}

/**
 * Numeric factorisation of `P(A − σI)Pᵀ = LLᵀ` on a structure from {@link choleskySymbolic}
 * (up-looking: row k of L by a sparse triangular solve along the elimination tree). O(flops)
 * time, nnz(L) doubles and indices. Returns `null` when a pivot is not positive (A − σI is not
 * positive definite to working precision).
 *
 * @param A - the matrix (the structure's source)
 * @param shift - σ
 * @param symbolic - the structure
 * @returns a generator returning the factor, or null
 * @example
 * ```ts
 * const F = runSync(choleskyNumeric(A, 0, s), { fn: 'demo' });
 * ```
 * @see T. A. Davis, Direct Methods for Sparse Linear Systems, SIAM 2006, §4.2
 */
export function* choleskyNumeric(A: CsrMatrix, shift: number, symbolic: CholeskySymbolic): Work<CholeskyFactor | null> {
  const n = symbolic.n;
  const f: NumericState = {
    rowIdx: new Int32Array(symbolic.nnz),
    values: new Float64Array(symbolic.nnz),
    x: new Float64Array(n),
    flag: new Int32Array(n).fill(-1),
    stack: new Int32Array(n),
    next: new Int32Array(n),
  };
  for (let k = 0; k < n; ) {
    k = factorRows(A, shift, symbolic, f, k);
    if (k < 0) return null;
    yield { stage: 'factorize', completed: k, total: n };
  }
  return { symbolic, rowIdx: f.rowIdx, values: f.values };
}

/** Working arrays of the numeric factorisation. */
interface NumericState {
  rowIdx: Int32Array;
  values: Float64Array;
  /** Dense accumulator of the current row. */
  x: Float64Array;
  flag: Int32Array;
  /** Row pattern in topological order. */
  stack: Int32Array;
  /** Next free slot of each column. */
  next: Int32Array;
}

/**
 * Computes rows k0, k0 + 1, … of L until a checkpoint is due; returns the next row, or −1 when a
 * pivot is not positive.
 */
function factorRows(A: CsrMatrix, shift: number, symbolic: CholeskySymbolic, f: NumericState, k0: number): number {
  const { n, perm, inverse, parent, colPtr } = symbolic;
  const { offsets, indices, values: a } = A;
  const { rowIdx, values, x, flag, stack, next } = f;
  let work = 0;
  let k = k0;
  for (; k < n && work < WORK_PER_CHECKPOINT; k++) {
    // Pattern of row k in topological order (descendants first) in stack[top .. n).
    let top = n;
    flag[k] = k;
    let d = -shift;
    const r = perm[k]!;
    for (let p = offsets[r]!; p < offsets[r + 1]!; p++) {
      let i = inverse[indices[p]!]!;
      if (i > k) continue;
      if (i === k) {
        d += a[p]!;
        continue;
      }
      x[i] = x[i]! + a[p]!;
      let len = 0;
      while (flag[i] !== k) {
        stack[len++] = i;
        flag[i] = k;
        i = parent[i]!;
      }
      while (len > 0) stack[--top] = stack[--len]!;
    }
    for (let t = top; t < n; t++) {
      const j = stack[t]!;
      const start = colPtr[j]!;
      const lkj = x[j]! / values[start]!;
      x[j] = 0;
      const end = next[j]!;
      for (let p = start + 1; p < end; p++) x[rowIdx[p]!]! -= values[p]! * lkj;
      d -= lkj * lkj;
      rowIdx[end] = k;
      values[end] = lkj;
      next[j] = end + 1;
      work += end - start;
    }
    if (!(d > 0)) return -1;
    const start = colPtr[k]!;
    rowIdx[start] = k;
    values[start] = Math.sqrt(d);
    next[k] = start + 1;
    work += n - top + 1;
  }
  return k;
}

/**
 * `out ← (A − σI)⁻¹ b` from the factor: permute, forward and backward triangular solves,
 * permute back. O(nnz(L)). `out` may alias `b`; `scratch` holds n doubles.
 *
 * @param F - the factor
 * @param b - right-hand side (length n)
 * @param out - receives the solution (length n)
 * @param scratch - n doubles of workspace
 * @example
 * ```ts
 * choleskySolve(F, b, x, new Float64Array(n));
 * ```
 */
export function choleskySolve(F: CholeskyFactor, b: Float64Array, out: Float64Array, scratch: Float64Array): void {
  const { n, perm, colPtr } = F.symbolic;
  const { rowIdx, values } = F;
  const y = scratch;
  for (let k = 0; k < n; k++) y[k] = b[perm[k]!]!;
  for (let j = 0; j < n; j++) {
    const start = colPtr[j]!;
    const yj = y[j]! / values[start]!;
    y[j] = yj;
    const end = colPtr[j + 1]!;
    for (let p = start + 1; p < end; p++) y[rowIdx[p]!]! -= values[p]! * yj;
  }
  for (let j = n - 1; j >= 0; j--) {
    const start = colPtr[j]!;
    let s = y[j]!;
    const end = colPtr[j + 1]!;
    for (let p = start + 1; p < end; p++) s -= values[p]! * y[rowIdx[p]!]!;
    y[j] = s / values[start]!;
  }
  for (let k = 0; k < n; k++) out[perm[k]!] = y[k]!;
}
