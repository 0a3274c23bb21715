/**
 * Standardization (z-scores): centre every column on its mean and divide it by its population
 * standard deviation, as scikit-learn's `StandardScaler`.
 */
import { LatentError } from '../core/errors.js';
import { asMatrix64, type Matrix64, type MatrixLike } from '../core/matrix.js';
import { booleanOption, readOptions, type OptionKeys } from '../core/options.js';
import { pow2Inverse } from './pow2.js';
import { applyStandardize } from './standardize-transform.js';
import type { StandardizeModel } from './standardize-model.js';

/** Options of {@link standardize} and {@link standardizeFit}. */
export interface StandardizeOptions {
  /**
   * Subtract each column's mean (`false` keeps the origin, e.g. for data whose zeros mean something).
   * @defaultValue true
   */
  withMean?: boolean;
  /**
   * Divide each column by its population standard deviation.
   * @defaultValue true
   */
  withStd?: boolean;
}

const STANDARDIZE_KEYS: OptionKeys<StandardizeOptions> = { withMean: true, withStd: true };


/** Result of {@link standardize}: the fitted model plus the standardized data. */
export interface StandardizeResult extends StandardizeModel {
  /** The standardized copy of `X` (n × d). */
  data: Matrix64;
}

const EPS = 2.220446049250313e-16;
/** 2⁻¹⁰³² ≈ 2.2e-311: a subnormal with 42 significant bits, the smallest usable scale. */
const MIN_SCALE = 2 ** -1032;

/**
 * Learns column means and standard deviations without transforming (scikit-learn's `fit`).
 *
 * Zero-variance columns get scale 1, so they standardize to exactly 0 instead of NaN: an
 * exactly constant column is detected as such (its mean is that value, bit for bit), and a
 * column whose variance is within rounding error of zero (scikit-learn's rule
 * `var ≤ n·ε·var + (n·mean·ε)²`) is treated as constant too, and so is one whose standard
 * deviation is below 2⁻¹⁰³² ≈ 2.2e-311 (a subnormal with too few significant bits to divide by).
 * Statistics are computed with two passes on columns rescaled by a power of two, so values
 * near ±1.8e308 or in the subnormal range neither overflow nor underflow. O(n·d) time, O(d)
 * extra memory.
 *
 * @param X - n × d data (`number[][]`, `Float64Array[]` or a Matrix), n ≥ 1, finite
 * @param options - {@link StandardizeOptions}
 * @returns a {@link StandardizeModel}
 * @throws LatentError `E_TYPE`/`E_SHAPE`/`E_NOT_FINITE` for a bad `X`, `E_SHAPE` for zero rows,
 * `E_TYPE` for a non-boolean option
 * @example
 * ```ts
 * const model = standardizeFit([[1, 10], [2, 10], [3, 10]]);
 * model.mean;  // Float64Array [2, 10]
 * model.scale; // Float64Array [0.816496580927726, 1]
 * ```
 * @see sklearn.preprocessing.StandardScaler
 */
export function standardizeFit(X: MatrixLike, options?: StandardizeOptions): StandardizeModel {
  return fit('standardizeFit', asMatrix64(X, 'standardizeFit', 'X'), options);
}

/**
 * z-scores every column: `(x − mean) / std` with the population standard deviation, the same
 * as scikit-learn's `StandardScaler().fit_transform(X)`. Constant columns become 0 (their
 * scale is 1; see {@link standardizeFit}). The result carries the fitted model, so new data
 * is transformed the same way with {@link standardizeTransform}. O(n·d). `X` is not modified.
 *
 * @param X - n × d data (`number[][]`, `Float64Array[]` or a Matrix), n ≥ 1, finite
 * @param options - {@link StandardizeOptions}
 * @returns `{ data, mean, scale, ... }`: the standardized copy and the model
 * @throws LatentError `E_TYPE`/`E_SHAPE`/`E_NOT_FINITE` for a bad `X`, `E_SHAPE` for zero rows,
 * `E_TYPE` for a non-boolean option
 * @example
 * ```ts
 * const { data, mean, scale } = standardize([[1, 10], [2, 10], [3, 10]]);
 * data.data; // Float64Array [-1.224744871391589, 0, 0, 0, 1.224744871391589, 0]
 * mean;      // Float64Array [2, 10]
 * scale;     // Float64Array [0.816496580927726, 1]
 * ```
 * @see sklearn.preprocessing.StandardScaler
 */
export function standardize(X: MatrixLike, options?: StandardizeOptions): StandardizeResult {
  const m = asMatrix64(X, 'standardize', 'X');
  const model = fit('standardize', m, options);
  return { ...model, data: applyStandardize('standardize', model, m) };
}

function fit(fn: string, m: Matrix64, options: StandardizeOptions | undefined): StandardizeModel {
  const opts = readOptions(fn, options, STANDARDIZE_KEYS);
  const withMean = booleanOption(fn, 'withMean', opts.withMean, true);
  const withStd = booleanOption(fn, 'withStd', opts.withStd, true);
  const { rows: n, cols: d, data } = m;
  if (n < 1) throw new LatentError('E_SHAPE', `${fn}: X must have at least 1 row, got 0`);

  // Pass 1: plain column sums, largest magnitudes (for the power-of-two rescaling) and constancy.
  const inv = new Float64Array(d);
  const mu = new Float64Array(d);
  const constant = new Uint8Array(d).fill(1);
  for (let i = 0; i < n; i++) {
    const base = i * d;
    for (let j = 0; j < d; j++) {
      const v = data[base + j]!;
      mu[j]! += v;
      const a = Math.abs(v);
      if (a > inv[j]!) inv[j] = a;
      if (v !== data[j]!) constant[j] = 0;
    }
  }
  // Scaling by 2^-e is exact, so for moderate magnitudes Σ(x·2^-e) = 2^-e·Σx bit for bit and the
  // plain sums can be reused; only columns near overflow or underflow need the rescaled pass.
  let rescan = false;
  for (let j = 0; j < d; j++) {
    const a = inv[j]!;
    if (a > 2 ** 500 || (a < 2 ** -500 && a > 0)) rescan = true;
    inv[j] = pow2Inverse(a);
  }
  if (rescan) {
    mu.fill(0);
    for (let i = 0; i < n; i++) {
      const base = i * d;
      for (let j = 0; j < d; j++) mu[j]! += data[base + j]! * inv[j]!;
    }
  } else {
    for (let j = 0; j < d; j++) mu[j] = mu[j]! * inv[j]!;
  }
  for (let j = 0; j < d; j++) mu[j] = mu[j]! / n;

  // Pass 2: corrected two-pass variance (Σd² − (Σd)²/n) / n on the rescaled columns.
  const sumD = new Float64Array(d);
  const sumD2 = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const base = i * d;
    for (let j = 0; j < d; j++) {
      const dev = data[base + j]! * inv[j]! - mu[j]!;
      sumD[j]! += dev;
      sumD2[j]! += dev * dev;
    }
  }

  const mean = new Float64Array(d);
  const scale = new Float64Array(d).fill(1);
  for (let j = 0; j < d; j++) {
    if (constant[j] === 1) {
      mean[j] = data[j]! + 0; // exact, and −0 becomes +0
      continue;
    }
    const s = sumD[j]!;
    const mj = mu[j]! + s / n;
    let v = (sumD2[j]! - (s * s) / n) / n;
    if (v < 0) v = 0;
    mean[j] = mj / inv[j]!;
    if (withStd && v > n * EPS * v + (n * mj * EPS) ** 2) {
      // Deep in the subnormal range a standard deviation keeps too few bits to divide by (a
      // column of 0s and one −1e-323 would become [1, 1, −1], not mean 0): below MIN_SCALE it
      // counts as zero, like a constant column's.
      const sd = Math.sqrt(v) / inv[j]!;
      if (sd >= MIN_SCALE) scale[j] = sd;
    }
  }
  return { kind: 'standardize', version: 1, mean, scale, withMean, withStd };
}
