import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/core/matrix.js';
import { randomNormal, rng } from '../../src/core/random.js';
import { pca, type PcaOptions } from '../../src/decomposition/pca.js';
import { pcaTransform } from '../../src/decomposition/pca-transform.js';
import { randomizedSvd } from '../../src/decomposition/randomized-svd.js';
import { allocatedBytes } from '../helpers/allocation.js';
import { latentErrorCode } from '../helpers/latent-error.js';

/** n × d Float32 data: 6 factors with decaying scales, noise, and column offsets far from 0. */
function factors32(n: number, d: number, seed: number): Matrix<Float32Array> {
  const r = rng(seed);
  const w = Float64Array.from({ length: 6 * d }, () => randomNormal(r));
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const z = [0, 1, 2, 3, 4, 5].map((c) => (8 * randomNormal(r)) / (c + 1));
    for (let j = 0; j < d; j++) {
      let s = 100 + j + 0.3 * randomNormal(r);
      for (let c = 0; c < 6; c++) s += z[c]! * w[c * d + j]!;
      data[i * d + j] = s;
    }
  }
  return { rows: n, cols: d, data };
}

function maxRel(a: Float64Array, b: Float64Array): number {
  let w = 0;
  for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i]! / b[i]! - 1));
  return w;
}

describe('pca at embedding scale', () => {
  it('Float32 input gives the bits of its Float64 widening, for every solver', () => {
    const X = factors32(600, 40, 1);
    const wide = { rows: X.rows, cols: X.cols, data: Float64Array.from(X.data) };
    for (const solver of ['auto', 'full', 'covariance', 'svd', 'randomized'] as const) {
      const o: PcaOptions = { components: 3, solver };
      const a = pca(X, o);
      const b = pca(wide, o);
      expect(Array.from(a.explainedVariance), solver).toEqual(Array.from(b.explainedVariance));
      expect(Array.from(a.components.data), solver).toEqual(Array.from(b.components.data));
      expect(Array.from(a.mean), solver).toEqual(Array.from(b.mean));
    }
  });

  it("'auto' takes the covariance route for n ≥ 10·d and agrees with the SVD route to 1e-9", () => {
    const X = factors32(2000, 60, 2);
    const auto = pca(X, { components: 6 });
    const cov = pca(X, { components: 6, solver: 'covariance' });
    const svd = pca(X, { components: 6, solver: 'svd' });
    expect(Array.from(auto.explainedVariance)).toEqual(Array.from(cov.explainedVariance));
    expect(maxRel(cov.explainedVariance, svd.explainedVariance)).toBeLessThan(1e-9);
    expect(cov.noiseVariance / svd.noiseVariance - 1).toBeLessThan(1e-9);
    // Axes agree up to rounding (signs are fixed the same way).
    let worst = 0;
    for (let i = 0; i < cov.components.data.length; i++) worst = Math.max(worst, Math.abs(cov.components.data[i]! - svd.components.data[i]!));
    expect(worst).toBeLessThan(1e-6);
  });

  it('pcaTransform reads Float32 rows in place and gives the Float64 copy’s bits', async () => {
    const X = factors32(12000, 64, 3); // 3.1 MB of Float32 rows
    const model = pca({ rows: 500, cols: 64, data: X.data.subarray(0, 500 * 64) }, { components: 4, whiten: true });
    const a = pcaTransform(model, X);
    const b = pcaTransform(model, { rows: X.rows, cols: X.cols, data: Float64Array.from(X.data) });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(await allocatedBytes(() => pcaTransform(model, X))).toBeLessThan(0.25 * X.data.byteLength);
    expect(await allocatedBytes(() => pca(X, { components: 4, solver: 'covariance' }))).toBeLessThan(0.25 * X.data.byteLength);
    expect(await allocatedBytes(() => pca(X, { components: 4, solver: 'svd' }))).toBeGreaterThan(2 * X.data.byteLength);
  });

  it('randomized PCA and randomizedSvd report progress and stop on abort', () => {
    const X = factors32(700, 80, 4);
    const seen: number[] = [];
    pca(X, { components: 2, solver: 'randomized', powerIterations: 2, onProgress: (p) => seen.push(p.completed) });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    const ac = new AbortController();
    expect(latentErrorCode(() => pca(X, { components: 2, solver: 'randomized', signal: ac.signal, onProgress: () => ac.abort() }))).toBe('E_ABORTED');
    const done = new AbortController();
    done.abort();
    expect(latentErrorCode(() => pca(X, { components: 2, signal: done.signal }))).toBe('E_ABORTED');
    expect(randomizedSvd(X, 2).s.length).toBe(2);
  });
});
