/**
 * Column means and mean-centred copies (the first step of PCA and of its transforms). Data may
 * be Float64 or Float32 (each value widened exactly; one loop per storage type).
 */
import type { FloatArray } from '../core/matrix.js';

/**
 * Column means of an n×d row-major matrix in one pass, summed in blocks of 256 rows (each
 * block's partial sum is added to the total), so the rounding error grows like
 * (256 + n / 256)·ε rather than n·ε. A constant column's mean is exactly its value, so it
 * centres to exact zeros. O(n·d).
 *
 * @param data - n×d values, row-major
 * @param n - rows (≥ 1)
 * @param d - columns
 * @returns the d column means
 * @example
 * ```ts
 * columnMeans(new Float64Array([1, 2, 3, 6]), 2, 2); // Float64Array [2, 4]
 * ```
 */
export function columnMeans(data: FloatArray, n: number, d: number): Float64Array {
  return data instanceof Float32Array ? columnMeans32(data, n, d) : columnMeans64(data, n, d);
}

function columnMeans64(data: Float64Array, n: number, d: number): Float64Array {
  const total = new Float64Array(d);
  const block = new Float64Array(d);
  // Columns still equal to their first value (1) or not (0).
  const constant = new Uint8Array(d).fill(1);
  for (let i0 = 0; i0 < n; i0 += 256) {
    const i1 = i0 + 256 < n ? i0 + 256 : n;
    block.fill(0);
    for (let i = i0; i < i1; i++) {
      const o = i * d;
      for (let j = 0; j < d; j++) {
        const v = data[o + j]!;
        block[j] = block[j]! + v;
        if (v !== data[j]) constant[j] = 0;
      }
    }
    for (let j = 0; j < d; j++) total[j] = total[j]! + block[j]!;
  }
  for (let j = 0; j < d; j++) total[j] = constant[j] === 1 ? data[j]! : total[j]! / n;
  return total;
}

function columnMeans32(data: Float32Array, n: number, d: number): Float64Array {
  const total = new Float64Array(d);
  const block = new Float64Array(d);
  // Columns still equal to their first value (1) or not (0).
  const constant = new Uint8Array(d).fill(1);
  for (let i0 = 0; i0 < n; i0 += 256) {
    const i1 = i0 + 256 < n ? i0 + 256 : n;
    block.fill(0);
    for (let i = i0; i < i1; i++) {
      const o = i * d;
      for (let j = 0; j < d; j++) {
        const v = data[o + j]!;
        block[j] = block[j]! + v;
        if (v !== data[j]) constant[j] = 0;
      }
    }
    for (let j = 0; j < d; j++) total[j] = total[j]! + block[j]!;
  }
  for (let j = 0; j < d; j++) total[j] = constant[j] === 1 ? data[j]! : total[j]! / n;
  return total;
}

/**
 * A new n×d array holding `data − mean` row by row. O(n·d).
 *
 * @param data - n×d values, row-major (not modified)
 * @param n - rows
 * @param d - columns
 * @param mean - the d values to subtract from every row
 * @returns the centred copy
 * @example
 * ```ts
 * centered(new Float64Array([1, 2, 3, 6]), 2, 2, new Float64Array([2, 4])); // Float64Array [-1, -2, 1, 2]
 * ```
 */
export function centered(data: FloatArray, n: number, d: number, mean: Float64Array): Float64Array {
  return centeredWithSquares(data, n, d, mean).xc;
}

/**
 * {@link centered} that also returns each centred column's sum of squares (one pass: the
 * diagonal of XcᵀXc, the total variance and the constant-column test of PCA).
 *
 * @param data - n×d values, row-major (not modified)
 * @param n - rows
 * @param d - columns
 * @param mean - the d values to subtract from every row
 * @returns the centred copy and the d column sums of squares
 * @example
 * ```ts
 * centeredWithSquares(new Float64Array([1, 2, 3, 6]), 2, 2, new Float64Array([2, 4])).squares; // Float64Array [2, 8]
 * ```
 */
export function centeredWithSquares(data: FloatArray, n: number, d: number, mean: Float64Array): { xc: Float64Array; squares: Float64Array } {
  const xc = new Float64Array(n * d);
  const squares = new Float64Array(d);
  if (data instanceof Float32Array) centre32(data, n, d, mean, xc, squares);
  else centre64(data, n, d, mean, xc, squares);
  return { xc, squares };
}

function centre64(data: Float64Array, n: number, d: number, mean: Float64Array, xc: Float64Array, squares: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const v = data[o + j]! - mean[j]!;
      xc[o + j] = v;
      squares[j] = squares[j]! + v * v;
    }
  }
}

function centre32(data: Float32Array, n: number, d: number, mean: Float64Array, xc: Float64Array, squares: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const v = data[o + j]! - mean[j]!;
      xc[o + j] = v;
      squares[j] = squares[j]! + v * v;
    }
  }
}

/**
 * Sum of squares of each centred column, `Σᵢ (xᵢⱼ − meanⱼ)²`, in one pass without a centred copy
 * (the same values as {@link centeredWithSquares}'s `squares`). O(n·d).
 *
 * @param data - n×d values, row-major (Float64 or Float32; not modified)
 * @param n - rows
 * @param d - columns
 * @param mean - the d values to subtract
 * @returns the d sums of squares
 * @example
 * ```ts
 * centredSquares(new Float64Array([1, 2, 3, 6]), 2, 2, new Float64Array([2, 4])); // Float64Array [2, 8]
 * ```
 */
export function centredSquares(data: FloatArray, n: number, d: number, mean: Float64Array): Float64Array {
  const squares = new Float64Array(d);
  if (data instanceof Float32Array) squares32(data, n, d, mean, squares);
  else squares64(data, n, d, mean, squares);
  return squares;
}

function squares64(data: Float64Array, n: number, d: number, mean: Float64Array, squares: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const v = data[o + j]! - mean[j]!;
      squares[j] = squares[j]! + v * v;
    }
  }
}

function squares32(data: Float32Array, n: number, d: number, mean: Float64Array, squares: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const v = data[o + j]! - mean[j]!;
      squares[j] = squares[j]! + v * v;
    }
  }
}
