import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTick, logTicks, niceDomain, niceTicks } from '../../src/plot/ticks.js';

describe('niceTicks', () => {
  it('gives round steps inside the interval', () => {
    expect(niceTicks(0, 1, 5).values).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 1, 5).labels).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1']);
    expect(niceTicks(-3.2, 7, 4).labels).toEqual(['-2.5', '0', '2.5', '5']);
    expect(niceTicks(2, 12, 5, true).labels).toEqual(['2', '4', '6', '8', '10', '12']);
    expect(niceTicks(1, 3, 10, true).values).toEqual([1, 2, 3]);
  });

  it('widens a zero-width interval', () => {
    expect(niceTicks(5, 5, 4).values.length).toBeGreaterThan(1);
    expect(niceTicks(0, 0, 4).values).toContain(0);
  });

  it('property: ticks lie in [lo, hi], ascend evenly, and are about count of them', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        fc.integer({ min: 1, max: 12 }),
        (lo, span, count) => {
          const hi = lo + span;
          const { values, labels } = niceTicks(lo, hi, count);
          expect(values.length).toBe(labels.length);
          expect(values.length).toBeGreaterThanOrEqual(1);
          expect(values.length).toBeLessThanOrEqual(count * 4 + 2);
          const tol = span * 1e-6;
          for (const v of values) {
            expect(v).toBeGreaterThanOrEqual(lo - tol);
            expect(v).toBeLessThanOrEqual(hi + tol);
          }
          const step = values.length > 1 ? values[1]! - values[0]! : 0;
          for (let i = 2; i < values.length; i++) expect(values[i]! - values[i - 1]!).toBeCloseTo(step, 6);
          if (step > 0) {
            const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
            expect([1, 2, 2.5, 5, 10].some((m) => Math.abs(m - mantissa) < 1e-4)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('niceDomain', () => {
  it('extends outwards to round values', () => {
    expect(niceDomain(0.13, 0.87, 5)).toEqual([0.1, 0.9]);
    expect(niceDomain(0.13, 0.87, 2)).toEqual([0, 1]);
    const [a, b] = niceDomain(203, 897, 5);
    expect(a).toBeLessThanOrEqual(203);
    expect(b).toBeGreaterThanOrEqual(897);
  });
});

describe('logTicks', () => {
  it('marks decades, denser over a short range', () => {
    expect(logTicks(0.01, 10).labels).toEqual(['0.01', '0.1', '1', '10']);
    expect(logTicks(0.05, 1.1).values).toEqual([0.05, 0.1, 0.2, 0.5, 1]);
    expect(logTicks(1e-6, 1e3).labels[0]).toBe('1e-6');
  });
});

describe('formatTick', () => {
  it('uses the decimals of the step and exponents for extreme values', () => {
    expect(formatTick(0.25, 0.05)).toBe('0.25');
    expect(formatTick(3, 1)).toBe('3');
    expect(formatTick(-0, 1)).toBe('0');
    expect(formatTick(2.5e7, 5e6)).toBe('2.5e+7');
    expect(formatTick(1.2345, 0.5)).toBe('1.2');
  });
});
