/**
 * Exact re-ranking for `hnswQuery`'s `rerank` option: the caller's full-precision rows (the data
 * the index was built from, in id order) give the candidates' exact distances, so an int8 index
 * answers with float recall and distances while it stays a quarter of the size.
 *
 * Internal module.
 */
import { LatentError, describe } from '../../core/errors.js';
import { isMatrix, type FloatArray, type Matrix } from '../../core/matrix.js';
import { heapOffer, heapSortAscending } from '../heap.js';
import type { HnswMetric } from './model.js';

/**
 * Checks the `rerank` option in O(1): a Matrix with one row per indexed point and the index's
 * width (values are checked as rows are read).
 *
 * @internal
 * @param fn - public function name
 * @param rows - the option's value
 * @param size - points in the index
 * @param dims - the index's width
 * @returns the matrix
 * @throws LatentError `E_TYPE` (not a Matrix), `E_SHAPE` (wrong size)
 * @example
 * ```ts
 * checkRerank('hnswQuery', { rows: 2, cols: 3, data: new Float32Array(6) }, 2, 3);
 * ```
 */
export function checkRerank(fn: string, rows: unknown, size: number, dims: number): Matrix {
  if (!isMatrix(rows)) throw new LatentError('E_TYPE', `${fn}: rerank must be a Matrix ({ rows, cols, data: Float32Array | Float64Array }), got ${describe(rows)}`);
  if (rows.rows !== size || rows.cols !== dims || rows.data.length !== size * dims) {
    throw new LatentError('E_SHAPE', `${fn}: rerank must hold the index's ${size} × ${dims} rows, got ${describe(rows.rows)} × ${describe(rows.cols)} with data length ${rows.data.length}`);
  }
  return rows;
}

function notFinite(fn: string, X: FloatArray, off: number, d: number, id: number): LatentError {
  let j = 0;
  while (j < d - 1 && X[off + j]! - X[off + j]! === 0) j++;
  return new LatentError('E_NOT_FINITE', `${fn}: rerank must hold finite values within Float32 range, got ${describe(X[off + j])} at row ${id}, column ${j}`);
}

/**
 * Exact distance (internal units: squared for `'euclidean'`, 1 − cos, 1 − a·b) from the query
 * (float64, normalized for cosine) to row `id` of the caller's rows.
 */
function exactDistance(fn: string, metric: HnswMetric, q: Float64Array, X: FloatArray, id: number, d: number): number {
  let s = 0;
  let xx = 0;
  const off = id * d;
  if (metric === 'euclidean') {
    for (let j = 0; j < d; j++) {
      const t = q[j]! - X[off + j]!;
      s += t * t;
    }
    if (s - s !== 0) throw notFinite(fn, X, off, d, id);
    return s;
  }
  for (let j = 0; j < d; j++) {
    const x = X[off + j]!;
    s += q[j]! * x;
    xx += x * x;
  }
  if (s - s !== 0 || xx - xx !== 0) throw notFinite(fn, X, off, d, id);
  if (metric === 'dot') return 1 - s;
  return xx > 0 ? 1 - s / Math.sqrt(xx) : 1;
}

/**
 * Keeps the k nearest of `count` candidate ids by exact distance, into the output slice at
 * `off`, nearest first. Returns how many were kept.
 *
 * @internal
 * @param fn - public function name
 * @param metric - the index's metric
 * @param q - the query (float64, normalized for cosine)
 * @param rows - the caller's rows
 * @param ids - candidate ids
 * @param count - how many
 * @param k - neighbours wanted
 * @param D - output distances (internal units)
 * @param I - output ids
 * @param off - start of this query's slice
 * @returns min(count, k)
 * @throws LatentError `E_NOT_FINITE` for a non-finite value in a row read
 * @example
 * ```ts
 * rerankCandidates('hnswQuery', 'cosine', q, rows, ctx.topI, found, 10, distances, indices, r * 10);
 * ```
 */
export function rerankCandidates(fn: string, metric: HnswMetric, q: Float64Array, rows: Matrix, ids: Int32Array, count: number, k: number, D: Float64Array, I: Int32Array, off: number): number {
  let kept = 0;
  for (let t = 0; t < count; t++) kept = heapOffer(D, I, off, kept, k, exactDistance(fn, metric, q, rows.data, ids[t]!, rows.cols), ids[t]!);
  heapSortAscending(D, I, off, kept);
  return kept;
}

/**
 * The exact scan with the caller's rows: the k nearest live points the filter allows.
 *
 * @internal
 * @param fn - public function name
 * @param metric - the index's metric
 * @param q - the query (float64, normalized for cosine)
 * @param rows - the caller's rows
 * @param deleted - the index's deleted flags
 * @param size - points in the index
 * @param filter - optional predicate
 * @param k - neighbours wanted
 * @param D - output distances (internal units)
 * @param I - output ids
 * @param off - start of this query's slice
 * @returns how many were found (≤ k)
 * @throws LatentError `E_NOT_FINITE` for a non-finite value in a row read
 * @example
 * ```ts
 * rerankScan('hnswQuery', 'cosine', q, rows, index.deleted, index.size, filter, 10, distances, indices, 0);
 * ```
 */
export function rerankScan(
  fn: string,
  metric: HnswMetric,
  q: Float64Array,
  rows: Matrix,
  deleted: Uint8Array,
  size: number,
  filter: ((id: number) => boolean) | undefined,
  k: number,
  D: Float64Array,
  I: Int32Array,
  off: number,
): number {
  let found = 0;
  for (let id = 0; id < size; id++) {
    if (deleted[id] !== 0 || (filter !== undefined && !filter(id))) continue;
    found = heapOffer(D, I, off, found, k, exactDistance(fn, metric, q, rows.data, id, rows.cols), id);
  }
  heapSortAscending(D, I, off, found);
  return found;
}
