import { describe, expect, it } from 'vitest';
import { nextDouble, rngState } from '../../../src/core/random.js';
import { csrFromTriplets, type CsrMatrix } from '../../../src/core/sparse.js';
import { runSync } from '../../../src/core/task.js';
import { symmetricEigenInPlace } from '../../../src/decomposition/eig-symmetric.js';
import { smallestEigenvectorsWork } from '../../../src/manifold/umap/smallest-eigenvectors.js';
import { normalizedLaplacian, spectralLayoutWork } from '../../../src/manifold/umap/spectral-init.js';

/** A random symmetric graph: a ring (connected) plus random chords, weights in (0, 1]. */
function randomGraph(n: number, chords: number, seed: number, offset = 0, size = n): { row: number[]; col: number[]; val: number[] } {
  const s = rngState(seed);
  const row: number[] = [];
  const col: number[] = [];
  const val: number[] = [];
  const add = (i: number, j: number, w: number): void => {
    row.push(offset + i, offset + j);
    col.push(offset + j, offset + i);
    val.push(w, w);
  };
  for (let i = 0; i < size; i++) add(i, (i + 1) % size, 0.5 + 0.5 * nextDouble(s));
  for (let c = 0; c < chords; c++) {
    const i = Math.floor(nextDouble(s) * size);
    const j = Math.floor(nextDouble(s) * size);
    if (i !== j) add(i, j, nextDouble(s));
  }
  return { row, col, val };
}

function laplacianOf(G: CsrMatrix): CsrMatrix {
  const sqrtDeg = new Float64Array(G.rows);
  for (let i = 0; i < G.rows; i++) {
    let d = 0;
    for (let p = G.offsets[i]!; p < G.offsets[i + 1]!; p++) d += G.values[p]!;
    sqrtDeg[i] = Math.sqrt(d);
  }
  return normalizedLaplacian(G, sqrtDeg);
}

describe('smallest eigenvectors of a normalized Laplacian (the eigensolver seam)', () => {
  it('the subspace iteration (n = 240) agrees with the dense solver', () => {
    const n = 240;
    const e = randomGraph(n, 720, 3);
    const G = csrFromTriplets(n, n, Int32Array.from(e.row), Int32Array.from(e.col), Float64Array.from(e.val));
    const L = laplacianOf(G);
    const got = runSync(smallestEigenvectorsWork(L, 3, 42), { fn: 'test' });
    expect(got.converged).toBe(true);
    const dense = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let p = L.offsets[i]!; p < L.offsets[i + 1]!; p++) dense[i * n + L.indices[p]!] = L.values[p]!;
    const values = new Float64Array(n);
    symmetricEigenInPlace(dense, n, values, false);
    for (let t = 0; t < 3; t++) {
      expect(Math.abs(got.values[t]! - values[t]!)).toBeLessThan(1e-8);
      // same vector up to sign
      let dot = 0;
      for (let i = 0; i < n; i++) dot += got.vectors[t * n + i]! * dense[t * n + i]!;
      expect(Math.abs(Math.abs(dot) - 1)).toBeLessThan(1e-6);
    }
    expect(Math.abs(values[0]!)).toBeLessThan(1e-12); // the trivial eigenvector
  });

  it('spectral layout of a disconnected graph places each component around its own centre', () => {
    const a = randomGraph(60, 100, 1, 0, 60);
    const b = randomGraph(60, 100, 2, 60, 60);
    const G = csrFromTriplets(120, 120, Int32Array.from([...a.row, ...b.row]), Int32Array.from([...a.col, ...b.col]), Float64Array.from([...a.val, ...b.val]));
    const X = { rows: 120, cols: 1, data: new Float64Array(120) };
    const Y = runSync(spectralLayoutWork(G, 2, X, 'euclidean', 42, rngState(1)), { fn: 'test' });
    // two components ≤ 2·dims: centres at +e₁ and −e₁, each component scaled so its largest
    // coordinate is half the distance between the centres
    let widest = 0;
    for (let i = 0; i < 120; i++) {
      const cx = i < 60 ? 1 : -1;
      const r = Math.max(Math.abs(Y[2 * i]! - cx), Math.abs(Y[2 * i + 1]!));
      expect(r).toBeLessThanOrEqual(1 + 1e-12);
      widest = Math.max(widest, r);
    }
    expect(widest).toBeCloseTo(1, 12);
  });
});
