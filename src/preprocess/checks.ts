/**
 * Checks shared by the preprocess entry points.
 */
import { LatentError, describe } from '../core/errors.js';
import type { Matrix64 } from '../core/matrix.js';

/**
 * Throws `E_SHAPE` unless the (non-empty) input has the model's column count.
 *
 * @param fn - public function name for the message
 * @param name - argument name for the message
 * @param m - the input matrix
 * @param d - the model's column count
 * @throws LatentError `E_SHAPE`
 * @example
 * ```ts
 * checkWidth('standardizeTransform', 'X', matrix(2, 3), 3); // ok
 * ```
 */
export function checkWidth(fn: string, name: string, m: Matrix64, d: number): void {
  if (m.cols !== d && m.rows > 0) throw new LatentError('E_SHAPE', `${fn}: ${name} columns must equal the model's ${d} columns, got ${m.cols}`);
}

/**
 * Throws `E_RANGE` naming the first non-finite entry of a transform's output (called only once
 * a running check has seen one).
 *
 * @param fn - public function name for the message
 * @param name - the input argument's name
 * @param out - the computed row-major output
 * @param d - its column count
 * @throws LatentError `E_RANGE`, always
 * @example
 * ```ts
 * throwOverflow('standardizeTransform', 'X', new Float64Array([Infinity]), 1); // throws
 * ```
 */
export function throwOverflow(fn: string, name: string, out: Float64Array, d: number): never {
  let p = 0;
  while (p < out.length && out[p]! - out[p]! === 0) p++;
  throw new LatentError(
    'E_RANGE',
    `${fn}: ${name} value at row ${Math.floor(p / d)}, column ${p % d} is too far from the fitted data: its result overflows to ${describe(out[p])}`,
  );
}
