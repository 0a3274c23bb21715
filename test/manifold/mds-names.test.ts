import { describe, expect, it } from 'vitest';
import { mds, mdsFromDistances } from '../../src/manifold/mds.js';
import { trustworthiness } from '../../src/manifold/trustworthiness.js';
import { expectLatentError } from '../helpers/latent-error.js';

// Fuzz findings (manifold/mds-inner-names): errors raised inside the distance, eigensolver and
// neighbour code must name the function the user called, and squares that would overflow are E_RANGE.
describe('mds, mdsFromDistances and trustworthiness name themselves in errors', () => {
  it('mds with a misbehaving custom metric reports as mds, not pdist', () => {
    const err = expectLatentError(() => mds([[0], [1], [2]], { metric: () => NaN }), 'E_NOT_FINITE', 'metric');
    expect(err.message.startsWith('mds: ')).toBe(true);
  });

  it('mds refuses distances or coordinates whose squares overflow, with E_RANGE', () => {
    expect(expectLatentError(() => mds([[0], [1], [2]], { metric: () => 1e300 }), 'E_RANGE', '2^500', '1e+300').message.startsWith('mds: ')).toBe(true);
    expect(expectLatentError(() => mds([[0], [1], [1e300]]), 'E_RANGE', 'X', 'row 2').message.startsWith('mds: ')).toBe(true);
    // Just inside the bound the euclidean path still works.
    expect(mds([[0], [1], [1e150]], { dims: 1 }).eigenvalues[0]).toBeGreaterThan(0);
  });

  it('mdsFromDistances of MAX_VALUE distances is E_RANGE naming mdsFromDistances (not "mds: A must be finite")', () => {
    const m = Number.MAX_VALUE;
    expect(expectLatentError(() => mdsFromDistances([m, m, 1]), 'E_RANGE', 'distances', '2^500').message.startsWith('mdsFromDistances: ')).toBe(true);
    expect(expectLatentError(() => mdsFromDistances([[0, m], [m, 0]]), 'E_RANGE', 'distances').message.startsWith('mdsFromDistances: ')).toBe(true);
    expect(mdsFromDistances([3, 4, 5], { dims: 2 }).eigenvalues[0]).toBeCloseTo(12.964147996483268, 10);
  });

  it('trustworthiness of an overflowing embedding reports as trustworthiness, naming the embedding (not knnSelf)', () => {
    const X = [[0], [1], [2], [3], [4]];
    const err = expectLatentError(() => trustworthiness(X, [[0], [1], [2], [3], [Number.MAX_VALUE]], 1), 'E_RANGE', 'embedding', 'row 4');
    expect(err.message.startsWith('trustworthiness: ')).toBe(true);
  });
});
