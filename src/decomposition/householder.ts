/**
 * Householder QR of a tall matrix held column by column (the kernels under {@link svd} and
 * {@link randomizedSvd}).
 *
 * The matrix M (q×p, q ≥ p) is passed as `cols`: p rows of length q, row j being column j of M,
 * so every reflector update streams over contiguous memory. Reflectors are stored LAPACK-style:
 * H_j = I − τ_j v_j v_jᵀ with v_j = (0, …, 0, 1, cols[j·q + j + 1 …]).
 *
 * From {@link BLOCKED_MIN_COLUMNS} columns on, reflectors are applied by panels as block
 * reflectors (`block-reflector.ts`): the level-2 loops below run at about half the packed
 * product's rate there. Below it, every kernel gives the bits of the textbook loops.
 */
import { applyPanel, blockScratch, gatherPanel } from './block-reflector.js';

/** Columns from which the QR and Q's application go by panels (measured crossover, see bench/RESULTS.md). */
const BLOCKED_MIN_COLUMNS = 256;
/** Reflectors per panel. */
const PANEL = 32;

/**
 * Norm of `x[from, to)` without overflow or destructive underflow (scaled sum of squares).
 *
 * @param x - values
 * @param from - first index
 * @param to - end index (exclusive)
 * @returns the Euclidean norm of the slice
 * @example
 * ```ts
 * safeNorm(new Float64Array([3, 4]), 0, 2); // 5
 * ```
 */
export function safeNorm(x: Float64Array, from: number, to: number): number {
  let maxAbs = 0;
  for (let i = from; i < to; i++) {
    const v = Math.abs(x[i]!);
    if (v > maxAbs) maxAbs = v;
  }
  if (maxAbs === 0) return 0;
  if (maxAbs > 1e-150 && maxAbs < 1e150) {
    let s = 0;
    for (let i = from; i < to; i++) s += x[i]! * x[i]!;
    return Math.sqrt(s);
  }
  // Divide: 1 / maxAbs overflows for a subnormal maxAbs (x / maxAbs stays in [−1, 1]).
  let s = 0;
  for (let i = from; i < to; i++) {
    const v = x[i]! / maxAbs;
    s += v * v;
  }
  return maxAbs * Math.sqrt(s);
}

/**
 * In-place Householder QR of M (q×p, q ≥ p) stored by columns. Afterwards `cols[c·q + r]` for
 * r ≤ c holds R[r][c], the entries below hold the reflectors, and `tau` their scales.
 * O(q·p²) time; no allocation below 256 columns, 32·q doubles of scratch from 256 on (where the
 * reflectors are applied by panels, {@link householderQrBlocked}).
 *
 * @param cols - p columns of length q (overwritten)
 * @param q - rows of M
 * @param p - columns of M (p ≤ q)
 * @param tau - length ≥ p, receives the reflector scales
 * @example
 * ```ts
 * const cols = new Float64Array([3, 4]); // M = [[3], [4]]
 * householderQr(cols, 2, 1, new Float64Array(1)); // cols[0] = R[0][0] = -5
 * ```
 */
export function householderQr(cols: Float64Array, q: number, p: number, tau: Float64Array): void {
  if (p >= BLOCKED_MIN_COLUMNS) householderQrBlocked(cols, q, p, tau, PANEL);
  else factorColumns(cols, q, 0, p, p, tau);
}

/**
 * {@link householderQr} by panels of `panel` columns: each panel is factored column by column
 * (its reflectors applied within the panel only), then applied to all later columns at once as a
 * block reflector through the packed product. Same reflectors up to rounding; O(q·p²) time, about
 * panel·q doubles of scratch. Exposed for tests, which run it with narrow panels on small shapes.
 *
 * @param cols - p columns of length q (overwritten)
 * @param q - rows of M
 * @param p - columns of M (p ≤ q)
 * @param tau - length ≥ p, receives the reflector scales
 * @param panel - reflectors per block (≥ 1)
 * @example
 * ```ts
 * householderQrBlocked(cols, q, p, tau, 32);
 * ```
 */
export function householderQrBlocked(cols: Float64Array, q: number, p: number, tau: Float64Array, panel: number): void {
  const s = blockScratch(q, panel);
  for (let j0 = 0; j0 < p; j0 += panel) {
    const nb = Math.min(panel, p - j0);
    factorColumns(cols, q, j0, j0 + nb, j0 + nb, tau);
    if (j0 + nb >= p) break;
    gatherPanel(cols, q, j0, nb, tau, s);
    applyPanel(s, q, j0, nb, cols, j0 + nb, p, true);
  }
}

/**
 * Factors columns [j0, j1) in place, each reflector applied to the columns after it up to
 * `cEnd` (exclusive).
 */
function factorColumns(cols: Float64Array, q: number, j0: number, j1: number, cEnd: number, tau: Float64Array): void {
  for (let j = j0; j < j1; j++) {
    const xo = j * q;
    let m = 0;
    for (let i = xo + j; i < xo + q; i++) {
      const v = Math.abs(cols[i]!);
      if (v > m) m = v;
    }
    if (m === 0) {
      tau[j] = 0;
      continue;
    }
    if (!(m > 1e-150 && m < 1e150)) {
      reflectScaled(cols, xo, j, q, m, tau);
    } else {
      reflect(cols, xo, j, q, tau);
    }
    // Apply H_j to the remaining columns, four at a time: one pass over v feeds four independent
    // dot products (each summed in the same order as alone, so the result is bit for bit that
    // of the column-by-column loop).
    const t = tau[j]!;
    let c = j + 1;
    for (; c + 3 < cEnd; c += 4) reflectFour(cols, xo, j, q, t, cols, c * q);
    for (; c < cEnd; c++) reflectOne(cols, xo, j, q, t, cols, c * q);
  }
}

/**
 * Applies H_j = I − t·v·vᵀ (v = (0…0, 1, cols[xo + j + 1 … xo + q])) to the vector of length q
 * at `target[yo …]`, skipping the update when v·y is zero.
 */
function reflectOne(cols: Float64Array, xo: number, j: number, q: number, t: number, target: Float64Array, yo: number): void {
  let w = target[yo + j]!;
  for (let i = j + 1; i < q; i++) w += cols[xo + i]! * target[yo + i]!;
  updateOne(cols, xo, j, q, w * t, target, yo);
}

/**
 * {@link reflectOne} on four consecutive vectors `target[yo …]`, `target[yo + q …]`, … at once:
 * one load of v per entry for four dot products and four updates, each vector's arithmetic in
 * the same order as {@link reflectOne}'s.
 */
function reflectFour(cols: Float64Array, xo: number, j: number, q: number, t: number, target: Float64Array, yo: number): void {
  const y1 = yo + q, y2 = y1 + q, y3 = y2 + q;
  let w0 = target[yo + j]!, w1 = target[y1 + j]!, w2 = target[y2 + j]!, w3 = target[y3 + j]!;
  for (let i = j + 1; i < q; i++) {
    const v = cols[xo + i]!;
    w0 += v * target[yo + i]!;
    w1 += v * target[y1 + i]!;
    w2 += v * target[y2 + i]!;
    w3 += v * target[y3 + i]!;
  }
  w0 *= t;
  w1 *= t;
  w2 *= t;
  w3 *= t;
  if (w0 === 0 || w1 === 0 || w2 === 0 || w3 === 0) {
    // Rare (a vector orthogonal to v): keep reflectOne's skip, vector by vector.
    updateOne(cols, xo, j, q, w0, target, yo);
    updateOne(cols, xo, j, q, w1, target, y1);
    updateOne(cols, xo, j, q, w2, target, y2);
    updateOne(cols, xo, j, q, w3, target, y3);
    return;
  }
  target[yo + j] = target[yo + j]! - w0;
  target[y1 + j] = target[y1 + j]! - w1;
  target[y2 + j] = target[y2 + j]! - w2;
  target[y3 + j] = target[y3 + j]! - w3;
  for (let i = j + 1; i < q; i++) {
    const v = cols[xo + i]!;
    target[yo + i] = target[yo + i]! - w0 * v;
    target[y1 + i] = target[y1 + i]! - w1 * v;
    target[y2 + i] = target[y2 + i]! - w2 * v;
    target[y3 + i] = target[y3 + i]! - w3 * v;
  }
}

/** y ← y − w·v for an already scaled w = t·(v·y) (nothing when w is zero). */
function updateOne(cols: Float64Array, xo: number, j: number, q: number, w: number, target: Float64Array, yo: number): void {
  if (w === 0) return;
  target[yo + j] = target[yo + j]! - w;
  for (let i = j + 1; i < q; i++) target[yo + i] = target[yo + i]! - w * cols[xo + i]!;
}

/**
 * Multiplies each of `count` row vectors y (length q) of `target` by Q = H_0 H_1 ⋯ H_{p−1}
 * from a previous {@link householderQr}: y ← Q y. O(count·q·p).
 *
 * @param cols - the factored columns from {@link householderQr}
 * @param q - rows of M
 * @param p - number of reflectors
 * @param tau - reflector scales
 * @param target - `count` vectors of length q, row after row (overwritten)
 * @param count - number of vectors
 * @example
 * ```ts
 * applyQ(cols, q, p, tau, ut, p); // ut's rows become Q times themselves
 * ```
 */
export function applyQ(cols: Float64Array, q: number, p: number, tau: Float64Array, target: Float64Array, count: number): void {
  reflectBlocks(cols, q, p, tau, target, count, false);
}

/**
 * y ← H_0 ⋯ H_{p−1}·y for `count` vectors. Blocks of 8 target vectors stay in cache while the
 * reflectors stream past them once. With `identity`, the targets are the unit vectors e_0 …
 * e_{count−1}: H_j leaves e_c alone while j > c (v_j is zero above j), so each reflector only
 * meets the vectors c ≥ j — half the work, the same bits (the skipped products are exact zeros).
 */
function reflectBlocks(cols: Float64Array, q: number, p: number, tau: Float64Array, target: Float64Array, count: number, identity: boolean): void {
  if (p >= BLOCKED_MIN_COLUMNS) {
    reflectPanels(cols, q, p, tau, target, count, identity, PANEL);
    return;
  }
  for (let c0 = 0; c0 < count; c0 += 8) {
    const c1 = c0 + 8 < count ? c0 + 8 : count;
    for (let j = identity && c1 - 1 < p - 1 ? c1 - 1 : p - 1; j >= 0; j--) {
      const t = tau[j]!;
      if (t === 0) continue;
      const xo = j * q;
      let c = identity && j > c0 ? j : c0;
      for (; c + 3 < c1; c += 4) reflectFour(cols, xo, j, q, t, target, c * q);
      for (; c < c1; c++) reflectOne(cols, xo, j, q, t, target, c * q);
    }
  }
}

/**
 * y ← H_0 ⋯ H_{p−1}·y by panels of `panel` reflectors, last panel first, each applied as a block
 * reflector through the packed product (with `identity`, a panel starting at j0 skips the unit
 * targets e_c, c < j0, which it cannot reach). Same result as the reflector-by-reflector loop up
 * to rounding. Exposed for tests, which run it with narrow panels.
 *
 * @param cols - the factored columns from {@link householderQr}
 * @param q - rows of M
 * @param p - number of reflectors
 * @param tau - reflector scales
 * @param target - `count` vectors of length q, row after row (overwritten)
 * @param count - number of vectors
 * @param identity - whether the targets are the unit vectors e_0 … e_{count−1}
 * @param panel - reflectors per block (≥ 1)
 * @example
 * ```ts
 * reflectPanels(cols, q, p, tau, ut, p, false, 32); // as applyQ
 * ```
 */
export function reflectPanels(cols: Float64Array, q: number, p: number, tau: Float64Array, target: Float64Array, count: number, identity: boolean, panel: number): void {
  const s = blockScratch(q, panel);
  for (let j0 = Math.floor((p - 1) / panel) * panel; j0 >= 0; j0 -= panel) {
    const nb = Math.min(panel, p - j0);
    const c0 = identity ? Math.min(j0, count) : 0;
    if (c0 >= count) continue;
    gatherPanel(cols, q, j0, nb, tau, s);
    applyPanel(s, q, j0, nb, target, c0, count, false);
  }
}

/**
 * Orthonormal basis of the column space of M (q×p, q ≥ p, stored by columns): overwrites
 * `cols` with the p columns of the thin Q. O(q·p²); `tau` is scratch of length ≥ p.
 *
 * @param cols - p columns of length q (overwritten by Q's columns)
 * @param q - rows of M
 * @param p - columns of M
 * @param tau - scratch of length ≥ p
 * @param scratch - scratch of length ≥ p·q
 * @example
 * ```ts
 * orthonormalizeColumns(yt, m, l, tau, scratch); // yt's rows are now orthonormal and span the same space
 * ```
 */
export function orthonormalizeColumns(cols: Float64Array, q: number, p: number, tau: Float64Array, scratch: Float64Array): void {
  householderQr(cols, q, p, tau);
  scratch.fill(0, 0, p * q);
  for (let c = 0; c < p; c++) scratch[c * q + c] = 1;
  reflectBlocks(cols, q, p, tau, scratch, p, true);
  cols.set(scratch.subarray(0, p * q));
}

/** The reflector of column j (entries `xo + j … xo + q`) for a column of ordinary magnitude. */
function reflect(cols: Float64Array, xo: number, j: number, q: number, tau: Float64Array): void {
  let s = 0;
  for (let i = xo + j; i < xo + q; i++) s += cols[i]! * cols[i]!;
  const alpha = Math.sqrt(s);
  const x0 = cols[xo + j]!;
  const beta = x0 >= 0 ? -alpha : alpha;
  tau[j] = (beta - x0) / beta;
  const den = x0 - beta;
  for (let i = xo + j + 1; i < xo + q; i++) cols[i] = cols[i]! / den;
  cols[xo + j] = beta;
}

/**
 * The reflector of a column whose largest entry `m` is tiny (or huge): τ and v do not depend on
 * the column's scale, so they are computed from x / m (normal numbers, full precision). Computed
 * from the raw entries, a near-subnormal column's norm rounds to the subnormal grid and τ stops
 * matching v — the reflector is then not orthogonal and corrupts the O(1) columns it is applied to
 * (found by the fuzz harness: a 3 × 3 svd 25 % off). Only R's entry β·m carries the scale.
 */
function reflectScaled(cols: Float64Array, xo: number, j: number, q: number, m: number, tau: Float64Array): void {
  let s = 0;
  for (let i = xo + j; i < xo + q; i++) {
    const v = cols[i]! / m;
    s += v * v;
  }
  const alpha = Math.sqrt(s);
  const x0 = cols[xo + j]! / m;
  const beta = x0 >= 0 ? -alpha : alpha;
  tau[j] = (beta - x0) / beta;
  const den = x0 - beta;
  for (let i = xo + j + 1; i < xo + q; i++) cols[i] = cols[i]! / m / den;
  cols[xo + j] = beta * m;
}
