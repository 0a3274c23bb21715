/**
 * One-hot encoding of a categorical feature, as scikit-learn's `OneHotEncoder` for one column.
 */
import type { Matrix64 } from '../core/matrix.js';
import { assertOneOf } from '../core/validate.js';
import { type Category, checkCategory, checkValues, learnCategories } from './category.js';

import { encodeOneHot } from './one-hot-transform.js';
import { readOptions, type OptionKeys } from '../core/options.js';
import type { OneHotModel } from './one-hot-model.js';

/** Options of {@link oneHot} and {@link oneHotFit}. */
export interface OneHotOptions {
  /**
   * Column order of the learned categories: `'sorted'` (as scikit-learn: `null`, `false`,
   * `true`, numbers ascending with `NaN` last, strings by UTF-16 code units) or `'appearance'`
   * (first-seen order). Ignored when `categories` is given.
   * @defaultValue 'sorted'
   */
  order?: 'sorted' | 'appearance';
  /**
   * The categories, in column order, instead of learning them from `values` (e.g. to include
   * categories absent from this sample). Must be distinct.
   * @defaultValue undefined (learned from `values`)
   */
  categories?: readonly Category[];
  /**
   * What a value outside the categories does: `'error'` throws `E_RANGE`; `'ignore'` encodes
   * it as an all-zero row (scikit-learn's `handle_unknown='ignore'`). Applies to fitting with
   * explicit `categories` and to {@link oneHotTransform}.
   * @defaultValue 'error'
   */
  handleUnknown?: 'error' | 'ignore';
}

const ONE_HOT_KEYS: OptionKeys<OneHotOptions> = { order: true, categories: true, handleUnknown: true };


/** Result of {@link oneHot}: the fitted model plus the encoded values. */
export interface OneHotResult extends OneHotModel {
  /** n × k indicator matrix: row i has a 1 in the column of `values[i]`'s category. */
  data: Matrix64;
}

/**
 * Learns the categories of `values` without encoding (scikit-learn's `OneHotEncoder.fit`).
 * O(n + k log k).
 *
 * @param values - n categorical values (strings, numbers, booleans, null; any mix)
 * @param options - {@link OneHotOptions}
 * @returns a {@link OneHotModel}
 * @throws LatentError `E_TYPE` (not an array, or a value that is not a string, number, boolean
 * or null), `E_OPTION` (bad option, duplicate explicit categories), `E_RANGE` (a value outside
 * explicit categories with `handleUnknown: 'error'`)
 * @example
 * ```ts
 * oneHotFit(['b', 'a', 'b']).categories;                          // ['a', 'b']
 * oneHotFit(['b', 'a', 'b'], { order: 'appearance' }).categories; // ['b', 'a']
 * ```
 * @see sklearn.preprocessing.OneHotEncoder
 */
export function oneHotFit(values: ArrayLike<Category>, options?: OneHotOptions): OneHotModel {
  return fit('oneHotFit', values, options);
}

/**
 * One-hot encodes a categorical feature: each distinct value becomes a column, and row i has a
 * single 1 in the column of `values[i]`. Categories may be strings, numbers, booleans or
 * `null` (even mixed; matched by SameValueZero, so `NaN` is one category), ordered as
 * scikit-learn does (sorted) unless `order: 'appearance'`. The result keeps the inverse
 * mapping (`categories[j]` is column j) and is itself a model for {@link oneHotTransform} and
 * {@link oneHotDecode}. O(n·k) for the output, O(n + k log k) work.
 *
 * @param values - n categorical values
 * @param options - {@link OneHotOptions}
 * @returns `{ data, categories, ... }`: the n × k encoding and the model
 * @throws LatentError `E_TYPE` (not an array, or a value that is not a string, number, boolean
 * or null), `E_OPTION` (bad option, duplicate explicit categories), `E_RANGE` (a value outside
 * explicit categories with `handleUnknown: 'error'`)
 * @example
 * ```ts
 * const { data, categories } = oneHot(['red', 'green', 'red', 'blue']);
 * categories; // ['blue', 'green', 'red']
 * data.data;  // Float64Array [0, 0, 1, 0, 1, 0, 0, 0, 1, 1, 0, 0]
 * ```
 * @see sklearn.preprocessing.OneHotEncoder
 */
export function oneHot(values: ArrayLike<Category>, options?: OneHotOptions): OneHotResult {
  const model = fit('oneHot', values, options);
  const index = new Map<Category, number>();
  model.categories.forEach((c, j) => index.set(c, j));
  return { ...model, data: encodeOneHot('oneHot', model, index, values) };
}

function fit(fn: string, values: ArrayLike<Category>, options: OneHotOptions | undefined): OneHotModel {
  const opts = readOptions(fn, options, ONE_HOT_KEYS);
  const order = assertOneOf(fn, 'order', opts.order ?? 'sorted', ['sorted', 'appearance'] as const);
  const handleUnknown = assertOneOf(fn, 'handleUnknown', opts.handleUnknown ?? 'error', ['error', 'ignore'] as const);
  const n = checkValues(fn, 'values', values);
  for (let i = 0; i < n; i++) checkCategory(fn, 'values', values[i], i);
  const categories = learnCategories(fn, 'values', 'index', values, order, opts.categories, 'categories', handleUnknown);
  return { kind: 'oneHot', version: 1, categories, handleUnknown };
}
