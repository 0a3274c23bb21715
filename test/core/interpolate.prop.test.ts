import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolate, lerp, slerp } from '../../src/core/interpolate.js';
import { row } from '../../src/core/matrix.js';
import { norm } from '../../src/core/vector.js';
import { angle } from './angle.js';

const value = fc.double({ min: -10, max: 10, noNaN: true });

/** Two vectors of the same dimension 1..6 whose lengths are at least 1e-3. */
const pair = fc
  .integer({ min: 1, max: 6 })
  .chain((d) => fc.tuple(fc.array(value, { minLength: d, maxLength: d }), fc.array(value, { minLength: d, maxLength: d })))
  .filter(([a, b]) => norm(a) > 1e-3 && norm(b) > 1e-3);

const unitT = fc.double({ min: 0, max: 1, noNaN: true });

describe('lerp / slerp / interpolate properties', () => {
  it('slerp: finite, length moves linearly, angle moves at constant speed (d ≥ 2)', () => {
    fc.assert(
      fc.property(
        pair.filter(([a]) => a.length >= 2),
        unitT,
        ([a, b], t) => {
          const p = slerp(a, b, t);
          for (const v of p) expect(Number.isFinite(v)).toBe(true);
          const r = (1 - t) * norm(a) + t * norm(b);
          expect(Math.abs(norm(p) - r)).toBeLessThanOrEqual(1e-12 * r);
          const omega = angle(a, b);
          // Exactly/nearly antipodal pairs pick some great circle: only the angle from `a` is fixed.
          expect(Math.abs(angle(a, p) - t * omega)).toBeLessThan(1e-6);
          if (Math.PI - omega > 1e-3) expect(Math.abs(angle(p, b) - (1 - t) * omega)).toBeLessThan(1e-6);
        },
      ),
    );
  });

  it('slerp: endpoints, and the same bits with out === a or out === b', () => {
    fc.assert(
      fc.property(pair, unitT, ([a, b], t) => {
        const scaleA = norm(a);
        const scaleB = norm(b);
        slerp(a, b, 0).forEach((v, i) => expect(Math.abs(v - a[i]!)).toBeLessThanOrEqual(1e-12 * scaleA));
        slerp(a, b, 1).forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThanOrEqual(2e-7 * scaleB));
        const fresh = Array.from(slerp(a, b, t));
        const ta = Float64Array.from(a);
        expect(Array.from(slerp(ta, b, t, ta))).toEqual(fresh);
        const tb = Float64Array.from(b);
        expect(Array.from(slerp(a, tb, t, tb))).toEqual(fresh);
      }),
    );
  });

  it('slerp of two vectors with the same direction stays on the ray', () => {
    fc.assert(
      fc.property(pair, fc.double({ min: 0.01, max: 100, noNaN: true }), unitT, ([a], k, t) => {
        const b = a.map((v) => v * k);
        const p = slerp(a, b, t);
        expect(angle(a, p)).toBeLessThan(1e-7);
        const r = (1 - t) * norm(a) + t * norm(b);
        expect(Math.abs(norm(p) - r)).toBeLessThanOrEqual(1e-12 * r);
      }),
    );
  });

  it('lerp: endpoints are exact, the midpoint is the mean, and out may alias', () => {
    fc.assert(
      fc.property(pair, unitT, ([a, b], t) => {
        // Exact up to the sign of zero (−0 + 0 = +0).
        lerp(a, b, 0).forEach((v, i) => expect(v === a[i]).toBe(true));
        lerp(a, b, 1).forEach((v, i) => expect(v === b[i]).toBe(true));
        lerp(a, b, 0.5).forEach((v, i) => expect(Math.abs(v - (a[i]! + b[i]!) / 2)).toBeLessThanOrEqual(1e-15 * (Math.abs(a[i]!) + Math.abs(b[i]!)) + 1e-320));
        const fresh = Array.from(lerp(a, b, t));
        const ta = Float64Array.from(a);
        expect(Array.from(lerp(ta, b, t, ta))).toEqual(fresh);
      }),
    );
  });

  it('interpolate: rows equal lerp/slerp at s/(steps−1) and inputs are untouched', () => {
    fc.assert(
      fc.property(pair, fc.integer({ min: 2, max: 9 }), fc.boolean(), ([a, b], steps, spherical) => {
        const ta = Float64Array.from(a);
        const tb = Float64Array.from(b);
        const m = interpolate(ta, tb, steps, { spherical });
        expect([m.rows, m.cols]).toEqual([steps, a.length]);
        for (let s = 0; s < steps; s++) {
          const t = s / (steps - 1);
          const expected = spherical ? slerp(a, b, t) : lerp(a, b, t);
          expect(Array.from(row(m, s))).toEqual(Array.from(expected));
        }
        expect(Array.from(ta)).toEqual(a);
        expect(Array.from(tb)).toEqual(b);
      }),
    );
  });
});
