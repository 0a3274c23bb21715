/**
 * The one data model: a dense row-major matrix of doubles.
 */
import { LatentError, describe } from './errors.js';
import { assertFinite, assertInteger } from './validate.js';

/**
 * A dense, row-major matrix: element (i, j) is `data[i * cols + j]`.
 *
 * A plain object, so it survives `structuredClone`, `postMessage` and
 * {@link serialize} unchanged.
 */
export interface Matrix {
  /** Number of rows. */
  rows: number;
  /** Number of columns. */
  cols: number;
  /** `rows * cols` values, row after row. */
  data: Float64Array;
}

/** Anything a public entry point accepts as a matrix: a {@link Matrix}, `number[][]` or `Float64Array[]`. */
export type MatrixLike = Matrix | ArrayLike<ArrayLike<number>>;

/**
 * Creates a `rows × cols` matrix, zero-filled or wrapping `data` (not copied).
 *
 * @param rows - number of rows (integer ≥ 0)
 * @param cols - number of columns (integer ≥ 0)
 * @param data - optional row-major values of length `rows * cols`; used as is, not copied
 * @returns the matrix
 * @throws LatentError `E_RANGE` for bad sizes, `E_SHAPE` when `data` has the wrong length
 * @example
 * ```ts
 * matrix(2, 2, new Float64Array([1, 2, 3, 4])); // { rows: 2, cols: 2, data: Float64Array [1, 2, 3, 4] }
 * matrix(1, 3).data;                             // Float64Array [0, 0, 0]
 * ```
 */
export function matrix(rows: number, cols: number, data?: Float64Array): Matrix {
  assertInteger('matrix', 'rows', rows, 0);
  assertInteger('matrix', 'cols', cols, 0);
  if (data === undefined) return { rows, cols, data: new Float64Array(rows * cols) };
  if (!(data instanceof Float64Array)) {
    throw new LatentError('E_TYPE', `matrix: data must be a Float64Array, got ${describe(data)}`);
  }
  if (data.length !== rows * cols) {
    throw new LatentError('E_SHAPE', `matrix: data length must be rows * cols = ${rows * cols}, got ${data.length}`);
  }
  return { rows, cols, data };
}

/**
 * True when `x` has the shape of a {@link Matrix} (`rows`, `cols`, `data: Float64Array`).
 *
 * @param x - any value
 * @returns whether it is a Matrix
 * @example
 * ```ts
 * isMatrix(matrix(2, 2)); // true
 * isMatrix([[1, 2]]);     // false
 * ```
 */
export function isMatrix(x: unknown): x is Matrix {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Partial<Matrix>;
  return m.data instanceof Float64Array && typeof m.rows === 'number' && typeof m.cols === 'number';
}

/**
 * Converts `number[][]`, `Float64Array[]` or a {@link Matrix} to a validated Matrix.
 *
 * A Matrix input is checked and returned as is (no copy; latent never writes to its inputs).
 * Arrays of rows are copied once into a new row-major `Float64Array`. Every value
 * must be finite and every row the same length.
 *
 * @param x - the input
 * @param fn - public function name for error messages (default `'toMatrix'`)
 * @param name - argument name for error messages (default `'X'`)
 * @returns a Matrix
 * @throws LatentError `E_TYPE` (not an array/matrix), `E_SHAPE` (ragged rows or bad data length), `E_NOT_FINITE`
 * @example
 * ```ts
 * toMatrix([[1, 2], [3, 4]]); // { rows: 2, cols: 2, data: Float64Array [1, 2, 3, 4] }
 * ```
 */
export function toMatrix(x: MatrixLike, fn = 'toMatrix', name = 'X'): Matrix {
  if (isMatrix(x)) {
    const { rows, cols, data } = x;
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0 || data.length !== rows * cols) {
      throw new LatentError('E_SHAPE', `${fn}: ${name} must be a Matrix whose data length is rows * cols, got rows=${rows}, cols=${cols}, data length ${data.length}`);
    }
    assertFinite(fn, name, data, cols);
    return x;
  }
  if (typeof x !== 'object' || x === null || typeof (x as ArrayLike<unknown>).length !== 'number') {
    throw new LatentError('E_TYPE', `${fn}: ${name} must be a Matrix, number[][] or Float64Array[], got ${describe(x)}`);
  }
  const rows = x.length;
  const first = rows > 0 ? x[0] : undefined;
  if (rows > 0 && (typeof first !== 'object' || first === null || typeof first.length !== 'number')) {
    throw new LatentError('E_TYPE', `${fn}: ${name} must be an array of rows, got ${describe(first)} at row 0`);
  }
  const cols = first === undefined ? 0 : first.length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const r = x[i];
    if (typeof r !== 'object' || r === null || typeof r.length !== 'number') {
      throw new LatentError('E_TYPE', `${fn}: ${name} must be an array of rows, got ${describe(r)} at row ${i}`);
    }
    if (r.length !== cols) {
      throw new LatentError('E_SHAPE', `${fn}: ${name} must have rows of equal length ${cols}, got length ${r.length} at row ${i}`);
    }
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = r[j];
      if (typeof v !== 'number' || v - v !== 0) {
        throw new LatentError(typeof v === 'number' ? 'E_NOT_FINITE' : 'E_TYPE', `${fn}: ${name} must hold finite numbers, got ${describe(v)} at row ${i}, column ${j}`);
      }
      data[base + j] = v;
    }
  }
  return { rows, cols, data };
}

/**
 * Row `i` of `m` as a zero-copy `Float64Array` view (writes go through to `m`).
 *
 * @param m - the matrix
 * @param i - row index in `[0, m.rows)`
 * @returns a subarray view of length `m.cols`
 * @throws LatentError `E_RANGE` for a bad index
 * @example
 * ```ts
 * row(matrix(2, 2, new Float64Array([1, 2, 3, 4])), 1); // Float64Array [3, 4]
 * ```
 */
export function row(m: Matrix, i: number): Float64Array {
  assertInteger('row', 'i', i, 0, m.rows - 1);
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/**
 * Copies a matrix into plain `number[][]` (for printing, JSON or other libraries).
 *
 * @param m - the matrix
 * @returns an array of `m.rows` arrays of `m.cols` numbers
 * @example
 * ```ts
 * toRows(matrix(2, 2, new Float64Array([1, 2, 3, 4]))); // [[1, 2], [3, 4]]
 * ```
 */
export function toRows(m: Matrix): number[][] {
  const out: number[][] = new Array<number[]>(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
  return out;
}
