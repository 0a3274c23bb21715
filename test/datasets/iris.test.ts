import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { iris } from '../../src/datasets/index.js';
import { loadCsv } from '../helpers/data.js';

describe('iris', () => {
  it('matches data/iris.csv exactly (values and labels)', () => {
    const csv = loadCsv('iris');
    const ds = iris();
    expect([ds.data.rows, ds.data.cols]).toEqual([150, 4]);
    expect(ds.data.data).toBeInstanceOf(Float64Array);
    expect(ds.labels).toBeInstanceOf(Int32Array);
    for (let p = 0; p < 600; p++) expect(ds.data.data[p], `value ${p}`).toBe(csv.data.data[p]);
    expect(Array.from(ds.labels)).toEqual(Array.from(csv.labels));
  });

  it('names the features as the CSV header and the three classes', () => {
    const header = readFileSync(fileURLToPath(new URL('../../data/iris.csv', import.meta.url)), 'utf8').split('\n')[0]!.trim().split(',');
    const ds = iris();
    expect(ds.featureNames).toEqual(header.slice(0, 4));
    expect(ds.labelNames).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('has the well-known summary statistics', () => {
    const { data } = iris();
    const mean = [0, 0, 0, 0];
    for (let i = 0; i < 150; i++) for (let j = 0; j < 4; j++) mean[j]! += data.data[i * 4 + j]! / 150;
    // scikit-learn's iris DESCR: means 5.84, 3.06, 3.76, 1.20 (rounded to 2 decimals).
    expect(mean.map((m) => Math.round(m * 100) / 100)).toEqual([5.84, 3.06, 3.76, 1.2]);
  });

  it('returns a fresh copy on every call', () => {
    const a = iris();
    a.data.data[0] = -1;
    a.labels[0] = 9;
    a.featureNames[0] = 'x';
    const b = iris();
    expect(b.data.data[0]).toBe(5.1);
    expect(b.labels[0]).toBe(0);
    expect(b.featureNames[0]).toBe('sepal length (cm)');
  });
});
