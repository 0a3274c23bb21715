import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkCsr, csrFromTriplets, csrMatVec, csrTranspose } from '../../src/core/sparse.js';
import { expectLatentError as expectCode } from '../helpers/latent-error.js';

const triplets = fc
  .record({ rows: fc.integer({ min: 1, max: 6 }), cols: fc.integer({ min: 1, max: 6 }) })
  .chain(({ rows, cols }) =>
    fc.record({
      rows: fc.constant(rows),
      cols: fc.constant(cols),
      entries: fc.array(fc.tuple(fc.nat(rows - 1), fc.nat(cols - 1), fc.integer({ min: -5, max: 5 })), { maxLength: 30 }),
    }),
  );

function dense(rows: number, cols: number, entries: [number, number, number][]): number[][] {
  const D = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (const [i, j, v] of entries) D[i]![j]! += v;
  return D;
}

describe('CsrMatrix', () => {
  it('documented example: duplicates summed, columns sorted', () => {
    const A = csrFromTriplets(2, 2, new Int32Array([0, 1, 0]), new Int32Array([1, 0, 1]), new Float64Array([1, 2, 3]));
    expect(Array.from(A.offsets)).toEqual([0, 1, 2]);
    expect(Array.from(A.indices)).toEqual([1, 0]);
    expect(Array.from(A.values)).toEqual([4, 2]);
    expect(Array.from(csrMatVec(A, new Float64Array([1, 1])))).toEqual([4, 2]);
    expect(Array.from(csrTranspose(A).values)).toEqual([2, 4]);
  });

  it('matches a dense build for matvec and transpose (property), and passes its own check', () => {
    fc.assert(
      fc.property(triplets, ({ rows, cols, entries }) => {
        const A = csrFromTriplets(rows, cols, Int32Array.from(entries, (e) => e[0]), Int32Array.from(entries, (e) => e[1]), Float64Array.from(entries, (e) => e[2]));
        expect(checkCsr('t', 'A', A)).toBe(A);
        const D = dense(rows, cols, entries);
        const x = Float64Array.from({ length: cols }, (_, j) => j + 1);
        const y = csrMatVec(A, x);
        for (let i = 0; i < rows; i++) expect(y[i]).toBe(D[i]!.reduce((s, v, j) => s + v * x[j]!, 0));
        const T = csrTranspose(A);
        expect(checkCsr('t', 'T', T)).toBe(T);
        const back = csrTranspose(T);
        expect(Array.from(back.offsets)).toEqual(Array.from(A.offsets));
        expect(Array.from(back.indices)).toEqual(Array.from(A.indices));
        expect(Array.from(back.values)).toEqual(Array.from(A.values));
      }),
    );
  });

  it('rejects out-of-range triplets and tampered structures', () => {
    expectCode(() => csrFromTriplets(2, 2, new Int32Array([2]), new Int32Array([0]), new Float64Array([1])), 'E_RANGE', 'entry 0 at (2, 0) lies outside the 2 × 2 shape');
    const A = csrFromTriplets(2, 3, new Int32Array([0, 0, 1]), new Int32Array([0, 2, 1]), new Float64Array([1, 2, 3]));
    expectCode(() => checkCsr('f', 'A', { ...A, indices: new Int32Array([2, 0, 1]) }), 'E_RANGE', 'f: A column indices must be increasing');
    expectCode(() => checkCsr('f', 'A', { ...A, indices: new Int32Array([0, 7, 1]) }), 'E_RANGE', 'in [0, 3)');
    expectCode(() => checkCsr('f', 'A', { ...A, offsets: new Int32Array([0, 4, 3]) }), 'E_SHAPE', 'non-decreasing');
    expectCode(() => checkCsr('f', 'A', { ...A, values: new Float64Array([1, NaN, 3]) }), 'E_NOT_FINITE');
    expectCode(() => checkCsr('f', 'A', [[1]]), 'E_TYPE', 'f: A must be a CsrMatrix');
  });
});

describe('csrFromTriplets validates its arguments (fuzz: core/csrFromTriplets-unvalidated)', () => {
  const i32 = (...v: number[]): Int32Array => Int32Array.from(v);
  it('rejects non-integer, negative or non-Int32 shapes before allocating', () => {
    expectCode(() => csrFromTriplets(Infinity, 2, i32(0), i32(1), Float64Array.of(1)), 'E_RANGE', 'csrFromTriplets: rows must be an integer in [0, 2147483647], got Infinity');
    expectCode(() => csrFromTriplets(2, 2.5, i32(0), i32(1), Float64Array.of(1)), 'E_RANGE', 'csrFromTriplets: cols must be an integer');
    expectCode(() => csrFromTriplets('2' as never, 2, i32(0), i32(1), Float64Array.of(1)), 'E_TYPE', 'csrFromTriplets: rows must be an integer');
    expectCode(() => csrFromTriplets(2, 2, i32(0), i32(1), Float64Array.of(1), -1), 'E_RANGE', 'csrFromTriplets: count must be an integer');
  });
  it('refuses a row count whose offsets exceed the memory budget (no multi-second hang)', () => {
    expectCode(() => csrFromTriplets(1e9, 2, i32(0), i32(1), Float64Array.of(1)), 'E_MEMORY', 'csrFromTriplets: the 1000000000 row offsets would take');
    expect(csrFromTriplets(3, 1e9, i32(0), i32(5), Float64Array.of(1)).indices).toEqual(i32(5));
  });
  it('requires typed index and value arrays', () => {
    expectCode(() => csrFromTriplets(2, 2, [0] as never, i32(1), Float64Array.of(1)), 'E_TYPE', 'csrFromTriplets: row must be an Int32Array, got');
    expectCode(() => csrFromTriplets(2, 2, i32(0), null as never, Float64Array.of(1)), 'E_TYPE', 'csrFromTriplets: col must be an Int32Array, got null');
    expectCode(() => csrFromTriplets(2, 2, i32(0), i32(1), { 0: 1, length: 1 } as never), 'E_TYPE', 'csrFromTriplets: value must be a Float64Array');
  });
});

describe('csrFromTriplets: overflowing duplicates', () => {
  it('refuses finite duplicates whose sum overflows (E_RANGE); duplicates that cancel are fine', () => {
    const M = Number.MAX_VALUE;
    const row = Int32Array.of(0, 0, 1);
    const col = Int32Array.of(0, 0, 0);
    expectCode(() => csrFromTriplets(2, 1, row, col, Float64Array.of(M, M, 1)), 'E_RANGE', 'csrFromTriplets: summing duplicate entries overflows');
    // opposite signs cancel: no overflow
    expect(Array.from(csrFromTriplets(2, 1, row, col, Float64Array.of(M, -M, 1)).values)).toEqual([0, 1]);
  });
});
