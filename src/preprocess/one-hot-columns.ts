/**
 * One-hot encoding of several categorical columns at once, as scikit-learn's `OneHotEncoder`
 * on a 2-D input.
 */
import { LatentError, describe } from '../core/errors.js';
import { asMatrix64, type Matrix64, type MatrixLike } from '../core/matrix.js';
import { assertModel, assertOneOf, assertAllocatable } from '../core/validate.js';
import { type Category, categoryIndex, checkValues, isCategory, learnCategories } from './category.js';

import { readOptions, type OptionKeys } from '../core/options.js';

/** Options of {@link oneHotColumns}. */
export interface OneHotColumnsOptions {
  /**
   * Order of each column's learned categories: `'sorted'` (as scikit-learn) or `'appearance'`
   * (first-seen). See {@link OneHotOptions}.
   * @defaultValue 'sorted'
   */
  order?: 'sorted' | 'appearance';
  /**
   * The categories of every column, in column order (one list per input column; each must
   * be distinct), instead of learning them.
   * @defaultValue undefined (learned from `rows`)
   */
  categories?: readonly (readonly Category[])[];
  /**
   * What a value outside its column's categories does: `'error'` throws `E_RANGE`; `'ignore'`
   * leaves that column's block all zeros.
   * @defaultValue 'error'
   */
  handleUnknown?: 'error' | 'ignore';
}

const ONE_HOT_COLUMNS_KEYS: OptionKeys<OneHotColumnsOptions> = { order: true, categories: true, handleUnknown: true };

/**
 * A fitted multi-column one-hot encoder: plain data (survives `structuredClone` and
 * `serialize`). Encode new rows with {@link oneHotColumnsTransform}, decode with
 * {@link oneHotColumnsDecode}.
 */
export interface OneHotColumnsModel {
  /** Model tag. */
  kind: 'oneHotColumns';
  /** Layout version. */
  version: 1;
  /**
   * `categories[c]` are input column c's categories; the output has one block per input
   * column, in order, and block c's column j stands for `categories[c][j]`.
   */
  categories: Category[][];
  /** What unknown values do at transform time. */
  handleUnknown: 'error' | 'ignore';
}

/** Result of {@link oneHotColumns}: the fitted model plus the encoding. */
export interface OneHotColumnsResult extends OneHotColumnsModel {
  /** n × Σ kᶜ indicator matrix: one block of kᶜ columns per input column, a single 1 per block. */
  data: Matrix64;
}

/** Checks `rows` is an n × m table of categories; returns [n, m]. */
function checkRows(fn: string, rows: unknown): [number, number] {
  const n = checkValues(fn, 'rows', rows);
  const r = rows as ArrayLike<unknown>;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const ri = r[i];
    if (typeof ri !== 'object' || ri === null || typeof (ri as ArrayLike<unknown>).length !== 'number') {
      throw new LatentError('E_TYPE', `${fn}: rows must be an array of rows (arrays of categories), got ${describe(ri)} at row ${i}`);
    }
    const len = (ri as ArrayLike<unknown>).length;
    if (i === 0) m = len;
    else if (len !== m) throw new LatentError('E_SHAPE', `${fn}: rows must have equal length ${m}, got length ${len} at row ${i}`);
    for (let c = 0; c < len; c++) {
      const v = (ri as ArrayLike<unknown>)[c];
      if (!isCategory(v)) {
        throw new LatentError('E_TYPE', `${fn}: rows must hold strings, numbers, booleans or null, got ${describe(v)} at row ${i}, column ${c}`);
      }
    }
  }
  return [n, m];
}

function column(rows: ArrayLike<ArrayLike<Category>>, n: number, c: number): Category[] {
  const out = new Array<Category>(n);
  for (let i = 0; i < n; i++) out[i] = rows[i]![c]!;
  return out;
}

function encode(fn: string, model: OneHotColumnsModel, indexes: Map<Category, number>[], rows: ArrayLike<ArrayLike<Category>>): Matrix64 {
  const [n, m] = checkRows(fn, rows);
  const blocks = model.categories.length;
  if (n > 0 && m !== blocks) throw new LatentError('E_SHAPE', `${fn}: rows must have the model's ${blocks} columns, got ${m}`);
  const offsets = new Int32Array(blocks + 1);
  for (let c = 0; c < blocks; c++) offsets[c + 1] = offsets[c]! + model.categories[c]!.length;
  const width = offsets[blocks]!;
  assertAllocatable(fn, `the ${n} × ${width} one-hot matrix`, n * width);
  const data = new Float64Array(n * width);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    for (let c = 0; c < blocks; c++) {
      const v = r[c]!;
      const j = indexes[c]!.get(v);
      if (j === undefined) {
        if (model.handleUnknown === 'ignore') continue;
        throw new LatentError('E_RANGE', `${fn}: column ${c} must be among the model's ${model.categories[c]!.length} categories, got unknown category ${describe(v)} at row ${i}`);
      }
      data[i * width + offsets[c]! + j] = 1;
    }
  }
  return { rows: n, cols: width, data };
}

function checkModel(fn: string, model: OneHotColumnsModel): Map<Category, number>[] {
  assertModel(fn, model, 'oneHotColumns');
  if (!Array.isArray(model.categories)) throw new LatentError('E_MODEL', `${fn}: model.categories must be an array of category lists, got ${describe(model.categories)}`);
  if (model.handleUnknown !== 'error' && model.handleUnknown !== 'ignore') {
    throw new LatentError('E_MODEL', `${fn}: model.handleUnknown must be 'error' or 'ignore', got ${describe(model.handleUnknown)}`);
  }
  return model.categories.map((cats, c) => categoryIndex(fn, `model.categories[${c}]`, cats, 'E_MODEL'));
}

/**
 * One-hot encodes every column of a table of categories (scikit-learn's `OneHotEncoder` on a
 * 2-D input): column c becomes a block of one indicator column per category of column c, and
 * the blocks are placed side by side. Each column's categories are learned as by {@link oneHot}
 * (any primitives, SameValueZero matching, sorted unless `order: 'appearance'`) or given.
 * O(n·m) lookups, O(n·Σkᶜ) output.
 *
 * @param rows - n rows of m categorical values each
 * @param options - {@link OneHotColumnsOptions}
 * @returns `{ data, categories, ... }`: the n × Σkᶜ encoding and the model
 * @throws LatentError `E_TYPE` (not a table of strings, numbers, booleans or null), `E_SHAPE`
 * (ragged rows, or explicit categories for the wrong number of columns), `E_OPTION` (bad
 * option, duplicate explicit categories), `E_RANGE` (a value outside explicit categories with
 * `handleUnknown: 'error'`)
 * @example
 * ```ts
 * const { data, categories } = oneHotColumns([['red', 'S'], ['blue', 'M'], ['red', 'M']]);
 * categories; // [['blue', 'red'], ['M', 'S']]
 * data.data;  // Float64Array [0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0]
 * ```
 * @see sklearn.preprocessing.OneHotEncoder
 */
export function oneHotColumns(rows: ArrayLike<ArrayLike<Category>>, options?: OneHotColumnsOptions): OneHotColumnsResult {
  const fn = 'oneHotColumns';
  const opts = readOptions(fn, options, ONE_HOT_COLUMNS_KEYS);
  const order = assertOneOf(fn, 'order', opts.order ?? 'sorted', ['sorted', 'appearance'] as const);
  const handleUnknown = assertOneOf(fn, 'handleUnknown', opts.handleUnknown ?? 'error', ['error', 'ignore'] as const);
  const [n, m] = checkRows(fn, rows);
  const explicit = opts.categories;
  if (explicit !== undefined) {
    if (!Array.isArray(explicit)) throw new LatentError('E_OPTION', `${fn}: categories must be an array of category lists, got ${describe(explicit)}`);
    if (n > 0 && explicit.length !== m) throw new LatentError('E_SHAPE', `${fn}: categories must have one list per column (${m}), got ${explicit.length}`);
  }
  const blocks = explicit !== undefined ? explicit.length : m;
  const categories: Category[][] = [];
  for (let c = 0; c < blocks; c++) {
    categories.push(learnCategories(fn, `column ${c}`, 'row', column(rows, n, c), order, explicit?.[c], `categories[${c}]`, handleUnknown));
  }
  const model: OneHotColumnsModel = { kind: 'oneHotColumns', version: 1, categories, handleUnknown };
  const indexes = categories.map((cats) => {
    const index = new Map<Category, number>();
    cats.forEach((v, j) => index.set(v, j));
    return index;
  });
  return { ...model, data: encode(fn, model, indexes, rows) };
}

/**
 * Encodes new rows with a fitted multi-column model (scikit-learn's `OneHotEncoder.transform`).
 * A value outside its column's categories throws `E_RANGE`, or leaves that block all zeros
 * when the model has `handleUnknown: 'ignore'`. O(n·Σkᶜ).
 *
 * @param model - a {@link OneHotColumnsModel} (from {@link oneHotColumns})
 * @param rows - n rows of m categorical values, m = the model's column count
 * @returns the n × Σkᶜ indicator Matrix
 * @throws LatentError `E_MODEL` (wrong kind/version, corrupt categories), `E_TYPE`/`E_SHAPE`
 * (bad rows), `E_RANGE` (unknown category with `handleUnknown: 'error'`)
 * @example
 * ```ts
 * const model = oneHotColumns([['red', 'S'], ['blue', 'M']]);
 * oneHotColumnsTransform(model, [['blue', 'S']]).data; // Float64Array [1, 0, 0, 1]
 * ```
 * @see sklearn.preprocessing.OneHotEncoder.transform
 */
export function oneHotColumnsTransform(model: OneHotColumnsModel, rows: ArrayLike<ArrayLike<Category>>): Matrix64 {
  const fn = 'oneHotColumnsTransform';
  return encode(fn, model, checkModel(fn, model), rows);
}

/**
 * Decodes encoded rows back to a table of categories: within each column's block the largest
 * entry wins (the first on ties), and an all-zero block (an ignored unknown) decodes to
 * `undefined` (scikit-learn's `OneHotEncoder.inverse_transform`). O(n·Σkᶜ).
 *
 * @param model - a {@link OneHotColumnsModel}
 * @param X - n × Σkᶜ rows
 * @returns n rows of m categories (`undefined` for all-zero blocks)
 * @throws LatentError `E_MODEL`, `E_SHAPE` (width differs), `E_NOT_FINITE`/`E_TYPE` (bad `X`)
 * @example
 * ```ts
 * const model = oneHotColumns([['red', 'S'], ['blue', 'M']]);
 * oneHotColumnsDecode(model, [[1, 0, 0, 1], [0, 0, 1, 0]]); // [['blue', 'S'], [undefined, 'M']]
 * ```
 * @see sklearn.preprocessing.OneHotEncoder.inverse_transform
 */
export function oneHotColumnsDecode(model: OneHotColumnsModel, X: MatrixLike): (Category | undefined)[][] {
  const fn = 'oneHotColumnsDecode';
  checkModel(fn, model);
  const m = asMatrix64(X, fn, 'X');
  const blocks = model.categories.length;
  let width = 0;
  for (const cats of model.categories) width += cats.length;
  if (m.cols !== width && m.rows > 0) throw new LatentError('E_SHAPE', `${fn}: X columns must equal the model's ${width} indicator columns, got ${m.cols}`);
  const out: (Category | undefined)[][] = [];
  for (let i = 0; i < m.rows; i++) {
    const decoded = new Array<Category | undefined>(blocks);
    let off = i * width;
    for (let c = 0; c < blocks; c++) {
      const cats = model.categories[c]!;
      let best = -1;
      let bestValue = -Infinity;
      let allZero = true;
      for (let j = 0; j < cats.length; j++) {
        const v = m.data[off + j]!;
        if (v !== 0) allZero = false;
        if (v > bestValue) {
          bestValue = v;
          best = j;
        }
      }
      decoded[c] = allZero || best < 0 ? undefined : cats[best];
      off += cats.length;
    }
    out.push(decoded);
  }
  return out;
}
