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

  it('geodesic distances above 2^200 are E_RANGE at fit, not a NaN embedding (found: data spread over 1e80)', () => {
    const ring = Array.from({ length: 30 }, (_, i) => [Math.cos(i / 5), Math.sin(i / 5), i / 30]);
    for (const scale of [1e80, 1e140]) {
      expectLatentError(() => isomap(ring.map((r) => r.map((v) => v * scale)), { nNeighbors: 5 }), 'E_RANGE', 'isomap: ', 'geodesic distances', '2^200');
    }
    // manhattan does not bound X by ±2^500: the geodesic bound still holds.
    expectLatentError(() => isomap(ring.map((r) => r.map((v) => v * 1e299)), { nNeighbors: 5, metric: 'manhattan' }), 'E_RANGE', 'isomap: ', 'geodesic distances');
    // Below the bound the fit is the scaled fit (a power of two scales every step exactly).
    const small = isomap(ring, { nNeighbors: 5 });
    const scaled = isomap(ring.map((r) => r.map((v) => v * 2 ** 150)), { nNeighbors: 5 });
    expect(scaled.embedding.data.every(Number.isFinite)).toBe(true);
    for (let t = 0; t < small.embedding.data.length; t++) {
      expect(scaled.embedding.data[t]! / 2 ** 150).toBeCloseTo(small.embedding.data[t]!, 9);
    }
  });
});
