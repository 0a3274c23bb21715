/**
 * Exact rescaling by powers of two, so column statistics and transforms neither overflow nor
 * underflow for values near the ends of the double range, while giving the same bits as the
 * plain formula everywhere else (multiplying by 2^k only changes the exponent).
 */

/**
 * A power of two `2^-e` with `2^e ≤ |x| < 2^(e+1)` (e clamped to [-1021, 1021] so both `2^e`
 * and `2^-e` are normal); 1 for `x = 0` or a non-finite `x`.
 *
 * @param x - the magnitude to bring near 1
 * @returns the factor `2^-e`
 * @example
 * ```ts
 * pow2Inverse(1e300) * 1e300; // a number in [1, 2)
 * ```
 */
export function pow2Inverse(x: number): number {
  const a = Math.abs(x);
  if (a === 0 || !Number.isFinite(a)) return 1;
  let e = Math.floor(Math.log2(a));
  if (e > 1021) e = 1021;
  else if (e < -1021) e = -1021;
  return 2 ** -e;
}
