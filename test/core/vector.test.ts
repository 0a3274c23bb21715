import { describe, expect, it } from 'vitest';
import { add, dot, norm, normalize, scale, sub } from '../../src/core/vector.js';
import { expectLatentError } from '../helpers/latent-error.js';

describe('dot', () => {
  it('computes the sum of products on arrays and typed arrays', () => {
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(dot(new Float64Array([1, -2]), new Int32Array([3, 4]))).toBe(-5);
    expect(dot([], [])).toBe(0);
  });

  it('rejects different lengths', () => {
    expectLatentError(() => dot([1, 2], [1]), 'E_SHAPE', 'dot: b length must equal a length 2, got 1');
  });
});

describe('norm', () => {
  it('is the Euclidean length', () => {
    expect(norm([3, 4])).toBe(5);
    expect(norm([])).toBe(0);
    expect(norm([0, 0, 0])).toBe(0);
    expect(norm([-2])).toBe(2);
  });

  it('neither overflows nor underflows', () => {
    expect(norm([3e200, 4e200])).toBeCloseTo(5e200, -186);
    expect(norm([3e200, 4e200]) / 5e200).toBeCloseTo(1, 14);
    expect(norm([3e-200, 4e-200]) / 5e-200).toBeCloseTo(1, 14);
    expect(norm([Number.MAX_VALUE / 2, Number.MAX_VALUE / 2]) / Number.MAX_VALUE).toBeCloseTo(Math.SQRT1_2, 14);
    // The true length exceeds MAX_VALUE: E_RANGE (the overflow policy), never a silent Infinity.
    expectLatentError(() => norm([Number.MAX_VALUE, Number.MAX_VALUE]), 'E_RANGE', 'norm: values too large: overflow');
    expect(norm([5e-324, 5e-324])).toBeGreaterThan(0);
  });

  it('propagates infinities', () => {
    expect(norm([1, Infinity])).toBe(Infinity);
  });
});

describe('add / sub / scale', () => {
  it('compute element-wise results in new vectors', () => {
    const a = [1, 2];
    const b = [3, 5];
    expect(Array.from(add(a, b))).toEqual([4, 7]);
    expect(Array.from(sub(a, b))).toEqual([-2, -3]);
    expect(Array.from(scale(a, 3))).toEqual([3, 6]);
    expect(add(a, b)).toBeInstanceOf(Float64Array);
    expect(a).toEqual([1, 2]);
    expect(b).toEqual([3, 5]);
  });

  it('write into out and return it', () => {
    const out = new Float64Array(2);
    expect(add([1, 2], [3, 4], out)).toBe(out);
    expect(Array.from(out)).toEqual([4, 6]);
    expect(sub([1, 2], [3, 4], out)).toBe(out);
    expect(Array.from(out)).toEqual([-2, -2]);
    expect(scale([1, 2], -1, out)).toBe(out);
    expect(Array.from(out)).toEqual([-1, -2]);
  });

  it('work in place when out aliases an input (gl-matrix style)', () => {
    const a = new Float64Array([1, 2, 3]);
    const b = new Float64Array([10, 20, 30]);
    expect(add(a, b, a)).toBe(a);
    expect(Array.from(a)).toEqual([11, 22, 33]);
    expect(sub(a, b, b)).toBe(b);
    expect(Array.from(b)).toEqual([1, 2, 3]);
    expect(scale(a, 2, a)).toBe(a);
    expect(Array.from(a)).toEqual([22, 44, 66]);
    expect(add(a, a, a)).toBe(a);
    expect(Array.from(a)).toEqual([44, 88, 132]);
    expect(Array.from(sub(a, a, a))).toEqual([0, 0, 0]);
  });

  it('reject mismatched lengths and a wrong-sized out', () => {
    expectLatentError(() => add([1], [1, 2]), 'E_SHAPE', 'add: b length must equal a length 1, got 2');
    expectLatentError(() => sub([1, 2], [1]), 'E_SHAPE', 'sub: b length must equal a length 2, got 1');
    expectLatentError(() => add([1], [2], new Float64Array(2)), 'E_SHAPE', 'add: out length must be 1, got 2');
    expectLatentError(() => sub([1], [2], new Float64Array(0)), 'E_SHAPE', 'sub: out length must be 1, got 0');
    expectLatentError(() => scale([1, 2], 2, new Float64Array(3)), 'E_SHAPE', 'scale: out length must be 2, got 3');
    expectLatentError(() => normalize([1, 2], new Float64Array(1)), 'E_SHAPE', 'normalize: out length must be 2, got 1');
  });
});

describe('normalize', () => {
  it('scales to unit length', () => {
    expect(Array.from(normalize([3, 4]))).toEqual([0.6, 0.8]);
    expect(norm(normalize([1e-300, 2e-300, -3e-300]))).toBeCloseTo(1, 14);
    expect(norm(normalize([1e300, 2e300, -3e300]))).toBeCloseTo(1, 14);
  });

  it('handles subnormal vectors (1/norm would overflow)', () => {
    expect(Array.from(normalize([5e-324, 0]))).toEqual([1, 0]);
    expect(Array.from(normalize([0, -1e-310]))).toEqual([0, -1]);
  });

  it('maps the zero vector to zeros, never NaN', () => {
    const z = normalize([0, 0, 0]);
    expect(Array.from(z)).toEqual([0, 0, 0]);
    const out = new Float64Array([7, 7]);
    normalize(new Float64Array(2), out);
    expect(Array.from(out)).toEqual([0, 0]);
    expect(normalize([]).length).toBe(0);
  });

  it('works in place', () => {
    const a = new Float64Array([0, 5, 0]);
    expect(normalize(a, a)).toBe(a);
    expect(Array.from(a)).toEqual([0, 1, 0]);
  });
});

describe('hot-path validation policy', () => {
  it('NaN propagates honestly, never 0', () => {
    expect(norm([NaN])).toBeNaN();
    expect(norm([0, NaN, 0])).toBeNaN();
    expect(norm([1e200, NaN])).toBeNaN();
    expect(Array.from(normalize([NaN, 0])).every(Number.isNaN)).toBe(true);
    expect(norm([Infinity, NaN])).toBe(Infinity); // as Math.hypot
    expect(Object.is(norm([-0, 0]), 0)).toBe(true);
  });

  it('structural misuse is a LatentError in O(1), not a raw TypeError', () => {
    expectLatentError(() => dot(null as never, [1]), 'E_TYPE', 'dot: a must be an array of numbers, got null');
    expectLatentError(() => add([1], 5 as never), 'E_TYPE', 'add: b must be an array of numbers, got 5');
    expectLatentError(() => norm(undefined as never), 'E_TYPE', 'norm: a must be an array of numbers, got undefined');
    expectLatentError(() => normalize({ length: 2.5 }), 'E_TYPE', 'normalize: a must be an array of numbers');
    expectLatentError(() => scale([1], '2' as never), 'E_TYPE', 'scale: s must be a number, got "2"');
    expectLatentError(() => sub([1], [2], [0] as never), 'E_TYPE', 'sub: out must be a Float64Array, got an array of length 1');
  });
});

describe('array-likes with an impossible length (fuzz: core/vector-ops-length-unchecked)', () => {
  it('{ length: 2 ** 53 } is E_TYPE at once, never a 2⁵³-step loop', async () => {
    const v = await import('../../src/core/vector.js');
    const m = await import('../../src/distance/metrics.js');
    const huge = { length: 2 ** 53 } as unknown as number[];
    for (const f of [() => v.norm(huge), () => v.dot(huge, huge), () => v.normalize(huge), () => m.euclidean(huge, huge), () => m.cosine(huge, huge)]) {
      expect(f).toThrow(expect.objectContaining({ code: 'E_TYPE' }));
    }
  });
});

describe('overflow policy (fuzz: core/vector-ops-overflow-nan)', () => {
  const MAX = Number.MAX_VALUE;

  it('finite input that overflows is E_RANGE naming the function, never NaN or ±Infinity', () => {
    expectLatentError(() => dot([MAX, MAX], [MAX, -MAX]), 'E_RANGE', 'dot: values too large: overflow');
    expectLatentError(() => dot([1e200], [1e200]), 'E_RANGE', 'dot: values too large');
    expectLatentError(() => add([1, MAX], [1, MAX]), 'E_RANGE', 'add: values too large: overflow');
    expectLatentError(() => sub([MAX], [-MAX]), 'E_RANGE', 'sub: values too large: overflow');
    expectLatentError(() => scale([1, -MAX], 2), 'E_RANGE', 'scale: values too large: overflow');
    expectLatentError(() => scale([1e300], MAX), 'E_RANGE', 'scale: values too large');
    expectLatentError(() => norm([MAX, -MAX, MAX]), 'E_RANGE', 'norm: values too large: overflow');
  });

  it('results that fit are computed as before, right up to the edge', () => {
    expect(dot([MAX, 1], [1, -MAX])).toBe(0);
    expect(Array.from(add([MAX], [-MAX]))).toEqual([0]);
    expect(Array.from(sub([MAX / 2], [-MAX / 2]))).toEqual([MAX]);
    expect(Array.from(scale([MAX], 0.5))).toEqual([MAX / 2]);
  });

  it('normalize scales a vector whose length exceeds MAX_VALUE: the direction exists', () => {
    const u = normalize([MAX, MAX]);
    expect(u[0]).toBeCloseTo(Math.SQRT1_2, 15);
    expect(u[1]).toBeCloseTo(Math.SQRT1_2, 15);
    const v = normalize([MAX, 0, -MAX / 2]);
    const w = normalize([2, 0, -1]);
    for (let i = 0; i < 3; i++) expect(v[i]).toBeCloseTo(w[i]!, 15);
    expect(Array.from(normalize([Infinity, 0])).some(Number.isNaN)).toBe(true); // honest propagation, unchanged
  });

  it('non-finite input still propagates (no error: nothing overflowed)', () => {
    expect(dot([Infinity, 1], [1, 1])).toBe(Infinity);
    expect(dot([Infinity, -Infinity], [1, 1])).toBeNaN();
    expect(Array.from(add([Infinity], [-Infinity]))).toEqual([NaN]);
    expect(Array.from(scale([1], Infinity))).toEqual([Infinity]);
    expect(Array.from(scale([0], Infinity))).toEqual([NaN]);
    expect(norm([Infinity, 1])).toBe(Infinity);
  });

  it('an aliased out is judged on the inputs as they were before the write', () => {
    const a = new Float64Array([1, MAX]);
    expectLatentError(() => add(a, a, a), 'E_RANGE', 'add: values too large');
    expect(a[0]).toBe(2); // out is overwritten even then (documented)
    const b = new Float64Array([MAX, 1]);
    expectLatentError(() => sub(b, new Float64Array([-MAX, 0]), b), 'E_RANGE', 'sub: values too large');
    expectLatentError(() => scale(new Float64Array([MAX]), 2, new Float64Array(1)), 'E_RANGE', 'scale: values too large');
    const c = new Float64Array([MAX, 3]);
    expectLatentError(() => scale(c, 2, c), 'E_RANGE', 'scale: values too large');
    // A non-finite input in place propagates, even though it is overwritten.
    const d = new Float64Array([Infinity, 1]);
    expect(Array.from(scale(d, 2, d))).toEqual([Infinity, 2]);
    const e = new Float64Array([Infinity, 1]);
    expect(Array.from(add(e, [1, 1], e))).toEqual([Infinity, 2]);
    const f = new Float64Array([1, 2]);
    expect(Array.from(sub([NaN, 0], f, f))).toEqual([NaN, -2]);
  });
});
