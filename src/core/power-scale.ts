/**
 * Exact rescaling by powers of two, for solvers that square their inputs: data whose entries reach
 * ~1e154 or beyond is solved as data·2^−e (no rounding: only the exponent changes) and the answer is
 * scaled back. Repeated halving and doubling keep every step exact and the same bits on every
 * engine (no `Math.pow`).
 */

/**
 * The power of two 2^−e (e ≥ 0) that brings `maxAbs` to at most 1, with its exponent. O(e).
 *
 * @internal
 * @param maxAbs - the largest magnitude (finite, > 0)
 * @returns `inv` = 2^−e and `exponent` = e
 * @example
 * ```ts
 * powerOfTwoBelow(1e300).exponent; // 997 (1e300 · 2^−997 ≈ 0.75)
 * ```
 */
export function powerOfTwoBelow(maxAbs: number): { inv: number; exponent: number } {
  let inv = 1;
  let exponent = 0;
  while (maxAbs * inv > 1) {
    inv *= 0.5;
    exponent++;
  }
  return { inv, exponent };
}

/**
 * x · 2^e for e ≥ 0 by repeated doubling: exact until it overflows to ±Infinity. O(e).
 *
 * @internal
 * @param x - the value
 * @param e - the exponent (≥ 0)
 * @returns x · 2^e
 * @example
 * ```ts
 * timesPowerOfTwo(0.75, 2); // 3
 * ```
 */
export function timesPowerOfTwo(x: number, e: number): number {
  for (let t = 0; t < e; t++) x *= 2;
  return x;
}

/**
 * 2^e for e ≥ 0 as two exact factors, each at most 2^1000 (2^e alone overflows from e = 1024):
 * multiply by both to scale up, divide by both to scale down. O(e), once per scaling.
 *
 * @internal
 * @param e - the exponent (≥ 0)
 * @returns `[2^min(e, 1000), 2^(e − min(e, 1000))]`
 * @example
 * ```ts
 * powerOfTwoFactors(1074); // [2^1000, 2^74]
 * ```
 */
export function powerOfTwoFactors(e: number): [number, number] {
  const first = Math.min(e, 1000);
  return [timesPowerOfTwo(1, first), timesPowerOfTwo(1, e - first)];
}
