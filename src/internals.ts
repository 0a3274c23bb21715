/**
 * `latent/internals`: low-level building blocks for libraries built on latent — validators, the
 * options reader and memory budget, the abortable task runner, the packed matrix product, sparse
 * matrices, deterministic transcendental functions, PRNG state, neural-network kernels and plot
 * helpers.
 *
 * **Unstable by design.** These names may change in any minor release (the changelog says
 * when); the root `latent` and the module subpaths (`latent/cluster`, …) carry the stable,
 * user-facing API. Pin an exact version if you depend on this subpath.
 *
 * @packageDocumentation
 */
export {
  assertInteger,
  assertNumber,
  assertOneOf,
  assertFinite,
  assertSize,
  assertLabels,
  assertModel,
  assertAllocatable,
  assertVector,
  assertSquareSafe,
  throwIfAborted,
} from './core/validate.js';
export {
  readOptions,
  readOptionsOr,
  isPlainObject,
  closestName,
  numberIn,
  integerIn,
  booleanOption,
  enumOption,
  seedOption,
  functionOption,
  signalOption,
  stringOption,
  type OptionKeys,
  type Bounds,
} from './core/options.js';
export { assertMemory, memoryLimitOption, formatBytes, MAX_ARRAY_BYTES } from './core/memory.js';
export { runSync, runAsync, checkAborted, yieldToEventLoop, type Work, type Observer } from './core/task.js';
export { asMatrix, asMatrix64 } from './core/matrix.js';
export { csrMatVec, csrTranspose, checkCsr } from './core/sparse.js';
export { eigshWork, resolveEigshOptions, type ResolvedEigsh } from './decomposition/eigsh.js';
export { parseSymmetric, type ParsedSymmetric } from './decomposition/symmetric-operator.js';
export { gemm, syrk } from './core/gemm.js';
export { detExp, detLog } from './core/math.js';
export { rngState, nextDouble, nextUint32, type RngState } from './core/random.js';
export { checkMetric, callMetric, type MetricFunction } from './distance/metric.js';
export { condensedRowOffset, squareFromPoints, squareFromCondensed, SQUARE_MAX_POINTS } from './distance/square.js';
export { VPTREE_MAX_DIMS, VPTREE_MIN_POINTS } from './neighbors/exact/knn-index.js';
export type { BHTree } from './manifold/tsne/bhtree.js';
export { activate, activationBackward, sigmoid, softplus, LEAKY_RELU_SLOPE } from './nn/activation.js';
export { bceWithLogits, lossGradient, lossValue } from './nn/loss.js';
export { glorotUniform, heNormal } from './nn/init.js';
export { adamStep, sgdStep, clipByGlobalNorm } from './nn/optimizer.js';
export { denseLayer, denseForward, denseBackward, denseActivationBackward, type DenseLayer, type DenseLayerOptions } from './nn/dense.js';
export { niceTicks, niceDomain, logTicks, formatTick, type Ticks } from './plot/ticks.js';
export { escapeXml, PALETTE, paletteColor } from './plot/svg.js';
export { compareCategories } from './preprocess/category.js';
export { knnGraphWork } from './neighbors/knn-graph.js';
