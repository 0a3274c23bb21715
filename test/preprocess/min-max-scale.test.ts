import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from '../../src/core/serialize.js';
import { toMatrix } from '../../src/core/matrix.js';
import { minMaxScale, minMaxScaleFit, minMaxScaleInverseTransform, minMaxScaleTransform } from '../../src/preprocess/index.js';
import type { MinMaxScaleModel } from '../../src/preprocess/index.js';
import { loadCsv } from '../helpers/data.js';
import { expectLatentError } from '../helpers/latent-error.js';

describe('minMaxScale', () => {
  it('gives the documented examples', () => {
    const res = minMaxScale([
      [1, 5],
      [3, 5],
      [2, 5],
    ]);
    expect(Array.from(res.data.data)).toEqual([0, 0, 1, 0, 0.5, 0]);
    expect(Array.from(res.min)).toEqual([1, 5]);
    expect(Array.from(res.max)).toEqual([3, 5]);
    expect(res.featureRange).toEqual([0, 1]);
    expect([res.kind, res.version, res.clip]).toEqual(['minMaxScale', 1, false]);
    expect(Array.from(minMaxScale([[1], [3]], { featureRange: [-1, 1] }).data.data)).toEqual([-1, 1]);
  });

  it('iris: equals (x − min) / (max − min) computed directly, with exact 0 and 1 at the ends', () => {
    const iris = loadCsv('iris').data;
    const { data, min, max } = minMaxScale(iris);
    for (let j = 0; j < 4; j++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < 150; i++) {
        lo = Math.min(lo, iris.data[i * 4 + j]!);
        hi = Math.max(hi, iris.data[i * 4 + j]!);
      }
      expect([min[j], max[j]]).toEqual([lo, hi]);
      let seen0 = false;
      let seen1 = false;
      for (let i = 0; i < 150; i++) {
        const v = data.data[i * 4 + j]!;
        expect(Math.abs(v - (iris.data[i * 4 + j]! - lo) / (hi - lo))).toBeLessThan(1e-15);
        if (v === 0) seen0 = true;
        if (v === 1) seen1 = true;
      }
      expect(seen0 && seen1).toBe(true);
    }
  });

  it('maps a constant column to the low end of the range', () => {
    expect(Array.from(minMaxScale([[7], [7], [7]]).data.data)).toEqual([0, 0, 0]);
    expect(Array.from(minMaxScale([[7], [7]], { featureRange: [-2, 3] }).data.data)).toEqual([-2, -2]);
    expect(Array.from(minMaxScale([[4, 1]]).data.data)).toEqual([0, 0]);
  });

  it('transforms new values of a column that was constant during the fit as scikit-learn does (range counts as 1)', () => {
    // scikit-learn 1.9.1: MinMaxScaler(feature_range=(-1, 3)).fit([[5, 1], [5, 3]])
    //   .transform([[7, 2], [5, 4], [4.5, 0]])        → [[7, 1], [-1, 5], [-3, -3]]
    //   .inverse_transform([[-1, 0], [1, 3]])          → [[5, 1.5], [5.5, 3]]
    const model = minMaxScaleFit([[5, 1], [5, 3]], { featureRange: [-1, 3] });
    expect(Array.from(minMaxScaleTransform(model, [[7, 2], [5, 4], [4.5, 0]]).data)).toEqual([7, 1, -1, 5, -3, -3]);
    expect(Array.from(minMaxScaleInverseTransform(model, [[-1, 0], [1, 3]]).data)).toEqual([5, 1.5, 5.5, 3]);
  });

  it('hits arbitrary feature ranges exactly at the ends', () => {
    const res = minMaxScale([[10], [-3], [0.7]], { featureRange: [0.1, 0.7] });
    expect(res.data.data[0]).toBe(0.7);
    expect(res.data.data[1]).toBe(0.1);
  });

  it('works when a column spans more than the largest double', () => {
    const res = minMaxScale([[-1.5e308], [1.5e308], [0]]);
    expect(Array.from(res.data.data)).toEqual([0, 1, 0.5]);
    expect(Array.from(minMaxScaleInverseTransform(res, res.data).data)).toEqual([-1.5e308, 1.5e308, 0]);
  });

  it('does not mutate its input', () => {
    const m = toMatrix([
      [1, 2],
      [3, 0],
    ]);
    const before = Array.from(m.data);
    const res = minMaxScale(m);
    expect(Array.from(m.data)).toEqual(before);
    expect(res.data.data).not.toBe(m.data);
  });

  it('rejects bad input and options', () => {
    expectLatentError(() => minMaxScale([]), 'E_SHAPE', 'minMaxScale: X must have at least 1 row, got 0');
    expectLatentError(() => minMaxScaleFit([[1], [NaN]]), 'E_NOT_FINITE', 'minMaxScaleFit: X must hold finite numbers, got NaN at row 1, column 0');
    expectLatentError(() => minMaxScale([[1]], { featureRange: [1, 1] }), 'E_RANGE', 'minMaxScale: featureRange must have lo < hi, got [1, 1]');
    expectLatentError(() => minMaxScale([[1]], { featureRange: [2, 1] }), 'E_RANGE', 'got [2, 1]');
    expectLatentError(() => minMaxScale([[1]], { featureRange: [0, Infinity] }), 'E_NOT_FINITE', 'minMaxScale: featureRange[1] must be a finite number, got Infinity');
    expectLatentError(() => minMaxScale([[1]], { featureRange: ['0', 1] as unknown as [number, number] }), 'E_TYPE', 'featureRange[0] must be a finite number, got "0"');
    expectLatentError(() => minMaxScale([[1]], { featureRange: [0] as unknown as [number, number] }), 'E_TYPE', 'minMaxScale: featureRange must be a pair [lo, hi], got an array of length 1');
    expectLatentError(() => minMaxScale([[1]], { featureRange: 1 as unknown as [number, number] }), 'E_TYPE', 'got 1');
    expectLatentError(() => minMaxScale([[1]], { clip: 'no' as unknown as boolean }), 'E_TYPE', 'minMaxScale: clip must be a boolean, got "no"');
  });
});

describe('minMaxScaleTransform / minMaxScaleInverseTransform', () => {
  it('gives the documented examples and extrapolates linearly', () => {
    const model = minMaxScaleFit([[0], [10]]);
    expect(Array.from(minMaxScaleTransform(model, [[5], [20], [-10]]).data)).toEqual([0.5, 2, -1]);
    expect(Array.from(minMaxScaleInverseTransform(model, [[0.5], [2]]).data)).toEqual([5, 20]);
  });

  it('with clip: true clamps new data to the feature range', () => {
    const model = minMaxScaleFit([[0], [10]], { clip: true, featureRange: [-1, 1] });
    expect(Array.from(minMaxScaleTransform(model, [[-5], [5], [50]]).data)).toEqual([-1, 0, 1]);
  });

  it('transforms the fitted data exactly as minMaxScale did, and inverts it', () => {
    const X = [
      [1, -2, 3],
      [4, 0, 3],
      [2.5, 8, 3],
    ];
    const res = minMaxScale(X, { featureRange: [-3, 2] });
    expect(Array.from(minMaxScaleTransform(res, X).data)).toEqual(Array.from(res.data.data));
    const back = minMaxScaleInverseTransform(res, res.data).data;
    X.flat().forEach((v, p) => expect(Math.abs(back[p]! - v)).toBeLessThan(1e-14));
  });

  it('the model survives serialize/deserialize and structuredClone', () => {
    const model = minMaxScaleFit([[1, 2], [5, -6]], { featureRange: [-1, 1], clip: true });
    const again = deserialize<MinMaxScaleModel>(serialize(model), { kind: 'minMaxScale' });
    expect(again.featureRange).toEqual([-1, 1]);
    const expected = Array.from(minMaxScaleTransform(model, [[3, 0], [9, 9]]).data);
    expect(Array.from(minMaxScaleTransform(again, [[3, 0], [9, 9]]).data)).toEqual(expected);
    expect(Array.from(minMaxScaleTransform(structuredClone(model), [[3, 0], [9, 9]]).data)).toEqual(expected);
  });

  it('throws E_RANGE when a result overflows', () => {
    const model = minMaxScaleFit([[0], [1e-300]]);
    expectLatentError(() => minMaxScaleTransform(model, [[1e300]]), 'E_RANGE', 'minMaxScaleTransform: X value at row 0, column 0 is too far from the fitted data');
    const wide = minMaxScaleFit([[-1e308], [1e308]]);
    expectLatentError(() => minMaxScaleInverseTransform(wide, [[0], [10]]), 'E_RANGE', 'minMaxScaleInverseTransform: Y value at row 1, column 0');
  });

  it('rejects wrong widths and corrupt models', () => {
    const model = minMaxScaleFit([[0, 1], [2, 3]]);
    expectLatentError(() => minMaxScaleTransform(model, [[1]]), 'E_SHAPE', "minMaxScaleTransform: X columns must equal the model's 2 columns, got 1");
    expectLatentError(() => minMaxScaleInverseTransform(model, [[1, 2, 3]]), 'E_SHAPE', "minMaxScaleInverseTransform: Y columns must equal the model's 2 columns, got 3");
    const bad = (patch: Record<string, unknown>): MinMaxScaleModel => ({ ...model, ...patch });
    expectLatentError(() => minMaxScaleTransform(bad({ kind: 'standardize' }), [[1, 2]]), 'E_MODEL', "model must be of kind 'minMaxScale'");
    expectLatentError(() => minMaxScaleTransform(bad({ min: [0, 1] }), [[1, 2]]), 'E_MODEL', 'model.min and model.max must be Float64Arrays of equal length');
    expectLatentError(() => minMaxScaleTransform(bad({ min: new Float64Array([5, 1]) }), [[1, 2]]), 'E_MODEL', 'finite with min <= max, got [5, 2] at column 0');
    expectLatentError(() => minMaxScaleTransform(bad({ max: new Float64Array([NaN, 3]) }), [[1, 2]]), 'E_MODEL', 'got [0, NaN]');
    expectLatentError(() => minMaxScaleTransform(bad({ featureRange: [1, 0] }), [[1, 2]]), 'E_MODEL', 'model.featureRange must be [lo, hi] with finite lo < hi');
    expectLatentError(() => minMaxScaleTransform(bad({ featureRange: undefined }), [[1, 2]]), 'E_MODEL', 'got undefined');
    expectLatentError(() => minMaxScaleInverseTransform(bad({ clip: 1 }), [[1, 2]]), 'E_MODEL', 'model.clip must be a boolean, got 1');
  });
});
