/**
 * A small circle inside a large one, as scikit-learn's `make_circles`.
 */
import { DEFAULT_SEED } from '../core/random.js';
import { assertAllocatable, assertInteger, assertNumber } from '../core/validate.js';
import { booleanOption, readOptions, type OptionKeys } from '../core/options.js';
import { checkSeed, twoArcs, type Dataset } from './dataset.js';

/** Options of {@link circles}. */
export interface CirclesOptions {
  /**
   * Number of points (integer ≥ 1): ⌊n/2⌋ on the outer circle (label 0), the rest on the inner (label 1).
   * @defaultValue 100
   */
  n?: number;
  /**
   * Radius of the inner circle relative to the outer one (radius 1), in [0, 1).
   * @defaultValue 0.8
   */
  factor?: number;
  /**
   * Standard deviation of Gaussian noise added to every coordinate (≥ 0).
   * @defaultValue 0
   */
  noise?: number;
  /**
   * Shuffle the points (otherwise the outer circle comes first).
   * @defaultValue true
   */
  shuffle?: boolean;
  /**
   * Seed of the generator (non-negative safe integer).
   * @defaultValue DEFAULT_SEED (42)
   */
  seed?: number;
}

const CIRCLES_KEYS: OptionKeys<CirclesOptions> = { n: true, factor: true, noise: true, shuffle: true, seed: true };

/**
 * Two concentric circles in 2-D: the outer of radius 1 (label 0) and the inner of radius
 * `factor` (label 1), points evenly spaced in angle from 0 (end excluded), then shuffled, then
 * (with `noise`) jittered — scikit-learn's `make_circles`. No linear method separates them.
 * Deterministic per `seed`. O(n).
 *
 * @param options - {@link CirclesOptions}
 * @returns `{ data: n × 2, labels }`
 * @throws LatentError `E_TYPE`/`E_RANGE`/`E_NOT_FINITE` for bad options (`factor` outside [0, 1))
 * @example
 * ```ts
 * const { data, labels } = circles({ n: 4, factor: 0.5, shuffle: false });
 * data.data; // Float64Array [1, 0, -1, 1.2246467991473532e-16, 0.5, 0, -0.5, 6.123233995736766e-17]
 * labels;    // Int32Array [0, 0, 1, 1]
 * ```
 * @see sklearn.datasets.make_circles
 */
export function circles(options?: CirclesOptions): Dataset {
  const fn = 'circles';
  const opts = readOptions(fn, options, CIRCLES_KEYS);
  const n = assertInteger(fn, 'n', opts.n ?? 100, 1);
  const factor = assertNumber(fn, 'factor', opts.factor ?? 0.8, 0, 1, false, true);
  const noise = assertNumber(fn, 'noise', opts.noise ?? 0, 0);
  const doShuffle = booleanOption(fn, 'shuffle', opts.shuffle, true);
  const seed = checkSeed(fn, opts.seed ?? DEFAULT_SEED);
  assertAllocatable(fn, 'the points', 2 * n);
  const inner = (data: Float64Array, p: number, t: number): void => {
    data[p] = Math.cos(t) * factor;
    data[p + 1] = Math.sin(t) * factor;
  };
  return twoArcs(fn, n, 2 * Math.PI, false, inner, doShuffle, noise, seed);
}
