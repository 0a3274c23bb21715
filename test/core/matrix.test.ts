import { describe, expect, it } from 'vitest';
import { asMatrix, isMatrix, matrix, row, toMatrix, toRows } from '../../src/core/matrix.js';
import type { Matrix, MatrixLike } from '../../src/core/matrix.js';
import { expectLatentError as expectCode } from '../helpers/latent-error.js';

describe('matrix', () => {
  it('zero-fills when no data is given', () => {
    const m = matrix(2, 3);
    expect(m.rows).toBe(2);
    expect(m.cols).toBe(3);
    expect(Array.from(m.data)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('wraps the given data without copying', () => {
    const data = new Float64Array([1, 2, 3, 4]);
    const m = matrix(2, 2, data);
    expect(m.data).toBe(data);
  });

  it('accepts empty shapes', () => {
    expect(matrix(0, 5).data.length).toBe(0);
    expect(matrix(3, 0).data.length).toBe(0);
  });

  it('rejects bad sizes and data', () => {
    expectCode(() => matrix(-1, 2), 'E_RANGE', 'matrix: rows must be an integer >= 0, got -1');
    expectCode(() => matrix(1.5, 2), 'E_RANGE', 'matrix: rows');
    expectCode(() => matrix(2, NaN), 'E_RANGE', 'matrix: cols', 'got NaN');
    expectCode(() => matrix('2' as unknown as number, 2), 'E_TYPE', 'matrix: rows', 'got "2"');
    expectCode(() => matrix(2, 2, new Float64Array(3)), 'E_SHAPE', 'matrix: data length must be rows * cols = 4, got 3');
    expectCode(() => matrix(1, 2, [1, 2] as unknown as Float64Array), 'E_TYPE', 'matrix: data must be a Float64Array or Float32Array, got an array of length 2');
    expectCode(() => matrix(1, 2, new Int32Array(2) as unknown as Float64Array as unknown as Float64Array), 'E_TYPE', 'got a Int32Array of length 2');
  });
});

describe('isMatrix', () => {
  it('recognises the Matrix shape only', () => {
    expect(isMatrix(matrix(1, 1))).toBe(true);
    expect(isMatrix({ rows: 1, cols: 1, data: new Float64Array(1) })).toBe(true);
    expect(isMatrix([[1]])).toBe(false);
    expect(isMatrix({ rows: 1, cols: 1, data: [1] })).toBe(false);
    expect(isMatrix({ rows: '1', cols: 1, data: new Float64Array(1) })).toBe(false);
    expect(isMatrix(null)).toBe(false);
    expect(isMatrix(7)).toBe(false);
  });
});

describe('toMatrix', () => {
  it('copies number[][] row-major', () => {
    const rows = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const m = toMatrix(rows);
    expect(m.rows).toBe(2);
    expect(m.cols).toBe(3);
    expect(m.data).toBeInstanceOf(Float64Array);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    rows[0]![0] = 99;
    expect(m.data[0]).toBe(1);
  });

  it('copies Float64Array[] (and other array-likes of rows)', () => {
    const a = new Float64Array([1, -0, 3]);
    const m = toMatrix([a, new Float64Array([4, 5, 6])]);
    expect(Array.from(m.data)).toEqual([1, -0, 3, 4, 5, 6]);
    expect(Object.is(m.data[1], -0)).toBe(true);
    expect(m.data.buffer).not.toBe(a.buffer);
    const m2 = toMatrix([new Int32Array([1, 2]), new Float32Array([0.5, 4])]);
    expect(Array.from(m2.data)).toEqual([1, 2, 0.5, 4]);
  });

  it('returns a valid Matrix as is (no copy)', () => {
    const m: Matrix = { rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) };
    expect(toMatrix(m)).toBe(m);
  });

  it('handles empty inputs', () => {
    expect(toMatrix([])).toEqual({ rows: 0, cols: 0, data: new Float64Array(0) });
    const m = toMatrix([[], []]);
    expect([m.rows, m.cols, m.data.length]).toEqual([2, 0, 0]);
  });

  it('rejects ragged rows with E_SHAPE naming the row', () => {
    expectCode(() => toMatrix([[1, 2], [3]]), 'E_SHAPE', 'toMatrix: X must have rows of equal length 2, got length 1 at row 1');
    expectCode(() => asMatrix([[1], [2, 3]], 'kmeans', 'data'), 'E_SHAPE', 'kmeans: data must have rows of equal length 1');
  });

  it('rejects NaN and ±Infinity with E_NOT_FINITE naming row and column', () => {
    expectCode(() => toMatrix([[1, 2], [3, NaN]]), 'E_NOT_FINITE', 'toMatrix: X must hold finite numbers, got NaN at row 1, column 1');
    expectCode(() => toMatrix([[Infinity]]), 'E_NOT_FINITE', 'got Infinity at row 0, column 0');
    expectCode(() => toMatrix([new Float64Array([0, -Infinity])]), 'E_NOT_FINITE', 'got -Infinity at row 0, column 1');
  });

  it('rejects NaN inside a Matrix', () => {
    const m = { rows: 2, cols: 2, data: new Float64Array([1, 2, 3, NaN]) };
    expectCode(() => asMatrix(m, 'pdist', 'X'), 'E_NOT_FINITE', 'pdist: X must be finite, got NaN at row 1, column 1');
  });

  it('rejects a Matrix whose data length disagrees with its shape', () => {
    expectCode(() => toMatrix({ rows: 2, cols: 2, data: new Float64Array(3) }), 'E_SHAPE', 'data length 3');
    expectCode(() => toMatrix({ rows: 1.5, cols: 2, data: new Float64Array(3) }), 'E_SHAPE', 'rows=1.5');
    expectCode(() => toMatrix({ rows: -1, cols: -2, data: new Float64Array(2) }), 'E_SHAPE');
  });

  it('rejects non-arrays, non-row elements and non-numbers with E_TYPE', () => {
    const bad = (x: unknown): MatrixLike => x as MatrixLike;
    expectCode(() => toMatrix(bad(null)), 'E_TYPE', 'toMatrix: X must be a Matrix ({ rows, cols, data: Float64Array | Float32Array }), number[][], Float64Array[] or Float32Array[], got null');
    expectCode(() => toMatrix(bad(undefined)), 'E_TYPE', 'got undefined');
    expectCode(() => toMatrix(bad(42)), 'E_TYPE', 'got 42');
    expectCode(() => toMatrix(bad('abc')), 'E_TYPE', 'got "abc"');
    expectCode(() => toMatrix(bad({ rows: 1 })), 'E_TYPE', 'got an object');
    expectCode(() => toMatrix(bad([1, 2, 3])), 'E_TYPE', 'toMatrix: X must be an array of rows, got 1 at row 0');
    expectCode(() => toMatrix(bad([[1], null])), 'E_TYPE', 'got null at row 1');
    expectCode(() => toMatrix(bad([[1, '2']])), 'E_TYPE', 'toMatrix: X must hold finite numbers, got "2" at row 0, column 1');
    expectCode(() => toMatrix(bad([[1, undefined]])), 'E_TYPE', 'got undefined at row 0, column 1');
    expectCode(() => toMatrix(bad([[1n]])), 'E_TYPE', 'got 1 at row 0, column 0');
  });
});

describe('row', () => {
  it('is a zero-copy view: writes go through to the matrix', () => {
    const m = matrix(3, 2, new Float64Array([1, 2, 3, 4, 5, 6]));
    const r = row(m, 1);
    expect(Array.from(r)).toEqual([3, 4]);
    expect(r.buffer).toBe(m.data.buffer);
    r[0] = 30;
    expect(m.data[2]).toBe(30);
    m.data[3] = 40;
    expect(r[1]).toBe(40);
  });

  it('rejects out-of-range and fractional indices', () => {
    const m = matrix(2, 2);
    expectCode(() => row(m, 2), 'E_RANGE', 'row: i must be an integer in [0, 1], got 2');
    expectCode(() => row(m, -1), 'E_RANGE', 'got -1');
    expectCode(() => row(m, 0.5), 'E_RANGE', 'got 0.5');
    expectCode(() => row(matrix(0, 2), 0), 'E_RANGE', 'row: i must be an integer in [0, -1], got 0');
  });
});

describe('toRows', () => {
  it('copies into plain number arrays', () => {
    const m = matrix(2, 3, new Float64Array([1, 2, 3, 4, 5, 6]));
    const rows = toRows(m);
    expect(rows).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(Array.isArray(rows[0])).toBe(true);
    rows[0]![0] = 10;
    expect(m.data[0]).toBe(1);
  });

  it('handles zero rows and zero columns', () => {
    expect(toRows(matrix(0, 3))).toEqual([]);
    expect(toRows(matrix(2, 0))).toEqual([[], []]);
  });
});

describe('Float32 storage', () => {
  it('matrix() and toMatrix() keep Float32 data without copying', () => {
    const f32 = new Float32Array([1, 2, 3, 4, 5, 6]);
    const m = matrix(2, 3, f32);
    expect(m.data).toBe(f32);
    expect(toMatrix(m)).toBe(m);
    const flat = toMatrix(f32, { cols: 3 });
    expect(flat.data).toBe(f32);
    expect([flat.rows, flat.cols]).toEqual([2, 3]);
    expect(isMatrix(m)).toBe(true);
    expect(row(m, 1)).toBeInstanceOf(Float32Array);
    expect(Array.from(row(m, 1))).toEqual([4, 5, 6]);
  });

  it('Float32Array rows pack into one Float32 matrix; mixed rows become Float64', () => {
    const a = toMatrix([new Float32Array([1, 2]), new Float32Array([3, 4])]);
    expect(a.data).toBeInstanceOf(Float32Array);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4]);
    const b = toMatrix([new Float32Array([1, 2]), [3, 4]]);
    expect(b.data).toBeInstanceOf(Float64Array);
  });

  it('flat input needs cols that divide its length', () => {
    expectCode(() => toMatrix(new Float32Array(6)), 'E_TYPE', 'toMatrix: a flat Float32Array needs { cols }');
    expectCode(() => toMatrix(new Float32Array(6), { cols: 4 }), 'E_SHAPE', 'toMatrix: X length must be a multiple of cols = 4, got 6');
    expectCode(() => toMatrix([[1]], { cols: 1 }), 'E_TYPE', 'toMatrix: X must be a flat Float64Array or Float32Array when cols is given');
    expectCode(() => toMatrix([[1]], { colls: 1 } as never), 'E_OPTION', "toMatrix: unknown option 'colls' (did you mean 'cols'?)");
    expectCode(() => toMatrix(new Float32Array([1, NaN]), { cols: 2 }), 'E_NOT_FINITE', 'toMatrix: X must be finite, got NaN at row 0, column 1');
  });

  it('rejects impossible shapes at once instead of allocating', () => {
    expectCode(() => toMatrix({ rows: 1e9, cols: 1, data: new Float64Array(0) }), 'E_SHAPE', 'rows=1000000000, cols=1, data length 0');
    expectCode(() => toMatrix({ length: 2.5 }), 'E_SHAPE', 'got length 2.5');
    expectCode(() => toMatrix({ length: -1 }), 'E_SHAPE', 'got length -1');
    expectCode(() => row({ rows: 2, cols: 2, data: new Float64Array(3) }, 0), 'E_SHAPE', 'row: m must have data length rows * cols');
    expectCode(() => toRows(null as never), 'E_TYPE', 'toRows: m must be a Matrix');
  });
});

describe('asMatrix: rows without columns (fuzz: core/matrix-rows-without-cols)', () => {
  it('refuses { rows: 1e9, cols: 0 } at once instead of looping or allocating per row', () => {
    const huge = { rows: 1e9, cols: 0, data: new Float64Array(0) };
    expectCode(() => asMatrix(huge, 'knnSelf', 'data'), 'E_MEMORY', "knnSelf: data's 1000000000 rows");
    expectCode(() => toRows(huge), 'E_MEMORY', 'toRows');
  });
  it('keeps small zero-column matrices legal', () => {
    expect(asMatrix({ rows: 3, cols: 0, data: new Float64Array(0) }, 'f', 'X').rows).toBe(3);
    expect(toRows({ rows: 2, cols: 0, data: new Float64Array(0) })).toEqual([[], []]);
  });
});
