import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csrFromTriplets, type CsrMatrix } from '../../src/core/sparse.js';
import { runSync } from '../../src/core/task.js';
import { allPairsDijkstra, dijkstraInto, dijkstraScratch, floydWarshall } from '../../src/manifold/geodesic.js';
import { breadthFirstOrder, componentLabels, knnDistanceGraph, permuteGraph } from '../../src/manifold/isomap-graph.js';

/** A random undirected graph with small integer weights (0 included), so path sums are exact. */
const graphArb = fc
  .integer({ min: 1, max: 14 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: 9 })), { maxLength: 3 * n }),
    }),
  );

function build(n: number, edges: [number, number, number][]): CsrMatrix {
  // Keep the lightest of parallel edges and drop loops, as a kNN graph never has either.
  const best = new Map<number, number>();
  for (const [a, b, w] of edges) {
    if (a === b) continue;
    const key = Math.min(a, b) * n + Math.max(a, b);
    best.set(key, Math.min(w, best.get(key) ?? Infinity));
  }
  const row: number[] = [];
  const col: number[] = [];
  const val: number[] = [];
  for (const [key, w] of best) {
    const a = Math.floor(key / n);
    const b = key % n;
    row.push(a, b);
    col.push(b, a);
    val.push(w, w);
  }
  return csrFromTriplets(n, n, Int32Array.from(row), Int32Array.from(col), Float64Array.from(val));
}

describe('geodesic distances (properties)', () => {
  it('Dijkstra from every vertex equals Floyd–Warshall; the result is symmetric with a zero diagonal', () => {
    fc.assert(
      fc.property(graphArb, ({ n, edges }) => {
        const g = build(n, edges);
        const a = new Float64Array(n * n);
        const b = new Float64Array(n * n);
        runSync(allPairsDijkstra(g, a), { fn: 'test' });
        runSync(floydWarshall(g, b), { fn: 'test' });
        expect(a).toEqual(b);
        // The upper-triangle variant (early stop) agrees above the diagonal.
        const c = new Float64Array(n * n);
        runSync(allPairsDijkstra(g, c, true), { fn: 'test' });
        for (let i = 0; i < n; i++) for (let j = i; j < n; j++) expect(c[i * n + j]).toBe(a[i * n + j]);
        for (let i = 0; i < n; i++) {
          expect(a[i * n + i]).toBe(0);
          for (let j = 0; j < n; j++) expect(a[i * n + j]).toBe(a[j * n + i]);
        }
        // Finite exactly within a component.
        const { labels } = componentLabels(g);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Number.isFinite(a[i * n + j]!)).toBe(labels[i] === labels[j]);
      }),
      { numRuns: 60 },
    );
  });

  it('renumbering a graph along itself (breadth-first) permutes its distances and nothing else', () => {
    fc.assert(
      fc.property(graphArb, ({ n, edges }) => {
        const g = build(n, edges);
        const order = breadthFirstOrder(g);
        expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
        const a = new Float64Array(n * n);
        const b = new Float64Array(n * n);
        runSync(allPairsDijkstra(g, a), { fn: 'test' });
        runSync(allPairsDijkstra(permuteGraph(g, order), b), { fn: 'test' });
        for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) expect(b[p * n + q]).toBe(a[order[p]! * n + order[q]!]);
      }),
      { numRuns: 60 },
    );
  });

  it('a virtual source joined to a few vertices gives min over them of (distance + their geodesic row)', () => {
    fc.assert(
      fc.property(graphArb, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 4 }), ({ n, edges }, joins) => {
        const g = build(n, edges);
        const D = new Float64Array(n * n);
        runSync(allPairsDijkstra(g, D), { fn: 'test' });
        const dist = new Float64Array(n).fill(Infinity);
        for (const [j, w] of joins) dist[j % n] = Math.min(dist[j % n]!, w);
        const want = new Float64Array(n).fill(Infinity);
        for (let j = 0; j < n; j++) if (dist[j]! < Infinity) for (let t = 0; t < n; t++) want[t] = Math.min(want[t]!, dist[j]! + D[j * n + t]!);
        dijkstraInto(g, dist, dijkstraScratch(n));
        expect(dist).toEqual(want);
      }),
      { numRuns: 60 },
    );
  });

  it('the kNN distance graph is symmetric, keeps each pair once per direction, with the smaller weight', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 4 }), fc.nat(), (n, k0, seed) => {
        const k = Math.min(k0, n - 1);
        const indices = new Int32Array(n * k);
        const distances = new Float64Array(n * k);
        for (let i = 0; i < n; i++) {
          for (let t = 0; t < k; t++) {
            const j = (i + 1 + ((seed + t * 7) % (n - 1)) + t) % n === i ? (i + 1) % n : (i + 1 + ((seed + t * 7) % (n - 1)) + t) % n;
            indices[i * k + t] = j;
            distances[i * k + t] = ((i * 31 + j * 17 + seed) % 10) + 1;
          }
        }
        // Skip tables that repeat a neighbour within a row (not a kNN table).
        for (let i = 0; i < n; i++) if (new Set(indices.subarray(i * k, i * k + k)).size < k) return;
        const g = knnDistanceGraph(indices, distances, n, k);
        const at = (i: number, j: number): number | undefined => {
          for (let p = g.offsets[i]!; p < g.offsets[i + 1]!; p++) if (g.indices[p] === j) return g.values[p]!;
          return undefined;
        };
        for (let i = 0; i < n; i++) {
          for (let t = 0; t < k; t++) {
            const j = indices[i * k + t]!;
            let w = distances[i * k + t]!;
            for (let u = 0; u < k; u++) if (indices[j * k + u] === i) w = Math.min(w, distances[j * k + u]!);
            expect(at(i, j)).toBe(w);
            expect(at(j, i)).toBe(w);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
