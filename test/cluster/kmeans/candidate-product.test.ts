import { describe, expect, it } from 'vitest';
import { candidateLayout, candidateProduct32, candidateProduct64, packCandidates } from '../../../src/cluster/kmeans/candidate-product.js';
import { rng } from '../../../src/core/random.js';

/** The plain loop: a left-to-right sum in position order. */
function dot(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number, d: number): number {
  let s = 0;
  for (let p = 0; p < d; p++) s += a[ao + p]! * b[bo + p]!;
  return s;
}

describe('candidate products (k-means++ seeding)', () => {
  it('lays out groups of 4 and 6 covering every count with at most 3 padded columns', () => {
    for (let count = 1; count <= 40; count++) {
      const { widths, total } = candidateLayout(count);
      expect(Array.from(widths).every((w) => w === 4 || w === 6)).toBe(true);
      expect(total).toBe(Array.from(widths).reduce((s, w) => s + w, 0));
      expect(total).toBeGreaterThanOrEqual(count);
      expect(total - count).toBeLessThanOrEqual(3);
    }
    expect(Array.from(candidateLayout(6).widths)).toEqual([6]);
    expect(Array.from(candidateLayout(8).widths)).toEqual([4, 4]);
  });

  it('gives the plain loop’s bits for two rows, one row passed twice, Float64 and Float32, 1–13 candidates', () => {
    const r = rng(4);
    const d = 29;
    const rows = 5;
    const X32 = Float32Array.from({ length: rows * d }, () => r() * 2 - 1);
    const X64 = Float64Array.from(X32);
    for (let count = 1; count <= 13; count++) {
      const cand = Float64Array.from({ length: count * d }, () => r() * 4 - 2);
      const layout = candidateLayout(count);
      const packed = new Float64Array(layout.total * d).fill(Number.NaN);
      packCandidates(cand, count, d, layout, packed);
      expect(packed.some(Number.isNaN)).toBe(false);
      const ldc = layout.total + 3;
      for (const [i0, i1] of [[0, 1], [3, 4], [2, 2]] as const) {
        const c64 = new Float64Array(2 * ldc).fill(-7);
        const c32 = new Float64Array(2 * ldc).fill(-7);
        candidateProduct64(X64, i0 * d, i1 * d, d, packed, layout, c64, 0, ldc);
        candidateProduct32(X32, i0 * d, i1 * d, d, packed, layout, c32, 0, ldc);
        for (let t = 0; t < count; t++) {
          expect(c64[t]).toBe(dot(X64, i0 * d, cand, t * d, d));
          expect(c64[ldc + t]).toBe(dot(X64, i1 * d, cand, t * d, d));
        }
        expect(Array.from(c32)).toEqual(Array.from(c64));
        // Padding columns are zero products; nothing past the layout is written.
        for (let t = count; t < layout.total; t++) expect(c64[t]).toBe(0);
        for (let t = layout.total; t < ldc; t++) expect(c64[t]).toBe(-7);
      }
    }
  });
});
