/**
 * Seeded weight initialisation for dense layers.
 */
import { randomNormal } from '../core/random.js';
import { assertOneOf } from '../core/validate.js';
import type { ActivationName } from './activation.js';

/**
 * Name of an initialisation scheme.
 *
 * - `glorot`: Glorot/Xavier uniform, `U(−l, l)` with `l = √(6 / (fanIn + fanOut))`; keeps the
 *   variance of activations and gradients for `linear`, `tanh`, `sigmoid`.
 * - `he`: He/Kaiming normal, `N(0, 2 / fanIn)`; keeps the variance through `relu`-like units.
 * - `auto`: `he` for `relu`, `leakyRelu` and `gelu` layers, `glorot` otherwise.
 */
export type InitName = 'auto' | 'glorot' | 'he';

/** Every {@link InitName}. */
export const INITS: readonly InitName[] = Object.freeze(['auto', 'glorot', 'he']);

/**
 * Checks an initialisation name.
 *
 * @param fn - public function name for the message
 * @param name - argument name for the message
 * @param value - the received value
 * @returns the value as an {@link InitName}
 * @throws LatentError `E_OPTION` for an unknown name
 * @example
 * ```ts
 * checkInit('autoencoder', 'init', 'he'); // 'he'
 * ```
 */
export function checkInit(fn: string, name: string, value: unknown): InitName {
  return assertOneOf(fn, name, value, INITS);
}

/**
 * Fills `out` with Glorot-uniform values `U(−l, l)`, `l = √(6 / (fanIn + fanOut))`. O(len).
 *
 * @param fanIn - inputs of the layer
 * @param fanOut - outputs of the layer
 * @param random - a uniform generator in [0, 1) such as `rng(seed)`
 * @param out - destination (all of it is written)
 * @returns `out`
 * @example
 * ```ts
 * glorotUniform(64, 32, rng(1), new Float64Array(64 * 32)); // values in (−0.25, 0.25)
 * ```
 * @see Glorot & Bengio (2010), "Understanding the difficulty of training deep feedforward neural networks"; Keras `GlorotUniform`
 */
export function glorotUniform(fanIn: number, fanOut: number, random: () => number, out: Float64Array): Float64Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  for (let i = 0; i < out.length; i++) out[i] = (2 * random() - 1) * limit;
  return out;
}

/**
 * Fills `out` with He-normal values `N(0, 2 / fanIn)`. O(len).
 *
 * @param fanIn - inputs of the layer
 * @param random - a uniform generator in [0, 1) such as `rng(seed)`
 * @param out - destination (all of it is written)
 * @returns `out`
 * @example
 * ```ts
 * heNormal(64, rng(1), new Float64Array(64 * 32)); // standard deviation ≈ 0.177
 * ```
 * @see He et al. (2015), "Delving deep into rectifiers"; Keras `HeNormal` (untruncated here)
 */
export function heNormal(fanIn: number, random: () => number, out: Float64Array): Float64Array {
  const sd = Math.sqrt(2 / fanIn);
  for (let i = 0; i < out.length; i++) out[i] = sd * randomNormal(random);
  return out;
}

/**
 * The concrete scheme `auto` resolves to for a layer with the given activation.
 *
 * @param init - the requested scheme
 * @param activation - the layer's activation
 * @returns `'glorot'` or `'he'`
 * @example
 * ```ts
 * resolveInit('auto', 'relu'); // 'he'
 * resolveInit('auto', 'tanh'); // 'glorot'
 * ```
 */
export function resolveInit(init: InitName, activation: ActivationName): 'glorot' | 'he' {
  if (init !== 'auto') return init;
  return activation === 'relu' || activation === 'leakyRelu' || activation === 'gelu' ? 'he' : 'glorot';
}
