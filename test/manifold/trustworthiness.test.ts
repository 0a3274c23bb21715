import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trustworthiness } from '../../src/manifold/index.js';
import { loadCsv, loadGolden } from '../helpers/data.js';
import { expectLatentError } from '../helpers/latent-error.js';

type Dist = (a: number[], b: number[]) => number;
const euclid: Dist = (a, b) => Math.sqrt(a.reduce((s, v, t) => s + (v - b[t]!) ** 2, 0));
const cityblock: Dist = (a, b) => a.reduce((s, v, t) => s + Math.abs(v - b[t]!), 0);

/**
 * O(n²) reference written like scikit-learn's: full argsort of every row (self last), the
 * inverted index `rank[i][ind[i][r]] = r + 1`, embedded neighbours by argsort too. Ties are
 * ordered by index (stable sort), the documented convention.
 */
function reference(X: number[][], E: number[][], k: number, dist: Dist = euclid): number {
  const n = X.length;
  const argsortRow = (rows: number[][], i: number, f: Dist): number[] => {
    const d = rows.map((r, j) => (j === i ? Infinity : f(rows[i]!, r)));
    return d.map((_, j) => j).sort((a, b) => d[a]! - d[b]! || a - b);
  };
  let t = 0;
  for (let i = 0; i < n; i++) {
    const ind = argsortRow(X, i, dist);
    const inverted = new Array<number>(n);
    ind.forEach((j, r) => (inverted[j] = r + 1));
    const nbrs = argsortRow(E, i, euclid).slice(0, k);
    for (const j of nbrs) {
      const r = inverted[j]! - k;
      if (r > 0) t += r;
    }
  }
  return 1 - t * (2 / (n * k * (2 * n - 3 * k - 1)));
}

const matrixArb = (n: number, d: number, integers: boolean): fc.Arbitrary<number[][]> =>
  fc.array(
    fc.array(integers ? fc.integer({ min: -3, max: 3 }) : fc.double({ min: -5, max: 5, noNaN: true }), { minLength: d, maxLength: d }),
    { minLength: n, maxLength: n },
  );

describe('trustworthiness', () => {
  it('matches an O(n²) argsort reference of scikit-learn’s formula (random data, with and without ties)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 30 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.boolean().chain((ints) => fc.tuple(matrixArb(n, 3, ints), matrixArb(n, 2, false))),
            fc.integer({ min: 1, max: Math.ceil(n / 2) - 1 }),
          ),
        ),
        ([, [X, E], k]) => {
          expect(trustworthiness(X, E, k)).toBeCloseTo(reference(X, E, k), 12);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('uses the given input metric', () => {
    fc.assert(
      fc.property(matrixArb(16, 3, false), matrixArb(16, 2, false), (X, E) => {
        expect(trustworthiness(X, E, 3, 'manhattan')).toBeCloseTo(reference(X, E, 3, cityblock), 12);
        const custom = (a: Float64Array, b: Float64Array): number => Math.abs(a[0]! - b[0]!) + Math.abs(a[1]! - b[1]!) + Math.abs(a[2]! - b[2]!);
        expect(trustworthiness(X, E, 3, custom)).toBeCloseTo(reference(X, E, 3, cityblock), 12);
      }),
      { numRuns: 20 },
    );
  });

  it('is 1 for an isometric embedding and drops for a scrambled one', () => {
    const X = [[0, 0], [1, 0], [2, 0], [3, 0], [4, 0], [5, 0], [6, 0]];
    expect(trustworthiness(X, X, 2)).toBe(1);
    expect(trustworthiness(X, X.map(([a]) => [10 - 3 * a!]), 3)).toBe(1);
    expect(trustworthiness(X, [[0], [5], [1], [4], [2], [6], [3]], 2)).toBeCloseTo(0.5510204081632654, 15);
  });

  it('matches scikit-learn 1.2.1 on the digits golden embedding (k = 5 and 12)', () => {
    // Digits has integer pixels, so many input distances tie; scikit-learn orders ties by an
    // unstable quicksort and we by index, which moves the sum by a few ranks (< 1e-6).
    const { data } = loadCsv('digits');
    const g = loadGolden<{ trustworthiness5: number; trustworthiness12: number; embedding: number[][] }>('tsne_digits_quality');
    expect(Math.abs(trustworthiness(data, g.embedding, 5) - g.trustworthiness5)).toBeLessThan(2e-6);
    expect(Math.abs(trustworthiness(data, g.embedding, 12) - g.trustworthiness12)).toBeLessThan(2e-6);
  });

  it('does not mutate its inputs', () => {
    const X = { rows: 6, cols: 2, data: Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) };
    const E = { rows: 6, cols: 1, data: Float64Array.from([3, 1, 4, 1, 5, 9]) };
    const before = [X.data.slice(), E.data.slice()];
    trustworthiness(X, E, 2);
    expect(X.data).toEqual(before[0]);
    expect(E.data).toEqual(before[1]);
  });

  it('rejects bad input with LatentError', () => {
    const X = [[0], [1], [2], [3], [4], [5]];
    expectLatentError(() => trustworthiness(X, [[0], [1]], 1), 'E_SHAPE', 'trustworthiness', 'embedding rows', '6');
    expectLatentError(() => trustworthiness([[0], [1]], [[0], [1]], 1), 'E_SHAPE', 'at least 3 rows');
    expectLatentError(() => trustworthiness(X, X, 0), 'E_RANGE', 'k', '[1, 2]', '0');
    expectLatentError(() => trustworthiness(X, X, 3), 'E_RANGE', 'k', '3');
    expectLatentError(() => trustworthiness(X, X, 1.5), 'E_RANGE', 'k');
    expectLatentError(() => trustworthiness([[0], [NaN], [1]], [[0], [1], [2]], 1), 'E_NOT_FINITE', 'X');
    expectLatentError(() => trustworthiness(X, [[0], [1], [2], [3], [4], [Infinity]], 1), 'E_NOT_FINITE', 'embedding');
    // @ts-expect-error: an unknown metric name
    expectLatentError(() => trustworthiness(X, X, 1, 'hamming'), 'E_OPTION', 'metric');
  });
});
