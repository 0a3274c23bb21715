import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/core/matrix.js';
import { pca } from '../../src/decomposition/pca.js';
import { pcaInverseTransform } from '../../src/decomposition/pca-inverse-transform.js';
import { pcaReconstructionError } from '../../src/decomposition/pca-reconstruction-error.js';
import { pcaTransform } from '../../src/decomposition/pca-transform.js';
import { EPS, gaussian, maxAbs, rowOrthonormalityError } from './linalg-helpers.js';

/** Random data: Gaussian, with duplicated / constant / scaled columns mixed in by `kind`. */
const dataArb = fc
  .record({
    n: fc.integer({ min: 2, max: 30 }),
    d: fc.integer({ min: 1, max: 10 }),
    seed: fc.integer({ min: 0, max: 1e9 }),
    kind: fc.constantFrom('gaussian', 'duplicate', 'constant', 'scaled'),
  })
  .map(({ n, d, seed, kind }): Matrix => {
    const data = gaussian(n, d, seed);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const o = i * d + j;
        if (kind === 'duplicate' && j > 0 && j % 2 === 0) data[o] = data[o - 1]!;
        if (kind === 'constant' && j % 3 === 1) data[o] = 5;
        if (kind === 'scaled') data[o] = data[o]! * 10 ** (j - 3);
      }
    }
    return { rows: n, cols: d, data };
  });

describe('pca (properties)', () => {
  it('orthonormal components, sorted non-negative variances, ratios summing to 1, sign convention', () => {
    fc.assert(
      fc.property(dataArb, (X) => {
        const model = pca(X);
        const { rows: k, cols: d, data } = model.components;
        expect(k).toBe(Math.min(X.rows, X.cols));
        expect(rowOrthonormalityError(data, k, d)).toBeLessThan(1e-12);
        let sum = 0;
        for (let i = 0; i < k; i++) {
          expect(model.explainedVariance[i]!).toBeGreaterThanOrEqual(0);
          if (i > 0) expect(model.explainedVariance[i]!).toBeLessThanOrEqual(model.explainedVariance[i - 1]!);
          expect(model.singularValues[i]! ** 2 / (X.rows - 1)).toBeCloseTo(model.explainedVariance[i]!, 10);
          sum += model.explainedVarianceRatio[i]!;
          let best = 0;
          for (let j = 1; j < d; j++) if (Math.abs(data[i * d + j]!) > Math.abs(data[i * d + best]!)) best = j;
          expect(data[i * d + best]!).toBeGreaterThan(0);
        }
        const total = maxAbs(model.explainedVariance);
        if (total > 0) expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
        expect(model.noiseVariance).toBe(0);
        // Fewer components: ratios sum to ≤ 1 and the noise is the mean discarded variance.
        if (k > 1) {
          const part = pca(X, { components: k - 1 });
          let s = 0;
          for (let i = 0; i < k - 1; i++) s += part.explainedVarianceRatio[i]!;
          expect(s).toBeLessThanOrEqual(1 + 1e-12);
          expect(part.noiseVariance).toBeCloseTo(model.explainedVariance[k - 1]!, 10);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('the full inverse transform reconstructs the data (plain and whitened)', () => {
    fc.assert(
      fc.property(dataArb, fc.boolean(), (X, whiten) => {
        const model = pca(X, { whiten });
        const back = pcaInverseTransform(model, pcaTransform(model, X));
        const scale = Math.max(maxAbs(X.data), 1e-300);
        let err = 0;
        for (let i = 0; i < X.data.length; i++) err = Math.max(err, Math.abs(back.data[i]! - X.data[i]!));
        // Whitening divides by tiny variances of numerically-zero components: reconstruction of
        // the whitened route is exact only up to those, so compare the plain route tightly.
        if (!whiten) expect(err / scale).toBeLessThan(1e3 * X.cols * EPS);
        const errors = pcaReconstructionError(model, X);
        for (let i = 0; i < errors.length; i++) expect(errors[i]! / (scale * scale)).toBeLessThan(1e-20);
      }),
      { numRuns: 80 },
    );
  });

  it('is translation invariant and scales variances by the square of a data scale', () => {
    fc.assert(
      fc.property(
        dataArb,
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.constantFrom(-3, 0.5, 7, 1e-3),
        (X, shift, c) => {
          const k = Math.min(X.rows, X.cols);
          const model = pca(X);
          const shifted: Matrix = { rows: X.rows, cols: X.cols, data: X.data.map((v, i) => v + shift * ((i % X.cols) + 1)) };
          const scaled: Matrix = { rows: X.rows, cols: X.cols, data: X.data.map((v) => v * c) };
          const ms = pca(shifted);
          const mc = pca(scaled);
          const top = Math.max(model.explainedVariance[0]!, 1e-300);
          for (let i = 0; i < k; i++) {
            expect(Math.abs(ms.explainedVariance[i]! - model.explainedVariance[i]!)).toBeLessThan(1e-9 * top + 1e-12 * shift * shift);
            expect(Math.abs(mc.explainedVariance[i]! - c * c * model.explainedVariance[i]!)).toBeLessThan(1e-9 * c * c * top);
          }
          // The transform of translated data by the translated model is unchanged where the
          // spectrum is well separated (components are then unique up to the fixed sign).
          const z = pcaTransform(model, X);
          const zs = pcaTransform(ms, shifted);
          const lead = model.explainedVariance;
          let err = 0;
          let zmax = 0;
          for (let j = 0; j < k; j++) {
            const gapPrev = j === 0 ? Infinity : lead[j - 1]! - lead[j]!;
            const gapNext = j === k - 1 ? lead[j]! : lead[j]! - lead[j + 1]!;
            if (Math.min(gapPrev, gapNext) < 1e-3 * top) continue;
            for (let i = 0; i < X.rows; i++) {
              err = Math.max(err, Math.abs(z.data[i * k + j]! - zs.data[i * k + j]!));
              zmax = Math.max(zmax, Math.abs(z.data[i * k + j]!));
            }
          }
          expect(err).toBeLessThanOrEqual(1e-6 * (zmax + Math.abs(shift) * 10 + 1e-300));
        },
      ),
      { numRuns: 80 },
    );
  });
});
