import { describe, expect, it } from 'vitest';
import { toRows } from '../../src/core/matrix.js';
import { deserialize, serialize } from '../../src/core/serialize.js';
import { oneHotColumns, oneHotColumnsDecode, oneHotColumnsTransform } from '../../src/preprocess/index.js';
import type { Category, OneHotColumnsModel } from '../../src/preprocess/index.js';
import { expectLatentError } from '../helpers/latent-error.js';

describe('oneHotColumns', () => {
  it('gives the documented examples', () => {
    const { data, categories, kind, version, handleUnknown } = oneHotColumns([
      ['red', 'S'],
      ['blue', 'M'],
      ['red', 'M'],
    ]);
    expect(categories).toEqual([
      ['blue', 'red'],
      ['M', 'S'],
    ]);
    expect(Array.from(data.data)).toEqual([0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0]);
    expect([kind, version, handleUnknown]).toEqual(['oneHotColumns', 1, 'error']);
    const model = oneHotColumns([
      ['red', 'S'],
      ['blue', 'M'],
    ]);
    expect(Array.from(oneHotColumnsTransform(model, [['blue', 'S']]).data)).toEqual([1, 0, 0, 1]);
    expect(
      oneHotColumnsDecode(model, [
        [1, 0, 0, 1],
        [0, 0, 1, 0],
      ]),
    ).toEqual([
      ['blue', 'S'],
      [undefined, 'M'],
    ]);
  });

  it('mixes types per column, honours order and explicit categories', () => {
    const rows: Category[][] = [
      [1, true, 'x'],
      [NaN, false, null],
      [1, true, 'y'],
    ];
    expect(oneHotColumns(rows).categories).toEqual([
      [1, NaN],
      [false, true],
      [null, 'x', 'y'],
    ]);
    expect(oneHotColumns(rows, { order: 'appearance' }).categories[2]).toEqual(['x', null, 'y']);
    const fixed = oneHotColumns([['a', 1]], { categories: [['b', 'a'], [3, 2, 1]] });
    expect(toRows(fixed.data)).toEqual([[0, 1, 0, 0, 1]]);
  });

  it('unknown values throw E_RANGE or leave their block zero with handleUnknown: ignore', () => {
    const model = oneHotColumns([
      ['a', 1],
      ['b', 2],
    ]);
    expectLatentError(() => oneHotColumnsTransform(model, [['a', 3]]), 'E_RANGE', "oneHotColumnsTransform: column 1 must be among the model's 2 categories, got unknown category 3 at row 0");
    const loose = oneHotColumns(
      [
        ['a', 1],
        ['b', 2],
      ],
      { handleUnknown: 'ignore' },
    );
    expect(toRows(oneHotColumnsTransform(loose, [['z', 2]]))).toEqual([[0, 0, 0, 1]]);
    expectLatentError(() => oneHotColumns([['q']], { categories: [['a']] }), 'E_RANGE', 'oneHotColumns: column 0 must be among the 1 given categories, got "q" at row 0');
  });

  it('handles empty tables and serializes', () => {
    const empty = oneHotColumns([]);
    expect([empty.data.rows, empty.data.cols, empty.categories.length]).toEqual([0, 0, 0]);
    const model = oneHotColumns([
      [NaN, 'a'],
      [null, 'b'],
    ]);
    const again = deserialize<OneHotColumnsModel>(serialize(model), { kind: 'oneHotColumns' });
    expect(Array.from(oneHotColumnsTransform(again, [[null, 'a']]).data)).toEqual(Array.from(oneHotColumnsTransform(model, [[null, 'a']]).data));
  });

  it('rejects bad tables, options and models', () => {
    expectLatentError(() => oneHotColumns('ab'), 'E_TYPE', 'oneHotColumns: rows must be an array');
    expectLatentError(() => oneHotColumns(['ab']), 'E_TYPE', 'oneHotColumns: rows must be an array of rows (arrays of categories), got "ab" at row 0');
    expectLatentError(() => oneHotColumns([['a', 'b'], ['c']]), 'E_SHAPE', 'oneHotColumns: rows must have equal length 2, got length 1 at row 1');
    expectLatentError(() => oneHotColumns([['a', undefined]] as unknown as Category[][]), 'E_TYPE', 'got undefined at row 0, column 1');
    expectLatentError(() => oneHotColumns([['a']], { categories: [['a'], ['b']] }), 'E_SHAPE', 'oneHotColumns: categories must have one list per column (1), got 2');
    expectLatentError(() => oneHotColumns([['a']], { categories: 'a' as unknown as Category[][] }), 'E_OPTION', 'categories must be an array of category lists');
    expectLatentError(() => oneHotColumns([['a']], { categories: [['a', 'a']] }), 'E_OPTION', 'oneHotColumns: categories[0] must be distinct');
    expectLatentError(() => oneHotColumns([['a']], { order: 'x' as 'sorted' }), 'E_OPTION', 'oneHotColumns: order must be one of');
    const model = oneHotColumns([['a', 1]]);
    const bad = (patch: Record<string, unknown>): OneHotColumnsModel => ({ ...model, ...patch });
    expectLatentError(() => oneHotColumnsTransform(bad({ kind: 'oneHot' }), [['a', 1]]), 'E_MODEL', "model must be of kind 'oneHotColumns'");
    expectLatentError(() => oneHotColumnsTransform(bad({ categories: 'x' }), [['a', 1]]), 'E_MODEL', 'model.categories must be an array of category lists');
    expectLatentError(() => oneHotColumnsDecode(bad({ categories: [['a', 'a'], [1]] }), [[1, 0, 1]]), 'E_MODEL', 'model.categories[0] must be distinct');
    expectLatentError(() => oneHotColumnsTransform(bad({ handleUnknown: 1 }), [['a', 1]]), 'E_MODEL', 'model.handleUnknown');
    expectLatentError(() => oneHotColumnsTransform(model, [['a']]), 'E_SHAPE', "oneHotColumnsTransform: rows must have the model's 2 columns, got 1");
    expectLatentError(() => oneHotColumnsDecode(model, [[1, 0, 0]]), 'E_SHAPE', "oneHotColumnsDecode: X columns must equal the model's 2 indicator columns, got 3");
  });
});
