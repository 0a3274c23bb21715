import fc from 'fast-check';
import { describe, it } from 'vitest';
import { checkGemm, checkSyrk } from './gemm-reference.js';

describe('gemm (properties)', () => {
  it('agrees with the triple loop for random shapes, transposes, alpha and beta', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(1, -1, 0.5, 3),
        fc.constantFrom(0, 1, -2, 0.25),
        fc.integer({ min: 1, max: 1e6 }),
        (m, n, k, tA, tB, alpha, beta, seed) => {
          checkGemm(tA, tB, m, n, k, alpha, beta, seed);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('syrk agrees with the brute-force upper triangle for random sizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 60 }),
        fc.boolean(),
        fc.constantFrom(1, -1, 0.5),
        fc.constantFrom(0, 1, -2),
        fc.integer({ min: 1, max: 1e6 }),
        (n, k, trans, alpha, beta, seed) => {
          checkSyrk(trans, n, k, alpha, beta, seed);
        },
      ),
      { numRuns: 150 },
    );
  });
});
