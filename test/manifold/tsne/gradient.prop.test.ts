import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jointProbabilitiesExact, jointProbabilitiesNN, type SparseAffinities } from '../../../src/manifold/tsne/affinities.js';
import { LEAF_SIZE, bhTree, buildBHTree } from '../../../src/manifold/tsne/bhtree.js';
import { bhGradient, exactGradient, exactZ, klDense, klSparse } from '../../../src/manifold/tsne/gradient.js';
import { knnSelf } from '../../../src/neighbors/exact/knn.js';
import { randomNormal, rng } from '../../../src/core/random.js';

function randomMatrix(n: number, d: number, seed: number, spread = 1): Float64Array {
  const r = rng(seed);
  const out = new Float64Array(n * d);
  for (let t = 0; t < out.length; t++) out[t] = spread * randomNormal(r);
  return out;
}

/** Clustered 2-D/3-D layout, like an embedding after a few hundred iterations. */
function clustered(n: number, d: number, seed: number): Float64Array {
  const r = rng(seed);
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = i % 7;
    for (let a = 0; a < d; a++) out[i * d + a] = 12 * Math.cos(c * (a + 1.3)) + randomNormal(r);
  }
  return out;
}

function denseP(n: number, d: number, seed: number, perplexity: number): Float64Array {
  const X = randomMatrix(n, d, seed);
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let a = 0; a < d; a++) s += (X[i * d + a]! - X[j * d + a]!) ** 2;
      D[i * n + j] = s;
    }
  }
  return jointProbabilitiesExact(n, D, perplexity);
}

function sparseP(n: number, d: number, seed: number, perplexity: number): SparseAffinities {
  const X = randomMatrix(n, d, seed);
  const k = Math.min(n - 1, Math.floor(3 * perplexity + 1));
  const nn = knnSelf({ rows: n, cols: d, data: X }, k);
  return jointProbabilitiesNN(n, k, nn.indices, nn.distances.map((v) => v * v), perplexity);
}

function toDense(P: SparseAffinities, n: number): Float64Array {
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let s = P.rowStart[i]!; s < P.rowStart[i + 1]!; s++) D[i * n + P.columns[s]!] = P.values[s]!;
  return D;
}

function relErr(a: Float64Array, b: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let t = 0; t < a.length; t++) {
    num += (a[t]! - b[t]!) ** 2;
    den += b[t]! ** 2;
  }
  return Math.sqrt(num / den);
}

describe('exact gradient', () => {
  it('equals central finite differences of the exact KL (dims 1 to 6, including the general-dims kernel)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 12 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1e6 }), (n, dims, seed) => {
        const P = denseP(n, 4, seed, 2);
        const Y = randomMatrix(n, dims, seed + 1, 2);
        const grad = new Float64Array(n * dims);
        exactGradient(P, Y, n, dims, 1, new Float64Array(n * dims), grad);
        const h = 1e-6;
        const fd = new Float64Array(n * dims);
        for (let t = 0; t < n * dims; t++) {
          const y0 = Y[t]!;
          Y[t] = y0 + h;
          const up = klDense(P, Y, n, dims);
          Y[t] = y0 - h;
          const down = klDense(P, Y, n, dims);
          Y[t] = y0;
          fd[t] = (up - down) / (2 * h);
        }
        expect(relErr(grad, fd)).toBeLessThan(1e-6);
      }),
      { numRuns: 40 },
    );
  });

  it('scales the attraction by the exaggeration factor only', () => {
    const n = 9;
    const P = denseP(n, 3, 5, 2);
    const Y = randomMatrix(n, 2, 6);
    const g1 = new Float64Array(2 * n);
    const g12 = new Float64Array(2 * n);
    const a = new Float64Array(2 * n);
    const scratch = new Float64Array(2 * n);
    exactGradient(P, Y, n, 2, 1, scratch, g1);
    exactGradient(P, Y, n, 2, 12, scratch, g12);
    // Attraction alone: P·12 − P = 11·P, so g12 − g1 = 11 · (g1 + repulsion) with zero repulsion
    // isolated by using a P of zeros.
    exactGradient(new Float64Array(n * n), Y, n, 2, 1, scratch, a);
    for (let t = 0; t < 2 * n; t++) expect(g12[t]! - g1[t]!).toBeCloseTo(11 * (g1[t]! - a[t]!), 10);
  });
});

describe('Barnes–Hut gradient', () => {
  it('equals the exact gradient when theta → 0 (2-D and 3-D)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 60 }), fc.constantFrom(2, 3), fc.integer({ min: 0, max: 1e6 }), (n, dims, seed) => {
        const P = sparseP(n, 5, seed, Math.min(5, (n - 1) / 3));
        const Y = randomMatrix(n, dims, seed + 7, 3);
        const gb = new Float64Array(n * dims);
        const ge = new Float64Array(n * dims);
        const Zb = bhGradient(P, Y, n, dims, 1e-9, 1, bhTree(n, dims), new Float64Array(n * dims), gb);
        const Ze = exactGradient(toDense(P, n), Y, n, dims, 1, new Float64Array(n * dims), ge);
        expect(Math.abs(Zb - Ze) / Ze).toBeLessThan(1e-12);
        expect(relErr(gb, ge)).toBeLessThan(1e-10);
      }),
      { numRuns: 40 },
    );
  });

  // The bound comes from a measurement, not from one lucky seed: over 250 seeds × {2-D, 3-D} ×
  // {random, clustered} layouts (n = 200…400) the relative gradient error was at most 0.395 %
  // (2-D random; median 0.25 %) and the Z error at most 0.24 %. An earlier 0.3 % bound passed
  // with the default FC_SEED only (it failed for 9 of FC_SEED = 1…12).
  it('stays within 0.5% of the exact gradient and Z for theta = 0.5 on random and clustered layouts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 400 }), fc.constantFrom(2, 3), fc.boolean(), fc.integer({ min: 0, max: 1e6 }), (n, dims, clusters, seed) => {
        const P = sparseP(n, 5, seed, 10);
        const Y = clusters ? clustered(n, dims, seed + 3) : randomMatrix(n, dims, seed + 3, 10);
        const gb = new Float64Array(n * dims);
        const ge = new Float64Array(n * dims);
        const Zb = bhGradient(P, Y, n, dims, 0.5, 1, bhTree(n, dims), new Float64Array(n * dims), gb);
        const Ze = exactGradient(toDense(P, n), Y, n, dims, 1, new Float64Array(n * dims), ge);
        expect(Math.abs(Zb - Ze) / Ze).toBeLessThan(0.005);
        expect(relErr(gb, ge)).toBeLessThan(0.005);
      }),
      { numRuns: 12 },
    );
  });

  it('counts exact duplicates in Z (they share a leaf) and exerts no force between them', () => {
    const n = 12;
    const Y = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      Y[2 * i] = i < 6 ? 1 : 3 + i; // six copies of (1, 1), then distinct points
      Y[2 * i + 1] = i < 6 ? 1 : -i;
    }
    const P = sparseP(n, 3, 1, 3);
    const gb = new Float64Array(2 * n);
    const ge = new Float64Array(2 * n);
    const Zb = bhGradient(P, Y, n, 2, 1e-9, 1, bhTree(n, 2), new Float64Array(2 * n), gb);
    const Ze = exactGradient(toDense(P, n), Y, n, 2, 1, new Float64Array(2 * n), ge);
    expect(Zb).toBeCloseTo(Ze, 12);
    expect(relErr(gb, ge)).toBeLessThan(1e-12);
    expect(Zb).toBeCloseTo(exactZ(Y, n, 2), 12);
  });

  it('reproduces the exact KL from its Z estimate when theta → 0', () => {
    const n = 50;
    const P = sparseP(n, 4, 2, 8);
    const Y = randomMatrix(n, 2, 3, 4);
    const Z = bhGradient(P, Y, n, 2, 1e-9, 1, bhTree(n, 2), new Float64Array(2 * n), new Float64Array(2 * n));
    expect(klSparse(P, Y, n, 2, Z)).toBeCloseTo(klDense(toDense(P, n), Y, n, 2), 9);
  });
});

describe('buildBHTree', () => {
  it('keeps consistent counts, barycentres, leaf buckets and point order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.constantFrom(2, 3), fc.integer({ min: 0, max: 1e6 }), fc.boolean(), (n, dims, seed, dup) => {
        const Y = randomMatrix(n, dims, seed, 5);
        if (dup) for (let i = 1; i < n; i += 3) for (let a = 0; a < dims; a++) Y[i * dims + a] = Y[a]!; // many copies of point 0
        const t = bhTree(4, dims); // deliberately too small: the tree must grow
        buildBHTree(t, Y, n);
        buildBHTree(t, Y, n); // a rebuild (inserting in the previous leaf order) gives a valid tree too
        const S = dims + 2;
        const f = t.flat;
        expect(f[dims + 1]).toBe(n);
        expect(t.skip[0]).toBe(t.size);
        const seen = new Set<number>();
        for (let r = 0; r < n; r++) {
          seen.add(t.order[r]!);
          for (let a = 0; a < dims; a++) expect(t.sorted[r * dims + a]).toBe(Y[t.order[r]! * dims + a]);
        }
        expect(seen.size).toBe(n);
        let leafPoints = 0;
        for (let id = 0; id < t.size; id++) {
          const c = f[id * S + dims + 1]!;
          expect(c).toBeGreaterThan(0);
          const start = t.start[id]!;
          if (start >= 0) {
            // A leaf: its points are positions [start, start + c), their barycentre is recorded.
            expect(t.skip[id]).toBe(id + 1);
            const com = new Float64Array(dims);
            for (let r = start; r < start + c; r++) {
              expect(t.leafAt[r]).toBe(id);
              for (let a = 0; a < dims; a++) com[a]! += t.sorted[r * dims + a]! / c;
            }
            for (let a = 0; a < dims; a++) expect(com[a]!).toBeCloseTo(f[id * S + a]!, 9);
            if (c > LEAF_SIZE) {
              // Only copies of one location may overfill a leaf.
              for (let r = start + 1; r < start + c; r++) for (let a = 0; a < dims; a++) expect(t.sorted[r * dims + a]).toBe(t.sorted[start * dims + a]);
            }
            leafPoints += c;
            continue;
          }
          // Internal: children are id + 1, then each child's skip, up to this node's skip.
          let sum = 0;
          let kids = 0;
          const com = new Float64Array(dims);
          for (let ch = id + 1; ch < t.skip[id]!; ch = t.skip[ch]!) {
            const cc = f[ch * S + dims + 1]!;
            sum += cc;
            kids++;
            for (let a = 0; a < dims; a++) com[a]! += cc * f[ch * S + a]!;
            expect(f[ch * S + dims]!).toBeCloseTo(f[id * S + dims]! / 4, 12); // half the side, squared
          }
          expect(kids).toBeGreaterThan(0);
          expect(kids).toBeLessThanOrEqual(1 << dims);
          expect(sum).toBe(c);
          expect(c).toBeGreaterThan(LEAF_SIZE);
          for (let a = 0; a < dims; a++) expect(com[a]! / c).toBeCloseTo(f[id * S + a]!, 9);
        }
        expect(leafPoints).toBe(n);
      }),
      { numRuns: 60 },
    );
  });
});
