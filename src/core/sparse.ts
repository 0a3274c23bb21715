/**
 * Compressed sparse rows: the one sparse format, shared by graphs (kNN, UMAP's fuzzy graph,
 * Laplacians), LLE's M = (I − W)ᵀ(I − W) and the Lanczos eigensolver.
 */
import { LatentError, describe } from './errors.js';
import { assertAllocatable, assertInteger } from './validate.js';

/** Largest Int32 value: CSR indices and offsets are Int32. */
const INT32_MAX = 2 ** 31 - 1;

/**
 * A sparse `rows × cols` matrix in CSR form: the entries of row i are
 * `values[offsets[i] .. offsets[i + 1])` at columns `indices[...]`, columns strictly increasing
 * within a row. Plain data: survives `structuredClone` and `serialize`.
 */
export interface CsrMatrix {
  /** Number of rows. */
  rows: number;
  /** Number of columns. */
  cols: number;
  /** `rows + 1` row starts into `indices`/`values`; `offsets[0] = 0`, `offsets[rows] = nnz`. */
  offsets: Int32Array;
  /** Column of each stored entry. */
  indices: Int32Array;
  /** Value of each stored entry. */
  values: Float64Array;
}

/**
 * Builds a CSR matrix from coordinate triplets, summing duplicates and sorting columns.
 * O(nnz + rows) time and memory (counting sort by row, then an insertion sort per row, which
 * is fast for the short rows of neighbour graphs). Explicit zeros are kept.
 *
 * @param rows - number of rows
 * @param cols - number of columns
 * @param row - row of each triplet
 * @param col - column of each triplet
 * @param value - value of each triplet
 * @param count - number of triplets to read (default `row.length`)
 * @returns the CSR matrix
 * @throws LatentError `E_TYPE` / `E_RANGE` (rows, cols or count not integers in [0, 2³¹ − 1], index arrays not
 * Int32Array, values not Float64Array), `E_SHAPE` (lengths differ), `E_RANGE` (index outside the shape, or
 * finite duplicates whose sum overflows),
 * `E_MEMORY` (rows beyond the per-call budget)
 * @example
 * ```ts
 * const A = csrFromTriplets(2, 2, new Int32Array([0, 1, 0]), new Int32Array([1, 0, 1]), new Float64Array([1, 2, 3]));
 * A.offsets; // Int32Array [0, 1, 2]
 * A.values;  // Float64Array [4, 2]   (the two (0, 1) entries summed)
 * ```
 */
export function csrFromTriplets(rows: number, cols: number, row: Int32Array, col: Int32Array, value: Float64Array, count?: number): CsrMatrix {
  const fn = 'csrFromTriplets';
  // Indices are stored as Int32: both dimensions must fit, and rows + 1 offsets are allocated.
  assertInteger(fn, 'rows', rows, 0, INT32_MAX);
  assertInteger(fn, 'cols', cols, 0, INT32_MAX);
  if (!(row instanceof Int32Array)) throw new LatentError('E_TYPE', `${fn}: row must be an Int32Array, got ${describe(row)}`);
  if (!(col instanceof Int32Array)) throw new LatentError('E_TYPE', `${fn}: col must be an Int32Array, got ${describe(col)}`);
  if (!(value instanceof Float64Array)) throw new LatentError('E_TYPE', `${fn}: value must be a Float64Array, got ${describe(value)}`);
  if (count === undefined) count = row.length;
  else assertInteger(fn, 'count', count, 0, INT32_MAX);
  // rows + 1 offsets twice (counts and offsets) plus the row cursors: O(rows) however few entries.
  assertAllocatable(fn, `the ${rows} row offsets`, (3 * (rows + 1)) / 2);
  if (col.length < count || value.length < count || row.length < count) {
    throw new LatentError('E_SHAPE', `csrFromTriplets: row, col and value must hold ${count} entries, got ${row.length}, ${col.length}, ${value.length}`);
  }
  const counts = new Int32Array(rows + 1);
  for (let t = 0; t < count; t++) {
    const r = row[t]!;
    const c = col[t]!;
    if (!(r >= 0 && r < rows && c >= 0 && c < cols)) {
      throw new LatentError('E_RANGE', `csrFromTriplets: entry ${t} at (${describe(r)}, ${describe(c)}) lies outside the ${rows} × ${cols} shape`);
    }
    counts[r + 1]!++;
  }
  for (let i = 0; i < rows; i++) counts[i + 1]! += counts[i]!;
  const next = counts.slice(0, rows);
  const idx = new Int32Array(count);
  const val = new Float64Array(count);
  for (let t = 0; t < count; t++) {
    const p = next[row[t]!]!++;
    idx[p] = col[t]!;
    val[p] = value[t]!;
  }
  // Sort each row by column (insertion sort: rows are short) and merge duplicates in place.
  const offsets = new Int32Array(rows + 1);
  let w = 0;
  for (let i = 0; i < rows; i++) {
    const start = counts[i]!;
    const end = counts[i + 1]!;
    for (let p = start + 1; p < end; p++) {
      const c = idx[p]!;
      const v = val[p]!;
      let q = p - 1;
      while (q >= start && idx[q]! > c) {
        idx[q + 1] = idx[q]!;
        val[q + 1] = val[q]!;
        q--;
      }
      idx[q + 1] = c;
      val[q + 1] = v;
    }
    offsets[i] = w;
    for (let p = start; p < end; p++) {
      if (w > offsets[i]! && idx[w - 1] === idx[p]) val[w - 1]! += val[p]!;
      else {
        idx[w] = idx[p]!;
        val[w] = val[p]!;
        w++;
      }
    }
  }
  offsets[rows] = w;
  // Summing duplicates of finite values can overflow: never hand back an Infinity or NaN that no input held.
  for (let p = 0; p < w; p++) {
    if (val[p]! - val[p]! !== 0) {
      let finiteInput = true;
      for (let t = 0; t < count && finiteInput; t++) finiteInput = value[t]! - value[t]! === 0;
      if (finiteInput) throw new LatentError('E_RANGE', `csrFromTriplets: summing duplicate entries overflows (finite values, entry ${p} is ${describe(val[p]!)}); rescale the values`);
      break;
    }
  }
  return { rows, cols, offsets, indices: idx.slice(0, w), values: val.slice(0, w) };
}

/**
 * `out ← A·x` for a CSR matrix. O(nnz). `out` must not alias `x`.
 *
 * @param A - the matrix
 * @param x - a vector of length `A.cols`
 * @param out - receives `A.rows` values (allocated when omitted)
 * @returns `out`
 * @example
 * ```ts
 * csrMatVec(A, new Float64Array([1, 1])); // Float64Array [4, 2]  (A of the csrFromTriplets example)
 * ```
 */
export function csrMatVec(A: CsrMatrix, x: Float64Array, out: Float64Array = new Float64Array(A.rows)): Float64Array {
  const { rows, offsets, indices, values } = A;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    const end = offsets[i + 1]!;
    for (let p = offsets[i]!; p < end; p++) s += values[p]! * x[indices[p]!]!;
    out[i] = s;
  }
  return out;
}

/**
 * The transpose, in CSR form (columns sorted). O(nnz + cols).
 *
 * @param A - the matrix
 * @returns Aᵀ
 * @example
 * ```ts
 * csrTranspose(A).values; // Float64Array [2, 4]  (A of the csrFromTriplets example)
 * ```
 */
export function csrTranspose(A: CsrMatrix): CsrMatrix {
  const { rows, cols, offsets, indices, values } = A;
  const nnz = offsets[rows]!;
  const counts = new Int32Array(cols + 1);
  for (let p = 0; p < nnz; p++) counts[indices[p]! + 1]!++;
  for (let j = 0; j < cols; j++) counts[j + 1]! += counts[j]!;
  const next = counts.slice(0, cols);
  const idx = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  // Rows are visited in increasing order, so each output row receives increasing columns.
  for (let i = 0; i < rows; i++) {
    for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
      const q = next[indices[p]!]!++;
      idx[q] = i;
      val[q] = values[p]!;
    }
  }
  return { rows: cols, cols: rows, offsets: counts, indices: idx, values: val };
}

/**
 * Checks a CSR matrix's structure (lengths, monotone offsets, column indices in range and
 * increasing within rows, finite values) in one O(nnz) pass, so a tampered or hand-built matrix
 * is an error instead of an out-of-bounds read.
 *
 * @param fn - public function name for messages
 * @param name - argument name for messages
 * @param A - the received value
 * @returns A, typed
 * @throws LatentError `E_TYPE`, `E_SHAPE`, `E_RANGE`, `E_NOT_FINITE`
 * @example
 * ```ts
 * checkCsr('eigsh', 'A', A); // A
 * ```
 */
export function checkCsr(fn: string, name: string, A: unknown): CsrMatrix {
  const m = A as Partial<CsrMatrix> | null;
  if (typeof m !== 'object' || m === null || !(m.offsets instanceof Int32Array) || !(m.indices instanceof Int32Array) || !(m.values instanceof Float64Array)) {
    throw new LatentError('E_TYPE', `${fn}: ${name} must be a CsrMatrix { rows, cols, offsets: Int32Array, indices: Int32Array, values: Float64Array }, got ${describe(A)}`);
  }
  const { rows, cols, offsets, indices, values } = m as CsrMatrix;
  if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(cols) || rows < 0 || cols < 0 || offsets.length !== rows + 1) {
    throw new LatentError('E_SHAPE', `${fn}: ${name} must have rows + 1 offsets, got rows=${describe(rows)}, cols=${describe(cols)}, offsets length ${offsets.length}`);
  }
  const nnz = offsets[rows]!;
  if (offsets[0] !== 0 || indices.length !== nnz || values.length !== nnz) {
    throw new LatentError('E_SHAPE', `${fn}: ${name} offsets must run from 0 to indices.length = values.length, got ${offsets[0]} … ${nnz} for ${indices.length} indices and ${values.length} values`);
  }
  for (let i = 0; i < rows; i++) {
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    if (end < start || end > nnz) throw new LatentError('E_SHAPE', `${fn}: ${name} offsets must be non-decreasing, got ${start} then ${end} at row ${i}`);
    for (let p = start; p < end; p++) {
      const c = indices[p]!;
      if (!(c >= 0 && c < cols) || (p > start && c <= indices[p - 1]!)) {
        throw new LatentError('E_RANGE', `${fn}: ${name} column indices must be increasing within a row and in [0, ${cols}), got ${c} at row ${i}`);
      }
      const v = values[p]!;
      if (v - v !== 0) throw new LatentError('E_NOT_FINITE', `${fn}: ${name} values must be finite, got ${describe(v)} at row ${i}, column ${c}`);
    }
  }
  return m as CsrMatrix;
}
