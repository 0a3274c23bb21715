import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from '../../src/core/serialize.js';
import { interpolate } from '../../src/core/interpolate.js';
import type { Matrix } from '../../src/core/matrix.js';
import { autoencoder, autoencoderContinue, decode, encode, reconstruct, reconstructionError, sample, type AutoencoderModel } from '../../src/nn/index.js';
import { loadCsv, loadGolden } from '../helpers/data.js';
import { expectLatentError, latentErrorCode } from '../helpers/latent-error.js';

const digits = loadCsv('digits');
/** Digits scaled to [0, 1] (pixel / 16). */
const X: Matrix = { rows: digits.data.rows, cols: digits.data.cols, data: digits.data.data.map((v) => v / 16) };
const small: Matrix = { rows: 200, cols: 64, data: X.data.slice(0, 200 * 64) };

/**
 * PCA-2 reconstruction MSE on digits/16 from scikit-learn's PCA (golden file): the residual
 * variance after 2 components, (total − λ₁ − λ₂)·(n − 1)/n, per feature, scaled by 1/16².
 */
function pca2Mse(): number {
  const g = loadGolden<{ digits_k10: { explainedVariance: number[]; explainedVarianceRatio: number[] } }>('pca').digits_k10;
  const total = g.explainedVariance[0]! / g.explainedVarianceRatio[0]!;
  const resid = total - g.explainedVariance[0]! - g.explainedVariance[1]!;
  return (resid * (X.rows - 1)) / X.rows / X.cols / 256;
}

const mean = (a: Float64Array): number => a.reduce((s, v) => s + v, 0) / a.length;

function sameModel(a: AutoencoderModel, b: AutoencoderModel): void {
  expect(b.encoder.length).toBe(a.encoder.length);
  for (const side of ['encoder', 'decoder'] as const) {
    a[side].forEach((l, i) => {
      expect(b[side][i]!.weights).toEqual(l.weights);
      expect(b[side][i]!.bias).toEqual(l.bias);
    });
  }
  expect(b.training.moment1).toEqual(a.training.moment1);
  expect(b.training.moment2).toEqual(a.training.moment2);
  expect(b.training.rng).toEqual(a.training.rng);
  expect(b.training.step).toBe(a.training.step);
  expect(b.history.loss).toEqual(a.history.loss);
}

describe('autoencoder quality on digits / 16 (PCA-2 reference from scikit-learn)', () => {
  const ref = pca2Mse();

  it('the reference is the known PCA-2 residual (≈ 0.0524)', () => {
    expect(ref).toBeGreaterThan(0.05);
    expect(ref).toBeLessThan(0.055);
  });

  it('a linear autoencoder with a 2-wide bottleneck reaches PCA-2 within 5% and not below it', () => {
    const model = autoencoder(X, { layers: [2], activation: 'linear', epochs: 50, learningRate: 0.01 });
    const mse = mean(reconstructionError(model, X));
    // PCA is the optimum among rank-2 linear maps: a linear autoencoder cannot beat it.
    expect(mse).toBeGreaterThanOrEqual(ref * (1 - 1e-9));
    expect(mse / ref).toBeLessThan(1.05);
  });

  it('a non-linear [32, 2] tanh autoencoder beats PCA-2', () => {
    const model = autoencoder(X, { layers: [32, 2], activation: 'tanh', epochs: 50, batchSize: 64, learningRate: 0.005 });
    expect(mean(reconstructionError(model, X))).toBeLessThan(ref);
  });
});

describe('autoencoder model', () => {
  const opts = { layers: [8, 3], epochs: 3, batchSize: 16 } as const;

  it('has the documented architecture and shapes', () => {
    const model = autoencoder(small, opts);
    expect(model.kind).toBe('autoencoder');
    expect(model.version).toBe(1);
    expect(model.encoder.map((l) => [l.inputSize, l.outputSize, l.activation])).toEqual([[64, 8, 'relu'], [8, 3, 'linear']]);
    expect(model.decoder.map((l) => [l.inputSize, l.outputSize, l.activation])).toEqual([[3, 8, 'relu'], [8, 64, 'linear']]);
    expect(model.history.loss).toHaveLength(3);
    expect(model.history.valLoss.every(Number.isNaN)).toBe(true);
    const Z = encode(model, small);
    expect([Z.rows, Z.cols, Z.data.length]).toEqual([200, 3, 600]);
    const Y = decode(model, Z);
    expect([Y.rows, Y.cols, Y.data.length]).toEqual([200, 64, 200 * 64]);
    // reconstruct is decode ∘ encode.
    expect(reconstruct(model, small).data).toEqual(Y.data);
    const err = reconstructionError(model, small);
    expect(err).toHaveLength(200);
    const y0 = Y.data.subarray(0, 64);
    let e0 = 0;
    for (let j = 0; j < 64; j++) e0 += (y0[j]! - small.data[j]!) ** 2;
    expect(err[0]).toBeCloseTo(e0 / 64, 14);
    // number[][] inputs work as well, and empty inputs give empty outputs.
    expect(encode(model, [Array.from(small.data.subarray(0, 64))]).data).toEqual(Z.data.subarray(0, 3));
    expect(encode(model, []).rows).toBe(0);
  });

  it('training lowers the loss', () => {
    const model = autoencoder(small, { ...opts, epochs: 30 });
    expect(model.history.loss.at(-1)!).toBeLessThan(0.6 * model.history.loss[0]!);
  });

  it('is deterministic: same seed → bit-identical model; another seed differs', () => {
    const a = autoencoder(small, { ...opts, variational: true });
    const b = autoencoder(small, { ...opts, variational: true });
    sameModel(a, b);
    const c = autoencoder(small, { ...opts, seed: 7 });
    expect(c.encoder[0]!.weights).not.toEqual(a.encoder[0]!.weights);
  });

  it('continuing training equals training longer, bit for bit (also from a deserialized copy)', () => {
    for (const extra of [{}, { variational: true, optimizer: 'sgd' as const, validationSplit: 0.2 }]) {
      const full = autoencoder(small, { ...opts, ...extra, epochs: 5 });
      const part = autoencoder(small, { ...opts, ...extra, epochs: 2 });
      const before = serialize(part);
      const more = autoencoderContinue(part, small, { epochs: 3, validationSplit: 'validationSplit' in extra ? 0.2 : 0 });
      sameModel(full, more);
      expect(serialize(part)).toBe(before); // the input model is untouched
      const fromText = autoencoderContinue(deserialize<AutoencoderModel>(before), small, { epochs: 3, validationSplit: 'validationSplit' in extra ? 0.2 : 0 });
      sameModel(full, fromText);
    }
  });

  it('survives serialize / deserialize and structuredClone bit-exactly', () => {
    const model = autoencoder(small, { ...opts, variational: true, validationSplit: 0.25 });
    const text = serialize(model);
    const back = deserialize<AutoencoderModel>(text, { kind: 'autoencoder' });
    expect(back).toEqual(model);
    expect(serialize(back)).toBe(text);
    expect(structuredClone(model)).toEqual(model);
    expect(encode(back, small).data).toEqual(encode(model, small).data);
  });

  it('does not mutate its inputs', () => {
    const data = small.data.slice();
    const rows = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.9, 0.1, 0.5]];
    const rowsCopy = JSON.stringify(rows);
    const layers = [4, 2];
    const model = autoencoder(small, { ...opts, validation: small });
    expect(small.data).toEqual(data);
    const m2 = autoencoder(rows, { layers, epochs: 2 });
    expect(JSON.stringify(rows)).toBe(rowsCopy);
    expect(layers).toEqual([4, 2]);
    const text = serialize(model);
    encode(model, small);
    decode(model, encode(model, small));
    reconstructionError(model, small);
    autoencoderContinue(model, small, { epochs: 1 });
    expect(serialize(model)).toBe(text);
    expect(small.data).toEqual(data);
    expect(m2.layers).not.toBe(layers);
  });

  it('handles degenerate legal input: one row, constant columns, duplicate rows', () => {
    const one = autoencoder([[0.5, 0.5, 0.5]], { layers: [1], epochs: 5, batchSize: 32 });
    expect(encode(one, [[0.5, 0.5, 0.5]]).rows).toBe(1);
    const dup = autoencoder([[1, 0, 2], [1, 0, 2], [1, 0, 2]], { layers: [2], epochs: 20 });
    expect(reconstructionError(dup, [[1, 0, 2]])[0]).toBeGreaterThanOrEqual(0);
  });

  it('decodes interpolated latent points', () => {
    const model = autoencoder(small, opts);
    const Z = encode(model, small);
    const path = interpolate(Z.data.subarray(0, 3), Z.data.subarray(3, 6), 5);
    const out = decode(model, path);
    expect([out.rows, out.cols]).toEqual([5, 64]);
    // The ends of the path decode to the two rows' reconstructions.
    const rec = reconstruct(model, small);
    for (let j = 0; j < 64; j++) {
      expect(out.data[j]).toBeCloseTo(rec.data[j]!, 12);
      expect(out.data[4 * 64 + j]).toBeCloseTo(rec.data[64 + j]!, 12);
    }
  });

  it('validation split, separate validation data, early stopping and best-weight restore', () => {
    const seen: { epoch: number; loss: number; valLoss: number | undefined }[] = [];
    const model = autoencoder(small, { ...opts, epochs: 4, validationSplit: 0.25, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.epoch)).toEqual([1, 2, 3, 4]);
    expect(seen.every((p) => typeof p.valLoss === 'number' && p.valLoss > 0)).toBe(true);
    expect(model.history.valLoss).toEqual(seen.map((p) => p.valLoss));
    expect(model.history.loss).toEqual(seen.map((p) => p.loss));

    // A validation set that gets worse as training proceeds: rows unlike the training data.
    const far: Matrix = { rows: 10, cols: 64, data: new Float64Array(640).fill(5) };
    let epochs = 0;
    const stopped = autoencoder(small, { ...opts, epochs: 200, learningRate: 0.01, validation: far, patience: 3, onProgress: () => epochs++ });
    expect(stopped.history.stoppedEarly).toBe(true);
    expect(epochs).toBeLessThan(200);
    const best = stopped.history.bestEpoch;
    expect(stopped.history.valLoss.length - 1 - best).toBe(3);
    expect(Math.min(...stopped.history.valLoss)).toBe(stopped.history.valLoss[best]);
    // The returned weights are those of the best epoch: its validation loss is reproduced.
    const valNow = mean(reconstructionError(stopped, far));
    expect(valNow).toBeCloseTo(stopped.history.valLoss[best]!, 12);
  });

  it('trains with bce on [0, 1] data (sigmoid output by default) and with SGD', () => {
    const bce = autoencoder(small, { ...opts, loss: 'bce', epochs: 10 });
    expect(bce.outputActivation).toBe('sigmoid');
    const r = reconstruct(bce, small).data;
    expect(r.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(bce.history.loss.at(-1)!).toBeLessThan(bce.history.loss[0]!);
    const sgd = autoencoder(small, { ...opts, optimizer: 'sgd', learningRate: 0.5, epochs: 10, weightDecay: 1e-4, clipNorm: 1 });
    expect(sgd.training.moment2).toHaveLength(0);
    expect(sgd.history.loss.at(-1)!).toBeLessThan(sgd.history.loss[0]!);
  });

  it('weight decay shrinks the weights', () => {
    const sq = (m: AutoencoderModel): number => m.encoder.concat(m.decoder).reduce((s, l) => s + l.weights.reduce((t, w) => t + w * w, 0), 0);
    const plain = autoencoder(small, { ...opts, epochs: 10 });
    const decayed = autoencoder(small, { ...opts, epochs: 10, weightDecay: 0.05 });
    expect(sq(decayed)).toBeLessThan(sq(plain));
  });
});

describe('variational autoencoder', () => {
  const vae = autoencoder(small, { layers: [16, 2], variational: true, epochs: 40, batchSize: 20, learningRate: 0.003 });

  it('has a mean/log-variance head, deterministic encode, and lowers its loss', () => {
    expect(vae.encoder.at(-1)!.outputSize).toBe(4);
    expect(vae.latentSize).toBe(2);
    expect(encode(vae, small).data).toEqual(encode(vae, small).data);
    expect(vae.history.loss.at(-1)!).toBeLessThan(vae.history.loss[0]!);
  });

  it('its codes are roughly standardized by the KL term', () => {
    const Z = encode(vae, small);
    for (let j = 0; j < 2; j++) {
      let s = 0;
      for (let i = 0; i < Z.rows; i++) s += Z.data[i * 2 + j]! ** 2;
      expect(Math.sqrt(s / Z.rows)).toBeLessThan(3);
    }
  });

  it('sample draws seeded rows from the prior', () => {
    const a = sample(vae, 6, { seed: 3 });
    expect([a.rows, a.cols]).toEqual([6, 64]);
    expect(sample(vae, 6, { seed: 3 }).data).toEqual(a.data);
    expect(sample(vae, 6, { seed: 4 }).data).not.toEqual(a.data);
    expect(sample(vae, 0).rows).toBe(0);
  });
});

describe('errors', () => {
  const model = autoencoder(small, { layers: [4, 2], epochs: 1 });

  it('rejects bad layers', () => {
    expect(latentErrorCode(() => autoencoder(small, { layers: [] }))).toBe('E_SHAPE');
    // an array-like of negative length (deep fuzz seeds 57–59: a raw TypeError or an empty model)
    expectLatentError(() => autoencoder(small, { layers: { length: -1 } as unknown as number[] }), 'E_TYPE', 'autoencoder: layers must be an array of positive integers');
    expectLatentError(() => autoencoder(small, { layers: { length: 1.5 } as unknown as number[] }), 'E_TYPE', 'autoencoder: layers must be an array of positive integers');
    expect(latentErrorCode(() => autoencoder(small, { layers: [8, 0] }))).toBe('E_RANGE');
    expect(latentErrorCode(() => autoencoder(small, { layers: [-3] }))).toBe('E_RANGE');
    expect(latentErrorCode(() => autoencoder(small, { layers: [2.5] }))).toBe('E_RANGE');
    expect(latentErrorCode(() => autoencoder(small, { layers: 'big' as unknown as number[] }))).toBe('E_TYPE');
    expect(() => autoencoder(small, { layers: [8, 0] })).toThrow('autoencoder: layers[1] must be an integer in [1, 1000000], got 0');
  });

  it('rejects bad data', () => {
    expect(latentErrorCode(() => autoencoder([[1, NaN]], { epochs: 1 }))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => autoencoder({ rows: 1, cols: 2, data: Float64Array.of(1, Infinity) }, { epochs: 1 }))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => autoencoder([], { epochs: 1 }))).toBe('E_SHAPE');
    expect(latentErrorCode(() => autoencoder([[]], { epochs: 1 }))).toBe('E_SHAPE');
    expect(latentErrorCode(() => autoencoder([[0.5, 1.5]], { loss: 'bce' }))).toBe('E_RANGE');
    expect(latentErrorCode(() => autoencoder([[0.5, -0.1]], { loss: 'bce' }))).toBe('E_RANGE');
    expect(() => autoencoder([[0.5, 1.5]], { loss: 'bce' })).toThrow("autoencoder: X must lie in [0, 1] with loss 'bce', got 1.5 at row 0, column 1");
  });

  it('rejects bad options', () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ activation: 'softmax' }, 'E_OPTION'],
      [{ outputActivation: 'swish' }, 'E_OPTION'],
      [{ latentActivation: 'nope' }, 'E_OPTION'],
      [{ loss: 'mae' }, 'E_OPTION'],
      [{ loss: 'bce', outputActivation: 'linear' }, 'E_OPTION'],
      [{ variational: true, latentActivation: 'tanh' }, 'E_OPTION'],
      [{ variational: 'yes' }, 'E_TYPE'],
      [{ optimizer: 'rmsprop' }, 'E_OPTION'],
      [{ init: 'zeros' }, 'E_OPTION'],
      [{ learningRate: 0 }, 'E_RANGE'],
      [{ learningRate: NaN }, 'E_NOT_FINITE'],
      [{ batchSize: 0 }, 'E_RANGE'],
      [{ epochs: -1 }, 'E_RANGE'],
      [{ epochs: 1.5 }, 'E_RANGE'],
      [{ seed: -1 }, 'E_RANGE'],
      [{ momentum: 1 }, 'E_RANGE'],
      [{ beta1: 1 }, 'E_RANGE'],
      [{ beta2: -0.1 }, 'E_RANGE'],
      [{ epsilon: 0 }, 'E_RANGE'],
      [{ weightDecay: -1 }, 'E_RANGE'],
      [{ clipNorm: 0 }, 'E_RANGE'],
      [{ beta: -1 }, 'E_RANGE'],
      [{ patience: 0 }, 'E_RANGE'],
      [{ restoreBestWeights: 1 }, 'E_TYPE'],
      [{ onProgress: 5 }, 'E_TYPE'],
      [{ validationSplit: 1 }, 'E_RANGE'],
      [{ validationSplit: 0.2, validation: small }, 'E_OPTION'],
      [{ validation: [[1, 2]] }, 'E_SHAPE'],
    ];
    for (const [o, c] of bad) expect([o, latentErrorCode(() => autoencoder(small, { epochs: 1, ...o }))]).toEqual([o, c]);
    expect(latentErrorCode(() => autoencoder([[0.1], [0.2]], { validationSplit: 0.9 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => autoencoder(small, null as unknown as object))).toBe('E_TYPE');
  });

  it('rejects wrong widths and wrong models', () => {
    expect(latentErrorCode(() => encode(model, [[1, 2, 3]]))).toBe('E_SHAPE');
    expect(latentErrorCode(() => reconstruct(model, [[1, 2, 3]]))).toBe('E_SHAPE');
    expect(latentErrorCode(() => reconstructionError(model, [[1, 2, 3]]))).toBe('E_SHAPE');
    expect(latentErrorCode(() => decode(model, [[1, 2, 3]]))).toBe('E_SHAPE');
    expect(latentErrorCode(() => autoencoderContinue(model, [[1, 2, 3]]))).toBe('E_SHAPE');
    expect(() => decode(model, [[1, 2, 3]])).toThrow('decode: Z columns must be 2, got 3');
    const pca = deserialize(serialize({ kind: 'pca', version: 1 }));
    for (const f of [encode, decode, reconstruct, reconstructionError] as const) {
      expect(latentErrorCode(() => f(pca as unknown as AutoencoderModel, small))).toBe('E_MODEL');
    }
    expect(latentErrorCode(() => sample(pca as unknown as AutoencoderModel, 1))).toBe('E_MODEL');
    expect(latentErrorCode(() => autoencoderContinue(pca as unknown as AutoencoderModel, small))).toBe('E_MODEL');
    expect(latentErrorCode(() => sample(model, 1))).toBe('E_MODEL'); // not variational
    expect(latentErrorCode(() => encode({ ...model, version: 2 } as unknown as AutoencoderModel, small))).toBe('E_MODEL');
    expect(latentErrorCode(() => encode(null as unknown as AutoencoderModel, small))).toBe('E_MODEL');
  });

  it('rejects corrupt models', () => {
    const corrupt = (patch: (m: AutoencoderModel) => void): string => {
      const m = structuredClone(model);
      patch(m);
      return latentErrorCode(() => encode(m, small));
    };
    expect(corrupt((m) => (m.inputSize = 0))).toBe('E_MODEL');
    expect(corrupt((m) => (m.latentSize = 3))).toBe('E_MODEL');
    expect(corrupt((m) => (m.encoder = []))).toBe('E_MODEL');
    expect(corrupt((m) => (m.encoder[0]!.weights = new Float64Array(3)))).toBe('E_MODEL');
    expect(corrupt((m) => (m.encoder[1]!.bias = new Float64Array(5)))).toBe('E_MODEL');
    expect(corrupt((m) => (m.decoder[0]!.inputSize = 9))).toBe('E_MODEL');
    expect(corrupt((m) => ((m.encoder as unknown[])[0] = null))).toBe('E_MODEL');
    expect(corrupt((m) => (m.encoder[1]!.outputSize = 0))).toBe('E_MODEL');
    expect(corrupt((m) => (m.decoder[1]!.outputSize = 63))).toBe('E_MODEL');
    expect(corrupt((m) => (m.decoder[1]!.activation = 'swish' as 'relu'))).toBe('E_MODEL');
    expect(corrupt((m) => ((m as unknown as Record<string, unknown>)['variational'] = 1))).toBe('E_MODEL');
    expect(corrupt((m) => ((m as unknown as Record<string, unknown>)['loss'] = 'mae'))).toBe('E_MODEL');
    expect(corrupt((m) => ((m as unknown as Record<string, unknown>)['training'] = null))).toBe('E_MODEL');
    expect(corrupt((m) => ((m.training as unknown as Record<string, unknown>)['optimizer'] = 'rmsprop'))).toBe('E_MODEL');
    expect(corrupt((m) => ((m as unknown as Record<string, unknown>)['history'] = {}))).toBe('E_MODEL');
    const noMoments = structuredClone(model);
    noMoments.training.moment1 = new Float64Array(2);
    expect(latentErrorCode(() => autoencoderContinue(noMoments, small))).toBe('E_MODEL');
    expect(latentErrorCode(() => autoencoderContinue(model, small, 'more' as unknown as object))).toBe('E_TYPE');
    expect(latentErrorCode(() => autoencoderContinue(model, small, { epochs: -1 }))).toBe('E_RANGE');
    const noRng = structuredClone(model);
    noRng.training.rng = new Uint32Array(2);
    expect(latentErrorCode(() => autoencoderContinue(noRng, small))).toBe('E_MODEL');
  });

  it('aborts with E_ABORTED, before and during training', () => {
    const ac = new AbortController();
    ac.abort();
    expect(latentErrorCode(() => autoencoder(small, { signal: ac.signal }))).toBe('E_ABORTED');
    const ac2 = new AbortController();
    let calls = 0;
    const run = (): unknown =>
      autoencoder(small, {
        epochs: 50,
        signal: ac2.signal,
        onProgress: () => {
          calls++;
          if (calls === 2) ac2.abort();
        },
      });
    expect(latentErrorCode(run)).toBe('E_ABORTED');
    expect(calls).toBe(2);
  });

  it('reports divergence as E_CONVERGENCE instead of returning NaN weights', () => {
    const huge: Matrix = { rows: 50, cols: 4, data: Float64Array.from({ length: 200 }, (_, i) => ((i * 7919) % 13) * 1e150) };
    expect(latentErrorCode(() => autoencoder(huge, { layers: [2], optimizer: 'sgd', learningRate: 10, epochs: 20 }))).toBe('E_CONVERGENCE');
  });

  it('sample rejects bad n and seed', () => {
    const vae = autoencoder(small, { layers: [2], variational: true, epochs: 1 });
    expect(latentErrorCode(() => sample(vae, -1))).toBe('E_RANGE');
    expect(latentErrorCode(() => sample(vae, 1.5))).toBe('E_RANGE');
    expect(latentErrorCode(() => sample(vae, 2, { seed: -2 }))).toBe('E_RANGE');
  });
});

describe('tampered models', () => {
  const base = autoencoder([[0, 1], [1, 0], [1, 1], [0, 0]], { layers: [2], epochs: 2, seed: 1 });

  it('NaN or infinite weights are E_NOT_FINITE (reachable through deserialize)', () => {
    const bad = structuredClone(base);
    bad.encoder[0]!.weights[0] = NaN;
    // Through a save/load round trip, as a tampered file would arrive.
    const loaded = deserialize<AutoencoderModel>(serialize(bad));
    expectLatentError(() => encode(loaded, [[0, 1]]), 'E_NOT_FINITE', 'encode: model encoder[0].weights must be finite, got NaN');
    const inf = structuredClone(base);
    inf.decoder[0]!.bias[0] = Infinity;
    expectLatentError(() => decode(inf, [[0, 1]]), 'E_NOT_FINITE', 'decode: model decoder[0].bias must be finite, got Infinity');
  });

  it('autoencoderContinue rejects training state outside its valid ranges', () => {
    for (const [key, value] of [['beta1', -1], ['beta2', 1], ['momentum', 2], ['learningRate', 0], ['epsilon', NaN], ['batchSize', 0], ['step', -1]] as const) {
      const bad = structuredClone(base);
      (bad.training as unknown as Record<string, number>)[key] = value;
      expectLatentError(() => autoencoderContinue(bad, [[0, 1]], { epochs: 1 }), 'E_MODEL', `autoencoderContinue: model training.${key} must be`);
    }
  });
});
