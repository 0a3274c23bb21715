import { describe, expect, it } from 'vitest';
import { hdbscan, hdbscanFromDistances } from '../../../src/cluster/density/hdbscan.js';
import { hdbscanPredict } from '../../../src/cluster/density/hdbscan-predict.js';
import { deserialize, serialize } from '../../../src/core/serialize.js';
import { loadDensityData } from '../../helpers/density-data.js';
import { expectLatentError } from '../../helpers/latent-error.js';

const X = [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5], [9, 9], [9, 10], [10, 9], [10, 10], [9.5, 9.5]];

describe('hdbscanPredict', () => {
  it('returns the documented example', () => {
    const model = hdbscan(X, { minClusterSize: 3 });
    const p = hdbscanPredict(model, [[0.2, 0.4], [9.6, 9.4], [50, 50]]);
    expect(p.labels).toEqual(new Int32Array([0, 1, -1]));
    expect(p.probabilities).toEqual(new Float64Array([1, 1, 0]));
  });

  it('follows approximate_predict by hand: a point between a cluster and the noise leaves with λ from its mutual reachability', () => {
    // 1-D, minSamples 2: cluster {0, 1, 2, 3} (core 1), cluster {10, 11, 12, 13}; λ_max = 1.
    const model = hdbscan([[0], [1], [2], [3], [10], [11], [12], [13]], { minClusterSize: 3, minSamples: 2 });
    expect(model.labels).toEqual(new Int32Array([0, 0, 0, 0, 1, 1, 1, 1]));
    // x = 4.5: its 2nd nearest training point (3 is 1st, 2 is 2nd) is at 2.5 → core 2.5; its
    // nearest by mutual reachability is 3 at max(1, 2.5, 1.5) = 2.5 → λ = 0.4 < λ(3) = 1, so it
    // stays in 3's cluster (born at λ = 1/7): label 0, probability 0.4 / 1.
    const p = hdbscanPredict(model, [[4.5], [11.5], [6.5]]);
    expect(p.labels[0]).toBe(0);
    expect(p.probabilities[0]).toBeCloseTo(0.4, 15);
    expect(p.labels[1]).toBe(1);
    expect(p.probabilities[1]).toBe(1);
    // 6.5: 3 and 10 are both 3.5 away, so its core distance is 3.5 and both are at mutual
    // reachability 3.5; the tie goes to the nearer-listed 3 (lower index) → λ = 1/3.5, above the
    // birth 1/7 of 3's cluster: cluster 0.
    expect(p.labels[2]).toBe(0);
    expect(p.probabilities[2]).toBeCloseTo(1 / 3.5, 15);
  });

  it('puts the training points back where they were, except at cluster edges', () => {
    const B = loadDensityData('blobs_noise2d');
    const model = hdbscan(B, { minClusterSize: 10 });
    const p = hdbscanPredict(model, B);
    let same = 0;
    for (let i = 0; i < B.rows; i++) {
      if (p.labels[i] === model.labels[i]) same++;
      expect(p.probabilities[i]).toBeGreaterThanOrEqual(0);
      expect(p.probabilities[i]).toBeLessThanOrEqual(1);
      if (p.labels[i] === -1) expect(p.probabilities[i]).toBe(0);
    }
    expect(same / B.rows).toBeGreaterThan(0.97);
  });

  it('works on a Float32 model, a cosine model, a custom metric and a deserialized model', () => {
    const B = loadDensityData('blobs_noise2d');
    const f32 = { rows: B.rows, cols: 2, data: Float32Array.from(B.data) };
    const queries = [[0, 0], [3, 3], [-3, 2], [2, -3], [6, -6]];
    const m32 = hdbscan(f32, { minClusterSize: 10 });
    const p32 = hdbscanPredict(m32, queries);
    expect(p32.labels[4]).toBe(-1);
    expect(new Set(Array.from(p32.labels.subarray(0, 4))).size).toBe(4);
    const back = deserialize<typeof m32>(serialize(m32));
    expect(hdbscanPredict(back, queries)).toEqual(p32);
    const custom = hdbscan(f32, { minClusterSize: 10, metric: (a, b) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!) });
    expect(hdbscanPredict(custom, queries).labels).toEqual(p32.labels);
    const cos = hdbscan(loadDensityData('wine_std'), { minClusterSize: 5, metric: 'cosine' });
    const pc = hdbscanPredict(cos, loadDensityData('wine_std'));
    expect(pc.labels.length).toBe(178);
  });

  it('returns noise for every point when the model has no cluster', () => {
    const model = hdbscan([[0], [5], [20]], { minClusterSize: 5 });
    expect(hdbscanPredict(model, [[0], [5]])).toEqual({ labels: new Int32Array([-1, -1]), probabilities: new Float64Array(2) });
    expect(hdbscanPredict(hdbscan([[1, 1]]), [[1, 1]]).labels).toEqual(new Int32Array([-1]));
  });

  it('rejects models without data, tampered models and bad points', () => {
    const model = hdbscan(X, { minClusterSize: 3 });
    expectLatentError(() => hdbscanPredict(hdbscan(X, { minClusterSize: 3, predictionData: false }), [[0, 0]]), 'E_MODEL', 'predictionData');
    expectLatentError(() => hdbscanPredict(hdbscanFromDistances([1, 2, 3], { minClusterSize: 2 }), [[0, 0]]), 'E_MODEL', 'training data');
    expectLatentError(() => hdbscanPredict({ ...model, kind: 'kmeans' } as never, [[0, 0]]), 'E_MODEL', 'hdbscan');
    const badTree = structuredClone(model);
    badTree.condensedTree.parent[3] = 999;
    expectLatentError(() => hdbscanPredict(badTree, [[0, 0]]), 'E_MODEL', 'condensedTree row 3');
    const loop = structuredClone(model);
    loop.condensedTree.child[0] = loop.condensedTree.parent[0]!;
    expectLatentError(() => hdbscanPredict(loop, [[0, 0]]), 'E_MODEL', 'condensedTree');
    const short = structuredClone(model);
    short.coreDistances = new Float64Array(2);
    expectLatentError(() => hdbscanPredict(short, [[0, 0]]), 'E_MODEL', 'coreDistances');
    expectLatentError(() => hdbscanPredict(model, [[0, 0, 0]]), 'E_SHAPE', 'columns');
    expectLatentError(() => hdbscanPredict(model, [[0, NaN]]), 'E_NOT_FINITE');
  });
});

describe('hdbscanPredict: a model without its metric', () => {
  it('refuses a model whose metric was deleted or tampered (E_MODEL), never a raw TypeError', () => {
    const X = [[0, 0], [0.1, 0], [0, 0.1], [5, 5], [5.1, 5], [5, 5.1]];
    const model = hdbscan(X, { minClusterSize: 2 });
    const { metric: _drop, ...withoutMetric } = model;
    expectLatentError(() => hdbscanPredict(withoutMetric as never, [[0, 0]]), 'E_MODEL', 'hdbscanPredict: model metric must be a metric name or function, got undefined');
    for (const metric of [null, 'Euclidean', 3]) expectLatentError(() => hdbscanPredict({ ...model, metric: metric as never }, [[0, 0]]), 'E_MODEL', 'hdbscanPredict: model metric');
    expect(Array.from(hdbscanPredict(model, [[0, 0]]).labels)).toEqual([model.labels[0]]);
  });
});
