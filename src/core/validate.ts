/**
 * Validation helpers shared by every module's public entry points.
 *
 * Each helper throws a {@link LatentError} whose message reads
 * `<fn>: <name> must be <expected>, got <received>` so a user can find the bad
 * argument without reading the source.
 */
import { LatentError, describe } from './errors.js';
import { DEFAULT_MEMORY_LIMIT, formatBytes } from './memory.js';

/**
 * Throws `E_TYPE`/`E_RANGE` unless `value` is an integer in `[min, max]`.
 *
 * @param fn - public function name used in the message
 * @param name - argument name used in the message
 * @param value - the received value
 * @param min - smallest allowed value
 * @param max - largest allowed value (default `Number.MAX_SAFE_INTEGER`)
 * @returns the value, typed as number
 * @throws LatentError `E_TYPE` when not a number, `E_RANGE` when not an integer in range
 * @example
 * ```ts
 * assertInteger('kmeans', 'k', 3, 1, 150); // 3
 * assertInteger('kmeans', 'k', 0, 1, 150); // throws "kmeans: k must be an integer in [1, 150], got 0"
 * ```
 */
export function assertInteger(fn: string, name: string, value: unknown, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
  if (typeof value !== 'number') {
    throw new LatentError('E_TYPE', `${fn}: ${name} must be an integer ${range}, got ${describe(value)}`);
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new LatentError('E_RANGE', `${fn}: ${name} must be an integer ${range}, got ${describe(value)}`);
  }
  return value;
}

/**
 * Throws unless `value` is a finite number in the given interval.
 *
 * @param fn - public function name
 * @param name - argument name
 * @param value - the received value
 * @param min - lower bound
 * @param max - upper bound
 * @param openMin - exclude `min` itself (default false)
 * @param openMax - exclude `max` itself (default false)
 * @returns the value, typed as number
 * @throws LatentError `E_TYPE` when not a number, `E_RANGE` when outside the interval
 * @example
 * ```ts
 * assertNumber('pca', 'components', 0.95, 0, 1, true, true); // 0.95
 * ```
 */
export function assertNumber(
  fn: string,
  name: string,
  value: unknown,
  min: number = -Infinity,
  max: number = Infinity,
  openMin = false,
  openMax = false,
): number {
  const lo = min === -Infinity ? '' : `${openMin ? '(' : '['}${min}`;
  const hi = max === Infinity ? '' : `${max}${openMax ? ')' : ']'}`;
  const expected = lo && hi ? `a number in ${lo}, ${hi}` : lo ? `a number ${openMin ? '>' : '>='} ${min}` : hi ? `a number ${openMax ? '<' : '<='} ${max}` : 'a finite number';
  if (typeof value !== 'number') {
    throw new LatentError('E_TYPE', `${fn}: ${name} must be ${expected}, got ${describe(value)}`);
  }
  if (!Number.isFinite(value)) {
    throw new LatentError('E_NOT_FINITE', `${fn}: ${name} must be ${expected}, got ${describe(value)}`);
  }
  if (value < min || value > max || (openMin && value === min) || (openMax && value === max)) {
    throw new LatentError('E_RANGE', `${fn}: ${name} must be ${expected}, got ${describe(value)}`);
  }
  return value;
}

/**
 * Throws `E_OPTION` unless `value` is one of `allowed`.
 *
 * @param fn - public function name
 * @param name - option name
 * @param value - the received value
 * @param allowed - the allowed values
 * @returns the value narrowed to the allowed union
 * @throws LatentError `E_OPTION`
 * @example
 * ```ts
 * assertOneOf('kmedoids', 'method', 'pam', ['fasterpam', 'pam', 'alternate'] as const); // 'pam'
 * ```
 */
export function assertOneOf<T extends string>(fn: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new LatentError('E_OPTION', `${fn}: ${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

/**
 * Throws `E_NOT_FINITE` when an array holds NaN or ±Infinity, naming the first bad index.
 *
 * @param fn - public function name
 * @param name - argument name
 * @param values - the array to scan
 * @param cols - when given, the index is reported as (row, column) of a row-major matrix
 * @throws LatentError `E_NOT_FINITE`
 * @example
 * ```ts
 * assertFinite('pdist', 'X', new Float64Array([1, NaN]), 2); // throws "pdist: X must be finite, got NaN at row 0, column 1"
 * ```
 */
export function assertFinite(fn: string, name: string, values: ArrayLike<number>, cols?: number): void {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    // v - v is 0 for finite numbers and NaN for NaN/±Infinity: one branch per element.
    if (v - v !== 0) {
      const where = cols !== undefined && cols > 0 ? `row ${Math.floor(i / cols)}, column ${i % cols}` : `index ${i}`;
      throw new LatentError('E_NOT_FINITE', `${fn}: ${name} must be finite, got ${describe(v)} at ${where}`);
    }
  }
}

/** Largest magnitude accepted where squared distances are formed: 2⁵⁰⁰ ≈ 3.3e150. */
export const SQUARE_SAFE_MAX: number = 3.273390607896142e150; // 2^500, written out so bundlers can drop it when unused

/**
 * Throws `E_RANGE` when a value is so large that squared differences overflow (beyond ±2⁵⁰⁰ ≈
 * 3.3e150: then (2·2⁵⁰⁰)² summed over up to 2²⁰ columns still stays below the largest double).
 * Euclidean distances, variances and inertias of such data would silently become Infinity and
 * every comparison a tie; the error asks for rescaled data instead. One pass, no allocation.
 *
 * @param fn - public function name for the message
 * @param name - the argument's name
 * @param values - row-major values (already checked finite)
 * @param cols - row length, for the position in the message
 * @throws LatentError `E_RANGE` with the first offending value and its position
 * @example
 * ```ts
 * assertSquareSafe('kmeans', 'X', new Float64Array([1, 2e200]), 2); // throws E_RANGE
 * ```
 */
export function assertSquareSafe(fn: string, name: string, values: Float64Array, cols: number): void {
  const n = values.length;
  // Four at a time: a sum of absolute values within the bound proves each term is; only a block
  // whose sum exceeds it (rare) is looked at element by element. About 0.5 ns per value.
  let i = 0;
  for (; i + 3 < n; i += 4) {
    if (Math.abs(values[i]!) + Math.abs(values[i + 1]!) + Math.abs(values[i + 2]!) + Math.abs(values[i + 3]!) > SQUARE_SAFE_MAX) {
      for (let t = i; t < i + 4; t++) squareSafeAt(fn, name, values, t, cols);
    }
  }
  for (; i < n; i++) squareSafeAt(fn, name, values, i, cols);
}

function squareSafeAt(fn: string, name: string, values: Float64Array, i: number, cols: number): void {
  const v = values[i]!;
  if (v <= SQUARE_SAFE_MAX && v >= -SQUARE_SAFE_MAX) return;
  const where = cols > 0 ? `row ${Math.floor(i / cols)}, column ${i % cols}` : `index ${i}`;
  throw new LatentError(
    'E_RANGE',
    `${fn}: ${name} values must lie within ±2^500 (about 3.3e150) so that squared distances stay finite, got ${describe(v)} at ${where}; rescale the data first`,
  );
}

/**
 * Throws `E_SHAPE` unless `actual === expected`.
 *
 * @param fn - public function name
 * @param name - what is being measured, e.g. `"b length"` or `"X columns"`
 * @param actual - the received size
 * @param expected - the required size
 * @throws LatentError `E_SHAPE`
 * @example
 * ```ts
 * assertSize('dot', 'b length', 3, 3); // ok
 * ```
 */
export function assertSize(fn: string, name: string, actual: number, expected: number): void {
  if (actual !== expected) {
    throw new LatentError('E_SHAPE', `${fn}: ${name} must be ${expected}, got ${actual}`);
  }
}

/**
 * Validates a label vector: integers in `[0, maxLabel)` with one label per row.
 *
 * @param fn - public function name
 * @param name - argument name
 * @param labels - the labels
 * @param n - required length
 * @returns the labels as an Int32Array (a copy when the input was not one)
 * @throws LatentError `E_SHAPE` on wrong length, `E_RANGE` on negative or non-integer labels
 * @example
 * ```ts
 * assertLabels('silhouette', 'labels', [0, 1, 1], 3); // Int32Array [0, 1, 1]
 * ```
 */
export function assertLabels(fn: string, name: string, labels: ArrayLike<number>, n: number): Int32Array {
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new LatentError('E_TYPE', `${fn}: ${name} must be an array of integer labels, got ${describe(labels)}`);
  }
  assertSize(fn, `${name} length`, labels.length, n);
  const out = labels instanceof Int32Array ? labels : new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = labels[i] as number;
    if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff) {
      throw new LatentError('E_RANGE', `${fn}: ${name} must hold non-negative integers, got ${describe(v)} at index ${i}`);
    }
    out[i] = v;
  }
  return out;
}

/**
 * Checks that `model` is an object of the expected `kind` (and, optionally, a supported `version`).
 *
 * @param fn - public function name
 * @param model - the received model
 * @param kind - the required `kind` tag
 * @param maxVersion - newest supported model version (default 1)
 * @throws LatentError `E_MODEL`
 * @example
 * ```ts
 * assertModel('pcaTransform', model, 'pca');
 * ```
 */
export function assertModel(fn: string, model: unknown, kind: string, maxVersion = 1): void {
  if (typeof model !== 'object' || model === null) {
    throw new LatentError('E_MODEL', `${fn}: model must be a '${kind}' model object, got ${describe(model)}`);
  }
  const m = model as { kind?: unknown; version?: unknown };
  if (m.kind !== kind) {
    throw new LatentError('E_MODEL', `${fn}: model must be of kind '${kind}', got ${describe(m.kind)}`);
  }
  if (typeof m.version !== 'number' || !Number.isInteger(m.version) || m.version < 1 || m.version > maxVersion) {
    throw new LatentError('E_MODEL', `${fn}: model version must be an integer in [1, ${maxVersion}], got ${describe(m.version)}`);
  }
}

/**
 * Throws `E_ABORTED` when the signal has fired. Call it between units of work.
 *
 * @param fn - public function name
 * @param signal - optional AbortSignal
 * @throws LatentError `E_ABORTED`
 * @example
 * ```ts
 * const ac = new AbortController(); ac.abort();
 * throwIfAborted('tsne', ac.signal); // throws LatentError E_ABORTED
 * ```
 */
export function throwIfAborted(fn: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new LatentError('E_ABORTED', `${fn}: aborted by the caller's AbortSignal`);
  }
}

/**
 * Throws `E_MEMORY` before a function without a `memoryLimit` option allocates `count` doubles
 * beyond the default per-call budget (`DEFAULT_MEMORY_LIMIT`, 4 GiB) or an engine's typed-array
 * limit — instead of a raw `RangeError` or an out-of-memory crash deep inside. Functions that take
 * `memoryLimit` call `assertMemory` with it instead.
 *
 * @param fn - public function name
 * @param what - what is being allocated, for the message
 * @param count - number of 8-byte elements
 * @throws LatentError `E_MEMORY`; `E_RANGE` when `count` is negative or NaN
 * @example
 * ```ts
 * assertAllocatable('blobs', 'the points', 1e6); // ok
 * assertAllocatable('blobs', 'the points', 1e9); // throws: 7.5 GiB
 * ```
 */
export function assertAllocatable(fn: string, what: string, count: number): void {
  // A negative or NaN count comes from a size nobody validated: never let it pass as "small".
  if (!(count >= 0)) throw new LatentError('E_RANGE', `${fn}: ${what} must have a size >= 0, got ${describe(count)}`);
  const bytes = count * 8;
  if (!(bytes <= DEFAULT_MEMORY_LIMIT)) {
    throw new LatentError('E_MEMORY', `${fn}: ${what} would take ${formatBytes(bytes)}, more than the ${formatBytes(DEFAULT_MEMORY_LIMIT)} one call may allocate; ask for less`);
  }
}

/**
 * Checks that `v` is an array-like of numbers with an integer length (O(1): the values are not
 * scanned; pass `finite: true` to scan them too), so a missing or malformed vector is a
 * `LatentError` instead of a raw `TypeError`.
 *
 * @param fn - public function name
 * @param name - argument name
 * @param v - the received value
 * @param finite - also require every value to be a finite number (O(d))
 * @returns the vector, typed
 * @throws LatentError `E_TYPE` (not an array-like), `E_SHAPE` (bad length), `E_NOT_FINITE` / `E_TYPE` (with `finite`)
 * @example
 * ```ts
 * assertVector('interpolate', 'a', [0, 1]); // [0, 1]
 * assertVector('interpolate', 'a', null);   // throws E_TYPE
 * ```
 */
export function assertVector(fn: string, name: string, v: unknown, finite = false): ArrayLike<number> {
  if (typeof v !== 'object' || v === null || typeof (v as ArrayLike<unknown>).length !== 'number') {
    throw new LatentError('E_TYPE', `${fn}: ${name} must be an array of numbers, got ${describe(v)}`);
  }
  const a = v as ArrayLike<unknown>;
  const n = a.length;
  if (!Number.isSafeInteger(n) || n < 0) throw new LatentError('E_SHAPE', `${fn}: ${name} must have an integer length, got ${describe(n)}`);
  if (finite) {
    for (let i = 0; i < n; i++) {
      const x = a[i];
      if (typeof x !== 'number') throw new LatentError('E_TYPE', `${fn}: ${name} must hold numbers, got ${describe(x)} at index ${i}`);
      if (x - x !== 0) throw new LatentError('E_NOT_FINITE', `${fn}: ${name} must be finite, got ${describe(x)} at index ${i}`);
    }
  }
  return a as ArrayLike<number>;
}
