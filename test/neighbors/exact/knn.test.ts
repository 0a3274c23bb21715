import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from '../../../src/core/serialize.js';
import { nextDouble, randomNormal, rngState } from '../../../src/core/random.js';
import type { Matrix } from '../../../src/core/matrix.js';
import { knn, knnIndex, knnQuery, knnQuerySelf, knnSelf, type KnnIndex } from '../../../src/neighbors/index.js';
import { VPTREE_MAX_DIMS, VPTREE_MIN_POINTS } from '../../../src/internals.js';
import { loadCsv } from '../../helpers/data.js';
import { SCALAR, referenceKnn } from '../reference.js';
import { latentErrorCode } from '../../helpers/latent-error.js';
import { uniformMatrix } from '../../helpers/random-data.js';

/** Points near a 2-d plane embedded in d dimensions (low intrinsic dimension: the tree's case). */
function plane(n: number, d: number, seed: number): Matrix {
  const s = rngState(seed);
  const r = (): number => nextDouble(s);
  const basis = new Float64Array(2 * d).map(() => r() - 0.5);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const u = r() * 10;
    const v = r() * 10;
    for (let j = 0; j < d; j++) data[i * d + j] = u * basis[j]! + v * basis[d + j]! + 0.01 * randomNormal(r);
  }
  return { rows: n, cols: d, data };
}

function rows(m: Matrix, from: number, to: number): Matrix {
  return { rows: to - from, cols: m.cols, data: m.data.slice(from * m.cols, to * m.cols) };
}

describe('knn examples', () => {
  it('documented examples print what the docs say', () => {
    const index = knnIndex([[0, 0], [1, 0], [5, 5]]);
    expect(index.method).toBe('brute');
    expect(Array.from(knnQuery(index, [[0.9, 0.1]], 2).indices)).toEqual([1, 0]);
    const r = knnQuery(index, [[4, 4], [0, 0.2]], 2);
    expect(Array.from(r.indices)).toEqual([2, 1, 0, 1]);
    expect(Array.from(r.distances)).toEqual([Math.SQRT2, 5, 0.2, Math.hypot(1, 0.2)]);
    expect(Array.from(knnQuerySelf(index, 1).indices)).toEqual([1, 0, 1]);
    const books = knn([[5, 1, 0], [4, 2, 0], [0, 1, 5], [1, 0, 4]], [[5, 1, 1]], 2, { metric: 'cosine' });
    expect(Array.from(books.indices)).toEqual([0, 1]);
    expect(books.distances[0]).toBeCloseTo(1 - 26 / Math.sqrt(26 * 27), 15);
    const self = knnSelf([[0, 0], [1, 0], [5, 5], [0, 0]], 1);
    expect(Array.from(self.indices)).toEqual([3, 0, 1, 0]);
    expect(Array.from(self.distances)).toEqual([0, 1, Math.hypot(4, 5), 0]);
  });
});

describe('knn degenerate but legal input', () => {
  it('n = 1, k = n, no queries, all duplicates, zero columns', () => {
    expect(Array.from(knn([[3, 4]], [[0, 0]], 1).distances)).toEqual([5]);
    const all = knn([[1], [0], [2]], [[0]], 3);
    expect(Array.from(all.indices)).toEqual([1, 0, 2]);
    const none = knn([[1, 2]], { rows: 0, cols: 2, data: new Float64Array(0) }, 1);
    expect(none.indices.length).toBe(0);
    expect(none.rows).toBe(0);
    const dup = knnSelf([[7, 7], [7, 7], [7, 7], [7, 7]], 3, { method: 'vptree', leafSize: 1 });
    expect(Array.from(dup.indices)).toEqual([1, 2, 3, 0, 2, 3, 0, 1, 3, 0, 1, 2]);
    expect(Array.from(dup.distances)).toEqual(new Array<number>(12).fill(0));
    const empty = knn({ rows: 3, cols: 0, data: new Float64Array(0) }, { rows: 1, cols: 0, data: new Float64Array(0) }, 2);
    expect(Array.from(empty.indices)).toEqual([0, 1]);
  });

  it('cosine: zero vectors are at distance 1 from everything, themselves included', () => {
    const r = knnSelf([[0, 0], [1, 1], [0, 0], [2, 2]], 3, { metric: 'cosine' });
    expect(Array.from(r.indices.subarray(0, 3))).toEqual([1, 2, 3]);
    expect(Array.from(r.distances.subarray(0, 3))).toEqual([1, 1, 1]);
    expect(Array.from(r.indices.subarray(3, 6))).toEqual([3, 0, 2]);
    expect(r.distances[3]).toBe(0);
  });
});

describe('knn at scale: tree, adaptive fallback, exactness', () => {
  const low = plane(3000, 8, 1);
  const lowData = rows(low, 0, 2500);
  const lowQueries = rows(low, 2500, 2650);

  it.each(['euclidean', 'sqeuclidean', 'manhattan', 'chebyshev'] as const)('low intrinsic dimension, %s: auto uses the tree and matches brute force', (metric) => {
    const got = knn(lowData, lowQueries, 7, { metric });
    expect(got.method).toBe('vptree');
    const want = referenceKnn(lowData, lowQueries, 7, SCALAR[metric]);
    expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
    expect(Array.from(got.distances)).toEqual(Array.from(want.distances));
  });

  it('self search through the tree matches brute force', () => {
    const got = knnSelf(lowData, 5);
    expect(got.method).toBe('vptree');
    const brute = knnSelf(lowData, 5, { method: 'brute' });
    expect(brute.method).toBe('brute');
    expect(Array.from(got.indices)).toEqual(Array.from(brute.indices));
    expect(Array.from(got.distances)).toEqual(Array.from(brute.distances));
  });

  it('matches brute force when distances are so small that their squares underflow (subnormal)', () => {
    // Found by fast-check (FC_SEED=33): with sqeuclidean, row 37 (4.9e-178) is at squared
    // distance 0 from every zero row, but the tree pruned on √0 and missed the tie with row 1.
    const data = Float64Array.from([0,0,0,0,7.105427357601003e-15,0,0,0,7.202561545265052e-162,-1.2392294127517818e-119,-99.99999999999989,0,0,0,1.5717277847026288e-162,0,0,0,0,0,0,0,49.99999999999994,0,0,0,-1.5763290785048e-44,0,0,0,1.5717277847026288e-162,7.105427357601003e-15,0,1.5717277847026288e-162,0,0,0,4.935515883730708e-178,0,-1.5717277847026288e-162,0,0,0,-5.271098971615262e-82,-6.19614706375891e-120,-1.2392294127517824e-119,2.2323972485981933e-103,0,0]);
    const X = { rows: data.length, cols: 1, data };
    for (const metric of ['sqeuclidean', 'euclidean', 'manhattan', 'chebyshev'] as const) {
      for (const leafSize of [1, 5]) {
        const tree = knnSelf(X, 2, { metric, method: 'vptree', leafSize });
        const brute = knnSelf(X, 2, { metric, method: 'brute' });
        expect(Array.from(tree.indices)).toEqual(Array.from(brute.indices));
        expect(Array.from(tree.distances)).toEqual(Array.from(brute.distances));
      }
    }
  });

  it('uniform noise in 16 dimensions: the automatic tree notices and falls back to brute force', () => {
    const noise = uniformMatrix(2600, 16, 2);
    const data = rows(noise, 0, 2400);
    const queries = rows(noise, 2400, 2600);
    const index = knnIndex(data);
    expect(index.method).toBe('vptree');
    expect(index.adaptive).toBe(true);
    const got = knnQuery(index, queries, 5);
    expect(got.method).toBe('brute');
    const forced = knnQuery(knnIndex(data, { method: 'vptree' }), queries, 5);
    expect(forced.method).toBe('vptree');
    expect(Array.from(got.indices)).toEqual(Array.from(forced.indices));
    expect(Array.from(got.distances)).toEqual(Array.from(forced.distances));
    const self = knnQuerySelf(index, 3);
    expect(self.method).toBe('brute');
    expect(Array.from(self.indices)).toEqual(Array.from(knnSelf(data, 3, { method: 'vptree' }).indices));
  });

  it('auto picks brute force for few queries, cosine, custom functions, high dimension and small n', () => {
    expect(knn(lowData, rows(lowQueries, 0, 3), 2).method).toBe('brute');
    expect(knn(lowData, lowQueries, 2, { metric: 'cosine' }).method).toBe('brute');
    expect(knnIndex(lowData, { metric: (a, b) => Math.abs(a[0]! - b[0]!) }).method).toBe('brute');
    expect(knnIndex(uniformMatrix(VPTREE_MIN_POINTS, VPTREE_MAX_DIMS + 1, 3)).method).toBe('brute');
    expect(knnIndex(uniformMatrix(VPTREE_MIN_POINTS - 1, 2, 3)).method).toBe('brute');
    expect(knnIndex(uniformMatrix(VPTREE_MIN_POINTS, 2, 3)).method).toBe('vptree');
  });

  it('digits, k = 91 (the t-SNE neighbour graph) equals the reference', () => {
    const digits = loadCsv('digits').data;
    const got = knnSelf(digits, 91);
    const sub = rows(digits, 0, 40);
    // Reference for the first 40 rows (each against all 1797).
    for (let i = 0; i < 40; i++) {
      const q = { rows: 1, cols: 64, data: sub.data.slice(i * 64, (i + 1) * 64) };
      const all = referenceKnn(digits, q, 92, SCALAR.euclidean);
      const want = Array.from(all.indices).filter((j) => j !== i).slice(0, 91);
      expect(Array.from(got.indices.subarray(i * 91, (i + 1) * 91))).toEqual(want);
    }
  });
});

describe('knn index', () => {
  const data = plane(700, 3, 4);
  const queries = uniformMatrix(20, 3, 5);

  it('round-trips through serialize / deserialize and structuredClone with identical answers', () => {
    for (const method of ['brute', 'vptree'] as const) {
      for (const metric of ['euclidean', 'cosine'] as const) {
        if (metric === 'cosine' && method === 'vptree') continue;
        const index = knnIndex(data, { method, metric });
        const back = deserialize<KnnIndex>(serialize(index), { kind: 'knn-index' });
        const cloned = structuredClone(index);
        const want = knnQuery(index, queries, 4);
        for (const other of [back, cloned]) {
          expect(other).toEqual(index);
          const got = knnQuery(other, queries, 4);
          expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
          expect(Array.from(got.distances)).toEqual(Array.from(want.distances));
        }
      }
    }
  });

  it('keeps its own copy of the points', () => {
    const copy = { rows: data.rows, cols: data.cols, data: data.data.slice() };
    const index = knnIndex(copy, { method: 'brute' });
    const before = knnQuery(index, queries, 3);
    copy.data.fill(0);
    expect(Array.from(knnQuery(index, queries, 3).indices)).toEqual(Array.from(before.indices));
  });

  it('the seed changes the tree, never the answer', () => {
    const a = knnIndex(data, { method: 'vptree', seed: 1 });
    const b = knnIndex(data, { method: 'vptree', seed: 2 });
    expect(Array.from(a.order)).not.toEqual(Array.from(b.order));
    expect(Array.from(knnQuery(a, queries, 5).indices)).toEqual(Array.from(knnQuery(b, queries, 5).indices));
  });
});

describe('knn errors', () => {
  const X = [[0, 0], [1, 1], [2, 2]];
  it('validates data, queries and k', () => {
    expect(latentErrorCode(() => knn(5 as never, X, 1))).toBe('E_TYPE');
    expect(latentErrorCode(() => knn([], [[0]], 1))).toBe('E_SHAPE');
    expect(latentErrorCode(() => knn(X, [[0, 0, 0]], 1))).toBe('E_SHAPE');
    expect(latentErrorCode(() => knn([[0, NaN]], [[0, 0]], 1))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => knn(X, [[0, Infinity]], 1))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => knn(X, X, 0))).toBe('E_RANGE');
    expect(latentErrorCode(() => knn(X, X, 4))).toBe('E_RANGE');
    expect(latentErrorCode(() => knn(X, X, 1.5))).toBe('E_RANGE');
    expect(latentErrorCode(() => knn(X, X, '2' as never))).toBe('E_TYPE');
    expect(latentErrorCode(() => knnSelf([[1, 2]], 1))).toBe('E_SHAPE');
    expect(latentErrorCode(() => knnSelf(X, 3))).toBe('E_RANGE');
    expect(latentErrorCode(() => knnSelf(X, 0))).toBe('E_RANGE');
    expect(latentErrorCode(() => knnIndex([]))).toBe('E_SHAPE');
    expect(latentErrorCode(() => knn([[1e200, 0]], [[1, 0]], 1, { metric: 'cosine' }))).toBe('E_RANGE');
    expect(latentErrorCode(() => knn([[1, 0]], [[1e200, 0]], 1, { metric: 'cosine' }))).toBe('E_RANGE');
    expect(latentErrorCode(() => knnSelf([[1e200, 0], [1, 1]], 1, { metric: 'cosine' }))).toBe('E_RANGE');
    expect(latentErrorCode(() => knn({ rows: 2, cols: 0, data: new Float64Array(0) }, { rows: 2 ** 30, cols: 0, data: new Float64Array(0) }, 2))).toBe('E_MEMORY');
  });

  it('validates options', () => {
    expect(latentErrorCode(() => knn(X, X, 1, 'cosine' as never))).toBe('E_TYPE');
    expect(latentErrorCode(() => knn(X, X, 1, { metric: 'hamming' as never }))).toBe('E_OPTION');
    expect(latentErrorCode(() => knn(X, X, 1, { method: 'kdtree' as never }))).toBe('E_OPTION');
    expect(latentErrorCode(() => knn(X, X, 1, { method: 'vptree', metric: 'cosine' }))).toBe('E_OPTION');
    expect(latentErrorCode(() => knnIndex(X, { method: 'vptree', metric: 'cosine' }))).toBe('E_OPTION');
    expect(latentErrorCode(() => knnSelf(X, 1, { leafSize: 0 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => knnSelf(X, 1, { seed: -1 }))).toBe('E_RANGE');
    // An explicit undefined keeps the default.
    expect(knn(X, X, 1, { metric: undefined, method: undefined, leafSize: undefined, seed: undefined }).method).toBe('brute');
  });

  it('rejects a custom metric that returns a negative, NaN, infinite or non-number value', () => {
    for (const method of ['brute', 'vptree'] as const) {
      expect(latentErrorCode(() => knn(X, X, 1, { method, metric: () => -1 }))).toBe('E_RANGE');
      expect(latentErrorCode(() => knn(X, X, 1, { method, metric: () => NaN }))).toBe('E_NOT_FINITE');
      expect(latentErrorCode(() => knnSelf(X, 1, { method, metric: () => Infinity }))).toBe('E_NOT_FINITE');
      expect(latentErrorCode(() => knnSelf(X, 1, { method, metric: () => '1' as never }))).toBe('E_RANGE');
    }
  });

  it('validates the index given to knnQuery / knnQuerySelf', () => {
    const tree = knnIndex(plane(40, 2, 6), { method: 'vptree', leafSize: 2 });
    const brute = knnIndex(X, { metric: 'cosine' });
    const corrupt = (base: KnnIndex, patch: Record<string, unknown>): KnnIndex => ({ ...base, ...patch });
    expect(latentErrorCode(() => knnQuery(null as never, X, 1))).toBe('E_MODEL');
    expect(latentErrorCode(() => knnQuery({ kind: 'pca', version: 1 } as never, X, 1))).toBe('E_MODEL');
    expect(latentErrorCode(() => knnQuery(corrupt(tree, { version: 2 }), X, 1))).toBe('E_MODEL');
    expect(latentErrorCode(() => knnQuery(corrupt(tree, { method: 'kdtree' }), X, 1))).toBe('E_MODEL');
    expect(latentErrorCode(() => knnQuery(corrupt(tree, { adaptive: 1 }), X, 1))).toBe('E_MODEL');
    expect(latentErrorCode(() => knnQuery(corrupt(tree, { metric: undefined }), X, 1))).toBe('E_MODEL');
    expect(latentErrorCode(() => knnQuery(corrupt(tree, { metric: 'hamming' }), X, 1))).toBe('E_MODEL');
    expect(latentErrorCode(() => knnQuery(corrupt(tree, { points: [[0, 0]] }), X, 1))).toBe('E_MODEL');
    expect(latentErrorCode(() => knnQuery(corrupt(tree, { order: new Int32Array(3) }), X, 1))).toBe('E_MODEL');
    expect(latentErrorCode(() => knnQuery(corrupt(tree, { leafSize: 0 }), X, 1))).toBe('E_MODEL');
    expect(latentErrorCode(() => knnQuery(corrupt(tree, { split: new Int32Array(1) }), X, 1))).toBe('E_MODEL');
    expect(latentErrorCode(() => knnQuery(corrupt(tree, { bounds: new Float64Array(1) }), X, 1))).toBe('E_MODEL');
    expect(latentErrorCode(() => knnQuery(corrupt(tree, { depth: 65 }), X, 1))).toBe('E_MODEL');
    expect(latentErrorCode(() => knnQuery(corrupt(tree, { metric: 'cosine', sqNorms: new Float64Array(40) }), X, 1))).toBe('E_MODEL');
    expect(latentErrorCode(() => knnQuery(corrupt(brute, { sqNorms: new Float64Array(0) }), X, 1))).toBe('E_MODEL');
    // Inconsistent tree arrays are caught during the search, never followed out of range.
    expect(latentErrorCode(() => knnQuery(corrupt(tree, { split: new Int32Array(40) }), X, 1))).toBe('E_MODEL');
    expect(latentErrorCode(() => knnQuery(corrupt(tree, { depth: 0 }), X, 1))).toBe('E_MODEL');
    expect(latentErrorCode(() => knnQuerySelf(corrupt(tree, { order: new Int32Array(40).fill(40) }), 1))).toBe('E_MODEL');
    expect(latentErrorCode(() => knnQuery(tree, [[0, 0, 0]], 1))).toBe('E_SHAPE');
    expect(latentErrorCode(() => knnQuery(tree, X, 41))).toBe('E_RANGE');
    expect(latentErrorCode(() => knnQuerySelf(tree, 40))).toBe('E_RANGE');
    expect(latentErrorCode(() => knnQuerySelf(knnIndex([[1, 1]]), 1))).toBe('E_SHAPE');
  });
});
