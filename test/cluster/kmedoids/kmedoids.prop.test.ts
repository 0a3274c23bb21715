import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kmedoidsFromDistances } from '../../../src/cluster/index.js';

/** A random symmetric dissimilarity (not necessarily metric) over n points, condensed. */
const caseArb = fc.integer({ min: 1, max: 16 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    D: fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 100, noNaN: true })), {
      minLength: (n * (n - 1)) / 2,
      maxLength: (n * (n - 1)) / 2,
    }),
    k: fc.integer({ min: 1, max: n }),
    seed: fc.nat(100),
  }),
);

function at(D: number[], n: number, i: number, j: number): number {
  if (i === j) return 0;
  const [a, b] = i < j ? [i, j] : [j, i];
  return D[n * a - (a * (a + 1)) / 2 + b - a - 1]!;
}

function cost(D: number[], n: number, med: ArrayLike<number>): number {
  let s = 0;
  for (let o = 0; o < n; o++) s += Math.min(...Array.from(med, (m) => at(D, n, o, m)));
  return s;
}

describe('kmedoids properties', () => {
  it('FasterPAM and PAM never end above the initial cost; cost and labels are consistent', () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom('fasterpam', 'pam', 'alternate'), ({ n, D, k, seed }, method) => {
        const init = Array.from({ length: k }, (_, i) => (i * 7 + seed) % n).filter((v, i, a) => a.indexOf(v) === i);
        fc.pre(init.length === k);
        const m = kmedoidsFromDistances(D, { k, init, method });
        const c = cost(D, n, m.medoids);
        expect(Math.abs(m.cost - c)).toBeLessThanOrEqual(1e-9 * Math.max(1, c));
        expect(m.cost).toBeLessThanOrEqual(cost(D, n, init) * (1 + 1e-12) + 1e-12);
        expect(new Set(m.medoids).size).toBe(k);
        for (let o = 0; o < n; o++) {
          const l = m.labels[o]!;
          expect(l >= 0 && l < k).toBe(true);
          // Assigned to a nearest medoid (ties allowed).
          expect(at(D, n, o, m.medoids[l]!)).toBeCloseTo(Math.min(...Array.from(m.medoids, (q) => at(D, n, o, q))), 12);
        }
        m.medoids.forEach((row, c2) => expect(m.labels[row]).toBe(c2));
      }),
    );
  });

  it('every initialisation gives k distinct medoids and a finite cost', () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom('build', 'lab', 'k-means++', 'random'), ({ n, D, k, seed }, init) => {
        const m = kmedoidsFromDistances(D, { k, init, seed });
        expect(new Set(m.medoids).size).toBe(k);
        for (const r of m.medoids) expect(r >= 0 && r < n).toBe(true);
        expect(Number.isFinite(m.cost)).toBe(true);
      }),
    );
  });
});

describe('lazy BUILD', () => {
  it('chooses exactly the medoids of the plain greedy BUILD (ties included)', async () => {
    const { fromCondensed } = await import('../../../src/cluster/kmedoids/kmedoids-core.js');
    const { buildInit } = await import('../../../src/cluster/kmedoids/kmedoids-init.js');
    /** Plain BUILD straight from Kaufman & Rousseeuw: full scan every step. */
    const plain = (D: number[], n: number, k: number): number[] => {
      const sums = Array.from({ length: n }, (_, j) => Array.from({ length: n }, (_, o) => at(D, n, o, j)).reduce((a, b) => a + b, 0));
      let first = 0;
      for (let j = 1; j < n; j++) if (sums[j]! < sums[first]!) first = j;
      const med = [first];
      while (med.length < k) {
        let best = -1;
        let bestGain = -1;
        for (let j = 0; j < n; j++) {
          if (med.includes(j)) continue;
          let g = 0;
          for (let o = 0; o < n; o++) {
            const near = Math.min(...med.map((m) => at(D, n, o, m)));
            const v = near - at(D, n, o, j);
            if (v > 0) g += v;
          }
          if (g > bestGain) {
            bestGain = g;
            best = j;
          }
        }
        med.push(best);
      }
      return med;
    };
    fc.assert(
      fc.property(caseArb, fc.boolean(), ({ n, D, k }, square) => {
        expect(Array.from(buildInit(fromCondensed(Float64Array.from(D), n, square), k))).toEqual(plain(D, n, k));
      }),
    );
  });
});
