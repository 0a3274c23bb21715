import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tsne, tsneStart, tsneStep } from '../../../src/manifold/index.js';

/** Rows drawn from a small grid of values, so duplicates and ties are common. */
const gridRows = (minN: number, maxN: number, d: number): fc.Arbitrary<number[][]> =>
  fc.array(fc.array(fc.integer({ min: -2, max: 2 }), { minLength: d, maxLength: d }), { minLength: minN, maxLength: maxN });

/** Gaussian-ish blobs: `centers` clusters of points around random centres. */
const blobs = fc
  .record({
    centers: fc.array(fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 5, maxLength: 5 }), { minLength: 2, maxLength: 4 }),
    noise: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 5 * 60, maxLength: 5 * 60 }),
  })
  .map(({ centers, noise }) => Array.from({ length: 60 }, (_, i) => centers[i % centers.length]!.map((c, a) => c + noise[5 * i + a]!)));

describe('tsne properties', () => {
  it('same seed → bit-identical embedding (Barnes–Hut 2-D/3-D and exact, pca and random init)', () => {
    fc.assert(
      fc.property(
        gridRows(8, 30, 3),
        fc.constantFrom(0, 0.5),
        fc.constantFrom(2, 3),
        fc.constantFrom('pca' as const, 'random' as const),
        fc.integer({ min: 0, max: 1e6 }),
        (rows, theta, dims, init, seed) => {
          const o = { theta, dims, init, seed, perplexity: 2, iterations: 60, exaggerationIterations: 20 };
          const a = tsne(rows, o);
          const b = tsne(rows, o);
          expect(b.embedding.data).toEqual(a.embedding.data);
          expect(Object.is(a.kl, b.kl)).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('embeddings stay finite for duplicates and for n as small as 2·perplexity + 2', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 6, noNaN: true }), fc.integer({ min: 0, max: 4 }), fc.constantFrom(0, 0.5), (perplexity, extra, theta) => {
        const n = Math.ceil(2 * perplexity + 2) + extra;
        const rows = Array.from({ length: n }, (_, i) => [i % 3, (i * 7) % 2, i % 3 === 0 ? 5 : 0]); // many exact duplicates
        const r = tsne(rows, { perplexity, theta, iterations: 300 });
        expect(r.embedding.data.every((v) => Number.isFinite(v))).toBe(true);
        expect(Number.isFinite(r.kl)).toBe(true);
      }),
      { numRuns: 20 },
    );
    fc.assert(
      fc.property(gridRows(6, 25, 2), fc.constantFrom(0, 0.5), (rows, theta) => {
        const r = tsne(rows, { perplexity: Math.min(5, (rows.length - 2) / 2), theta, iterations: 280 });
        expect(r.embedding.data.every((v) => Number.isFinite(v))).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('after early exaggeration the KL divergence is non-increasing on average', () => {
    fc.assert(
      fc.property(blobs, fc.constantFrom(0, 0.5), (rows, theta) => {
        const s = tsneStart(rows, { perplexity: 10, theta, iterations: 600 });
        tsneStep(s, 250);
        const kls: number[] = [];
        while (s.phase !== 'done') {
          tsneStep(s, 50);
          kls.push(s.kl);
        }
        expect(kls.length).toBeGreaterThanOrEqual(6);
        let mean = 0;
        for (let t = 1; t < kls.length; t++) mean += (kls[t]! - kls[t - 1]!) / (kls.length - 1);
        expect(mean).toBeLessThanOrEqual(1e-12);
        expect(kls[kls.length - 1]!).toBeLessThanOrEqual(kls[0]! + 1e-12);
      }),
      { numRuns: 12 },
    );
  });
});
