/**
 * The one data model: a dense row-major matrix of doubles or floats.
 */
import { LatentError, describe } from './errors.js';
import { DEFAULT_MEMORY_LIMIT, assertMemory } from './memory.js';
import { integerIn, readOptions } from './options.js';
import { assertFinite } from './validate.js';

/** The two storage types of a {@link Matrix}: what embedding models return (Float32) and doubles. */
export type FloatArray = Float64Array | Float32Array;

/**
 * A dense, row-major matrix: element (i, j) is `data[i * cols + j]`.
 *
 * `data` is a `Float64Array`, or a `Float32Array` as embedding models return it: functions that
 * only read a matrix (distances, search, assignment, transforms) use Float32 data in place and
 * accumulate in float64; each function's documentation states what it copies. Results are
 * Float64 ({@link Matrix64}) unless documented otherwise.
 *
 * A plain object, so it survives `structuredClone`, `postMessage` and
 * {@link serialize} unchanged.
 */
export interface Matrix<D extends FloatArray = FloatArray> {
  /** Number of rows. */
  rows: number;
  /** Number of columns. */
  cols: number;
  /** `rows * cols` values, row after row. */
  data: D;
}

/** A {@link Matrix} of doubles: what latent's functions return. */
export type Matrix64 = Matrix<Float64Array>;

/**
 * Anything a public entry point accepts as a matrix: a {@link Matrix} (Float64 or Float32 data),
 * or rows as `number[][]`, `Float64Array[]` or `Float32Array[]`.
 */
export type MatrixLike = Matrix | ArrayLike<ArrayLike<number>>;

/** Options of {@link toMatrix}. */
export interface ToMatrixOptions {
  /**
   * Row length when `x` is one flat `Float64Array`/`Float32Array` holding every row in turn
   * (what `tensor.dataSync()` or an embedding API returns); its length must be a multiple.
   * @defaultValue undefined (x is a Matrix or an array of rows)
   */
  cols?: number;
}

/**
 * Creates a `rows × cols` matrix, zero-filled (Float64) or wrapping `data` (not copied).
 *
 * @param rows - number of rows (integer ≥ 0)
 * @param cols - number of columns (integer ≥ 0)
 * @param data - optional row-major `Float64Array` or `Float32Array` of length `rows * cols`; used as is, not copied
 * @returns the matrix
 * @throws LatentError `E_RANGE` for bad sizes, `E_TYPE` for other data, `E_SHAPE` when `data` has the wrong length, `E_MEMORY` when a zero-filled matrix would exceed 4 GiB
 * @example
 * ```ts
 * matrix(2, 2, new Float64Array([1, 2, 3, 4])); // { rows: 2, cols: 2, data: Float64Array [1, 2, 3, 4] }
 * matrix(1, 2, new Float32Array([0.5, 1]));     // { rows: 1, cols: 2, data: Float32Array [0.5, 1] }
 * matrix(1, 3).data;                             // Float64Array [0, 0, 0]
 * ```
 */
export function matrix<D extends FloatArray = Float64Array>(rows: number, cols: number, data?: D): Matrix<D> {
  integerIn('matrix', 'rows', rows, { min: 0 });
  integerIn('matrix', 'cols', cols, { min: 0 });
  if (data === undefined) {
    assertMemory('matrix', `a ${rows} × ${cols} matrix`, rows * cols * 8, DEFAULT_MEMORY_LIMIT);
    return { rows, cols, data: new Float64Array(rows * cols) as D };
  }
  if (!isFloatArray(data)) {
    throw new LatentError('E_TYPE', `matrix: data must be a Float64Array or Float32Array, got ${describe(data)}`);
  }
  if (data.length !== rows * cols) {
    throw new LatentError('E_SHAPE', `matrix: data length must be rows * cols = ${rows * cols}, got ${data.length}`);
  }
  return { rows, cols, data };
}

/**
 * True for a `Float64Array` or `Float32Array`.
 *
 * @param x - any value
 * @returns whether it is one of the two float storage types
 * @example
 * ```ts
 * isFloatArray(new Float32Array(2)); // true
 * isFloatArray([1, 2]);              // false
 * ```
 */
export function isFloatArray(x: unknown): x is FloatArray {
  return x instanceof Float64Array || x instanceof Float32Array;
}

/**
 * True when `x` has the shape of a {@link Matrix} (`rows`, `cols`, `data` a Float64Array or
 * Float32Array). Sizes are checked by {@link toMatrix}, not here.
 *
 * @param x - any value
 * @returns whether it is a Matrix
 * @example
 * ```ts
 * isMatrix(matrix(2, 2)); // true
 * isMatrix({ rows: 1, cols: 2, data: new Float32Array(2) }); // true
 * isMatrix([[1, 2]]);     // false
 * ```
 */
export function isMatrix(x: unknown): x is Matrix {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Partial<Matrix>;
  return isFloatArray(m.data) && typeof m.rows === 'number' && typeof m.cols === 'number';
}

const ACCEPTED = 'a Matrix ({ rows, cols, data: Float64Array | Float32Array }), number[][], Float64Array[] or Float32Array[]';

/**
 * Converts its input to a validated {@link Matrix} without copying where it can.
 *
 * - a Matrix (Float64 or Float32 data) is checked (sizes, finite values) and returned as is;
 * - a flat `Float64Array`/`Float32Array` with `{ cols }` is wrapped, not copied;
 * - rows as `Float32Array[]` are packed into one Float32 matrix (no widening);
 * - rows as `number[][]` or `Float64Array[]` are copied into a Float64 matrix.
 *
 * latent never writes to its inputs. Every value must be finite and every row the same length.
 *
 * @param X - the input
 * @param options - {@link ToMatrixOptions} (`cols` for flat input)
 * @returns a Matrix
 * @throws LatentError `E_TYPE` (not an array/matrix), `E_SHAPE` (ragged rows, bad data length), `E_NOT_FINITE`, `E_OPTION`
 * @example
 * ```ts
 * toMatrix([[1, 2], [3, 4]]);                                  // { rows: 2, cols: 2, data: Float64Array [1, 2, 3, 4] }
 * toMatrix(new Float32Array([1, 2, 3, 4, 5, 6]), { cols: 3 }); // { rows: 2, cols: 3, data: Float32Array [1, 2, 3, 4, 5, 6] }
 * ```
 */
export function toMatrix(X: MatrixLike | FloatArray, options?: ToMatrixOptions): Matrix {
  const o = readOptions('toMatrix', options, { cols: true });
  if (o.cols !== undefined) {
    const cols = integerIn('toMatrix', 'cols', o.cols, { min: 1 });
    if (!isFloatArray(X)) throw new LatentError('E_TYPE', `toMatrix: X must be a flat Float64Array or Float32Array when cols is given, got ${describe(X)}`);
    if (X.length % cols !== 0) throw new LatentError('E_SHAPE', `toMatrix: X length must be a multiple of cols = ${cols}, got ${X.length}`);
    return asMatrix({ rows: X.length / cols, cols, data: X }, 'toMatrix', 'X');
  }
  if (isFloatArray(X)) {
    throw new LatentError('E_TYPE', `toMatrix: a flat ${X.constructor.name} needs { cols } to know its row length, got ${describe(X)} without it`);
  }
  return asMatrix(X, 'toMatrix', 'X');
}

/**
 * The entry-point conversion for functions that only read their input: like {@link toMatrix}
 * (Matrix inputs returned as is, Float32 kept as Float32) with the caller's names in messages.
 *
 * @param x - the input
 * @param fn - public function name for messages
 * @param name - argument name for messages
 * @returns a Matrix (Float64 or Float32 data)
 * @throws LatentError `E_TYPE`, `E_SHAPE`, `E_NOT_FINITE`
 * @example
 * ```ts
 * asMatrix([[1, 2]], 'knn', 'data'); // { rows: 1, cols: 2, data: Float64Array [1, 2] }
 * ```
 */
export function asMatrix(x: MatrixLike, fn: string, name: string): Matrix {
  if (isMatrix(x)) {
    const { rows, cols, data } = x;
    if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(cols) || rows < 0 || cols < 0 || data.length !== rows * cols) {
      throw new LatentError('E_SHAPE', `${fn}: ${name} must be a Matrix whose data length is rows * cols, got rows=${describe(rows)}, cols=${describe(cols)}, data length ${data.length}`);
    }
    // With zero columns the data no longer bounds the row count, yet every function spends (and
    // most allocate) at least one 8-byte value per row: { rows: 1e9, cols: 0 } is refused here.
    if (cols === 0) assertMemory(fn, `${name}'s ${rows} rows (at least 8 bytes per row downstream)`, rows * 8, DEFAULT_MEMORY_LIMIT);
    assertFinite(fn, name, data, cols);
    return x;
  }
  if (typeof x !== 'object' || x === null || typeof (x as ArrayLike<unknown>).length !== 'number') {
    throw new LatentError('E_TYPE', `${fn}: ${name} must be ${ACCEPTED}, got ${describe(x)}`);
  }
  const rows = x.length;
  if (!Number.isSafeInteger(rows) || rows < 0) {
    throw new LatentError('E_SHAPE', `${fn}: ${name} must be an array of rows with an integer length, got length ${describe(rows)}`);
  }
  const first = rows > 0 ? x[0] : undefined;
  if (rows > 0 && (typeof first !== 'object' || first === null || typeof first.length !== 'number')) {
    throw new LatentError('E_TYPE', `${fn}: ${name} must be an array of rows, got ${describe(first)} at row 0`);
  }
  const cols = first === undefined ? 0 : first.length;
  if (!Number.isSafeInteger(cols) || cols < 0) {
    throw new LatentError('E_SHAPE', `${fn}: ${name} rows must have an integer length, got ${describe(cols)} at row 0`);
  }
  assertMemory(fn, `${name} as a ${rows} × ${cols} matrix`, rows * cols * 8, DEFAULT_MEMORY_LIMIT);
  // Rows that are all Float32Array stay Float32 (no widening); anything else becomes Float64.
  let allF32 = rows > 0;
  for (let i = 0; i < rows && allF32; i++) allF32 = x[i] instanceof Float32Array;
  const data = allF32 ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const r = x[i];
    if (typeof r !== 'object' || r === null || typeof r.length !== 'number') {
      throw new LatentError('E_TYPE', `${fn}: ${name} must be an array of rows, got ${describe(r)} at row ${i}`);
    }
    if (r.length !== cols) {
      throw new LatentError('E_SHAPE', `${fn}: ${name} must have rows of equal length ${cols}, got length ${describe(r.length)} at row ${i}`);
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
 * The entry-point conversion for functions that compute on their input in float64 throughout
 * (eigensolvers, model fitting): a Float64 Matrix is returned as is, Float32 data is widened
 * into one Float64 copy (its size is `rows × cols × 8` bytes; the function's docs say so).
 *
 * @param x - the input
 * @param fn - public function name for messages
 * @param name - argument name for messages
 * @returns a Float64 Matrix
 * @throws LatentError `E_TYPE`, `E_SHAPE`, `E_NOT_FINITE`
 * @example
 * ```ts
 * asMatrix64({ rows: 1, cols: 2, data: new Float32Array([1, 2]) }, 'pca', 'X').data; // Float64Array [1, 2]
 * ```
 */
export function asMatrix64(x: MatrixLike, fn: string, name: string): Matrix64 {
  const m = asMatrix(x, fn, name);
  if (m.data instanceof Float64Array) return m as Matrix64;
  return { rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) };
}

/**
 * Row `i` of `m` as a zero-copy view of its storage type (writes go through to `m`).
 *
 * @param m - the matrix
 * @param i - row index in `[0, m.rows)`
 * @returns a subarray view of length `m.cols`
 * @throws LatentError `E_TYPE` (not a Matrix), `E_SHAPE` (data length is not rows × cols), `E_RANGE` for a bad index
 * @example
 * ```ts
 * row(matrix(2, 2, new Float64Array([1, 2, 3, 4])), 1); // Float64Array [3, 4]
 * ```
 */
export function row<D extends FloatArray>(m: Matrix<D>, i: number): D {
  checkShape('row', m);
  integerIn('row', 'i', i, { min: 0, max: m.rows - 1 });
  return m.data.subarray(i * m.cols, (i + 1) * m.cols) as D;
}

/**
 * Copies a matrix into plain `number[][]` (for printing, JSON or other libraries).
 *
 * @param m - the matrix
 * @returns an array of `m.rows` arrays of `m.cols` numbers
 * @throws LatentError `E_TYPE` (not a Matrix), `E_SHAPE` (data length is not rows × cols)
 * @example
 * ```ts
 * toRows(matrix(2, 2, new Float64Array([1, 2, 3, 4]))); // [[1, 2], [3, 4]]
 * ```
 */
export function toRows(m: Matrix): number[][] {
  checkShape('toRows', m);
  const out: number[][] = new Array<number[]>(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
  return out;
}

/** A Matrix's structure only (O(1): no scan of the values). */
function checkShape(fn: string, m: unknown): asserts m is Matrix {
  if (!isMatrix(m)) throw new LatentError('E_TYPE', `${fn}: m must be ${ACCEPTED.slice(0, ACCEPTED.indexOf(')') + 1)}, got ${describe(m)}`);
  if (!Number.isSafeInteger(m.rows) || !Number.isSafeInteger(m.cols) || m.rows < 0 || m.cols < 0 || m.data.length !== m.rows * m.cols) {
    throw new LatentError('E_SHAPE', `${fn}: m must have data length rows * cols, got rows=${describe(m.rows)}, cols=${describe(m.cols)}, data length ${m.data.length}`);
  }
  if (m.cols === 0) assertMemory(fn, `m's ${m.rows} rows (at least 8 bytes per row downstream)`, m.rows * 8, DEFAULT_MEMORY_LIMIT);
}
