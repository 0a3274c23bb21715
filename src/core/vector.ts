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
 *
 * Cell policy: every cell must be a number. A plain-array cell that is not — `null`, `undefined`,
 * a hole, a string, a boolean, an object — is a `LatentError` `E_TYPE` naming the function,
 * argument and index (`dot: b[1] must be a number, got null`), never coerced (`null` → 0, `'3'` →
 * 3). The test is a `typeof` per element inside the loop the function runs anyway, not a separate
 * pass: for typed arrays and arrays whose element kind is already numbers the JIT proves it and
 * drops it (bench/results/vector-ops.md: within noise on number[], Float64Array and Float32Array
 * at d = 3…384, where a separate pre-scan cost 1.8–2.1× on `dot`; about +10 % on arrays whose
 * element kind is generic, the only ones where the test runs).
 *
 * Overflow policy: finite input never yields a silent NaN or ±Infinity. A result that does not fit
 * in a double (`dot([1e200], [1e200])`, `add([MAX_VALUE], [MAX_VALUE])`, `Infinity − Infinity`
 * inside a sum) is a `LatentError` `E_RANGE` naming the function: "values too large: overflow".
 * When an input already holds NaN or ±Infinity, that propagates as before (no error). The check
 * costs nothing measurable: one comparison of the final result (dot, norm), or, for element-wise
 * ops, a branch-free `bad += v · 0` per element (NaN once any element is not finite) tested after
 * the loop; the inputs are scanned only on that rare path (in place, their finiteness is noted
 * during the loop instead). `out`, if given, is overwritten even when the call throws.
 * {@link norm} and {@link normalize} scale, so norm only fails when the length itself exceeds
 * `Number.MAX_VALUE`, and normalize never overflows.
 */
import { LatentError, describe } from './errors.js';

const TWO_POW_600 = 4.149515568880993e180; // 2 ** 600, as a literal: an unused `2 ** 600` survives tree shaking

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

/**
 * The error of a hot-path vector function whose finite input gave a non-finite result.
 *
 * @param fn - public function name
 * @returns a `LatentError` `E_RANGE` to throw
 * @example
 * ```ts
 * overflowError('dot').message; // 'dot: values too large: overflow (finite input, non-finite result)'
 * ```
 */
export function overflowError(fn: string): LatentError {
  return new LatentError('E_RANGE', `${fn}: values too large: overflow (finite input, non-finite result)`);
}

/** Whether every element is finite (the rare path of a non-finite result: tells overflow from propagation). */
function allFiniteValues(a: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

/**
 * Whether `out` shares memory with an input, so an input element is overwritten before the
 * result can be judged (then the element-wise ops note the inputs' finiteness as they go).
 *
 * @param o - the destination
 * @param v - an input
 * @returns true when both view the same buffer
 * @example
 * ```ts
 * const a = new Float64Array(2);
 * aliases(a, a.subarray(1)); // true
 * ```
 */
export function aliases(o: Float64Array, v: ArrayLike<number>): boolean {
  return ArrayBuffer.isView(v) && v.buffer === o.buffer;
}

/**
 * The rare path of a vector op whose result holds NaN or ±Infinity: when every input is finite
 * the result overflowed (`E_RANGE`); otherwise an input's NaN or ±Infinity propagated honestly.
 *
 * @param fn - public function name
 * @param a - first input
 * @param b - second input, if any
 * @throws LatentError `E_RANGE` when every input is finite
 * @example
 * ```ts
 * checkOverflow('add', [Infinity], [1]); // ok: propagated
 * ```
 */
export function checkOverflow(fn: string, a: ArrayLike<number>, b: ArrayLike<number> | undefined): void {
  if (allFiniteValues(a) && (b === undefined || allFiniteValues(b))) throw overflowError(fn);
}

/**
 * The `E_TYPE` error for a cell `v[i]` that is not a number — `null`, `undefined`, a hole, a
 * string, a boolean, an object: JavaScript arithmetic would coerce it silently (`null` → 0, `'3'`
 * → 3). (The scalar metrics of distance/metrics.ts give the same message with the type only, to
 * keep `import { euclidean }` near 1 KB.)
 *
 * @param fn - public function name
 * @param name - argument name
 * @param v - the argument
 * @param i - index of the bad cell
 * @returns a `LatentError` `E_TYPE` to throw
 * @example
 * ```ts
 * cellTypeError('dot', 'b', [1, null], 1).message; // 'dot: b[1] must be a number, got null'
 * ```
 */
export function cellTypeError(fn: string, name: string, v: ArrayLike<unknown>, i: number): LatentError {
  const x = v[i];
  return new LatentError('E_TYPE', `${fn}: ${name}[${i}] must be a number, got ${i in v ? describe(x) : 'an empty slot (hole)'}`);
}

/**
 * The error of a hot-path vector function whose input holds a cell that is not a number. The
 * loops test `typeof` per element (free for typed arrays and arrays of numbers, whose element kind
 * already proves it: the JIT drops the test) and call this cold path on a failure; it scans `a`,
 * then `b`, for the first bad cell.
 *
 * @param fn - public function name
 * @param a - first input
 * @param b - second input, if any
 * @returns a `LatentError` `E_TYPE` to throw, naming the argument and index
 * @example
 * ```ts
 * cellError('dot', [1, null], [1, 5]).message; // 'dot: a[1] must be a number, got null'
 * ```
 */
export function cellError(fn: string, a: ArrayLike<unknown>, b: ArrayLike<unknown> = []): LatentError {
  const i = firstNonNumber(a);
  if (i >= 0) return cellTypeError(fn, 'a', a, i);
  const j = firstNonNumber(b);
  // No bad cell: unreachable from the loops (a cell failed there), kept total for direct calls.
  return j >= 0 ? cellTypeError(fn, 'b', b, j) : new LatentError('E_TYPE', `${fn}: a and b must hold numbers`);
}

function firstNonNumber(v: ArrayLike<unknown>): number {
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number') return i;
  return -1;
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
 * @throws LatentError `E_TYPE` when a cell is not a number, `E_SHAPE` when lengths differ, `E_RANGE` when finite input overflows
 * @example
 * ```ts
 * dot([1, 2, 3], [4, 5, 6]); // 32
 * ```
 */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  sameLength('dot', a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const x: unknown = a[i];
    const y: unknown = b[i];
    if (typeof x !== 'number' || typeof y !== 'number') throw cellError('dot', a, b);
    s += x * y;
  }
  // s − s is 0 for every finite s: one comparison on the normal path.
  if (s - s !== 0) checkOverflow('dot', a, b);
  return s;
}

/**
 * Euclidean (L2) norm `√Σ aᵢ²`, computed with scaling so huge or tiny values neither
 * overflow nor underflow. O(d). NaN for a vector holding NaN (Infinity if it also holds ±Infinity,
 * as `Math.hypot`).
 *
 * @param a - the vector
 * @returns its length
 * @throws LatentError `E_TYPE` when a cell is not a number, `E_RANGE` when the length of a finite vector exceeds `Number.MAX_VALUE`
 * @example
 * ```ts
 * norm([3, 4]); // 5
 * ```
 */
export function norm(a: ArrayLike<number>): number {
  checkVectorArg('norm', 'a', a);
  const n = scaledNorm(a);
  if (n < 0) throw cellError('norm', a);
  // Only an overflow of the length itself (maxAbs is finite, the scaled sum ≥ 1): NaN/Infinity input gives NaN/Infinity.
  if (n === Infinity && allFiniteValues(a)) throw overflowError('norm');
  return n;
}

/**
 * The L2 norm with scaling, unchecked: Infinity when the length exceeds `Number.MAX_VALUE`
 * (normalize and slerp scale such vectors themselves); −1 when a cell is not a number (the
 * caller throws {@link cellError} under its own name).
 */
function scaledNorm(a: ArrayLike<number>): number {
  let maxAbs = 0;
  for (let i = 0; i < a.length; i++) {
    const x: unknown = a[i];
    if (typeof x !== 'number') return -1;
    const v = Math.abs(x);
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
 * @throws LatentError `E_TYPE` when a cell is not a number, `E_SHAPE` when lengths differ, `E_RANGE` when finite input overflows (`out`
 * is overwritten even then)
 * @example
 * ```ts
 * add([1, 2], [3, 4]); // Float64Array [4, 6]
 * ```
 */
export function add(a: ArrayLike<number>, b: ArrayLike<number>, out?: Float64Array): Float64Array {
  sameLength('add', a, b);
  const o = target('add', a.length, out);
  if (aliases(o, a) || aliases(o, b)) {
    // In place: an input element is gone once written, so note the inputs' finiteness on the way.
    let bad = 0;
    let input = 0;
    for (let i = 0; i < o.length; i++) {
      const x: unknown = a[i];
      const y: unknown = b[i];
      if (typeof x !== 'number' || typeof y !== 'number') throw cellError('add', a, b);
      const v = x + y;
      bad += v * 0;
      input += x * 0 + y * 0;
      o[i] = v;
    }
    if (bad !== 0 && input === 0) throw overflowError('add');
    return o;
  }
  let bad = 0;
  for (let i = 0; i < o.length; i++) {
    const x: unknown = a[i];
    const y: unknown = b[i];
    if (typeof x !== 'number' || typeof y !== 'number') throw cellError('add', a, b);
    const v = x + y;
    bad += v * 0; // stays 0 unless some v is NaN or ±Infinity: no branch in the loop
    o[i] = v;
  }
  if (bad !== 0) checkOverflow('add', a, b);
  return o;
}

/**
 * Element-wise difference `a − b`.
 *
 * @param a - first vector
 * @param b - second vector, same length
 * @param out - optional destination (may be `a` or `b`)
 * @returns `out`, or a new vector
 * @throws LatentError `E_TYPE` when a cell is not a number, `E_SHAPE` when lengths differ, `E_RANGE` when finite input overflows (`out`
 * is overwritten even then)
 * @example
 * ```ts
 * sub([3, 4], [1, 1]); // Float64Array [2, 3]
 * ```
 */
export function sub(a: ArrayLike<number>, b: ArrayLike<number>, out?: Float64Array): Float64Array {
  sameLength('sub', a, b);
  const o = target('sub', a.length, out);
  if (aliases(o, a) || aliases(o, b)) {
    // In place: an input element is gone once written, so note the inputs' finiteness on the way.
    let bad = 0;
    let input = 0;
    for (let i = 0; i < o.length; i++) {
      const x: unknown = a[i];
      const y: unknown = b[i];
      if (typeof x !== 'number' || typeof y !== 'number') throw cellError('sub', a, b);
      const v = x - y;
      bad += v * 0;
      input += x * 0 + y * 0;
      o[i] = v;
    }
    if (bad !== 0 && input === 0) throw overflowError('sub');
    return o;
  }
  let bad = 0;
  for (let i = 0; i < o.length; i++) {
    const x: unknown = a[i];
    const y: unknown = b[i];
    if (typeof x !== 'number' || typeof y !== 'number') throw cellError('sub', a, b);
    const v = x - y;
    bad += v * 0;
    o[i] = v;
  }
  if (bad !== 0) checkOverflow('sub', a, b);
  return o;
}

/**
 * Multiplies every element by `s`.
 *
 * @param a - the vector
 * @param s - the factor
 * @param out - optional destination (may be `a`)
 * @returns `out`, or a new vector
 * @throws LatentError `E_TYPE` when a cell is not a number, `E_RANGE` when finite input overflows (`out` is overwritten even then)
 * @example
 * ```ts
 * scale([1, 2], 3); // Float64Array [3, 6]
 * ```
 */
export function scale(a: ArrayLike<number>, s: number, out?: Float64Array): Float64Array {
  checkVectorArg('scale', 'a', a);
  if (typeof s !== 'number') throw new LatentError('E_TYPE', `scale: s must be a number, got ${describe(s)}`);
  const o = target('scale', a.length, out);
  const sFinite = Number.isFinite(s);
  if (aliases(o, a)) {
    // In place: an input element is gone once written, so note the inputs' finiteness on the way.
    let bad = 0;
    let input = 0;
    for (let i = 0; i < o.length; i++) {
      const x: unknown = a[i];
      if (typeof x !== 'number') throw cellError('scale', a);
      const v = x * s;
      bad += v * 0;
      input += x * 0;
      o[i] = v;
    }
    if (bad !== 0 && input === 0 && sFinite) throw overflowError('scale');
    return o;
  }
  let bad = 0;
  for (let i = 0; i < o.length; i++) {
    const x: unknown = a[i];
    if (typeof x !== 'number') throw cellError('scale', a);
    const v = x * s;
    bad += v * 0;
    o[i] = v;
  }
  if (bad !== 0 && sFinite) checkOverflow('scale', a, undefined);
  return o;
}

/**
 * Scales `a` to unit length. The zero vector has no direction: it is returned as zeros
 * (never NaN), matching scikit-learn's `normalize`. A NaN in `a` makes the result NaN.
 *
 * @param a - the vector
 * @param out - optional destination (may be `a`)
 * @returns `out`, or a new vector of length 1 (or all zeros)
 * @throws LatentError `E_TYPE` when a cell is not a number
 * @example
 * ```ts
 * normalize([3, 4]); // Float64Array [0.6, 0.8]
 * normalize([0, 0]); // Float64Array [0, 0]
 * ```
 */
export function normalize(a: ArrayLike<number>, out?: Float64Array): Float64Array {
  checkVectorArg('normalize', 'a', a);
  const o = target('normalize', a.length, out);
  const n = scaledNorm(a);
  if (n < 0) throw cellError('normalize', a);
  if (n === 0) return o.fill(0);
  if (n > 1e290 && n === n) {
    // Huge, or longer than Number.MAX_VALUE: scale by 2^-600 first (exact), the direction exists.
    for (let i = 0; i < o.length; i++) o[i] = (a[i] as number) / TWO_POW_600;
    const m = scaledNorm(o);
    for (let i = 0; i < o.length; i++) o[i] = (o[i] as number) / m;
    return o;
  }
  if (n < 1e-290) {
    // Tiny or subnormal: the norm itself is too imprecise, so first scale by 2^600 (exact).
    for (let i = 0; i < o.length; i++) o[i] = (a[i] as number) * TWO_POW_600;
    const m = scaledNorm(o);
    for (let i = 0; i < o.length; i++) o[i] = (o[i] as number) / m;
    return o;
  }
  // Divide (not multiply by 1/n): correctly rounded, so normalize([3, 4]) is exactly [0.6, 0.8].
  for (let i = 0; i < o.length; i++) o[i] = (a[i] as number) / n;
  return o;
}
