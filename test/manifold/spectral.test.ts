import { describe, expect, it } from 'vitest';
import type { Matrix64 } from '../../src/core/matrix.js';
import { spectralEmbedding } from '../../src/manifold/spectral.js';
import { expectLatentError } from '../helpers/latent-error.js';
import { loadCsv, loadGolden, zscore } from '../helpers/data.js';

interface Extra {
  spectral: { data: string; nNeighbors: number; embedding: number[][] }[];
}
const golden = loadGolden<{ swissRoll: { data: number[][] } }>('manifold');
const extra = loadGolden<Extra>('manifold-extra');
const roll400: Matrix64 = { rows: 400, cols: 3, data: Float64Array.from(golden.swissRoll.data.slice(0, 400).flat()) };
const wine = zscore(loadCsv('wine').data);

/** Largest |ref − ours| relative to max|ref|, per column (signs are part of the convention). */
function errors(ref: number[][], got: Matrix64): number[] {
  return [0, 1].map((c) => {
    let num = 0;
    let den = 0;
    for (let i = 0; i < ref.length; i++) {
      num = Math.max(num, Math.abs(ref[i]![c]! - got.data[i * 2 + c]!));
      den = Math.max(den, Math.abs(ref[i]![c]!));
    }
    return num / den;
  });
}

describe('spectralEmbedding (golden: scikit-learn 1.9.1 SpectralEmbedding)', () => {
  it('matches on the swiss roll (nNeighbors 10) and standardised wine (default nNeighbors) with every solver, signs included', () => {
    for (const ref of extra.spectral) {
      const X = ref.data === 'wine_std' ? wine : roll400;
      // The dense solver (O(n³)) only on the small data set.
      const solvers = ref.data === 'wine_std' ? (['auto', 'lanczos', 'shift-invert', 'dense'] as const) : (['auto', 'lanczos', 'shift-invert'] as const);
      for (const eigenSolver of solvers) {
        const r = spectralEmbedding(X, { nNeighbors: ref.data === 'wine_std' ? undefined : ref.nNeighbors, eigenSolver });
        expect(r.nNeighbors).toBe(ref.nNeighbors);
        for (const e of errors(ref.embedding, r.embedding)) expect(e).toBeLessThan(1e-6);
        expect(r.eigenvalues[0]!).toBeLessThanOrEqual(r.eigenvalues[1]!);
      }
    }
  });
});

describe('spectralEmbedding (behaviour)', () => {
  it('is deterministic, reports progress and honours an abort', () => {
    const stages = new Set<string>();
    const a = spectralEmbedding(roll400, { nNeighbors: 10, onProgress: (p) => stages.add(p.stage) });
    const b = spectralEmbedding(roll400, { nNeighbors: 10 });
    expect(a.embedding.data).toEqual(b.embedding.data);
    expect(stages.has('neighbors')).toBe(true);
    const ac = new AbortController();
    ac.abort();
    expectLatentError(() => spectralEmbedding(roll400, { signal: ac.signal }), 'E_ABORTED');
  });

  it('rejects bad input with coded errors', () => {
    expectLatentError(() => spectralEmbedding(roll400, { dims: 399 }), 'E_RANGE', 'dims');
    expectLatentError(() => spectralEmbedding(roll400, { nNeighbors: 1 }), 'E_RANGE', 'nNeighbors');
    expectLatentError(() => spectralEmbedding(roll400, { nNeighbors: 401 }), 'E_RANGE', 'nNeighbors');
    expectLatentError(() => spectralEmbedding(roll400, { eigenSolver: 'amg' as 'dense' }), 'E_OPTION', 'eigenSolver');
    expectLatentError(() => spectralEmbedding([[0], [1], [2]]), 'E_SHAPE', 'at least 4 rows');
    const two = { rows: 8, cols: 2, data: Float64Array.from([0, 0, 0, 1, 1, 0, 1, 1, 100, 100, 100, 101, 101, 100, 101, 101]) };
    expectLatentError(() => spectralEmbedding(two, { nNeighbors: 4, dims: 1 }), 'E_RANGE', 'connected');
  });
});
