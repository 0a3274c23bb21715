import { describe, expect, it } from 'vitest';
import { findAbParams } from '../../../src/manifold/umap/ab-params.js';
import { loadGolden } from '../../helpers/data.js';

interface AbCase {
  spread: number;
  minDist: number;
  a: number;
  b: number;
  aExact: number;
  bExact: number;
}
const golden = loadGolden<{ cases: AbCase[] }>('umap_ab');

describe('findAbParams (umap-learn find_ab_params)', () => {
  it('gives umap-learn\'s documented defaults a ≈ 1.577, b ≈ 0.8951 for minDist 0.1, spread 1', () => {
    const { a, b } = findAbParams(1, 0.1);
    expect(a).toBeCloseTo(1.577, 3);
    expect(b).toBeCloseTo(0.8951, 4);
  });

  it.each(golden.cases)('reaches the least-squares minimum for spread $spread, minDist $minDist', (c) => {
    const { a, b } = findAbParams(c.spread, c.minDist);
    // The exact minimum (mpmath, 40 digits) to 1e-9; scipy's curve_fit stops up to 5e-6 short of it.
    expect(Math.abs(a / c.aExact - 1)).toBeLessThan(1e-9);
    expect(Math.abs(b / c.bExact - 1)).toBeLessThan(1e-9);
    expect(Math.abs(a / c.a - 1)).toBeLessThan(1e-5);
    expect(Math.abs(b / c.b - 1)).toBeLessThan(1e-5);
  });

  it('is deterministic (same bits on every call)', () => {
    const first = findAbParams(1.5, 0.3);
    expect(Object.is(findAbParams(1.5, 0.3).a, first.a)).toBe(true);
    expect(Object.is(findAbParams(1.5, 0.3).b, first.b)).toBe(true);
  });
});
