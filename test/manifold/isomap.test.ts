import { describe, expect, it } from 'vitest';
import type { Matrix64 } from '../../src/core/matrix.js';
import { deserialize, serialize } from '../../src/core/serialize.js';
import { isomap, type IsomapModel } from '../../src/manifold/isomap.js';
import { isomapTransform } from '../../src/manifold/isomap-transform.js';
import { trustworthiness } from '../../src/manifold/trustworthiness.js';
import { knnSelf } from '../../src/neighbors/exact/knn.js';
import { euclidean } from '../../src/distance/metrics.js';
import { expectLatentError } from '../helpers/latent-error.js';
import { loadCsv, loadGolden } from '../helpers/data.js';

interface IsomapGolden {
  data: string;
  nNeighbors: number;
  embedding: number[][];
  reconstructionError: number;
  trust12: number;
}
interface Golden {
  swissRoll: { data: number[][] };
  isomap: IsomapGolden[];
}
interface Extra {
  transform: { nNeighbors: number; embedding: number[][]; eigenvalues: number[]; reconstructionError: number; transformed: number[][] };
  dims3: { embedding: number[][]; eigenvalues: number[] };
  disconnected: { components: number; nNeighbors: number; embedding: number[][]; eigenvalues: number[]; points: number[][]; transformed: number[][] };
  manhattan: { nNeighbors: number; embedding: number[][] };
}
interface Ties {
  digitsTies: { rows: Record<string, number[]> };
}

const golden = loadGolden<Golden>('manifold');
const extra = loadGolden<Extra>('manifold-isomap');
const ties = loadGolden<Ties>('manifold-extra');
const rollRows = golden.swissRoll.data;
const roll: Matrix64 = { rows: 1000, cols: 3, data: Float64Array.from(rollRows.flat()) };
const roll500: Matrix64 = { rows: 500, cols: 3, data: roll.data.slice(0, 1500) };

/**
 * Largest |ref − ours| / max|ref| of each column, signs included (latent and scikit-learn both
 * make each eigenvector's largest-magnitude entry positive).
 */
function columnErrors(ref: number[][], got: Matrix64): number[] {
  const out: number[] = [];
  for (let c = 0; c < got.cols; c++) {
    let num = 0;
    let den = 0;
    for (let i = 0; i < ref.length; i++) {
      num = Math.max(num, Math.abs(ref[i]![c]! - got.data[i * got.cols + c]!));
      den = Math.max(den, Math.abs(ref[i]![c]!));
    }
    out.push(num / den);
  }
  return out;
}

const relative = (a: number, b: number): number => Math.abs(a / b - 1);

describe('isomap (golden: scikit-learn 1.9.1, eigen_solver dense)', () => {
  it('swiss roll, 1000 points, nNeighbors 12: embedding with signs, reconstruction error, trustworthiness', () => {
    const ref = golden.isomap.find((g) => g.data === 'swiss_roll')!;
    const model = isomap(roll, { nNeighbors: 12 });
    for (const e of columnErrors(ref.embedding, model.embedding)) expect(e).toBeLessThan(1e-6);
    expect(relative(model.reconstructionError, ref.reconstructionError)).toBeLessThan(1e-6);
    expect(Math.abs(trustworthiness(roll, model.embedding, 12) - ref.trust12)).toBeLessThan(1e-6);
    expect(model.components).toBe(1);
  });

  it("digits, nNeighbors 30, with scikit-learn's choice among tied neighbours", () => {
    // 106 digits rows tie at their 30th neighbour (integer pixels); the golden file used
    // scikit-learn's choice (see make_manifold_extra.py). With latent's own tie-breaking the
    // embedding moves by ~2 % — a different graph, not a numerical difference.
    const ref = golden.isomap.find((g) => g.data === 'digits')!;
    const X = loadCsv('digits').data;
    const k = ref.nNeighbors;
    const nn = knnSelf(X, k);
    for (const [row, nbrs] of Object.entries(ties.digitsTies.rows)) {
      const i = Number(row);
      nbrs.forEach((j, t) => {
        nn.indices[i * k + t] = j;
        nn.distances[i * k + t] = euclidean(X.data.subarray(i * 64, i * 64 + 64), X.data.subarray(j * 64, j * 64 + 64));
      });
    }
    const model = isomap(X, { nNeighbors: k, knn: nn });
    for (const e of columnErrors(ref.embedding, model.embedding)) expect(e).toBeLessThan(1e-6);
    expect(relative(model.reconstructionError, ref.reconstructionError)).toBeLessThan(1e-6);
    // latent's trustworthiness ranks tied input distances by index (scikit-learn's sort is not
    // stable), so it scores scikit-learn's own embedding 0.8576284248463961 (trustworthiness(X,
    // golden embedding, 12)) against scikit-learn's 0.8576240182475953: the scores agree to 1e-5,
    // and ours equals latent's score of the reference to 1e-9.
    const ours = trustworthiness(X, model.embedding, 12);
    expect(Math.abs(ours - 0.8576284248463961)).toBeLessThan(1e-9);
    expect(Math.abs(ours - ref.trust12)).toBeLessThan(1e-5);
  });

  it('500 points, nNeighbors 10: eigenvalues, reconstruction error, and isomapTransform of new and training rows', () => {
    const ref = extra.transform;
    const model = isomap(roll500, { nNeighbors: ref.nNeighbors });
    for (const e of columnErrors(ref.embedding, model.embedding)) expect(e).toBeLessThan(1e-6);
    for (let c = 0; c < 2; c++) expect(relative(model.eigenvalues[c]!, ref.eigenvalues[c]!)).toBeLessThan(1e-9);
    expect(relative(model.reconstructionError, ref.reconstructionError)).toBeLessThan(1e-6);
    const queries = [...rollRows.slice(500, 560), ...rollRows.slice(0, 3)];
    const out = isomapTransform(model, queries);
    expect(out.rows).toBe(63);
    for (const e of columnErrors(ref.transformed, out)) expect(e).toBeLessThan(1e-6);
    // A training row maps onto its fitted position.
    for (let i = 0; i < 3; i++) {
      for (let c = 0; c < 2; c++) expect(Math.abs(out.data[(60 + i) * 2 + c]! - model.embedding.data[i * 2 + c]!)).toBeLessThan(1e-8 * 300);
    }
  });

  it('three dimensions', () => {
    const model = isomap(roll500, { nNeighbors: 10, dims: 3 });
    for (const e of columnErrors(extra.dims3.embedding, model.embedding)) expect(e).toBeLessThan(1e-6);
    for (let c = 0; c < 3; c++) expect(relative(model.eigenvalues[c]!, extra.dims3.eigenvalues[c]!)).toBeLessThan(1e-9);
  });

  it("joins a disconnected graph as scikit-learn does, or refuses it naming the fix", () => {
    const ref = extra.disconnected;
    const pieces = rollRows.slice(0, 300).map((r, i) => (i >= 150 && i < 250 ? [r[0]! + 60, r[1]!, r[2]!] : i >= 250 ? [r[0]!, r[1]! + 60, r[2]!] : r));
    const model = isomap(pieces, { nNeighbors: ref.nNeighbors });
    expect(model.components).toBe(3);
    for (const e of columnErrors(ref.embedding, model.embedding)) expect(e).toBeLessThan(1e-6);
    for (let c = 0; c < 2; c++) expect(relative(model.eigenvalues[c]!, ref.eigenvalues[c]!)).toBeLessThan(1e-9);
    for (const e of columnErrors(ref.transformed, isomapTransform(model, ref.points))) expect(e).toBeLessThan(1e-6);
    expectLatentError(() => isomap(pieces, { nNeighbors: ref.nNeighbors, connectComponents: false }), 'E_RANGE', 'isomap:', '3 components', 'raise nNeighbors');
  });

  it('manhattan metric', () => {
    const model = isomap(rollRows.slice(0, 300), { nNeighbors: extra.manhattan.nNeighbors, metric: 'manhattan' });
    for (const e of columnErrors(extra.manhattan.embedding, model.embedding)) expect(e).toBeLessThan(1e-6);
  });
});

describe('isomap (behaviour)', () => {
  const small: Matrix64 = { rows: 150, cols: 3, data: roll.data.slice(0, 450) };

  it('Floyd–Warshall and Dijkstra give the same embedding', () => {
    const a = isomap(small, { nNeighbors: 8 });
    const b = isomap(small, { nNeighbors: 8, pathMethod: 'floyd-warshall' });
    for (let t = 0; t < a.embedding.data.length; t++) expect(b.embedding.data[t]).toBeCloseTo(a.embedding.data[t]!, 9);
    expect(b.reconstructionError).toBeCloseTo(a.reconstructionError, 9);
  });

  it('is a plain-data model that survives structuredClone and serialize; transform is batch-independent', () => {
    const model = isomap(small, { nNeighbors: 8 });
    expect(model.kind).toBe('isomap');
    expect(model.version).toBe(1);
    expect(model.graph.rows).toBe(150);
    const q = [
      [1, 2, 3],
      [-4, 10, 2],
      [8, 5, -3],
    ];
    const want = isomapTransform(model, q).data;
    expect(isomapTransform(deserialize<IsomapModel>(serialize(model), { kind: 'isomap' }), q).data).toEqual(want);
    expect(isomapTransform(structuredClone(model), q).data).toEqual(want);
    expect(Array.from(isomapTransform(model, [q[1]!]).data)).toEqual(Array.from(want.subarray(2, 4)));
    expect(isomapTransform(model, []).rows).toBe(0);
  });

  it('does not modify its input and is deterministic', () => {
    const X = roll.data.slice(0, 450);
    const copy = X.slice();
    const a = isomap({ rows: 150, cols: 3, data: X }, { nNeighbors: 8 });
    expect(X).toEqual(copy);
    const b = isomap({ rows: 150, cols: 3, data: X }, { nNeighbors: 8 });
    expect(a.embedding.data).toEqual(b.embedding.data);
    expect(a.data.data).not.toBe(X);
  });

  it('accepts Float32 input, duplicates, n = 2 and dims = n', () => {
    const f32 = isomap({ rows: 150, cols: 3, data: Float32Array.from(small.data) }, { nNeighbors: 8 });
    expect(f32.embedding.rows).toBe(150);
    const dup = isomap([[0, 0], [0, 0], [1, 0], [2, 0], [2, 0], [3, 1]], { nNeighbors: 2 });
    expect(dup.embedding.data.every(Number.isFinite)).toBe(true);
    const two = isomap([[0, 0], [3, 4]], { nNeighbors: 1 });
    expect(Math.abs(two.embedding.data[0]! - two.embedding.data[2]!)).toBeCloseTo(5, 12);
    // A path of 4 points is a line: one positive eigenvalue, the others clamped to 0 (zero columns).
    const line = isomap([[0], [1], [3], [6]], { nNeighbors: 1, dims: 4 });
    expect(line.eigenvalues[0]).toBeGreaterThan(0);
    for (let c = 1; c < 4; c++) expect(line.eigenvalues[c]).toBe(0);
  });

  it('reports progress and stops on abort', () => {
    const stages = new Set<string>();
    isomap(small, { nNeighbors: 8, onProgress: (p) => stages.add(p.stage) });
    for (const s of ['neighbors', 'paths', 'kernel', 'lanczos']) expect(stages.has(s)).toBe(true);
    const ac = new AbortController();
    expectLatentError(
      () =>
        isomap(small, {
          nNeighbors: 8,
          signal: ac.signal,
          onProgress: (p) => {
            if (p.stage === 'paths') ac.abort();
          },
        }),
      'E_ABORTED',
    );
    const model = isomap(small, { nNeighbors: 8 });
    const ac2 = new AbortController();
    ac2.abort();
    expectLatentError(() => isomapTransform(model, [[0, 0, 0]], { signal: ac2.signal }), 'E_ABORTED');
  });

  it('rejects bad input and options with coded errors', () => {
    expectLatentError(() => isomap(small, { nNeighbors: 150 }), 'E_RANGE', 'nNeighbors');
    expectLatentError(() => isomap(small, { dims: 151 }), 'E_RANGE', 'dims');
    expectLatentError(() => isomap([[1, 2]]), 'E_SHAPE', 'at least 2 rows');
    expectLatentError(() => isomap([[0, NaN], [1, 1]]), 'E_NOT_FINITE');
    expectLatentError(() => isomap(small, { nNeigbors: 3 } as never), 'E_OPTION', 'nNeighbors');
    expectLatentError(() => isomap(small, { pathMethod: 'bellman-ford' as never }), 'E_OPTION', 'pathMethod');
    expectLatentError(() => isomap(small, { memoryLimit: 1e5 }), 'E_MEMORY', 'geodesic');
    const nn = knnSelf(small, 4);
    const repeated = nn.indices.slice();
    repeated[1] = repeated[0]!;
    expectLatentError(() => isomap(small, { nNeighbors: 4, knn: { indices: repeated, distances: nn.distances } }), 'E_RANGE', 'repeat');
    expectLatentError(() => isomap(small, { nNeighbors: 5, knn: nn }), 'E_SHAPE', 'knn');
    expectLatentError(() => isomap(small, { nNeighbors: 4, knn: { indices: nn.indices } as never }), 'E_TYPE', 'knn');
  });

  it('isomapTransform rejects foreign or tampered models and wrong widths', () => {
    const model = isomap(small, { nNeighbors: 8 });
    expectLatentError(() => isomapTransform({ ...model, kind: 'lle' } as never, [[0, 0, 0]]), 'E_MODEL');
    expectLatentError(() => isomapTransform({ ...model, eigenvalues: new Float64Array(1) }, [[0, 0, 0]]), 'E_MODEL', 'eigenvalues');
    const badGraph = { ...model.graph, indices: model.graph.indices.slice() };
    badGraph.indices[0] = 10_000;
    expectLatentError(() => isomapTransform({ ...model, graph: badGraph }, [[0, 0, 0]]), 'E_MODEL');
    expectLatentError(() => isomapTransform({ ...model, kernelColumnMeans: new Float64Array(3) }, [[0, 0, 0]]), 'E_MODEL', 'kernelColumnMeans');
    expectLatentError(() => isomapTransform(model, [[0, 0]]), 'E_SHAPE', '3 columns');
  });
});

describe('isomapTransform validation (fuzz)', () => {
  it('a tampered embedding or training data is E_MODEL, never -Infinity coordinates', async () => {
    const { isomap } = await import('../../src/manifold/isomap.js');
    const { isomapTransform } = await import('../../src/manifold/isomap-transform.js');
    const { expectLatentError } = await import('../helpers/latent-error.js');
    const X = Array.from({ length: 12 }, (_, i) => [Math.cos(i), Math.sin(i), i / 4]);
    const m = isomap(X, { nNeighbors: 4, dims: 1 });
    const bad = structuredClone(m);
    bad.embedding.data[0] = NaN;
    expectLatentError(() => isomapTransform(bad, [[0, 1, 0]]), 'E_MODEL', 'isomapTransform: model.embedding must hold finite values');
    const bad2 = structuredClone(m);
    bad2.data.data[1] = Infinity;
    expectLatentError(() => isomapTransform(bad2, [[0, 1, 0]]), 'E_MODEL', 'isomapTransform: model.data must hold finite values');
  });
  it('messages about the query rows and the metric name isomapTransform', async () => {
    const { isomap } = await import('../../src/manifold/isomap.js');
    const { isomapTransform } = await import('../../src/manifold/isomap-transform.js');
    const { expectLatentError } = await import('../helpers/latent-error.js');
    const X = Array.from({ length: 12 }, (_, i) => [Math.cos(i), Math.sin(i), i / 4]);
    const m = isomap(X, { nNeighbors: 4, dims: 1 });
    expectLatentError(() => isomapTransform(m, [[3.3e197, 1e301, 1e79]]), 'E_RANGE', 'isomapTransform: X values must lie within ±2^500');
  });
});
