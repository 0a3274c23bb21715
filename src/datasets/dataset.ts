/**
 * The shape every data set and generator returns, and the helpers the generators share.
 */
import type { Matrix64 } from '../core/matrix.js';
import { randomNormal, rng, shuffle } from '../core/random.js';
import { LatentError, describe } from '../core/errors.js';
import { assertInteger } from '../core/validate.js';

/** A labelled data set: n points (rows of `data`) and their 0-based class labels. */
export interface Dataset {
  /** n × d points, row-major. */
  data: Matrix64;
  /** n class labels, 0-based. */
  labels: Int32Array;
}

/**
 * Validates a generator's `seed` option (filled with the default by the caller).
 *
 * @param fn - public function name for the message
 * @param seed - the seed
 * @returns the seed
 * @throws LatentError `E_TYPE`/`E_RANGE` unless a non-negative safe integer
 * @example
 * ```ts
 * checkSeed('moons', 42); // 42
 * ```
 */
export function checkSeed(fn: string, seed: unknown): number {
  return assertInteger(fn, 'seed', seed, 0);
}

/**
 * `num` evenly spaced numbers from `start` to `stop` (inclusive when `endpoint`), computed
 * as numpy's `linspace` does: `start + i·step`, with the last point exactly `stop`.
 *
 * @param start - first value
 * @param stop - end of the interval
 * @param num - number of values
 * @param endpoint - include `stop`
 * @returns the values
 * @example
 * ```ts
 * linspace(0, 1, 3, true); // Float64Array [0, 0.5, 1]
 * ```
 */
export function linspace(start: number, stop: number, num: number, endpoint: boolean): Float64Array {
  const out = new Float64Array(num);
  const div = endpoint ? num - 1 : num;
  const step = div > 0 ? (stop - start) / div : 0;
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  if (endpoint && num > 1) out[num - 1] = stop;
  return out;
}

/**
 * Permutes the rows of `data` (n × cols), `labels` and optional per-row `extra` values with
 * one Fisher–Yates permutation drawn from `random`, in place.
 *
 * @param data - row-major values (permuted)
 * @param cols - values per row
 * @param labels - one label per row (permuted)
 * @param random - uniform generator
 * @param extra - optional per-row values (permuted)
 * @example
 * ```ts
 * shuffleRows(data, 2, labels, rng(1));
 * ```
 */
export function shuffleRows(data: Float64Array, cols: number, labels: Int32Array, random: () => number, extra?: Float64Array): void {
  const n = labels.length;
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  shuffle(perm, random);
  const srcData = data.slice();
  const srcLabels = labels.slice();
  const srcExtra = extra?.slice();
  for (let i = 0; i < n; i++) {
    const p = perm[i]!;
    for (let j = 0; j < cols; j++) data[i * cols + j] = srcData[p * cols + j]!;
    labels[i] = srcLabels[p]!;
    if (extra !== undefined && srcExtra !== undefined) extra[i] = srcExtra[p]!;
  }
}

/**
 * Adds Gaussian noise of standard deviation `noise` to every value of `data` (in place), and
 * refuses a `noise` so large that a coordinate overflows: the data of a generator are always
 * finite. O(n).
 *
 * @param fn - public function name
 * @param name - the option's name (`noise`, `spread`)
 * @param data - the noise-free values, modified in place
 * @param noise - standard deviation (≥ 0, finite: validated)
 * @param random - the generator's source of uniform numbers
 * @throws LatentError `E_RANGE` when a noisy value is not finite
 * @example
 * ```ts
 * addNoise('moons', 'noise', new Float64Array(2), 0.1, rng(1)); // two small numbers
 * ```
 */
export function addNoise(fn: string, name: string, data: Float64Array, noise: number, random: () => number): void {
  if (!(noise > 0)) return;
  let bad = 0;
  for (let p = 0; p < data.length; p++) {
    const v = data[p]! + noise * randomNormal(random);
    bad += v * 0; // NaN once any value is not finite
    data[p] = v;
  }
  if (bad !== 0) throw overflowedBy(fn, name, noise);
}

/**
 * The error of a generator whose finite options made a coordinate overflow.
 *
 * @param fn - public function name
 * @param name - the option to blame
 * @param value - its value
 * @returns a `LatentError` `E_RANGE`
 * @example
 * ```ts
 * overflowedBy('moons', 'noise', 1e308).code; // 'E_RANGE'
 * ```
 */
export function overflowedBy(fn: string, name: string, value: unknown): LatentError {
  return new LatentError('E_RANGE', `${fn}: ${name} must be small enough that every coordinate stays finite (within ±Number.MAX_VALUE), got ${describe(value)}`);
}

/**
 * The frame of the two-class 2-D generators ({@link moons}, {@link circles}): ⌊n/2⌋ points of
 * class 0 on the unit circle at the angles `linspace(0, span, ⌊n/2⌋, endpoint)`, then the other
 * points, of class 1, placed by `inner` at the angles `linspace(0, span, n − ⌊n/2⌋, endpoint)`;
 * then, with one generator seeded by `seed`, the rows are shuffled (when `doShuffle`) and every
 * coordinate gets Gaussian noise of standard deviation `noise` (when `noise > 0`). O(n).
 *
 * @param fn - public function name (for errors)
 * @param n - number of points (validated)
 * @param span - angle range of both arcs
 * @param endpoint - include `span` itself among the angles
 * @param inner - writes the class-1 point at `angle` into `data[p]`, `data[p + 1]`
 * @param doShuffle - shuffle the rows
 * @param noise - standard deviation of the noise (≥ 0)
 * @param seed - seed of the generator (validated)
 * @returns `{ data: n × 2, labels }`
 * @throws LatentError `E_RANGE` when `noise` makes a coordinate overflow
 * @example
 * ```ts
 * twoArcs('moons', 4, Math.PI, true, (data, p, t) => ((data[p] = -Math.cos(t)), (data[p + 1] = -Math.sin(t))), false, 0, 42).labels; // Int32Array [0, 0, 1, 1]
 * ```
 */
export function twoArcs(
  fn: string,
  n: number,
  span: number,
  endpoint: boolean,
  inner: (data: Float64Array, p: number, angle: number) => void,
  doShuffle: boolean,
  noise: number,
  seed: number,
): Dataset {
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const data = new Float64Array(2 * n);
  const labels = new Int32Array(n);
  const out = linspace(0, span, nOut, endpoint);
  const inn = linspace(0, span, nIn, endpoint);
  for (let i = 0; i < nOut; i++) {
    data[2 * i] = Math.cos(out[i]!);
    data[2 * i + 1] = Math.sin(out[i]!);
  }
  for (let i = 0; i < nIn; i++) {
    const r = nOut + i;
    inner(data, 2 * r, inn[i]!);
    labels[r] = 1;
  }
  const random = rng(seed);
  if (doShuffle) shuffleRows(data, 2, labels, random);
  addNoise(fn, 'noise', data, noise, random);
  return { data: { rows: n, cols: 2, data }, labels };
}
