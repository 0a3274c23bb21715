/**
 * Encoding new values with a fitted one-hot model, and decoding indicator rows back to categories.
 */
import { LatentError, describe } from '../core/errors.js';
import { asMatrix64, type Matrix64, type MatrixLike } from '../core/matrix.js';
import { assertModel, assertAllocatable } from '../core/validate.js';
import { type Category, categoryIndex, checkCategory, checkValues } from './category.js';
import type { OneHotModel } from './one-hot-model.js';

/** Validates a one-hot model and returns its category lookup. */
function checkModel(fn: string, model: OneHotModel): Map<Category, number> {
  assertModel(fn, model, 'oneHot');
  const index = categoryIndex(fn, 'model.categories', model.categories, 'E_MODEL');
  if (model.handleUnknown !== 'error' && model.handleUnknown !== 'ignore') {
    throw new LatentError('E_MODEL', `${fn}: model.handleUnknown must be 'error' or 'ignore', got ${describe(model.handleUnknown)}`);
  }
  return index;
}

/**
 * The kernel shared by {@link oneHot} and {@link oneHotTransform}: an n × k indicator matrix.
 * O(n·k) memory, O(n) lookups.
 */
export function encodeOneHot(fn: string, model: OneHotModel, index: Map<Category, number>, values: ArrayLike<Category>): Matrix64 {
  const n = checkValues(fn, 'values', values);
  const k = model.categories.length;
  assertAllocatable(fn, `the ${n} × ${k} one-hot matrix`, n * k);
  const data = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const v = checkCategory(fn, 'values', values[i], i);
    const j = index.get(v);
    if (j === undefined) {
      if (model.handleUnknown === 'ignore') continue;
      throw new LatentError('E_RANGE', `${fn}: values must be among the model's ${k} categories, got unknown category ${describe(v)} at index ${i}`);
    }
    data[i * k + j] = 1;
  }
  return { rows: n, cols: k, data };
}

/**
 * Encodes new values with a fitted model's categories (scikit-learn's
 * `OneHotEncoder.transform`). A value outside the categories throws `E_RANGE`, or becomes an
 * all-zero row when the model has `handleUnknown: 'ignore'`. O(n·k).
 *
 * @param model - a {@link OneHotModel} (from {@link oneHotFit} or {@link oneHot})
 * @param values - n categorical values
 * @returns the n × k indicator Matrix
 * @throws LatentError `E_MODEL` (wrong kind/version, corrupt categories), `E_TYPE` (bad values),
 * `E_RANGE` (unknown category with `handleUnknown: 'error'`)
 * @example
 * ```ts
 * const model = oneHotFit(['a', 'b'], { handleUnknown: 'ignore' });
 * oneHotTransform(model, ['b', 'z']).data; // Float64Array [0, 1, 0, 0]
 * ```
 * @see sklearn.preprocessing.OneHotEncoder.transform
 */
export function oneHotTransform(model: OneHotModel, values: ArrayLike<Category>): Matrix64 {
  const fn = 'oneHotTransform';
  return encodeOneHot(fn, model, checkModel(fn, model), values);
}

/**
 * Decodes rows back to categories: each row gives the category of its largest entry (the first
 * on ties), so both exact one-hot rows and scores such as class probabilities decode; an
 * all-zero row (an ignored unknown) decodes to `undefined`. The inverse of
 * {@link oneHotTransform} (scikit-learn's `OneHotEncoder.inverse_transform`). O(n·k).
 *
 * @param model - a {@link OneHotModel}
 * @param X - n × k rows, k = the number of categories
 * @returns n categories (`undefined` for all-zero rows)
 * @throws LatentError `E_MODEL` (wrong kind/version, corrupt categories), `E_SHAPE` (width
 * differs), `E_NOT_FINITE`/`E_TYPE` (bad `X`)
 * @example
 * ```ts
 * const model = oneHotFit(['cat', 'dog', 'cat']);
 * oneHotDecode(model, [[0, 1], [0.9, 0.1], [0, 0]]); // ['dog', 'cat', undefined]
 * ```
 * @see sklearn.preprocessing.OneHotEncoder.inverse_transform
 */
export function oneHotDecode(model: OneHotModel, X: MatrixLike): (Category | undefined)[] {
  const fn = 'oneHotDecode';
  checkModel(fn, model);
  const m = asMatrix64(X, fn, 'X');
  const k = model.categories.length;
  if (m.cols !== k && m.rows > 0) throw new LatentError('E_SHAPE', `${fn}: X columns must equal the model's ${k} categories, got ${m.cols}`);
  const out = new Array<Category | undefined>(m.rows);
  const data = m.data;
  for (let i = 0; i < m.rows; i++) {
    const base = i * k;
    let best = -1;
    let bestValue = -Infinity;
    let allZero = true;
    for (let j = 0; j < k; j++) {
      const v = data[base + j]!;
      if (v !== 0) allZero = false;
      if (v > bestValue) {
        bestValue = v;
        best = j;
      }
    }
    out[i] = allZero || best < 0 ? undefined : model.categories[best];
  }
  return out;
}
