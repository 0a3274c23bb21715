import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detExp, detLog } from '../../src/core/math.js';
import { referenceExp, referenceLog, ulpDistance, ulpError } from './math-reference.js';

const EXP_MIN = -745.1332191019411;
const EXP_MAX = 709.782712893384;
const expArg = fc.double({ min: EXP_MIN, max: EXP_MAX, noNaN: true });
const positive = fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true });

describe('detExp / detLog (properties)', () => {
  it('exp is within 1 ulp of the true value for any argument of its finite range', () => {
    fc.assert(
      fc.property(expArg, (x) => {
        expect(Math.abs(ulpError(detExp(x), referenceExp(x)))).toBeLessThan(1);
      }),
      { numRuns: 500 },
    );
  });

  it('log is within 1 ulp of the true value for any positive finite double', () => {
    fc.assert(
      fc.property(positive, (x) => {
        expect(Math.abs(ulpError(detLog(x), referenceLog(x)))).toBeLessThan(1);
      }),
      { numRuns: 500 },
    );
  });

  it('differ from Math.exp / Math.log by at most one representable step', () => {
    fc.assert(
      fc.property(expArg, positive, (x, y) => {
        expect(ulpDistance(detExp(x), Math.exp(x))).toBeLessThanOrEqual(1n);
        expect(ulpDistance(detLog(y), Math.log(y))).toBeLessThanOrEqual(1n);
      }),
      { numRuns: 2000 },
    );
  });

  it('log inverts exp up to the rounding of both', () => {
    fc.assert(
      fc.property(fc.double({ min: -700, max: 700, noNaN: true }), (x) => {
        // |log(exp(x)) − x| ≤ |x|·ε (exp's relative error, through log's derivative) + ulp(x) + log's error.
        const err = Math.abs(detLog(detExp(x)) - x);
        expect(err).toBeLessThanOrEqual(4 * Number.EPSILON * Math.max(1, Math.abs(x)));
      }),
      { numRuns: 500 },
    );
  });

  it('results are finite, positive and ordered where the mathematics says so', () => {
    fc.assert(
      fc.property(expArg, positive, (x, y) => {
        const e = detExp(x);
        expect(e).toBeGreaterThanOrEqual(0);
        expect(Number.isFinite(e)).toBe(true);
        if (x > 0) expect(e).toBeGreaterThanOrEqual(1);
        if (x < 0) expect(e).toBeLessThanOrEqual(1);
        const l = detLog(y);
        expect(Number.isFinite(l)).toBe(true);
        expect(Math.sign(l)).toBe(y > 1 ? 1 : y < 1 ? -1 : 0);
      }),
      { numRuns: 1000 },
    );
  });
});
