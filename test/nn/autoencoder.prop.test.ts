import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from '../../src/core/serialize.js';
import { ACTIVATIONS } from '../../src/nn/activation.js';
import { autoencoder, decode, encode, reconstruct, reconstructionError, type AutoencoderModel, type AutoencoderOptions } from '../../src/nn/index.js';

const setup = fc
  .record({
    rows: fc.integer({ min: 1, max: 12 }),
    cols: fc.integer({ min: 1, max: 6 }),
    hidden: fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 2 }),
    latent: fc.integer({ min: 1, max: 3 }),
    activation: fc.constantFrom(...ACTIVATIONS),
    variational: fc.boolean(),
    loss: fc.constantFrom('mse' as const, 'bce' as const),
    optimizer: fc.constantFrom('adam' as const, 'sgd' as const),
    batchSize: fc.integer({ min: 1, max: 8 }),
    seed: fc.nat(1e6),
  })
  .chain((s) =>
    fc
      .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: s.rows * s.cols, maxLength: s.rows * s.cols })
      .map((v) => ({ ...s, X: { rows: s.rows, cols: s.cols, data: Float64Array.from(v) } })),
  );


function fit(s: { hidden: number[]; latent: number; activation: (typeof ACTIVATIONS)[number]; variational: boolean; loss: 'mse' | 'bce'; optimizer: 'adam' | 'sgd'; batchSize: number; seed: number; X: { rows: number; cols: number; data: Float64Array } }): AutoencoderModel {
  const options: AutoencoderOptions = {
    layers: [...s.hidden, s.latent],
    activation: s.activation,
    variational: s.variational,
    loss: s.loss,
    optimizer: s.optimizer,
    batchSize: s.batchSize,
    seed: s.seed,
    epochs: 2,
  };
  return autoencoder(s.X, options);
}

describe('autoencoder properties', () => {
  it('shapes of encode / decode / reconstruct / reconstructionError', () => {
    fc.assert(
      fc.property(setup, (s) => {
        const model = fit(s);
        const Z = encode(model, s.X);
        expect([Z.rows, Z.cols, Z.data.length]).toEqual([s.rows, s.latent, s.rows * s.latent]);
        const Y = decode(model, Z);
        expect([Y.rows, Y.cols, Y.data.length]).toEqual([s.rows, s.cols, s.rows * s.cols]);
        expect(reconstruct(model, s.X).data).toEqual(Y.data);
        const e = reconstructionError(model, s.X);
        expect(e.length).toBe(s.rows);
        expect(e.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
        if (s.loss === 'bce') expect(Y.data.every((v) => v >= 0 && v <= 1)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('same seed → bit-identical model; serialize → deserialize is bit-exact; inputs untouched', () => {
    fc.assert(
      fc.property(setup, (s) => {
        const copy = s.X.data.slice();
        const a = fit(s);
        const b = fit(s);
        const text = serialize(a);
        expect(serialize(b)).toBe(text);
        const back = deserialize<AutoencoderModel>(text);
        expect(serialize(back)).toBe(text);
        expect(back).toEqual(a);
        expect(encode(back, s.X).data).toEqual(encode(a, s.X).data);
        expect(s.X.data).toEqual(copy);
      }),
      { numRuns: 40 },
    );
  });
});
