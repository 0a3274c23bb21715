import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coreDistancesBrute, coreDistancesProjected } from '../../../src/cluster/density/core-distances.js';
import { lowerBound, projectionBound } from '../../../src/cluster/density/projection-bound.js';
import { runSync } from '../../../src/core/task.js';
import { rowSqNorms } from '../../../src/distance/kernels.js';
import { rowDistance } from '../../../src/distance/pairwise.js';

/** Clustered rows (centres far apart, then small noise), optionally with duplicates, an offset and integer grids. */
function clustered(n: number, d: number, groups: number, seed: number, opts: { offset?: number; dup?: boolean; grid?: boolean } = {}): Float64Array {
  let s = seed >>> 0;
  const rnd = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const centres = Float64Array.from({ length: groups * d }, () => (rnd() - 0.5) * 40);
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const g = i % groups;
    for (let k = 0; k < d; k++) {
      const noise = opts.grid === true ? Math.round(rnd() * 3) : rnd() - 0.5;
      X[i * d + k] = (opts.offset ?? 0) + centres[g * d + k]! + noise;
    }
    if (opts.dup === true && i % 5 === 4) X.copyWithin(i * d, (i - 1) * d, i * d);
  }
  return X;
}

type Kind = 'euclidean' | 'sqeuclidean' | 'cosine';

function both(X: Float64Array | Float32Array, n: number, d: number, k: number, metric: Kind, force = true): [Float64Array, Float64Array] {
  const sq = metric === 'cosine' ? rowSqNorms(X, n, d) : null;
  const brute = runSync(coreDistancesBrute(metric, X, n, d, k, sq), { fn: 'test' });
  const pb = runSync(projectionBound(X, n, d, sq), { fn: 'test' });
  expect(pb).not.toBeNull();
  const proj = runSync(coreDistancesProjected(metric, X, n, d, k, sq, pb!, force ? 1 : undefined), { fn: 'test' });
  return [brute, proj];
}

describe('coreDistancesProjected', () => {
  it('equals the brute-force core distances bit for bit (clustered, Float32 and Float64, ties, duplicates, offsets)', () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 2, max: 400 }),
          d: fc.constantFrom(64, 67, 96),
          groups: fc.integer({ min: 1, max: 9 }),
          k: fc.integer({ min: 1, max: 20 }),
          seed: fc.integer({ min: 0, max: 1e6 }),
          offset: fc.constantFrom(0, 0, 1e4),
          dup: fc.boolean(),
          grid: fc.boolean(),
          f32: fc.boolean(),
          metric: fc.constantFrom<Kind>('euclidean', 'sqeuclidean', 'cosine'),
          zero: fc.boolean(),
        }),
        (c) => {
          const k = Math.min(c.k, c.n - 1);
          const X64 = clustered(c.n, c.d, c.groups, c.seed, c);
          if (c.zero) X64.fill(0, 0, c.d); // a zero row (cosine distance 1 to everything)
          const X = c.f32 ? Float32Array.from(X64) : X64;
          const [brute, proj] = both(X, c.n, c.d, k, c.metric);
          expect(proj).toEqual(brute);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('finds every k-th neighbour of well-separated groups (600 rows, 10 groups) and of structureless data (plain pass)', () => {
    const X = clustered(600, 128, 10, 7);
    const [brute, proj] = both(X, 600, 128, 9, 'euclidean', false);
    expect(proj).toEqual(brute);
    const U = Float32Array.from({ length: 300 * 130 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const [b2, p2] = both(U, 300, 130, 5, 'sqeuclidean', false);
    expect(p2).toEqual(b2);
    // Coordinates near the square-safe limit (the range finder's products overflow): still exact.
    const H = clustered(80, 130, 3, 5).map((v) => v * 1e148);
    const [b3, p3] = both(H, 80, 130, 4, 'euclidean');
    expect(p3).toEqual(b3);
  });

  it('bounds every pair from below (projection bound, including near-duplicates far from the origin)', () => {
    const n = 60;
    const d = 70;
    for (const metric of ['sqeuclidean', 'cosine'] as const) {
      const X = clustered(n, d, 3, 11, { offset: metric === 'cosine' ? 0 : 1e6, dup: true });
      X[7 * d] = X[6 * d]! + 1e-9; // a near-duplicate
      if (metric === 'cosine') X.fill(0, 9 * d, 10 * d);
      const pb = runSync(projectionBound(X, n, d, metric === 'cosine' ? rowSqNorms(X, n, d) : null), { fn: 'test' })!;
      let tight = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const exact = rowDistance(metric, X, i * d, X, j * d, d);
          const low = lowerBound(pb, i, j);
          expect(low).toBeLessThanOrEqual(exact);
          if (low > 0.5 * exact) tight++;
        }
      }
      // Between the 3 groups the bound is most of the distance.
      expect(tight).toBeGreaterThan(n * n * 0.5);
    }
    // Cosine norms beyond the bound's range: no bound.
    expect(runSync(projectionBound(new Float64Array([1e-200, 0, 0, 1]), 2, 2, new Float64Array([1e-300, 1])), { fn: 'test' })).toBeNull();
  });
});
