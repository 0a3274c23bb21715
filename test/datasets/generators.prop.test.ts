import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blobs, circles, moons, swissRoll } from '../../src/datasets/index.js';
import type { Dataset } from '../../src/datasets/index.js';

function checkShape(ds: Dataset, n: number, d: number, k: number): void {
  expect([ds.data.rows, ds.data.cols, ds.data.data.length, ds.labels.length]).toEqual([n, d, n * d, n]);
  for (const v of ds.data.data) expect(Number.isFinite(v)).toBe(true);
  for (const l of ds.labels) expect(Number.isInteger(l) && l >= 0 && l < k).toBe(true);
}

const seed = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const noise = fc.double({ min: 0, max: 2, noNaN: true });

describe('generator properties', () => {
  it('blobs: n × dims, labels in [0, k), exactly ⌊n/k⌋ or ⌈n/k⌉ per blob, deterministic', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), seed, fc.boolean(), (n, k, dims, s, shuffle) => {
        const ds = blobs({ n, centers: k, dims, seed: s, shuffle });
        checkShape(ds, n, dims, k);
        const c = new Array<number>(k).fill(0);
        for (const l of ds.labels) c[l]!++;
        c.forEach((x, i) => expect(x).toBe(Math.floor(n / k) + (i < n % k ? 1 : 0)));
        expect(Array.from(blobs({ n, centers: k, dims, seed: s, shuffle }).data.data)).toEqual(Array.from(ds.data.data));
      }),
      { numRuns: 50 },
    );
  });

  it('moons and circles: n × 2, ⌊n/2⌋ points labelled 0 and the rest 1, for any noise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), noise, seed, fc.boolean(), fc.double({ min: 0, max: 0.99, noNaN: true }), (n, nz, s, shuffle, factor) => {
        for (const ds of [moons({ n, noise: nz, seed: s, shuffle }), circles({ n, noise: nz, seed: s, shuffle, factor })]) {
          checkShape(ds, n, 2, 2);
          let zeros = 0;
          for (const l of ds.labels) if (l === 0) zeros++;
          expect(zeros).toBe(Math.floor(n / 2));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('swissRoll: n × 3, labels in [0, segments), t in [1.5π, 4.5π)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), noise, seed, fc.boolean(), fc.integer({ min: 1, max: 10 }), (n, nz, s, hole, segments) => {
        const ds = swissRoll({ n, noise: nz, seed: s, hole, segments });
        checkShape(ds, n, 3, segments);
        for (const t of ds.t) expect(t >= 1.5 * Math.PI && t < 4.5 * Math.PI).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
