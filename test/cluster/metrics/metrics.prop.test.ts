import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, normalizedMutualInfo, silhouette, silhouetteSamples } from '../../../src/cluster/index.js';

const labelPair = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.tuple(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n }), fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n })),
);
/** A relabelling: a permutation of 0..5 shifted to arbitrary non-negative values. */
const relabel = fc.tuple(fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6, maxLength: 6 }), fc.integer({ min: 0, max: 1000 }));

describe('ARI / NMI properties', () => {
  it('symmetric', () => {
    fc.assert(
      fc.property(labelPair, ([a, b]) => {
        expect(adjustedRandIndex(a, b)).toBeCloseTo(adjustedRandIndex(b, a), 12);
        expect(normalizedMutualInfo(a, b)).toBeCloseTo(normalizedMutualInfo(b, a), 12);
      }),
    );
  });
  it('1 for identical partitions, also after renaming the labels', () => {
    fc.assert(
      fc.property(labelPair, relabel, ([a], [perm, shift]) => {
        const renamed = a.map((l) => perm[l]! * 3 + shift);
        expect(adjustedRandIndex(a, a)).toBe(1);
        expect(adjustedRandIndex(a, renamed)).toBe(1);
        expect(normalizedMutualInfo(a, renamed)).toBeCloseTo(1, 12);
      }),
    );
  });
  it('invariant to renaming either labelling; ARI ≤ 1 and NMI in [0, 1]', () => {
    fc.assert(
      fc.property(labelPair, relabel, ([a, b], [perm, shift]) => {
        const renamed = b.map((l) => perm[l]! + shift);
        expect(adjustedRandIndex(a, renamed)).toBeCloseTo(adjustedRandIndex(a, b), 12);
        expect(normalizedMutualInfo(a, renamed)).toBeCloseTo(normalizedMutualInfo(a, b), 12);
        expect(adjustedRandIndex(a, b)).toBeLessThanOrEqual(1);
        const nmi = normalizedMutualInfo(a, b);
        expect(nmi >= 0 && nmi <= 1).toBe(true);
      }),
    );
  });
});

describe('silhouette properties', () => {
  const caseArb = fc.integer({ min: 3, max: 25 }).chain((n) =>
    fc.record({
      X: fc.array(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 2, maxLength: 2 }), { minLength: n, maxLength: n }),
      labels: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
      metric: fc.constantFrom('euclidean', 'manhattan', 'chebyshev', 'cosine', 'sqeuclidean'),
    }),
  );
  it('every sample in [−1, 1]; the mean is the mean of the samples; invariant to relabelling', () => {
    fc.assert(
      fc.property(caseArb, ({ X, labels, metric }) => {
        const K = new Set(labels).size;
        fc.pre(K >= 2 && K <= X.length - 1);
        const s = silhouetteSamples(X, labels, metric);
        for (const v of s) expect(v >= -1 && v <= 1).toBe(true);
        const mean = s.reduce((p, v) => p + v, 0) / s.length;
        expect(silhouette(X, labels, metric)).toBeCloseTo(mean, 12);
        const renamed = labels.map((l) => 10 - l);
        silhouetteSamples(X, renamed, metric).forEach((v, i) => expect(v).toBe(s[i]));
      }),
    );
  });
});
