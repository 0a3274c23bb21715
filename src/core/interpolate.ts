/**
 * Paths between two points of a latent space: straight (lerp) or along the sphere (slerp).
 */
import { LatentError, describe } from './errors.js';
import type { Matrix64 } from './matrix.js';
import { assertInteger, assertNumber, assertVector } from './validate.js';
import { aliases, cellError, checkOverflow, checkVectorArg, overflowError } from './vector.js';
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
 * @throws LatentError `E_TYPE` when a cell is not a number, `E_SHAPE` when lengths differ, `E_NOT_FINITE` for a non-finite `t`,
 * `E_RANGE` when finite input overflows (`out` is overwritten even then)
 * @example
 * ```ts
 * lerp([0, 0], [2, 4], 0.5); // Float64Array [1, 2]
 * ```
 */
export function lerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number, out?: Float64Array): Float64Array {
  assertNumber('lerp', 't', t);
  return lerpInto('lerp', a, b, t, checkPair('lerp', a, b, out));
}

/** lerp into a checked `o`, errors named after `fn` (slerp and interpolate fall back to it). */
function lerpInto(fn: string, a: ArrayLike<number>, b: ArrayLike<number>, t: number, o: Float64Array): Float64Array {
  const s = 1 - t;
  if (aliases(o, a) || aliases(o, b)) {
    // In place: an input element is gone once written, so note the inputs' finiteness on the way.
    let bad = 0;
    let input = 0;
    for (let i = 0; i < o.length; i++) {
      const x: unknown = a[i];
      const y: unknown = b[i];
      if (typeof x !== 'number' || typeof y !== 'number') throw cellError(fn, a, b);
      const v = s * x + t * y;
      bad += v * 0;
      input += x * 0 + y * 0;
      o[i] = v;
    }
    if (bad !== 0 && input === 0) throw overflowError(fn);
    return o;
  }
  let bad = 0;
  for (let i = 0; i < o.length; i++) {
    const x: unknown = a[i];
    const y: unknown = b[i];
    if (typeof x !== 'number' || typeof y !== 'number') throw cellError(fn, a, b);
    const v = s * x + t * y;
    bad += v * 0; // stays 0 unless some v is NaN or ±Infinity: no branch in the loop
    o[i] = v;
  }
  if (bad !== 0) checkOverflow(fn, a, b);
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
 * `acos` of a dot product is not. Each vector is first scaled by a power of two (exact) so
 * subnormal, tiny and huge (up to ±`Number.MAX_VALUE`) entries neither underflow nor overflow
 * inside the computation; a result that does not fit in a double (e.g. `t = Number.MAX_VALUE`)
 * is `E_RANGE`, never NaN. A NaN or ±Infinity in `a` or `b` makes the result NaN. O(d).
 *
 * @param a - start point (t = 0)
 * @param b - end point (t = 1)
 * @param t - position along the arc
 * @param out - optional destination (may alias `a` or `b`)
 * @returns `out`, or a new vector
 * @throws LatentError `E_TYPE` when a cell is not a number, `E_SHAPE` when lengths differ, `E_NOT_FINITE` for a non-finite `t`,
 * `E_RANGE` when the result of finite input overflows
 * @example
 * ```ts
 * slerp([1, 0], [0, 1], 0.5); // Float64Array [0.7071…, 0.7071…]
 * ```
 */
export function slerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number, out?: Float64Array): Float64Array {
  assertNumber('slerp', 't', t);
  return slerpInto('slerp', a, b, t, checkPair('slerp', a, b, out));
}

/** The largest |aᵢ|; NaN when one is NaN, −1 when a cell is not a number (the caller throws {@link cellError}). */
function maxAbsOf(a: ArrayLike<number>): number {
  let m = 0;
  let nan = false;
  for (let i = 0; i < a.length; i++) {
    const x: unknown = a[i];
    if (typeof x !== 'number') return -1;
    const v = Math.abs(x);
    // NaN fails every comparison: note it, so it cannot hide behind a larger entry (and every cell is still type-checked).
    if (v > m) m = v;
    else if (v !== v) nan = true;
  }
  return nan ? NaN : m;
}

/** 2^e for e in [-1074, 1023] as two factors (2^1074 itself is not a double). */
function pow2Pair(e: number): [number, number] {
  const h = Math.trunc(e / 2);
  return [2 ** h, 2 ** (e - h)];
}

/** slerp into a checked `o`, errors named after `fn`. */
function slerpInto(fn: string, a: ArrayLike<number>, b: ArrayLike<number>, t: number, o: Float64Array): Float64Array {
  const d = o.length;
  const ma = maxAbsOf(a);
  const mb = maxAbsOf(b);
  if (ma < 0 || mb < 0) throw cellError(fn, a, b);
  if (!(ma < Infinity) || !(mb < Infinity)) return o.fill(NaN); // NaN/±Infinity input: no direction, no length
  if (ma === 0 || mb === 0) return lerpInto(fn, a, b, t, o);
  // Scale each vector by a power of two so its largest entry is about 1: â and b̂ are then exact
  // to rounding whatever the magnitudes (subnormal to MAX_VALUE), and the lengths na·2^ea, nb·2^eb.
  const ea = Math.floor(Math.log2(ma));
  const eb = Math.floor(Math.log2(mb));
  const [pa1, pa2] = pow2Pair(-ea);
  const [pb1, pb2] = pow2Pair(-eb);
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < d; i++) {
    const x = (a[i] as number) * pa1 * pa2;
    const y = (b[i] as number) * pb1 * pb2;
    sa += x * x;
    sb += y * y;
  }
  const na = Math.sqrt(sa);
  const nb = Math.sqrt(sb);
  let diff = 0;
  let sum = 0;
  for (let i = 0; i < d; i++) {
    const ua = ((a[i] as number) * pa1 * pa2) / na;
    const ub = ((b[i] as number) * pb1 * pb2) / nb;
    diff += (ua - ub) * (ua - ub);
    sum += (ua + ub) * (ua + ub);
  }
  const omega = 2 * Math.atan2(Math.sqrt(diff), Math.sqrt(sum));
  if (omega < 1e-7) return lerpInto(fn, a, b, t, o);
  if (Math.PI - omega < 1e-7 && d < 2) return lerpInto(fn, a, b, t, o);
  // The result length r = (1 − t)‖a‖ + t‖b‖ in units of 2^e (e the larger exponent).
  const e = Math.max(ea, eb);
  const ra = na * 2 ** Math.max(ea - e, -1074);
  const rb = nb * 2 ** Math.max(eb - e, -1074);
  const r = ra === rb ? ra : (1 - t) * ra + t * rb;
  if (Math.PI - omega < 1e-7) halfTurn(a, pa1, pa2, na, r, t, o);
  else {
    const sinOmega = Math.sin(omega);
    const wa = (r * Math.sin((1 - t) * omega)) / (sinOmega * na);
    const wb = (r * Math.sin(t * omega)) / (sinOmega * nb);
    for (let i = 0; i < d; i++) o[i] = wa * ((a[i] as number) * pa1 * pa2) + wb * ((b[i] as number) * pb1 * pb2);
    // Near Ω = π the weights grow like 1/sin Ω and the sum cancels, losing ~eps/sin Ω of the
    // length; put the length back exactly (the direction error stays at that level).
    let len2 = 0;
    for (let i = 0; i < d; i++) len2 += (o[i] as number) * (o[i] as number);
    const len = Math.sqrt(len2);
    const fix = len > 0 && len < Infinity ? Math.abs(r) / len : 1;
    if (fix !== 1) for (let i = 0; i < d; i++) o[i] = (o[i] as number) * fix;
  }
  // Back to the true scale (exact unless the result itself overflows or becomes subnormal).
  const [p1, p2] = pow2Pair(e);
  for (let i = 0; i < d; i++) {
    const v = (o[i] as number) * p1 * p2;
    if (v - v !== 0) throw overflowError(fn); // every input was finite here
    o[i] = v;
  }
  return o;
}

/** Antipodal slerp: rotate â by t·π towards a fixed unit vector p ⟂ â, at radius r (â = a·up1·up2 / na). */
function halfTurn(a: ArrayLike<number>, up1: number, up2: number, na: number, r: number, t: number, o: Float64Array): void {
  const d = o.length;
  let j = 0;
  for (let i = 1; i < d; i++) if (Math.abs(a[i] as number) < Math.abs(a[j] as number)) j = i;
  const aj = ((a[j] as number) * up1 * up2) / na;
  // p = e_j − (â·e_j) â, normalised: the axis least aligned with â gives the best-conditioned p.
  const pn = Math.sqrt(Math.max(0, 1 - aj * aj));
  const c = Math.cos(t * Math.PI);
  const s = Math.sin(t * Math.PI);
  for (let i = 0; i < d; i++) {
    const ua = ((a[i] as number) * up1 * up2) / na;
    const p = ((i === j ? 1 : 0) - aj * ua) / pn;
    o[i] = r * (c * ua + s * p);
  }
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
    if (spherical) slerpInto(fn, a, b, t, out);
    else lerpInto(fn, a, b, t, out);
  }
  return { rows: steps, cols: d, data };
}
