/**
 * Gaussian noise that is bit-identical on every engine (core/random's `randomNormal` uses
 * `Math.log`/`Math.cos`, whose last bit varies between engines).
 */
import { detLog } from '../../core/math.js';
import { nextDouble, type RngState } from '../../core/random.js';

/** Attempts before giving up on the rejection step (each succeeds with probability π/4). */
const MAX_ATTEMPTS = 64;

/**
 * A standard normal variate by Marsaglia's polar method: u, v uniform in (−1, 1) until
 * 0 < s = u² + v² < 1, then `u·√(−2 ln s / s)`. Uses only IEEE-exact arithmetic, `Math.sqrt`
 * and `detLog`, so a seed gives the same stream everywhere. The loop is bounded (64 attempts,
 * failing with probability (1 − π/4)⁶⁴ ≈ 1e-43; it then returns 0).
 *
 * @param s - generator state (advanced)
 * @returns a sample of N(0, 1)
 * @example
 * ```ts
 * const s = rngState(1);
 * detNormal(s); // e.g. 0.53…, the same on every engine
 * ```
 * @see G. Marsaglia & T. A. Bray, "A convenient method for generating normal variables", SIAM Review 6 (1964)
 */
export function detNormal(s: RngState): number {
  for (let t = 0; t < MAX_ATTEMPTS; t++) {
    const u = 2 * nextDouble(s) - 1;
    const v = 2 * nextDouble(s) - 1;
    const q = u * u + v * v;
    if (q > 0 && q < 1) return u * Math.sqrt((-2 * detLog(q)) / q);
  }
  return 0;
}
