import { describe, expect, it } from 'vitest';
import { LINKAGE_METHODS, cutTree, linkage } from '../../../src/cluster/index.js';
import { loadCsv, loadGolden, zscore } from '../../helpers/data.js';
import { canonical, members, randomPoints, type Method } from './linkage-reference.js';
import { latentErrorCode } from '../../helpers/latent-error.js';

const golden = loadGolden<Record<Method, { cut3: number[] }>>('linkage_wine_std');
const wine = zscore(loadCsv('wine').data);

describe('cutTree', () => {
  it.each(LINKAGE_METHODS)('%s on wine: { k: 3 } is scipy’s fcluster(Z, 3, "maxclust") partition', (method) => {
    const labels = cutTree(linkage(wine, { method }), { k: 3 });
    expect(canonical(labels)).toEqual(canonical(golden[method].cut3));
  });

  it('labels are 0-based in order of first appearance', () => {
    const Z = linkage([[0, 0], [0, 1], [4, 0], [4, 2]], { method: 'average' });
    expect(cutTree(Z, { k: 2 })).toEqual(new Int32Array([0, 0, 1, 1]));
    expect(cutTree(Z, { height: 1.5 })).toEqual(new Int32Array([0, 0, 1, 2]));
    expect(cutTree(Z, { k: 4 })).toEqual(new Int32Array([0, 1, 2, 3]));
    expect(cutTree(Z, { k: 1 })).toEqual(new Int32Array(4));
  });

  it('{ k } is the partition after the first n − k rows of Z (brute force)', () => {
    const n = 25;
    const Z = linkage(randomPoints(n, 2, 11), { method: 'centroid' });
    const mem = members(Z.data, n);
    for (let k = 1; k <= n; k++) {
      // Clusters alive after n − k merges: ids not yet used as children.
      const used = new Set<number>();
      for (let r = 0; r < n - k; r++) used.add(Z.data[r * 4]!).add(Z.data[r * 4 + 1]!);
      const expected = new Array<number>(n);
      let c = 0;
      for (let id = 0; id < n + (n - k); id++) {
        if (used.has(id)) continue;
        for (const p of mem[id]!) expected[p] = c;
        c++;
      }
      expect(canonical(cutTree(Z, { k }))).toEqual(canonical(expected));
    }
  });

  it('{ height } joins exactly the points whose cophenetic distance is ≤ height (monotone tree)', () => {
    const n = 30;
    const Z = linkage(randomPoints(n, 3, 5), { method: 'average' });
    const mem = members(Z.data, n);
    for (const h of [0, 0.5, 1, 2, 3, 5, 100]) {
      const labels = cutTree(Z, { height: h });
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let coph = Infinity;
          for (let r = 0; r < n - 1; r++) {
            if (mem[n + r]!.includes(i) && mem[n + r]!.includes(j)) {
              coph = Z.data[r * 4 + 2]!;
              break;
            }
          }
          expect(labels[i] === labels[j]).toBe(coph <= h);
        }
      }
    }
  });

  it('{ height } on an inverted (centroid) tree keeps a subtree whole only if all its merges are ≤ height', () => {
    // Hand-made tree with an inversion: (0,1) at 2, then (2, node 3) at 1.5.
    const Z = [
      [0, 1, 2, 2],
      [2, 3, 1.5, 3],
    ];
    expect(cutTree(Z, { height: 1.5 })).toEqual(new Int32Array([0, 1, 2]));
    expect(cutTree(Z, { height: 2 })).toEqual(new Int32Array([0, 0, 0]));
  });

  it('accepts a scipy Z as number[][] and the single-point tree', () => {
    expect(cutTree([], { k: 1 })).toEqual(new Int32Array([0]));
    expect(cutTree([[0, 1, 3, 2]], { height: 3 })).toEqual(new Int32Array([0, 0]));
  });

  it('rejects bad options with E_OPTION / E_RANGE / E_TYPE', () => {
    const Z = [[0, 1, 1, 2]];
    expect(latentErrorCode(() => cutTree(Z, {}))).toBe('E_OPTION');
    expect(latentErrorCode(() => cutTree(Z, { k: 1, height: 1 }))).toBe('E_OPTION');
    expect(latentErrorCode(() => cutTree(Z, null as unknown as { k: number }))).toBe('E_TYPE');
    expect(latentErrorCode(() => cutTree(Z, { k: 0 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => cutTree(Z, { k: 3 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => cutTree(Z, { k: 1.5 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => cutTree(Z, { k: '2' as unknown as number }))).toBe('E_TYPE');
    expect(latentErrorCode(() => cutTree(Z, { height: -1 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => cutTree(Z, { height: NaN }))).toBe('E_NOT_FINITE');
  });

  it('rejects an invalid Z', () => {
    expect(latentErrorCode(() => cutTree([[0, 1, 1]], { k: 1 }))).toBe('E_SHAPE');
    expect(latentErrorCode(() => cutTree([[0, 2, 1, 2]], { k: 1 }))).toBe('E_RANGE'); // id 2 does not exist yet
    expect(latentErrorCode(() => cutTree([[0, 0, 1, 2]], { k: 1 }))).toBe('E_RANGE'); // self-merge
    expect(latentErrorCode(() => cutTree([[0, 1, 1, 2], [0, 3, 2, 3]], { k: 1 }))).toBe('E_RANGE'); // 0 used twice
    expect(latentErrorCode(() => cutTree([[0, 1, -1, 2]], { k: 1 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => cutTree([[0, 1, 1, 3]], { k: 1 }))).toBe('E_RANGE'); // wrong size
    expect(latentErrorCode(() => cutTree([[0, 1, NaN, 2]], { k: 1 }))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => cutTree([[0.5, 1, 1, 2]], { k: 1 }))).toBe('E_RANGE');
  });
});
