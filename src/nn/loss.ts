/**
 * Reconstruction losses and their gradients with respect to the output layer's
 * pre-activations, on flat `Float64Array` buffers.
 */
import { type ActivationName, activationBackward } from './activation.js';
import { assertOneOf } from '../core/validate.js';

/**
 * Name of a loss.
 *
 * - `mse`: squared error `(ŷ − y)²`, averaged over every element.
 * - `bce`: binary cross-entropy `−y·log ŷ − (1 − y)·log(1 − ŷ)` with `ŷ = sigmoid(z)`,
 *   computed from the logits `z` (`max(z, 0) − z·y + log1p(e^−|z|)`) so it is finite for any
 *   output; targets must lie in [0, 1].
 */
export type LossName = 'mse' | 'bce';

/** Every {@link LossName}. */
export const LOSSES: readonly LossName[] = Object.freeze(['mse', 'bce']);

/**
 * Checks a loss name.
 *
 * @param fn - public function name for the message
 * @param name - argument name for the message
 * @param value - the received value
 * @returns the value as a {@link LossName}
 * @throws LatentError `E_OPTION` for an unknown name
 * @example
 * ```ts
 * checkLoss('autoencoder', 'loss', 'bce'); // 'bce'
 * ```
 */
export function checkLoss(fn: string, name: string, value: unknown): LossName {
  return assertOneOf(fn, name, value, LOSSES);
}

/**
 * Binary cross-entropy of one logit against a target in [0, 1], stable for any finite
 * logit: `max(z, 0) − z·y + log1p(e^−|z|)`. O(1).
 *
 * @param z - the logit (pre-sigmoid output)
 * @param y - the target probability
 * @returns the loss, ≥ 0 for y in [0, 1]
 * @example
 * ```ts
 * bceWithLogits(0, 1);     // 0.6931471805599453 (log 2)
 * bceWithLogits(1000, 0);  // 1000 (no overflow)
 * ```
 * @see PyTorch `BCEWithLogitsLoss`, TensorFlow `sigmoid_cross_entropy_with_logits`
 */
export function bceWithLogits(z: number, y: number): number {
  return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
}

/**
 * Sum of a loss over `n` outputs, and `scale ×` its gradient with respect to the output
 * layer's pre-activations `z`.
 *
 * For `mse` the gradient is `2(a − y)` back-propagated through `activation`. For `bce`
 * the output activation must be `sigmoid` and the fused gradient `sigmoid(z) − y` is
 * used (exact and stable; `a` must hold `sigmoid(z)`). O(n), no allocation.
 *
 * @param loss - the loss
 * @param activation - the output layer's activation
 * @param z - output pre-activations
 * @param a - output activations `f(z)`
 * @param y - targets
 * @param n - number of elements
 * @param scale - factor applied to the gradient (e.g. `1 / (rows · cols)` for a mean)
 * @param dz - destination for the scaled gradient (length ≥ n)
 * @returns the unscaled sum of the per-element losses
 * @example
 * ```ts
 * const z = new Float64Array([1, 3]);
 * const dz = new Float64Array(2);
 * lossGradient('mse', 'linear', z, z, new Float64Array([0, 3]), 2, 0.5, dz); // 1
 * dz; // Float64Array [1, 0]
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.nn.BCEWithLogitsLoss.html
 */
export function lossGradient(
  loss: LossName,
  activation: ActivationName,
  z: Float64Array,
  a: Float64Array,
  y: Float64Array,
  n: number,
  scale: number,
  dz: Float64Array,
): number {
  let sum = 0;
  if (loss === 'bce') {
    for (let i = 0; i < n; i++) {
      const zi = z[i]!;
      const yi = y[i]!;
      sum += Math.max(zi, 0) - zi * yi + Math.log1p(Math.exp(-Math.abs(zi)));
      dz[i] = scale * (a[i]! - yi);
    }
    return sum;
  }
  const s2 = 2 * scale;
  for (let i = 0; i < n; i++) {
    const r = a[i]! - y[i]!;
    sum += r * r;
    dz[i] = s2 * r;
  }
  if (activation !== 'linear') activationBackward(activation, z, a, dz, dz, n);
  return sum;
}

/**
 * Sum of a loss over `n` outputs (no gradient): the forward half of {@link lossGradient}.
 *
 * @param loss - the loss
 * @param z - output pre-activations (read by `bce`)
 * @param a - output activations (read by `mse`)
 * @param y - targets
 * @param n - number of elements
 * @returns the sum of the per-element losses
 * @example
 * ```ts
 * lossValue('mse', new Float64Array([1, 3]), new Float64Array([1, 3]), new Float64Array([0, 3]), 2); // 1
 * ```
 * @see sklearn.metrics.mean_squared_error, sklearn.metrics.log_loss
 */
export function lossValue(loss: LossName, z: Float64Array, a: Float64Array, y: Float64Array, n: number): number {
  let sum = 0;
  if (loss === 'bce') {
    for (let i = 0; i < n; i++) {
      const zi = z[i]!;
      sum += Math.max(zi, 0) - zi * y[i]! + Math.log1p(Math.exp(-Math.abs(zi)));
    }
    return sum;
  }
  for (let i = 0; i < n; i++) {
    const r = a[i]! - y[i]!;
    sum += r * r;
  }
  return sum;
}
