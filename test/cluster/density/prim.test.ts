import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coreDistancesCondensed } from '../../../src/cluster/density/core-distances.js';
import { mstEdges } from '../../../src/cluster/density/mst.js';
import { primMst } from '../../../src/cluster/density/prim.js';
import { runSync } from '../../../src/core/task.js';
import { rowSqNorms } from '../../../src/distance/kernels.js';
import { pdist } from '../../../src/distance/pairwise.js';

/** Rows on a small integer grid (many equal distances and duplicates) or spread doubles. */
const caseArb = fc.record({
  n: fc.integer({ min: 2, max: 70 }),
  d: fc.constantFrom(1, 3, 20, 64),
  k: fc.integer({ min: 0, max: 6 }),
  grid: fc.boolean(),
  f32: fc.boolean(),
  offset: fc.constantFrom(0, 0, 5e3),
  metric: fc.constantFrom('euclidean' as const, 'sqeuclidean' as const, 'cosine' as const),
  seed: fc.integer({ min: 0, max: 1e6 }),
});

describe('primMst (data, dot-product path: euclidean, cosine)', () => {
  it('builds the same edges as Prim on the condensed distances of the same rows', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        let s = c.seed >>> 0;
        const rnd = (): number => {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          return s / 2 ** 32;
        };
        const X64 = Float64Array.from({ length: c.n * c.d }, () => c.offset + (c.grid ? Math.floor(rnd() * 3) : rnd() * 10));
        const X = c.f32 ? Float32Array.from(X64) : X64;
        const D = pdist({ rows: c.n, cols: c.d, data: X }, c.metric);
        const k = Math.min(c.k, c.n - 1);
        const core = runSync(coreDistancesCondensed(D, c.n, k), { fn: 'test' });
        const ref = mstEdges(c.n);
        runSync(primMst(c.n, core, { type: 'condensed', D, n: c.n }, ref), { fn: 'test' });
        const got = mstEdges(c.n);
        const sq = c.metric === 'cosine' ? rowSqNorms(X, c.n, c.d) : null;
        runSync(primMst(c.n, core, { type: 'data', metric: c.metric, data: X, d: c.d, sq }, got), { fn: 'test' });
        expect(got.a).toEqual(ref.a);
        expect(got.b).toEqual(ref.b);
        expect(got.w).toEqual(ref.w);
      }),
      { numRuns: 60 },
    );
  });
});
