import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceRows } from '../../src/distance/kernels.js';
import { cosineFromSums } from '../../src/distance/metrics.js';
import { dotRows32, dotRows64, sqRows32, sqRows64 } from '../../src/neighbors/scattered-rows.js';

/** Rows of data, two of them compared with a list of data rows (repeats allowed). */
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
      pair: fc.tuple(fc.nat(n - 1), fc.nat(n - 1)),
      list: fc.array(fc.nat(n - 1), { minLength: 0, maxLength: 11 }),
      from: fc.nat(3),
      j0: fc.nat(4),
    }),
  );

describe('sqRows / dotRows (Float32, Float64; every row read in place)', () => {
  it('give distanceRows’ sums (squared euclidean, cosine’s dot products) bit for bit, as on a tile holding every row', () => {
    fc.assert(
      fc.property(caseArb, ({ d, two, f32, dot, values, pair, list, from, j0 }) => {
        const X32 = Float32Array.from(values);
        const X64 = f32 ? Float64Array.from(X32) : Float64Array.from(values);
        const ids = new Int32Array(from + list.length);
        ids.set(list, from);
        const j1 = list.length;
        const start = Math.min(j0, j1);
        // Tile: the two rows, then every listed row, all exact widenings of the data.
        const S = new Float64Array((2 + j1) * d);
        S.set(X64.subarray(pair[0] * d, pair[0] * d + d), 0);
        S.set(X64.subarray(pair[1] * d, pair[1] * d + d), d);
        for (let j = 0; j < j1; j++) S.set(X64.subarray(list[j]! * d, list[j]! * d + d), (2 + j) * d);
        const cap = 16;
        const want = new Float64Array(2 * cap).fill(-1);
        // Cosine's distanceRows turns its dot products into 1 − cosineFromSums(dot, ‖a‖², ‖b‖²):
        // given norms of 1, the test applies the same map to the kernel's dot products.
        const ones = new Float64Array(2 + j1).fill(1);
        distanceRows(dot ? 'cosine' : 'sqeuclidean', S, 0, two ? 1 : -1, S, 2 + start, 2 + j1, d, want, 0, cap, ones, ones);
        const got = new Float64Array(2 * cap).fill(-1);
        const a0 = pair[0] * d;
        const a1 = two ? pair[1] * d : -1;
        if (dot) {
          if (f32) dotRows32(X32, a0, a1, ids, from, start, j1, d, got, 0, cap);
          else dotRows64(X64, a0, a1, ids, from, start, j1, d, got, 0, cap);
          for (let c = 0; c < j1 - start; c++) {
            got[c] = 1 - cosineFromSums(got[c]!, 1, 1);
            if (two) got[cap + c] = 1 - cosineFromSums(got[cap + c]!, 1, 1);
          }
        } else if (f32) sqRows32(X32, a0, a1, ids, from, start, j1, d, got, 0, cap);
        else sqRows64(X64, a0, a1, ids, from, start, j1, d, got, 0, cap);
        expect(Array.from(got)).toEqual(Array.from(want));
      }),
      { numRuns: 300 },
    );
  });

  it('sum the squared differences (a hand-checked case)', () => {
    const X = Float32Array.of(0, 0, 3, 4, 6, 8, 1, 1, 2, 2);
    const out = new Float64Array(10);
    // Rows 0 = (0, 0) and 3 = (1, 1) against rows 1, 2, 3, 4, 0.
    sqRows32(X, 0, 6, Int32Array.of(1, 2, 3, 4, 0), 0, 0, 5, 2, out, 0, 5);
    // (0,0) against (3,4) (6,8) (1,1) (2,2) (0,0); then (1,1) against the same rows.
    expect(Array.from(out)).toEqual([25, 100, 2, 8, 0, 13, 74, 0, 2, 2]);
  });
});
