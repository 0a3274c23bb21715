import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kmeans, kmeansPredict, miniBatchKmeans } from '../../../src/cluster/index.js';
import type { Matrix } from '../../../src/core/matrix.js';

/** Small data sets; integer coordinates make exact ties and duplicate rows common. */
const dataArb = fc
  .record({ n: fc.integer({ min: 1, max: 24 }), d: fc.integer({ min: 1, max: 4 }), ints: fc.boolean() })
  .chain(({ n, d, ints }) =>
    fc
      .array(ints ? fc.integer({ min: -3, max: 3 }) : fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }), {
        minLength: n * d,
        maxLength: n * d,
      })
      .map((v): Matrix => ({ rows: n, cols: d, data: Float64Array.from(v, (x) => x + 0) })),
  );

/**
 * Generic data: no duplicate rows and no two equal pairwise distances, so no exact ties can
 * make the result depend on the row order (tie-breaks go to the lowest index).
 */
const genericArb = fc
  .record({ n: fc.integer({ min: 1, max: 20 }), d: fc.integer({ min: 1, max: 3 }) })
  .chain(({ n, d }) =>
    fc
      .array(fc.noBias(fc.integer({ min: -1_000_000, max: 1_000_000 })), { minLength: n * d, maxLength: n * d })
      .map((v): Matrix => ({ rows: n, cols: d, data: Float64Array.from(v, (x) => x / 1e5) })),
  )
  .filter((X) => {
    const seen = new Set<number>();
    for (let i = 0; i < X.rows; i++) {
      for (let j = i + 1; j < X.rows; j++) {
        let s = 0;
        for (let t = 0; t < X.cols; t++) s += (X.data[i * X.cols + t]! - X.data[j * X.cols + t]!) ** 2;
        if (s === 0 || seen.has(s)) return false;
        seen.add(s);
      }
    }
    return true;
  })
  .chain((X) => fc.record({ X: fc.constant(X), k: fc.integer({ min: 1, max: X.rows }), seed: fc.nat(1000) }));

const caseArb = dataArb.chain((X) => fc.record({ X: fc.constant(X), k: fc.integer({ min: 1, max: X.rows }), seed: fc.nat(1000) }));

function sse(X: Matrix, labels: Int32Array, C: Float64Array): number {
  let s = 0;
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < X.cols; j++) s += (X.data[i * X.cols + j]! - C[labels[i]! * X.cols + j]!) ** 2;
  return s;
}

describe('kmeans properties', () => {
  it('labels in [0, k), finite centroids, inertia = independently recomputed SSE, input untouched', () => {
    fc.assert(
      fc.property(caseArb, ({ X, k, seed }) => {
        const before = X.data.slice();
        const m = kmeans(X, { k, seed, nInit: 2 });
        expect(X.data).toEqual(before);
        expect(m.labels.length).toBe(X.rows);
        for (const l of m.labels) expect(l >= 0 && l < k).toBe(true);
        expect(m.centroids.rows).toBe(k);
        for (const v of m.centroids.data) expect(Number.isFinite(v)).toBe(true);
        const ref = sse(X, m.labels, m.centroids.data);
        expect(Math.abs(m.inertia - ref)).toBeLessThanOrEqual(1e-9 * Math.max(1, ref));
      }),
    );
  });

  it('Elkan and Hamerly give exactly Lloyd’s labels, centroids, inertia and iterations', () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom('k-means++', 'random'), fc.constantFrom(0, 1e-4), ({ X, k, seed }, init, tol) => {
        const opts = { k, seed, init, tol, nInit: 1 } as const;
        const lloyd = kmeans(X, { ...opts, algorithm: 'lloyd' });
        expect(kmeans(X, { ...opts, algorithm: 'elkan' })).toEqual(lloyd);
        expect(kmeans(X, { ...opts, algorithm: 'hamerly' })).toEqual(lloyd);
      }),
    );
  });

  it('never increases the inertia from one iteration to the next (fixed explicit init)', () => {
    fc.assert(
      fc.property(caseArb, ({ X, k }) => {
        const init = { rows: k, cols: X.cols, data: X.data.slice(0, k * X.cols) };
        let previous = Infinity;
        for (let t = 1; t <= 8; t++) {
          const m = kmeans(X, { k, init, tol: 0, maxIter: t, algorithm: 'lloyd' });
          expect(m.inertia).toBeLessThanOrEqual(previous * (1 + 1e-12) + 1e-12);
          previous = m.inertia;
        }
      }),
      { numRuns: 50 },
    );
  });

  it('is invariant to a permutation of the rows for a fixed explicit init (up to rounding)', () => {
    fc.assert(
      fc.property(
        genericArb.chain((c) => fc.record({ c: fc.constant(c), perm: fc.shuffledSubarray([...Array(c.X.rows).keys()], { minLength: c.X.rows, maxLength: c.X.rows }) })),
        ({ c: { X, k }, perm }) => {
          const init = { rows: k, cols: X.cols, data: X.data.slice(0, k * X.cols) };
          const d = X.cols;
          const P: Matrix = { rows: X.rows, cols: d, data: new Float64Array(X.data.length) };
          perm.forEach((src, dst) => P.data.set(X.data.subarray(src * d, src * d + d), dst * d));
          const a = kmeans(X, { k, init, tol: 0 });
          const b = kmeans(P, { k, init, tol: 0 });
          // Centres are compared directly (same init order = same cluster numbering).
          for (let i = 0; i < a.centroids.data.length; i++) expect(Math.abs(a.centroids.data[i]! - b.centroids.data[i]!)).toBeLessThan(1e-9);
          expect(Math.abs(a.inertia - b.inertia)).toBeLessThanOrEqual(1e-9 * Math.max(1, a.inertia));
          // Same partition: rows with equal labels in one run have equal labels in the other.
          perm.forEach((src, dst) => expect(b.labels[dst]).toBe(a.labels[src]));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('kmeansPredict on the training rows returns the model labels (converged runs)', () => {
    fc.assert(
      fc.property(caseArb, ({ X, k, seed }) => {
        const m = kmeans(X, { k, seed, nInit: 1 });
        if (m.converged) expect(Array.from(kmeansPredict(m, X))).toEqual(Array.from(m.labels));
      }),
    );
  });

  it('mini-batch: labels in [0, k), inertia recomputes, labels are nearest centres', () => {
    fc.assert(
      fc.property(caseArb, ({ X, k, seed }) => {
        const m = miniBatchKmeans(X, { k, seed, batchSize: 8, maxIter: 5 });
        for (const l of m.labels) expect(l >= 0 && l < k).toBe(true);
        const ref = sse(X, m.labels, m.centroids.data);
        expect(Math.abs(m.inertia - ref)).toBeLessThanOrEqual(1e-9 * Math.max(1, ref));
        expect(Array.from(kmeansPredict(m, X))).toEqual(Array.from(m.labels));
      }),
      { numRuns: 50 },
    );
  });
});
