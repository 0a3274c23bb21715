import { describe, expect, it } from 'vitest';
import { euclidean, manhattan, cosine, chebyshev, sqeuclidean } from '../../src/distance/metrics.js';
import { radiusNeighbors, radiusNeighborsSelf, type RadiusResult } from '../../src/neighbors/radius.js';
import type { Progress } from '../../src/core/task.js';
import { expectLatentError } from '../helpers/latent-error.js';

/** Seeded LCG: grid-valued coordinates give many equal distances (ties) and duplicates. */
function gridData(n: number, d: number, seed: number, step = 0.25, span = 20): number[][] {
  let s = seed;
  const next = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return Array.from({ length: n }, () => Array.from({ length: d }, () => Math.round(next() * span) * step));
}

const FNS = { euclidean, manhattan, cosine, chebyshev, sqeuclidean } as const;

/** A CSR result in the shape of {@link naive}'s (flat arrays compare fast). */
function csr(rowsOf: [number, number][][]): { offsets: Int32Array; indices: Int32Array; distances: Float64Array } {
  const offsets = new Int32Array(rowsOf.length + 1);
  rowsOf.forEach((row, i) => (offsets[i + 1] = offsets[i]! + row.length));
  const flat = rowsOf.flat();
  return { offsets, indices: Int32Array.from(flat, (e) => e[0]), distances: Float64Array.from(flat, (e) => e[1]) };
}

/** Compares element by element (vitest's deep equality is slow on long typed arrays). */
function same(r: RadiusResult, expected: ReturnType<typeof csr>, what: string): void {
  const first = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
    if (a.length !== b.length) return -2;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
    return -1;
  };
  expect(first(r.offsets, expected.offsets), `${what}: offsets`).toBe(-1);
  expect(first(r.indices, expected.indices), `${what}: indices`).toBe(-1);
  expect(first(r.distances, expected.distances), `${what}: distances`).toBe(-1);
}

/** Rows of a CSR result as [index, distance] pairs. */
function rows(r: RadiusResult): [number, number][][] {
  const out: [number, number][][] = [];
  for (let i = 0; i + 1 < r.offsets.length; i++) {
    const row: [number, number][] = [];
    for (let e = r.offsets[i]!; e < r.offsets[i + 1]!; e++) row.push([r.indices[e]!, r.distances[e]!]);
    out.push(row);
  }
  return out;
}

/** The reference: every pair, the documented inclusion rule, sorted by (distance, index). */
function naive(data: number[][], queries: number[][], radius: number, metric: keyof typeof FNS, skipSelf: boolean): [number, number][][] {
  return queries.map((q, i) => {
    const row: [number, number][] = [];
    data.forEach((x, j) => {
      if (skipSelf && i === j) return;
      const v = FNS[metric](q, x);
      const inside = metric === 'euclidean' ? sqeuclidean(q, x) <= radius * radius : v <= radius;
      if (inside) row.push([j, v]);
    });
    return row.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  });
}

describe('radiusNeighbors', () => {
  it('returns the documented example', () => {
    const { offsets, indices, distances, method } = radiusNeighbors([[0, 0], [1, 0], [3, 0]], [[0.9, 0], [5, 5]], 1.5);
    expect(offsets).toEqual(new Int32Array([0, 2, 2]));
    expect(indices).toEqual(new Int32Array([1, 0]));
    expect(distances).toEqual(new Float64Array([0.09999999999999998, 0.9]));
    expect(method).toBe('brute');
  });

  it('equals an exhaustive search for every metric and method, on Float64 and Float32 data, ties and duplicates included', () => {
    const cases: [number, number, keyof typeof FNS, number][] = [
      [120, 2, 'euclidean', 1],
      [120, 3, 'manhattan', 1.5],
      [120, 2, 'chebyshev', 0.75],
      [120, 2, 'sqeuclidean', 1],
      [100, 24, 'euclidean', 9],
      [100, 6, 'cosine', 0.02],
    ];
    for (const [n, d, metric, radius] of cases) {
      const data = gridData(n, d, n + d, 0.25, 12);
      const queries = gridData(30, d, 7 * d + 1, 0.25, 12);
      const f32 = { rows: n, cols: d, data: Float32Array.from(data.flat()) };
      const expected = csr(naive(data, queries, radius, metric, false));
      const expectedSelf = csr(naive(data, data, radius, metric, true));
      for (const method of ['brute', 'vptree'] as const) {
        if (method === 'vptree' && metric === 'cosine') continue;
        for (const X of [data, f32]) {
          same(radiusNeighbors(X, queries, radius, { metric, method, leafSize: 4 }), expected, `${metric} ${method}`);
          same(radiusNeighborsSelf(X, radius, { metric, method, leafSize: 4 }), expectedSelf, `${metric} ${method} self`);
        }
      }
    }
  });

  it('uses the tree automatically at low dimension and brute force otherwise', () => {
    const low = gridData(600, 2, 3);
    const auto = radiusNeighborsSelf(low, 0.6);
    expect(auto.method).toBe('vptree');
    same(auto, csr(naive(low, low, 0.6, 'euclidean', true)), 'auto');
    expect(radiusNeighborsSelf(low, 1, { metric: 'cosine' }).method).toBe('brute');
    expect(radiusNeighbors(low, [[0, 0]], 1).method).toBe('brute'); // too few queries to pay for a tree
    expect(radiusNeighborsSelf(gridData(600, 30, 3), 1).method).toBe('brute');
  });

  it('includes a point at exactly the radius (euclidean: squared sum ≤ radius²) and lists duplicates at distance 0', () => {
    const r = radiusNeighborsSelf([[0, 0], [3, 4], [0, 0], [3, 4.000001]], 5);
    expect(rows(r)[0]).toEqual([
      [2, 0],
      [1, 5],
    ]);
    expect(radiusNeighbors([[0, 0]], [[0, 0]], 0).indices).toEqual(new Int32Array([0]));
  });

  it('a custom metric function is called with Float64 rows and gives the same lists as the built-in metric', () => {
    const data = gridData(120, 3, 11);
    const f32 = { rows: 120, cols: 3, data: Float32Array.from(data.flat()) };
    let sawF64 = true;
    const f = (a: Float64Array, b: Float64Array): number => {
      if (!(a instanceof Float64Array) || !(b instanceof Float64Array)) sawF64 = false;
      return manhattan(a, b);
    };
    for (const method of ['brute', 'vptree'] as const) {
      expect(rows(radiusNeighborsSelf(f32, 1.5, { metric: f, method }))).toEqual(naive(data, data, 1.5, 'manhattan', true));
    }
    expect(sawF64).toBe(true);
  });

  it('sort: false keeps the same lists (in some order)', () => {
    const data = gridData(300, 2, 5);
    for (const method of ['brute', 'vptree'] as const) {
      const sorted = rows(radiusNeighborsSelf(data, 1.2, { method }));
      const unsorted = rows(radiusNeighborsSelf(data, 1.2, { method, sort: false })).map((row) => row.sort((a, b) => a[1] - b[1] || a[0] - b[0]));
      expect(unsorted).toEqual(sorted);
    }
  });

  it('handles empty queries and empty data', () => {
    const e = radiusNeighbors([[1, 2]], [], 1);
    expect(e.offsets).toEqual(new Int32Array([0]));
    const z = radiusNeighbors({ rows: 0, cols: 2, data: new Float64Array(0) }, [[0, 0]], 1);
    expect(z.offsets).toEqual(new Int32Array([0, 0]));
    expect(radiusNeighborsSelf([[1, 2]], 3).indices.length).toBe(0);
  });

  it('reports progress and stops on an abort signal', () => {
    const data = gridData(300, 2, 9);
    const seen: Progress[] = [];
    radiusNeighborsSelf(data, 1, { method: 'brute', onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((p) => p.stage === 'radius' && p.total === 300)).toBe(true);
    expect(seen.at(-1)!.completed).toBe(300);
    const ac = new AbortController();
    expectLatentError(() => radiusNeighborsSelf(data, 1, { signal: ac.signal, onProgress: () => ac.abort() }), 'E_ABORTED', 'radiusNeighborsSelf');
    expectLatentError(() => radiusNeighbors(data, data, 1, { method: 'brute', signal: ac.signal }), 'E_ABORTED');
  });

  it('checks the output size against memoryLimit', () => {
    const data = gridData(400, 2, 2);
    expectLatentError(() => radiusNeighborsSelf(data, 100, { memoryLimit: 100_000 }), 'E_MEMORY', 'memoryLimit');
    expectLatentError(() => radiusNeighbors(data, data, 100, { memoryLimit: 100_000 }), 'E_MEMORY');
  });

  it('rejects bad input with coded errors', () => {
    expectLatentError(() => radiusNeighbors([[0, 0]], [[0, 0]], -1), 'E_RANGE', 'radius');
    expectLatentError(() => radiusNeighbors([[0, 0]], [[0, 0]], NaN), 'E_NOT_FINITE', 'radius');
    expectLatentError(() => radiusNeighbors([[0, 0]], [[0, 0]], Infinity), 'E_NOT_FINITE', 'radius');
    expectLatentError(() => radiusNeighbors([[0, 0]], [[0, 0, 0]], 1), 'E_SHAPE', 'queries columns');
    expectLatentError(() => radiusNeighbors([[0, NaN]], [[0, 0]], 1), 'E_NOT_FINITE');
    expectLatentError(() => radiusNeighborsSelf([[0, 0]], 1, { method: 'vptree', metric: 'cosine' }), 'E_OPTION', 'cosine');
    expectLatentError(() => radiusNeighborsSelf([[0, 0]], 1, { metrc: 'cosine' } as never), 'E_OPTION', "did you mean 'metric'");
    expectLatentError(() => radiusNeighborsSelf([[0, 0]], 1, { sort: 'yes' } as never), 'E_TYPE', 'sort');
    expectLatentError(() => radiusNeighborsSelf([[1e300, 0]], 1), 'E_RANGE', '2^500');
    expectLatentError(() => radiusNeighborsSelf([[0, 0], [1, 1]], 1, { metric: () => -1 }), 'E_RANGE', 'metric function');
  });

  it('does not modify its inputs', () => {
    const data = gridData(50, 2, 4);
    const copy = structuredClone(data);
    const f32 = { rows: 50, cols: 2, data: Float32Array.from(data.flat()) };
    const f32copy = f32.data.slice();
    radiusNeighborsSelf(data, 2);
    radiusNeighbors(f32, f32, 2, { metric: 'cosine' });
    expect(data).toEqual(copy);
    expect(f32.data).toEqual(f32copy);
  });
});

describe('radiusNeighbors with a custom metric that writes into its arguments (fuzz FC_SEED=10 deep)', () => {
  it("never changes the caller's points or queries, on either method", () => {
    const X = Array.from({ length: 30 }, (_, i) => Float64Array.of(Math.sin(i), Math.cos(i)));
    const Q = { rows: 4, cols: 2, data: Float64Array.of(0, 0, 0.5, 0.5, -1, 0, 1, 1) };
    const before = Q.data.slice();
    const rows = X.map((r) => r.slice());
    const vandal = (a: Float64Array, b: Float64Array): number => {
      const d = Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!);
      a[0] = 12345;
      b[0] = 12345;
      return d;
    };
    for (const method of ['vptree', 'brute'] as const) {
      radiusNeighbors(X, Q, 0.8, { metric: vandal, method });
      expect(Array.from(Q.data)).toEqual(Array.from(before));
      X.forEach((r, i) => expect(Array.from(r)).toEqual(Array.from(rows[i]!)));
    }
  });
});
