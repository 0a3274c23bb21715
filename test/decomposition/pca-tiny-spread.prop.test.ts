import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pca } from '../../src/decomposition/pca.js';
import { scaledSpread } from '../../src/decomposition/pca-spread.js';

const SOLVERS = ['full', 'covariance', 'svd', 'randomized'] as const;

/** n × d values in [−10, 10] with at least two distinct rows. */
const dataArb = fc
  .record({ n: fc.integer({ min: 3, max: 9 }), d: fc.integer({ min: 1, max: 4 }) })
  .chain(({ n, d }) =>
    fc.record({
      n: fc.constant(n),
      d: fc.constant(d),
      values: fc.array(fc.double({ min: -10, max: 10, noNaN: true }).map((v) => (Math.abs(v) < 1e-3 ? 0 : v)), { minLength: n * d, maxLength: n * d }),
    }),
  )
  .filter(({ values, d }) => values.some((v, i) => v !== values[i % d]));

describe('pca on data of a tiny spread', () => {
  it('gives the components and ratios of the same data at unit scale, and its variances scaled by 2^-900 (every solver)', () => {
    fc.assert(
      fc.property(dataArb, fc.constantFrom(...SOLVERS), ({ n, d, values }, solver) => {
        const k = Math.min(n, d);
        const X = { rows: n, cols: d, data: Float64Array.from(values) };
        // 2^-450: the squares (~2^-900) are still normal doubles, so the variances can be compared;
        // without the rescaling their sums lose precision and the scatter matrix is no longer exact.
        const tiny = { rows: n, cols: d, data: Float64Array.from(values, (v) => v * 2 ** -450) };
        const a = pca(X, { components: k, solver });
        const b = pca(tiny, { components: k, solver });
        for (let i = 0; i < k; i++) {
          expect(b.explainedVarianceRatio[i]).toBeCloseTo(a.explainedVarianceRatio[i]!, 10);
          const ev = a.explainedVariance[i]!;
          expect(Math.abs(b.explainedVariance[i]! * 2 ** 900 - ev)).toBeLessThanOrEqual(1e-9 * a.explainedVariance[0]!);
          // A null singular value from the covariance route is √(rounding of λ₁) ≈ 1e-8·σ₁ at any scale.
          expect(Math.abs(b.singularValues[i]! * 2 ** 450 - a.singularValues[i]!)).toBeLessThanOrEqual(1e-7 * a.singularValues[0]!);
        }
        // Components of well-separated, non-null variances agree; a null-space direction is arbitrary.
        for (let i = 0; i < k; i++) {
          if (a.explainedVariance[i]! < 1e-6 * a.explainedVariance[0]!) continue;
          const gapBelow = i + 1 < k ? a.explainedVariance[i]! - a.explainedVariance[i + 1]! : Infinity;
          const gapAbove = i > 0 ? a.explainedVariance[i - 1]! - a.explainedVariance[i]! : Infinity;
          if (Math.min(gapBelow, gapAbove) < 1e-3 * a.explainedVariance[0]!) continue;
          // Up to sign: the sign convention's largest-entry test can fall either way on entries of
          // equal magnitude.
          let dot = 0;
          for (let j = 0; j < d; j++) dot += b.components.data[i * d + j]! * a.components.data[i * d + j]!;
          const sign = dot < 0 ? -1 : 1;
          for (let j = 0; j < d; j++) expect(sign * b.components.data[i * d + j]!).toBeCloseTo(a.components.data[i * d + j]!, 6);
        }
        for (let j = 0; j < d; j++) expect(b.mean[j]! * 2 ** 450).toBeCloseTo(a.mean[j]!, 9);
      }),
      { numRuns: 120 },
    );
  });

  it('fixes the cases that were wrong: ratios above 1, zero ratios and identity components', () => {
    // deep fuzz seed 50: one column, values around 1e-159 and subnormals (ratio was 1.0000008)
    const one = pca([Float64Array.of(-6.4e-323), Float64Array.of(4.3835300364079705e-159), Float64Array.of(-2.5e-323)], { components: 1, solver: 'randomized', powerIterations: 2 });
    expect(one.explainedVarianceRatio[0]).toBeLessThanOrEqual(1);
    expect(one.explainedVarianceRatio[0]).toBeCloseTo(1, 12);
    // values ~1e-170: their squares underflow to 0 (ratios were [0, 0], full/covariance gave the identity)
    const Z = [[1e-170, 2e-170], [3e-170, 1e-171], [-2e-170, 5e-170], [4e-170, -1e-170]];
    const ref = pca(Z.map((r) => r.map((v) => v * 2 ** 600)), { components: 2, solver: 'full' });
    for (const solver of SOLVERS) {
      const m = pca(Z, { components: 2, solver });
      for (let i = 0; i < 2; i++) expect(m.explainedVarianceRatio[i]).toBeCloseTo(ref.explainedVarianceRatio[i]!, 12);
      for (let t = 0; t < 4; t++) expect(m.components.data[t]).toBeCloseTo(ref.components.data[t]!, 10);
    }
    expect(ref.explainedVarianceRatio[0]).toBeGreaterThan(0.9);
  });

  it('leaves ordinary data alone (no copy) and scales only spreads below 2^-400', () => {
    expect(scaledSpread(Float64Array.of(1, 2, 3), 3, 1, Float64Array.of(2))).toBeNull();
    expect(scaledSpread(Float64Array.of(2 ** -399, 0), 2, 1, Float64Array.of(0))).toBeNull();
    expect(scaledSpread(Float64Array.of(5, 5), 2, 1, Float64Array.of(5))).toBeNull(); // no spread at all
    const s = scaledSpread(Float64Array.of(2 ** -401, -(2 ** -402)), 2, 1, Float64Array.of(0));
    expect(s?.exponent).toBe(400); // the largest |value| brought to [0.5, 1)
    expect(Array.from(s!.data)).toEqual([0.5, -0.25]);
  });
});
