import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pdist } from '../../src/distance/pairwise.js';
import { METRIC_NAMES } from '../../src/distance/metric.js';
import { condensedIndex, condensedPoints, condensedRowOffset, squareFromCondensed, squareFromPoints } from '../../src/distance/square.js';
import { kmedoidsFromDistances } from '../../src/cluster/kmedoids/kmedoids.js';
import { linkageFromDistances } from '../../src/cluster/hierarchy/linkage.js';
import { expectLatentError as expectCode } from '../helpers/latent-error.js';
import { uniformMatrix } from '../helpers/random-data.js';

describe('distance/square: the one n × n builder', () => {
  it('condensed offsets follow scipy order', () => {
    const n = 5;
    let p = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        expect(condensedRowOffset(n, i) + j).toBe(p);
        expect(condensedIndex(n, i, j)).toBe(p);
        expect(condensedIndex(n, j, i)).toBe(p);
        p++;
      }
    }
  });

  it('squareFromPoints and squareFromCondensed(pdist) agree with pdist bit for bit (every metric, tile remainders)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom(...METRIC_NAMES), fc.integer({ min: 1, max: 1000 }), (n, d, metric, seed) => {
        const X = uniformMatrix(n, d, seed, -3, 3);
        const D = pdist(X, metric);
        const S = squareFromPoints('t', X, metric);
        const E = squareFromCondensed(D, n);
        for (let i = 0; i < n; i++) {
          expect(S[i * n + i]).toBe(0);
          for (let j = 0; j < n; j++) {
            if (i === j) continue;
            expect(S[i * n + j]).toBe(D[condensedIndex(n, i, j)]);
            expect(E[i * n + j]).toBe(D[condensedIndex(n, i, j)]);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a custom metric fills both halves', () => {
    const X = uniformMatrix(4, 2, 1);
    const S = squareFromPoints('t', X, (a, b) => Math.abs(a[0]! - b[0]!));
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(S[i * 4 + j]).toBe(S[j * 4 + i]);
  });

  it('user condensed input: one rule for every function (no silent string conversion)', () => {
    expect(condensedPoints('f', 'c', [1, 2, 3])).toBe(3);
    expectCode(() => condensedPoints('f', 'c', [1, 2]), 'E_SHAPE', 'f: c length must be n(n-1)/2 for some n');
    expectCode(() => kmedoidsFromDistances([1, '2', 3] as unknown as number[], { k: 1 }), 'E_TYPE', 'kmedoidsFromDistances: condensed must hold finite distances >= 0, got "2" at index 1');
    expectCode(() => linkageFromDistances([1, '2', 3] as unknown as number[]), 'E_TYPE', 'linkageFromDistances: condensed must hold finite distances >= 0, got "2" at index 1');
    expectCode(() => kmedoidsFromDistances([1, -2, 3], { k: 1 }), 'E_RANGE', 'got -2 at index 1');
    expectCode(() => linkageFromDistances([1, NaN, 3]), 'E_NOT_FINITE', 'got NaN at index 1');
  });
});

describe('condensed helpers validate (fuzz: distance/condensed-helpers-unvalidated)', () => {
  it('condensedIndex refuses the diagonal, out-of-range and non-integer arguments', async () => {
    const { condensedSize } = await import('../../src/distance/square.js');
    expectCode(() => condensedIndex(4, 0, 0), 'E_RANGE', 'condensedIndex: j must differ from i');
    expectCode(() => condensedIndex(4, -1, 2), 'E_RANGE', 'condensedIndex: i must be');
    expectCode(() => condensedIndex(2, 15, 29), 'E_RANGE', 'condensedIndex: i must be');
    expectCode(() => condensedIndex(1, 0, 0), 'E_RANGE', 'condensedIndex: n must be');
    expect(condensedIndex(4, 2, 1)).toBe(3);
    expectCode(() => condensedSize('3' as never), 'E_TYPE', 'condensedSize: length must be');
    expectCode(() => condensedSize(0.5), 'E_RANGE', 'condensedSize: length must be');
    expect(condensedSize(3)).toBe(3);
    expect(condensedSize(4)).toBe(-1);
  });
});
