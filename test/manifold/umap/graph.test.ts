import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detExp } from '../../../src/core/math.js';
import { csrFromTriplets, type CsrMatrix } from '../../../src/core/sparse.js';
import { connectedComponents } from '../../../src/manifold/umap/components.js';
import { defaultEpochs, edgeSchedule } from '../../../src/manifold/umap/epochs.js';
import { fuzzyUnion, membershipGraph } from '../../../src/manifold/umap/fuzzy-graph.js';
import { smoothKnnDistances } from '../../../src/manifold/umap/smooth-knn.js';
import { categoricalIntersection, farDistance } from '../../../src/manifold/umap/supervised.js';
import { loadGolden } from '../../helpers/data.js';

interface Csr {
  offsets: number[];
  indices: number[];
  values: number[];
}
interface GraphGolden {
  nNeighbors: number;
  knnIndices: number[];
  knnDistances: number[];
  sigmas: number[];
  rhos: number[];
  graph: Csr;
  target: number[];
  supervised: Csr;
  nEpochs: number;
  epochsPerSample: number[];
}
const g = loadGolden<GraphGolden>('umap_graph_iris');
const n = 150;
const width = g.nNeighbors - 1;
const indices = Int32Array.from(g.knnIndices);
const distances = Float64Array.from(g.knnDistances);

function expectCsrClose(got: CsrMatrix, want: Csr, tol: number): void {
  expect(Array.from(got.offsets)).toEqual(want.offsets);
  expect(Array.from(got.indices)).toEqual(want.indices);
  for (let p = 0; p < want.values.length; p++) expect(Math.abs(got.values[p]! - want.values[p]!)).toBeLessThan(tol);
}

function isSymmetric(G: CsrMatrix): boolean {
  const dense = new Map<string, number>();
  for (let i = 0; i < G.rows; i++) for (let p = G.offsets[i]!; p < G.offsets[i + 1]!; p++) dense.set(`${i},${G.indices[p]}`, G.values[p]!);
  for (const [key, v] of dense) {
    const [i, j] = key.split(',');
    if (dense.get(`${j},${i}`) !== v) return false;
  }
  return true;
}

describe('UMAP graph construction against umap-learn\'s own code (iris, nNeighbors 10)', () => {
  const { sigmas, rhos } = smoothKnnDistances(distances, n, width, g.nNeighbors, 1, true);

  it('smooth kNN distances: ρ and σ equal smooth_knn_dist\'s', () => {
    for (let i = 0; i < n; i++) {
      expect(rhos[i]).toBe(g.rhos[i]);
      expect(Math.abs(sigmas[i]! - g.sigmas[i]!)).toBeLessThanOrEqual(1e-12 * g.sigmas[i]!);
    }
  });

  it('memberships sum to log2(nNeighbors) per row (within the search tolerance)', () => {
    const target = Math.log2(g.nNeighbors);
    let checked = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let t = 0; t < width; t++) {
        const d = distances[i * width + t]! - rhos[i]!;
        s += d > 0 ? detExp(-d / sigmas[i]!) : 1;
      }
      // Rows whose σ was raised to 1e-3 × the mean distance sum to less; iris has none here.
      expect(Math.abs(s - target)).toBeLessThan(1e-5);
      checked++;
    }
    expect(checked).toBe(n);
  });

  it('fuzzy union: symmetric, and equal to fuzzy_simplicial_set\'s graph', () => {
    const G = fuzzyUnion(membershipGraph(indices, distances, n, n, width, sigmas, rhos), 1);
    expect(isSymmetric(G)).toBe(true);
    expectCsrClose(G, g.graph, 1e-12);
  });

  it('supervised (categorical target, weight 0.5, −1 unlabelled): equal to umap-learn\'s intersection', () => {
    const G = fuzzyUnion(membershipGraph(indices, distances, n, n, width, sigmas, rhos), 1);
    const S = categoricalIntersection(G, Int32Array.from(g.target), farDistance(0.5));
    expect(farDistance(0.5)).toBe(5);
    expect(isSymmetric(S)).toBe(true);
    expectCsrClose(S, g.supervised, 1e-12);
  });

  it('edge schedule: weak edges dropped, epochs per sample as make_epochs_per_sample', () => {
    const G = fuzzyUnion(membershipGraph(indices, distances, n, n, width, sigmas, rhos), 1);
    const s = edgeSchedule(G, g.nEpochs, defaultEpochs(n));
    expect(s.epochsPerSample.length).toBe(g.epochsPerSample.length);
    for (let e = 0; e < s.epochsPerSample.length; e++) expect(Math.abs(s.epochsPerSample[e]! - g.epochsPerSample[e]!)).toBeLessThan(1e-9);
    expect(Math.min(...s.epochsPerSample)).toBe(1);
    expect(defaultEpochs(10000)).toBe(500);
    expect(defaultEpochs(10001)).toBe(200);
  });
});

describe('fuzzy union (property)', () => {
  it('is symmetric, within [max(p, q), 1], for any directed membership graph', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.double({ min: 0.01, max: 1, noNaN: true })), { maxLength: 60 }), (size, edges) => {
        const row = new Int32Array(edges.length);
        const col = new Int32Array(edges.length);
        const val = new Float64Array(edges.length);
        const seen = new Set<string>();
        let m = 0;
        for (const [a, b, v] of edges) {
          const i = a % size;
          const j = b % size;
          if (i === j || seen.has(`${i},${j}`)) continue;
          seen.add(`${i},${j}`);
          row[m] = i;
          col[m] = j;
          val[m++] = v;
        }
        const P = csrFromTriplets(size, size, row, col, val, m);
        const G = fuzzyUnion(P, 1);
        expect(isSymmetric(G)).toBe(true);
        for (let t = 0; t < m; t++) {
          const i = row[t]!;
          const j = col[t]!;
          let v = 0;
          for (let p = G.offsets[i]!; p < G.offsets[i + 1]!; p++) if (G.indices[p] === j) v = G.values[p]!;
          expect(v).toBeGreaterThanOrEqual(val[t]! - 1e-15);
          expect(v).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('connectedComponents', () => {
  it('numbers components by their smallest vertex', () => {
    const G = csrFromTriplets(5, 5, Int32Array.from([0, 1, 3, 4]), Int32Array.from([1, 0, 4, 3]), Float64Array.from([1, 1, 1, 1]));
    const { count, labels } = connectedComponents(G);
    expect(count).toBe(3);
    expect(Array.from(labels)).toEqual([0, 0, 1, 2, 2]);
  });
});
