/**
 * The embedding-space similarity curve of UMAP, `1 / (1 + a·d^(2b))`, fitted to the offset
 * exponential that `minDist` and `spread` describe, as umap-learn's `find_ab_params` does.
 */
import { detExp, detLog } from '../../core/math.js';

/** Points of the fitted grid (umap-learn: `np.linspace(0, 3·spread, 300)`). */
const GRID = 300;
/** Iteration cap of the Levenberg–Marquardt loop (it converges in 10–30 from a = b = 1). */
const MAX_ITER = 200;

/** The two curve parameters. */
export interface UmapCurve {
  /** Scale `a` of `1 / (1 + a·d^(2b))`. */
  a: number;
  /** Exponent `b` of `1 / (1 + a·d^(2b))`. */
  b: number;
}

/** Sum of squared residuals of the curve (a, b) on the grid; NaN-safe (non-finite → Infinity). */
function cost(x: Float64Array, lx: Float64Array, y: Float64Array, a: number, b: number): number {
  let s = 0;
  for (let i = 0; i < GRID; i++) {
    const u = x[i]! > 0 ? detExp(2 * b * lx[i]!) : 0;
    const r = 1 / (1 + a * u) - y[i]!;
    s += r * r;
  }
  return s === s && s < Infinity ? s : Infinity;
}

/**
 * Least-squares fit of `a`, `b` in `f(x) = 1 / (1 + a·x^(2b))` to `y(x) = 1` for `x < minDist`
 * and `exp(−(x − minDist)/spread)` beyond, on 300 equally spaced points of `[0, 3·spread]`:
 * umap-learn's `find_ab_params`, which calls scipy's `curve_fit` (Levenberg–Marquardt from
 * a = b = 1). This is a Levenberg–Marquardt loop with the analytic Jacobian and Marquardt's
 * diagonal scaling, run to the least-squares minimum (scipy stops at a relative step of
 * 1.5e-8, so the two agree to about 1e-9).
 *
 * Deterministic: every transcendental is `detExp`/`detLog`, so the same bits on every engine
 * (a and b enter every later step of UMAP). O(300 · iterations).
 *
 * @param spread - scale of the exponential (> 0)
 * @param minDist - offset (0 ≤ minDist ≤ spread); validated by the caller
 * @returns the fitted `{ a, b }`
 * @example
 * ```ts
 * findAbParams(1, 0.1); // { a: 1.5769434…, b: 0.8950608… } (umap-learn's defaults)
 * ```
 * @see umap-learn `umap.umap_.find_ab_params`
 */
export function findAbParams(spread: number, minDist: number): UmapCurve {
  const x = new Float64Array(GRID);
  const lx = new Float64Array(GRID);
  const y = new Float64Array(GRID);
  const stop = spread * 3;
  // numpy's linspace: i·step for i < num − 1, the end point exactly.
  const step = stop / (GRID - 1);
  for (let i = 0; i < GRID; i++) {
    const xi = i === GRID - 1 ? stop : i * step;
    x[i] = xi;
    lx[i] = xi > 0 ? detLog(xi) : 0;
    y[i] = xi < minDist ? 1 : detExp(-(xi - minDist) / spread);
  }
  let a = 1;
  let b = 1;
  let c = cost(x, lx, y, a, b);
  let lambda = 1e-3;
  for (let it = 0; it < MAX_ITER; it++) {
    // Normal equations JᵀJ δ = −Jᵀr with J = ∂f/∂(a, b).
    let jaa = 0;
    let jab = 0;
    let jbb = 0;
    let ga = 0;
    let gb = 0;
    for (let i = 0; i < GRID; i++) {
      if (!(x[i]! > 0)) continue; // f(0) = 1 for any a, b: no gradient
      const u = detExp(2 * b * lx[i]!);
      const q = 1 + a * u;
      const f = 1 / q;
      const r = f - y[i]!;
      const da = -u * f * f;
      const db = -2 * a * u * lx[i]! * f * f;
      jaa += da * da;
      jab += da * db;
      jbb += db * db;
      ga += da * r;
      gb += db * r;
    }
    let improved = false;
    for (let tries = 0; tries < 40; tries++) {
      const maa = jaa * (1 + lambda);
      const mbb = jbb * (1 + lambda);
      const det = maa * mbb - jab * jab;
      if (!(det > 0)) {
        lambda *= 10;
        continue;
      }
      const sa = (-ga * mbb + gb * jab) / det;
      const sb = (-gb * maa + ga * jab) / det;
      const na = a + sa;
      const nb = b + sb;
      const nc = na > 0 && nb > 0 ? cost(x, lx, y, na, nb) : Infinity;
      if (nc < c) {
        const small = Math.abs(sa) <= 1e-15 * Math.abs(na) && Math.abs(sb) <= 1e-15 * Math.abs(nb);
        a = na;
        b = nb;
        c = nc;
        lambda = Math.max(lambda / 10, 1e-12);
        improved = !small;
        break;
      }
      lambda *= 10;
    }
    if (!improved) break;
  }
  return { a, b };
}
