import { expect } from 'vitest';
import { gemm, syrk } from '../../src/core/gemm.js';

/** Brute-force reference: the textbook triple loop with the BLAS definition. */
function reference(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  b: Float64Array,
  beta: number,
  c: Float64Array,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (transA ? a[p * m + i]! : a[i * k + p]!) * (transB ? b[j * k + p]! : b[p * n + j]!);
      c[i * n + j] = alpha * s + (beta === 0 ? 0 : beta * c[i * n + j]!);
    }
  }
}

/** Deterministic pseudo-random fill in [-1, 1). */
export function fill(len: number, seed: number): Float64Array {
  const out = new Float64Array(len);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < len; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = ((s >>> 0) / 2 ** 32) * 2 - 1;
  }
  return out;
}

/** Runs gemm and the reference on the same pseudo-random operands and compares them. */
export function checkGemm(tA: boolean, tB: boolean, m: number, n: number, k: number, alpha: number, beta: number, seed: number): void {
  const a = fill(m * k, seed);
  const b = fill(k * n, seed + 1);
  const c0 = fill(m * n, seed + 2);
  const got = c0.slice();
  const want = c0.slice();
  const aCopy = a.slice();
  const bCopy = b.slice();
  gemm(tA, tB, m, n, k, alpha, a, b, beta, got);
  reference(tA, tB, m, n, k, alpha, a, b, beta, want);
  let same = true;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], aCopy[i])) same = false;
  for (let i = 0; i < b.length; i++) if (!Object.is(b[i], bCopy[i])) same = false;
  expect(same, 'gemm must not write to A or B').toBe(true);
  const tol = 1e-13 * Math.max(1, k) * Math.max(1, Math.abs(alpha)) + 1e-15;
  let worst = 0;
  for (let i = 0; i < m * n; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / (1 + Math.abs(want[i]!)));
  expect(worst).toBeLessThanOrEqual(tol);
}


/** Runs syrk and a brute-force upper-triangle reference; the lower triangle must stay untouched. */
export function checkSyrk(trans: boolean, n: number, k: number, alpha: number, beta: number, seed: number): void {
  const a = fill(n * k, seed);
  const c0 = fill(n * n, seed + 5);
  const got = c0.slice();
  syrk(trans, n, k, alpha, a, beta, got);
  let worst = 0;
  let lowerTouched = false;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const o = i * n + j;
      if (j < i) {
        if (!Object.is(got[o], c0[o])) lowerTouched = true;
        continue;
      }
      let s = 0;
      for (let p = 0; p < k; p++) s += trans ? a[p * n + i]! * a[p * n + j]! : a[i * k + p]! * a[j * k + p]!;
      const want = alpha * s + (beta === 0 ? 0 : beta * c0[o]!);
      worst = Math.max(worst, Math.abs(got[o]! - want) / (1 + Math.abs(want)));
    }
  }
  expect(lowerTouched, 'syrk must not write below the diagonal').toBe(false);
  expect(worst).toBeLessThanOrEqual(1e-13 * Math.max(1, k) * Math.max(1, Math.abs(alpha)) + 1e-15);
}
