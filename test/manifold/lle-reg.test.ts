import { describe, expect, it } from 'vitest';
import { lle } from '../../src/manifold/lle.js';
import { lleTransform } from '../../src/manifold/lle-transform.js';
import { expectLatentError } from '../helpers/latent-error.js';

const X = [[0, 0, 1], [1, 0, 0], [0, 1, 0], [1, 1, 0], [1, 0, 1], [0, 1, 1], [2, 1, 0], [1, 2, 0]];

// Fuzz finding manifold/lle-reg-extremes: reg was only checked to be ≥ 0.
describe('lle reg extremes', () => {
  it('reg beyond 1e6 is E_RANGE (MAX_VALUE used to give a NaN embedding)', () => {
    for (const reg of [1e6 * (1 + 1e-15), 1e300, Number.MAX_VALUE]) {
      expectLatentError(() => lle(X, { nNeighbors: 3, dims: 1, reg }), 'E_RANGE', 'lle: reg', '1000000');
    }
  });

  it('a subnormal reg that cannot lift a singular local system is E_RANGE naming the row, for both methods', () => {
    expectLatentError(() => lle(X, { nNeighbors: 3, dims: 1, reg: 5e-324, method: 'modified' }), 'E_RANGE', 'lle: ', 'numerically singular', 'row 3', '5e-324');
    expectLatentError(() => lle(X, { nNeighbors: 3, dims: 1, reg: 5e-324 }), 'E_RANGE', 'lle: ', 'singular', 'row 3');
  });

  it('moderate values at both ends of the range give finite embeddings', () => {
    for (const method of ['standard', 'modified'] as const) {
      for (const reg of [1e-16, 1e-3, 1e6]) {
        const e = lle(X, { nNeighbors: 3, dims: 1, reg, method }).embedding.data;
        expect(e.every(Number.isFinite), `${method} reg=${reg}`).toBe(true);
      }
    }
  });
});

describe('lleTransform with data beyond ±2^500', () => {
  it('is E_RANGE naming lleTransform and X (not the inner knn)', () => {
    const model = lle(X, { nNeighbors: 3, dims: 1 });
    expectLatentError(() => lleTransform(model, [[0, Number.MAX_VALUE, 0]]), 'E_RANGE', 'lleTransform: X', 'row 0, column 1');
  });
});
