/**
 * Isotropic Gaussian blobs, as scikit-learn's `make_blobs`.
 */
import { LatentError, describe } from '../core/errors.js';
import { isMatrix, asMatrix64, type Matrix64, type MatrixLike } from '../core/matrix.js';
import { DEFAULT_SEED, randomNormal, rng } from '../core/random.js';
import { assertAllocatable, assertInteger, assertNumber } from '../core/validate.js';
import { booleanOption, readOptions, type OptionKeys } from '../core/options.js';
import { checkSeed, overflowedBy, shuffleRows, type Dataset } from './dataset.js';

/** Options of {@link blobs}. */
export interface BlobsOptions {
  /**
   * Number of points (integer ≥ 1), split as evenly as possible over the centres (the first
   * `n mod k` centres get one more).
   * @defaultValue 100
   */
  n?: number;
  /**
   * Number of centres (drawn uniformly in `centerBox`), or the centres themselves as a k × d matrix.
   * @defaultValue 3
   */
  centers?: number | MatrixLike;
  /**
   * Dimension of the points (integer ≥ 1); with explicit `centers` it must equal their width
   * (or be omitted).
   * @defaultValue 2, or the width of explicit `centers`
   */
  dims?: number;
  /**
   * Standard deviation of every blob (≥ 0), or one per centre.
   * @defaultValue 1
   */
  spread?: number | ArrayLike<number>;
  /**
   * Bounding box `[lo, hi]` (lo < hi) of random centres, per coordinate.
   * @defaultValue [-10, 10]
   */
  centerBox?: readonly [number, number];
  /**
   * Shuffle the points (otherwise they come blob by blob).
   * @defaultValue true
   */
  shuffle?: boolean;
  /**
   * Seed of the generator (non-negative safe integer).
   * @defaultValue DEFAULT_SEED (42)
   */
  seed?: number;
}

const BLOBS_KEYS: OptionKeys<BlobsOptions> = { n: true, centers: true, dims: true, spread: true, centerBox: true, shuffle: true, seed: true };

/** {@link blobs}: the points, their blob labels and the centres used. */
export interface BlobsDataset extends Dataset {
  /** The k × d centres (given or drawn). */
  centers: Matrix64;
}

/**
 * Gaussian blobs for clustering demos: k centres (random in `centerBox`, or given), and
 * around centre i a cloud of points drawn from N(centre, spread²·I), labelled i — the semantics
 * of scikit-learn's `make_blobs`. Deterministic per `seed` (the stream differs from numpy's).
 * O(n·d).
 *
 * @param options - {@link BlobsOptions}
 * @returns `{ data, labels, centers }`
 * @throws LatentError `E_TYPE`/`E_RANGE`/`E_NOT_FINITE` for bad options, `E_SHAPE` when `dims`
 * disagrees with explicit centres or `spread` has the wrong length, `E_MEMORY` for absurd sizes
 * @example
 * ```ts
 * const { data, labels, centers } = blobs({ n: 6, centers: [[0, 0], [10, 10]], spread: 0.1, seed: 1 });
 * [data.rows, data.cols]; // [6, 2]
 * labels;               // Int32Array of 0s and 1s (3 each), shuffled
 * ```
 * @see sklearn.datasets.make_blobs
 */
export function blobs(options?: BlobsOptions): BlobsDataset {
  const fn = 'blobs';
  const opts = readOptions(fn, options, BLOBS_KEYS);
  const n = assertInteger(fn, 'n', opts.n ?? 100, 1);
  const seed = checkSeed(fn, opts.seed ?? DEFAULT_SEED);
  const doShuffle = booleanOption(fn, 'shuffle', opts.shuffle, true);
  const random = rng(seed);

  // Validated even when explicit centres make it unused: a bad option is never silently ignored.
  const box = opts.centerBox ?? [-10, 10];
  if (typeof box !== 'object' || box === null || box.length !== 2) {
    throw new LatentError('E_TYPE', `${fn}: centerBox must be a pair [lo, hi], got ${describe(box)}`);
  }
  const lo = assertNumber(fn, 'centerBox[0]', box[0]);
  const hi = assertNumber(fn, 'centerBox[1]', box[1]);
  if (!(lo < hi)) throw new LatentError('E_RANGE', `${fn}: centerBox must have lo < hi, got [${lo}, ${hi}]`);

  const c = opts.centers ?? 3;
  let centers: Matrix64;
  if (typeof c === 'number') {
    const k = assertInteger(fn, 'centers', c, 1);
    const d = assertInteger(fn, 'dims', opts.dims ?? 2, 1);
    assertAllocatable(fn, 'the centres', k * d);
    const cd = new Float64Array(k * d);
    const width = hi - lo;
    // A box wider than Number.MAX_VALUE (e.g. [−MAX, MAX]): the convex combination stays finite.
    if (width < Infinity) for (let p = 0; p < k * d; p++) cd[p] = lo + width * random();
    else for (let p = 0; p < k * d; p++) {
      const u = random();
      cd[p] = lo * (1 - u) + hi * u;
    }
    centers = { rows: k, cols: d, data: cd };
  } else {
    if (typeof c !== 'object' || c === null) {
      throw new LatentError('E_TYPE', `${fn}: centers must be a positive integer or a k × d matrix, got ${describe(c)}`);
    }
    const m = asMatrix64(c, fn, 'centers');
    if (m.rows < 1 || m.cols < 1) throw new LatentError('E_SHAPE', `${fn}: centers must have at least 1 row and 1 column, got ${m.rows} × ${m.cols}`);
    if (opts.dims !== undefined) {
      assertInteger(fn, 'dims', opts.dims, 1);
      if (opts.dims !== m.cols) throw new LatentError('E_SHAPE', `${fn}: dims must equal the centers' width ${m.cols}, got ${opts.dims}`);
    }
    centers = { rows: m.rows, cols: m.cols, data: isMatrix(c) ? m.data.slice() : m.data };
  }
  const k = centers.rows;
  const d = centers.cols;

  const spreadOpt = opts.spread ?? 1;
  const spread = new Float64Array(k);
  if (typeof spreadOpt === 'number') {
    spread.fill(assertNumber(fn, 'spread', spreadOpt, 0));
  } else {
    if (typeof spreadOpt !== 'object' || spreadOpt === null || typeof spreadOpt.length !== 'number') {
      throw new LatentError('E_TYPE', `${fn}: spread must be a number or one number per centre, got ${describe(spreadOpt)}`);
    }
    if (spreadOpt.length !== k) throw new LatentError('E_SHAPE', `${fn}: spread length must equal the number of centres ${k}, got ${spreadOpt.length}`);
    for (let i = 0; i < k; i++) spread[i] = assertNumber(fn, `spread[${i}]`, spreadOpt[i], 0);
  }

  assertAllocatable(fn, 'the points', n * d);
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  const base = Math.floor(n / k);
  const extra = n % k;
  let r = 0;
  let bad = 0;
  for (let i = 0; i < k; i++) {
    const count = base + (i < extra ? 1 : 0);
    const s = spread[i]!;
    for (let q = 0; q < count; q++, r++) {
      labels[r] = i;
      for (let j = 0; j < d; j++) {
        const v = centers.data[i * d + j]! + s * randomNormal(random);
        bad += v * 0; // NaN once any value is not finite
        data[r * d + j] = v;
      }
    }
  }
  if (bad !== 0) throw overflowedBy(fn, 'spread', spreadOpt);
  if (doShuffle) shuffleRows(data, d, labels, random);
  return { data: { rows: n, cols: d, data }, labels, centers };
}
