import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from '../../../src/core/serialize.js';
import type { Progress } from '../../../src/core/task.js';
import { hnswAdd } from '../../../src/neighbors/hnsw/add.js';
import { hnswIndex, hnswIndexAsync } from '../../../src/neighbors/hnsw/index-build.js';
import type { HnswIndex, HnswMetric } from '../../../src/neighbors/hnsw/model.js';
import { hnswQuery } from '../../../src/neighbors/hnsw/query.js';
import { hnswRemove } from '../../../src/neighbors/hnsw/remove.js';
import { clustered, exactKnn, recallAt, slice } from './fixtures.js';

/** The fields of an index, with each array cut to the part in use (ids < size, upperUsed slots). */
function usedParts(ix: HnswIndex): Record<string, unknown> {
  const n = ix.size;
  const d = ix.dims;
  return {
    size: ix.size,
    entryPoint: ix.entryPoint,
    maxLevel: ix.maxLevel,
    rng: Array.from(ix.rng),
    vectors: ix.vectors.slice(0, ix.quantize === 'none' ? n * d : 0),
    codes: ix.codes.slice(0, ix.quantize === 'int8' ? n * d : 0),
    codeNorms: ix.codeNorms.slice(0, ix.quantize === 'int8' ? n : 0),
    levels: ix.levels.slice(0, n),
    links0: ix.links0.slice(0, n * (ix.m0 + 1)),
    upperOffset: ix.upperOffset.slice(0, n),
    links: ix.links.slice(0, ix.upperUsed),
    deleted: ix.deleted.slice(0, n),
  };
}

describe('hnswIndex / hnswQuery', () => {
  it('documented examples print what the docs say', () => {
    const a = hnswQuery(hnswIndex([[0, 0], [1, 0], [5, 5]], { seed: 1 }), [[4, 4]], 2);
    expect(Array.from(a.indices)).toEqual([2, 1]);
    expect(Array.from(a.distances)).toEqual([Math.SQRT2, 5]);
    const index = hnswIndex([[0, 0], [1, 0], [5, 5], [6, 5]], { seed: 1 });
    const b = hnswQuery(index, [[5, 4]], 2);
    expect(b).toEqual({ indices: Int32Array.from([2, 3]), distances: Float64Array.from([1, Math.SQRT2]), rows: 1, k: 2 });
    expect(Array.from(hnswQuery(index, [[5, 4]], 2, { filter: (id) => id < 2 }).indices)).toEqual([1, 0]);
    const grown = hnswIndex([[0, 0], [1, 0]]);
    expect(hnswAdd(grown, [[5, 5]])).toBe(grown);
    expect(grown.size).toBe(3);
    expect(Array.from(hnswQuery(grown, [[4, 4]], 1).indices)).toEqual([2]);
    const removed = hnswRemove(hnswIndex([[0, 0], [1, 0], [5, 5]]), [2]);
    expect(Array.from(hnswQuery(removed, [[4, 4]], 1).indices)).toEqual([1]);
  });

  const { data, queries } = clustered(2000, 60, 16, 10, 7);
  /** A cheaper build for the tests that are not about recall at the defaults. */
  const FAST = { m: 8, efConstruction: 48 } as const;
  const cases: [HnswMetric, number][] = [
    ['euclidean', 0.95],
    ['cosine', 0.95],
    ['dot', 0.9],
  ];
  for (const [metric, floor] of cases) {
    it(`recall@10 against exact search at the defaults (${metric})`, () => {
      const index = hnswIndex(data, { metric });
      const got = hnswQuery(index, queries, 10);
      const exact = exactKnn(data, queries, 10, metric);
      const recall = recallAt(exact.indices, got.indices, queries.rows, 10);
      expect(recall).toBeGreaterThanOrEqual(floor);
      // The distances are the metric's: each found neighbour's distance is the exact one.
      const d = data.cols;
      for (let r = 0; r < 5; r++) {
        const qr = queries.data.subarray(r * d, (r + 1) * d);
        for (let t = 0; t < 10; t++) {
          const x = data.data.subarray(got.indices[r * 10 + t]! * d, (got.indices[r * 10 + t]! + 1) * d);
          let dot = 0;
          let qq = 0;
          let xx = 0;
          let l2 = 0;
          for (let j = 0; j < d; j++) {
            dot += qr[j]! * x[j]!;
            qq += qr[j]! * qr[j]!;
            xx += x[j]! * x[j]!;
            l2 += (qr[j]! - x[j]!) ** 2;
          }
          const want = metric === 'euclidean' ? Math.sqrt(l2) : metric === 'cosine' ? 1 - dot / Math.sqrt(qq * xx) : 1 - dot;
          expect(got.distances[r * 10 + t]).toBeCloseTo(want, 5);
          if (t > 0) expect(got.distances[r * 10 + t]).toBeGreaterThanOrEqual(got.distances[r * 10 + t - 1]!);
        }
      }
    });
  }

  it('recall rises with ef and reaches 0.99', () => {
    const index = hnswIndex(data, { metric: 'cosine', m: 6, efConstruction: 24 });
    const exact = exactKnn(data, queries, 10, 'cosine');
    const low = recallAt(exact.indices, hnswQuery(index, queries, 10, { ef: 10 }).indices, queries.rows, 10);
    const high = recallAt(exact.indices, hnswQuery(index, queries, 10, { ef: 200 }).indices, queries.rows, 10);
    expect(high).toBeGreaterThan(low);
    expect(high).toBeGreaterThanOrEqual(0.99);
  });

  it('is deterministic: the same seed gives the same arrays, another seed other levels', () => {
    const X = slice(data, 0, 600);
    const a = hnswIndex(X, { ...FAST, seed: 5 });
    const b = hnswIndex(X, { ...FAST, seed: 5 });
    expect(b).toEqual(a);
    const c = hnswIndex(X, { ...FAST, seed: 6 });
    expect(Array.from(c.levels)).not.toEqual(Array.from(a.levels));
  });

  it('hnswAdd gives the same index as building with the rows appended (same seed)', () => {
    for (const metric of ['euclidean', 'cosine'] as const) {
      const X = slice(data, 0, 700);
      const whole = hnswIndex(X, { metric, seed: 3, m: 6, efConstruction: 40 });
      const grown = hnswIndex(slice(X, 0, 300), { metric, seed: 3, m: 6, efConstruction: 40 });
      hnswAdd(grown, slice(X, 300, 301));
      hnswAdd(grown, slice(X, 301, 520));
      hnswAdd(grown, slice(X, 520, 700));
      expect(grown.capacity).toBeGreaterThanOrEqual(700);
      expect(usedParts(grown)).toEqual(usedParts(whole));
      expect(hnswQuery(grown, queries, 5)).toEqual(hnswQuery(whole, queries, 5));
      // An index grown from nothing, one row at a time, too.
      const fromEmpty = hnswIndex({ rows: 0, cols: X.cols, data: new Float32Array(0) }, { metric, seed: 3, m: 6, efConstruction: 40 });
      for (let i = 0; i < 120; i++) hnswAdd(fromEmpty, slice(X, i, i + 1));
      expect(usedParts(fromEmpty)).toEqual(usedParts(hnswIndex(slice(X, 0, 120), { metric, seed: 3, m: 6, efConstruction: 40 })));
    }
  });

  it('hnswAdd does not modify the caller rows and leaves the rows inserted so far on abort', () => {
    const index = hnswIndex(slice(data, 0, 200), FAST);
    const rows = slice(data, 200, 400);
    const copy = rows.data.slice();
    const ac = new AbortController();
    let calls = 0;
    expect(() =>
      hnswAdd(index, rows, {
        signal: ac.signal,
        onProgress: (p) => {
          calls++;
          if (p.completed >= 256 || calls === 1) ac.abort();
        },
      }),
    ).toThrow(expect.objectContaining({ code: 'E_ABORTED' }) as Error);
    expect(rows.data).toEqual(copy);
    // Rows are checked first (no report), then inserted; aborted at the first report (none yet
    // at 200 rows < 256 except the last one), so all or a prefix are in, and the index works.
    expect(index.size).toBeGreaterThanOrEqual(200);
    expect(hnswQuery(index, queries, 3).rows).toBe(queries.rows);
  });

  it('skips removed points, still returns k, and removing twice does nothing', () => {
    const X = slice(data, 0, 800);
    const index = hnswIndex(X, FAST);
    const gone = Array.from({ length: 400 }, (_, i) => 2 * i);
    hnswRemove(index, gone);
    hnswRemove(index, [0, 2]);
    expect(index.deletedCount).toBe(400);
    const got = hnswQuery(index, queries, 10);
    for (const id of got.indices) expect(id % 2).toBe(1);
    const live = slice(X, 0, 800);
    const keep = new Float32Array(400 * X.cols);
    for (let i = 0; i < 400; i++) keep.set(live.data.subarray((2 * i + 1) * X.cols, (2 * i + 2) * X.cols), i * X.cols);
    const exact = exactKnn({ rows: 400, cols: X.cols, data: keep }, queries, 10, 'euclidean');
    const mapped = Int32Array.from(exact.indices, (i) => 2 * i + 1);
    expect(recallAt(mapped, got.indices, queries.rows, 10)).toBeGreaterThanOrEqual(0.95);
    // Delete all but 3: every query gets exactly those 3, nearest first.
    hnswRemove(index, Array.from({ length: 397 }, (_, i) => 2 * i + 1));
    const few = hnswQuery(index, queries, 3);
    for (let r = 0; r < queries.rows; r++) expect(Array.from(few.indices.subarray(3 * r, 3 * r + 3)).sort((a, b) => a - b)).toEqual([795, 797, 799]);
    // New points do not link to deleted ones, except (as hnswlib) a deleted entry point.
    const ep = index.entryPoint;
    hnswAdd(index, slice(data, 800, 900));
    let links = 0;
    for (let i = 800; i < 900; i++) {
      const base = i * (index.m0 + 1);
      for (let j = 1; j <= index.links0[base]!; j++) {
        const to = index.links0[base + j]!;
        if (to !== ep) expect(index.deleted[to]).toBe(0);
        links++;
      }
    }
    expect(links).toBeGreaterThan(100);
  });

  it('filter: only allowed ids, k of them when they exist, exact when the filter is selective', () => {
    const index = hnswIndex(data, FAST);
    const exact = exactKnn(data, queries, data.rows, 'euclidean');
    const allowedWhere = (allowed: (id: number) => boolean, k: number): Int32Array => {
      const out = new Int32Array(queries.rows * k).fill(-1);
      for (let r = 0; r < queries.rows; r++) {
        let t = 0;
        for (let u = 0; u < data.rows && t < k; u++) {
          const id = exact.indices[r * data.rows + u]!;
          if (allowed(id)) out[r * k + t++] = id;
        }
      }
      return out;
    };
    // A third of the points: graph search, recall as without a filter.
    const third = (id: number): boolean => id % 3 === 0;
    const a = hnswQuery(index, queries, 10, { filter: third });
    for (const id of a.indices) expect(id % 3).toBe(0);
    expect(recallAt(allowedWhere(third, 10), a.indices, queries.rows, 10)).toBeGreaterThanOrEqual(0.95);
    // 16 points out of 2000: the exact scan, the same ids as brute force.
    const rare = (id: number): boolean => id % 125 === 7;
    expect(hnswQuery(index, queries, 10, { filter: rare }).indices).toEqual(allowedWhere(rare, 10));
    // Fewer allowed than k: padded with -1 / Infinity.
    const three = (id: number): boolean => id === 5 || id === 50 || id === 500;
    const c = hnswQuery(index, queries, 5, { filter: three });
    for (let r = 0; r < queries.rows; r++) {
      expect(Array.from(c.indices.subarray(5 * r + 3, 5 * r + 5))).toEqual([-1, -1]);
      expect(Array.from(c.distances.subarray(5 * r + 3, 5 * r + 5))).toEqual([Infinity, Infinity]);
      expect(Array.from(c.indices.subarray(5 * r, 5 * r + 3)).sort((x, y) => x - y)).toEqual([5, 50, 500]);
    }
  });

  it('survives serialize / deserialize and structuredClone bit for bit, and answers the same', () => {
    for (const quantize of ['none', 'int8'] as const) {
      const index = hnswIndex(slice(data, 0, 300), { ...FAST, metric: 'cosine', quantize });
      hnswRemove(index, [3, 4]);
      hnswAdd(index, slice(data, 300, 320));
      const back = deserialize<HnswIndex>(serialize(index), { kind: 'hnsw' });
      expect(back).toEqual(index);
      const clone = structuredClone(index);
      expect(clone).toEqual(index);
      const want = hnswQuery(index, queries, 7);
      expect(hnswQuery(back, queries, 7)).toEqual(want);
      expect(hnswQuery(clone, queries, 7)).toEqual(want);
      // Transferring the buffers (as postMessage does) keeps it usable.
      const moved = structuredClone(index, { transfer: [index.vectors.buffer, index.codes.buffer, index.links0.buffer, index.links.buffer] });
      expect(hnswQuery(moved, queries, 7)).toEqual(want);
    }
  });

  it("quantize: 'int8' stores a quarter of the bytes; with rerank, recall within 0.01 of Float32", () => {
    // Many small clusters, as embeddings (at low d in dense clusters the codes' error reorders
    // more neighbours: see the guide).
    const { data, queries } = clustered(1000, 40, 32, 50, 7, 0.3);
    for (const metric of ['euclidean', 'cosine', 'dot'] as const) {
      const f = hnswIndex(data, { ...FAST, metric });
      const q = hnswIndex(data, { ...FAST, metric, quantize: 'int8' });
      // d bytes of codes per point, plus an 8-byte norm except under dot: (d + 8) / 4d.
      const perPoint = metric === 'dot' ? data.cols : data.cols + 8;
      expect(q.codes.byteLength + q.codeNorms.byteLength).toBe(perPoint * data.rows);
      expect(q.vectors.length).toBe(0);
      expect(f.codes.length + f.codeNorms.length).toBe(0);
      const exact = exactKnn(data, queries, 10, metric);
      const rf = recallAt(exact.indices, hnswQuery(f, queries, 10).indices, queries.rows, 10);
      const plain = hnswQuery(q, queries, 10);
      const reranked = hnswQuery(q, queries, 10, { rerank: data });
      // Measured 0.99, 0.985, 0.99 against 1 without rerank; 1, 1, 1 with it.
      expect(recallAt(exact.indices, plain.indices, queries.rows, 10)).toBeGreaterThanOrEqual(rf - 0.02);
      expect(recallAt(exact.indices, reranked.indices, queries.rows, 10)).toBeGreaterThanOrEqual(rf - 0.01);
      // Distances to the decoded vectors are within the codes' error; reranked ones are exact.
      const fd = hnswQuery(f, queries, 1);
      for (let r = 0; r < queries.rows; r++) {
        expect(Math.abs(plain.distances[r * 10]! - fd.distances[r]!)).toBeLessThan(0.01 * Math.max(1, Math.abs(fd.distances[r]!)));
        if (reranked.indices[r * 10] === fd.indices[r]) expect(reranked.distances[r * 10]).toBeCloseTo(fd.distances[r]!, 6);
      }
    }
  });

  it('reports progress, stops on abort, and the async build is the same index', async () => {
    const X = slice(data, 0, 600);
    const seen: Progress[] = [];
    const index = hnswIndex(X, { ...FAST, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.completed)).toEqual([256, 512, 600]);
    expect(seen.every((p) => p.stage === 'build' && p.total === 600)).toBe(true);
    expect(await hnswIndexAsync(X, FAST)).toEqual(index);
    const ac = new AbortController();
    ac.abort();
    expect(() => hnswIndex(X, { signal: ac.signal })).toThrow(expect.objectContaining({ code: 'E_ABORTED' }) as Error);
    await expect(hnswIndexAsync(X, { signal: ac.signal })).rejects.toMatchObject({ code: 'E_ABORTED' });
    const queryReports: number[] = [];
    hnswQuery(index, queries, 2, { onProgress: (p) => queryReports.push(p.completed) });
    expect(queryReports).toEqual([60]);
  });

  it('accepts number[][], Float64 and Float32 data alike (the same Float32 vectors)', () => {
    const X = slice(data, 0, 300);
    const rows = Array.from({ length: 300 }, (_, i) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)));
    const a = hnswIndex(X, FAST);
    expect(hnswIndex(rows, FAST)).toEqual(a);
    expect(hnswIndex({ rows: 300, cols: X.cols, data: Float64Array.from(X.data) }, FAST)).toEqual(a);
    expect(a.vectors.subarray(0, 300 * X.cols)).toEqual(X.data);
  });

  it('handles duplicates, n = 1 and k = n', () => {
    const dup = hnswIndex([[1, 1], [1, 1], [1, 1], [2, 2]]);
    const r = hnswQuery(dup, [[1, 1]], 4);
    expect(Array.from(r.indices)).toEqual([0, 1, 2, 3]);
    expect(Array.from(r.distances)).toEqual([0, 0, 0, Math.SQRT2]);
    const one = hnswIndex([[3, 4]], { metric: 'cosine' });
    expect(Array.from(hnswQuery(one, [[6, 8]], 1).distances)).toEqual([0]);
    const all = hnswQuery(hnswIndex(slice(data, 0, 300), FAST), queries, 300);
    const exact = exactKnn(slice(data, 0, 300), queries, 300, 'euclidean');
    for (let r2 = 0; r2 < queries.rows; r2++) {
      expect(Array.from(all.indices.subarray(r2 * 300, (r2 + 1) * 300)).sort((x, y) => x - y)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    }
    expect(recallAt(exact.indices, all.indices, queries.rows, 300)).toBe(1);
  });
});
