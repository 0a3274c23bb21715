import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINKAGE_METHODS, cutTree, linkage, linkageFromDistances } from '../../../src/cluster/index.js';
import type { Matrix } from '../../../src/core/matrix.js';
import { METHOD_CODE } from '../../../src/cluster/hierarchy/linkage-methods.js';
import { nnChainLinkage, nnChainSquareLinkage } from '../../../src/cluster/hierarchy/linkage-nn-chain.js';
import { squareFromCondensed } from '../../../src/distance/square.js';
import type { Metric } from '../../../src/distance/metric.js';
import { pdist } from '../../../src/distance/pairwise.js';
import { canonical, mstWeights, randomPoints, squareDistances, type Method } from './linkage-reference.js';

const methods = LINKAGE_METHODS as readonly Method[];
const monotone: readonly Method[] = ['single', 'complete', 'average', 'weighted', 'ward'];

/** Tie-free data: n uniform random points in d dimensions from a seed. */
const tieFree = fc.record({
  n: fc.integer({ min: 2, max: 30 }),
  d: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
});

/** Small-integer data: many duplicates and tied distances. */
const tied = fc
  .integer({ min: 1, max: 20 })
  .chain((n) => fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 2 }), { minLength: n, maxLength: n }));

function heights(Z: Matrix): number[] {
  return Array.from({ length: Z.rows }, (_, i) => Z.data[i * 4 + 2]!);
}

describe('linkage (properties)', () => {
  it('every row joins two existing clusters once, a < b, and sizes add up (tied data too)', () => {
    fc.assert(
      fc.property(tied, fc.constantFrom(...methods), (X, method) => {
        const n = X.length;
        const Z = linkage(X, { method });
        expect(Z.rows).toBe(n - 1);
        const size = new Array<number>(2 * n - 1).fill(1);
        const used = new Set<number>();
        for (let i = 0; i < n - 1; i++) {
          const [a, b, h, s] = [Z.data[i * 4]!, Z.data[i * 4 + 1]!, Z.data[i * 4 + 2]!, Z.data[i * 4 + 3]!];
          expect(a).toBeLessThan(b);
          expect(b).toBeLessThan(n + i);
          expect(used.has(a) || used.has(b)).toBe(false);
          used.add(a).add(b);
          expect(Number.isFinite(h) && h >= 0).toBe(true);
          size[n + i] = size[a]! + size[b]!;
          expect(s).toBe(size[n + i]);
        }
        if (n > 1) expect(Z.data[(n - 2) * 4 + 3]).toBe(n);
      }),
    );
  });

  it('heights never decrease for the monotone methods (tied data too)', () => {
    fc.assert(
      fc.property(tied, fc.constantFrom(...monotone), (X, method) => {
        const h = heights(linkage(X, { method }));
        for (let i = 1; i < h.length; i++) expect(h[i]!).toBeGreaterThanOrEqual(h[i - 1]!);
      }),
    );
  });

  it('single linkage heights are exactly the minimum spanning tree’s edge weights', () => {
    fc.assert(
      fc.property(tied, (X) => {
        const m: Matrix = { rows: X.length, cols: 2, data: Float64Array.from(X.flat()) };
        expect(heights(linkage(m, { method: 'single' }))).toEqual(mstWeights(squareDistances(m)));
      }),
    );
    fc.assert(
      fc.property(tieFree, ({ n, d, seed }) => {
        const X = randomPoints(n, d, seed);
        expect(heights(linkage(X, { method: 'single' }))).toEqual(mstWeights(squareDistances(X)));
      }),
    );
  });

  it('cutTree at k gives exactly k clusters, for every k and every method', () => {
    fc.assert(
      fc.property(tied, fc.constantFrom(...methods), (X, method) => {
        const Z = linkage(X, { method });
        for (let k = 1; k <= X.length; k++) expect(new Set(cutTree(Z, { k })).size).toBe(k);
      }),
      { numRuns: 50 },
    );
  });

  it('cutting at increasing heights only merges clusters (each partition refines the next)', () => {
    fc.assert(
      fc.property(tieFree, fc.constantFrom(...methods), ({ n, d, seed }, method) => {
        const Z = linkage(randomPoints(n, d, seed), { method });
        const hs = [...new Set(heights(Z))].sort((a, b) => a - b);
        let prev = cutTree(Z, { height: 0 });
        for (const h of hs) {
          const cur = cutTree(Z, { height: h });
          // Same cluster before ⇒ same cluster after.
          const map = new Map<number, number>();
          for (let i = 0; i < n; i++) {
            if (map.has(prev[i]!)) expect(cur[i]).toBe(map.get(prev[i]!));
            else map.set(prev[i]!, cur[i]!);
          }
          prev = cur;
        }
        expect(new Set(prev).size).toBe(1);
      }),
      { numRuns: 60 },
    );
  });

  it('permuting the rows permutes the tree: same heights, same partitions at every k (tie-free)', () => {
    fc.assert(
      fc.property(tieFree, fc.constantFrom(...methods), fc.integer({ min: 0, max: 2 ** 30 }), ({ n, d, seed }, method, pseed) => {
        const X = randomPoints(n, d, seed);
        // A permutation from the seed (Fisher–Yates on a simple LCG).
        const perm = Array.from({ length: n }, (_, i) => i);
        let s = pseed;
        for (let i = n - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) % 2 ** 31;
          const j = s % (i + 1);
          [perm[i], perm[j]] = [perm[j]!, perm[i]!];
        }
        const P: Matrix = { rows: n, cols: d, data: new Float64Array(n * d) };
        for (let i = 0; i < n; i++) P.data.set(X.data.subarray(perm[i]! * d, perm[i]! * d + d), i * d);
        const Z1 = linkage(X, { method });
        const Z2 = linkage(P, { method });
        const h1 = heights(Z1).sort((a, b) => a - b);
        const h2 = heights(Z2).sort((a, b) => a - b);
        for (let i = 0; i < h1.length; i++) expect(Math.abs(h1[i]! - h2[i]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, h1[i]!));
        for (let k = 1; k <= n; k++) {
          const a = cutTree(Z1, { k });
          const b = cutTree(Z2, { k });
          const back = new Array<number>(n);
          for (let i = 0; i < n; i++) back[perm[i]!] = b[i]!;
          expect(canonical(back)).toEqual(canonical(a));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('linkageFromDistances(pdist(X)) equals linkage(X) bit for bit, without touching its input', () => {
    fc.assert(
      fc.property(tied, fc.constantFrom(...methods), (X, method) => {
        const D = pdist(X);
        const copy = D.slice();
        expect(linkageFromDistances(D, { method }).data).toEqual(linkage(X, { method }).data);
        expect(D).toEqual(copy);
      }),
    );
    // Every metric, including a custom function, on the graph methods.
    const custom = (a: Float64Array, b: Float64Array): number => Math.abs(a[0]! - b[0]!) + 2 * Math.abs(a[1]! - b[1]!);
    fc.assert(
      fc.property(
        tieFree,
        fc.constantFrom('single', 'complete', 'average', 'weighted') as fc.Arbitrary<Method>,
        fc.constantFrom<Metric[]>('euclidean', 'sqeuclidean', 'manhattan', 'chebyshev', 'cosine', custom),
        ({ n, seed }, method, metric) => {
          const X = randomPoints(n, 2, seed);
          expect(linkageFromDistances(pdist(X, metric), { method }).data).toEqual(linkage(X, { method, metric }).data);
        },
      ),
    );
  });
  it('the condensed and the square nearest-neighbour-chain layouts give bit-identical trees', () => {
    const run = (D: Float64Array, n: number, code: number): [Float64Array, Float64Array] => [
      nnChainLinkage(D.slice(), n, code),
      nnChainSquareLinkage(squareFromCondensed(D, n), n, code),
    ];
    fc.assert(
      fc.property(tied, fc.constantFrom('complete', 'average', 'weighted', 'ward') as fc.Arbitrary<Method>, (X, method) => {
        if (X.length < 2) return;
        const [a, b] = run(pdist(X), X.length, METHOD_CODE[method]);
        expect(a).toEqual(b);
      }),
    );
    fc.assert(
      fc.property(tieFree, fc.constantFrom('complete', 'average', 'weighted', 'ward') as fc.Arbitrary<Method>, ({ n, d, seed }, method) => {
        const [a, b] = run(pdist(randomPoints(n, d, seed)), n, METHOD_CODE[method]);
        expect(a).toEqual(b);
      }),
    );
  });
});
