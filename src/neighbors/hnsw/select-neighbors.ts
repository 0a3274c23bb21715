/**
 * HNSW's heuristic neighbour selection (Malkov & Yashunin, Algorithm 4) exactly as hnswlib's
 * `getNeighborsByHeuristic2`: candidates in ascending distance to the base point; one is kept
 * when it is closer to the base than to every point kept so far, until M are kept. No candidate
 * extension and no back-filling with pruned candidates (`extendCandidates = false`,
 * `keepPrunedConnections = false`), so a list can end up shorter than M; with fewer than M
 * candidates all are kept.
 *
 * Internal module: arguments are not validated.
 */
import { distTo, pairDistF32, prepareStored, type HnswContext } from './context.js';

/**
 * Selects up to `M` of the `count` candidates in `D`/`I` (sorted ascending by distance to the
 * base point), compacting the kept ones to the front in the same order.
 *
 * @internal
 * @param ctx - the context
 * @param D - candidate distances to the base point, ascending
 * @param I - candidate ids
 * @param count - number of candidates
 * @param M - most to keep
 * @returns the number kept (D/I[0 … kept) hold them, nearest first)
 * @example
 * ```ts
 * const kept = selectNeighbors(ctx, ctx.topD, ctx.topI, found, index.m);
 * ```
 */
export function selectNeighbors(ctx: HnswContext, D: Float64Array, I: Int32Array, count: number, M: number): number {
  if (count < M) return count;
  const int8 = ctx.int8;
  let kept = 0;
  // One distance at a time (the first closer kept point ends the test, and the candidates were
  // all just visited by the search, so their rows are in cache: batching would only add work).
  for (let i = 0; i < count && kept < M; i++) {
    const e = I[i]!;
    const de = D[i]!;
    let good = true;
    if (kept > 0 && int8) prepareStored(ctx, ctx.qb, e);
    for (let r = 0; r < kept; r++) {
      const dr = int8 ? distTo(ctx, ctx.qb, I[r]!) : pairDistF32(ctx, e, I[r]!);
      if (dr < de) {
        good = false;
        break;
      }
    }
    if (good) {
      D[kept] = de;
      I[kept] = e;
      kept++;
    }
  }
  return kept;
}
