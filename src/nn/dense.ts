/**
 * The fully-connected (dense) layer: `a = f(x·Wᵀ + b)` on mini-batches stored row-major,
 * with forward and backward passes through the shared matrix product `gemm`.
 */
import { gemm } from '../core/gemm.js';
import { assertAllocatable, assertInteger } from '../core/validate.js';
import { LatentError, describe } from '../core/errors.js';
import { type ActivationName, activate, activationBackward, checkActivation } from './activation.js';
import { checkInit, glorotUniform, heNormal, resolveInit, type InitName } from './init.js';
import { readOptions, type OptionKeys } from '../core/options.js';

/**
 * A dense layer as plain data.
 *
 * `weights` is `outputSize × inputSize`, row-major (row `j` holds the weights into output
 * unit `j`, PyTorch's layout), so the layer computes `a = f(x·Wᵀ + b)` for a row `x`.
 */
export interface DenseLayer {
  /** Width of the layer's input. */
  inputSize: number;
  /** Number of units (width of the output). */
  outputSize: number;
  /** Activation applied to `x·Wᵀ + b`. */
  activation: ActivationName;
  /** `outputSize × inputSize` weights, row-major. */
  weights: Float64Array;
  /** `outputSize` biases. */
  bias: Float64Array;
}

/** Options of {@link denseLayer}. */
export interface DenseLayerOptions {
  /**
   * Activation of the layer.
   * @defaultValue 'linear'
   */
  activation?: ActivationName;
  /**
   * Weight initialisation (biases start at 0).
   * @defaultValue 'glorot'
   */
  init?: InitName;
}

const DENSE_LAYER_KEYS: OptionKeys<DenseLayerOptions> = { activation: true, init: true };

/**
 * Creates a dense layer with seeded initial weights and zero biases.
 *
 * O(inputSize · outputSize).
 *
 * @param inputSize - input width (integer ≥ 1)
 * @param outputSize - number of units (integer ≥ 1)
 * @param random - a uniform generator in [0, 1), e.g. `rng(seed)`
 * @param options - {@link DenseLayerOptions}
 * @returns the layer
 * @throws LatentError `E_RANGE` for bad sizes, `E_OPTION` for an unknown activation or init
 * @example
 * ```ts
 * const layer = denseLayer(3, 2, rng(1), { activation: 'relu' });
 * layer.weights.length; // 6
 * layer.bias;           // Float64Array [0, 0]
 * ```
 * @see torch.nn.Linear, tf.keras.layers.Dense
 */
export function denseLayer(inputSize: number, outputSize: number, random: () => number, options?: DenseLayerOptions): DenseLayer {
  const o = readOptions('denseLayer', options, DENSE_LAYER_KEYS);
  assertInteger('denseLayer', 'inputSize', inputSize, 1);
  assertInteger('denseLayer', 'outputSize', outputSize, 1);
  const activation = checkActivation('denseLayer', 'activation', o.activation ?? 'linear');
  const init = checkInit('denseLayer', 'init', o.init ?? 'glorot');
  if (typeof random !== 'function') throw new LatentError('E_TYPE', `denseLayer: random must be a function returning numbers in [0, 1), got ${describe(random)}`);
  assertAllocatable('denseLayer', 'the weights', inputSize * outputSize);
  // The caller's generator is checked draw by draw, under this function's name.
  const draw = (): number => {
    const u = random();
    if (!(u >= 0 && u < 1)) throw new LatentError('E_RANGE', `denseLayer: random() must return a number in [0, 1), got ${describe(u)}`);
    return u;
  };
  const weights = new Float64Array(inputSize * outputSize);
  if (resolveInit(init, activation) === 'he') heNormal(inputSize, draw, weights);
  else glorotUniform(inputSize, outputSize, draw, weights);
  return { inputSize, outputSize, activation, weights, bias: new Float64Array(outputSize) };
}

/**
 * Forward pass on `m` rows: `z = x·Wᵀ + b`, `a = f(z)`.
 *
 * One `gemm` of m × outputSize × inputSize, then one pass for bias and activation;
 * no allocation. Buffers may be longer than needed (only the first rows are used).
 * For a `linear` layer `a` may be `z`.
 *
 * @param layer - the layer
 * @param x - input, `m × inputSize` row-major
 * @param m - number of rows
 * @param z - pre-activations out, `m × outputSize`
 * @param a - activations out, `m × outputSize`
 * @example
 * ```ts
 * const layer = { inputSize: 2, outputSize: 1, activation: 'relu', weights: new Float64Array([1, -1]), bias: new Float64Array([0.5]) };
 * const z = new Float64Array(2), a = new Float64Array(2);
 * denseForward(layer, new Float64Array([1, 2, 3, 1]), 2, z, a);
 * a; // Float64Array [0, 2.5]
 * ```
 * @see torch.nn.functional.linear
 */
export function denseForward(layer: DenseLayer, x: Float64Array, m: number, z: Float64Array, a: Float64Array): void {
  const out = layer.outputSize;
  const bias = layer.bias;
  gemm(false, true, m, out, layer.inputSize, 1, x, layer.weights, 0, z);
  for (let i = 0; i < m; i++) {
    const base = i * out;
    for (let j = 0; j < out; j++) z[base + j] = z[base + j]! + bias[j]!;
  }
  activate(layer.activation, z, a, m * out);
}

/**
 * Backward pass on `m` rows, given `dz`, the gradient with respect to the layer's
 * pre-activations (see {@link activationBackward}):
 * `dW = dzᵀ·x`, `db = Σ_rows dz`, and, when `dx` is given, `dx = dz·W`.
 *
 * Two `gemm` calls (one without `dx`), no allocation, no transposed copies.
 *
 * @param layer - the layer
 * @param x - the forward input, `m × inputSize`
 * @param dz - gradient with respect to `z`, `m × outputSize`
 * @param m - number of rows
 * @param dW - weight gradient out, `outputSize × inputSize` (overwritten)
 * @param db - bias gradient out, `outputSize` (overwritten)
 * @param dx - optional input gradient out, `m × inputSize` (overwritten)
 * @example
 * ```ts
 * const layer = { inputSize: 2, outputSize: 1, activation: 'linear', weights: new Float64Array([1, -1]), bias: new Float64Array(1) };
 * const dW = new Float64Array(2), db = new Float64Array(1), dx = new Float64Array(2);
 * denseBackward(layer, new Float64Array([3, 4]), new Float64Array([2]), 1, dW, db, dx);
 * dW; // Float64Array [6, 8]
 * dx; // Float64Array [2, -2]
 * ```
 * @see https://cs231n.github.io/optimization-2/
 */
export function denseBackward(
  layer: DenseLayer,
  x: Float64Array,
  dz: Float64Array,
  m: number,
  dW: Float64Array,
  db: Float64Array,
  dx?: Float64Array,
): void {
  const out = layer.outputSize;
  const inp = layer.inputSize;
  gemm(true, false, out, inp, m, 1, dz, x, 0, dW);
  for (let j = 0; j < out; j++) db[j] = 0;
  for (let i = 0; i < m; i++) {
    const base = i * out;
    for (let j = 0; j < out; j++) db[j] = db[j]! + dz[base + j]!;
  }
  if (dx !== undefined) gemm(false, false, m, inp, out, 1, dz, layer.weights, 0, dx);
}

/**
 * Convenience for {@link activationBackward} on a layer: turns the gradient with respect
 * to the layer's activations `da` into the gradient with respect to its pre-activations,
 * in place.
 *
 * @param layer - the layer
 * @param z - its pre-activations from the forward pass
 * @param a - its activations from the forward pass
 * @param da - gradient with respect to `a` (overwritten with the gradient with respect to `z`)
 * @param m - number of rows
 * @example
 * ```ts
 * const layer = { inputSize: 1, outputSize: 1, activation: 'relu', weights: new Float64Array([1]), bias: new Float64Array(1) };
 * const da = new Float64Array([3]);
 * denseActivationBackward(layer, new Float64Array([-1]), new Float64Array([0]), da, 1);
 * da; // Float64Array [0]
 * ```
 */
export function denseActivationBackward(layer: DenseLayer, z: Float64Array, a: Float64Array, da: Float64Array, m: number): void {
  if (layer.activation !== 'linear') activationBackward(layer.activation, z, a, da, da, m * layer.outputSize);
}
