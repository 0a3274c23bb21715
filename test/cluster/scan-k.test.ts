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

describe('scanK: signal and onProgress', () => {
  it('reports one scan step per k and gives the same scan with or without observers', () => {
    const X = gaussianBlobs(300, 2, 3, 0.5, 4);
    const seen: { stage: string; completed: number; total: number }[] = [];
    const observed = scanK(X, { kMin: 2, kMax: 5, onProgress: (p) => seen.push({ stage: p.stage, completed: p.completed, total: p.total }), signal: new AbortController().signal });
    expect(seen).toEqual([2, 3, 4, 5].map((_, i) => ({ stage: 'scan', completed: i + 1, total: 4 })));
    const plain = scanK(X, { kMin: 2, kMax: 5 });
    expect(Array.from(observed.inertia)).toEqual(Array.from(plain.inertia));
    expect(Array.from(observed.silhouette)).toEqual(Array.from(plain.silhouette));
  });

  it('stops on the signal, mid-scan too, with an E_ABORTED that names scanK', () => {
    const X = gaussianBlobs(300, 2, 3, 0.5, 4);
    const before = new AbortController();
    before.abort();
    expectLatentError(() => scanK(X, { signal: before.signal }), 'E_ABORTED', 'scanK');
    // abort from the progress report of the second k: the third k-means run stops at its first check
    const during = new AbortController();
    let reports = 0;
    const onProgress = (): void => {
      if (++reports === 2) during.abort();
    };
    const e = expectLatentError(() => scanK(X, { kMin: 2, kMax: 6, signal: during.signal, onProgress }), 'E_ABORTED', 'scanK');
    expect(e.message).not.toContain('kmeans');
    expect(reports).toBe(2);
    expectLatentError(() => scanK(X, { signal: 'stop' as never }), 'E_TYPE', 'scanK: signal must be an AbortSignal');
    expectLatentError(() => scanK(X, { onProgress: 3 as never }), 'E_TYPE', 'scanK: onProgress must be a function');
  });
});
