/**
 * Element-wise activation functions of dense layers, with their derivatives, on flat
 * `Float64Array` buffers. Every function is numerically stable for any finite input:
 * no `exp` overflow in `sigmoid`/`softplus`, no `Infinity · 0` in `gelu`.
 */
import { assertOneOf } from '../core/validate.js';

/**
 * Name of an activation function.
 *
 * - `linear`: `f(z) = z`
 * - `relu`: `max(0, z)` (derivative 0 at 0)
 * - `leakyRelu`: `z` for `z > 0`, `0.01·z` otherwise ({@link LEAKY_RELU_SLOPE})
 * - `tanh`: hyperbolic tangent
 * - `sigmoid`: logistic `1 / (1 + e^−z)`
 * - `gelu`: Gaussian error linear unit, tanh approximation
 *   `0.5·z·(1 + tanh(√(2/π)·(z + 0.044715·z³)))` (as TensorFlow's `approximate=True` and GPT-2)
 */
export type ActivationName = 'linear' | 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid' | 'gelu';

/** Every {@link ActivationName}, in documentation order. */
export const ACTIVATIONS: readonly ActivationName[] = Object.freeze(['linear', 'relu', 'leakyRelu', 'tanh', 'sigmoid', 'gelu']);

/** Slope of `leakyRelu` for negative inputs (Keras `LeakyReLU` uses 0.3, PyTorch 0.01; we follow PyTorch). */
export const LEAKY_RELU_SLOPE = 0.01;

const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_A = 0.044715;

/**
 * Logistic sigmoid `1 / (1 + e^−x)`, computed without overflow for any finite `x`
 * (`e^x / (1 + e^x)` for negative `x`). O(1).
 *
 * @param x - any number
 * @returns a value in [0, 1]
 * @example
 * ```ts
 * sigmoid(0);     // 0.5
 * sigmoid(-1000); // 0 (no overflow warning, no NaN)
 * ```
 * @see scipy.special.expit
 */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * Softplus `log(1 + e^x)`, computed as `max(x, 0) + log1p(e^−|x|)` so it neither
 * overflows for large `x` nor loses precision for very negative `x`. O(1).
 *
 * @param x - any number
 * @returns a value ≥ 0
 * @example
 * ```ts
 * softplus(0);    // 0.6931471805599453 (log 2)
 * softplus(1000); // 1000
 * ```
 * @see scipy.special.log1p, PyTorch `softplus`
 */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * Checks an activation name.
 *
 * @param fn - public function name for the message
 * @param name - argument name for the message
 * @param value - the received value
 * @returns the value as an {@link ActivationName}
 * @throws LatentError `E_OPTION` for an unknown name
 * @example
 * ```ts
 * checkActivation('autoencoder', 'activation', 'tanh'); // 'tanh'
 * ```
 */
export function checkActivation(fn: string, name: string, value: unknown): ActivationName {
  return assertOneOf(fn, name, value, ACTIVATIONS);
}

/**
 * Applies an activation element-wise: `out[i] = f(z[i])` for `i < n`.
 *
 * O(n), no allocation. `out` may be `z` (in place).
 *
 * @param name - the activation
 * @param z - pre-activations
 * @param out - destination, length ≥ n
 * @param n - number of elements (default `z.length`)
 * @returns `out`
 * @example
 * ```ts
 * activate('relu', new Float64Array([-1, 2]), new Float64Array(2)); // Float64Array [0, 2]
 * ```
 * @see https://pytorch.org/docs/stable/nn.html#non-linear-activations-weighted-sum-nonlinearity
 */
export function activate(name: ActivationName, z: Float64Array, out: Float64Array, n: number = z.length): Float64Array {
  switch (name) {
    case 'linear':
      if (out !== z) for (let i = 0; i < n; i++) out[i] = z[i]!;
      break;
    case 'relu':
      for (let i = 0; i < n; i++) {
        const v = z[i]!;
        out[i] = v > 0 ? v : 0;
      }
      break;
    case 'leakyRelu':
      for (let i = 0; i < n; i++) {
        const v = z[i]!;
        out[i] = v > 0 ? v : LEAKY_RELU_SLOPE * v;
      }
      break;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = Math.tanh(z[i]!);
      break;
    case 'sigmoid':
      for (let i = 0; i < n; i++) {
        const v = z[i]!;
        if (v >= 0) out[i] = 1 / (1 + Math.exp(-v));
        else {
          const e = Math.exp(v);
          out[i] = e / (1 + e);
        }
      }
      break;
    case 'gelu':
      for (let i = 0; i < n; i++) {
        const v = z[i]!;
        // |z| > 10: tanh has saturated to ±1 in float64; avoid z³ overflow for huge z.
        out[i] = v > 10 ? v : v < -10 ? 0 : 0.5 * v * (1 + Math.tanh(GELU_C * (v + GELU_A * v * v * v)));
      }
      break;
  }
  return out;
}

/**
 * Back-propagates through an activation: `out[i] = grad[i] · f′(z[i])` for `i < n`.
 *
 * `a` must hold `f(z)` (as written by {@link activate}); `relu`, `tanh` and `sigmoid`
 * read their derivative from it (`tanh′ = 1 − a²`, `sigmoid′ = a(1 − a)`), `gelu` and
 * `leakyRelu` from `z`. The derivative of `relu` at exactly 0 is taken as 0. O(n), no
 * allocation; `out` may be `grad` (in place).
 *
 * @param name - the activation
 * @param z - pre-activations
 * @param a - activations `f(z)`
 * @param grad - gradient with respect to the activations
 * @param out - destination: gradient with respect to the pre-activations
 * @param n - number of elements (default `z.length`)
 * @returns `out`
 * @example
 * ```ts
 * const z = new Float64Array([-1, 2]);
 * const a = activate('relu', z, new Float64Array(2));
 * activationBackward('relu', z, a, new Float64Array([5, 5]), new Float64Array(2)); // Float64Array [0, 5]
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.nn.GELU.html (tanh approximation)
 */
export function activationBackward(
  name: ActivationName,
  z: Float64Array,
  a: Float64Array,
  grad: Float64Array,
  out: Float64Array,
  n: number = z.length,
): Float64Array {
  switch (name) {
    case 'linear':
      if (out !== grad) for (let i = 0; i < n; i++) out[i] = grad[i]!;
      break;
    case 'relu':
      for (let i = 0; i < n; i++) out[i] = a[i]! > 0 ? grad[i]! : 0;
      break;
    case 'leakyRelu':
      for (let i = 0; i < n; i++) out[i] = z[i]! > 0 ? grad[i]! : LEAKY_RELU_SLOPE * grad[i]!;
      break;
    case 'tanh':
      for (let i = 0; i < n; i++) {
        const v = a[i]!;
        out[i] = grad[i]! * (1 - v * v);
      }
      break;
    case 'sigmoid':
      for (let i = 0; i < n; i++) {
        const v = a[i]!;
        out[i] = grad[i]! * v * (1 - v);
      }
      break;
    case 'gelu':
      for (let i = 0; i < n; i++) {
        const v = z[i]!;
        let d: number;
        if (v > 10) d = 1;
        else if (v < -10) d = 0;
        else {
          const v2 = v * v;
          const t = Math.tanh(GELU_C * (v + GELU_A * v2 * v));
          d = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * GELU_C * (1 + 3 * GELU_A * v2);
        }
        out[i] = grad[i]! * d;
      }
      break;
  }
  return out;
}
