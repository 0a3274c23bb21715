import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/core/matrix.js';
import { deserialize, serialize } from '../../src/core/serialize.js';
import { eigSymmetric } from '../../src/decomposition/eig-symmetric.js';
import { pca } from '../../src/decomposition/pca.js';
import { svd } from '../../src/decomposition/svd.js';
import type { PcaModel } from '../../src/decomposition/pca-model.js';
import { pcaInverseTransform } from '../../src/decomposition/pca-inverse-transform.js';
import { pcaReconstructionError } from '../../src/decomposition/pca-reconstruction-error.js';
import { pcaTransform } from '../../src/decomposition/pca-transform.js';
import { expectLatentError } from '../helpers/latent-error.js';
import { gaussian, matmul, matrixWithSingularValues, rowOrthonormalityError } from './linalg-helpers.js';

/** n×d data with a decaying spectrum: latent Gaussian factors times fixed loadings plus noise. */
function lowRankData(n: number, d: number, rank: number, seed: number, noise = 0.01): Matrix {
  const z = gaussian(n, rank, seed);
  for (let i = 0; i < n; i++) for (let c = 0; c < rank; c++) z[i * rank + c] = z[i * rank + c]! * (10 / (c + 1));
  const w = gaussian(rank, d, seed + 1);
  const x = matmul(z, w, n, rank, d);
  const e = gaussian(n, d, seed + 2);
  for (let i = 0; i < n * d; i++) x[i] = x[i]! + noise * e[i]! + 3;
  return { rows: n, cols: d, data: x };
}

/** Brute-force sample covariance (n − 1) of row-major data. */
function covariance(x: Matrix): Float64Array {
  const { rows: n, cols: d, data } = x;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = mean[j]! + data[i * d + j]! / n;
  const c = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) c[a * d + b] = c[a * d + b]! + ((data[i * d + a]! - mean[a]!) * (data[i * d + b]! - mean[b]!)) / (n - 1);
    }
  }
  return c;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let w = 0;
  for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i]! - b[i]!));
  return w;
}

describe('pca', () => {
  it('fits the documented example', () => {
    const X = [
      [2, 0],
      [0, 1],
      [-2, 0],
      [0, -1],
    ];
    const model = pca(X);
    expect(model.kind).toBe('pca');
    expect(model.version).toBe(1);
    expect(Array.from(model.components.data)).toEqual([1, 0, 0, 1]);
    expect(model.explainedVariance[0]).toBeCloseTo(8 / 3, 14);
    expect(model.explainedVariance[1]).toBeCloseTo(2 / 3, 14);
    expect(model.explainedVarianceRatio[0]).toBeCloseTo(0.8, 14);
    expect(model.singularValues[0]).toBeCloseTo(Math.sqrt(8), 14);
    expect(model.noiseVariance).toBe(0);
    expect(Array.from(pcaTransform(model, [[4, 1]]).data)).toEqual([4, 1]);
    const one = pca(X, { components: 1 });
    expect(one.noiseVariance).toBeCloseTo(2 / 3, 14);
    expect(Array.from(pcaInverseTransform(one, [[3]]).data)).toEqual([3, 0]);
    expect(Array.from(pcaReconstructionError(one, [[1, 2]]))).toEqual([2]);
  });

  it('matches the eigendecomposition of the brute-force covariance (tall and wide data)', () => {
    for (const [n, d] of [
      [60, 7],
      [9, 25],
    ] as const) {
      const X = lowRankData(n, d, 5, n + d, 0.5);
      const model = pca(X);
      const r = Math.min(n, d);
      expect(model.components.rows).toBe(r);
      const { values, vectors } = eigSymmetric({ rows: d, cols: d, data: covariance(X) });
      for (let i = 0; i < r; i++) {
        expect(Math.abs(model.explainedVariance[i]! - Math.max(values[i]!, 0))).toBeLessThan(1e-10 * values[0]!);
        if (i < Math.min(5, r - 1)) {
          let dot = 0;
          for (let j = 0; j < d; j++) dot += model.components.data[i * d + j]! * vectors.data[i * d + j]!;
          expect(Math.abs(Math.abs(dot) - 1)).toBeLessThan(1e-9);
        }
      }
      expect(rowOrthonormalityError(model.components.data, r, d)).toBeLessThan(1e-13);
      // Centring leaves n − 1 directions: with n ≤ d the last variance is 0.
      if (n <= d) expect(model.explainedVariance[r - 1]!).toBeLessThan(1e-12 * model.explainedVariance[0]!);
    }
  });

  it('keeps small variances accurate when the kept spectrum is ill-conditioned', () => {
    // σ spans seven orders of magnitude in rotated directions: the covariance route would lose
    // ~1e-4 relative accuracy on the last variance, so the full solver must use the SVD.
    const n = 40;
    const d = 5;
    const x = matrixWithSingularValues(n, d, [1, 1e-2, 1e-4, 1e-6, 1e-7], 12);
    const X: Matrix = { rows: n, cols: d, data: x };
    const model = pca(X);
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = mean[j]! + x[i * d + j]! / n;
    const xc = x.map((v, i) => v - mean[i % d]!);
    const { s } = svd({ rows: n, cols: d, data: xc });
    for (let i = 0; i < d; i++) {
      expect(Math.abs(model.singularValues[i]! / s[i]! - 1)).toBeLessThan(1e-8);
    }
    // Keeping only the well-conditioned leading part stays on the covariance route and agrees.
    const two = pca(X, { components: 2 });
    expect(Math.abs(two.singularValues[1]! / s[1]! - 1)).toBeLessThan(1e-8);
  });

  it('handles constant columns, constant data, duplicates, n = 2 and d = 1', () => {
    const constant = pca([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    expect(Array.from(constant.explainedVariance)).toEqual([0, 0]);
    expect(Array.from(constant.explainedVarianceRatio)).toEqual([0, 0]);
    expect(Array.from(constant.components.data)).toEqual([1, 0, 0, 1]);
    expect(constant.noiseVariance).toBe(0);
    const w = pca(
      [
        [1, 2],
        [1, 2],
      ],
      { whiten: true },
    );
    expect(Array.from(pcaTransform(w, [[5, 5]]).data).every((v) => v === 0 || Number.isFinite(v))).toBe(true);
    expect(Array.from(pcaTransform(w, [[1, 2]]).data)).toEqual([0, 0]);

    // A constant middle column gets exactly zero loadings.
    const withConst = pca([
      [1, 7, 2],
      [2, 7, 1],
      [3, 7, 5],
      [4, 7, 3],
    ]);
    for (let i = 0; i < 2; i++) expect(withConst.components.data[i * 3 + 1]).toBe(0);
    expect(Array.from(withConst.components.data.subarray(6, 9))).toEqual([0, 1, 0]);
    expect(withConst.explainedVariance[2]).toBe(0);
    // 0.1 summed ten times is not 1: the constant column must still centre to exact zeros.
    const tenths = pca(Array.from({ length: 10 }, (_, i) => [i, 0.1, (i * 7) % 5]));
    expect(tenths.mean[1]).toBe(0.1);
    expect(tenths.explainedVariance[2]).toBe(0);
    for (let i = 0; i < 2; i++) expect(tenths.components.data[i * 3 + 1]).toBe(0);

    const dup = pca([
      [1, 1],
      [1, 1],
      [3, 3],
      [3, 3],
    ]);
    expect(dup.explainedVariance[0]).toBeCloseTo(8 / 3, 13);
    expect(dup.explainedVariance[1]!).toBeLessThan(1e-15);
    expect(rowOrthonormalityError(dup.components.data, 2, 2)).toBeLessThan(1e-15);

    const two = pca([
      [0, 0, 0],
      [1, 2, 2],
    ]);
    expect(two.components.rows).toBe(2);
    expect(two.explainedVariance[0]).toBeCloseTo(4.5, 13);
    expect(two.components.data[1]).toBeCloseTo(2 / 3, 14);

    const line = pca([[1], [2], [4]]);
    expect(Array.from(line.components.data)).toEqual([1]);
    expect(line.explainedVariance[0]).toBeCloseTo(7 / 3, 14);
  });

  it('whitens to unit variance and inverts the whitened transform', () => {
    const X = lowRankData(80, 6, 3, 4, 0.3);
    const model = pca(X, { components: 3, whiten: true });
    const z = pcaTransform(model, X);
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let i = 0; i < 80; i++) s += z.data[i * 3 + j]! ** 2;
      expect(s / 79).toBeCloseTo(1, 12);
    }
    const back = pcaInverseTransform(model, z);
    const plain = pca(X, { components: 3 });
    const back2 = pcaInverseTransform(plain, pcaTransform(plain, X));
    expect(maxDiff(back.data, back2.data)).toBeLessThan(1e-12);
  });

  it('chooses the number of components by scikit-learn\'s fraction rule (strictly above)', () => {
    const X = lowRankData(50, 6, 4, 8, 0.2);
    const all = pca(X);
    const first = all.explainedVarianceRatio[0]!;
    expect(pca(X, { components: first }).components.rows).toBe(2);
    expect(pca(X, { components: first * (1 - 1e-12) }).components.rows).toBe(1);
    const two = first + all.explainedVarianceRatio[1]!;
    expect(pca(X, { components: Math.min(two * (1 + 1e-9), 0.999999) }).components.rows).toBe(3);
    expect(pca(X, { components: 0.999999999999 }).components.rows).toBeLessThanOrEqual(6);
  });

  it('agrees across solvers and auto-selects randomized only for few components of big data', () => {
    const X = lowRankData(1000, 120, 6, 21, 0.05);
    const full = pca(X, { components: 2, solver: 'full' });
    const rand = pca(X, { components: 2, solver: 'randomized' });
    const auto = pca(X, { components: 2 });
    for (let i = 0; i < 2; i++) {
      expect(Math.abs(rand.explainedVariance[i]! / full.explainedVariance[i]! - 1)).toBeLessThan(1e-10);
    }
    expect(maxDiff(rand.components.data, full.components.data)).toBeLessThan(1e-8);
    expect(Math.abs(rand.noiseVariance / full.noiseVariance - 1)).toBeLessThan(1e-9);
    // 1000×120, k = 2: k + 10 ≤ 120 / 10, so 'auto' is the randomized solver, bit for bit;
    // k = 3 is past that bound and goes through the full solver.
    expect(auto.components.data).toEqual(rand.components.data);
    expect(pca(X, { components: 3 }).components.data).toEqual(pca(X, { components: 3, solver: 'full' }).components.data);
    // A fraction, or all components, always goes through the full solver.
    const frac = pca(X, { components: 0.5 });
    expect(frac.components.data).toEqual(pca(X, { components: 0.5, solver: 'full' }).components.data);
    // Different seeds give the same answer to tolerance.
    const other = pca(X, { components: 2, solver: 'randomized', seed: 7, powerIterations: 4, oversamples: 5 });
    expect(maxDiff(other.components.data, full.components.data)).toBeLessThan(1e-7);
  });

  it('survives serialize/deserialize and structuredClone bit for bit', () => {
    const X = lowRankData(30, 5, 2, 2);
    const model = pca(X, { components: 2, whiten: true });
    const copy = deserialize<PcaModel>(serialize(model), { kind: 'pca' });
    const clone = structuredClone(model);
    const z = pcaTransform(model, X);
    expect(pcaTransform(copy, X).data).toEqual(z.data);
    expect(pcaTransform(clone, X).data).toEqual(z.data);
    expect(copy.components.data).toEqual(model.components.data);
    expect(copy.noiseVariance).toBe(model.noiseVariance);
  });

  it('never mutates its inputs and accepts empty batches', () => {
    const rows = [
      [1, 2],
      [3, 5],
      [4, 4],
    ];
    const snapshot = JSON.stringify(rows);
    const data = new Float64Array([1, 2, 3, 5, 4, 4]);
    const model = pca(rows);
    pca({ rows: 3, cols: 2, data });
    pcaTransform(model, { rows: 3, cols: 2, data });
    pcaReconstructionError(model, { rows: 3, cols: 2, data });
    const z = { rows: 1, cols: 2, data: new Float64Array([1, 1]) };
    pcaInverseTransform(model, z);
    expect(JSON.stringify(rows)).toBe(snapshot);
    expect(Array.from(data)).toEqual([1, 2, 3, 5, 4, 4]);
    expect(Array.from(z.data)).toEqual([1, 1]);
    expect(pcaTransform(model, []).rows).toBe(0);
    expect(pcaInverseTransform(model, { rows: 0, cols: 2, data: new Float64Array(0) }).cols).toBe(2);
    expect(pcaReconstructionError(model, { rows: 0, cols: 2, data: new Float64Array(0) }).length).toBe(0);
  });

  it('rejects bad input with LatentError', () => {
    const X = [
      [1, 2, 3],
      [4, 5, 7],
      [1, 0, 1],
    ];
    expectLatentError(() => pca(X, { components: 4 }), 'E_RANGE', 'pca', 'components', '[1, 3]', 'got 4');
    expectLatentError(() => pca(X, { components: 0 }), 'E_RANGE', 'components', 'got 0');
    expectLatentError(() => pca(X, { components: 1.5 }), 'E_RANGE', 'fraction in (0, 1)', 'got 1.5');
    expectLatentError(() => pca(X, { components: -0.5 }), 'E_RANGE', 'components');
    expectLatentError(() => pca(X, { components: NaN }), 'E_NOT_FINITE', 'components');
    expectLatentError(() => pca(X, { components: '2' as unknown as number }), 'E_TYPE', 'components');
    expectLatentError(() => pca([[1, NaN], [2, 3]]), 'E_NOT_FINITE', 'pca', 'X');
    expectLatentError(() => pca([[1, 2]]), 'E_SHAPE', 'pca', 'at least 2 rows', '1×2');
    expectLatentError(() => pca([[], []]), 'E_SHAPE', 'pca');
    expectLatentError(() => pca(X, { solver: 'arpack' as 'full' }), 'E_OPTION', 'solver');
    expectLatentError(() => pca(X, { components: 0.5, solver: 'randomized' }), 'E_OPTION', 'fraction');
    expectLatentError(() => pca(X, { whiten: 1 as unknown as boolean }), 'E_TYPE', 'whiten');
    expectLatentError(() => pca(X, { seed: -2 }), 'E_RANGE', 'seed');
    expectLatentError(() => pca(X, { oversamples: 1.5 }), 'E_RANGE', 'oversamples');
    expectLatentError(() => pca(X, { powerIterations: -1 }), 'E_RANGE', 'powerIterations');
    expectLatentError(() => pca(X, { powerIterations: 'x' as 'auto' }), 'E_TYPE', 'powerIterations');

    const model = pca(X, { components: 2 });
    expectLatentError(() => pcaTransform(model, [[1, 2]]), 'E_SHAPE', 'pcaTransform', 'X columns', 'must be 3', 'got 2');
    expectLatentError(() => pcaReconstructionError(model, [[1, 2, 3, 4]]), 'E_SHAPE', 'pcaReconstructionError', 'got 4');
    expectLatentError(() => pcaInverseTransform(model, [[1, 2, 3]]), 'E_SHAPE', 'pcaInverseTransform', 'Z columns', 'must be 2', 'got 3');
    expectLatentError(() => pcaTransform(model, [[1, 2, Infinity]]), 'E_NOT_FINITE', 'pcaTransform');
    expectLatentError(() => pcaTransform({ ...model, kind: 'kmeans' } as unknown as PcaModel, X), 'E_MODEL', 'pcaTransform', 'kind');
    expectLatentError(() => pcaTransform(null as unknown as PcaModel, X), 'E_MODEL', 'pcaTransform');
    expectLatentError(() => pcaTransform({ ...model, version: 2 } as unknown as PcaModel, X), 'E_MODEL', 'version');
    expectLatentError(() => pcaTransform({ ...model, mean: [0, 0, 0] } as unknown as PcaModel, X), 'E_MODEL', 'mean');
    expectLatentError(() => pcaTransform({ ...model, components: [[1, 0, 0]] } as unknown as PcaModel, X), 'E_MODEL', 'components must be a Matrix');
    expectLatentError(
      () => pcaTransform({ ...model, components: { rows: 2, cols: 2, data: new Float64Array(4) } }, X),
      'E_MODEL',
      'k×3',
    );
    expectLatentError(() => pcaInverseTransform({ ...model, explainedVariance: new Float64Array(5) }, [[1, 2]]), 'E_MODEL', 'explainedVariance');
    expectLatentError(() => pcaReconstructionError({ ...model, whiten: 'no' } as unknown as PcaModel, X), 'E_MODEL', 'whiten');
  });
});

describe('PCA models are value-checked (fuzz: decomposition/pca-model-not-value-checked)', () => {
  it('NaN or ±Infinity in mean, components or explainedVariance is E_NOT_FINITE in every model function', async () => {
    const { pcaTransform } = await import('../../src/decomposition/pca-transform.js');
    const { pcaInverseTransform } = await import('../../src/decomposition/pca-inverse-transform.js');
    const { pcaReconstructionError } = await import('../../src/decomposition/pca-reconstruction-error.js');
    const X = [[0, 1], [1, 0], [2, 2], [3, 1], [4, 3]];
    for (const edit of [(m: ReturnType<typeof pca>) => (m.components.data[0] = NaN), (m: ReturnType<typeof pca>) => (m.mean[1] = Infinity), (m: ReturnType<typeof pca>) => (m.explainedVariance[0] = NaN)]) {
      const m = pca(X, { components: 2 });
      edit(m);
      for (const f of [() => pcaTransform(m, [[1, 1]]), () => pcaInverseTransform(m, [[1, 1]]), () => pcaReconstructionError(m, [[1, 1]])]) {
        expect(f).toThrow(expect.objectContaining({ code: 'E_NOT_FINITE', message: expect.stringMatching(/^pca\w+: model\.\w+ must be finite/) as unknown }));
      }
    }
    // Reached through deserialize as well.
    const text = serialize(pca(X)).replace(/"mean":\{[^}]*\}/, '"mean":{"$f64":[{"$n":"NaN"},0]}');
    expect(() => pcaTransform(deserialize<ReturnType<typeof pca>>(text), [[1, 1]])).toThrow();
  });
});
