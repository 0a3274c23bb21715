import { describe, expect, it } from 'vitest';
import { kmeans, kmeansPredict, miniBatchKmeans } from '../../../src/cluster/index.js';
import { loadCsv } from '../../helpers/data.js';
import { latentErrorCode } from '../../helpers/latent-error.js';
import { gaussianBlobs } from '../../helpers/random-data.js';

describe('miniBatchKmeans', () => {
  it('reaches nearly the full k-means inertia on blobs (20 000 × 5, k = 6)', () => {
    const X = gaussianBlobs(20000, 5, 6, 1.5, 3);
    const full = kmeans(X, { k: 6, nInit: 3 });
    const mb = miniBatchKmeans(X, { k: 6 });
    expect(mb.inertia).toBeLessThan(full.inertia * 1.02);
    expect(mb.inertia).toBeGreaterThanOrEqual(full.inertia * (1 - 1e-9));
    expect(mb.converged).toBe(true);
    expect(mb.kind).toBe('kmeans');
    expect(Array.from(kmeansPredict(mb, X))).toEqual(Array.from(mb.labels));
  });

  it('is deterministic and takes an explicit init', () => {
    const X = loadCsv('iris').data;
    expect(miniBatchKmeans(X, { k: 3, batchSize: 32 })).toEqual(miniBatchKmeans(X, { k: 3, batchSize: 32, seed: 42 }));
    const init = [
      [5, 3.4, 1.5, 0.2],
      [5.9, 2.8, 4.4, 1.4],
      [6.8, 3, 5.7, 2.1],
    ];
    const m = miniBatchKmeans(X, { k: 3, init, batchSize: 50, maxIter: 20 });
    expect(m.inertia).toBeLessThan(85);
    const r = miniBatchKmeans(X, { k: 3, init: 'random', batchSize: 50 });
    expect(r.inertia).toBeLessThan(150);
  });

  it('a positive tol can stop it; without tol or plateau rule it runs maxIter passes', () => {
    const X = loadCsv('iris').data;
    // batchSize = n: one step per pass, so maxIter 100 allows 100 steps.
    const opts = { k: 3, batchSize: 150, reassignmentRatio: 0, maxNoImprovement: 1_000_000 } as const;
    const stopped = miniBatchKmeans(X, { ...opts, tol: 1e-2 });
    expect(stopped.converged).toBe(true);
    expect(stopped.iterations).toBeLessThan(100);
    const full = miniBatchKmeans(X, { ...opts, tol: 0 });
    expect(full.converged).toBe(false);
    expect(full.iterations).toBe(100);
  });

  it('cosine metric gives unit centroids', () => {
    const X = loadCsv('iris').data;
    const m = miniBatchKmeans(X, { k: 3, metric: 'cosine', batchSize: 64 });
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let t = 0; t < 4; t++) s += m.centroids.data[c * 4 + t]! ** 2;
      expect(s).toBeCloseTo(1, 12);
    }
    expect(m.metric).toBe('cosine');
  });

  it('starved centres are moved to data rows (k close to the number of distinct rows)', () => {
    const X = { rows: 40, cols: 1, data: Float64Array.from({ length: 40 }, (_, i) => i % 5) };
    const m = miniBatchKmeans(X, { k: 5, batchSize: 4, maxIter: 50 });
    expect(m.inertia).toBeLessThan(10);
    for (const v of m.centroids.data) expect(Number.isFinite(v)).toBe(true);
  });

  it('errors', () => {
    const X = [[0], [1], [2]];
    expect(latentErrorCode(() => miniBatchKmeans(X, { k: 4 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => miniBatchKmeans(X, { k: 1, batchSize: 0 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => miniBatchKmeans(X, { k: 1, maxNoImprovement: 0 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => miniBatchKmeans(X, { k: 1, reassignmentRatio: 2 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => miniBatchKmeans(X, { k: 1, reassignmentRatio: 'x' as unknown as number }))).toBe('E_TYPE');
    expect(latentErrorCode(() => miniBatchKmeans([[NaN]], { k: 1 }))).toBe('E_NOT_FINITE');
  });
});

describe('miniBatchKmeans: batch memory', () => {
  it('refuses a batchSize whose per-step buffers exceed the 4 GiB one call may allocate, before allocating', async () => {
    const { expectLatentError } = await import('../../helpers/latent-error.js');
    const X = [[0, 1], [1, 0], [5, 5], [6, 5]];
    for (const batchSize of [1e9, 2 ** 31, Number.MAX_SAFE_INTEGER]) {
      expectLatentError(() => miniBatchKmeans(X, { k: 2, batchSize }), 'E_MEMORY', 'miniBatchKmeans: a batch of', '(batchSize)');
    }
    // a batch larger than the data is still legal (rows are drawn with replacement)
    expect(miniBatchKmeans(X, { k: 2, batchSize: 64, seed: 1 }).labels.length).toBe(4);
  });
});
