/**
 * Out-of-sample LLE: new points placed by the barycenter weights of their neighbours among the
 * training points (scikit-learn's `LocallyLinearEmbedding.transform`).
 */
import { LatentError, describe } from '../core/errors.js';
import { asMatrix64, isMatrix, type Matrix64, type MatrixLike } from '../core/matrix.js';
import { assertModel, assertSquareSafe } from '../core/validate.js';
import { knn } from '../neighbors/exact/knn.js';
import type { LleModel } from './lle.js';
import { barycenterWeights } from './lle-weights.js';

/**
 * Embeds new rows into a fitted {@link LleModel}: each row's `nNeighbors` nearest training points
 * (exact, euclidean; a training point itself is its own nearest neighbour), its barycenter
 * weights with the model's `reg`, and the same weighted combination of their embeddings — what
 * scikit-learn's `transform` does (for any `method`).
 *
 * O(q·(n·d + k²d + k³)) time with brute-force search (a vantage-point tree when d ≤ 20), O(q·k)
 * memory besides the q × dims result.
 *
 * @param model - from {@link lle}
 * @param X - q × d new rows (d = the training width); q may be 0
 * @returns q × dims coordinates
 * @throws LatentError `E_MODEL` (not an LLE model, or inconsistent fields), `E_SHAPE` (width), `E_NOT_FINITE`, `E_TYPE`, `E_RANGE` (a value beyond ±2⁵⁰⁰ ≈ 3.3e150, whose squared distances would overflow; a numerically singular local system)
 * @example
 * ```ts
 * const model = lle(data, { nNeighbors: 12 });
 * lleTransform(model, [data.data.subarray(0, 3)]).rows; // 1
 * ```
 * @see sklearn.manifold.LocallyLinearEmbedding.transform
 */
export function lleTransform(model: LleModel, X: MatrixLike): Matrix64 {
  const fn = 'lleTransform';
  const m = assertLleModel(fn, model);
  const d = m.data.cols;
  const dims = m.embedding.cols;
  const Q = asMatrix64(X, fn, 'X');
  const q = Q.rows;
  if (q === 0) return { rows: 0, cols: dims, data: new Float64Array(0) };
  if (Q.cols !== d) throw new LatentError('E_SHAPE', `${fn}: X must have ${d} columns (the training width), got ${Q.cols}`);
  // Checked here so that the neighbour search cannot refuse it under its own name.
  assertSquareSafe(fn, 'X', Q.data, d);
  const k = m.nNeighbors;
  const { indices } = knn(m.data, Q, k);
  const W = barycenterWeights(fn, Q.data, q, m.data.data, d, indices, k, m.reg);
  const out = new Float64Array(q * dims);
  const E = m.embedding.data;
  for (let i = 0; i < q; i++) {
    for (let t = 0; t < k; t++) {
      const w = W[i * k + t]!;
      const eo = indices[i * k + t]! * dims;
      for (let c = 0; c < dims; c++) out[i * dims + c] = out[i * dims + c]! + w * E[eo + c]!;
    }
  }
  return { rows: q, cols: dims, data: out };
}

/**
 * Throws `E_MODEL` unless `model` is a structurally valid {@link LleModel} (kind, version, matrix
 * shapes and lengths, neighbour count within the training size, finite reg).
 *
 * @param fn - public function name
 * @param model - the received value
 * @returns the model, typed
 * @throws LatentError `E_MODEL`
 * @example
 * ```ts
 * assertLleModel('lleTransform', lle(X)); // the model
 * ```
 */
export function assertLleModel(fn: string, model: unknown): LleModel {
  assertModel(fn, model, 'lle');
  const m = model as Partial<Record<keyof LleModel, unknown>>;
  const bad = (what: string, got: unknown): never => {
    throw new LatentError('E_MODEL', `${fn}: model.${what}, got ${describe(got)}`);
  };
  const data = m.data as Matrix64;
  if (!isMatrix(data) || !(data.data instanceof Float64Array) || data.rows < 2 || data.cols < 1 || data.data.length !== data.rows * data.cols) {
    bad('data must be an n × d Matrix64 with n ≥ 2', m.data);
  }
  const emb = m.embedding as Matrix64;
  if (!isMatrix(emb) || !(emb.data instanceof Float64Array) || emb.rows !== data.rows || emb.cols < 1 || emb.data.length !== emb.rows * emb.cols) {
    bad(`embedding must be a ${data.rows} × dims Matrix64`, m.embedding);
  }
  const k = m.nNeighbors;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > data.rows) bad(`nNeighbors must be an integer in [1, ${data.rows}]`, k);
  const reg = m.reg;
  if (typeof reg !== 'number' || !(reg >= 0) || reg === Infinity) bad('reg must be a finite number >= 0', reg);
  for (const values of [emb.data, data.data]) {
    for (let p = 0; p < values.length; p++) {
      const v = values[p]!;
      if (v - v !== 0) bad(values === emb.data ? 'embedding must be finite' : 'data must be finite', v);
    }
  }
  return model as LleModel;
}
