/**
 * Tampered autoencoder models found by deep fuzzing (FC_SEED=3…5): the widths list and the
 * training history are checked like the weights, and training that blows up the optimiser state
 * while the loss stays finite is E_CONVERGENCE, not an infinite moment in the result.
 */
import { describe, expect, it } from 'vitest';
import { autoencoder } from '../../src/nn/autoencoder.js';
import type { AutoencoderModel } from '../../src/nn/model.js';
import { autoencoderContinue } from '../../src/nn/continue.js';
import { sample } from '../../src/nn/sample.js';
import { expectLatentError } from '../helpers/latent-error.js';

const X = Array.from({ length: 8 }, (_, i) => [i / 8, (i % 3) / 3, ((i * 5) % 7) / 7, 0.5]);
const fitted = autoencoder(X, { layers: [3, 2], epochs: 2, seed: 1, batchSize: 4 });
const copy = (): AutoencoderModel => structuredClone(fitted);

describe('autoencoder: tampered models', () => {
  it('layers must be a non-empty array of positive integers (sample read null as a raw TypeError)', () => {
    for (const layers of [null, [], [2, 0], [2.5], ['2']]) {
      const m = { ...copy(), layers } as unknown as AutoencoderModel;
      expectLatentError(() => sample(m, 2, { seed: 1 }), 'E_MODEL', 'sample: model layers must be a non-empty array of positive integers');
      expectLatentError(() => autoencoderContinue(m, X, { epochs: 1 }), 'E_MODEL', 'autoencoderContinue: model layers');
    }
  });

  it('history entries must be numbers: a NaN or infinite loss would pass into the continued model', () => {
    const m = copy();
    m.history.loss[0] = NaN;
    expectLatentError(() => autoencoderContinue(m, X, { epochs: 0 }), 'E_MODEL', 'history.loss must hold finite numbers, got NaN');
    const v = copy();
    v.history.valLoss[0] = Infinity;
    expectLatentError(() => autoencoderContinue(v, X, { epochs: 1 }), 'E_MODEL', 'history.valLoss must hold finite numbers');
    const ok = copy();
    ok.history.valLoss[0] = NaN; // no validation rows in that epoch: legal
    expect(autoencoderContinue(ok, X, { epochs: 1 }).history.loss.length).toBe(3);
  });

  it('an optimiser state that overflows while the loss stays finite is E_CONVERGENCE', () => {
    const m = copy();
    m.training.weightDecay = 1e300;
    expectLatentError(() => autoencoderContinue(m, X, { epochs: 2 }), 'E_CONVERGENCE', 'autoencoderContinue: training diverged, the ', 'became non-finite in epoch 3');
    expectLatentError(() => autoencoder(X, { layers: [3, 2], epochs: 2, seed: 1, weightDecay: 1e300 }), 'E_CONVERGENCE', 'autoencoder: training diverged');
  });
});
