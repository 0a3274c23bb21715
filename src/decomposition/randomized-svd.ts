/**
 * Randomized truncated SVD (Halko, Martinsson & Tropp): a Gaussian sketch of the range,
 * power iterations with re-orthonormalisation, then an exact SVD of the small projected matrix.
 */
import { LatentError, describe } from '../core/errors.js';
import { gemm, gemmData } from '../core/gemm.js';
import { asMatrix, type Matrix, type MatrixLike } from '../core/matrix.js';
import { checkAborted, type Observer } from '../core/task.js';
import { DEFAULT_SEED, randomNormal, rng } from '../core/random.js';
import { assertAllocatable, assertInteger } from '../core/validate.js';
import { orthonormalizeColumns } from './householder.js';
import { scaleBack, svdOfColumns, type SvdResult } from './svd.js';
import { booleanOption, readOptions, type OptionKeys } from '../core/options.js';

/** Options of {@link randomizedSvd}. */
export interface RandomizedSvdOptions {
  /**
   * Extra random directions sampled beyond k (capped so k + oversamples ≤ min(m, n)).
   * @defaultValue 10
   */
  oversamples?: number;
  /**
   * Power (subspace) iterations; `'auto'` is scikit-learn's rule: 7 when k < 0.1·min(m, n),
   * else 4.
   * @defaultValue 'auto'
   */
  powerIterations?: number | 'auto';
  /**
   * Seed of the Gaussian test matrix.
   * @defaultValue DEFAULT_SEED (42)
   */
  seed?: number;
  /**
   * Compute the left singular vectors `u`.
   * @defaultValue true
   */
  computeU?: boolean;
}

const RANDOMIZED_SVD_KEYS: OptionKeys<RandomizedSvdOptions> = { oversamples: true, powerIterations: true, seed: true, computeU: true };

/**
 * The k leading singular triplets of an m×n matrix by randomized range finding.
 *
 * Draws an n×l Gaussian test matrix (l = k + oversamples), forms the sample Y = AΩ, runs
 * `powerIterations` rounds of Y ← A(AᵀY) re-orthonormalising by Householder QR after every
 * product (so small singular values are not lost to rounding), and finishes with an exact
 * SVD of the l×n projection QᵀA. O((2q + 2)·m·n·l) time through the blocked matrix product,
 * O((m + n)·l) extra memory: A itself is read in place (Float32 data is widened block by block
 * as the product packs it, never copied whole). The error is close to σ_{k+1}, the best possible rank-k error,
 * and shrinks geometrically with the power iterations when the spectrum decays. Deterministic
 * for a given `seed`.
 *
 * Float64 data whose largest |entry| lies outside [2⁻⁵⁰⁰, 2⁵⁰⁰] is decomposed divided by that
 * entry (one m×n copy) and the singular values unscaled, so extreme but finite values keep
 * σ₁ ≥ max |entry| instead of overflowing (as `svd`, a σ beyond the largest double is
 * `Infinity`).
 *
 * @param A - an m×n matrix (Matrix with Float64 or Float32 data, number[][], Float64Array[] or Float32Array[])
 * @param k - number of singular triplets, an integer in [1, min(m, n)]
 * @param options - see {@link RandomizedSvdOptions}
 * @returns `{ u: m×k, s: k descending, vt: k×n }` (`u` is m×0 when `computeU` is false)
 * @throws LatentError `E_RANGE` for a bad k, oversamples, powerIterations or seed, `E_TYPE` for
 *   options of the wrong type, `E_SHAPE` for an empty matrix, `E_NOT_FINITE` for NaN/±Infinity,
 *   `E_RANGE` when a singular value exceeds `Number.MAX_VALUE`
 * @example
 * ```ts
 * const { s } = randomizedSvd([[3, 0, 0], [0, 2, 0], [0, 0, 1], [0, 0, 0]], 2);
 * s; // Float64Array [2.9999999999999996, 2.0000000000000004]
 * ```
 * @see sklearn.utils.extmath.randomized_svd; N. Halko, P.-G. Martinsson & J. A. Tropp, "Finding structure with randomness", SIAM Review 53 (2011)
 */
export function randomizedSvd(A: MatrixLike, k: number, options?: RandomizedSvdOptions): SvdResult {
  const fn = 'randomizedSvd';
  const o = readOptions(fn, options, RANDOMIZED_SVD_KEYS);
  const a = asMatrix(A, fn, 'A');
  const { rows: m, cols: n } = a;
  if (m === 0 || n === 0) {
    throw new LatentError('E_SHAPE', `${fn}: A must have at least one row and one column, got ${m}×${n}`);
  }
  const r = Math.min(m, n);
  assertInteger(fn, 'k', k, 1, r);
  const oversamples = assertInteger(fn, 'oversamples', o.oversamples ?? 10, 0);
  const pi = o.powerIterations ?? 'auto';
  let iterations: number;
  if (pi === 'auto') iterations = autoPowerIterations(k, m, n);
  else if (typeof pi === 'number') iterations = assertInteger(fn, 'powerIterations', pi, 0, 1000);
  else throw new LatentError('E_TYPE', `${fn}: powerIterations must be an integer or 'auto', got ${describe(pi)}`);
  const seed = assertInteger(fn, 'seed', o.seed ?? DEFAULT_SEED, 0);
  const computeU = booleanOption(fn, 'computeU', o.computeU, true);
  if (typeof computeU !== 'boolean') {
    throw new LatentError('E_TYPE', `${fn}: computeU must be a boolean, got ${describe(computeU)}`);
  }
  const maxAbs = a.data instanceof Float64Array ? extremeMaxAbs(a.data) : 0;
  if (maxAbs === 0) return randomizedSvdKernel(a, null, k, oversamples, iterations, seed, computeU, null);
  // Entries beyond 2^500 overflow the products of the range finder, and below 2^-500 they
  // underflow: decompose A / max|aᵢⱼ| (entries in [−1, 1]) and scale σ back, as svd does.
  assertAllocatable(fn, 'the rescaled copy of A', m * n);
  const scaled = new Float64Array(m * n);
  // Divide (never multiply by 1 / maxAbs, which overflows for a subnormal maxAbs).
  for (let i = 0; i < m * n; i++) scaled[i] = a.data[i]! / maxAbs;
  const res = randomizedSvdKernel({ rows: m, cols: n, data: scaled }, null, k, oversamples, iterations, seed, computeU, null);
  for (let i = 0; i < res.s.length; i++) res.s[i] = scaleBack(res.s[i]!, maxAbs, fn);
  return res;
}

/** Largest |entry| that needs no rescaling: products of such entries over 2²⁰ terms stay finite. */
const RESCALE_ABOVE = 2 ** 500;
/** Below this largest |entry| the products underflow: rescale too. */
const RESCALE_BELOW = 2 ** -500;

/**
 * The largest |entry| when it lies outside [2⁻⁵⁰⁰, 2⁵⁰⁰] (the data needs rescaling), else 0
 * (one pass; the common case allocates nothing).
 */
function extremeMaxAbs(data: Float64Array): number {
  let max = 0;
  for (let i = 0; i < data.length; i++) {
    const v = Math.abs(data[i]!);
    if (v > max) max = v;
  }
  return max > RESCALE_ABOVE || (max > 0 && max < RESCALE_BELOW) ? max : 0;
}

/**
 * scikit-learn's default number of power iterations: 7 when k < 0.1·min(m, n), else 4.
 *
 * @param k - number of components
 * @param m - rows
 * @param n - columns
 * @returns the iteration count
 * @example
 * ```ts
 * autoPowerIterations(2, 10000, 500); // 7
 * ```
 */
export function autoPowerIterations(k: number, m: number, n: number): number {
  return k < 0.1 * Math.min(m, n) ? 7 : 4;
}

/**
 * Kernel of {@link randomizedSvd} without validation (A validated, 1 ≤ k ≤ min(m, n)). With
 * `mean`, the decomposition is of `A − 1·meanᵀ` (PCA's centred data), centred as the product
 * packs A: no centred copy is made.
 *
 * @param a - the matrix (Float64 or Float32 data, read in place)
 * @param mean - column means to subtract from A, or null
 * @param k - number of triplets
 * @param oversamples - extra sampled directions
 * @param iterations - power iterations
 * @param seed - PRNG seed
 * @param computeU - form the left singular vectors
 * @param obs - abort checks and `{ stage: 'randomized', completed, total }` progress after every product, or null
 * @returns the k leading triplets
 * @example
 * ```ts
 * randomizedSvdKernel(toMatrix(X), null, 2, 10, 7, 42, false, null).s; // two leading singular values
 * ```
 */
export function randomizedSvdKernel(
  a: Matrix,
  mean: Float64Array | null,
  k: number,
  oversamples: number,
  iterations: number,
  seed: number,
  computeU: boolean,
  obs: Observer | null,
): SvdResult {
  const { rows: m, cols: n, data } = a;
  const l = Math.min(k + oversamples, m, n);
  assertAllocatable('randomizedSvd', 'the sample matrix', l * Math.max(m, n));
  // Everything is kept transposed (l rows of length m or n) so QR works on contiguous columns.
  const random = rng(seed);
  const zt = new Float64Array(l * n); // Ωᵀ, later Zᵀ = (AᵀQ)ᵀ, finally B = QᵀA
  for (let i = 0; i < l * n; i++) zt[i] = randomNormal(random);
  const yt = new Float64Array(l * m); // Yᵀ = (AZ)ᵀ = Zᵀ Aᵀ, orthonormalised into Qᵀ
  const tau = new Float64Array(l);
  const scratch = new Float64Array(l * Math.max(m, n));
  const total = 2 * iterations + 2;
  let done = 0;
  const step = (): void => {
    done++;
    if (obs === null) return;
    checkAborted(obs.fn, obs.signal);
    obs.onProgress?.({ stage: 'randomized', completed: done, total });
  };
  gemmData(false, true, l, m, n, 1, zt, null, data, mean, 0, yt);
  step();
  orthonormalizeColumns(yt, m, l, tau, scratch);
  for (let it = 0; it < iterations; it++) {
    gemmData(false, false, l, n, m, 1, yt, null, data, mean, 0, zt); // Zᵀ = Qᵀ A
    step();
    orthonormalizeColumns(zt, n, l, tau, scratch);
    gemmData(false, true, l, m, n, 1, zt, null, data, mean, 0, yt); // Yᵀ = Zᵀ Aᵀ
    step();
    orthonormalizeColumns(yt, m, l, tau, scratch);
  }
  gemmData(false, false, l, n, m, 1, yt, null, data, mean, 0, zt); // B = Qᵀ A (l×n)
  step();
  // SVD of B through its tall transpose Bᵀ (n×l), whose columns are B's rows:
  // Bᵀ = Ũ Σ Ṽᵀ, so B = Ṽ Σ Ũᵀ and A ≈ (Q Ṽ) Σ Ũᵀ.
  const small = svdOfColumns(zt, n, l, true);
  const s = small.s.slice(0, k);
  const vt = small.ut!.slice(0, k * n);
  if (!computeU) return { u: { rows: m, cols: 0, data: new Float64Array(0) }, s, vt: { rows: k, cols: n, data: vt } };
  // Uᵀ = Ṽᵀ Qᵀ (first k rows), then transpose to m×k.
  const ut = new Float64Array(k * m);
  gemm(false, false, k, m, l, 1, small.vt, yt, 0, ut);
  const u = new Float64Array(m * k);
  for (let c = 0; c < k; c++) for (let i = 0; i < m; i++) u[i * k + c] = ut[c * m + i]!;
  return { u: { rows: m, cols: k, data: u }, s, vt: { rows: k, cols: n, data: vt } };
}
