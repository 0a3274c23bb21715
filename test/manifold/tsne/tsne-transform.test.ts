import { describe, expect, it } from 'vitest';
import type { Matrix64 } from '../../../src/core/matrix.js';
import { randomNormal, rng } from '../../../src/core/random.js';
import { deserialize, serialize } from '../../../src/core/serialize.js';
import { knn } from '../../../src/neighbors/exact/knn.js';
import { tsne } from '../../../src/manifold/tsne/tsne.js';
import { tsneResult, tsneStart, tsneStep, type TsneResult } from '../../../src/manifold/tsne/tsne-state.js';
import { tsneTransform } from '../../../src/manifold/tsne/tsne-transform.js';
import { loadCsv } from '../../helpers/data.js';
import { expectLatentError } from '../../helpers/latent-error.js';

/** Three Gaussian blobs in 5-D, 60 points each, and a hand-made 2-D "embedding" that separates them. */
function blobModel(): { model: TsneResult; centres: number[][]; sample: (blob: number, count: number, seed: number) => Matrix64 } {
  const centres = [
    [0, 0, 0, 0, 0],
    [8, 8, 0, 0, 0],
    [0, 8, 8, 8, 0],
  ];
  const places = [
    [-20, 0],
    [20, 0],
    [0, 30],
  ];
  const sample = (blob: number, count: number, seed: number): Matrix64 => {
    const r = rng(seed);
    const data = new Float64Array(count * 5);
    for (let i = 0; i < count; i++) for (let a = 0; a < 5; a++) data[i * 5 + a] = centres[blob]![a]! + randomNormal(r);
    return { rows: count, cols: 5, data };
  };
  const n = 180;
  const data = new Float64Array(n * 5);
  const embedding = new Float64Array(n * 2);
  const r = rng(9);
  for (let b = 0; b < 3; b++) {
    data.set(sample(b, 60, 100 + b).data, b * 300);
    for (let i = 0; i < 60; i++) {
      embedding[(b * 60 + i) * 2] = places[b]![0]! + 3 * randomNormal(r);
      embedding[(b * 60 + i) * 2 + 1] = places[b]![1]! + 3 * randomNormal(r);
    }
  }
  const model: TsneResult = {
    kind: 'tsne',
    version: 1,
    embedding: { rows: n, cols: 2, data: embedding },
    kl: 0,
    klMethod: 'exact',
    iterations: 0,
    data: { rows: n, cols: 5, data },
    metric: 'euclidean',
    perplexity: 30,
  };
  return { model, centres: places, sample };
}

/** Index of the training point nearest to each row of Y in the embedding. */
function nearestTraining(model: TsneResult, Y: Matrix64): Int32Array {
  return knn(model.embedding, Y, 1).indices;
}

const iris = loadCsv('iris');
/** Every third iris row (50 points) for the fit, the rest to transform. */
const trainRows: number[] = [];
const testRows: number[] = [];
for (let i = 0; i < 150; i++) (i % 3 === 0 ? trainRows : testRows).push(i);
const take = (rows: number[]): Matrix64 => {
  const data = new Float64Array(rows.length * 4);
  rows.forEach((r, i) => data.set(iris.data.data.subarray(r * 4, r * 4 + 4), i * 4));
  return { rows: rows.length, cols: 4, data };
};
const train = take(trainRows);
const test = take(testRows);
const quick = { iterations: 300, exaggerationIterations: 100, perplexity: 10 };

describe('tsneTransform (openTSNE method)', () => {
  it('places new points inside the cluster of their input-space neighbours', () => {
    const { model, sample } = blobModel();
    for (let b = 0; b < 3; b++) {
      const X = sample(b, 20, 7 + b);
      const Y = tsneTransform(model, X);
      expect(Y.rows).toBe(20);
      for (const j of nearestTraining(model, Y)) expect(Math.floor(j / 60)).toBe(b);
    }
  });

  it('a fitted model carries its training rows; held-out points land with their species, training rows near their fitted places', () => {
    const model = tsne(train, quick);
    expect(model.data).toBe(train);
    expect(model.metric).toBe('euclidean');
    expect(model.perplexity).toBe(10);
    const Y = tsneTransform(model, test);
    expect(Y.data.every(Number.isFinite)).toBe(true);
    const species = (row: number): number => iris.labels[row]!;
    let agree = 0;
    const near = nearestTraining(model, Y);
    for (let i = 0; i < test.rows; i++) if (species(trainRows[near[i]!]!) === species(testRows[i]!)) agree++;
    expect(agree / test.rows).toBeGreaterThan(0.9);
    // Training rows sent through the transform land close to where the fit put them: well
    // within the typical distance between neighbouring fitted points.
    const back = tsneTransform(model, train);
    const nn = knn(model.embedding, model.embedding, 2).distances;
    const spacing: number[] = [];
    const moved: number[] = [];
    for (let i = 0; i < train.rows; i++) {
      spacing.push(nn[i * 2 + 1]!);
      moved.push(Math.hypot(back.data[i * 2]! - model.embedding.data[i * 2]!, back.data[i * 2 + 1]! - model.embedding.data[i * 2 + 1]!));
    }
    const median = (v: number[]): number => [...v].sort((a, b) => a - b)[v.length >> 1]!;
    expect(median(moved)).toBeLessThan(0.5 * median(spacing));
  });

  it('places each point independently: a batch equals its rows transformed one by one, bit for bit', () => {
    const { model, sample } = blobModel();
    const X = sample(1, 4, 3);
    const all = tsneTransform(model, X);
    for (let i = 0; i < 4; i++) {
      const one = tsneTransform(model, [Array.from(X.data.subarray(i * 5, i * 5 + 5))]);
      expect(Array.from(one.data)).toEqual(Array.from(all.data.subarray(i * 2, i * 2 + 2)));
    }
  });

  it('Barnes–Hut and the exact repulsion agree closely; precomputed neighbours give the same answer', () => {
    const { model, sample } = blobModel();
    const X = sample(2, 10, 5);
    const bh = tsneTransform(model, X);
    const exact = tsneTransform(model, X, { theta: 0 });
    for (let t = 0; t < bh.data.length; t++) expect(Math.abs(bh.data[t]! - exact.data[t]!)).toBeLessThan(0.05); // measured 0.006 on a 50-wide layout
    const nn = knn(model.data!, X, 15);
    expect(tsneTransform(model, X, { knn: nn }).data).toEqual(bh.data);
    expect(tsneTransform({ ...model, data: undefined }, X, { knn: nn }).data).toEqual(bh.data);
  });

  it("starts at the median of the neighbours' positions, or at the given init", () => {
    const { model, sample } = blobModel();
    const X = sample(0, 3, 11);
    const start = tsneTransform(model, X, { iterations: 0, nNeighbors: 5 });
    const { indices } = knn(model.data!, X, 5);
    for (let i = 0; i < 3; i++) {
      for (let a = 0; a < 2; a++) {
        const v = Array.from({ length: 5 }, (_, t) => model.embedding.data[indices[i * 5 + t]! * 2 + a]!).sort((p, q) => p - q);
        expect(start.data[i * 2 + a]).toBe(v[2]);
      }
    }
    const init = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    expect(Array.from(tsneTransform(model, X, { iterations: 0, init }).data)).toEqual([1, 2, 3, 4, 5, 6]);
    // With the default 15 neighbours (odd) the median is the middle one; with an even count the mean of the two middle ones.
    const even = tsneTransform(model, X, { iterations: 0, nNeighbors: 4 });
    const { indices: i4 } = knn(model.data!, X, 4);
    const v = Array.from({ length: 4 }, (_, t) => model.embedding.data[i4[t]! * 2]!).sort((p, q) => p - q);
    expect(even.data[0]).toBe(0.5 * (v[1]! + v[2]!));
  });

  it('works in 3-D (octree) and 1-D (exact), and for Float32 training data kept by reference', () => {
    const three = tsne(train, { ...quick, dims: 3 });
    const Y3 = tsneTransform(three, test, { iterations: 50 });
    expect(Y3.cols).toBe(3);
    expect(Y3.data.every(Number.isFinite)).toBe(true);
    const one = tsne(train, { ...quick, dims: 1, theta: 0 });
    expect(tsneTransform(one, test, { iterations: 50 }).cols).toBe(1);
    const f32 = { rows: train.rows, cols: 4, data: Float32Array.from(train.data) };
    const m32 = tsne(f32, quick);
    expect(m32.data).toBe(f32);
    expect(tsneTransform(m32, test, { iterations: 20 }).data.every(Number.isFinite)).toBe(true);
  });

  it('a stepwise result needs the training rows; custom metrics must be passed again', () => {
    const s = tsneStart(train, quick);
    tsneStep(s, 300);
    const stepwise = tsneResult(s);
    expect(stepwise.data).toBeUndefined();
    expectLatentError(() => tsneTransform(stepwise, test), 'E_OPTION', 'data');
    const direct = tsne(train, quick);
    expect(tsneTransform(stepwise, test, { data: train }).data).toEqual(tsneTransform(direct, test).data);
    const manhattan = (a: Float64Array, b: Float64Array): number => {
      let d = 0;
      for (let t = 0; t < a.length; t++) d += Math.abs(a[t]! - b[t]!);
      return d;
    };
    const custom = tsne(train, { ...quick, metric: manhattan });
    expect(custom.metric).toBe('custom');
    expect(serialize(custom).length).toBeGreaterThan(0);
    expectLatentError(() => tsneTransform(custom, test), 'E_OPTION', 'custom metric');
    expect(tsneTransform(custom, test, { metric: manhattan, iterations: 5 }).data).toEqual(tsneTransform(custom, test, { metric: 'manhattan', iterations: 5 }).data);
  });

  it('survives serialize and structuredClone; does not modify the model or X', () => {
    const { model, sample } = blobModel();
    const X = sample(1, 5, 2);
    const want = tsneTransform(model, X, { iterations: 30 }).data;
    expect(tsneTransform(deserialize<TsneResult>(serialize(model)), X, { iterations: 30 }).data).toEqual(want);
    expect(tsneTransform(structuredClone(model), X, { iterations: 30 }).data).toEqual(want);
    const emb = model.embedding.data.slice();
    const xs = X.data.slice();
    tsneTransform(model, X, { iterations: 30 });
    expect(model.embedding.data).toEqual(emb);
    expect(X.data).toEqual(xs);
  });

  it('reports progress, stops on abort, and rejects bad input', () => {
    const { model, sample } = blobModel();
    const X = sample(0, 3, 1);
    const stages = new Set<string>();
    tsneTransform(model, X, { iterations: 10, onProgress: (p) => stages.add(p.stage) });
    expect([...stages]).toEqual(['neighbors', 'optimize']);
    const ac = new AbortController();
    expectLatentError(
      () =>
        tsneTransform(model, X, {
          signal: ac.signal,
          onProgress: (p) => {
            if (p.stage === 'optimize' && p.completed === 5) ac.abort();
          },
        }),
      'E_ABORTED',
    );
    expect(tsneTransform(model, []).rows).toBe(0);
    expectLatentError(() => tsneTransform({ ...model, kind: 'umap' } as never, X), 'E_MODEL');
    expectLatentError(() => tsneTransform({ ...model, embedding: { rows: 180, cols: 2, data: new Float64Array(10) } }, X), 'E_MODEL', 'embedding');
    expectLatentError(() => tsneTransform(model, [[1, 2, 3]]), 'E_SHAPE', '5 columns');
    expectLatentError(() => tsneTransform(model, X, { data: [[1, 2, 3, 4, 5]] }), 'E_SHAPE', '180 rows');
    expectLatentError(() => tsneTransform(model, X, { perplexty: 5 } as never), 'E_OPTION', 'perplexity');
    expectLatentError(() => tsneTransform(model, X, { perplexity: 0 }), 'E_RANGE', 'perplexity');
    expectLatentError(() => tsneTransform(model, X, { nNeighbors: 181 }), 'E_RANGE', 'nNeighbors');
    expectLatentError(() => tsneTransform(model, X, { init: 'pca' as never }), 'E_OPTION', 'init');
    expectLatentError(() => tsneTransform(model, X, { init: [[0, 0]] }), 'E_SHAPE', 'init');
    expectLatentError(() => tsneTransform(model, X, { knn: { indices: new Int32Array(45).fill(999), distances: new Float64Array(45) } }), 'E_RANGE', 'knn.indices');
  });
});

describe('tsneTransform names itself in neighbour-search messages (fuzz)', () => {
  it('a misbehaving metric is reported as tsneTransform’s', async () => {
    const { tsne } = await import('../../../src/manifold/tsne/tsne.js');
    const { tsneTransform } = await import('../../../src/manifold/tsne/tsne-transform.js');
    const { expectLatentError } = await import('../../helpers/latent-error.js');
    const X = Array.from({ length: 12 }, (_, i) => [Math.cos(i), Math.sin(i), i / 5]);
    const model = tsne(X, { perplexity: 3, iterations: 20 });
    expectLatentError(() => tsneTransform(model, [[0, 1, 0]], { metric: () => NaN }), 'E_NOT_FINITE', 'tsneTransform: metric function must return a finite number');
    expectLatentError(() => tsneTransform(model, [[0, 1, 0]], { metric: () => -1 }), 'E_RANGE', 'tsneTransform: metric function');
  });
});

describe('tsneTransform squares finite distances safely', () => {
  it('a manhattan distance beyond 2^500 is E_RANGE, not a divergence report (found by review)', () => {
    const X = Array.from({ length: 30 }, (_, i) => [Math.sin(i), Math.cos(i * 1.3), i / 10]);
    const model = tsne(X, { perplexity: 5, iterations: 250, seed: 1, metric: 'manhattan' });
    expectLatentError(() => tsneTransform(model, [[1e300, 1e300, 1e300]]), 'E_RANGE', 'tsneTransform: ', '2^500');
    expect(tsneTransform(model, [[0.5, 0.5, 1]]).data.every(Number.isFinite)).toBe(true);
  });
});

describe('tsneTransform with nothing to do', () => {
  it('an aborted signal is E_ABORTED even for zero new rows (fuzz FC_SEED=6/8/9 deep)', () => {
    const X = Array.from({ length: 12 }, (_, i) => [Math.sin(i), Math.cos(i * 1.3)]);
    const model = tsne(X, { perplexity: 3, iterations: 250, seed: 1 });
    expectLatentError(() => tsneTransform(model, [], { signal: AbortSignal.abort() }), 'E_ABORTED', 'tsneTransform');
    expect(tsneTransform(model, []).rows).toBe(0);
  });
});
