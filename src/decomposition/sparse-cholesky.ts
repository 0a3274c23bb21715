/**
 * Sparse Cholesky factorisation P(A − σI)Pᵀ = LLᵀ of a symmetric CSR matrix, supernodal: the
 * elimination tree is postordered, columns with nested identical structure form supernodes stored
 * as dense row-major blocks, and the numeric phase is left-looking — each supernode receives the
 * updates of its descendants as dense products (`gemm`), then is factored as a dense panel. The
 * exact factor size is known before any arithmetic, so a caller can refuse one that would not fit.
 */
import { gemm } from '../core/gemm.js';
import type { CsrMatrix } from '../core/sparse.js';
import type { Work } from '../core/task.js';

/** The structure of a sparse Cholesky factor, before any arithmetic. */
export interface CholeskySymbolic {
  /** Order of the matrix. */
  n: number;
  /** `perm[k]` = original row eliminated k-th (the fill-reducing order, postordered). */
  perm: Int32Array;
  /** Inverse of `perm`. */
  inverse: Int32Array;
  /** Entries of L, diagonal included (as a simplicial factor would store them). */
  nnz: number;
  /** Multiply–adds of the numeric factorisation: Σ (column count)². */
  flops: number;
  /** Number of supernodes. */
  nsuper: number;
  /** First column of each supernode (length nsuper + 1). */
  superStart: Int32Array;
  /** Supernode of each column. */
  superOf: Int32Array;
  /** Start of each supernode's rows in `rows` (length nsuper + 1). */
  rowStart: Int32Array;
  /** Row indices of each supernode, increasing; its own columns first. */
  rows: Int32Array;
  /** Start of each supernode's dense block in the values (length nsuper + 1). */
  valueStart: Float64Array;
}

/** A numeric factor: each supernode's rows × columns block, row-major, in `values`. */
export interface CholeskyFactor {
  /** The structure. */
  symbolic: CholeskySymbolic;
  /** The blocks (the strict upper triangles of the diagonal blocks are unused). */
  values: Float64Array;
}

/** Work units (multiply–adds or visited entries) between checkpoints. */
const WORK_PER_CHECKPOINT = 1 << 21;

/** Columns per panel of the dense factorisation inside a supernode. */
const PANEL = 32;

/**
 * The structure of the Cholesky factor of `A[perm, perm]` (A symmetric, both triangles stored):
 * elimination tree, column counts (stopping early and returning `null` once the factor would hold
 * more than `maxNnz` entries), postorder, fundamental supernodes and their row structures.
 * O(nnz(L)) time, O(n + Σ supernode rows) memory.
 *
 * @param A - a structurally symmetric CSR matrix
 * @param order - the elimination order (see `amdOrder`); postordered here
 * @param maxNnz - largest acceptable factor
 * @returns a generator returning the structure, or null when it is too large
 * @example
 * ```ts
 * const s = runSync(choleskySymbolic(A, order, Infinity), { fn: 'demo' });
 * s?.nnz; // entries of L
 * ```
 * @see T. A. Davis, Direct Methods for Sparse Linear Systems, SIAM 2006, ch. 4; J. W. H. Liu, E. G. Ng & B. W. Peyton, "On finding supernodes for sparse matrix computations", SIAM J. Matrix Anal. Appl. 14 (1993)
 */
export function* choleskySymbolic(A: CsrMatrix, order: Int32Array, maxNnz: number): Work<CholeskySymbolic | null> {
  const n = A.rows;
  let inverse = new Int32Array(n);
  for (let k = 0; k < n; k++) inverse[order[k]!] = k;
  const parent0 = eliminationTree(A, order, inverse);
  // Postorder the tree so that every subtree, hence every supernode, is a contiguous range.
  const post = postorder(parent0, n);
  const perm = new Int32Array(n);
  for (let k = 0; k < n; k++) perm[k] = order[post[k]!]!;
  inverse = new Int32Array(n);
  for (let k = 0; k < n; k++) inverse[perm[k]!] = k;
  const postInverse = new Int32Array(n);
  for (let k = 0; k < n; k++) postInverse[post[k]!] = k;
  const parent = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const p = parent0[post[k]!]!;
    parent[k] = p === -1 ? -1 : postInverse[p]!;
  }
  yield;
  const counts = new Float64Array(n).fill(1);
  const flag = new Int32Array(n).fill(-1);
  const state = { nnz: n };
  for (let k = 0; k < n; ) {
    k = countRows(A, perm, inverse, parent, counts, flag, state, k, maxNnz);
    if (state.nnz > maxNnz) return null;
    yield;
  }
  let flops = 0;
  for (let j = 0; j < n; j++) flops += counts[j]! * counts[j]!;
  // Fundamental supernodes: j + 1 continues j's when j is its only child and their columns nest.
  const children = new Int32Array(n);
  for (let j = 0; j < n; j++) if (parent[j] !== -1) children[parent[j]!]!++;
  const superStartList: number[] = [0];
  for (let j = 1; j < n; j++) {
    if (!(parent[j - 1] === j && counts[j - 1] === counts[j]! + 1 && children[j] === 1)) superStartList.push(j);
  }
  superStartList.push(n);
  const nsuper = superStartList.length - 1;
  const superStart = Int32Array.from(superStartList);
  const superOf = new Int32Array(n);
  for (let s = 0; s < nsuper; s++) for (let j = superStart[s]!; j < superStart[s + 1]!; j++) superOf[j] = s;
  const rowStart = new Int32Array(nsuper + 1);
  const valueStart = new Float64Array(nsuper + 1);
  for (let s = 0; s < nsuper; s++) {
    const f = superStart[s]!;
    const w = superStart[s + 1]! - f;
    const r = counts[f]!;
    rowStart[s + 1] = rowStart[s]! + r;
    valueStart[s + 1] = valueStart[s]! + r * w;
  }
  yield;
  const rows = superRows(A, perm, inverse, parent, superStart, superOf, rowStart, nsuper);
  return { n, perm, inverse, nnz: state.nnz, flops, nsuper, superStart, superOf, rowStart, rows, valueStart };
}

/** Liu's algorithm with path compression: the elimination tree of A[order, order]. */
function eliminationTree(A: CsrMatrix, order: Int32Array, inverse: Int32Array): Int32Array {
  const n = A.rows;
  const { offsets, indices } = A;
  const parent = new Int32Array(n).fill(-1);
  const ancestor = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    const r = order[k]!;
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

/** `post[k]` = the k-th node of a depth-first postorder of the forest (children in increasing order). */
function postorder(parent: Int32Array, n: number): Int32Array {
  const head = new Int32Array(n).fill(-1);
  const next = new Int32Array(n);
  for (let j = n - 1; j >= 0; j--) {
    const p = parent[j]!;
    if (p === -1) continue;
    next[j] = head[p]!;
    head[p] = j;
  }
  const post = new Int32Array(n);
  const stack = new Int32Array(n);
  let k = 0;
  for (let root = 0; root < n; root++) {
    if (parent[root] !== -1) continue;
    let top = 0;
    stack[0] = root;
    while (top >= 0) {
      const v = stack[top]!;
      const c = head[v]!;
      if (c === -1) {
        top--;
        post[k++] = v;
      } else {
        head[v] = next[c]!;
        stack[++top] = c;
      }
    }
  }
  return post;
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
 * Row structure of every supernode: its own columns, then the rows below them from A's columns
 * and from its children's structures (increasing).
 */
function superRows(
  A: CsrMatrix,
  perm: Int32Array,
  inverse: Int32Array,
  parent: Int32Array,
  superStart: Int32Array,
  superOf: Int32Array,
  rowStart: Int32Array,
  nsuper: number,
): Int32Array {
  const n = A.rows;
  const { offsets, indices } = A;
  const rows = new Int32Array(rowStart[nsuper]!);
  const mark = new Int32Array(n).fill(-1);
  // Children of each supernode, as linked lists.
  const childHead = new Int32Array(nsuper).fill(-1);
  const childNext = new Int32Array(nsuper).fill(-1);
  for (let s = nsuper - 1; s >= 0; s--) {
    const p = parent[superStart[s + 1]! - 1]!;
    if (p === -1) continue;
    const t = superOf[p]!;
    childNext[s] = childHead[t]!;
    childHead[t] = s;
  }
  for (let s = 0; s < nsuper; s++) {
    const f = superStart[s]!;
    const l = superStart[s + 1]!;
    const out = rowStart[s]!;
    let c = 0;
    for (let j = f; j < l; j++) {
      rows[out + c++] = j;
      mark[j] = s;
    }
    for (let j = f; j < l; j++) {
      const r = perm[j]!;
      for (let p = offsets[r]!; p < offsets[r + 1]!; p++) {
        const i = inverse[indices[p]!]!;
        if (i >= l && mark[i] !== s) {
          mark[i] = s;
          rows[out + c++] = i;
        }
      }
    }
    for (let ch = childHead[s]!; ch !== -1; ch = childNext[ch]!) {
      for (let p = rowStart[ch]!; p < rowStart[ch + 1]!; p++) {
        const i = rows[p]!;
        if (i >= l && mark[i] !== s) {
          mark[i] = s;
          rows[out + c++] = i;
        }
      }
    }
    rows.subarray(out + (l - f), out + c).sort();
  }
  return rows;
}

/** Working state of the numeric factorisation. */
interface NumericState {
  values: Float64Array;
  /** Local row of each global row in the supernode being assembled. */
  map: Int32Array;
  /** Per finished supernode: the first of its rows not yet applied as an update. */
  pointer: Int32Array;
  /** Linked lists of finished supernodes waiting to update each supernode. */
  head: Int32Array;
  next: Int32Array;
  update: Float64Array;
  panel: Float64Array;
}

/**
 * Numeric factorisation of `P(A − σI)Pᵀ = LLᵀ` on a structure from {@link choleskySymbolic}.
 * O(flops) time, dominated by dense products on the supernodes' blocks. Returns `null` when a
 * pivot is not positive (A − σI is not positive definite to working precision).
 *
 * @param A - the matrix (the structure's source)
 * @param shift - σ
 * @param symbolic - the structure
 * @returns a generator returning the factor, or null
 * @example
 * ```ts
 * const F = runSync(choleskyNumeric(A, 0, s), { fn: 'demo' });
 * ```
 * @see C. Ashcraft & R. Grimes, "The influence of relaxed supernode partitions on the multifrontal method"; E. Ng & B. Peyton, "Block sparse Cholesky algorithms on advanced uniprocessor computers", SIAM J. Sci. Comput. 14 (1993)
 */
export function* choleskyNumeric(A: CsrMatrix, shift: number, symbolic: CholeskySymbolic): Work<CholeskyFactor | null> {
  const { n, nsuper, superStart, rowStart, valueStart } = symbolic;
  let maxRows = 0;
  let maxWidth = 0;
  for (let s = 0; s < nsuper; s++) {
    maxRows = Math.max(maxRows, rowStart[s + 1]! - rowStart[s]!);
    maxWidth = Math.max(maxWidth, superStart[s + 1]! - superStart[s]!);
  }
  const f: NumericState = {
    values: new Float64Array(valueStart[nsuper]!),
    map: new Int32Array(n),
    pointer: new Int32Array(nsuper),
    head: new Int32Array(nsuper).fill(-1),
    next: new Int32Array(nsuper).fill(-1),
    update: new Float64Array(maxRows * Math.min(maxRows, maxWidth)),
    panel: new Float64Array(maxRows * PANEL),
  };
  for (let s = 0; s < nsuper; ) {
    s = factorSupernodes(A, shift, symbolic, f, s);
    if (s < 0) return null;
    yield { stage: 'factorize', completed: s === nsuper ? n : superStart[s]!, total: n };
  }
  return { symbolic, values: f.values };
}

/**
 * Factors supernodes s0, s0 + 1, … until a checkpoint is due; returns the next supernode, or −1
 * when a pivot is not positive.
 */
function factorSupernodes(A: CsrMatrix, shift: number, sym: CholeskySymbolic, f: NumericState, s0: number): number {
  const { nsuper, superStart, superOf, rowStart, rows, valueStart, perm, inverse } = sym;
  const { offsets, indices, values: a } = A;
  const { values, map, pointer, head, next, update } = f;
  let work = 0;
  let s = s0;
  for (; s < nsuper && work < WORK_PER_CHECKPOINT; s++) {
    const first = superStart[s]!;
    const last = superStart[s + 1]!;
    const w = last - first;
    const r0 = rowStart[s]!;
    const nr = rowStart[s + 1]! - r0;
    const base = valueStart[s]!;
    const block = values.subarray(base, base + nr * w);
    for (let i = 0; i < nr; i++) map[rows[r0 + i]!] = i;
    // Assemble the lower part of A − σI in these columns.
    for (let j = first; j < last; j++) {
      const r = perm[j]!;
      const col = j - first;
      for (let p = offsets[r]!; p < offsets[r + 1]!; p++) {
        const i = inverse[indices[p]!]!;
        if (i < j) continue;
        block[map[i]! * w + col] = block[map[i]! * w + col]! + a[p]!;
      }
      block[col * w + col] = block[col * w + col]! - shift;
    }
    // Left-looking updates from the finished supernodes whose rows reach these columns.
    let d = head[s]!;
    while (d !== -1) {
      const nextD = next[d]!;
      const dr0 = rowStart[d]!;
      const dnr = rowStart[d + 1]! - dr0;
      const dw = superStart[d + 1]! - superStart[d]!;
      const dbase = valueStart[d]!;
      const p1 = pointer[d]!;
      let p2 = p1;
      while (p2 < dnr && rows[dr0 + p2]! < last) p2++;
      const m = dnr - p1;
      const k = p2 - p1;
      const Ld = values.subarray(dbase + p1 * dw, dbase + dnr * dw);
      gemm(false, true, m, k, dw, 1, Ld, Ld, 0, update);
      for (let i = 0; i < m; i++) {
        const target = map[rows[dr0 + p1 + i]!]! * w - first;
        const uo = i * k;
        const lim = Math.min(k, i + 1);
        for (let jj = 0; jj < lim; jj++) {
          const t = target + rows[dr0 + p1 + jj]!;
          block[t] = block[t]! - update[uo + jj]!;
        }
      }
      work += m * k * dw;
      pointer[d] = p2;
      if (p2 < dnr) {
        const t = superOf[rows[dr0 + p2]!]!;
        next[d] = head[t]!;
        head[t] = d;
      }
      d = nextD;
    }
    if (!factorBlock(block, nr, w, f)) return -1;
    work += nr * w * w;
    if (nr > w) {
      pointer[s] = w;
      const t = superOf[rows[r0 + w]!]!;
      next[s] = head[t]!;
      head[t] = s;
    }
  }
  return s;
}

/**
 * Dense Cholesky of a tall nr × w row-major block in place: the top w × w block becomes L₁₁ and
 * the rows below become L₂₁ = A₂₁ L₁₁⁻ᵀ. Blocked by panels of `PANEL` columns, the trailing
 * update through `gemm`. Returns false on a non-positive pivot.
 */
function factorBlock(block: Float64Array, nr: number, w: number, f: NumericState): boolean {
  const { panel, update } = f;
  for (let c0 = 0; c0 < w; c0 += PANEL) {
    const c1 = Math.min(c0 + PANEL, w);
    // Unblocked right-looking factorisation of columns c0..c1 over all rows below c0.
    for (let j = c0; j < c1; j++) {
      const djj = block[j * w + j]!;
      if (!(djj > 0)) return false;
      const ljj = Math.sqrt(djj);
      block[j * w + j] = ljj;
      const inv = 1 / ljj;
      for (let i = j + 1; i < nr; i++) {
        const o = i * w;
        const lij = block[o + j]! * inv;
        block[o + j] = lij;
        if (lij === 0) continue;
        const lim = Math.min(i + 1, c1);
        for (let t = j + 1; t < lim; t++) block[o + t] = block[o + t]! - lij * block[t * w + j]!;
      }
    }
    if (c1 === w) break;
    // Trailing update of columns c1..w: A[c1:, c1:w] −= L[c1:, c0:c1] · L[c1:w, c0:c1]ᵀ.
    const pw = c1 - c0;
    const m = nr - c1;
    for (let i = 0; i < m; i++) {
      const src = (c1 + i) * w + c0;
      for (let t = 0; t < pw; t++) panel[i * pw + t] = block[src + t]!;
    }
    const k = w - c1;
    gemm(false, true, m, k, pw, 1, panel, panel, 0, update);
    for (let i = 0; i < m; i++) {
      const o = (c1 + i) * w + c1;
      const uo = i * k;
      const lim = Math.min(k, i + 1);
      for (let t = 0; t < lim; t++) block[o + t] = block[o + t]! - update[uo + t]!;
    }
  }
  return true;
}

/**
 * `out ← (A − σI)⁻¹ b` from the factor: permute, forward and backward block triangular solves,
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
  const { n, perm, nsuper, superStart, rowStart, rows, valueStart } = F.symbolic;
  const L = F.values;
  const y = scratch;
  for (let k = 0; k < n; k++) y[k] = b[perm[k]!]!;
  for (let s = 0; s < nsuper; s++) {
    const first = superStart[s]!;
    const w = superStart[s + 1]! - first;
    const r0 = rowStart[s]!;
    const nr = rowStart[s + 1]! - r0;
    const base = valueStart[s]!;
    for (let j = 0; j < w; j++) {
      const o = base + j * w;
      let v = y[first + j]!;
      for (let t = 0; t < j; t++) v -= L[o + t]! * y[first + t]!;
      y[first + j] = v / L[o + j]!;
    }
    for (let i = w; i < nr; i++) {
      const o = base + i * w;
      let v = 0;
      for (let t = 0; t < w; t++) v += L[o + t]! * y[first + t]!;
      const r = rows[r0 + i]!;
      y[r] = y[r]! - v;
    }
  }
  for (let s = nsuper - 1; s >= 0; s--) {
    const first = superStart[s]!;
    const w = superStart[s + 1]! - first;
    const r0 = rowStart[s]!;
    const nr = rowStart[s + 1]! - r0;
    const base = valueStart[s]!;
    for (let i = w; i < nr; i++) {
      const o = base + i * w;
      const yi = y[rows[r0 + i]!]!;
      if (yi === 0) continue;
      for (let t = 0; t < w; t++) y[first + t] = y[first + t]! - L[o + t]! * yi;
    }
    // L₁₁ᵀ x = y by rows of L₁₁ (contiguous): x_j, then its contribution to y_t, t < j.
    for (let j = w - 1; j >= 0; j--) {
      const o = base + j * w;
      const xj = y[first + j]! / L[o + j]!;
      y[first + j] = xj;
      if (xj === 0) continue;
      for (let t = 0; t < j; t++) y[first + t] = y[first + t]! - L[o + t]! * xj;
    }
  }
  for (let k = 0; k < n; k++) out[perm[k]!] = y[k]!;
}
