import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csrFromTriplets, csrMatVec } from '../../src/core/sparse.js';
import { runSync, type Work } from '../../src/core/task.js';
import { amdOrder } from '../../src/decomposition/amd.js';
import { levelWidth, reverseCuthillMcKee } from '../../src/decomposition/rcm.js';
import { choleskyNumeric, choleskySolve, choleskySymbolic } from '../../src/decomposition/sparse-cholesky.js';
import { gaussian } from './linalg-helpers.js';
import { csrFromDense, cycleEdges, gridEdges, laplacian } from './sparse-helpers.js';

const run = <T>(w: Work<T>): T => runSync(w, { fn: 'test' });

function isPermutation(p: Int32Array, n: number): boolean {
  const seen = new Uint8Array(n);
  for (const v of p) {
    if (!(v >= 0 && v < n) || seen[v] === 1) return false;
    seen[v] = 1;
  }
  return p.length === n;
}

/** Shifted grid Laplacian: symmetric positive definite. */
function spdGrid(m: number): ReturnType<typeof laplacian> {
  const L = laplacian(m * m, gridEdges(m));
  const values = L.values.slice();
  for (let i = 0; i < m * m; i++) for (let p = L.offsets[i]!; p < L.offsets[i + 1]!; p++) if (L.indices[p] === i) values[p] = values[p]! + 0.01;
  return { ...L, values };
}

describe('amdOrder', () => {
  it('orders the leaves of an arrow matrix before the hub (documented example)', () => {
    const order = run(amdOrder(4, new Int32Array([0, 3, 4, 5, 6]), new Int32Array([1, 2, 3, 0, 0, 0])));
    expect(Array.from(order!)).toEqual([3, 2, 0, 1]);
  });

  it('returns a permutation that cuts the fill of a grid far below the natural order', () => {
    const A = spdGrid(40);
    const n = A.rows;
    const order = run(amdOrder(n, A.offsets, A.indices))!;
    expect(isPermutation(order, n)).toBe(true);
    const natural = Int32Array.from({ length: n }, (_, i) => i);
    const fillAmd = run(choleskySymbolic(A, order, Infinity))!.nnz;
    const fillNat = run(choleskySymbolic(A, natural, Infinity))!.nnz;
    expect(fillAmd).toBeLessThan(0.5 * fillNat);
    // Nested-dissection-like quality: O(n log n) entries, well under 10 n log₂ n.
    expect(fillAmd).toBeLessThan(10 * n * Math.log2(n));
  });

  it('handles empty, diagonal-only, dense and disconnected patterns', () => {
    expect(Array.from(run(amdOrder(0, new Int32Array([0]), new Int32Array(0)))!)).toEqual([]);
    const diag = run(amdOrder(3, new Int32Array([0, 1, 2, 3]), new Int32Array([0, 1, 2])))!;
    expect(isPermutation(diag, 3)).toBe(true);
    const n = 40;
    const full = csrFromDense(new Float64Array(n * n).fill(1), n);
    expect(isPermutation(run(amdOrder(n, full.offsets, full.indices))!, n)).toBe(true);
    const two = laplacian(60, [...cycleEdges(30), ...cycleEdges(30, 30)]);
    expect(isPermutation(run(amdOrder(60, two.offsets, two.indices))!, 60)).toBe(true);
  });

  it('gives up when the implied factorisation would exceed maxFlops', () => {
    const A = spdGrid(30);
    expect(run(amdOrder(A.rows, A.offsets, A.indices, 1e3))).toBeNull();
  });

  it('always returns a permutation (random sparse patterns)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.integer({ min: 0, max: 1e6 }), (n, density, seed) => {
        const u = gaussian(n, n, seed);
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i++) {
          a[i * n + i] = 1;
          for (let j = 0; j < i; j++) if (Math.abs(u[i * n + j]!) < density) a[i * n + j] = a[j * n + i] = 1;
        }
        const A = csrFromDense(a, n);
        expect(isPermutation(run(amdOrder(n, A.offsets, A.indices))!, n)).toBe(true);
        expect(isPermutation(reverseCuthillMcKee(n, A.offsets, A.indices), n)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('sparse Cholesky', () => {
  it('solves (A − σI)x = b to working precision on random SPD matrices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 1e6 }), fc.double({ min: -0.5, max: 0, noNaN: true }), (n, seed, shift) => {
        const g = gaussian(n, n, seed);
        const u = gaussian(n, n, seed + 3);
        // Diagonally dominant with random sparsity: SPD, and stays so for σ ≤ 0.
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if (Math.abs(u[i * n + j]!) < 0.3) a[i * n + j] = a[j * n + i] = g[i * n + j]!;
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) if (j !== i) s += Math.abs(a[i * n + j]!);
          a[i * n + i] = s + 0.1;
        }
        const A = csrFromDense(a, n);
        const order = run(amdOrder(n, A.offsets, A.indices))!;
        const F = run(choleskyNumeric(A, shift, run(choleskySymbolic(A, order, Infinity))!))!;
        expect(F).not.toBeNull();
        const b = gaussian(1, n, seed + 5);
        const x = new Float64Array(n);
        choleskySolve(F, b, x, new Float64Array(n));
        const Ax = csrMatVec(A, x);
        let err = 0;
        let scale = 0;
        for (let i = 0; i < n; i++) {
          err = Math.max(err, Math.abs(Ax[i]! - shift * x[i]! - b[i]!));
          scale = Math.max(scale, Math.abs(b[i]!));
        }
        expect(err).toBeLessThan(1e-12 * Math.max(1, scale) * n);
      }),
      { numRuns: 60 },
    );
  });

  it('reports an indefinite matrix (null) and a factor above the size cap (null)', () => {
    const A = csrFromTriplets(2, 2, new Int32Array([0, 0, 1, 1]), new Int32Array([0, 1, 0, 1]), new Float64Array([1, 2, 2, 1]));
    const s = run(choleskySymbolic(A, new Int32Array([0, 1]), Infinity))!;
    expect(run(choleskyNumeric(A, 0, s))).toBeNull();
    expect(run(choleskyNumeric(A, -1.5, s))).not.toBeNull();
    const G = spdGrid(20);
    const natural = Int32Array.from({ length: G.rows }, (_, i) => i);
    expect(run(choleskySymbolic(G, natural, 1000))).toBeNull();
  });
});

describe('reverseCuthillMcKee and levelWidth', () => {
  it('match the documented examples', () => {
    expect(Array.from(reverseCuthillMcKee(3, new Int32Array([0, 1, 2, 4]), new Int32Array([2, 2, 0, 1])))).toEqual([0, 2, 1]);
    expect(levelWidth(3, new Int32Array([0, 1, 3, 4]), new Int32Array([1, 0, 2, 1]))).toBe(1);
  });

  it('reduces the bandwidth of a scrambled grid, and measures its width as the side', () => {
    const m = 25;
    const n = m * m;
    const scramble = Int32Array.from({ length: n }, (_, i) => (i * 263) % n);
    const edges = gridEdges(m).map(([a, b]) => [scramble[a]!, scramble[b]!] as [number, number]);
    const L = laplacian(n, edges);
    const order = reverseCuthillMcKee(n, L.offsets, L.indices);
    const inverse = new Int32Array(n);
    for (let k = 0; k < n; k++) inverse[order[k]!] = k;
    let band = 0;
    let band0 = 0;
    for (const [a, b] of edges) {
      band = Math.max(band, Math.abs(inverse[a]! - inverse[b]!));
      band0 = Math.max(band0, Math.abs(a - b));
    }
    expect(band).toBeLessThanOrEqual(2 * m);
    expect(band0).toBeGreaterThan(10 * m);
    expect(levelWidth(n, L.offsets, L.indices)).toBeLessThanOrEqual(m + 1);
  });
});
