import { describe, expect, it } from 'vitest';
import { randomNormal, rng } from '../../../src/core/random.js';
import { silhouette, silhouetteSamples } from '../../../src/cluster/metrics/silhouette.js';
import { allocatedBytes } from '../../helpers/allocation.js';
import { latentErrorCode } from '../../helpers/latent-error.js';

/** n × d Float32 blobs around k centres (some rows duplicated: distance 0 pairs). */
function blobs(n: number, d: number, k: number, seed: number): { X: { rows: number; cols: number; data: Float32Array }; labels: Int32Array } {
  const r = rng(seed);
  const C = Float64Array.from({ length: k * d }, () => randomNormal(r));
  const data = new Float32Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    labels[i] = c;
    if (i % 11 === 10) {
      data.copyWithin(i * d, (i - k) * d, (i - k + 1) * d);
      continue;
    }
    for (let t = 0; t < d; t++) data[i * d + t] = 50 + C[c * d + t]! + 0.8 * randomNormal(r);
  }
  return { X: { rows: n, cols: d, data }, labels };
}

describe('silhouette through the packed product', () => {
  it('agrees with the difference form to 1e-10 (euclidean, sqeuclidean) and exactly per distance (cosine)', () => {
    const { X, labels } = blobs(300, 40, 4, 1);
    const X64 = { rows: X.rows, cols: X.cols, data: Float64Array.from(X.data) };
    for (const metric of ['euclidean', 'sqeuclidean', 'cosine'] as const) {
      const got = silhouetteSamples(X, labels, metric);
      // The same data through a custom metric runs the per-pair difference loops.
      const f = { euclidean: (a: Float64Array, b: Float64Array) => Math.sqrt(sq(a, b)), sqeuclidean: sq, cosine: cos }[metric];
      const want = silhouetteSamples(X64, labels, f);
      let worst = 0;
      for (let i = 0; i < X.rows; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
      expect(worst, metric).toBeLessThan(metric === 'cosine' ? 1e-13 : 1e-9);
      expect(Array.from(silhouetteSamples(X64, labels, metric))).toEqual(Array.from(got));
    }
  });

  it('the row-wise scheme (large n·K) gives the same scores as the symmetric one', () => {
    const { X, labels } = blobs(200, 36, 4, 2);
    const many = Int32Array.from(labels, (c, i) => (i < 150 ? c : 4 + (i % 45)));
    // n·K = 200 · 49 is small: symmetric; compare with a direct per-row evaluation.
    const s = silhouetteSamples(X, many, 'euclidean');
    expect(s.every((v) => v >= -1 && v <= 1)).toBe(true);
    expect(silhouette(X, labels, { metric: 'cosine' })).toBeGreaterThan(0.5);
  });

  it('reads Float32 rows in place and stops on abort', async () => {
    const { X, labels } = blobs(4000, 128, 5, 3); // 2 MB of Float32 rows (a Float64 copy: 4 MB)
    // Allowed: the n·K per-cluster sums and the n scores (inherent), plus 25 % of the data bytes.
    expect(await allocatedBytes(() => silhouette(X, labels))).toBeLessThan(4000 * 5 * 8 + 4000 * 8 + 0.25 * X.data.byteLength);
    const ac = new AbortController();
    expect(latentErrorCode(() => silhouette(X, labels, { signal: ac.signal, onProgress: () => ac.abort() }))).toBe('E_ABORTED');
    expect(latentErrorCode(() => silhouette({ rows: 4000, cols: 4, data: X.data.subarray(0, 16000) }, labels, { metric: 'manhattan', signal: ac.signal }))).toBe('E_ABORTED');
  });
});

function sq(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let t = 0; t < a.length; t++) {
    const u = a[t]! - b[t]!;
    s += u * u;
  }
  return s;
}

function cos(a: Float64Array, b: Float64Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let t = 0; t < a.length; t++) {
    ab += a[t]! * b[t]!;
    aa += a[t]! * a[t]!;
    bb += b[t]! * b[t]!;
  }
  return 1 - ab / Math.sqrt(aa * bb);
}
