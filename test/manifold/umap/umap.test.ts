import { describe, expect, it } from 'vitest';
import type { Matrix, Matrix64 } from '../../../src/core/matrix.js';
import { deserialize, serialize } from '../../../src/core/serialize.js';
import type { Progress } from '../../../src/core/task.js';
import { knn, knnSelf } from '../../../src/neighbors/exact/knn.js';
import { trustworthiness } from '../../../src/manifold/trustworthiness.js';
import type { UmapModel } from '../../../src/manifold/umap/model.js';
import { umapEmbedding, umapResult, umapStart, umapStep, type UmapState } from '../../../src/manifold/umap/state.js';
import { umapTransform } from '../../../src/manifold/umap/transform.js';
import { umap, umapAsync } from '../../../src/manifold/umap/umap.js';
import { loadCsv } from '../../helpers/data.js';
import { gaussianBlobs } from '../../helpers/random-data.js';

const digits = loadCsv('digits');
/** The first 300 digits (64 pixels): all ten classes. */
const X: Matrix64 = { rows: 300, cols: 64, data: digits.data.data.slice(0, 300 * 64) };
const labels = digits.labels.subarray(0, 300);
const quick = { nEpochs: 100, seed: 1 };
const fitted = umap(X, quick);
/** For tests that check plumbing, not quality. */
const brief = { nEpochs: 20, seed: 1 };
const briefFit = umap(X, brief);

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Share of rows whose 10 nearest embedded neighbours vote for their own label. */
function knnAccuracy(E: Matrix, y: Int32Array, k = 10): number {
  const nn = knnSelf(E, k).indices;
  let ok = 0;
  for (let i = 0; i < E.rows; i++) {
    const votes = new Int32Array(10);
    for (let t = 0; t < k; t++) votes[y[nn[i * k + t]!]!]!++;
    let best = 0;
    for (let c = 1; c < 10; c++) if (votes[c]! > votes[best]!) best = c;
    if (best === y[i]) ok++;
  }
  return ok / E.rows;
}

describe('umap on 300 digits', () => {
  it('returns a tagged, finite model whose embedding keeps neighbourhoods (measured T(15) ≈ 0.980)', () => {
    expect(fitted.kind).toBe('umap');
    expect(fitted.version).toBe(1);
    expect(fitted.embedding.rows).toBe(300);
    expect(fitted.embedding.cols).toBe(2);
    expect(fitted.epochs).toBe(100);
    expect(fitted.embedding.data.every(Number.isFinite)).toBe(true);
    // Measured 0.977–0.982 over seeds and inits; PCA to 2-D gives about 0.85 here.
    expect(trustworthiness(X, fitted.embedding, 15)).toBeGreaterThan(0.97);
    expect(knnAccuracy(fitted.embedding, labels)).toBeGreaterThan(0.9);
    expect(fitted.a).toBeCloseTo(1.577, 3);
    expect(fitted.graph.rows).toBe(300);
    expect(fitted.data?.data).not.toBe(X.data); // a copy
  });

  it('is deterministic: the same seed gives the same bits, another seed another layout', () => {
    expect(sameBits(umap(X, quick).embedding.data, fitted.embedding.data)).toBe(true);
    expect(sameBits(umap(X, { ...brief, seed: 2 }).embedding.data, briefFit.embedding.data)).toBe(false);
  });

  it('umapStart + umapStep in any batching + umapResult, and umapAsync, give umap\'s bits', async () => {
    const s = umapStart(X, brief);
    expect(s.epoch).toBe(0);
    umapStep(s, 1);
    umapStep(s, 0);
    umapStep(s, 7);
    // a structured clone (what postMessage sends) continues identically
    const clone = structuredClone(s);
    umapStep(s, 1000); // stops at nEpochs
    umapStep(clone, 12);
    expect(s.epoch).toBe(20);
    expect(sameBits(umapResult(s).embedding.data, briefFit.embedding.data)).toBe(true);
    expect(sameBits(umapEmbedding(clone).data, briefFit.embedding.data)).toBe(true);
    const viaAsync = await umapAsync(X, brief);
    expect(sameBits(viaAsync.embedding.data, briefFit.embedding.data)).toBe(true);
  });

  it('reads Float32 input in place and, for float32-representable values, matches Float64 input', () => {
    const f32: Matrix = { rows: 300, cols: 64, data: Float32Array.from(X.data) };
    const m = umap(f32, brief);
    expect(m.data?.data).toBeInstanceOf(Float32Array);
    expect(sameBits(m.embedding.data, briefFit.embedding.data)).toBe(true);
  });

  it('a precomputed knn gives the same model as the built-in search; its extra columns are ignored', () => {
    const nn = knnSelf(X, 20);
    const m = umap(X, { ...brief, knn: nn });
    expect(sameBits(m.embedding.data, briefFit.embedding.data)).toBe(true);
  });

  it('does not modify its inputs', () => {
    const copy = X.data.slice();
    const target = Int32Array.from(labels);
    umap(X, { nEpochs: 5, target, init: 'random' });
    expect(sameBits(X.data, copy)).toBe(true);
    expect(Array.from(target)).toEqual(Array.from(labels));
  });

  it('reports knn, graph, init and optimize progress in that order', () => {
    const stages: string[] = [];
    let last: Progress | undefined;
    umap(X, { nEpochs: 10, onProgress: (p) => {
      if (stages[stages.length - 1] !== p.stage) stages.push(p.stage);
      last = p;
    } });
    expect(stages).toEqual(['knn', 'graph', 'init', 'optimize']);
    expect(last).toEqual({ stage: 'optimize', completed: 10, total: 10 });
  });
});

describe('umap options', () => {
  it('supervised: labels pull classes apart (10-NN accuracy rises), −1 rows are allowed', () => {
    const target = Int32Array.from(labels);
    for (let i = 0; i < 300; i += 5) target[i] = -1;
    const sup = umap(X, { ...quick, target });
    expect(knnAccuracy(sup.embedding, labels)).toBeGreaterThan(knnAccuracy(fitted.embedding, labels));
    const strict = umap(X, { nEpochs: 50, target: labels, targetWeight: 1, init: 'random' });
    expect(knnAccuracy(strict.embedding, labels)).toBeGreaterThan(0.97);
  });

  it('inits pca, random and a matrix; 3-D; cosine and a custom metric', () => {
    const few = { nEpochs: 50, seed: 1 };
    for (const init of ['pca', 'random'] as const) expect(trustworthiness(X, umap(X, { ...few, init }).embedding, 15)).toBeGreaterThan(0.96);
    const given = umap(X, { nEpochs: 0, init: fitted.embedding });
    // nEpochs 0 returns the init, rescaled to [0, 10] per axis as umap-learn does
    expect(Math.min(...given.embedding.data)).toBe(0);
    expect(Math.max(...given.embedding.data)).toBe(10);
    // A given layout beyond ±2^500 is legal (it is rescaled); it was refused as knnSelf's data.
    const huge = { rows: 300, cols: 2, data: fitted.embedding.data.map((v) => v * 1e200) };
    const big = umap(X, { nEpochs: 0, init: huge });
    expect(Math.min(...big.embedding.data)).toBe(0);
    expect(Math.max(...big.embedding.data)).toBe(10);
    for (let t = 0; t < 600; t++) expect(big.embedding.data[t]).toBeCloseTo(given.embedding.data[t]!, 9);
    const three = umap(X, { ...few, dims: 3 });
    expect(three.embedding.cols).toBe(3);
    expect(trustworthiness(X, three.embedding, 15)).toBeGreaterThan(0.96);
    expect(trustworthiness(X, umap(X, { ...few, metric: 'cosine' }).embedding, 15)).toBeGreaterThan(0.96);
    const manhattan = (a: Float64Array, b: Float64Array): number => {
      let s = 0;
      for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
      return s;
    };
    const custom = umap(X, { ...brief, metric: manhattan });
    expect(custom.metric).toBe('custom');
    expect(sameBits(custom.embedding.data, umap(X, { ...brief, metric: 'manhattan' }).embedding.data)).toBe(true);
  });

  it('lays out a disconnected graph per component (two far blobs, 5 neighbours)', () => {
    const B = gaussianBlobs(120, 5, 2, 0.5, 3);
    for (let i = 0; i < 120; i += 2) B.data[i * 5]! += 1000; // blob 0 far away
    const m = umap(B, { nNeighbors: 5, nEpochs: 50 });
    expect(m.embedding.data.every(Number.isFinite)).toBe(true);
    // the components stay apart: every point's embedded nearest neighbour is in its own blob
    const nn = knnSelf(m.embedding, 1).indices;
    for (let i = 0; i < 120; i++) expect(nn[i]! % 2).toBe(i % 2);
  });

  it('a single row embeds at the origin; duplicates are fine', () => {
    const one = umap([[1, 2, 3]]);
    expect(Array.from(one.embedding.data)).toEqual([0, 0]);
    const dup = umap([[0, 0], [0, 0], [0, 0], [1, 1], [1, 1], [5, 5]], { nNeighbors: 3, nEpochs: 20 });
    expect(dup.embedding.data.every(Number.isFinite)).toBe(true);
  });
});

describe('umap model', () => {
  it('survives structuredClone and serialize/deserialize bit for bit, and transforms the same', () => {
    const back = deserialize<UmapModel>(serialize(fitted), { kind: 'umap' });
    expect(sameBits(back.embedding.data, fitted.embedding.data)).toBe(true);
    expect(sameBits(back.graph.values, fitted.graph.values)).toBe(true);
    const clone = structuredClone(fitted);
    const rows = { rows: 20, cols: 64, data: digits.data.data.slice(300 * 64, 320 * 64) };
    const direct = umapTransform(fitted, rows);
    expect(sameBits(umapTransform(back, rows).data, direct.data)).toBe(true);
    expect(sameBits(umapTransform(clone, rows).data, direct.data)).toBe(true);
  });

  it('transform: training rows land near their fitted positions, new rows near their neighbours', () => {
    const Y = umapTransform(fitted, X, { nEpochs: 30 });
    const E = fitted.embedding.data;
    let extent = 0;
    for (let t = 0; t < E.length; t++) extent = Math.max(extent, Math.abs(E[t]! - E[t % 2]!));
    let mean = 0;
    for (let i = 0; i < 300; i++) mean += Math.hypot(Y.data[2 * i]! - E[2 * i]!, Y.data[2 * i + 1]! - E[2 * i + 1]!) / 300;
    // measured: mean displacement ≈ 1 % of the layout's extent
    expect(mean).toBeLessThan(0.05 * extent);
    const fresh = { rows: 200, cols: 64, data: digits.data.data.slice(300 * 64, 500 * 64) };
    const Z = umapTransform(fitted, fresh);
    // A new digit lands among training digits of its class: 5-NN accuracy against the training
    // layout, measured 0.845 (0.905 in the 64-d input space).
    const nn = knn(fitted.embedding, Z, 5).indices;
    let ok = 0;
    for (let i = 0; i < 200; i++) {
      const votes = new Int32Array(10);
      for (let t = 0; t < 5; t++) votes[labels[nn[i * 5 + t]!]!]!++;
      let best = 0;
      for (let c = 1; c < 10; c++) if (votes[c]! > votes[best]!) best = c;
      if (best === digits.labels[300 + i]) ok++;
    }
    expect(ok / 200).toBeGreaterThan(0.8);
    expect(umapTransform(fitted, { rows: 0, cols: 64, data: new Float64Array(0) }).rows).toBe(0);
  });
});

describe('umap aborts', () => {
  it('during the neighbour search, the graph build and the epochs', async () => {
    for (const stage of ['knn', 'graph', 'optimize']) {
      const ac = new AbortController();
      expect(() => umap(X, { nEpochs: 20, signal: ac.signal, onProgress: (p) => {
        if (p.stage === stage) ac.abort();
      } })).toThrow(expect.objectContaining({ code: 'E_ABORTED' }) as Error);
    }
    const ac = new AbortController();
    const run = umapAsync(X, { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await expect(run).rejects.toMatchObject({ code: 'E_ABORTED' });
    const stopped = new AbortController();
    stopped.abort();
    expect(() => umapStart(X, { signal: stopped.signal })).toThrow(expect.objectContaining({ code: 'E_ABORTED' }) as Error);
  });
});

describe('umap errors', () => {
  const cases: [string, () => unknown, string][] = [
    ['nNeighbors ≥ n', () => umap(X, { nNeighbors: 300 }), 'E_RANGE'],
    ['nNeighbors < 2', () => umap(X, { nNeighbors: 1 }), 'E_RANGE'],
    ['minDist > spread', () => umap(X, { minDist: 2, spread: 1 }), 'E_RANGE'],
    ['dims < 1', () => umap(X, { dims: 0 }), 'E_RANGE'],
    ['non-finite data', () => umap([[1, 2], [NaN, 1], [3, 4]]), 'E_NOT_FINITE'],
    ['target of the wrong length', () => umap(X, { target: labels.subarray(0, 10) }), 'E_SHAPE'],
    ['target below −1', () => umap(X, { target: new Int32Array(300).fill(-2) }), 'E_RANGE'],
    ['unknown option', () => umap(X, { nNeighbours: 5 } as never), 'E_OPTION'],
    ['unknown init', () => umap(X, { init: 'spectra' } as never), 'E_OPTION'],
    ['init of the wrong shape', () => umap(X, { init: [[1, 2]] }), 'E_SHAPE'],
    ['knn with too few columns', () => umap(X, { knn: knnSelf(X, 5) }), 'E_SHAPE'],
    ['knn listing a row as its own neighbour', () => {
      const nn = knnSelf(X, 14);
      nn.indices[3 * 14] = 3;
      return umap(X, { knn: nn });
    }, 'E_RANGE'],
    ['knn not sorted', () => {
      const nn = knnSelf(X, 14);
      nn.distances[0] = 1e9;
      return umap(X, { knn: nn });
    }, 'E_RANGE'],
    ['a without b', () => umap(X, { a: 1 }), 'E_OPTION'],
    ['memoryLimit too small', () => umap(X, { memoryLimit: 1000 }), 'E_MEMORY'],
    ['no rows', () => umap([]), 'E_SHAPE'],
  ];
  it.each(cases)('%s → %s', (_name, f, code) => {
    expect(f).toThrow(expect.objectContaining({ code }) as Error);
  });

  it('a tampered model or state is E_MODEL, never an out-of-bounds read', () => {
    const bad = (mutate: (m: UmapModel) => void): UmapModel => {
      const m = structuredClone(fitted);
      mutate(m);
      return m;
    };
    const rows = [X.data.slice(0, 64)];
    for (const m of [
      bad((m) => (m.embedding.data = new Float64Array(3))),
      bad((m) => (m.graph.indices[0] = 10_000)),
      bad((m) => (m.a = -1)),
      bad((m) => (m.metric = 'nope' as never)),
      bad((m) => (m.data = { rows: 1, cols: 64, data: new Float64Array(64) })),
      bad((m) => (m.kind = 'tsne' as never)),
      bad((m) => (m.embedding.data[5] = 1e200)), // squared distances would overflow
    ]) {
      expect(() => umapTransform(m, rows)).toThrow(expect.objectContaining({ code: 'E_MODEL' }) as Error);
    }
    expect(() => umapTransform(bad((m) => (m.data = null)), rows)).toThrow(expect.objectContaining({ code: 'E_MODEL' }) as Error);
    expect(() => umapTransform(fitted, [[1, 2, 3]])).toThrow(expect.objectContaining({ code: 'E_SHAPE' }) as Error);
    expect(() => umapTransform(fitted, rows, { metric: 'cosine' })).toThrow(expect.objectContaining({ code: 'E_OPTION' }) as Error);
    const s = umapStart(X, { nEpochs: 5 });
    const tamper = (mutate: (s: UmapState) => void): UmapState => {
      const c = structuredClone(s);
      mutate(c);
      return c;
    };
    for (const t of [
      tamper((s) => (s.to[7] = 300)),
      tamper((s) => (s.from[0] = -1)),
      tamper((s) => (s.embedding = new Float64Array(10))),
      tamper((s) => (s.epochOfNextSample = new Float64Array(1))),
      tamper((s) => (s.rng = new Uint32Array(2))),
      tamper((s) => (s.epoch = 99)),
      tamper((s) => (s.embedding[0] = NaN)),
    ]) {
      expect(() => umapStep(t, 1)).toThrow(expect.objectContaining({ code: 'E_MODEL' }) as Error);
    }
    expect(() => umapStep(s, -1)).toThrow(expect.objectContaining({ code: 'E_RANGE' }) as Error);
  });
});

describe('umap on subnormal data (fuzz FC_SEED=9 deep)', () => {
  it("the 'pca' start of data near 1e-323 is finite (10 / max overflowed into NaN)", () => {
    const tiny = [Float64Array.of(1.5e-323), Float64Array.of(-3e-323), Float64Array.of(7e-323)];
    const s = umapStart(tiny, { dims: 1, nNeighbors: 2, nEpochs: 3, init: 'pca' });
    expect(Array.from(s.embedding).every(Number.isFinite)).toBe(true);
    // the order of the points along the axis is kept (up to the sign PCA chooses)
    const e = s.embedding;
    expect((e[1]! < e[0]! && e[0]! < e[2]!) || (e[1]! > e[0]! && e[0]! > e[2]!)).toBe(true);
  });
});
