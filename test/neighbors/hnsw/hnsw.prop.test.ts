import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hnswAdd } from '../../../src/neighbors/hnsw/add.js';
import { hnswIndex } from '../../../src/neighbors/hnsw/index-build.js';
import type { HnswIndex, HnswMetric } from '../../../src/neighbors/hnsw/model.js';
import { hnswQuery } from '../../../src/neighbors/hnsw/query.js';
import { hnswRemove } from '../../../src/neighbors/hnsw/remove.js';

/** Every structural invariant of a built index; returns the first violation, or '' when sound. */
function violations(ix: HnswIndex): string {
  const n = ix.size;
  let upper = 0;
  let top = -1;
  for (let i = 0; i < n; i++) {
    const level = ix.levels[i]!;
    top = Math.max(top, level);
    upper += level * (ix.m + 1);
    if ((level > 0) !== (ix.upperOffset[i]! >= 0)) return `point ${i}: level ${level} but upper offset ${ix.upperOffset[i]}`;
    for (let l = 0; l <= level; l++) {
      const list = l === 0 ? ix.links0 : ix.links;
      const base = l === 0 ? i * (ix.m0 + 1) : ix.upperOffset[i]! + (l - 1) * (ix.m + 1);
      const cap = l === 0 ? ix.m0 : ix.m;
      const count = list[base]!;
      if (count < 0 || count > cap) return `point ${i} level ${l}: ${count} links, capacity ${cap}`;
      const seen = new Set<number>();
      for (let j = 1; j <= count; j++) {
        const to = list[base + j]!;
        if (to < 0 || to >= n) return `point ${i} level ${l}: link ${to} out of range`;
        if (to === i) return `point ${i} level ${l}: self link`;
        if (seen.has(to)) return `point ${i} level ${l}: duplicate link ${to}`;
        if (ix.levels[to]! < l) return `point ${i} level ${l}: link to ${to} of level ${ix.levels[to]}`;
        seen.add(to);
      }
    }
  }
  if (n > 0 && (ix.maxLevel !== top || ix.levels[ix.entryPoint] !== top)) return `entry point ${ix.entryPoint} / maxLevel ${ix.maxLevel}, top level ${top}`;
  if (ix.upperUsed !== upper) return `upperUsed ${ix.upperUsed}, levels need ${upper}`;
  return '';
}

/** Small data with many exact duplicates (values from a few integers). */
const dataArb = fc
  .record({ n: fc.integer({ min: 1, max: 90 }), d: fc.integer({ min: 1, max: 5 }), seed: fc.nat() })
  .chain(({ n, d, seed }) =>
    fc.record({
      rows: fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
      seed: fc.constant(seed),
      m: fc.integer({ min: 2, max: 8 }),
      efConstruction: fc.integer({ min: 1, max: 40 }),
      metric: fc.constantFrom<HnswMetric>('euclidean', 'cosine', 'dot'),
      quantize: fc.constantFrom('none' as const, 'int8' as const),
    }),
  )
  // cosine needs non-zero rows
  .map((c) => ({ ...c, rows: c.metric === 'cosine' ? c.rows.map((r) => (r.every((v) => v === 0) ? r.map(() => 1) : r)) : c.rows }));

describe('hnsw properties', () => {
  it('links are in range, never to self, without duplicates, within capacity, on the levels their targets reach', () => {
    fc.assert(
      fc.property(dataArb, ({ rows, seed, m, efConstruction, metric, quantize }) => {
        const copy = rows.map((r) => r.slice());
        const ix = hnswIndex(rows, { seed, m, efConstruction, metric, quantize });
        expect(violations(ix)).toBe('');
        expect(rows).toEqual(copy);
      }),
      { numRuns: 60 },
    );
  });

  it('with k = live points every live id comes back once, nearest first', () => {
    fc.assert(
      fc.property(dataArb, fc.array(fc.nat(), { maxLength: 20 }), ({ rows, seed, m, efConstruction, metric }, drop) => {
        const ix = hnswIndex(rows, { seed, m, efConstruction, metric });
        const gone = [...new Set(drop.map((v) => v % rows.length))];
        if (gone.length === rows.length) gone.pop();
        hnswRemove(ix, gone);
        const live = rows.length - gone.length;
        const q = [rows[0]!.map((v) => v + 0.5)];
        const r = hnswQuery(ix, q, live);
        const ids = Array.from(r.indices).sort((a, b) => a - b);
        const want = rows.map((_, i) => i).filter((i) => !gone.includes(i));
        expect(ids).toEqual(want);
        for (let t = 1; t < live; t++) expect(r.distances[t]).toBeGreaterThanOrEqual(r.distances[t - 1]!);
      }),
      { numRuns: 60 },
    );
  });

  it('adding rows in any chunks builds the same graph as one build', () => {
    fc.assert(
      fc.property(dataArb, fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 5 }), ({ rows, seed, m, efConstruction, metric }, chunks) => {
        const whole = hnswIndex(rows, { seed, m, efConstruction, metric });
        const grown = hnswIndex(rows.slice(0, 1), { seed, m, efConstruction, metric });
        let at = 1;
        for (const c of chunks) {
          hnswAdd(grown, rows.slice(at, at + c));
          at += c;
        }
        hnswAdd(grown, rows.slice(at));
        expect(violations(grown)).toBe('');
        const n = whole.size;
        expect(grown.size).toBe(n);
        expect(grown.links0.subarray(0, n * (whole.m0 + 1))).toEqual(whole.links0);
        expect(grown.links.subarray(0, whole.upperUsed)).toEqual(whole.links.subarray(0, whole.upperUsed));
        expect(grown.vectors.subarray(0, whole.vectors.length)).toEqual(whole.vectors);
        expect([grown.entryPoint, grown.maxLevel, Array.from(grown.rng)]).toEqual([whole.entryPoint, whole.maxLevel, Array.from(whole.rng)]);
      }),
      { numRuns: 40 },
    );
  });
});
