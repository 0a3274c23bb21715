/**
 * Seeded pseudo-random numbers: identical streams on every platform and engine.
 *
 * The generator is xoshiro128** (Blackman & Vigna) on 32-bit integer arithmetic
 * (`Math.imul`, `>>>`), which JavaScript defines exactly, seeded through SplitMix32.
 * Doubles take 53 random bits, so every value in [0, 1) on the 2⁻⁵³ grid can occur.
 */
import { LatentError, describe } from './errors.js';
import { assertInteger } from './validate.js';

/** Seed used when an option's `seed` is omitted (determinism by default). */
export const DEFAULT_SEED = 42;

/**
 * Generator state as plain data (4 × uint32), so long-running state objects that hold it
 * stay cloneable and serializable.
 */
export type RngState = Uint32Array;

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Creates generator state from an integer seed in [0, 2⁵³).
 *
 * Seeding scheme (fixed; part of the cross-platform contract): split the seed into 32-bit
 * halves `lo = seed mod 2³²`, `hi = ⌊seed / 2³²⌋`; with
 * `splitmix32(x) = fmix32((x + 0x9e3779b9) mod 2³²)` and MurmurHash3's finaliser
 * `fmix32(z) = z ^= z >>> 16; z *= 0x85ebca6b; z ^= z >>> 13; z *= 0xc2b2ae35; z ^= z >>> 16`
 * (all mod 2³²), the xoshiro128** state is `s0 = splitmix32(lo ^ 0x5bd1e995)`,
 * `s1 = splitmix32(s0 ^ hi)`, `s2 = splitmix32(s1)`, `s3 = splitmix32(s2)` (an all-zero state,
 * which cannot occur in practice, becomes `s0 = 1`).
 *
 * @param seed - non-negative safe integer
 * @returns a fresh state
 * @throws LatentError `E_RANGE` for a seed that is not a non-negative safe integer
 * @example
 * ```ts
 * const s = rngState(7);
 * nextDouble(s); // same value on every platform
 * ```
 */
export function rngState(seed: number = DEFAULT_SEED): RngState {
  return seededState('rngState', seed);
}

/** {@link rngState} with the public function's name in messages. */
function seededState(fn: string, seed: number): RngState {
  assertInteger(fn, 'seed', seed, 0);
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 2 ** 32) >>> 0;
  const s = new Uint32Array(4);
  let x = splitmix32(lo ^ 0x5bd1e995);
  s[0] = x;
  x = splitmix32(x ^ hi);
  s[1] = x;
  x = splitmix32(x);
  s[2] = x;
  x = splitmix32(x);
  s[3] = x;
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1; // the all-zero state is a fixed point
  return s;
}

/**
 * Advances the state and returns the next 32-bit unsigned integer.
 *
 * @param s - generator state (mutated)
 * @returns an integer in [0, 2³²)
 * @example
 * ```ts
 * nextUint32(rngState(1)); // an integer in [0, 4294967296)
 * ```
 */
export function nextUint32(s: RngState): number {
  const s0 = s[0] as number;
  const s1 = s[1] as number;
  const s2 = s[2] as number;
  const s3 = s[3] as number;
  const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const t = (s1 << 9) >>> 0;
  const n2 = (s2 ^ s0) >>> 0;
  const n3 = (s3 ^ s1) >>> 0;
  s[1] = s1 ^ n2;
  s[0] = s0 ^ n3;
  s[2] = n2 ^ t;
  s[3] = rotl(n3, 11);
  return r;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * Advances the state and returns a double uniform in [0, 1) with 53 random bits:
 * `((a >>> 5) · 2²⁶ + (b >>> 6)) / 2⁵³` for the next two 32-bit outputs `a`, `b`.
 *
 * @param s - generator state (mutated)
 * @returns a number in [0, 1)
 * @example
 * ```ts
 * const s = rngState(3);
 * nextDouble(s) < 1; // true
 * ```
 */
export function nextDouble(s: RngState): number {
  const hi = nextUint32(s) >>> 5; // 27 bits
  const lo = nextUint32(s) >>> 6; // 26 bits
  return (hi * 67108864 + lo) / 9007199254740992;
}

/**
 * A seeded generator of doubles uniform in [0, 1): the same seed gives the same stream on
 * every platform. Never uses `Math.random`.
 *
 * @param seed - non-negative safe integer (default {@link DEFAULT_SEED})
 * @returns a function returning the next number in [0, 1)
 * @throws LatentError `E_RANGE` for a negative, fractional or unsafe seed
 * @example
 * ```ts
 * const random = rng(42);
 * random(); // 0.… (identical on every run)
 * ```
 */
export function rng(seed: number = DEFAULT_SEED): () => number {
  const s = seededState('rng', seed);
  return () => nextDouble(s);
}

/**
 * A standard normal variate (Box–Muller), drawing two uniforms from `random`.
 *
 * @param random - a uniform generator such as {@link rng}
 * @returns a sample from N(0, 1)
 * @example
 * ```ts
 * randomNormal(rng(1)); // e.g. -0.43…
 * ```
 */
export function randomNormal(random: () => number): number {
  checkGenerator('randomNormal', random);
  // 1 − u is in (0, 1], so the log never sees 0.
  const u = 1 - uniform('randomNormal', random);
  const v = uniform('randomNormal', random);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A uniform integer in [0, n) without modulo bias beyond 2⁻⁵³.
 *
 * @param random - a uniform generator such as {@link rng}
 * @param n - exclusive upper bound (positive integer)
 * @returns an integer in [0, n)
 * @throws LatentError `E_TYPE` (random not a function, n not a number), `E_RANGE` (n not a positive integer, or random() outside [0, 1))
 * @example
 * ```ts
 * randomInt(rng(1), 10); // e.g. 7
 * ```
 */
export function randomInt(random: () => number, n: number): number {
  checkGenerator('randomInt', random);
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    throw new LatentError(typeof n === 'number' ? 'E_RANGE' : 'E_TYPE', `randomInt: n must be an integer >= 1, got ${describe(n)}`);
  }
  return Math.floor(uniform('randomInt', random) * n);
}

/**
 * Fisher–Yates shuffle of `values`, in place.
 *
 * @param values - the array to permute (mutated)
 * @param random - a uniform generator such as {@link rng}
 * @returns `values`
 * @throws LatentError `E_TYPE` (not an array, random not a function), `E_RANGE` when random() returns a value outside [0, 1) (checked before each swap, so the array stays a permutation of its values)
 * @example
 * ```ts
 * shuffle(Int32Array.from([0, 1, 2, 3]), rng(1)); // a permutation of 0..3
 * ```
 */
export function shuffle<T extends { length: number; [i: number]: number }>(values: T, random: () => number): T {
  if (typeof values !== 'object' || values === null || typeof values.length !== 'number' || !Number.isSafeInteger(values.length) || values.length < 0) {
    throw new LatentError('E_TYPE', `shuffle: values must be an array or typed array, got ${describe(values)}`);
  }
  checkGenerator('shuffle', random);
  // Shuffling happens in place: a frozen array would throw a raw TypeError half-way through.
  if (values.length > 1 && Object.isFrozen(values)) throw new LatentError('E_TYPE', `shuffle: values must be a writable array (it is shuffled in place), got a frozen ${describe(values)}`);
  for (let i = values.length - 1; i > 0; i--) {
    // A generator outside [0, 1) is an error before anything is swapped, never a hole or a
    // longer array.
    const j = Math.floor(uniform('shuffle', random) * (i + 1));
    const tmp = values[i] as number;
    values[i] = values[j] as number;
    values[j] = tmp;
  }
  return values;
}

function checkGenerator(fn: string, random: unknown): void {
  if (typeof random !== 'function') throw new LatentError('E_TYPE', `${fn}: random must be a function returning numbers in [0, 1), got ${describe(random)}`);
}

/** One draw from a caller's generator, checked to lie in [0, 1). */
function uniform(fn: string, random: () => number): number {
  const u = random();
  if (!(u >= 0 && u < 1)) throw new LatentError('E_RANGE', `${fn}: random() must return a number in [0, 1), got ${describe(u)}`);
  return u;
}
