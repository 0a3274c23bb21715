/**
 * Min-max scaling: map every column linearly onto a fixed interval, as scikit-learn's
 * `MinMaxScaler`.
 */
import { LatentError, describe } from '../core/errors.js';
import { asMatrix64, type Matrix64, type MatrixLike } from '../core/matrix.js';
import { assertNumber } from '../core/validate.js';
import { applyMinMaxScale } from './min-max-scale-transform.js';
import { booleanOption, readOptions, type OptionKeys } from '../core/options.js';
import type { MinMaxScaleModel } from './min-max-scale-model.js';

/** Options of {@link minMaxScale} and {@link minMaxScaleFit}. */
export interface MinMaxScaleOptions {
  /**
   * The interval `[lo, hi]` (lo < hi, both finite) the column minimum and maximum map to.
   * @defaultValue [0, 1]
   */
  featureRange?: readonly [number, number];
  /**
   * Clamp transformed values of new data to `featureRange` (values outside the fitted
   * minimum and maximum otherwise map outside it).
   * @defaultValue false
   */
  clip?: boolean;
}

const MIN_MAX_SCALE_KEYS: OptionKeys<MinMaxScaleOptions> = { featureRange: true, clip: true };


/** Result of {@link minMaxScale}: the fitted model plus the scaled data. */
export interface MinMaxScaleResult extends MinMaxScaleModel {
  /** The scaled copy of `X` (n × d). */
  data: Matrix64;
}

/**
 * Learns column minima and maxima without transforming (scikit-learn's `MinMaxScaler.fit`).
 * O(n·d).
 *
 * @param X - n × d data (`number[][]`, `Float64Array[]` or a Matrix), n ≥ 1, finite
 * @param options - {@link MinMaxScaleOptions}
 * @returns a {@link MinMaxScaleModel}
 * @throws LatentError `E_TYPE`/`E_SHAPE`/`E_NOT_FINITE` for a bad `X`, `E_SHAPE` for zero rows,
 * `E_TYPE`/`E_NOT_FINITE`/`E_RANGE` for a bad `featureRange`, `E_TYPE` for a non-boolean `clip`
 * @example
 * ```ts
 * const model = minMaxScaleFit([[1, 5], [3, 5], [2, 5]]);
 * model.min; // Float64Array [1, 5]
 * model.max; // Float64Array [3, 5]
 * ```
 * @see sklearn.preprocessing.MinMaxScaler
 */
export function minMaxScaleFit(X: MatrixLike, options?: MinMaxScaleOptions): MinMaxScaleModel {
  return fit('minMaxScaleFit', asMatrix64(X, 'minMaxScaleFit', 'X'), options);
}

/**
 * Scales every column linearly so its minimum maps to `lo` and its maximum to `hi`
 * (default [0, 1]), as scikit-learn's `MinMaxScaler().fit_transform(X)`. A constant column
 * maps to `lo` (0 by default). The endpoints are exact: the minimum gives exactly `lo`, the
 * maximum exactly `hi` (the value is computed as `(1 − t)·lo + t·hi` with
 * `t = (x − min) / (max − min)`, on columns rescaled by a power of two so no intermediate
 * overflows). The result carries the model for {@link minMaxScaleTransform}. O(n·d).
 *
 * @param X - n × d data (`number[][]`, `Float64Array[]` or a Matrix), n ≥ 1, finite
 * @param options - {@link MinMaxScaleOptions}
 * @returns `{ data, min, max, featureRange, ... }`: the scaled copy and the model
 * @throws LatentError `E_TYPE`/`E_SHAPE`/`E_NOT_FINITE` for a bad `X`, `E_SHAPE` for zero rows,
 * `E_TYPE`/`E_NOT_FINITE`/`E_RANGE` for a bad `featureRange`, `E_TYPE` for a non-boolean `clip`
 * @example
 * ```ts
 * minMaxScale([[1, 5], [3, 5], [2, 5]]).data.data; // Float64Array [0, 0, 1, 0, 0.5, 0]
 * minMaxScale([[1], [3]], { featureRange: [-1, 1] }).data.data; // Float64Array [-1, 1]
 * ```
 * @see sklearn.preprocessing.MinMaxScaler
 */
export function minMaxScale(X: MatrixLike, options?: MinMaxScaleOptions): MinMaxScaleResult {
  const m = asMatrix64(X, 'minMaxScale', 'X');
  const model = fit('minMaxScale', m, options);
  return { ...model, data: applyMinMaxScale('minMaxScale', model, m) };
}

function fit(fn: string, m: Matrix64, options: MinMaxScaleOptions | undefined): MinMaxScaleModel {
  const opts = readOptions(fn, options, MIN_MAX_SCALE_KEYS);
  const range = opts.featureRange ?? [0, 1];
  if (typeof range !== 'object' || range === null || range.length !== 2) {
    throw new LatentError('E_TYPE', `${fn}: featureRange must be a pair [lo, hi], got ${describe(range)}`);
  }
  const lo = assertNumber(fn, 'featureRange[0]', range[0]);
  const hi = assertNumber(fn, 'featureRange[1]', range[1]);
  if (!(lo < hi)) throw new LatentError('E_RANGE', `${fn}: featureRange must have lo < hi, got [${lo}, ${hi}]`);
  const clip = booleanOption(fn, 'clip', opts.clip, false);
  const { rows: n, cols: d, data } = m;
  if (n < 1) throw new LatentError('E_SHAPE', `${fn}: X must have at least 1 row, got 0`);
  const min = data.slice(0, d);
  const max = data.slice(0, d);
  for (let i = 1; i < n; i++) {
    const base = i * d;
    for (let j = 0; j < d; j++) {
      const v = data[base + j]!;
      if (v < min[j]!) min[j] = v;
      else if (v > max[j]!) max[j] = v;
    }
  }
  for (let j = 0; j < d; j++) {
    // −0 and +0 compare equal; store +0 so the model prints and serializes plainly.
    min[j] = min[j]! + 0;
    max[j] = max[j]! + 0;
  }
  return { kind: 'minMaxScale', version: 1, min, max, featureRange: [lo, hi], clip };
}
