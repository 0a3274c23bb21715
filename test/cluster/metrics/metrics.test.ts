import { describe, expect, it } from 'vitest';
import {
  adjustedRandIndex,
  calinskiHarabasz,
  daviesBouldin,
  normalizedMutualInfo,
  silhouette,
  silhouetteSamples,
} from '../../../src/cluster/index.js';
import type { Matrix } from '../../../src/core/matrix.js';
import { rng } from '../../../src/core/random.js';
import { cdist } from '../../../src/distance/pairwise.js';
import type { Metric } from '../../../src/distance/metric.js';
import { loadCsv, loadGolden } from '../../helpers/data.js';
import { latentErrorCode } from '../../helpers/latent-error.js';

interface MetricsGolden {
  labels: number[];
  truth: number[];
  silhouette: number;
  silhouetteSamplesFirst10: number[];
  silhouetteCosine: number;
  daviesBouldin: number;
  calinskiHarabasz: number;
  adjustedRand: number;
  nmi: number;
}
// scikit-learn 1.2.1 on iris with a k-means labelling.
const g = loadGolden<MetricsGolden>('metrics_iris');
const iris = loadCsv('iris').data;

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('metrics golden (scikit-learn, iris)', () => {
  it('silhouette (euclidean and cosine) and the first 10 samples', () => {
    expect(rel(silhouette(iris, g.labels), g.silhouette)).toBeLessThan(1e-9);
    expect(rel(silhouette(iris, g.labels, 'cosine'), g.silhouetteCosine)).toBeLessThan(1e-9);
    const s = silhouetteSamples(iris, g.labels);
    g.silhouetteSamplesFirst10.forEach((v, i) => expect(rel(s[i]!, v)).toBeLessThan(1e-9));
  });
  it('Davies–Bouldin and Calinski–Harabasz', () => {
    expect(rel(daviesBouldin(iris, g.labels), g.daviesBouldin)).toBeLessThan(1e-9);
    expect(rel(calinskiHarabasz(iris, g.labels), g.calinskiHarabasz)).toBeLessThan(1e-9);
  });
  it('ARI and NMI (arithmetic)', () => {
    expect(rel(adjustedRandIndex(g.truth, g.labels), g.adjustedRand)).toBeLessThan(1e-9);
    expect(rel(normalizedMutualInfo(g.truth, g.labels), g.nmi)).toBeLessThan(1e-9);
    expect(rel(adjustedRandIndex(g.labels, g.truth), g.adjustedRand)).toBeLessThan(1e-9);
    expect(rel(normalizedMutualInfo(g.labels, g.truth), g.nmi)).toBeLessThan(1e-9);
  });
});

/** Brute-force silhouette straight from the definition, on a full distance matrix. */
function bruteSilhouette(X: Matrix, labels: number[], metric: Metric): number[] {
  const D = cdist(X, X, metric);
  const n = X.rows;
  const size = new Map<number, number>();
  for (const l of labels) size.set(l, (size.get(l) ?? 0) + 1);
  return labels.map((li, i) => {
    if (size.get(li) === 1) return 0;
    const sums = new Map<number, number>();
    for (let j = 0; j < n; j++) if (j !== i) sums.set(labels[j]!, (sums.get(labels[j]!) ?? 0) + D.data[i * n + j]!);
    const a = sums.get(li)! / (size.get(li)! - 1);
    let b = Infinity;
    for (const [c, v] of sums) if (c !== li) b = Math.min(b, v / size.get(c)!);
    return Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b);
  });
}

function randomData(n: number, d: number, k: number, seed: number): { X: Matrix; labels: number[] } {
  const r = rng(seed);
  const data = Float64Array.from({ length: n * d }, () => Math.round(r() * 40) / 4);
  return { X: { rows: n, cols: d, data }, labels: Array.from({ length: n }, (_, i) => (i < k ? i : Math.floor(r() * k))) };
}

describe('silhouette', () => {
  it.each(['euclidean', 'sqeuclidean', 'manhattan', 'chebyshev', 'cosine'] as const)('matches the definition for %s (with singletons and ties)', (metric) => {
    const { X, labels } = randomData(40, 3, 6, 7);
    labels[39] = 9; // a singleton cluster → 0
    const got = silhouetteSamples(X, labels, metric);
    const want = bruteSilhouette(X, labels, metric);
    want.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 12));
    expect(got[39]).toBe(0);
  });

  it('accepts a custom metric function', () => {
    const { X, labels } = randomData(25, 2, 3, 2);
    const f = (a: Float64Array, b: Float64Array): number => Math.abs(a[0]! - b[0]!) + 2 * Math.abs(a[1]! - b[1]!);
    const want = bruteSilhouette(X, labels, f);
    silhouetteSamples(X, labels, f).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 12));
  });

  it('the low-memory per-row path (many clusters) matches the definition', () => {
    // n · K above 2²² switches to per-row accumulation.
    const n = 2050;
    const r = rng(5);
    const X: Matrix = { rows: n, cols: 2, data: Float64Array.from({ length: 2 * n }, () => r()) };
    const labels = Array.from({ length: n }, (_, i) => (i < 2048 ? i : Math.floor(r() * 2048)));
    const big = silhouetteSamples(X, labels);
    const want = bruteSilhouette(X, labels, 'euclidean');
    let worst = 0;
    want.forEach((v, i) => (worst = Math.max(worst, Math.abs(big[i]! - v))));
    expect(worst).toBeLessThan(1e-12);
  });

  it('labels need not be contiguous; all-duplicate clusters score 0 (a = b = 0)', () => {
    const X = [[0], [0], [1], [1]];
    expect(Array.from(silhouetteSamples(X, [3, 3, 7, 7]))).toEqual([1, 1, 1, 1]);
    expect(Array.from(silhouetteSamples([[0], [0], [0]], [0, 0, 1]))).toEqual([0, 0, 0]);
    expect(silhouette([[0, 0], [0, 1], [5, 0], [5, 1]], [0, 0, 1, 1])).toBeCloseTo(1 - 1 / ((5 + Math.sqrt(26)) / 2), 12);
  });

  it('errors', () => {
    expect(latentErrorCode(() => silhouette(iris, g.labels.slice(1)))).toBe('E_SHAPE');
    expect(latentErrorCode(() => silhouette(iris, g.labels.map(() => 0)))).toBe('E_RANGE');
    expect(latentErrorCode(() => silhouette([[0], [1], [2]], [0, 1, 2]))).toBe('E_RANGE');
    expect(latentErrorCode(() => silhouette([[0], [1], [2]], [0, -1, 1]))).toBe('E_RANGE');
    expect(latentErrorCode(() => silhouette([[0], [1], [2]], [0, 0.5, 1]))).toBe('E_RANGE');
    expect(latentErrorCode(() => silhouette([[0], [NaN], [2]], [0, 0, 1]))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => silhouette([[0], [1], [2]], [0, 0, 1], 'hamming' as 'cosine'))).toBe('E_OPTION');
    expect(latentErrorCode(() => silhouette([[0], [1], [2]], [0, 0, 1], () => -1))).toBe('E_RANGE');
    expect(latentErrorCode(() => silhouetteSamples([[0], [1], [2]], 'abc' as unknown as number[]))).toBe('E_TYPE');
  });
});

describe('Davies–Bouldin and Calinski–Harabasz', () => {
  it('match the textbook formulas on small data', () => {
    const X = [[0, 0], [0, 2], [4, 0], [4, 2], [10, 10]];
    const labels = [0, 0, 1, 1, 1];
    // Centroids (0, 1) and (6, 4); s0 = 1, s1 = (√(4+16)·2… computed directly below.
    const c1 = [6, 4];
    const s1 = (Math.hypot(4 - c1[0]!, 0 - c1[1]!) + Math.hypot(4 - c1[0]!, 2 - c1[1]!) + Math.hypot(10 - c1[0]!, 10 - c1[1]!)) / 3;
    const dc = Math.hypot(6, 3);
    expect(daviesBouldin(X, labels)).toBeCloseTo((1 + s1) / dc, 12);
    const mean = [18 / 5, 14 / 5];
    const B = 2 * ((0 - mean[0]!) ** 2 + (1 - mean[1]!) ** 2) + 3 * ((6 - mean[0]!) ** 2 + (4 - mean[1]!) ** 2);
    const W = 2 + ((4 - 6) ** 2 + 16 + 4 + 4 + 16 + 36);
    expect(calinskiHarabasz(X, labels)).toBeCloseTo((B / 1) / (W / 3), 10);
  });

  it('degenerate clusters follow scikit-learn: DB = 0 for zero spread, CH = 1 for zero within-dispersion', () => {
    const X = [[1, 1], [1, 1], [3, 3], [3, 3]];
    expect(daviesBouldin(X, [0, 0, 1, 1])).toBe(0);
    expect(calinskiHarabasz(X, [0, 0, 1, 1])).toBe(1);
    // Coincident centroids are ignored in the max.
    expect(daviesBouldin([[0], [2], [1], [1], [5], [6]], [0, 0, 1, 1, 2, 2])).toBeGreaterThan(0);
  });

  it('errors', () => {
    expect(latentErrorCode(() => daviesBouldin(iris, g.labels.slice(3)))).toBe('E_SHAPE');
    expect(latentErrorCode(() => calinskiHarabasz(iris, g.labels.slice(3)))).toBe('E_SHAPE');
    expect(latentErrorCode(() => daviesBouldin([[0], [1]], [0, 0]))).toBe('E_RANGE');
    expect(latentErrorCode(() => calinskiHarabasz([[0], [1]], [0, 1]))).toBe('E_RANGE');
    expect(latentErrorCode(() => calinskiHarabasz([[0], [Infinity], [1]], [0, 1, 1]))).toBe('E_NOT_FINITE');
  });
});

/** Brute-force ARI from pair counts. */
function bruteARI(a: number[], b: number[]): number {
  const n = a.length;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const sa = a[i] === a[j];
      const sb = b[i] === b[j];
      if (sa && sb) tp++;
      else if (!sa && sb) fp++;
      else if (sa && !sb) fn++;
      else tn++;
    }
  }
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

function bruteNMI(a: number[], b: number[]): number {
  const n = a.length;
  const count = (xs: number[]): Map<number, number> => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<number, number>());
  const ca = count(a);
  const cb = count(b);
  const joint = count(a.map((x, i) => x * 1000 + b[i]!));
  const H = (c: Map<number, number>): number => -[...c.values()].reduce((s, v) => s + (v / n) * Math.log(v / n), 0);
  let mi = 0;
  for (const [key, v] of joint) mi += (v / n) * Math.log((n * v) / (ca.get(Math.floor(key / 1000))! * cb.get(key % 1000)!));
  return mi / ((H(ca) + H(cb)) / 2);
}

describe('ARI and NMI', () => {
  it('match brute-force pair counting and the entropy formula', () => {
    const r = rng(11);
    for (let t = 0; t < 20; t++) {
      const n = 5 + Math.floor(r() * 60);
      const a = Array.from({ length: n }, () => Math.floor(r() * 4));
      const b = Array.from({ length: n }, () => Math.floor(r() * 5));
      expect(adjustedRandIndex(a, b)).toBeCloseTo(bruteARI(a, b), 12);
      if (new Set(a).size > 1 && new Set(b).size > 1) expect(normalizedMutualInfo(a, b)).toBeCloseTo(bruteNMI(a, b), 12);
    }
  });

  it('special cases follow scikit-learn', () => {
    expect(adjustedRandIndex([], [])).toBe(1);
    expect(normalizedMutualInfo([], [])).toBe(1);
    expect(adjustedRandIndex([0, 0, 0], [1, 1, 1])).toBe(1);
    expect(normalizedMutualInfo([0, 0, 0], [1, 1, 1])).toBe(1);
    expect(normalizedMutualInfo([0, 0, 0], [0, 1, 2])).toBe(0);
    expect(adjustedRandIndex([0, 1, 2], [0, 1, 2])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBe(-0.5);
    expect(normalizedMutualInfo([0, 0, 1, 1], [0, 1, 0, 1])).toBe(0);
    expect(normalizedMutualInfo([0, 0, 1, 1], [5, 5, 2, 2])).toBe(1);
  });

  it('handle large label values and large n exactly', () => {
    const n = 100000;
    const a = Int32Array.from({ length: n }, (_, i) => (i % 7) * 100000);
    const b = Int32Array.from({ length: n }, (_, i) => (i % 7) + 2 ** 30);
    expect(adjustedRandIndex(a, b)).toBe(1);
    expect(normalizedMutualInfo(a, b)).toBeCloseTo(1, 14);
  });

  it('errors', () => {
    expect(latentErrorCode(() => adjustedRandIndex([0, 1], [0]))).toBe('E_SHAPE');
    expect(latentErrorCode(() => normalizedMutualInfo([0, 1], [0, 1, 1]))).toBe('E_SHAPE');
    expect(latentErrorCode(() => adjustedRandIndex([0, -1], [0, 1]))).toBe('E_RANGE');
    expect(latentErrorCode(() => normalizedMutualInfo([0, 1.5], [0, 1]))).toBe('E_RANGE');
    expect(latentErrorCode(() => adjustedRandIndex(null as unknown as number[], [0]))).toBe('E_TYPE');
    expect(latentErrorCode(() => normalizedMutualInfo(7 as unknown as number[], [0]))).toBe('E_TYPE');
    expect(latentErrorCode(() => adjustedRandIndex([0], 'a' as unknown as number[]))).toBe('E_TYPE');
  });
});
