/**
 * Bookkeeping shared by the k-medoids methods: row access into the pairwise distances, each
 * point's nearest and second-nearest medoid, removal losses and the swap update
 * (Schubert & Rousseeuw's data layout).
 */

import { SQUARE_MAX_POINTS, condensedRowOffset, squareFromCondensed } from '../../distance/square.js';

/**
 * Pairwise distances of n points, for the k-medoids scans: a full row-major n × n matrix (`S`,
 * when n ≤ `SQUARE_MAX_POINTS`: rows are contiguous, about 3× faster to scan) or a condensed array
 * in scipy order (`D`, with row offsets: the distance of (i, j), i < j, is `D[start[i] + j]`).
 */
export interface PairwiseDistances {
  /** Number of points. */
  n: number;
  /** n(n−1)/2 distances (empty when `S` is used). */
  D: Float64Array;
  /** `start[i] = condensedRowOffset(n, i)`. */
  start: Float64Array;
  /** n × n distances, or null. */
  S: Float64Array | null;
}

function rowOffsets(n: number): Float64Array {
  const start = new Float64Array(n);
  for (let i = 0; i < n; i++) start[i] = condensedRowOffset(n, i);
  return start;
}

/**
 * Wraps a condensed array for constant-time access, expanding it to a square matrix when
 * n ≤ `SQUARE_MAX_POINTS`.
 *
 * @param D - condensed distances (not modified)
 * @param n - number of points
 * @param square - expand to n × n (default: n ≤ `SQUARE_MAX_POINTS`); both layouts give identical results
 * @returns the accessor data
 */
export function fromCondensed(D: Float64Array, n: number, square: boolean = n <= SQUARE_MAX_POINTS): PairwiseDistances {
  const start = rowOffsets(n);
  if (!square) return { n, D, start, S: null };
  return { n, D: new Float64Array(0), start, S: squareFromCondensed(D, n) };
}

/**
 * Wraps a full n × n distance matrix (from `squareFromPoints`).
 *
 * @param S - n × n distances
 * @param n - number of points
 * @returns the accessor data
 */
export function fromSquare(S: Float64Array, n: number): PairwiseDistances {
  return { n, D: new Float64Array(0), start: rowOffsets(n), S };
}

/**
 * Distance between points i and j (0 when i = j).
 *
 * @param c - distances
 * @param i - first point
 * @param j - second point
 * @returns the distance
 */
export function dist(c: PairwiseDistances, i: number, j: number): number {
  if (i === j) return 0;
  if (c.S !== null) return c.S[i * c.n + j]!;
  return i < j ? c.D[c.start[i]! + j]! : c.D[c.start[j]! + i]!;
}

/**
 * Distances from point j to every point, as a contiguous array (a view of the square matrix,
 * or `buf` filled from the condensed array).
 *
 * @param c - distances
 * @param j - the point
 * @param buf - scratch of length n, used for the condensed layout
 * @returns length-n distances (entry j is 0)
 */
export function distRow(c: PairwiseDistances, j: number, buf: Float64Array): Float64Array {
  const n = c.n;
  if (c.S !== null) return c.S.subarray(j * n, j * n + n);
  const { D, start } = c;
  for (let o = 0; o < j; o++) buf[o] = D[start[o]! + j]!;
  buf[j] = 0;
  const sj = start[j]!;
  for (let o = j + 1; o < n; o++) buf[o] = D[sj + o]!;
  return buf;
}

/** Nearest and second-nearest medoid (by position in the medoid list) of every point. */
export interface Assignment {
  /** Position of the nearest medoid. */
  nearI: Int32Array;
  /** Distance to it. */
  nearD: Float64Array;
  /** Position of the second-nearest medoid (−1 when k = 1). */
  secI: Int32Array;
  /** Distance to it (Infinity when k = 1). */
  secD: Float64Array;
}

/**
 * Assigns every point to its nearest and second-nearest medoid (ties: the lower medoid
 * position; a medoid is always assigned to itself). O(n·k).
 *
 * @param c - distances
 * @param med - medoid row indices
 * @returns the assignment and the total cost (sum of nearest distances)
 */
export function assignMedoids(c: PairwiseDistances, med: Int32Array): { a: Assignment; cost: number } {
  const n = c.n;
  const k = med.length;
  const a: Assignment = { nearI: new Int32Array(n), nearD: new Float64Array(n), secI: new Int32Array(n), secD: new Float64Array(n) };
  let cost = 0;
  for (let o = 0; o < n; o++) {
    let ni = 0;
    let nd = dist(c, o, med[0]!);
    let si = -1;
    let sd = Infinity;
    for (let m = 1; m < k; m++) {
      const me = med[m]!;
      const v = dist(c, o, me);
      if (v < nd || o === me) {
        si = ni;
        sd = nd;
        ni = m;
        nd = v;
      } else if (v < sd) {
        si = m;
        sd = v;
      }
    }
    a.nearI[o] = ni;
    a.nearD[o] = nd;
    a.secI[o] = si;
    a.secD[o] = sd;
    cost += nd;
  }
  return { a, cost };
}

/** The working state of a swap search (PAM's SWAP, FasterPAM), allocated once per run. */
export interface SwapState {
  /** Current medoid row indices (a copy of the initial ones, updated by the swaps). */
  med: Int32Array;
  /** Nearest and second-nearest medoid of every point. */
  a: Assignment;
  /** Cost of the initial medoids. */
  cost: number;
  /** Removal loss of every medoid (length k, not yet computed). */
  loss: Float64Array;
  /** Length-k scratch for {@link bestSwap}. */
  scratch: Float64Array;
  /** Receives the medoid position {@link bestSwap} picks. */
  out: Int32Array;
  /** Length-n scratch for the condensed layout. */
  buf: Float64Array;
}

/**
 * Copies the initial medoids, assigns every point to them and allocates the buffers of a swap
 * search. O(n·k).
 *
 * @param c - distances
 * @param init - initial medoids (not modified)
 * @returns the state
 */
export function swapState(c: PairwiseDistances, init: Int32Array): SwapState {
  const k = init.length;
  const med = init.slice();
  const { a, cost } = assignMedoids(c, med);
  return { med, a, cost, loss: new Float64Array(k), scratch: new Float64Array(k), out: new Int32Array(1), buf: new Float64Array(c.n) };
}

/**
 * Removal loss of every medoid: how much the cost grows if it is removed and its points
 * move to their second-nearest medoid. O(n + k).
 *
 * @param a - assignment
 * @param loss - output, length k
 */
export function removalLoss(a: Assignment, loss: Float64Array): void {
  loss.fill(0);
  const n = a.nearI.length;
  for (let o = 0; o < n; o++) loss[a.nearI[o]!]! += a.secD[o]! - a.nearD[o]!;
}

/**
 * Best medoid to swap out for candidate `j`, and the cost change of that swap, from the
 * removal losses and one pass over the points with a shared accumulator (FasterPAM's
 * O(n + k) evaluation). O(n + k).
 *
 * @param c - distances
 * @param a - current assignment
 * @param loss - removal losses
 * @param j - candidate (a non-medoid)
 * @param scratch - length-k buffer
 * @param out - receives the medoid position to swap out in `out[0]`
 * @param buf - length-n scratch for the condensed layout
 * @returns the cost change of the best swap for `j` (negative = improvement)
 */
export function bestSwap(c: PairwiseDistances, a: Assignment, loss: Float64Array, j: number, scratch: Float64Array, out: Int32Array, buf: Float64Array): number {
  const n = c.n;
  const { nearI, nearD, secD } = a;
  const k = loss.length;
  const row = distRow(c, j, buf);
  scratch.set(loss);
  let acc = 0;
  for (let o = 0; o < n; o++) {
    const djo = row[o]!;
    const ds = secD[o]!;
    // Most points are farther from j than from their second medoid: one well-predicted test.
    if (djo < ds) {
      const dn = nearD[o]!;
      if (djo < dn) {
        acc += djo - dn;
        scratch[nearI[o]!]! += dn - ds;
      } else {
        scratch[nearI[o]!]! += djo - ds;
      }
    }
  }
  let b = 0;
  let bv = scratch[0]!;
  for (let m = 1; m < k; m++) {
    if (scratch[m]! < bv) {
      bv = scratch[m]!;
      b = m;
    }
  }
  out[0] = b;
  return bv + acc;
}

function secondNearest(c: PairwiseDistances, med: Int32Array, near: number, b: number, o: number, djo: number): { i: number; d: number } {
  let si = b;
  let sd = djo;
  for (let m = 0; m < med.length; m++) {
    if (m === near || m === b) continue;
    const v = dist(c, o, med[m]!);
    if (v < sd) {
      sd = v;
      si = m;
    }
  }
  return { i: si, d: sd };
}

/**
 * Replaces medoid at position `b` by point `j` and updates every point's nearest and second
 * nearest medoid incrementally. O(n) plus O(k) for each point that lost its second-nearest.
 *
 * @param c - distances
 * @param med - medoid row indices (modified)
 * @param a - assignment (modified)
 * @param b - medoid position to replace
 * @param j - new medoid row
 * @param buf - length-n scratch for the condensed layout
 * @returns the new total cost
 */
export function doSwap(c: PairwiseDistances, med: Int32Array, a: Assignment, b: number, j: number, buf: Float64Array): number {
  const { nearI, nearD, secI, secD } = a;
  const row = distRow(c, j, buf);
  med[b] = j;
  let cost = 0;
  for (let o = 0; o < c.n; o++) {
    if (o === j) {
      if (nearI[o] !== b) {
        secI[o] = nearI[o]!;
        secD[o] = nearD[o]!;
      }
      nearI[o] = b;
      nearD[o] = 0;
      continue;
    }
    const djo = row[o]!;
    if (nearI[o] === b) {
      // Its nearest medoid was replaced.
      if (djo < secD[o]!) {
        nearD[o] = djo;
      } else {
        nearI[o] = secI[o]!;
        nearD[o] = secD[o]!;
        const s = secondNearest(c, med, nearI[o]!, b, o, djo);
        secI[o] = s.i;
        secD[o] = s.d;
      }
    } else if (djo < nearD[o]!) {
      secI[o] = nearI[o]!;
      secD[o] = nearD[o]!;
      nearI[o] = b;
      nearD[o] = djo;
    } else if (secI[o] === b) {
      const s = secondNearest(c, med, nearI[o]!, b, o, djo);
      secI[o] = s.i;
      secD[o] = s.d;
    } else if (djo < secD[o]!) {
      secI[o] = b;
      secD[o] = djo;
    }
    cost += nearD[o]!;
  }
  return cost;
}

/**
 * The best single medoid of a set of points: the member with the smallest sum of distances
 * to the others (ties: the lowest row index). O(m²) for m members.
 *
 * @param c - distances
 * @param members - row indices
 * @param count - number of members to read from `members`
 * @returns `{ medoid, cost }`
 */
export function bestMedoidOf(c: PairwiseDistances, members: Int32Array, count: number): { medoid: number; cost: number } {
  let best = members[0]!;
  let bestCost = Infinity;
  for (let x = 0; x < count; x++) {
    const i = members[x]!;
    let s = 0;
    for (let y = 0; y < count && s < bestCost; y++) s += dist(c, i, members[y]!);
    if (s < bestCost) {
      bestCost = s;
      best = i;
    }
  }
  return { medoid: best, cost: bestCost };
}
