/**
 * Distance between two vectors. Each function reads `ArrayLike<number>`, allocates nothing,
 * sums coordinates in order (so the pairwise kernels reproduce it bit for bit) and checks its
 * inputs for NaN / ±Infinity after the loop at no cost inside it. Finite inputs whose
 * differences overflow (beyond ~1e154 for the squared metrics, ~1e308 for the others) give
 * `Infinity`, as in scipy; cosine throws `E_RANGE` when a squared norm overflows. At the other
 * end, squares of differences below ~1e−154 underflow to 0 (as in scipy and scikit-learn), and a
 * vector whose squared norm underflows counts as a zero vector for cosine. A cell that is not a
 * number (`null`, a hole, a string, …) is `E_TYPE` (`euclidean: a[1] must be a number, got null`),
 * tested per element in the loop (free for typed arrays and arrays of numbers; see core/vector.ts).
 */
import { LatentError } from '../core/errors.js';

/**
 * The `E_TYPE` error of a metric: `name` (an argument, or a cell `a[i]`) must be `expected`.
 * Names only the received type: `describe` would not fit `import { euclidean }` in 1 KB.
 */
function typeError(fn: string, name: string, expected: string, v: unknown): LatentError {
  return new LatentError('E_TYPE', `${fn}: ${name} must be ${expected}, got ${v === null ? 'null' : typeof v}`);
}

/** O(1) structural check (an array-like with an integer length), spelled out here to keep the bundle small. */
function vectorArg(fn: string, name: string, v: unknown): void {
  const n = typeof v === 'object' && v ? (v as { length?: unknown }).length : -1;
  if (!Number.isSafeInteger(n) || (n as number) < 0) throw typeError(fn, name, 'an array of numbers', v);
}

function sameLength(fn: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  vectorArg(fn, 'a', a);
  vectorArg(fn, 'b', b);
  if (a.length !== b.length) throw new LatentError('E_SHAPE', `${fn}: b length must equal a length ${a.length}, got ${b.length}`);
}


/** Smallest positive normal double, 2⁻¹⁰²²: below it a product has lost precision. */
const MIN_NORMAL = 2.2250738585072014e-308;
/**
 * Input finiteness is checked after the fact at no cost in the loop: a NaN or ±Infinity input
 * always makes `check` non-finite, and only then are the inputs scanned to name the culprit.
 * A non-finite `check` from finite inputs (overflow of huge coordinates) is left alone. The loops
 * call it with `check = NaN` when a cell is not a number: the scan then names that cell.
 */
function checked(fn: string, result: number, check: number, a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (check - check !== 0) {
    finite(fn, 'a', a);
    finite(fn, 'b', b);
  }
  return result;
}

/**
 * `assertFinite` without its general-purpose `describe` (keeps `import { euclidean }` under 1 KB);
 * also the cold path of the per-element `typeof` test in the loops: the first bad cell of `a`, then
 * `b`, is named — `E_TYPE` for a cell that is not a number (a hole reads as undefined; the message
 * of core/vector's cellTypeError, with the type only), `E_NOT_FINITE` for NaN or ±Infinity.
 */
function finite(fn: string, name: string, v: ArrayLike<unknown>): void {
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number') throw typeError(fn, `${name}[${i}]`, 'a number', x);
    if (x - x !== 0) throw new LatentError('E_NOT_FINITE', `${fn}: ${name} must be finite, got ${x} at index ${i}`);
  }
}

/** Cosine needs finite squared norms: finite inputs whose squares overflow are an `E_RANGE`. */
function checkedCosine(fn: string, result: number, ab: number, aa: number, bb: number, a: ArrayLike<number>, b: ArrayLike<number>): number {
  const check = ab + aa + bb;
  if (check - check !== 0) {
    finite(fn, 'a', a);
    finite(fn, 'b', b);
    throw new LatentError('E_RANGE', `${fn}: squared norms must be finite, got ${aa} and ${bb} (coordinates beyond ~1e154 overflow; rescale the vectors)`);
  }
  return result;
}

/**
 * Squared euclidean distance `Σ (aᵢ − bᵢ)²`. O(d).
 *
 * @param a - first vector
 * @param b - second vector, same length
 * @returns the squared distance
 * @throws LatentError `E_TYPE` when a cell is not a number, `E_SHAPE` when lengths differ, `E_NOT_FINITE` when an input holds NaN or ±Infinity
 * @example
 * ```ts
 * sqeuclidean([0, 0], [3, 4]); // 25
 * ```
 * @see scipy.spatial.distance.sqeuclidean
 */
export function sqeuclidean(a: ArrayLike<number>, b: ArrayLike<number>): number {
  sameLength('sqeuclidean', a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const x: unknown = a[i];
    const y: unknown = b[i];
    if (typeof x !== 'number' || typeof y !== 'number') {
      s = NaN; // checked() then names the cell (never coerced: null is not 0)
      break;
    }
    const t = x - y;
    s += t * t;
  }
  return checked('sqeuclidean', s, s, a, b);
}

/**
 * Euclidean distance `√Σ (aᵢ − bᵢ)²`, computed from differences (never from the
 * cancellation-prone `‖a‖² + ‖b‖² − 2a·b`). O(d).
 *
 * @param a - first vector
 * @param b - second vector, same length
 * @returns the distance
 * @throws LatentError `E_TYPE` when a cell is not a number, `E_SHAPE` when lengths differ, `E_NOT_FINITE` when an input holds NaN or ±Infinity
 * @example
 * ```ts
 * euclidean([0, 0], [3, 4]); // 5
 * ```
 * @see scipy.spatial.distance.euclidean
 */
export function euclidean(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const fn = 'euclidean';
  sameLength(fn, a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const x: unknown = a[i];
    const y: unknown = b[i];
    if (typeof x !== 'number' || typeof y !== 'number') {
      s = NaN; // checked() then names the cell (never coerced: null is not 0)
      break;
    }
    const t = x - y;
    s += t * t;
  }
  return checked(fn, Math.sqrt(s), s, a, b);
}

/**
 * Manhattan (city-block, L1) distance `Σ |aᵢ − bᵢ|`. O(d).
 *
 * @param a - first vector
 * @param b - second vector, same length
 * @returns the distance
 * @throws LatentError `E_TYPE` when a cell is not a number, `E_SHAPE` when lengths differ, `E_NOT_FINITE` when an input holds NaN or ±Infinity
 * @example
 * ```ts
 * manhattan([0, 0], [3, -4]); // 7
 * ```
 * @see scipy.spatial.distance.cityblock
 */
export function manhattan(a: ArrayLike<number>, b: ArrayLike<number>): number {
  sameLength('manhattan', a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const x: unknown = a[i];
    const y: unknown = b[i];
    if (typeof x !== 'number' || typeof y !== 'number') {
      s = NaN; // checked() then names the cell (never coerced: null is not 0)
      break;
    }
    s += Math.abs(x - y);
  }
  return checked('manhattan', s, s, a, b);
}

/**
 * Chebyshev (L∞) distance `maxᵢ |aᵢ − bᵢ|`. O(d).
 *
 * @param a - first vector
 * @param b - second vector, same length
 * @returns the distance (0 for empty vectors)
 * @throws LatentError `E_TYPE` when a cell is not a number, `E_SHAPE` when lengths differ, `E_NOT_FINITE` when an input holds NaN or ±Infinity
 * @example
 * ```ts
 * chebyshev([0, 0], [3, -4]); // 4
 * ```
 * @see scipy.spatial.distance.chebyshev
 */
export function chebyshev(a: ArrayLike<number>, b: ArrayLike<number>): number {
  sameLength('chebyshev', a, b);
  let m = 0;
  let check = 0;
  for (let i = 0; i < a.length; i++) {
    const x: unknown = a[i];
    const y: unknown = b[i];
    if (typeof x !== 'number' || typeof y !== 'number') {
      check = NaN; // checked() then names the cell (never coerced: null is not 0)
      break;
    }
    const t = Math.abs(x - y);
    check += t; // a NaN would be skipped by the comparison below, never by the sum
    if (t > m) m = t;
  }
  return checked('chebyshev', m, check, a, b);
}

/**
 * Cosine similarity `a·b / (‖a‖ ‖b‖)`, clamped to [−1, 1].
 *
 * A zero vector has no direction: its similarity to anything (even another zero vector) is
 * defined as 0 (scikit-learn's `cosine_similarity` convention), never NaN; scipy would return
 * NaN with a warning. O(d), no allocation.
 *
 * @param a - first vector
 * @param b - second vector, same length
 * @returns the similarity in [−1, 1]
 * @throws LatentError `E_TYPE` when a cell is not a number, `E_SHAPE` when lengths differ, `E_NOT_FINITE` when an input holds NaN or ±Infinity, `E_RANGE` when a squared norm overflows
 * @example
 * ```ts
 * cosineSimilarity([1, 0], [1, 1]); // 0.7071067811865475
 * cosineSimilarity([0, 0], [1, 1]); // 0
 * ```
 * @see sklearn.metrics.pairwise.cosine_similarity
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  sameLength('cosineSimilarity', a, b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    const x: unknown = a[i];
    const y: unknown = b[i];
    if (typeof x !== 'number' || typeof y !== 'number') {
      ab = NaN; // checkedCosine() then names the cell
      break;
    }
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return checkedCosine('cosineSimilarity', cosineFromSums(ab, aa, bb), ab, aa, bb, a, b);
}

/**
 * Cosine similarity from the sums `a·b`, `‖a‖²`, `‖b‖²`, shared by the scalar function and
 * the pairwise kernels so both give identical bits. A zero vector (`‖a‖² = 0`) gets
 * similarity 0; the result is clamped to [−1, 1] against rounding. O(1).
 *
 * @internal
 * @param ab - dot product
 * @param aa - squared norm of the first vector
 * @param bb - squared norm of the second vector
 * @returns the similarity in [−1, 1]
 * @example
 * ```ts
 * cosineFromSums(1, 1, 2); // 0.7071067811865475
 * ```
 */
export function cosineFromSums(ab: number, aa: number, bb: number): number {
  if (aa === 0 || bb === 0) return 0;
  const p = aa * bb;
  // aa·bb can overflow, or fall below the normal range (where it keeps fewer significant bits,
  // or none), when aa and bb themselves are fine: then take the roots separately.
  const den = p === Infinity || p < MIN_NORMAL ? Math.sqrt(aa) * Math.sqrt(bb) : Math.sqrt(p);
  const s = ab / den;
  return s > 1 ? 1 : s < -1 ? -1 : s;
}

/**
 * Cosine distance `1 − cosineSimilarity(a, b)`, in [0, 2].
 *
 * Zero-vector convention: a zero vector has similarity 0 to everything, so its cosine distance
 * is exactly 1 to every vector, including another zero vector and itself (a zero vector is
 * not "in the same direction" as anything). scipy returns NaN there; latent never does. So
 * cosine distance is not a true metric: besides the triangle inequality (which cosine distance
 * never guarantees), `cosine(0, 0) = 1 ≠ 0` breaks the identity axiom. It is scale invariant:
 * `cosine(s·a, t·b) = cosine(a, b)` for s, t > 0 (up to rounding). O(d), no allocation.
 *
 * @param a - first vector
 * @param b - second vector, same length
 * @returns the distance in [0, 2]
 * @throws LatentError `E_TYPE` when a cell is not a number, `E_SHAPE` when lengths differ, `E_NOT_FINITE` when an input holds NaN or ±Infinity, `E_RANGE` when a squared norm overflows
 * @example
 * ```ts
 * cosine([1, 0], [0, 1]);  // 1
 * cosine([1, 1], [2, 2]);  // 0
 * cosine([0, 0], [0, 0]);  // 1 (zero-vector convention)
 * ```
 * @see scipy.spatial.distance.cosine
 */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  sameLength('cosine', a, b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    const x: unknown = a[i];
    const y: unknown = b[i];
    if (typeof x !== 'number' || typeof y !== 'number') {
      ab = NaN; // checkedCosine() then names the cell
      break;
    }
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return checkedCosine('cosine', 1 - cosineFromSums(ab, aa, bb), ab, aa, bb, a, b);
}
