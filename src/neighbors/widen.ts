/**
 * Tile widening: the way the neighbour kernels read Float32 data without a whole-matrix Float64
 * copy. A block of Float32 rows is converted into a small reused Float64 buffer and handed to the
 * Float64 kernels of `distance/kernels.ts`, so every compiled loop sees one storage type. The
 * conversion costs one pass over the block, amortised over the many distances computed from it.
 * Float64 data is never copied: callers index it in place.
 *
 * Internal module: arguments are not validated.
 */
import type { FloatArray } from '../core/matrix.js';
import { cosineNorms, rowSqNorms } from '../distance/kernels.js';

/** Doubles of point data per widened block (256 KiB: stays in L2 while queries sweep it). */
export const BLOCK_DOUBLES = 32768;

/**
 * Copies rows `r0 … r1−1` of a row-major `? × d` array into `dst` (from offset 0), widening
 * Float32 values to doubles (exactly). `TypedArray.prototype.set` does the conversion natively,
 * so this function itself has no numeric loop to keep monomorphic.
 *
 * @internal
 * @param src - row-major data (Float32 or Float64)
 * @param r0 - first row
 * @param r1 - one past the last row
 * @param d - row length
 * @param dst - destination, at least `(r1 − r0) · d` long
 * @returns `dst`
 * @example
 * ```ts
 * widenRows(new Float32Array([1, 2, 3, 4]), 1, 2, 2, new Float64Array(2)); // Float64Array [3, 4]
 * ```
 */
export function widenRows(src: FloatArray, r0: number, r1: number, d: number, dst: Float64Array): Float64Array {
  dst.set(src.subarray(r0 * d, r1 * d));
  return dst;
}

/**
 * Rows per widened block for rows of length `d`: about {@link BLOCK_DOUBLES} doubles, a multiple
 * of 4 (whole register tiles), at least 4, at most `n`.
 *
 * @internal
 * @param d - row length
 * @param n - rows available
 * @returns the block height
 * @example
 * ```ts
 * blockRows(512, 10000); // 64
 * ```
 */
export function blockRows(d: number, n: number): number {
  return Math.max(1, Math.min(n, Math.max(4, Math.floor(BLOCK_DOUBLES / Math.max(1, d)) & ~3)));
}

/**
 * Squared row norms of a Float32 or Float64 matrix, summed in coordinate order (bit-for-bit what
 * `rowSqNorms` gives on the widened rows), checked finite as the cosine metric needs. Float32
 * data is widened one block at a time. O(n·d) time, n doubles.
 *
 * @internal
 * @param fn - public function name for the error
 * @param name - argument name for the error
 * @param data - row-major data
 * @param n - rows
 * @param d - row length
 * @returns `n` squared norms
 * @throws LatentError `E_RANGE` when a squared norm of Float64 data overflows
 * @example
 * ```ts
 * sqNormsOf('radiusNeighbors', 'data', new Float32Array([3, 4]), 1, 2); // Float64Array [25]
 * ```
 */
export function sqNormsOf(fn: string, name: string, data: FloatArray, n: number, d: number): Float64Array {
  if (data instanceof Float64Array) return cosineNorms(fn, name, data, n, d);
  const out = new Float64Array(n);
  const rows = blockRows(d, n);
  const tile = new Float64Array(rows * d);
  for (let r0 = 0; r0 < n; r0 += rows) {
    const r1 = Math.min(n, r0 + rows);
    const sq = rowSqNorms(widenRows(data, r0, r1, d, tile), r1 - r0, d);
    out.set(sq, r0);
  }
  // No overflow check: a Float32 value is below 3.4e38, its square below 1.2e77, so even 2³¹
  // of them sum far below the largest double.
  return out;
}
