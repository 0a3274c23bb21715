import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rngState } from '../../src/core/random.js';
import { quickselect } from '../../src/core/select.js';

describe('quickselect', () => {
  it('puts the kth-ranked key at kth, smaller-or-equal before and greater-or-equal after, with order permuted alongside', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 40 }), fc.nat(), fc.nat(), (values, k, seed) => {
        const n = values.length;
        const kth = k % n;
        const keys = Float64Array.from(values);
        const order = Int32Array.from(values, (_, i) => i);
        quickselect(keys, order, 0, n, kth, rngState(seed));
        const sorted = [...values].sort((a, b) => a - b);
        expect(keys[kth]).toBe(sorted[kth]);
        for (let i = 0; i < kth; i++) expect(keys[i]!).toBeLessThanOrEqual(keys[kth]!);
        for (let i = kth + 1; i < n; i++) expect(keys[i]!).toBeGreaterThanOrEqual(keys[kth]!);
        for (let i = 0; i < n; i++) expect(keys[i]).toBe(values[order[i]!]);
        expect([...order].sort((a, b) => a - b)).toEqual(values.map((_, i) => i));
      }),
    );
  });
});
