import { describe, expect, it } from 'vitest';
import { interpolate, lerp, slerp } from '../../src/core/interpolate.js';
import { row } from '../../src/core/matrix.js';
import { dot, norm } from '../../src/core/vector.js';
import { expectLatentError } from '../helpers/latent-error.js';
import { angle } from './angle.js';

function allFinite(v: ArrayLike<number>): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!), `index ${i}: ${a[i]} vs ${b[i]}`).toBeLessThanOrEqual(tol);
}

describe('lerp', () => {
  it('interpolates and extrapolates linearly', () => {
    expect(Array.from(lerp([0, 0], [2, 4], 0.5))).toEqual([1, 2]);
    expect(Array.from(lerp([0, 0], [2, 4], 2))).toEqual([4, 8]);
    expect(Array.from(lerp([0, 0], [2, 4], -1))).toEqual([-2, -4]);
  });

  it('hits the endpoints exactly', () => {
    const a = [0.1, -3.7, 1e10];
    const b = [7.3, 0.2, -5e-3];
    expect(Array.from(lerp(a, b, 0))).toEqual(a);
    expect(Array.from(lerp(a, b, 1))).toEqual(b);
  });

  it('allows out to alias a or b', () => {
    const a = new Float64Array([1, 2]);
    const b = new Float64Array([3, 6]);
    expect(lerp(a, b, 0.5, a)).toBe(a);
    expect(Array.from(a)).toEqual([2, 4]);
    expect(lerp(a, b, 0.5, b)).toBe(b);
    expect(Array.from(b)).toEqual([2.5, 5]);
  });

  it('validates t, lengths and out', () => {
    expectLatentError(() => lerp([1], [1, 2], 0.5), 'E_SHAPE', 'lerp: b length must equal a length 1, got 2');
    expectLatentError(() => lerp([1], [1], 0.5, new Float64Array(2)), 'E_SHAPE', 'lerp: out length must be 1, got 2');
    expectLatentError(() => lerp([1], [1], NaN), 'E_NOT_FINITE', 'lerp: t must be a finite number, got NaN');
    expectLatentError(() => lerp([1], [1], Infinity), 'E_NOT_FINITE', 'got Infinity');
    expectLatentError(() => lerp([1], [1], '0.5' as unknown as number), 'E_TYPE', 'lerp: t must be a finite number, got "0.5"');
  });
});

describe('slerp', () => {
  it('follows the quarter circle between orthogonal unit vectors', () => {
    const m = slerp([1, 0], [0, 1], 0.5);
    close(m, [Math.SQRT1_2, Math.SQRT1_2], 1e-15);
    const q = slerp([1, 0], [0, 1], 1 / 3);
    close(q, [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)], 1e-15);
  });

  it('returns the endpoints at t = 0 and t = 1', () => {
    const a = [1, 2, -3];
    const b = [-0.5, 4, 1];
    close(slerp(a, b, 0), a, 1e-14);
    close(slerp(a, b, 1), b, 1e-14);
  });

  it('moves the length linearly from ‖a‖ to ‖b‖', () => {
    const a = [3, 0, 0];
    const b = [0, 0, 1];
    for (const t of [0, 0.1, 0.5, 0.9, 1]) expect(norm(slerp(a, b, t))).toBeCloseTo((1 - t) * 3 + t, 14);
  });

  it('moves at constant angular speed', () => {
    const a = [1, 0.5, -0.2];
    const b = [-0.3, 1, 0.8];
    const omega = angle(a, b);
    for (const t of [0.1, 0.25, 0.5, 0.8]) {
      const p = slerp(a, b, t);
      expect(angle(a, p)).toBeCloseTo(t * omega, 13);
      expect(angle(p, b)).toBeCloseTo((1 - t) * omega, 13);
    }
  });

  it('is finite and on the arc for nearly parallel vectors', () => {
    for (const eps of [0, 1e-12, 1e-9, 1e-7, 1e-6]) {
      const a = [1, 0, 0];
      const b = [2, 2 * eps, 0];
      for (const t of [0, 0.3, 0.5, 1]) {
        const p = slerp(a, b, t);
        expect(allFinite(p)).toBe(true);
        expect(norm(p)).toBeCloseTo(1 + t, 10);
        expect(angle(a, p)).toBeLessThanOrEqual(eps * 1.0000001 + 1e-15);
      }
      close(slerp(a, b, 1), b, 1e-12);
    }
  });

  it('turns through a half circle, on the sphere, for exactly opposite vectors', () => {
    const a = [1, 2, 3];
    const b = [-2, -4, -6];
    for (const t of [0, 0.25, 0.5, 0.75, 1]) {
      const p = slerp(a, b, t);
      expect(allFinite(p)).toBe(true);
      const r = (1 - t) * norm(a) + t * norm(b);
      expect(norm(p)).toBeCloseTo(r, 12);
      if (t > 0) expect(angle(a, p)).toBeCloseTo(t * Math.PI, 7);
      if (t < 1) expect(angle(p, b)).toBeCloseTo((1 - t) * Math.PI, 7);
    }
    close(slerp(a, b, 1), b, 1e-12);
    close(slerp(a, b, 0), a, 1e-12);
    // The midpoint is orthogonal to both ends.
    expect(Math.abs(dot(slerp(a, b, 0.5), a))).toBeLessThan(1e-12);
  });

  it('is finite and unit-circle consistent for nearly opposite vectors', () => {
    for (const eps of [1e-12, 1e-9, 1e-8, 1e-7, 1e-6, 1e-4]) {
      const a = [1, 0];
      const b = [-Math.cos(eps), Math.sin(eps)];
      const omega = Math.PI - eps;
      for (const t of [0.1, 0.5, 0.9]) {
        const p = slerp(a, b, t);
        expect(allFinite(p)).toBe(true);
        expect(norm(p)).toBeCloseTo(1, 12);
        expect(Math.abs(angle(a, p) - t * omega)).toBeLessThan(2e-7);
        expect(Math.abs(angle(p, b) - (1 - t) * omega)).toBeLessThan(2e-7);
      }
      close(slerp(a, b, 1), b, 2e-7);
    }
  });

  it('in one dimension, opposite vectors fall back to the straight line', () => {
    expect(Array.from(slerp([1], [-1], 0.5))).toEqual([0]);
    expect(Array.from(slerp([2], [-1], 0.25))).toEqual([1.25]);
    expect(Array.from(slerp([2], [3], 0.5))).toEqual([2.5]);
  });

  it('falls back to lerp when an end is the zero vector', () => {
    expect(Array.from(slerp([0, 0], [2, 4], 0.5))).toEqual([1, 2]);
    expect(Array.from(slerp([2, 4], [0, 0], 0.25))).toEqual([1.5, 3]);
  });

  it('allows out to alias a or b on every path', () => {
    const cases: [number[], number[]][] = [
      [[1, 2, 3], [-1, 0.5, 2]], // generic
      [[1, 2, 3], [2, 4, 6]], // parallel
      [[1, 2, 3], [-1, -2, -3]], // antipodal
      [[0, 0, 0], [1, 1, 1]], // zero
    ];
    for (const [a, b] of cases) {
      for (const t of [0.3, 0.7]) {
        const expected = slerp(a, b, t);
        const ta = Float64Array.from(a);
        expect(slerp(ta, b, t, ta)).toBe(ta);
        expect(Array.from(ta)).toEqual(Array.from(expected));
        const tb = Float64Array.from(b);
        expect(slerp(a, tb, t, tb)).toBe(tb);
        expect(Array.from(tb)).toEqual(Array.from(expected));
      }
    }
  });

  it('validates t, lengths and out', () => {
    expectLatentError(() => slerp([1, 0], [1], 0.5), 'E_SHAPE', 'slerp: b length must equal a length 2, got 1');
    expectLatentError(() => slerp([1], [1], 0.5, new Float64Array(3)), 'E_SHAPE', 'slerp: out length must be 1, got 3');
    expectLatentError(() => slerp([1], [1], -Infinity), 'E_NOT_FINITE', 'slerp: t must be a finite number, got -Infinity');
    expectLatentError(() => slerp([1], [1], null as unknown as number), 'E_TYPE', 'slerp: t must be a finite number, got null');
  });
});

describe('interpolate', () => {
  it('gives steps evenly spaced rows from a to b (straight line)', () => {
    const m = interpolate([0, 0], [1, 2], 3);
    expect([m.rows, m.cols]).toEqual([3, 2]);
    expect(Array.from(m.data)).toEqual([0, 0, 0.5, 1, 1, 2]);
  });

  it('with spherical: true, rows lie on the great circle with linear norms', () => {
    const a = [2, 0, 0];
    const b = [0, 4, 0];
    const m = interpolate(a, b, 5, { spherical: true });
    expect(m.rows).toBe(5);
    close(row(m, 0), a, 1e-14);
    close(row(m, 4), b, 1e-14);
    for (let s = 0; s < 5; s++) {
      const t = s / 4;
      expect(norm(row(m, s))).toBeCloseTo(2 + 2 * t, 13);
      expect(angle(a, row(m, s)) || 0).toBeCloseTo((t * Math.PI) / 2, 13);
      expect(row(m, s)[2]).toBe(0);
    }
  });

  it('spherical: false is the default and equals lerp row by row', () => {
    const a = [1, -1, 3];
    const b = [0, 2, 2];
    const m = interpolate(a, b, 4, { spherical: false });
    const d = interpolate(a, b, 4, { spherical: undefined });
    expect(Array.from(d.data)).toEqual(Array.from(m.data));
    for (let s = 0; s < 4; s++) expect(Array.from(row(m, s))).toEqual(Array.from(lerp(a, b, s / 3)));
  });

  it('steps = 1 returns just a', () => {
    const m = interpolate([1, 2], [3, 4], 1);
    expect([m.rows, m.cols]).toEqual([1, 2]);
    expect(Array.from(m.data)).toEqual([1, 2]);
  });

  it('validates steps and lengths', () => {
    expectLatentError(() => interpolate([1], [2], 0), 'E_RANGE', 'interpolate: steps must be an integer >= 1, got 0');
    expectLatentError(() => interpolate([1], [2], 2.5), 'E_RANGE', 'got 2.5');
    expectLatentError(() => interpolate([1], [2], '3' as unknown as number), 'E_TYPE', 'got "3"');
    expectLatentError(() => interpolate([1], [2, 3], 3), 'E_SHAPE', 'interpolate: b length must equal a length 1, got 2');
  });
});

describe('slerp at the ends of the double range', () => {
  it('subnormal and huge vectors keep their angle and length (scaled by a power of two, exact)', () => {
    for (const s of [5e-324, 1e-310, 1e-200, 1e200, 1e300]) {
      const got = slerp([s, 0], [0, s], 0.5);
      for (const v of got) expect(Number.isFinite(v)).toBe(true);
      // Same bits as the unit-scale answer scaled back, up to rounding of the subnormal grid.
      const unit = slerp([1, 0], [0, 1], 0.5);
      expect(Math.abs(got[0]! / s - unit[0]!)).toBeLessThan(s < 1e-300 ? 0.5 : 1e-12);
      expect(got[0]).toBe(got[1]);
    }
  });
  it('checks its arguments structurally', () => {
    expectLatentError(() => slerp(null as never, [1], 0.5), 'E_TYPE', 'slerp: a must be an array of numbers');
    expectLatentError(() => lerp([1], [2], 0.5, [0] as never), 'E_TYPE', 'lerp: out must be a Float64Array');
  });
});

describe('interpolate of empty vectors (fuzz: core/interpolate-zero-width-steps)', () => {
  it('a huge step count is E_MEMORY even when the vectors are empty (no 10⁹-step loop)', async () => {
    const { interpolate } = await import('../../src/core/interpolate.js');
    expect(() => interpolate([], [], 1e9)).toThrow(expect.objectContaining({ code: 'E_MEMORY' }));
    expect(interpolate([], [], 3).rows).toBe(3);
  });
});

describe('extreme magnitudes (fuzz: core/slerp-overflow-nan, core/slerp-subnormal-infinity, core/vector-ops-overflow-nan)', () => {
  const MAX = Number.MAX_VALUE;

  it('lerp: finite input that overflows is E_RANGE, never NaN or ±Infinity', () => {
    expectLatentError(() => lerp([MAX], [-MAX], MAX), 'E_RANGE', 'lerp: values too large: overflow');
    expectLatentError(() => lerp([MAX, 0], [MAX, 0], 2), 'E_RANGE', 'lerp: values too large');
    expect(Array.from(lerp([MAX], [-MAX], 0.5))).toEqual([0]);
    expect(Array.from(lerp([Infinity], [0], 0.5))).toEqual([Infinity]); // non-finite input propagates
    const a = new Float64Array([MAX, 1]);
    expectLatentError(() => lerp(a, [-MAX, 1], 3, a), 'E_RANGE', 'lerp: values too large'); // in place
    const b = new Float64Array([Infinity, 1]);
    expect(Array.from(lerp(b, [0, 3], 0.5, b))).toEqual([Infinity, 2]);
  });

  it('slerp scales subnormal input first: a finite arc, not ±Infinity', () => {
    const a = [-2.049782085403361e-123, -1.2638563276457885e-14];
    const b = [-5e-324, 1e-323];
    const p = slerp(a, b, 0.4);
    expect(allFinite(p)).toBe(true);
    // Same direction and length as the arc between the scaled-up vectors (2^1074 ·, exact).
    const up = (v: number[]): number[] => v.map((x) => x * 2 ** 537 * 2 ** 537);
    const q = slerp([a[0]! * 2 ** 1000, a[1]! * 2 ** 1000], up(b).map((x) => x / 2 ** 74), 0.4);
    expect(angle(p, q)).toBeLessThan(1e-7);
    const ip = interpolate(a, b, 6, { spherical: true });
    expect(allFinite(ip.data)).toBe(true);
  });

  it('slerp of ±MAX_VALUE vectors follows the arc (lengths beyond MAX_VALUE are scaled)', () => {
    const p = slerp([MAX, 0], [0, MAX], 0.5);
    expect(p[0]! / MAX).toBeCloseTo(Math.SQRT1_2, 14);
    expect(p[1]! / MAX).toBeCloseTo(Math.SQRT1_2, 14);
    const q = slerp([MAX / 2, MAX / 2, 0], [MAX / 2, 0, MAX / 2], 0.25);
    expect(allFinite(q)).toBe(true);
    expect(norm(q) / MAX).toBeCloseTo(Math.SQRT1_2, 14);
    expect(angle(q, [1, 1, 0])).toBeCloseTo(angle([1, 1, 0], [1, 0, 1]) / 4, 12);
    // Antipodal at the top of the range.
    const h = slerp([MAX, 0], [-MAX, 0], 0.5);
    expect(Math.abs(h[0]!)).toBeLessThan(1e-6 * MAX);
    expect(Math.abs(h[1]!)).toBe(MAX);
  });

  it('a result beyond MAX_VALUE or a huge t is E_RANGE naming the caller, never NaN', () => {
    expectLatentError(() => slerp([0, 0, 1], [0, 1, 0], MAX), 'E_RANGE', 'slerp: values too large: overflow');
    expectLatentError(() => slerp([0, 0, 1], [0, 2e10, 0], 1e300), 'E_RANGE', 'slerp: values too large'); // length ≈ 2e310
    expectLatentError(() => slerp([MAX, MAX], [MAX, -MAX], 0.5), 'E_RANGE', 'slerp: values too large'); // length √2·MAX
    expectLatentError(() => slerp([0, MAX], [0, 0], -1), 'E_RANGE', 'slerp: values too large'); // zero vector: the lerp fallback
    expectLatentError(() => interpolate([MAX, MAX], [MAX, -MAX], 3, { spherical: true }), 'E_RANGE', 'interpolate: values too large');
    // Huge but representable t on equal lengths keeps the length.
    const p = slerp([1, 0], [0, 1], 1e300);
    expect(norm(p)).toBeCloseTo(1, 12);
  });

  it('NaN or ±Infinity in a or b gives NaN, as before', () => {
    expect(Array.from(slerp([NaN, 1], [1, 0], 0.5)).every(Number.isNaN)).toBe(true);
    expect(Array.from(slerp([Infinity, 1], [1, 0], 0.5)).every(Number.isNaN)).toBe(true);
  });
});
