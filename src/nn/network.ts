/**
 * The autoencoder's compute engine: a stack of dense layers whose parameters live in one
 * flat vector, with preallocated activation and gradient buffers for mini-batches of up
 * to `maxRows` rows, forward / loss / backward passes, and the variational bottleneck
 * (reparameterisation and KL term). Internal to `nn`: the public surface is
 * `autoencoder`, `encode`, `decode`, ….
 */
import { type DenseLayer, denseActivationBackward, denseBackward, denseForward } from './dense.js';
import { type LossName, lossGradient, lossValue } from './loss.js';

/** Architecture of an autoencoder network (what the engine needs besides parameters). */
export interface NetworkSpec {
  /** Encoder layers followed by decoder layers. */
  layers: readonly DenseLayer[];
  /** How many of `layers` form the encoder. */
  encoderLayers: number;
  /** Latent width k (for a variational net the encoder's last layer has 2k units: mean, log-variance). */
  latentSize: number;
  /** Variational bottleneck. */
  variational: boolean;
  /** Weight of the KL term (variational only). */
  beta: number;
  /** Reconstruction loss. */
  loss: LossName;
}

/** Preallocated state for forward/backward passes. Built once per fit or per call. */
export interface Network {
  spec: NetworkSpec;
  /** Layers whose `weights`/`bias` are views into `theta`. */
  layers: DenseLayer[];
  /** Weight-gradient views into `grad`, one per layer. */
  gradW: Float64Array[];
  /** Bias-gradient views into `grad`, one per layer. */
  gradB: Float64Array[];
  /** All parameters: for each layer its weights then its bias. */
  theta: Float64Array;
  /** Gradient of the mean loss with respect to `theta`. */
  grad: Float64Array;
  maxRows: number;
  z: Float64Array[];
  a: Float64Array[];
  d0: Float64Array;
  d1: Float64Array;
  /** Sampled latent code of a variational net, `maxRows × k`. */
  code: Float64Array;
  /** Standard-normal noise ε of a variational net, `maxRows × k`. */
  noise: Float64Array;
}

/**
 * Number of parameters of a stack of layers.
 *
 * @param layers - the layers
 * @returns Σ (inputSize + 1) · outputSize
 */
export function parameterCount(layers: readonly DenseLayer[]): number {
  let p = 0;
  for (const l of layers) p += (l.inputSize + 1) * l.outputSize;
  return p;
}

/**
 * Copies the layers' parameters into one flat vector (weights then bias, layer by layer).
 *
 * @param layers - the layers
 * @param out - destination of length {@link parameterCount}
 * @returns `out`
 */
export function flattenParameters(layers: readonly DenseLayer[], out: Float64Array): Float64Array {
  let o = 0;
  for (const l of layers) {
    out.set(l.weights, o);
    o += l.weights.length;
    out.set(l.bias, o);
    o += l.bias.length;
  }
  return out;
}

/**
 * Copies a flat parameter vector back into fresh, independent layers.
 *
 * @param layers - the architecture (sizes and activations)
 * @param theta - flat parameters
 * @returns new layers owning copies of the values
 */
export function unflattenParameters(layers: readonly DenseLayer[], theta: Float64Array): DenseLayer[] {
  const out: DenseLayer[] = [];
  let o = 0;
  for (const l of layers) {
    const nw = l.inputSize * l.outputSize;
    const weights = theta.slice(o, o + nw);
    o += nw;
    const bias = theta.slice(o, o + l.outputSize);
    o += l.outputSize;
    out.push({ inputSize: l.inputSize, outputSize: l.outputSize, activation: l.activation, weights, bias });
  }
  return out;
}

/**
 * Builds the engine for `spec` around the flat parameters `theta` (used as is, not
 * copied) and allocates every buffer for batches of up to `maxRows` rows.
 *
 * @param spec - the architecture
 * @param theta - flat parameters (see {@link flattenParameters})
 * @param maxRows - largest batch
 * @returns the engine
 */
export function createNetwork(spec: NetworkSpec, theta: Float64Array, maxRows: number): Network {
  const layers: DenseLayer[] = [];
  const gradW: Float64Array[] = [];
  const gradB: Float64Array[] = [];
  const grad = new Float64Array(theta.length);
  const z: Float64Array[] = [];
  const a: Float64Array[] = [];
  let o = 0;
  let maxWidth = spec.layers[0]?.inputSize ?? 1;
  for (const l of spec.layers) {
    const nw = l.inputSize * l.outputSize;
    const weights = theta.subarray(o, o + nw);
    gradW.push(grad.subarray(o, o + nw));
    o += nw;
    const bias = theta.subarray(o, o + l.outputSize);
    gradB.push(grad.subarray(o, o + l.outputSize));
    o += l.outputSize;
    layers.push({ inputSize: l.inputSize, outputSize: l.outputSize, activation: l.activation, weights, bias });
    const zl = new Float64Array(maxRows * l.outputSize);
    z.push(zl);
    // A linear layer's activations are its pre-activations: share the buffer.
    a.push(l.activation === 'linear' ? zl : new Float64Array(maxRows * l.outputSize));
    if (l.outputSize > maxWidth) maxWidth = l.outputSize;
    if (l.inputSize > maxWidth) maxWidth = l.inputSize;
  }
  const k = spec.variational ? spec.latentSize : 0;
  return {
    spec,
    layers,
    gradW,
    gradB,
    theta,
    grad,
    maxRows,
    z,
    a,
    d0: new Float64Array(maxRows * maxWidth),
    d1: new Float64Array(maxRows * maxWidth),
    code: new Float64Array(maxRows * k),
    noise: new Float64Array(maxRows * k),
  };
}

/** Reparameterisation `code = μ + exp(½ logσ²) · ε` (or `code = μ` without noise). */
function sampleCode(net: Network, m: number, useNoise: boolean): void {
  const k = net.spec.latentSize;
  const h = net.a[net.spec.encoderLayers - 1]!;
  const code = net.code;
  const noise = net.noise;
  for (let i = 0; i < m; i++) {
    const hb = i * 2 * k;
    const cb = i * k;
    for (let j = 0; j < k; j++) {
      const mu = h[hb + j]!;
      code[cb + j] = useNoise ? mu + Math.exp(0.5 * h[hb + k + j]!) * noise[cb + j]! : mu;
    }
  }
}

/** Σ over rows and latent units of KL(N(μ, σ²) ‖ N(0, 1)) = −½(1 + logσ² − μ² − σ²). */
function klSum(net: Network, m: number): number {
  const k = net.spec.latentSize;
  const h = net.a[net.spec.encoderLayers - 1]!;
  let s = 0;
  for (let i = 0; i < m; i++) {
    const hb = i * 2 * k;
    for (let j = 0; j < k; j++) {
      const mu = h[hb + j]!;
      const lv = h[hb + k + j]!;
      s += -0.5 * (1 + lv - mu * mu - Math.exp(lv));
    }
  }
  return s;
}

/**
 * Forward pass through layers `[from, to)` for `m` rows starting from `input`.
 * For a variational net crossing the bottleneck, the code is sampled with `net.noise`
 * when `useNoise`, else it is the mean.
 *
 * @param net - the engine
 * @param input - input of layer `from`, row-major
 * @param m - rows
 * @param from - first layer
 * @param to - one past the last layer
 * @param useNoise - sample the variational code with `net.noise`
 * @returns the activations of layer `to − 1`
 */
export function forwardRange(net: Network, input: Float64Array, m: number, from: number, to: number, useNoise: boolean): Float64Array {
  const { layers, z, a, spec } = net;
  let x = input;
  for (let l = from; l < to; l++) {
    if (spec.variational && l === spec.encoderLayers && l !== from) {
      sampleCode(net, m, useNoise);
      x = net.code;
    }
    denseForward(layers[l]!, x, m, z[l]!, a[l]!);
    x = a[l]!;
  }
  return x;
}

/**
 * Sum over the `m` rows of the reconstruction loss of `x` (target = input), plus
 * `beta ×` the KL term for a variational net. Forward only.
 *
 * @param net - the engine
 * @param x - `m × inputSize` rows
 * @param m - rows (≤ maxRows)
 * @param useNoise - sample the variational code with `net.noise` (else use the mean)
 * @returns the summed loss (reconstruction sum over all elements + β · KL sum)
 */
export function lossSum(net: Network, x: Float64Array, m: number, useNoise: boolean): number {
  const L = net.layers.length;
  forwardRange(net, x, m, 0, L, useNoise);
  const out = net.layers[L - 1]!.outputSize;
  let s = lossValue(net.spec.loss, net.z[L - 1]!, net.a[L - 1]!, x, m * out);
  if (net.spec.variational) s += net.spec.beta * klSum(net, m);
  return s;
}

/**
 * Forward and backward pass on `m` rows: writes into `net.grad` the gradient of the
 * mean loss `lossSum / (m · inputSize)` with respect to `net.theta`.
 *
 * @param net - the engine
 * @param x - `m × inputSize` rows (targets are the rows themselves)
 * @param m - rows (≤ maxRows)
 * @param useNoise - sample the variational code with `net.noise` (else use the mean)
 * @returns the summed loss (as {@link lossSum})
 */
export function lossAndGradient(net: Network, x: Float64Array, m: number, useNoise: boolean): number {
  const { layers, spec, z, a, gradW, gradB } = net;
  const L = layers.length;
  forwardRange(net, x, m, 0, L, useNoise);
  const last = layers[L - 1]!;
  const d = last.outputSize;
  const scale = 1 / (m * d);
  let cur = net.d0;
  let sum = lossGradient(spec.loss, last.activation, z[L - 1]!, a[L - 1]!, x, m * d, scale, cur);
  const k = spec.latentSize;
  const variational = spec.variational;
  if (variational) sum += spec.beta * klSum(net, m);
  for (let l = L - 1; l >= 0; l--) {
    const layer = layers[l]!;
    const input = l === 0 ? x : variational && l === spec.encoderLayers ? net.code : a[l - 1]!;
    const other = cur === net.d0 ? net.d1 : net.d0;
    denseBackward(layer, input, cur, m, gradW[l]!, gradB[l]!, l > 0 ? other : undefined);
    if (l === 0) break;
    if (variational && l === spec.encoderLayers) {
      // other = dL/dcode (m × k) → cur = dL/d[μ, logσ²] (m × 2k); the head is linear.
      const h = a[l - 1]!;
      const noise = net.noise;
      const kl = scale * spec.beta;
      for (let i = 0; i < m; i++) {
        const hb = i * 2 * k;
        const cb = i * k;
        for (let j = 0; j < k; j++) {
          const g = other[cb + j]!;
          const mu = h[hb + j]!;
          const ev = Math.exp(h[hb + k + j]!);
          cur[hb + j] = g + kl * mu;
          cur[hb + k + j] = (useNoise ? g * noise[cb + j]! * 0.5 * Math.sqrt(ev) : 0) + kl * 0.5 * (ev - 1);
        }
      }
      denseActivationBackward(layers[l - 1]!, z[l - 1]!, h, cur, m);
      continue;
    }
    denseActivationBackward(layers[l - 1]!, z[l - 1]!, a[l - 1]!, other, m);
    cur = other;
  }
  return sum;
}
