/**
 * Categorical values: what counts as a category, how categories are ordered and looked up.
 */
import { LatentError, describe } from '../core/errors.js';

/**
 * A categorical value: any JSON primitive. Lookup is by SameValueZero (as `Map` keys), so
 * `NaN` is one category, `0` and `-0` are the same category, and `1` and `'1'` differ.
 */
export type Category = string | number | boolean | null;

/**
 * Whether `v` is a {@link Category}.
 *
 * @param v - any value
 * @returns true for strings, numbers, booleans and null
 * @example
 * ```ts
 * isCategory('red'); // true
 * isCategory(undefined); // false
 * ```
 */
export function isCategory(v: unknown): v is Category {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function rank(v: Category): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return 1;
  return typeof v === 'number' ? 2 : 3;
}

/**
 * Total order used for `order: 'sorted'`: `null`, then `false`, `true`, then numbers
 * ascending (`NaN` last), then strings by UTF-16 code units (locale-independent). Within one
 * type this is the order of scikit-learn's `OneHotEncoder.categories_` (numpy's sort; numpy
 * compares strings by code point, which differs from code units only beyond U+FFFF). O(1).
 *
 * @param a - first category
 * @param b - second category
 * @returns negative, zero or positive, as for `Array.prototype.sort`
 * @example
 * ```ts
 * ['b', 2, null, 'a', true, 1].sort(compareCategories); // [null, true, 1, 2, 'a', 'b']
 * ```
 * @see sklearn.preprocessing.OneHotEncoder
 */
export function compareCategories(a: Category, b: Category): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') {
    const na = Number.isNaN(a);
    const nb = Number.isNaN(b);
    if (na || nb) return na === nb ? 0 : na ? 1 : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return 0;
}

/**
 * Checks that `values` is an array-like (not a string) and returns its length.
 *
 * @param fn - public function name for the message
 * @param name - argument name for the message
 * @param values - the received values
 * @returns the number of values
 * @throws LatentError `E_TYPE`
 * @example
 * ```ts
 * checkValues('oneHot', 'values', ['a', 'b']); // 2
 * ```
 */
export function checkValues(fn: string, name: string, values: unknown): number {
  if (typeof values !== 'object' || values === null || typeof (values as ArrayLike<unknown>).length !== 'number') {
    throw new LatentError('E_TYPE', `${fn}: ${name} must be an array of strings, numbers, booleans or null, got ${describe(values)}`);
  }
  return (values as ArrayLike<unknown>).length;
}

/**
 * Throws `E_TYPE` naming the index when `v` is not a {@link Category}.
 *
 * @param fn - public function name for the message
 * @param name - argument name for the message
 * @param v - the value
 * @param i - its index
 * @returns `v`, typed as a Category
 * @throws LatentError `E_TYPE`
 * @example
 * ```ts
 * checkCategory('oneHot', 'values', 'a', 0); // 'a'
 * ```
 */
export function checkCategory(fn: string, name: string, v: unknown, i: number): Category {
  if (!isCategory(v)) {
    throw new LatentError('E_TYPE', `${fn}: ${name} must hold strings, numbers, booleans or null, got ${describe(v)} at index ${i}`);
  }
  return v;
}

/**
 * A lookup from category to column index (SameValueZero), rejecting duplicates.
 *
 * @param fn - public function name for the message
 * @param name - argument name for the message
 * @param categories - the categories in column order
 * @param code - error code for a duplicate or a non-category (`E_OPTION` for user options, `E_MODEL` for models)
 * @returns the lookup map
 * @throws LatentError with `code`
 * @example
 * ```ts
 * categoryIndex('oneHot', 'categories', ['a', 'b'], 'E_OPTION').get('b'); // 1
 * ```
 */
export function categoryIndex(fn: string, name: string, categories: unknown, code: 'E_OPTION' | 'E_MODEL'): Map<Category, number> {
  if (!Array.isArray(categories)) throw new LatentError(code, `${fn}: ${name} must be an array of categories, got ${describe(categories)}`);
  const index = new Map<Category, number>();
  for (let i = 0; i < categories.length; i++) {
    const c: unknown = categories[i];
    if (!isCategory(c)) throw new LatentError(code, `${fn}: ${name} must hold strings, numbers, booleans or null, got ${describe(c)} at index ${i}`);
    if (index.has(c)) throw new LatentError(code, `${fn}: ${name} must be distinct, got ${describe(c)} again at index ${i}`);
    index.set(c, i);
  }
  return index;
}

/**
 * Learns the categories of one feature: the explicit list (checked; values outside it throw
 * `E_RANGE` unless `handleUnknown` is `'ignore'`) or the distinct values, sorted with
 * {@link compareCategories} or in first-seen order. `−0` is stored as `0`.
 *
 * @param fn - public function name for messages
 * @param what - what the values are, for messages (e.g. `'values'`, `'column 2'`)
 * @param where - what an index means, for messages (e.g. `'index'`, `'row'`)
 * @param values - the feature's values, already checked to be categories
 * @param order - `'sorted'` or `'appearance'`
 * @param explicit - the explicit categories, or undefined
 * @param explicitName - option name of the explicit list, for messages
 * @param handleUnknown - `'error'` or `'ignore'`
 * @returns the categories in column order
 * @throws LatentError `E_OPTION` (bad explicit list), `E_RANGE` (value outside it)
 * @example
 * ```ts
 * learnCategories('oneHot', 'values', 'index', ['b', 'a'], 'sorted', undefined, 'categories', 'error'); // ['a', 'b']
 * ```
 */
export function learnCategories(
  fn: string,
  what: string,
  where: string,
  values: ArrayLike<Category>,
  order: 'sorted' | 'appearance',
  explicit: unknown,
  explicitName: string,
  handleUnknown: 'error' | 'ignore',
): Category[] {
  const n = values.length;
  if (explicit !== undefined) {
    const index = categoryIndex(fn, explicitName, explicit, 'E_OPTION');
    const categories = Array.from(index.keys(), (c) => (c === 0 ? 0 : c)); // −0 → 0
    if (handleUnknown === 'error') {
      for (let i = 0; i < n; i++) {
        const v = values[i]!;
        if (!index.has(v)) throw new LatentError('E_RANGE', `${fn}: ${what} must be among the ${categories.length} given categories, got ${describe(v)} at ${where} ${i}`);
      }
    }
    return categories;
  }
  const seen = new Set<Category>();
  const categories: Category[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!seen.has(v)) {
      seen.add(v);
      categories.push(v === 0 ? 0 : v);
    }
  }
  if (order === 'sorted') categories.sort(compareCategories);
  return categories;
}
