/**
 * Cell policy of the scalar metrics: a plain-array cell that is not a number is E_TYPE naming the
 * metric, argument and index — never coerced (null as 0, '3' as 3) and never a silent NaN. The
 * message names the received type only (the 1 KB bundle budget of `import { euclidean }`).
 */
import { describe, expect, it } from 'vitest';
import { chebyshev, cosine, cosineSimilarity, euclidean, manhattan, sqeuclidean } from '../../src/distance/metrics.js';
import { expectLatentError } from '../helpers/latent-error.js';

const METRICS = { euclidean, sqeuclidean, manhattan, chebyshev, cosine, cosineSimilarity };
// eslint-disable-next-line no-sparse-arrays
const hole = [1, , 3] as unknown as number[];
const BAD: [unknown, string][] = [
  [null, 'got null'],
  [undefined, 'got undefined'],
  ['3', 'got string'],
  [true, 'got boolean'],
  [{ valueOf: () => 2 }, 'got object'],
  [[2], 'got object'],
];
const withCell = (x: unknown, at: number): number[] => {
  const v: unknown[] = [1, 2, 3];
  v[at] = x;
  return v as number[];
};

describe('scalar metrics: a cell that is not a number is E_TYPE', () => {
  for (const [name, f] of Object.entries(METRICS)) {
    it(name, () => {
      for (const [x, got] of BAD) {
        expectLatentError(() => f(withCell(x, 1), [1, 5, 2]), 'E_TYPE', `${name}: a[1] must be a number, ${got}`);
        expectLatentError(() => f(new Float32Array([1, 5, 2]), withCell(x, 2)), 'E_TYPE', `${name}: b[2] must be a number, ${got}`);
      }
      expectLatentError(() => f([1, 5, 2], hole), 'E_TYPE', `${name}: b[1] must be a number, got undefined`);
      // The first bad cell of a, then b, is named: a NaN after a bad cell does not hide it, and
      // one before it is an error of its own.
      expectLatentError(() => f([1, 5, 2], [null, NaN, 1] as unknown as number[]), 'E_TYPE', `${name}: b[0] must be a number, got null`);
      expectLatentError(() => f([1, NaN, 2], withCell(null, 2)), 'E_NOT_FINITE', `${name}: a must be finite, got NaN at index 1`);
    });
  }

  it('typed arrays and NaN keep their behaviour', () => {
    expect(euclidean(new Float32Array([0, 0]), new Int16Array([3, 4]))).toBe(5);
    expect(chebyshev([0, 0], new Float64Array([3, -4]))).toBe(4);
    expectLatentError(() => euclidean([NaN, 1], [1, 1]), 'E_NOT_FINITE', 'euclidean: a must be finite, got NaN at index 0');
  });
});
