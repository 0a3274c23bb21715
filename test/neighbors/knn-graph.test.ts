import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/core/matrix.js';
import type { Progress } from '../../src/core/task.js';
import { cosine, euclidean, manhattan } from '../../src/distance/metrics.js';
import { knnSelf } from '../../src/neighbors/exact/knn.js';
import { KNN_GRAPH_EXACT_MAX_ROWS, KNN_GRAPH_EXACT_ROWS_PER_K, KNN_GRAPH_TREE_MAX_DIMS, knnGraph, knnGraphAsync, knnGraphAutoMethod, knnGraphWork, type KnnGraph } from '../../src/neighbors/knn-graph.js';
import { runSync } from '../../src/core/task.js';
import { expectLatentError, latentErrorCode } from '../helpers/latent-error.js';
import { gaussianBlobs, uniformMatrix } from '../helpers/random-data.js';

/** Share of the exact neighbour lists (as sets) that the graph found. */
function recall(g: KnnGraph, exact: { indices: Int32Array }, n: number, k: number): number {
  let hit = 0;
  for (let i = 0; i < n; i++) {
    const truth = new Set(exact.indices.subarray(i * k, (i + 1) * k));
    for (let t = 0; t < k; t++) if (truth.has(g.indices[i * k + t]!)) hit++;
  }
  return hit / (n * k);
}

/**
 * Every row: k distinct other rows, nearest first (ties by index), distances equal to the metric's.
 * Returns the first problem found (one expect per graph keeps the test fast).
 */
function problems(g: KnnGraph, X: Matrix, k: number, dist: (a: Float64Array, b: Float64Array) => number): string {
  const n = X.rows;
  const d = X.cols;
  if (g.rows !== n || g.k !== k || g.indices.length !== n * k || g.distances.length !== n * k) return 'shape';
  const row = (i: number): Float64Array => Float64Array.from(X.data.subarray(i * d, (i + 1) * d));
  for (let i = 0; i < n; i++) {
    const seen = new Set<number>();
    for (let t = 0; t < k; t++) {
      const j = g.indices[i * k + t]!;
      if (!(j >= 0 && j < n) || j === i || seen.has(j)) return `row ${i}: bad neighbour ${j}`;
      seen.add(j);
      if (g.distances[i * k + t] !== dist(row(i), row(j))) return `row ${i}: distance to ${j} is ${g.distances[i * k + t]}, not ${dist(row(i), row(j))}`;
      if (t > 0) {
        const prev = g.distances[i * k + t - 1]!;
        const cur = g.distances[i * k + t]!;
        if (!(prev < cur || (prev === cur && g.indices[i * k + t - 1]! < j))) return `row ${i}: not sorted at ${t}`;
      }
    }
  }
  return 'none';
}

function expectWellFormed(g: KnnGraph, X: Matrix, k: number, dist: (a: Float64Array, b: Float64Array) => number): void {
  expect(problems(g, X, k, dist)).toBe('none');
}

describe('knnGraph examples', () => {
  it('documented example', () => {
    const X = [[0, 0], [1, 0], [0, 1], [10, 10], [11, 10]];
    const g = knnGraph(X, 2);
    expect(Array.from(g.indices)).toEqual([1, 2, 0, 2, 0, 1, 4, 1, 3, 1]);
    expect(g.method).toBe('exact');
    expect(g.iterations).toBe(0);
    const nd = knnGraph(X, 2, { method: 'nndescent' });
    expect(nd.method).toBe('nndescent');
    expect(Array.from(nd.indices)).toEqual(Array.from(g.indices));
    expect(Array.from(nd.distances)).toEqual(Array.from(g.distances));
  });

  it("'auto' is exact for small or low-dimensional data and NN-descent for large", () => {
    expect(knnGraphAutoMethod(1797, 64, 15)).toBe('exact');
    expect(knnGraphAutoMethod(KNN_GRAPH_EXACT_MAX_ROWS, 384, 15)).toBe('exact');
    expect(knnGraphAutoMethod(KNN_GRAPH_EXACT_MAX_ROWS + 1, 384, 15)).toBe('nndescent');
    expect(knnGraphAutoMethod(10000, 784, 15)).toBe('nndescent');
    expect(knnGraphAutoMethod(100000, KNN_GRAPH_TREE_MAX_DIMS, 15)).toBe('exact');
    expect(knnGraphAutoMethod(100000, KNN_GRAPH_TREE_MAX_DIMS, 15, 'manhattan')).toBe('exact');
    expect(knnGraphAutoMethod(100000, KNN_GRAPH_TREE_MAX_DIMS + 1, 15)).toBe('nndescent');
    expect(knnGraphAutoMethod(100000, 2, 15, 'cosine')).toBe('nndescent');
    expect(knnGraphAutoMethod(100000, 2, 15, (a, b) => Math.abs(a[0]! - b[0]!))).toBe('nndescent');
    // Many neighbours: NN-descent's joins grow with k.
    expect(knnGraphAutoMethod(KNN_GRAPH_EXACT_ROWS_PER_K * 91, 784, 91)).toBe('exact');
    expect(knnGraphAutoMethod(KNN_GRAPH_EXACT_ROWS_PER_K * 91 + 1, 784, 91)).toBe('nndescent');
    const X = uniformMatrix(KNN_GRAPH_EXACT_MAX_ROWS + 1, 5, 1);
    expect(knnGraph(X, 3).method).toBe('nndescent');
    expect(knnGraph(X, 3, { method: 'exact' }).method).toBe('exact');
  });

  it("'exact' equals knnSelf", () => {
    const X = gaussianBlobs(300, 5, 4, 1, 3);
    for (const metric of ['euclidean', 'cosine', 'manhattan'] as const) {
      const g = knnGraph(X, 7, { metric, method: 'exact' });
      const r = knnSelf(X, 7, { metric });
      expect(g.indices).toEqual(r.indices);
      expect(g.distances).toEqual(r.distances);
    }
  });
});

describe('knnGraph NN-descent quality (measured bounds)', () => {
  // Measured recall (default seed 42; seeds 1–4 within ±0.002): 0.995, 0.990, 0.992, 0.996.
  const cases: [string, Matrix, 'euclidean' | 'cosine', number, number][] = [
    ['clustered 2000 × 16', gaussianBlobs(2000, 16, 10, 1, 1), 'euclidean', 10, 0.98],
    ['uniform 3000 × 8', uniformMatrix(3000, 8, 2), 'euclidean', 10, 0.975],
    ['uniform 2000 × 16', uniformMatrix(2000, 16, 3), 'euclidean', 15, 0.975],
    ['clustered 2000 × 16, cosine', gaussianBlobs(2000, 16, 8, 2, 4), 'cosine', 10, 0.98],
  ];
  for (const [name, X, metric, k, bound] of cases) {
    it(`${name}: recall ≥ ${bound} against the exact graph`, () => {
      const g = knnGraph(X, k, { metric, method: 'nndescent' });
      const r = recall(g, knnSelf(X, k, { metric }), X.rows, k);
      expect(r).toBeGreaterThanOrEqual(bound);
      expect(g.iterations).toBeGreaterThan(0);
    });
  }

  it('rows are well formed and distances exact for the pairs found (euclidean, cosine, manhattan, custom)', () => {
    const X = gaussianBlobs(400, 6, 5, 1, 7);
    expectWellFormed(knnGraph(X, 8, { method: 'nndescent' }), X, 8, euclidean);
    expectWellFormed(knnGraph(X, 8, { method: 'nndescent', metric: 'cosine' }), X, 8, cosine);
    expectWellFormed(knnGraph(X, 8, { method: 'nndescent', metric: 'manhattan' }), X, 8, manhattan);
    const l1 = (a: Float64Array, b: Float64Array): number => manhattan(a, b);
    const custom = knnGraph(X, 8, { method: 'nndescent', metric: l1 });
    expectWellFormed(custom, X, 8, manhattan);
    expect(recall(custom, knnSelf(X, 8, { metric: 'manhattan' }), 400, 8)).toBeGreaterThanOrEqual(0.97);
  });

  it('sqeuclidean finds the euclidean graph with squared distances', () => {
    const X = uniformMatrix(500, 4, 9);
    const e = knnGraph(X, 5, { method: 'nndescent' });
    const s = knnGraph(X, 5, { method: 'nndescent', metric: 'sqeuclidean' });
    expect(s.indices).toEqual(e.indices);
    for (let t = 0; t < e.distances.length; t++) expect(s.distances[t]).toBeCloseTo(e.distances[t]! ** 2, 12);
  });
});

describe('knnGraph determinism and storage types', () => {
  it('same seed, same graph bit for bit; another seed still valid', () => {
    const X = uniformMatrix(800, 12, 5);
    const a = knnGraph(X, 10, { method: 'nndescent', seed: 7 });
    const b = knnGraph(X, 10, { method: 'nndescent', seed: 7 });
    expect(b.indices).toEqual(a.indices);
    expect(b.distances).toEqual(a.distances);
    expect(b.iterations).toBe(a.iterations);
    const c = knnGraph(X, 10, { method: 'nndescent', seed: 8 });
    expect(recall(c, knnSelf(X, 10), 800, 10)).toBeGreaterThan(0.97); // measured 0.989
    // A random start (no trees) is deterministic too.
    const r1 = knnGraph(X, 10, { method: 'nndescent', nTrees: 0 });
    expect(knnGraph(X, 10, { method: 'nndescent', nTrees: 0 }).indices).toEqual(r1.indices);
  });

  it('Float32 and Float64 copies of the same values give the same graph', () => {
    // Multiples of 1/64 in [-8, 8): exactly representable in both types.
    const src = uniformMatrix(1000, 10, 11, -8, 8);
    const q = src.data.map((v) => Math.round(v * 64) / 64);
    const X64: Matrix = { rows: 1000, cols: 10, data: q };
    const X32: Matrix = { rows: 1000, cols: 10, data: Float32Array.from(q) };
    for (const metric of ['euclidean', 'cosine'] as const) {
      const a = knnGraph(X64, 12, { method: 'nndescent', metric });
      const b = knnGraph(X32, 12, { method: 'nndescent', metric });
      expect(b.indices).toEqual(a.indices);
      expect(b.distances).toEqual(a.distances);
    }
  });

  it('reads Float32 input in place: no Float64 copy of the matrix', () => {
    // 2 000 × 2 048 Float32 = 16 MiB; a Float64 copy would add 32 MiB. NN-descent's own arrays at
    // k = 2 are a few hundred KiB; peak growth is sampled at every checkpoint.
    const n = 2000;
    const d = 2048;
    const src = uniformMatrix(n, 8, 18);
    const data = new Float32Array(n * d);
    for (let i = 0; i < n * d; i++) data[i] = src.data[(i * 7) % (n * 8)]! + (i % d) / d;
    const X: Matrix = { rows: n, cols: d, data };
    // The growth can read as negative when a collection frees earlier garbage after `before`, so
    // the check that sampling happened counts calls rather than asking for growth above zero.
    const before = process.memoryUsage().arrayBuffers;
    let peak = -Infinity;
    let samples = 0;
    const sample = (): void => {
      samples++;
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
    };
    const g = knnGraph(X, 2, { method: 'nndescent', nIters: 2, onProgress: sample });
    expect(g.rows).toBe(n);
    expect(samples).toBeGreaterThan(0);
    expect(peak).toBeLessThan(8 * 2 ** 20);
  });

  it("plans the exact method's memory by what it copies: Float32 rows in place above 20 columns, a Float64 copy for the tree", () => {
    // The plan (memoryLimit) counts the result, n·k·12 bytes, plus a Float64 copy only where
    // createIndexWork makes one: a vantage-point tree (≤ 20 columns) or a metric function.
    const wide = uniformMatrix(600, 64, 31);
    const wide32: Matrix = { rows: 600, cols: 64, data: Float32Array.from(wide.data) };
    const result = 600 * 10 * 12;
    expect(knnGraph(wide32, 10, { method: 'exact', memoryLimit: result }).rows).toBe(600);
    const narrow = uniformMatrix(600, 4, 32);
    const narrow32: Matrix = { rows: 600, cols: 4, data: Float32Array.from(narrow.data) };
    expectLatentError(() => knnGraph(narrow32, 10, { method: 'exact', memoryLimit: result }), 'E_MEMORY');
    expect(knnGraph(narrow32, 10, { method: 'exact', memoryLimit: result + 600 * 4 * 8 }).rows).toBe(600);
    expectLatentError(() => knnGraph(wide32, 10, { method: 'exact', metric: (a, b) => euclidean(a, b), memoryLimit: result }), 'E_MEMORY');
  });

  it('does not modify its input', () => {
    const X = uniformMatrix(300, 5, 12);
    const copy = X.data.slice();
    knnGraph(X, 6, { method: 'nndescent' });
    expect(X.data).toEqual(copy);
  });

  it('knnGraphAsync and knnGraphWork give the same graph', async () => {
    const X = uniformMatrix(600, 6, 13);
    const a = knnGraph(X, 8, { method: 'nndescent' });
    const b = await knnGraphAsync(X, 8, { method: 'nndescent' });
    expect(b.indices).toEqual(a.indices);
    const c = runSync(knnGraphWork('umap', X, 8, { method: 'nndescent' }), { fn: 'umap' });
    expect(c.distances).toEqual(a.distances);
    expect(latentErrorCode(() => knnGraphWork('umap', X, 0))).toBe('E_RANGE');
  });
});

describe('knnGraph degenerate but legal input', () => {
  it('n = 2 and k = n − 1 (every other row)', () => {
    for (const method of ['exact', 'nndescent'] as const) {
      const two = knnGraph([[0, 0], [3, 4]], 1, { method });
      expect(Array.from(two.indices)).toEqual([1, 0]);
      expect(Array.from(two.distances)).toEqual([5, 5]);
    }
    const X = uniformMatrix(60, 3, 14);
    const all = knnGraph(X, 59, { method: 'nndescent', nTrees: 0 });
    const ex = knnGraph(X, 59, { method: 'exact' });
    expect(all.indices).toEqual(ex.indices);
    expect(all.distances).toEqual(ex.distances);
  });

  it('duplicates: all-identical rows, and many copies of few points', () => {
    const same = knnGraph(Array.from({ length: 40 }, () => [1, 2, 3]), 5, { method: 'nndescent' });
    expectWellFormed(same, { rows: 40, cols: 3, data: new Float64Array(120).map((_, i) => (i % 3) + 1) }, 5, euclidean);
    expect(Array.from(same.distances)).toEqual(new Array<number>(200).fill(0));
    // 600 rows, 20 distinct points (30 copies each): every neighbour of a row is a copy of it.
    const base = uniformMatrix(20, 4, 15);
    const data = new Float64Array(600 * 4);
    for (let i = 0; i < 600; i++) data.set(base.data.subarray((i % 20) * 4, (i % 20) * 4 + 4), i * 4);
    const X: Matrix = { rows: 600, cols: 4, data };
    const g = knnGraph(X, 10, { method: 'nndescent' });
    expectWellFormed(g, X, 10, euclidean);
    let zeros = 0;
    for (const v of g.distances) if (v === 0) zeros++;
    expect(zeros / g.distances.length).toBeGreaterThanOrEqual(0.95);
  });

  it('zero rows under cosine sit at distance 1 from everything', () => {
    const X = [[0, 0], [1, 0], [0, 1], [1, 1], [0, 0]];
    const g = knnGraph(X, 2, { method: 'nndescent', metric: 'cosine' });
    expect(Array.from(g.distances.subarray(0, 2))).toEqual([1, 1]);
    expectWellFormed(g, { rows: 5, cols: 2, data: Float64Array.from(X.flat()) }, 2, cosine);
  });

  it('zero columns: every distance is 0', () => {
    const g = knnGraph({ rows: 4, cols: 0, data: new Float64Array(0) }, 2, { method: 'nndescent' });
    expect(Array.from(g.distances)).toEqual(new Array<number>(8).fill(0));
  });
});

describe('knnGraph progress and abort', () => {
  it("the exact method reports only its own 'exact' stage, from 0 to n, and stops on abort", () => {
    for (const X of [uniformMatrix(1500, 40, 17), uniformMatrix(3000, 3, 18)]) {
      const reports: Progress[] = [];
      knnGraph(X, 8, { method: 'exact', onProgress: (p: Progress) => reports.push(p) });
      expect(new Set(reports.map((p) => p.stage))).toEqual(new Set(['exact']));
      expect(reports.length).toBeGreaterThan(2);
      expect(reports[0]).toEqual({ stage: 'exact', completed: 0, total: X.rows });
      expect(reports.at(-1)).toEqual({ stage: 'exact', completed: X.rows, total: X.rows });
      const ac = new AbortController();
      let calls = 0;
      expectLatentError(() => knnGraph(X, 8, { method: 'exact', signal: ac.signal, onProgress: () => ++calls === 2 && ac.abort() }), 'E_ABORTED');
      expect(calls).toBe(2);
    }
  });

  it('reports stages and stops with E_ABORTED when onProgress aborts', () => {
    const X = uniformMatrix(2000, 8, 16);
    const stages = new Set<string>();
    knnGraph(X, 10, { method: 'nndescent', onProgress: (p: Progress) => stages.add(p.stage) });
    expect([...stages]).toEqual(['init', 'trees', 'descent']);
    const ac = new AbortController();
    let after = 0;
    expectLatentError(
      () =>
        knnGraph(X, 10, {
          method: 'nndescent',
          signal: ac.signal,
          onProgress: (p) => {
            if (ac.signal.aborted) after++;
            if (p.stage === 'descent') ac.abort();
          },
        }),
      'E_ABORTED',
      'knnGraph',
    );
    expect(after).toBe(0);
    const done = new AbortController();
    done.abort();
    expectLatentError(() => knnGraph(X, 10, { signal: done.signal }), 'E_ABORTED');
    expectLatentError(() => knnGraph(X, 10, { method: 'exact', signal: done.signal }), 'E_ABORTED');
  });

  it('knnGraphAsync rejects with E_ABORTED', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(knnGraphAsync(uniformMatrix(100, 3, 1), 5, { signal: ac.signal })).rejects.toMatchObject({ code: 'E_ABORTED' });
  });
});

describe('knnGraph bad input', () => {
  const X = uniformMatrix(20, 3, 17);
  it('a misbehaving metric function is reported under the name of the function called (fuzz: wrong-function-name)', () => {
    expectLatentError(() => knnGraph(X, 2, { method: 'exact', metric: () => Infinity }), 'E_NOT_FINITE', 'knnGraph: metric function must return a finite number >= 0, got Infinity');
    expectLatentError(() => runSync(knnGraphWork('tsneAsync', X, 2, { method: 'exact', metric: () => -1 }), { fn: 'tsneAsync' }), 'E_RANGE', 'tsneAsync: metric function');
  });
  it('k out of range or not an integer', () => {
    expectLatentError(() => knnGraph(X, 20), 'E_RANGE', 'knnGraph: k must be an integer in [1, 19], got 20');
    expectLatentError(() => knnGraph(X, 0), 'E_RANGE', 'k');
    expectLatentError(() => knnGraph(X, 2.5), 'E_RANGE', 'k');
    expectLatentError(() => knnGraph(X, '3' as unknown as number), 'E_TYPE', 'k');
  });
  it('too few rows, non-finite or malformed data', () => {
    expectLatentError(() => knnGraph([[1, 2]], 1), 'E_SHAPE', 'at least 2 rows');
    expectLatentError(() => knnGraph([[1, 2], [NaN, 0]], 1), 'E_NOT_FINITE', 'X');
    expectLatentError(() => knnGraph({ rows: 2, cols: 1, data: Float32Array.of(1, Infinity) }, 1), 'E_NOT_FINITE');
    expectLatentError(() => knnGraph([[1, 2], [3]], 1), 'E_SHAPE');
    expectLatentError(() => knnGraph('X' as unknown as number[][], 1), 'E_TYPE');
    expectLatentError(() => knnGraph([[1e200], [0]], 1, { method: 'nndescent' }), 'E_RANGE', '2^500');
    expectLatentError(() => knnGraph([[1e200, 1e200], [0, 1]], 1, { method: 'nndescent', metric: 'cosine' }), 'E_RANGE', 'squared norms');
  });
  it('unknown or invalid options', () => {
    expectLatentError(() => knnGraph(X, 2, { metod: 'exact' } as never), 'E_OPTION', "'metod'", "'method'");
    expectLatentError(() => knnGraph(X, 2, { method: 'hnsw' as never }), 'E_OPTION', 'method');
    expectLatentError(() => knnGraph(X, 2, { metric: 'dot' as never }), 'E_OPTION', 'metric');
    expectLatentError(() => knnGraph(X, 2, 'exact' as never), 'E_TYPE', 'options');
    expectLatentError(() => knnGraph(X, 2, { rho: 0 }), 'E_RANGE', 'rho');
    expectLatentError(() => knnGraph(X, 2, { rho: 1.5 }), 'E_RANGE', 'rho');
    expectLatentError(() => knnGraph(X, 2, { delta: -1 }), 'E_RANGE', 'delta');
    expectLatentError(() => knnGraph(X, 2, { nIters: 0 }), 'E_RANGE', 'nIters');
    expectLatentError(() => knnGraph(X, 2, { nTrees: -1 }), 'E_RANGE', 'nTrees');
    expectLatentError(() => knnGraph(X, 2, { seed: -1 }), 'E_RANGE', 'seed');
    expectLatentError(() => knnGraph(X, 2, { onProgress: 1 as never }), 'E_TYPE', 'onProgress');
    expectLatentError(() => knnGraph(X, 2, { signal: {} as never }), 'E_TYPE', 'signal');
    expectLatentError(() => knnGraph(X, 2, { memoryLimit: 100, method: 'nndescent' }), 'E_MEMORY', 'memoryLimit');
    expectLatentError(() => knnGraph(X, 2, { memoryLimit: 100, method: 'exact' }), 'E_MEMORY');
  });
  it('a misbehaving custom metric', () => {
    expectLatentError(() => knnGraph(X, 2, { method: 'nndescent', metric: () => -1 }), 'E_RANGE', 'metric');
    expectLatentError(() => knnGraph(X, 2, { method: 'nndescent', metric: () => NaN }), 'E_NOT_FINITE', 'metric');
  });
});

describe('knnGraphAsync and knnGraphAutoMethod validate (fuzz)', () => {
  it('knnGraphAsync rejects bad input through its promise, never a synchronous throw', async () => {
    let p: Promise<unknown> | undefined;
    expect(() => {
      p = knnGraphAsync([[0], [1], [2]], -1);
    }).not.toThrow();
    await expect(p).rejects.toMatchObject({ code: 'E_RANGE', message: expect.stringMatching(/^knnGraphAsync: k must be/) as unknown });
  });
  it('knnGraphAutoMethod checks its sizes and metric', () => {
    expectLatentError(() => knnGraphAutoMethod(5e-324, 3, 2), 'E_RANGE', 'knnGraphAutoMethod: n must be');
    expectLatentError(() => knnGraphAutoMethod(100, null as never, 2), 'E_TYPE', 'knnGraphAutoMethod: d must be');
    expectLatentError(() => knnGraphAutoMethod(100, 3, undefined as never), 'E_TYPE', 'knnGraphAutoMethod: k must be');
    expectLatentError(() => knnGraphAutoMethod(100, 3, 2, 'Euclidean' as never), 'E_OPTION', 'knnGraphAutoMethod: metric must be one of');
    expect(knnGraphAutoMethod(100, 0, 2)).toBe('exact');
  });
});
