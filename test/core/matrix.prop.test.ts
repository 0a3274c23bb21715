import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { row, toMatrix, toRows } from '../../src/core/matrix.js';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

/** A rectangular number[][] with 0..8 rows and 0..6 columns. */
const rowsArb = fc
  .tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 6 }))
  .chain(([r, c]) => fc.array(fc.array(finite, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

describe('toMatrix / toRows / row properties', () => {
  it('toRows(toMatrix(x)) reproduces x exactly (incl. -0) and element (i, j) is data[i*cols+j]', () => {
    fc.assert(
      fc.property(rowsArb, (x) => {
        const m = toMatrix(x);
        expect(m.rows).toBe(x.length);
        expect(m.cols).toBe(x.length > 0 ? x[0]!.length : 0);
        for (let i = 0; i < m.rows; i++) {
          for (let j = 0; j < m.cols; j++) expect(Object.is(m.data[i * m.cols + j], x[i]![j])).toBe(true);
        }
        const back = toRows(m);
        expect(back.length).toBe(x.length);
        for (let i = 0; i < x.length; i++) expect(sameBits(back[i]!, x[i]!)).toBe(true);
      }),
    );
  });

  it('number[][], Float64Array[] and Matrix inputs give the same matrix', () => {
    fc.assert(
      fc.property(rowsArb, (x) => {
        const a = toMatrix(x);
        const b = toMatrix(x.map((r) => Float64Array.from(r)));
        const c = toMatrix(a);
        expect(c).toBe(a);
        expect([b.rows, b.cols]).toEqual([a.rows, a.cols]);
        expect(sameBits(a.data, b.data)).toBe(true);
      }),
    );
  });

  it('never mutates its input', () => {
    fc.assert(
      fc.property(rowsArb, (x) => {
        const before = JSON.stringify(x.map((r) => r.map((v) => (Object.is(v, -0) ? '-0' : v))));
        const typed = x.map((r) => Float64Array.from(r));
        const typedBefore = typed.map((r) => Array.from(r));
        toMatrix(x);
        toMatrix(typed);
        expect(JSON.stringify(x.map((r) => r.map((v) => (Object.is(v, -0) ? '-0' : v))))).toBe(before);
        typed.forEach((r, i) => expect(sameBits(r, typedBefore[i]!)).toBe(true));
      }),
    );
  });

  it('row(m, i) is a view of exactly row i', () => {
    fc.assert(
      fc.property(
        rowsArb.filter((x) => x.length > 0),
        fc.nat(),
        (x, k) => {
          const m = toMatrix(x);
          const i = k % m.rows;
          const r = row(m, i);
          expect(r.length).toBe(m.cols);
          expect(sameBits(r, x[i]!)).toBe(true);
          expect(r.buffer).toBe(m.data.buffer);
          expect(r.byteOffset).toBe(i * m.cols * 8);
        },
      ),
    );
  });

  it('a ragged input is always rejected with E_SHAPE', () => {
    fc.assert(
      fc.property(rowsArb.filter((x) => x.length >= 2), fc.nat(), fc.integer({ min: 1, max: 3 }), (x, k, extra) => {
        const i = 1 + (k % (x.length - 1));
        const ragged = x.map((r) => r.slice());
        ragged[i] = [...ragged[i]!, ...new Array<number>(extra).fill(1)];
        expect(() => toMatrix(ragged)).toThrow(expect.objectContaining({ code: 'E_SHAPE' }));
      }),
    );
  });

  it('a single non-finite value anywhere is rejected with E_NOT_FINITE', () => {
    fc.assert(
      fc.property(
        rowsArb.filter((x) => x.length > 0 && x[0]!.length > 0),
        fc.nat(),
        fc.constantFrom(NaN, Infinity, -Infinity),
        (x, k, bad) => {
          const cols = x[0]!.length;
          const p = k % (x.length * cols);
          const y = x.map((r) => r.slice());
          y[Math.floor(p / cols)]![p % cols] = bad;
          expect(() => toMatrix(y)).toThrow(expect.objectContaining({ code: 'E_NOT_FINITE' }));
          const m = toMatrix(x);
          const data = m.data.slice();
          data[p] = bad;
          expect(() => toMatrix({ rows: m.rows, cols: m.cols, data })).toThrow(expect.objectContaining({ code: 'E_NOT_FINITE' }));
        },
      ),
    );
  });
});
