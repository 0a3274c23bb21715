import { describe, expect, it } from 'vitest';
import { csrFromTriplets, type CsrMatrix } from '../../src/core/sparse.js';
import type { Progress } from '../../src/core/task.js';
import { eigSymmetric } from '../../src/decomposition/eig-symmetric.js';
import { eigsh } from '../../src/decomposition/eigsh.js';
import { expectLatentError, latentErrorCode } from '../helpers/latent-error.js';
import { rowOrthonormalityError, symmetricWithSpectrum } from './linalg-helpers.js';
import { csrFromDense, cycleEdges, denseFromCsr, denseResidual, gridEdges, laplacian, minPrincipalCosine, sparseSymmetric } from './sparse-helpers.js';

const path4 = laplacian(4, [
  [0, 1],
  [1, 2],
  [2, 3],
]);

/** The k smallest or largest eigenvalues of a dense symmetric matrix, from eigSymmetric. */
function reference(a: Float64Array, n: number, k: number, smallest: boolean): { values: Float64Array; vectors: Float64Array } {
  const { values, vectors } = eigSymmetric({ rows: n, cols: n, data: a }, { order: smallest ? 'ascending' : 'descending' });
  return { values: values.slice(0, k), vectors: vectors.data.slice(0, k * n) };
}

/** A random sparse symmetric matrix (about `density` of the entries), diagonal included. */
function randomSparse(n: number, density: number, seed: number): CsrMatrix {
  return csrFromDense(sparseSymmetric(n, density, seed), n);
}

describe('eigsh', () => {
  it('reproduces the documented path-graph example with every method', () => {
    for (const method of ['auto', 'lanczos', 'shift-invert', 'dense'] as const) {
      const r = eigsh(path4, 2, { which: 'smallest', method });
      expect(Math.abs(r.values[0]!)).toBeLessThan(1e-12);
      expect(r.values[1]).toBeCloseTo(2 - Math.SQRT2, 13);
      const v = Array.from(r.vectors.data);
      const expected = [0.5, 0.5, 0.5, 0.5, 0.6532814824381882, 0.2705980500730985, -0.27059805007309845, -0.6532814824381883];
      for (let t = 0; t < 8; t++) expect(Math.abs(v[t]! - expected[t]!)).toBeLessThan(1e-8); // tol 1e-10 · ‖A‖ / gap
      expect(r.converged).toBe(true);
    }
  });

  it('matches eigSymmetric at both ends for sparse indefinite matrices, with each method', () => {
    const n = 120;
    const A = randomSparse(n, 0.05, 3);
    const a = denseFromCsr(A);
    for (const which of ['largest', 'smallest'] as const) {
      const ref = reference(a, n, 4, which === 'smallest');
      for (const method of ['auto', 'lanczos', 'shift-invert'] as const) {
        const r = eigsh(A, 4, { which, method });
        expect(r.converged).toBe(true);
        for (let i = 0; i < 4; i++) expect(Math.abs(r.values[i]! - ref.values[i]!)).toBeLessThan(1e-10);
        expect(minPrincipalCosine(r.vectors.data, ref.vectors, 4, n)).toBeGreaterThan(1 - 1e-10);
        expect(rowOrthonormalityError(r.vectors.data, 4, n)).toBeLessThan(1e-12);
        expect(denseResidual(a, n, r.values, r.vectors.data)).toBeLessThan(1e-8);
        if (method === 'shift-invert') expect(r.method).toBe('shift-invert');
      }
    }
  });

  it('finds every copy of a repeated eigenvalue (three disjoint cycles: 0 three times, then pairs)', () => {
    const n = 3 * 40;
    const L = laplacian(n, [...cycleEdges(40), ...cycleEdges(40, 40), ...cycleEdges(40, 80)]);
    const ref = reference(denseFromCsr(L), n, 7, true);
    for (const method of ['lanczos', 'shift-invert'] as const) {
      const r = eigsh(L, 7, { which: 'smallest', method });
      expect(r.converged).toBe(true);
      for (let i = 0; i < 7; i++) expect(Math.abs(r.values[i]! - ref.values[i]!)).toBeLessThan(1e-9);
      // λ = 0 three times, then 2 − 2cos(2π/40) six times: 7 vectors span [0,0,0] + part of the sextet,
      // so compare the triple null space exactly and the rest by eigenvalue only.
      expect(minPrincipalCosine(r.vectors.data.slice(0, 3 * n), ref.vectors.slice(0, 3 * n), 3, n)).toBeGreaterThan(1 - 1e-10);
    }
  });

  it('converges on a grid Laplacian with clustered eigenvalues (double eigenvalues of the square)', () => {
    const m = 14;
    const n = m * m;
    const L = laplacian(n, gridEdges(m));
    const ref = reference(denseFromCsr(L), n, 6, true);
    const r = eigsh(L, 6, { which: 'smallest', method: 'lanczos' });
    expect(r.converged).toBe(true);
    for (let i = 0; i < 6; i++) expect(Math.abs(r.values[i]! - ref.values[i]!)).toBeLessThan(1e-9);
    // λ₂ = λ₃ (the square's symmetry): compare the 3-dimensional span of the first three.
    expect(minPrincipalCosine(r.vectors.data.slice(0, 3 * n), ref.vectors.slice(0, 3 * n), 3, n)).toBeGreaterThan(1 - 1e-9);
  });

  it('separates a tight cluster of eigenvalues (1, 1 + 1e-6, 1 + 2e-6, … next to 0.5 … 0)', () => {
    const n = 150;
    const spectrum = new Float64Array(n);
    for (let i = 0; i < n; i++) spectrum[i] = i < 5 ? 1 + i * 1e-6 : (0.5 * (n - i)) / n;
    const a = symmetricWithSpectrum(spectrum, 11);
    const r = eigsh({ rows: n, cols: n, data: a }, 5, { method: 'lanczos' });
    expect(r.converged).toBe(true);
    for (let i = 0; i < 5; i++) expect(Math.abs(r.values[i]! - (1 + (4 - i) * 1e-6))).toBeLessThan(1e-12);
    const ref = reference(a, n, 5, false);
    expect(minPrincipalCosine(r.vectors.data, ref.vectors, 5, n)).toBeGreaterThan(1 - 1e-9);
  });

  it('runs shift-invert on dense input (through its sparse copy) at both ends', () => {
    const n = 90;
    const a = sparseSymmetric(n, 0.5, 21);
    for (const which of ['smallest', 'largest'] as const) {
      const r = eigsh({ rows: n, cols: n, data: a }, 3, { which, method: 'shift-invert' });
      const ref = reference(a, n, 3, which === 'smallest');
      expect(r.method).toBe('shift-invert');
      for (let i = 0; i < 3; i++) expect(Math.abs(r.values[i]! - ref.values[i]!)).toBeLessThan(1e-10);
    }
  });

  it('falls back to the dense decomposition for k = n − 1 and k = n, and for tiny n', () => {
    const n = 30;
    const A = randomSparse(n, 0.2, 5);
    const a = denseFromCsr(A);
    for (const k of [n - 1, n]) {
      for (const which of ['smallest', 'largest'] as const) {
        const r = eigsh(A, k, { which, method: 'lanczos' });
        const ref = reference(a, n, k, which === 'smallest');
        expect(r.method).toBe('dense');
        for (let i = 0; i < k; i++) expect(Math.abs(r.values[i]! - ref.values[i]!)).toBeLessThan(1e-12);
        expect(rowOrthonormalityError(r.vectors.data, k, n)).toBeLessThan(1e-12);
      }
    }
    const one = eigsh(csrFromTriplets(1, 1, new Int32Array([0]), new Int32Array([0]), new Float64Array([-3])), 1);
    expect(Array.from(one.values)).toEqual([-3]);
    expect(Array.from(one.vectors.data)).toEqual([1]);
  });

  it('accepts a matrix-free operator and gives the CSR result', () => {
    const n = 200;
    const L = laplacian(n, [...cycleEdges(n), [0, 100]]);
    const op = {
      n,
      apply(x: Float64Array, out: Float64Array): void {
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let p = L.offsets[i]!; p < L.offsets[i + 1]!; p++) s += L.values[p]! * x[L.indices[p]!]!;
          out[i] = s;
        }
      },
    };
    const a = eigsh(op, 3, { which: 'smallest' });
    const b = eigsh(L, 3, { which: 'smallest', method: 'lanczos' });
    expect(a.method).toBe('lanczos');
    for (let i = 0; i < 3; i++) expect(Math.abs(a.values[i]! - b.values[i]!)).toBeLessThan(1e-10);
    expect(minPrincipalCosine(a.vectors.data, b.vectors.data, 3, n)).toBeGreaterThan(1 - 1e-10);
    const dense = eigsh(op, 3, { which: 'smallest', method: 'dense' });
    expect(dense.method).toBe('dense');
    for (let i = 0; i < 3; i++) expect(Math.abs(dense.values[i]! - b.values[i]!)).toBeLessThan(1e-10);
    expectLatentError(() => eigsh(op, 2, { method: 'shift-invert' }), 'E_OPTION', "'shift-invert'");
    const bad = { n: 5, apply: (_x: Float64Array, out: Float64Array) => out.fill(Number.NaN) };
    expectLatentError(() => eigsh(bad, 1, { method: 'lanczos' }), 'E_NOT_FINITE');
    expectLatentError(() => eigsh(bad, 1), 'E_NOT_FINITE');
  });

  it('is deterministic for a seed, and takes a start vector', () => {
    const A = randomSparse(200, 0.03, 8);
    const a = eigsh(A, 3, { seed: 5 });
    const b = eigsh(A, 3, { seed: 5 });
    expect(a.vectors.data).toEqual(b.vectors.data);
    expect(a.values).toEqual(b.values);
    const c = eigsh(A, 3, { startVector: new Array(200).fill(1) });
    for (let i = 0; i < 3; i++) expect(Math.abs(c.values[i]! - a.values[i]!)).toBeLessThan(1e-10);
  });

  it('reports converged: false when maxIter is too small, with honest residuals', () => {
    const n = 400;
    const L = laplacian(n, cycleEdges(n));
    const r = eigsh(L, 3, { which: 'smallest', method: 'lanczos', maxIter: 25 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBeLessThanOrEqual(25);
    expect(Math.max(...r.residuals)).toBeGreaterThan(1e-8);
  });

  it('reports progress and stops on an abort (before the call and from onProgress)', () => {
    const n = 300;
    const L = laplacian(n, cycleEdges(n));
    const stages = new Set<string>();
    eigsh(L, 2, { which: 'smallest', method: 'shift-invert', onProgress: (p: Progress) => stages.add(p.stage) });
    expect([...stages]).toEqual(expect.arrayContaining(['order', 'factorize', 'lanczos']));
    const ac = new AbortController();
    ac.abort();
    expectLatentError(() => eigsh(L, 2, { signal: ac.signal }), 'E_ABORTED');
    const ac2 = new AbortController();
    expectLatentError(() => eigsh(L, 2, { signal: ac2.signal, method: 'lanczos', onProgress: () => ac2.abort() }), 'E_ABORTED');
  });

  it('validates its arguments', () => {
    expectLatentError(() => eigsh(path4, 0), 'E_RANGE', 'k');
    expectLatentError(() => eigsh(path4, 5), 'E_RANGE', 'k');
    expectLatentError(() => eigsh(path4, 1, { which: 'biggest' as 'largest' }), 'E_OPTION', 'which');
    expectLatentError(() => eigsh(path4, 1, { tol: -1 }), 'E_RANGE', 'tol');
    expectLatentError(() => eigsh(path4, 2, { ncv: 2 }), 'E_RANGE', 'ncv');
    expectLatentError(() => eigsh(path4, 1, { nev: 2 } as never), 'E_OPTION', 'nev');
    expectLatentError(() => eigsh(path4, 1, { startVector: [1, 2] }), 'E_SHAPE', 'startVector');
    expectLatentError(() => eigsh(path4, 1, { startVector: [0, 0, 0, 0] }), 'E_RANGE', 'startVector');
    expectLatentError(() => eigsh([[1, 2], [3, 4]], 1), 'E_RANGE', 'symmetric');
    expectLatentError(() => eigsh([[1, 2, 3]], 1), 'E_SHAPE', 'square');
    expectLatentError(() => eigsh(42 as never, 1), 'E_TYPE');
    expectLatentError(() => eigsh({ n: 0, apply: () => undefined }, 1), 'E_RANGE', 'A.n');
    const asym = csrFromTriplets(2, 2, new Int32Array([0, 1]), new Int32Array([1, 0]), new Float64Array([1, 2]));
    expectLatentError(() => eigsh(asym, 1), 'E_RANGE', 'symmetric');
    expectLatentError(() => eigsh(randomSparse(500, 0.01, 1), 3, { memoryLimit: 1000 }), 'E_MEMORY', 'memoryLimit');
  });

  it('rejects tampered CSR input with coded errors, never a wrong answer', () => {
    const good = (): CsrMatrix => ({ ...path4, offsets: path4.offsets.slice(), indices: path4.indices.slice(), values: path4.values.slice() });
    const cases: [string, (m: CsrMatrix) => void, string][] = [
      ['offsets out of order', (m) => (m.offsets[2] = 1), 'E_SHAPE'],
      ['offsets past the end', (m) => (m.offsets[4] = 99), 'E_SHAPE'],
      ['column out of range', (m) => (m.indices[1] = 7), 'E_RANGE'],
      ['negative column', (m) => (m.indices[0] = -1), 'E_RANGE'],
      ['unsorted columns', (m) => ([m.indices[0], m.indices[1]] = [m.indices[1]!, m.indices[0]!]), 'E_RANGE'],
      ['NaN value', (m) => (m.values[3] = Number.NaN), 'E_NOT_FINITE'],
      ['infinite value', (m) => (m.values[0] = Infinity), 'E_NOT_FINITE'],
      ['rows not square', (m) => (m.cols = 5), 'E_SHAPE'],
      ['wrong offsets type', (m) => ((m as { offsets: unknown }).offsets = [0, 1, 2, 3, 4]), 'E_TYPE'],
    ];
    for (const [, tamper, code] of cases) {
      const m = good();
      tamper(m);
      expect(latentErrorCode(() => eigsh(m, 1))).toBe(code);
    }
  });

  it('averages slightly asymmetric or one-sided-zero CSR input', () => {
    // A[0][1] = 1 stored, A[1][0] stored as 1 + 1e-13 and an explicit zero on one side only.
    const A = csrFromTriplets(3, 3, new Int32Array([0, 0, 1, 1, 2, 2]), new Int32Array([0, 1, 0, 1, 2, 0]), new Float64Array([2, 1, 1 + 1e-13, 2, 3, 0]));
    const r = eigsh(A, 3);
    expect(r.values[0]).toBeCloseTo(3, 12);
    expect(r.values[1]).toBeCloseTo(3, 12);
    expect(r.values[2]).toBeCloseTo(1, 12);
  });

  it('solves the LLE-like problem (eigenvalues ~1e-8 next to ‖M‖ ~ 1) only with shift-invert', () => {
    // M = BᵀB with B = I − W, W row-stochastic on a ring: a PSD matrix with a tiny bottom spectrum.
    const n = 400;
    const r: number[] = [];
    const c: number[] = [];
    const v: number[] = [];
    for (let i = 0; i < n; i++) {
      r.push(i, i, i);
      c.push(i, (i + 1) % n, (i + n - 1) % n);
      v.push(1, -0.5, -0.5);
    }
    // M = Σᵢ uᵢuᵢᵀ over the rows uᵢ of B (csrFromTriplets sums the duplicates).
    const mr: number[] = [];
    const mc: number[] = [];
    const mv: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < 3; a++) {
        for (let b = 0; b < 3; b++) {
          mr.push(c[3 * i + a]!);
          mc.push(c[3 * i + b]!);
          mv.push(v[3 * i + a]! * v[3 * i + b]!);
        }
      }
    }
    void r;
    const M = csrFromTriplets(n, n, Int32Array.from(mr), Int32Array.from(mc), Float64Array.from(mv));
    const exact = Array.from({ length: 3 }, (_, i) => (1 - Math.cos((2 * Math.PI * Math.ceil(i / 2)) / n)) ** 2);
    const si = eigsh(M, 3, { which: 'smallest', method: 'shift-invert' });
    expect(si.converged).toBe(true);
    for (let i = 0; i < 3; i++) expect(Math.abs(si.values[i]! - exact[i]!)).toBeLessThan(1e-13);
    const plain = eigsh(M, 3, { which: 'smallest', method: 'lanczos', maxIter: 1000 });
    expect(plain.converged).toBe(false);
  });
});

describe('eigsh on matrices with huge entries (fuzz: NaN eigenvalues at 1e300)', () => {
  it('scales by a power of two before Lanczos and scales the eigenvalues back, dense and CSR, every method', () => {
    const n = 120;
    // A path graph: simple eigenvalues 2 − 2cos(πj/n), so every method finds the same three.
    const A = laplacian(n, Array.from({ length: n - 1 }, (_, i): [number, number] => [i, i + 1]));
    const small = eigsh(A, 3, { which: 'largest', method: 'lanczos' });
    const big: CsrMatrix = { ...A, values: A.values.map((v) => v * 2 ** 1000) };
    for (const method of ['lanczos', 'dense', 'auto'] as const) {
      for (const input of [big, { rows: n, cols: n, data: denseFromCsr(big) }]) {
        const r = eigsh(input, 3, { which: 'largest', method });
        for (let i = 0; i < 3; i++) {
          expect(Number.isFinite(r.values[i])).toBe(true);
          expect(r.values[i]! / 2 ** 1000).toBeCloseTo(small.values[i]!, 9);
          expect(Number.isFinite(r.residuals[i])).toBe(true);
        }
      }
    }
    const smallest = eigsh(big, 2, { which: 'smallest' });
    expect(smallest.values.every(Number.isFinite)).toBe(true);
    expect(Math.abs(smallest.values[0]!)).toBeLessThan(1e-9 * 2 ** 1000);
  });

  it('eigenvalues beyond the double range are E_RANGE, not Infinity', () => {
    const n = 40;
    const A = laplacian(n, cycleEdges(n));
    // Entries up to 2·MAX/2.5 are finite; the largest eigenvalue (4× the off-diagonal) is not.
    const huge: CsrMatrix = { ...A, values: A.values.map((v) => v * (Number.MAX_VALUE / 2.5)) };
    expectLatentError(() => eigsh(huge, 1, { which: 'largest', method: 'dense' }), 'E_RANGE', 'eigsh: ', 'eigenvalue');
  });
});
