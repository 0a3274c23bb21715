import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMatrix } from '../../src/core/matrix.js';
import { minMaxScale, minMaxScaleInverseTransform, minMaxScaleTransform } from '../../src/preprocess/index.js';

const matrixArb = fc
  .tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 5 }))
  .chain(([n, d]) =>
    fc.array(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
  );

const rangeArb = fc
  .tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 1e-3, max: 100, noNaN: true }))
  .map(([lo, w]) => [lo, lo + w] as [number, number])
  .filter(([lo, hi]) => lo < hi);

describe('minMaxScale properties', () => {
  it('fitted data lands in the feature range, with min → lo and max → hi exactly', () => {
    fc.assert(
      fc.property(matrixArb, rangeArb, (X, featureRange) => {
        const [lo, hi] = featureRange;
        const { data, min, max } = minMaxScale(X, { featureRange });
        const d = X[0]!.length;
        for (let p = 0; p < data.data.length; p++) {
          const v = data.data[p]!;
          const x = X[Math.floor(p / d)]![p % d]!;
          const j = p % d;
          expect(v).toBeGreaterThanOrEqual(lo);
          expect(v).toBeLessThanOrEqual(hi);
          if (x === min[j]) expect(v === lo).toBe(true); // ±0 alike
          else if (x === max[j]) expect(v === hi).toBe(true);
        }
      }),
    );
  });

  it('is invariant to positive affine maps of the input', () => {
    fc.assert(
      fc.property(matrixArb, fc.double({ min: 1e-2, max: 1e2, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), (X, a, b) => {
        const Y = X.map((r) => r.map((v) => a * v + b));
        const zx = minMaxScale(X).data.data;
        const zy = minMaxScale(Y).data.data;
        const d = X[0]!.length;
        for (let j = 0; j < d; j++) {
          const col = X.map((r) => r[j]!);
          const spread = Math.max(...col) - Math.min(...col);
          const colY = Y.map((r) => r[j]!);
          // Skip columns whose spread the affine map's rounding can blur: relative to their
          // magnitude, or absolutely near the subnormal range, where a·x rounds to a multiple of
          // 5e-324 (FC_SEED=20 found [0, 5e-324, 1e-323] · 0.25 → [0, 0, 0 or 5e-324]).
          const scaleOf = Math.max(...col.map(Math.abs), Math.abs(b) / a);
          const blurred = spread < 1e-6 * scaleOf || Math.min(spread, spread * a) < 1e-290;
          if (spread === 0 || blurred || Math.max(...colY) === Math.min(...colY)) continue;
          for (let i = 0; i < X.length; i++) expect(Math.abs(zy[i * d + j]! - zx[i * d + j]!)).toBeLessThan(1e-7);
        }
      }),
    );
  });

  it('inverse transform restores the data, and transform of the fitted data equals the result', () => {
    fc.assert(
      fc.property(matrixArb, rangeArb, (X, featureRange) => {
        const res = minMaxScale(X, { featureRange });
        expect(Array.from(minMaxScaleTransform(res, X).data)).toEqual(Array.from(res.data.data));
        const back = minMaxScaleInverseTransform(res, res.data).data;
        const d = X[0]!.length;
        const [lo, hi] = featureRange;
        // The scaled value carries an absolute error of a few ulps of max(|lo|, |hi|), which the
        // inverse magnifies by (max − min) / (hi − lo): a narrow range far from 0 is ill-conditioned.
        const amplification = (Math.abs(lo) + Math.abs(hi)) / (hi - lo) + 2;
        X.flat().forEach((x, p) => {
          const j = p % d;
          // Plus two subnormal steps: at that scale rounding is absolute (FC_SEED=180 with
          // FC_NUM_RUNS=300: [6e-323, −5e-324, −6e-323] came back 5e-324 off).
          const tol = 8e-16 * amplification * (res.max[j]! - res.min[j]!) + 4e-16 * (Math.abs(res.min[j]!) + Math.abs(res.max[j]!)) + 2 * Number.MIN_VALUE;
          expect(Math.abs(back[p]! - x)).toBeLessThanOrEqual(tol);
        });
      }),
    );
  });

  it('never mutates its input', () => {
    fc.assert(
      fc.property(matrixArb, (X) => {
        const copy = JSON.stringify(X);
        const m = toMatrix(X);
        const before = Array.from(m.data);
        const res = minMaxScale(m);
        minMaxScaleTransform(res, X);
        minMaxScaleInverseTransform(res, m);
        expect(JSON.stringify(X)).toBe(copy);
        expect(Array.from(m.data)).toEqual(before);
      }),
    );
  });
});
