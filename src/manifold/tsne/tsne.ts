/**
 * t-distributed Stochastic Neighbour Embedding: `tsne` (synchronous) and `tsneAsync` (yields
 * to the event loop so an `AbortSignal` or a UI can interrupt it).
 */
import type { MatrixLike } from '../../core/matrix.js';
import { throwIfAborted } from '../../core/validate.js';
import { resolveTsneOptions, type ResolvedTsneOptions, type TsneOptions } from './tsne-options.js';
import { TSNE_CHECK_EVERY, startResolved, startWork, tsneResultAs, tsneStepAs, type TsneResult, type TsneState } from './tsne-state.js';
import { runAsync, yieldToEventLoop } from '../../core/task.js';

function advance(fn: string, s: TsneState, o: ResolvedTsneOptions): void {
  throwIfAborted(fn, o.signal);
  tsneStepAs(fn, s, 1);
  if (o.onProgress !== undefined && (s.iteration % TSNE_CHECK_EVERY === 0 || s.phase === 'done')) {
    o.onProgress({ iteration: s.iteration, total: s.iterations, kl: s.kl });
  }
}

/**
 * Embeds the rows of `X` in 2 or 3 dimensions with t-SNE, reproducing scikit-learn 1.2's
 * `TSNE` (defaults included: perplexity 30, early exaggeration 12 for 250 iterations with
 * momentum 0.5, then momentum 0.8, gains +0.2 / ×0.8 floored at 0.01, `learningRate: 'auto'`,
 * PCA initialisation scaled to standard deviation 1e-4, 1000 iterations).
 *
 * Input affinities come from each point's ⌊3·perplexity + 1⌋ nearest neighbours, calibrated
 * per point to the perplexity by bisection and symmetrised. The gradient's repulsion is
 * approximated by Barnes–Hut (quadtree in 2-D, octree in 3-D, `theta` 0.5): O(n log n) per
 * iteration. `theta: 0` runs the exact method instead: P over all pairs and the exact O(n²)
 * gradient (small n only: n² doubles of memory).
 *
 * The result keeps the training rows (`data`: a reference to X when X is a Matrix, so no extra
 * memory), the metric and the perplexity, so `tsneTransform` can place new points into
 * the embedding later (openTSNE's `TSNEEmbedding.transform`).
 *
 * Abort: `signal` is checked before every iteration; when it has fired, `tsne` throws
 * `LatentError` `E_ABORTED` and returns nothing. A synchronous call only sees an abort
 * triggered from `onProgress` (or before the call): use {@link tsneAsync} to abort from
 * timers or UI events, or {@link tsneStart}/{@link tsneStep} to keep partial layouts.
 *
 * @param X - n × d data (n ≥ 4), finite
 * @param options - {@link TsneOptions}
 * @returns `{ kind: 'tsne', version: 1, embedding, kl, klMethod, iterations, data, metric, perplexity }`
 *   (`data` is a reference to the training rows, for `tsneTransform`: see {@link TsneResult.data})
 * @throws LatentError `E_SHAPE` (fewer than 4 rows, bad `init` shape), `E_NOT_FINITE`, `E_RANGE` (perplexity ∉ (0, n), dims not 2/3 with Barnes–Hut, θ ∉ [0, 1], …), `E_OPTION` (unknown metric/init), `E_TYPE`, `E_MEMORY` (`theta: 0` with n > 46 340), `E_ABORTED`, `E_CONVERGENCE` (diverged: learning rate far too high)
 * @throws LatentError `E_RANGE` for a value beyond ±2⁵⁰⁰ ≈ 3.3e150, whose squared differences would overflow, or a custom metric distance beyond 2⁵⁰⁰ (t-SNE squares the distances)
 * @example
 * ```ts
 * const { embedding, kl } = tsne(digits); // 1797 × 64 pixels
 * embedding.rows; // 1797
 * kl;             // 0.7395
 * ```
 * @see van der Maaten & Hinton, "Visualizing Data using t-SNE", JMLR 2008
 * @see van der Maaten, "Accelerating t-SNE using Tree-Based Algorithms", JMLR 2014
 * @see sklearn.manifold.TSNE
 */
export function tsne(X: MatrixLike, options?: TsneOptions): TsneResult {
  const o = resolveTsneOptions('tsne', X, options);
  const s = startResolved(o);
  while (!isDone(s)) advance('tsne', s, o);
  return withTrainingData(tsneResultAs('tsne', s), o);
}

/**
 * {@link tsne} that yields to the event loop about every `15 ms`, so timers, UI events and an
 * `AbortSignal` fired from them take effect while it runs. Same result as `tsne` for the same
 * options (bit for bit). The preparation (neighbours in blocks of queries, the perplexity search
 * in blocks of rows) yields too, so an abort takes effect within about one slice at any point.
 *
 * @param X - n × d data (n ≥ 4)
 * @param options - {@link TsneOptions}
 * @returns a promise of the {@link TsneResult}
 * @throws LatentError (as a rejection) with the codes of {@link tsne}; `E_ABORTED` when `signal` fires
 * @example
 * ```ts
 * const ac = new AbortController();
 * setTimeout(() => ac.abort(), 5000);
 * const r = await tsneAsync(X, { signal: ac.signal }); // rejects with E_ABORTED after 5 s
 * ```
 * @see sklearn.manifold.TSNE
 */
export async function tsneAsync(X: MatrixLike, options?: TsneOptions): Promise<TsneResult> {
  const o = resolveTsneOptions('tsneAsync', X, options);
  // The set-up (neighbours, perplexity search) yields too, so an abort lands within a slice.
  const s = await runAsync(startWork(o), { fn: 'tsneAsync', signal: o.signal });
  while (!isDone(s)) {
    const t0 = Date.now();
    do advance('tsneAsync', s, o);
    while (!isDone(s) && Date.now() - t0 < 15);
    if (!isDone(s)) await yieldToEventLoop();
  }
  return withTrainingData(tsneResultAs('tsneAsync', s), o);
}

/** What `tsneTransform` needs besides the embedding: the rows (a reference), metric, perplexity. */
function withTrainingData(r: TsneResult, o: ResolvedTsneOptions): TsneResult {
  return { ...r, data: o.source, metric: typeof o.metric === 'string' ? o.metric : 'custom', perplexity: o.perplexity };
}

function isDone(s: TsneState): boolean {
  return s.phase === 'done';
}
