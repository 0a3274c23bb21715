import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyQ, householderQr, orthonormalizeColumns } from '../../src/decomposition/householder.js';
import { columns, referenceApplyQ, referenceQr } from './householder-reference.js';
import { EPS, gaussian, rowOrthonormalityError } from './linalg-helpers.js';

// The kernels update four columns per pass over a reflector and skip the identity columns a
// reflector cannot reach; both are meant to give the bits of the textbook column-by-column
// loops in householder-reference.ts, the independent reference.

const shape = fc
  .record({ p: fc.integer({ min: 1, max: 13 }), extra: fc.integer({ min: 0, max: 30 }) })
  .map(({ p, extra }) => ({ p, q: p + extra }));

describe('householder kernels (properties)', () => {
  it('householderQr and applyQ give the bits of the column-by-column loops', () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 0, max: 1e9 }), fc.nat(1 << 13), fc.nat(1 << 13), fc.integer({ min: 1, max: 11 }), ({ p, q }, seed, zeroMask, copyMask, count) => {
        const a = columns(q, p, seed, zeroMask, copyMask);
        const b = a.slice();
        const tauA = new Float64Array(p);
        const tauB = new Float64Array(p);
        householderQr(a, q, p, tauA);
        referenceQr(b, q, p, tauB);
        expect(a).toEqual(b);
        expect(tauA).toEqual(tauB);
        const target = gaussian(count, q, seed + 1);
        const expected = target.slice();
        applyQ(a, q, p, tauA, target, count);
        referenceApplyQ(b, q, p, tauB, expected, count);
        expect(target).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('orthonormalizeColumns returns orthonormal columns, bit for bit Q·I from the textbook loops', () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 0, max: 1e9 }), fc.nat(1 << 13), ({ p, q }, seed, copyMask) => {
        const a = columns(q, p, seed, 0, copyMask);
        const ref = a.slice();
        orthonormalizeColumns(a, q, p, new Float64Array(p), new Float64Array(p * q));
        const tau = new Float64Array(p);
        referenceQr(ref, q, p, tau);
        const id = new Float64Array(p * q);
        for (let c = 0; c < p; c++) id[c * q + c] = 1;
        referenceApplyQ(ref, q, p, tau, id, p);
        expect(a).toEqual(id);
        expect(rowOrthonormalityError(a, p, q)).toBeLessThan(20 * q * EPS);
      }),
      { numRuns: 150 },
    );
  });
});
