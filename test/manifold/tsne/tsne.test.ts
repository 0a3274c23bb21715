import { describe, expect, it } from 'vitest';
import { isLatentError } from '../../../src/core/errors.js';
import { deserialize, serialize } from '../../../src/core/serialize.js';
import type { Matrix } from '../../../src/core/matrix.js';
import { randomNormal, rng } from '../../../src/core/random.js';
import { pca, pcaTransform } from '../../../src/decomposition/index.js';
import { trustworthiness, tsne, tsneAsync, tsneEmbedding, tsneResult, tsneStart, tsneStep, type TsneProgress } from '../../../src/manifold/index.js';
import { loadCsv } from '../../helpers/data.js';
import { expectLatentError } from '../../helpers/latent-error.js';

const iris = loadCsv('iris');
/** Every third iris row: 50 points, all three species. */
const small: Matrix = { rows: 50, cols: 4, data: new Float64Array(200) };
for (let i = 0; i < 50; i++) small.data.set(iris.data.data.subarray(12 * i, 12 * i + 4), 4 * i);
const quick = { iterations: 150, exaggerationIterations: 50, perplexity: 10 };

function std(values: Float64Array, stride: number, offset: number): number {
  const n = values.length / stride;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i * stride + offset]!;
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (values[i * stride + offset]! - mean) ** 2;
  return Math.sqrt(v / n);
}

function allFinite(m: Matrix): boolean {
  return m.data.every((v) => Number.isFinite(v));
}

describe('tsne on iris (default options)', () => {
  it('returns a tagged result whose embedding keeps neighbourhoods (Barnes–Hut, 2-D)', () => {
    const r = tsne(iris.data);
    expect(r.kind).toBe('tsne');
    expect(r.version).toBe(1);
    expect(r.iterations).toBe(1000);
    expect(r.klMethod).toBe('exact');
    expect(r.embedding.rows).toBe(150);
    expect(r.embedding.cols).toBe(2);
    expect(r.kl).toBeGreaterThan(0);
    expect(r.kl).toBeLessThan(0.3);
    expect(trustworthiness(iris.data, r.embedding, 5)).toBeGreaterThan(0.98);
  });

  it('exact method (theta 0) and 3-D Barnes–Hut (octree) reach the same quality', () => {
    const exact = tsne(iris.data, { theta: 0 });
    expect(exact.kl).toBeLessThan(0.3);
    expect(trustworthiness(iris.data, exact.embedding, 5)).toBeGreaterThan(0.98);
    const three = tsne(iris.data, { dims: 3, iterations: 500 });
    expect(three.embedding.cols).toBe(3);
    expect(trustworthiness(iris.data, three.embedding, 5)).toBeGreaterThan(0.98);
  });

  it('the exact method embeds in other dimensions too (1-D)', () => {
    const r = tsne(small, { ...quick, theta: 0, dims: 1 });
    expect(r.embedding.cols).toBe(1);
    expect(allFinite(r.embedding)).toBe(true);
    expect(trustworthiness(small, r.embedding, 3)).toBeGreaterThan(0.9);
  });
});

describe('determinism and the step-by-step interface', () => {
  it('gives a bit-identical embedding for the same seed, and a different one for another seed', () => {
    for (const init of ['pca', 'random'] as const) {
      const a = tsne(small, { ...quick, init, seed: 3 });
      const b = tsne(small, { ...quick, init, seed: 3 });
      expect(b.embedding.data).toEqual(a.embedding.data);
      expect(b.kl).toBe(a.kl);
    }
    const c = tsne(small, { ...quick, init: 'random', seed: 4 });
    expect(c.embedding.data).not.toEqual(tsne(small, { ...quick, init: 'random', seed: 3 }).embedding.data);
  });

  it('tsneStart + tsneStep in any batching + tsneResult equals tsne, bit for bit', () => {
    const direct = tsne(small, quick);
    const s = tsneStart(small, quick);
    expect(s.iteration).toBe(0);
    tsneStep(s, 7);
    tsneStep(s);
    tsneStep(s, 60);
    expect(s.iteration).toBe(68);
    tsneStep(s, 1000);
    expect(s.phase).toBe('done');
    expect(s.iteration).toBe(150);
    const r = tsneResult(s);
    expect(r.embedding.data).toEqual(direct.embedding.data);
    expect(r.kl).toBe(direct.kl);
    expect(tsneStep(s, 5).iteration).toBe(150); // done: no more work
  });

  it('the state survives structuredClone: a clone continues exactly like the original', () => {
    for (const theta of [0.5, 0]) {
      const s = tsneStart(small, { ...quick, theta });
      tsneStep(s, 40);
      const clone = structuredClone(s);
      tsneStep(s, 60);
      tsneStep(clone, 60);
      expect(clone.embedding).toEqual(s.embedding);
      expect(clone.iteration).toBe(s.iteration);
      expect(clone.kl).toBe(s.kl);
    }
  });

  it('the result and the state round-trip through serialize/deserialize bit for bit', () => {
    const r = tsne(small, quick);
    const back = deserialize<typeof r>(serialize(r));
    expect(back.kind).toBe('tsne');
    expect(back.version).toBe(1);
    expect(back.embedding.data).toEqual(r.embedding.data);
    expect(back.kl).toBe(r.kl);
    const s = tsneStart(small, quick);
    const restored = deserialize<typeof s>(serialize(s));
    expect(Number.isNaN(restored.kl)).toBe(true);
    tsneStep(s, 30);
    tsneStep(restored, 30);
    expect(restored.embedding).toEqual(s.embedding);
  });

  it('tsneEmbedding copies (or fills `out`) and tracks the live state', () => {
    const s = tsneStart(small, quick);
    const e0 = tsneEmbedding(s);
    tsneStep(s, 10);
    expect(e0.data).not.toEqual(s.embedding);
    const out = new Float64Array(100);
    const e1 = tsneEmbedding(s, out);
    expect(e1.data).toBe(out);
    expect(out).toEqual(s.embedding);
    expect(e1.rows).toBe(50);
    expect(e1.cols).toBe(2);
  });

  it('starts from the given init matrix, unchanged and uncopied-into', () => {
    const init = Array.from({ length: 50 }, (_, i) => [Math.cos(i), Math.sin(i)]);
    const snapshot = JSON.stringify(init);
    const s = tsneStart(small, { ...quick, init });
    expect(Array.from(s.embedding)).toEqual(init.flat());
    tsneStep(s, 20);
    expect(JSON.stringify(init)).toBe(snapshot);
  });

  it("'pca' init is the PCA projection scaled so the first column has std 1e-4; 'random' has std 1e-4", () => {
    const s = tsneStart(iris.data);
    expect(std(s.embedding, 2, 0)).toBeCloseTo(1e-4, 15);
    const scores = pcaTransform(pca(iris.data, { components: 2 }), iris.data).data;
    const f = 1e-4 / std(scores, 2, 0);
    for (let t = 0; t < 300; t++) expect(s.embedding[t]).toBeCloseTo(scores[t]! * f, 15);
    const r = tsneStart(iris.data, { init: 'random' });
    expect(std(r.embedding, 2, 0)).toBeGreaterThan(0.8e-4);
    expect(std(r.embedding, 2, 0)).toBeLessThan(1.2e-4);
  });

  it('does not mutate X', () => {
    const copy = small.data.slice();
    tsne(small, quick);
    expect(small.data).toEqual(copy);
  });

  it('ends a phase early, as scikit-learn, when the gradient norm falls below 1e-7', () => {
    // All points start at one location: every force is exactly zero, so each phase stops at
    // its first check (iteration 50 of the exaggeration phase, then 50 iterations later).
    const zeros = Array.from({ length: 50 }, () => [0, 0]);
    const r = tsne(small, { init: zeros, iterations: 1000 });
    expect(r.iterations).toBe(100);
    expect(r.embedding.data.every((v) => v === 0)).toBe(true);
  });

  it('stops early, as scikit-learn, after 300 iterations without KL progress', () => {
    const s = tsneStart(small, { ...quick, iterations: 5000 });
    tsneStep(s, 60); // now in the final phase
    expect(s.phase).toBe('final');
    s.bestKl = -1; // nothing can beat this: no progress from here on
    s.bestIteration = s.iteration;
    tsneStep(s, 5000);
    expect(s.phase).toBe('done');
    expect(s.iteration).toBeGreaterThan(360);
    expect(s.iteration).toBeLessThanOrEqual(60 + 300 + 50 + 1);
    expect(tsneResult(s).iterations).toBe(s.iteration);
  });
});

describe('progress and abort', () => {
  it('reports progress every 50 iterations and at the end, with a finite KL', () => {
    const seen: TsneProgress[] = [];
    tsne(small, { ...quick, iterations: 120, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.iteration)).toEqual([50, 100, 120]);
    for (const p of seen) {
      expect(p.total).toBe(120);
      expect(Number.isFinite(p.kl)).toBe(true);
    }
  });

  it('throws E_ABORTED when the signal fires (from onProgress) and when it fired before the call', () => {
    const ac = new AbortController();
    let calls = 0;
    expectLatentError(
      () =>
        tsne(small, {
          ...quick,
          signal: ac.signal,
          onProgress: () => {
            calls++;
            ac.abort();
          },
        }),
      'E_ABORTED',
      'tsne',
    );
    expect(calls).toBe(1);
    expectLatentError(() => tsne(small, { signal: ac.signal }), 'E_ABORTED');
    expectLatentError(() => tsneStart(small, { signal: ac.signal }), 'E_ABORTED');
  });

  it('tsneAsync yields to the event loop: equal to tsne, and abortable from a timer', async () => {
    const sync = tsne(small, quick);
    const asyncResult = await tsneAsync(small, quick);
    expect(asyncResult.embedding.data).toEqual(sync.embedding.data);
    const ac = new AbortController();
    let last = 0;
    const run = tsneAsync(iris.data, { iterations: 1_000_000, signal: ac.signal, onProgress: (p) => (last = p.iteration) });
    setTimeout(() => ac.abort(), 30);
    const err: unknown = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isLatentError(err) && err.code).toBe('E_ABORTED');
    expect(last).toBeLessThan(1_000_000);
    await expect(tsneAsync(small, { perplexity: 0 })).rejects.toMatchObject({ code: 'E_RANGE' });
  });
});

describe('degenerate but legal input', () => {
  it('duplicate rows, identical rows and n = 2·perplexity + 2 give finite embeddings', () => {
    const dup: number[][] = [];
    for (let i = 0; i < 40; i++) dup.push(Array.from(small.data.subarray(4 * (i % 8), 4 * (i % 8) + 4)));
    for (const theta of [0.5, 0]) {
      expect(allFinite(tsne(dup, { ...quick, theta }).embedding)).toBe(true);
      const same = tsne(Array.from({ length: 12 }, () => [1, 2, 3]), { ...quick, perplexity: 3, theta });
      expect(allFinite(same.embedding)).toBe(true);
      expect(Number.isFinite(same.kl)).toBe(true);
    }
    const r = rng(9);
    const tiny = Array.from({ length: 8 }, () => [randomNormal(r), randomNormal(r), randomNormal(r)]);
    const out = tsne(tiny, { perplexity: 3, iterations: 300 });
    expect(out.embedding.rows).toBe(8);
    expect(allFinite(out.embedding)).toBe(true);
    expect(allFinite(tsne(Array.from({ length: 4 }, (_, i) => [i]), { perplexity: 1 }).embedding)).toBe(true);
  });

  it('accepts any metric, including a custom function (input distances are squared)', () => {
    const custom = (a: Float64Array, b: Float64Array): number => {
      let s = 0;
      for (let t = 0; t < a.length; t++) s += Math.abs(a[t]! - b[t]!);
      return s;
    };
    const viaName = tsne(small, { ...quick, metric: 'manhattan' });
    const viaFunction = tsne(small, { ...quick, metric: custom });
    for (let t = 0; t < 100; t++) expect(viaFunction.embedding.data[t]).toBeCloseTo(viaName.embedding.data[t]!, 6);
    expect(trustworthiness(small, tsne(small, { ...quick, metric: 'cosine', theta: 0 }).embedding, 3, 'cosine')).toBeGreaterThan(0.85);
  });
});

describe('errors', () => {
  it('rejects bad data and options with LatentError', () => {
    expectLatentError(() => tsne([[0], [1], [2]]), 'E_SHAPE', 'tsne', 'at least 4 rows', '3');
    expectLatentError(() => tsne([[0], [1], [NaN], [3]]), 'E_NOT_FINITE', 'X');
    expectLatentError(() => tsne([[], [], [], []]), 'E_SHAPE', 'column');
    // @ts-expect-error: not a matrix
    expectLatentError(() => tsne('data'), 'E_TYPE', 'X');
    expectLatentError(() => tsne(small, { perplexity: 0 }), 'E_RANGE', 'perplexity', '(0, 50)', '0');
    expectLatentError(() => tsne(small, { perplexity: 50 }), 'E_RANGE', 'perplexity', '50');
    expectLatentError(() => tsne(small, { perplexity: NaN }), 'E_NOT_FINITE', 'perplexity');
    expectLatentError(() => tsne(small, { dims: 4 }), 'E_RANGE', 'dims', '2 or 3', 'Barnes–Hut', '4');
    expectLatentError(() => tsne(small, { dims: 1 }), 'E_RANGE', 'dims', '1');
    // @ts-expect-error: wrong type
    expectLatentError(() => tsne(small, { dims: '2' }), 'E_TYPE', 'dims');
    expectLatentError(() => tsne(small, { dims: 0, theta: 0 }), 'E_RANGE', 'dims');
    expectLatentError(() => tsne(small, { theta: 1.5 }), 'E_RANGE', 'theta');
    expectLatentError(() => tsne(small, { theta: -0.1 }), 'E_RANGE', 'theta');
    expectLatentError(() => tsne(small, { earlyExaggeration: 0.5 }), 'E_RANGE', 'earlyExaggeration');
    expectLatentError(() => tsne(small, { exaggerationIterations: -1 }), 'E_RANGE', 'exaggerationIterations');
    expectLatentError(() => tsne(small, { iterations: 0 }), 'E_RANGE', 'iterations');
    expectLatentError(() => tsne(small, { iterations: 2.5 }), 'E_RANGE', 'iterations');
    expectLatentError(() => tsne(small, { learningRate: 0 }), 'E_RANGE', 'learningRate');
    // @ts-expect-error: unknown learning-rate keyword
    expectLatentError(() => tsne(small, { learningRate: 'fast' }), 'E_TYPE', 'learningRate', "'auto'");
    // @ts-expect-error: unknown init keyword
    expectLatentError(() => tsne(small, { init: 'spectral' }), 'E_OPTION', 'init', 'spectral');
    expectLatentError(() => tsne(small, { init: [[0, 0]] }), 'E_SHAPE', 'init', '50 × 2', '1 × 2');
    expectLatentError(() => tsne(small, { init: Array.from({ length: 50 }, () => [0, NaN]) }), 'E_NOT_FINITE', 'init');
    // @ts-expect-error: unknown metric
    expectLatentError(() => tsne(small, { metric: 'hamming' }), 'E_OPTION', 'metric');
    expectLatentError(() => tsne(small, { seed: -1 }), 'E_RANGE', 'seed');
    // @ts-expect-error: not a function
    expectLatentError(() => tsne(small, { onProgress: 5 }), 'E_TYPE', 'onProgress');
    // @ts-expect-error: not a signal
    expectLatentError(() => tsne(small, { signal: {} }), 'E_TYPE', 'signal');
    // @ts-expect-error: not an object
    expectLatentError(() => tsne(small, 5), 'E_TYPE', 'options');
    expectLatentError(() => tsneStart(small, { perplexity: -1 }), 'E_RANGE', 'tsneStart', 'perplexity');
  });

  it('refuses an exact run whose n × n matrix cannot be allocated (E_MEMORY)', () => {
    const big = { rows: 46_341, cols: 1, data: new Float64Array(46_341).map((_, i) => i) };
    expectLatentError(() => tsne(big, { theta: 0 }), 'E_MEMORY', 'tsne', 'theta > 0');
  });

  it('diverging runs stop with E_CONVERGENCE instead of returning NaN', () => {
    expectLatentError(() => tsne(small, { ...quick, learningRate: 1e300 }), 'E_CONVERGENCE', 'learningRate');
  });

  it('the step functions reject foreign or corrupt states', () => {
    const s = tsneStart(small, quick);
    // @ts-expect-error: not a state
    expectLatentError(() => tsneStep({ kind: 'tsne' }), 'E_MODEL', 'tsneStep');
    expectLatentError(() => tsneStep({ ...s, embedding: new Float64Array(3) }), 'E_MODEL', 'tsneStep', 'corrupt');
    expectLatentError(() => tsneStep(s, -1), 'E_RANGE', 'steps');
    expectLatentError(() => tsneEmbedding(s, new Float64Array(3)), 'E_SHAPE', 'out', '100');
    // @ts-expect-error: not a state
    expectLatentError(() => tsneResult(null), 'E_MODEL', 'tsneResult');
  });
});

describe('hardening', () => {
  const X = loadCsv('iris').data;

  it('tsneStep honours the signal given to tsneStart; a structured clone carries plain data only', () => {
    const ac = new AbortController();
    const s = tsneStart(X, { signal: ac.signal, iterations: 50 });
    tsneStep(s, 2);
    ac.abort();
    expectLatentError(() => tsneStep(s, 1), 'E_ABORTED', 'tsneStep: aborted');
    expect(s.iteration).toBe(2);
    const clone = structuredClone(s); // would throw DataCloneError if the signal were enumerable
    expect(tsneStep(clone, 1).iteration).toBe(3);
  });

  it('a tampered state is E_MODEL, never a hang or an out-of-bounds read', () => {
    const base = tsneStart(X, { iterations: 10 });
    const shortOrder = structuredClone(base);
    shortOrder.tree!.order = new Int32Array(3);
    expectLatentError(() => tsneStep(shortOrder, 1), 'E_MODEL', 'tsneStep: state must come from tsneStart');
    const badColumn = structuredClone(base);
    badColumn.columns[0] = 10_000;
    expectLatentError(() => tsneStep(badColumn, 1), 'E_MODEL', 'affinity columns must lie in (row, n)');
    const badRows = structuredClone(base);
    badRows.rowStart[5] = 1e6;
    expectLatentError(() => tsneStep(badRows, 1), 'E_MODEL', 'row starts');
    const badGains = structuredClone(base);
    badGains.gains = new Float64Array(3);
    expectLatentError(() => tsneStep(badGains, 1), 'E_MODEL', 'gains must be a Float64Array');
    const badPhase = structuredClone(base) as unknown as { phase: string };
    badPhase.phase = 'warp';
    expectLatentError(() => tsneStep(badPhase as never, 1), 'E_MODEL', 'unknown phase');
  });

  it('the exact method checks its n × n memory against memoryLimit', () => {
    expectLatentError(() => tsne(X, { theta: 0, memoryLimit: 1000 }), 'E_MEMORY', "tsne: the exact method's n × n affinity matrix");
  });

  it('tsneAsync: an abort during the set-up stops it, with the name the caller used', async () => {
    const ac = new AbortController();
    const p = tsneAsync(loadCsv('digits').data, { signal: ac.signal });
    setTimeout(() => ac.abort(), 5);
    await expect(p).rejects.toMatchObject({ code: 'E_ABORTED', message: expect.stringContaining('tsneAsync: aborted') as unknown });
  });

  it('the blocked set-up gives the same affinities as before: sync and async agree bit for bit', async () => {
    const a = tsne(X, { iterations: 60, seed: 3 });
    const b = await tsneAsync(X, { iterations: 60, seed: 3 });
    expect(Array.from(b.embedding.data)).toEqual(Array.from(a.embedding.data));
  });
});
