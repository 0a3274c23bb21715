import { describe, expect, it } from 'vitest';
import { randomizedSvd } from '../../src/decomposition/randomized-svd.js';
import { svd } from '../../src/decomposition/svd.js';
import { expectLatentError } from '../helpers/latent-error.js';
import { columnOrthonormalityError, gaussian, matrixWithSingularValues, rowOrthonormalityError } from './linalg-helpers.js';

describe('randomizedSvd', () => {
  // 200×60 with a decaying spectrum plus a flat tail.
  const m = 200;
  const n = 60;
  const sigma = Array.from({ length: 60 }, (_, i) => (i < 6 ? 100 / (i + 1) : 0.01));
  const a = matrixWithSingularValues(m, n, sigma, 17);

  it('matches the exact leading singular triplets', () => {
    const exact = svd({ rows: m, cols: n, data: a });
    const approx = randomizedSvd({ rows: m, cols: n, data: a }, 4);
    expect(approx.u.rows).toBe(m);
    expect(approx.u.cols).toBe(4);
    expect(approx.vt.rows).toBe(4);
    for (let i = 0; i < 4; i++) {
      expect(Math.abs(approx.s[i]! - exact.s[i]!) / exact.s[i]!).toBeLessThan(1e-10);
      let d = 0;
      for (let j = 0; j < n; j++) d += approx.vt.data[i * n + j]! * exact.vt.data[i * n + j]!;
      expect(Math.abs(Math.abs(d) - 1)).toBeLessThan(1e-9);
    }
    expect(columnOrthonormalityError(approx.u.data, m, 4)).toBeLessThan(1e-13);
    expect(rowOrthonormalityError(approx.vt.data, 4, n)).toBeLessThan(1e-13);
    // A v = σ u for each triplet.
    let worst = 0;
    for (let c = 0; c < 4; c++) {
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += a[i * n + j]! * approx.vt.data[c * n + j]!;
        worst = Math.max(worst, Math.abs(s - approx.s[c]! * approx.u.data[i * 4 + c]!));
      }
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('is deterministic for a seed and works on wide input, k = min(m, n) and without U', () => {
    const x = gaussian(8, 30, 3);
    const r1 = randomizedSvd({ rows: 8, cols: 30, data: x }, 3, { seed: 5 });
    const r2 = randomizedSvd({ rows: 8, cols: 30, data: x }, 3, { seed: 5 });
    expect(r1.s).toEqual(r2.s);
    expect(r1.vt.data).toEqual(r2.vt.data);
    const full = randomizedSvd({ rows: 8, cols: 30, data: x }, 8, { powerIterations: 0, oversamples: 0, computeU: false });
    const exact = svd({ rows: 8, cols: 30, data: x });
    expect(full.u.cols).toBe(0);
    for (let i = 0; i < 8; i++) expect(full.s[i]).toBeCloseTo(exact.s[i]!, 12);
  });

  it('rejects bad arguments with LatentError', () => {
    const x = [
      [1, 2],
      [3, 4],
    ];
    expectLatentError(() => randomizedSvd(x, 3), 'E_RANGE', 'randomizedSvd', 'k', '[1, 2]');
    expectLatentError(() => randomizedSvd(x, 0), 'E_RANGE', 'randomizedSvd', 'k');
    expectLatentError(() => randomizedSvd(x, 1, { oversamples: -1 }), 'E_RANGE', 'oversamples');
    expectLatentError(() => randomizedSvd(x, 1, { powerIterations: 1.5 }), 'E_RANGE', 'powerIterations');
    expectLatentError(() => randomizedSvd(x, 1, { powerIterations: 'many' as 'auto' }), 'E_TYPE', 'powerIterations');
    expectLatentError(() => randomizedSvd(x, 1, { seed: -1 }), 'E_RANGE', 'seed');
    expectLatentError(() => randomizedSvd(x, 1, { computeU: 'yes' as unknown as boolean }), 'E_TYPE', 'computeU');
    expectLatentError(() => randomizedSvd([], 1), 'E_SHAPE', 'randomizedSvd');
    expectLatentError(() => randomizedSvd([[NaN]], 1), 'E_NOT_FINITE', 'randomizedSvd');
  });
});
