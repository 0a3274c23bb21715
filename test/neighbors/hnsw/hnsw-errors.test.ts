import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from '../../../src/core/serialize.js';
import { hnswAdd } from '../../../src/neighbors/hnsw/add.js';
import { hnswIndex } from '../../../src/neighbors/hnsw/index-build.js';
import type { HnswIndex } from '../../../src/neighbors/hnsw/model.js';
import { hnswQuery } from '../../../src/neighbors/hnsw/query.js';
import { hnswRemove } from '../../../src/neighbors/hnsw/remove.js';
import { expectLatentError } from '../../helpers/latent-error.js';
import { clustered, slice } from './fixtures.js';

const { data, queries } = clustered(300, 4, 8, 5, 11);
const FAST = { m: 6, efConstruction: 24 } as const;
const built = hnswIndex(data, FAST);
/** A fresh copy of the index (each tamper test breaks its own). */
const copy = (): HnswIndex => deserialize<HnswIndex>(serialize(built));

describe('hnsw bad input', () => {
  it('rejects bad data and options when building', () => {
    expectLatentError(() => hnswIndex([[1, NaN]]), 'E_NOT_FINITE', 'hnswIndex', 'data');
    expectLatentError(() => hnswIndex([[1, 2], [3]]), 'E_SHAPE', 'hnswIndex');
    expectLatentError(() => hnswIndex([]), 'E_SHAPE', 'at least 1 column');
    expectLatentError(() => hnswIndex({ rows: 2, cols: 1, data: new Float64Array([1, 1e39]) }), 'E_RANGE', 'Float32', 'row 1');
    expectLatentError(() => hnswIndex([[1, 1], [0, 0]], { metric: 'cosine' }), 'E_RANGE', 'non-zero', 'row 1');
    expectLatentError(() => hnswIndex({ rows: 0, cols: 3, data: new Float32Array(0) }, { quantize: 'int8' }), 'E_SHAPE', 'int8');
    expectLatentError(() => hnswIndex(data, { m: 1 }), 'E_RANGE', 'm must be an integer in [2, 512]');
    expectLatentError(() => hnswIndex(data, { efConstruction: 0 }), 'E_RANGE', 'efConstruction');
    expectLatentError(() => hnswIndex(data, { metric: 'cosinus' as 'cosine' }), 'E_OPTION', "did you mean 'cosine'");
    expectLatentError(() => hnswIndex(data, { quantise: 'int8' } as never), 'E_OPTION', "did you mean 'quantize'");
    expectLatentError(() => hnswIndex(data, { seed: -1 }), 'E_RANGE', 'seed');
    expectLatentError(() => hnswIndex(data, 16 as never), 'E_TYPE', 'options');
    expectLatentError(() => hnswIndex(data, { memoryLimit: 1000 }), 'E_MEMORY', 'memoryLimit');
  });

  it('rejects bad queries, k and ef', () => {
    expectLatentError(() => hnswQuery(built, queries, 301), 'E_RANGE', 'k must be an integer in [1, 300]');
    expectLatentError(() => hnswQuery(built, queries, 0), 'E_RANGE', 'k');
    expectLatentError(() => hnswQuery(built, queries, 10, { ef: 5 }), 'E_RANGE', 'ef must be an integer in [10,');
    expectLatentError(() => hnswQuery(built, [[1, 2, 3]], 1), 'E_SHAPE', 'dims 8');
    expectLatentError(() => hnswQuery(built, [[1, 2, 3, 4, 5, 6, 7, Infinity]], 1), 'E_NOT_FINITE', 'queries');
    expectLatentError(() => hnswQuery(built, { rows: 1, cols: 8, data: new Float64Array(8).fill(1e300) }, 1), 'E_RANGE', 'Float32');
    const cos = hnswIndex(data, { ...FAST, metric: 'cosine' });
    expectLatentError(() => hnswQuery(cos, [new Array<number>(8).fill(0)], 1), 'E_RANGE', 'non-zero');
    expectLatentError(() => hnswQuery(built, queries, 1, { filter: 3 as never }), 'E_TYPE', 'filter');
    expectLatentError(() => hnswQuery(built, queries, 1, { eff: 3 } as never), 'E_OPTION', "did you mean 'ef'");
    expectLatentError(() => hnswQuery(built, queries, 1, { rerank: [[1]] as never }), 'E_TYPE', 'rerank');
    expectLatentError(() => hnswQuery(built, queries, 1, { rerank: slice(data, 0, 10) }), 'E_SHAPE', 'rerank');
    const bad = slice(data, 0, 300);
    bad.data.fill(NaN);
    expectLatentError(() => hnswQuery(built, queries, 1, { rerank: bad }), 'E_NOT_FINITE', 'rerank');
    // A throwing filter propagates as is.
    expect(() => hnswQuery(built, queries, 1, { filter: () => { throw new RangeError('mine'); } })).toThrow('mine');
    expect(hnswQuery(built, { rows: 0, cols: 8, data: new Float32Array(0) }, 3).indices.length).toBe(0);
  });

  it('rejects querying an empty index or one whose points are all deleted', () => {
    const empty = hnswIndex({ rows: 0, cols: 8, data: new Float32Array(0) });
    expectLatentError(() => hnswQuery(empty, queries, 1), 'E_SHAPE', 'at least 1 live point', 'got 0');
    const gone = hnswRemove(hnswIndex(slice(data, 0, 5), FAST), [0, 1, 2, 3, 4]);
    expectLatentError(() => hnswQuery(gone, queries, 1), 'E_SHAPE', '5 points of which 5 deleted');
    expectLatentError(() => hnswQuery(hnswRemove(hnswIndex(slice(data, 0, 5), FAST), [0]), queries, 5), 'E_RANGE', 'k must be an integer in [1, 4]');
  });

  it('rejects unknown ids to remove, atomically', () => {
    const ix = copy();
    expectLatentError(() => hnswRemove(ix, [1, 300]), 'E_RANGE', 'ids must be integers in [0, 299]', 'got 300 at 1');
    expectLatentError(() => hnswRemove(ix, -1), 'E_RANGE', 'got -1');
    expectLatentError(() => hnswRemove(ix, [1.5]), 'E_RANGE');
    expectLatentError(() => hnswRemove(ix, ['1'] as never), 'E_TYPE', 'numbers');
    expectLatentError(() => hnswRemove(ix, 'x' as never), 'E_TYPE');
    expect(ix.deletedCount).toBe(0);
    expect(ix.deleted[1]).toBe(0);
  });

  it('rejects rows of the wrong width or with bad values when adding, before inserting any', () => {
    const ix = copy();
    expectLatentError(() => hnswAdd(ix, [[1, 2]]), 'E_SHAPE', 'dims 8');
    const rows = slice(data, 0, 10);
    rows.data[75] = NaN;
    expectLatentError(() => hnswAdd(ix, rows), 'E_NOT_FINITE');
    const big = { rows: 2, cols: 8, data: new Float64Array(16).fill(1) };
    big.data[12] = 1e39;
    expectLatentError(() => hnswAdd(ix, big), 'E_RANGE', 'row 1');
    expect(ix.size).toBe(300);
    expectLatentError(() => hnswAdd(ix, slice(data, 0, 2), { memoryLimit: 100 }), 'E_MEMORY');
    expectLatentError(() => hnswAdd(ix, slice(data, 0, 2), { signals: 1 } as never), 'E_OPTION', "did you mean 'signal'");
    expect(hnswAdd(ix, [])).toBe(ix);
  });

  it('gives E_MODEL, never a hang or an out-of-bounds read, for a tampered index', () => {
    const cases: [string, (ix: HnswIndex) => void, string][] = [
      ['wrong kind', (ix) => { (ix as { kind: string }).kind = 'pca'; }, "kind 'hnsw'"],
      ['future version', (ix) => { (ix as { version: number }).version = 2; }, 'version'],
      ['unknown metric', (ix) => { (ix as { metric: string }).metric = 'manhattan'; }, 'metric'],
      ['short vectors', (ix) => { ix.vectors = ix.vectors.subarray(1); }, 'vectors must have length'],
      ['links as a plain array', (ix) => { (ix as unknown as { links0: number[] }).links0 = Array.from(ix.links0); }, 'links0 must be a Int32Array'],
      ['size above capacity', (ix) => { ix.size = ix.capacity + 1; }, 'size'],
      ['entry point out of range', (ix) => { ix.entryPoint = 300; }, 'entryPoint'],
      ['maxLevel not the entry level', (ix) => { ix.maxLevel += 1; }, 'maxLevel'],
      ['m0 not 2m', (ix) => { ix.m0 = 7; }, 'm0'],
      ['upperUsed past the links', (ix) => { ix.upperUsed = ix.links.length + 1; }, 'upperUsed'],
      ['deletedCount above size', (ix) => { ix.deletedCount = 301; }, 'deletedCount'],
    ];
    for (const [what, tamper, fragment] of cases) {
      const ix = copy();
      tamper(ix);
      expectLatentError(() => hnswQuery(ix, queries, 3), 'E_MODEL', fragment);
      expectLatentError(() => hnswAdd(ix, slice(data, 0, 1)), 'E_MODEL', fragment);
      expectLatentError(() => hnswRemove(ix, 0), 'E_MODEL', fragment);
      expect(what).toBeTruthy();
    }
  });

  it('finds out-of-range links and counts while searching or inserting (checked on read)', () => {
    const m0 = built.m0;
    // Damage every level-0 list the search can reach: a link past the end.
    const far = copy();
    for (let i = 0; i < far.size; i++) if (far.links0[i * (m0 + 1)]! > 0) far.links0[i * (m0 + 1) + 1] = 100_000;
    expectLatentError(() => hnswQuery(far, queries, 3), 'E_MODEL', 'link 100000 is out of range');
    expectLatentError(() => hnswAdd(far, slice(data, 0, 1)), 'E_MODEL', 'out of range');
    const negative = copy();
    for (let i = 0; i < negative.size; i++) if (negative.links0[i * (m0 + 1)]! > 0) negative.links0[i * (m0 + 1) + 1] = -5;
    expectLatentError(() => hnswQuery(negative, queries, 3), 'E_MODEL', 'link -5');
    const count = copy();
    for (let i = 0; i < count.size; i++) count.links0[i * (m0 + 1)] = m0 + 1;
    expectLatentError(() => hnswQuery(count, queries, 3), 'E_MODEL', `count ${m0 + 1} is outside [0, ${m0}]`);
    // Upper levels: a corrupt offset or an upper link out of range.
    const upper = copy();
    upper.upperOffset[upper.entryPoint] = upper.upperUsed;
    expectLatentError(() => hnswQuery(upper, queries, 3), 'E_MODEL', 'upper-level link layout');
    const upperLink = copy();
    const base = upperLink.upperOffset[upperLink.entryPoint]! + (upperLink.maxLevel - 1) * (upperLink.m + 1);
    upperLink.links[base] = 1;
    upperLink.links[base + 1] = 999;
    expectLatentError(() => hnswQuery(upperLink, queries, 3), 'E_MODEL', 'link 999');
    // Links that form cycles or point to themselves are not out of bounds: the search ends.
    const loops = copy();
    for (let i = 0; i < loops.size; i++) {
      loops.links0[i * (m0 + 1)] = 2;
      loops.links0[i * (m0 + 1) + 1] = i;
      loops.links0[i * (m0 + 1) + 2] = (i + 1) % loops.size;
    }
    expect(hnswQuery(loops, queries, 3).indices.length).toBe(12);
    // NaN vectors reaching a result: E_MODEL, not a NaN distance.
    const nan = copy();
    nan.vectors.fill(NaN);
    expectLatentError(() => hnswQuery(nan, queries, 3), 'E_MODEL', 'NaN');
  });
});

describe('hnswRemove ids with an impossible length (fuzz)', () => {
  it('{ length: -1 } is E_TYPE', async () => {
    const { hnswIndex } = await import('../../../src/neighbors/hnsw/index-build.js');
    const { hnswRemove } = await import('../../../src/neighbors/hnsw/remove.js');
    const ix = hnswIndex([[0, 0], [1, 0], [5, 5]]);
    expect(() => hnswRemove(ix, { length: -1 })).toThrow(expect.objectContaining({ code: 'E_TYPE', message: expect.stringMatching(/^hnswRemove: ids must be/) as unknown }));
  });
});

describe('hnswAdd: an aborted signal', () => {
  it('stops the call even when there are no rows to add', () => {
    const index = hnswIndex([[0, 1], [1, 0], [1, 1], [0, 0]], { m: 4 });
    const ac = new AbortController();
    ac.abort();
    expectLatentError(() => hnswAdd(index, [], { signal: ac.signal }), 'E_ABORTED', 'hnswAdd');
    expectLatentError(() => hnswAdd(index, { rows: 0, cols: 2, data: new Float32Array(0) }, { signal: ac.signal }), 'E_ABORTED', 'hnswAdd');
    expect(hnswAdd(index, []).size).toBe(4);
  });
});
