import { describe, expect, it } from 'vitest';
import { gemm, gemmData, packColumns32, packColumns64, packRows32, packRows64, panelProduct, rowsPanelProduct32, rowsPanelProduct64 } from '../../src/core/gemm.js';
import { fill } from './gemm-reference.js';

/** The values of a stored matrix (rows × cols) minus its column means, as Float64. */
function centred(x: Float32Array | Float64Array, cols: number, mean: Float64Array | null): Float64Array {
  return Float64Array.from(x, (v, i) => v - (mean === null ? 0 : mean[i % cols]!));
}

describe('gemmData (data operands packed from Float32 storage, centred on the fly)', () => {
  it('equals gemm on centred Float64 copies, bit for bit, for every transpose and operand kind', () => {
    for (const [m, n, k] of [
      [5, 7, 3],
      [70, 33, 300],
      [3, 2100, 17],
    ] as const) {
      for (const tA of [false, true]) {
        for (const tB of [false, true]) {
          const a64 = fill(m * k, m + k);
          const b64 = fill(k * n, n + 3 * k);
          const a32 = Float32Array.from(a64);
          const b32 = Float32Array.from(b64);
          const aCols = tA ? m : k;
          const bCols = tB ? k : n;
          const aMean = fill(aCols, 5).map((v) => v * 10);
          const bMean = fill(bCols, 6).map((v) => v * 10);
          for (const [a, am, b, bm] of [
            [a32, aMean, b32, bMean],
            [a64, null, b32, null],
            [a32, null, b64, bMean],
          ] as const) {
            const want = new Float64Array(m * n).fill(1);
            const got = new Float64Array(m * n).fill(1);
            gemm(tA, tB, m, n, k, 0.5, centred(a, aCols, am), centred(b, bCols, bm), 2, want);
            gemmData(tA, tB, m, n, k, 0.5, a, am, b, bm, 2, got);
            expect(Array.from(got)).toEqual(Array.from(want));
          }
        }
      }
    }
  });
});

describe('packed panels', () => {
  it('panelProduct over packed rows gives sequential dot products, continued exactly across chunks', () => {
    const d = 37;
    const A = fill(6 * d, 1);
    const B = Float32Array.from(fill(9 * d, 2));
    const ap = new Float64Array(8 * d);
    const bp = new Float64Array(12 * d);
    packRows64(A, 0, 6, d, ap, 0);
    packRows32(B, 0, 9, d, bp, 0);
    const c = new Float64Array(8 * 12);
    panelProduct(ap, 0, 6, bp, 0, 3, d, 0, 20, c, 0, 12, false);
    panelProduct(ap, 0, 6, bp, 0, 3, d, 20, d - 20, c, 0, 12, true);
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 9; j++) {
        let s = 0;
        for (let p = 0; p < d; p++) s += A[i * d + p]! * B[j * d + p]!;
        expect(c[i * 12 + j]).toBe(s);
      }
    }
    // Rows read in place (Float64 and Float32) against the same panels: the same sums.
    const r64 = new Float64Array(4 * 12);
    const r32 = new Float64Array(4 * 12);
    rowsPanelProduct64(A, 0, d, 2 * d, 5 * d, d, bp, 3, r64, 0, 12);
    rowsPanelProduct32(Float32Array.from(A), 0, d, 2 * d, 5 * d, d, bp, 3, r32, 0, 12);
    for (const [t, i] of [[0, 0], [1, 1], [2, 2], [3, 5]] as const) {
      for (let j = 0; j < 9; j++) expect(r64[t * 12 + j]).toBe(c[i * 12 + j]);
      // Float32 rows, widened as read: the sums of the widened values.
      for (let j = 0; j < 9; j++) expect(r32[t * 12 + j]).toBe(Float64Array.from(Float32Array.from(A)).subarray(i * d, i * d + d).reduce((s, v, p) => s + v * B[j * d + p]!, 0));
    }
  });

  it('packColumns subtracts the mean and zero-pads past the last column', () => {
    const X = new Float64Array([1, 2, 3, 4, 5, 6]); // 2 × 3
    const out = new Float64Array(2 * 4 * 2).fill(9);
    packColumns64(X, 3, 0, 3, 0, 2, new Float64Array([1, 1, 1]), out, 0);
    expect(Array.from(out.subarray(0, 8))).toEqual([0, 1, 2, 0, 3, 4, 5, 0]);
    packColumns32(Float32Array.from(X), 3, 1, 2, 1, 1, null, out, 0);
    expect(Array.from(out.subarray(0, 4))).toEqual([5, 6, 0, 0]);
  });
});
