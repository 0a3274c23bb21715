import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceRows } from '../../src/distance/kernels.js';
import { cosineFromSums } from '../../src/distance/metrics.js';
import { dotTileRows32, dotTileRows64, sqTileRows32, sqTileRows64 } from '../../src/neighbors/tile-scattered-sq.js';

/** Rows of data, two tile rows among them, and a list of data rows (repeats allowed) to compare with. */
const caseArb = fc
  .record({
    n: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 0, max: 9 }),
    two: fc.boolean(),
    f32: fc.boolean(),
    dot: fc.boolean(),
  })
  .chain(({ n, d, two, f32, dot }) =>
    fc.record({
      n: fc.constant(n),
      d: fc.constant(d),
      two: fc.constant(two),
      f32: fc.constant(f32),
      dot: fc.constant(dot),
      values: fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true }), { minLength: n * d, maxLength: n * d }),
      tileRows: fc.tuple(fc.nat(n - 1), fc.nat(n - 1)),
      list: fc.array(fc.nat(n - 1), { minLength: 0, maxLength: 11 }),
      from: fc.nat(3),
      j0: fc.nat(4),
    }),
  );

describe('sqTileRows / dotTileRows (Float32, Float64)', () => {
  it('give distanceRows’ sums (squared euclidean, cosine’s dot products) bit for bit on a tile holding every row', () => {
    fc.assert(
      fc.property(caseArb, ({ d, two, f32, dot, values, tileRows, list, from, j0 }) => {
        const X32 = Float32Array.from(values);
        const X64 = f32 ? Float64Array.from(X32) : Float64Array.from(values);
        const ids = new Int32Array(from + list.length);
        ids.set(list, from);
        const j1 = list.length;
        const start = Math.min(j0, j1);
        // Tile: the two tile rows, then every listed row, all exact widenings of the data.
        const S = new Float64Array((2 + j1) * d);
        S.set(X64.subarray(tileRows[0] * d, tileRows[0] * d + d), 0);
        S.set(X64.subarray(tileRows[1] * d, tileRows[1] * d + d), d);
        for (let j = 0; j < j1; j++) S.set(X64.subarray(list[j]! * d, list[j]! * d + d), (2 + j) * d);
        const cap = 16;
        const want = new Float64Array(2 * cap).fill(-1);
        // Cosine's distanceRows turns its dot products into 1 − cosineFromSums(dot, ‖a‖², ‖b‖²):
        // given norms of 1, the test applies the same map to the kernel's dot products.
        const ones = new Float64Array(2 + j1).fill(1);
        distanceRows(dot ? 'cosine' : 'sqeuclidean', S, 0, two ? 1 : -1, S, 2 + start, 2 + j1, d, want, 0, cap, ones, ones);
        const got = new Float64Array(2 * cap).fill(-1);
        const a1 = two ? d : -1;
        if (dot) {
          if (f32) dotTileRows32(S, 0, a1, X32, ids, from, start, j1, d, got, 0, cap);
          else dotTileRows64(S, 0, a1, X64, ids, from, start, j1, d, got, 0, cap);
          for (let c = 0; c < j1 - start; c++) {
            got[c] = 1 - cosineFromSums(got[c]!, 1, 1);
            if (two) got[cap + c] = 1 - cosineFromSums(got[cap + c]!, 1, 1);
          }
        } else if (f32) sqTileRows32(S, 0, a1, X32, ids, from, start, j1, d, got, 0, cap);
        else sqTileRows64(S, 0, a1, X64, ids, from, start, j1, d, got, 0, cap);
        expect(Array.from(got)).toEqual(Array.from(want));
      }),
      { numRuns: 300 },
    );
  });

  it('sum the squared differences (a hand-checked case)', () => {
    const X = Float32Array.of(0, 0, 3, 4, 6, 8, 1, 1, 2, 2);
    const S = Float64Array.of(0, 0, 1, 1);
    const out = new Float64Array(10);
    sqTileRows32(S, 0, 2, X, Int32Array.of(1, 2, 3, 4, 0), 0, 0, 5, 2, out, 0, 5);
    // (0,0) against (3,4) (6,8) (1,1) (2,2) (0,0); then (1,1) against the same rows.
    expect(Array.from(out)).toEqual([25, 100, 2, 8, 0, 13, 74, 0, 2, 2]);
  });
});
