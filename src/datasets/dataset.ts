/**
 * The shape every data set and generator returns, and the helpers the generators share.
 */
import type { Matrix64 } from '../core/matrix.js';
import { randomNormal, rng, shuffle } from '../core/random.js';
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
 * The frame of the two-class 2-D generators ({@link moons}, {@link circles}): ⌊n/2⌋ points of
 * class 0 on the unit circle at the angles `linspace(0, span, ⌊n/2⌋, endpoint)`, then the other
 * points, of class 1, placed by `inner` at the angles `linspace(0, span, n − ⌊n/2⌋, endpoint)`;
 * then, with one generator seeded by `seed`, the rows are shuffled (when `doShuffle`) and every
 * coordinate gets Gaussian noise of standard deviation `noise` (when `noise > 0`). O(n).
 *
 * @param n - number of points (validated)
 * @param span - angle range of both arcs
 * @param endpoint - include `span` itself among the angles
 * @param inner - writes the class-1 point at `angle` into `data[p]`, `data[p + 1]`
 * @param doShuffle - shuffle the rows
 * @param noise - standard deviation of the noise (≥ 0)
 * @param seed - seed of the generator (validated)
 * @returns `{ data: n × 2, labels }`
 * @example
 * ```ts
 * twoArcs(4, Math.PI, true, (data, p, t) => ((data[p] = -Math.cos(t)), (data[p + 1] = -Math.sin(t))), false, 0, 42).labels; // Int32Array [0, 0, 1, 1]
 * ```
 */
export function twoArcs(
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
  if (noise > 0) for (let p = 0; p < 2 * n; p++) data[p] = data[p]! + noise * randomNormal(random);
  return { data: { rows: n, cols: 2, data }, labels };
}
