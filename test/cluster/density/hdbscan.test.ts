import { describe, expect, it } from 'vitest';
import { hdbscan, hdbscanFromDistances } from '../../../src/cluster/density/hdbscan.js';
import type { HdbscanModel, HdbscanOptions } from '../../../src/cluster/density/hdbscan-model.js';
import { deserialize, serialize } from '../../../src/core/serialize.js';
import type { Progress } from '../../../src/core/task.js';
import { pdist } from '../../../src/distance/pairwise.js';
import { manhattan } from '../../../src/distance/metrics.js';
import { loadGolden } from '../../helpers/data.js';
import { loadDensityData, type DensityDataName } from '../../helpers/density-data.js';
import { expectLatentError } from '../../helpers/latent-error.js';
import { expectSame } from '../../helpers/same-model.js';

interface SharedCase {
  data: DensityDataName;
  options: { min_cluster_size: number; min_samples?: number; cluster_selection_method?: 'eom' | 'leaf'; allow_single_cluster?: boolean };
  labels: number[];
  probabilities: number[];
}
interface StableCase {
  data: DensityDataName;
  options: HdbscanOptions;
  labels: number[];
  probabilities: number[];
  differs_from_sklearn: number;
  sklearn_labels?: number[];
}
const shared = loadGolden<{ hdbscan: SharedCase[] }>('density');
const stable = loadGolden<{ stable: StableCase[]; options: StableCase[] }>('density_stable');

const fromShared = (o: SharedCase['options']): HdbscanOptions => ({
  minClusterSize: o.min_cluster_size,
  minSamples: o.min_samples,
  clusterSelectionMethod: o.cluster_selection_method,
  allowSingleCluster: o.allow_single_cluster,
});

/** Points whose labels differ between two labelings after the best one-to-one renumbering (noise fixed). */
function labelMismatches(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const pairs = new Map<string, number>();
  for (let i = 0; i < a.length; i++) if (a[i] !== -1 && b[i] !== -1) pairs.set(`${a[i]}:${b[i]}`, (pairs.get(`${a[i]}:${b[i]}`) ?? 0) + 1);
  // Map each label of a to the label of b it shares most points with.
  const map = new Map<number, number>();
  const best = new Map<number, number>();
  for (const [k, c] of pairs) {
    const [x, y] = k.split(':').map(Number) as [number, number];
    if (c > (best.get(x) ?? 0)) {
      best.set(x, c);
      map.set(x, y);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if ((a[i] === -1 ? -1 : map.get(a[i]!)) !== b[i]) out.push(i);
  return out;
}

const models = new Map<string, HdbscanModel>();
function fitted(data: DensityDataName, options: HdbscanOptions): HdbscanModel {
  const key = `${data} ${JSON.stringify(options)}`;
  if (!models.has(key)) models.set(key, hdbscan(loadDensityData(data), options));
  return models.get(key)!;
}

describe('hdbscan', () => {
  it('returns the documented example', () => {
    const X = [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5], [9, 9], [9, 10], [10, 9], [10, 10], [9.5, 9.5], [30, 0]];
    const model = hdbscan(X, { minClusterSize: 3 });
    expect(model.kind).toBe('hdbscan');
    expect(model.labels).toEqual(new Int32Array([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, -1]));
    expect(model.probabilities).toEqual(new Float64Array([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]));
  });

  it.each(shared.hdbscan.map((c) => [`${c.data} ${JSON.stringify(c.options)}`, c] as const))(
    'matches scikit-learn 1.9.1 on %s (labels up to renumbering, probabilities within 1e-9)',
    (_name, c) => {
      const model = fitted(c.data, fromShared(c.options));
      const wrong = labelMismatches(model.labels, c.labels);
      // Digits has integer pixels and many equal merge heights, which scikit-learn orders with an
      // unstable sort: exactly the 4 points its own stable-sort pipeline labels differently.
      const tieDependent = stable.stable.find((s) => s.data === c.data && s.options.minClusterSize === c.options.min_cluster_size)!;
      expect(wrong.length).toBe(tieDependent.differs_from_sklearn);
      for (let i = 0; i < c.labels.length; i++) {
        if (wrong.includes(i)) continue;
        expect(Math.abs(model.probabilities[i]! - c.probabilities[i]!), `probability ${i}`).toBeLessThanOrEqual(1e-9);
      }
      // Every mismatch is a point whose label scikit-learn itself changes with the sort order.
      for (const i of wrong) expect(tieDependent.labels[i]).not.toBe(c.labels[i]);
    },
  );

  it.each([...stable.stable, ...stable.options].map((c) => [`${c.data} ${JSON.stringify(c.options)}`, c] as const))(
    "equals scikit-learn's pipeline with a stable merge order exactly on %s",
    (_name, c) => {
      const model = fitted(c.data, c.options);
      expect(Array.from(model.labels)).toEqual(c.labels);
      for (let i = 0; i < c.labels.length; i++) expect(Math.abs(model.probabilities[i]! - c.probabilities[i]!), `probability ${i}`).toBeLessThanOrEqual(1e-12);
      if (c.sklearn_labels !== undefined) expect(labelMismatches(model.labels, c.sklearn_labels).length).toBeLessThanOrEqual(c.differs_from_sklearn);
    },
  );

  it('Prim and Borůvka build the same model, on data full of ties and duplicates', () => {
    let s = 7;
    const next = (): number => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s / 2147483648;
    };
    for (let t = 0; t < 12; t++) {
      const n = 60 + Math.floor(next() * 200);
      const d = 1 + (t % 3);
      const X = Array.from({ length: n }, () => Array.from({ length: d }, () => Math.floor(next() * 6) + (next() < 0.3 ? Math.floor(next() * 3) * 8 : 0)));
      const metric = (['euclidean', 'manhattan', 'chebyshev', 'sqeuclidean'] as const)[t % 4];
      const o: HdbscanOptions = { minClusterSize: 2 + (t % 7), minSamples: 1 + (t % 5), metric, clusterSelectionMethod: t % 2 === 0 ? 'eom' : 'leaf' };
      const a = hdbscan(X, { ...o, algorithm: 'prim' });
      const b = hdbscan(X, { ...o, algorithm: 'boruvka' });
      expectSame(b, a, `case ${t}`);
    }
    const blobs = loadDensityData('blobs_noise2d');
    expectSame(hdbscan(blobs, { minClusterSize: 10, algorithm: 'boruvka' }), fitted('blobs_noise2d', { minClusterSize: 10 }));
  });

  it('is the same for Float32 data, number[][] of the same values, a custom metric and precomputed distances', () => {
    const X = loadDensityData('wine_std');
    const f32 = { rows: X.rows, cols: X.cols, data: Float32Array.from(X.data) };
    const rows = Array.from({ length: X.rows }, (_, i) => Array.from(f32.data.subarray(i * X.cols, (i + 1) * X.cols)));
    const o = { minClusterSize: 5, minSamples: 3 };
    const a = hdbscan(f32, o);
    const b = hdbscan(rows, o);
    expect(a.labels).toEqual(b.labels);
    expect(a.probabilities).toEqual(b.probabilities);
    expect(a.condensedTree).toEqual(b.condensedTree);
    expect(a.data!.data).toBeInstanceOf(Float32Array);
    const c = hdbscan(rows, { ...o, metric: 'manhattan' });
    const f = hdbscan(rows, { ...o, metric: (p, q) => manhattan(p, q) });
    expect(f.labels).toEqual(c.labels);
    expect(f.probabilities).toEqual(c.probabilities);
    const p = hdbscanFromDistances(pdist(rows, 'manhattan'), o);
    expect(p.labels).toEqual(c.labels);
    expect(p.probabilities).toEqual(c.probabilities);
    expect(p.condensedTree).toEqual(c.condensedTree);
    expect(p.coreDistances).toEqual(c.coreDistances);
    expect(p.metric).toBe('precomputed');
    expect(p.data).toBeNull();
    const cos = hdbscan(rows, { ...o, metric: 'cosine' });
    expect(hdbscanFromDistances(pdist(rows, 'cosine'), o).labels).toEqual(cos.labels);
  });

  it('computes GLOSH outlier scores and probabilities by hand on a small case', () => {
    // minSamples 2 → core distance = nearest other point. Cluster A = {0, 1, 2, 4}: point 4
    // (core 2) leaves A at λ = 1/2, the others at λ = 1 = λ_max(A). B = {10, 11, 12}.
    const X = [[0], [1], [2], [4], [10], [11], [12]];
    const m = hdbscan(X, { minClusterSize: 3, minSamples: 2 });
    expect(m.labels).toEqual(new Int32Array([0, 0, 0, 0, 1, 1, 1]));
    expect(m.probabilities).toEqual(new Float64Array([1, 1, 1, 0.5, 1, 1, 1]));
    expect(m.outlierScores).toEqual(new Float64Array([0, 0, 0, 0.5, 0, 0, 0]));
    expect(m.coreDistances).toEqual(new Float64Array([1, 1, 1, 2, 1, 1, 1]));
    // The root splits at distance 6 (4 ↔ 10) into A (7) and B (8).
    expect(Array.from(m.condensedTree.parent.subarray(0, 2))).toEqual([7, 7]);
    expect(Array.from(m.condensedTree.child.subarray(0, 2))).toEqual([8, 9]);
    expect(m.condensedTree.lambda[0]).toBe(1 / 6);
    expect(m.clusters).toEqual(new Int32Array([8, 9]));
  });

  it('keeps GLOSH scores in [0, 1], 0 for the densest points of each cluster and for duplicates', () => {
    const m = fitted('blobs_noise2d', { minClusterSize: 10 });
    let zeros = 0;
    for (const s of m.outlierScores) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
      if (s === 0) zeros++;
    }
    expect(zeros).toBeGreaterThan(0);
    // The uniform noise (last 75 rows) is more outlying on average than the blobs.
    const mean = (a: ArrayLike<number>, from: number, to: number): number => {
      let t = 0;
      for (let i = from; i < to; i++) t += a[i]!;
      return t / (to - from);
    };
    expect(mean(m.outlierScores, 750, 825)).toBeGreaterThan(2 * mean(m.outlierScores, 0, 750));
    const dup = hdbscan([[0, 0], [0, 0], [0, 0], [1, 1], [5, 5]], { minClusterSize: 2, minSamples: 2 });
    expect(dup.outlierScores[0]).toBe(0);
    for (const s of dup.outlierScores) expect(Number.isFinite(s)).toBe(true);
  });

  it('handles n = 1, n = 2, all noise, duplicates, one cluster and minSamples above n', () => {
    const one = hdbscan([[3, 4]]);
    expect(one.labels).toEqual(new Int32Array([-1]));
    expect(one.condensedTree.parent.length).toBe(0);
    expect(hdbscan([[0], [1]], { minClusterSize: 2 }).labels).toEqual(new Int32Array([-1, -1]));
    expect(hdbscan([[0], [1]], { minClusterSize: 2, allowSingleCluster: true }).labels).toEqual(new Int32Array([0, 0]));
    expect(hdbscan([[0], [5], [20]], { minClusterSize: 5 }).labels).toEqual(new Int32Array([-1, -1, -1]));
    const same = Array.from({ length: 8 }, () => [1, 1]);
    const s1 = hdbscan(same, { minClusterSize: 3 });
    expect(s1.labels).toEqual(new Int32Array(8).fill(-1));
    const s2 = hdbscan(same, { minClusterSize: 3, allowSingleCluster: true });
    expect(s2.labels).toEqual(new Int32Array(8));
    expect(s2.probabilities).toEqual(new Float64Array(8).fill(1));
    const clamped = hdbscan([[0], [1], [2], [10]], { minClusterSize: 2, minSamples: 50 });
    expect(clamped.minSamples).toBe(4);
    // One blob: without allowSingleCluster it splits or is noise; with it, one cluster.
    const blob = loadDensityData('blobs_noise2d');
    const single = hdbscan(blob, { minClusterSize: 400, allowSingleCluster: true });
    expect(Math.max(...single.labels)).toBe(0);
  });

  it('is deterministic and reports progress in stages', () => {
    const X = loadDensityData('blobs_noise2d');
    const seen = new Set<string>();
    const a = hdbscan(X, { minClusterSize: 10, onProgress: (p: Progress) => seen.add(p.stage) });
    expectSame(a, fitted('blobs_noise2d', { minClusterSize: 10 }));
    expect([...seen]).toEqual(['core', 'mst', 'tree']);
  });

  it('returns plain data that survives structuredClone and serialize/deserialize', () => {
    const m = fitted('iris_std', { minClusterSize: 5, allowSingleCluster: true });
    expectSame(structuredClone(m), m);
    expectSame(deserialize(serialize(m)), m);
    const noData = hdbscan(loadDensityData('iris_std'), { minClusterSize: 5, predictionData: false });
    expect(noData.data).toBeNull();
  });

  it('does not modify its input', () => {
    const X = loadDensityData('wine_std');
    const copy = X.data.slice();
    hdbscan(X, { minClusterSize: 5 });
    const D = pdist(X);
    const dCopy = D.slice();
    hdbscanFromDistances(D, { minClusterSize: 5 });
    expect(X.data).toEqual(copy);
    expect(D).toEqual(dCopy);
  });

  it('rejects bad input with coded errors', () => {
    const X = [[0, 0], [1, 1], [2, 2]];
    expectLatentError(() => hdbscan(X, { minClusterSize: 1 }), 'E_RANGE', 'minClusterSize');
    expectLatentError(() => hdbscan(X, { minSamples: 0 }), 'E_RANGE', 'minSamples');
    expectLatentError(() => hdbscan(X, { clusterSelectionEpsilon: -1 }), 'E_RANGE', 'clusterSelectionEpsilon');
    expectLatentError(() => hdbscan(X, { maxClusterSize: 0 }), 'E_RANGE', 'maxClusterSize');
    expectLatentError(() => hdbscan(X, { clusterSelectionMethod: 'lef' as never }), 'E_OPTION', "'eom', 'leaf'");
    expectLatentError(() => hdbscan(X, { min_cluster_size: 5 } as never), 'E_OPTION', "did you mean 'minClusterSize'");
    expectLatentError(() => hdbscan(X, { algorithm: 'boruvka', metric: 'cosine' }), 'E_OPTION', 'boruvka');
    expectLatentError(() => hdbscan([[0, NaN]]), 'E_NOT_FINITE');
    expectLatentError(() => hdbscan([]), 'E_SHAPE', 'at least 1 row');
    expectLatentError(() => hdbscan(X, 5 as never), 'E_TYPE');
    expectLatentError(() => hdbscan(X, { metric: () => NaN }), 'E_NOT_FINITE', 'metric function');
    expectLatentError(() => hdbscan([[0], [1], [2]], { memoryLimit: 10 }), 'E_MEMORY');
    expectLatentError(() => hdbscanFromDistances([1, 2]), 'E_SHAPE', 'n(n-1)/2');
    expectLatentError(() => hdbscanFromDistances([1, -2, 3]), 'E_RANGE', 'condensed');
    expectLatentError(() => hdbscanFromDistances([1, NaN, 3]), 'E_NOT_FINITE', 'condensed');
    expectLatentError(() => hdbscanFromDistances('abc' as never), 'E_TYPE', 'condensed');
    const ac = new AbortController();
    ac.abort();
    expectLatentError(() => hdbscan(X, { signal: ac.signal }), 'E_ABORTED', 'hdbscan');
    expect(hdbscanFromDistances([]).labels).toEqual(new Int32Array([-1]));
  });
});
