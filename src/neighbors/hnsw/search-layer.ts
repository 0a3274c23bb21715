/**
 * The two searches HNSW is made of: the greedy descent through the upper levels (one closest
 * point per level) and the best-first search of one level with a result list of size ef
 * (Malkov & Yashunin, Algorithm 2; hnswlib's `searchBaseLayer` / `searchBaseLayerST`).
 *
 * Every link read is checked against the index size and every list count against its slot, so
 * a tampered index throws `E_MODEL` instead of reading out of bounds; each point is expanded at
 * most once per search (generation-stamped visited array), so every loop is bounded.
 *
 * Internal module: arguments are not validated.
 */
import { heapOffer } from '../heap.js';
import { minHeapPop, minHeapPush } from './candidates.js';
import { corruptLinks, distBatch, distTo, upperBase, type HnswContext, type PreparedQuery } from './context.js';

/**
 * Starts a new search generation (clearing the visited array when the 16-bit stamp wraps).
 *
 * @internal
 * @param ctx - the context
 * @returns the new stamp
 * @example
 * ```ts
 * const stamp = nextStamp(ctx);
 * ```
 */
export function nextStamp(ctx: HnswContext): number {
  if (ctx.stamp === 0xffff) {
    ctx.visited.fill(0);
    ctx.stamp = 0;
  }
  return ++ctx.stamp;
}

/**
 * Greedy descent from `entry` on levels `from` down to `to + 1`: on each level, move to a closer
 * neighbour until none is closer. Deleted points still route.
 *
 * @internal
 * @param ctx - the context
 * @param q - the prepared query
 * @param entry - start point (on level `from`)
 * @param from - top level
 * @param to - the level below the last one searched
 * @returns the closest point found (on level `to + 1`)
 * @throws LatentError `E_MODEL` for corrupt links
 * @example
 * ```ts
 * const ep = greedyDescend(ctx, ctx.qa, index.entryPoint, index.maxLevel, 0);
 * ```
 */
export function greedyDescend(ctx: HnswContext, q: PreparedQuery, entry: number, from: number, to: number): number {
  let cur = entry;
  let curDist = distTo(ctx, q, cur);
  let evals = 1;
  const links = ctx.links;
  const m = ctx.m;
  const size = ctx.size;
  const ids = ctx.batchI;
  const dist = ctx.batchD;
  for (let level = from; level > to; level--) {
    let changed = true;
    // Each move strictly lowers curDist, so no point is left twice: at most `size` moves.
    while (changed) {
      changed = false;
      const base = upperBase(ctx, cur, level);
      const count = links[base]!;
      if (count < 0 || count > m) throw corruptLinks(ctx, cur, level, `count ${count} is outside [0, ${m}]`);
      for (let j = 1; j <= count; j++) {
        const nb = links[base + j]!;
        if (nb < 0 || nb >= size) throw corruptLinks(ctx, cur, level, `link ${nb} is out of range`);
        ids[j - 1] = nb;
      }
      distBatch(ctx, q, ids, 0, count, dist);
      evals += count;
      for (let j = 0; j < count; j++) {
        const dn = dist[j]!;
        if (dn < curDist) {
          curDist = dn;
          cur = ids[j]!;
          changed = true;
        }
      }
    }
  }
  ctx.evaluations += evals;
  return cur;
}

/**
 * Best-first search of one level from `entry`, keeping the `ef` nearest admissible points in
 * `ctx.topD`/`ctx.topI` (a max-heap, worst at the root). Points that are deleted, or rejected by
 * `filter`, still route the search but are not kept; the search stops when the nearest
 * unexpanded candidate is farther than the worst kept point and `ef` are kept (so with a
 * selective filter it widens until it has ef admissible points or runs out of graph).
 *
 * @internal
 * @param ctx - the context
 * @param q - the prepared query
 * @param entry - start point
 * @param level - the level to search
 * @param ef - result-list size (≤ ctx.topD.length)
 * @param filter - optional predicate on ids
 * @param budget - stop (returning −1) after more than this many distance evaluations
 * @returns the number of points kept, or −1 when the budget ran out
 * @throws LatentError `E_MODEL` for corrupt links; whatever `filter` throws
 * @example
 * ```ts
 * const kept = searchLayer(ctx, ctx.qa, ep, 0, 64, undefined, Infinity);
 * ```
 */
export function searchLayer(
  ctx: HnswContext,
  q: PreparedQuery,
  entry: number,
  level: number,
  ef: number,
  filter: ((id: number) => boolean) | undefined,
  budget: number,
): number {
  const stamp = nextStamp(ctx);
  const visited = ctx.visited;
  const deleted = ctx.deleted;
  const size = ctx.size;
  const topD = ctx.topD;
  const topI = ctx.topI;
  const list = level === 0 ? ctx.links0 : ctx.links;
  const cap = level === 0 ? ctx.m0 : ctx.m;
  const stride0 = ctx.m0 + 1;
  const ids = ctx.batchI;
  const dist = ctx.batchD;
  let candD = ctx.candD;
  let candI = ctx.candI;
  let nc = 0;
  let nt = 0;
  visited[entry] = stamp;
  const d0 = distTo(ctx, q, entry);
  let evals = 1;
  if (deleted[entry] === 0 && (filter === undefined || filter(entry))) nt = heapOffer(topD, topI, 0, nt, ef, d0, entry);
  minHeapPush(candD, candI, nc++, d0, entry);
  while (nc > 0) {
    if (nt === ef && candD[0]! > topD[0]!) break;
    const cur = candI[0]!;
    minHeapPop(candD, candI, nc--);
    const base = level === 0 ? cur * stride0 : upperBase(ctx, cur, level);
    const count = list[base]!;
    if (count < 0 || count > cap) throw corruptLinks(ctx, cur, level, `count ${count} is outside [0, ${cap}]`);
    // Gather the unvisited neighbours, compute their distances together, then consider them in
    // list order (the same decisions as one at a time).
    let fresh = 0;
    for (let j = 1; j <= count; j++) {
      const nb = list[base + j]!;
      if (nb < 0 || nb >= size) throw corruptLinks(ctx, cur, level, `link ${nb} is out of range`);
      if (visited[nb] === stamp) continue;
      visited[nb] = stamp;
      ids[fresh++] = nb;
    }
    distBatch(ctx, q, ids, 0, fresh, dist);
    evals += fresh;
    for (let j = 0; j < fresh; j++) {
      const dn = dist[j]!;
      if (nt < ef || dn < topD[0]!) {
        const nb = ids[j]!;
        if (nc === candD.length) {
          const D2 = new Float64Array(2 * nc);
          const I2 = new Int32Array(2 * nc);
          D2.set(candD);
          I2.set(candI);
          ctx.candD = candD = D2;
          ctx.candI = candI = I2;
        }
        minHeapPush(candD, candI, nc++, dn, nb);
        if (deleted[nb] === 0 && (filter === undefined || filter(nb))) nt = heapOffer(topD, topI, 0, nt, ef, dn, nb);
      }
    }
    if (evals > budget) {
      ctx.evaluations += evals;
      return -1;
    }
  }
  ctx.evaluations += evals;
  return nt;
}
