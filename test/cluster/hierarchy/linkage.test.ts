import { describe, expect, it } from 'vitest';
import { LINKAGE_MAX_POINTS, LINKAGE_METHODS, agglomerative, linkage, linkageFromDistances } from '../../../src/cluster/index.js';
import type { Matrix } from '../../../src/core/matrix.js';
import { genericLinkage } from '../../../src/cluster/hierarchy/linkage-generic.js';
import { mstSingleLinkage } from '../../../src/cluster/hierarchy/linkage-mst.js';
import { nnChainLinkage, nnChainSquareLinkage } from '../../../src/cluster/hierarchy/linkage-nn-chain.js';
import { pdist } from '../../../src/distance/pairwise.js';
import { squareFromCondensed } from '../../../src/distance/square.js';
import { loadCsv, loadGolden, zscore } from '../../helpers/data.js';
import { naiveLinkage, randomPoints, squareDistances, type Method } from './linkage-reference.js';
import { expectLatentError, latentErrorCode } from '../../helpers/latent-error.js';

interface GoldenMethod {
  Z: number[][];
  cut3: number[];
  cophenetCorrelation: number;
  leaves: number[];
}
const golden = loadGolden<Record<Method, GoldenMethod>>('linkage_wine_std');
const wine = zscore(loadCsv('wine').data);
const methods = LINKAGE_METHODS as readonly Method[];

/** Z rows equal: ids and sizes exactly, heights to 1e-12 relative. */
function expectSameZ(Z: Matrix, rows: number[][], tol = 1e-12): void {
  expect(Z.rows).toBe(rows.length);
  expect(Z.cols).toBe(4);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    expect([Z.data[i * 4], Z.data[i * 4 + 1], Z.data[i * 4 + 3]]).toEqual([r[0], r[1], r[3]]);
    expect(Math.abs(Z.data[i * 4 + 2]! - r[2]!)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(r[2]!)));
  }
}

describe('linkage golden (scipy 1.10.1, standardized wine 178×13)', () => {
  it.each(methods)('%s: Z equals scipy row by row (ids, sizes exact; heights to 1e-12)', (method) => {
    expectSameZ(linkage(wine, { method }), golden[method].Z);
  });

  it.each(methods)('%s: linkageFromDistances(pdist(X)) gives the same Z', (method) => {
    const D = pdist(wine);
    const copy = D.slice();
    expectSameZ(linkageFromDistances(D, { method }), golden[method].Z);
    expect(D).toEqual(copy); // input not modified
  });

  it('iris single linkage (with tied distances) has scipy’s multiset of heights', () => {
    const ref = loadGolden<{ heights: number[] }>('linkage_iris_single_heights').heights;
    const Z = linkage(loadCsv('iris').data, { method: 'single' });
    const h = Array.from({ length: Z.rows }, (_, i) => Z.data[i * 4 + 2]!).sort((a, b) => a - b);
    expect(h.length).toBe(ref.length);
    for (let i = 0; i < h.length; i++) expect(Math.abs(h[i]! - ref[i]!)).toBeLessThanOrEqual(1e-12);
  });

  it('accepts number[][] and number[] inputs', () => {
    const rows = Array.from({ length: 20 }, (_, i) => Array.from(wine.data.subarray(i * 13, i * 13 + 13)));
    const a = linkage(rows, { method: 'average' });
    const b = linkageFromDistances(Array.from(pdist(rows)), { method: 'average' });
    const c = linkageFromDistances(Array.from(pdist(rows)), { method: 'single' });
    expect(a.data).toEqual(b.data);
    expect(c.data).toEqual(linkage(rows).data); // default method is single
  });
});

describe('linkage against the textbook O(n³) algorithm (tie-free random data)', () => {
  const X = randomPoints(40, 3, 7);
  const dist = squareDistances(X);
  it.each(methods)('%s: same merges and heights (1e-9)', (method) => {
    const Z = linkage(X, { method });
    let ref = naiveLinkage(dist, method);
    // The naive algorithm merges in global order; NN-chain rows come sorted (the same order
    // for monotone methods, where ids coincide); centroid/median keep merge order.
    if (method !== 'centroid' && method !== 'median') ref = ref.slice().sort((a, b) => a[2]! - b[2]!);
    expectSameZ(Z, ref, 1e-9);
  });
});

describe('linkage edge cases', () => {
  it('n = 1 gives an empty 0×4 tree; n = 2 one merge', () => {
    for (const method of methods) {
      expect(linkage([[1, 2]], { method })).toEqual({ rows: 0, cols: 4, data: new Float64Array(0) });
      expect(linkageFromDistances([], { method }).rows).toBe(0);
      expect(Array.from(linkage([[0, 0], [3, 4]], { method }).data)).toEqual([0, 1, 5, 2]);
    }
  });

  it('duplicate points merge at height 0 and every method stays finite', () => {
    const X = [[1, 1], [1, 1], [1, 1], [5, 5], [5, 5]];
    for (const method of methods) {
      const Z = linkage(X, { method });
      expect(Z.rows).toBe(4);
      for (let i = 0; i < 4; i++) expect(Number.isFinite(Z.data[i * 4 + 2])).toBe(true);
      expect(Z.data[2]).toBe(0);
      expect(Z.data[4 * 3 + 3]).toBe(5);
    }
  });

  it('constant data (all distances 0) works', () => {
    for (const method of methods) {
      const Z = linkage([[2], [2], [2], [2]], { method });
      expect(Array.from({ length: 3 }, (_, i) => Z.data[i * 4 + 2])).toEqual([0, 0, 0]);
    }
  });

  it('custom metric functions and non-euclidean names work for the graph methods', () => {
    const X = randomPoints(15, 2, 3);
    const manhattan = (a: Float64Array, b: Float64Array): number => Math.abs(a[0]! - b[0]!) + Math.abs(a[1]! - b[1]!);
    expect(linkage(X, { method: 'average', metric: manhattan }).data).toEqual(linkage(X, { method: 'average', metric: 'manhattan' }).data);
    expect(linkage(X, { method: 'complete', metric: 'cosine' }).rows).toBe(14);
  });

  it('does not modify X', () => {
    const X = randomPoints(10, 2, 1);
    const copy = X.data.slice();
    linkage(X, { method: 'ward' });
    expect(X.data).toEqual(copy);
  });

  it('an explicit undefined option keeps the default', () => {
    const X = randomPoints(8, 2, 2);
    expect(linkage(X, { method: undefined, metric: undefined }).data).toEqual(linkage(X, { method: 'single' }).data);
  });
});

describe('linkage errors', () => {
  it('unknown method → E_OPTION', () => {
    expect(latentErrorCode(() => linkage([[0], [1]], { method: 'upgma' as Method }))).toBe('E_OPTION');
    expect(latentErrorCode(() => linkageFromDistances([1], { method: 'ward2' as Method }))).toBe('E_OPTION');
  });

  it('ward / centroid / median with a non-euclidean metric → E_OPTION naming the method', () => {
    for (const method of ['ward', 'centroid', 'median'] as const) {
      for (const metric of ['manhattan', 'sqeuclidean', 'cosine', (a: Float64Array, b: Float64Array) => Math.abs(a[0]! - b[0]!)] as const) {
        expect(latentErrorCode(() => linkage([[0], [1]], { method, metric }))).toBe('E_OPTION');
      }
    }
    expect(() => linkage([[0], [1]], { method: 'ward', metric: 'manhattan' })).toThrow(/metric must be 'euclidean' with method 'ward'/);
  });

  it('unknown metric → E_OPTION', () => {
    expect(latentErrorCode(() => linkage([[0], [1]], { metric: 'minkowski' as 'euclidean' }))).toBe('E_OPTION');
  });

  it('condensed array of an impossible length → E_SHAPE', () => {
    expect(latentErrorCode(() => linkageFromDistances([1, 2]))).toBe('E_SHAPE');
    expect(() => linkageFromDistances(new Float64Array(4))).toThrow(/n\(n-1\)\/2/);
  });

  it('NaN / Infinity / negative / non-number distances → E_NOT_FINITE / E_RANGE / E_TYPE', () => {
    expect(latentErrorCode(() => linkageFromDistances([1, NaN, 2]))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => linkageFromDistances([1, Infinity, 2], { method: 'average' }))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => linkageFromDistances([1, -1, 2]))).toBe('E_RANGE');
    expect(latentErrorCode(() => linkageFromDistances([1, '2', 2] as unknown as number[]))).toBe('E_TYPE');
    expect(latentErrorCode(() => linkageFromDistances(null as unknown as number[]))).toBe('E_TYPE');
  });

  it('NaN in X → E_NOT_FINITE; empty or ragged X → E_SHAPE', () => {
    expect(latentErrorCode(() => linkage([[0, 1], [NaN, 2]]))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => linkage([]))).toBe('E_SHAPE');
    expect(latentErrorCode(() => linkage([[0, 1], [2]]))).toBe('E_SHAPE');
  });

  it('more points than a condensed array can hold → E_MEMORY before allocating', () => {
    const n = LINKAGE_MAX_POINTS + 1;
    const X: Matrix = { rows: n, cols: 0, data: new Float64Array(0) };
    expect(latentErrorCode(() => linkage(X))).toBe('E_MEMORY');
    // A fake array-like of the right length: rejected on size before any value is read.
    const fake = { length: (n * (n - 1)) / 2 } as ArrayLike<number>;
    expect(latentErrorCode(() => linkageFromDistances(fake, { method: 'average' }))).toBe('E_MEMORY');
  });
  it('the internal chain guard throws E_CONVERGENCE instead of looping on NaN distances', () => {
    // Public entry points reject NaN first; the kernels still refuse to spin.
    expect(latentErrorCode(() => nnChainLinkage(new Float64Array([NaN, NaN, NaN]), 3, 2))).toBe('E_CONVERGENCE');
    expect(latentErrorCode(() => nnChainSquareLinkage(new Float64Array(9).fill(NaN), 3, 2))).toBe('E_CONVERGENCE');
    expect(latentErrorCode(() => mstSingleLinkage(new Float64Array([NaN, NaN, NaN]), 3))).toBe('E_CONVERGENCE');
    expect(latentErrorCode(() => genericLinkage(new Float64Array([NaN, NaN, NaN]), 3, 5))).toBe('E_CONVERGENCE');
  });
});

describe('linkage: observable, abortable, within a memory budget', () => {
  const X = Array.from({ length: 600 }, (_, i) => [Math.sin(i) * 10, Math.cos(i * 1.3) * 10, i % 7]);

  it('reports progress through the distances and the merges, and stops at the next checkpoint', () => {
    for (const method of ['single', 'average', 'centroid'] as const) {
      const stages = new Set<string>();
      const Z = linkage(X, { method, onProgress: (p) => stages.add(p.stage) });
      expect(Z.rows).toBe(599);
      expect([...stages].sort()).toEqual(['distances', 'merge']);
      const ac = new AbortController();
      let calls = 0;
      expectLatentError(() => linkage(X, { method, signal: ac.signal, onProgress: () => ++calls === 2 && ac.abort() }), 'E_ABORTED', 'linkage: aborted');
    }
  });

  it('the same tree with or without observers (bit for bit)', () => {
    const a = linkage(X, { method: 'ward' });
    const b = linkage(X, { method: 'ward', signal: new AbortController().signal, onProgress: () => undefined });
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
  });

  it('checks the planned distances against memoryLimit, and agglomerative names itself', () => {
    expectLatentError(() => linkage(X, { memoryLimit: 1e5 }), 'E_MEMORY', 'linkage: the distances of 600 points would take 1.4 MiB, above memoryLimit');
    expectLatentError(() => agglomerative(X, { k: 2, memoryLimit: 1e5 }), 'E_MEMORY', 'agglomerative: the distances of 600 points');
    expectLatentError(() => agglomerative(X, { k: 2, metrc: 'cosine' } as never), 'E_OPTION', "agglomerative: unknown option 'metrc' (did you mean 'metric'?)");
    expectLatentError(() => linkageFromDistances([1, 2, 3], { memoryLimit: 8 }), 'E_MEMORY', 'linkageFromDistances: the working copy');
  });
});

describe('linkageFromDistances: distances near Number.MAX_VALUE', () => {
  it('average and weighted merge as on the same distances scaled down by 2^8 (their sums would overflow)', () => {
    // Five points; two distances at MAX_VALUE make the size-weighted sums of the updates overflow.
    const D = [6.87, 1.4, Number.MAX_VALUE, 0.18, 5.55, 14.3, 4.2, 13.35, 1.11, Number.MAX_VALUE];
    const small = D.map((v) => v / 256); // exact: a power of two
    for (const method of ['chain', 'square'] as const) {
      for (const code of [2, 3]) {
        const big = method === 'chain' ? nnChainLinkage(Float64Array.from(D), 5, code) : nnChainSquareLinkage(squareFromCondensed(D, 5), 5, code);
        const ref = method === 'chain' ? nnChainLinkage(Float64Array.from(small), 5, code) : nnChainSquareLinkage(squareFromCondensed(small, 5), 5, code);
        for (let r = 0; r < 4; r++) {
          expect([big[4 * r], big[4 * r + 1], big[4 * r + 3]]).toEqual([ref[4 * r], ref[4 * r + 1], ref[4 * r + 3]]);
          const h = big[4 * r + 2]!;
          expect(Number.isFinite(h)).toBe(true);
          expect(Math.abs(h / (ref[4 * r + 2]! * 256) - 1)).toBeLessThan(1e-15);
        }
      }
    }
    for (const method of ['average', 'weighted'] as const) {
      expect(Array.from(linkageFromDistances(D, { method }).data).every(Number.isFinite)).toBe(true);
    }
  });
});

describe('linkageFromDistances: squared updates', () => {
  it('refuses distances beyond 2^500 for ward, centroid and median (their updates square them) and accepts them for the others', () => {
    const D = [1e301, 2e301, 3e301];
    for (const method of ['ward', 'centroid', 'median'] as const) {
      expectLatentError(() => linkageFromDistances(D, { method }), 'E_RANGE', 'linkageFromDistances: condensed distances must lie within 2^500', 'rescale');
    }
    for (const method of ['single', 'complete', 'average', 'weighted'] as const) {
      const Z = linkageFromDistances(D, { method });
      expect(Array.from(Z.data).every(Number.isFinite)).toBe(true);
    }
    // at the bound the squared updates stay finite
    const Z = linkageFromDistances([2 ** 500, 2 ** 499, 2 ** 498], { method: 'ward' });
    expect(Array.from(Z.data).every(Number.isFinite)).toBe(true);
  });
});
