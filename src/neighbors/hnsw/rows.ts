/**
 * Turning input rows (queries, or points to insert) into what the HNSW kernels read: a float64
 * row within Float32 range, unit-normalized under `'cosine'`.
 *
 * Internal module.
 */
import { LatentError, describe } from '../../core/errors.js';
import type { FloatArray } from '../../core/matrix.js';

/** Largest finite Float32 value: rows are stored as Float32, so larger values would become ±∞. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Copies row `i` of `data` (d wide) into `out` as float64, checks every value fits Float32, and
 * for `'cosine'` divides it by its norm (computed with a max-abs rescaling, so tiny rows do not
 * underflow to zero).
 *
 * @internal
 * @param fn - public function name
 * @param name - argument name
 * @param data - the rows (finite, checked by the caller)
 * @param i - row number
 * @param d - row length
 * @param cosine - normalize
 * @param out - out: the row (d)
 * @throws LatentError `E_RANGE` for a value beyond Float32 range, or a zero row under `'cosine'`
 * @example
 * ```ts
 * loadRow('hnswQuery', 'queries', Q.data, 0, d, true, ctx.row);
 * ```
 */
export function loadRow(fn: string, name: string, data: FloatArray, i: number, d: number, cosine: boolean, out: Float64Array): void {
  out.set(data.subarray(i * d, (i + 1) * d));
  let maxAbs = 0;
  for (let j = 0; j < d; j++) {
    const a = Math.abs(out[j]!);
    if (a > maxAbs) maxAbs = a;
  }
  if (maxAbs > FLOAT32_MAX) {
    let j = 0;
    while (Math.abs(out[j]!) <= FLOAT32_MAX) j++;
    throw new LatentError('E_RANGE', `${fn}: ${name} values must fit in Float32 (|v| <= 3.4e38), got ${describe(out[j])} at row ${i}, column ${j}`);
  }
  if (!cosine) return;
  if (maxAbs === 0) throw new LatentError('E_RANGE', `${fn}: ${name} rows must have a non-zero norm under the 'cosine' metric, got a zero vector at row ${i}`);
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = out[j]! / maxAbs;
    s += t * t;
  }
  const norm = maxAbs * Math.sqrt(s);
  for (let j = 0; j < d; j++) out[j] = out[j]! / norm;
}
