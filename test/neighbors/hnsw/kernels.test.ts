import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dotF32, dotF32x4, dotI8, dotI8x4, dotPairF32, l2F32, l2F32x4, l2PairF32 } from '../../../src/neighbors/hnsw/kernels.js';

describe('hnsw distance kernels', () => {
  it('give the same bits for a pair whichever kernel computes it, in either direction', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 41 }), fc.array(fc.float({ min: -4, max: 4, noNaN: true }), { minLength: 4 * 41, maxLength: 4 * 41 }), (d, values) => {
        const x = Float32Array.from(values.slice(0, 4 * d));
        const q = Float64Array.from(x.subarray(0, d));
        const out = new Float64Array(4);
        l2F32x4(q, x, 0, d, 2 * d, 3 * d, d, out, 0);
        const dots = new Float64Array(4);
        dotF32x4(q, x, 0, d, 2 * d, 3 * d, d, dots, 0);
        for (let r = 0; r < 4; r++) {
          const l2 = l2F32(q, x, r * d, d);
          const dot = dotF32(q, x, r * d, d);
          expect(out[r]).toBe(l2);
          expect(l2PairF32(x, 0, r * d, d)).toBe(l2);
          expect(l2PairF32(x, r * d, 0, d)).toBe(l2);
          expect(dots[r]).toBe(dot);
          expect(dotPairF32(x, r * d, 0, d)).toBe(dot);
          let l2ref = 0;
          let dotref = 0;
          for (let j = 0; j < d; j++) {
            l2ref += (x[j]! - x[r * d + j]!) ** 2;
            dotref += x[j]! * x[r * d + j]!;
          }
          expect(l2).toBeCloseTo(l2ref, 9);
          expect(dot).toBeCloseTo(dotref, 9);
        }
      }),
    );
  });

  it('int8: one row and four rows at once agree', () => {
    const d = 13;
    const c = Int8Array.from({ length: 4 * d }, (_, i) => ((i * 37) % 255) - 128);
    const v = Float64Array.from({ length: d }, (_, i) => Math.sin(i) / 7);
    const out = new Float64Array(6);
    dotI8x4(v, c, 0, d, 2 * d, 3 * d, d, out, 2);
    for (let r = 0; r < 4; r++) expect(out[r + 2]).toBe(dotI8(v, c, r * d, d));
    expect(dotI8(new Float64Array([0.5, 1]), new Int8Array([2, -3]), 0, 2)).toBe(-2);
  });
});
