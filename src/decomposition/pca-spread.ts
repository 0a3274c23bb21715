/**
 * PCA of data whose spread is far below 2⁻⁴⁰⁰: the squares of its centred values are subnormal or
 * zero, so variances, their ratios and even the components (of an all-zero scatter matrix) would
 * come out wrong. PCA is equivariant under scaling by a power of two (the same components and
 * ratios, singular values scaled exactly), so such data is centred, scaled up into the normal
 * range, analysed, and its singular values and variances scaled back.
 */
import { powerOfTwoFactors } from '../core/power-scale.js';

/** Spreads below this are scaled up (their squares lose precision from about 2⁻⁴⁸⁵). */
const TINY_SPREAD = 2 ** -400;

/** A centred copy of the data scaled by 2^exponent, or null when the data needs none. */
export interface ScaledSpread {
  /** (xᵢⱼ − meanⱼ) · 2^exponent, row-major n × d. */
  data: Float64Array;
  /** The power of two applied (> 0). */
  exponent: number;
}

/**
 * The scaled centred copy when the largest |xᵢⱼ − meanⱼ| is positive and below 2⁻⁴⁰⁰, else null.
 * Stops at the first value at least 2⁻⁴⁰⁰ from its column mean (ordinary data: at once); O(n·d)
 * plus an n·d Float64 copy when it scales (never for Float32 data, whose values cannot be that
 * small).
 *
 * @internal
 * @param data - row-major n × d values
 * @param n - rows
 * @param d - columns
 * @param mean - column means
 * @returns the scaled copy, or null
 * @example
 * ```ts
 * scaledSpread(Float64Array.of(1e-170, -1e-170), 2, 1, Float64Array.of(0))?.exponent; // 565
 * ```
 */
export function scaledSpread(data: ArrayLike<number>, n: number, d: number, mean: Float64Array): ScaledSpread | null {
  let m = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = Math.abs(data[i * d + j]! - mean[j]!);
      // Ordinary data leaves at its first value away from the mean: the scan costs O(1) there.
      if (v >= TINY_SPREAD) return null;
      if (v > m) m = v;
    }
  }
  if (!(m > 0)) return null;
  let exponent = 0;
  for (let v = m; v < 0.5; v *= 2) exponent++;
  const [f1, f2] = powerOfTwoFactors(exponent);
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) out[i * d + j] = (data[i * d + j]! - mean[j]!) * f1 * f2;
  }
  return { data: out, exponent };
}

