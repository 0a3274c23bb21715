import { describe, expect, it } from 'vitest';
import { LINKAGE_METHODS, leafOrder, linkage } from '../../../src/cluster/index.js';
import { loadCsv, loadGolden, zscore } from '../../helpers/data.js';
import { expectLatentError } from '../../helpers/latent-error.js';
import type { Method } from './linkage-reference.js';

const golden = loadGolden<Record<Method, { leaves: number[] }>>('linkage_wine_std');
const wine = zscore(loadCsv('wine').data);

describe('leafOrder', () => {
  it.each(LINKAGE_METHODS)('%s on wine equals scipy’s leaves_list', (method) => {
    expect(Array.from(leafOrder(linkage(wine, { method })))).toEqual(golden[method].leaves);
  });

  it('visits Z[i, 0] before Z[i, 1]', () => {
    expect(Array.from(leafOrder([[2, 3, 1, 2], [1, 4, 2, 3], [5, 0, 3, 4]]))).toEqual([1, 2, 3, 0]);
    expect(Array.from(leafOrder([]))).toEqual([0]);
  });

  it('handles a 60 000-deep caterpillar tree without recursion', () => {
    const n = 60001;
    const data = new Float64Array((n - 1) * 4);
    // Row i joins point i + 1 with the cluster built so far (point 0 first).
    for (let i = 0; i < n - 1; i++) data.set([i === 0 ? 0 : n + i - 1, i + 1, i + 1, i + 2], i * 4);
    const order = leafOrder({ rows: n - 1, cols: 4, data });
    expect(order.length).toBe(n);
    expect(order[0]).toBe(0);
    expect(order[n - 1]).toBe(n - 1);
    // And the mirrored caterpillar (deep on the right).
    for (let i = 0; i < n - 1; i++) data.set([i + 1, i === 0 ? 0 : n + i - 1, i + 1, i + 2], i * 4);
    const mirrored = leafOrder({ rows: n - 1, cols: 4, data });
    expect(mirrored[0]).toBe(n - 1);
    expect(mirrored[n - 1]).toBe(0);
  });

  it('rejects an invalid Z with a LatentError', () => {
    expectLatentError(() => leafOrder([[0, 1, 1, 2, 5]]), 'E_SHAPE');
  });
});
