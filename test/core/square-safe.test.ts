import { describe, expect, it } from 'vitest';
import {
  calinskiHarabasz,
  daviesBouldin,
  kmeans,
  kmeansPredict,
  kmedoids,
  kmedoidsPredict,
  linkage,
  miniBatchKmeans,
  silhouette,
} from '../../src/cluster/index.js';
import { SQUARE_SAFE_MAX, assertSquareSafe } from '../../src/core/validate.js';
import { pca } from '../../src/decomposition/index.js';
import { tsne } from '../../src/manifold/index.js';
import { knn, knnIndex, knnQuery, knnSelf } from '../../src/neighbors/index.js';
import { expectLatentError, latentErrorCode } from '../helpers/latent-error.js';

// Values whose squared differences overflow used to give Infinity inertias and costs, NaN
// variances and tie-broken garbage labels without any error.
const big = [
  [1e200, 0],
  [2e200, 0],
  [1e201, 1e200],
  [1.1e201, 1e200],
  [3e200, 5e200],
];
const labels = [0, 0, 1, 1, 1];
const ok = [
  [1, 0],
  [2, 0],
  [10, 1],
  [11, 1],
  [3, 5],
];

describe('assertSquareSafe', () => {
  it('accepts ±2^500 and rejects anything beyond, naming the position', () => {
    expect(() => assertSquareSafe('f', 'X', Float64Array.of(SQUARE_SAFE_MAX, -SQUARE_SAFE_MAX, 0), 3)).not.toThrow();
    // A block of four whose sum of magnitudes exceeds the bound, with no single value beyond it.
    expect(() => assertSquareSafe('f', 'X', Float64Array.of(0.9, 0.9, 0.9, 0.9, 2).map((v) => v * SQUARE_SAFE_MAX), 5)).toThrow(/row 0, column 4/);
    expect(() => assertSquareSafe('f', 'X', Float64Array.of(0.9, 0.9, 0.9, 0.9).map((v) => v * SQUARE_SAFE_MAX), 4)).not.toThrow();
    expectLatentError(() => assertSquareSafe('f', 'X', new Float64Array([0, 0, 0, -4e150]), 2), 'E_RANGE', 'f: X values must lie within ±2^500', 'row 1, column 1');
  });
});

describe('functions that square differences reject values beyond ±2^500 with E_RANGE', () => {
  const fitted = kmeans(ok, { k: 2, seed: 1 });
  const medoids = kmedoids(ok, { k: 2 });
  const index = knnIndex(ok);
  it.each([
    ['kmeans', () => kmeans(big, { k: 2 })],
    ['kmeans init', () => kmeans(ok, { k: 1, init: [[1e200, 0]] })],
    ['miniBatchKmeans', () => miniBatchKmeans(big, { k: 2 })],
    ['kmeansPredict', () => kmeansPredict(fitted, [[1e200, 0]])],
    ['kmedoids', () => kmedoids(big, { k: 2 })],
    ['kmedoids sqeuclidean', () => kmedoids(big, { k: 2, metric: 'sqeuclidean' })],
    ['kmedoidsPredict', () => kmedoidsPredict(medoids, [[1e200, 0]])],
    ['linkage', () => linkage(big, { method: 'average' })],
    ['linkage ward', () => linkage(big, { method: 'ward' })],
    ['silhouette', () => silhouette(big, labels)],
    ['daviesBouldin', () => daviesBouldin(big, labels)],
    ['calinskiHarabasz', () => calinskiHarabasz(big, labels)],
    ['knn data', () => knn(big, ok, 2)],
    ['knn queries', () => knn(ok, big, 2)],
    ['knnSelf', () => knnSelf(big, 2)],
    ['knnIndex', () => knnIndex(big)],
    ['knnQuery', () => knnQuery(index, big, 2)],
    ['pca', () => pca(big, { components: 1 })],
    ['tsne', () => tsne(big, { perplexity: 1, iterations: 10 })],
  ] as const)('%s', (_name, f) => {
    expectLatentError(f, 'E_RANGE', 'values must lie within ±2^500', 'rescale the data first');
  });

  it('metrics that do not square (manhattan, chebyshev) and cosine k-means still accept such data', () => {
    expect(latentErrorCode(() => kmedoids(big, { k: 2, metric: 'manhattan' }))).toBe('none');
    expect(latentErrorCode(() => knnSelf(big, 2, { metric: 'chebyshev' }))).toBe('none');
    expect(latentErrorCode(() => kmeans(big, { k: 2, metric: 'cosine' }))).toBe('none');
  });
});
