/**
 * Growable (index, distance) lists for radius searches, whose output size is not known in
 * advance (it can reach n² pairs): capacity doubles as needed, every growth checked against the
 * call's memory budget first, and rows sorted nearest first with ties broken by lower index.
 *
 * Internal module: arguments are not validated.
 */
import { assertMemory } from '../core/memory.js';

/** Neighbour entries collected so far (the first `length` of each array are used). */
export interface NeighborBuffer {
  /** Query row of each entry, kept only by buffers made with `withRows` (otherwise empty). */
  rows: Int32Array;
  /** Neighbour row numbers. */
  indices: Int32Array;
  /** Their distances (empty when the buffer keeps indices only). */
  distances: Float64Array;
  /** Whether distances are kept. */
  keep: boolean;
  /** Entries used. */
  length: number;
  /** Public function name (for the E_MEMORY message). */
  fn: string;
  /** The call's memory budget in bytes. */
  limit: number;
  /** Bytes the caller holds besides this buffer (counted in the budget). */
  reserved: number;
}

/** Bytes per entry: an Int32 index and a Float64 distance. */
export const ENTRY_BYTES = 12;

function entryBytes(buf: NeighborBuffer): number {
  return 4 + (buf.keep ? 8 : 0) + (buf.rows.length > 0 ? 4 : 0);
}

/**
 * An empty buffer with room for `capacity` entries.
 *
 * @internal
 * @param fn - public function name
 * @param limit - memory budget in bytes
 * @param capacity - initial capacity (≥ 1)
 * @param reserved - bytes already held by the caller, counted against the budget
 * @param withRows - also keep a query row per entry (for kernels that find pairs out of row order)
 * @param keep - keep the distances (false: indices only, 4 bytes an entry)
 * @returns the buffer
 * @throws LatentError `E_MEMORY` when even the initial capacity does not fit
 * @example
 * ```ts
 * const buf = neighborBuffer('radiusNeighbors', 2 ** 32, 1024, 0, false, true);
 * ```
 */
export function neighborBuffer(fn: string, limit: number, capacity: number, reserved: number, withRows: boolean, keep = true): NeighborBuffer {
  const cap = Math.max(16, Math.ceil(capacity));
  assertMemory(fn, 'the neighbour lists', reserved + cap * (4 + (keep ? 8 : 0) + (withRows ? 4 : 0)), limit, cap * 8);
  const rows = withRows ? new Int32Array(cap) : new Int32Array(0);
  return { rows, indices: new Int32Array(cap), distances: new Float64Array(keep ? cap : 0), keep, length: 0, fn, limit, reserved };
}

/**
 * Makes room for at least `extra` more entries (doubling the capacity as needed).
 *
 * @internal
 * @param buf - the buffer
 * @param extra - entries about to be appended
 * @throws LatentError `E_MEMORY` when the grown lists would exceed the budget
 * @example
 * ```ts
 * reserveNeighbors(buf, 100);
 * ```
 */
export function reserveNeighbors(buf: NeighborBuffer, extra: number): void {
  const need = buf.length + extra;
  const old = buf.indices.length;
  if (need <= old) return;
  let cap = old;
  while (cap < need) cap *= 2;
  // Old and new arrays coexist during the copy.
  assertMemory(buf.fn, `the neighbour lists (${need} entries so far)`, buf.reserved + (cap + old) * entryBytes(buf), buf.limit, cap * 8);
  if (buf.rows.length > 0) {
    const rows = new Int32Array(cap);
    rows.set(buf.rows.subarray(0, buf.length));
    buf.rows = rows;
  }
  const indices = new Int32Array(cap);
  indices.set(buf.indices.subarray(0, buf.length));
  buf.indices = indices;
  if (buf.keep) {
    const distances = new Float64Array(cap);
    distances.set(buf.distances.subarray(0, buf.length));
    buf.distances = distances;
  }
}

/**
 * Appends one entry (growing the buffer when full).
 *
 * @internal
 * @param buf - the buffer
 * @param idx - neighbour row number
 * @param dist - its distance
 * @example
 * ```ts
 * pushNeighbor(buf, 7, 0.25);
 * ```
 */
export function pushNeighbor(buf: NeighborBuffer, idx: number, dist: number): void {
  if (buf.length === buf.indices.length) reserveNeighbors(buf, 1);
  buf.indices[buf.length] = idx;
  if (buf.keep) buf.distances[buf.length] = dist;
  buf.length++;
}

/**
 * Appends one (row, index, distance) entry to a buffer made with `withRows`.
 *
 * @internal
 * @param buf - the buffer
 * @param row - query row
 * @param idx - neighbour row number
 * @param dist - its distance
 * @example
 * ```ts
 * pushTriplet(buf, 0, 7, 0.25);
 * ```
 */
export function pushTriplet(buf: NeighborBuffer, row: number, idx: number, dist: number): void {
  if (buf.length === buf.indices.length) reserveNeighbors(buf, 1);
  buf.rows[buf.length] = row;
  buf.indices[buf.length] = idx;
  if (buf.keep) buf.distances[buf.length] = dist;
  buf.length++;
}

/**
 * Sorts entries `[a, b)` of parallel arrays ascending by (distance, index): insertion sort for
 * short runs, heapsort otherwise (O(m log m) whatever the input, no recursion).
 *
 * @internal
 * @param D - distances
 * @param I - indices
 * @param a - first entry
 * @param b - one past the last entry
 * @example
 * ```ts
 * sortByDistance(new Float64Array([2, 1, 1]), new Int32Array([0, 5, 3]), 0, 3); // → [1, 1, 2] / [3, 5, 0]
 * ```
 */
export function sortByDistance(D: Float64Array, I: Int32Array, a: number, b: number): void {
  const m = b - a;
  if (m < 2) return;
  if (m <= 24) {
    for (let i = a + 1; i < b; i++) {
      const dv = D[i]!;
      const iv = I[i]!;
      let j = i - 1;
      while (j >= a && (D[j]! > dv || (D[j]! === dv && I[j]! > iv))) {
        D[j + 1] = D[j]!;
        I[j + 1] = I[j]!;
        j--;
      }
      D[j + 1] = dv;
      I[j + 1] = iv;
    }
    return;
  }
  // Max-heap on (distance, index), then repeated extraction of the root to the end.
  for (let start = (m >> 1) - 1; start >= 0; start--) sift(D, I, a, start, m, D[a + start]!, I[a + start]!);
  for (let end = m - 1; end > 0; end--) {
    const dv = D[a + end]!;
    const iv = I[a + end]!;
    D[a + end] = D[a]!;
    I[a + end] = I[a]!;
    sift(D, I, a, 0, end, dv, iv);
  }
}

/** Places (dv, iv) at heap position p of the heap `[a, a + size)` and sifts it down. */
function sift(D: Float64Array, I: Int32Array, a: number, p: number, size: number, dv: number, iv: number): void {
  for (;;) {
    let c = 2 * p + 1;
    if (c >= size) break;
    let cd = D[a + c]!;
    let ci = I[a + c]!;
    if (c + 1 < size) {
      const rd = D[a + c + 1]!;
      const ri = I[a + c + 1]!;
      if (rd > cd || (rd === cd && ri > ci)) {
        c++;
        cd = rd;
        ci = ri;
      }
    }
    if (dv > cd || (dv === cd && iv > ci)) break;
    D[a + p] = cd;
    I[a + p] = ci;
    p = c;
  }
  D[a + p] = dv;
  I[a + p] = iv;
}
