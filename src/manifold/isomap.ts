/**
 * Isomap (Tenenbaum, de Silva & Langford): classical MDS of the geodesic distances along the
 * k-nearest-neighbour graph, as scikit-learn's `Isomap`.
 */
import { LatentError, describe } from '../core/errors.js';
import { asMatrix64, type Matrix64, type MatrixLike } from '../core/matrix.js';
import { assertMemory, memoryLimitOption } from '../core/memory.js';
import { booleanOption, enumOption, functionOption, integerIn, numberIn, readOptions, seedOption, signalOption, type OptionKeys } from '../core/options.js';
import { DEFAULT_SEED } from '../core/random.js';
import type { CsrMatrix } from '../core/sparse.js';
import { runSync, type Progress, type Work } from '../core/task.js';
import { eigshWork, resolveEigshOptions } from '../decomposition/eigsh.js';
import { flipSignsByLargest } from '../decomposition/sign-flip.js';
import type { ParsedSymmetric } from '../decomposition/symmetric-operator.js';
import { checkMetric, type Metric } from '../distance/metric.js';
import { knnSelfAs } from '../neighbors/exact/knn.js';
import { allPairsDijkstra, floydWarshall } from './geodesic.js';
import { breadthFirstOrder, componentLabels, connectComponents, knnDistanceGraph, permuteGraph } from './isomap-graph.js';

/** Options of {@link isomap}. */
export interface IsomapOptions {
  /**
   * Embedding dimension (scikit-learn's `n_components`), in [1, n].
   * @defaultValue 2
   */
  dims?: number;
  /**
   * Neighbours per point in the graph, in [1, n − 1].
   * @defaultValue 5
   */
  nNeighbors?: number;
  /**
   * Distance between rows, for the neighbours, the graph's edge weights and the edges that join
   * components (see `pdist`). A custom function makes the model unserialisable.
   * @defaultValue 'euclidean'
   */
  metric?: Metric;
  /**
   * All-pairs shortest paths: `'dijkstra'` (a binary-heap Dijkstra from every point,
   * O(n·(n + m) log n) for m edges), `'floyd-warshall'` (O(n³), for small dense graphs), or
   * `'auto'` (Dijkstra: kNN graphs are sparse). scikit-learn's `path_method` (`'D'`, `'FW'`).
   * @defaultValue 'auto'
   */
  pathMethod?: 'auto' | 'dijkstra' | 'floyd-warshall';
  /**
   * What to do when the kNN graph has several connected components (geodesic distances between
   * them are infinite). `true`: as scikit-learn, join every two components by an edge between
   * their closest pair of points (the model's `components` records how many there were — such an
   * embedding places the pieces by one long edge each; raising `nNeighbors` is usually better).
   * `false`: throw `E_RANGE` naming the fix.
   * @defaultValue true
   */
  connectComponents?: boolean;
  /**
   * Precomputed neighbours `{ indices, distances }` (n × nNeighbors row-major, self excluded, no
   * repeats in a row, distances in the metric's units), e.g. from an approximate kNN graph. By
   * default the exact neighbours are computed.
   * @defaultValue undefined
   */
  knn?: { indices: Int32Array; distances: Float64Array };
  /**
   * Seed of the eigensolver's start vector.
   * @defaultValue 42
   */
  seed?: number;
  /**
   * Tolerance of the Lanczos eigensolver (see `eigsh`'s `tol`).
   * @defaultValue 1e-10
   */
  tol?: number;
  /**
   * Budget in bytes for the n × n geodesic-distance matrix (8n² bytes: 32 MB at n = 2 000, 800 MB
   * at n = 10 000) and the graph.
   * @defaultValue 4 GiB
   */
  memoryLimit?: number;
  /**
   * Stops the fit at the next checkpoint (every few milliseconds) with `E_ABORTED`.
   * @defaultValue undefined
   */
  signal?: AbortSignal;
  /**
   * Progress: stages `'neighbors'`, `'graph'` (joining components), `'paths'` (sources done of
   * n: the long part), `'kernel'`, then the eigensolver's `'lanczos'`.
   * @defaultValue undefined
   */
  onProgress?: (progress: Progress) => void;
}

const KEYS: OptionKeys<IsomapOptions> = {
  dims: true,
  nNeighbors: true,
  metric: true,
  pathMethod: true,
  connectComponents: true,
  knn: true,
  seed: true,
  tol: true,
  memoryLimit: true,
  signal: true,
  onProgress: true,
};

/**
 * A fitted Isomap: the embedding and what {@link isomapTransform} needs — the training rows, the
 * neighbour graph (not the n × n geodesic matrix: the transform re-runs Dijkstra from each new
 * point, see there) and the kernel's training statistics. Plain data: survives `structuredClone`
 * and `serialize` (unless `metric` is a custom function). Memory: the copy of the rows (8n·d
 * bytes) plus the graph (about 16n·k bytes).
 */
export interface IsomapModel {
  /** Model tag. */
  kind: 'isomap';
  /** Layout version. */
  version: 1;
  /**
   * n × dims embedding: column c is √λ_c · v_c for the c-th largest eigenpair of the centred
   * kernel K = −½ J D² J (D the geodesic distances), v_c with its largest-magnitude entry
   * positive (scikit-learn's `svd_flip`).
   */
  embedding: Matrix64;
  /** λ_1 ≥ … ≥ λ_dims (scikit-learn's `kernel_pca_.eigenvalues_`: negative or below 10⁻¹² λ_1 set to 0). */
  eigenvalues: Float64Array;
  /** √(‖K‖²_F − Σ λ²) / n (scikit-learn's `reconstruction_error()`). */
  reconstructionError: number;
  /** The training rows (a Float64 copy): new points find their neighbours among them. */
  data: Matrix64;
  /** Neighbours per point. */
  nNeighbors: number;
  /** The metric of the neighbours and edge weights. */
  metric: Metric;
  /** The undirected neighbour graph (both directions stored; weights = distances), connected. */
  graph: CsrMatrix;
  /** Connected components of the kNN graph before they were joined (1 for a connected graph). */
  components: number;
  /** Column means of the uncentred training kernel −½D² (scikit-learn's `KernelCenterer.K_fit_rows_`). */
  kernelColumnMeans: Float64Array;
  /** Mean of all its entries (`K_fit_all_`). */
  kernelMean: number;
}

/**
 * Isomap embedding of the rows of X, as scikit-learn's `Isomap` with `eigen_solver='dense'`:
 * the graph joining each point to its nNeighbors nearest neighbours (edges weighted by distance,
 * undirected), the geodesic distances D along it (all-pairs shortest paths, Dijkstra with a
 * binary heap from every point), the double-centred kernel K = −½ J D² J (J = I − 11ᵀ/n), and
 * the embedding √λ_c v_c from K's dims largest eigenpairs (thick-restart Lanczos on K applied
 * from its upper triangle; the same pairs as a dense solver to ~1e-9 where the eigenvalues are
 * separated).
 *
 * Sign convention: each eigenvector's largest-magnitude entry is positive, as scikit-learn's
 * (`svd_flip` inside `KernelPCA`), so the embedding equals scikit-learn's with signs included
 * unless two entries of an eigenvector tie in magnitude to 8 digits. A kNN graph with several
 * components is joined as scikit-learn does (see {@link IsomapOptions.connectComponents}).
 *
 * Complexity: exact kNN (vantage-point tree for d ≤ 20, else brute force O(n²d)), shortest paths
 * O(n·(n + m) log n) with m ≈ 1.5·n·k stored edges (only the upper triangle is needed: with the
 * points numbered breadth-first along the graph, each search stops once the points numbered
 * above its source are settled, 15–30 % less work), centring O(n²), Lanczos O(n²) per step.
 * Memory: 8n² bytes for the distances, turned into K in place (checked against `memoryLimit`),
 * plus the model (8n·d + 16·n·k). 2 000 swiss-roll points: under 1 s of CPU on a shared
 * machine, where scikit-learn's dense solver takes 1.8 s.
 *
 * @param X - n × d data (n ≥ 2), finite; Float32 is widened to a Float64 copy
 * @param options - {@link IsomapOptions}
 * @returns the {@link IsomapModel}
 * @throws LatentError `E_SHAPE` / `E_TYPE` / `E_NOT_FINITE` (bad X or knn), `E_RANGE` (dims, nNeighbors, knn entries, a disconnected graph with `connectComponents: false`, a geodesic distance above 2^200 whose kernel terms would overflow), `E_OPTION`, `E_MEMORY`, `E_ABORTED`, `E_CONVERGENCE` (eigensolver)
 * @example
 * ```ts
 * const { data } = swissRoll({ n: 1000, seed: 0 });
 * const model = isomap(data, { nNeighbors: 10 });
 * model.embedding.rows; // 1000
 * model.eigenvalues;    // Float64Array [718602.298577599, 39191.74142807615]
 * // n × the variances along the unrolled sheet: its length (≈ 88) and width (21)
 * ```
 * @see J. B. Tenenbaum, V. de Silva & J. C. Langford, "A global geometric framework for nonlinear dimensionality reduction", Science 290 (2000)
 * @see sklearn.manifold.Isomap
 */
export function isomap(X: MatrixLike, options?: IsomapOptions): IsomapModel {
  const r = resolveIsomap('isomap', X, options);
  return runSync(isomapWork(r), { fn: 'isomap', signal: r.signal, onProgress: r.onProgress });
}

interface ResolvedIsomap {
  fn: string;
  X: Matrix64;
  dims: number;
  k: number;
  metric: Metric;
  pathMethod: 'dijkstra' | 'floyd-warshall';
  connect: boolean;
  knn: { indices: Int32Array; distances: Float64Array } | undefined;
  seed: number;
  tol: number;
  memoryLimit: number;
  signal: AbortSignal | undefined;
  onProgress: ((progress: Progress) => void) | undefined;
}

function resolveIsomap(fn: string, input: MatrixLike, options: IsomapOptions | undefined): ResolvedIsomap {
  const o = readOptions(fn, options, KEYS);
  const X = asMatrix64(input, fn, 'X');
  const n = X.rows;
  if (n < 2) throw new LatentError('E_SHAPE', `${fn}: X must have at least 2 rows, got ${n}`);
  if (X.cols < 1) throw new LatentError('E_SHAPE', `${fn}: X must have at least 1 column, got ${X.cols}`);
  const dims = integerIn(fn, 'dims', o.dims ?? 2, { min: 1, max: n });
  const k = integerIn(fn, 'nNeighbors', o.nNeighbors ?? 5, { min: 1, max: n - 1 });
  const metric = checkMetric(fn, o.metric);
  const path = enumOption(fn, 'pathMethod', o.pathMethod, ['auto', 'dijkstra', 'floyd-warshall'] as const, 'auto');
  let knn: ResolvedIsomap['knn'];
  if (o.knn !== undefined) knn = checkKnn(fn, o.knn, n, k);
  return {
    fn,
    X,
    dims,
    k,
    metric,
    pathMethod: path === 'floyd-warshall' ? 'floyd-warshall' : 'dijkstra',
    connect: booleanOption(fn, 'connectComponents', o.connectComponents, true),
    knn,
    seed: seedOption(fn, o.seed, DEFAULT_SEED),
    tol: numberIn(fn, 'tol', o.tol ?? 1e-10, { min: 0, max: 1, open: 'max' }),
    memoryLimit: memoryLimitOption(fn, o.memoryLimit),
    signal: signalOption(fn, o.signal),
    onProgress: functionOption(fn, 'onProgress', o.onProgress),
  };
}

function checkKnn(fn: string, value: unknown, n: number, k: number): { indices: Int32Array; distances: Float64Array } {
  const g = value as { indices?: unknown; distances?: unknown } | null;
  if (typeof g !== 'object' || g === null || !(g.indices instanceof Int32Array) || !(g.distances instanceof Float64Array)) {
    throw new LatentError('E_TYPE', `${fn}: knn must be { indices: Int32Array, distances: Float64Array } (n × nNeighbors), got ${describe(value)}`);
  }
  const { indices, distances } = g as { indices: Int32Array; distances: Float64Array };
  if (indices.length !== n * k || distances.length !== n * k) {
    throw new LatentError('E_SHAPE', `${fn}: knn.indices and knn.distances must hold n × nNeighbors = ${n * k} entries, got ${indices.length} and ${distances.length}`);
  }
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = indices[i * k + t]!;
      if (!(j >= 0 && j < n) || j === i) throw new LatentError('E_RANGE', `${fn}: knn.indices must be other rows' indices in [0, ${n}), got ${j} for row ${i}`);
      for (let u = 0; u < t; u++) if (indices[i * k + u] === j) throw new LatentError('E_RANGE', `${fn}: knn.indices must not repeat a neighbour within a row, got ${j} twice in row ${i}`);
      const v = distances[i * k + t]!;
      if (v - v !== 0) throw new LatentError('E_NOT_FINITE', `${fn}: knn.distances must be finite, got ${describe(v)} for row ${i}`);
      if (v < 0) throw new LatentError('E_RANGE', `${fn}: knn.distances must be >= 0, got ${v} for row ${i}`);
    }
  }
  return { indices, distances };
}

function* isomapWork(r: ResolvedIsomap): Work<IsomapModel> {
  const { fn, X, dims, k } = r;
  const { rows: n, cols: d } = X;
  assertMemory(fn, `the ${n} × ${n} geodesic distance matrix`, 8 * n * n + 8 * n * d + 48 * n * k, r.memoryLimit, 8 * n * n);
  yield { stage: 'neighbors', completed: 0, total: n };
  // Seam: an approximate kNN graph (knnGraph, NN-descent) can replace the exact search for large n.
  const nn = r.knn ?? knnSelfAs(fn, 'X', X, k, { metric: r.metric });
  yield { stage: 'neighbors', completed: n, total: n };
  let graph = knnDistanceGraph(nn.indices, nn.distances, n, k);
  const parts = componentLabels(graph);
  if (parts.count > 1) {
    if (!r.connect) {
      throw new LatentError('E_RANGE', `${fn}: the ${k}-nearest-neighbour graph must be connected, got ${parts.count} components; raise nNeighbors (or set connectComponents: true to join them as scikit-learn does)`);
    }
    yield { stage: 'graph', completed: 0, total: 1 };
    graph = yield* connectComponents(fn, graph, parts, X, r.metric, r.memoryLimit);
    yield { stage: 'graph', completed: 1, total: 1 };
  }

  // The kernel is computed with the vertices numbered along the graph (breadth-first), which lets
  // each Dijkstra stop once the vertices numbered above its source are settled (only the upper
  // triangle is used); results are mapped back to the input order at the end.
  const order = breadthFirstOrder(graph);
  const K = new Float64Array(n * n);
  if (r.pathMethod === 'dijkstra') yield* allPairsDijkstra(permuteGraph(graph, order), K, true);
  else yield* floydWarshall(permuteGraph(graph, order), K);
  yield { stage: 'kernel', completed: 0, total: 1 };
  const centred = centredKernel(fn, K, n);
  yield { stage: 'kernel', completed: 1, total: 1 };
  const means = new Float64Array(n);
  for (let p = 0; p < n; p++) means[order[p]!] = centred.means[p]!;

  const input: ParsedSymmetric = { n, kind: 'operator', apply: (x, out) => upperSymmetricMatVec(K, n, x, out) };
  const o = resolveEigshOptions(fn, n, dims, { which: 'largest', tol: r.tol, seed: r.seed, memoryLimit: r.memoryLimit });
  const e = yield* eigshWork(fn, input, dims, o);
  if (!e.converged) throw new LatentError('E_CONVERGENCE', `${fn}: the eigensolver did not converge within ${o.maxIter} iterations; raise tol`);
  const eigenvalues = psdEigenvalues(e.values);
  // Back to the input order; the sign convention then refers to that order (as scikit-learn's).
  const V = new Float64Array(dims * n);
  for (let c = 0; c < dims; c++) for (let p = 0; p < n; p++) V[c * n + order[p]!] = e.vectors.data[c * n + p]!;
  flipSignsByLargest(V, dims, n);
  const embedding = new Float64Array(n * dims);
  let sum2 = 0;
  for (let c = 0; c < dims; c++) {
    const l = eigenvalues[c]!;
    sum2 += l * l;
    const s = Math.sqrt(l);
    for (let i = 0; i < n; i++) embedding[i * dims + c] = s * V[c * n + i]!;
  }
  return {
    kind: 'isomap',
    version: 1,
    embedding: { rows: n, cols: dims, data: embedding },
    eigenvalues,
    reconstructionError: Math.sqrt(Math.max(centred.frobenius2 - sum2, 0)) / n,
    data: { rows: n, cols: d, data: X.data.slice() },
    nNeighbors: k,
    metric: r.metric,
    graph,
    components: parts.count,
    kernelColumnMeans: means,
    kernelMean: centred.mean,
  };
}

/**
 * In place, on the upper triangle: the geodesic distances D (row s from source s; the two
 * computations of each pair differ only by rounding, and the one from the smaller index is used)
 * become the centred kernel Kc = G − (m_i + m_j) + ḡ with G = −½ D², m the column means of the
 * symmetric G and ḡ their mean. The strict lower triangle is left as it was (unused afterwards).
 * Row-wise sweeps only (no transposed access). Returns m, ḡ and ‖Kc‖²_F.
 *
 * ‖Kc‖²_F sums n² fourth powers of distances: a geodesic distance above 2^200 (finite data
 * spread over ~1e60 or more, legal for the metrics that do not square) would overflow it or the
 * eigensolver's norms into Infinity/NaN, so it is refused with E_RANGE before anything is changed.
 */
/** Largest geodesic distance the kernel accepts, 2^200 (see {@link centredKernel}). */
const GEODESIC_SAFE_MAX = 2 ** 200;

function centredKernel(fn: string, D: Float64Array, n: number): { means: Float64Array; mean: number; frobenius2: number } {
  for (let i = 0; i < n; i++) {
    const o = i * n;
    for (let j = i + 1; j < n; j++) {
      if (D[o + j]! > GEODESIC_SAFE_MAX) {
        throw new LatentError('E_RANGE', `${fn}: geodesic distances must be at most 2^200 (about 1.6e60) so that the kernel's fourth powers stay finite, got ${describe(D[o + j])}; rescale the data`);
      }
    }
  }
  const sums = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * n;
    let s = 0;
    for (let j = i + 1; j < n; j++) {
      const v = D[o + j]!;
      const g = -0.5 * v * v;
      D[o + j] = g;
      s += g;
      sums[j] = sums[j]! + g;
    }
    sums[i] = sums[i]! + s;
  }
  const means = new Float64Array(n);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    means[i] = sums[i]! / n;
    mean += means[i]!;
  }
  mean /= n;
  let diagonal = 0;
  let upper = 0;
  for (let i = 0; i < n; i++) {
    const mi = means[i]!;
    const o = i * n;
    const kii = mean - 2 * mi;
    D[o + i] = kii;
    diagonal += kii * kii;
    for (let j = i + 1; j < n; j++) {
      const v = D[o + j]! - (mi + means[j]!) + mean;
      D[o + j] = v;
      upper += v * v;
    }
  }
  return { means, mean, frobenius2: diagonal + 2 * upper };
}

/**
 * out ← A·x for the symmetric matrix whose upper triangle (diagonal included) is that of the
 * row-major A (the strict lower triangle is never read): half the memory traffic of a full
 * product, which is what bounds a matrix–vector product of this size. O(n²), no allocation.
 *
 * @param A - n × n row-major; only the upper triangle is used
 * @param n - order
 * @param x - length n
 * @param out - length n, overwritten (must not alias x)
 * @example
 * ```ts
 * const out = new Float64Array(2);
 * upperSymmetricMatVec(new Float64Array([2, 1, 99, 3]), 2, new Float64Array([1, 1]), out); // out = [3, 4]
 * ```
 */
export function upperSymmetricMatVec(A: Float64Array, n: number, x: Float64Array, out: Float64Array): void {
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const o = i * n;
    const xi = x[i]!;
    let s = A[o + i]! * xi;
    for (let j = i + 1; j < n; j++) {
      const a = A[o + j]!;
      s += a * x[j]!;
      out[j] = out[j]! + a * xi;
    }
    out[i] = out[i]! + s;
  }
}

/**
 * scikit-learn's `_check_psd_eigenvalues` as KernelPCA applies it: negative eigenvalues (a
 * geodesic kernel need not be positive semi-definite) and positive ones below 10⁻¹² of the
 * largest become 0, so their embedding columns are 0.
 */
function psdEigenvalues(values: Float64Array): Float64Array {
  const out = values.slice();
  let max = 0;
  for (let c = 0; c < out.length; c++) max = Math.max(max, out[c]!);
  for (let c = 0; c < out.length; c++) if (!(out[c]! >= 1e-12 * max) || out[c]! <= 0) out[c] = 0;
  return out;
}
