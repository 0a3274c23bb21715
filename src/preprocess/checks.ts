/**
 * Checks shared by the preprocess entry points.
 */
import { LatentError, describe } from '../core/errors.js';
import type { Matrix64 } from '../core/matrix.js';

/**
 * Returns `value ?? fallback` after checking it is a boolean.
 *
 * @param fn - public function name for the message
 * @param name - option name for the message
 * @param value - the received option value
 * @param fallback - the default
 * @returns the boolean
 * @throws LatentError `E_TYPE` when the value is neither a boolean nor undefined
 * @example
 * ```ts
 * booleanOption('standardize', 'withMean', undefined, true); // true
 * ```
 */
export function booleanOption(fn: string, name: string, value: unknown, fallback: boolean): boolean {
  const v = value ?? fallback;
  if (typeof v !== 'boolean') throw new LatentError('E_TYPE', `${fn}: ${name} must be a boolean, got ${describe(v)}`);
  return v;
}

/**
 * Checks that `options` is an object (or undefined) before its fields are read.
 *
 * @param fn - public function name for the message
 * @param options - the received options argument
 * @returns the options, or an empty object
 * @throws LatentError `E_TYPE` for a non-object
 * @example
 * ```ts
 * optionsObject('oneHot', undefined); // {}
 * ```
 */
export function optionsObject<T extends object>(fn: string, options: T | undefined): T {
  if (options === undefined) return {} as T;
  if (typeof options !== 'object' || options === null) throw new LatentError('E_TYPE', `${fn}: options must be an object, got ${describe(options)}`);
  return options;
}

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
