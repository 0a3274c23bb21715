import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Matrix64 as Matrix } from '../../src/core/matrix.js';

const root = fileURLToPath(new URL('../../data/', import.meta.url));

/** A bundled CSV data set: features as a Matrix plus the trailing integer label column. */
export interface LabelledData {
  data: Matrix;
  labels: Int32Array;
}

/** Loads `data/<name>.csv` (header row, numeric cells, last column = label). */
export function loadCsv(name: 'iris' | 'wine' | 'digits'): LabelledData {
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

/** Loads `data/golden/<name>.json` (scipy / scikit-learn reference outputs). */
export function loadGolden<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(`${root}golden/${name}.json`, 'utf8')) as T;
}

/** z-score with the population standard deviation (as the golden files were made). */
export function zscore(m: Matrix): Matrix {
  const { rows, cols, data } = m;
  const out = new Float64Array(data.length);
  for (let j = 0; j < cols; j++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += data[i * cols + j]!;
    mean /= rows;
    let v = 0;
    for (let i = 0; i < rows; i++) v += (data[i * cols + j]! - mean) ** 2;
    const sd = Math.sqrt(v / rows) || 1;
    for (let i = 0; i < rows; i++) out[i * cols + j] = (data[i * cols + j]! - mean) / sd;
  }
  return { rows, cols, data: out };
}
