/**
 * The one options validator: every public entry point reads its options object through
 * {@link readOptions} (a plain object or undefined, no unknown key) and its values through the
 * typed helpers below, so a typo, a wrong type or a positional value where an options object
 * belongs is a `LatentError` instead of a silently ignored setting.
 */
import { LatentError, describe } from './errors.js';

/**
 * The set of option names a function accepts, written as an object so TypeScript checks that
 * it lists every key of the options interface (a missing key is a compile error).
 */
export type OptionKeys<T> = { readonly [K in keyof Required<T>]: true };

/**
 * Checks that `options` is a plain object (or undefined) whose keys all belong to `known`, and
 * returns it (an empty object for undefined).
 *
 * A plain object is one whose prototype is `Object.prototype` or `null`: arrays, typed arrays,
 * functions, class instances, `null`, strings and numbers are rejected with `E_TYPE` (so
 * `pca(X, 2)` or `linkage(X, 'ward')` fail instead of running with the defaults). An unknown key
 * is `E_OPTION`, naming the key and the closest known one. Keys whose value is `undefined` are
 * checked too (a misspelt key is an error whatever its value). A key set to `null` is `E_TYPE`:
 * `undefined` (or leaving the key out) means "the default", `null` is never a valid option.
 *
 * @param fn - public function name for the message
 * @param options - the received options argument
 * @param known - every accepted key
 * @param name - the argument's name in the message (default `'options'`)
 * @returns the options object, typed
 * @throws LatentError `E_TYPE` (not a plain object, or a key set to null), `E_OPTION` (unknown key)
 * @example
 * ```ts
 * readOptions('pca', { nComponents: 1 }, { components: true, whiten: true });
 * // throws E_OPTION "pca: unknown option 'nComponents' (did you mean 'components'?)"
 * ```
 */
export function readOptions<T extends object>(fn: string, options: T | undefined, known: OptionKeys<T>, name = 'options'): T {
  if (options === undefined) return {} as T;
  if (!isPlainObject(options)) {
    throw new LatentError('E_TYPE', `${fn}: ${name} must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!Object.prototype.hasOwnProperty.call(known, key)) throw unknownOption(fn, key, Object.keys(known), name);
    // Defaults are filled with `??`, which would read null as "use the default": no option
    // takes null, so it is refused here once for every entry point.
    if ((options as Record<string, unknown>)[key] === null) {
      throw new LatentError('E_TYPE', `${fn}: ${key} must be a value, or undefined for its default, got null`);
    }
  }
  return options;
}

/**
 * True for `{}`-style objects: prototype `Object.prototype` or `null` (what `structuredClone`
 * and `JSON.parse` produce), in this realm or another (a Worker's or an iframe's).
 *
 * @param value - any value
 * @returns whether it is a plain object
 * @example
 * ```ts
 * isPlainObject({ k: 3 }); // true
 * isPlainObject([3]);      // false
 * ```
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return true;
  // Another realm's Object.prototype has no prototype of its own and a constructor named Object.
  return Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]';
}

function unknownOption(fn: string, key: string, known: string[], name: string): LatentError {
  const guess = closestName(key, known);
  const hint = guess !== undefined ? ` (did you mean '${guess}'?)` : known.length > 0 ? ` (valid: ${known.map((k) => `'${k}'`).join(', ')})` : ' (it takes none)';
  const where = name === 'options' ? 'option' : `${name} key`;
  return new LatentError('E_OPTION', `${fn}: unknown ${where} '${key}'${hint}`);
}

/**
 * The known name closest to `key`, or undefined when none is close: compares case-insensitively,
 * ignoring `_`/`-` and a scikit-learn style `n_` prefix (`n_iter`, `nComponents`), by edit
 * distance or containment.
 *
 * @param key - the unknown name
 * @param known - the valid names
 * @returns the suggestion, if any
 * @example
 * ```ts
 * closestName('metrc', ['metric', 'k']); // 'metric'
 * ```
 */
export function closestName(key: string, known: readonly string[]): string | undefined {
  const plain = (s: string): string => s.toLowerCase().replace(/[_-]/g, '');
  const a = plain(key);
  const stripped = /^n[_A-Z]/.test(key) ? plain(key.slice(1)) : a;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const name of known) {
    const b = plain(name);
    let score = Math.min(editDistance(a, b), editDistance(stripped, b));
    if (score > 1 && Math.min(stripped.length, b.length) >= 4 && (b.includes(stripped) || stripped.includes(b))) score = 1;
    if (score < bestScore) {
      bestScore = score;
      best = name;
    }
  }
  return bestScore <= Math.max(2, Math.floor(a.length / 3)) ? best : undefined;
}

/** Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent swaps). */
function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/**
 * Bounds of a numeric option, named so call sites read as what they mean.
 * `min`/`max` default to −∞/+∞; `open: true` excludes both ends, `'min'` or `'max'` one.
 */
export interface Bounds {
  /** Smallest allowed value. */
  min?: number;
  /** Largest allowed value. */
  max?: number;
  /** Which ends are excluded. */
  open?: boolean | 'min' | 'max';
}

function describeBounds(b: Bounds, integer: boolean): string {
  const kind = integer ? 'an integer' : 'a number';
  const lo = b.min ?? -Infinity;
  const hi = b.max ?? Infinity;
  const openLo = b.open === true || b.open === 'min';
  const openHi = b.open === true || b.open === 'max';
  if (lo === -Infinity && hi === Infinity) return integer ? 'an integer' : 'a finite number';
  if (hi === Infinity) return `${kind} ${openLo ? '>' : '>='} ${lo}`;
  if (lo === -Infinity) return `${kind} ${openHi ? '<' : '<='} ${hi}`;
  return `${kind} in ${openLo ? '(' : '['}${lo}, ${hi}${openHi ? ')' : ']'}`;
}

function inBounds(v: number, b: Bounds): boolean {
  const lo = b.min ?? -Infinity;
  const hi = b.max ?? Infinity;
  const openLo = b.open === true || b.open === 'min';
  const openHi = b.open === true || b.open === 'max';
  return (openLo ? v > lo : v >= lo) && (openHi ? v < hi : v <= hi);
}

/**
 * A finite number within `bounds`: `E_TYPE` when not a number, `E_NOT_FINITE` for NaN/±∞,
 * `E_RANGE` outside the bounds.
 *
 * @param fn - public function name
 * @param name - argument or option name
 * @param value - the received value
 * @param bounds - the allowed interval
 * @returns the number
 * @throws LatentError `E_TYPE`, `E_NOT_FINITE`, `E_RANGE`
 * @example
 * ```ts
 * numberIn('umap', 'minDist', 0.1, { min: 0 });             // 0.1
 * numberIn('pca', 'components', 1, { min: 0, max: 1, open: true }); // throws E_RANGE
 * ```
 */
export function numberIn(fn: string, name: string, value: unknown, bounds: Bounds = {}): number {
  const expected = describeBounds(bounds, false);
  if (typeof value !== 'number') throw new LatentError('E_TYPE', `${fn}: ${name} must be ${expected}, got ${describe(value)}`);
  if (value - value !== 0) throw new LatentError('E_NOT_FINITE', `${fn}: ${name} must be ${expected}, got ${describe(value)}`);
  if (!inBounds(value, bounds)) throw new LatentError('E_RANGE', `${fn}: ${name} must be ${expected}, got ${describe(value)}`);
  return value;
}

/**
 * An integer within `bounds` (`E_TYPE` when not a number, `E_RANGE` otherwise).
 *
 * @param fn - public function name
 * @param name - argument or option name
 * @param value - the received value
 * @param bounds - the allowed interval (default: any safe integer)
 * @returns the integer
 * @throws LatentError `E_TYPE`, `E_RANGE`
 * @example
 * ```ts
 * integerIn('hnswIndex', 'm', 16, { min: 2, max: 256 }); // 16
 * ```
 */
export function integerIn(fn: string, name: string, value: unknown, bounds: Bounds = {}): number {
  const b = { min: bounds.min ?? Number.MIN_SAFE_INTEGER, max: bounds.max ?? Number.MAX_SAFE_INTEGER, open: bounds.open };
  const expected = describeBounds({ min: bounds.min, max: bounds.max, open: bounds.open }, true);
  if (typeof value !== 'number') throw new LatentError('E_TYPE', `${fn}: ${name} must be ${expected}, got ${describe(value)}`);
  if (!Number.isInteger(value) || !inBounds(value, b)) throw new LatentError('E_RANGE', `${fn}: ${name} must be ${expected}, got ${describe(value)}`);
  return value;
}

/**
 * A boolean (`'false'`, `0` or `null` are not booleans: `E_TYPE`).
 *
 * @param fn - public function name
 * @param name - option name
 * @param value - the received value (undefined → `fallback`)
 * @param fallback - the default
 * @returns the boolean
 * @throws LatentError `E_TYPE`
 * @example
 * ```ts
 * booleanOption('pca', 'whiten', undefined, false); // false
 * booleanOption('pca', 'whiten', 'false', false);   // throws E_TYPE
 * ```
 */
export function booleanOption(fn: string, name: string, value: unknown, fallback: boolean): boolean {
  const v = value === undefined ? fallback : value;
  if (typeof v !== 'boolean') throw new LatentError('E_TYPE', `${fn}: ${name} must be a boolean, got ${describe(v)}`);
  return v;
}

/**
 * One of a fixed set of strings (`E_OPTION` otherwise, listing the allowed values and the
 * closest one).
 *
 * @param fn - public function name
 * @param name - option name
 * @param value - the received value (undefined → `fallback`)
 * @param allowed - the allowed values
 * @param fallback - the default
 * @returns the value
 * @throws LatentError `E_OPTION`
 * @example
 * ```ts
 * enumOption('umap', 'init', undefined, ['spectral', 'pca', 'random'] as const, 'spectral'); // 'spectral'
 * ```
 */
export function enumOption<T extends string>(fn: string, name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  const v = value === undefined ? fallback : value;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  const guess = typeof v === 'string' ? closestName(v, allowed) : undefined;
  const hint = guess !== undefined ? ` (did you mean '${guess}'?)` : '';
  throw new LatentError('E_OPTION', `${fn}: ${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(v)}${hint}`);
}

/**
 * A seed: an integer in [0, 2³²) (undefined → `fallback`).
 *
 * @param fn - public function name
 * @param value - the received value
 * @param fallback - the default seed
 * @returns the seed
 * @throws LatentError `E_TYPE`, `E_RANGE`
 * @example
 * ```ts
 * seedOption('umap', undefined, 42); // 42
 * ```
 */
export function seedOption(fn: string, value: unknown, fallback: number): number {
  return integerIn(fn, 'seed', value === undefined ? fallback : value, { min: 0, max: 0xffffffff });
}

/**
 * An optional callback (`E_TYPE` when present and not a function).
 *
 * @typeParam F - the callback's type
 * @param fn - public function name
 * @param name - option name
 * @param value - the received value
 * @returns the function or undefined
 * @throws LatentError `E_TYPE`
 * @example
 * ```ts
 * functionOption('umap', 'onProgress', undefined); // undefined
 * ```
 */
export function functionOption<F extends (...args: never[]) => unknown>(fn: string, name: string, value: F | undefined): F | undefined {
  if (value !== undefined && typeof value !== 'function') throw new LatentError('E_TYPE', `${fn}: ${name} must be a function, got ${describe(value)}`);
  return value;
}

/**
 * An optional `AbortSignal` (anything with a boolean `aborted`, so signals from another realm or
 * a polyfill work).
 *
 * @param fn - public function name
 * @param value - the received value
 * @returns the signal or undefined
 * @throws LatentError `E_TYPE`
 * @example
 * ```ts
 * signalOption('kmeans', new AbortController().signal); // the signal
 * ```
 */
export function signalOption(fn: string, value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || typeof (value as { aborted?: unknown }).aborted !== 'boolean') {
    throw new LatentError('E_TYPE', `${fn}: signal must be an AbortSignal, got ${describe(value)}`);
  }
  return value as AbortSignal;
}

/**
 * An optional string (`E_TYPE` when present and not a string).
 *
 * @param fn - public function name
 * @param name - option name
 * @param value - the received value
 * @returns the string or undefined
 * @throws LatentError `E_TYPE`
 * @example
 * ```ts
 * stringOption('scatterSvg', 'title', 'Digits'); // 'Digits'
 * stringOption('scatterSvg', 'title', 5);        // throws E_TYPE
 * ```
 */
export function stringOption(fn: string, name: string, value: unknown): string | undefined {
  if (value !== undefined && typeof value !== 'string') throw new LatentError('E_TYPE', `${fn}: ${name} must be a string, got ${describe(value)}`);
  return value;
}

/**
 * Reads an argument that is either a single positional value (a contract form such as
 * `silhouette(X, labels, 'cosine')` or `trustworthiness(X, E, 7)`) or a whole options object:
 * a value accepted by `isPositional` becomes `{ [key]: value }`; anything else is validated with
 * {@link readOptions}.
 *
 * @param fn - public function name
 * @param valueOrOptions - the received argument
 * @param known - every key of the options object
 * @param key - the option a positional value stands for
 * @param isPositional - recognises the positional form
 * @returns the options
 * @throws LatentError `E_TYPE` (neither form), `E_OPTION` (unknown key)
 * @example
 * ```ts
 * readOptionsOr('trustworthiness', 7, { k: true, metric: true }, 'k', (v) => typeof v === 'number'); // { k: 7 }
 * ```
 */
export function readOptionsOr<T extends object>(fn: string, valueOrOptions: unknown, known: OptionKeys<T>, key: keyof T & string, isPositional: (value: unknown) => boolean): T {
  if (isPositional(valueOrOptions)) return { [key]: valueOrOptions } as T;
  return readOptions(fn, valueOrOptions as T | undefined, known);
}
