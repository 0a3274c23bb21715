/**
 * Distance between two vectors. Each function reads `ArrayLike<number>` and allocates nothing.
 */
import { LatentError } from '../core/errors.js';

function sameLength(fn: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new LatentError('E_SHAPE', `${fn}: b length must equal a length ${a.length}, got ${b.length}`);
}

/**
 * Squared euclidean distance `Σ (aᵢ − bᵢ)²`. O(d).
 *
 * @param a - first vector
 * @param b - second vector, same length
 * @returns the squared distance
 * @throws LatentError `E_SHAPE` when lengths differ
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
    const t = (a[i] as number) - (b[i] as number);
    s += t * t;
  }
  return s;
}

/**
 * Euclidean distance `√Σ (aᵢ − bᵢ)²`, computed from differences (never from the
 * cancellation-prone `‖a‖² + ‖b‖² − 2a·b`). O(d).
 *
 * @param a - first vector
 * @param b - second vector, same length
 * @returns the distance
 * @throws LatentError `E_SHAPE` when lengths differ
 * @example
 * ```ts
 * euclidean([0, 0], [3, 4]); // 5
 * ```
 * @see scipy.spatial.distance.euclidean
 */
export function euclidean(a: ArrayLike<number>, b: ArrayLike<number>): number {
  sameLength('euclidean', a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const t = (a[i] as number) - (b[i] as number);
    s += t * t;
  }
  return Math.sqrt(s);
}

/**
 * Manhattan (city-block, L1) distance `Σ |aᵢ − bᵢ|`. O(d).
 *
 * @param a - first vector
 * @param b - second vector, same length
 * @returns the distance
 * @throws LatentError `E_SHAPE` when lengths differ
 * @example
 * ```ts
 * manhattan([0, 0], [3, -4]); // 7
 * ```
 * @see scipy.spatial.distance.cityblock
 */
export function manhattan(a: ArrayLike<number>, b: ArrayLike<number>): number {
  sameLength('manhattan', a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs((a[i] as number) - (b[i] as number));
  return s;
}

/**
 * Chebyshev (L∞) distance `maxᵢ |aᵢ − bᵢ|`. O(d).
 *
 * @param a - first vector
 * @param b - second vector, same length
 * @returns the distance (0 for empty vectors)
 * @throws LatentError `E_SHAPE` when lengths differ
 * @example
 * ```ts
 * chebyshev([0, 0], [3, -4]); // 4
 * ```
 * @see scipy.spatial.distance.chebyshev
 */
export function chebyshev(a: ArrayLike<number>, b: ArrayLike<number>): number {
  sameLength('chebyshev', a, b);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const t = Math.abs((a[i] as number) - (b[i] as number));
    if (t > m) m = t;
  }
  return m;
}

/**
 * Cosine similarity `a·b / (‖a‖ ‖b‖)`, clamped to [−1, 1].
 *
 * A zero vector has no direction: its similarity to anything is defined as 0
 * (scikit-learn's `cosine_similarity` convention), never NaN. O(d).
 *
 * @param a - first vector
 * @param b - second vector, same length
 * @returns the similarity in [−1, 1]
 * @throws LatentError `E_SHAPE` when lengths differ
 * @example
 * ```ts
 * cosineSimilarity([1, 0], [1, 1]); // 0.7071…
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
    const x = a[i] as number;
    const y = b[i] as number;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return cosineFromSums(ab, aa, bb);
}

/** Shared by the scalar and the pairwise kernels so both give identical bits. */
export function cosineFromSums(ab: number, aa: number, bb: number): number {
  if (aa === 0 || bb === 0) return 0;
  const s = ab / Math.sqrt(aa * bb);
  return s > 1 ? 1 : s < -1 ? -1 : s;
}

/**
 * Cosine distance `1 − cosineSimilarity(a, b)`, in [0, 2].
 *
 * With a zero vector the similarity is 0, so the distance is 1 (even between two zero
 * vectors: a zero vector is not "in the same direction" as anything). O(d).
 *
 * @param a - first vector
 * @param b - second vector, same length
 * @returns the distance in [0, 2]
 * @throws LatentError `E_SHAPE` when lengths differ
 * @example
 * ```ts
 * cosine([1, 0], [0, 1]);  // 1
 * cosine([1, 1], [2, 2]);  // 0
 * ```
 * @see scipy.spatial.distance.cosine
 */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  sameLength('cosine', a, b);
  return 1 - cosineSimilarity(a, b);
}
