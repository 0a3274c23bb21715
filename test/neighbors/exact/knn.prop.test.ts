import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../../src/core/matrix.js';
import type { Metric } from '../../../src/distance/metric.js';
import { knn, knnIndex, knnQuery, knnQuerySelf, knnSelf } from '../../../src/neighbors/index.js';
import { heapOffer, heapSortAscending } from '../../../src/neighbors/heap.js';
import { SCALAR, referenceKnn, type Fn } from '../reference.js';

/** A custom true metric (weighted L1), used both as `metric` and as its own reference. */
const weightedL1: Fn = (a, b) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (i + 1) * Math.abs(a[i]! - b[i]!);
  return s;
};

type Case = { data: Matrix; queries: Matrix; k: number; metric: Metric; ref: Fn; method: 'auto' | 'brute' | 'vptree'; leafSize: number };

const metricArb = fc.constantFrom<[Metric, Fn]>(
  ['euclidean', SCALAR.euclidean],
  ['sqeuclidean', SCALAR.sqeuclidean],
  ['manhattan', SCALAR.manhattan],
  ['chebyshev', SCALAR.chebyshev],
  ['cosine', SCALAR.cosine],
  [weightedL1, weightedL1],
);

/** Values from a tiny integer grid (many ties, duplicates and zero vectors) or spread doubles. */
function matrixArb(rows: fc.Arbitrary<number>, d: number, grid: boolean): fc.Arbitrary<Matrix> {
  const value = grid ? fc.integer({ min: -2, max: 2 }) : fc.double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true });
  return rows.chain((n) => fc.array(value, { minLength: n * d, maxLength: n * d }).map((v) => ({ rows: n, cols: d, data: Float64Array.from(v) })));
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({ d: fc.integer({ min: 1, max: 5 }), grid: fc.boolean(), m: metricArb, method: fc.constantFrom('auto' as const, 'brute' as const, 'vptree' as const), leafSize: fc.integer({ min: 1, max: 8 }) })
  .chain(({ d, grid, m, method, leafSize }) =>
    fc
      .record({ data: matrixArb(fc.integer({ min: 1, max: 60 }), d, grid), queries: matrixArb(fc.integer({ min: 0, max: 8 }), d, grid) })
      .chain(({ data, queries }) =>
        fc.integer({ min: 1, max: data.rows }).map((k) => ({ data, queries, k, metric: m[0], ref: m[1], method: m[0] === 'cosine' && method === 'vptree' ? 'brute' : method, leafSize })),
      ),
  );

function expectSame(got: { indices: Int32Array; distances: Float64Array }, want: { indices: Int32Array; distances: Float64Array }): void {
  expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
  // Bit-for-bit: the kernels sum in the same order as the scalar functions.
  expect(Array.from(got.distances)).toEqual(Array.from(want.distances));
}

describe('knn properties', () => {
  it('knn equals a sort-based brute force (every metric, method, ties and duplicates)', () => {
    fc.assert(
      fc.property(caseArb, ({ data, queries, k, metric, ref, method, leafSize }) => {
        const got = knn(data, queries, k, { metric, method, leafSize });
        expect(got.rows).toBe(queries.rows);
        expect(got.k).toBe(k);
        expectSame(got, referenceKnn(data, queries, k, ref));
      }),
    );
  });

  it('knnSelf equals brute force excluding each row itself', () => {
    fc.assert(
      fc.property(
        caseArb.filter((c) => c.data.rows >= 2),
        ({ data, k, metric, ref, method, leafSize }) => {
          const kk = Math.min(k, data.rows - 1);
          const got = knnSelf(data, kk, { metric, method, leafSize });
          const want = referenceKnn(data, null, kk, ref);
          expectSame(got, want);
          for (let i = 0; i < data.rows; i++) for (let t = 0; t < kk; t++) expect(got.indices[i * kk + t]).not.toBe(i);
        },
      ),
    );
  });

  it('an index answers like one-shot knn, repeatedly, and self queries like knnSelf', () => {
    fc.assert(
      fc.property(caseArb, ({ data, queries, k, metric, method, leafSize }) => {
        const index = knnIndex(data, { metric, method, leafSize });
        const once = knn(data, queries, k, { metric, method: 'brute' });
        expectSame(knnQuery(index, queries, k), once);
        expectSame(knnQuery(index, queries, k), once);
        if (data.rows >= 2) expectSame(knnQuerySelf(index, Math.min(k, data.rows - 1)), knnSelf(data, Math.min(k, data.rows - 1), { metric, method: 'brute' }));
      }),
    );
  });

  it('does not mutate its inputs', () => {
    fc.assert(
      fc.property(caseArb, ({ data, queries, k, metric, method, leafSize }) => {
        const d0 = data.data.slice();
        const q0 = queries.data.slice();
        knn(data, queries, k, { metric, method, leafSize });
        if (data.rows >= 2) knnSelf(data, 1, { metric, method, leafSize });
        const index = knnIndex(data, { metric, method, leafSize });
        knnQuery(index, queries, k);
        expect(Array.from(data.data)).toEqual(Array.from(d0));
        expect(Array.from(queries.data)).toEqual(Array.from(q0));
      }),
    );
  });

  it('results are sorted nearest first with ties by lower index', () => {
    fc.assert(
      fc.property(caseArb, ({ data, queries, k, metric, method, leafSize }) => {
        const { indices, distances } = knn(data, queries, k, { metric, method, leafSize });
        for (let r = 0; r < queries.rows; r++) {
          for (let t = 1; t < k; t++) {
            const a = distances[r * k + t - 1]!;
            const b = distances[r * k + t]!;
            expect(a < b || (a === b && indices[r * k + t - 1]! < indices[r * k + t]!)).toBe(true);
          }
        }
      }),
    );
  });

  it('the bounded heap keeps the k smallest (distance, index) pairs in any arrival order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1000 })), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 60 }), (pairs, kRaw) => {
        // Unique indices, as every caller offers each index once.
        const seen = new Set<number>();
        const cand = pairs.filter(([, i]) => (seen.has(i) ? false : (seen.add(i), true)));
        const k = Math.min(kRaw, cand.length);
        const D = new Float64Array(k + 2).fill(-1);
        const I = new Int32Array(k + 2).fill(-1);
        let size = 0;
        for (const [d, i] of cand) size = heapOffer(D, I, 1, size, k, d, i);
        heapSortAscending(D, I, 1, size);
        const want = [...cand].sort((a, b) => a[0] - b[0] || a[1] - b[1]).slice(0, k);
        expect(Array.from(D.subarray(1, 1 + k))).toEqual(want.map((p) => p[0]));
        expect(Array.from(I.subarray(1, 1 + k))).toEqual(want.map((p) => p[1]));
        // Slots outside the heap are untouched.
        expect([D[0], D[k + 1], I[0], I[k + 1]]).toEqual([-1, -1, -1, -1]);
      }),
    );
  });
});
