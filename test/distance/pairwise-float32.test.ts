import { describe, expect, it } from 'vitest';
import { nextDouble, rngState } from '../../src/core/random.js';
import { cdist, pdist } from '../../src/distance/pairwise.js';
import { METRIC_NAMES } from '../../src/distance/metric.js';
import { cosine } from '../../src/distance/metrics.js';
import { allocatedBytes } from '../helpers/allocation.js';

function rows32(n: number, d: number, seed: number): { rows: number; cols: number; data: Float32Array } {
  const s = rngState(seed);
  // Integer-ish values with ties, a zero row and a duplicate.
  const data = Float32Array.from({ length: n * d }, () => Math.round(nextDouble(s) * 6 - 3) / 2);
  data.fill(0, 0, d);
  data.copyWithin(2 * d, d, 2 * d);
  return { rows: n, cols: d, data };
}

describe('pdist and cdist on Float32 data', () => {
  it('equal the results on the Float64 widening bit for bit (every built-in metric, small and large d)', () => {
    for (const d of [5, 40]) {
      const X = rows32(67, d, d);
      const Y = rows32(13, d, d + 1);
      const X64 = { rows: X.rows, cols: d, data: Float64Array.from(X.data) };
      const Y64 = { rows: Y.rows, cols: d, data: Float64Array.from(Y.data) };
      for (const metric of METRIC_NAMES) {
        expect(Array.from(pdist(X, metric)), `${metric} ${d}`).toEqual(Array.from(pdist(X64, metric)));
        expect(Array.from(cdist(X, Y, metric).data), `${metric} ${d}`).toEqual(Array.from(cdist(X64, Y64, metric).data));
        expect(Array.from(cdist(X64, Y, metric).data), `${metric} ${d}`).toEqual(Array.from(cdist(X64, Y64, metric).data));
      }
    }
  });

  it("'cosine' through the packed product equals the scalar cosine bit for bit (d ≥ 32, several blocks)", () => {
    const X = rows32(300, 300, 7);
    const Y = rows32(140, 300, 8);
    const D = cdist(X, Y, 'cosine');
    for (let i = 0; i < X.rows; i += 7) {
      for (let j = 0; j < Y.rows; j++) expect(D.data[i * Y.rows + j]).toBe(cosine(X.data.subarray(i * 300, i * 300 + 300), Y.data.subarray(j * 300, j * 300 + 300)));
    }
  });

  it('reads Float32 rows in place: allocations within the output plus 25 % of the data bytes', async () => {
    const X = rows32(6000, 256, 9); // 6.1 MB of Float32 rows
    const Y = rows32(40, 256, 10);
    for (const metric of ['euclidean', 'cosine', 'manhattan'] as const) {
      const output = X.rows * Y.rows * 8;
      expect(await allocatedBytes(() => cdist(X, Y, metric))).toBeLessThan(output + 0.25 * X.data.byteLength);
    }
    const small = { rows: 600, cols: 256, data: X.data.subarray(0, 600 * 256) };
    expect(await allocatedBytes(() => pdist(small, 'euclidean'))).toBeLessThan(((600 * 599) / 2) * 8 + 0.25 * small.data.byteLength + 300_000);
  });
});
