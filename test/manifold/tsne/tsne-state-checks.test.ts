import { describe, expect, it } from 'vitest';
import { tsne, tsneAsync } from '../../../src/manifold/tsne/tsne.js';
import { tsneEmbedding, tsneResult, tsneStart, tsneStep, type TsneState } from '../../../src/manifold/tsne/tsne-state.js';
import { expectLatentError, latentErrorCode } from '../../helpers/latent-error.js';

const X = [[0, 0], [1, 0], [0, 1], [1, 1], [2, 2]];
const start = (): TsneState => tsneStart(X, { perplexity: 2, iterations: 10 });

// Fuzz findings manifold/tsne-state-scalars, manifold/tsne-metric-overflow and
// manifold/divergence-inner-names (t-SNE half).
describe('t-SNE state values are checked on use', () => {
  it('a NaN or infinite position, momentum or gain is E_NOT_FINITE naming the caller and the position', () => {
    const s = start();
    s.embedding[3] = Infinity;
    expectLatentError(() => tsneEmbedding(s), 'E_NOT_FINITE', 'tsneEmbedding: ', 'embedding value Infinity', 'row 1, column 1');
    expectLatentError(() => tsneStep(s, 1), 'E_NOT_FINITE', 'tsneStep: ');
    expectLatentError(() => tsneResult(s), 'E_NOT_FINITE', 'tsneResult: ');
    const g = start();
    g.gains[0] = NaN;
    expectLatentError(() => tsneStep(g, 1), 'E_NOT_FINITE', 'gain NaN');
    const u = start();
    u.update[9] = -Infinity;
    expectLatentError(() => tsneEmbedding(u), 'E_NOT_FINITE', 'update value -Infinity');
    // deep fuzz seeds 67, 71: a zero-step call handed a tampered gradient back unchanged
    const gr = start();
    gr.gradient[0] = NaN;
    expectLatentError(() => tsneStep(gr, 0), 'E_NOT_FINITE', 'tsneStep: state gradient must be finite, got NaN at row 0, column 0');
    const f = start();
    f.forces[4] = Infinity;
    expectLatentError(() => tsneStep(f, 0), 'E_NOT_FINITE', 'tsneStep: state forces must be finite');
    const ok = start();
    tsneStep(ok, 3);
    expect(tsneStep(ok, 0).iteration).toBe(3); // a stepped state's scratch is finite
  });

  it('non-finite scalars are E_MODEL (kl may be NaN before it is first computed)', () => {
    const cases: [keyof TsneState, number][] = [
      ['kl', Infinity], ['bestKl', NaN], ['bestIteration', Infinity], ['theta', NaN], ['iteration', Infinity],
      ['iterations', NaN], ['learningRate', NaN], ['earlyExaggeration', Infinity], ['exaggerationIterations', -1],
    ];
    for (const [key, value] of cases) {
      const s = start();
      (s as unknown as Record<string, number>)[key] = value;
      expect(latentErrorCode(() => tsneStep(s, 1)), `${key} = ${value}`).toBe('E_MODEL');
    }
    const fresh = start();
    expect(Number.isNaN(fresh.kl)).toBe(true);
    expect(tsneStep(fresh, 10).iteration).toBe(10);
    expect(Number.isFinite(tsneResult(fresh).kl)).toBe(true);
  });
});

describe('t-SNE with extreme options or metrics', () => {
  it('a custom metric returning huge finite distances is E_RANGE naming the function (both methods)', () => {
    const Y = [[10], [0], [10], [0], [0], [0], [-10]];
    expectLatentError(() => tsneStart(Y, { perplexity: 2, metric: () => 1e300 }), 'E_RANGE', 'tsneStart: ', 'metric distances', '2^500');
    expectLatentError(() => tsne(Y, { perplexity: 2, theta: 0, metric: () => 1e300 }), 'E_RANGE', 'tsne: ', 'metric distances');
    // Large but square-safe distances are fine.
    const r = tsne(Y, { perplexity: 2, iterations: 50, metric: (a, b) => 1e148 * (1 + Math.abs(a[0]! - b[0]!)) });
    expect(r.embedding.data.every(Number.isFinite)).toBe(true);
  });

  it('a diverging fit reports as tsne / tsneAsync, not as the inner tsneStep', async () => {
    expectLatentError(() => tsne(X, { perplexity: 2, earlyExaggeration: 1e300 }), 'E_CONVERGENCE', 'tsne: ', 'diverged');
    await expect(tsneAsync(X, { perplexity: 2, learningRate: Number.MAX_VALUE })).rejects.toThrow(/^tsneAsync: the optimisation diverged/);
    const s = tsneStart(X, { perplexity: 2, learningRate: Number.MAX_VALUE });
    expectLatentError(() => tsneStep(s, 5), 'E_CONVERGENCE', 'tsneStep: ', 'diverged');
  });
});

// Found by FUZZ_DEPTH=5: tampered affinities and Barnes–Hut scratch were handed back as they were.
describe('t-SNE state affinities and tree scratch', () => {
  it('affinities outside [0, 1] (sparse or dense) are E_MODEL', () => {
    const bh = start();
    bh.values[0] = NaN;
    expectLatentError(() => tsneStep(bh, 1), 'E_MODEL', 'affinities must lie in [0, 1]');
    const exact = tsneStart(X, { perplexity: 2, iterations: 10, theta: 0 });
    exact.dense[1] = 2;
    expectLatentError(() => tsneResult(exact), 'E_MODEL', 'affinities must lie in [0, 1]');
  });

  it('NaN / Infinity in the Barnes–Hut tree is E_MODEL even when the run is done (nothing rebuilds it)', () => {
    const s = tsneStep(start(), 10);
    expect(s.phase).toBe('done');
    s.tree!.flat[0] = Infinity;
    expectLatentError(() => tsneStep(s, 1), 'E_MODEL', 'Barnes–Hut tree', 'non-finite');
  });

  it('tree node and point counts must be integers within the arrays (deep fuzz seed 137: size Infinity handed back)', () => {
    for (const [key, value] of [['size', Infinity], ['blocks', -1], ['points', 0.5], ['size', 1e9]] as const) {
      const s = tsneStep(start(), 2);
      (s.tree as unknown as Record<string, number>)[key] = value;
      expectLatentError(() => tsneStep(s, 0), 'E_MODEL', 'Barnes–Hut tree', `${key} must be an integer in [0, `);
    }
    const ok = tsneStep(start(), 2);
    expect(tsneStep(ok, 0).iteration).toBe(2);
  });
});

describe('tsne: a last step that blows the layout up (fuzz FC_SEED=3/4 deep)', () => {
  it('is E_CONVERGENCE from the result, not a NaN kl', () => {
    const X = Array.from({ length: 15 }, (_, i) => [Math.sin(i * 7.1) * 1e-90, Math.cos(i * 3.3) * 1e-120]);
    for (const learningRate of [1e200, Number.MAX_VALUE]) {
      expectLatentError(() => tsne(X, { perplexity: 1, learningRate, iterations: 1, init: 'random', exaggerationIterations: 0, seed: 1 }), 'E_CONVERGENCE', 'tsne: ', 'final layout overflows');
    }
    expect(Number.isFinite(tsne(X, { perplexity: 1, iterations: 1, init: 'random', exaggerationIterations: 0, seed: 1 }).kl)).toBe(true);
  });
});
