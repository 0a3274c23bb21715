import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/core/matrix.js';
import { cdist, chebyshev, condensedIndex, cosine, cosineSimilarity, euclidean, manhattan, pdist, sqeuclidean, squareform, METRIC_NAMES } from '../../src/distance/index.js';

// Coordinates whose squares would underflow (|x| < ~1e-154) are out of scope: there the
// squared metrics return 0 for distinct points and cosine sees a zero vector (documented).
const coord = fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true }).map((x) => (Math.abs(x) < 1e-100 ? 0 : x));
const vec = (d: number): fc.Arbitrary<number[]> => fc.array(coord, { minLength: d, maxLength: d });
const triple = fc.integer({ min: 1, max: 12 }).chain((d) => fc.tuple(vec(d), vec(d), vec(d)));
const matrixArb: fc.Arbitrary<Matrix> = fc
  .record({ n: fc.integer({ min: 0, max: 14 }), d: fc.integer({ min: 0, max: 7 }), grid: fc.boolean() })
  .chain(({ n, d, grid }) =>
    fc.array(grid ? fc.integer({ min: -2, max: 2 }) : coord, { minLength: n * d, maxLength: n * d }).map((v) => ({ rows: n, cols: d, data: Float64Array.from(v) })),
  );

const trueMetrics = { euclidean, manhattan, chebyshev };

describe('metric axioms', () => {
  it.each(Object.entries(trueMetrics))('%s: identity, non-negativity, exact symmetry, triangle inequality', (_name, f) => {
    fc.assert(
      fc.property(triple, ([a, b, c]) => {
        expect(f(a, a)).toBe(0);
        const ab = f(a, b);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(f(b, a)).toBe(ab);
        if (ab === 0) expect(a.every((x, i) => x === b[i])).toBe(true);
        // Up to rounding (a few ulps of the sums involved).
        const bc = f(b, c);
        expect(f(a, c)).toBeLessThanOrEqual(ab + bc + 1e-12 * (ab + bc + 1));
      }),
    );
  });

  it('sqeuclidean is the square of euclidean and breaks the triangle inequality (so knn never prunes on it)', () => {
    fc.assert(
      fc.property(triple, ([a, b]) => {
        expect(sqeuclidean(a, b)).toBe(sqeuclidean(b, a));
        expect(Math.sqrt(sqeuclidean(a, b))).toBe(euclidean(a, b));
      }),
    );
    // 0 — 1 — 2 on a line: 4 > 1 + 1.
    expect(sqeuclidean([0], [2])).toBeGreaterThan(sqeuclidean([0], [1]) + sqeuclidean([1], [2]));
  });

  it('cosine: symmetric, in [0, 2], 1 − similarity, scale invariant', () => {
    fc.assert(
      fc.property(triple, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ([a, b], s, t) => {
        const c = cosine(a, b);
        expect(cosine(b, a)).toBe(c);
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(2);
        expect(c).toBe(1 - cosineSimilarity(a, b));
        const sa = a.map((x) => x * s);
        const tb = b.map((x) => x * t);
        expect(Math.abs(cosine(sa, tb) - c)).toBeLessThan(1e-12);
        if (a.every((x) => x === 0)) expect(cosine(a, sa)).toBe(1);
        else expect(cosine(a, sa)).toBeLessThan(1e-12);
      }),
    );
  });
});

describe('pdist / cdist / squareform consistency', () => {
  it.each(METRIC_NAMES)('%s: pdist is the condensed upper triangle of cdist(X, X), squareform round-trips', (metric) => {
    fc.assert(
      fc.property(matrixArb, (X) => {
        const n = X.rows;
        const p = pdist(X, metric);
        const c = cdist(X, X, metric);
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) {
            const v = p[condensedIndex(n, i, j)]!;
            expect(c.data[i * n + j]).toBe(v);
            expect(c.data[j * n + i]).toBe(v); // exact symmetry of the kernels
          }
        }
        const sq = squareform(p);
        expect([sq.rows, sq.cols]).toEqual([Math.max(n, 1), Math.max(n, 1)]);
        for (let i = 0; i < n; i++) {
          expect(sq.data[i * n + i]).toBe(0);
          for (let j = 0; j < n; j++) if (i !== j) expect(sq.data[i * n + j]).toBe(c.data[i * n + j]);
        }
        expect(Array.from(squareform(sq))).toEqual(Array.from(p));
      }),
    );
  });

  it('inputs are not mutated', () => {
    fc.assert(
      fc.property(matrixArb, matrixArb, fc.constantFrom(...METRIC_NAMES), (X, Y0, metric) => {
        const Y = { rows: Y0.rows, cols: X.cols, data: new Float64Array(Y0.rows * X.cols).fill(0.5) };
        const x0 = X.data.slice();
        const y0 = Y.data.slice();
        const p = pdist(X, metric);
        const p0 = p.slice();
        cdist(X, Y, metric);
        const sq = squareform(p);
        const s0 = sq.data.slice();
        squareform(sq);
        expect(Array.from(X.data)).toEqual(Array.from(x0));
        expect(Array.from(Y.data)).toEqual(Array.from(y0));
        expect(Array.from(p)).toEqual(Array.from(p0));
        expect(Array.from(sq.data)).toEqual(Array.from(s0));
      }),
    );
  });

  it('number[][] and Matrix inputs give identical results', () => {
    fc.assert(
      fc.property(matrixArb, fc.constantFrom(...METRIC_NAMES), (X, metric) => {
        const rows = Array.from({ length: X.rows }, (_, i) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)));
        if (X.cols === 0) return; // number[][] with empty rows has no width information beyond 0
        expect(Array.from(pdist(rows, metric))).toEqual(Array.from(pdist(X, metric)));
      }),
    );
  });
});
