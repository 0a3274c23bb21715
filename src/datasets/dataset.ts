/**
 * The shape every data set and generator returns, and the helpers the generators share.
 */
import type { Matrix } from '../core/matrix.js';
import { shuffle } from '../core/random.js';
import { assertInteger } from '../core/validate.js';

/** A labelled data set: n points (rows of `data`) and their 0-based class labels. */
export interface Dataset {
  /** n × d points, row-major. */
  data: Matrix;
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
