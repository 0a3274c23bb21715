/**
 * Vector arithmetic on `Float64Array` (inputs may be any `ArrayLike<number>`).
 *
 * Functions that produce a vector take an optional `out` (gl-matrix style) so a hot
 * loop can run without allocating; `out` may alias an input (`add(a, b, a)`).
 *
 * Validation policy for these hot-path functions: the structure of every argument is checked in
 * O(1) (array-likes with an integer length, matching lengths, `out` a `Float64Array`, numbers
 * where numbers belong), so misuse is a `LatentError`, never a raw `TypeError`. The values are
 * not scanned (that would double the cost of a dot product): a NaN or ±Infinity in the input
 * propagates honestly into the result (`norm([NaN])` is NaN, never 0), as IEEE arithmetic does.
 */
import { LatentError, describe } from './errors.js';

const TWO_POW_600 = 2 ** 600;

/** A vector: latent stores and returns vectors as `Float64Array`. */
export type Vector = Float64Array;

/**
 * O(1) structural check of a vector argument: an array-like (array, typed array, …) whose
 * length is a non-negative integer.
 *
 * @param fn - public function name
 * @param name - argument name
 * @param v - the received value
 * @throws LatentError `E_TYPE`
 * @example
 * ```ts
 * checkVectorArg('dot', 'a', [1, 2]); // ok
 * ```
 */
export function checkVectorArg(fn: string, name: string, v: unknown): void {
  if (typeof v !== 'object' || v === null) throw new LatentError('E_TYPE', `${fn}: ${name} must be an array of numbers, got ${describe(v)}`);
  const n = (v as { length?: unknown }).length;
  // A safe integer: { length: 2 ** 53 } is no array, and looping over it would never end.
  if (typeof n !== 'number' || !(n >= 0) || !Number.isSafeInteger(n)) throw new LatentError('E_TYPE', `${fn}: ${name} must be an array of numbers, got ${describe(v)}`);
}

function sameLength(fn: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  checkVectorArg(fn, 'a', a);
  checkVectorArg(fn, 'b', b);
  if (a.length !== b.length) {
    throw new LatentError('E_SHAPE', `${fn}: b length must equal a length ${a.length}, got ${b.length}`);
  }
}

function target(fn: string, n: number, out: Float64Array | undefined): Float64Array {
  if (out === undefined) return new Float64Array(n);
  if (!(out instanceof Float64Array)) throw new LatentError('E_TYPE', `${fn}: out must be a Float64Array, got ${describe(out)}`);
  if (out.length !== n) throw new LatentError('E_SHAPE', `${fn}: out length must be ${n}, got ${out.length}`);
  return out;
}

/**
 * Dot product `Σ aᵢ bᵢ`. O(d).
 *
 * @param a - first vector
 * @param b - second vector, same length
 * @returns the dot product
 * @throws LatentError `E_SHAPE` when lengths differ
 * @example
 * ```ts
 * dot([1, 2, 3], [4, 5, 6]); // 32
 * ```
 */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  sameLength('dot', a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/**
 * Euclidean (L2) norm `√Σ aᵢ²`, computed with scaling so huge or tiny values neither
 * overflow nor underflow. O(d). NaN for a vector holding NaN (Infinity if it also holds ±Infinity,
 * as `Math.hypot`).
 *
 * @param a - the vector
 * @returns its length
 * @example
 * ```ts
 * norm([3, 4]); // 5
 * ```
 */
export function norm(a: ArrayLike<number>): number {
  checkVectorArg('norm', 'a', a);
  let maxAbs = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i] as number);
    if (v > maxAbs) maxAbs = v;
  }
  if (maxAbs === 0) {
    // All zeros — or NaN, which never compares greater: the sum tells them apart.
    let t = 0;
    for (let i = 0; i < a.length; i++) t += a[i] as number;
    return t - t;
  }
  // Infinity wins over NaN, as in Math.hypot.
  if (!Number.isFinite(maxAbs)) return maxAbs;
  // Plain sum of squares is exact enough unless it would overflow/underflow.
  if (maxAbs < 1e150 && maxAbs > 1e-150) {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += (a[i] as number) * (a[i] as number);
    return Math.sqrt(s);
  }
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const v = (a[i] as number) / maxAbs;
    s += v * v;
  }
  return maxAbs * Math.sqrt(s);
}

/**
 * Element-wise sum `a + b`.
 *
 * @param a - first vector
 * @param b - second vector, same length
 * @param out - optional destination (may be `a` or `b`)
 * @returns `out`, or a new vector
 * @throws LatentError `E_SHAPE` when lengths differ
 * @example
 * ```ts
 * add([1, 2], [3, 4]); // Float64Array [4, 6]
 * ```
 */
export function add(a: ArrayLike<number>, b: ArrayLike<number>, out?: Float64Array): Float64Array {
  sameLength('add', a, b);
  const o = target('add', a.length, out);
  for (let i = 0; i < o.length; i++) o[i] = (a[i] as number) + (b[i] as number);
  return o;
}

/**
 * Element-wise difference `a − b`.
 *
 * @param a - first vector
 * @param b - second vector, same length
 * @param out - optional destination (may be `a` or `b`)
 * @returns `out`, or a new vector
 * @throws LatentError `E_SHAPE` when lengths differ
 * @example
 * ```ts
 * sub([3, 4], [1, 1]); // Float64Array [2, 3]
 * ```
 */
export function sub(a: ArrayLike<number>, b: ArrayLike<number>, out?: Float64Array): Float64Array {
  sameLength('sub', a, b);
  const o = target('sub', a.length, out);
  for (let i = 0; i < o.length; i++) o[i] = (a[i] as number) - (b[i] as number);
  return o;
}

/**
 * Multiplies every element by `s`.
 *
 * @param a - the vector
 * @param s - the factor
 * @param out - optional destination (may be `a`)
 * @returns `out`, or a new vector
 * @example
 * ```ts
 * scale([1, 2], 3); // Float64Array [3, 6]
 * ```
 */
export function scale(a: ArrayLike<number>, s: number, out?: Float64Array): Float64Array {
  checkVectorArg('scale', 'a', a);
  if (typeof s !== 'number') throw new LatentError('E_TYPE', `scale: s must be a number, got ${describe(s)}`);
  const o = target('scale', a.length, out);
  for (let i = 0; i < o.length; i++) o[i] = (a[i] as number) * s;
  return o;
}

/**
 * Scales `a` to unit length. The zero vector has no direction: it is returned as zeros
 * (never NaN), matching scikit-learn's `normalize`. A NaN in `a` makes the result NaN.
 *
 * @param a - the vector
 * @param out - optional destination (may be `a`)
 * @returns `out`, or a new vector of length 1 (or all zeros)
 * @example
 * ```ts
 * normalize([3, 4]); // Float64Array [0.6, 0.8]
 * normalize([0, 0]); // Float64Array [0, 0]
 * ```
 */
export function normalize(a: ArrayLike<number>, out?: Float64Array): Float64Array {
  checkVectorArg('normalize', 'a', a);
  const o = target('normalize', a.length, out);
  const n = norm(a);
  if (n === 0) return o.fill(0);
  if (n < 1e-290) {
    // Tiny or subnormal: the norm itself is too imprecise, so first scale by 2^600 (exact).
    for (let i = 0; i < o.length; i++) o[i] = (a[i] as number) * TWO_POW_600;
    const m = norm(o);
    for (let i = 0; i < o.length; i++) o[i] = (o[i] as number) / m;
    return o;
  }
  // Divide (not multiply by 1/n): correctly rounded, so normalize([3, 4]) is exactly [0.6, 0.8].
  for (let i = 0; i < o.length; i++) o[i] = (a[i] as number) / n;
  return o;
}
