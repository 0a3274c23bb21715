/**
 * Two interleaving half circles, as scikit-learn's `make_moons`.
 */
import { DEFAULT_SEED } from '../core/random.js';
import { assertAllocatable, assertInteger, assertNumber } from '../core/validate.js';
import { booleanOption, readOptions, type OptionKeys } from '../core/options.js';
import { checkSeed, twoArcs, type Dataset } from './dataset.js';

/** Options of {@link moons}. */
export interface MoonsOptions {
  /**
   * Number of points (integer ≥ 1): ⌊n/2⌋ on the upper moon (label 0), the rest on the lower (label 1).
   * @defaultValue 100
   */
  n?: number;
  /**
   * Standard deviation of Gaussian noise added to every coordinate (≥ 0).
   * @defaultValue 0
   */
  noise?: number;
  /**
   * Shuffle the points (otherwise all of moon 0 come first).
   * @defaultValue true
   */
  shuffle?: boolean;
  /**
   * Seed of the generator (non-negative safe integer).
   * @defaultValue DEFAULT_SEED (42)
   */
  seed?: number;
}

const MOONS_KEYS: OptionKeys<MoonsOptions> = { n: true, noise: true, shuffle: true, seed: true };

/**
 * Two interleaving half circles in 2-D — a data set that k-means cannot separate but
 * single linkage, spectral methods and t-SNE can. Moon 0 is the upper half of the unit circle
 * centred at (0, 0); moon 1 is the lower half of the unit circle centred at (1, 0.5); points are
 * evenly spaced in angle, then shuffled, then (with `noise`) jittered — scikit-learn's
 * `make_moons`. Deterministic per `seed`. O(n).
 *
 * @param options - {@link MoonsOptions}
 * @returns `{ data: n × 2, labels }`
 * @throws LatentError `E_TYPE`/`E_RANGE`/`E_NOT_FINITE` for bad options
 * @example
 * ```ts
 * const { data, labels } = moons({ n: 4, shuffle: false });
 * data.data; // Float64Array [1, 0, -1, 1.2246467991473532e-16, 0, 0.5, 2, 0.4999999999999999]
 * labels;    // Int32Array [0, 0, 1, 1]
 * ```
 * @see sklearn.datasets.make_moons
 */
export function moons(options?: MoonsOptions): Dataset {
  const fn = 'moons';
  const opts = readOptions(fn, options, MOONS_KEYS);
  const n = assertInteger(fn, 'n', opts.n ?? 100, 1);
  const noise = assertNumber(fn, 'noise', opts.noise ?? 0, 0);
  const doShuffle = booleanOption(fn, 'shuffle', opts.shuffle, true);
  const seed = checkSeed(fn, opts.seed ?? DEFAULT_SEED);
  assertAllocatable(fn, 'the points', 2 * n);
  const inner = (data: Float64Array, p: number, t: number): void => {
    data[p] = 1 - Math.cos(t);
    data[p + 1] = 1 - Math.sin(t) - 0.5;
  };
  return twoArcs(fn, n, Math.PI, true, inner, doShuffle, noise, seed);
}
