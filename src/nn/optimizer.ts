/**
 * First-order optimisers on a flat parameter vector: Adam and SGD with momentum, plus
 * gradient clipping by global norm. Each step is one pass over the parameters, in place.
 */
import { assertOneOf } from '../core/validate.js';

/**
 * Name of an optimiser.
 *
 * - `adam`: Adam with bias correction (Kingma & Ba 2015), β₁ = 0.9, β₂ = 0.999, ε = 1e-8 by default.
 * - `sgd`: stochastic gradient descent with (heavy-ball) momentum, 0.9 by default.
 */
export type OptimizerName = 'adam' | 'sgd';

/** Every {@link OptimizerName}. */
export const OPTIMIZERS: readonly OptimizerName[] = Object.freeze(['adam', 'sgd']);

/**
 * Checks an optimiser name.
 *
 * @param fn - public function name for the message
 * @param name - argument name for the message
 * @param value - the received value
 * @returns the value as an {@link OptimizerName}
 * @throws LatentError `E_OPTION` for an unknown name
 * @example
 * ```ts
 * checkOptimizer('autoencoder', 'optimizer', 'sgd'); // 'sgd'
 * ```
 */
export function checkOptimizer(fn: string, name: string, value: unknown): OptimizerName {
  return assertOneOf(fn, name, value, OPTIMIZERS);
}

/**
 * One Adam step, in place:
 * `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`,
 * `θ ← θ − lr · m̂ / (√v̂ + ε)` with `m̂ = m / (1 − β₁ᵗ)`, `v̂ = v / (1 − β₂ᵗ)`.
 *
 * ε is added to `√v̂` (PyTorch's placement; TensorFlow adds it to the un-corrected `√v`).
 * O(n), no allocation.
 *
 * @param params - parameters θ (updated)
 * @param grads - gradient g
 * @param m - first-moment estimate (updated), zeros before the first step
 * @param v - second-moment estimate (updated), zeros before the first step
 * @param step - the step number t ≥ 1 (1 on the first call)
 * @param learningRate - lr
 * @param beta1 - β₁ in [0, 1)
 * @param beta2 - β₂ in [0, 1)
 * @param epsilon - ε > 0
 * @example
 * ```ts
 * const p = new Float64Array([1]);
 * adamStep(p, new Float64Array([2]), new Float64Array(1), new Float64Array(1), 1, 0.1, 0.9, 0.999, 1e-8);
 * p; // Float64Array [0.9000000005] (the first step moves every parameter by ≈ lr)
 * ```
 * @see Kingma & Ba (2015), "Adam: A Method for Stochastic Optimization"; torch.optim.Adam
 */
export function adamStep(
  params: Float64Array,
  grads: Float64Array,
  m: Float64Array,
  v: Float64Array,
  step: number,
  learningRate: number,
  beta1: number,
  beta2: number,
  epsilon: number,
): void {
  const c1 = 1 / (1 - Math.pow(beta1, step));
  const c2 = 1 / (1 - Math.pow(beta2, step));
  const b1 = 1 - beta1;
  const b2 = 1 - beta2;
  const n = params.length;
  for (let i = 0; i < n; i++) {
    const g = grads[i]!;
    const mi = beta1 * m[i]! + b1 * g;
    const vi = beta2 * v[i]! + b2 * g * g;
    m[i] = mi;
    v[i] = vi;
    params[i] = params[i]! - (learningRate * mi * c1) / (Math.sqrt(vi * c2) + epsilon);
  }
}

/**
 * One SGD-with-momentum step, in place: `u ← μu + g`, `θ ← θ − lr · u`
 * (PyTorch's form; with `momentum = 0` it is plain SGD). O(n), no allocation.
 *
 * @param params - parameters θ (updated)
 * @param grads - gradient g
 * @param velocity - momentum buffer u (updated), zeros before the first step
 * @param learningRate - lr
 * @param momentum - μ in [0, 1)
 * @example
 * ```ts
 * const p = new Float64Array([1]);
 * sgdStep(p, new Float64Array([2]), new Float64Array(1), 0.1, 0.9);
 * p; // Float64Array [0.8]
 * ```
 * @see torch.optim.SGD; Polyak (1964) heavy-ball momentum
 */
export function sgdStep(params: Float64Array, grads: Float64Array, velocity: Float64Array, learningRate: number, momentum: number): void {
  const n = params.length;
  for (let i = 0; i < n; i++) {
    const u = momentum * velocity[i]! + grads[i]!;
    velocity[i] = u;
    params[i] = params[i]! - learningRate * u;
  }
}

/**
 * Rescales `grads` in place so its global L2 norm is at most `maxNorm`. O(n).
 *
 * @param grads - the gradient (updated when its norm exceeds `maxNorm`)
 * @param maxNorm - the largest allowed norm (> 0; `Infinity` disables clipping)
 * @returns the norm before clipping
 * @example
 * ```ts
 * const g = new Float64Array([3, 4]);
 * clipByGlobalNorm(g, 1); // 5
 * g; // Float64Array [0.6000000000000001, 0.8]
 * ```
 * @see torch.nn.utils.clip_grad_norm_, tf.clip_by_global_norm
 */
export function clipByGlobalNorm(grads: Float64Array, maxNorm: number): number {
  let s = 0;
  const n = grads.length;
  for (let i = 0; i < n; i++) s += grads[i]! * grads[i]!;
  const norm = Math.sqrt(s);
  if (norm > maxNorm && norm > 0) {
    const f = maxNorm / norm;
    for (let i = 0; i < n; i++) grads[i] = grads[i]! * f;
  }
  return norm;
}
