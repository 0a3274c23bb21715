import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rng } from '../../src/core/random.js';
import { ACTIVATIONS, type ActivationName } from '../../src/nn/activation.js';
import { autoencoder } from '../../src/nn/autoencoder.js';
import { denseActivationBackward, denseBackward, denseForward, denseLayer } from '../../src/nn/dense.js';
import type { LossName } from '../../src/nn/loss.js';
import { modelSpec } from '../../src/nn/model.js';
import { createNetwork, flattenParameters, lossAndGradient, lossSum, parameterCount, type Network } from '../../src/nn/network.js';

// Central differences in float64: truncation O(h²) and round-off O(ε/h) are both ~1e-10 here.
const H = 1e-5;
// Pre-activations closer than this to a kink (relu, leakyRelu at 0) would make the finite difference straddle it.
const KINK = 1e-3;

function relError(a: Float64Array, b: Float64Array): number {
  let num = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - b[i]!) ** 2;
    na += a[i]! ** 2;
    nb += b[i]! ** 2;
  }
  const scale = Math.max(Math.sqrt(na), Math.sqrt(nb));
  return scale === 0 ? 0 : Math.sqrt(num) / scale;
}

/**
 * ‖a − fd‖ within 1e-6 relative, plus the round-off floor of central differences: each
 * difference quotient carries about ε·|f| / h of noise, so a nearly flat loss (dead relu units,
 * FC_SEED=75: ‖∇‖ = 2.7e-5 at f = 1.3) cannot be checked to 1e-6 relative. Measured on that
 * case: error 9e-9 at h = 1e-3, 1.2e-6 at h = 1e-5, 6.5e-6 at h = 1e-6 (∝ 1/h: round-off, not
 * a wrong gradient).
 */
function expectGradient(a: Float64Array, fd: Float64Array, f: number): void {
  let num = 0;
  for (let i = 0; i < a.length; i++) num += (a[i]! - fd[i]!) ** 2;
  const floor = (4 * Math.sqrt(a.length) * 2.220446049250313e-16 * Math.max(1, Math.abs(f))) / H;
  expect(Math.sqrt(num)).toBeLessThanOrEqual(1e-6 * Math.max(norm2(a), norm2(fd)) + floor);
}

function norm2(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
  return Math.sqrt(s);
}

function nearKink(net: Network): boolean {
  for (let l = 0; l < net.layers.length; l++) {
    const act = net.layers[l]!.activation;
    if (act !== 'relu' && act !== 'leakyRelu') continue;
    const z = net.z[l]!;
    for (let i = 0; i < z.length; i++) if (Math.abs(z[i]!) < KINK) return true;
  }
  return false;
}

const matrixArb = (lo: number, hi: number): fc.Arbitrary<{ rows: number; cols: number; data: Float64Array }> =>
  fc
    .record({ rows: fc.integer({ min: 1, max: 5 }), cols: fc.integer({ min: 2, max: 5 }) })
    .chain(({ rows, cols }) =>
      fc
        .array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: rows * cols, maxLength: rows * cols })
        .map((v) => ({ rows, cols, data: Float64Array.from(v) })),
    );

describe('dense layer backward = central finite differences', () => {
  it.each(ACTIVATIONS)('%s: dW, db and dx', (activation) => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.nat(1000),
        (m, inp, out, seed) => {
          const random = rng(seed);
          const layer = denseLayer(inp, out, random, { activation });
          for (let j = 0; j < out; j++) layer.bias[j] = random() - 0.5;
          const x = Float64Array.from({ length: m * inp }, () => 4 * random() - 2);
          const c = Float64Array.from({ length: m * out }, () => random() - 0.5);
          const z = new Float64Array(m * out);
          const a = new Float64Array(m * out);
          // f = Σ c ⊙ a(x)
          const f = (): number => {
            denseForward(layer, x, m, z, a);
            let s = 0;
            for (let i = 0; i < m * out; i++) s += c[i]! * a[i]!;
            return s;
          };
          f();
          if ((activation === 'relu' || activation === 'leakyRelu') && z.some((v) => Math.abs(v) < KINK)) return;
          const dz = c.slice();
          denseActivationBackward(layer, z, a, dz, m);
          const dW = new Float64Array(inp * out);
          const db = new Float64Array(out);
          const dx = new Float64Array(m * inp);
          denseBackward(layer, x, dz, m, dW, db, dx);
          const fd = (arr: Float64Array): Float64Array => {
            const g = new Float64Array(arr.length);
            for (let i = 0; i < arr.length; i++) {
              const keep = arr[i]!;
              arr[i] = keep + H;
              const fp = f();
              arr[i] = keep - H;
              const fm = f();
              arr[i] = keep;
              g[i] = (fp - fm) / (2 * H);
            }
            return g;
          };
          expect(relError(dW, fd(layer.weights))).toBeLessThan(1e-6);
          expect(relError(db, fd(layer.bias))).toBeLessThan(1e-6);
          expect(relError(dx, fd(x))).toBeLessThan(1e-6);
        },
      ),
      { numRuns: 40 },
    );
  });
});

interface Combo {
  activation: ActivationName;
  loss: LossName;
  outputActivation: ActivationName;
  variational: boolean;
}

const combos: Combo[] = [];
for (const activation of ACTIVATIONS) {
  for (const variational of [false, true]) {
    for (const outputActivation of ACTIVATIONS) combos.push({ activation, loss: 'mse', outputActivation, variational });
    combos.push({ activation, loss: 'bce', outputActivation: 'sigmoid', variational });
  }
}

describe('autoencoder loss gradient = central finite differences (every activation × loss × output × bottleneck)', () => {
  it.each(combos)('$activation hidden, $loss + $outputActivation output, variational $variational', ({ activation, loss, outputActivation, variational }) => {
    const [lo, hi] = loss === 'bce' ? [0, 1] : [-2, 2];
    fc.assert(
      fc.property(matrixArb(lo, hi), fc.nat(1000), fc.double({ min: 0.1, max: 2, noNaN: true }), (X, seed, beta) => {
        const model = autoencoder(X, {
          layers: [4, 2],
          activation,
          // The latent layer gets the hidden activation too, so every activation is checked in that position.
          latentActivation: variational ? 'linear' : activation,
          outputActivation,
          loss,
          variational,
          beta,
          epochs: 0,
          seed,
        });
        const spec = modelSpec(model);
        const theta = flattenParameters(spec.layers, new Float64Array(parameterCount(spec.layers)));
        // Non-zero biases so every bias gradient is exercised away from the initial 0.
        const random = rng(seed + 1);
        for (let i = 0; i < theta.length; i++) theta[i] = theta[i]! + 0.2 * (random() - 0.5);
        const net = createNetwork(spec, theta, X.rows);
        for (let i = 0; i < net.noise.length; i++) net.noise[i] = 2 * random() - 1;
        const scale = 1 / (X.rows * X.cols);
        lossAndGradient(net, X.data, X.rows, true);
        if (nearKink(net)) return;
        const analytic = net.grad.slice();
        const f0 = lossSum(net, X.data, X.rows, true) * scale;
        const fd = new Float64Array(theta.length);
        for (let i = 0; i < theta.length; i++) {
          const keep = theta[i]!;
          theta[i] = keep + H;
          const fp = lossSum(net, X.data, X.rows, true) * scale;
          theta[i] = keep - H;
          const fm = lossSum(net, X.data, X.rows, true) * scale;
          theta[i] = keep;
          fd[i] = (fp - fm) / (2 * H);
        }
        expectGradient(analytic, fd, f0);
      }),
      { numRuns: 8 },
    );
  });
});
