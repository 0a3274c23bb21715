/**
 * Assigning new points to a fitted k-means model.
 */
import { LatentError, describe } from '../../core/errors.js';
import { isMatrix, asMatrix, type MatrixLike } from '../../core/matrix.js';
import { rowSqNorms } from '../../distance/kernels.js';
import { assertFinite, assertModel, assertSquareSafe } from '../../core/validate.js';
import { unitRows, type KMeansModel } from './kmeans.js';
import { useProduct } from './kmeans-product.js';
import { assignAll } from './kmeans-step.js';

/**
 * Label of the nearest centroid for every row of `X` (ties: the lowest label), with the
 * model's metric (rows are scaled to unit length for `'cosine'`). On the training data of a
 * converged model this returns the model's labels. O(n·k·d); at d ≥ 32 (and for Float32 data)
 * through the packed product with an exact re-check, so the labels are the difference form's.
 *
 * Memory: Float32 or Float64 rows are read in place (the euclidean metric allocates the labels,
 * n doubles of row norms and the packed centres); `'cosine'` works on a Float64 copy of the rows
 * scaled to unit length.
 *
 * @param model - a {@link KMeansModel} from {@link kmeans} or `miniBatchKmeans`
 * @param X - n × d points, d = the model's centroid width
 * @returns Int32Array of n labels in [0, k)
 * @throws LatentError `E_MODEL` (not a kmeans model, or corrupt centroids), `E_SHAPE` (width
 * differs), `E_NOT_FINITE`, `E_RANGE` (zero row with the cosine metric)
 * @throws LatentError `E_RANGE` with `'euclidean'` for a value beyond ±2⁵⁰⁰ ≈ 3.3e150, whose squared differences would overflow
 * @example
 * ```ts
 * const model = kmeans([[0, 0], [0, 1], [10, 10], [10, 11]], { k: 2 });
 * model.labels;                           // Int32Array [1, 1, 0, 0]
 * kmeansPredict(model, [[1, 0], [9, 9]]); // Int32Array [1, 0]
 * ```
 * @see sklearn.cluster.KMeans.predict
 */
export function kmeansPredict(model: KMeansModel, X: MatrixLike): Int32Array {
  assertModel('kmeansPredict', model, 'kmeans');
  const C = model.centroids;
  if (!isMatrix(C) || C.rows < 1 || C.data.length !== C.rows * C.cols) {
    throw new LatentError('E_MODEL', `kmeansPredict: model.centroids must be a non-empty Matrix64, got ${describe(C)}`);
  }
  assertFinite('kmeansPredict', 'model.centroids', C.data, C.cols);
  const metric = model.metric;
  if (metric !== 'euclidean' && metric !== 'cosine') {
    throw new LatentError('E_MODEL', `kmeansPredict: model.metric must be 'euclidean' or 'cosine', got ${describe(metric)}`);
  }
  const m = asMatrix(X, 'kmeansPredict', 'X');
  if (m.cols !== C.cols && m.rows > 0) {
    throw new LatentError('E_SHAPE', `kmeansPredict: X columns must equal the centroid width ${C.cols}, got ${m.cols}`);
  }
  if (metric === 'euclidean' && m.data instanceof Float64Array) assertSquareSafe('kmeansPredict', 'X', m.data, m.cols);
  const data = metric === 'cosine' ? unitRows('kmeansPredict', 'X', m.data, m.rows, m.cols) : m.data;
  const labels = new Int32Array(m.rows).fill(-1);
  const centres = C.data instanceof Float64Array ? C.data : Float64Array.from(C.data);
  assignAll(data, m.rows, C.cols, centres, C.rows, labels, useProduct(data, C.cols) ? rowSqNorms(data, m.rows, C.cols) : null);
  return labels;
}
