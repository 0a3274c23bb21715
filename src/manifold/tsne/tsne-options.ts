/**
 * Options of {@link tsne} / {@link tsneStart}, their defaults and their validation.
 */
import { LatentError, describe } from '../../core/errors.js';
import { asMatrix64, isMatrix, type Matrix, type Matrix64, type MatrixLike } from '../../core/matrix.js';
import { DEFAULT_SEED } from '../../core/random.js';
import { assertInteger, assertNumber, assertSquareSafe } from '../../core/validate.js';
import { checkMetric, type Metric } from '../../distance/metric.js';
import { readOptions, signalOption, type OptionKeys } from '../../core/options.js';
import { memoryLimitOption } from '../../core/memory.js';

/** What {@link TsneOptions.onProgress} receives. */
export interface TsneProgress {
  /** Iterations completed so far. */
  iteration: number;
  /** Iterations planned (`options.iterations`). */
  total: number;
  /**
   * KL(P‖Q) of the embedding at the start of the last iteration, against the
   * unexaggerated P (the Barnes–Hut estimate when `theta > 0`). Present every 50 iterations
   * and at the end.
   */
  kl?: number;
}

/** Options of {@link tsne} and {@link tsneStart}. */
export interface TsneOptions {
  /**
   * Dimension of the embedding. Barnes–Hut (`theta > 0`) supports 2 and 3; the exact method
   * (`theta: 0`) any dimension ≥ 1.
   * @defaultValue 2
   */
  dims?: number;
  /**
   * Perplexity: the effective number of neighbours each point's Gaussian covers. In (0, n);
   * typical values 5–50. Barnes–Hut uses the ⌊3·perplexity + 1⌋ nearest neighbours.
   * @defaultValue 30
   */
  perplexity?: number;
  /**
   * Factor multiplying P during the first `exaggerationIterations` iterations (≥ 1).
   * @defaultValue 12
   */
  earlyExaggeration?: number;
  /**
   * Number of early-exaggeration iterations (momentum 0.5); the rest run with momentum 0.8.
   * @defaultValue 250
   */
  exaggerationIterations?: number;
  /**
   * Gradient-descent step, in scikit-learn's units (the gradient includes its factor 4, so
   * 200 here is 800 in bhtsne / openTSNE units). `'auto'` is
   * `max(n / earlyExaggeration / 4, 50)` (Belkina et al. 2019, scikit-learn ≥ 1.2).
   * @defaultValue 'auto'
   */
  learningRate?: number | 'auto';
  /**
   * Number of gradient-descent iterations (the run can end earlier, as scikit-learn, when the
   * gradient norm falls below 1e-7 or the KL has not improved for 300 iterations after the
   * exaggeration phase).
   * @defaultValue 1000
   */
  iterations?: number;
  /**
   * Barnes–Hut opening angle θ in [0, 1]: a cell is summarised when its width is below θ
   * times its distance. `0` selects the exact O(n²) method with P over all pairs.
   * @defaultValue 0.5
   */
  theta?: number;
  /**
   * Initial embedding: `'pca'` (first principal components scaled so the first has standard
   * deviation 1e-4, as scikit-learn ≥ 1.2), `'random'` (Gaussian with standard deviation
   * 1e-4), or an n × dims matrix used as is. `'pca'` falls back to `'random'` when the data
   * has fewer columns than `dims` or no variance.
   * @defaultValue 'pca'
   */
  init?: 'pca' | 'random' | MatrixLike;
  /**
   * Input-space metric. Its distances are squared before the perplexity search, as
   * scikit-learn (≥ 1.1) does for every metric; `'euclidean'` thus uses squared euclidean
   * distances.
   * @defaultValue 'euclidean'
   */
  metric?: Metric;
  /**
   * Seed of the random initialisation (and of PCA when it is randomised).
   * @defaultValue DEFAULT_SEED (42)
   */
  seed?: number;
  /**
   * Called every 50 iterations and after the last one (with the KL when it was computed).
   * Throwing from it stops the run; so does aborting `signal` inside it.
   * @defaultValue undefined
   */
  onProgress?: (progress: TsneProgress) => void;
  /**
   * Checked before every iteration: once aborted, {@link tsne} throws a `LatentError` with
   * code `E_ABORTED` (no partial result; use {@link tsneStart}/{@link tsneStep} to keep one).
   * @defaultValue undefined
   */
  signal?: AbortSignal;
  /**
   * Budget in bytes for the exact method's two n × n matrices (16·n² bytes): larger runs fail
   * with `E_MEMORY` before allocating. Barnes–Hut needs O(n·perplexity) memory.
   * @defaultValue 4 GiB
   */
  memoryLimit?: number;
}

const TSNE_KEYS: OptionKeys<TsneOptions> = { dims: true, perplexity: true, earlyExaggeration: true, exaggerationIterations: true, learningRate: true, iterations: true, theta: true, init: true, metric: true, seed: true, onProgress: true, signal: true, memoryLimit: true };

/** Options after defaults and validation. */
export interface ResolvedTsneOptions {
  X: Matrix64;
  /** The training rows to keep in the result: X itself when it is a Matrix (Float32 stays Float32), else `X` above. */
  source: Matrix;
  n: number;
  dims: number;
  perplexity: number;
  earlyExaggeration: number;
  exaggerationIterations: number;
  learningRate: number;
  iterations: number;
  theta: number;
  init: 'pca' | 'random' | Matrix64;
  metric: Metric;
  seed: number;
  onProgress: ((progress: TsneProgress) => void) | undefined;
  signal: AbortSignal | undefined;
  memoryLimit: number;
  /** Public function name for messages. */
  fn: string;
}

/**
 * Fills defaults and validates every option once.
 *
 * @param fn - public function name for messages
 * @param X - the data
 * @param options - the user's options
 * @returns resolved options
 * @throws LatentError `E_TYPE`, `E_SHAPE`, `E_NOT_FINITE`, `E_RANGE`, `E_OPTION`
 * @example
 * ```ts
 * resolveTsneOptions('tsne', X, { perplexity: 5 }).learningRate; // max(n / 48, 50)
 * ```
 */
export function resolveTsneOptions(fn: string, X: MatrixLike, options: TsneOptions | undefined): ResolvedTsneOptions {
  const o = readOptions(fn, options, TSNE_KEYS);
  const m = asMatrix64(X, fn, 'X');
  assertSquareSafe(fn, 'X', m.data, m.cols);
  const n = m.rows;
  if (n < 4) throw new LatentError('E_SHAPE', `${fn}: X must have at least 4 rows, got ${n}`);
  if (m.cols < 1) throw new LatentError('E_SHAPE', `${fn}: X must have at least 1 column, got ${m.cols}`);
  const theta = assertNumber(fn, 'theta', o.theta ?? 0.5, 0, 1);
  const dims = o.dims ?? 2;
  if (theta > 0) {
    if (dims !== 2 && dims !== 3) {
      throw new LatentError(
        typeof dims === 'number' ? 'E_RANGE' : 'E_TYPE',
        `${fn}: dims must be 2 or 3 for Barnes–Hut (theta > 0; use theta: 0 for other dimensions), got ${describe(dims)}`,
      );
    }
  } else {
    assertInteger(fn, 'dims', dims, 1, n);
  }
  const perplexity = assertNumber(fn, 'perplexity', o.perplexity ?? 30, 0, n, true, true);
  const earlyExaggeration = assertNumber(fn, 'earlyExaggeration', o.earlyExaggeration ?? 12, 1);
  const exaggerationIterations = assertInteger(fn, 'exaggerationIterations', o.exaggerationIterations ?? 250, 0);
  const iterations = assertInteger(fn, 'iterations', o.iterations ?? 1000, 1);
  const lr = o.learningRate ?? 'auto';
  let learningRate: number;
  if (lr === 'auto') learningRate = Math.max(n / earlyExaggeration / 4, 50);
  else if (typeof lr === 'number') learningRate = assertNumber(fn, 'learningRate', lr, 0, Infinity, true);
  else throw new LatentError('E_TYPE', `${fn}: learningRate must be a number > 0 or 'auto', got ${describe(lr)}`);
  const metric = checkMetric(fn, o.metric);
  const seed = assertInteger(fn, 'seed', o.seed ?? DEFAULT_SEED, 0);
  const rawInit = o.init ?? 'pca';
  let init: 'pca' | 'random' | Matrix64;
  if (rawInit === 'pca' || rawInit === 'random') {
    init = rawInit;
  } else if (typeof rawInit === 'string') {
    throw new LatentError('E_OPTION', `${fn}: init must be 'pca', 'random' or an n × dims matrix, got ${describe(rawInit)}`);
  } else {
    init = asMatrix64(rawInit, fn, 'init');
    if (init.rows !== n || init.cols !== dims) {
      throw new LatentError('E_SHAPE', `${fn}: init must be a ${n} × ${dims} matrix, got ${init.rows} × ${init.cols}`);
    }
  }
  const onProgress = o.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new LatentError('E_TYPE', `${fn}: onProgress must be a function, got ${describe(onProgress)}`);
  }
  const signal = signalOption(fn, o.signal);
  const memoryLimit = memoryLimitOption(fn, o.memoryLimit);
  return {
    X: m,
    source: isMatrix(X) ? X : m,
    n,
    dims,
    perplexity,
    earlyExaggeration,
    exaggerationIterations,
    learningRate,
    iterations,
    theta,
    init,
    metric,
    seed,
    onProgress,
    signal,
    memoryLimit,
    fn,
  };
}
