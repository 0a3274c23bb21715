/**
 * Classical (Torgerson) multidimensional scaling: coordinates whose inner products best match
 * the double-centred squared distances, from the top eigenpairs of B = −½ J D² J.
 */
import { powerOfTwoBelow, timesPowerOfTwo } from '../core/power-scale.js';
import { LatentError, describe } from '../core/errors.js';
import { asMatrix64, isMatrix, type Matrix64, type MatrixLike } from '../core/matrix.js';
import { assertMemory, memoryLimitOption } from '../core/memory.js';
import { functionOption, integerIn, readOptions, seedOption, signalOption, type OptionKeys } from '../core/options.js';
import { DEFAULT_SEED } from '../core/random.js';
import { runSync, type Progress, type Work } from '../core/task.js';
import { SQUARE_SAFE_MAX, assertSquareSafe } from '../core/validate.js';
import { eigshWork, resolveEigshOptions } from '../decomposition/eigsh.js';
import { parseSymmetric, type ParsedSymmetric } from '../decomposition/symmetric-operator.js';
import { checkMetric, type Metric } from '../distance/metric.js';
import { condensedCount, condensedFromPointsWork } from '../distance/square.js';

/** Options of {@link mds}. */
export interface MdsOptions {
  /**
   * Embedding dimension, at most n.
   * @defaultValue 2
   */
  dims?: number;
  /**
   * Dissimilarity between rows (see `pdist`). With `'euclidean'` classical MDS equals PCA of the
   * centred rows, and B = XcXcᵀ is applied without forming it (O(n·d) memory); other metrics
   * build the n × n matrix.
   * @defaultValue 'euclidean'
   */
  metric?: Metric;
  /**
   * Seed of the eigensolver's start vector.
   * @defaultValue 42
   */
  seed?: number;
  /**
   * Budget in bytes for the distance and centred matrices (n² doubles, plus the condensed
   * distances for metrics other than `'euclidean'`).
   * @defaultValue 4 GiB
   */
  memoryLimit?: number;
  /**
   * Stops the eigensolver at its next checkpoint with `E_ABORTED`.
   * @defaultValue undefined
   */
  signal?: AbortSignal;
  /**
   * Progress: the eigensolver's `'lanczos'` stage.
   * @defaultValue undefined
   */
  onProgress?: (progress: Progress) => void;
}

/** Options of {@link mdsFromDistances}: those of {@link mds} without the metric. */
export type MdsFromDistancesOptions = Omit<MdsOptions, 'metric'>;

const KEYS: OptionKeys<MdsOptions> = { dims: true, metric: true, seed: true, memoryLimit: true, signal: true, onProgress: true };
const DIST_KEYS: OptionKeys<MdsFromDistancesOptions> = { dims: true, seed: true, memoryLimit: true, signal: true, onProgress: true };

/** Result of {@link mds} and {@link mdsFromDistances}. */
export interface MdsResult {
  /** Tag. */
  kind: 'mds';
  /** Layout version. */
  version: 1;
  /** n × dims coordinates: √λ · u for the top eigenpairs (λ ≤ 0 gives zero coordinates). */
  embedding: Matrix64;
  /** The dims largest eigenvalues of B, descending (scikit-learn's `eigenvalues_`). */
  eigenvalues: Float64Array;
}

/**
 * Classical multidimensional scaling of the rows of X (Torgerson; principal coordinates
 * analysis), as scikit-learn's `ClassicalMDS`: with D the pairwise distances, B = −½ J D² J
 * (J = I − 11ᵀ/n), the embedding is √λᵢ uᵢ for the dims largest eigenpairs of B, each uᵢ with its
 * largest-magnitude entry positive (scikit-learn's `svd_flip`).
 *
 * With the default `'euclidean'` metric B = XcXcᵀ exactly, so B is applied as Xc(Xcᵀx): O(n·d)
 * per Lanczos step and no n × n matrix (the result is PCA's scores up to sign). Other metrics
 * compute the condensed distances (`pdist`, O(n²d)) and the dense B (8n² bytes, checked against
 * `memoryLimit`), then run Lanczos on it (O(n²) per step).
 *
 * @param X - n × d data (n ≥ 2), finite
 * @param options - {@link MdsOptions}
 * @returns `{ kind: 'mds', version: 1, embedding, eigenvalues }`
 * @throws LatentError `E_SHAPE` / `E_TYPE` / `E_NOT_FINITE` (bad X, or a custom metric returning NaN/Infinity), `E_RANGE` (dims; a value of X or a distance beyond 2^500 ≈ 3.3e150, whose square would overflow; a negative distance from a custom metric), `E_OPTION` (metric), `E_MEMORY`, `E_ABORTED`
 * @example
 * ```ts
 * const { embedding, eigenvalues } = mds([[0, 0], [3, 0], [0, 4]], { dims: 2 });
 * eigenvalues;    // Float64Array [12.964147996483268, 3.7025186701833985]
 * embedding.rows; // 3 (pairwise distances 3, 4, 5 preserved)
 * ```
 * @see W. S. Torgerson, "Multidimensional scaling: I. Theory and method", Psychometrika 17 (1952)
 * @see sklearn.manifold.ClassicalMDS
 */
export function mds(X: MatrixLike, options?: MdsOptions): MdsResult {
  const fn = 'mds';
  const o = readOptions(fn, options, KEYS);
  const A = asMatrix64(X, fn, 'X');
  const { rows: n, cols: d } = A;
  if (n < 2) throw new LatentError('E_SHAPE', `${fn}: X must have at least 2 rows, got ${n}`);
  const dims = integerIn(fn, 'dims', o.dims ?? 2, { min: 1, max: n });
  const metric = checkMetric(fn, o.metric);
  const memoryLimit = memoryLimitOption(fn, o.memoryLimit);
  const seed = seedOption(fn, o.seed, DEFAULT_SEED);
  const signal = signalOption(fn, o.signal);
  const onProgress = functionOption(fn, 'onProgress', o.onProgress);
  if (metric !== 'euclidean') {
    assertMemory(fn, `the condensed distances and the ${n} × ${n} centred matrix`, 8 * (n * n + (n * (n - 1)) / 2), memoryLimit);
    const work = function* (): Work<MdsResult> {
      const D = yield* condensedFromPointsWork(fn, A, metric);
      // The distances are squared below: beyond 2^500 they would overflow to Infinity.
      assertSquareSafe(fn, 'distance', D, 0);
      return yield* topPairs(fn, denseInput(fn, centredFromCondensed(D, n), n), dims, seed, memoryLimit);
    };
    return runSync(work(), { fn, signal, onProgress });
  }
  // B = XcXcᵀ holds products of coordinates: the same bound as squared distances.
  assertSquareSafe(fn, 'X', A.data, d);
  // B = Xc Xcᵀ, applied as Xc (Xcᵀ x).
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t] = mean[t]! + A.data[i * d + t]!;
  for (let t = 0; t < d; t++) mean[t] = mean[t]! / n;
  const Xc = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) Xc[i * d + t] = A.data[i * d + t]! - mean[t]!;
  // B's entries are products of coordinates: beyond 2^200 the eigensolver's norms (squares of
  // B·x) overflow. Solve for Xc·2^−e instead (exact) and scale the answer back: eigenvalues by
  // 4^e, coordinates by 2^e.
  let maxAbs = 0;
  for (let t = 0; t < Xc.length; t++) if (Math.abs(Xc[t]!) > maxAbs) maxAbs = Math.abs(Xc[t]!);
  let halvings = 0;
  if (maxAbs > 2 ** 200) {
    const { inv, exponent } = powerOfTwoBelow(maxAbs);
    halvings = exponent;
    for (let t = 0; t < Xc.length; t++) Xc[t] = Xc[t]! * inv;
  }
  const y = new Float64Array(d);
  const apply = (x: Float64Array, out: Float64Array): void => {
    y.fill(0);
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      if (xi === 0) continue;
      const o2 = i * d;
      for (let t = 0; t < d; t++) y[t] = y[t]! + xi * Xc[o2 + t]!;
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      const o2 = i * d;
      for (let t = 0; t < d; t++) s += Xc[o2 + t]! * y[t]!;
      out[i] = s;
    }
  };
  const r = runSync(topPairs(fn, { n, kind: 'operator', apply }, dims, seed, memoryLimit), { fn, signal, onProgress });
  if (halvings === 0) return r;
  const eigenvalues = r.eigenvalues.map((v) => timesPowerOfTwo(v, 2 * halvings));
  for (let c = 0; c < eigenvalues.length; c++) {
    if (eigenvalues[c]! - eigenvalues[c]! !== 0) throw new LatentError('E_RANGE', `${fn}: eigenvalue ${c} must be finite, got ${describe(eigenvalues[c])}; rescale X`);
  }
  return { ...r, embedding: { ...r.embedding, data: r.embedding.data.map((v) => timesPowerOfTwo(v, halvings)) }, eigenvalues };
}

/**
 * Classical MDS from precomputed dissimilarities: a condensed vector (scipy's `pdist` order,
 * length n(n − 1)/2) or a square symmetric matrix with a zero diagonal, as scikit-learn's
 * `ClassicalMDS(metric='precomputed')`. B = −½ J D² J is formed densely (8n² bytes).
 *
 * @param distances - condensed Float64Array / number[], or an n × n MatrixLike
 * @param options - {@link MdsFromDistancesOptions}
 * @returns `{ kind: 'mds', version: 1, embedding, eigenvalues }`
 * @throws LatentError `E_SHAPE` (length not n(n − 1)/2, not square, n < 2), `E_RANGE` (negative or asymmetric entries, non-zero diagonal, a distance beyond 2^500 ≈ 3.3e150 whose square would overflow, dims), `E_NOT_FINITE`, `E_TYPE`, `E_MEMORY`, `E_ABORTED`
 * @example
 * ```ts
 * mdsFromDistances([3, 4, 5], { dims: 2 }).eigenvalues; // Float64Array [12.964147996483268, 3.7025186701833985]
 * ```
 * @see sklearn.manifold.ClassicalMDS
 */
export function mdsFromDistances(distances: ArrayLike<number> | MatrixLike, options?: MdsFromDistancesOptions): MdsResult {
  const fn = 'mdsFromDistances';
  const o = readOptions(fn, options, DIST_KEYS);
  const memoryLimit = memoryLimitOption(fn, o.memoryLimit);
  let B: Float64Array;
  let n: number;
  if (isMatrix(distances) || (typeof distances === 'object' && distances !== null && typeof (distances as ArrayLike<unknown>)[0] === 'object')) {
    const D = asMatrix64(distances as MatrixLike, fn, 'distances');
    n = D.rows;
    if (D.cols !== n || n < 2) throw new LatentError('E_SHAPE', `${fn}: distances must be a square matrix with n ≥ 2, got ${D.rows}×${D.cols}`);
    assertMemory(fn, `the ${n} × ${n} centred matrix`, 8 * n * n, memoryLimit);
    const v = D.data;
    assertSquareSafe(fn, 'distances', v, n);
    B = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      if (v[i * n + i] !== 0) throw new LatentError('E_RANGE', `${fn}: distances must have a zero diagonal, got ${describe(v[i * n + i])} at [${i}][${i}]`);
      for (let j = i + 1; j < n; j++) {
        const a = v[i * n + j]!;
        const b = v[j * n + i]!;
        if (!(a >= 0) || Math.abs(a - b) > 1e-10 * Math.max(Math.abs(a), Math.abs(b))) {
          throw new LatentError('E_RANGE', `${fn}: distances must be symmetric and non-negative, got [${i}][${j}] = ${describe(a)} and [${j}][${i}] = ${describe(b)}`);
        }
        const s = 0.5 * (a + b);
        B[i * n + j] = s * s;
        B[j * n + i] = s * s;
      }
    }
    doubleCentre(B, n);
  } else {
    const c = distances as ArrayLike<number>;
    if (typeof c !== 'object' || c === null || typeof c.length !== 'number') {
      throw new LatentError('E_TYPE', `${fn}: distances must be a condensed distance vector or a square matrix, got ${describe(distances)}`);
    }
    n = condensedCount(c.length);
    if (n < 2) throw new LatentError('E_SHAPE', `${fn}: distances must hold n(n − 1)/2 ≥ 1 values, got ${c.length}`);
    assertMemory(fn, `the ${n} × ${n} centred matrix`, 8 * n * n, memoryLimit);
    for (let p = 0; p < c.length; p++) {
      const v = c[p];
      if (typeof v !== 'number' || v - v !== 0) throw new LatentError('E_NOT_FINITE', `${fn}: distances must be finite numbers, got ${describe(v)} at ${p}`);
      if (v < 0) throw new LatentError('E_RANGE', `${fn}: distances must be >= 0, got ${v} at ${p}`);
      if (v > SQUARE_SAFE_MAX) throw new LatentError('E_RANGE', `${fn}: distances must be at most 2^500 (about 3.3e150) so that their squares stay finite, got ${describe(v)} at ${p}; rescale them first`);
    }
    B = centredFromCondensed(c, n);
  }
  const dims = integerIn(fn, 'dims', o.dims ?? 2, { min: 1, max: n });
  const seed = seedOption(fn, o.seed, DEFAULT_SEED);
  return runSync(topPairs(fn, denseInput(fn, B, n), dims, seed, memoryLimit), { fn, signal: signalOption(fn, o.signal), onProgress: functionOption(fn, 'onProgress', o.onProgress) });
}

/** B = −½ J D² J from condensed distances (scipy order). */
function centredFromCondensed(c: ArrayLike<number>, n: number): Float64Array {
  const B = new Float64Array(n * n);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = c[p++]!;
      B[i * n + j] = v * v;
      B[j * n + i] = v * v;
    }
  }
  doubleCentre(B, n);
  return B;
}

/** In place: B ← −½ (B − row means − column means + grand mean) for a symmetric B. */
function doubleCentre(B: Float64Array, n: number): void {
  const mean = new Float64Array(n);
  let grand = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += B[i * n + j]!;
    mean[i] = s / n;
    grand += s;
  }
  grand /= n * n;
  for (let i = 0; i < n; i++) {
    const mi = mean[i]!;
    for (let j = 0; j < n; j++) B[i * n + j] = -0.5 * (B[i * n + j]! - mi - mean[j]! + grand);
  }
}

function denseInput(fn: string, B: Float64Array, n: number): ParsedSymmetric {
  return parseSymmetric(fn, { rows: n, cols: n, data: B });
}

function* topPairs(fn: string, input: ParsedSymmetric, dims: number, seed: number, memoryLimit: number): Work<MdsResult> {
  const n = input.n;
  const o = resolveEigshOptions(fn, n, dims, { which: 'largest', seed, memoryLimit });
  const e = yield* eigshWork(fn, input, dims, o);
  if (!e.converged) throw new LatentError('E_CONVERGENCE', `${fn}: the eigensolver did not converge within ${o.maxIter} iterations`);
  const embedding = new Float64Array(n * dims);
  const V = e.vectors.data;
  for (let c = 0; c < dims; c++) {
    const s = Math.sqrt(Math.max(e.values[c]!, 0));
    for (let i = 0; i < n; i++) embedding[i * dims + c] = s * V[c * n + i]!;
  }
  return { kind: 'mds', version: 1, embedding: { rows: n, cols: dims, data: embedding }, eigenvalues: e.values };
}
