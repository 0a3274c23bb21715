import { describe, expect, it } from 'vitest';
import { chebyshev, cosine, cosineSimilarity, euclidean, manhattan, sqeuclidean } from '../../src/distance/index.js';
import { expectLatentError, latentErrorCode } from '../helpers/latent-error.js';

const all = { euclidean, sqeuclidean, manhattan, chebyshev, cosine, cosineSimilarity };

describe('scalar metrics', () => {
  it('documented examples', () => {
    expect(sqeuclidean([0, 0], [3, 4])).toBe(25);
    expect(euclidean([0, 0], [3, 4])).toBe(5);
    expect(manhattan([0, 0], [3, -4])).toBe(7);
    expect(chebyshev([0, 0], [3, -4])).toBe(4);
    expect(cosineSimilarity([1, 0], [1, 1])).toBe(0.7071067811865475);
    expect(cosine([1, 0], [0, 1])).toBe(1);
    expect(cosine([1, 1], [2, 2])).toBe(0);
  });

  it('zero-vector convention: similarity 0, distance 1, never NaN', () => {
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
    expect(cosineSimilarity([1, 1], [0, 0])).toBe(0);
    expect(cosine([0, 0], [0, 0])).toBe(1);
    expect(cosine([0, 0, 0], [-3, 2, 1])).toBe(1);
  });

  it('opposite and parallel vectors clamp to [-1, 1]', () => {
    expect(cosineSimilarity([0.1, 0.2, 0.3], [-0.1, -0.2, -0.3])).toBe(-1);
    expect(cosine([0.1, 0.2, 0.3], [0.3, 0.6, 0.9])).toBeGreaterThanOrEqual(0);
    // aa·bb overflows although each squared norm is finite: the fallback keeps the answer right.
    expect(cosineSimilarity([1e100, 0], [1e100, 1e100])).toBeCloseTo(Math.SQRT1_2, 15);
    // aa·bb falls below the normal range (a subnormal keeps few bits): same fallback. Found by
    // fast-check (FC_SEED=7): the product's root was off by 6e-7.
    expect(cosine([0, 1.1938704319258425e-78], [0, 1.1938704319258425e-81])).toBe(0);
    expect(cosineSimilarity([1e-80, 1e-80], [1e-80, 0])).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it('empty vectors', () => {
    expect(euclidean([], [])).toBe(0);
    expect(chebyshev([], [])).toBe(0);
    expect(cosine([], [])).toBe(1);
  });

  it('accurate for close points far from the origin (differences, not the norm expansion)', () => {
    const a = [1e8, 1e8];
    const b = [1e8 + 1, 1e8 + 1];
    expect(euclidean(a, b)).toBe(Math.SQRT2);
    expect(sqeuclidean(a, b)).toBe(2);
    // What the ‖a‖² + ‖b‖² − 2a·b expansion would give: visibly wrong.
    const expansion = 2e16 + 2 * (1e8 + 1) ** 2 - 2 * 2 * 1e8 * (1e8 + 1);
    expect(expansion).not.toBe(2);
  });

  it('overflow of finite inputs gives Infinity (as scipy), cosine throws E_RANGE', () => {
    expect(euclidean([1e200], [-1e200])).toBe(Infinity);
    expect(manhattan([1.7e308], [-1.7e308])).toBe(Infinity);
    expect(latentErrorCode(() => cosine([1e200], [1e200]))).toBe('E_RANGE');
    expect(latentErrorCode(() => cosineSimilarity([1e200], [1]))).toBe('E_RANGE');
  });

  it.each(Object.entries(all))('%s: E_SHAPE on length mismatch, E_NOT_FINITE on NaN / Infinity in either argument', (_name, f) => {
    expect(latentErrorCode(() => f([1, 2], [1]))).toBe('E_SHAPE');
    expect(latentErrorCode(() => f([1, NaN], [1, 2]))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => f([1, 2], [Infinity, 2]))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => f([1, 2], [1, -Infinity]))).toBe('E_NOT_FINITE');
  });

  it('chebyshev does not skip a NaN hidden behind a larger difference', () => {
    expect(latentErrorCode(() => chebyshev([100, NaN], [0, 0]))).toBe('E_NOT_FINITE');
  });

  it('error messages name the function and the argument', () => {
    expect(() => euclidean([1, 2], [1])).toThrow('euclidean: b length must equal a length 2, got 1');
    expect(() => manhattan([0, 0], [0, NaN])).toThrow('manhattan: b must be finite, got NaN at index 1');
  });
});

describe('scalar metrics check their arguments (fuzz: vector-ops-no-type-check)', () => {
  it.each([
    ['euclidean', euclidean],
    ['sqeuclidean', sqeuclidean],
    ['manhattan', manhattan],
    ['chebyshev', chebyshev],
    ['cosine', cosine],
    ['cosineSimilarity', cosineSimilarity],
  ] as const)('%s: a missing or non-array argument is E_TYPE, never a raw TypeError or 0', (name, f) => {
    for (const [a, b, which] of [
      [null, [1], 'a'],
      [[1], undefined, 'b'],
      [() => 0, [], 'a'],
      [[1], 5, 'b'],
      [{ length: 1.5 }, [1], 'a'],
    ] as const) {
      expectLatentError(() => f(a as never, b as never), 'E_TYPE', `${name}: ${which} must be an array of numbers`);
    }
  });
});
