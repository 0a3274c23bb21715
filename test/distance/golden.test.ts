import { describe, expect, it } from 'vitest';
import { pdist } from '../../src/distance/index.js';
import type { Metric } from '../../src/distance/index.js';
import { loadCsv, loadGolden, zscore } from '../helpers/data.js';

// Reference: scipy 1.10.1 pdist on the first 40 rows of z-scored wine (population std).
const golden = loadGolden<Record<string, number[]>>('pdist_wine40');
const wine = zscore(loadCsv('wine').data);
const first40 = { rows: 40, cols: wine.cols, data: wine.data.slice(0, 40 * wine.cols) };

const cases: [Metric, string][] = [
  ['euclidean', 'euclidean'],
  ['sqeuclidean', 'sqeuclidean'],
  ['manhattan', 'cityblock'],
  ['chebyshev', 'chebyshev'],
  ['cosine', 'cosine'],
];

describe('pdist golden (scipy, wine40)', () => {
  it.each(cases)('%s matches scipy %s to 1e-12 relative', (metric, key) => {
    const expected = golden[key]!;
    const got = pdist(first40, metric);
    expect(got.length).toBe(expected.length);
    let worst = 0;
    for (let i = 0; i < got.length; i++) {
      const e = expected[i]!;
      worst = Math.max(worst, Math.abs(got[i]! - e) / Math.max(1, Math.abs(e)));
    }
    expect(worst).toBeLessThan(1e-12);
  });
});
