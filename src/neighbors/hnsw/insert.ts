/**
 * Inserting one point into an HNSW graph (Malkov & Yashunin, Algorithm 1, as hnswlib's
 * `addPoint`): greedy descent to the point's level, then on each level from there down a search
 * with ef = efConstruction, the heuristic choice of m neighbours, and the reverse links, each
 * neighbour re-selecting its list with the same heuristic when it is full.
 *
 * Internal module: arguments are not validated.
 */
import { heapOffer, heapSortAscending } from '../heap.js';
import { corruptLinks, distBatch, distTo, prepareStored, upperBase, type HnswContext, type PreparedQuery } from './context.js';
import type { HnswIndex } from './model.js';
import { greedyDescend, searchLayer } from './search-layer.js';
import { selectNeighbors } from './select-neighbors.js';

/**
 * Inserts point `p` (its vector already stored, its id = `index.size`) at `level`, searching
 * with the prepared query `q` (the point itself) and result lists of `ef` entries. Updates the
 * links, the upper-link layout, the entry point, the top level and `index.size`.
 *
 * @internal
 * @param ctx - the context (its `links` have room for the point's upper levels)
 * @param index - the index
 * @param p - the new id (= index.size)
 * @param level - the point's level
 * @param q - the point, prepared as a query
 * @param ef - construction result-list size (≥ m, ≤ ctx.topD.length)
 * @throws LatentError `E_MODEL` for corrupt links met on the way
 * @example
 * ```ts
 * insertPoint(ctx, index, index.size, level, ctx.qa, Math.max(index.efConstruction, index.m));
 * ```
 */
export function insertPoint(ctx: HnswContext, index: HnswIndex, p: number, level: number, q: PreparedQuery, ef: number): void {
  const m = ctx.m;
  const stride0 = ctx.m0 + 1;
  ctx.levels[p] = level;
  ctx.links0[p * stride0] = 0;
  if (level > 0) {
    const off = ctx.upperUsed;
    ctx.upperOffset[p] = off;
    for (let l = 0; l < level; l++) ctx.links[off + l * (m + 1)] = 0;
    ctx.upperUsed = index.upperUsed = off + level * (m + 1);
  } else {
    ctx.upperOffset[p] = -1;
  }
  ctx.size = p + 1;
  const top = index.maxLevel;
  const ep = index.entryPoint;
  if (ep >= 0) {
    let cur = level < top ? greedyDescend(ctx, q, ep, top, level) : ep;
    const epDeleted = ctx.deleted[ep] !== 0;
    for (let l = Math.min(level, top); l >= 0; l--) {
      let found = searchLayer(ctx, q, cur, l, ef, undefined, Infinity);
      // A deleted entry point is not kept by the search; hnswlib offers it as a candidate anyway.
      if (epDeleted) found = heapOffer(ctx.topD, ctx.topI, 0, found, ef, distTo(ctx, q, ep), ep);
      heapSortAscending(ctx.topD, ctx.topI, 0, found);
      const kept = selectNeighbors(ctx, ctx.topD, ctx.topI, found, m);
      const list = l === 0 ? ctx.links0 : ctx.links;
      const base = l === 0 ? p * stride0 : upperBase(ctx, p, l);
      list[base] = kept;
      for (let i = 0; i < kept; i++) list[base + 1 + i] = ctx.topI[i]!;
      if (l === 0 && ctx.linkDistValid.length > 0) {
        for (let i = 0; i < kept; i++) ctx.linkDist[p * ctx.m0 + i] = ctx.topD[i]!;
        ctx.linkDistValid[p] = 1;
      }
      for (let i = 0; i < kept; i++) connect(ctx, ctx.topI[i]!, p, l, ctx.topD[i]!);
      if (kept > 0) cur = ctx.topI[0]!;
    }
  }
  if (ep < 0 || level > top) {
    index.entryPoint = p;
    index.maxLevel = level;
  }
  index.size = p + 1;
}

/**
 * Adds the reverse link s → p on `level`: appended when s's list has room, otherwise s's list
 * plus p is re-selected with the heuristic (which may drop p or older links). `dsp` is the
 * distance between s and p as the search computed it (the stored p was the query).
 */
function connect(ctx: HnswContext, s: number, p: number, level: number, dsp: number): void {
  const cap = level === 0 ? ctx.m0 : ctx.m;
  const list = level === 0 ? ctx.links0 : ctx.links;
  const base = level === 0 ? s * (ctx.m0 + 1) : upperBase(ctx, s, level);
  const count = list[base]!;
  if (count < 0 || count > cap) throw corruptLinks(ctx, s, level, `count ${count} is outside [0, ${cap}]`);
  const cached = level === 0 && ctx.linkDistValid.length > 0;
  const cache = ctx.linkDist;
  const co = s * ctx.m0;
  const ids = ctx.batchI;
  const dist = ctx.batchD;
  for (let j = 1; j <= count; j++) {
    const nb = list[base + j]!;
    if (nb < 0 || nb >= ctx.size) throw corruptLinks(ctx, s, level, `link ${nb} is out of range`);
    ids[j] = nb;
  }
  if (cached && ctx.linkDistValid[s] === 0) {
    // First use of s's list in this call: compute its distances once.
    prepareStored(ctx, ctx.qb, s);
    distBatch(ctx, ctx.qb, ids, 1, count, dist);
    for (let j = 0; j < count; j++) cache[co + j] = dist[j]!;
    ctx.linkDistValid[s] = 1;
  }
  if (count < cap) {
    list[base + 1 + count] = p;
    list[base] = count + 1;
    if (cached) cache[co + count] = dsp;
    return;
  }
  if (cached) {
    dist[0] = dsp;
    for (let j = 1; j <= count; j++) dist[j] = cache[co + j - 1]!;
  } else {
    // int8: the stored p (decoded) is what later distances to p see, not the query that found s.
    ids[0] = p;
    prepareStored(ctx, ctx.qb, s);
    distBatch(ctx, ctx.qb, ids, 0, count + 1, dist);
  }
  ids[0] = p;
  const D = ctx.pickD;
  const I = ctx.pickI;
  let n = 0;
  for (let j = 0; j <= count; j++) n = heapOffer(D, I, 0, n, cap + 1, dist[j]!, ids[j]!);
  heapSortAscending(D, I, 0, n);
  const kept = selectNeighbors(ctx, D, I, n, cap);
  list[base] = kept;
  for (let i = 0; i < kept; i++) list[base + 1 + i] = I[i]!;
  if (cached) for (let i = 0; i < kept; i++) cache[co + i] = D[i]!;
}
