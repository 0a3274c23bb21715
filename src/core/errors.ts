/**
 * Stable error codes carried by every {@link LatentError}.
 *
 * - `E_SHAPE`: an array or matrix has the wrong length, width or is ragged.
 * - `E_NOT_FINITE`: an input holds `NaN` or `±Infinity`.
 * - `E_RANGE`: a number is outside its allowed range or not an integer.
 * - `E_TYPE`: a value has the wrong type (e.g. a string where a number is expected).
 * - `E_OPTION`: an option has an unknown value (e.g. an unknown metric name).
 * - `E_MODEL`: a model object is of the wrong kind or version, or is corrupt.
 * - `E_PARSE`: text (JSON, CSV) could not be parsed.
 * - `E_ABORTED`: the caller's `AbortSignal` fired.
 * - `E_MEMORY`: the requested work needs more memory than can be allocated.
 * - `E_CONVERGENCE`: an iterative method failed to converge within its bound.
 */
export type LatentErrorCode =
  | 'E_SHAPE'
  | 'E_NOT_FINITE'
  | 'E_RANGE'
  | 'E_TYPE'
  | 'E_OPTION'
  | 'E_MODEL'
  | 'E_PARSE'
  | 'E_ABORTED'
  | 'E_MEMORY'
  | 'E_CONVERGENCE';

/** Marker used by {@link isLatentError}: survives two copies of the library (ESM + CJS). */
const BRAND = Symbol.for('latent.LatentError');

/**
 * The single error type thrown by latent's public functions.
 *
 * Messages follow `<function>: <argument> <expected>, got <received>`, and `code`
 * is stable across versions so callers can branch on it.
 *
 * @example
 * ```ts
 * try {
 *   kmeans([[0, 0]], { k: 0 });
 * } catch (e) {
 *   if (isLatentError(e)) console.log(e.code); // 'E_RANGE'
 * }
 * ```
 */
export class LatentError extends Error {
  /** Stable machine-readable code. */
  declare readonly code: LatentErrorCode;

  // The brand lives on the prototype (one write, not one per error): inherited, non-enumerable.
  static {
    (this.prototype as unknown as Record<symbol, boolean>)[BRAND] = true;
  }

  /**
   * @param code - one of {@link LatentErrorCode}
   * @param message - human-readable description naming function, argument, expected and received
   */
  constructor(code: LatentErrorCode, message: string) {
    super(message);
    this.name = 'LatentError';
    this.code = code;
  }
}

/**
 * True when `e` is a {@link LatentError} from any copy of the library.
 *
 * `instanceof` fails when an app loads both the ESM and the CJS build (two classes);
 * this check uses a global symbol instead.
 *
 * @param e - any caught value
 * @returns whether `e` is a LatentError
 * @example
 * ```ts
 * isLatentError(new LatentError('E_RANGE', 'x')); // true
 * isLatentError(new Error('x'));                  // false
 * ```
 */
export function isLatentError(e: unknown): e is LatentError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}

/** Short, printable description of a received value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<unknown>).length}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}
