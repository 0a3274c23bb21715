import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMatrix } from '../../src/core/matrix.js';
import { standardize, standardizeInverseTransform, standardizeTransform } from '../../src/preprocess/index.js';

/** n × d matrices (n 1..20, d 1..5); some columns are made constant. */
const matrixArb = fc
  .tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 5 }))
  .chain(([n, d]) =>
    fc.tuple(
      fc.array(fc.array(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { minLength: d, maxLength: d }), {
        minLength: n,
        maxLength: n,
      }),
      fc.array(fc.boolean(), { minLength: d, maxLength: d }),
    ),
  )
  .map(([rows, constantCols]) => rows.map((r) => r.map((v, j) => (constantCols[j] ? rows[0]![j]! : v))));

/** Well-conditioned integer data (so translations and scalings keep every column's spread). */
const intMatrixArb = fc
  .tuple(fc.integer({ min: 2, max: 20 }), fc.integer({ min: 1, max: 4 }))
  .chain(([n, d]) => fc.array(fc.array(fc.integer({ min: -100, max: 100 }), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }));

function columnStats(data: Float64Array, n: number, d: number, j: number): { mean: number; std: number; allZero: boolean } {
  let s = 0;
  let allZero = true;
  for (let i = 0; i < n; i++) {
    s += data[i * d + j]!;
    if (data[i * d + j] !== 0) allZero = false;
  }
  const mean = s / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (data[i * d + j]! - mean) ** 2;
  return { mean, std: Math.sqrt(v / n), allZero };
}

describe('standardize properties', () => {
  it('each column has mean 0 and population std 1, or is all zeros when constant', () => {
    fc.assert(
      fc.property(matrixArb, (X) => {
        const n = X.length;
        const d = X[0]!.length;
        const { data, scale } = standardize(X);
        for (let j = 0; j < d; j++) {
          const constant = X.every((r) => r[j] === X[0]![j]);
          const st = columnStats(data.data, n, d, j);
          if (constant) {
            expect(st.allZero).toBe(true);
            expect(scale[j]).toBe(1);
          } else if (scale[j] !== 1 || st.std > 0.5) {
            // The fitted mean is a double: it can be off by half an ulp of the column's largest
            // magnitude, i.e. by ε·max|x| / scale in output units. Negligible for ordinary
            // columns; for a spread of a few ulps (FC_SEED=15: −999.9999999885049 and
            // −999.9999999885061) the mean itself cannot be represented closely enough.
            const rounding = (2.220446049250313e-16 * Math.max(...X.map((r) => Math.abs(r[j]!)))) / scale[j]!;
            expect(Math.abs(st.mean)).toBeLessThan(1e-12 + 2 * rounding);
            expect(Math.abs(st.std - 1)).toBeLessThan(1e-12 + 2 * rounding);
          }
        }
      }),
    );
  });

  it('is invariant to translation and positive scaling of a column (and flips sign for negative scaling)', () => {
    fc.assert(
      fc.property(
        intMatrixArb,
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.boolean(),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        (X, a, negate, b) => {
          const k = negate ? -a : a;
          const Y = X.map((r) => r.map((v) => k * v + b));
          const zx = standardize(X).data.data;
          const zy = standardize(Y).data.data;
          const sign = negate ? -1 : 1;
          for (let i = 0; i < zx.length; i++) expect(Math.abs(zy[i]! - sign * zx[i]!)).toBeLessThan(1e-9);
        },
      ),
    );
  });

  it('inverse transform restores the data; transform of the fitted data equals the result', () => {
    fc.assert(
      fc.property(matrixArb, (X) => {
        const res = standardize(X);
        expect(Array.from(standardizeTransform(res, X).data)).toEqual(Array.from(res.data.data));
        const back = standardizeInverseTransform(res, res.data).data;
        const flat = X.flat();
        const d = X[0]!.length;
        for (let p = 0; p < flat.length; p++) {
          const tol = 4e-16 * (Math.abs(flat[p]!) + Math.abs(res.mean[p % d]!) + 4 * res.scale[p % d]!);
          expect(Math.abs(back[p]! - flat[p]!)).toBeLessThanOrEqual(tol);
        }
      }),
    );
  });

  it('permuting rows permutes the output rows and leaves mean and scale unchanged', () => {
    fc.assert(
      fc.property(
        matrixArb.chain((X) => fc.tuple(fc.constant(X), fc.shuffledSubarray(X.map((_, i) => i), { minLength: X.length, maxLength: X.length }))),
        ([X, perm]) => {
          const a = standardize(X);
          const b = standardize(perm.map((i) => X[i]!));
          const d = X[0]!.length;
          for (let j = 0; j < d; j++) {
            expect(Math.abs(a.mean[j]! - b.mean[j]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(a.mean[j]!)));
            expect(Math.abs(a.scale[j]! - b.scale[j]!)).toBeLessThanOrEqual(1e-12 * a.scale[j]!);
          }
          perm.forEach((src, i) => {
            for (let j = 0; j < d; j++) expect(Math.abs(b.data.data[i * d + j]! - a.data.data[src * d + j]!)).toBeLessThan(1e-9);
          });
        },
      ),
    );
  });

  it('never mutates its input', () => {
    fc.assert(
      fc.property(matrixArb, (X) => {
        const copy = JSON.stringify(X);
        const m = toMatrix(X);
        const bytes = m.data.slice();
        const res = standardize(X);
        standardize(m);
        standardizeTransform(res, m);
        standardizeInverseTransform(res, m);
        expect(JSON.stringify(X)).toBe(copy);
        expect(Array.from(m.data)).toEqual(Array.from(bytes));
      }),
    );
  });
});
