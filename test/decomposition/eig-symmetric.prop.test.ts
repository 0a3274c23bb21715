import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eigSymmetric } from '../../src/decomposition/eig-symmetric.js';
import { EPS, eigResidual, gaussian, maxAbs, rowOrthonormalityError, symmetricWithSpectrum } from './linalg-helpers.js';

function check(a: Float64Array, n: number): void {
  const { values, vectors } = eigSymmetric({ rows: n, cols: n, data: a });
  const v = vectors.data;
  const norm = Math.max(maxAbs(a), Number.MIN_VALUE);
  expect(eigResidual(a, n, values, v) / norm).toBeLessThan(20 * n * EPS);
  expect(rowOrthonormalityError(v, n, n)).toBeLessThan(20 * n * EPS);
  let trace = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    trace += a[i * n + i]!;
    sum += values[i]!;
    if (i > 0) expect(values[i]!).toBeLessThanOrEqual(values[i - 1]!);
  }
  expect(Math.abs(trace - sum)).toBeLessThanOrEqual(20 * n * EPS * norm);
}

describe('eigSymmetric (properties)', () => {
  it('A v = λ v with orthonormal v on random symmetric matrices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 0, max: 1e9 }), (n, seed) => {
        const g = gaussian(n, n, seed);
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = g[i * n + j]! + g[j * n + i]!;
        check(a, n);
      }),
      { numRuns: 60 },
    );
  });

  it('stays accurate on rank-deficient and ill-conditioned spectra', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.constantFrom('rank', 'graded', 'cluster'),
        (n, rank, seed, kind) => {
          const spectrum = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            if (kind === 'rank') spectrum[i] = i < Math.min(rank, n) ? 1 + i : 0;
            else if (kind === 'graded') spectrum[i] = 10 ** (-i * (14 / n));
            else spectrum[i] = 1 + (i % 2) * 1e-12;
          }
          const a = symmetricWithSpectrum(spectrum, seed);
          check(a, n);
          const { values } = eigSymmetric({ rows: n, cols: n, data: a });
          const sorted = Array.from(spectrum).sort((x, y) => y - x);
          for (let i = 0; i < n; i++) expect(Math.abs(values[i]! - sorted[i]!)).toBeLessThanOrEqual(50 * n * EPS * maxAbs(spectrum));
        },
      ),
      { numRuns: 60 },
    );
  });
});
