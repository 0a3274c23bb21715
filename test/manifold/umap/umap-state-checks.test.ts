import { describe, expect, it } from 'vitest';
import { umapEmbedding, umapResult, umapStart, umapStep } from '../../../src/manifold/umap/state.js';
import { umap, umapAsync } from '../../../src/manifold/umap/umap.js';
import { umapTransform } from '../../../src/manifold/umap/transform.js';
import { expectLatentError } from '../../helpers/latent-error.js';

const X = [[0, 0], [1, 0], [0, 1], [1, 1], [5, 5], [6, 5]];

// Fuzz findings manifold/umapStep-tampered-graph and manifold/divergence-inner-names (UMAP half).
describe('UMAP state graph weights are checked', () => {
  it('a NaN, negative or > 1 graph weight is E_MODEL from every state function', () => {
    for (const bad of [NaN, Infinity, -0.5, 2]) {
      const s = umapStart(X, { nNeighbors: 3, nEpochs: 5 });
      s.graph.values[0] = bad;
      expectLatentError(() => umapStep(s, 1), 'E_MODEL', 'umapStep: ', 'graph');
      expectLatentError(() => umapEmbedding(s), 'E_MODEL', 'umapEmbedding: ', 'graph');
      expectLatentError(() => umapResult(s), 'E_MODEL', 'umapResult: ', 'graph');
    }
    const s = umapStart(X, { nNeighbors: 3, nEpochs: 5 });
    s.graph = { rows: 6, cols: 6, offsets: new Int32Array(7), indices: new Int32Array(0), values: new Float64Array(1) };
    expectLatentError(() => umapStep(s, 1), 'E_MODEL', 'graph');
  });

  it('untampered states (also supervised) pass and give a finite model', () => {
    const s = umapStart(X, { nNeighbors: 3, nEpochs: 5, target: [0, 0, 1, 1, -1, 1] });
    expect(umapResult(umapStep(s, 5)).embedding.data.every(Number.isFinite)).toBe(true);
  });
});

describe('a diverging UMAP optimisation', () => {
  const options = { nNeighbors: 3, nEpochs: 5, learningRate: Number.MAX_VALUE, init: 'random' as const };

  it('is E_CONVERGENCE naming umap / umapAsync / umapStep', async () => {
    expectLatentError(() => umap(X.slice(0, 5), options), 'E_CONVERGENCE', 'umap: ', 'diverged', 'learningRate');
    await expect(umapAsync(X.slice(0, 5), options)).rejects.toThrow(/^umapAsync: the optimisation diverged/);
    const s = umapStart(X, options);
    expectLatentError(() => umapStep(s, 5), 'E_CONVERGENCE', 'umapStep: ', 'diverged');
  });
});

describe('UMAP state training data and init', () => {
  it('a state whose data is not an n × d matrix is E_MODEL', () => {
    const s = umapStart(X, { nNeighbors: 3, nEpochs: 5 });
    expect(s.data).not.toBeNull();
    (s.data as { rows: number }).rows = NaN;
    expectLatentError(() => umapStep(s, 1), 'E_MODEL', 'umapStep: ', 'data must be null or an 6 × d Matrix');
  });

  it("init 'pca' works on data beyond ±2^500 with a metric that does not square (was 'pca: X values …')", () => {
    const big = X.map((row, i) => (i === 0 ? [Number.MAX_VALUE, row[1]!] : row));
    const model = umap(big, { nNeighbors: 3, nEpochs: 5, metric: 'chebyshev', init: 'pca' });
    expect(model.embedding.data.every(Number.isFinite)).toBe(true);
  });
});

describe('UMAP state scalars (deep fuzz)', () => {
  const X = Array.from({ length: 12 }, (_, i) => [i % 4, Math.floor(i / 4), (i * 7) % 5]);
  const fresh = () => umapStart(X, { nNeighbors: 4, nEpochs: 6, seed: 3 });

  it('refuses a negativeSampleRate above the option bound (would loop for ages) and non-finite model scalars', () => {
    expectLatentError(() => umapStep({ ...fresh(), negativeSampleRate: 1e300 }, 2), 'E_MODEL', 'umapStep: state negativeSampleRate must be at most 1e6');
    // the same bound on a model (deep fuzz seed 66: umapTransform looped for ages)
    const model = umapResult(fresh());
    expectLatentError(() => umapTransform({ ...model, negativeSampleRate: 1e300 }, [[0, 0, 0]], { nEpochs: 3 }), 'E_MODEL', 'umapTransform: model negativeSampleRate must be at most 1e6');
    expect(umapTransform({ ...model, negativeSampleRate: 7 }, [[0, 0, 0]], { nEpochs: 3 }).rows).toBe(1);
    const cases: [string, unknown, string][] = [
      ['nNeighbors', NaN, 'nNeighbors must be an integer'],
      ['seed', Infinity, 'seed must be a safe integer'],
      ['spread', NaN, 'spread must be a finite number > 0'],
      ['minDist', -1, 'minDist must be a number in [0, spread'],
      ['localConnectivity', Infinity, 'localConnectivity must be a finite number'],
    ];
    for (const [key, value, message] of cases) expectLatentError(() => umapResult({ ...fresh(), [key]: value }), 'E_MODEL', `umapResult: state ${message}`);
  });

  it('refuses non-finite training data when packaging the model, and passes an untampered state', () => {
    const s = fresh();
    expect(s.data).not.toBeNull();
    const data = { ...s.data!, data: Float64Array.from(s.data!.data) };
    data.data[5] = NaN;
    expectLatentError(() => umapResult({ ...s, data }), 'E_MODEL', 'umapResult: state data values must be finite');
    const model = umapResult(umapStep(fresh(), 6));
    expect(model.embedding.data.every(Number.isFinite)).toBe(true);
  });
});

describe('umapTransform: tampered training data', () => {
  it('names itself when the model data is not finite', async () => {
    const { umapTransform } = await import('../../../src/manifold/umap/transform.js');
    const X = Array.from({ length: 12 }, (_, i) => [i % 4, Math.floor(i / 4), (i * 7) % 5]);
    const model = umap(X, { nNeighbors: 4, nEpochs: 5, seed: 2 });
    const data = { ...model.data!, data: Float64Array.from(model.data!.data) };
    data.data[0] = NaN;
    expectLatentError(() => umapTransform({ ...model, data }, [[0, 0, 0]]), 'E_MODEL', 'umapTransform: model data must be finite');
    expect(umapTransform(model, [[0, 0, 0]]).rows).toBe(1);
  });
});
