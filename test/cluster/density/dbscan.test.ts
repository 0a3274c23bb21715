import { describe, expect, it } from 'vitest';
import { dbscan } from '../../../src/cluster/density/dbscan.js';
import { euclidean } from '../../../src/distance/metrics.js';
import { loadGolden } from '../../helpers/data.js';
import { loadDensityData, type DensityDataName } from '../../helpers/density-data.js';
import { expectLatentError } from '../../helpers/latent-error.js';

interface DbscanCase {
  data: DensityDataName;
  options: { eps: number; min_samples: number };
  labels: number[];
  core: number[];
}
const golden = loadGolden<{ tool: string; dbscan: DbscanCase[] }>('density');

describe('dbscan', () => {
  it('returns the documented example', () => {
    const X = [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 2], [8, 8], [8, 9], [9, 8], [30, 30]];
    const model = dbscan(X, { eps: 1.2, minSamples: 3 });
    expect(model).toEqual({ kind: 'dbscan', version: 1, labels: new Int32Array([0, 0, 0, 0, 0, 1, 1, 1, -1]), core: new Int32Array([0, 1, 2, 3, 4, 5]) });
  });

  it.each(golden.dbscan.map((c) => [`${c.data} eps=${c.options.eps} minSamples=${c.options.min_samples}`, c] as const))(
    'matches scikit-learn 1.9.1 on %s: same core points, same core partition and numbering, borders to the nearest core point',
    (_name, c) => {
      const X = loadDensityData(c.data);
      const { labels, core } = dbscan(X, { eps: c.options.eps, minSamples: c.options.min_samples });
      const isCore = new Uint8Array(X.rows);
      for (const i of core) isCore[i] = 1;
      expect(Array.from(isCore)).toEqual(c.core);
      for (let i = 0; i < X.rows; i++) if (c.core[i] === 1) expect(labels[i], `core point ${i}`).toBe(c.labels[i]);
      // Border points: noise exactly when scikit-learn says so, else the cluster of the nearest core point.
      const d = X.cols;
      const row = (i: number): Float64Array => X.data.subarray(i * d, (i + 1) * d);
      let borderDiffs = 0;
      for (let i = 0; i < X.rows; i++) {
        if (c.core[i] === 1) continue;
        expect(labels[i] === -1, `noise ${i}`).toBe(c.labels[i] === -1);
        if (labels[i] === -1) continue;
        let best = -1;
        let bestD = Infinity;
        for (const j of core) {
          const v = euclidean(row(i), row(j));
          if (v < bestD) {
            bestD = v;
            best = j;
          }
        }
        expect(labels[i]).toBe(labels[best]);
        if (labels[i] !== c.labels[i]) borderDiffs++;
      }
      // scikit-learn gives a border point to the first cluster that reaches it: only a few differ.
      expect(borderDiffs).toBeLessThanOrEqual(c.data === 'digits' ? 3 : 0);
    },
  );

  it('is the same on Float32 data, and with a custom metric', () => {
    const X = loadDensityData('blobs_noise2d');
    const f32 = { rows: X.rows, cols: 2, data: Float32Array.from(X.data) };
    const a = dbscan(f32, { eps: 0.35, minSamples: 8 });
    const b = dbscan(Array.from({ length: X.rows }, (_, i) => Array.from(f32.data.subarray(2 * i, 2 * i + 2))), { eps: 0.35, minSamples: 8 });
    expect(a).toEqual(b);
    const c = dbscan(f32, { eps: 0.35, minSamples: 8, metric: (p, q) => Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!) });
    expect(c.core).toEqual(a.core);
  });

  it('handles one point, all noise, one cluster and duplicates', () => {
    expect(dbscan([[1, 2]], { eps: 1 })).toEqual({ kind: 'dbscan', version: 1, labels: new Int32Array([-1]), core: new Int32Array(0) });
    expect(dbscan([[1, 2]], { eps: 1, minSamples: 1 }).labels).toEqual(new Int32Array([0]));
    expect(dbscan([[0], [10], [20]], { eps: 1, minSamples: 2 }).labels).toEqual(new Int32Array([-1, -1, -1]));
    const same = Array.from({ length: 6 }, () => [3, 3]);
    expect(dbscan(same, { eps: 1e-9, minSamples: 6 })).toEqual({ kind: 'dbscan', version: 1, labels: new Int32Array(6), core: new Int32Array([0, 1, 2, 3, 4, 5]) });
  });

  it('gives a border point within eps of two clusters to the nearest core point, whatever the row order', () => {
    // Two groups of 5 core points; the border point 1.33 is 0.93 from core point 0.4 and 0.97
    // from core point 2.3. scikit-learn would give it to B, the cluster expanded first (rows
    // first); latent to A, the nearest.
    const B = [[2.3], [2.4], [2.5], [2.6], [2.7]];
    const A = [[0], [0.1], [0.2], [0.3], [0.4]];
    const m = dbscan([...B, ...A, [1.33]], { eps: 1, minSamples: 5 });
    expect(m.labels).toEqual(new Int32Array([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]));
    expect(m.core).toEqual(new Int32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const r = dbscan([[1.33], ...A, ...B], { eps: 1, minSamples: 5 });
    expect(r.labels).toEqual(new Int32Array([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]));
  });

  it('rejects bad input with coded errors', () => {
    expectLatentError(() => dbscan([[0, 0]], { eps: 0 }), 'E_RANGE', 'eps');
    expectLatentError(() => dbscan([[0, 0]], { eps: -1 }), 'E_RANGE', 'eps');
    expectLatentError(() => dbscan([[0, 0]], { eps: NaN }), 'E_NOT_FINITE', 'eps');
    expectLatentError(() => dbscan([[0, 0]], {} as never), 'E_TYPE', 'eps');
    expectLatentError(() => dbscan([[0, 0]], undefined as never), 'E_TYPE', 'options');
    expectLatentError(() => dbscan([[0, 0]], { eps: 1, minSamples: 0 }), 'E_RANGE', 'minSamples');
    expectLatentError(() => dbscan([[0, 0]], { eps: 1, minSamples: 2.5 }), 'E_RANGE', 'minSamples');
    expectLatentError(() => dbscan([[0, Infinity]], { eps: 1 }), 'E_NOT_FINITE');
    expectLatentError(() => dbscan([], { eps: 1 }), 'E_SHAPE', 'at least 1 row');
    expectLatentError(() => dbscan([[0, 0]], { eps: 1, min_samples: 3 } as never), 'E_OPTION', "did you mean 'minSamples'");
    expectLatentError(() => dbscan([[0, 0]], { eps: 1, metric: 'hamming' } as never), 'E_OPTION', 'metric');
    const X = Array.from({ length: 300 }, (_, i) => [i % 7, Math.floor(i / 7) % 5]);
    // Too small even for the streamed search's buffers.
    expectLatentError(() => dbscan(X, { eps: 100, memoryLimit: 20_000 }), 'E_MEMORY');
    const ac = new AbortController();
    ac.abort();
    expectLatentError(() => dbscan(X, { eps: 1, signal: ac.signal }), 'E_ABORTED', 'dbscan');
  });

  it('streams the search when the neighbourhood lists would not fit memoryLimit: same model, O(n) memory', () => {
    const X = Array.from({ length: 300 }, (_, i) => [i % 7, Math.floor(i / 7) % 5]);
    const totals: number[] = [];
    const small = dbscan(X, { eps: 100, memoryLimit: 400_000, onProgress: (p) => void (p.stage === 'radius' && totals.push(p.total)) });
    expect(small).toEqual(dbscan(X, { eps: 100 }));
    // 300 × 299 entries need more than 400 kB as lists: two passes of 300 rows each were reported.
    expect(Math.max(...totals)).toBe(600);
  });

  it('clusters many identical rows (every pair a neighbour) without collecting n² entries', () => {
    const n = 3000;
    const d = 16;
    const X = { rows: n, cols: d, data: new Float32Array(n * d).fill(0.25) };
    // 9·10⁶ entries would take ≥ 36 MB as lists; the streamed passes need a few hundred kB.
    const m = dbscan(X, { eps: 0.5, memoryLimit: 4_000_000 });
    expect(m.labels).toEqual(new Int32Array(n));
    expect(m.core).toEqual(Int32Array.from({ length: n }, (_, i) => i));
  });

  it('stops a streamed search on its signal (second pass)', () => {
    const n = 3000;
    const X = { rows: n, cols: 16, data: new Float32Array(n * 16).fill(0.25) };
    const ac = new AbortController();
    let seen = 0;
    expectLatentError(
      () =>
        dbscan(X, {
          eps: 0.5,
          memoryLimit: 4_000_000,
          signal: ac.signal,
          onProgress: (p) => {
            seen = Math.max(seen, p.completed);
            if (p.stage === 'radius' && p.total === 2 * n && p.completed > n) ac.abort();
          },
        }),
      'E_ABORTED',
      'dbscan',
    );
    expect(seen).toBeGreaterThan(n);
  });

  it('falls back to streaming when a sample underestimates the lists (dense rows the sample misses)', () => {
    // 2 000 rows: the 256 evenly spaced rows the estimate samples are isolated, the other 1 744
    // identical, so the lists (3·10⁶ entries) outgrow the 8 MB budget only once collected.
    const n = 2000;
    const sampled = new Set(Array.from({ length: 256 }, (_, t) => Math.floor(((t + 0.5) * n) / 256)));
    const X = Array.from({ length: n }, (_, i) => (sampled.has(i) ? [1000 * i, 1000] : [0, 0]));
    const totals: number[] = [];
    const m = dbscan(X, { eps: 1, memoryLimit: 8_000_000, onProgress: (p) => void (p.stage === 'radius' && totals.push(p.total)) });
    expect(totals).toContain(n);
    expect(totals).toContain(2 * n);
    expect(m).toEqual(dbscan(X, { eps: 1 }));
    expect(m.core.length).toBe(n - 256);
  });
});
