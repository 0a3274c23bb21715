/**
 * The PCA model (plain data) and the structural check every function that uses one runs.
 */
import { LatentError, describe } from '../core/errors.js';
import { isMatrix, asMatrix, asMatrix64, type Matrix, type Matrix64, type MatrixLike } from '../core/matrix.js';
import { assertModel, assertSize, assertSquareSafe } from '../core/validate.js';

/**
 * A fitted PCA: the linear latent space of {@link pca}. Plain data (typed arrays and
 * numbers), so it survives `structuredClone`, `postMessage` and `serialize`/`deserialize`
 * bit for bit. Field meanings follow scikit-learn's `PCA` attributes.
 */
export interface PcaModel {
  /** Model tag. */
  kind: 'pca';
  /** Layout version of this model. */
  version: 1;
  /** Per-feature mean of the training data (length d), subtracted before projecting. */
  mean: Float64Array;
  /**
   * k×d principal axes, one unit row per component, sorted by explained variance; each row's
   * largest-magnitude entry is positive (deterministic sign).
   */
  components: Matrix64;
  /** Variance along each component: σᵢ² / (n − 1) (length k). */
  explainedVariance: Float64Array;
  /** Share of the total variance each component explains (length k, sums to ≤ 1). */
  explainedVarianceRatio: Float64Array;
  /** Singular values σᵢ of the centred training data for the kept components (length k). */
  singularValues: Float64Array;
  /**
   * Probabilistic-PCA noise estimate: the mean variance of the discarded directions
   * (0 when every component is kept).
   */
  noiseVariance: number;
  /** Whether {@link pcaTransform} scales each coordinate to unit variance. */
  whiten: boolean;
}

/**
 * Throws `E_MODEL` unless `model` is a structurally valid {@link PcaModel}.
 *
 * @param fn - public function name for messages
 * @param model - the received value
 * @returns the model, typed
 * @throws LatentError `E_MODEL`; `E_NOT_FINITE` for NaN or ±Infinity in mean, components or explainedVariance
 * @example
 * ```ts
 * assertPcaModel('pcaTransform', pca([[0, 1], [1, 0], [2, 2]])); // ok
 * ```
 */
export function assertPcaModel(fn: string, model: unknown): PcaModel {
  assertModel(fn, model, 'pca');
  const m = model as Partial<Record<keyof PcaModel, unknown>>;
  const bad = (what: string, got: unknown): never => {
    throw new LatentError('E_MODEL', `${fn}: model.${what}, got ${describe(got)}`);
  };
  if (!(m.mean instanceof Float64Array)) bad('mean must be a Float64Array', m.mean);
  const d = (m.mean as Float64Array).length;
  if (!isMatrix(m.components)) bad('components must be a Matrix64', m.components);
  const c = m.components as Matrix64;
  if (c.cols !== d || c.rows < 1 || c.data.length !== c.rows * c.cols) {
    bad(`components must be a k×${d} Matrix64 with k ≥ 1`, `${c.rows}×${c.cols} with data length ${c.data.length}`);
  }
  if (!(m.explainedVariance instanceof Float64Array) || m.explainedVariance.length !== c.rows) {
    bad(`explainedVariance must be a Float64Array of length ${c.rows}`, m.explainedVariance);
  }
  if (typeof m.whiten !== 'boolean') bad('whiten must be a boolean', m.whiten);
  // Values too (O(k·d), less than one transformed row per component): a NaN weight reached
  // through deserialize must not leak into every result.
  const finite = (what: string, v: ArrayLike<number>): void => {
    for (let i = 0; i < v.length; i++) {
      if (v[i]! - v[i]! !== 0) throw new LatentError('E_NOT_FINITE', `${fn}: model.${what} must be finite, got ${describe(v[i])} at index ${i}`);
    }
  };
  finite('mean', m.mean as Float64Array);
  finite('components', c.data);
  finite('explainedVariance', m.explainedVariance as Float64Array);
  return model as PcaModel;
}

/**
 * Validates the arguments of a function that applies a PCA model to a batch of rows: the model
 * first, then `X` as a matrix as wide as the model's features (`name` `'X'`) or components
 * (`name` `'Z'`). An empty array (`[]`) is a batch of zero rows of any width.
 *
 * @param fn - public function name for messages
 * @param model - the received model
 * @param X - the received batch
 * @param name - `'X'` (data, d columns) or `'Z'` (latent coordinates, k columns)
 * @returns the typed model and the batch as a Matrix (a Matrix input is returned as is)
 * @throws LatentError `E_MODEL`, `E_SHAPE` (wrong width), `E_NOT_FINITE`, `E_TYPE`, `E_RANGE` (a value beyond ±2⁵⁰⁰ ≈ 3.3e150, as the fit)
 * @example
 * ```ts
 * pcaBatch('pcaTransform', pca([[0, 1], [1, 0], [2, 2]]), [[1, 1]], 'X').x.rows; // 1
 * ```
 */
export function pcaBatch(fn: string, model: unknown, X: MatrixLike, name: 'X' | 'Z'): { model: PcaModel; x: Matrix64 } {
  const m = assertPcaModel(fn, model);
  const x = asMatrix64(X, fn, name);
  if (x.rows !== 0 || x.cols !== 0) {
    if (name === 'X') assertSize(fn, 'X columns (the model has that many features)', x.cols, m.mean.length);
    else assertSize(fn, 'Z columns (the model has that many components)', x.cols, m.components.rows);
  }
  // The fit's bound: projections, reconstructions and squared residuals of larger values overflow.
  assertSquareSafe(fn, name, x.data, x.cols);
  return { model: m, x };
}

/**
 * {@link pcaBatch} for functions that only read the batch (`pcaTransform`): the batch keeps its
 * storage type (Float32 data is not widened).
 *
 * @param fn - public function name for messages
 * @param model - the received model
 * @param X - the received batch (d columns)
 * @returns the typed model and the batch as a Matrix (Float64 or Float32 data, not copied)
 * @throws LatentError `E_MODEL`, `E_SHAPE` (wrong width), `E_NOT_FINITE`, `E_TYPE`, `E_RANGE` (a value beyond ±2⁵⁰⁰ ≈ 3.3e150, as the fit)
 * @example
 * ```ts
 * pcaBatchInPlace('pcaTransform', model, { rows: 1, cols: 2, data: new Float32Array([1, 1]) }).x.data; // the same Float32Array
 * ```
 */
export function pcaBatchInPlace(fn: string, model: unknown, X: MatrixLike): { model: PcaModel; x: Matrix } {
  const m = assertPcaModel(fn, model);
  const x = asMatrix(X, fn, 'X');
  if (x.rows !== 0 || x.cols !== 0) assertSize(fn, 'X columns (the model has that many features)', x.cols, m.mean.length);
  // Float32 values are far inside the bound; Float64 beyond it would overflow the projection.
  if (x.data instanceof Float64Array) assertSquareSafe(fn, 'X', x.data, x.cols);
  return { model: m, x };
}
