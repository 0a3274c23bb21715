import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dbscan } from '../../../src/cluster/density/dbscan.js';
import { hdbscan, hdbscanFromDistances } from '../../../src/cluster/density/hdbscan.js';
import type { HdbscanOptions } from '../../../src/cluster/density/hdbscan-model.js';
import { hdbscanPredict } from '../../../src/cluster/density/hdbscan-predict.js';
import { deserialize, serialize } from '../../../src/core/serialize.js';
import { pdist } from '../../../src/distance/pairwise.js';
import { expectSame } from '../../helpers/same-model.js';

/** Small data: integer grids (many ties and duplicates) or spread doubles, 1–3 columns. */
const dataArb = fc
  .record({ n: fc.integer({ min: 1, max: 45 }), d: fc.integer({ min: 1, max: 3 }), grid: fc.boolean() })
  .chain(({ n, d, grid }) => fc.array(fc.array(grid ? fc.integer({ min: 0, max: 5 }) : fc.double({ min: -20, max: 20, noNaN: true }), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }));

const optionsArb: fc.Arbitrary<HdbscanOptions> = fc.record({
  minClusterSize: fc.integer({ min: 2, max: 8 }),
  minSamples: fc.integer({ min: 1, max: 8 }),
  clusterSelectionMethod: fc.constantFrom('eom' as const, 'leaf' as const),
  clusterSelectionEpsilon: fc.constantFrom(0, 0, 0.5, 2),
  allowSingleCluster: fc.boolean(),
  maxClusterSize: fc.constantFrom(undefined, 5, 20),
  metric: fc.constantFrom('euclidean' as const, 'manhattan' as const, 'chebyshev' as const),
});

describe('hdbscan (properties)', () => {
  it('gives consistent outputs: labels, probabilities, scores, a condensed tree holding each point once', () => {
    fc.assert(
      fc.property(dataArb, optionsArb, (X, o) => {
        const n = X.length;
        const m = hdbscan(X, o);
        const k = m.clusters.length;
        const { parent, child, lambda, size } = m.condensedTree;
        const seen = new Uint8Array(n);
        for (let r = 0; r < parent.length; r++) {
          expect(parent[r]).toBeGreaterThanOrEqual(n);
          if (child[r]! < n) {
            expect(seen[child[r]!]).toBe(0);
            seen[child[r]!] = 1;
            expect(size[r]).toBe(1);
          } else {
            expect(child[r]).toBeGreaterThan(parent[r]!);
            expect(size[r]).toBeGreaterThanOrEqual(o.minClusterSize!);
          }
          expect(lambda[r]).toBeGreaterThanOrEqual(0);
        }
        if (n > 1) expect(seen.every((v) => v === 1)).toBe(true);
        for (let i = 0; i < n; i++) {
          const l = m.labels[i]!;
          expect(l).toBeGreaterThanOrEqual(-1);
          expect(l).toBeLessThan(k);
          const p = m.probabilities[i]!;
          expect(p >= 0 && p <= 1).toBe(true);
          if (l === -1) expect(p).toBe(0);
          const s = m.outlierScores[i]!;
          expect(s >= 0 && s <= 1).toBe(true);
        }
        // Every selected cluster has a point, except that the root's points can all be noise
        // under the single-cluster rule.
        for (let c = 0; c < k; c++) if (m.clusters[c] !== n) expect(m.labels.includes(c)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('does not depend on the algorithm, or on data versus precomputed distances', () => {
    fc.assert(
      fc.property(dataArb, optionsArb, (X, o) => {
        const a = hdbscan(X, { ...o, algorithm: 'prim' });
        const b = hdbscan(X, { ...o, algorithm: 'boruvka' });
        expectSame(b, a);
        const { metric, ...rest } = o;
        const p = hdbscanFromDistances(pdist(X, metric), rest);
        expectSame(p.labels, a.labels, 'labels');
        expectSame(p.probabilities, a.probabilities, 'probabilities');
        expectSame(p.outlierScores, a.outlierScores, 'outlierScores');
        expectSame(p.condensedTree, a.condensedTree, 'condensedTree');
      }),
      { numRuns: 60 },
    );
  });

  it('round-trips through serialize and predicts the same after it', () => {
    fc.assert(
      fc.property(dataArb, optionsArb, (X, o) => {
        const m = hdbscan(X, o);
        const back = deserialize<typeof m>(serialize(m));
        expectSame(back, m);
        expectSame(hdbscanPredict(back, X), hdbscanPredict(m, X));
      }),
      { numRuns: 40 },
    );
  });

  it('dbscan: core points are those with ≥ minSamples points within eps; core points within eps share a cluster', () => {
    fc.assert(
      fc.property(dataArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), (X, eps, minSamples) => {
        const { labels, core } = dbscan(X, { eps, minSamples });
        const n = X.length;
        const dist = (i: number, j: number): number => Math.sqrt(X[i]!.reduce((s, v, t) => s + (v - X[j]![t]!) ** 2, 0));
        const isCore = new Set(core);
        for (let i = 0; i < n; i++) {
          let count = 0;
          for (let j = 0; j < n; j++) if (dist(i, j) <= eps) count++;
          expect(isCore.has(i)).toBe(count >= minSamples);
          if (isCore.has(i)) {
            expect(labels[i]).toBeGreaterThanOrEqual(0);
            for (const j of core) if (dist(i, j) <= eps) expect(labels[j]).toBe(labels[i]);
          }
        }
      }),
      { numRuns: 80 },
    );
  });
});
