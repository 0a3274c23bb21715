import { describe, expect, it } from 'vitest';
import { agglomerative, cutTree, linkage } from '../../../src/cluster/index.js';
import { deserialize, serialize } from '../../../src/core/serialize.js';
import { loadCsv, loadGolden, zscore } from '../../helpers/data.js';
import { canonical } from './linkage-reference.js';
import { expectLatentError, latentErrorCode } from '../../helpers/latent-error.js';

const wine = zscore(loadCsv('wine').data);
const golden = loadGolden<Record<string, { cut3: number[] }>>('linkage_wine_std');

describe('agglomerative', () => {
  it('defaults to ward and matches scipy’s 3-cluster cut on wine', () => {
    const m = agglomerative(wine, { k: 3 });
    expect(m.kind).toBe('agglomerative');
    expect(m.version).toBe(1);
    expect(m.method).toBe('ward');
    expect(m.nClusters).toBe(3);
    expect(canonical(m.labels)).toEqual(canonical(golden['ward']!.cut3));
    expect(m.tree.data).toEqual(linkage(wine, { method: 'ward' }).data);
  });

  it('threshold cut equals cutTree(linkage, { height }), method as third argument or option', () => {
    const Z = linkage(wine, { method: 'average' });
    const expected = cutTree(Z, { height: 4 });
    const a = agglomerative(wine, { threshold: 4 }, 'average');
    const b = agglomerative(wine, { threshold: 4, method: 'average' });
    expect(a.labels).toEqual(expected);
    expect(b.labels).toEqual(expected);
    expect(a.nClusters).toBe(new Set(expected).size);
    expect(agglomerative(wine, { threshold: 4, method: 'average' }, 'average').labels).toEqual(expected);
  });

  it('small example from the docs', () => {
    const X = [[0, 0], [0, 1], [4, 0], [4, 2]];
    expect(agglomerative(X, { k: 2 }).labels).toEqual(new Int32Array([0, 0, 1, 1]));
    expect(agglomerative(X, { threshold: 1.5 }, 'single').nClusters).toBe(3);
    expect(agglomerative([[1, 2]], { k: 1 }).labels).toEqual(new Int32Array([0]));
  });

  it('is plain data: survives structuredClone and serialize/deserialize', () => {
    const m = agglomerative(wine, { k: 4, method: 'complete' });
    expect(structuredClone(m)).toEqual(m);
    expect(deserialize(serialize(m as never))).toEqual(m);
  });

  it('errors', () => {
    const X = [[0], [1], [2]];
    expect(latentErrorCode(() => agglomerative(X, {}))).toBe('E_OPTION');
    expect(latentErrorCode(() => agglomerative(X, { k: 2, threshold: 1 }))).toBe('E_OPTION');
    expect(latentErrorCode(() => agglomerative(X, undefined as unknown as { k: number }))).toBe('E_OPTION');
    expect(latentErrorCode(() => agglomerative(X, { k: 2, method: 'average' }, 'single'))).toBe('E_OPTION');
    expect(latentErrorCode(() => agglomerative(X, { k: 2 }, 'upgma' as 'single'))).toBe('E_OPTION');
    // null is a wrong method, not an omitted one (fuzz FC_SEED=4: it ran ward).
    expectLatentError(() => agglomerative(X, { k: 2 }, null as unknown as 'single'), 'E_OPTION', 'agglomerative: method', 'got null');
    expect(latentErrorCode(() => agglomerative(X, { k: 2, metric: 'manhattan' }))).toBe('E_OPTION'); // ward default
    expect(latentErrorCode(() => agglomerative(X, { k: 0 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => agglomerative(X, { k: 4 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => agglomerative(X, { threshold: -1 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => agglomerative([[NaN]], { k: 1 }))).toBe('E_NOT_FINITE');
  });
});
