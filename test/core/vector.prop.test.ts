import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, dot, norm, normalize, scale, sub } from '../../src/core/vector.js';

const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });

/** Two vectors of the same length 0..12. */
const pair = fc
  .integer({ min: 0, max: 12 })
  .chain((d) => fc.tuple(fc.array(value, { minLength: d, maxLength: d }), fc.array(value, { minLength: d, maxLength: d })));

function bitsEqual(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Object.is(a[i], b[i]), `index ${i}: ${a[i]} vs ${b[i]}`).toBe(true);
}

describe('vector op properties', () => {
  it('add/sub agree with the element-wise definition, and out === a / out === b give the same bits', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const expectedSum = a.map((v, i) => v + b[i]!);
        const expectedDiff = a.map((v, i) => v - b[i]!);
        bitsEqual(add(a, b), expectedSum);
        bitsEqual(sub(a, b), expectedDiff);
        for (const [op, expected] of [
          [add, expectedSum],
          [sub, expectedDiff],
        ] as const) {
          const ta = Float64Array.from(a);
          expect(op(ta, b, ta)).toBe(ta);
          bitsEqual(ta, expected);
          const tb = Float64Array.from(b);
          expect(op(a, tb, tb)).toBe(tb);
          bitsEqual(tb, expected);
        }
      }),
    );
  });

  it('add is commutative; a − b + b ≈ a; dot is symmetric and dot(a, a) ≈ norm(a)²', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        bitsEqual(add(a, b), add(b, a));
        expect(dot(a, b)).toBe(dot(b, a));
        const back = add(sub(a, b), b);
        for (let i = 0; i < a.length; i++) expect(Math.abs(back[i]! - a[i]!)).toBeLessThanOrEqual(4e-16 * (Math.abs(a[i]!) + Math.abs(b[i]!)));
        const n = norm(a);
        // Plus the subnormal granularity: squares below 2.2e-308 round to multiples of 5e-324
        // (FC_SEED=44 found a = [2.8e-158, 0, −1.6e-162], off by exactly 5e-324).
        expect(Math.abs(dot(a, a) - n * n)).toBeLessThanOrEqual(1e-12 * n * n + (a.length + 1) * Number.MIN_VALUE);
      }),
    );
  });

  it('scale in place equals scale into a new vector; norm(scale(a, s)) = |s|·norm(a)', () => {
    fc.assert(
      fc.property(pair, fc.double({ min: -1e3, max: 1e3, noNaN: true }), ([a], s) => {
        const fresh = scale(a, s);
        const ta = Float64Array.from(a);
        expect(scale(ta, s, ta)).toBe(ta);
        bitsEqual(ta, fresh);
        const n = norm(a);
        expect(Math.abs(norm(fresh) - Math.abs(s) * n)).toBeLessThanOrEqual(1e-12 * Math.abs(s) * n + 1e-300);
      }),
    );
  });

  it('normalize gives length 1 (or all zeros for the zero vector), in place or not, with the same direction', () => {
    fc.assert(
      fc.property(pair, ([a]) => {
        const u = normalize(a);
        const n = norm(a);
        if (n === 0) {
          for (const v of u) expect(v).toBe(0);
        } else {
          expect(Math.abs(norm(u) - 1)).toBeLessThan(1e-14);
          // Same direction: u = a / ‖a‖ (computed on a·2^600, exact, so subnormal a is precise too).
          const big = a.map((v) => v * 2 ** 600);
          const nb = norm(big);
          u.forEach((v, i) => expect(Math.abs(v - big[i]! / nb)).toBeLessThanOrEqual(1e-15));
        }
        const ta = Float64Array.from(a);
        expect(normalize(ta, ta)).toBe(ta);
        bitsEqual(ta, u);
      }),
    );
  });

  it('never mutates inputs when no out is given', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const ta = Float64Array.from(a);
        const tb = Float64Array.from(b);
        add(ta, tb);
        sub(ta, tb);
        scale(ta, 3);
        normalize(ta);
        dot(ta, tb);
        norm(ta);
        bitsEqual(ta, a);
        bitsEqual(tb, b);
      }),
    );
  });
});
