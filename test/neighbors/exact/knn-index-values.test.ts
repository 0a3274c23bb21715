import { describe, expect, it } from 'vitest';
import { knnIndex, type KnnIndex } from '../../../src/neighbors/exact/knn-index.js';
import { knnQuery, knnQuerySelf } from '../../../src/neighbors/exact/knn-query.js';
import { expectLatentError } from '../../helpers/latent-error.js';

const P = [[0, 1], [1, 0], [2, 2], [3, 1]];

// Fuzz finding neighbors/knn-index-not-value-checked: checkIndex checked lengths, not values.
describe('a knn index with tampered values is E_MODEL on query', () => {
  it('NaN / Infinity points (the fuzz reproduction), for both methods and both query functions', () => {
    const vp = knnIndex(P, { method: 'vptree', metric: 'manhattan', leafSize: 1 });
    vp.points.data[0] = NaN;
    expectLatentError(() => knnQuerySelf(vp, 1), 'E_MODEL', 'knnQuerySelf: index points must be finite', 'row 0, column 0', 'NaN');
    const brute = knnIndex(P, { method: 'brute' });
    brute.points.data[3] = Infinity;
    expectLatentError(() => knnQuery(brute, [[0, 0]], 1), 'E_MODEL', 'knnQuery: index points', 'row 1, column 1', 'Infinity');
  });

  it('points beyond ±2^500 for the squared metrics, as knnIndex refuses them', () => {
    const ix = knnIndex(P, { method: 'brute', metric: 'sqeuclidean' });
    ix.points.data[2] = 1e300;
    expectLatentError(() => knnQuery(ix, [[0, 0]], 1), 'E_MODEL', 'within ±2^500');
    // manhattan does not square: the same value is a legal point there.
    const m = knnIndex([[0], [1e300], [2]], { method: 'brute', metric: 'manhattan' });
    expect(Array.from(knnQuery(m, [[0]], 1).indices)).toEqual([0]);
  });

  it('an order that is not a permutation, NaN or negative tree bounds, non-finite cosine norms, a huge leafSize', () => {
    const cases: [string, (ix: KnnIndex) => void, object][] = [
      ['order must be a permutation', (ix) => void (ix.order[0] = ix.order[1]!), { method: 'brute' }],
      ['order must be a permutation', (ix) => void (ix.order[2] = 99), { method: 'vptree', leafSize: 1 }],
      ['bounds must be distances', (ix) => void (ix.bounds[0] = NaN), { method: 'vptree', leafSize: 1 }],
      ['bounds must be distances', (ix) => void (ix.bounds[1] = -3), { method: 'vptree', leafSize: 1 }],
      ['sqNorms must be finite', (ix) => void (ix.sqNorms[1] = Infinity), { metric: 'cosine' }],
      ['leafSize must be an integer in [1, 1048576]', (ix) => void (ix.leafSize = 1e300), { method: 'vptree' }],
    ];
    for (const [message, tamper, options] of cases) {
      const ix = knnIndex(P, options);
      tamper(ix);
      expectLatentError(() => knnQuerySelf(ix, 1), 'E_MODEL', message);
    }
  });

  it('leafSize above 2^20 is refused at build too; legal indexes (also cloned) still answer', () => {
    expectLatentError(() => knnIndex(P, { leafSize: 2 ** 20 + 1 }), 'E_RANGE', 'leafSize');
    const ix = knnIndex(P, { method: 'vptree', leafSize: 1 });
    expect(Array.from(knnQuerySelf(ix, 1).indices)).toEqual(Array.from(knnQuerySelf(structuredClone(ix), 1).indices));
    expect(Array.from(knnQuery(ix, [[0, 0]], 2).distances)).toEqual([1, 1]);
  });

  it('replacing an array of a checked index triggers a new check', () => {
    const ix = knnIndex(P, { method: 'brute' });
    knnQuerySelf(ix, 1);
    ix.points = { rows: 4, cols: 2, data: new Float64Array([0, 1, 1, 0, NaN, 2, 3, 1]) };
    expectLatentError(() => knnQuerySelf(ix, 1), 'E_MODEL', 'row 2, column 0');
  });
});
