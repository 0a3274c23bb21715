/**
 * Block reflectors (compact WY form) for the Householder kernels of {@link householderQr}: a
 * panel of consecutive reflectors H_j0 ⋯ H_j0+nb−1 is the single matrix I − V·T·Vᵀ (V the
 * reflector vectors, T upper triangular, LAPACK's `dlarft`), so applying the panel to many
 * vectors is two matrix products through the packed {@link gemm} instead of nb passes of
 * vector updates — the difference between the level-2 rate of the reflector loops and the
 * level-3 rate of the product once the columns number in the hundreds.
 *
 * Vectors are stored as elsewhere in the Householder kernels: one vector of length q per row,
 * and a panel only touches entries [j0, q). The product operands must be contiguous, so the
 * panel's V is gathered in segments of {@link SEGMENT} entries and targets are copied through
 * a tile of {@link TARGETS} × {@link SEGMENT} doubles: scratch independent of q's size beyond V.
 *
 * @see G. H. Golub & C. F. Van Loan, "Matrix Computations" (4th ed.), §5.1.7 and §5.2.3
 * @see R. Schreiber & C. Van Loan, "A storage-efficient WY representation for products of
 * Householder transformations", SIAM J. Sci. Stat. Comput. 10(1), 1989
 */
import { gemm } from '../core/gemm.js';

/** Entries per segment of a gathered panel and of a target tile. */
const SEGMENT = 1024;
/** Target vectors per tile. */
const TARGETS = 64;

/** Scratch of the block kernels for one q and panel width (allocated once per factorisation). */
export interface BlockScratch {
  /** Panel width (reflectors per block). */
  nb: number;
  /** V's rows (the reflector vectors from entry j0), segment by segment: nb × segment length each. */
  vt: Float64Array;
  /** T (nb × nb, upper triangular). */
  t: Float64Array;
  /** VᵀV, then reused. */
  g: Float64Array;
  /** Vᵀ·Y for a tile of targets (nb × TARGETS). */
  w: Float64Array;
  /** op(T)·Vᵀ·Y (nb × TARGETS). */
  tw: Float64Array;
  /** A tile of targets (TARGETS × SEGMENT). */
  tile: Float64Array;
}

/**
 * Scratch for panels of `nb` reflectors on vectors of length `q`: about nb·q + 32·1024 doubles.
 *
 * @param q - vector length
 * @param nb - panel width
 * @returns the scratch
 * @example
 * ```ts
 * const s = blockScratch(10_000, 32);
 * ```
 */
export function blockScratch(q: number, nb: number): BlockScratch {
  return {
    nb,
    vt: new Float64Array(nb * q),
    t: new Float64Array(nb * nb),
    g: new Float64Array(nb * nb),
    w: new Float64Array(nb * TARGETS),
    tw: new Float64Array(nb * TARGETS),
    tile: new Float64Array(TARGETS * Math.min(SEGMENT, q)),
  };
}

/**
 * Gathers reflectors j0 … j0 + nb − 1 of a factorisation (`cols` as {@link householderQr} leaves
 * it: v_j = (0…0, 1, cols[j·q + j + 1 …])) into `s.vt` and forms T with H_j0 ⋯ H_j0+nb−1 =
 * I − V·T·Vᵀ (forward accumulation: T[i][i] = τᵢ, T[0:i, i] = −τᵢ·T[0:i, 0:i]·Vᵀvᵢ).
 * O(nb²·(q − j0)).
 *
 * @param cols - the factored columns
 * @param q - vector length
 * @param j0 - first reflector of the panel
 * @param nb - reflectors in the panel (≤ s.nb)
 * @param tau - reflector scales
 * @param s - scratch (vt and t written)
 * @example
 * ```ts
 * gatherPanel(cols, q, 32, 32, tau, scratch);
 * ```
 */
export function gatherPanel(cols: Float64Array, q: number, j0: number, nb: number, tau: Float64Array, s: BlockScratch): void {
  const len = q - j0;
  const { vt, t, g } = s;
  g.fill(0, 0, nb * nb);
  for (let s0 = 0; s0 < len; s0 += SEGMENT) {
    const sl = Math.min(SEGMENT, len - s0);
    const base = nb * s0;
    for (let r = 0; r < nb; r++) {
      const ro = base + r * sl;
      const co = (j0 + r) * q + j0 + s0; // entry j0 + s0 of column j0 + r
      const diag = r - s0; // position of the unit entry within this segment
      for (let i = 0; i < sl; i++) vt[ro + i] = i < diag ? 0 : i === diag ? 1 : cols[co + i]!;
    }
    const seg = vt.subarray(base, base + nb * sl);
    gemm(false, true, nb, nb, sl, 1, seg, seg, 1, g);
  }
  t.fill(0, 0, nb * nb);
  for (let i = 0; i < nb; i++) {
    const ti = tau[j0 + i]!;
    t[i * nb + i] = ti;
    if (ti === 0) continue; // H_i = I: column i of T stays zero
    for (let r = 0; r < i; r++) {
      let acc = 0;
      for (let u = r; u < i; u++) acc += t[r * nb + u]! * g[u * nb + i]!;
      t[r * nb + i] = -ti * acc;
    }
  }
}

/**
 * Applies the gathered panel to the target vectors c0 … c1 − 1 of `target` (row c at
 * `target[c·q …]`, entries j0 … q − 1 change): y ← (I − V·op(T)·Vᵀ)·y, with op(T) = Tᵀ for
 * Hᵀ = H_j0+nb−1 ⋯ H_j0 (the factorisation's trailing update) and T for H = H_j0 ⋯ H_j0+nb−1
 * (forming or applying Q). O(4·nb·(c1 − c0)·(q − j0)) through {@link gemm}.
 *
 * @param s - scratch holding the panel from {@link gatherPanel}
 * @param q - vector length
 * @param j0 - first reflector of the panel
 * @param nb - reflectors in the panel
 * @param target - the vectors (updated)
 * @param c0 - first target vector
 * @param c1 - end target vector (exclusive)
 * @param transposed - apply Hᵀ (true) or H (false)
 * @example
 * ```ts
 * applyPanel(scratch, q, j0, nb, cols, j0 + nb, p, true); // trailing columns of a QR
 * ```
 */
export function applyPanel(s: BlockScratch, q: number, j0: number, nb: number, target: Float64Array, c0: number, c1: number, transposed: boolean): void {
  const len = q - j0;
  const { vt, t, w, tw, tile } = s;
  for (let c = c0; c < c1; c += TARGETS) {
    const cn = Math.min(TARGETS, c1 - c);
    // W = Vᵀ·Y (nb × cn), accumulated segment by segment.
    w.fill(0, 0, nb * cn);
    for (let s0 = 0; s0 < len; s0 += SEGMENT) {
      const sl = Math.min(SEGMENT, len - s0);
      copyTile(target, q, c, cn, j0 + s0, sl, tile);
      gemm(false, true, nb, cn, sl, 1, vt.subarray(nb * s0, nb * s0 + nb * sl), tile, 1, w);
    }
    // TW = op(T)·W with T upper triangular.
    for (let r = 0; r < nb; r++) {
      for (let k = 0; k < cn; k++) {
        let acc = 0;
        if (transposed) for (let u = 0; u <= r; u++) acc += t[u * nb + r]! * w[u * cn + k]!;
        else for (let u = r; u < nb; u++) acc += t[r * nb + u]! * w[u * cn + k]!;
        tw[r * cn + k] = acc;
      }
    }
    // Y ← Y − (TW)ᵀ·Vᵀ, segment by segment.
    for (let s0 = 0; s0 < len; s0 += SEGMENT) {
      const sl = Math.min(SEGMENT, len - s0);
      copyTile(target, q, c, cn, j0 + s0, sl, tile);
      gemm(true, false, cn, sl, nb, -1, tw, vt.subarray(nb * s0, nb * s0 + nb * sl), 1, tile);
      for (let r = 0; r < cn; r++) target.set(tile.subarray(r * sl, r * sl + sl), (c + r) * q + j0 + s0);
    }
  }
}

/** Copies entries [from, from + sl) of target vectors c … c + cn − 1 into a contiguous cn × sl tile. */
function copyTile(target: Float64Array, q: number, c: number, cn: number, from: number, sl: number, tile: Float64Array): void {
  for (let r = 0; r < cn; r++) {
    const o = (c + r) * q + from;
    tile.set(target.subarray(o, o + sl), r * sl);
  }
}
