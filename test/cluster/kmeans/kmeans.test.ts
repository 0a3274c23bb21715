import { describe, expect, it } from 'vitest';
import { kmeans, kmeansPredict, DEFAULT_N_INIT, type KMeansAlgorithm, type KMeansModel } from '../../../src/cluster/index.js';
import { deserialize, serialize } from '../../../src/core/serialize.js';
import type { Matrix } from '../../../src/core/matrix.js';
import { loadCsv, loadGolden, zscore } from '../../helpers/data.js';
import { latentErrorCode } from '../../helpers/latent-error.js';

interface GoldenCase {
  k: number;
  initRows: number[];
  labels: number[];
  centroids: number[][];
  inertia: number;
  bestOf100Inertia: number;
  sklearnNInit10Median: number;
}
// scikit-learn 1.2.1 KMeans(init=X[initRows], n_init=1, algorithm="lloyd", tol=0).
const golden = loadGolden<Record<'iris' | 'wine_std' | 'digits', GoldenCase>>('kmeans');
const sets: Record<'iris' | 'wine_std' | 'digits', Matrix> = {
  iris: loadCsv('iris').data,
  wine_std: zscore(loadCsv('wine').data),
  digits: loadCsv('digits').data,
};

function rowsOf(m: Matrix, idx: number[]): number[][] {
  return idx.map((r) => Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));
}

/** Independent recomputation: Σ‖x − c_label‖². */
function sse(X: Matrix, model: KMeansModel): number {
  let s = 0;
  for (let i = 0; i < X.rows; i++) {
    const c = model.labels[i]!;
    for (let j = 0; j < X.cols; j++) s += (X.data[i * X.cols + j]! - model.centroids.data[c * X.cols + j]!) ** 2;
  }
  return s;
}

describe('kmeans golden (scikit-learn Lloyd, explicit init, tol 0)', () => {
  const algorithms: KMeansAlgorithm[] = ['lloyd', 'elkan', 'hamerly', 'auto'];
  for (const name of ['iris', 'wine_std', 'digits'] as const) {
    it.each(algorithms)(`${name}: %s gives scikit-learn's labels, centroids and inertia`, (algorithm) => {
      const g = golden[name];
      const X = sets[name];
      const model = kmeans(X, { k: g.k, init: rowsOf(X, g.initRows), tol: 0, algorithm });
      expect(Array.from(model.labels)).toEqual(g.labels);
      let worst = 0;
      for (let c = 0; c < g.k; c++) {
        for (let j = 0; j < X.cols; j++) {
          const e = g.centroids[c]![j]!;
          worst = Math.max(worst, Math.abs(model.centroids.data[c * X.cols + j]! - e) / Math.max(1, Math.abs(e)));
        }
      }
      expect(worst).toBeLessThan(1e-12);
      expect(Math.abs(model.inertia - g.inertia) / g.inertia).toBeLessThan(1e-12);
      expect(model.converged).toBe(true);
    });
  }
});

describe('kmeans default nInit quality (justifies DEFAULT_N_INIT)', () => {
  it('is 10, as scikit-learn 1.2', () => {
    expect(DEFAULT_N_INIT).toBe(10);
  });
  it.each([0, 1, 2, 3, 4, 5])('iris and wine reach scikit-learn’s best-of-100 inertia (seed %i)', (seed) => {
    for (const name of ['iris', 'wine_std'] as const) {
      const m = kmeans(sets[name], { k: golden[name].k, seed });
      expect(m.inertia).toBeLessThanOrEqual(golden[name].sklearnNInit10Median * (1 + 1e-12));
    }
  });
  it.each([0, 1])('digits is within 5e-4 relative of scikit-learn’s n_init=10 median (seed %i)', (seed) => {
    const m = kmeans(sets.digits, { k: 10, seed });
    expect(m.inertia / golden.digits.sklearnNInit10Median - 1).toBeLessThan(5e-4);
  });
  it('one k-means++ run is not enough: some seed lands in a worse optimum on wine', () => {
    const worst = Math.max(...[0, 1, 2, 3, 4, 5, 6, 7].map((seed) => kmeans(sets.wine_std, { k: 3, nInit: 1, seed }).inertia));
    expect(worst).toBeGreaterThan(golden.wine_std.bestOf100Inertia * 1.0005);
  });
});

describe('kmeans behaviour', () => {
  const X = [
    [1, 1],
    [1.2, 0.8],
    [8, 8],
    [8.2, 7.9],
  ];

  it('separates two obvious groups and reports the inertia', () => {
    const m = kmeans(X, { k: 2 });
    expect(m.labels[0]).toBe(m.labels[1]);
    expect(m.labels[2]).toBe(m.labels[3]);
    expect(m.labels[0]).not.toBe(m.labels[2]);
    expect(m.inertia).toBeCloseTo(0.04 + 0.025, 12);
    expect(m.inertia).toBeCloseTo(sse({ rows: 4, cols: 2, data: Float64Array.from(X.flat()) }, m), 12);
    expect(m.kind).toBe('kmeans');
    expect(m.version).toBe(1);
  });

  it('is deterministic for a seed and defaults the seed', () => {
    const data = sets.iris;
    const a = kmeans(data, { k: 4, nInit: 2 });
    const b = kmeans(data, { k: 4, nInit: 2, seed: undefined });
    expect(a).toEqual(b);
  });

  it('random init works and gives a valid clustering', () => {
    const m = kmeans(sets.iris, { k: 3, init: 'random', seed: 3 });
    expect(m.inertia).toBeCloseTo(sse(sets.iris, m), 8);
    expect(m.inertia).toBeLessThan(100);
  });

  it('n = 1 and k = n', () => {
    const one = kmeans([[3, 4]], { k: 1 });
    expect(Array.from(one.labels)).toEqual([0]);
    expect(Array.from(one.centroids.data)).toEqual([3, 4]);
    expect(one.inertia).toBe(0);
    const all = kmeans(X, { k: 4 });
    expect(new Set(all.labels).size).toBe(4);
    expect(all.inertia).toBe(0);
  });

  it('duplicate points with k above the number of distinct points: no NaN, every centre a data point', () => {
    const dup = [[1, 1], [1, 1], [1, 1], [2, 2], [2, 2]];
    for (const algorithm of ['lloyd', 'elkan', 'hamerly'] as const) {
      for (const init of ['k-means++', 'random'] as const) {
        const m = kmeans(dup, { k: 4, algorithm, init });
        expect(m.inertia).toBe(0);
        for (const v of m.centroids.data) expect(v === 1 || v === 2).toBe(true);
      }
    }
  });

  it('identical rows stop after the first update, every algorithm, Float64 and Float32', () => {
    // 3 000 copies of one 50-d row: the mean of the copies rounds off the row while a repaired
    // centre sits exactly on it, so the rows used to flip between two centres until maxIter (300
    // iterations per start). The value is the row's own bits, so the check is exact.
    const n = 3000;
    const d = 50;
    const row = Float64Array.from({ length: d }, (_, j) => Math.sin(j * 12.9898) * 0.37 + 0.1 * j);
    const X64 = new Float64Array(n * d);
    for (let i = 0; i < n; i++) X64.set(row, i * d);
    const r32 = Float32Array.from(row);
    const X32 = new Float32Array(n * d);
    for (let i = 0; i < n; i++) X32.set(r32, i * d);
    for (const [data, ref] of [[X64, row], [X32, Float64Array.from(r32)]] as const) {
      for (const algorithm of ['lloyd', 'elkan', 'hamerly'] as const) {
        const m = kmeans({ rows: n, cols: d, data }, { k: 8, algorithm });
        expect(m.iterations).toBe(1);
        expect(m.converged).toBe(true);
        expect(m.inertia).toBe(0);
        expect(new Set(m.labels).size).toBe(1);
        // The labelled centre is the row itself.
        const c = m.labels[0]!;
        expect(Array.from(m.centroids.data.subarray(c * d, (c + 1) * d))).toEqual(Array.from(ref));
      }
    }
    // Two distinct rows are left to the ordinary iterations (and converge).
    const two = new Float64Array(n * d);
    for (let i = 0; i < n; i++) two.set(row.map((v) => v + (i % 2)), i * d);
    const m2 = kmeans({ rows: n, cols: d, data: two }, { k: 4 });
    expect(m2.converged).toBe(true);
    expect(m2.inertia).toBe(0);
  });

  it('repairs an empty cluster with the farthest point, never a NaN or zero centre', () => {
    // Centre 2 is far from everything: its cluster is empty after the first assignment.
    const data = [[0], [1], [2], [10], [11], [30]];
    const m = kmeans(data, { k: 3, init: [[0], [1], [1000]], tol: 0, algorithm: 'lloyd' });
    expect(m.centroids.data.every((v) => Number.isFinite(v))).toBe(true);
    expect(new Set(m.labels).size).toBe(3);
    expect(m.inertia).toBeCloseTo(sse({ rows: 6, cols: 1, data: Float64Array.from(data.flat()) }, m), 12);
    for (const algorithm of ['elkan', 'hamerly'] as const) {
      expect(kmeans(data, { k: 3, init: [[0], [1], [1000]], tol: 0, algorithm })).toEqual(m);
    }
    // The repaired centre takes the farthest point (30) first.
    expect(Array.from(m.centroids.data)).toContain(30);
  });

  it('stops at maxIter with converged = false and labels matching the returned centres', () => {
    const m = kmeans(sets.digits, { k: 10, init: rowsOf(sets.digits, golden.digits.initRows), tol: 0, maxIter: 3 });
    expect(m.iterations).toBe(3);
    expect(m.converged).toBe(false);
    expect(Array.from(kmeansPredict(m, sets.digits))).toEqual(Array.from(m.labels));
  });

  it('an explicit init runs once whatever nInit says', () => {
    const init = rowsOf(sets.iris, [0, 50, 100]);
    expect(kmeans(sets.iris, { k: 3, init, nInit: 5 })).toEqual(kmeans(sets.iris, { k: 3, init }));
  });

  it('a larger tol stops earlier with a higher or equal inertia', () => {
    const init = rowsOf(sets.digits, golden.digits.initRows);
    const loose = kmeans(sets.digits, { k: 10, init, tol: 1e-1 });
    const tight = kmeans(sets.digits, { k: 10, init, tol: 0 });
    expect(loose.iterations).toBeLessThan(tight.iterations);
    expect(loose.inertia).toBeGreaterThanOrEqual(tight.inertia);
    expect(loose.converged).toBe(true);
  });

  it('accepts Float64Array rows and a Matrix, and does not modify them', () => {
    const rows = X.map((r) => Float64Array.from(r));
    const copy = rows.map((r) => r.slice());
    const m1 = kmeans(rows, { k: 2 });
    expect(rows).toEqual(copy);
    const mat = { rows: 4, cols: 2, data: Float64Array.from(X.flat()) };
    const before = mat.data.slice();
    const init = { rows: 2, cols: 2, data: Float64Array.from([0, 0, 9, 9]) };
    const initBefore = init.data.slice();
    const m2 = kmeans(mat, { k: 2, init });
    expect(mat.data).toEqual(before);
    expect(init.data).toEqual(initBefore);
    expect(m1.inertia).toBeCloseTo(m2.inertia, 12);
  });

  it('survives structuredClone and serialize/deserialize bit-exactly; predict works on the copy', () => {
    const m = kmeans(sets.iris, { k: 3 });
    const back = deserialize<KMeansModel>(serialize(m));
    expect(back).toEqual(m);
    expect(structuredClone(m)).toEqual(m);
    expect(Array.from(kmeansPredict(back, sets.iris))).toEqual(Array.from(m.labels));
  });
});

describe('kmeans cosine (spherical k-means)', () => {
  it('clusters by direction, ignoring vector length; centroids are unit vectors', () => {
    const data = [
      [1, 0.1],
      [10, 1.2],
      [100, 9],
      [0.1, 1],
      [1, 11],
      [9, 95],
    ];
    const m = kmeans(data, { k: 2, metric: 'cosine' });
    expect(m.labels[0]).toBe(m.labels[1]);
    expect(m.labels[1]).toBe(m.labels[2]);
    expect(m.labels[3]).toBe(m.labels[4]);
    expect(m.labels[4]).toBe(m.labels[5]);
    expect(m.labels[0]).not.toBe(m.labels[3]);
    for (let c = 0; c < 2; c++) expect(Math.hypot(m.centroids.data[2 * c]!, m.centroids.data[2 * c + 1]!)).toBeCloseTo(1, 14);
    // inertia = Σ (1 − cos(x, c)), recomputed independently.
    let s = 0;
    data.forEach((x, i) => {
      const c = m.labels[i]!;
      const cx = m.centroids.data[2 * c]!;
      const cy = m.centroids.data[2 * c + 1]!;
      s += 1 - (x[0]! * cx + x[1]! * cy) / Math.hypot(x[0]!, x[1]!);
    });
    expect(m.inertia).toBeCloseTo(s, 12);
    expect(m.metric).toBe('cosine');
    expect(Array.from(kmeansPredict(m, [[5, 0.4], [0.2, 3]]))).toEqual([m.labels[0], m.labels[3]]);
  });

  it('gives identical results with every algorithm', () => {
    const X = sets.wine_std;
    const ref = kmeans(X, { k: 4, metric: 'cosine', algorithm: 'lloyd', nInit: 2 });
    expect(kmeans(X, { k: 4, metric: 'cosine', algorithm: 'elkan', nInit: 2 })).toEqual(ref);
    expect(kmeans(X, { k: 4, metric: 'cosine', algorithm: 'hamerly', nInit: 2 })).toEqual(ref);
  });

  it('rejects zero rows (no direction) with E_RANGE', () => {
    expect(latentErrorCode(() => kmeans([[1, 0], [0, 0]], { k: 1, metric: 'cosine' }))).toBe('E_RANGE');
    expect(latentErrorCode(() => kmeans([[1, 0], [0, 1]], { k: 1, metric: 'cosine', init: [[0, 0]] }))).toBe('E_RANGE');
    const m = kmeans([[1, 0], [0, 1]], { k: 2, metric: 'cosine' });
    expect(latentErrorCode(() => kmeansPredict(m, [[0, 0]]))).toBe('E_RANGE');
  });

  it('only the direction of a row matters, even when its squared norm would overflow or underflow', () => {
    // Before: rows of 1e200 were silently zeroed (a zero centroid), rows of 1e-170 were
    // rejected as zero rows.
    const ref = kmeans([[1, 0], [0, 1], [1, 1.1]], { k: 2, metric: 'cosine', seed: 1 });
    for (const s of [1e200, 1e-170]) {
      const X = [[s, 0], [0, s], [s, 1.1 * s]];
      const m = kmeans(X, { k: 2, metric: 'cosine', seed: 1 });
      expect(Array.from(m.labels)).toEqual(Array.from(ref.labels));
      for (let t = 0; t < 4; t++) expect(m.centroids.data[t]).toBeCloseTo(ref.centroids.data[t]!, 12);
      expect(Array.from(kmeansPredict(m, [[2 * s, 0], [0, 3 * s]]))).toEqual(Array.from(kmeansPredict(ref, [[2, 0], [0, 3]])));
    }
  });
});

describe('kmeans errors', () => {
  const X = [
    [0, 0],
    [1, 1],
    [2, 2],
  ];
  it.each([
    ['k = 0', () => kmeans(X, { k: 0 }), 'E_RANGE'],
    ['k > n', () => kmeans(X, { k: 4 }), 'E_RANGE'],
    ['non-integer k', () => kmeans(X, { k: 1.5 }), 'E_RANGE'],
    ['k not a number', () => kmeans(X, { k: '2' as unknown as number }), 'E_TYPE'],
    ['missing options', () => kmeans(X, undefined as unknown as { k: number }), 'E_TYPE'],
    ['NaN in X', () => kmeans([[0, NaN]], { k: 1 }), 'E_NOT_FINITE'],
    ['Infinity in X', () => kmeans([[0, Infinity]], { k: 1 }), 'E_NOT_FINITE'],
    ['empty X', () => kmeans([], { k: 1 }), 'E_SHAPE'],
    ['ragged X', () => kmeans([[0, 0], [1]], { k: 1 }), 'E_SHAPE'],
    ['init with the wrong number of rows', () => kmeans(X, { k: 2, init: [[0, 0]] }), 'E_SHAPE'],
    ['init with the wrong width', () => kmeans(X, { k: 1, init: [[0, 0, 0]] }), 'E_SHAPE'],
    ['init with NaN', () => kmeans(X, { k: 1, init: [[0, NaN]] }), 'E_NOT_FINITE'],
    ['unknown init', () => kmeans(X, { k: 1, init: 'kmeans++' as 'random' }), 'E_OPTION'],
    ['unknown algorithm', () => kmeans(X, { k: 1, algorithm: 'full' as 'lloyd' }), 'E_OPTION'],
    ['unknown metric', () => kmeans(X, { k: 1, metric: 'manhattan' as 'cosine' }), 'E_OPTION'],
    ['nInit = 0', () => kmeans(X, { k: 1, nInit: 0 }), 'E_RANGE'],
    ['maxIter = 0', () => kmeans(X, { k: 1, maxIter: 0 }), 'E_RANGE'],
    ['negative tol', () => kmeans(X, { k: 1, tol: -1 }), 'E_RANGE'],
    ['NaN tol', () => kmeans(X, { k: 1, tol: NaN }), 'E_NOT_FINITE'],
    ['negative seed', () => kmeans(X, { k: 1, seed: -1 }), 'E_RANGE'],
  ] as const)('%s → %s', (_name, f, expected) => {
    expect(latentErrorCode(f)).toBe(expected);
  });

  it('messages name the function, the argument, the expectation and the value', () => {
    expect(() => kmeans(X, { k: 0 })).toThrow('kmeans: k must be an integer in [1, 3], got 0');
  });

  it('kmeansPredict validates the model and the width', () => {
    const m = kmeans(X, { k: 2 });
    expect(latentErrorCode(() => kmeansPredict({ ...m, kind: 'pca' } as unknown as KMeansModel, X))).toBe('E_MODEL');
    expect(latentErrorCode(() => kmeansPredict({ ...m, version: 2 } as unknown as KMeansModel, X))).toBe('E_MODEL');
    expect(latentErrorCode(() => kmeansPredict({ ...m, centroids: { rows: 2, cols: 2, data: new Float64Array(3) } }, X))).toBe('E_MODEL');
    expect(latentErrorCode(() => kmeansPredict({ ...m, centroids: { rows: 1, cols: 2, data: Float64Array.of(0, NaN) } }, X))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => kmeansPredict({ ...m, metric: 'manhattan' } as unknown as KMeansModel, X))).toBe('E_MODEL');
    expect(latentErrorCode(() => kmeansPredict(m, [[1, 2, 3]]))).toBe('E_SHAPE');
    expect(latentErrorCode(() => kmeansPredict(m, [[1, NaN]]))).toBe('E_NOT_FINITE');
    expect(kmeansPredict(m, []).length).toBe(0);
  });
});
