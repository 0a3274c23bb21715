import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/core/matrix.js';
import type { Metric } from '../../src/distance/metric.js';
import { radiusNeighbors, radiusNeighborsSelf } from '../../src/neighbors/radius.js';
import { SCALAR, type Fn } from './reference.js';

const metricArb = fc.constantFrom<[Metric, Fn]>(
  ['euclidean', SCALAR.euclidean],
  ['sqeuclidean', SCALAR.sqeuclidean],
  ['manhattan', SCALAR.manhattan],
  ['chebyshev', SCALAR.chebyshev],
  ['cosine', SCALAR.cosine],
);

/** Values from a tiny integer grid (ties, duplicates, zero vectors) or spread doubles. */
function matrixArb(rows: fc.Arbitrary<number>, d: number, grid: boolean): fc.Arbitrary<Matrix> {
  const value = grid ? fc.integer({ min: -2, max: 2 }) : fc.double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true });
  return rows.chain((n) => fc.array(value, { minLength: n * d, maxLength: n * d }).map((v) => ({ rows: n, cols: d, data: Float64Array.from(v) })));
}

/** Exhaustive reference with the documented inclusion rule, rows sorted by (distance, index). */
function reference(data: Matrix, queries: Matrix | null, radius: number, metric: Metric, ref: Fn): string {
  const d = data.cols;
  const row = (m: Matrix, i: number): Float64Array => Float64Array.from(m.data.subarray(i * d, (i + 1) * d));
  const Q = queries ?? data;
  const out: [number, number][][] = [];
  for (let i = 0; i < Q.rows; i++) {
    const r: [number, number][] = [];
    for (let j = 0; j < data.rows; j++) {
      if (queries === null && i === j) continue;
      const v = ref(row(Q, i), row(data, j));
      const keep = metric === 'euclidean' ? SCALAR.sqeuclidean(row(Q, i), row(data, j)) <= radius * radius : v <= radius;
      if (keep) r.push([j, v]);
    }
    out.push(r.sort((a, b) => a[1] - b[1] || a[0] - b[0]));
  }
  return JSON.stringify(out);
}

function lists(r: { offsets: Int32Array; indices: Int32Array; distances: Float64Array }): string {
  const out: [number, number][][] = [];
  for (let i = 0; i + 1 < r.offsets.length; i++) {
    const row: [number, number][] = [];
    for (let e = r.offsets[i]!; e < r.offsets[i + 1]!; e++) row.push([r.indices[e]!, r.distances[e]!]);
    out.push(row);
  }
  return JSON.stringify(out);
}

describe('radiusNeighbors (properties)', () => {
  it('equals the exhaustive search for every method, storage type and metric (ties, duplicates, zero vectors)', () => {
    fc.assert(
      fc.property(
        fc
          .record({ d: fc.integer({ min: 1, max: 4 }), grid: fc.boolean(), m: metricArb, method: fc.constantFrom('auto' as const, 'brute' as const, 'vptree' as const), leafSize: fc.integer({ min: 1, max: 6 }), f32: fc.boolean() })
          .chain((c) =>
            fc.record({
              c: fc.constant(c),
              data: matrixArb(fc.integer({ min: 1, max: 40 }), c.d, c.grid),
              queries: matrixArb(fc.integer({ min: 0, max: 6 }), c.d, c.grid),
              radius: c.grid ? fc.integer({ min: 0, max: 4 }).map((v) => (c.m[0] === 'cosine' ? v / 4 : v)) : fc.double({ min: 0, max: 150, noNaN: true }),
            }),
          ),
        ({ c, data, queries, radius }) => {
          const method = c.m[0] === 'cosine' && c.method === 'vptree' ? 'brute' : c.method;
          // Float32 storage: the reference sees the same (rounded) values.
          const cast = (m: Matrix): Matrix => (c.f32 ? { rows: m.rows, cols: m.cols, data: Float32Array.from(m.data) } : m);
          const D = cast(data);
          const Q = cast(queries);
          const D64 = { rows: D.rows, cols: D.cols, data: Float64Array.from(D.data) };
          const Q64 = { rows: Q.rows, cols: Q.cols, data: Float64Array.from(Q.data) };
          const o = { metric: c.m[0], method, leafSize: c.leafSize };
          expect(lists(radiusNeighbors(D, Q, radius, o))).toBe(reference(D64, Q64, radius, c.m[0], c.m[1]));
          expect(lists(radiusNeighborsSelf(D, radius, o))).toBe(reference(D64, null, radius, c.m[0], c.m[1]));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('self lists are symmetric: j lists i exactly when i lists j, at the same distance', () => {
    fc.assert(
      fc.property(matrixArb(fc.integer({ min: 2, max: 50 }), 2, true), fc.integer({ min: 0, max: 3 }), (data, radius) => {
        const r = radiusNeighborsSelf(data, radius, { sort: false });
        const pairs = new Map<string, number>();
        for (let i = 0; i < data.rows; i++) for (let e = r.offsets[i]!; e < r.offsets[i + 1]!; e++) pairs.set(`${i},${r.indices[e]}`, r.distances[e]!);
        for (const [k, v] of pairs) {
          const [i, j] = k.split(',');
          expect(pairs.get(`${j},${i}`)).toBe(v);
        }
      }),
      { numRuns: 40 },
    );
  });
});
