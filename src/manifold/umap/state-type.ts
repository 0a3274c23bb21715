/**
 * The plain-data type of a stepwise UMAP run (its own file: `prepare.ts` builds it and
 * `state.ts` drives it, without an import cycle between them).
 */
import type { Matrix } from '../../core/matrix.js';
import type { CsrMatrix } from '../../core/sparse.js';
import type { MetricName } from '../../distance/metric.js';

/**
 * The optimiser's complete state: typed arrays and numbers only, so it survives
 * `structuredClone` / `postMessage` / `serialize`. {@link umapStep} updates it in place.
 * Fields other than `embedding` and `epoch` are working memory: read them, don't write them.
 */
export interface UmapState {
  /** Tag. */
  kind: 'umap-state';
  /** Layout version. */
  version: 1;
  /** Number of points. */
  n: number;
  /** Embedding dimension. */
  dims: number;
  /** Epochs completed. */
  epoch: number;
  /** Epochs planned. */
  nEpochs: number;
  /** Current positions, n × dims row-major (live: copy it with {@link umapEmbedding}). */
  embedding: Float64Array;
  /** Head of each sampled edge. */
  from: Int32Array;
  /** Tail of each sampled edge. */
  to: Int32Array;
  /** Epochs between samples of each edge. */
  epochsPerSample: Float64Array;
  /** Next epoch each edge is sampled at. */
  epochOfNextSample: Float64Array;
  /** Next epoch each edge draws negative samples at. */
  epochOfNextNegativeSample: Float64Array;
  /** Tausworthe state of the negative sampling (3 × uint32). */
  rng: Uint32Array;
  /** Curve parameter a. */
  a: number;
  /** Curve parameter b. */
  b: number;
  /** Initial learning rate α (epoch e runs at α·(1 − (e − 1)/nEpochs), epoch 0 at α). */
  learningRate: number;
  /** Negative samples per positive sample. */
  negativeSampleRate: number;
  /** Repulsion strength γ. */
  repulsionStrength: number;
  /** For the model: neighbourhood size. */
  nNeighbors: number;
  /** For the model: `minDist`. */
  minDist: number;
  /** For the model: `spread`. */
  spread: number;
  /** For the model: metric name or `'custom'`. */
  metric: MetricName | 'custom';
  /** For the model: whether `nEpochs` was automatic. */
  nEpochsAuto: boolean;
  /** For the model: local connectivity. */
  localConnectivity: number;
  /** For the model: seed. */
  seed: number;
  /** For the model: the fuzzy graph. */
  graph: CsrMatrix;
  /** For the model: the training-data copy (or null). */
  data: Matrix | null;
}
