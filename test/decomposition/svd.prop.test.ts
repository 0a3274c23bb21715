import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eigSymmetric } from '../../src/decomposition/eig-symmetric.js';
import { svd } from '../../src/decomposition/svd.js';
import { EPS, columnOrthonormalityError, gaussian, matmul, maxAbs, rowOrthonormalityError, transpose } from './linalg-helpers.js';

describe('svd (properties)', () => {
  it('A = U Σ Vᵀ with orthonormal factors, including rank-deficient and ill-conditioned A', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.constantFrom('random', 'lowrank', 'graded'),
        (m, n, rank, seed, kind) => {
          let a: Float64Array;
          if (kind === 'lowrank') {
            const k = Math.min(rank, m, n);
            a = matmul(gaussian(m, k, seed), gaussian(k, n, seed + 1), m, k, n);
          } else {
            a = gaussian(m, n, seed);
            if (kind === 'graded') for (let i = 0; i < m * n; i++) a[i] = a[i]! * 10 ** (-((i % n) * 12) / n);
          }
          const r = Math.min(m, n);
          const { u, s, vt } = svd({ rows: m, cols: n, data: a });
          const norm = Math.max(maxAbs(a), Number.MIN_VALUE);
          const scaled = new Float64Array(m * r);
          for (let i = 0; i < m; i++) for (let c = 0; c < r; c++) scaled[i * r + c] = u.data[i * r + c]! * s[c]!;
          const rec = matmul(scaled, vt.data, m, r, n);
          let err = 0;
          for (let i = 0; i < m * n; i++) err = Math.max(err, Math.abs(rec[i]! - a[i]!));
          expect(err / norm).toBeLessThan(50 * Math.max(m, n) * EPS);
          expect(columnOrthonormalityError(u.data, m, r)).toBeLessThan(50 * Math.max(m, n) * EPS);
          expect(rowOrthonormalityError(vt.data, r, n)).toBeLessThan(50 * Math.max(m, n) * EPS);
          for (let i = 0; i < r; i++) {
            expect(s[i]!).toBeGreaterThanOrEqual(0);
            if (i > 0) expect(s[i]!).toBeLessThanOrEqual(s[i - 1]!);
          }
          // σ² are the eigenvalues of AᵀA (an independent route), to absolute accuracy in σ₁².
          const ata = matmul(transpose(a, m, n), a, n, m, n);
          const { values } = eigSymmetric({ rows: n, cols: n, data: ata });
          for (let i = 0; i < r; i++) expect(Math.abs(s[i]! ** 2 - values[i]!)).toBeLessThanOrEqual(100 * Math.max(m, n) * EPS * (s[0]! ** 2 + Number.MIN_VALUE));
        },
      ),
      { numRuns: 80 },
    );
  });
});
