import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eigSymmetric } from '../../src/decomposition/eig-symmetric.js';
import { eigsh } from '../../src/decomposition/eigsh.js';
import { rowOrthonormalityError } from './linalg-helpers.js';
import { csrFromDense, denseResidual, minPrincipalCosine, sparseSymmetric } from './sparse-helpers.js';

function gapAt(values: Float64Array, k: number): number {
  return k < values.length ? Math.abs(values[k - 1]! - values[k]!) : Infinity;
}

describe('eigsh (properties)', () => {
  it('agrees with eigSymmetric on random sparse symmetric and PSD matrices, at both ends, with every method', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 90 }),
        fc.integer({ min: 1, max: 6 }),
        fc.double({ min: 0.02, max: 0.4, noNaN: true }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.constantFrom('largest', 'smallest'),
        fc.constantFrom('auto', 'lanczos', 'shift-invert', 'dense'),
        fc.boolean(),
        (n, kk, density, seed, which, method, psd) => {
          const k = Math.min(kk, n);
          const a = sparseSymmetric(n, density, seed, psd);
          const A = csrFromDense(a, n);
          const ref = eigSymmetric({ rows: n, cols: n, data: a }, { order: which === 'smallest' ? 'ascending' : 'descending' });
          const r = eigsh(A, k, { which, method });
          expect(r.converged).toBe(true);
          const scale = Math.max(1, Math.abs(ref.values[0]!), Math.abs(ref.values[n - 1]!));
          for (let i = 0; i < k; i++) expect(Math.abs(r.values[i]! - ref.values[i]!)).toBeLessThanOrEqual(1e-9 * scale);
          expect(rowOrthonormalityError(r.vectors.data, k, n)).toBeLessThan(1e-10);
          expect(denseResidual(a, n, r.values, r.vectors.data)).toBeLessThan(1e-7 * scale);
          // Eigenvectors are defined when the k-th eigenvalue is separated from the (k+1)-th.
          if (gapAt(ref.values, k) > 1e-3 * scale) {
            expect(minPrincipalCosine(r.vectors.data, ref.vectors.data.slice(0, k * n), k, n)).toBeGreaterThan(1 - 1e-8);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('returns the same eigenvalues for a matrix and its symmetric permutation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 70, max: 120 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
        const a = sparseSymmetric(n, 0.05, seed, false);
        const perm = Array.from({ length: n }, (_, i) => i).sort((x, y) => ((x * 7919 + seed) % n) - ((y * 7919 + seed) % n));
        const b = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i * n + j] = a[perm[i]! * n + perm[j]!]!;
        const x = eigsh(csrFromDense(a, n), 3, { which: 'smallest' });
        const y = eigsh(csrFromDense(b, n), 3, { which: 'smallest' });
        for (let i = 0; i < 3; i++) expect(Math.abs(x.values[i]! - y.values[i]!)).toBeLessThan(1e-9);
      }),
      { numRuns: 20 },
    );
  });
});
