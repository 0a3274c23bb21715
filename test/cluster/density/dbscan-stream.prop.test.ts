import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dbscanWork } from '../../../src/cluster/density/dbscan.js';
import type { Matrix } from '../../../src/core/matrix.js';
import { runSync } from '../../../src/core/task.js';
import type { Metric } from '../../../src/distance/metric.js';
import type { ResolvedRadiusOptions } from '../../../src/neighbors/radius.js';

/** A true metric as a function (the custom-metric path of the search). */
const cityBlock = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s;
};

const metricArb = fc.constantFrom<Metric>('euclidean', 'sqeuclidean', 'manhattan', 'chebyshev', 'cosine', cityBlock);

/** Rows on a small integer grid (duplicates, ties at exactly eps, zero vectors) or spread values. */
function matrixArb(d: number, grid: boolean): fc.Arbitrary<Matrix> {
  const value = grid ? fc.integer({ min: -2, max: 2 }) : fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true });
  return fc.integer({ min: 1, max: 90 }).chain((n) => fc.array(value, { minLength: n * d, maxLength: n * d }).map((v) => ({ rows: n, cols: d, data: Float64Array.from(v) })));
}

function options(metric: Metric, method: 'auto' | 'brute' | 'vptree', leafSize: number): ResolvedRadiusOptions {
  return { metric, sort: false, method, leafSize, seed: 7, memoryLimit: 2 ** 32, distances: false, compact: false };
}

describe('dbscan streamed (properties)', () => {
  it('streaming the search twice gives the model of the collected lists (core points, partition, numbering, borders)', () => {
    fc.assert(
      fc.property(
        fc
          .record({ d: fc.integer({ min: 1, max: 4 }), grid: fc.boolean(), metric: metricArb, method: fc.constantFrom('auto' as const, 'brute' as const, 'vptree' as const), leafSize: fc.integer({ min: 1, max: 6 }), f32: fc.boolean() })
          .chain((c) =>
            fc.record({
              c: fc.constant(c),
              X: matrixArb(c.d, c.grid),
              eps: c.grid ? fc.integer({ min: 1, max: 4 }).map((v) => (c.metric === 'cosine' ? v / 4 : v)) : fc.double({ min: 0.01, max: 12, noNaN: true }),
              minSamples: fc.integer({ min: 1, max: 8 }),
            }),
          ),
        ({ c, X, eps, minSamples }) => {
          const method = c.metric === 'cosine' && c.method === 'vptree' ? 'brute' : c.method;
          const m = c.f32 ? { rows: X.rows, cols: X.cols, data: Float32Array.from(X.data) } : X;
          const o = options(c.metric, method, c.leafSize);
          const lists = runSync(dbscanWork('dbscan', m, eps, minSamples, o, 'lists'), { fn: 'dbscan' });
          const stream = runSync(dbscanWork('dbscan', m, eps, minSamples, o, 'stream'), { fn: 'dbscan' });
          expect(stream).toEqual(lists);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('skipping tiles of one all-core component changes nothing on duplicated rows (blocks of 32 rows × up to 1 024)', () => {
    // Groups of identical rows in shuffled order: whole tiles become one component early.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 40, max: 400 }), fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: 12 }), (groups, n, seed, minSamples) => {
        let s = seed;
        const next = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
        const d = 3;
        const data = new Float64Array(n * d);
        for (let i = 0; i < n; i++) {
          const g = Math.floor(next() * groups);
          // Most rows sit on their group's point; some are jittered into borders or noise.
          const jitter = next() < 0.2 ? next() * 2 : 0;
          for (let c = 0; c < d; c++) data[i * d + c] = 10 * g + (c === 0 ? jitter : 0);
        }
        const m = { rows: n, cols: d, data };
        const o = options('euclidean', 'brute', 16);
        const lists = runSync(dbscanWork('dbscan', m, 1, minSamples, o, 'lists'), { fn: 'dbscan' });
        const stream = runSync(dbscanWork('dbscan', m, 1, minSamples, o, 'stream'), { fn: 'dbscan' });
        expect(stream).toEqual(lists);
      }),
      { numRuns: 40 },
    );
  });

  it('skips a tile only when both blocks are one and the same component (a bridge inside an otherwise skippable tile)', () => {
    // 1 024 columns make blocks of 32 rows: row blocks [0, 32), [32, 64), …; column windows
    // [1, 33), [33, 65), [65, 97), [97, 129). A = rows 0–31 and 65–96 at (0, 0) except row 70 at
    // (0.9, 0); B = rows 32–63 at (1.8, 0) and row 64 at (1.8, 0.9) (1.27 from row 70); C = rows
    // 97–127 at (3.6, 0). With eps = 1, A and B join only through row 70's pairs with rows 32–63,
    // all in the tile of row block [32, 64) (one component, B) and window [65, 97) (another, A).
    const n = 128;
    const d = 1024;
    const data = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const [x, y] = i === 70 ? [0.9, 0] : i === 64 ? [1.8, 0.9] : i >= 32 && i < 64 ? [1.8, 0] : i >= 97 ? [3.6, 0] : [0, 0];
      data[i * d] = x;
      data[i * d + 1] = y;
    }
    const m = { rows: n, cols: d, data };
    const o = options('euclidean', 'brute', 16);
    const lists = runSync(dbscanWork('dbscan', m, 1, 2, o, 'lists'), { fn: 'dbscan' });
    expect(Array.from(lists.labels)).toEqual(Array.from({ length: n }, (_, i) => (i >= 97 ? 1 : 0)));
    expect(runSync(dbscanWork('dbscan', m, 1, 2, o, 'stream'), { fn: 'dbscan' })).toEqual(lists);
  });
});
