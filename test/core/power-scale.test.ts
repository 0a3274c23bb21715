import { describe, expect, it } from 'vitest';
import { powerOfTwoBelow, timesPowerOfTwo } from '../../src/core/power-scale.js';

describe('powerOfTwoBelow / timesPowerOfTwo', () => {
  it('bring any finite magnitude into (1/2, 1] and back, exactly', () => {
    for (const m of [1, 1.5, 3, 1e-300, 5e-324, 1e300, Number.MAX_VALUE, 2 ** 400]) {
      const { inv, exponent } = powerOfTwoBelow(m);
      const scaled = m * inv;
      expect(scaled).toBeLessThanOrEqual(1);
      if (exponent > 0) expect(scaled).toBeGreaterThan(0.5);
      expect(timesPowerOfTwo(scaled, exponent)).toBe(m);
    }
    expect(powerOfTwoBelow(0.25)).toEqual({ inv: 1, exponent: 0 });
    expect(timesPowerOfTwo(Number.MAX_VALUE, 1)).toBe(Infinity);
  });
});
