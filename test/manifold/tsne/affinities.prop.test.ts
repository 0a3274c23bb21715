import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MACHINE_EPSILON, conditionalRow, jointProbabilitiesExact, jointProbabilitiesNN } from '../../../src/manifold/tsne/affinities.js';
import { knnSelf } from '../../../src/neighbors/exact/knn.js';

/** Shannon entropy (nats) of a probability row, computed independently of the search. */
function entropy(p: Float64Array): number {
  let h = 0;
  for (const v of p) if (v > 0) h -= v * Math.log(v);
  return h;
}

const points = (minN: number, maxN: number, dims: number): fc.Arbitrary<number[][]> =>
  fc.array(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: dims, maxLength: dims }), { minLength: minN, maxLength: maxN });

function sqdist(a: number[], b: number[]): number {
  let s = 0;
  for (let t = 0; t < a.length; t++) s += (a[t]! - b[t]!) ** 2;
  return s;
}

describe('conditionalRow (perplexity search)', () => {
  it('hits the target entropy ln(perplexity) within 1e-5 whenever it is reachable', () => {
    fc.assert(
      fc.property(
        // Distances on a 0.01 grid in [0, 40]: the precision needed stays well inside 2^±100.
        fc.array(fc.integer({ min: 0, max: 4000 }).map((v) => v / 100), { minLength: 4, maxLength: 120 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (dist, frac) => {
          const k = dist.length;
          const d = Float64Array.from(dist);
          const dmin = Math.min(...dist);
          const ties = dist.filter((v) => v === dmin).length;
          // Reachable entropies lie in (ln ties, ln k); keep a margin from both ends.
          const lo = Math.log(ties) + 0.05;
          const hi = Math.log(k) - 0.05;
          fc.pre(hi > lo);
          const target = lo + frac * (hi - lo);
          const p = new Float64Array(k);
          conditionalRow(d, 0, k, target, p);
          expect(Math.abs(entropy(p) - target)).toBeLessThan(1.0001e-5);
          let sum = 0;
          for (const v of p) sum += v;
          expect(sum).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it('gives non-negative probabilities that decrease with distance', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 60 }), fc.double({ min: 1, max: 50, noNaN: true }), (dist, perp) => {
        const d = Float64Array.from(dist);
        const p = new Float64Array(d.length);
        conditionalRow(d, 0, d.length, Math.log(perp), p);
        for (let a = 0; a < d.length; a++) {
          expect(p[a]).toBeGreaterThanOrEqual(0);
          expect(Number.isFinite(p[a]!)).toBe(true);
          for (let b = 0; b < d.length; b++) if (d[a]! < d[b]!) expect(p[a]!).toBeGreaterThanOrEqual(p[b]!);
        }
      }),
    );
  });

  it('returns the uniform row for equal distances (no target can be reached; still finite)', () => {
    for (const v of [0, 1, 1e300]) {
      const p = new Float64Array(5);
      conditionalRow(new Float64Array(5).fill(v), 0, 5, Math.log(3), p);
      for (const x of p) expect(x).toBeCloseTo(0.2, 14);
    }
  });

  it('works at any distance scale (huge squared distances do not underflow)', () => {
    const d = Float64Array.from([1e8, 1e8 + 1, 1e8 + 2, 1e8 + 5, 1e8 + 9]);
    const p = new Float64Array(5);
    conditionalRow(d, 0, 5, Math.log(2.5), p);
    expect(Math.abs(entropy(p) - Math.log(2.5))).toBeLessThan(1.0001e-5);
  });
});

describe('jointProbabilitiesNN', () => {
  it('is symmetric, non-negative, sorted per row, without self-pairs, and sums to 1', () => {
    fc.assert(
      fc.property(points(6, 40, 3), fc.double({ min: 1, max: 5, noNaN: true }), (rows, perp) => {
        const n = rows.length;
        const k = Math.min(n - 1, Math.floor(3 * perp + 1));
        const nn = knnSelf(rows, k);
        const sq = nn.distances.map((v) => v * v);
        const P = jointProbabilitiesNN(n, k, nn.indices, sq, perp);
        const map = new Map<number, number>();
        let sum = 0;
        for (let i = 0; i < n; i++) {
          for (let s = P.rowStart[i]!; s < P.rowStart[i + 1]!; s++) {
            const j = P.columns[s]!;
            expect(j).not.toBe(i);
            if (s > P.rowStart[i]!) expect(j).toBeGreaterThan(P.columns[s - 1]!);
            expect(P.values[s]).toBeGreaterThanOrEqual(0);
            map.set(i * n + j, P.values[s]!);
            sum += P.values[s]!;
          }
        }
        expect(sum).toBeCloseTo(1, 12);
        for (const [key, v] of map) {
          const i = Math.floor(key / n);
          const j = key % n;
          expect(map.get(j * n + i)).toBe(v);
        }
        // Every neighbour relation is present.
        for (let i = 0; i < n; i++) for (let t = 0; t < k; t++) expect(map.has(i * n + nn.indices[i * k + t]!)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('stays finite and uniform for identical points', () => {
    const n = 8;
    const k = 7;
    const idx = new Int32Array(n * k);
    for (let i = 0; i < n; i++) for (let t = 0, j = 0; j < n; j++) if (j !== i) idx[i * k + t++] = j;
    const P = jointProbabilitiesNN(n, k, idx, new Float64Array(n * k), 3);
    for (const v of P.values) expect(v).toBeCloseTo(1 / (n * (n - 1)), 15);
  });
});

describe('jointProbabilitiesExact', () => {
  it('is symmetric with a zero diagonal, floored at machine epsilon, and sums to 1', () => {
    fc.assert(
      fc.property(points(4, 25, 2), fc.double({ min: 0.5, max: 3, noNaN: true }), (rows, perp) => {
        const n = rows.length;
        fc.pre(perp < n);
        const D = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) D[i * n + j] = sqdist(rows[i]!, rows[j]!);
        const P = jointProbabilitiesExact(n, D, perp);
        let sum = 0;
        for (let i = 0; i < n; i++) {
          expect(P[i * n + i]).toBe(0);
          for (let j = 0; j < n; j++) {
            expect(P[i * n + j]).toBe(P[j * n + i]);
            if (i !== j) expect(P[i * n + j]).toBeGreaterThanOrEqual(MACHINE_EPSILON);
            sum += P[i * n + j]!;
          }
        }
        expect(Math.abs(sum - 1)).toBeLessThan(1e-12 + n * n * MACHINE_EPSILON);
      }),
    );
  });
});
