import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneHot, oneHotDecode, oneHotTransform } from '../../src/preprocess/index.js';
import { compareCategories } from '../../src/preprocess/category.js';
import type { Category } from '../../src/preprocess/index.js';

const categoryArb: fc.Arbitrary<Category> = fc.oneof(
  fc.constantFrom('a', 'b', 'B', 'é', '', '1', 'null'),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, -0, NaN, Infinity),
  fc.boolean(),
  fc.constant(null),
);
const valuesArb = fc.array(categoryArb, { maxLength: 30 });

/** Distinct values by SameValueZero, in first-seen order. */
function distinct(values: Category[]): Category[] {
  return Array.from(new Set(values));
}

describe('oneHot properties', () => {
  it('every row holds exactly one 1 in the column of its category, and decoding returns the values', () => {
    fc.assert(
      fc.property(valuesArb, fc.constantFrom('sorted' as const, 'appearance' as const), (values, order) => {
        const { data, categories } = oneHot(values, { order });
        const k = categories.length;
        expect([data.rows, data.cols]).toEqual([values.length, k]);
        values.forEach((v, i) => {
          let ones = 0;
          for (let j = 0; j < k; j++) {
            const x = data.data[i * k + j]!;
            expect(x === 0 || x === 1).toBe(true);
            if (x === 1) {
              ones++;
              expect(new Set([categories[j]]).has(v)).toBe(true);
            }
          }
          expect(ones).toBe(1);
        });
        const decoded = oneHotDecode({ kind: 'oneHot', version: 1, categories, handleUnknown: 'error' }, data);
        decoded.forEach((v, i) => expect(new Set([values[i]]).has(v)).toBe(true));
      }),
    );
  });

  it('categories are the distinct values: sorted by compareCategories, or in first-seen order', () => {
    fc.assert(
      fc.property(valuesArb, (values) => {
        const firstSeen = distinct(values);
        const appearance = oneHot(values, { order: 'appearance' }).categories;
        expect(appearance.length).toBe(firstSeen.length);
        appearance.forEach((c, j) => expect(new Set([firstSeen[j]]).has(c)).toBe(true));
        const sorted = oneHot(values).categories;
        expect(sorted.length).toBe(firstSeen.length);
        for (let j = 1; j < sorted.length; j++) expect(compareCategories(sorted[j - 1]!, sorted[j]!)).toBeLessThan(0);
      }),
    );
  });

  it('sorted categories do not depend on the order of the values', () => {
    fc.assert(
      fc.property(valuesArb.chain((v) => fc.tuple(fc.constant(v), fc.shuffledSubarray(v, { minLength: v.length, maxLength: v.length }))), ([values, shuffled]) => {
        const a = oneHot(values).categories;
        const b = oneHot(shuffled).categories;
        expect(b.length).toBe(a.length);
        a.forEach((c, j) => expect(Object.is(c, b[j])).toBe(true));
      }),
    );
  });

  it('transform with the fitted model reproduces the encoding; inputs are not mutated', () => {
    fc.assert(
      fc.property(valuesArb, valuesArb, (values, more) => {
        const copy = values.slice();
        const res = oneHot(values, { handleUnknown: 'ignore' });
        expect(Array.from(oneHotTransform(res, values).data)).toEqual(Array.from(res.data.data));
        const t = oneHotTransform(res, more);
        const known = new Set(res.categories);
        const k = res.categories.length;
        more.forEach((v, i) => {
          let sum = 0;
          for (let j = 0; j < k; j++) sum += t.data[i * k + j]!;
          expect(sum).toBe(known.has(v) ? 1 : 0);
        });
        values.forEach((v, i) => expect(Object.is(v, copy[i])).toBe(true));
      }),
    );
  });
});
