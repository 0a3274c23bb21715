import { describe, expect, it } from 'vitest';
import { pca } from '../../src/decomposition/pca.js';
import { pcaInverseTransform } from '../../src/decomposition/pca-inverse-transform.js';
import { pcaReconstructionError } from '../../src/decomposition/pca-reconstruction-error.js';
import { pcaTransform } from '../../src/decomposition/pca-transform.js';
import { randomizedSvd } from '../../src/decomposition/randomized-svd.js';
import { svd } from '../../src/decomposition/svd.js';
import { expectLatentError } from '../helpers/latent-error.js';

const X5 = [[0, 1], [1, 0], [2, 2], [3, 1], [4, 3]];
const MAX = Number.MAX_VALUE;

// Fuzz finding decomposition/pca-overflow: the fits refuse values beyond ±2^500, the model
// functions used to overflow to Infinity instead.
describe('PCA model functions with values beyond ±2^500', () => {
  const model = pca(X5);

  it('are E_RANGE naming the function and the argument, as the fit', () => {
    expectLatentError(() => pcaReconstructionError(model, [[1e300, -1e300]]), 'E_RANGE', 'pcaReconstructionError: X', '2^500', 'row 0, column 0');
    expectLatentError(() => pcaTransform(model, [[1, 0], [MAX, -MAX]]), 'E_RANGE', 'pcaTransform: X', 'row 1, column 0');
    expectLatentError(() => pcaInverseTransform(model, [[0, MAX]]), 'E_RANGE', 'pcaInverseTransform: Z', 'row 0, column 1');
    expectLatentError(() => pca([[0, 0], [MAX, 1]]), 'E_RANGE', 'pca: X');
  });

  it('values just inside the bound stay finite; Float32 batches are always inside it', () => {
    const big = 2 ** 499;
    expect(pcaReconstructionError(model, [[big, -big]]).every(Number.isFinite)).toBe(true);
    expect(pcaTransform(model, [[big, -big]]).data.every(Number.isFinite)).toBe(true);
    expect(pcaInverseTransform(model, [[big, -big]]).data.every(Number.isFinite)).toBe(true);
    const f32 = { rows: 1, cols: 2, data: new Float32Array([3e38, -3e38]) };
    expect(pcaTransform(model, f32).data.every(Number.isFinite)).toBe(true);
  });
});

// Fuzz finding decomposition/randomizedSvd-max-cell: the range finder overflowed (σ₁ = 0).
describe('randomizedSvd of extreme but finite entries', () => {
  it('rescales by the largest entry: σ₁ is max |entry| for one huge cell, as svd', () => {
    const A = [[1, 2], [3, MAX], [4, 5]];
    const r = randomizedSvd(A, 1);
    expect(r.s[0]).toBe(svd(A).s[0]);
    expect(r.s[0]).toBe(MAX);
    expect(Math.abs(r.u.data[1]!)).toBeCloseTo(1, 12);
    expect(Math.abs(r.vt.data[1]!)).toBeCloseTo(1, 12);
  });

  it('scales huge and subnormal matrices exactly: σ(c·A) = c·σ(A) up to rounding', () => {
    const A = [[3, 1], [1, 2], [0, 1]];
    const ref = randomizedSvd(A, 2).s;
    for (const c of [2 ** 600, 1e300, 1e-310, 2 ** -1070]) {
      const s = randomizedSvd(A.map((row) => row.map((v) => v * c)), 2).s;
      for (let i = 0; i < 2; i++) expect(Math.abs(s[i]! / c - ref[i]!) / ref[0]!).toBeLessThan(c < 1e-300 ? 1e-2 : 1e-12);
    }
  });

  it('leaves ordinary matrices on the copy-free path (same bits as before: the documented example)', () => {
    expect(Array.from(randomizedSvd([[3, 0, 0], [0, 2, 0], [0, 0, 1], [0, 0, 0]], 2).s)).toEqual([2.9999999999999996, 2.0000000000000004]);
  });
});
