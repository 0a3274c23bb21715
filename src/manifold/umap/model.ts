/**
 * The fitted UMAP model: plain data (typed arrays and numbers) that survives `structuredClone`,
 * `postMessage` and `serialize`/`deserialize`, and what {@link umapTransform} needs.
 */
import { LatentError, describe } from '../../core/errors.js';
import { isFloatArray, type Matrix, type Matrix64 } from '../../core/matrix.js';
import { checkCsr, type CsrMatrix } from '../../core/sparse.js';
import { assertModel } from '../../core/validate.js';
import { METRIC_NAMES, type MetricName } from '../../distance/metric.js';

/**
 * Result of {@link umap} / {@link umapResult}.
 *
 * Memory: the embedding (n × dims doubles), the fuzzy graph (about 12 bytes per stored edge;
 * n · nNeighbors to 2 · n · nNeighbors edges) and, unless `keepData: false`, a copy of the
 * training data in its storage type (n × d × 4 bytes for Float32 input), which transform
 * searches for neighbours.
 */
export interface UmapModel {
  /** Model tag. */
  kind: 'umap';
  /** Layout version. */
  version: 1;
  /** The n × dims embedding. */
  embedding: Matrix64;
  /** Curve parameter a of `1 / (1 + a·d^(2b))`. */
  a: number;
  /** Curve parameter b. */
  b: number;
  /** Neighbourhood size used (the point included). */
  nNeighbors: number;
  /** `minDist` used. */
  minDist: number;
  /** `spread` used. */
  spread: number;
  /** The metric's name, or `'custom'` for a function (pass it again to {@link umapTransform}). */
  metric: MetricName | 'custom';
  /** Epochs planned. */
  nEpochs: number;
  /** Whether `nEpochs` was automatic (transform then runs umap-learn's 100 / 30 epochs). */
  nEpochsAuto: boolean;
  /** Epochs run (less than `nEpochs` for a stopped stepwise run). */
  epochs: number;
  /** Initial learning rate. */
  learningRate: number;
  /** Negative samples per positive sample. */
  negativeSampleRate: number;
  /** Repulsion strength γ. */
  repulsionStrength: number;
  /** Local connectivity. */
  localConnectivity: number;
  /** Seed of the fit (transform's default seed). */
  seed: number;
  /**
   * The symmetric fuzzy graph (n × n, CSR; umap-learn's `graph_`), before the weak edges are
   * dropped for the optimisation: the input for graph clustering of the same neighbourhoods.
   */
  graph: CsrMatrix;
  /** Copy of the training data (n × d, Float32 or Float64 as given), or null with `keepData: false`. */
  data: Matrix | null;
}

/**
 * Checks a model's structure cheaply (O(n + nnz)): tag and version, sizes, parameter ranges,
 * the graph's index ranges. A tampered model is `E_MODEL`, never an out-of-bounds read.
 *
 * @param fn - public function name
 * @param model - the received value
 * @returns the model, typed
 * @throws LatentError `E_MODEL`
 * @example
 * ```ts
 * assertUmapModel('umapTransform', model);
 * ```
 */
export function assertUmapModel(fn: string, model: unknown): UmapModel {
  assertModel(fn, model, 'umap');
  const m = model as Partial<UmapModel>;
  const bad = (what: string, got: unknown): LatentError => new LatentError('E_MODEL', `${fn}: model ${what}, got ${describe(got)} (a corrupt 'umap' model)`);
  const E = m.embedding;
  if (typeof E !== 'object' || E === null || !(E.data instanceof Float64Array) || !Number.isSafeInteger(E.rows) || !Number.isSafeInteger(E.cols) || E.rows < 1 || E.cols < 1 || E.data.length !== E.rows * E.cols) {
    throw bad('embedding must be an n × dims Matrix of Float64 with n, dims ≥ 1', E);
  }
  for (let t = 0; t < E.data.length; t++) if (!(Math.abs(E.data[t]!) <= 1e100)) throw bad('embedding values must be finite and within ±1e100', E.data[t]);
  const n = E.rows;
  for (const key of ['a', 'b', 'learningRate'] as const) {
    const v = m[key];
    if (typeof v !== 'number' || !(v > 0) || v === Infinity) throw bad(`${key} must be a finite number > 0`, v);
  }
  for (const key of ['negativeSampleRate', 'repulsionStrength', 'localConnectivity'] as const) {
    const v = m[key];
    if (typeof v !== 'number' || !(v >= 0) || v === Infinity) throw bad(`${key} must be a finite number ≥ 0`, v);
  }
  // umap's own bound: a larger rate would draw that many negative samples per edge sample.
  if (m.negativeSampleRate! > 1e6) throw bad('negativeSampleRate must be at most 1e6', m.negativeSampleRate);
  if (typeof m.nNeighbors !== 'number' || !Number.isInteger(m.nNeighbors) || m.nNeighbors < 2) throw bad('nNeighbors must be an integer ≥ 2', m.nNeighbors);
  if (typeof m.nEpochs !== 'number' || !Number.isInteger(m.nEpochs) || m.nEpochs < 0 || m.nEpochs > 1e7) throw bad('nEpochs must be an integer in [0, 1e7]', m.nEpochs);
  if (typeof m.nEpochsAuto !== 'boolean') throw bad('nEpochsAuto must be a boolean', m.nEpochsAuto);
  if (typeof m.seed !== 'number' || !Number.isInteger(m.seed) || m.seed < 0 || m.seed > 0xffffffff) throw bad('seed must be an integer in [0, 2³²)', m.seed);
  if (m.metric !== 'custom' && !(METRIC_NAMES as readonly unknown[]).includes(m.metric)) throw bad(`metric must be one of ${METRIC_NAMES.join(', ')} or 'custom'`, m.metric);
  const D = m.data;
  if (D !== null) {
    if (typeof D !== 'object' || D === undefined || !isFloatArray(D.data) || D.rows !== n || !Number.isSafeInteger(D.cols) || D.cols < 1 || D.data.length !== n * D.cols) {
      throw bad(`data must be null or an ${n} × d Matrix`, D);
    }
  }
  try {
    const G = checkCsr(fn, 'graph', m.graph);
    if (G.rows !== n || G.cols !== n) throw bad(`graph must be ${n} × ${n}`, `${G.rows} × ${G.cols}`);
  } catch (e) {
    if (e instanceof LatentError && e.code !== 'E_MODEL') throw bad(`graph is invalid (${e.message})`, m.graph);
    throw e;
  }
  return m as UmapModel;
}
