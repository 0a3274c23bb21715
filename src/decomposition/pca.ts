/**
 * Principal component analysis: the linear latent space of a data set.
 */
import { LatentError, describe } from '../core/errors.js';
import { asMatrix, type FloatArray, type MatrixLike } from '../core/matrix.js';
import { powerOfTwoFactors } from '../core/power-scale.js';
import { DEFAULT_SEED } from '../core/random.js';
import { checkAborted, type Observer, type Progress } from '../core/task.js';
import { assertAllocatable, assertInteger, assertOneOf, assertSquareSafe } from '../core/validate.js';
import { centeredWithSquares, centredSquares, columnMeans } from './center.js';
import { centredScatter } from './covariance.js';
import { scaledSpread } from './pca-spread.js';
import { symmetricEigenInPlace } from './eig-symmetric.js';
import type { PcaModel } from './pca-model.js';
import { autoPowerIterations, randomizedSvdKernel } from './randomized-svd.js';
import { svdOfColumns } from './svd.js';
import { booleanOption, functionOption, readOptions, signalOption, type OptionKeys } from '../core/options.js';

/** Options of {@link pca}. */
export interface PcaOptions {
  /**
   * How many components to keep: an integer in [1, min(n, d)], or a fraction in (0, 1) to keep
   * the fewest components whose cumulative explained-variance ratio exceeds it (scikit-learn's
   * rule: `searchsorted(cumsum(ratio), fraction, side='right') + 1`).
   * @defaultValue min(n, d) (all)
   */
  components?: number;
  /**
   * Scale the transformed coordinates to unit variance (divide by √explainedVariance).
   * @defaultValue false
   */
  whiten?: boolean;
  /**
   * The decomposition:
   * - `'covariance'`: eigendecomposition of the d×d covariance XcᵀXc, formed straight from X
   *   (centred and, for Float32 data, widened block by block as the packed product reads it: no
   *   copy of X) — O(n·d² + d³), the fastest exact route for tall data (scikit-learn ≥ 1.5's
   *   `covariance_eigh`). Squaring the data squares its condition number: the relative error of
   *   the i-th variance is about ε·λ₁/λᵢ (measured: within 1e-12 of the SVD route on the
   *   100 000 × 384 embedding benchmark, whose λ₁/λ₅₀ ≈ 10).
   * - `'svd'`: SVD of the centred data (a centred Float64 copy of X, n·d·8 bytes) — exact for
   *   every spectrum, O(n·d·min(n, d)) with a larger constant.
   * - `'full'`: exact either way — the covariance route when n ≥ d, recomputed through the SVD
   *   when the kept spectrum spans more than six orders of magnitude (λ₁/λₖ > 1e6, where the
   *   covariance would lose more than about 1e-10 of λₖ); the SVD when n < d.
   * - `'randomized'`: Halko–Martinsson–Tropp randomized SVD of the centred data (integer
   *   `components` only), for wide data and few components; X is read in place (centred as it is
   *   packed). Approximate: with scikit-learn's defaults (10 oversamples, 7 power iterations
   *   below 10 % of min(n, d)) the smallest kept variances can be off by a few percent where the
   *   spectrum decays slowly (100 000 × 384 → 50: 4 % on the 50th) — prefer `'auto'` there.
   * - `'auto'` (scikit-learn ≥ 1.5's rule): `'full'` by the covariance route when d ≤ 1000 and
   *   n ≥ 10·d; otherwise `'randomized'` when an integer number of components is asked for, the
   *   data has more than 500 rows or columns and k + oversamples ≤ min(n, d) / 10; otherwise
   *   `'full'`.
   * @defaultValue 'auto'
   */
  solver?: 'auto' | 'full' | 'covariance' | 'svd' | 'randomized';
  /**
   * Seed of the randomized solver's Gaussian test matrix.
   * @defaultValue DEFAULT_SEED (42)
   */
  seed?: number;
  /**
   * Randomized solver: extra sampled directions beyond k.
   * @defaultValue 10
   */
  oversamples?: number;
  /**
   * Randomized solver: power iterations (`'auto'`: 7 when k < 0.1·min(n, d), else 4, as
   * scikit-learn).
   * @defaultValue 'auto'
   */
  powerIterations?: number | 'auto';
  /**
   * Stops the fit with `E_ABORTED` at the next checkpoint (between blocks of 128 rows of the
   * covariance product, between the products of the randomized solver).
   * @defaultValue undefined
   */
  signal?: AbortSignal;
  /**
   * Receives `{ stage: 'randomized', completed, total }` after each product of the randomized
   * solver.
   * @defaultValue undefined
   */
  onProgress?: (progress: Progress) => void;
}

const PCA_KEYS: OptionKeys<PcaOptions> = { components: true, whiten: true, solver: true, seed: true, oversamples: true, powerIterations: true, signal: true, onProgress: true };

/** `'auto'` takes the covariance route up to this many columns (with at least 10 rows per column). */
const AUTO_COVARIANCE_MAX_DIMS = 1000;

/**
 * Kept-spectrum condition (λ₁ / λₖ of the covariance) above which the covariance
 * eigendecomposition would lose more than about 1e-10 relative accuracy on λₖ, so `'full'`
 * recomputes through the SVD of the centred data.
 */
const COVARIANCE_MAX_CONDITION = 1e6;

/**
 * Fits a principal component analysis: the orthogonal directions of largest variance.
 *
 * Centres the data, then decomposes it exactly or by randomized SVD (see
 * {@link PcaOptions.solver}). The covariance route forms the d×d covariance XcᵀXc with the
 * packed matrix product straight from X and eigendecomposes it (O(n·d² + d³), the fastest route
 * for tall data); `'full'` falls back to the SVD of the centred data when the kept eigenvalues
 * span more than six orders of magnitude (where squaring the condition number would cost
 * accuracy); when n < d it takes the SVD of the centred data directly (O(d·n² + n³)). The
 * randomized solver costs O((2q + 2)·n·d·(k + 10)).
 *
 * Memory: X is read in place (Float64 or Float32) by the covariance and randomized routes —
 * O(d² + 128·d) and O((n + d)·(k + 10)) extra; the SVD route (and the `'full'` fallback)
 * makes a centred Float64 copy (n·d·8 bytes) plus its factorisation's O(n·d). Float64 data whose
 * spread (largest |xᵢⱼ − meanⱼ|) is below 2⁻⁴⁰⁰ would have subnormal or zero squares: it is
 * analysed as a centred copy scaled up by a power of two (n·d·8 bytes more; components and ratios
 * are scale-free, singular values and variances are scaled back, and may then underflow).
 * Conventions as scikit-learn's `PCA(svd_solver='full')`: variances divide by n − 1,
 * `noiseVariance` is the mean of the discarded variances, and each component's
 * largest-magnitude entry is made positive (a deterministic sign). Columns that are constant
 * are handled exactly (zero variance, loadings exactly zero).
 *
 * @param X - n×d data, one sample per row (n ≥ 2); Float64 or Float32
 * @param options - see {@link PcaOptions}
 * @returns the model: `mean`, `components` (k×d), `explainedVariance`,
 *   `explainedVarianceRatio`, `singularValues`, `noiseVariance`, `whiten`
 * @throws LatentError `E_SHAPE` (fewer than 2 rows or no column), `E_NOT_FINITE` (NaN or ±Infinity
 *   in X or in `components`), `E_RANGE` (`components` not an integer in [1, min(n, d)] nor a
 *   fraction in (0, 1); bad seed, oversamples or powerIterations), `E_TYPE` (option of the wrong
 *   type), `E_OPTION` (unknown solver; a fraction with the randomized solver), `E_MEMORY`,
 *   `E_CONVERGENCE` (not observed in practice)
 * @throws LatentError `E_RANGE` for a value beyond ±2⁵⁰⁰ ≈ 3.3e150, whose squared differences would overflow
 * @example
 * ```ts
 * const model = pca([[2, 0], [0, 1], [-2, 0], [0, -1]]);
 * model.components.data;        // Float64Array [1, 0, 0, 1]
 * model.explainedVariance;      // Float64Array [2.6666666666666674, 0.6666666666666669]
 * model.explainedVarianceRatio; // Float64Array [0.8000000000000002, 0.20000000000000004]
 * pca(digits, { components: 0.95 }).components.rows; // 29: the fewest explaining more than 95 % of the variance
 * ```
 * @see sklearn.decomposition.PCA; M. E. Tipping & C. M. Bishop, "Probabilistic principal component analysis", JRSS B 61 (1999)
 */
export function pca(X: MatrixLike, options?: PcaOptions): PcaModel {
  const fn = 'pca';
  const o = readOptions(fn, options, PCA_KEYS);
  const x = asMatrix(X, fn, 'X');
  if (x.data instanceof Float64Array) assertSquareSafe(fn, 'X', x.data, x.cols);
  const { rows: n, cols: d } = x;
  if (n < 2 || d < 1) {
    throw new LatentError('E_SHAPE', `${fn}: X must have at least 2 rows and 1 column, got ${n}×${d}`);
  }
  const r = Math.min(n, d);
  const whiten = booleanOption(fn, 'whiten', o.whiten, false);
  const solver = assertOneOf(fn, 'solver', o.solver ?? 'auto', ['auto', 'full', 'covariance', 'svd', 'randomized'] as const);
  const signal = signalOption(fn, o.signal);
  const onProgress = functionOption(fn, 'onProgress', o.onProgress);
  const observer: Observer = { fn, signal, onProgress };
  checkAborted(fn, signal);
  const seed = assertInteger(fn, 'seed', o.seed ?? DEFAULT_SEED, 0);
  const oversamples = assertInteger(fn, 'oversamples', o.oversamples ?? 10, 0);
  const pi = o.powerIterations ?? 'auto';
  if (pi !== 'auto' && typeof pi !== 'number') {
    throw new LatentError('E_TYPE', `${fn}: powerIterations must be an integer or 'auto', got ${describe(pi)}`);
  }
  if (pi !== 'auto') assertInteger(fn, 'powerIterations', pi, 0, 1000);

  const c = o.components;
  let k = r;
  let fraction: number | undefined;
  if (c !== undefined) {
    const expected = `an integer in [1, ${r}] (min(n, d)) or a fraction in (0, 1)`;
    if (typeof c !== 'number') throw new LatentError('E_TYPE', `${fn}: components must be ${expected}, got ${describe(c)}`);
    if (!Number.isFinite(c)) throw new LatentError('E_NOT_FINITE', `${fn}: components must be ${expected}, got ${describe(c)}`);
    if (Number.isInteger(c) && c >= 1 && c <= r) k = c;
    else if (c > 0 && c < 1) fraction = c;
    else throw new LatentError('E_RANGE', `${fn}: components must be ${expected}, got ${describe(c)}`);
  }
  if (fraction !== undefined && solver === 'randomized') {
    throw new LatentError('E_OPTION', `${fn}: components as a fraction of variance (${fraction}) needs solver 'full' or 'auto', got 'randomized'`);
  }
  const mean = columnMeans(x.data, n, d);
  // A spread far below 2^-400 is analysed centred and scaled up by a power of two (pca-spread.ts).
  const spread = scaledSpread(x.data, n, d, mean);
  const data: FloatArray = spread === null ? x.data : spread.data;
  const mu = spread === null ? mean : columnMeans(data, n, d);
  const up = spread === null ? 0 : spread.exponent;
  const covarianceShape = d <= AUTO_COVARIANCE_MAX_DIMS && n >= 10 * d;
  const randomizedShape = fraction === undefined && c !== undefined && Math.max(n, d) > 500 && Math.min(k + oversamples, r) <= r / 10;
  const route =
    solver === 'randomized' || (solver === 'auto' && !covarianceShape && randomizedShape)
      ? 'randomized'
      : solver === 'svd' || (solver !== 'covariance' && n < d)
        ? 'svd'
        : 'covariance';

  let sigma: Float64Array; // singular values of the kept components (length k)
  let axes: Float64Array; // k×d component rows (sign not yet fixed)
  let noiseVariance: number;
  let totalVar = 0;
  if (route === 'randomized') {
    const squares = centredSquares(data, n, d, mu);
    totalVar = sum(squares) / (n - 1);
    const iterations = pi === 'auto' ? autoPowerIterations(k, n, d) : pi;
    const res = randomizedSvdKernel(spread === null ? x : { rows: n, cols: d, data }, mu, k, oversamples, iterations, seed, false, observer);
    sigma = res.s;
    axes = res.vt.data;
    let kept = 0;
    for (let i = 0; i < k; i++) kept += (sigma[i]! * sigma[i]!) / (n - 1);
    noiseVariance = k < r ? Math.max(0, totalVar - kept) / (r - k) : 0;
  } else {
    let full: FullSpectrum | null = null;
    if (route === 'covariance') {
      assertAllocatable(fn, 'the covariance matrix', d * d);
      const scatter = centredScatter(data, n, d, mu, observer);
      const squares = new Float64Array(d);
      for (let j = 0; j < d; j++) squares[j] = scatter[j * d + j]!;
      totalVar = sum(squares) / (n - 1);
      const tv = totalVar;
      const cov = covarianceSpectrum(scatter, squares, d);
      const kk = resolveK(cov.sigma, k, fraction, tv, n);
      // Relative accuracy of λᵢ from the covariance is about ε·λ₁/λᵢ: 'full' keeps it when the
      // kept (non-constant) spectrum is well conditioned, else recomputes through the SVD.
      const last = Math.min(kk, cov.rank) - 1;
      const top = cov.sigma[0]! * cov.sigma[0]!;
      const low = last >= 0 ? cov.sigma[last]! * cov.sigma[last]! : 0;
      if (solver === 'covariance' || cov.rank === 0 || low * COVARIANCE_MAX_CONDITION >= top) full = { sigma: cov.sigma, vt: cov.vt, k: kk };
    }
    if (full === null) {
      assertAllocatable(fn, 'the centred copy of X', n * d);
      checkAborted(fn, signal);
      const { xc, squares } = centeredWithSquares(data, n, d, mu);
      totalVar = sum(squares) / (n - 1);
      const tv = totalVar;
      full = svdSpectrum(xc, n, d, (values) => resolveK(values, k, fraction, tv, n));
    }
    k = full.k;
    sigma = full.sigma.slice(0, k);
    axes = full.vt.slice(0, k * d);
    noiseVariance = 0;
    if (k < r) {
      for (let i = k; i < r; i++) noiseVariance += (full.sigma[i]! * full.sigma[i]!) / (n - 1);
      noiseVariance /= r - k;
    }
  }

  fixSigns(axes, k, d);
  const explainedVariance = new Float64Array(k);
  const explainedVarianceRatio = new Float64Array(k);
  // Scaled data: singular values, variances and the mean back in the data's units, dividing by
  // 2^up (2^2up for variances) as two exact factors (ratios and components are scale-free).
  const [u1, u2] = powerOfTwoFactors(up);
  const [v1, v2] = powerOfTwoFactors(2 * up);
  for (let i = 0; i < k; i++) {
    const ev = (sigma[i]! * sigma[i]!) / (n - 1);
    explainedVarianceRatio[i] = totalVar > 0 ? ev / totalVar : 0;
    explainedVariance[i] = ev / v1 / v2;
    sigma[i] = sigma[i]! / u1 / u2;
  }
  if (up !== 0) {
    noiseVariance = noiseVariance / v1 / v2;
    for (let j = 0; j < d; j++) mean[j] = mean[j]! + mu[j]! / u1 / u2;
  }
  return {
    kind: 'pca',
    version: 1,
    mean,
    components: { rows: k, cols: d, data: axes },
    explainedVariance,
    explainedVarianceRatio,
    singularValues: sigma,
    noiseVariance,
    whiten,
  };
}

/**
 * Number of components to keep: `k` as given, or scikit-learn's rule for a fraction (the first
 * index whose cumulative ratio is strictly above it, plus one, capped at r).
 */
function resolveK(sigma: Float64Array, k: number, fraction: number | undefined, totalVar: number, n: number): number {
  if (fraction === undefined) return k;
  const r = sigma.length;
  if (totalVar <= 0) return 1;
  let cum = 0;
  for (let i = 0; i < r; i++) {
    cum += (sigma[i]! * sigma[i]!) / (n - 1) / totalVar;
    if (cum > fraction) return i + 1;
  }
  return r;
}

/** All min(n, d) singular values (descending) and right singular vectors of the centred data. */
interface FullSpectrum {
  sigma: Float64Array;
  vt: Float64Array;
  k: number;
}

/** Σ of the values. */
function sum(v: FloatArray): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s;
}

/**
 * Exact spectrum of the centred data `xc` (n×d, a Float64 copy) by SVD: of Xc (tall, through
 * its columns) when n ≥ d, of Xcᵀ (tall) when n < d. `chooseK` maps the singular values to the
 * kept count.
 */
function svdSpectrum(xc: Float64Array, n: number, d: number, chooseK: (sigma: Float64Array) => number): FullSpectrum {
  if (n >= d) {
    const cols = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) cols[j * n + i] = xc[i * d + j]!;
    const res = svdOfColumns(cols, n, d, false);
    return { sigma: res.s, vt: res.vt, k: chooseK(res.s) };
  }
  // Wide data: Xcᵀ (d×n) is tall and its columns are Xc's rows; its left singular vectors are
  // Xc's right singular vectors.
  const res = svdOfColumns(xc, d, n, true);
  return { sigma: res.s, vt: res.ut!, k: chooseK(res.s) };
}

/**
 * Singular values (√ of the eigenvalues of XcᵀXc, descending) and right singular vectors of the
 * centred data from its scatter matrix (d×d, from {@link centredScatter}), with constant columns
 * split off exactly (their eigenvalues are exactly 0 and their axes the coordinate vectors,
 * placed last).
 */
function covarianceSpectrum(full: Float64Array, squares: Float64Array, d: number): { sigma: Float64Array; vt: Float64Array; rank: number } {
  // Non-constant columns: centred column not identically zero.
  const active = new Uint8Array(d);
  for (let j = 0; j < d; j++) if (squares[j]! > 0) active[j] = 1;
  const idx = new Int32Array(d);
  let da = 0;
  for (let j = 0; j < d; j++) if (active[j] === 1) idx[da++] = j;
  const sigma = new Float64Array(d);
  const vt = new Float64Array(d * d);
  if (da > 0) {
    // The non-constant block of the scatter (constant columns give exact zero rows and columns).
    const w = new Float64Array(da * da);
    for (let s = 0; s < da; s++) {
      const fo = idx[s]! * d;
      for (let t = s; t < da; t++) {
        const v = full[fo + idx[t]!]!;
        w[s * da + t] = v;
        w[t * da + s] = v;
      }
    }
    const values = new Float64Array(da);
    symmetricEigenInPlace(w, da, values, true);
    for (let i = 0; i < da; i++) {
      sigma[i] = Math.sqrt(Math.max(values[i]!, 0));
      const wo = i * da;
      const vo = i * d;
      for (let t = 0; t < da; t++) vt[vo + idx[t]!] = w[wo + t]!;
    }
  }
  // Constant columns: zero variance along their coordinate axes.
  let row = da;
  for (let j = 0; j < d; j++) if (active[j] === 0) vt[row++ * d + j] = 1;
  return { sigma, vt, rank: da };
}

/** Flips each row of `axes` (k×d) so that its largest-magnitude entry (first one on ties) is positive. */
function fixSigns(axes: Float64Array, k: number, d: number): void {
  for (let i = 0; i < k; i++) {
    const o = i * d;
    let best = 0;
    let bestAbs = -1;
    for (let j = 0; j < d; j++) {
      const v = Math.abs(axes[o + j]!);
      if (v > bestAbs) {
        bestAbs = v;
        best = j;
      }
    }
    // 0 − x rather than −x: exact zeros stay +0.
    if (axes[o + best]! < 0) for (let j = 0; j < d; j++) axes[o + j] = 0 - axes[o + j]!;
  }
}
