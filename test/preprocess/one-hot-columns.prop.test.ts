import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneHot, oneHotColumns, oneHotColumnsDecode } from '../../src/preprocess/index.js';
import type { Category } from '../../src/preprocess/index.js';

describe('oneHotColumns properties', () => {
  const cell: fc.Arbitrary<Category> = fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.constant(null));
  const table = fc
    .tuple(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: 4 }))
    .chain(([n, m]) => fc.array(fc.array(cell, { minLength: m, maxLength: m }), { minLength: n, maxLength: n }));

  it('equals oneHot applied to each column, blocks side by side, and decodes back to the table', () => {
    fc.assert(
      fc.property(table, fc.constantFrom('sorted' as const, 'appearance' as const), (rows, order) => {
        const res = oneHotColumns(rows, { order });
        const m = rows[0]!.length;
        const perColumn = Array.from({ length: m }, (_, c) => oneHot(rows.map((r) => r[c]!), { order }));
        perColumn.forEach((p, c) => expect(res.categories[c]).toEqual(p.categories));
        const widths = perColumn.map((p) => p.data.cols);
        const total = widths.reduce((a, b) => a + b, 0);
        expect([res.data.rows, res.data.cols]).toEqual([rows.length, total]);
        rows.forEach((_, i) => {
          const expected = perColumn.flatMap((p) => Array.from(p.data.data.subarray(i * p.data.cols, (i + 1) * p.data.cols)));
          expect(Array.from(res.data.data.subarray(i * total, (i + 1) * total))).toEqual(expected);
        });
        expect(oneHotColumnsDecode(res, res.data)).toEqual(rows);
      }),
    );
  });
});
