/**
 * Applying a fitted min-max scaling to new data, and undoing it.
 */
import { LatentError, describe } from '../core/errors.js';
import { asMatrix64, type Matrix64, type MatrixLike } from '../core/matrix.js';
import { assertModel } from '../core/validate.js';
import type { MinMaxScaleModel } from './min-max-scale-model.js';
import { checkWidth, throwOverflow } from './checks.js';
import { pow2Inverse } from './pow2.js';

/** Checks a min-max model's fields; returns the column count. */
function checkModel(fn: string, model: MinMaxScaleModel): number {
  assertModel(fn, model, 'minMaxScale');
  const { min, max, featureRange, clip } = model;
  if (!(min instanceof Float64Array) || !(max instanceof Float64Array) || min.length !== max.length) {
    throw new LatentError('E_MODEL', `${fn}: model.min and model.max must be Float64Arrays of equal length, got ${describe(min)} and ${describe(max)}`);
  }
  for (let j = 0; j < min.length; j++) {
    if (!Number.isFinite(min[j]!) || !Number.isFinite(max[j]!) || !(min[j]! <= max[j]!)) {
      throw new LatentError('E_MODEL', `${fn}: model.min and model.max must be finite with min <= max, got [${describe(min[j])}, ${describe(max[j])}] at column ${j}`);
    }
  }
  const lo = Array.isArray(featureRange) ? (featureRange[0] as unknown) : undefined;
  const hi = Array.isArray(featureRange) ? (featureRange[1] as unknown) : undefined;
  if (typeof lo !== 'number' || typeof hi !== 'number' || !Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) {
    throw new LatentError('E_MODEL', `${fn}: model.featureRange must be [lo, hi] with finite lo < hi, got ${describe(featureRange)}`);
  }
  if (typeof clip !== 'boolean') throw new LatentError('E_MODEL', `${fn}: model.clip must be a boolean, got ${describe(clip)}`);
  return min.length;
}

/**
 * The kernel shared by {@link minMaxScale} and {@link minMaxScaleTransform}:
 * `t = (x − min) / (max − min)` (`x − min` for a constant column, whose range counts as 1 as in
 * scikit-learn's `MinMaxScaler.transform`: fitted values map to `lo`), optionally clamped to [0, 1], then
 * `(1 − t)·lo + t·hi`. O(n·d).
 */
export function applyMinMaxScale(fn: string, model: MinMaxScaleModel, m: Matrix64): Matrix64 {
  const d = model.min.length;
  const { rows: n, data } = m;
  const [lo, hi] = model.featureRange;
  const clip = model.clip;
  const k = new Float64Array(d);
  const off = new Float64Array(d);
  const width = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const a = model.min[j]!;
    const b = model.max[j]!;
    const kj = pow2Inverse(Math.max(Math.abs(a), Math.abs(b)));
    k[j] = kj;
    off[j] = a * kj;
    // A constant column has no range: as scikit-learn (`_handle_zeros_in_scale`) its range counts
    // as 1, so fitted values map to lo and a new value x to lo + (x − min)·(hi − lo).
    width[j] = b > a ? b * kj - a * kj : kj;
  }
  const out = new Float64Array(n * d);
  let check = 0;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    for (let j = 0; j < d; j++) {
      let t = (data[base + j]! * k[j]! - off[j]!) / width[j]!;
      if (clip) t = t < 0 ? 0 : t > 1 ? 1 : t;
      let v = (1 - t) * lo + t * hi;
      // A rounded convex combination can step an ulp outside [lo, hi]: keep fitted data inside.
      if (t >= 0 && t <= 1) v = v < lo ? lo : v > hi ? hi : v;
      out[base + j] = v;
      check += v - v;
    }
  }
  if (check !== 0) throwOverflow(fn, 'X', out, d);
  return { rows: n, cols: d, data: out };
}

/**
 * Scales new data with a fitted model (scikit-learn's `MinMaxScaler.transform`). Values outside
 * the fitted [min, max] map outside `featureRange` unless the model was fitted with
 * `clip: true`; a column that was constant during the fit maps its fitted value to `lo` and a new
 * value x to `lo + (x − min)·(hi − lo)`, as scikit-learn's `MinMaxScaler.transform`. O(n·d).
 *
 * @param model - a {@link MinMaxScaleModel} (from {@link minMaxScaleFit} or {@link minMaxScale})
 * @param X - n × d data, d = the model's column count
 * @returns the scaled n × d Matrix
 * @throws LatentError `E_MODEL` (wrong kind/version or corrupt fields), `E_SHAPE` (width differs),
 * `E_NOT_FINITE`/`E_TYPE` (bad `X`), `E_RANGE` (the result overflows)
 * @example
 * ```ts
 * const model = minMaxScaleFit([[0], [10]]);
 * minMaxScaleTransform(model, [[5], [20]]).data; // Float64Array [0.5, 2]
 * ```
 * @see sklearn.preprocessing.MinMaxScaler.transform
 */
export function minMaxScaleTransform(model: MinMaxScaleModel, X: MatrixLike): Matrix64 {
  const fn = 'minMaxScaleTransform';
  const d = checkModel(fn, model);
  const m = asMatrix64(X, fn, 'X');
  checkWidth(fn, 'X', m, d);
  return applyMinMaxScale(fn, model, m);
}

/**
 * Maps scaled values back to the original units (scikit-learn's
 * `MinMaxScaler.inverse_transform`): `u = (y − lo) / (hi − lo)`, then `(1 − u)·min + u·max`.
 * Round-trips {@link minMaxScaleTransform} to within rounding (clipped values come back as
 * the column's min or max). O(n·d).
 *
 * @param model - a {@link MinMaxScaleModel}
 * @param Y - n × d scaled values
 * @returns the n × d Matrix in the original units
 * @throws LatentError `E_MODEL`, `E_SHAPE` (width differs), `E_NOT_FINITE`/`E_TYPE` (bad `Y`),
 * `E_RANGE` (the result overflows)
 * @example
 * ```ts
 * const model = minMaxScaleFit([[0], [10]]);
 * minMaxScaleInverseTransform(model, [[0.5], [2]]).data; // Float64Array [5, 20]
 * ```
 * @see sklearn.preprocessing.MinMaxScaler.inverse_transform
 */
export function minMaxScaleInverseTransform(model: MinMaxScaleModel, Y: MatrixLike): Matrix64 {
  const fn = 'minMaxScaleInverseTransform';
  const d = checkModel(fn, model);
  const m = asMatrix64(Y, fn, 'Y');
  checkWidth(fn, 'Y', m, d);
  const { rows: n, data } = m;
  const [lo, hi] = model.featureRange;
  const k = pow2Inverse(Math.max(Math.abs(lo), Math.abs(hi)));
  const off = lo * k;
  const width = hi * k - lo * k;
  const out = new Float64Array(n * d);
  let check = 0;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    for (let j = 0; j < d; j++) {
      const u = (data[base + j]! * k - off) / width;
      const a = model.min[j]!;
      const b = model.max[j]!;
      // Constant column: the inverse of lo + (x − min)·(hi − lo), i.e. min + u (range 1).
      const v = b > a ? (1 - u) * a + u * b : a + u;
      out[base + j] = v;
      check += v - v;
    }
  }
  if (check !== 0) throwOverflow(fn, 'Y', out, d);
  return { rows: n, cols: d, data: out };
}
