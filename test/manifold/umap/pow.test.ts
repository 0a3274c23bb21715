import { describe, expect, it } from 'vitest';
import { detExp, detLog } from '../../../src/core/math.js';
import { nextDouble, rngState } from '../../../src/core/random.js';
import { fastPow, powTable } from '../../../src/manifold/umap/pow.js';

describe('fastPow (the SGD\'s deterministic x^b)', () => {
  const t = powTable();

  it('is within 1e-13 of x^b over the range the optimisation meets and beyond', () => {
    const s = rngState(5);
    let worst = 0;
    for (let i = 0; i < 20000; i++) {
      const x = 2 ** (-60 + 120 * nextDouble(s));
      const b = 0.5 + 1.6 * nextDouble(s);
      const exact = detExp(b * detLog(x));
      worst = Math.max(worst, Math.abs(fastPow(x, b, t) / exact - 1));
    }
    expect(worst).toBeLessThan(1e-13);
    expect(worst).toBeGreaterThan(0); // it is an approximation, not detExp∘detLog
  });

  it('is accurate on simple cases and handles the slow-path inputs', () => {
    expect(Math.abs(fastPow(4, 0.5, t) - 2)).toBeLessThan(1e-14);
    expect(Math.abs(fastPow(1, 0.895, t) - 1)).toBeLessThan(1e-14);
    // subnormal, huge and out-of-range results go through detExp(b · detLog(x))
    expect(fastPow(5e-324, 0.9, t)).toBe(detExp(0.9 * detLog(5e-324)));
    expect(fastPow(1e305, 0.9, t)).toBe(detExp(0.9 * detLog(1e305)));
    expect(fastPow(1e-300, 3.5, t)).toBe(detExp(3.5 * detLog(1e-300)));
    expect(fastPow(Infinity, 0.9, t)).toBe(Infinity);
  });

  it('builds the same tables every time (no state between calls)', () => {
    const u = powTable();
    expect(Array.from(u.exp2)).toEqual(Array.from(t.exp2));
    expect(Array.from(u.log2c)).toEqual(Array.from(t.log2c));
    expect(u.pow2[1024]).toBe(1);
    expect(u.pow2[2]).toBe(2 ** -1022);
    expect(u.pow2[2047]).toBe(2 ** 1023);
  });
});
