/**
 * Paths between two points of a latent space: straight (lerp) or along the sphere (slerp).
 */
import { LatentError, describe } from './errors.js';
import type { Matrix64 } from './matrix.js';
import { assertInteger, assertNumber, assertVector } from './validate.js';
import { checkVectorArg, norm } from './vector.js';
import { booleanOption, readOptions, type OptionKeys } from './options.js';
import { DEFAULT_MEMORY_LIMIT, assertMemory } from './memory.js';

function checkPair(fn: string, a: ArrayLike<number>, b: ArrayLike<number>, out: Float64Array | undefined): Float64Array {
  checkVectorArg(fn, 'a', a);
  checkVectorArg(fn, 'b', b);
  if (out !== undefined && !(out instanceof Float64Array)) throw new LatentError('E_TYPE', `${fn}: out must be a Float64Array, got ${describe(out)}`);
  if (a.length !== b.length) throw new LatentError('E_SHAPE', `${fn}: b length must equal a length ${a.length}, got ${b.length}`);
  if (out === undefined) return new Float64Array(a.length);
  if (out.length !== a.length) throw new LatentError('E_SHAPE', `${fn}: out length must be ${a.length}, got ${out.length}`);
  return out;
}

/**
 * Linear interpolation `(1 − t)·a + t·b`.
 *
 * `t` outside [0, 1] extrapolates. O(d).
 *
 * @param a - start point (t = 0)
 * @param b - end point (t = 1)
 * @param t - position along the segment
 * @param out - optional destination (may alias `a` or `b`)
 * @returns `out`, or a new vector
 * @throws LatentError `E_SHAPE` when lengths differ, `E_NOT_FINITE` for a non-finite `t`
 * @example
 * ```ts
 * lerp([0, 0], [2, 4], 0.5); // Float64Array [1, 2]
 * ```
 */
export function lerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number, out?: Float64Array): Float64Array {
  assertNumber('lerp', 't', t);
  const o = checkPair('lerp', a, b, out);
  const s = 1 - t;
  for (let i = 0; i < o.length; i++) o[i] = s * (a[i] as number) + t * (b[i] as number);
  return o;
}

/**
 * Spherical interpolation: the direction moves at constant angular speed along the
 * great circle from `a` to `b`, while the length moves linearly from ‖a‖ to ‖b‖.
 *
 * This is the interpolation used for latent spaces whose points concentrate on a shell
 * (Gaussian latent codes, normalised embeddings): straight lines cut through the
 * low-density middle, great circles stay on the shell. For equal-length inputs it is the
 * classic `sin((1−t)Ω)/sin Ω · a + sin(tΩ)/sin Ω · b`.
 *
 * Degenerate cases are defined rather than NaN:
 * - nearly parallel vectors (angle < 1e-7) and zero vectors fall back to {@link lerp};
 * - exactly/nearly opposite vectors (no unique great circle) turn through the plane
 *   spanned by `a` and the coordinate axis least aligned with it; in one dimension they
 *   fall back to {@link lerp}.
 *
 * The angle is computed as `2·atan2(‖â − b̂‖, ‖â + b̂‖)`, accurate near 0 and π where
 * `acos` of a dot product is not. O(d).
 *
 * @param a - start point (t = 0)
 * @param b - end point (t = 1)
 * @param t - position along the arc
 * @param out - optional destination (may alias `a` or `b`)
 * @returns `out`, or a new vector
 * @throws LatentError `E_SHAPE` when lengths differ, `E_NOT_FINITE` for a non-finite `t`
 * @example
 * ```ts
 * slerp([1, 0], [0, 1], 0.5); // Float64Array [0.7071…, 0.7071…]
 * ```
 */
export function slerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number, out?: Float64Array): Float64Array {
  assertNumber('slerp', 't', t);
  const o = checkPair('slerp', a, b, out);
  const d = o.length;
  const na = norm(a);
  const nb = norm(b);
  if (na === 0 || nb === 0) return lerp(a, b, t, o);
  const big = na > nb ? na : nb;
  if (big < 2 ** -400 || big > 2 ** 400) return rescaled(a, b, t, o, big);
  let diff = 0;
  let sum = 0;
  for (let i = 0; i < d; i++) {
    const ua = (a[i] as number) / na;
    const ub = (b[i] as number) / nb;
    diff += (ua - ub) * (ua - ub);
    sum += (ua + ub) * (ua + ub);
  }
  const omega = 2 * Math.atan2(Math.sqrt(diff), Math.sqrt(sum));
  if (omega < 1e-7) return lerp(a, b, t, o);
  const r = (1 - t) * na + t * nb;
  if (Math.PI - omega < 1e-7) {
    if (d < 2) return lerp(a, b, t, o);
    return halfTurn(a, na, r, t, o);
  }
  const sinOmega = Math.sin(omega);
  const wa = (r * Math.sin((1 - t) * omega)) / (sinOmega * na);
  const wb = (r * Math.sin(t * omega)) / (sinOmega * nb);
  for (let i = 0; i < d; i++) o[i] = wa * (a[i] as number) + wb * (b[i] as number);
  // Near Ω = π the weights grow like 1/sin Ω and the sum cancels, losing ~eps/sin Ω of the
  // length; put the length back exactly (the direction error stays at that level).
  const len = norm(o);
  const fix = len > 0 && len < Infinity ? Math.abs(r) / len : 1;
  if (fix !== 1) for (let i = 0; i < d; i++) o[i] = (o[i] as number) * fix;
  return o;
}

/**
 * slerp of vectors whose norms would underflow or overflow inside the angle and weight
 * computations (subnormal or huge entries): scale both by the same power of two (exact), then
 * scale the result back.
 */
function rescaled(a: ArrayLike<number>, b: ArrayLike<number>, t: number, o: Float64Array, big: number): Float64Array {
  const d = o.length;
  const e = -Math.round(Math.log2(big));
  const up = 2 ** Math.max(-1000, Math.min(1000, e));
  const sa = new Float64Array(d);
  const sb = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    sa[i] = (a[i] as number) * up;
    sb[i] = (b[i] as number) * up;
  }
  slerp(sa, sb, t, o);
  const down = 1 / up;
  for (let i = 0; i < d; i++) o[i] = (o[i] as number) * down;
  return o;
}

/** Antipodal slerp: rotate â by t·π towards a fixed unit vector p ⟂ â, at radius r. */
function halfTurn(a: ArrayLike<number>, na: number, r: number, t: number, o: Float64Array): Float64Array {
  const d = o.length;
  let j = 0;
  for (let i = 1; i < d; i++) if (Math.abs(a[i] as number) < Math.abs(a[j] as number)) j = i;
  const aj = (a[j] as number) / na;
  // p = e_j − (â·e_j) â, normalised: the axis least aligned with â gives the best-conditioned p.
  const pn = Math.sqrt(Math.max(0, 1 - aj * aj));
  const c = Math.cos(t * Math.PI);
  const s = Math.sin(t * Math.PI);
  for (let i = 0; i < d; i++) {
    const ua = (a[i] as number) / na;
    const p = ((i === j ? 1 : 0) - aj * ua) / pn;
    o[i] = r * (c * ua + s * p);
  }
  return o;
}

/** Options of {@link interpolate}. */
export interface InterpolateOptions {
  /**
   * Follow the great circle ({@link slerp}) instead of the straight line ({@link lerp}).
   * @defaultValue false
   */
  spherical?: boolean;
}

const INTERPOLATE_KEYS: OptionKeys<InterpolateOptions> = { spherical: true };

/**
 * `steps` evenly spaced points from `a` to `b` inclusive, as the rows of a Matrix —
 * ready to feed to a decoder (`decode(model, interpolate(z1, z2, 8))`).
 *
 * @param a - start point (first row)
 * @param b - end point (last row)
 * @param steps - number of points, integer ≥ 2 (1 returns just `a`)
 * @param options - {@link InterpolateOptions}
 * @returns a `steps × d` Matrix
 * @throws LatentError `E_SHAPE` when lengths differ, `E_RANGE` for a bad `steps`
 * @example
 * ```ts
 * interpolate([0, 0], [1, 2], 3).data; // Float64Array [0, 0, 0.5, 1, 1, 2]
 * ```
 */
export function interpolate(a: ArrayLike<number>, b: ArrayLike<number>, steps: number, options?: InterpolateOptions): Matrix64 {
  const fn = 'interpolate';
  const o = readOptions(fn, options, INTERPOLATE_KEYS);
  assertInteger(fn, 'steps', steps, 1);
  const spherical = booleanOption(fn, 'spherical', o.spherical, false);
  assertVector(fn, 'a', a, true);
  assertVector(fn, 'b', b, true);
  if (a.length !== b.length) throw new LatentError('E_SHAPE', `interpolate: b length must equal a length ${a.length}, got ${b.length}`);
  const d = a.length;
  // Each step costs at least one 8-byte slot of work even for empty vectors (d = 0).
  assertMemory(fn, `the ${steps} × ${d} output`, steps * Math.max(d, 1) * 8, DEFAULT_MEMORY_LIMIT);
  const data = new Float64Array(steps * d);
  for (let s = 0; s < steps; s++) {
    const t = steps === 1 ? 0 : s / (steps - 1);
    const out = data.subarray(s * d, (s + 1) * d);
    if (spherical) slerp(a, b, t, out);
    else lerp(a, b, t, out);
  }
  return { rows: steps, cols: d, data };
}
