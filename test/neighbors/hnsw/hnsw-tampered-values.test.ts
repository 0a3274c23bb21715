/**
 * Tampered values in an HNSW index (fuzz FC_SEED=7: hnswAdd gave non-finite results): the int8
 * code book is checked on every call (O(d)); a non-finite stored vector or code norm is E_MODEL
 * as soon as a search computes a distance to it (no O(n·d) scan per call), and passes through a
 * call that never reads it.
 */
import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from '../../../src/core/serialize.js';
import { hnswAdd } from '../../../src/neighbors/hnsw/add.js';
import { hnswIndex } from '../../../src/neighbors/hnsw/index-build.js';
import type { HnswIndex, HnswMetric } from '../../../src/neighbors/hnsw/model.js';
import { hnswQuery } from '../../../src/neighbors/hnsw/query.js';
import { expectLatentError } from '../../helpers/latent-error.js';
import { clustered, slice } from './fixtures.js';

const { data, queries } = clustered(120, 4, 6, 4, 5);
const FAST = { m: 4, efConstruction: 16 } as const;
const builds = new Map<string, HnswIndex>();
/** A fresh copy of a small index (each test breaks its own). */
function index(metric: HnswMetric, quantize: 'none' | 'int8'): HnswIndex {
  const key = `${metric}/${quantize}`;
  if (!builds.has(key)) builds.set(key, hnswIndex(data, { ...FAST, metric, quantize }));
  return deserialize<HnswIndex>(serialize(builds.get(key)!));
}

describe('hnsw: tampered values', () => {
  it('a non-finite or negative int8 code book is E_MODEL on every call', () => {
    for (const [key, j, v, fragment] of [
      ['codeScale', 0, NaN, 'codeScale values must be finite and ≥ 0 (at dimension 0), got NaN'],
      ['codeScale', 3, Infinity, 'codeScale values must be finite and ≥ 0 (at dimension 3), got Infinity'],
      ['codeScale', 1, -0.5, 'codeScale values must be finite and ≥ 0'],
      ['codeOffset', 2, -Infinity, 'codeOffset values must be finite (at dimension 2), got -Infinity'],
    ] as const) {
      const ix = index('dot', 'int8');
      ix[key][j] = v;
      expectLatentError(() => hnswAdd(ix, slice(data, 0, 1)), 'E_MODEL', `hnswAdd: index.${fragment}`);
      expectLatentError(() => hnswAdd(ix, []), 'E_MODEL', `hnswAdd: index.${fragment}`);
      expectLatentError(() => hnswQuery(ix, queries, 2), 'E_MODEL', `hnswQuery: index.${fragment}`);
    }
  });

  it('a non-finite stored vector met by a search is E_MODEL naming the point, for every metric', () => {
    for (const metric of ['euclidean', 'cosine', 'dot'] as const) {
      for (const bad of [NaN, Infinity, -Infinity]) {
        const ix = index(metric, 'none');
        // The entry point: every search starts there.
        ix.vectors[ix.entryPoint * ix.dims + 1] = bad;
        const msg = `to point ${ix.entryPoint} (the index was altered`;
        const before = ix.size;
        expectLatentError(() => hnswAdd(ix, slice(data, 0, 2)), 'E_MODEL', 'hnswAdd: index vectors must be finite, got distance ', msg);
        // Nothing was linked to the damaged point's NaN: the add stopped at its first search.
        expect(ix.size).toBe(before);
        expectLatentError(() => hnswQuery(ix, queries, 3), 'E_MODEL', 'hnswQuery: index vectors must be finite, got distance ', msg);
      }
    }
  });

  it('a non-finite int8 code norm met by a search is E_MODEL', () => {
    for (const metric of ['euclidean', 'cosine'] as const) {
      const ix = index(metric, 'int8');
      ix.codeNorms[ix.entryPoint] = NaN;
      expectLatentError(() => hnswAdd(ix, slice(data, 0, 1)), 'E_MODEL', 'hnswAdd: index vectors must be finite', `point ${ix.entryPoint}`);
      expectLatentError(() => hnswQuery(ix, queries, 3), 'E_MODEL', 'hnswQuery: index vectors must be finite');
    }
  });

  it('damage no search meets passes through unread (spare capacity; adding no rows)', () => {
    const ix = index('euclidean', 'none');
    hnswAdd(ix, slice(data, 0, 1)); // grows the arrays: spare rows beyond size
    expect(ix.capacity).toBeGreaterThan(ix.size + 1);
    const last = ix.vectors.length - 1;
    ix.vectors[last] = NaN;
    expect(hnswQuery(ix, queries, 3).distances.every(Number.isFinite)).toBe(true);
    expect(hnswAdd(ix, [])).toBe(ix);
    expect(ix.vectors[last]).toBeNaN();
    // A row added into that slot overwrites the damage.
    const spare = ix.capacity - ix.size;
    hnswAdd(ix, slice(data, 0, spare));
    expect(ix.size).toBe(ix.capacity);
    expect(Number.isFinite(ix.vectors[last])).toBe(true);
  });
});
