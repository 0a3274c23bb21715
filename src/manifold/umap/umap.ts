/**
 * Uniform Manifold Approximation and Projection: `umap` (synchronous) and `umapAsync` (yields
 * to the event loop so an `AbortSignal` or a UI can interrupt it).
 */
import type { MatrixLike } from '../../core/matrix.js';
import { runAsync, runSync, type Work } from '../../core/task.js';
import type { UmapModel } from './model.js';
import { resolveUmapOptions, type ResolvedUmapOptions, type UmapOptions } from './options.js';
import { prepareWork } from './prepare.js';
import { optimizeWork, umapResultAs } from './state.js';

/** The whole fit as one generator: preparation, then the epochs, then the model. */
function* umapWork(o: ResolvedUmapOptions): Work<UmapModel> {
  const state = yield* prepareWork(o);
  yield* optimizeWork(o.fn, state);
  return umapResultAs(o.fn, state);
}

/**
 * Embeds the rows of `X` with UMAP, following umap-learn 0.5 (defaults included):
 *
 * 1. the `nNeighbors − 1` nearest other rows of each row from `knnGraph` with
 *    `method: 'auto'` (exact for small n, NN-descent above a few thousand rows; custom metric
 *    functions always exact) — or a precomputed graph via `knn`;
 * 2. per row, ρ (distance to the nearest neighbour) and σ (binary search so the memberships
 *    `exp(−(d − ρ)/σ)` sum to log₂ nNeighbors), then the fuzzy union `P + Pᵀ − P∘Pᵀ` of the
 *    directed memberships; with `target`, umap-learn's categorical intersection;
 * 3. a, b of the embedding curve `1/(1 + a·d^(2b))` fitted to `minDist`/`spread` by least
 *    squares (umap-learn's `find_ab_params`: a ≈ 1.577, b ≈ 0.895 by default);
 * 4. edges weaker than max/nEpochs dropped; each kept edge sampled every
 *    `max/weight` epochs;
 * 5. initial layout (`'spectral'` by default: normalized-Laplacian eigenvectors, per
 *    connected component), rescaled to [0, 10];
 * 6. `nEpochs` epochs (500 for n ≤ 10 000, 200 above) of SGD: attraction along sampled edges,
 *    `negativeSampleRate` random repulsions per sample, gradients clipped at ±4, learning rate
 *    decaying linearly from `learningRate` to 0.
 *
 * Deterministic: a seed gives the same bits on every engine (seeded integer generators; the
 * transcendental functions are `detExp`/`detLog` or the table-based `scaledPow`; the SGD is
 * sequential). umap-learn's results differ (other random streams, float32 arithmetic, its
 * approximate neighbours), not its algorithm.
 *
 * Cost: the neighbour graph (O(n² · d) when exact; NN-descent's joins, about
 * O(n · nNeighbors² · d) per iteration, above), then O(nEpochs · edges) for the optimisation with
 * edges ≈ 1.5 · n · nNeighbors. Memory O(n · (d + nNeighbors)): see {@link UmapModel} for what
 * the model keeps. Float32 input is read in place by the neighbour search (NN-descent, and the
 * exact brute force above 20 columns; a tree at ≤ 20 columns or a custom metric function works on
 * a Float64 copy); the model keeps a copy in the input's own type.
 *
 * Abort: `signal` is checked at every checkpoint (every block of rows during the search, every
 * ~10⁵ edges during the epochs); a synchronous call only sees an abort fired from
 * `onProgress` (or before the call): use {@link umapAsync} to abort from timers or UI events,
 * or {@link umapStart}/{@link umapStep} to keep partial layouts.
 *
 * @param X - n × d data (number[][], Float64Array[]/Float32Array[] rows or a Matrix), finite
 * @param options - {@link UmapOptions}
 * @returns the {@link UmapModel}: `{ kind: 'umap', embedding, a, b, graph, data, … }`
 * @throws LatentError `E_SHAPE` (no rows, bad `init`/`target`/`knn` shapes), `E_NOT_FINITE`, `E_RANGE` (nNeighbors ∉ [2, n − 1], minDist > spread, dims < 1, …), `E_OPTION` (unknown option, metric or init), `E_TYPE`, `E_MEMORY`, `E_ABORTED`, `E_CONVERGENCE` when the layout diverges (a learning rate so large that a step overflows)
 * @example
 * ```ts
 * const model = umap(digits, { seed: 1 }); // 1797 × 64 pixels
 * model.embedding.rows; // 1797
 * trustworthiness(digits, model.embedding, 15); // ≈ 0.99
 * ```
 * @see L. McInnes, J. Healy & J. Melville, "UMAP: Uniform Manifold Approximation and Projection for Dimension Reduction", arXiv:1802.03426 (2018)
 * @see umap-learn `umap.UMAP`
 */
export function umap(X: MatrixLike, options?: UmapOptions): UmapModel {
  const o = resolveUmapOptions('umap', X, options);
  return runSync(umapWork(o), { fn: 'umap', signal: o.signal, onProgress: o.onProgress });
}

/**
 * {@link umap} that returns to the event loop about every 15 ms (during the neighbour search
 * and graph build as during the epochs), so timers, UI events and an `AbortSignal` fired from
 * them take effect while it runs. Same result as `umap` for the same options, bit for bit.
 *
 * @param X - n × d data
 * @param options - {@link UmapOptions}
 * @returns a promise of the {@link UmapModel}
 * @throws LatentError (as a rejection) with the codes of {@link umap}; `E_ABORTED` when `signal` fires
 * @example
 * ```ts
 * const ac = new AbortController();
 * setTimeout(() => ac.abort(), 5000);
 * const model = await umapAsync(X, { signal: ac.signal }); // rejects with E_ABORTED after 5 s
 * ```
 * @see umap-learn `umap.UMAP`
 */
export async function umapAsync(X: MatrixLike, options?: UmapOptions): Promise<UmapModel> {
  const o = resolveUmapOptions('umapAsync', X, options);
  return runAsync(umapWork(o), { fn: 'umapAsync', signal: o.signal, onProgress: o.onProgress });
}
