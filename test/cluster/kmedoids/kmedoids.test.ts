import { describe, expect, it } from 'vitest';
import { kmedoids, kmedoidsFromDistances, kmedoidsPredict, type KMedoidsModel } from '../../../src/cluster/index.js';
import type { Matrix } from '../../../src/core/matrix.js';
import { deserialize, serialize } from '../../../src/core/serialize.js';
import { pdist } from '../../../src/distance/pairwise.js';
import { loadCsv, zscore } from '../../helpers/data.js';
import { expectLatentError, latentErrorCode } from '../../helpers/latent-error.js';

const iris = loadCsv('iris').data;
const wine = zscore(loadCsv('wine').data);

/** Independent cost: Σ over rows of the distance to the nearest medoid, from the condensed array. */
function costOf(D: Float64Array, n: number, medoids: ArrayLike<number>): number {
  const at = (i: number, j: number): number => (i === j ? 0 : i < j ? D[n * i - (i * (i + 1)) / 2 + j - i - 1]! : D[n * j - (j * (j + 1)) / 2 + i - j - 1]!);
  let s = 0;
  for (let o = 0; o < n; o++) s += Math.min(...Array.from(medoids, (m) => at(o, m)));
  return s;
}

describe('kmedoids quality on real data', () => {
  it.each([
    ['iris', iris, 3],
    ['iris', iris, 6],
    ['wine (z-scored)', wine, 3],
    ['wine (z-scored)', wine, 8],
  ] as const)('%s k=%i: FasterPAM is within 0.5%% of classic PAM (BUILD + SWAP)', (_name, X, k) => {
    const fast = kmedoids(X, { k });
    const pam = kmedoids(X, { k, method: 'pam' });
    expect(fast.cost).toBeLessThanOrEqual(pam.cost * 1.005);
    const D = pdist(X);
    expect(fast.cost).toBeCloseTo(costOf(D, X.rows, fast.medoids), 9);
    expect(pam.cost).toBeCloseTo(costOf(D, X.rows, pam.medoids), 9);
    expect(pam.converged).toBe(true);
    expect(fast.converged).toBe(true);
  });

  it('over k = 2..12 on iris and wine: FasterPAM matches PAM on average; with 5 runs it is never worse', () => {
    let sum = 0;
    let count = 0;
    for (const X of [iris, wine]) {
      for (let k = 2; k <= 12; k++) {
        const pam = kmedoids(X, { k, method: 'pam' }).cost;
        sum += kmedoids(X, { k }).cost / pam - 1;
        count++;
        expect(kmedoids(X, { k, nInit: 5 }).cost).toBeLessThanOrEqual(pam * (1 + 1e-12));
      }
    }
    expect(sum / count).toBeLessThan(0.001);
  });

  it('nInit keeps the best run and never does worse than the first', () => {
    const one = kmedoids(iris, { k: 5 });
    const five = kmedoids(iris, { k: 5, nInit: 5 });
    expect(five.cost).toBeLessThan(one.cost);
    expect(kmedoids(iris, { k: 5, init: 'k-means++', nInit: 3 }).cost).toBeLessThanOrEqual(kmedoids(iris, { k: 5, init: 'k-means++' }).cost);
  });

  it('the alternating method never beats PAM here and is not far off', () => {
    const alt = kmedoids(wine, { k: 8, method: 'alternate' });
    const pam = kmedoids(wine, { k: 8, method: 'pam' });
    expect(alt.cost).toBeGreaterThanOrEqual(pam.cost * (1 - 1e-12));
    expect(alt.cost).toBeLessThan(pam.cost * 1.1);
  });

  it('FasterPAM from a k-means++ or random start is within 1% of PAM on iris', () => {
    const pam = kmedoids(iris, { k: 3, method: 'pam' }).cost;
    for (const init of ['lab', 'k-means++', 'random'] as const) {
      expect(kmedoids(iris, { k: 3, init, seed: 1 }).cost).toBeLessThan(pam * 1.01);
    }
  });
});

describe('kmedoids on tiny data: exact optimum by enumeration', () => {
  const X = [[0, 0], [0, 1], [1, 0], [5, 5], [5, 6], [6, 5], [10, 0], [10, 1]];
  const D = pdist(X);
  const n = X.length;
  function optimum(k: number): number {
    let best = Infinity;
    const rec = (start: number, chosen: number[]): void => {
      if (chosen.length === k) {
        best = Math.min(best, costOf(D, n, chosen));
        return;
      }
      for (let i = start; i < n; i++) rec(i + 1, [...chosen, i]);
    };
    rec(0, []);
    return best;
  }
  it.each([1, 2, 3, 4])('k=%i: every method reaches the optimum', (k) => {
    const opt = optimum(k);
    for (const method of ['fasterpam', 'pam', 'alternate'] as const) {
      const m = kmedoids(X, { k, method });
      expect(m.cost).toBeCloseTo(opt, 12);
      expect(new Set(m.medoids).size).toBe(k);
      // Each medoid is in its own cluster and every row sits with a nearest medoid.
      m.medoids.forEach((row, c) => expect(m.labels[row]).toBe(c));
      expect(Array.from(m.centers.data)).toEqual(Array.from(m.medoids).flatMap((r) => X[r]!));
    }
  });
});

describe('kmedoids behaviour', () => {
  it('works from a precomputed condensed matrix exactly as on points', () => {
    const a = kmedoids(iris, { k: 4 });
    const b = kmedoidsFromDistances(pdist(iris), { k: 4 });
    expect(b.medoids).toEqual(a.medoids);
    expect(b.labels).toEqual(a.labels);
    expect(b.cost).toBe(a.cost);
    expect(b.metric).toBe('precomputed');
    expect(b.centers.cols).toBe(0);
    // Plain arrays are accepted too.
    expect(kmedoidsFromDistances(Array.from(pdist(iris)), { k: 4 }).cost).toBe(a.cost);
  });

  it('any metric: a custom function gives the same result as the built-in name', () => {
    const manhattan = (a: Float64Array, b: Float64Array): number => {
      let s = 0;
      for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
      return s;
    };
    const built = kmedoids(iris, { k: 3, metric: 'manhattan' });
    const custom = kmedoids(iris, { k: 3, metric: manhattan });
    expect(custom.medoids).toEqual(built.medoids);
    expect(custom.cost).toBeCloseTo(built.cost, 9);
    expect(custom.metric).toBe('custom');
    expect(built.metric).toBe('manhattan');
    expect(kmedoidsPredict(custom, iris, manhattan)).toEqual(kmedoidsPredict(built, iris));
    for (const metric of ['euclidean', 'sqeuclidean', 'chebyshev', 'cosine'] as const) {
      const m = kmedoids(iris, { k: 3, metric });
      expect(m.cost).toBeCloseTo(costOf(pdist(iris, metric), iris.rows, m.medoids), 9);
    }
  });

  it('kmedoidsPredict puts the training rows and new points with their nearest medoid', () => {
    const m = kmedoids(wine, { k: 5 });
    expect(kmedoidsPredict(m, wine)).toEqual(m.labels);
    const near = kmedoidsPredict(m, m.centers);
    expect(Array.from(near)).toEqual([0, 1, 2, 3, 4]);
  });

  it('explicit medoid indices as init; FasterPAM never ends above the starting cost', () => {
    const D = pdist(wine);
    const init = [0, 1, 2, 3];
    const m = kmedoids(wine, { k: 4, init });
    expect(m.cost).toBeLessThanOrEqual(costOf(D, wine.rows, init));
    expect(m.swaps).toBeGreaterThan(0);
  });

  it('a swap that does not lower the cost (zeros and subnormal distances) ends the search without raising the cost', () => {
    // Found by fast-check (FC_SEED=5): FasterPAM kept going after such a swap with stale
    // removal losses and ended at cost 2, above the starting cost 1.
    const D = [0, 1, 1, 0, 0, 0, 1, 0, 0, 5e-324, 0, 1, 0, 5.25542216114588e-253, 3.9999999999993374, 0, 0, 0, 5e-324, 0, 0, 0, 0, 0, 1, 0, 0, 0];
    const start = costOf(Float64Array.from(D), 8, [3, 2]);
    expect(start).toBe(1);
    const m = kmedoidsFromDistances(D, { k: 2, init: [3, 2] });
    expect(m.cost).toBeLessThanOrEqual(start);
    expect(m.cost).toBe(costOf(Float64Array.from(D), 8, m.medoids));
    expect(m.converged).toBe(true);
  });

  it('n = 1, k = n and duplicate rows', () => {
    const one = kmedoids([[2, 3]], { k: 1 });
    expect(Array.from(one.medoids)).toEqual([0]);
    expect(one.cost).toBe(0);
    expect(kmedoidsFromDistances([], { k: 1 }).cost).toBe(0);
    const pts = [[0], [1], [5], [9]];
    for (const method of ['fasterpam', 'pam', 'alternate'] as const) {
      const all = kmedoids(pts, { k: 4, method });
      expect(all.cost).toBe(0);
      expect(new Set(all.labels).size).toBe(4);
    }
    const dup = [[1, 1], [1, 1], [1, 1], [4, 4], [4, 4]];
    for (const method of ['fasterpam', 'pam', 'alternate'] as const) {
      for (const init of ['build', 'lab', 'k-means++', 'random'] as const) {
        const m = kmedoids(dup, { k: 3, method, init });
        expect(m.cost).toBe(0);
        expect(new Set(m.medoids).size).toBe(3);
      }
    }
  });

  it('k = 1 finds the exact 1-medoid', () => {
    const m = kmedoids(iris, { k: 1 });
    const D = pdist(iris);
    let best = Infinity;
    for (let i = 0; i < iris.rows; i++) best = Math.min(best, costOf(D, iris.rows, [i]));
    expect(m.cost).toBeCloseTo(best, 9);
  });

  it('is deterministic, does not modify its input, and the model is plain data', () => {
    const X: Matrix = { rows: wine.rows, cols: wine.cols, data: wine.data.slice() };
    const a = kmedoids(X, { k: 3, init: 'k-means++' });
    expect(X.data).toEqual(wine.data);
    expect(kmedoids(X, { k: 3, init: 'k-means++', seed: 42 })).toEqual(a);
    expect(deserialize<KMedoidsModel>(serialize(a))).toEqual(a);
    expect(structuredClone(a)).toEqual(a);
  });
});

describe('kmedoids errors', () => {
  const X = [[0], [1], [2]];
  it.each([
    ['k = 0', () => kmedoids(X, { k: 0 }), 'E_RANGE'],
    ['k > n', () => kmedoids(X, { k: 4 }), 'E_RANGE'],
    ['non-integer k', () => kmedoids(X, { k: 2.5 }), 'E_RANGE'],
    ['missing options', () => kmedoids(X, null as unknown as { k: number }), 'E_TYPE'],
    ['NaN in X', () => kmedoids([[NaN]], { k: 1 }), 'E_NOT_FINITE'],
    ['empty X', () => kmedoids([], { k: 1 }), 'E_SHAPE'],
    ['unknown method', () => kmedoids(X, { k: 1, method: 'clara' as 'pam' }), 'E_OPTION'],
    ['unknown init', () => kmedoids(X, { k: 1, init: 'clara' as 'build' }), 'E_OPTION'],
    ['init not an array', () => kmedoids(X, { k: 1, init: 3 as unknown as number[] }), 'E_OPTION'],
    ['init of the wrong length', () => kmedoids(X, { k: 2, init: [0] }), 'E_SHAPE'],
    ['init index out of range', () => kmedoids(X, { k: 2, init: [0, 3] }), 'E_RANGE'],
    ['init index repeated', () => kmedoids(X, { k: 2, init: [1, 1] }), 'E_RANGE'],
    ['unknown metric', () => kmedoids(X, { k: 1, metric: 'hamming' as 'cosine' }), 'E_OPTION'],
    ['metric returning a negative value', () => kmedoids(X, { k: 1, metric: () => -1 }), 'E_RANGE'],
    ['maxIter = 0', () => kmedoids(X, { k: 1, maxIter: 0 }), 'E_RANGE'],
    ['bad seed', () => kmedoids(X, { k: 1, seed: 0.5 }), 'E_RANGE'],
    ['nInit = 0', () => kmedoids(X, { k: 1, nInit: 0 }), 'E_RANGE'],
    ['condensed not an array', () => kmedoidsFromDistances(5 as unknown as number[], { k: 1 }), 'E_TYPE'],
    ['condensed of a bad length', () => kmedoidsFromDistances([1, 2], { k: 1 }), 'E_SHAPE'],
    ['negative distance', () => kmedoidsFromDistances([1, -2, 3], { k: 1 }), 'E_RANGE'],
    ['NaN distance', () => kmedoidsFromDistances([1, NaN, 3], { k: 1 }), 'E_NOT_FINITE'],
    ['distances without options', () => kmedoidsFromDistances([1, 2, 3], undefined as unknown as { k: number }), 'E_TYPE'],
  ] as const)('%s → %s', (_name, f, expected) => {
    expect(latentErrorCode(f)).toBe(expected);
  });

  it('kmedoidsPredict errors', () => {
    const m = kmedoids([[0, 0], [1, 1], [5, 5]], { k: 2 });
    expect(latentErrorCode(() => kmedoidsPredict({ ...m, kind: 'kmeans' } as unknown as KMedoidsModel, [[0, 0]]))).toBe('E_MODEL');
    expect(latentErrorCode(() => kmedoidsPredict(kmedoidsFromDistances([1, 2, 3], { k: 2 }), [[0, 0]]))).toBe('E_MODEL');
    expect(latentErrorCode(() => kmedoidsPredict({ ...m, metric: 'custom' }, [[0, 0]]))).toBe('E_OPTION');
    expect(latentErrorCode(() => kmedoidsPredict({ ...m, metric: 'hamming' } as unknown as KMedoidsModel, [[0, 0]]))).toBe('E_OPTION');
    expect(latentErrorCode(() => kmedoidsPredict({ ...m, centers: { rows: 2, cols: 2, data: new Float64Array(1) } }, [[0, 0]]))).toBe('E_MODEL');
    expect(latentErrorCode(() => kmedoidsPredict({ ...m, centers: { rows: 1, cols: 2, data: Float64Array.of(0, Infinity) } }, [[0, 0]]))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => kmedoidsPredict(m, [[0, 0, 0]]))).toBe('E_SHAPE');
    expect(latentErrorCode(() => kmedoidsPredict({ ...m, metric: 'custom' }, [[0, 0]], () => NaN))).toBe('E_NOT_FINITE');
  });
});

describe('kmedoids distance layouts', () => {
  it('the condensed layout (used above 4096 points) gives the same medoids as the square one', async () => {
    const { fromCondensed } = await import('../../../src/cluster/kmedoids/kmedoids-core.js');
    const { fasterPam } = await import('../../../src/cluster/kmedoids/fasterpam.js');
    const { pam } = await import('../../../src/cluster/kmedoids/pam.js');
    const { alternate } = await import('../../../src/cluster/kmedoids/alternate.js');
    const { buildInit, labInit, plusPlusInit } = await import('../../../src/cluster/kmedoids/kmedoids-init.js');
    const { rngState } = await import('../../../src/core/random.js');
    const D = pdist(wine);
    const n = wine.rows;
    const sq = fromCondensed(D, n, true);
    const cd = fromCondensed(D, n, false);
    expect(buildInit(cd, 5)).toEqual(buildInit(sq, 5));
    const init = plusPlusInit(cd, 5, rngState(3));
    expect(plusPlusInit(sq, 5, rngState(3))).toEqual(init);
    expect(labInit(sq, 5, rngState(4))).toEqual(labInit(cd, 5, rngState(4)));
    for (const run of [fasterPam, pam, alternate]) {
      const a = run(sq, init, 100);
      const b = run(cd, init, 100);
      expect(b.medoids).toEqual(a.medoids);
      expect(b.cost).toBe(a.cost);
    }
  });
});

describe('k = 1', () => {
  it('counts the swap when the medoid moves from its start, none when it stays', () => {
    const X = [[0], [1], [2], [10]];
    // Start at row 3 (10): the best single medoid is row 1 or 2 (cost 1 + 0 + 1 + 9 = 11): one swap.
    const moved = kmedoids(X, { k: 1, init: [3] });
    expect(moved.swaps).toBe(1);
    expect(moved.cost).toBe(11);
    expect([1, 2]).toContain(moved.medoids[0]);
    // Start at an optimal row: no swap, and the tie keeps the start.
    const kept = kmedoids(X, { k: 1, init: [2] });
    expect(kept.swaps).toBe(0);
    expect(Array.from(kept.medoids)).toEqual([2]);
    for (const method of ['pam', 'alternate'] as const) expect(kmedoids(X, { k: 1, init: [3], method }).swaps).toBe(1);
  });
});

describe('observable and abortable', () => {
  const X = Array.from({ length: 700 }, (_, i) => [Math.sin(i * 0.7) * 5 + (i % 3) * 10, Math.cos(i * 1.1) * 5]);

  it('reports distances and restarts, stops at the next checkpoint, same result with observers', () => {
    const stages = new Set<string>();
    const a = kmedoids(X, { k: 3, nInit: 2, init: 'k-means++', onProgress: (p) => stages.add(p.stage) });
    expect([...stages].sort()).toEqual(['distances', 'restarts']);
    const b = kmedoids(X, { k: 3, nInit: 2, init: 'k-means++' });
    expect(Array.from(a.medoids)).toEqual(Array.from(b.medoids));
    const ac = new AbortController();
    expectLatentError(() => kmedoids(X, { k: 3, signal: ac.signal, onProgress: () => ac.abort() }), 'E_ABORTED', 'kmedoids: aborted');
    const pre = new AbortController();
    pre.abort();
    expectLatentError(() => kmedoidsFromDistances(pdist(X.slice(0, 50)), { k: 2, signal: pre.signal }), 'E_ABORTED', 'kmedoidsFromDistances: aborted');
  });
});

describe('kmedoidsPredict reads its options and checks medoids (fuzz)', () => {
  const model = kmedoids([[0], [1], [5], [6]], { k: 2 });
  it('a metric given for a model fitted with a named metric is E_OPTION, never ignored', () => {
    for (const metric of ['nope', NaN, () => 1]) {
      expect(() => kmedoidsPredict(model, [[2]], { metric: metric as never })).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
    }
    expect(Array.from(kmedoidsPredict(model, [[5.5]]))).toEqual([model.labels[2]]);
  });
  it('a model whose medoids do not match its centers is E_MODEL', () => {
    expect(() => kmedoidsPredict({ ...model, medoids: new Int32Array(0) }, [[2]])).toThrow(expect.objectContaining({ code: 'E_MODEL', message: expect.stringMatching(/^kmedoidsPredict: model\.medoids/) as unknown }));
  });
});
