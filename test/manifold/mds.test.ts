import { describe, expect, it } from 'vitest';
import type { Matrix64 } from '../../src/core/matrix.js';
import { pdist, squareform } from '../../src/distance/pairwise.js';
import { mds, mdsFromDistances } from '../../src/manifold/mds.js';
import { expectLatentError } from '../helpers/latent-error.js';
import { loadCsv, loadGolden, zscore } from '../helpers/data.js';

interface Extra {
  mds: { metric: 'euclidean' | 'manhattan'; embedding: number[][]; eigenvalues: number[] }[];
}
const extra = loadGolden<Extra>('manifold-extra');
const wine = zscore(loadCsv('wine').data);

function maxRelError(ref: number[][], got: Matrix64): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < ref.length; i++) {
    for (let c = 0; c < 2; c++) {
      num = Math.max(num, Math.abs(ref[i]![c]! - got.data[i * 2 + c]!));
      den = Math.max(den, Math.abs(ref[i]![c]!));
    }
  }
  return num / den;
}

describe('mds (golden: scikit-learn 1.9.1 ClassicalMDS)', () => {
  it('matches embedding (signs included) and eigenvalues on standardised wine, euclidean and manhattan', () => {
    for (const ref of extra.mds) {
      const r = mds(wine, { metric: ref.metric });
      expect(maxRelError(ref.embedding, r.embedding)).toBeLessThan(1e-9);
      for (let c = 0; c < 2; c++) expect(Math.abs(r.eigenvalues[c]! / ref.eigenvalues[c]! - 1)).toBeLessThan(1e-10);
      const fromCondensed = mdsFromDistances(pdist(wine, ref.metric));
      const fromSquare = mdsFromDistances(squareform(pdist(wine, ref.metric)));
      expect(maxRelError(ref.embedding, fromCondensed.embedding)).toBeLessThan(1e-9);
      expect(maxRelError(ref.embedding, fromSquare.embedding)).toBeLessThan(1e-9);
    }
  });
});

describe('mds (behaviour)', () => {
  it('reproduces the documented 3-4-5 triangle', () => {
    const a = mds([[0, 0], [3, 0], [0, 4]], { dims: 2 });
    const b = mdsFromDistances([3, 4, 5], { dims: 2 });
    // Eigenvalues of XcᵀXc = [[6, −4], [−4, 32/3]]: (50/3 ± √(2500/9 − 192)) / 2.
    const root = Math.sqrt(2500 / 9 - 192);
    for (const r of [a, b]) {
      expect(r.eigenvalues[0]).toBeCloseTo((50 / 3 + root) / 2, 10);
      expect(r.eigenvalues[1]).toBeCloseTo((50 / 3 - root) / 2, 10);
    }
    for (const r of [a, b]) {
      const e = r.embedding.data;
      const d = (i: number, j: number): number => Math.hypot(e[i * 2]! - e[j * 2]!, e[i * 2 + 1]! - e[j * 2 + 1]!);
      expect(d(0, 1)).toBeCloseTo(3, 10);
      expect(d(0, 2)).toBeCloseTo(4, 10);
      expect(d(1, 2)).toBeCloseTo(5, 10);
    }
  });

  it('gives zero coordinates for non-positive eigenvalues and accepts dims up to n', () => {
    const r = mds([[0, 0], [1, 0], [2, 0]], { dims: 3 });
    expect(r.eigenvalues[0]).toBeCloseTo(2, 12);
    for (let i = 0; i < 3; i++) expect(Math.abs(r.embedding.data[i * 3 + 2]!)).toBeLessThan(1e-12);
  });

  it('rejects bad input with coded errors', () => {
    expectLatentError(() => mds([[1, 2]]), 'E_SHAPE', 'at least 2 rows');
    expectLatentError(() => mds(wine, { dims: 0 }), 'E_RANGE', 'dims');
    expectLatentError(() => mds(wine, { metric: 'hamming' as 'euclidean' }), 'E_OPTION', 'metric');
    expectLatentError(() => mds(wine, { metric: 'cosine', memoryLimit: 1000 }), 'E_MEMORY');
    expectLatentError(() => mdsFromDistances([1, 2]), 'E_SHAPE', 'n(n − 1)/2');
    expectLatentError(() => mdsFromDistances([1, -2, 3]), 'E_RANGE', '>= 0');
    expectLatentError(() => mdsFromDistances([1, Number.NaN, 3]), 'E_NOT_FINITE');
    expectLatentError(() => mdsFromDistances([[0, 1], [2, 0]]), 'E_RANGE', 'symmetric');
    expectLatentError(() => mdsFromDistances([[1, 1], [1, 0]]), 'E_RANGE', 'diagonal');
    expectLatentError(() => mdsFromDistances([[0, 1, 2]]), 'E_SHAPE', 'square');
    expectLatentError(() => mdsFromDistances('abc' as never), 'E_TYPE');
  });
});

describe('mds with huge coordinates (fuzz FC_SEED=17 deep)', () => {
  it('coordinates near 2^430 (B beyond 2^400) give the scaled embedding, not NaN', () => {
    const X = [[0, 0], [3, 1], [1, 4], [-2, 2], [5, -1], [2, 2.5]];
    const s = 2 ** 430;
    const small = mds(X, { dims: 2 });
    const big = mds(X.map((r) => r.map((v) => v * s)), { dims: 2 });
    expect(big.embedding.data.every(Number.isFinite)).toBe(true);
    for (let t = 0; t < small.embedding.data.length; t++) {
      expect(Math.abs(big.embedding.data[t]! / s - small.embedding.data[t]!)).toBeLessThan(1e-9);
    }
    // Above the dense threshold (Lanczos on the Xc·Xcᵀ operator): the same, exactly scaled.
    const many = Array.from({ length: 200 }, (_, i) => [Math.sin(i * 0.7) * 3, Math.cos(i * 1.3) * 2, (i % 7) - 3]);
    const m1 = mds(many, { dims: 2 });
    const m2 = mds(many.map((r) => r.map((v) => v * s)), { dims: 2 });
    for (let t = 0; t < m1.embedding.data.length; t++) expect(m2.embedding.data[t]! / s).toBe(m1.embedding.data[t]);
    expect(m2.eigenvalues[0]! / s / s).toBe(m1.eigenvalues[0]);
    // One more column than the data has: its eigenvalue is ~0 and still finite.
    expect(mds(X.map((r) => r.map((v) => v * s)), { dims: 3 }).embedding.data.every(Number.isFinite)).toBe(true);
  });

  it('embeds data with subnormal coordinates like the same data with zeros (deep fuzz seed 73: NaN)', () => {
    const X = { rows: 5, cols: 1, data: Float64Array.of(-9.999999999999975, 4e-323, 9.999999999999975, 5e-324, -0) };
    const Z = { rows: 5, cols: 1, data: Float64Array.of(-9.999999999999975, 0, 9.999999999999975, 0, 0) };
    const a = mds(X, { dims: 2, seed: 0 });
    const b = mds(Z, { dims: 2, seed: 0 });
    for (let t = 0; t < 10; t++) expect(Math.abs(a.embedding.data[t]! - b.embedding.data[t]!)).toBeLessThan(1e-12);
    expect(Math.abs(a.embedding.data[0]!)).toBeCloseTo(9.999999999999975, 12);
  });
});

