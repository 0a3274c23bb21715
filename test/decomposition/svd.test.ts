import { describe, expect, it } from 'vitest';
import { randomizedSvd } from '../../src/decomposition/randomized-svd.js';
import { svd } from '../../src/decomposition/svd.js';
import { expectLatentError } from '../helpers/latent-error.js';
import { EPS, columnOrthonormalityError, gaussian, matrixWithSingularValues, maxAbs, rowOrthonormalityError } from './linalg-helpers.js';

/** max |A − U diag(s) Vᵀ|. */
function reconstructionError(a: Float64Array, m: number, n: number, u: Float64Array, s: Float64Array, vt: Float64Array): number {
  const r = s.length;
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let x = 0;
      for (let c = 0; c < r; c++) x += u[i * r + c]! * s[c]! * vt[c * n + j]!;
      worst = Math.max(worst, Math.abs(x - a[i * n + j]!));
    }
  }
  return worst;
}

describe('svd', () => {
  it('decomposes the documented example', () => {
    const { u, s, vt } = svd([
      [3, 0],
      [0, -2],
      [0, 0],
    ]);
    expect(Array.from(s)).toEqual([3, 2]);
    expect(u.rows).toBe(3);
    expect(u.cols).toBe(2);
    expect(vt.rows).toBe(2);
    expect(reconstructionError(new Float64Array([3, 0, 0, -2, 0, 0]), 3, 2, u.data, s, vt.data)).toBe(0);
  });

  it('recovers known singular values of tall, wide and square matrices', () => {
    for (const [m, n] of [
      [30, 8],
      [8, 30],
      [12, 12],
    ] as const) {
      const sigma = [10, 5, 3, 1, 0.5, 1e-3, 1e-6, 1e-9];
      const a = matrixWithSingularValues(m, n, sigma, m * 100 + n);
      const { u, s, vt } = svd({ rows: m, cols: n, data: a });
      const r = Math.min(m, n);
      expect(s.length).toBe(r);
      for (let i = 0; i < r; i++) expect(Math.abs(s[i]! - (sigma[i] ?? 0))).toBeLessThan(100 * EPS * 10);
      expect(reconstructionError(a, m, n, u.data, s, vt.data)).toBeLessThan(100 * EPS * 10);
      expect(columnOrthonormalityError(u.data, m, r)).toBeLessThan(100 * EPS);
      expect(rowOrthonormalityError(vt.data, r, n)).toBeLessThan(100 * EPS);
    }
  });

  it('completes U to an orthonormal set for zero and underflowing singular values', () => {
    // Rank 1 with the remaining columns' residuals far below the 1e-154 underflow threshold.
    const m = 50;
    const n = 20;
    const a = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) a[i * n + j] = (i % 3 === 0 ? 1 : 0) * (j + 1);
    const { u, s, vt } = svd({ rows: m, cols: n, data: a });
    expect(s[1]! / s[0]!).toBeLessThan(1e-14);
    expect(columnOrthonormalityError(u.data, m, n)).toBeLessThan(100 * EPS);
    expect(rowOrthonormalityError(vt.data, n, n)).toBeLessThan(100 * EPS);
    expect(reconstructionError(a, m, n, u.data, s, vt.data)).toBeLessThan(100 * EPS * maxAbs(a));

    const zero = svd({ rows: 4, cols: 3, data: new Float64Array(12) });
    expect(Array.from(zero.s)).toEqual([0, 0, 0]);
    expect(columnOrthonormalityError(zero.u.data, 4, 3)).toBe(0);
  });

  it('keeps high relative accuracy on graded columns', () => {
    // Columns scaled by 1, 1e-4, …, 1e-28: Jacobi after QR resolves every singular value.
    const m = 40;
    const n = 8;
    const g = gaussian(m, n, 5);
    const a = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) a[i * n + j] = g[i * n + j]! * 10 ** (-4 * j);
    const { s } = svd({ rows: m, cols: n, data: a });
    // Reference: singular values of the unscaled Gaussian columns, multiplied by the scale,
    // are approximately the column norms for this strongly graded matrix.
    for (let j = 0; j < n; j++) {
      let norm = 0;
      for (let i = 0; i < m; i++) norm += a[i * n + j]! ** 2;
      expect(s[j]! / Math.sqrt(norm)).toBeGreaterThan(0.5);
      expect(s[j]! / Math.sqrt(norm)).toBeLessThan(1.0001);
    }
  });

  it('skips U when asked and handles 1×1, huge and tiny matrices', () => {
    const { u, s, vt } = svd([[1, 2], [3, 4], [5, 6]], { computeU: false });
    expect(u.cols).toBe(0);
    expect(s.length).toBe(2);
    expect(vt.rows).toBe(2);
    const wide = svd([[1, 2, 3]], { computeU: false });
    expect(wide.u.cols).toBe(0);
    expect(wide.s[0]).toBeCloseTo(Math.sqrt(14), 14);
    expect(Array.from(svd([[-3]]).s)).toEqual([3]);
    for (const scale of [1e-300, 1e300]) {
      const r = svd([[3 * scale, 0], [0, 4 * scale]]);
      expect(r.s[0]! / scale).toBeCloseTo(4, 14);
      expect(r.s[1]! / scale).toBeCloseTo(3, 14);
    }
  });

  it('does not modify its input', () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    svd({ rows: 3, cols: 2, data });
    svd({ rows: 2, cols: 3, data });
    expect(Array.from(data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects bad input with LatentError', () => {
    expectLatentError(() => svd([]), 'E_SHAPE', 'svd', 'at least one row');
    expectLatentError(() => svd([[1, Infinity]]), 'E_NOT_FINITE', 'svd');
    expectLatentError(() => svd([[1]], { computeU: 1 as unknown as boolean }), 'E_TYPE', 'svd', 'computeU');
  });
});

describe('svd of subnormal and mixed-scale data (fuzz: decomposition/svd-subnormal, randomizedSvd-subnormal)', () => {
  it('a subnormal row gives its exact singular value and a finite unit right vector', () => {
    const r = svd([[-8.4e-323, -1e-323, 4.4e-323]]);
    expect(r.s[0]).toBeGreaterThan(0);
    expect(Array.from(r.vt.data).every(Number.isFinite)).toBe(true);
    // σ itself is a subnormal (a few significant bits), so the vector is unit only to that precision.
    expect(Math.abs(Math.hypot(...r.vt.data) - 1)).toBeLessThan(0.05);
  });
  it('converges on 10 / 1e-323 mixed columns (QR and norms divide instead of multiplying by a reciprocal that overflows)', () => {
    const r = svd([[-2.5e-9, 3.5e-323, 2.9e-61], [-10, -8e-323, 10], [-7e-183, -6e-323, 5.4e-323]]);
    expect(Array.from(r.s).every(Number.isFinite)).toBe(true);
    expect(r.s[0]).toBeCloseTo(Math.SQRT2 * 10, 10);
    expect(Array.from(r.u.data).concat(Array.from(r.vt.data)).every(Number.isFinite)).toBe(true);
  });
  it('randomizedSvd of data with subnormal entries no longer fails to converge', async () => {
    const { randomizedSvd } = await import('../../src/decomposition/randomized-svd.js');
    const A = { rows: 2, cols: 3, data: new Float64Array([1.227550158328015e-293, 9.999999999999991, -1e-323, -5e-324, 3e-323, -5.4e-323]) };
    expect(randomizedSvd(A, 1).s[0]).toBeCloseTo(10, 12);
  });
});

describe('svd with near-subnormal columns (fuzz FC_SEED=15 deep)', () => {
  it('a column whose norm lies on the subnormal grid keeps its reflector orthogonal (was 25 % off)', () => {
    const data = Float64Array.of(-1.3104298989328405e-151, 8.4e-323, 9.099815367167205e-91, 5.015138628456425e-282, 6.4e-323, -3.1109657924286096, 3.1956809208489033e-108, -2e-323, 0);
    const r = svd({ rows: 3, cols: 3, data }, { computeU: true });
    // Independent reference: column 2 holds −3.11 and 9.1e-91; column 0 is 3.2e-108 at most.
    expect(r.s[0]).toBeCloseTo(Math.hypot(3.1109657924286096, 9.099815367167205e-91), 14);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let t = 0; t < 3; t++) s += r.u.data[i * 3 + t]! * r.s[t]! * r.vt.data[t * 3 + j]!;
        expect(Math.abs(s - data[i * 3 + j]!)).toBeLessThan(1e-15 * 3.2);
      }
    }
  });

  it('singular values at Number.MAX_VALUE: rounding past it is MAX_VALUE, a value really above it E_RANGE (fuzz seed 1010: Infinity)', () => {
    const M = Number.MAX_VALUE;
    // σ₁ = √(M² + 100) rounds to M: the scaled σ (1 plus rounding) times M used to overflow.
    const r = svd([[-10, M, 1e-44], [1e-50, 2e-323, 0], [4e-96, -1e-176, 5e-20]]);
    expect(r.s[0]).toBe(M);
    expect(Array.from(r.u.data).every(Number.isFinite)).toBe(true);
    expect(Math.abs(r.u.data[0]!)).toBeCloseTo(1, 12); // the left vector of σ₁ is e₁, not zeroed
    expectLatentError(() => svd([[M, M], [0, 0]]), 'E_RANGE', 'svd: a singular value exceeds Number.MAX_VALUE', 'rescale A');
    expectLatentError(() => randomizedSvd([[M, M], [0, 0]], 1), 'E_RANGE', 'randomizedSvd: a singular value exceeds Number.MAX_VALUE');
    expect(randomizedSvd([[M, 1], [1, 1]], 1).s[0]).toBe(M);
  });
});

