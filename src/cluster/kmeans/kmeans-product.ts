/**
 * k-means assignment through the packed matrix product (`distance/expansion.ts`): the
 * squared distances of a group of 4 rows to every centre come from `‖x‖² + ‖c‖² − 2x·c` at the
 * matrix-product rate, and only the centres the expansion's proven error bound cannot separate
 * from the nearest are recomputed with the difference kernel {@link sqDist}. The label of every
 * row — nearest centre, ties to the lowest index — is therefore exactly the difference form's,
 * and so are the iterates, centres and inertia of every scheme that uses it.
 *
 * Used for d ≥ 32 (`EXPANSION_MIN_DIMS`) and for Float32 data, which it reads in place.
 * Internal module: arguments are not validated.
 */
import { packRows64, rowsPanelProduct32, rowsPanelProduct64 } from '../../core/gemm.js';
import type { FloatArray } from '../../core/matrix.js';
import { EXPANSION_MIN_DIMS, expansionFloor, expansionSlack } from '../../distance/expansion.js';
import { rowSqNorms } from '../../distance/kernels.js';
import { sqDist, sqDist32 } from './sq-dist.js';

/** Centres packed for the product, with their squared norms. */
export interface PackedCentres {
  /** 4-row panels of depth d (see `packRows64`). */
  panels: Float64Array;
  /** Number of panels, ⌈k / 4⌉. */
  count: number;
  /** Squared norms of the centres. */
  sq: Float64Array;
}

/**
 * Whether the product path serves data of this width and storage: from
 * {@link EXPANSION_MIN_DIMS} columns, and always for Float32 data (read in place).
 *
 * @param X - the data
 * @param d - columns
 * @returns true for the product path
 * @example
 * ```ts
 * useProduct(new Float32Array(8), 2); // true
 * ```
 */
export function useProduct(X: FloatArray, d: number): boolean {
  return d >= EXPANSION_MIN_DIMS || X instanceof Float32Array;
}

/**
 * Packs `k` centres (k × d) for {@link assignRows}. O(k·d).
 *
 * @param C - centres, row-major
 * @param k - number of centres
 * @param d - columns
 * @returns the packed centres
 * @example
 * ```ts
 * packCentres(centres, 100, 384).count; // 25
 * ```
 */
export function packCentres(C: Float64Array, k: number, d: number): PackedCentres {
  const count = (k + 3) >> 2;
  const panels = new Float64Array(4 * count * d);
  packRows64(C, 0, k, d, panels, 0);
  return { panels, count, sq: rowSqNorms(C, k, d) };
}

/** Per-call scratch of {@link assignRows}: 4 rows of dot products and the expansion per centre. */
export interface AssignScratch {
  /** 4 × (4·panels) dot products. */
  dots: Float64Array;
  /** Expansion value per centre. */
  v: Float64Array;
  /** Error bound per centre. */
  e: Float64Array;
}

/**
 * Scratch buffers for {@link assignRows} with k centres.
 *
 * @param k - number of centres
 * @returns the buffers
 * @example
 * ```ts
 * const scratch = assignScratch(100);
 * ```
 */
export function assignScratch(k: number): AssignScratch {
  const w = ((k + 3) >> 2) << 2;
  return { dots: new Float64Array(4 * w), v: new Float64Array(k), e: new Float64Array(k) };
}

/**
 * Assigns rows to their nearest centre (ties: the lowest centre index), exactly as a scan with
 * {@link sqDist} would, through the product. The rows are `rows[from … to)` when `rows` is
 * given, else the row numbers `from … to − 1`.
 *
 * Outputs (each optional, indexed by row number):
 * - `labels[i]`: the nearest centre; the return value counts the rows whose label changed;
 * - `best[i]`: its squared distance, computed with {@link sqDist} (the exact value);
 * - `second[i]`: a lower bound on the squared distance to the second-nearest centre (the
 *   expansion minus its error bound, at most the exact value);
 * - `lower[i·k + c]`: a lower bound on the distance (not squared) to every centre, exact for
 *   the nearest: Elkan's bounds after a full pass.
 *
 * O(count·k·d) at the product rate, plus one difference-form distance per row (the nearest) and
 * one more for each centre the bound cannot separate from it.
 *
 * @param X - data (Float64 or Float32), row-major
 * @param d - columns
 * @param sqX - squared norms of the rows of X
 * @param rows - row numbers to assign, or null for a range
 * @param from - first position
 * @param to - one past the last position
 * @param C - centres, k × d
 * @param pc - the same centres packed
 * @param k - number of centres
 * @param labels - output labels (read for the change count)
 * @param best - output exact squared distance to the nearest centre, or null
 * @param second - output lower bound on the squared second distance, or null
 * @param lower - output n × k lower bounds (Elkan), or null
 * @param s - scratch from {@link assignScratch}
 * @returns the number of rows whose label changed
 * @example
 * ```ts
 * assignRows(X, d, sqX, null, 0, n, C, packCentres(C, k, d), k, labels, null, null, null, assignScratch(k));
 * ```
 */
export function assignRows(
  X: FloatArray,
  d: number,
  sqX: Float64Array,
  rows: Int32Array | null,
  from: number,
  to: number,
  C: Float64Array,
  pc: PackedCentres,
  k: number,
  labels: Int32Array,
  best: Float64Array | null,
  second: Float64Array | null,
  lower: Float64Array | null,
  s: AssignScratch,
): number {
  const slack = expansionSlack(d);
  const floor = expansionFloor(d);
  const w = pc.count << 2;
  const { dots, v, e } = s;
  const sqC = pc.sq;
  const x32 = X instanceof Float32Array ? X : null;
  const x64 = X instanceof Float64Array ? X : null;
  let changed = 0;
  for (let g = from; g < to; g += 4) {
    const h = Math.min(4, to - g);
    const r0 = rows === null ? g : rows[g]!;
    const r1 = h > 1 ? (rows === null ? g + 1 : rows[g + 1]!) : r0;
    const r2 = h > 2 ? (rows === null ? g + 2 : rows[g + 2]!) : r0;
    const r3 = h > 3 ? (rows === null ? g + 3 : rows[g + 3]!) : r0;
    if (x32 !== null) rowsPanelProduct32(x32, r0 * d, r1 * d, r2 * d, r3 * d, d, pc.panels, pc.count, dots, 0, w);
    else rowsPanelProduct64(x64!, r0 * d, r1 * d, r2 * d, r3 * d, d, pc.panels, pc.count, dots, 0, w);
    for (let t = 0; t < h; t++) {
      const i = t === 0 ? r0 : t === 1 ? r1 : t === 2 ? r2 : r3;
      const nx = sqX[i]!;
      const base = t * w;
      // The smallest upper bound, then every centre whose lower bound does not exceed it.
      let minUp = Infinity;
      let arg = 0;
      for (let c = 0; c < k; c++) {
        const sum = nx + sqC[c]!;
        const vc = sum - 2 * dots[base + c]!;
        const ec = slack * sum + floor;
        v[c] = vc;
        e[c] = ec;
        const up = vc + ec;
        if (up < minUp) {
          minUp = up;
          arg = c;
        }
      }
      const xo = i * d;
      let label = arg;
      let bestD = -1;
      let secondLow = Infinity;
      let candidates = 0;
      for (let c = 0; c < k; c++) {
        if (c !== arg && v[c]! - e[c]! <= minUp) candidates++;
      }
      if (candidates > 0) {
        // Ambiguous: exact distances for every centre the bound cannot rule out.
        for (let c = 0; c < k; c++) {
          if (c !== arg && v[c]! - e[c]! > minUp) continue;
          const dc = x32 !== null ? sqDist32(x32, xo, C, c * d, d) : sqDist(x64!, xo, C, c * d, d);
          if (bestD < 0 || dc < bestD || (dc === bestD && c < label)) {
            if (bestD >= 0 && bestD < secondLow) secondLow = bestD;
            bestD = dc;
            label = c;
          } else if (dc < secondLow) {
            secondLow = dc;
          }
        }
      } else {
        bestD = x32 !== null ? sqDist32(x32, xo, C, arg * d, d) : sqDist(x64!, xo, C, arg * d, d);
      }
      if (labels[i] !== label) {
        labels[i] = label;
        changed++;
      }
      if (best !== null) best[i] = bestD;
      if (second !== null || lower !== null) {
        const lo = i * k;
        for (let c = 0; c < k; c++) {
          if (c === label) continue;
          const l = v[c]! - e[c]!;
          const lb = l > 0 ? l : 0;
          if (lb < secondLow) secondLow = lb;
          if (lower !== null) lower[lo + c] = Math.sqrt(lb);
        }
        if (lower !== null) lower[lo + label] = Math.sqrt(bestD);
        if (second !== null) second[i] = secondLow;
      }
    }
  }
  return changed;
}
