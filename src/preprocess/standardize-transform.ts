/**
 * Applying a fitted standardization to new data, and undoing it.
 */
import { LatentError, describe } from '../core/errors.js';
import { asMatrix64, type Matrix64, type MatrixLike } from '../core/matrix.js';
import { assertModel } from '../core/validate.js';
import { checkWidth, throwOverflow } from './checks.js';
import { pow2Inverse } from './pow2.js';
import type { StandardizeModel } from './standardize-model.js';

/** Checks a standardize model's fields; returns the column count. */
function checkModel(fn: string, model: StandardizeModel): number {
  assertModel(fn, model, 'standardize');
  const { mean, scale, withMean, withStd } = model;
  if (!(mean instanceof Float64Array) || !(scale instanceof Float64Array) || mean.length !== scale.length) {
    throw new LatentError('E_MODEL', `${fn}: model.mean and model.scale must be Float64Arrays of equal length, got ${describe(mean)} and ${describe(scale)}`);
  }
  if (typeof withMean !== 'boolean' || typeof withStd !== 'boolean') {
    throw new LatentError('E_MODEL', `${fn}: model.withMean and model.withStd must be booleans, got ${describe(withMean)} and ${describe(withStd)}`);
  }
  for (let j = 0; j < mean.length; j++) {
    const s = scale[j]!;
    if (!Number.isFinite(mean[j]!) || !(s > 0) || s === Infinity) {
      throw new LatentError('E_MODEL', `${fn}: model.mean must be finite and model.scale positive and finite, got mean ${describe(mean[j])}, scale ${describe(s)} at column ${j}`);
    }
  }
  return mean.length;
}

/**
 * The kernel shared by {@link standardize} and {@link standardizeTransform}:
 * `(x − mean) / scale`, evaluated on columns rescaled by a power of two (bit-identical to the
 * plain formula, but free of spurious overflow). O(n·d).
 */
export function applyStandardize(fn: string, model: StandardizeModel, m: Matrix64): Matrix64 {
  const d = model.mean.length;
  const { rows: n, data } = m;
  const k = new Float64Array(d);
  const off = new Float64Array(d);
  const den = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const s = model.withStd ? model.scale[j]! : 1;
    const kj = pow2Inverse(s);
    k[j] = kj;
    off[j] = model.withMean ? model.mean[j]! * kj : 0;
    den[j] = s * kj;
  }
  const out = new Float64Array(n * d);
  let check = 0;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    for (let j = 0; j < d; j++) {
      const v = (data[base + j]! * k[j]! - off[j]!) / den[j]!;
      out[base + j] = v;
      check += v - v;
    }
  }
  if (check !== 0) throwOverflow(fn, 'X', out, d);
  return { rows: n, cols: d, data: out };
}

/**
 * Standardizes new data with a fitted model: `(x − mean) / scale` per column (scikit-learn's
 * `StandardScaler.transform`). O(n·d). `X` is not modified.
 *
 * @param model - a {@link StandardizeModel} (from {@link standardizeFit} or {@link standardize})
 * @param X - n × d data, d = the model's column count
 * @returns the standardized n × d Matrix
 * @throws LatentError `E_MODEL` (wrong kind/version or corrupt fields), `E_SHAPE` (width differs),
 * `E_NOT_FINITE`/`E_TYPE` (bad `X`), `E_RANGE` (a value so far from the fitted data that the result overflows)
 * @example
 * ```ts
 * const model = standardizeFit([[1], [2], [3]]);
 * standardizeTransform(model, [[4]]).data; // Float64Array [2.449489742783178]
 * ```
 * @see sklearn.preprocessing.StandardScaler.transform
 */
export function standardizeTransform(model: StandardizeModel, X: MatrixLike): Matrix64 {
  const fn = 'standardizeTransform';
  const d = checkModel(fn, model);
  const m = asMatrix64(X, fn, 'X');
  checkWidth(fn, 'X', m, d);
  return applyStandardize(fn, model, m);
}

/**
 * Maps standardized values back to the original units: `z · scale + mean` (scikit-learn's
 * `StandardScaler.inverse_transform`). Round-trips {@link standardizeTransform} to within
 * rounding. O(n·d). `Z` is not modified.
 *
 * @param model - a {@link StandardizeModel}
 * @param Z - n × d standardized values
 * @returns the n × d Matrix in the original units
 * @throws LatentError `E_MODEL`, `E_SHAPE` (width differs), `E_NOT_FINITE`/`E_TYPE` (bad `Z`),
 * `E_RANGE` (the result overflows)
 * @example
 * ```ts
 * const model = standardizeFit([[1], [2], [3]]);
 * standardizeInverseTransform(model, [[2.449489742783178]]).data; // Float64Array [4]
 * ```
 * @see sklearn.preprocessing.StandardScaler.inverse_transform
 */
export function standardizeInverseTransform(model: StandardizeModel, Z: MatrixLike): Matrix64 {
  const fn = 'standardizeInverseTransform';
  const d = checkModel(fn, model);
  const m = asMatrix64(Z, fn, 'Z');
  checkWidth(fn, 'Z', m, d);
  const { rows: n, data } = m;
  const k = new Float64Array(d);
  const mul = new Float64Array(d);
  const add = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const s = model.withStd ? model.scale[j]! : 1;
    const mu = model.withMean ? model.mean[j]! : 0;
    const kj = pow2Inverse(Math.max(s, Math.abs(mu)));
    k[j] = kj;
    mul[j] = s * kj;
    add[j] = mu * kj;
  }
  const out = new Float64Array(n * d);
  let check = 0;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    for (let j = 0; j < d; j++) {
      const v = (data[base + j]! * mul[j]! + add[j]!) / k[j]!;
      out[base + j] = v;
      check += v - v;
    }
  }
  if (check !== 0) throwOverflow(fn, 'Z', out, d);
  return { rows: n, cols: d, data: out };
}
