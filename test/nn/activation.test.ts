import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, activate, activationBackward, checkActivation, LEAKY_RELU_SLOPE, sigmoid, softplus } from '../../src/nn/activation.js';
import { bceWithLogits, checkLoss, lossGradient, lossValue } from '../../src/nn/loss.js';

const apply = (name: (typeof ACTIVATIONS)[number], v: number[]): number[] => Array.from(activate(name, Float64Array.from(v), new Float64Array(v.length)));

describe('activations', () => {
  it('compute their textbook values', () => {
    expect(apply('linear', [-2, 3])).toEqual([-2, 3]);
    expect(apply('relu', [-2, 0, 3])).toEqual([0, 0, 3]);
    expect(apply('leakyRelu', [-2, 3])).toEqual([-2 * LEAKY_RELU_SLOPE, 3]);
    expect(apply('tanh', [0.5])[0]).toBeCloseTo(Math.tanh(0.5), 15);
    expect(apply('sigmoid', [0, 2])).toEqual([0.5, 1 / (1 + Math.exp(-2))]);
    // GELU(1) with the tanh approximation: 0.5·(1 + tanh(√(2/π)·1.044715)).
    expect(apply('gelu', [1])[0]).toBeCloseTo(0.5 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * 1.044715)), 15);
    // …which is within 1e-3 of the exact x·Φ(x) = 0.8413447460685429 at x = 1.
    expect(Math.abs(apply('gelu', [1])[0]! - 0.8413447460685429)).toBeLessThan(1e-3);
  });

  it('stay finite and exact at extreme inputs (no overflow)', () => {
    const extremes = [-1e308, -1000, -710, -50, 50, 710, 1000, 1e308];
    for (const name of ACTIVATIONS) {
      const z = Float64Array.from(extremes);
      const a = activate(name, z, new Float64Array(z.length));
      const g = activationBackward(name, z, a, new Float64Array(z.length).fill(1), new Float64Array(z.length));
      for (let i = 0; i < z.length; i++) {
        expect(Number.isFinite(a[i]!) || name === 'linear' || name === 'relu' || name === 'leakyRelu' || name === 'gelu').toBe(true);
        expect(Number.isNaN(a[i]!)).toBe(false);
        expect(Number.isFinite(g[i]!)).toBe(true);
      }
    }
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-40)).toBeGreaterThan(0); // not flushed to 0 by 1 / (1 + e^40) rounding
    expect(apply('gelu', [1e200, -1e200])).toEqual([1e200, 0]);
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
    expect(softplus(0)).toBe(Math.LN2);
    expect(softplus(-40)).toBeCloseTo(Math.exp(-40), 30);
  });

  it('derivatives match central differences away from kinks', () => {
    for (const name of ACTIVATIONS) {
      fc.assert(
        fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (x) => {
          if ((name === 'relu' || name === 'leakyRelu') && Math.abs(x) < 1e-3) return;
          const h = 1e-6;
          const f = (v: number): number => apply(name, [v])[0]!;
          const fd = (f(x + h) - f(x - h)) / (2 * h);
          const z = Float64Array.of(x);
          const a = activate(name, z, new Float64Array(1));
          const g = activationBackward(name, z, a, Float64Array.of(1), new Float64Array(1))[0]!;
          expect(Math.abs(g - fd)).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd)));
        }),
        { numRuns: 200 },
      );
    }
  });

  it('work in place (out === z, out === grad)', () => {
    const z = Float64Array.of(-1, 2);
    activate('relu', z, z);
    expect(Array.from(z)).toEqual([0, 2]);
    const g = Float64Array.of(3, 3);
    activationBackward('relu', Float64Array.of(-1, 2), Float64Array.of(0, 2), g, g);
    expect(Array.from(g)).toEqual([0, 3]);
  });

  it('reject unknown names with E_OPTION', () => {
    expect(() => checkActivation('f', 'activation', 'softmax')).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
    expect(() => checkLoss('f', 'loss', 'mae')).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
  });
});

describe('losses', () => {
  it('bce from logits equals the probability form where that is finite, and stays finite beyond', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (z, y) => {
        const p = 1 / (1 + Math.exp(-z));
        const naive = -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
        if (Number.isFinite(naive) && p > 1e-12 && p < 1 - 1e-12) expect(bceWithLogits(z, y)).toBeCloseTo(naive, 8);
        expect(bceWithLogits(z, y)).toBeGreaterThanOrEqual(-1e-15);
      }),
    );
    expect(bceWithLogits(1000, 0)).toBe(1000);
    expect(bceWithLogits(-1000, 1)).toBe(1000);
    expect(bceWithLogits(1000, 1)).toBe(0);
  });

  it('lossValue and lossGradient agree on the value; bce gradient is sigmoid(z) − y', () => {
    const z = Float64Array.of(-3, 0.5, 4);
    const a = activate('sigmoid', z, new Float64Array(3));
    const y = Float64Array.of(0, 1, 0.25);
    const dz = new Float64Array(3);
    const s = lossGradient('bce', 'sigmoid', z, a, y, 3, 2, dz);
    expect(s).toBe(lossValue('bce', z, a, y, 3));
    for (let i = 0; i < 3; i++) expect(dz[i]).toBeCloseTo(2 * (sigmoid(z[i]!) - y[i]!), 15);
    const m = lossGradient('mse', 'linear', z, z, y, 3, 1, dz);
    expect(m).toBeCloseTo(9 + 0.25 + 3.75 ** 2, 12);
    expect(Array.from(dz)).toEqual([-6, -1, 7.5]);
  });
});
