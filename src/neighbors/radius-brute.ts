/**
 * Exact brute-force radius search, blocked for cache and registers: a block of query rows
 * against a block of point rows through the 2×4 kernels of `distance/kernels.ts`, entries
 * within the threshold collected per block. Float32 data is widened one block at a time
 * (`widen.ts`), never as a whole matrix.
 *
 * - {@link radiusTile}: a block of query rows against a block of points, collected per query
 *   block and moved to the output in row order by {@link flushBlock}.
 * - {@link radiusSelfBlock}: rows `[ia, ib)` against every later row (each unordered pair once),
 *   as (row, column, distance) triplets; the caller mirrors them into both rows' lists. Its
 *   tile step {@link selfTile} also serves HDBSCAN's core distances.
 *
 * Internal module: arguments are not validated.
 */
import type { FloatArray } from '../core/matrix.js';
import { distanceRows } from '../distance/kernels.js';
import type { MetricFunction, MetricName } from '../distance/metric.js';
import { callMetric } from '../distance/metric.js';
import { type NeighborBuffer, pushNeighbor, pushTriplet, reserveNeighbors } from './neighbor-lists.js';
import { blockRows } from './widen.js';

/** Query rows per block (the widened point block is reused by all of them). */
export const QUERY_BLOCK = 32;

/** Reused buffers of a blocked search. */
export interface RadiusScratch {
  /** Widened point block (Float32 data only). */
  pTile: Float64Array;
  /** Widened query block (Float32 data only). */
  qTile: Float64Array;
  /** Distances of a query block against a point block, row-major `QUERY_BLOCK × pRows`. */
  dist: Float64Array;
  /** Rows per point block. */
  pRows: number;
  /** Per-row entry counts of a query block. */
  counts: Int32Array;
}

/**
 * Buffers for a search over `n` points of `d` columns.
 *
 * @internal
 * @param n - number of points
 * @param d - row length
 * @param widen - whether the data is Float32 (tiles needed)
 * @returns the scratch buffers
 * @example
 * ```ts
 * const s = radiusScratch(1000, 16, false);
 * ```
 */
export function radiusScratch(n: number, d: number, widen: boolean): RadiusScratch {
  const pRows = blockRows(d, Math.max(1, n));
  return {
    pTile: new Float64Array(widen ? pRows * d : 0),
    qTile: new Float64Array(widen ? QUERY_BLOCK * d : 0),
    dist: new Float64Array(QUERY_BLOCK * pRows),
    pRows,
    counts: new Int32Array(QUERY_BLOCK),
  };
}

/**
 * The left operand of {@link radiusTile} for query rows `[qa, qb)`: the queries themselves when
 * they are Float64, else the rows widened into `s.qTile`.
 *
 * @internal
 * @param Q - query data
 * @param qa - first row
 * @param qb - one past the last row (at most {@link QUERY_BLOCK} rows)
 * @param d - row length
 * @param s - scratch buffers
 * @returns a Float64 array holding the rows (at their own row numbers, or from row 0 of the tile)
 * @example
 * ```ts
 * const A = queryRows(Q, 0, 32, d, s);
 * ```
 */
export function queryRows(Q: FloatArray, qa: number, qb: number, d: number, s: RadiusScratch): Float64Array {
  if (Q instanceof Float64Array) return Q;
  s.qTile.set(Q.subarray(qa * d, qb * d));
  return s.qTile;
}

/**
 * Query rows `[qa, qb)` (at most {@link QUERY_BLOCK}, from {@link queryRows}) against points
 * `[j0, j1)` (at most `s.pRows`): appends a (row − qa, point, value) triplet to `tmp` for each
 * value ≤ `thr`. The caller sweeps the point blocks in order and then moves the block's
 * entries to the output with {@link flushBlock} (each row's entries in increasing point index).
 *
 * @internal
 * @param metric - built-in metric (for euclidean radius searches the caller passes
 *   `'sqeuclidean'` with a squared threshold)
 * @param P - point data
 * @param Q - query data
 * @param A - the query rows from {@link queryRows}
 * @param qa - first query row
 * @param qb - one past the last query row
 * @param j0 - first point
 * @param j1 - one past the last point
 * @param d - row length
 * @param thr - inclusion threshold (entries with value ≤ thr are kept)
 * @param sqP - squared norms of P's rows (cosine only)
 * @param sqQ - squared norms of Q's rows (cosine only)
 * @param s - scratch buffers
 * @param tmp - block buffer with rows
 * @example
 * ```ts
 * radiusTile('sqeuclidean', P, Q, queryRows(Q, 0, 32, d, s), 0, 32, 0, s.pRows, d, r * r, null, null, s, tmp);
 * ```
 */
export function radiusTile(
  metric: MetricName,
  P: FloatArray,
  Q: FloatArray,
  A: Float64Array,
  qa: number,
  qb: number,
  j0: number,
  j1: number,
  d: number,
  thr: number,
  sqP: Float64Array | null,
  sqQ: Float64Array | null,
  s: RadiusScratch,
  tmp: NeighborBuffer,
): void {
  const rows = qb - qa;
  const nb = s.pRows;
  const buf = s.dist;
  const qWide = !(Q instanceof Float64Array);
  const aRow = qWide ? 0 : qa;
  const sqA = sqQ === null ? null : qWide ? sqQ.subarray(qa) : sqQ;
  const m = j1 - j0;
  let B: Float64Array;
  let bRow: number;
  let sqB: Float64Array | null;
  if (P instanceof Float64Array) {
    B = P;
    bRow = j0;
    sqB = sqP;
  } else {
    B = s.pTile;
    B.set(P.subarray(j0 * d, j1 * d));
    bRow = 0;
    sqB = sqP === null ? null : sqP.subarray(j0);
  }
  let r = 0;
  for (; r + 1 < rows; r += 2) distanceRows(metric, A, aRow + r, aRow + r + 1, B, bRow, bRow + m, d, buf, r * nb, (r + 1) * nb, sqA, sqB);
  if (r < rows) distanceRows(metric, A, aRow + r, -1, B, bRow, bRow + m, d, buf, r * nb, 0, sqA, sqB);
  for (let t = 0; t < rows; t++) {
    const o = t * nb;
    for (let c = 0; c < m; c++) {
      const v = buf[o + c]!;
      if (v <= thr) pushTriplet(tmp, t, j0 + c, v);
    }
  }
}

/**
 * Moves a query block's (row − qa, index, distance) entries into `out` in row order (stable)
 * and sets `offsets[qa + t + 1]` for each of its rows; empties `tmp`.
 *
 * @internal
 * @param tmp - the block's triplets
 * @param rows - rows in the block
 * @param qa - first row of the block
 * @param counts - scratch of at least `rows` entries
 * @param out - output entries
 * @param offsets - CSR offsets
 * @example
 * ```ts
 * flushBlock(tmp, 32, 0, s.counts, out, offsets);
 * ```
 */
export function flushBlock(tmp: NeighborBuffer, rows: number, qa: number, counts: Int32Array, out: NeighborBuffer, offsets: Int32Array): void {
  counts.fill(0);
  const len = tmp.length;
  const tr = tmp.rows;
  for (let e = 0; e < len; e++) counts[tr[e]!]!++;
  reserveNeighbors(out, len);
  let pos = out.length;
  for (let t = 0; t < rows; t++) {
    const c = counts[t]!;
    counts[t] = pos;
    pos += c;
    offsets[qa + t + 1] = pos;
  }
  const oi = out.indices;
  const od = out.distances;
  const ti = tmp.indices;
  const td = tmp.distances;
  if (out.keep) {
    for (let e = 0; e < len; e++) {
      const p = counts[tr[e]!]!++;
      oi[p] = ti[e]!;
      od[p] = td[e]!;
    }
  } else {
    for (let e = 0; e < len; e++) oi[counts[tr[e]!]!++] = ti[e]!;
  }
  out.length = pos;
  tmp.length = 0;
}

/**
 * Rows `[ia, ib)` (at most {@link QUERY_BLOCK}, from {@link selfRows}) against the rows j > i
 * of `[j0, j1)` (at most `s.pRows`): appends a triplet (i, j, value) for each pair with
 * value ≤ `thr` to `trip`. Each unordered pair is computed once; the kernels are exactly
 * symmetric, so the value serves both rows.
 *
 * @internal
 * @param metric - built-in metric
 * @param P - data, `n × d`
 * @param A - the block's rows from {@link selfRows}
 * @param ia - first row of the block
 * @param ib - one past the last row
 * @param j0 - first column (≥ ia + 1)
 * @param j1 - one past the last column
 * @param d - row length
 * @param thr - inclusion threshold
 * @param sq - squared norms (cosine only)
 * @param s - scratch buffers
 * @param trip - triplet buffer (made `withRows`)
 * @example
 * ```ts
 * radiusSelfBlock('sqeuclidean', P, selfRows(P, 0, 32, d, s), 0, 32, 1, 1 + s.pRows, d, r * r, null, s, trip);
 * ```
 */
export function radiusSelfBlock(
  metric: MetricName,
  P: FloatArray,
  A: Float64Array,
  ia: number,
  ib: number,
  j0: number,
  j1: number,
  d: number,
  thr: number,
  sq: Float64Array | null,
  s: RadiusScratch,
  trip: NeighborBuffer,
): void {
  const rows = ib - ia;
  const buf = s.dist;
  selfTile(metric, P, A, ia, ib, j0, j1, d, sq, s);
  for (let u = 0; u < rows; u++) {
    const i = ia + u;
    const o = u * s.pRows - j0;
    for (let j = Math.max(j0, i + 1); j < j1; j++) {
      const v = buf[o + j]!;
      if (v <= thr) pushTriplet(trip, i, j, v);
    }
  }
}

/**
 * The left operand of {@link selfTile} for rows `[ia, ib)`: the data itself when it is Float64,
 * else the rows widened into `s.qTile`.
 *
 * @internal
 * @param P - data
 * @param ia - first row
 * @param ib - one past the last row
 * @param d - row length
 * @param s - scratch buffers
 * @returns a Float64 array holding the rows (at their own row numbers, or from row 0 of the tile)
 * @example
 * ```ts
 * const A = selfRows(P, 0, 32, d, s);
 * ```
 */
export function selfRows(P: FloatArray, ia: number, ib: number, d: number, s: RadiusScratch): Float64Array {
  if (P instanceof Float64Array) return P;
  s.qTile.set(P.subarray(ia * d, ib * d));
  return s.qTile;
}

/**
 * Values of the pairs (i, j), i in `[ia, ib)`, j in `[max(j0, i + 1), j1)`, written to
 * `s.dist[(i − ia)·s.pRows + (j − j0)]` (other cells are left as they were). `A` comes from
 * {@link selfRows}; Float32 columns are widened into `s.pTile`. Each unordered pair once,
 * two rows at a time through the 2×4 kernels.
 *
 * @internal
 * @param metric - built-in metric
 * @param P - data, `n × d`
 * @param A - the block's rows from {@link selfRows}
 * @param ia - first row of the block
 * @param ib - one past the last row (at most {@link QUERY_BLOCK} rows)
 * @param j0 - first column (≥ ia + 1)
 * @param j1 - one past the last column (at most `s.pRows` columns)
 * @param d - row length
 * @param sq - squared norms of all rows (cosine only)
 * @param s - scratch buffers
 * @example
 * ```ts
 * selfTile('sqeuclidean', P, selfRows(P, 0, 32, d, s), 0, 32, 1, 1 + s.pRows, d, null, s);
 * ```
 */
export function selfTile(metric: MetricName, P: FloatArray, A: Float64Array, ia: number, ib: number, j0: number, j1: number, d: number, sq: Float64Array | null, s: RadiusScratch): void {
  const rows = ib - ia;
  const nb = s.pRows;
  const buf = s.dist;
  const wide = !(P instanceof Float64Array);
  const aRow = wide ? 0 : ia;
  const sqA = sq === null ? null : wide ? sq.subarray(ia) : sq;
  let B: Float64Array;
  let bRow: number;
  let sqB: Float64Array | null;
  if (wide) {
    B = s.pTile;
    B.set(P.subarray(j0 * d, j1 * d));
    bRow = 0;
    sqB = sq === null ? null : sq.subarray(j0);
  } else {
    B = P;
    bRow = j0;
    sqB = sq;
  }
  for (let t = 0; t < rows; t += 2) {
    const i = ia + t;
    const s0 = Math.max(j0, i + 1);
    if (s0 >= j1) break;
    if (t + 1 < rows) {
      const s1 = Math.max(j0, i + 2);
      // Column i + 1 belongs to row i only (the pair (i+1, i+1) is not computed).
      if (s0 < s1) distanceRows(metric, A, aRow + t, -1, B, bRow + (s0 - j0), bRow + (s1 - j0), d, buf, t * nb + (s0 - j0), 0, sqA, sqB);
      if (s1 < j1) distanceRows(metric, A, aRow + t, aRow + t + 1, B, bRow + (s1 - j0), bRow + (j1 - j0), d, buf, t * nb + (s1 - j0), (t + 1) * nb + (s1 - j0), sqA, sqB);
    } else {
      distanceRows(metric, A, aRow + t, -1, B, bRow + (s0 - j0), bRow + (j1 - j0), d, buf, t * nb + (s0 - j0), 0, sqA, sqB);
    }
  }
}

/**
 * Query rows `[qa, qb)` against all points for a custom metric function (called as
 * `metric(query, point)`); with `self`, query r is point r and is skipped. Appends in row order
 * and sets `offsets[r + 1]`.
 *
 * @internal
 * @param fn - public function name (metric checks)
 * @param metric - the custom distance
 * @param points - row views of the points
 * @param queries - row views of the queries
 * @param qa - first query
 * @param qb - one past the last query
 * @param thr - inclusion threshold
 * @param self - skip the query's own index
 * @param out - output entries
 * @param offsets - CSR offsets
 * @example
 * ```ts
 * radiusFunctionBlock('radiusNeighbors', f, pv, qv, 0, 10, 0.5, false, out, offsets);
 * ```
 */
export function radiusFunctionBlock(
  fn: string,
  metric: MetricFunction,
  points: readonly Float64Array[],
  queries: readonly Float64Array[],
  qa: number,
  qb: number,
  thr: number,
  self: boolean,
  out: NeighborBuffer,
  offsets: Int32Array,
): void {
  const np = points.length;
  for (let r = qa; r < qb; r++) {
    const qv = queries[r]!;
    for (let j = 0; j < np; j++) {
      if (self && j === r) continue;
      const v = callMetric(fn, metric, qv, points[j]!);
      if (v <= thr) pushNeighbor(out, j, v);
    }
    offsets[r + 1] = out.length;
  }
}
