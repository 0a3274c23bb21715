import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../../src/core/matrix.js';
import { nextDouble, randomNormal, rng, rngState } from '../../../src/core/random.js';
import { rowSqNorms } from '../../../src/distance/kernels.js';
import { AUTO_N_INIT_MAX_WORK, kmeans } from '../../../src/cluster/kmeans/kmeans.js';
import { kmeansPlusPlus } from '../../../src/cluster/kmeans/kmeans-init.js';
import { kmeansPredict } from '../../../src/cluster/kmeans/kmeans-predict.js';
import { elkan } from '../../../src/cluster/kmeans/elkan.js';
import { hamerly } from '../../../src/cluster/kmeans/hamerly.js';
import { lloyd } from '../../../src/cluster/kmeans/lloyd.js';
import { absoluteTolerance, hullDiameter, type KMeansProblem } from '../../../src/cluster/kmeans/kmeans-step.js';
import { miniBatchKmeans } from '../../../src/cluster/kmeans/minibatch-kmeans.js';
import { allocatedBytes } from '../../helpers/allocation.js';
import { latentErrorCode } from '../../helpers/latent-error.js';

/** Overlapping blobs in d dimensions (Float32), with every 7th row a duplicate of the previous one. */
function blobs32(n: number, d: number, k: number, seed: number): Matrix<Float32Array> {
  const r = rng(seed);
  const C = Float64Array.from({ length: k * d }, () => r() * 2 - 1);
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    if (i % 7 === 6) {
      data.copyWithin(i * d, (i - 1) * d, i * d);
      continue;
    }
    const c = i % k;
    for (let t = 0; t < d; t++) data[i * d + t] = C[c * d + t]! + 0.6 * randomNormal(r);
  }
  return { rows: n, cols: d, data };
}

function problem(X: Float64Array | Float32Array, n: number, d: number, k: number, init: Float64Array, product: boolean): KMeansProblem {
  return {
    X,
    sqX: product ? rowSqNorms(X, n, d) : null,
    n,
    d,
    k,
    init,
    initLabels: null,
    initClosest: null,
    maxIter: 100,
    tol: absoluteTolerance(X, n, d, 1e-4),
    spherical: false,
    diameter: hullDiameter(X, n, d, init, k),
    observer: null,
  };
}

describe('k-means through the packed product', () => {
  it('k-means++ picks the same rows and the same first assignment as the pruned difference form', () => {
    for (const [n, d, k] of [
      [400, 40, 9],
      [300, 36, 30],
    ] as const) {
      const X = Float64Array.from(blobs32(n, d, 5, n + d).data);
      const a = new Float64Array(k * d);
      const b = new Float64Array(k * d);
      const ra = kmeansPlusPlus(X, n, d, k, rngState(3), a, undefined, null);
      const rb = kmeansPlusPlus(X, n, d, k, rngState(3), b, undefined, rowSqNorms(X, n, d));
      expect(Array.from(rb.chosen)).toEqual(Array.from(ra.chosen));
      expect(Array.from(rb.labels)).toEqual(Array.from(ra.labels));
      expect(Array.from(rb.closest)).toEqual(Array.from(ra.closest));
      expect(Array.from(b)).toEqual(Array.from(a));
    }
  });

  it('k-means++ through every candidate layout (1–10 trials, odd n, Float64 and Float32) equals the difference form', () => {
    const n = 211;
    const d = 37;
    const X32 = blobs32(n, d, 6, 5).data;
    const X64 = Float64Array.from(X32);
    for (let trials = 1; trials <= 10; trials++) {
      const a = new Float64Array(14 * d);
      const ra = kmeansPlusPlus(X64, n, d, 14, rngState(trials), a, trials, null);
      for (const X of [X64, X32]) {
        const b = new Float64Array(14 * d);
        const rb = kmeansPlusPlus(X, n, d, 14, rngState(trials), b, trials, rowSqNorms(X, n, d));
        expect(Array.from(rb.chosen)).toEqual(Array.from(ra.chosen));
        expect(Array.from(rb.labels)).toEqual(Array.from(ra.labels));
        expect(Array.from(rb.closest)).toEqual(Array.from(ra.closest));
        expect(Array.from(b)).toEqual(Array.from(a));
      }
    }
  });

  it('k-means++ breaks exact ties between candidates like the pruned version (all rows duplicated)', () => {
    const n = 240;
    const d = 33;
    const s = rngState(9);
    const X = new Float64Array(n * d);
    for (let i = 0; i < n; i += 2) for (let t = 0; t < d; t++) X[i * d + t] = X[(i + 1) * d + t] = Math.floor(nextDouble(s) * 3);
    for (const seed of [1, 2, 3]) {
      const ra = kmeansPlusPlus(X, n, d, 12, rngState(seed), new Float64Array(12 * d), undefined, null);
      const rb = kmeansPlusPlus(X, n, d, 12, rngState(seed), new Float64Array(12 * d), undefined, rowSqNorms(X, n, d));
      expect(Array.from(rb.chosen)).toEqual(Array.from(ra.chosen));
      expect(Array.from(rb.closest)).toEqual(Array.from(ra.closest));
    }
  });

  it('Lloyd, Elkan and Hamerly give the difference form’s iterates bit for bit, on Float64 and Float32 data', () => {
    const n = 500;
    const d = 40;
    const k = 8;
    const X32 = blobs32(n, d, 6, 4).data;
    const X64 = Float64Array.from(X32);
    const init = X64.slice(0, k * d);
    const want = lloyd(problem(X64, n, d, k, init, false));
    for (const run of [lloyd, elkan, hamerly]) {
      for (const X of [X64, X32]) {
        const got = run(problem(X, n, d, k, init, true));
        expect(Array.from(got.labels)).toEqual(Array.from(want.labels));
        expect(Array.from(got.centers)).toEqual(Array.from(want.centers));
        expect(got.inertia).toBe(want.inertia);
        expect(got.iterations).toBe(want.iterations);
      }
    }
  });

  it('kmeans on Float32 rows equals kmeans on their Float64 widening; predict and mini-batch too', () => {
    const m = blobs32(600, 48, 4, 5);
    const wide = { rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) };
    const a = kmeans(m, { k: 4, seed: 2 });
    const b = kmeans(wide, { k: 4, seed: 2 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.inertia).toBe(b.inertia);
    expect(Array.from(kmeansPredict(a, m))).toEqual(Array.from(a.labels));
    const mb32 = miniBatchKmeans(m, { k: 4, seed: 2, batchSize: 64 });
    const mb64 = miniBatchKmeans(wide, { k: 4, seed: 2, batchSize: 64 });
    expect(Array.from(mb32.centroids.data)).toEqual(Array.from(mb64.centroids.data));
    expect(mb32.inertia).toBe(mb64.inertia);
    const cos32 = kmeans(m, { k: 3, seed: 1, metric: 'cosine' });
    const cos64 = kmeans(wide, { k: 3, seed: 1, metric: 'cosine' });
    expect(cos32.inertia).toBe(cos64.inertia);
  });

  it('reads Float32 data in place: predict within 25 %, Hamerly k-means and mini-batch within 50 % of the data bytes', async () => {
    const m = blobs32(10000, 64, 6, 6); // 2.6 MB of Float32 rows; a Float64 copy would be 5.1 MB
    const model = kmeans({ rows: 1000, cols: 64, data: m.data.subarray(0, 1000 * 64) }, { k: 6, nInit: 1 });
    expect(await allocatedBytes(() => kmeansPredict(model, m))).toBeLessThan(0.25 * m.data.byteLength);
    expect(await allocatedBytes(() => kmeans(m, { k: 6, nInit: 1, algorithm: 'hamerly', maxIter: 3 }))).toBeLessThan(0.5 * m.data.byteLength);
    expect(await allocatedBytes(() => miniBatchKmeans(m, { k: 6, maxIter: 1, batchSize: 128 }))).toBeLessThan(0.5 * m.data.byteLength);
    // The measurement sees a widening copy: predicting on a Float64 copy made inside the call counts it.
    expect(await allocatedBytes(() => kmeansPredict(model, { rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) }))).toBeGreaterThan(2 * m.data.byteLength);
  });

  it("nInit 'auto': 10 k-means++ starts on small problems, 1 above AUTO_N_INIT_MAX_WORK", () => {
    const totals = (X: Matrix, k: number): number => {
      let total = 0;
      kmeans(X, { k, maxIter: 1, onProgress: (p) => void (p.stage === 'init' && (total = p.total)) });
      return total;
    };
    expect(totals(blobs32(200, 8, 3, 7), 3)).toBe(30);
    const big = blobs32(1000, 420, 3, 8); // n·k·d = 1000 · 80 · 420 > AUTO_N_INIT_MAX_WORK
    expect(1000 * 80 * 420).toBeGreaterThan(AUTO_N_INIT_MAX_WORK);
    expect(totals(big, 80)).toBe(80);
    expect(latentErrorCode(() => kmeans(big, { k: 3, nInit: 'many' as unknown as 'auto' }))).toBe('E_OPTION');
  });

  it('kmeans and miniBatchKmeans stop with E_ABORTED from onProgress, in seeding, iterations and steps', () => {
    const m = blobs32(3000, 40, 5, 9);
    for (const stage of ['init', 'iterate']) {
      const ac = new AbortController();
      const code = latentErrorCode(() => kmeans(m, { k: 5, nInit: 1, signal: ac.signal, onProgress: (p) => void (p.stage === stage && ac.abort()) }));
      expect(code).toBe('E_ABORTED');
    }
    const ac = new AbortController();
    expect(latentErrorCode(() => miniBatchKmeans(m, { k: 5, batchSize: 32, signal: ac.signal, onProgress: (p) => void (p.stage === 'step' && p.completed > 0 && ac.abort()) }))).toBe('E_ABORTED');
    const done = new AbortController();
    done.abort();
    expect(latentErrorCode(() => miniBatchKmeans(m, { k: 5, signal: done.signal }))).toBe('E_ABORTED');
  });
});
