import { describe, expect, it } from 'vitest';
import { rng } from '../../src/core/random.js';
import { denseLayer } from '../../src/nn/dense.js';
import { checkInit, glorotUniform, heNormal, resolveInit } from '../../src/nn/init.js';

const moments = (a: Float64Array): [number, number] => {
  const m = a.reduce((s, v) => s + v, 0) / a.length;
  return [m, a.reduce((s, v) => s + (v - m) ** 2, 0) / a.length];
};

describe('initialisers', () => {
  it('Glorot-uniform stays within ±√(6/(in+out)) with the uniform variance limit²/3', () => {
    const w = glorotUniform(64, 32, rng(1), new Float64Array(20000));
    const limit = Math.sqrt(6 / 96);
    expect(Math.max(...w.map(Math.abs))).toBeLessThan(limit);
    const [m, v] = moments(w);
    expect(Math.abs(m)).toBeLessThan(0.01 * limit);
    expect(v / (limit * limit / 3)).toBeGreaterThan(0.97);
    expect(v / (limit * limit / 3)).toBeLessThan(1.03);
  });

  it('He-normal has mean 0 and variance 2/fanIn', () => {
    const w = heNormal(50, rng(2), new Float64Array(20000));
    const [m, v] = moments(w);
    expect(Math.abs(m)).toBeLessThan(0.01);
    expect(v / (2 / 50)).toBeGreaterThan(0.96);
    expect(v / (2 / 50)).toBeLessThan(1.04);
  });

  it('denseLayer is seeded, zero-biased and resolves auto per activation', () => {
    const a = denseLayer(5, 3, rng(9), { activation: 'tanh', init: 'he' });
    const b = denseLayer(5, 3, rng(9), { activation: 'tanh', init: 'he' });
    expect(a.weights).toEqual(b.weights);
    expect(Array.from(a.bias)).toEqual([0, 0, 0]);
    expect(denseLayer(5, 3, rng(9), { activation: 'relu', init: 'auto' }).weights).toEqual(a.weights);
    expect(denseLayer(5, 3, rng(9)).weights).toEqual(glorotUniform(5, 3, rng(9), new Float64Array(15)));
    expect(resolveInit('auto', 'gelu')).toBe('he');
    expect(resolveInit('auto', 'sigmoid')).toBe('glorot');
    expect(resolveInit('he', 'sigmoid')).toBe('he');
  });

  it('denseLayer checks the caller\'s generator under its own name (fuzz: random-not-validated)', () => {
    for (const bad of [[1, 2], [], 10n, Symbol('r'), new Date(0), null]) {
      expect(() => denseLayer(2, 3, bad as never)).toThrow(expect.objectContaining({ code: 'E_TYPE', message: expect.stringMatching(/^denseLayer: random must be a function/) as unknown }));
    }
    for (const init of ['he', 'glorot'] as const) {
      expect(() => denseLayer(2, 3, () => 1, { init })).toThrow(expect.objectContaining({ code: 'E_RANGE', message: 'denseLayer: random() must return a number in [0, 1), got 1' }));
    }
    expect(() => denseLayer(2 ** 16, 2 ** 15, rng(1))).toThrow(expect.objectContaining({ code: 'E_MEMORY' }));
  });

  it('rejects bad names and sizes', () => {
    expect(() => checkInit('f', 'init', 'zeros')).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
    expect(() => denseLayer(0, 3, rng(1))).toThrow(expect.objectContaining({ code: 'E_RANGE' }));
    expect(() => denseLayer(2, 3, rng(1), { init: 'x' as 'he' })).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
  });
});
