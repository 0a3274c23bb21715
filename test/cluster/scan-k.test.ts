import { describe, expect, it } from 'vitest';
import { scanK, silhouette } from '../../src/cluster/index.js';
import { loadCsv } from '../helpers/data.js';
import { expectLatentError, latentErrorCode } from '../helpers/latent-error.js';
import { gaussianBlobs } from '../helpers/random-data.js';

describe('scanK', () => {
  it('finds the number of well separated blobs by both rules', () => {
    const X = gaussianBlobs(400, 3, 5, 0.6, 3); // seed 3: five centres at least 6 apart
    const scan = scanK(X, { kMax: 9 });
    expect(Array.from(scan.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(scan.silhouetteK).toBe(5);
    expect(scan.elbowK).toBe(5);
    expect(scan.suggestedK).toBe(5);
    expect(scan.rule).toBe('silhouette');
    expect(scan.models).toHaveLength(8);
    // The curves are the models' inertia and silhouette.
    scan.models.forEach((m, i) => {
      expect(scan.inertia[i]).toBe(m.inertia);
      expect(scan.silhouette[i]).toBeCloseTo(silhouette(X, m.labels), 12);
    });
    for (let i = 1; i < scan.inertia.length; i++) expect(scan.inertia[i]).toBeLessThanOrEqual(scan.inertia[i - 1]! * (1 + 1e-9));
  });

  it('iris: silhouette prefers 2, the elbow 3; the rule option picks which one is suggested', () => {
    const X = loadCsv('iris').data;
    const scan = scanK(X, { kMax: 6 });
    expect(scan.silhouetteK).toBe(2);
    expect(scan.elbowK).toBe(3);
    expect(scanK(X, { kMax: 6, rule: 'elbow' }).suggestedK).toBe(3);
  });

  it('samples rows for the silhouette when n > sampleSize, and handles k = 1 and n = 1', () => {
    const X = gaussianBlobs(300, 2, 3, 0.5, 4);
    const scan = scanK(X, { kMin: 1, kMax: 5, sampleSize: 100 });
    expect(scan.silhouette[0]).toBe(0);
    expect(scan.silhouetteK).toBe(3);
    const full = scanK(X, { kMin: 1, kMax: 5 });
    expect(Math.abs(scan.silhouette[2]! - full.silhouette[2]!)).toBeLessThan(0.05);
    const one = scanK([[1, 2]]);
    expect(Array.from(one.k)).toEqual([1]);
    expect(one.suggestedK).toBe(1);
  });

  it('errors', () => {
    const X = [[0], [1], [2], [3]];
    expect(latentErrorCode(() => scanK(X, { kMin: 0 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => scanK(X, { kMin: 3, kMax: 2 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => scanK(X, { kMax: 5 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => scanK(X, { rule: 'gap' as 'elbow' }))).toBe('E_OPTION');
    expect(latentErrorCode(() => scanK(X, { sampleSize: 1 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => scanK(X, { nInit: 0 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => scanK([], {}))).toBe('E_SHAPE');
    expect(latentErrorCode(() => scanK(X, null as unknown as object))).toBe('E_TYPE');
  });

  it('messages about the forwarded k-means options name scanK, the function called (fuzz: wrong-function-name)', () => {
    const X = [[0], [1], [2], [3]];
    expectLatentError(() => scanK(X, { algorithm: 'AUTO' as never }), 'E_OPTION', 'scanK: algorithm must be one of');
    expectLatentError(() => scanK(X, { maxIter: [1, 2] as never }), 'E_TYPE', 'scanK: maxIter must be an integer');
    expectLatentError(() => scanK(X, { metric: 'EUCLIDEAN' as never }), 'E_OPTION', 'scanK: metric must be one of');
    expectLatentError(() => scanK(X, { nInit: (() => 0) as never }), 'E_TYPE', 'scanK: nInit');
    expectLatentError(() => scanK(X, { tol: [] as never }), 'E_TYPE', 'scanK: tol');
  });
});
