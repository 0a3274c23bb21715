import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/core/matrix.js';
import { pca, type PcaOptions } from '../../src/decomposition/pca.js';
import { pcaInverseTransform } from '../../src/decomposition/pca-inverse-transform.js';
import { pcaReconstructionError } from '../../src/decomposition/pca-reconstruction-error.js';
import { pcaTransform } from '../../src/decomposition/pca-transform.js';
import { loadCsv, loadGolden, zscore } from '../helpers/data.js';

/** One case of data/golden/pca.json (scikit-learn 1.2.1, PCA(svd_solver='full')). */
interface GoldenCase {
  options: { n_components?: number; whiten?: boolean };
  components: number[][];
  mean: number[];
  explainedVariance: number[];
  explainedVarianceRatio: number[];
  singularValues: number[];
  noiseVariance: number;
  transformedFirstRows: number[][];
  reconstructionMSE: number;
}

const golden = loadGolden<Record<string, GoldenCase>>('pca');
const wine = loadCsv('wine').data;
const digits = loadCsv('digits').data;
const cases: [string, Matrix][] = [
  ['wine_std_k2', zscore(wine)],
  ['wine_raw_all', wine],
  ['digits_k10', digits],
  ['digits_whiten_k5', digits],
  ['digits_var095', digits],
];
const REL = 1e-9;

function expectClose(actual: ArrayLike<number>, expected: readonly number[], what: string, scale?: number): void {
  expect(actual.length, what).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const denom = scale ?? Math.abs(expected[i]!);
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / Math.max(denom, 1e-300));
  }
  expect(worst, what).toBeLessThan(REL);
}

describe('pca against scikit-learn 1.2.1 (golden)', () => {
  for (const [name, X] of cases) {
    const g = golden[name]!;
    for (const solver of ['full', 'auto'] as const) {
      it(`${name} (solver '${solver}')`, () => {
        const options: PcaOptions = { solver };
        if (g.options.n_components !== undefined) options.components = g.options.n_components;
        if (g.options.whiten !== undefined) options.whiten = g.options.whiten;
        const model = pca(X, options);
        const k = g.components.length;
        const d = X.cols;
        expect(model.components.rows).toBe(k);
        expect(model.components.cols).toBe(d);
        expect(model.whiten).toBe(g.options.whiten ?? false);
        // Means of z-scored data are ~1e-16: compare on the scale of the data.
        expectClose(model.mean, g.mean, 'mean', Math.max(...g.mean.map(Math.abs), 1));
        expectClose(model.explainedVariance, g.explainedVariance, 'explainedVariance');
        expectClose(model.explainedVarianceRatio, g.explainedVarianceRatio, 'explainedVarianceRatio');
        expectClose(model.singularValues, g.singularValues, 'singularValues');
        if (g.noiseVariance === 0) expect(model.noiseVariance).toBe(0);
        else expect(Math.abs(model.noiseVariance - g.noiseVariance) / g.noiseVariance).toBeLessThan(REL);

        // Components up to sign (scikit-learn 1.2 fixes signs from U; the contract makes each
        // row's largest-magnitude entry positive).
        const signs: number[] = [];
        for (let i = 0; i < k; i++) {
          const row = model.components.data.subarray(i * d, (i + 1) * d);
          const ref = g.components[i]!;
          let dot = 0;
          let bestAbs = -1;
          let best = 0;
          for (let j = 0; j < d; j++) {
            dot += row[j]! * ref[j]!;
            if (Math.abs(row[j]!) > bestAbs) {
              bestAbs = Math.abs(row[j]!);
              best = j;
            }
          }
          expect(row[best]!, `component ${i} sign convention`).toBeGreaterThan(0);
          const sign = dot < 0 ? -1 : 1;
          signs.push(sign);
          expectClose(
            Array.from(row, (v) => v * sign),
            ref,
            `component ${i}`,
            Math.max(...ref.map(Math.abs)),
          );
        }

        // Transformed rows, up to the same per-component sign.
        const first: Matrix = { rows: 10, cols: d, data: X.data.slice(0, 10 * d) };
        const z = pcaTransform(model, first);
        for (let i = 0; i < 10; i++) {
          const ref = g.transformedFirstRows[i]!;
          expectClose(
            Array.from(z.data.subarray(i * k, (i + 1) * k), (v, j) => v * signs[j]!),
            ref,
            `transformed row ${i}`,
            Math.max(...ref.map(Math.abs)),
          );
        }

        // Reconstruction MSE over the whole data set (≈ 0 when every component is kept).
        const recon = pcaInverseTransform(model, pcaTransform(model, X));
        let mse = 0;
        for (let i = 0; i < X.data.length; i++) mse += (recon.data[i]! - X.data[i]!) ** 2;
        mse /= X.data.length;
        const perRow = pcaReconstructionError(model, X);
        let mean = 0;
        for (let i = 0; i < perRow.length; i++) mean += perRow[i]!;
        mean /= perRow.length;
        if (g.reconstructionMSE < 1e-20) {
          expect(mse).toBeLessThan(1e-20);
          expect(mean).toBeLessThan(1e-20);
        } else {
          expect(Math.abs(mse - g.reconstructionMSE) / g.reconstructionMSE).toBeLessThan(REL);
          expect(Math.abs(mean - g.reconstructionMSE) / g.reconstructionMSE).toBeLessThan(REL);
        }
      });
    }
  }
});
