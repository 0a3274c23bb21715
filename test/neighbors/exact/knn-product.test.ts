import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../../src/core/matrix.js';
import { nextDouble, rngState } from '../../../src/core/random.js';
import { runSync } from '../../../src/core/task.js';
import { bruteKnn } from '../../../src/neighbors/exact/brute.js';
import { knn, knnSelf } from '../../../src/neighbors/exact/knn.js';
import { knnIndex } from '../../../src/neighbors/exact/knn-index.js';
import { knnQuery, knnQuerySelf } from '../../../src/neighbors/exact/knn-query.js';
import { rowSqNorms } from '../../../src/distance/kernels.js';
import { allocatedBytes } from '../../helpers/allocation.js';
import { latentErrorCode } from '../../helpers/latent-error.js';
import { SCALAR, referenceKnn } from '../reference.js';

type Named = 'euclidean' | 'sqeuclidean' | 'cosine';
const METRICS: Named[] = ['euclidean', 'sqeuclidean', 'cosine'];

/** Integer coordinates in [−2, 2]: many exactly tied distances, some duplicate rows, some zero rows. */
function tied(n: number, d: number, seed: number): Matrix {
  const s = rngState(seed);
  return { rows: n, cols: d, data: new Float64Array(n * d).map(() => Math.floor(nextDouble(s) * 5) - 2) };
}

/** Rows far from the origin and close together: ‖a‖² + ‖b‖² − 2a·b cancels almost every digit. */
function far(n: number, d: number, seed: number): Matrix {
  const s = rngState(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) data[i * d + t] = 1e4 + (t % 3) + 1e-7 * Math.floor(nextDouble(s) * 8);
  return { rows: n, cols: d, data };
}

/** Random Float32 unit rows. */
function unit32(n: number, d: number, seed: number): Matrix<Float32Array> {
  const s = rngState(seed);
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let ss = 0;
    for (let t = 0; t < d; t++) {
      const v = nextDouble(s) - 0.5;
      data[i * d + t] = v;
      ss += v * v;
    }
    for (let t = 0; t < d; t++) data[i * d + t] = data[i * d + t]! / Math.sqrt(ss);
  }
  return { rows: n, cols: d, data };
}

function expectSame(got: { indices: Int32Array; distances: Float64Array }, want: { indices: Int32Array; distances: Float64Array }): void {
  expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
  // Bit-for-bit: toEqual on arrays of numbers distinguishes every double (Object.is for ±0 too).
  expect(Array.from(got.distances)).toEqual(Array.from(want.distances));
}

describe('knn through the packed product (d ≥ 32)', () => {
  it('equals the scalar reference bit for bit on tied integer data (every metric, self and queries)', () => {
    const data = tied(150, 40, 1);
    const queries = tied(37, 40, 2);
    for (const metric of METRICS) {
      for (const k of [1, 7, 150]) {
        expectSame(knn(data, queries, k, { metric }), referenceKnn(data, queries, k, SCALAR[metric]));
      }
      expectSame(knnSelf(data, 9, { metric }), referenceKnn(data, null, 9, SCALAR[metric]));
    }
  });

  it('re-checks with the difference form where the expansion cancels (points 1e4 from the origin, 1e-7 apart)', () => {
    const data = far(120, 33, 3);
    for (const metric of ['euclidean', 'sqeuclidean'] as const) {
      expectSame(knnSelf(data, 5, { metric }), referenceKnn(data, null, 5, SCALAR[metric]));
      expectSame(knn(data, far(10, 33, 4), 12, { metric }), referenceKnn(data, far(10, 33, 4), 12, SCALAR[metric]));
    }
  });

  it('spans several blocks of points and super-blocks of queries', () => {
    // 1300 points at depth 300: blocks of 108 points, several depth chunks (256 + 44).
    const s = rngState(5);
    const data: Matrix = { rows: 1300, cols: 300, data: new Float64Array(1300 * 300).map(() => Math.round(nextDouble(s) * 4)) };
    const queries: Matrix = { rows: 5, cols: 300, data: data.data.slice(0, 5 * 300) };
    for (const metric of METRICS) expectSame(knn(data, queries, 4, { metric }), referenceKnn(data, queries, 4, SCALAR[metric]));
    // Depth 2048: super-blocks of 256 query rows, so self-search spans two of them.
    const deep: Matrix = { rows: 300, cols: 2048, data: new Float64Array(300 * 2048).map(() => Math.round(nextDouble(s) * 2)) };
    expectSame(knnSelf(deep, 3, { metric: 'euclidean' }), referenceKnn(deep, null, 3, SCALAR.euclidean));
  });

  it('matches the difference-kernel brute force on Float32 data (read in place)', () => {
    const P = unit32(300, 48, 6);
    const Q = unit32(20, 48, 7);
    const P64 = Float64Array.from(P.data);
    const Q64 = Float64Array.from(Q.data);
    for (const metric of METRICS) {
      const D = new Float64Array(20 * 10);
      const I = new Int32Array(20 * 10);
      const sqP = metric === 'cosine' ? rowSqNorms(P64, 300, 48) : null;
      const sqQ = metric === 'cosine' ? rowSqNorms(Q64, 20, 48) : null;
      runSync(bruteKnn(metric, P64, 300, Q64, 20, 48, 10, sqP, sqQ, null, D, I), { fn: 'test' });
      expectSame(knn(P, Q, 10, { metric }), { indices: I, distances: D });
      expectSame(knnQuery(knnIndex(P, { metric }), Q, 10), { indices: I, distances: D });
    }
    expectSame(knnSelf(P, 6, { metric: 'cosine' }), referenceKnn({ rows: 300, cols: 48, data: P64 }, null, 6, SCALAR.cosine));
  });

  it('Float32 data in low dimension: the tree widens it, brute force reads it in place, same answer', () => {
    const P = unit32(520, 8, 8);
    const wide = { rows: 520, cols: 8, data: Float64Array.from(P.data) };
    for (const metric of ['euclidean', 'manhattan', 'chebyshev'] as const) {
      const want = referenceKnn(wide, null, 5, SCALAR[metric]);
      expectSame(knnSelf(P, 5, { metric }), want);
      expectSame(knnSelf(P, 5, { metric, method: 'brute' }), want);
      expectSame(knnQuerySelf(knnIndex(P, { metric, method: 'vptree' }), 5), want);
    }
  });

  it('keeps a Float32 index in Float32 and a custom metric on Float64 views', () => {
    const P = unit32(50, 40, 9);
    expect(knnIndex(P, { metric: 'cosine' }).points.data).toBeInstanceOf(Float32Array);
    expect(knnIndex(P, { metric: 'euclidean', method: 'vptree' }).points.data).toBeInstanceOf(Float64Array);
    let seen: unknown = null;
    const r = knn(P, P, 1, {
      metric: (a, b) => {
        seen = a;
        return Math.abs(a[0]! - b[0]!);
      },
    });
    expect(seen).toBeInstanceOf(Float64Array);
    expect(Array.from(r.distances)).toEqual(new Array<number>(50).fill(0));
  });

  it('reads Float32 data without a whole-matrix copy (allocations within 25 % of the data bytes)', async () => {
    const P = unit32(20000, 64, 10); // 5.1 MB of Float32 rows
    const Q = unit32(64, 64, 11);
    const budget = 0.25 * P.data.byteLength;
    for (const metric of METRICS) {
      const bytes = await allocatedBytes(() => knn(P, Q, 10, { metric }));
      expect(bytes).toBeLessThan(budget);
    }
    // The allocation count would see a Float64 copy (twice the data bytes) if one were made.
    const copying = await allocatedBytes(() => knn({ rows: 20000, cols: 64, data: Float64Array.from(P.data) }, Q, 10));
    expect(copying).toBeGreaterThan(2 * P.data.byteLength);
  });

  it('stops with E_ABORTED from onProgress and reports progress', () => {
    const P = unit32(2000, 64, 12);
    const ac = new AbortController();
    const seen: number[] = [];
    expect(
      latentErrorCode(() =>
        knnSelf(P, 5, {
          metric: 'cosine',
          signal: ac.signal,
          onProgress: (p) => {
            seen.push(p.completed);
            ac.abort();
          },
        }),
      ),
    ).toBe('E_ABORTED');
    expect(seen.length).toBe(1);
    const stages = new Set<string>();
    knnQuery(knnIndex(P, { metric: 'euclidean' }), unit32(10, 64, 13), 3, { onProgress: (p) => stages.add(p.stage) });
    expect([...stages]).toEqual(['search']);
  });
});
