import { describe, expect, it } from 'vitest';
import { eigSymmetric } from '../../src/decomposition/eig-symmetric.js';
import { expectLatentError } from '../helpers/latent-error.js';
import { EPS, eigResidual, maxAbs, rowOrthonormalityError, symmetricWithSpectrum } from './linalg-helpers.js';

describe('eigSymmetric', () => {
  it('solves the documented 2×2 example', () => {
    const { values, vectors } = eigSymmetric([
      [2, 1],
      [1, 2],
    ]);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expect(Math.abs(vectors.data[0]!)).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors.data[0]! * vectors.data[1]!).toBeGreaterThan(0);
    expect(vectors.data[2]! * vectors.data[3]!).toBeLessThan(0);
  });

  it('recovers a known spectrum with descending and ascending order', () => {
    const spectrum = [5, -3, 2.5, 1e-3, 0, -7, 4, 1];
    const n = spectrum.length;
    const a = symmetricWithSpectrum(spectrum, 3);
    const desc = eigSymmetric({ rows: n, cols: n, data: a });
    const asc = eigSymmetric({ rows: n, cols: n, data: a }, { order: 'ascending' });
    const sorted = [...spectrum].sort((x, y) => y - x);
    for (let i = 0; i < n; i++) {
      expect(Math.abs(desc.values[i]! - sorted[i]!)).toBeLessThan(50 * EPS * 7);
      expect(asc.values[i]).toBe(desc.values[n - 1 - i]);
    }
    expect(eigResidual(a, n, desc.values, desc.vectors.data)).toBeLessThan(50 * EPS * 7);
    expect(rowOrthonormalityError(asc.vectors.data, n, n)).toBeLessThan(50 * EPS);
  });

  it('handles 1×1, zero, diagonal and huge/tiny-scaled matrices', () => {
    expect(Array.from(eigSymmetric([[-4]]).values)).toEqual([-4]);
    const z = eigSymmetric([
      [0, 0],
      [0, 0],
    ]);
    expect(Array.from(z.values)).toEqual([0, 0]);
    expect(Array.from(z.vectors.data)).toEqual([1, 0, 0, 1]);
    const diag = eigSymmetric([
      [1, 0, 0],
      [0, 3, 0],
      [0, 0, 2],
    ]);
    expect(Array.from(diag.values)).toEqual([3, 2, 1]);
    for (const scale of [1e-200, 1e200]) {
      const a = symmetricWithSpectrum([3, 2, 1], 9).map((v) => v * scale);
      const { values } = eigSymmetric({ rows: 3, cols: 3, data: a });
      expect(values[0]! / scale).toBeCloseTo(3, 12);
      expect(values[2]! / scale).toBeCloseTo(1, 12);
    }
  });

  it('is accurate on a rank-deficient matrix with repeated eigenvalues', () => {
    const spectrum = [2, 2, 2, 0, 0, 0, 0, 0, 0, 0];
    const a = symmetricWithSpectrum(spectrum, 11);
    const { values, vectors } = eigSymmetric({ rows: 10, cols: 10, data: a });
    for (let i = 0; i < 10; i++) expect(Math.abs(values[i]! - spectrum[i]!)).toBeLessThan(100 * EPS);
    expect(eigResidual(a, 10, values, vectors.data)).toBeLessThan(100 * EPS);
    expect(rowOrthonormalityError(vectors.data, 10, 10)).toBeLessThan(100 * EPS);
  });

  it('has tiny residuals on the ill-conditioned Hilbert matrix', () => {
    const n = 12;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = 1 / (i + j + 1);
    const { values, vectors } = eigSymmetric({ rows: n, cols: n, data: a });
    expect(eigResidual(a, n, values, vectors.data)).toBeLessThan(10 * n * EPS * maxAbs(a));
    expect(rowOrthonormalityError(vectors.data, n, n)).toBeLessThan(10 * n * EPS);
    // λ_max of H_12 (known to many digits).
    expect(values[0]).toBeCloseTo(1.7953720595619975, 13);
  });

  it('does not modify its input', () => {
    const rows = [
      [1, 2],
      [2, 1],
    ];
    eigSymmetric(rows);
    expect(rows).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });

  it('rejects bad input with LatentError', () => {
    expectLatentError(() => eigSymmetric([[1, 2, 3]]), 'E_SHAPE', 'eigSymmetric', 'square', '1×3');
    expectLatentError(() => eigSymmetric([]), 'E_SHAPE', 'eigSymmetric', 'square');
    expectLatentError(
      () =>
        eigSymmetric([
          [1, 2],
          [3, 1],
        ]),
      'E_RANGE',
      'eigSymmetric',
      'symmetric',
      'A[0][1] = 2',
    );
    expectLatentError(
      () =>
        eigSymmetric([
          [1, NaN],
          [NaN, 1],
        ]),
      'E_NOT_FINITE',
      'eigSymmetric',
    );
    expectLatentError(() => eigSymmetric([[1]], { order: 'random' as 'ascending' }), 'E_OPTION', 'eigSymmetric', 'order');
  });
});

describe('eigSymmetric at the ends of the double range', () => {
  it('subnormal matrices give finite eigenpairs (power-of-two scaling, not 1/max)', () => {
    for (const s of [1e-320, 1e-310, 2.5e-308]) {
      const { values, vectors } = eigSymmetric([[2 * s, s], [s, 2 * s]]);
      for (const v of [...values, ...vectors.data]) expect(Number.isFinite(v)).toBe(true);
      // Eigenvalues 3s and s, to the resolution of the subnormal grid (5e-324).
      expect(Math.abs(values[0]! - 3 * s)).toBeLessThanOrEqual(Math.max(3 * s * 1e-14, 5e-324));
      expect(Math.abs(values[1]! - s)).toBeLessThanOrEqual(Math.max(s * 1e-14, 5e-324));
    }
  });
});

describe('eigSymmetric near the double range (fuzz FC_SEED=4 deep)', () => {
  it('an eigenvalue beyond ±MAX_VALUE is E_RANGE, not ±Infinity; entries at MAX_VALUE with finite eigenvalues work', () => {
    const M = Number.MAX_VALUE;
    expectLatentError(() => eigSymmetric([[M, M], [M, 1]]), 'E_RANGE', 'eigSymmetric: ', 'eigenvalue 0');
    const ok = eigSymmetric([[1, M], [M, 1]]);
    expect(Array.from(ok.values).every(Number.isFinite)).toBe(true);
    expect(ok.values[0]).toBe(M);
  });

  it('handles rows whose off-diagonal entries are subnormal next to normal ones (deep fuzz seed 73: NaN eigenvectors)', () => {
    // x xᵀ for x with two entries ±10 and three subnormal ones: rank one, eigenvalue ‖x‖².
    const x = [-9.999999999999975, 4e-323, 9.999999999999975, 5e-324, 0];
    const n = x.length;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = x[i]! * x[j]!;
    const r = eigSymmetric({ rows: n, cols: n, data: a });
    expect(Array.from(r.values).every(Number.isFinite)).toBe(true);
    expect(Array.from(r.vectors.data).every(Number.isFinite)).toBe(true);
    expect(r.values[0]).toBeCloseTo(2 * x[0]! * x[0]!, 10);
    expect(rowOrthonormalityError(r.vectors.data, n, n)).toBeLessThan(10 * EPS);
    expect(eigResidual(a, n, r.values, r.vectors.data)).toBeLessThan(1e3 * EPS);
  });
});
