import { describe, expect, it } from 'vitest';
import { LINKAGE_METHODS, cophenetic, copheneticCorrelation, linkage } from '../../../src/cluster/index.js';
import { pdist } from '../../../src/distance/pairwise.js';
import { loadCsv, loadGolden, zscore } from '../../helpers/data.js';
import { naiveCophenetic, randomPoints, type Method } from './linkage-reference.js';
import { latentErrorCode } from '../../helpers/latent-error.js';

const golden = loadGolden<Record<Method, { cophenetCorrelation: number }>>('linkage_wine_std');
const wine = zscore(loadCsv('wine').data);

/** Pearson correlation, two-pass, for an independent check. */
function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= a.length;
  mb /= b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('cophenetic', () => {
  it.each(LINKAGE_METHODS)('%s: equals the brute-force lowest-common-merge heights', (method) => {
    const n = 30;
    const Z = linkage(randomPoints(n, 2, 9), { method });
    expect(Array.from(cophenetic(Z))).toEqual(naiveCophenetic(Z.data, n));
  });

  it('small example, the single-point tree, and a scipy Z as number[][]', () => {
    const Z = linkage([[0, 0], [0, 1], [4, 0], [4, 2]], { method: 'average' });
    const h = Z.data[10]!;
    expect(Array.from(cophenetic(Z))).toEqual([1, h, h, h, h, 2]);
    expect(cophenetic([])).toEqual(new Float64Array(0));
    expect(Array.from(cophenetic([[0, 1, 0.5, 2]]))).toEqual([0.5]);
  });

  it('rejects an invalid Z', () => {
    expect(latentErrorCode(() => cophenetic([[0, 1, 1, 3]]))).toBe('E_RANGE');
  });
});

describe('copheneticCorrelation', () => {
  it.each(LINKAGE_METHODS)('%s on wine equals scipy’s cophenet(Z, Y)[0] to 1e-12', (method) => {
    const D = pdist(wine);
    const c = copheneticCorrelation(linkage(wine, { method }), D);
    expect(Math.abs(c - golden[method].cophenetCorrelation)).toBeLessThan(1e-12);
  });

  it('equals the Pearson correlation of cophenetic(Z) with the distances', () => {
    const X = randomPoints(40, 3, 4);
    const D = pdist(X);
    const Z = linkage(X, { method: 'complete' });
    expect(Math.abs(copheneticCorrelation(Z, D) - pearson(cophenetic(Z), D))).toBeLessThan(1e-12);
    expect(copheneticCorrelation(Z, Array.from(D))).toBe(copheneticCorrelation(Z, D));
  });

  it('errors: wrong length, non-finite, constant distances, not an array', () => {
    const Z = linkage([[0], [1], [3]], { method: 'single' });
    expect(latentErrorCode(() => copheneticCorrelation(Z, [1, 2]))).toBe('E_SHAPE');
    expect(latentErrorCode(() => copheneticCorrelation(Z, [1, NaN, 2]))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => copheneticCorrelation(Z, [2, 2, 2]))).toBe('E_RANGE');
    expect(latentErrorCode(() => copheneticCorrelation(linkage([[0], [1]]), [1]))).toBe('E_RANGE'); // n = 2: one pair
    expect(latentErrorCode(() => copheneticCorrelation(Z, 3 as unknown as number[]))).toBe('E_TYPE');
  });
});

describe('copheneticCorrelation refuses negative distances (fuzz: distance/copheneticCorrelation-negative)', () => {
  it('a negative entry is E_RANGE, a non-number E_TYPE', () => {
    const Z = linkage([[0], [1], [3]]);
    expect(latentErrorCode(() => copheneticCorrelation(Z, [-1, 2, 3]))).toBe('E_RANGE');
    expect(latentErrorCode(() => copheneticCorrelation(Z, ['1', 2, 3] as never))).toBe('E_TYPE');
    expect(copheneticCorrelation(Z, [1, 3, 2])).toBeGreaterThan(0);
  });
});

describe('copheneticCorrelation at extreme magnitudes (fuzz: distance/copheneticCorrelation-overflow)', () => {
  const MAX = Number.MAX_VALUE;
  const Z = linkage([[0], [1], [3]]); // cophenetic distances [1, 2, 2]

  it('distances up to MAX_VALUE or down to subnormal give the scale-free correlation, never NaN', () => {
    const r = copheneticCorrelation(Z, [1, 3, 2]);
    expect(copheneticCorrelation(Z, [MAX, MAX, 1])).toBeCloseTo(-0.5, 14); // [1,2,2] against ≈ [1,1,0]
    expect(copheneticCorrelation(Z, [1e300, 3e300, 2e300])).toBeCloseTo(r, 14);
    expect(copheneticCorrelation(Z, [1e-300, 3e-300, 2e-300])).toBeCloseTo(r, 14);
    expect(copheneticCorrelation(Z, [5e-324, 1.5e-323, 1e-323])).toBeCloseTo(r, 14);
  });

  it('merge heights up to MAX_VALUE are scaled too', () => {
    const big = { rows: Z.rows, cols: 4, data: Float64Array.from(Z.data) };
    big.data[2] = MAX / 2;
    big.data[6] = MAX;
    expect(copheneticCorrelation(big, [1, 3, 2])).toBeCloseTo(copheneticCorrelation(Z, [1, 3, 2]), 14);
  });
});
