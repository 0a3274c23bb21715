/** Fuzz specs of `latent/decomposition`. */
import fc from 'fast-check';
import { pca } from '../../../src/decomposition/pca.js';
import { pcaTransform } from '../../../src/decomposition/pca-transform.js';
import { pcaInverseTransform } from '../../../src/decomposition/pca-inverse-transform.js';
import { pcaReconstructionError } from '../../../src/decomposition/pca-reconstruction-error.js';
import { eigSymmetric } from '../../../src/decomposition/eig-symmetric.js';
import { svd } from '../../../src/decomposition/svd.js';
import { randomizedSvd } from '../../../src/decomposition/randomized-svd.js';
import { eigsh } from '../../../src/decomposition/eigsh.js';
import { csrFromTriplets } from '../../../src/core/sparse.js';
import { first, float64, matrix64, model, rowsOf } from '../harness/checks.js';
import { fittedOneOf, fixedData, fresh, matrixOf, plainCell, storage } from '../harness/gen.js';
import { decodeMatrix, encodeMatrix } from '../harness/values.js';
import type { Callable, Slot, Spec } from '../harness/types.js';
import { taskSlots } from './slots.js';

const c = (f: unknown): Callable => f as Callable;

/** A random symmetric n × n matrix in any storage. */
const symmetric = (n: number): fc.Arbitrary<unknown> =>
  fc.tuple(fc.array(plainCell, { minLength: n * n, maxLength: n * n }), storage).map(([v, s]) => {
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) v[i * n + j] = v[j * n + i]!;
    return encodeMatrix(n, n, v, s);
  });

/** ‖A v − λ v‖ ≤ tol · ‖A‖ for every returned pair (eigenvectors are rows; A dense, from the arguments). */
function eigenResiduals(A: unknown, values: Float64Array, vectors: { rows: number; cols: number; data: Float64Array }, tol = 1e-8): string | undefined {
  const m = decodeMatrix(A);
  if (m === undefined) return undefined;
  const n = m.rows;
  const scale = Math.max(...m.values.map(Math.abs), 0);
  if (scale === 0 || !Number.isFinite(scale)) return undefined;
  for (let p = 0; p < values.length; p++) {
    let r = 0;
    let vn = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += (m.values[i * n + j]! / scale) * vectors.data[p * vectors.cols + j]!;
      const d = s - (values[p]! / scale) * vectors.data[p * vectors.cols + i]!;
      r += d * d;
      vn += vectors.data[p * vectors.cols + i]! ** 2;
    }
    // A subnormal eigenvalue is rounded to the subnormal grid (spacing 2^-1074): relative to A's
    // scale that is an error no solver can avoid, so it widens the bound (nothing for normal A).
    const gridSlack = (n * Number.MIN_VALUE) / scale;
    if (!(Math.sqrt(r) <= tol * n + gridSlack) || !(Math.abs(Math.sqrt(vn) - 1) < 1e-6)) return `eigenpair ${p}: residual ${Math.sqrt(r)} (relative), ‖v‖ = ${Math.sqrt(vn)}`;
  }
  return undefined;
}

/**
 * s descending and ≥ 0; σ₁ ≥ max|aᵢⱼ| (σ₁ = ‖A‖₂ bounds every entry) when the whole spectrum is
 * computed (`exact`); and ‖A − U S Vᵀ‖ ≤ tol · max|A| (dense A) when U is returned (`full`).
 */
function svdCheck(A: unknown, r: { u: { data: Float64Array; cols: number }; s: Float64Array; vt: { data: Float64Array; cols: number } }, full: boolean, exact = true): string | undefined {
  for (let i = 0; i < r.s.length; i++) {
    if (!(r.s[i]! >= 0)) return `singular value ${r.s[i]} < 0`;
    if (i > 0 && r.s[i]! > r.s[i - 1]! * (1 + 1e-12)) return 'singular values not descending';
  }
  const m = decodeMatrix(A);
  if (m !== undefined && exact && r.s.length > 0) {
    const maxAbs = Math.max(...m.values.map(Math.abs), 0);
    if (!(r.s[0]! >= maxAbs * (1 - 1e-9))) return `largest singular value ${r.s[0]} < max |A| = ${maxAbs} (σ₁ = ‖A‖₂ ≥ every |aᵢⱼ|)`;
  }
  if (m === undefined || !full || r.u.data.length === 0) return undefined;
  const scale = Math.max(...m.values.map(Math.abs), 0);
  if (scale === 0 || !Number.isFinite(scale)) return undefined;
  const k = r.s.length;
  // Singular values of a matrix whose entries are subnormal are themselves subnormal: a double
  // holds them only to the nearest multiple of 2⁻¹⁰⁷⁴, k such roundings in the reconstruction.
  const tol = 1e-8 * Math.max(m.rows, m.cols) + (k * 2 ** -1074) / scale;
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += r.u.data[i * r.u.cols + p]! * (r.s[p]! / scale) * r.vt.data[p * r.vt.cols + j]!;
      if (!(Math.abs(s - m.values[i * m.cols + j]! / scale) <= tol)) return `reconstruction error at (${i}, ${j}): ${s} vs ${m.values[i * m.cols + j]! / scale} (relative to max |A|)`;
    }
  }
  return undefined;
}

const pcaModels = fittedOneOf<object>([
  () => pca(fixedData(12, 4), { components: 2 }),
  () => pca(fixedData(9, 4, 1), { whiten: true }),
  () => pca(fixedData(30, 4, 2), { components: 3, solver: 'randomized' }),
]);
const pcaDims = (m: unknown): { d: number; k: number } => {
  const p = m as { mean: Float64Array; components: { rows: number } };
  return { d: p.mean.length, k: p.components.rows };
};

const rsvdSlots = (arg: number): Slot[] => [
  { arg, kind: 'options', optional: true },
  { arg, key: 'oversamples', kind: 'size', optional: true },
  { arg, key: 'powerIterations', kind: 'integer', accepts: ['string'], optional: true, work: true },
  { arg, key: 'seed', kind: 'seed', optional: true },
];

/** Inputs of eigsh: a dense symmetric matrix, its CSR form, or a { n, apply } operator. */
const eigshInput = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.tuple(symmetric(n), fc.constantFrom('dense', 'csr', 'operator')).map(([A, form]) => {
    const m = decodeMatrix(A)!;
    if (form === 'dense') return { n, A };
    if (form === 'csr') {
      const r: number[] = [];
      const cc: number[] = [];
      const v: number[] = [];
      m.values.forEach((x, p) => {
        if (x !== 0) {
          r.push(Math.floor(p / n));
          cc.push(p % n);
          v.push(x);
        }
      });
      return { n, A: csrFromTriplets(n, n, Int32Array.from(r), Int32Array.from(cc), Float64Array.from(v)) };
    }
    const dense = Float64Array.from(m.values);
    return {
      n,
      A: {
        n,
        apply: (x: Float64Array, o: Float64Array) => {
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let j = 0; j < n; j++) s += dense[i * n + j]! * x[j]!;
            o[i] = s;
          }
        },
      },
    };
  }),
);

export const DECOMPOSITION_SPECS: Spec[] = [
  {
    name: 'pca',
    fn: c(pca),
    params: ['X', 'options'],
    cost: 'medium',
    mustConverge: true,
    args: fc.tuple(fc.integer({ min: 2, max: 25 }), fc.integer({ min: 1, max: 5 })).chain(([n, d]) =>
      fc.tuple(
        matrixOf(n, d),
        fc.record(
          {
            components: fc.oneof(fc.integer({ min: 1, max: Math.min(n, d) }), fc.double({ min: 0.05, max: 0.95, noNaN: true })),
            whiten: fc.boolean(),
            solver: fc.constantFrom('auto', 'full', 'covariance', 'svd', 'randomized'),
            seed: fc.nat(),
            oversamples: fc.integer({ min: 0, max: 12 }),
            powerIterations: fc.oneof(fc.constant('auto'), fc.integer({ min: 0, max: 4 })),
          },
          { requiredKeys: [] },
        ),
      ),
    ),
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'components', kind: 'number', optional: true },
      { arg: 1, key: 'whiten', kind: 'boolean', optional: true },
      { arg: 1, key: 'solver', kind: 'enum', values: ['auto', 'full', 'covariance', 'svd', 'randomized'], optional: true },
      ...rsvdSlots(1).slice(1),
      ...taskSlots(1),
    ],
    check: (out) => {
      const m = out as { explainedVarianceRatio: Float64Array; explainedVariance: Float64Array };
      return first(
        () => model(out, 'pca'),
        () => float64(m.explainedVariance, undefined, 'explainedVariance', 0),
        () => float64(m.explainedVarianceRatio, undefined, 'explainedVarianceRatio', 0, 1 + 1e-12),
      );
    },
  },
  {
    name: 'pcaTransform',
    fn: c(pcaTransform),
    params: ['model', 'X'],
    args: pcaModels.chain((m) => fc.integer({ min: 0, max: 6 }).chain((n) => matrixOf(n, pcaDims(m).d).map((X) => [m, X]))),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
    ],
    check: (out, args) => matrix64(out, rowsOf(args[1]), pcaDims(args[0]).k),
  },
  {
    name: 'pcaInverseTransform',
    fn: c(pcaInverseTransform),
    params: ['model', 'Z'],
    args: pcaModels.chain((m) => fc.integer({ min: 0, max: 6 }).chain((n) => matrixOf(n, pcaDims(m).k).map((Z) => [m, Z]))),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
    ],
    check: (out, args) => matrix64(out, rowsOf(args[1]), pcaDims(args[0]).d),
  },
  {
    name: 'pcaReconstructionError',
    fn: c(pcaReconstructionError),
    params: ['model', 'X'],
    args: pcaModels.chain((m) => fc.integer({ min: 0, max: 6 }).chain((n) => matrixOf(n, pcaDims(m).d).map((X) => [m, X]))),
    slots: [
      { arg: 0, kind: 'model' },
      { arg: 1, kind: 'matrix' },
    ],
    check: (out, args) => float64(out, rowsOf(args[1]), 'errors', 0),
  },
  {
    name: 'eigSymmetric',
    fn: c(eigSymmetric),
    params: ['A', 'options'],
    mustConverge: true,
    args: fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(symmetric(n), fc.option(fc.record({ order: fc.constantFrom('descending', 'ascending') }, { requiredKeys: [] }), { nil: undefined }))),
    slots: [
      { arg: 0, kind: 'symmetric' },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'order', kind: 'enum', values: ['descending', 'ascending'], optional: true },
    ],
    check: (out, args) => {
      const r = out as { values: Float64Array; vectors: { rows: number; cols: number; data: Float64Array } };
      const n = rowsOf(args[0]);
      return first(
        () => float64(r.values, n, 'values'),
        () => matrix64(r.vectors, n, n, 'vectors'),
        () => eigenResiduals(args[0], r.values, r.vectors),
      );
    },
  },
  {
    name: 'svd',
    fn: c(svd),
    params: ['A', 'options'],
    mustConverge: true,
    args: fc
      .tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 6 }))
      .chain(([m, n]) => fc.tuple(matrixOf(m, n), fc.option(fc.record({ computeU: fc.boolean() }, { requiredKeys: [] }), { nil: undefined }))),
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'computeU', kind: 'boolean', optional: true },
    ],
    check: (out, args) => {
      const r = out as { u: { data: Float64Array; cols: number }; s: Float64Array; vt: { data: Float64Array; cols: number } };
      return svdCheck(args[0], r, (args[1] as { computeU?: boolean } | undefined)?.computeU !== false);
    },
  },
  {
    name: 'randomizedSvd',
    fn: c(randomizedSvd),
    params: ['A', 'k', 'options'],
    mustConverge: true,
    cost: 'medium',
    args: fc.tuple(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: 6 })).chain(([m, n]) =>
      fc.tuple(
        matrixOf(m, n),
        fc.integer({ min: 1, max: Math.min(m, n) }),
        fc.option(
          fc.record({ oversamples: fc.integer({ min: 0, max: 10 }), powerIterations: fc.oneof(fc.constant('auto'), fc.integer({ min: 0, max: 4 })), seed: fc.nat(), computeU: fc.boolean() }, { requiredKeys: [] }),
          { nil: undefined },
        ),
      ),
    ),
    slots: [{ arg: 0, kind: 'matrix' }, { arg: 1, kind: 'integer' }, ...rsvdSlots(2), { arg: 2, key: 'computeU', kind: 'boolean', optional: true }],
    check: (out, args) => {
      const r = out as { u: { data: Float64Array; cols: number }; s: Float64Array; vt: { data: Float64Array; cols: number } };
      // With k + oversamples ≥ min(m, n) the range finder spans the whole column space: exact.
      const { rows, cols } = { rows: rowsOf(args[0]), cols: decodeMatrix(args[0])?.cols ?? 0 };
      const p = (args[2] as { oversamples?: number } | undefined)?.oversamples ?? 10;
      const exact = (args[1] as number) + p >= Math.min(rows, cols);
      return first(
        () => float64(r.s, args[1] as number, 's', 0),
        () => svdCheck(args[0], r, false, exact),
      );
    },
  },
  {
    name: 'eigsh',
    fn: c(eigsh),
    params: ['A', 'k', 'options'],
    cost: 'medium',
    args: eigshInput.chain(({ n, A }) =>
      fc.tuple(
        fresh(() => A),
        fc.integer({ min: 1, max: n }),
        fc.option(
          fc.record(
            {
              which: fc.constantFrom('largest', 'smallest'),
              method: fc.constantFrom('auto', 'lanczos', 'dense', 'shift-invert'),
              tol: fc.constantFrom(1e-10, 1e-6),
              seed: fc.nat(),
              memoryLimit: fc.constant(1e8),
            },
            { requiredKeys: [] },
          ),
          { nil: undefined },
        ),
      ),
    ),
    slots: [
      { arg: 0, kind: 'symmetric' },
      { arg: 1, kind: 'integer' },
      { arg: 2, kind: 'options', optional: true },
      { arg: 2, key: 'which', kind: 'enum', values: ['largest', 'smallest'], optional: true },
      { arg: 2, key: 'method', kind: 'enum', values: ['auto', 'lanczos', 'shift-invert', 'dense'], optional: true },
      { arg: 2, key: 'tol', kind: 'number', optional: true },
      { arg: 2, key: 'maxIter', kind: 'integer', optional: true, work: true },
      { arg: 2, key: 'ncv', kind: 'integer', optional: true },
      { arg: 2, key: 'seed', kind: 'seed', optional: true },
      { arg: 2, key: 'startVector', kind: 'vector', optional: true },
      { arg: 2, key: 'memoryLimit', kind: 'number', optional: true, infinityOk: true },
      { arg: 2, key: 'signal', kind: 'signal', optional: true },
      { arg: 2, key: 'onProgress', kind: 'callback', optional: true },
    ],
    nonFinite: /^\.shift$/,
    check: (out, args) => {
      const r = out as { values: Float64Array; vectors: { rows: number; cols: number; data: Float64Array } };
      return float64(r.values, args[1] as number, 'values');
    },
  },
];
