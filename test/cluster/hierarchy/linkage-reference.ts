/**
 * Independent, deliberately naive references for the hierarchical-clustering tests: the
 * textbook O(n³) stored-matrix agglomeration (global closest pair each step), a Kruskal
 * minimum spanning tree, and brute-force cophenetic distances and leaf orders.
 */
import type { Matrix } from '../../../src/core/matrix.js';
import { rng } from '../../../src/core/random.js';

export type Method = 'single' | 'complete' | 'average' | 'weighted' | 'ward' | 'centroid' | 'median';

/** Uniform random points (seeded): distances are tie-free with probability 1. */
export function randomPoints(n: number, d: number, seed: number): Matrix {
  const r = rng(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = r() * 10 - 5;
  return { rows: n, cols: d, data };
}

/** Full square Euclidean distance matrix as nested arrays. */
export function squareDistances(X: Matrix): number[][] {
  const { rows: n, cols: d, data } = X;
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    out.push([]);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (data[i * d + k]! - data[j * d + k]!) ** 2;
      out[i]!.push(Math.sqrt(s));
    }
  }
  return out;
}

/**
 * The textbook algorithm: repeatedly merge the globally closest pair of clusters and update
 * distances with the Lance–Williams formula (ward/centroid/median in their squared-distance
 * form). Returns rows [a, b, height, size] in merge order, a < b, new ids n, n+1, ….
 */
export function naiveLinkage(dist: number[][], method: Method): number[][] {
  const n = dist.length;
  const D = dist.map((r) => r.slice());
  const id = Array.from({ length: n }, (_, i) => i);
  const size = new Array<number>(n).fill(1);
  const active = new Array<boolean>(n).fill(true);
  const Z: number[][] = [];
  for (let k = 0; k < n - 1; k++) {
    let best = Infinity;
    let x = -1;
    let y = -1;
    for (let i = 0; i < n; i++) {
      if (!active[i]) continue;
      for (let j = i + 1; j < n; j++) {
        if (active[j] && D[i]![j]! < best) {
          best = D[i]![j]!;
          x = i;
          y = j;
        }
      }
    }
    const nx = size[x]!;
    const ny = size[y]!;
    Z.push([Math.min(id[x]!, id[y]!), Math.max(id[x]!, id[y]!), best, nx + ny]);
    for (let i = 0; i < n; i++) {
      if (!active[i] || i === x || i === y) continue;
      const a = D[x]![i]!;
      const b = D[y]![i]!;
      const ni = size[i]!;
      let v: number;
      switch (method) {
        case 'single':
          v = Math.min(a, b);
          break;
        case 'complete':
          v = Math.max(a, b);
          break;
        case 'average':
          v = (nx * a + ny * b) / (nx + ny);
          break;
        case 'weighted':
          v = (a + b) / 2;
          break;
        case 'ward':
          v = Math.sqrt(Math.max(0, ((ni + nx) * a * a + (ni + ny) * b * b - ni * best * best) / (nx + ny + ni)));
          break;
        case 'centroid': {
          const s = nx + ny;
          v = Math.sqrt(Math.max(0, (nx / s) * a * a + (ny / s) * b * b - ((nx * ny) / (s * s)) * best * best));
          break;
        }
        case 'median':
          v = Math.sqrt(Math.max(0, a * a / 2 + b * b / 2 - best * best / 4));
          break;
      }
      D[y]![i] = v;
      D[i]![y] = v;
    }
    active[x] = false;
    size[y] = nx + ny;
    id[y] = n + k;
  }
  return Z;
}

/** Sorted weights of a minimum spanning tree (Kruskal with a simple union-find). */
export function mstWeights(dist: number[][]): number[] {
  const n = dist.length;
  const edges: [number, number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) edges.push([dist[i]![j]!, i, j]);
  edges.sort((a, b) => a[0] - b[0]);
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (a: number): number => {
    while (parent[a] !== a) a = parent[a]!;
    return a;
  };
  const out: number[] = [];
  for (const [w, i, j] of edges) {
    const a = find(i);
    const b = find(j);
    if (a !== b) {
      parent[a] = b;
      out.push(w);
    }
  }
  return out;
}

/** Members of every cluster id (0..2n−2) of a Z given as rows. */
export function members(Z: ArrayLike<number>, n: number): number[][] {
  const m: number[][] = Array.from({ length: n }, (_, i) => [i]);
  for (let i = 0; i < n - 1; i++) m.push([...m[Z[i * 4]!]!, ...m[Z[i * 4 + 1]!]!]);
  return m;
}

/** Brute-force cophenetic distances (condensed): height of the first row joining i and j. */
export function naiveCophenetic(Z: ArrayLike<number>, n: number): number[] {
  const mem = members(Z, n);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      for (let r = 0; r < n - 1; r++) {
        const s = mem[n + r]!;
        if (s.includes(i) && s.includes(j)) {
          out.push(Z[r * 4 + 2]!);
          break;
        }
      }
    }
  }
  return out;
}

/** Canonical form of a labelling: relabelled by first appearance. */
export function canonical(labels: ArrayLike<number>): number[] {
  const map = new Map<number, number>();
  return Array.from(labels, (l) => {
    if (!map.has(l)) map.set(l, map.size);
    return map.get(l)!;
  });
}
