import { describe, expect, it } from 'vitest';
import { isomap } from '../../src/manifold/isomap.js';
import { isomapTransform } from '../../src/manifold/isomap-transform.js';
import { expectLatentError } from '../helpers/latent-error.js';

const X = [[0, 0], [1, 0], [0, 1], [1, 1], [2, 1], [1, 2]];

// Found by FUZZ_DEPTH=5 (seeds 7 and 2).
describe('isomap / isomapTransform edge cases', () => {
  it('isomap of data beyond ±2^500 reports as isomap, naming X (not knnSelf)', () => {
    const err = expectLatentError(() => isomap([[1e151, 0], [0, 0], [1, 1], [2, 0]], { dims: 1, nNeighbors: 2 }), 'E_RANGE', 'X', 'row 0, column 0');
    expect(err.message.startsWith('isomap: ')).toBe(true);
  });

  it('an aborted signal is E_ABORTED even for an empty batch', () => {
    const model = isomap(X, { dims: 1, nNeighbors: 3 });
    const signal = AbortSignal.abort();
    expectLatentError(() => isomapTransform(model, [], { signal }), 'E_ABORTED', 'isomapTransform');
    expect(isomapTransform(model, []).rows).toBe(0);
  });

  it('geodesic distances whose squares overflow are E_RANGE (manhattan: no ±2^500 bound on X)', () => {
    const model = isomap(X, { dims: 1, nNeighbors: 3, metric: 'manhattan' });
    expectLatentError(() => isomapTransform(model, [[Number.MAX_VALUE / 2, 0]]), 'E_RANGE', 'isomapTransform: ', 'geodesic distance', '2^500');
    expect(isomapTransform(model, [[0.5, 0.5]]).data.every(Number.isFinite)).toBe(true);
  });
});
