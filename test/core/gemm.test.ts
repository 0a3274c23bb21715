import { describe, expect, it } from 'vitest';
import { gemm, syrk } from '../../src/core/gemm.js';
import { checkGemm as check, checkSyrk, fill } from './gemm-reference.js';

const TRANS: [boolean, boolean][] = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];

describe('gemm', () => {
  it('computes the documented 2×2 example', () => {
    const c = new Float64Array(4);
    gemm(false, false, 2, 2, 2, 1, new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), 0, c);
    expect(Array.from(c)).toEqual([19, 22, 43, 50]);
  });

  for (const [tA, tB] of TRANS) {
    it(`matches the triple loop across block boundaries (transA=${tA}, transB=${tB})`, () => {
      // Sizes straddle the 4×4 tiles, the 64-row A blocks, the 256-deep panels and the
      // small-product shortcut.
      for (const [m, n, k] of [
        [1, 1, 1],
        [3, 5, 7],
        [17, 13, 29],
        [65, 9, 257],
        [130, 67, 300],
        [4, 4, 600],
        [70, 3, 520],
      ] as const) {
        check(tA, tB, m, n, k, 1, 0, m * 1000 + n * 10 + k);
        check(tA, tB, m, n, k, -0.75, 0.5, m + n + k);
        check(tA, tB, m, n, k, 2, 1, 7 * m + n);
      }
    });
  }

  it('handles more than 2048 columns of op(B) (several column blocks)', () => {
    check(false, false, 5, 2050, 3, 1, 0, 11);
    check(true, true, 5, 2050, 3, 1.5, -1, 12);
  });

  it('is exact after a larger product left its reused packing buffers full of other values', () => {
    // Large, then smaller, then partial-panel shapes: every packed entry and zero pad is rewritten.
    check(false, false, 200, 300, 260, 1, 0, 21);
    check(true, false, 70, 90, 33, 1, 0, 22);
    check(false, true, 5, 7, 300, -1, 0.5, 23);
    check(true, true, 66, 19, 257, 2, 0, 24);
  });

  it('ignores NaN in C when beta = 0', () => {
    for (const [m, n, k] of [
      [2, 2, 2],
      [20, 20, 20],
    ] as const) {
      const c = new Float64Array(m * n).fill(NaN);
      gemm(false, false, m, n, k, 1, fill(m * k, 3), fill(k * n, 4), 0, c);
      expect(c.every((v) => Number.isFinite(v))).toBe(true);
    }
  });

  it('scales C only when alpha = 0 or k = 0, without reading A or B', () => {
    const c = new Float64Array([1, 2, 3, 4]);
    gemm(false, false, 2, 2, 3, 0, new Float64Array(6).fill(NaN), new Float64Array(6).fill(NaN), 2, c);
    expect(Array.from(c)).toEqual([2, 4, 6, 8]);
    gemm(false, false, 2, 2, 0, 1, new Float64Array(0), new Float64Array(0), 0, c);
    expect(Array.from(c)).toEqual([0, 0, 0, 0]);
    const d = new Float64Array([5, NaN]);
    gemm(true, true, 1, 2, 0, 1, new Float64Array(0), new Float64Array(0), 1, d);
    expect(d[0]).toBe(5);
  });

  it('does nothing for empty outputs', () => {
    const c = new Float64Array(0);
    gemm(false, false, 0, 3, 2, 1, new Float64Array(0), new Float64Array(6), 0, c);
    gemm(false, false, 3, 0, 2, 1, new Float64Array(6), new Float64Array(0), 0, c);
    expect(c.length).toBe(0);
  });
});

describe('syrk', () => {
  it('computes the documented example (upper triangle only)', () => {
    const c = new Float64Array(4);
    syrk(true, 2, 3, 1, new Float64Array([1, 2, 3, 4, 5, 6]), 0, c);
    expect(Array.from(c)).toEqual([35, 44, 0, 56]);
  });

  for (const trans of [false, true]) {
    it(`matches the brute-force upper triangle across block boundaries (trans=${trans})`, () => {
      for (const [n, k] of [
        [1, 1],
        [3, 2],
        [13, 29],
        [50, 300],
        [67, 520],
        [130, 40],
      ] as const) {
        checkSyrk(trans, n, k, 1, 0, n * 31 + k);
        checkSyrk(trans, n, k, -0.5, 2, n + k);
        checkSyrk(trans, n, k, 1.5, 1, 3 * n + k);
      }
    });
  }

  it('scales C only when alpha = 0 or k = 0, without reading A', () => {
    const c = new Float64Array([1, 2, 3, 4]);
    syrk(false, 2, 3, 0, new Float64Array(6).fill(NaN), 3, c);
    expect(Array.from(c)).toEqual([3, 6, 3, 12]);
    syrk(true, 2, 0, 1, new Float64Array(0), 0, c);
    expect(Array.from(c)).toEqual([0, 0, 3, 0]);
    syrk(true, 0, 4, 1, new Float64Array(0), 0, new Float64Array(0));
  });
});
