import { describe, expect, it } from 'vitest';
import type { Matrix64 as Matrix } from '../../src/core/matrix.js';
import { cdist, condensedIndex, condensedSize, cosine, euclidean, pdist, squareform } from '../../src/distance/index.js';
import { rowDistance } from '../../src/distance/pairwise.js';
import { METRIC_NAMES, checkMetric } from '../../src/distance/metric.js';
import { SCALAR } from '../neighbors/reference.js';
import { latentErrorCode } from '../helpers/latent-error.js';
import { uniformMatrix } from '../helpers/random-data.js';

function row(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

describe('pdist / cdist', () => {
  it('documented examples', () => {
    expect(Array.from(pdist([[0, 0], [3, 4], [6, 8]]))).toEqual([5, 10, 5]);
    expect(Array.from(cdist([[0, 0]], [[3, 4], [0, 1]]).data)).toEqual([5, 1]);
    expect(condensedSize(3)).toBe(3);
    expect(condensedSize(4)).toBe(-1);
    expect(condensedIndex(4, 1, 2)).toBe(3);
    expect(condensedIndex(4, 2, 1)).toBe(3);
    expect(rowDistance('euclidean', new Float64Array([0, 0, 3, 4]), 0, new Float64Array([0, 0, 3, 4]), 2, 2)).toBe(5);
  });

  // Every tile shape: n from 0 to 13 covers the 2×4 tiles, their remainders and odd row counts.
  it.each(METRIC_NAMES)('%s: every entry is bit-for-bit the scalar function (all tile remainders)', (metric) => {
    const f = SCALAR[metric];
    for (let n = 0; n <= 13; n++) {
      for (const d of [1, 3, 8]) {
        const X = uniformMatrix(n, d, 100 * n + d, -2, 2);
        const Y = uniformMatrix((n * 7) % 11, d, 7 * n + d, -2, 2);
        const p = pdist(X, metric);
        expect(p.length).toBe(n < 2 ? 0 : (n * (n - 1)) / 2);
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(p[condensedIndex(n, i, j)]).toBe(f(row(X, i), row(X, j)));
        const c = cdist(X, Y, metric);
        expect([c.rows, c.cols]).toEqual([X.rows, Y.rows]);
        for (let i = 0; i < X.rows; i++) for (let j = 0; j < Y.rows; j++) expect(c.data[i * Y.rows + j]).toBe(f(row(X, i), row(Y, j)));
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(rowDistance(metric, X.data, i * d, X.data, j * d, d)).toBe(f(row(X, i), row(X, j)));
      }
    }
  });

  it('cdist sweeps large right-hand sides in column blocks without changing a bit', () => {
    const X = uniformMatrix(5, 3, 1, -2, 2);
    const Y = uniformMatrix(20000, 3, 2, -2, 2); // more than one 32768-double block of 3-wide rows
    for (const metric of METRIC_NAMES) {
      const c = cdist(X, Y, metric);
      for (const j of [0, 1, 10921, 10922, 10923, 19999]) for (let i = 0; i < 5; i++) expect(c.data[i * 20000 + j]).toBe(SCALAR[metric](row(X, i), row(Y, j)));
    }
  });

  it('pdist column blocks (wide rows: 16-row blocks) cover every pair exactly once', () => {
    const X = uniformMatrix(37, 2048, 9, -2, 2);
    for (const metric of METRIC_NAMES) {
      const p = pdist(X, metric);
      for (let i = 0; i < 37; i++) for (let j = i + 1; j < 37; j++) expect(p[condensedIndex(37, i, j)]).toBe(SCALAR[metric](row(X, i), row(X, j)));
    }
  });

  it('accurate for close points far from the origin', () => {
    const X = [[1e8, 1e8], [1e8 + 1, 1e8 + 1], [1e8 + 2, 1e8 + 2]];
    expect(Array.from(pdist(X))).toEqual([Math.SQRT2, 2 * Math.SQRT2, Math.SQRT2]);
    expect(Array.from(pdist(X, 'sqeuclidean'))).toEqual([2, 8, 2]);
    expect(Array.from(cdist(X, X).data)).toEqual([0, Math.SQRT2, 2 * Math.SQRT2, Math.SQRT2, 0, Math.SQRT2, 2 * Math.SQRT2, Math.SQRT2, 0]);
  });

  it('cosine with zero rows: distance 1 to every row, never NaN', () => {
    expect(Array.from(pdist([[0, 0], [1, 0], [0, 0]], 'cosine'))).toEqual([1, 1, 1]);
    expect(Array.from(cdist([[0, 0]], [[0, 0], [2, 3]], 'cosine').data)).toEqual([1, 1]);
    expect(cosine([0, 0], [0, 0])).toBe(1);
  });

  it('custom metric functions are called with row views, once per pair', () => {
    const calls: [number, number][] = [];
    const X = [[0], [1], [3]];
    const p = pdist(X, (a, b) => {
      calls.push([a[0]!, b[0]!]);
      return Math.abs(a[0]! - b[0]!);
    });
    expect(Array.from(p)).toEqual([1, 3, 2]);
    expect(calls).toEqual([[0, 1], [0, 3], [1, 3]]);
    expect(Array.from(cdist(X, [[2]], (a, b) => euclidean(a, b)).data)).toEqual([2, 1, 1]);
  });

  it('degenerate shapes: no rows, one row, zero columns', () => {
    expect(pdist([]).length).toBe(0);
    expect(pdist([[1, 2]]).length).toBe(0);
    expect(Array.from(pdist({ rows: 3, cols: 0, data: new Float64Array(0) }))).toEqual([0, 0, 0]);
    expect(cdist([], [[1]]).data.length).toBe(0);
    expect(cdist([[1, 2]], []).rows).toBe(1);
  });

  it('errors', () => {
    expect(latentErrorCode(() => pdist(3 as never))).toBe('E_TYPE');
    expect(latentErrorCode(() => pdist([[1, NaN]]))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => pdist([[1, 2], [1]]))).toBe('E_SHAPE');
    expect(latentErrorCode(() => pdist([[1]], 'hamming' as never))).toBe('E_OPTION');
    expect(latentErrorCode(() => pdist({ rows: 70000, cols: 0, data: new Float64Array(0) }))).toBe('E_MEMORY');
    expect(latentErrorCode(() => cdist([[1, 2]], [[1, 2, 3]]))).toBe('E_SHAPE');
    expect(latentErrorCode(() => cdist([[1]], [[Infinity]]))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => cdist([[1]], [[1]], 5 as never))).toBe('E_TYPE');
    expect(latentErrorCode(() => cdist({ rows: 50000, cols: 0, data: new Float64Array(0) }, { rows: 50000, cols: 0, data: new Float64Array(0) }))).toBe('E_MEMORY');
    expect(latentErrorCode(() => pdist([[1e200], [1]], 'cosine'))).toBe('E_RANGE');
    expect(latentErrorCode(() => cdist([[1]], [[1e200]], 'cosine'))).toBe('E_RANGE');
    expect(latentErrorCode(() => pdist([[1], [2]], () => -1))).toBe('E_RANGE');
    expect(latentErrorCode(() => pdist([[1], [2]], () => NaN))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => cdist([[1]], [[2]], () => Infinity))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => cdist([[1]], [[2]], () => undefined as never))).toBe('E_RANGE');
    expect(() => cdist([[1, 2]], [[1, 2, 3]])).toThrow('cdist: Y columns must equal X columns 2, got 3');
    expect(checkMetric('pdist', undefined)).toBe('euclidean');
  });
});

describe('squareform', () => {
  it('documented examples, both directions', () => {
    expect(Array.from(squareform(new Float64Array([5, 10, 5])).data)).toEqual([0, 5, 10, 5, 0, 5, 10, 5, 0]);
    expect(Array.from(squareform([[0, 5, 10], [5, 0, 5], [10, 5, 0]]))).toEqual([5, 10, 5]);
    const one = squareform([]);
    expect([one.rows, one.cols, Array.from(one.data)]).toEqual([1, 1, [0]]);
    expect(squareform([[0]]).length).toBe(0);
    expect(squareform({ rows: 0, cols: 0, data: new Float64Array(0) }).length).toBe(0);
  });

  it('errors', () => {
    expect(latentErrorCode(() => squareform(null as never))).toBe('E_TYPE');
    expect(latentErrorCode(() => squareform(7 as never))).toBe('E_TYPE');
    expect(latentErrorCode(() => squareform({} as never))).toBe('E_TYPE');
    expect(latentErrorCode(() => squareform([1, 2]))).toBe('E_SHAPE');
    expect(latentErrorCode(() => squareform([1, NaN, 3]))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => squareform(['1', 2, 3] as never))).toBe('E_TYPE');
    expect(latentErrorCode(() => squareform([[0, 1, 2], [1, 0, 3]]))).toBe('E_SHAPE');
    expect(latentErrorCode(() => squareform([[0, 1], [2, 0]]))).toBe('E_RANGE');
    expect(latentErrorCode(() => squareform([[1, 1], [1, 0]]))).toBe('E_RANGE');
    expect(latentErrorCode(() => squareform([[0, NaN], [NaN, 0]]))).toBe('E_NOT_FINITE');
  });
});

describe('pdist / cdist beyond ±2^500 (fuzz: distance/pairwise-overflow)', () => {
  const MAX = Number.MAX_VALUE;

  it("euclidean and sqeuclidean refuse Float64 data whose squares could overflow, naming the value", () => {
    for (const metric of ['euclidean', 'sqeuclidean'] as const) {
      expect(() => pdist([[0, 1], [2, 1e200]], metric)).toThrow(expect.objectContaining({ code: 'E_RANGE', message: expect.stringMatching(/^pdist: X values must lie within ±2\^500 .* got 1e\+200 at row 1, column 1/) }));
      expect(() => cdist([[MAX]], [[0]], metric)).toThrow(expect.objectContaining({ code: 'E_RANGE', message: expect.stringMatching(/^cdist: X values must lie within/) }));
      expect(() => cdist([[0]], [[-1e160]], { metric })).toThrow(expect.objectContaining({ code: 'E_RANGE', message: expect.stringMatching(/^cdist: Y values must lie within/) }));
    }
    expect(latentErrorCode(() => pdist([[MAX], [0]]))).toBe('E_RANGE'); // the default metric
  });

  it('data up to the bound stay finite and exact; other metrics and Float32 data are not refused', () => {
    const b = 2 ** 500;
    expect(Array.from(pdist([[b, -b], [-b, b]], 'sqeuclidean'))).toEqual([2 ** 1003]);
    expect(cdist([[b]], [[-b]]).data[0]).toBe(2 ** 501);
    expect(Array.from(pdist([[1e200], [0]], 'chebyshev'))).toEqual([1e200]);
    expect(Array.from(pdist([[1e200], [-1e200]], 'manhattan'))).toEqual([2e200]);
    expect(Array.from(pdist({ rows: 2, cols: 1, data: new Float32Array([3e38, -3e38]) }))).toEqual([Math.fround(3e38) * 2]);
  });
});
