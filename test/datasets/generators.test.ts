import { describe, expect, it } from 'vitest';
import { toRows } from '../../src/core/matrix.js';
import type { Matrix } from '../../src/core/matrix.js';
import { blobs, circles, moons, swissRoll } from '../../src/datasets/index.js';
import type { Dataset } from '../../src/datasets/index.js';
import { expectLatentError } from '../helpers/latent-error.js';

function counts(labels: Int32Array, k: number): number[] {
  const c = new Array<number>(k).fill(0);
  for (const l of labels) c[l]!++;
  return c;
}

function sortedRows(m: Matrix): string[] {
  return toRows(m)
    .map((r) => r.join(','))
    .sort();
}

function same(a: Dataset, b: Dataset): boolean {
  return (
    a.data.rows === b.data.rows &&
    a.data.data.every((v, i) => Object.is(v, b.data.data[i])) &&
    a.labels.every((v, i) => v === b.labels[i])
  );
}

const generators: [string, (seed?: number) => Dataset][] = [
  ['blobs', (seed) => blobs({ n: 50, seed })],
  ['moons', (seed) => moons({ n: 50, noise: 0.1, seed })],
  ['circles', (seed) => circles({ n: 50, noise: 0.1, seed })],
  ['swissRoll', (seed) => swissRoll({ n: 50, seed })],
];

describe('generators: determinism', () => {
  it.each(generators)('%s: same seed → same data; the default seed is 42', (_, make) => {
    expect(same(make(3), make(3))).toBe(true);
    expect(same(make(), make(42))).toBe(true);
  });

  it.each(generators)('%s: different seeds → different data', (_, make) => {
    expect(same(make(1), make(2))).toBe(false);
    expect(same(make(0), make(2 ** 32))).toBe(false);
  });

  it('seed fixes the exact stream: known first value of blobs with seed 0', () => {
    // Centre 0, coordinate 0 = -10 + 20·u where u is the first double of rng(0) (see random.test.ts).
    expect(blobs({ n: 3, seed: 0, shuffle: false }).centers.data[0]).toBe(-10 + 20 * 0.3130688509175702);
  });
});

describe('blobs', () => {
  it('has the requested shape, labels in [0, k) and an even split (first n mod k get one more)', () => {
    const { data, labels, centers } = blobs({ n: 101, centers: 4, dims: 5, seed: 7 });
    expect([data.rows, data.cols]).toEqual([101, 5]);
    expect([centers.rows, centers.cols]).toEqual([4, 5]);
    expect(counts(labels, 4)).toEqual([26, 25, 25, 25]);
    for (const v of data.data) expect(Number.isFinite(v)).toBe(true);
  });

  it('draws centres inside centerBox', () => {
    const { centers } = blobs({ centers: 50, dims: 3, centerBox: [2, 3] });
    for (const v of centers.data) expect(v >= 2 && v < 3).toBe(true);
    const def = blobs({ centers: 50 }).centers;
    for (const v of def.data) expect(v >= -10 && v < 10).toBe(true);
  });

  it('sample means lie within 5 standard errors of the centres, and the spread is right', () => {
    const n = 3000;
    const k = 3;
    const spread = 0.7;
    const { data, labels, centers } = blobs({ n, centers: k, dims: 2, spread, seed: 11 });
    const perCluster = n / k;
    const tol = (5 * spread) / Math.sqrt(perCluster);
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < 2; j++) {
        let s = 0;
        let s2 = 0;
        for (let i = 0; i < n; i++) {
          if (labels[i] !== c) continue;
          const v = data.data[i * 2 + j]!;
          s += v;
          s2 += v * v;
        }
        const mean = s / perCluster;
        expect(Math.abs(mean - centers.data[c * 2 + j]!)).toBeLessThan(tol);
        const sd = Math.sqrt(s2 / perCluster - mean * mean);
        // sd of a sample sd ≈ σ/√(2m)
        expect(Math.abs(sd - spread)).toBeLessThan((5 * spread) / Math.sqrt(2 * perCluster));
      }
    }
  });

  it('accepts explicit centres (number[][] or Matrix) and per-centre spreads, without aliasing them', () => {
    const given = [
      [0, 0, 0],
      [100, 100, 100],
    ];
    const { data, labels, centers } = blobs({ n: 400, centers: given, spread: [0, 2], seed: 5 });
    expect(toRows(centers)).toEqual(given);
    expect(data.cols).toBe(3);
    for (let i = 0; i < 400; i++) {
      if (labels[i] === 0) expect(toRows(data)[i]!.map(Math.abs)).toEqual([0, 0, 0]);
      else expect(Math.abs(data.data[i * 3]! - 100)).toBeLessThan(10);
    }
    const m = { rows: 1, cols: 2, data: new Float64Array([1, 2]) };
    const out = blobs({ n: 2, centers: m, dims: 2 });
    expect(out.centers.data).not.toBe(m.data);
    out.centers.data[0] = 99;
    expect(m.data[0]).toBe(1);
  });

  it('shuffle: false keeps blob order; shuffling only permutes the same points', () => {
    const a = blobs({ n: 30, centers: 3, seed: 9, shuffle: false });
    expect(Array.from(a.labels)).toEqual([...new Array<number>(10).fill(0), ...new Array<number>(10).fill(1), ...new Array<number>(10).fill(2)]);
    const b = blobs({ n: 30, centers: 3, seed: 9 });
    expect(sortedRows(b.data)).toEqual(sortedRows(a.data));
    expect(Array.from(b.labels)).not.toEqual(Array.from(a.labels));
  });

  it('handles n smaller than the number of centres', () => {
    const { labels } = blobs({ n: 2, centers: 5 });
    expect(counts(labels, 5)).toEqual([1, 1, 0, 0, 0]);
  });

  it('rejects bad options', () => {
    expectLatentError(() => blobs({ n: 0 }), 'E_RANGE', 'blobs: n must be an integer >= 1, got 0');
    expectLatentError(() => blobs({ n: 2.5 }), 'E_RANGE', 'got 2.5');
    expectLatentError(() => blobs({ centers: 0 }), 'E_RANGE', 'blobs: centers must be an integer >= 1, got 0');
    expectLatentError(() => blobs({ centers: 'three' as unknown as number }), 'E_TYPE', 'blobs: centers must be a positive integer or a k × d matrix, got "three"');
    expectLatentError(() => blobs({ centers: [] }), 'E_SHAPE', 'blobs: centers must have at least 1 row and 1 column, got 0 × 0');
    expectLatentError(() => blobs({ centers: [[0, 0], [1]] }), 'E_SHAPE', 'blobs: centers must have rows of equal length 2');
    expectLatentError(() => blobs({ centers: [[0, NaN]] }), 'E_NOT_FINITE', 'blobs: centers must hold finite numbers');
    expectLatentError(() => blobs({ centers: [[0, 0]], dims: 3 }), 'E_SHAPE', "blobs: dims must equal the centers' width 2, got 3");
    expectLatentError(() => blobs({ dims: 0 }), 'E_RANGE', 'blobs: dims must be an integer >= 1, got 0');
    expectLatentError(() => blobs({ spread: -1 }), 'E_RANGE', 'blobs: spread must be a number >= 0, got -1');
    expectLatentError(() => blobs({ spread: NaN }), 'E_NOT_FINITE', 'got NaN');
    expectLatentError(() => blobs({ spread: [1, 2] }), 'E_SHAPE', 'blobs: spread length must equal the number of centres 3, got 2');
    expectLatentError(() => blobs({ spread: [1, -2, 1] }), 'E_RANGE', 'blobs: spread[1] must be a number >= 0, got -2');
    expectLatentError(() => blobs({ spread: '1' as unknown as number }), 'E_TYPE', 'blobs: spread must be a number or one number per centre, got "1"');
    expectLatentError(() => blobs({ centerBox: [1, 1] }), 'E_RANGE', 'blobs: centerBox must have lo < hi, got [1, 1]');
    expectLatentError(() => blobs({ centerBox: [0] as unknown as [number, number] }), 'E_TYPE', 'blobs: centerBox must be a pair [lo, hi]');
    expectLatentError(() => blobs({ centerBox: [0, Infinity] }), 'E_NOT_FINITE', 'blobs: centerBox[1] must be a finite number');
    expectLatentError(() => blobs({ shuffle: 1 as unknown as boolean }), 'E_TYPE', 'blobs: shuffle must be a boolean, got 1');
    expectLatentError(() => blobs({ seed: -1 }), 'E_RANGE', 'blobs: seed must be an integer >= 0, got -1');
    expectLatentError(() => blobs({ n: 2 ** 40, dims: 2 ** 12 }), 'E_MEMORY', 'blobs: the points would take');
    expectLatentError(() => blobs(5 as unknown as object), 'E_TYPE', 'blobs: options must be an object, got 5');
  });
});

describe('moons', () => {
  it('without noise: moon 0 on the upper unit semicircle at (0, 0), moon 1 on the lower one at (1, 0.5)', () => {
    const { data, labels } = moons({ n: 101, shuffle: false });
    expect([data.rows, data.cols]).toEqual([101, 2]);
    expect(counts(labels, 2)).toEqual([50, 51]);
    for (let i = 0; i < 101; i++) {
      const x = data.data[2 * i]!;
      const y = data.data[2 * i + 1]!;
      if (labels[i] === 0) {
        expect(Math.abs(Math.hypot(x, y) - 1)).toBeLessThan(1e-15);
        expect(y).toBeGreaterThanOrEqual(0);
      } else {
        expect(Math.abs(Math.hypot(x - 1, y - 0.5) - 1)).toBeLessThan(1e-15);
        expect(y).toBeLessThanOrEqual(0.5);
      }
    }
    // evenly spaced in angle from 0 to π, endpoints included
    expect([data.data[0], data.data[1]]).toEqual([1, 0]);
    expect(data.data[2 * 49]).toBe(-1);
    expect(Math.atan2(data.data[3]!, data.data[2]!)).toBeCloseTo(Math.PI / 49, 14);
  });

  it('gives the documented small example', () => {
    const { data, labels } = moons({ n: 4, shuffle: false });
    expect(Array.from(data.data)).toEqual([1, 0, -1, 1.2246467991473532e-16, 0, 0.5, 2, 0.4999999999999999]);
    expect(Array.from(labels)).toEqual([0, 0, 1, 1]);
    expect(Array.from(moons({ n: 1 }).labels)).toEqual([1]);
  });

  it('noise jitters each coordinate with the requested standard deviation', () => {
    const clean = moons({ n: 4000, shuffle: false });
    const noisy = moons({ n: 4000, shuffle: false, noise: 0.2, seed: 3 });
    let s = 0;
    let s2 = 0;
    for (let p = 0; p < 8000; p++) {
      const e = noisy.data.data[p]! - clean.data.data[p]!;
      s += e;
      s2 += e * e;
    }
    expect(Math.abs(s / 8000)).toBeLessThan((5 * 0.2) / Math.sqrt(8000));
    expect(Math.abs(Math.sqrt(s2 / 8000) - 0.2)).toBeLessThan((5 * 0.2) / Math.sqrt(16000));
  });

  it('shuffling permutes the same points', () => {
    expect(sortedRows(moons({ n: 40 }).data)).toEqual(sortedRows(moons({ n: 40, shuffle: false }).data));
  });

  it('rejects bad options', () => {
    expectLatentError(() => moons({ n: 0 }), 'E_RANGE', 'moons: n must be an integer >= 1, got 0');
    expectLatentError(() => moons({ noise: -0.1 }), 'E_RANGE', 'moons: noise must be a number >= 0, got -0.1');
    expectLatentError(() => moons({ noise: Infinity }), 'E_NOT_FINITE', 'moons: noise');
    expectLatentError(() => moons({ shuffle: 'no' as unknown as boolean }), 'E_TYPE', 'moons: shuffle must be a boolean');
    expectLatentError(() => moons({ seed: 0.5 }), 'E_RANGE', 'moons: seed must be an integer >= 0, got 0.5');
    expectLatentError(() => moons({ n: 2 ** 31 }), 'E_MEMORY', 'moons: the points would take');
  });
});

describe('circles', () => {
  it('without noise: outer radius 1 (label 0), inner radius factor (label 1), angles evenly spaced, end excluded', () => {
    const { data, labels } = circles({ n: 9, factor: 0.3, shuffle: false });
    expect(counts(labels, 2)).toEqual([4, 5]);
    for (let i = 0; i < 9; i++) {
      const r = Math.hypot(data.data[2 * i]!, data.data[2 * i + 1]!);
      expect(Math.abs(r - (labels[i] === 0 ? 1 : 0.3))).toBeLessThan(1e-15);
    }
    const angle = (i: number): number => Math.atan2(data.data[2 * i + 1]!, data.data[2 * i]!);
    expect(angle(1)).toBeCloseTo(Math.PI / 2, 14);
    expect(angle(5)).toBeCloseTo((2 * Math.PI) / 5, 14);
  });

  it('gives the documented small example, and the default factor 0.8', () => {
    const { data, labels } = circles({ n: 4, factor: 0.5, shuffle: false });
    expect(Array.from(data.data)).toEqual([1, 0, -1, 1.2246467991473532e-16, 0.5, 0, -0.5, 6.123233995736766e-17]);
    expect(Array.from(labels)).toEqual([0, 0, 1, 1]);
    const d = circles({ n: 2, shuffle: false }).data.data;
    expect([d[0], d[2]]).toEqual([1, 0.8]);
    expect(Array.from(circles({ n: 3, factor: 0, shuffle: false }).data.data.subarray(2)).every((v) => v === 0)).toBe(true);
  });

  it('with noise, mean radii stay near 1 and factor (within 5 standard errors)', () => {
    const noise = 0.05;
    const { data, labels } = circles({ n: 4000, factor: 0.5, noise, seed: 8 });
    const sum = [0, 0];
    for (let i = 0; i < 4000; i++) sum[labels[i]!]! += Math.hypot(data.data[2 * i]!, data.data[2 * i + 1]!);
    expect(Math.abs(sum[0]! / 2000 - 1)).toBeLessThan(0.01);
    expect(Math.abs(sum[1]! / 2000 - 0.5)).toBeLessThan(0.01);
  });

  it('rejects bad options', () => {
    expectLatentError(() => circles({ factor: 1 }), 'E_RANGE', 'circles: factor must be a number in [0, 1), got 1');
    expectLatentError(() => circles({ factor: -0.5 }), 'E_RANGE', 'got -0.5');
    expectLatentError(() => circles({ factor: NaN }), 'E_NOT_FINITE', 'circles: factor');
    expectLatentError(() => circles({ n: -3 }), 'E_RANGE', 'circles: n must be an integer >= 1, got -3');
    expectLatentError(() => circles({ noise: -1 }), 'E_RANGE', 'circles: noise');
    expectLatentError(() => circles({ seed: '1' as unknown as number }), 'E_TYPE', 'circles: seed must be an integer >= 0, got "1"');
  });
});

describe('swissRoll', () => {
  it('without noise: points are (t cos t, y, t sin t) with t in [1.5π, 4.5π) and y in [0, 21)', () => {
    const { data, labels, t } = swissRoll({ n: 2000, seed: 4 });
    expect([data.rows, data.cols, t.length]).toEqual([2000, 3, 2000]);
    let minT = Infinity;
    let maxT = -Infinity;
    for (let i = 0; i < 2000; i++) {
      const ti = t[i]!;
      minT = Math.min(minT, ti);
      maxT = Math.max(maxT, ti);
      expect(data.data[3 * i]).toBe(ti * Math.cos(ti));
      expect(data.data[3 * i + 2]).toBe(ti * Math.sin(ti));
      const y = data.data[3 * i + 1]!;
      expect(y >= 0 && y < 21).toBe(true);
      expect(labels[i]).toBe(Math.floor(((ti - 1.5 * Math.PI) / (3 * Math.PI)) * 4));
    }
    expect(minT).toBeGreaterThanOrEqual(1.5 * Math.PI);
    expect(maxT).toBeLessThan(4.5 * Math.PI);
    expect(minT).toBeLessThan(1.5 * Math.PI + 0.05);
    expect(maxT).toBeGreaterThan(4.5 * Math.PI - 0.05);
    expect(counts(labels, 4).every((c) => c > 400 && c < 600)).toBe(true);
  });

  it('segments sets the number of label classes', () => {
    const { labels } = swissRoll({ n: 500, segments: 7 });
    const c = counts(labels, 7);
    expect(c.every((x) => x > 0)).toBe(true);
    expect(Math.max(...labels)).toBe(6);
    expect(Array.from(swissRoll({ n: 50, segments: 1 }).labels).every((l) => l === 0)).toBe(true);
  });

  it('hole: true leaves the middle cell of the sheet empty', () => {
    const { data, t } = swissRoll({ n: 3000, hole: true, seed: 2 });
    let cornerCells = 0;
    for (let i = 0; i < 3000; i++) {
      const y = data.data[3 * i + 1]!;
      const inHole = t[i]! >= 2.5 * Math.PI && t[i]! < 3.5 * Math.PI && y >= 7 && y < 14;
      expect(inHole).toBe(false);
      if (t[i]! < 2.5 * Math.PI && y < 7) cornerCells++;
      expect(t[i]! >= 1.5 * Math.PI && t[i]! < 4.5 * Math.PI && y >= 0 && y < 21).toBe(true);
    }
    // Each of the 8 remaining cells gets about 1/8 of the points.
    expect(Math.abs(cornerCells - 375)).toBeLessThan(5 * Math.sqrt(3000 * (1 / 8) * (7 / 8)));
  });

  it('noise jitters the coordinates, not t', () => {
    const clean = swissRoll({ n: 3000, seed: 6 });
    const noisy = swissRoll({ n: 3000, seed: 6, noise: 0.5 });
    expect(Array.from(noisy.t)).toEqual(Array.from(clean.t));
    let s2 = 0;
    for (let p = 0; p < 9000; p++) s2 += (noisy.data.data[p]! - clean.data.data[p]!) ** 2;
    expect(Math.abs(Math.sqrt(s2 / 9000) - 0.5)).toBeLessThan((5 * 0.5) / Math.sqrt(18000));
  });

  it('rejects bad options', () => {
    expectLatentError(() => swissRoll({ n: 0 }), 'E_RANGE', 'swissRoll: n must be an integer >= 1, got 0');
    expectLatentError(() => swissRoll({ noise: -1 }), 'E_RANGE', 'swissRoll: noise must be a number >= 0, got -1');
    expectLatentError(() => swissRoll({ segments: 0 }), 'E_RANGE', 'swissRoll: segments must be an integer >= 1, got 0');
    expectLatentError(() => swissRoll({ hole: 'yes' as unknown as boolean }), 'E_TYPE', 'swissRoll: hole must be a boolean, got "yes"');
    expectLatentError(() => swissRoll({ seed: 2 ** 53 }), 'E_RANGE', 'swissRoll: seed must be an integer >= 0');
  });
});

describe('blobs validates centerBox even with explicit centres (fuzz: datasets/unused-option-not-validated)', () => {
  it('a bad centerBox is refused, never silently ignored', async () => {
    const { blobs: make } = await import('../../src/datasets/blobs.js');
    const centers = [[0, 0], [1, 1]];
    for (const centerBox of [1, [Infinity, 2], Symbol('b'), [3, 1]]) {
      expect(() => make({ centers, centerBox: centerBox as never })).toThrow(expect.objectContaining({ message: expect.stringMatching(/^blobs: centerBox/) as unknown }));
    }
    expect(make({ centers, centerBox: [-1, 1], n: 4 }).data.rows).toBe(4);
  });
});

describe('noise and spread that would overflow (fuzz: datasets/noise-overflow)', () => {
  const MAX = Number.MAX_VALUE;

  it('a noise or spread that makes a coordinate overflow is E_RANGE naming the option', () => {
    expectLatentError(() => moons({ n: 3, noise: MAX }), 'E_RANGE', 'moons: noise must be small enough that every coordinate stays finite');
    expectLatentError(() => circles({ n: 3, noise: MAX }), 'E_RANGE', 'circles: noise must be small enough');
    expectLatentError(() => swissRoll({ n: 3, noise: MAX }), 'E_RANGE', 'swissRoll: noise must be small enough');
    expectLatentError(() => blobs({ n: 4, spread: MAX }), 'E_RANGE', 'blobs: spread must be small enough');
    expectLatentError(() => blobs({ n: 4, spread: [1, MAX], centers: [[0], [1]] }), 'E_RANGE', 'blobs: spread must be small enough');
  });

  it('large but safe values still generate finite data; a centre box wider than MAX_VALUE works', () => {
    for (const ds of [moons({ n: 20, noise: 1e300 }), circles({ n: 20, noise: 1e300 }), swissRoll({ n: 20, noise: 1e300 }), blobs({ n: 20, spread: 1e300 })]) {
      expect(ds.data.data.every(Number.isFinite)).toBe(true);
    }
    const b = blobs({ n: 10, centerBox: [-MAX, MAX], spread: 0 });
    expect(b.centers.data.every(Number.isFinite)).toBe(true);
    expect(b.centers.data.some((v) => Math.abs(v) > 1e300)).toBe(true);
  });
});
