/**
 * A few eigenpairs of a large symmetric matrix: thick-restart Lanczos, with shift-invert through
 * a sparse Cholesky factorisation for the smallest eigenvalues of sparse matrices (scipy's
 * `eigsh`, ARPACK's mode 3, without ARPACK).
 */
import { powerOfTwoBelow, timesPowerOfTwo } from '../core/power-scale.js';
import { LatentError, describe } from '../core/errors.js';
import type { Matrix64 } from '../core/matrix.js';
import { assertMemory, memoryLimitOption } from '../core/memory.js';
import { enumOption, functionOption, integerIn, numberIn, readOptions, seedOption, signalOption, type OptionKeys } from '../core/options.js';
import { DEFAULT_SEED, nextDouble, rngState } from '../core/random.js';
import type { CsrMatrix } from '../core/sparse.js';
import { runSync, type Progress, type Work } from '../core/task.js';
import { symmetricEigenInPlace } from './eig-symmetric.js';
import { flipSignsByLargest } from './sign-flip.js';
import { lanczos, type LanczosResult } from './lanczos.js';
import { factorBelowSpectrum } from './shift-invert.js';
import { choleskySolve } from './sparse-cholesky.js';
import { reverseCuthillMcKee } from './rcm.js';
import { parseSymmetric, type ParsedSymmetric, type SymmetricInput } from './symmetric-operator.js';

/** Options of {@link eigsh}. */
export interface EigshOptions {
  /**
   * Which end of the spectrum: the algebraically largest or smallest eigenvalues.
   * @defaultValue 'largest'
   */
  which?: 'largest' | 'smallest';
  /**
   * The algorithm. `'auto'`: dense (`eigSymmetric`) when n ≤ 64 or the Krylov basis would fill the
   * space (k close to n); for `'smallest'` of a {@link CsrMatrix}, shift-invert when the sparse
   * Cholesky factorisation (after approximate-minimum-degree ordering) costs at most as much as
   * ~500 plain Lanczos steps (500·(nnz(A) + 4·ncv·n) multiply–adds) and A − σI factors just below
   * zero (A positive semi-definite), else Lanczos; Lanczos otherwise. `'lanczos'`: thick-restart
   * Lanczos on A — the right choice for kNN-graph Laplacians (their factors fill in) and whenever
   * the wanted eigenvalues are not tiny next to ‖A‖. `'shift-invert'`: Lanczos on (A − σI)⁻¹ with
   * σ below the spectrum (`'smallest'`) or above it (`'largest'`), for a CsrMatrix or dense matrix
   * (any factor within `memoryLimit`, any symmetric A) — the right choice when the wanted
   * eigenvalues are tiny next to ‖A‖ (LLE's cost matrix). `'dense'`: the full dense decomposition,
   * O(n³) time and n² memory.
   * @defaultValue 'auto'
   */
  method?: 'auto' | 'lanczos' | 'shift-invert' | 'dense';
  /**
   * Convergence tolerance: a Ritz pair (θ, y) is accepted when ‖T y − θ y‖ ≤ tol · |θ| in
   * shift-invert (T = (A − σI)⁻¹) and ≤ tol · ‖A‖ (the largest |Ritz value| seen) with Lanczos on A.
   * @defaultValue 1e-10
   */
  tol?: number;
  /**
   * Largest number of operator applications (matrix–vector products, or solves with the factor
   * in shift-invert). When reached, the current pairs are returned with `converged: false`.
   * @defaultValue max(2000, 100 · ncv)
   */
  maxIter?: number;
  /**
   * Krylov basis size (Lanczos vectors kept between restarts), k < ncv < n. Larger converges in
   * fewer applications but costs ncv·n doubles and O(ncv·n) per application.
   * @defaultValue min(n − 1, max(2k + 1, 20)) (scipy's default)
   */
  ncv?: number;
  /**
   * Seed of the random start vector (and of restarts after an invariant subspace).
   * @defaultValue 42
   */
  seed?: number;
  /**
   * Start vector (length n, not all zero) instead of a random one, e.g. `ones` as umap-learn.
   * @defaultValue a seeded random vector
   */
  startVector?: ArrayLike<number>;
  /**
   * Budget in bytes for the Krylov basis, the Cholesky factor or the dense matrix.
   * @defaultValue 4 GiB
   */
  memoryLimit?: number;
  /**
   * Stops the work at the next checkpoint (each operator application, every ~10⁶ operations of the
   * factorisation) with `E_ABORTED`.
   * @defaultValue undefined
   */
  signal?: AbortSignal;
  /**
   * Progress reports: stages `'order'`, `'factorize'` (shift-invert), then `'lanczos'` once per
   * restart cycle with `completed` = converged pairs of `total` = k.
   * @defaultValue undefined
   */
  onProgress?: (progress: Progress) => void;
}

const KEYS: OptionKeys<EigshOptions> = {
  which: true,
  method: true,
  tol: true,
  maxIter: true,
  ncv: true,
  seed: true,
  startVector: true,
  memoryLimit: true,
  signal: true,
  onProgress: true,
};

/** Result of {@link eigsh}. */
export interface EigshResult {
  /** The k eigenvalues: descending for `'largest'`, ascending for `'smallest'`. */
  values: Float64Array;
  /**
   * k × n; row i is the unit eigenvector of `values[i]` (rows orthonormal), its largest-magnitude
   * entry made positive (the first such entry on ties), as {@link eigSymmetric}'s rows.
   */
  vectors: Matrix64;
  /** Residual norms ‖A vᵢ − λᵢ vᵢ‖ of the returned pairs (computed afresh with A). */
  residuals: Float64Array;
  /** Operator applications: matrix–vector products, or solves in shift-invert (0 for dense). */
  iterations: number;
  /** Whether every pair met `tol` (always true for the dense method). */
  converged: boolean;
  /** The method that ran. */
  method: 'lanczos' | 'shift-invert' | 'dense';
  /** σ of shift-invert (0 for the other methods). */
  shift: number;
}

/** Options after validation and defaults. */
export interface ResolvedEigsh {
  /** Public function name for messages. */
  fn: string;
  /** Which end. */
  which: 'largest' | 'smallest';
  /** Requested method. */
  method: 'auto' | 'lanczos' | 'shift-invert' | 'dense';
  /** Tolerance. */
  tol: number;
  /** Application budget. */
  maxIter: number;
  /** Basis size (before clamping to n − 1). */
  ncv: number;
  /** Seed. */
  seed: number;
  /** Start vector, if given. */
  startVector: Float64Array | undefined;
  /** Memory budget. */
  memoryLimit: number;
  /** Abort signal. */
  signal: AbortSignal | undefined;
  /** Progress callback. */
  onProgress: ((progress: Progress) => void) | undefined;
}

/** Below this order, `'auto'` decomposes densely. */
const DENSE_BELOW = 64;

/** From this order on, Lanczos on a CsrMatrix runs on its reverse Cuthill–McKee reordering. */
const REORDER_ABOVE = 8192;

/** `'auto'` shift-invert budget: the factorisation may cost this many plain Lanczos steps. */
const AUTO_FACTOR_STEPS = 500;

/**
 * The k largest or smallest eigenvalues of a symmetric matrix and their eigenvectors, by
 * thick-restart Lanczos (Wu & Simon) with full reorthogonalisation, or shift-invert Lanczos on a
 * sparse Cholesky factor for the smallest eigenvalues of sparse matrices — the ones plain
 * Lanczos converges to slowly, such as LLE's M = (I − W)ᵀ(I − W) (eigenvalues ~10⁻⁸ next to
 * ‖M‖ ~ 1) or a graph Laplacian's bottom. Deterministic: a seeded start vector.
 *
 * A is a {@link CsrMatrix} (from `csrFromTriplets`; both triangles stored), a dense symmetric
 * matrix, or a matrix-free {@link SymmetricOperator} `{ n, apply(x, out) }`. `method: 'auto'`
 * picks as documented in {@link EigshOptions.method}. After convergence, one more Lanczos cycle
 * from a fresh random vector looks for copies of repeated eigenvalues a single Krylov sequence
 * cannot see.
 *
 * Complexity: Lanczos O(iterations · (nnz(A) + ncv·n)) time, (ncv + 1)·n doubles (a CsrMatrix
 * above 8 192 rows is first reordered by reverse Cuthill–McKee, for cache locality); shift-invert
 * adds the approximate-minimum-degree ordering (≈ O(nnz(A)) on mesh-like patterns), the
 * supernodal factorisation (Σ colcount² multiply–adds, e.g. 0.5·10⁹ for LLE on 20 000 points,
 * mostly dense block products) and the factor's blocks; dense O(n³) time, 2n² doubles.
 *
 * A matrix (dense or CSR) with entries beyond 2^400 is solved scaled by a power of two (exact) and
 * its eigenvalues scaled back, so huge but finite entries give finite results; an operator is used
 * as given.
 *
 * @param A - the symmetric matrix or operator (n ≥ 1)
 * @param k - number of eigenpairs, an integer in [1, n]
 * @param options - {@link EigshOptions}
 * @returns `{ values, vectors (k × n rows), residuals, iterations, converged, method, shift }`
 * @throws LatentError `E_TYPE` / `E_SHAPE` / `E_RANGE` / `E_NOT_FINITE` for a bad A (non-square, not symmetric, tampered CSR, non-finite values or operator output); `E_RANGE` for k or ncv, or for an eigenvalue beyond the double range; `E_OPTION` for bad options (including `'shift-invert'` on an operator); `E_MEMORY` beyond `memoryLimit`; `E_ABORTED`
 * @example
 * ```ts
 * // path graph Laplacian 0 – 1 – 2 – 3: eigenvalues 0, 2 − √2, 2, 2 + √2
 * const L = csrFromTriplets(4, 4,
 *   new Int32Array([0, 0, 1, 1, 1, 2, 2, 2, 3, 3]), new Int32Array([0, 1, 0, 1, 2, 1, 2, 3, 2, 3]),
 *   new Float64Array([1, -1, -1, 2, -1, -1, 2, -1, -1, 1]));
 * const { values, vectors } = eigsh(L, 2, { which: 'smallest' });
 * values;       // Float64Array [3.019454071701594e-16, 0.585786437626905]   (0 and 2 − √2)
 * vectors.data; // Float64Array [0.5000000000000001, 0.5000000000000001, 0.5, 0.5000000000000002,
 *               //               0.6532814824381883, 0.2705980500730985, -0.27059805007309856, -0.6532814824381884]
 * ```
 * @see scipy.sparse.linalg.eigsh
 * @see K. Wu & H. Simon, "Thick-restart Lanczos method for large symmetric eigenvalue problems", SIAM J. Matrix Anal. Appl. 22 (2000)
 */
export function eigsh(A: SymmetricInput, k: number, options?: EigshOptions): EigshResult {
  const fn = 'eigsh';
  const input = parseSymmetric(fn, A);
  const o = resolveEigshOptions(fn, input.n, k, options);
  return runSync(eigshWork(fn, input, k, o), { fn, signal: o.signal, onProgress: o.onProgress });
}

/**
 * Validates {@link EigshOptions} for an n × n problem and k pairs, and fills the defaults.
 *
 * @param fn - public function name
 * @param n - order
 * @param k - wanted pairs (validated here: integer in [1, n])
 * @param options - the received options
 * @returns the resolved options
 * @throws LatentError `E_TYPE`, `E_RANGE`, `E_OPTION`, `E_SHAPE` (startVector length), `E_NOT_FINITE`
 * @example
 * ```ts
 * resolveEigshOptions('umap', 1000, 3, { which: 'smallest' }).ncv; // 20
 * ```
 */
export function resolveEigshOptions(fn: string, n: number, k: number, options: EigshOptions | undefined): ResolvedEigsh {
  const o = readOptions(fn, options, KEYS);
  integerIn(fn, 'k', k, { min: 1, max: n });
  const which = enumOption(fn, 'which', o.which, ['largest', 'smallest'] as const, 'largest');
  const method = enumOption(fn, 'method', o.method, ['auto', 'lanczos', 'shift-invert', 'dense'] as const, 'auto');
  const tol = numberIn(fn, 'tol', o.tol ?? 1e-10, { min: 0, max: 1, open: 'max' });
  const ncv = integerIn(fn, 'ncv', o.ncv ?? Math.min(n, Math.max(2 * k + 1, 20)), { min: Math.min(k + 1, n), max: n });
  const maxIter = integerIn(fn, 'maxIter', o.maxIter ?? Math.max(2000, 100 * ncv), { min: 1 });
  const seed = seedOption(fn, o.seed, DEFAULT_SEED);
  let startVector: Float64Array | undefined;
  if (o.startVector !== undefined) {
    const v = o.startVector as unknown;
    if (typeof v !== 'object' || v === null || typeof (v as ArrayLike<number>).length !== 'number') {
      throw new LatentError('E_TYPE', `${fn}: startVector must be an array of ${n} numbers, got ${describe(v)}`);
    }
    const arr = v as ArrayLike<number>;
    if (arr.length !== n) throw new LatentError('E_SHAPE', `${fn}: startVector must have length ${n}, got ${arr.length}`);
    startVector = new Float64Array(n);
    let any = false;
    for (let i = 0; i < n; i++) {
      const x = arr[i];
      if (typeof x !== 'number' || x - x !== 0) throw new LatentError('E_NOT_FINITE', `${fn}: startVector must hold finite numbers, got ${describe(x)} at ${i}`);
      startVector[i] = x;
      if (x !== 0) any = true;
    }
    if (!any) throw new LatentError('E_RANGE', `${fn}: startVector must not be all zeros`);
  }
  return {
    fn,
    which,
    method,
    tol,
    maxIter,
    ncv,
    seed,
    startVector,
    memoryLimit: memoryLimitOption(fn, o.memoryLimit),
    signal: signalOption(fn, o.signal),
    onProgress: functionOption(fn, 'onProgress', o.onProgress),
  };
}

/**
 * The work of {@link eigsh} as a generator, for library code that runs it inside its own
 * abortable task (`yield* eigshWork(...)`).
 *
 * @param fn - public function name for messages
 * @param input - from `parseSymmetric`
 * @param k - wanted pairs (already validated)
 * @param o - from `resolveEigshOptions`
 * @returns the generator
 * @throws LatentError as {@link eigsh}
 * @example
 * ```ts
 * const input = parseSymmetric('lle', M);
 * const r = yield* eigshWork('lle', input, 3, resolveEigshOptions('lle', input.n, 3, { which: 'smallest' }));
 * ```
 */
export function* eigshWork(fn: string, input: ParsedSymmetric, k: number, o: ResolvedEigsh): Work<EigshResult> {
  const r = yield* eigshScaledWork(fn, input, k, o);
  const e = input.scaleExponent;
  if (e === undefined) return r;
  // The matrix was solved as A·2^−e (exact): eigenvalues, residuals and the shift scale back.
  const up = (x: number): number => timesPowerOfTwo(x, e);
  const values = r.values.map(up);
  for (let i = 0; i < values.length; i++) {
    if (values[i]! - values[i]! !== 0) {
      throw new LatentError('E_RANGE', `${fn}: eigenvalue ${i} must be finite, got ${describe(values[i])} (the matrix's entries reach ~1e308); rescale A`);
    }
  }
  return { ...r, values, residuals: r.residuals.map(up), shift: up(r.shift) };
}

function* eigshScaledWork(fn: string, input: ParsedSymmetric, k: number, o: ResolvedEigsh): Work<EigshResult> {
  const n = input.n;
  const m = Math.min(o.ncv, n - 1);
  const smallest = o.which === 'smallest';
  if (o.method === 'shift-invert' && input.kind === 'operator') {
    throw new LatentError('E_OPTION', `${fn}: method 'shift-invert' needs A as a CsrMatrix or a dense matrix (an operator cannot be factored), got an operator`);
  }
  if (o.method === 'dense' || m <= k || (o.method === 'auto' && n <= DENSE_BELOW)) {
    return yield* denseWork(fn, input, k, smallest, o.memoryLimit);
  }
  const useShiftInvert = o.method === 'shift-invert' || (o.method === 'auto' && smallest && input.kind === 'csr');
  if (useShiftInvert) {
    let csr = input.csr ?? denseToCsr(fn, input.dense!, o.memoryLimit);
    if (!smallest) csr = { ...csr, values: csr.values.map((v) => -v) };
    const explicit = o.method === 'shift-invert';
    const nnzA = csr.values.length;
    // 'auto' factors only when that costs less than about 500 plain Lanczos steps would.
    const maxNnz = explicit ? Infinity : Math.max(40 * nnzA, 1e6);
    const maxFlops = explicit ? Infinity : AUTO_FACTOR_STEPS * (nnzA + 4 * m * n);
    const estimate = function* (): Work<number> {
      const est = yield* runLanczos(n, input.apply, 1, Math.min(m, 30), !smallest, 1e-3, false, 20 * Math.min(m, 30), o);
      return smallest ? est.values[0]! : -est.values[0]!;
    };
    const plan = yield* factorBelowSpectrum(fn, csr, maxNnz, maxFlops, o.memoryLimit, explicit ? estimate : undefined);
    if (typeof plan === 'object') {
      const { factor, shift } = plan;
      const scratch = new Float64Array(n);
      const solve = (x: Float64Array, out: Float64Array): void => choleskySolve(factor, x, out, scratch);
      const r = yield* runLanczos(n, solve, k, m, true, o.tol, true, o.maxIter, o);
      return finish(input, k, smallest, r.vectors, r.applies, r.converged, 'shift-invert', smallest ? shift : -shift);
    }
  }
  let apply = input.apply;
  let perm: Int32Array | undefined;
  if (input.csr !== undefined && n >= REORDER_ABOVE) {
    // Reverse Cuthill–McKee keeps the matrix–vector product's gathers in cache.
    perm = reverseCuthillMcKee(n, input.csr.offsets, input.csr.indices);
    apply = csrApply(permuteCsr(input.csr, perm));
    yield;
  }
  const r = yield* runLanczos(n, apply, k, m, !smallest, o.tol, false, o.maxIter, o, perm);
  return finish(input, k, smallest, r.vectors, r.applies, r.converged, 'lanczos', 0);
}

/** `B = A[perm, perm]` (rows and columns renumbered; each row keeps its entry order). */
function permuteCsr(A: CsrMatrix, perm: Int32Array): CsrMatrix {
  const n = A.rows;
  const inverse = new Int32Array(n);
  for (let k = 0; k < n; k++) inverse[perm[k]!] = k;
  const offsets = new Int32Array(n + 1);
  const indices = new Int32Array(A.indices.length);
  const values = new Float64Array(A.values.length);
  let w = 0;
  for (let k = 0; k < n; k++) {
    const r = perm[k]!;
    for (let p = A.offsets[r]!; p < A.offsets[r + 1]!; p++) {
      indices[w] = inverse[A.indices[p]!]!;
      values[w++] = A.values[p]!;
    }
    offsets[k + 1] = w;
  }
  return { rows: n, cols: n, offsets, indices, values };
}

function csrApply(A: CsrMatrix): (x: Float64Array, out: Float64Array) => void {
  const { rows: n, offsets, indices, values } = A;
  return (x, out) => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      const end = offsets[i + 1]!;
      for (let p = offsets[i]!; p < end; p++) s += values[p]! * x[indices[p]!]!;
      out[i] = s;
    }
  };
}

function* runLanczos(
  n: number,
  apply: (x: Float64Array, out: Float64Array) => void,
  k: number,
  m: number,
  largest: boolean,
  tol: number,
  relative: boolean,
  maxApplies: number,
  o: ResolvedEigsh,
  perm?: Int32Array,
): Work<LanczosResult> {
  assertMemory(o.fn, `the Lanczos basis (${m + 1} vectors of ${n})`, 8 * ((m + 1) * n + 2 * m * m + 3 * n), o.memoryLimit, 8 * (m + 1) * n);
  const random = rngState(o.seed);
  const start = new Float64Array(n);
  if (o.startVector !== undefined) start.set(o.startVector);
  else for (let i = 0; i < n; i++) start[i] = 2 * nextDouble(random) - 1;
  if (perm === undefined) return yield* lanczos({ fn: o.fn, n, apply, k, ncv: m, largest, tol, relative, maxApplies, start, random });
  const permuted = new Float64Array(n);
  for (let t = 0; t < n; t++) permuted[t] = start[perm[t]!]!;
  const r = yield* lanczos({ fn: o.fn, n, apply, k, ncv: m, largest, tol, relative, maxApplies, start: permuted, random });
  const vectors = new Float64Array(k * n);
  for (let i = 0; i < k; i++) for (let t = 0; t < n; t++) vectors[i * n + perm[t]!] = r.vectors[i * n + t]!;
  return { ...r, vectors };
}

/**
 * Rayleigh quotients with A for the final vectors (the accurate eigenvalues, also after
 * shift-invert), order, residuals and the sign convention.
 */
function finish(
  input: ParsedSymmetric,
  k: number,
  smallest: boolean,
  vectors: Float64Array,
  iterations: number,
  converged: boolean,
  method: EigshResult['method'],
  shift: number,
): EigshResult {
  const n = input.n;
  const Av = new Float64Array(n);
  const values = new Float64Array(k);
  const residuals = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const v = vectors.subarray(i * n, (i + 1) * n);
    input.apply(v, Av);
    let q = 0;
    for (let t = 0; t < n; t++) q += v[t]! * Av[t]!;
    values[i] = q;
    let r = 0;
    let big = 0;
    for (let t = 0; t < n; t++) {
      const d = Av[t]! - q * v[t]!;
      r += d * d;
      if (Math.abs(d) > big) big = Math.abs(d);
    }
    if (r === Infinity && big < Infinity) {
      // Differences beyond ~1e154 (an operator with huge entries): their squares overflow, so sum
      // them relative to the largest.
      r = 0;
      for (let t = 0; t < n; t++) {
        const d = (Av[t]! - q * v[t]!) / big;
        r += d * d;
      }
      residuals[i] = Math.sqrt(r) * big;
    } else {
      residuals[i] = Math.sqrt(r);
    }
  }
  const result = { values, vectors: { rows: k, cols: n, data: vectors }, residuals, iterations, converged, method, shift };
  sortPairs(result, smallest);
  flipSignsByLargest(result.vectors.data, k, n);
  return result;
}

function* denseWork(fn: string, input: ParsedSymmetric, k: number, smallest: boolean, memoryLimit: number): Work<EigshResult> {
  const n = input.n;
  assertMemory(fn, `the dense ${n} × ${n} matrix`, 16 * n * n, memoryLimit, 8 * n * n);
  const w = new Float64Array(n * n);
  if (input.dense !== undefined) {
    const a = input.dense.data;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w[i * n + j] = 0.5 * (a[i * n + j]! + a[j * n + i]!);
  } else if (input.csr !== undefined) {
    const { offsets, indices, values } = input.csr;
    for (let i = 0; i < n; i++) for (let p = offsets[i]!; p < offsets[i + 1]!; p++) w[i * n + indices[p]!] = values[p]!;
  } else {
    const e = new Float64Array(n);
    const col = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      e.fill(0);
      e[j] = 1;
      input.apply(e, col);
      for (let i = 0; i < n; i++) {
        const v = col[i]!;
        if (v - v !== 0) throw new LatentError('E_NOT_FINITE', `${fn}: A·x must be finite, got ${describe(v)} at index ${i}`);
        w[i * n + j] = v;
      }
      if (j % 64 === 63) yield;
    }
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const s = 0.5 * (w[i * n + j]! + w[j * n + i]!);
        w[i * n + j] = s;
        w[j * n + i] = s;
      }
    }
  }
  yield;
  // The kernel squares entries: a dense form beyond 2^400 (an operator with huge entries) is
  // scaled by a power of two (exact; the vectors do not change, and finish() takes the values
  // from A itself).
  let maxAbs = 0;
  for (let t = 0; t < n * n; t++) if (Math.abs(w[t]!) > maxAbs) maxAbs = Math.abs(w[t]!);
  if (maxAbs > 2 ** 400) {
    const { inv } = powerOfTwoBelow(maxAbs);
    for (let t = 0; t < n * n; t++) w[t] = w[t]! * inv;
  }
  const all = new Float64Array(n);
  symmetricEigenInPlace(w, n, all, !smallest);
  return finish(input, k, smallest, w.slice(0, k * n), 0, true, 'dense', 0);
}

/** Sorts pairs ascending (smallest) or descending by value (stable selection; k is small). */
function sortPairs(r: { values: Float64Array; vectors: Matrix64; residuals: Float64Array }, ascending: boolean): void {
  const { values, residuals } = r;
  const { cols: n, data } = r.vectors;
  const k = values.length;
  for (let i = 0; i < k - 1; i++) {
    let best = i;
    for (let j = i + 1; j < k; j++) if (ascending ? values[j]! < values[best]! : values[j]! > values[best]!) best = j;
    if (best === i) continue;
    [values[i], values[best]] = [values[best]!, values[i]!];
    [residuals[i], residuals[best]] = [residuals[best]!, residuals[i]!];
    for (let t = 0; t < n; t++) {
      const x = data[i * n + t]!;
      data[i * n + t] = data[best * n + t]!;
      data[best * n + t] = x;
    }
  }
}

/** CSR form of a dense symmetric matrix (its non-zero entries), under the memory budget. */
function denseToCsr(fn: string, d: Matrix64, memoryLimit: number): CsrMatrix {
  const n = d.rows;
  const a = d.data;
  let nnz = 0;
  for (let p = 0; p < n * n; p++) if (a[p] !== 0) nnz++;
  assertMemory(fn, `the sparse copy of the ${n} × ${n} matrix`, 12 * nnz + 4 * n, memoryLimit);
  const offsets = new Int32Array(n + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let w = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = 0.5 * (a[i * n + j]! + a[j * n + i]!);
      if (a[i * n + j] !== 0 || a[j * n + i] !== 0) {
        indices[w] = j;
        values[w++] = v;
      }
    }
    offsets[i + 1] = w;
  }
  return { rows: n, cols: n, offsets, indices: indices.slice(0, w), values: values.slice(0, w) };
}
