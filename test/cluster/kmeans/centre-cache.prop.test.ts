import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { centreCache, updateCenters } from '../../../src/cluster/kmeans/kmeans-step.js';
import { nextDouble, rngState } from '../../../src/core/random.js';

const SEED = Number(process.env['FC_SEED'] ?? 7);

/**
 * The cached M-step against the full one over a run of label changes: each step moves a few
 * rows (sometimes none, sometimes emptying a cluster, sometimes all), and both must give the
 * same centres, counts and repair count bit for bit.
 */
describe('updateCenters with a centre cache (only changed clusters summed)', () => {
  it('equals the full update bit for bit over random label sequences (Float64/Float32, spherical, empty clusters)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 1 << 30 }),
        (n, d, kMax, f32, spherical, seed) => {
          const k = Math.min(kMax, n);
          const s = rngState(seed);
          const X64 = Float64Array.from({ length: n * d }, () => Math.round((nextDouble(s) * 2 - 1) * 8) / 4);
          const X = f32 ? Float32Array.from(X64) : X64;
          const labels = Int32Array.from({ length: n }, (_, i) => i % k);
          // Two independent runs: full (no cache) and cached, each with its own centres and counts.
          let fullOld = Float64Array.from({ length: k * d }, () => nextDouble(s));
          let cachedOld = fullOld.slice();
          let fullOut = new Float64Array(k * d);
          let cachedOut = new Float64Array(k * d);
          const fullCounts = new Int32Array(k);
          const cachedCounts = new Int32Array(k);
          const cache = centreCache(n, k);
          for (let step = 0; step < 12; step++) {
            const mode = Math.floor(nextDouble(s) * 5);
            if (mode === 1) {
              // a few rows move
              const moves = 1 + Math.floor(nextDouble(s) * 3);
              for (let m = 0; m < moves; m++) labels[Math.floor(nextDouble(s) * n)] = Math.floor(nextDouble(s) * k);
            } else if (mode === 2 && k > 1) {
              // empty a cluster: its rows go to another
              const c = Math.floor(nextDouble(s) * k);
              for (let i = 0; i < n; i++) if (labels[i] === c) labels[i] = (c + 1) % k;
            } else if (mode === 3) {
              for (let i = 0; i < n; i++) labels[i] = Math.floor(nextDouble(s) * k);
            } // mode 0, 4: nothing moves
            const a = updateCenters(X, n, d, labels, k, fullOld, fullOut, fullCounts, spherical, null);
            const b = updateCenters(X, n, d, labels, k, cachedOld, cachedOut, cachedCounts, spherical, cache);
            expect(b).toBe(a);
            expect(Array.from(cachedOut)).toEqual(Array.from(fullOut));
            expect(Array.from(cachedCounts)).toEqual(Array.from(fullCounts));
            [fullOld, fullOut] = [fullOut, fullOld];
            [cachedOld, cachedOut] = [cachedOut, cachedOld];
          }
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('skips the sums of unchanged clusters (a cluster whose centre was tampered with keeps it)', () => {
    // Observable proof that the cache is used: after one full update, overwrite an unchanged
    // cluster's centre in `old`; the cached update copies it, the full one recomputes the mean.
    const X = Float64Array.of(0, 1, 10, 11);
    const labels = Int32Array.of(0, 0, 1, 1);
    const cache = centreCache(4, 2);
    const counts = new Int32Array(2);
    const first = new Float64Array(2);
    updateCenters(X, 4, 1, labels, 2, Float64Array.of(0, 0), first, counts, false, cache);
    expect(Array.from(first)).toEqual([0.5, 10.5]);
    first[1] = 99;
    labels[1] = 1; // row 1 moves to cluster 1: both clusters change
    const second = new Float64Array(2);
    updateCenters(X, 4, 1, labels, 2, first, second, counts, false, cache);
    expect(Array.from(second)).toEqual([0, 22 / 3]);
    second[0] = -5; // cluster 0 is unchanged next time
    labels[3] = 1; // no move
    const third = new Float64Array(2);
    updateCenters(X, 4, 1, labels, 2, second, third, counts, false, cache);
    expect(Array.from(third)).toEqual([-5, 22 / 3]);
  });
});
