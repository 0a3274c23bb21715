/**
 * The working view of an HNSW index during one call: its arrays hoisted into one object of fixed
 * shape (so the hot loops read locals, not a user-visible object), plus the call's scratch (the
 * generation-stamped visited array, the candidate and result heaps, prepared queries).
 *
 * Internal module: arguments are not validated.
 */
import { LatentError, describe } from '../../core/errors.js';
import { dotF32, dotF32x4, dotI8, dotI8x4, dotPairF32, l2F32, l2F32x4, l2PairF32 } from './kernels.js';
import type { HnswIndex } from './model.js';

/**
 * A query in the form the distance kernels take: the float64 vector (for int8 storage,
 * pre-multiplied by the per-dimension steps) with the constant and squared norm the int8
 * distances add to the code inner product.
 */
export interface PreparedQuery {
  /** The query (float storage) or query × step per dimension (int8 storage). */
  v: Float64Array;
  /** int8: Σ query[j] · codeOffset[j]. */
  c: number;
  /** int8: ‖query‖². */
  n2: number;
}

/** The arrays and scratch of one call (see the module comment). */
export interface HnswContext {
  /** Public function name for `E_MODEL` messages. */
  fn: string;
  /** Row length. */
  d: number;
  /** Upper-level list capacity. */
  m: number;
  /** Level-0 list capacity. */
  m0: number;
  /** Squared Euclidean (true) or 1 − inner product (false). */
  l2: boolean;
  /** Cosine metric (int8: distances use the decoded vectors' inverse norms). */
  cosine: boolean;
  /** int8 codes (true) or Float32 vectors (false). */
  int8: boolean;
  /** Points that exist (ids below it are valid link targets). */
  size: number;
  /** Slots of `links` in use. */
  upperUsed: number;
  /** The index's arrays (see {@link HnswIndex}), hoisted: `hnswAdd` may replace them (then {@link rebindContext}). */
  vectors: Float32Array;
  /** See {@link HnswIndex.codes}. */
  codes: Int8Array;
  /** See {@link HnswIndex.codeScale}. */
  codeScale: Float64Array;
  /** See {@link HnswIndex.codeOffset}. */
  codeOffset: Float64Array;
  /** See {@link HnswIndex.codeNorms}. */
  codeNorms: Float64Array;
  /** See {@link HnswIndex.levels}. */
  levels: Uint8Array;
  /** See {@link HnswIndex.links0}. */
  links0: Int32Array;
  /** See {@link HnswIndex.upperOffset}. */
  upperOffset: Int32Array;
  /** See {@link HnswIndex.links}. */
  links: Int32Array;
  /** See {@link HnswIndex.deleted}. */
  deleted: Uint8Array;
  /** Generation stamps: node i is visited in the current search iff visited[i] === stamp. */
  visited: Uint16Array;
  /** Current generation. */
  stamp: number;
  /** Candidate min-heap distances (grows when full). */
  candD: Float64Array;
  /** Candidate min-heap ids. */
  candI: Int32Array;
  /** Result max-heap of the last layer search: distances (capacity ≥ ef). */
  topD: Float64Array;
  /** Result max-heap ids. */
  topI: Int32Array;
  /** Scratch heap for re-selecting a full neighbour list (m0 + 1): distances. */
  pickD: Float64Array;
  /** Its ids. */
  pickI: Int32Array;
  /**
   * Distances of the level-0 links (capacity × m0, slot j of point i at i·m0 + j), kept while
   * inserting with float storage so a full neighbour list is re-selected without recomputing
   * them; empty when not kept.
   */
  linkDist: Float64Array;
  /** 1 where `linkDist` holds point i's current list. */
  linkDistValid: Uint8Array;
  /** Ids whose distances are computed together (one neighbour list: m0 + 1). */
  batchI: Int32Array;
  /** Their distances. */
  batchD: Float64Array;
  /** The search query. */
  qa: PreparedQuery;
  /** A stored point prepared as a query (int8 neighbour selection). */
  qb: PreparedQuery;
  /** A float64 row buffer (d). */
  row: Float64Array;
  /** Distance evaluations so far (reported by benches). */
  evaluations: number;
}

function prepared(d: number): PreparedQuery {
  return { v: new Float64Array(d), c: 0, n2: 0 };
}

/**
 * Creates the working view of `index` with scratch for searches of up to `ef` results.
 *
 * @internal
 * @param fn - public function name
 * @param index - a checked index
 * @param ef - largest result-list size the call will search with
 * @returns the context
 * @example
 * ```ts
 * const ctx = createContext('hnswQuery', index, 64);
 * ```
 */
export function createContext(fn: string, index: HnswIndex, ef: number): HnswContext {
  const d = index.dims;
  const ctx: HnswContext = {
    fn,
    d,
    m: index.m,
    m0: index.m0,
    l2: index.metric === 'euclidean',
    cosine: index.metric === 'cosine',
    int8: index.quantize === 'int8',
    size: index.size,
    upperUsed: index.upperUsed,
    vectors: index.vectors,
    codes: index.codes,
    codeScale: index.codeScale,
    codeOffset: index.codeOffset,
    codeNorms: index.codeNorms,
    levels: index.levels,
    links0: index.links0,
    upperOffset: index.upperOffset,
    links: index.links,
    deleted: index.deleted,
    visited: new Uint16Array(index.capacity),
    stamp: 0,
    candD: new Float64Array(Math.max(64, 2 * ef)),
    candI: new Int32Array(Math.max(64, 2 * ef)),
    topD: new Float64Array(ef),
    topI: new Int32Array(ef),
    pickD: new Float64Array(index.m0 + 1),
    pickI: new Int32Array(index.m0 + 1),
    linkDist: new Float64Array(0),
    linkDistValid: new Uint8Array(0),
    batchI: new Int32Array(index.m0 + 1),
    batchD: new Float64Array(index.m0 + 5),
    qa: prepared(d),
    qb: prepared(d),
    row: new Float64Array(d),
    evaluations: 0,
  };
  return ctx;
}

/**
 * Bytes of the level-0 link-distance cache for `capacity` points (see {@link enableLinkCache}).
 *
 * @internal
 * @param capacity - points
 * @param m0 - level-0 links per point
 * @returns bytes
 * @example
 * ```ts
 * linkCacheBytes(100_000, 32); // 25 700 000
 * ```
 */
export function linkCacheBytes(capacity: number, m0: number): number {
  return capacity * (8 * m0 + 1);
}

/**
 * Keeps the distances of level-0 links while inserting (float storage only): re-selecting a
 * full list then costs one new distance instead of m0 + 1. Every kernel sums in the same order,
 * so a cached distance is the same bits as a recomputed one: the graph does not depend on it.
 *
 * @internal
 * @param ctx - the context (float storage)
 * @param capacity - points to make room for
 * @example
 * ```ts
 * enableLinkCache(ctx, index.capacity);
 * ```
 */
export function enableLinkCache(ctx: HnswContext, capacity: number): void {
  if (ctx.int8) return;
  ctx.linkDist = new Float64Array(capacity * ctx.m0);
  ctx.linkDistValid = new Uint8Array(capacity);
}

/**
 * Points the context at the index's arrays again (after `hnswAdd` replaced them) and resizes
 * the visited array to the new capacity.
 *
 * @internal
 * @param ctx - the context
 * @param index - the index whose arrays were replaced
 * @example
 * ```ts
 * rebindContext(ctx, index);
 * ```
 */
export function rebindContext(ctx: HnswContext, index: HnswIndex): void {
  ctx.size = index.size;
  ctx.upperUsed = index.upperUsed;
  ctx.vectors = index.vectors;
  ctx.codes = index.codes;
  ctx.codeNorms = index.codeNorms;
  ctx.levels = index.levels;
  ctx.links0 = index.links0;
  ctx.upperOffset = index.upperOffset;
  ctx.links = index.links;
  ctx.deleted = index.deleted;
  if (ctx.visited.length !== index.capacity) {
    ctx.visited = new Uint16Array(index.capacity);
    ctx.stamp = 0;
  }
}

/**
 * Distance (internal units: squared for Euclidean, 1 − inner product otherwise) from a prepared
 * query to stored point `id`.
 *
 * @internal
 * @param ctx - the context
 * @param q - the prepared query
 * @param id - a valid point id
 * @returns the distance
 * @throws LatentError `E_MODEL` for a non-finite distance (see {@link tamperedPoint})
 * @example
 * ```ts
 * distTo(ctx, ctx.qa, 7);
 * ```
 */
export function distTo(ctx: HnswContext, q: PreparedQuery, id: number): number {
  const d = ctx.d;
  let r: number;
  if (ctx.int8) {
    const ip = q.c + dotI8(q.v, ctx.codes, id * d, d);
    r = ctx.l2 ? q.n2 - 2 * ip + ctx.codeNorms[id]! : ctx.cosine ? 1 - ip * ctx.codeNorms[id]! : 1 - ip;
  } else {
    r = ctx.l2 ? l2F32(q.v, ctx.vectors, id * d, d) : 1 - dotF32(q.v, ctx.vectors, id * d, d);
  }
  if (r - r !== 0) throw tamperedPoint(ctx, id, r);
  return r;
}

/**
 * The error for a stored point whose distance is NaN or ±Infinity. A finite query within Float32
 * range and finite stored values give a finite distance (below ~1e78·d), so this means the index
 * was altered after it was built (a non-finite stored vector or int8 code norm). Every distance
 * is tested as it is computed (one comparison per O(d) distance) rather than by a scan of all
 * stored vectors per call (O(n·d)): damage a search never meets passes through unread.
 *
 * @internal
 * @param ctx - the context
 * @param id - the stored point
 * @param dist - its non-finite distance
 * @returns the `E_MODEL` error to throw
 * @example
 * ```ts
 * throw tamperedPoint(ctx, 7, NaN); // 'hnswQuery: index vectors must be finite, got distance NaN to point 7 (…)'
 * ```
 */
export function tamperedPoint(ctx: HnswContext, id: number, dist: number): LatentError {
  return new LatentError('E_MODEL', `${ctx.fn}: index vectors must be finite, got distance ${describe(dist)} to point ${id} (the index was altered after it was built)`);
}

/**
 * Distances (as {@link distTo}) from a prepared query to the `count` stored points
 * `ids[from …]`, four at a time (see `l2F32x4`), into `out[0 … count)`.
 *
 * @internal
 * @param ctx - the context
 * @param q - the prepared query
 * @param ids - valid point ids
 * @param from - first position in `ids`
 * @param count - how many
 * @param out - out: their distances (length ≥ count)
 * @throws LatentError `E_MODEL` for a non-finite distance (see {@link tamperedPoint})
 * @example
 * ```ts
 * distBatch(ctx, ctx.qa, ctx.batchI, 0, n, ctx.batchD);
 * ```
 */
export function distBatch(ctx: HnswContext, q: PreparedQuery, ids: Int32Array, from: number, count: number, out: Float64Array): void {
  const d = ctx.d;
  let t = 0;
  // One or two leftover rows cost less alone than a padded four-row call.
  const full = (count & 3) === 3 ? count + 1 : count & ~3;
  if (ctx.int8) {
    const codes = ctx.codes;
    for (; t < full; t += 4) {
      const a = ids[from + t]!;
      const e = t + 3 < count ? ids[from + t + 3]! : a;
      dotI8x4(q.v, codes, a * d, ids[from + t + 1]! * d, ids[from + t + 2]! * d, e * d, d, out, t);
    }
    for (let u = 0; u < t && u < count; u++) {
      const ip = q.c + out[u]!;
      const id = ids[from + u]!;
      out[u] = ctx.l2 ? q.n2 - 2 * ip + ctx.codeNorms[id]! : ctx.cosine ? 1 - ip * ctx.codeNorms[id]! : 1 - ip;
    }
  } else if (ctx.l2) {
    const x = ctx.vectors;
    for (; t < full; t += 4) {
      const a = ids[from + t]!;
      const e = t + 3 < count ? ids[from + t + 3]! : a;
      l2F32x4(q.v, x, a * d, ids[from + t + 1]! * d, ids[from + t + 2]! * d, e * d, d, out, t);
    }
  } else {
    const x = ctx.vectors;
    for (; t < full; t += 4) {
      const a = ids[from + t]!;
      const e = t + 3 < count ? ids[from + t + 3]! : a;
      dotF32x4(q.v, x, a * d, ids[from + t + 1]! * d, ids[from + t + 2]! * d, e * d, d, out, t);
    }
    for (let u = 0; u < t && u < count; u++) out[u] = 1 - out[u]!;
  }
  for (; t < count; t++) out[t] = distTo(ctx, q, ids[from + t]!);
  for (let u = 0; u < count; u++) {
    const v = out[u]!;
    if (v - v !== 0) throw tamperedPoint(ctx, ids[from + u]!, v);
  }
}

/**
 * Distance between two stored Float32 points (float storage only), in internal units.
 *
 * @internal
 * @param ctx - the context
 * @param a - a valid point id
 * @param b - a valid point id
 * @returns the distance
 * @example
 * ```ts
 * pairDistF32(ctx, 3, 7);
 * ```
 */
export function pairDistF32(ctx: HnswContext, a: number, b: number): number {
  const d = ctx.d;
  return ctx.l2 ? l2PairF32(ctx.vectors, a * d, b * d, d) : 1 - dotPairF32(ctx.vectors, a * d, b * d, d);
}

/**
 * Prepares a float64 row (normalized already for cosine) as a query.
 *
 * @internal
 * @param ctx - the context
 * @param q - out: the prepared query
 * @param row - the row (d)
 * @example
 * ```ts
 * prepareRow(ctx, ctx.qa, ctx.row);
 * ```
 */
export function prepareRow(ctx: HnswContext, q: PreparedQuery, row: Float64Array): void {
  const d = ctx.d;
  const v = q.v;
  if (!ctx.int8) {
    v.set(row);
    return;
  }
  const scale = ctx.codeScale;
  const offset = ctx.codeOffset;
  let c = 0;
  let n2 = 0;
  for (let j = 0; j < d; j++) {
    const x = row[j]!;
    v[j] = x * scale[j]!;
    c += x * offset[j]!;
    n2 += x * x;
  }
  q.c = c;
  q.n2 = n2;
}

/**
 * Prepares stored point `id` as a query (int8 storage: decodes it first).
 *
 * @internal
 * @param ctx - the context
 * @param q - out: the prepared query
 * @param id - a valid point id
 * @example
 * ```ts
 * prepareStored(ctx, ctx.qb, 7);
 * ```
 */
export function prepareStored(ctx: HnswContext, q: PreparedQuery, id: number): void {
  const d = ctx.d;
  const v = q.v;
  if (ctx.int8) {
    // Decode, scale to unit length under cosine (pair distances are then cosines between decoded
    // points) and prepare, in one pass.
    const codes = ctx.codes;
    const scale = ctx.codeScale;
    const offset = ctx.codeOffset;
    const inv = ctx.cosine ? ctx.codeNorms[id]! : 1;
    let c = 0;
    let n2 = 0;
    for (let j = 0, o = id * d; j < d; j++, o++) {
      const x = (offset[j]! + scale[j]! * codes[o]!) * inv;
      v[j] = x * scale[j]!;
      c += x * offset[j]!;
      n2 += x * x;
    }
    q.c = c;
    q.n2 = n2;
    return;
  }
  const x = ctx.vectors;
  for (let j = 0, o = id * d; j < d; j++, o++) v[j] = x[o]!;
}

/**
 * Start, in `ctx.links`, of point `node`'s list on upper level `level` (≥ 1), after checking that
 * the point reaches that level and its block lies within the used part of `links`.
 *
 * @internal
 * @param ctx - the context
 * @param node - a valid point id
 * @param level - level ≥ 1
 * @returns the index of the list's count slot
 * @throws LatentError `E_MODEL` for a corrupt upper-link layout
 * @example
 * ```ts
 * const base = upperBase(ctx, 7, 1); // ctx.links[base] = count, then ids
 * ```
 */
export function upperBase(ctx: HnswContext, node: number, level: number): number {
  const off = ctx.upperOffset[node]!;
  const stride = ctx.m + 1;
  const base = off + (level - 1) * stride;
  if (ctx.levels[node]! < level || off < 0 || base + stride > ctx.upperUsed) {
    throw new LatentError('E_MODEL', `${ctx.fn}: index has a corrupt upper-level link layout at point ${node} (level ${ctx.levels[node]}, offset ${off}), asked for level ${level}`);
  }
  return base;
}

/**
 * The error for a link list whose count or ids are out of range.
 *
 * @internal
 * @param ctx - the context
 * @param node - the point whose list is corrupt
 * @param level - its level
 * @param what - what is wrong
 * @returns the error to throw
 * @example
 * ```ts
 * throw corruptLinks(ctx, 7, 0, 'link 9 is out of range');
 * ```
 */
export function corruptLinks(ctx: HnswContext, node: number, level: number, what: string): LatentError {
  return new LatentError('E_MODEL', `${ctx.fn}: index links of point ${node} on level ${level} are corrupt: ${what} (size ${ctx.size})`);
}
