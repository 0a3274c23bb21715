import { describe, expect, it } from 'vitest';
import { toRows } from '../../src/core/matrix.js';
import { deserialize, serialize } from '../../src/core/serialize.js';
import { oneHot, oneHotDecode, oneHotFit, oneHotTransform } from '../../src/preprocess/index.js';
import { compareCategories } from '../../src/preprocess/category.js';
import type { Category, OneHotModel } from '../../src/preprocess/index.js';
import { expectLatentError } from '../helpers/latent-error.js';

describe('oneHot', () => {
  it('gives the documented example (sorted categories, one 1 per row)', () => {
    const res = oneHot(['red', 'green', 'red', 'blue']);
    expect(res.categories).toEqual(['blue', 'green', 'red']);
    expect(toRows(res.data)).toEqual([
      [0, 0, 1],
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
    ]);
    expect([res.kind, res.version, res.handleUnknown]).toEqual(['oneHot', 1, 'error']);
  });

  it('sorts like scikit-learn within a type and orders mixed types null < booleans < numbers < strings', () => {
    expect(oneHot([10, 2, -1, 2, 1.5]).categories).toEqual([-1, 1.5, 2, 10]);
    expect(oneHot(['b', 'B', 'a', 'é', 'Z']).categories).toEqual(['B', 'Z', 'a', 'b', 'é']);
    expect(oneHot([true, false, true]).categories).toEqual([false, true]);
    expect(oneHot(['x', 3, null, true, false, -Infinity, NaN, Infinity]).categories).toEqual([null, false, true, -Infinity, 3, Infinity, NaN, 'x']);
  });

  it("order: 'appearance' keeps first-seen order", () => {
    expect(oneHot(['b', 'a', 'b', 'c'], { order: 'appearance' }).categories).toEqual(['b', 'a', 'c']);
    expect(oneHotFit([3, 1, 2, 1], { order: 'appearance' }).categories).toEqual([3, 1, 2]);
  });

  it('matches by SameValueZero: NaN is one category, −0 equals 0, "1" differs from 1', () => {
    const res = oneHot([NaN, 0, -0, '1', 1, NaN]);
    expect(res.categories).toEqual([0, 1, NaN, '1']);
    expect(Object.is(res.categories[0], 0)).toBe(true);
    expect(toRows(res.data)).toEqual([
      [0, 0, 1, 0],
      [1, 0, 0, 0],
      [1, 0, 0, 0],
      [0, 0, 0, 1],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
    ]);
    expect(oneHot([-0]).categories.map((c) => Object.is(c, 0))).toEqual([true]);
  });

  it('accepts explicit categories: their order is kept and unseen ones give zero columns', () => {
    const res = oneHot(['s', 'm'], { categories: ['xs', 's', 'm', 'l'] });
    expect(res.categories).toEqual(['xs', 's', 'm', 'l']);
    expect(toRows(res.data)).toEqual([
      [0, 1, 0, 0],
      [0, 0, 1, 0],
    ]);
    // handleUnknown: 'ignore' lets values outside explicit categories through as zero rows.
    const ign = oneHot(['s', 'xxl'], { categories: ['s', 'm'], handleUnknown: 'ignore' });
    expect(toRows(ign.data)).toEqual([
      [1, 0],
      [0, 0],
    ]);
  });

  it('handles empty input and a single category', () => {
    const empty = oneHot([]);
    expect([empty.data.rows, empty.data.cols, empty.categories.length]).toEqual([0, 0, 0]);
    const one = oneHot(['a', 'a']);
    expect(Array.from(one.data.data)).toEqual([1, 1]);
    const typed = oneHot(new Int32Array([2, 1, 2]));
    expect(typed.categories).toEqual([1, 2]);
  });

  it('does not mutate its input', () => {
    const values = ['b', 'a', -0, NaN];
    const copy = values.slice();
    oneHot(values);
    oneHot(values, { order: 'appearance' });
    expect(values.length).toBe(4);
    values.forEach((v, i) => expect(Object.is(v, copy[i])).toBe(true));
  });

  it('rejects bad values and options', () => {
    expectLatentError(() => oneHot('abc'), 'E_TYPE', 'oneHot: values must be an array of strings, numbers, booleans or null, got "abc"');
    expectLatentError(() => oneHot(null as unknown as string[]), 'E_TYPE', 'got null');
    expectLatentError(() => oneHot(['a', undefined] as unknown as string[]), 'E_TYPE', 'oneHot: values must hold strings, numbers, booleans or null, got undefined at index 1');
    expectLatentError(() => oneHot([{}] as unknown as string[]), 'E_TYPE', 'got an object at index 0');
    expectLatentError(() => oneHotFit([1n] as unknown as number[]), 'E_TYPE', 'oneHotFit: values must hold');
    expectLatentError(() => oneHot(['a'], { order: 'frequency' as 'sorted' }), 'E_OPTION', "oneHot: order must be one of 'sorted', 'appearance', got \"frequency\"");
    expectLatentError(() => oneHot(['a'], { handleUnknown: 'skip' as 'ignore' }), 'E_OPTION', "handleUnknown must be one of 'error', 'ignore'");
    expectLatentError(() => oneHot(['a'], { categories: ['a', 'b', 'a'] }), 'E_OPTION', 'oneHot: categories must be distinct, got "a" again at index 2');
    expectLatentError(() => oneHot([0], { categories: [0, -0] }), 'E_OPTION', 'must be distinct, got 0 again at index 1');
    expectLatentError(() => oneHot(['a'], { categories: 'ab' as unknown as string[] }), 'E_OPTION', 'oneHot: categories must be an array of categories, got "ab"');
    expectLatentError(() => oneHot(['a'], { categories: [[1]] as unknown as string[] }), 'E_OPTION', 'got an array of length 1 at index 0');
    expectLatentError(() => oneHot(['a', 'q'], { categories: ['a', 'b'] }), 'E_RANGE', 'oneHot: values must be among the 2 given categories, got "q" at index 1');
    expectLatentError(() => oneHot(['a'], 'sorted' as unknown as object), 'E_TYPE', 'oneHot: options must be an object');
  });
});

describe('oneHotTransform / oneHotDecode', () => {
  it('gives the documented examples', () => {
    const model = oneHotFit(['a', 'b'], { handleUnknown: 'ignore' });
    expect(Array.from(oneHotTransform(model, ['b', 'z']).data)).toEqual([0, 1, 0, 0]);
    const pets = oneHotFit(['cat', 'dog', 'cat']);
    expect(oneHotDecode(pets, [[0, 1], [0.9, 0.1], [0, 0]])).toEqual(['dog', 'cat', undefined]);
  });

  it('transforms the fitted values exactly as oneHot did and decodes them back', () => {
    const values: Category[] = [true, 'x', 2, null, NaN, 'x', 2, false];
    const res = oneHot(values);
    expect(Array.from(oneHotTransform(res, values).data)).toEqual(Array.from(res.data.data));
    const decoded = oneHotDecode(res, res.data);
    decoded.forEach((v, i) => expect(Object.is(v, values[i])).toBe(true));
  });

  it('unknown categories throw E_RANGE, or become zero rows with handleUnknown: ignore', () => {
    const strict = oneHotFit(['a', 'b']);
    expectLatentError(() => oneHotTransform(strict, ['a', 'c']), 'E_RANGE', 'oneHotTransform: values must be among the model\'s 2 categories, got unknown category "c" at index 1');
    expectLatentError(() => oneHotTransform(strict, [1]), 'E_RANGE', 'got unknown category 1 at index 0');
    const loose = oneHotFit(['a', 'b'], { handleUnknown: 'ignore' });
    const t = oneHotTransform(loose, ['c', 'a']);
    expect(toRows(t)).toEqual([
      [0, 0],
      [1, 0],
    ]);
    expect(oneHotDecode(loose, t)).toEqual([undefined, 'a']);
  });

  it('decodes scores by argmax, taking the first of equal maxima', () => {
    const model = oneHotFit(['a', 'b', 'c']);
    expect(oneHotDecode(model, [[-3, -1, -2], [0.2, 0.5, 0.5], [1, 1, 1], [0, 0, 1e-300]])).toEqual(['b', 'b', 'a', 'c']);
    expect(oneHotDecode(model, [])).toEqual([]);
    expect(oneHotDecode(oneHotFit([]), [[], []])).toEqual([undefined, undefined]);
  });

  it('the model survives serialize/deserialize (NaN and null categories included) and structuredClone', () => {
    const model = oneHotFit(['a', NaN, null, 3, true]);
    const again = deserialize<OneHotModel>(serialize(model), { kind: 'oneHot' });
    expect(again.categories).toEqual(model.categories);
    const values: Category[] = [NaN, true, 'a', null, 3];
    expect(Array.from(oneHotTransform(again, values).data)).toEqual(Array.from(oneHotTransform(model, values).data));
    expect(Array.from(oneHotTransform(structuredClone(model), values).data)).toEqual(Array.from(oneHotTransform(model, values).data));
  });

  it('rejects corrupt models, bad values and wrong widths', () => {
    const model = oneHotFit(['a', 'b']);
    const bad = (patch: Record<string, unknown>): OneHotModel => ({ ...model, ...patch });
    expectLatentError(() => oneHotTransform(bad({ kind: 'standardize' }), ['a']), 'E_MODEL', "oneHotTransform: model must be of kind 'oneHot'");
    expectLatentError(() => oneHotTransform(bad({ categories: 'ab' }), ['a']), 'E_MODEL', 'oneHotTransform: model.categories must be an array of categories');
    expectLatentError(() => oneHotTransform(bad({ categories: ['a', 'a'] }), ['a']), 'E_MODEL', 'model.categories must be distinct');
    expectLatentError(() => oneHotDecode(bad({ categories: [undefined] }), [[1]]), 'E_MODEL', 'oneHotDecode: model.categories must hold strings, numbers, booleans or null, got undefined at index 0');
    expectLatentError(() => oneHotTransform(bad({ handleUnknown: 'skip' }), ['a']), 'E_MODEL', "model.handleUnknown must be 'error' or 'ignore', got \"skip\"");
    expectLatentError(() => oneHotTransform(model, 'a'), 'E_TYPE', 'oneHotTransform: values must be an array');
    expectLatentError(() => oneHotTransform(model, [Symbol('a')] as unknown as string[]), 'E_TYPE', 'got symbol at index 0');
    expectLatentError(() => oneHotDecode(model, [[1, 0, 0]]), 'E_SHAPE', "oneHotDecode: X columns must equal the model's 2 categories, got 3");
    expectLatentError(() => oneHotDecode(model, [[1, NaN]]), 'E_NOT_FINITE', 'oneHotDecode: X must hold finite numbers');
  });
});

describe('compareCategories', () => {
  it('is the documented total order', () => {
    expect(['b', 2, null, 'a', true, 1].sort(compareCategories)).toEqual([null, true, 1, 2, 'a', 'b']);
    expect(compareCategories(NaN, NaN)).toBe(0);
    expect(compareCategories(NaN, Infinity)).toBeGreaterThan(0);
    expect(compareCategories(0, -0)).toBe(0);
    expect(compareCategories('a', 'a')).toBe(0);
    expect(compareCategories(null, null)).toBe(0);
  });
});

describe('memory budget', () => {
  it('a one-hot matrix beyond the per-call budget is E_MEMORY before allocating (n distinct categories → n² cells)', () => {
    const values = Int32Array.from({ length: 30000 }, (_, i) => i);
    expectLatentError(() => oneHot(values), 'E_MEMORY', 'oneHot: the 30000 × 30000 one-hot matrix would take 6.7 GiB');
  });
});
