import { describe, expect, it } from 'vitest';
import { detExp, detLog } from '../../../src/core/math.js';
import { nextDouble, rngState } from '../../../src/core/random.js';
import { powTable, scaledPow } from '../../../src/manifold/umap/pow.js';

describe('scaledPow (the SGD\'s deterministic a·x^b)', () => {
  it('is within 1e-13 of a·x^b over the range the optimisation meets and beyond (b ≤ 4)', () => {
    const s = rngState(5);
    let worst = 0;
    for (let c = 0; c < 40; c++) {
      const a = 0.05 + 5 * nextDouble(s);
      const b = 0.3 + 3.7 * nextDouble(s);
      const t = powTable(a, b);
      for (let i = 0; i < 1000; i++) {
        const x = 2 ** (-60 + 120 * nextDouble(s));
        const exact = a * detExp(b * detLog(x));
        worst = Math.max(worst, Math.abs(scaledPow(x, t) / exact - 1));
      }
    }
    expect(worst).toBeLessThan(1e-13); // measured 4.7e-14: mostly the rounding of e·b·ln 2 in the 2^(e·b) table
    expect(worst).toBeGreaterThan(0); // an approximation, not detExp∘detLog
  });

  it('handles the slow-path inputs (subnormal, huge) through detExp/detLog', () => {
    const t = powTable(1.5, 0.9);
    expect(scaledPow(5e-324, t)).toBe(1.5 * detExp(0.9 * detLog(5e-324)));
    expect(scaledPow(1e305, t)).toBe(1.5 * detExp(0.9 * detLog(1e305)));
    expect(scaledPow(Infinity, t)).toBe(Infinity);
    expect(Math.abs(scaledPow(4, powTable(1, 0.5)) - 2)).toBeLessThan(4e-15);
  });

  it('builds the same tables every time (no state between calls)', () => {
    const u = powTable(1.577, 0.895);
    const v = powTable(1.577, 0.895);
    expect(Array.from(u.scale)).toEqual(Array.from(v.scale));
    expect(Array.from(u.cb)).toEqual(Array.from(v.cb));
    expect(u.norm[1023]).toBe(1);
    expect(u.norm[1]).toBe(2 ** 1022);
    expect(u.norm[2046]).toBe(2 ** -1023);
  });
});
