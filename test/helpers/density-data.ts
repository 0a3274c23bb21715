import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Matrix64 } from '../../src/core/matrix.js';
import { loadCsv, zscore } from './data.js';

const root = fileURLToPath(new URL('../../data/', import.meta.url));

/** The data sets of `data/golden/density.json`, by the name the golden file uses. */
export type DensityDataName = 'blobs_noise2d' | 'wine_std' | 'iris_std' | 'digits';

/** Loads `data/<name>.csv` of any width (header row, numeric cells, last column = label). */
export function loadNumericCsv(name: string): { data: Matrix64; labels: Int32Array } {
  const lines = readFileSync(`${root}${name}.csv`, 'utf8').trim().split('\n').slice(1);
  const cols = lines[0]!.split(',').length - 1;
  const data = new Float64Array(lines.length * cols);
  const labels = new Int32Array(lines.length);
  lines.forEach((line, i) => {
    const cells = line.split(',').map(Number);
    for (let j = 0; j < cols; j++) data[i * cols + j] = cells[j]!;
    labels[i] = cells[cols]!;
  });
  return { data: { rows: lines.length, cols, data }, labels };
}

/** A data set of the density golden file (`*_std` = z-scored with the population deviation, as its generator does). */
export function loadDensityData(name: DensityDataName): Matrix64 {
  switch (name) {
    case 'blobs_noise2d':
      return loadNumericCsv('blobs_noise2d').data;
    case 'wine_std':
      return zscore(loadCsv('wine').data);
    case 'iris_std':
      return zscore(loadCsv('iris').data);
    case 'digits':
      return loadCsv('digits').data;
  }
}
