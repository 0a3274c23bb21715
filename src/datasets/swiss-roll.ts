/**
 * Points on a rolled-up sheet in 3-D, as scikit-learn's `make_swiss_roll`.
 */
import { DEFAULT_SEED, rng } from '../core/random.js';
import { assertAllocatable, assertInteger, assertNumber } from '../core/validate.js';
import { booleanOption, readOptions, type OptionKeys } from '../core/options.js';
import { addNoise, checkSeed, type Dataset } from './dataset.js';

/** Options of {@link swissRoll}. */
export interface SwissRollOptions {
  /**
   * Number of points (integer ≥ 1).
   * @defaultValue 100
   */
  n?: number;
  /**
   * Standard deviation of Gaussian noise added to every coordinate (≥ 0).
   * @defaultValue 0
   */
  noise?: number;
  /**
   * Leave a rectangular hole in the middle of the sheet (scikit-learn's `hole=True`).
   * @defaultValue false
   */
  hole?: boolean;
  /**
   * Number of equal stretches of the roll (by `t`) that `labels` distinguish (integer ≥ 1).
   * @defaultValue 4
   */
  segments?: number;
  /**
   * Seed of the generator (non-negative safe integer).
   * @defaultValue DEFAULT_SEED (42)
   */
  seed?: number;
}

const SWISS_ROLL_KEYS: OptionKeys<SwissRollOptions> = { n: true, noise: true, hole: true, segments: true, seed: true };

/** {@link swissRoll}: the points, their segment labels and their position along the roll. */
export interface SwissRollDataset extends Dataset {
  /** Position of each point along the roll, in [1.5π, 4.5π) (scikit-learn's second return value). */
  t: Float64Array;
}

const T0 = 1.5 * Math.PI;
const T_SPAN = 3 * Math.PI;

/**
 * The swiss roll, the classic test of manifold learning: a 2-D sheet (position `t` along the
 * spiral, height `y`) rolled up in 3-D as `(t·cos t, y, t·sin t)` with `t` uniform in
 * [1.5π, 4.5π) and `y` uniform in [0, 21) — scikit-learn's `make_swiss_roll`, including `hole`.
 * Since the points are continuous, `labels` split the roll into `segments` equal stretches of
 * `t` (for colouring and for checking that an embedding keeps neighbours together); `t` itself is
 * returned too. Deterministic per `seed`. O(n).
 *
 * @param options - {@link SwissRollOptions}
 * @returns `{ data: n × 3, labels, t }`
 * @throws LatentError `E_TYPE`/`E_RANGE`/`E_NOT_FINITE` for bad options
 * @example
 * ```ts
 * const { data, labels, t } = swissRoll({ n: 1000, noise: 0.05 });
 * data.cols;  // 3
 * labels[0];  // segment of t[0]: Math.floor((t[0] - 1.5π) / (3π) * 4)
 * ```
 * @see sklearn.datasets.make_swiss_roll
 * @see J. B. Tenenbaum, V. de Silva, J. C. Langford (2000), "A global geometric framework for nonlinear dimensionality reduction"
 */
export function swissRoll(options?: SwissRollOptions): SwissRollDataset {
  const fn = 'swissRoll';
  const opts = readOptions(fn, options, SWISS_ROLL_KEYS);
  const n = assertInteger(fn, 'n', opts.n ?? 100, 1);
  const noise = assertNumber(fn, 'noise', opts.noise ?? 0, 0);
  const hole = booleanOption(fn, 'hole', opts.hole, false);
  const segments = assertInteger(fn, 'segments', opts.segments ?? 4, 1);
  const seed = checkSeed(fn, opts.seed ?? DEFAULT_SEED);
  assertAllocatable(fn, 'the points', 3 * n);
  const random = rng(seed);
  const t = new Float64Array(n);
  const y = new Float64Array(n);
  if (!hole) {
    for (let i = 0; i < n; i++) t[i] = T0 + T_SPAN * random();
    for (let i = 0; i < n; i++) y[i] = 21 * random();
  } else {
    // The sheet is a 3 × 3 grid of cells (π wide in t, 7 high in y) without the middle one.
    for (let i = 0; i < n; i++) {
      let cell = Math.floor(random() * 8);
      if (cell >= 4) cell++;
      t[i] = Math.PI * (1.5 + Math.floor(cell / 3)) + Math.PI * random();
      y[i] = 7 * (cell % 3) + 7 * random();
    }
  }
  const data = new Float64Array(3 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const ti = t[i]!;
    data[3 * i] = ti * Math.cos(ti);
    data[3 * i + 1] = y[i]!;
    data[3 * i + 2] = ti * Math.sin(ti);
    const s = Math.floor(((ti - T0) / T_SPAN) * segments);
    labels[i] = s < 0 ? 0 : s >= segments ? segments - 1 : s;
  }
  addNoise(fn, 'noise', data, noise, random);
  return { data: { rows: n, cols: 3, data }, labels, t };
}
