/**
 * Every fuzz spec, and every export that has none with the reason. The coverage test fails when
 * an export of `src/index.ts` or `src/internals.ts` is in neither list.
 */
import type { Spec } from '../harness/types.js';
import { CORE_SPECS } from './core.js';
import { DISTANCE_SPECS } from './distance.js';
import { PREPROCESS_SPECS } from './preprocess.js';
import { CLUSTER_SPECS } from './cluster.js';
import { DECOMPOSITION_SPECS } from './decomposition.js';
import { MANIFOLD_SPECS } from './manifold.js';
import { NN_SPECS } from './nn.js';
import { DATASETS_PLOT_SPECS } from './datasets-plot.js';
import { INTERNALS_SPECS } from './internals.js';
import { NEIGHBORS_SPECS } from './neighbors.js';
import { DENSITY_SPECS } from './density.js';
import { UMAP_SPECS } from './umap.js';

/** The specs by module (the fuzz test reports per module). */
export const SPEC_GROUPS: Readonly<Record<string, readonly Spec[]>> = {
  core: CORE_SPECS,
  'distance + neighbors': DISTANCE_SPECS,
  preprocess: PREPROCESS_SPECS,
  'knn graph + radius + hnsw': NEIGHBORS_SPECS,
  cluster: CLUSTER_SPECS,
  'density (hdbscan, dbscan)': DENSITY_SPECS,
  decomposition: DECOMPOSITION_SPECS,
  manifold: MANIFOLD_SPECS,
  umap: UMAP_SPECS,
  nn: NN_SPECS,
  'datasets + plot': DATASETS_PLOT_SPECS,
  internals: INTERNALS_SPECS,
};

export const SPECS: readonly Spec[] = Object.values(SPEC_GROUPS).flat();

const CONSTANT = 'a constant, not a function: nothing to call (exported arrays are checked for immutability in coverage.test.ts)';

/** Root exports without a spec, with the reason (constants, the error class). */
export const ROOT_EXCLUDED: Readonly<Record<string, string>> = {
  LatentError: 'the error class itself: its constructor is how the library reports, not an entry point for user data; isLatentError is fuzzed with every kind of value',
  DEFAULT_MEMORY_LIMIT: CONSTANT,
  DEFAULT_N_INIT: CONSTANT,
  DEFAULT_SEED: CONSTANT,
  LINKAGE_MAX_POINTS: CONSTANT,
  KNN_GRAPH_EXACT_MAX_ROWS: CONSTANT,
  KNN_GRAPH_EXACT_ROWS_PER_K: CONSTANT,
  KNN_GRAPH_TREE_MAX_DIMS: CONSTANT,
  LINKAGE_METHODS: CONSTANT,
  METRIC_NAMES: CONSTANT,
  ACTIVATIONS: CONSTANT,
  INITS: CONSTANT,
  LOSSES: CONSTANT,
  OPTIMIZERS: CONSTANT,
};

const KERNEL = 'raw internal kernel, documented as unvalidated (callers validate once at the entry point); fuzzed through the public functions that call it';

/** `latent/internals` exports without a spec, with the reason. */
export const INTERNALS_EXCLUDED: Readonly<Record<string, string>> = {
  LEAKY_RELU_SLOPE: CONSTANT,
  MAX_ARRAY_BYTES: CONSTANT,
  PALETTE: CONSTANT,
  SQUARE_MAX_POINTS: CONSTANT,
  VPTREE_MAX_DIMS: CONSTANT,
  VPTREE_MIN_POINTS: CONSTANT,
  gemm: KERNEL,
  syrk: KERNEL,
  csrMatVec: KERNEL,
  csrTranspose: `${KERNEL} (its input passed checkCsr, which is fuzzed)`,
  eigshWork: `${KERNEL}: a generator over inputs already validated by parseSymmetric + resolveEigshOptions (both fuzzed)`,
  runSync: 'task driver over a library-built generator; abort and progress are fuzzed through every function that takes signal/onProgress',
  runAsync: 'task driver over a library-built generator; abort and progress are fuzzed through tsneAsync and the signal/onProgress options',
  yieldToEventLoop: 'takes no arguments: there is nothing to corrupt',
  nextDouble: `${KERNEL}: PRNG step on a state from rngState (fuzzed)`,
  nextUint32: `${KERNEL}: PRNG step on a state from rngState (fuzzed)`,
  detExp: 'pure fdlibm port, total over numbers (NaN in, NaN out); checked against Math.exp in test/core/math*.test.ts',
  detLog: 'pure fdlibm port, total over numbers (log of a negative is NaN by definition); checked in test/core/math*.test.ts',
  condensedRowOffset: `${KERNEL} (index arithmetic)`,
  squareFromPoints: `${KERNEL}: takes a validated Matrix64 and metric`,
  squareFromCondensed: `${KERNEL}: takes a validated condensed array`,
  activate: KERNEL,
  activationBackward: KERNEL,
  sigmoid: `${KERNEL} (scalar math)`,
  softplus: `${KERNEL} (scalar math)`,
  bceWithLogits: `${KERNEL} (scalar math)`,
  lossGradient: KERNEL,
  lossValue: KERNEL,
  glorotUniform: KERNEL,
  heNormal: KERNEL,
  adamStep: KERNEL,
  sgdStep: KERNEL,
  clipByGlobalNorm: KERNEL,
  denseForward: KERNEL,
  denseBackward: KERNEL,
  denseActivationBackward: KERNEL,
  niceTicks: 'plot formatting helper over numbers the plot functions have validated; fuzzed through scatterSvg/lineSvg/dendrogramSvg',
  niceDomain: 'plot formatting helper; fuzzed through the plot functions',
  logTicks: 'plot formatting helper; fuzzed through lineSvg (yScale: log)',
  formatTick: 'plot formatting helper; fuzzed through the plot functions',
  escapeXml: 'total string helper; every plot spec checks that titles with <, & and quotes come out escaped',
  paletteColor: 'total integer helper; fuzzed through scatterSvg labels',
  compareCategories: 'comparator over validated categories; fuzzed through oneHot/oneHotColumns with mixed and NaN categories',
};
