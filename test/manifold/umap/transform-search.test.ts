import { describe, expect, it } from 'vitest';
import type { Matrix, Matrix64 } from '../../../src/core/matrix.js';
import { deserialize, serialize } from '../../../src/core/serialize.js';
import type { UmapModel } from '../../../src/manifold/umap/model.js';
import { autoMayWalk, graphEntries, useGraphSearch } from '../../../src/manifold/umap/transform-search.js';
import { umapTransform } from '../../../src/manifold/umap/transform.js';
import { umap } from '../../../src/manifold/umap/umap.js';
import { knn } from '../../../src/neighbors/exact/knn.js';
import { loadCsv } from '../../helpers/data.js';
import { gaussianBlobs } from '../../helpers/random-data.js';

const digits = loadCsv('digits');
const n = 1297;
const train: Matrix64 = { rows: n, cols: 64, data: digits.data.data.slice(0, n * 64) };
const fresh: Matrix64 = { rows: 500, cols: 64, data: digits.data.data.slice(n * 64) };
const trainLabels = digits.labels.subarray(0, n);
const freshLabels = digits.labels.subarray(n);
const model = umap(train, { seed: 3, nEpochs: 100 });
const again: Matrix64 = { rows: 400, cols: 64, data: train.data.slice(0, 400 * 64) };

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Mean distance of transformed training rows from their fitted positions. */
function landing(m: UmapModel, Y: Matrix): number {
  const E = m.embedding.data;
  let s = 0;
  for (let i = 0; i < Y.rows; i++) s += Math.hypot(Y.data[2 * i]! - E[2 * i]!, Y.data[2 * i + 1]! - E[2 * i + 1]!);
  return s / Y.rows;
}

/** Share of new rows whose 10 nearest fitted points (in the embedding) vote for their label. */
function transferAccuracy(m: UmapModel, Y: Matrix): number {
  const nn = knn(m.embedding, Y, 10).indices;
  let ok = 0;
  for (let i = 0; i < Y.rows; i++) {
    const votes = new Int32Array(10);
    for (let t = 0; t < 10; t++) votes[trainLabels[nn[i * 10 + t]!]!]!++;
    let best = 0;
    for (let c = 1; c < 10; c++) if (votes[c]! > votes[best]!) best = c;
    if (best === freshLabels[i]) ok++;
  }
  return ok / Y.rows;
}

describe("umapTransform's neighbour search", () => {
  it("'graph' places training rows as near their fitted positions as 'exact' does, and new rows as well", () => {
    const exact = umapTransform(model, again, { search: 'exact', nEpochs: 30 });
    const graph = umapTransform(model, again, { search: 'graph', nEpochs: 30 });
    // measured: 0.167 for both (the walk found every row's exact neighbours: the same bits)
    expect(landing(model, graph)).toBeLessThanOrEqual(landing(model, exact) * 1.1 + 0.005);
    const accExact = transferAccuracy(model, umapTransform(model, fresh, { search: 'exact', nEpochs: 30 }));
    const accGraph = transferAccuracy(model, umapTransform(model, fresh, { search: 'graph', nEpochs: 30 }));
    // measured: 0.950 (exact) and 0.948 (graph)
    expect(accGraph).toBeGreaterThanOrEqual(accExact - 0.02);
  });

  it("'auto' is exact below the crossover (same bits), and 'graph' is deterministic and survives serialize", () => {
    expect(autoMayWalk(n, 64)).toBe(false);
    const rows: Matrix64 = { rows: 40, cols: 64, data: fresh.data.slice(0, 40 * 64) };
    expect(sameBits(umapTransform(model, rows, { nEpochs: 5 }).data, umapTransform(model, rows, { search: 'exact', nEpochs: 5 }).data)).toBe(true);
    const g = umapTransform(model, rows, { search: 'graph', nEpochs: 5 });
    expect(sameBits(umapTransform(model, rows, { search: 'graph', nEpochs: 5 }).data, g.data)).toBe(true);
    const back = deserialize<UmapModel>(serialize(model));
    expect(sameBits(umapTransform(back, rows, { search: 'graph', nEpochs: 5 }).data, g.data)).toBe(true);
    // Float32 rows: the same answer (digits are exact in Float32)
    const f32 = { rows: 40, cols: 64, data: Float32Array.from(rows.data) };
    expect(sameBits(umapTransform(model, f32, { search: 'graph', nEpochs: 5 }).data, g.data)).toBe(true);
  });

  it('a model of separate clusters (several graph components): the tree start keeps the landing', () => {
    const X = gaussianBlobs(600, 12, 12, 0.05, 9);
    const m = umap(X, { seed: 1, nEpochs: 60 });
    expect(graphEntries(m.graph, m.nNeighbors, 1).components).toBeGreaterThan(1);
    const rows: Matrix64 = { rows: 200, cols: 12, data: Float64Array.from(X.data.subarray(0, 200 * 12)) };
    const exact = landing(m, umapTransform(m, rows, { search: 'exact', nEpochs: 20 }));
    const graph = landing(m, umapTransform(m, rows, { search: 'graph', nEpochs: 20 }));
    // measured: 0.371 for both
    expect(graph).toBeLessThanOrEqual(exact * 1.1 + 0.005);
  });

  it("'auto' needs a large, connected enough graph", () => {
    const e = graphEntries(model.graph, 15, 1);
    expect(e.components).toBe(1);
    expect(e.unreached).toBe(0);
    expect(new Set(e.entries).size).toBe(e.entries.length);
    expect(useGraphSearch('graph', model.graph, 64, 15, null)).toBe(true);
    expect(useGraphSearch('exact', model.graph, 64, 15, e)).toBe(false);
    // digits are below the crossover; MNIST-sized models are above
    expect(useGraphSearch('auto', model.graph, 64, 15, e)).toBe(false);
    expect(useGraphSearch('auto', model.graph, 784, 15, e)).toBe(true);
    expect(autoMayWalk(9000, 784)).toBe(true);
    // a graph with too few edges per row (an intersection-only union) is searched exactly
    const sparse = { ...model.graph, indices: model.graph.indices.subarray(0, n * 5) };
    expect(useGraphSearch('auto', sparse, 784, 15, e)).toBe(false);
    // entries that leave more than 1 % of the rows unreachable
    expect(useGraphSearch('auto', model.graph, 784, 15, { ...e, unreached: 13 })).toBe(false);
  });

  it('checks the option, reports the search as knn progress and honours an aborted signal', () => {
    const rows: Matrix64 = { rows: 10, cols: 64, data: fresh.data.slice(0, 640) };
    expect(() => umapTransform(model, rows, { search: 'fast' as 'graph' })).toThrow(expect.objectContaining({ code: 'E_OPTION' }) as Error);
    const stages = new Set<string>();
    umapTransform(model, rows, { search: 'graph', nEpochs: 2, onProgress: (p) => stages.add(p.stage) });
    expect([...stages]).toEqual(['knn', 'optimize']);
    // a tampered graph is refused before any walk
    const tampered = structuredClone(model);
    tampered.graph.indices[3] = n + 5;
    expect(() => umapTransform(tampered, rows, { search: 'graph' })).toThrow(expect.objectContaining({ code: 'E_MODEL' }) as Error);
    const ac = new AbortController();
    ac.abort();
    expect(() => umapTransform(model, rows, { search: 'graph', signal: ac.signal })).toThrow(expect.objectContaining({ code: 'E_ABORTED' }) as Error);
  });
});
