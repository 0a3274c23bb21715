/**
 * General matrix product on row-major `Float64Array` storage, the kernel shared by
 * `decomposition` (PCA, SVD) and `nn` (dense layers).
 *
 * Goto/BLIS-style blocking: op(B) is packed into KC×NC panels of 4 columns, op(A) into MC×KC
 * panels of 4 rows, and a 4×4 register-tiled micro-kernel accumulates 16 products per step
 * from the two contiguous panels. Packing makes the four `trans` combinations run at the same
 * speed, since the kernel never sees the original strides. For thin products (at most 64 rows
 * of op(A), or at most 16 columns of op(B)) a packed panel would be used once, so that operand
 * is read in place instead of copied.
 */

import type { FloatArray } from './matrix.js';

/** Depth of a packed panel (inner dimension per pass): 256 doubles × 4 = 8 KiB of B per micro-panel. */
const KC = 256;
/** Rows of op(A) packed per block: 64 × 256 doubles = 128 KiB (stays in L2). */
const MC = 64;
/** Columns of op(B) packed per block: 2048 × 256 doubles = 4 MiB at most. */
const NC = 2048;
/** Below this many multiply-adds the packing overhead dominates: use the direct loops. */
const SMALL = 4096;
/** With at most this many columns of op(B) a packed A panel would serve ≤ 4 tiles: read A in place. */
const DIRECT_A_MAX_N = 16;

/**
 * Packing buffers kept between calls up to this many doubles each (256 KiB): larger ones are per
 * call. This cache is the one documented exception to "no module-level state": it is invisible to
 * callers (a result never depends on what a previous call left in it — tested), gemm never calls
 * user code or yields, so two calls cannot share it on one thread, and every Worker has its own
 * module instance. Passing a workspace through every caller would cost the same speed in API noise.
 */
const KEEP = 32768;
const kept: Float64Array[] = [new Float64Array(0), new Float64Array(0), new Float64Array(0)];

/**
 * A packing buffer of at least `length` doubles. Small ones are reused across calls: a dense
 * layer's products are small and frequent, and allocating three arrays per product was about
 * 2 % of a training epoch. gemm calls no user code, so a buffer cannot be in use twice.
 */
function workspace(slot: number, length: number): Float64Array {
  const buf = kept[slot]!;
  if (buf.length >= length) return buf;
  const fresh = new Float64Array(length);
  if (length <= KEEP) kept[slot] = fresh;
  return fresh;
}

/**
 * `C ← alpha · op(A) · op(B) + beta · C`, all row-major and contiguous.
 *
 * `op(A)` is m×k: A is stored m×k, or k×m when `transA`. `op(B)` is k×n: B is stored
 * k×n, or n×k when `transB`. C is m×n. With `beta = 0`, C's previous contents are ignored
 * (even NaN). As in BLAS, with `alpha = 0` or `k = 0` A and B are not read (C becomes
 * `beta · C`). C must not alias A or B.
 *
 * Cache-blocked and register-tiled (4×4 micro-kernel on packed panels): O(m·n·k) time, about
 * 4–6 GFLOP/s single-threaded in V8 for matrices past a few dozen rows, the same for every
 * `trans` combination; at most O(min(m, 64)·min(k, 256) + min(n, 2048)·min(k, 256)) scratch per
 * call.
 * Tiny products (m·n·k < 4096) run through direct loops instead.
 *
 * Internal kernel: sizes are not validated (the callers have validated their shapes).
 *
 * @param transA - use Aᵀ
 * @param transB - use Bᵀ
 * @param m - rows of op(A) and C
 * @param n - columns of op(B) and C
 * @param k - inner dimension
 * @param alpha - scale of the product
 * @param a - A's values
 * @param b - B's values
 * @param beta - scale of C's previous contents (0 overwrites)
 * @param c - C's values (written)
 * @example
 * ```ts
 * const c = new Float64Array(4);
 * gemm(false, false, 2, 2, 2, 1, new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), 0, c);
 * c; // Float64Array [19, 22, 43, 50]
 * ```
 * @see BLAS `dgemm`; K. Goto & R. van de Geijn, "Anatomy of high-performance matrix multiplication", ACM TOMS 34(3), 2008
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  b: Float64Array,
  beta: number,
  c: Float64Array,
): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0 || alpha === 0) {
    scaleC(m * n, beta, c);
    return;
  }
  if (m * n * k < SMALL) {
    gemmSmall(transA, transB, m, n, k, alpha, a, b, beta, c);
    return;
  }
  blocked(transA, transB, m, n, k, alpha, a, b, beta, c, false);
}

/**
 * {@link gemm} on data matrices in their own storage: either operand may be a `Float32Array`
 * (widened exactly as it is packed) and, with its `mean`, is centred on the fly — `op(A)` is
 * taken from `A − 1·aMeanᵀ` and `op(B)` from `B − 1·bMeanᵀ` (the mean of each stored column
 * subtracted from it), so `C ← alpha · op(A − 1·aMeanᵀ) · op(B − 1·bMeanᵀ) + beta · C` needs no
 * centred or widened copy. The packed values are exactly those a centred Float64 copy would hold,
 * so the result is the same bits as `gemm` on the copies. A data operand is always packed; the
 * packing buffers stay within 128 KiB (A) and 4 MiB (B).
 *
 * Internal kernel: sizes are not validated.
 *
 * @param transA - use Aᵀ
 * @param transB - use Bᵀ
 * @param m - rows of op(A) and C
 * @param n - columns of op(B) and C
 * @param k - inner dimension
 * @param alpha - scale of the product
 * @param a - A's values (Float64 or Float32)
 * @param aMean - per stored column of A, the value subtracted, or null
 * @param b - B's values (Float64 or Float32)
 * @param bMean - per stored column of B, the value subtracted, or null
 * @param beta - scale of C's previous contents
 * @param c - C's values (written)
 * @example
 * ```ts
 * gemmData(false, false, 1, 2, 2, 1, new Float64Array([1, 1]), null, new Float32Array([1, 2, 3, 4]), new Float64Array([2, 3]), 0, c);
 * c; // Float64Array [0, 0] (the column sums of the centred B)
 * ```
 */
export function gemmData(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: FloatArray,
  aMean: Float64Array | null,
  b: FloatArray,
  bMean: Float64Array | null,
  beta: number,
  c: Float64Array,
): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0 || alpha === 0) {
    scaleC(m * n, beta, c);
    return;
  }
  const plainA = a instanceof Float64Array && aMean === null;
  const plainB = b instanceof Float64Array && bMean === null;
  blocked(transA, transB, m, n, k, alpha, plainA ? a : EMPTY, plainB ? b : EMPTY, beta, c, false, plainB ? null : b, bMean, plainA ? null : a, aMean);
}

const EMPTY = /* @__PURE__ */ new Float64Array(0);

/**
 * Packs op(B)[pc:pc+kc, j0:j0+width] of a Float64 data operand, centred by `mean` when given
 * (mean indexed by B's stored column), into 4-column panels at `bp[0]` (zero-padded).
 */
function packData64(transB: boolean, n: number, k: number, b: Float64Array, mean: Float64Array | null, j0: number, width: number, pc: number, kc: number, bp: Float64Array): void {
  for (let jr = 0; jr < width; jr += 4) {
    const base = jr * kc;
    const w = width - jr < 4 ? width - jr : 4;
    const j = j0 + jr;
    if (transB) {
      // op(B) column j + jj is stored row j + jj of B (length k); its entry p is centred by mean[pc + p].
      for (let p = 0, o = base; p < kc; p++, o += 4) {
        const mu = mean === null ? 0 : mean[pc + p]!;
        for (let jj = 0; jj < 4; jj++) bp[o + jj] = jj < w ? b[(j + jj) * k + pc + p]! - mu : 0;
      }
    } else {
      // op(B) row p is stored row pc + p of B (length n); column j + jj is centred by mean[j + jj].
      const m0 = mean === null ? 0 : mean[j]!;
      const m1 = w > 1 && mean !== null ? mean[j + 1]! : 0;
      const m2 = w > 2 && mean !== null ? mean[j + 2]! : 0;
      const m3 = w > 3 && mean !== null ? mean[j + 3]! : 0;
      let r = pc * n + j;
      for (let p = 0, o = base; p < kc; p++, o += 4, r += n) {
        bp[o] = b[r]! - m0;
        bp[o + 1] = w > 1 ? b[r + 1]! - m1 : 0;
        bp[o + 2] = w > 2 ? b[r + 2]! - m2 : 0;
        bp[o + 3] = w > 3 ? b[r + 3]! - m3 : 0;
      }
    }
  }
}

/** {@link packData64} for a Float32 data operand (each value widened exactly before centring). */
function packData32(transB: boolean, n: number, k: number, b: Float32Array, mean: Float64Array | null, j0: number, width: number, pc: number, kc: number, bp: Float64Array): void {
  for (let jr = 0; jr < width; jr += 4) {
    const base = jr * kc;
    const w = width - jr < 4 ? width - jr : 4;
    const j = j0 + jr;
    if (transB) {
      for (let p = 0, o = base; p < kc; p++, o += 4) {
        const mu = mean === null ? 0 : mean[pc + p]!;
        for (let jj = 0; jj < 4; jj++) bp[o + jj] = jj < w ? b[(j + jj) * k + pc + p]! - mu : 0;
      }
    } else {
      const m0 = mean === null ? 0 : mean[j]!;
      const m1 = w > 1 && mean !== null ? mean[j + 1]! : 0;
      const m2 = w > 2 && mean !== null ? mean[j + 2]! : 0;
      const m3 = w > 3 && mean !== null ? mean[j + 3]! : 0;
      let r = pc * n + j;
      for (let p = 0, o = base; p < kc; p++, o += 4, r += n) {
        bp[o] = b[r]! - m0;
        bp[o + 1] = w > 1 ? b[r + 1]! - m1 : 0;
        bp[o + 2] = w > 2 ? b[r + 2]! - m2 : 0;
        bp[o + 3] = w > 3 ? b[r + 3]! - m3 : 0;
      }
    }
  }
}

/**
 * Symmetric rank-k update, upper triangle: `C ← alpha · op(A) · op(A)ᵀ + beta · C` where op(A)
 * is A (n×k, `trans` false) or Aᵀ (A stored k×n, `trans` true), all row-major. Only the entries
 * with column ≥ row are read and written; the strictly lower triangle of C is left untouched.
 * The same kernel as {@link gemm} with the tiles below the diagonal skipped: about half the
 * work of the full product (the Gram or covariance matrix of PCA).
 *
 * O(n²·k) time; internal kernel, sizes are not validated. C must not alias A.
 *
 * @param trans - use AᵀA (A stored k×n) instead of AAᵀ (A stored n×k)
 * @param n - order of C
 * @param k - inner dimension
 * @param alpha - scale of the product
 * @param a - A's values
 * @param beta - scale of C's previous upper triangle (0 overwrites)
 * @param c - C's values (upper triangle written)
 * @example
 * ```ts
 * const c = new Float64Array(4);
 * syrk(true, 2, 3, 1, new Float64Array([1, 2, 3, 4, 5, 6]), 0, c); // AᵀA of the 3×2 matrix [[1, 2], [3, 4], [5, 6]]
 * c; // Float64Array [35, 44, 0, 56]
 * ```
 * @see BLAS `dsyrk` (uplo = 'U')
 */
export function syrk(trans: boolean, n: number, k: number, alpha: number, a: Float64Array, beta: number, c: Float64Array): void {
  if (n <= 0) return;
  if (k <= 0 || alpha === 0 || n * n * k < 2 * SMALL) {
    syrkSmall(trans, n, k, alpha, a, beta, c);
    return;
  }
  blocked(trans, !trans, n, n, k, alpha, a, a, beta, c, true);
}

/** Direct loops of {@link syrk} for tiny or degenerate sizes. */
function syrkSmall(trans: boolean, n: number, k: number, alpha: number, a: Float64Array, beta: number, c: Float64Array): void {
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      if (alpha !== 0) {
        for (let p = 0; p < k; p++) s += trans ? a[p * n + i]! * a[p * n + j]! : a[i * k + p]! * a[j * k + p]!;
      }
      const o = i * n + j;
      c[o] = beta === 0 ? alpha * s : alpha * s + beta * c[o]!;
    }
  }
}

/** `C ← beta · C` (beta = 0 overwrites with zeros, ignoring NaN). */
function scaleC(len: number, beta: number, c: Float64Array): void {
  if (beta === 1) return;
  if (beta === 0) {
    c.fill(0, 0, len);
    return;
  }
  for (let i = 0; i < len; i++) c[i] = beta * c[i]!;
}

/** Direct loops for tiny products, where packing costs more than it saves. */
function gemmSmall(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  b: Float64Array,
  beta: number,
  c: Float64Array,
): void {
  const sa = transA ? m : 1; // stride between consecutive p in a row of op(A)
  const sb = transB ? 1 : n; // stride between consecutive p in a column of op(B)
  for (let i = 0; i < m; i++) {
    const ao = transA ? i : i * k;
    for (let j = 0; j < n; j++) {
      let s = 0;
      let ai = ao;
      let bi = transB ? j * k : j;
      for (let p = 0; p < k; p++) {
        s += a[ai]! * b[bi]!;
        ai += sa;
        bi += sb;
      }
      const o = i * n + j;
      c[o] = beta === 0 ? alpha * s : alpha * s + beta * c[o]!;
    }
  }
}

/**
 * The blocked driver shared by {@link gemm} and {@link syrk} (`upper`: only tiles touching the
 * upper triangle are computed, only entries with j ≥ i written).
 *
 * An operand is packed into contiguous 4-wide panels only when the packing is reused: op(B)
 * when there is more than one 64-row block of A to multiply it with, op(A) when there are more
 * than four 4-column tiles of B. Otherwise the kernel reads it in place (a thin sketch times a
 * big data matrix then streams the big matrix once, without copying it). Partial edge panels
 * are always packed (zero-padded) into small buffers.
 */
function blocked(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  b: Float64Array,
  beta: number,
  c: Float64Array,
  upper: boolean,
  bData: FloatArray | null = null,
  bMean: Float64Array | null = null,
  aData: FloatArray | null = null,
  aMean: Float64Array | null = null,
): void {
  const directA = aData === null && n <= DIRECT_A_MAX_N;
  // A data operand (Float32 storage, or centred on the fly) is always packed: the kernel only
  // ever reads Float64 panels, so it stays monomorphic.
  const directB = bData === null && m <= MC;
  const kcMax = k < KC ? k : KC;
  const mcMax = m < MC ? m : MC;
  const ncMax = n < NC ? n : NC;
  const ap = workspace(0, (directA ? 4 : ((mcMax + 3) >> 2) << 2) * kcMax);
  const bp = workspace(1, (directB ? 4 : ((ncMax + 3) >> 2) << 2) * kcMax);
  const edge = workspace(2, 16);
  // In-place strides (see macroKernel): A rows i..i+3 at p, B columns j..j+3 at p.
  const aR = transA ? 1 : k;
  const aP = transA ? m : 1;
  const bC = transB ? k : 1;
  const bP = transB ? 1 : n;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      // B: packed panels, or in place with only a partial last panel packed.
      const nFull = directB ? nc & ~3 : 0;
      if (bData !== null) {
        if (bData instanceof Float32Array) packData32(transB, n, k, bData, bMean, jc, nc, pc, kc, bp);
        else packData64(transB, n, k, bData, bMean, jc, nc, pc, kc, bp);
      } else if (directB) {
        if (nFull < nc) packB(transB, n, k, b, jc + nFull, nc - nFull, pc, kc, bp, 0);
      } else {
        packB(transB, n, k, b, jc, nc, pc, kc, bp, 0);
      }
      const bStart = transB ? jc * k + pc : pc * n + jc;
      const be = pc === 0 ? beta : 1;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        if (upper && ic > jc + nc - 1) break;
        const mFull = directA ? mc & ~3 : 0;
        if (aData !== null) {
          // op(A) rows are op(Aᵀ)'s columns: the same packing as a data B with the transpose flipped.
          if (aData instanceof Float32Array) packData32(!transA, m, k, aData, aMean, ic, mc, pc, kc, ap);
          else packData64(!transA, m, k, aData, aMean, ic, mc, pc, kc, ap);
        } else if (directA) {
          if (mFull < mc) packA(transA, m, k, a, ic + mFull, mc - mFull, pc, kc, ap, 0);
        } else {
          packA(transA, m, k, a, ic, mc, pc, kc, ap, 0);
        }
        const aStart = transA ? pc * m + ic : ic * k + pc;
        macroKernel(mc, nc, kc, mFull, nFull, a, aStart, aR, aP, ap, b, bStart, bC, bP, bp, alpha, be, c, n, ic, jc, m, edge, upper, directA, directB);
      }
    }
  }
}

/**
 * Packs op(B)[pc:pc+kc, j0:j0+w] into panels of 4 columns starting at `bp[at]`: panel `jr/4`
 * holds, for each p, the 4 values of row p (zero-padded past the last column).
 */
function packB(transB: boolean, n: number, k: number, b: Float64Array, j0: number, width: number, pc: number, kc: number, bp: Float64Array, at: number): void {
  for (let jr = 0; jr < width; jr += 4) {
    const base = at + jr * kc;
    const w = width - jr;
    const j = j0 + jr;
    if (w >= 4) {
      if (transB) {
        // B stored n×k: columns j..j+3 of op(B) are rows j..j+3 of B.
        let r0 = j * k + pc;
        let r1 = r0 + k;
        let r2 = r1 + k;
        let r3 = r2 + k;
        for (let p = 0, o = base; p < kc; p++, o += 4) {
          bp[o] = b[r0++]!;
          bp[o + 1] = b[r1++]!;
          bp[o + 2] = b[r2++]!;
          bp[o + 3] = b[r3++]!;
        }
      } else {
        let r = pc * n + j;
        for (let p = 0, o = base; p < kc; p++, o += 4, r += n) {
          bp[o] = b[r]!;
          bp[o + 1] = b[r + 1]!;
          bp[o + 2] = b[r + 2]!;
          bp[o + 3] = b[r + 3]!;
        }
      }
    } else {
      for (let p = 0, o = base; p < kc; p++, o += 4) {
        for (let jj = 0; jj < 4; jj++) {
          bp[o + jj] = jj < w ? (transB ? b[(j + jj) * k + pc + p]! : b[(pc + p) * n + j + jj]!) : 0;
        }
      }
    }
  }
}

/**
 * Packs op(A)[i0:i0+height, pc:pc+kc] into panels of 4 rows starting at `ap[at]`: panel `ir/4`
 * holds, for each p, the 4 values of column p (zero-padded past the last row).
 */
function packA(transA: boolean, m: number, k: number, a: Float64Array, i0: number, height: number, pc: number, kc: number, ap: Float64Array, at: number): void {
  for (let ir = 0; ir < height; ir += 4) {
    const base = at + ir * kc;
    const h = height - ir;
    const i = i0 + ir;
    if (h >= 4) {
      if (transA) {
        // A stored k×m: rows i..i+3 of op(A) are columns of A, contiguous within a row of A.
        let r = pc * m + i;
        for (let p = 0, o = base; p < kc; p++, o += 4, r += m) {
          ap[o] = a[r]!;
          ap[o + 1] = a[r + 1]!;
          ap[o + 2] = a[r + 2]!;
          ap[o + 3] = a[r + 3]!;
        }
      } else {
        let r0 = i * k + pc;
        let r1 = r0 + k;
        let r2 = r1 + k;
        let r3 = r2 + k;
        for (let p = 0, o = base; p < kc; p++, o += 4) {
          ap[o] = a[r0++]!;
          ap[o + 1] = a[r1++]!;
          ap[o + 2] = a[r2++]!;
          ap[o + 3] = a[r3++]!;
        }
      }
    } else {
      for (let p = 0, o = base; p < kc; p++, o += 4) {
        for (let ii = 0; ii < 4; ii++) {
          ap[o + ii] = ii < h ? (transA ? a[(pc + p) * m + i + ii]! : a[(i + ii) * k + pc + p]!) : 0;
        }
      }
    }
  }
}

/**
 * Multiplies the mc×kc block of op(A) by the kc×nc block of op(B) into C[ic:ic+mc, jc:jc+nc]
 * (`C ← alpha · acc + be · C`), one 4×4 register tile at a time. Each operand tile is read
 * either from its packed panel (stride 4 per step of p) or in place from the caller's array
 * (`directA`/`directB`, full tiles only: the partial last panel is always packed).
 */
function macroKernel(
  mc: number,
  nc: number,
  kc: number,
  mFull: number,
  nFull: number,
  a: Float64Array,
  aStart: number,
  aR: number,
  aP: number,
  ap: Float64Array,
  b: Float64Array,
  bStart: number,
  bC: number,
  bP: number,
  bp: Float64Array,
  alpha: number,
  be: number,
  c: Float64Array,
  n: number,
  ic: number,
  jc: number,
  m: number,
  edge: Float64Array,
  upper: boolean,
  directA: boolean,
  directB: boolean,
): void {
  for (let jr = 0; jr < nc; jr += 4) {
    const j0 = jc + jr;
    const w = n - j0 < 4 ? n - j0 : 4;
    // B tile: in place (full panel) or packed.
    const bInPlace = directB && jr < nFull;
    const bArr = bInPlace ? b : bp;
    const bBase = bInPlace ? bStart + jr * bC : directB ? (jr - nFull) * kc : jr * kc;
    const bc = bInPlace ? bC : 1;
    const bs = bInPlace ? bP : 4;
    const bc2 = bc + bc;
    const bc3 = bc2 + bc;
    for (let ir = 0; ir < mc; ir += 4) {
      // Upper-triangle mode (syrk): skip tiles strictly below the diagonal.
      if (upper && j0 + 3 < ic + ir) break;
      const aInPlace = directA && ir < mFull;
      const aArr = aInPlace ? a : ap;
      let ai = aInPlace ? aStart + ir * aR : directA ? (ir - mFull) * kc : ir * kc;
      const ac = aInPlace ? aR : 1;
      const as = aInPlace ? aP : 4;
      const ac2 = ac + ac;
      const ac3 = ac2 + ac;
      let bi = bBase;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0; p < kc; p++) {
        const a0 = aArr[ai]!, a1 = aArr[ai + ac]!, a2 = aArr[ai + ac2]!, a3 = aArr[ai + ac3]!;
        const b0 = bArr[bi]!, b1 = bArr[bi + bc]!, b2 = bArr[bi + bc2]!, b3 = bArr[bi + bc3]!;
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        ai += as;
        bi += bs;
      }
      if (alpha !== 1) {
        c00 *= alpha; c01 *= alpha; c02 *= alpha; c03 *= alpha;
        c10 *= alpha; c11 *= alpha; c12 *= alpha; c13 *= alpha;
        c20 *= alpha; c21 *= alpha; c22 *= alpha; c23 *= alpha;
        c30 *= alpha; c31 *= alpha; c32 *= alpha; c33 *= alpha;
      }
      const i0 = ic + ir;
      const h = m - i0 < 4 ? m - i0 : 4;
      let o = i0 * n + j0;
      if (h === 4 && w === 4 && (!upper || j0 >= i0 + 3)) {
        if (be === 0) {
          c[o] = c00; c[o + 1] = c01; c[o + 2] = c02; c[o + 3] = c03; o += n;
          c[o] = c10; c[o + 1] = c11; c[o + 2] = c12; c[o + 3] = c13; o += n;
          c[o] = c20; c[o + 1] = c21; c[o + 2] = c22; c[o + 3] = c23; o += n;
          c[o] = c30; c[o + 1] = c31; c[o + 2] = c32; c[o + 3] = c33;
        } else if (be === 1) {
          c[o] = c[o]! + c00; c[o + 1] = c[o + 1]! + c01; c[o + 2] = c[o + 2]! + c02; c[o + 3] = c[o + 3]! + c03; o += n;
          c[o] = c[o]! + c10; c[o + 1] = c[o + 1]! + c11; c[o + 2] = c[o + 2]! + c12; c[o + 3] = c[o + 3]! + c13; o += n;
          c[o] = c[o]! + c20; c[o + 1] = c[o + 1]! + c21; c[o + 2] = c[o + 2]! + c22; c[o + 3] = c[o + 3]! + c23; o += n;
          c[o] = c[o]! + c30; c[o + 1] = c[o + 1]! + c31; c[o + 2] = c[o + 2]! + c32; c[o + 3] = c[o + 3]! + c33;
        } else {
          c[o] = be * c[o]! + c00; c[o + 1] = be * c[o + 1]! + c01; c[o + 2] = be * c[o + 2]! + c02; c[o + 3] = be * c[o + 3]! + c03; o += n;
          c[o] = be * c[o]! + c10; c[o + 1] = be * c[o + 1]! + c11; c[o + 2] = be * c[o + 2]! + c12; c[o + 3] = be * c[o + 3]! + c13; o += n;
          c[o] = be * c[o]! + c20; c[o + 1] = be * c[o + 1]! + c21; c[o + 2] = be * c[o + 2]! + c22; c[o + 3] = be * c[o + 3]! + c23; o += n;
          c[o] = be * c[o]! + c30; c[o + 1] = be * c[o + 1]! + c31; c[o + 2] = be * c[o + 2]! + c32; c[o + 3] = be * c[o + 3]! + c33;
        }
      } else {
        edge[0] = c00; edge[1] = c01; edge[2] = c02; edge[3] = c03;
        edge[4] = c10; edge[5] = c11; edge[6] = c12; edge[7] = c13;
        edge[8] = c20; edge[9] = c21; edge[10] = c22; edge[11] = c23;
        edge[12] = c30; edge[13] = c31; edge[14] = c32; edge[15] = c33;
        for (let ii = 0; ii < h; ii++, o += n) {
          // In upper mode a tile on the diagonal writes only its entries with j ≥ i.
          const jFirst = upper && i0 + ii > j0 ? i0 + ii - j0 : 0;
          for (let jj = jFirst; jj < w; jj++) {
            const v = edge[ii * 4 + jj]!;
            c[o + jj] = be === 0 ? v : be * c[o + jj]! + v;
          }
        }
      }
    }
  }
}

/**
 * Packs rows `r0 … r0 + rows − 1` (all `d` columns) of a row-major Float64 matrix into panels of 4
 * rows for {@link panelProduct}: panel q starts at `out[at + 4·d·q]` and holds, for each column
 * p, the 4 values of its rows at `+ 4p … 4p + 3` (zero past the last row). O(rows·d).
 *
 * @internal
 * @param src - row-major data
 * @param r0 - first row
 * @param rows - rows to pack
 * @param d - row length (the panel depth)
 * @param out - destination, at least `at + 4·d·⌈rows / 4⌉` long
 * @param at - offset of the first panel
 * @example
 * ```ts
 * const out = new Float64Array(8);
 * packRows64(new Float64Array([1, 2, 3, 4]), 0, 2, 2, out, 0);
 * out; // Float64Array [1, 3, 0, 0, 2, 4, 0, 0]
 * ```
 */
export function packRows64(src: Float64Array, r0: number, rows: number, d: number, out: Float64Array, at: number): void {
  for (let q = 0; q < rows; q += 4) {
    const h = rows - q;
    let o = at + q * d;
    if (h >= 4) {
      let s0 = (r0 + q) * d;
      let s1 = s0 + d;
      let s2 = s1 + d;
      let s3 = s2 + d;
      for (let p = 0; p < d; p++, o += 4) {
        out[o] = src[s0++]!;
        out[o + 1] = src[s1++]!;
        out[o + 2] = src[s2++]!;
        out[o + 3] = src[s3++]!;
      }
    } else {
      for (let p = 0; p < d; p++, o += 4) {
        for (let ii = 0; ii < 4; ii++) out[o + ii] = ii < h ? src[(r0 + q + ii) * d + p]! : 0;
      }
    }
  }
}

/**
 * {@link packRows64} for Float32 data: each value is widened exactly to a double as it is packed,
 * so the products that follow are the same as on a Float64 copy, without making one.
 *
 * @internal
 * @param src - row-major Float32 data
 * @param r0 - first row
 * @param rows - rows to pack
 * @param d - row length
 * @param out - destination
 * @param at - offset of the first panel
 * @example
 * ```ts
 * packRows32(new Float32Array([1, 2, 3, 4]), 0, 2, 2, out, 0); // out: [1, 3, 0, 0, 2, 4, 0, 0]
 * ```
 */
export function packRows32(src: Float32Array, r0: number, rows: number, d: number, out: Float64Array, at: number): void {
  for (let q = 0; q < rows; q += 4) {
    const h = rows - q;
    let o = at + q * d;
    if (h >= 4) {
      let s0 = (r0 + q) * d;
      let s1 = s0 + d;
      let s2 = s1 + d;
      let s3 = s2 + d;
      for (let p = 0; p < d; p++, o += 4) {
        out[o] = src[s0++]!;
        out[o + 1] = src[s1++]!;
        out[o + 2] = src[s2++]!;
        out[o + 3] = src[s3++]!;
      }
    } else {
      for (let p = 0; p < d; p++, o += 4) {
        for (let ii = 0; ii < 4; ii++) out[o + ii] = ii < h ? src[(r0 + q + ii) * d + p]! : 0;
      }
    }
  }
}

/**
 * Packs columns `c0 … c0 + cols − 1` of rows `r0 … r0 + kc − 1` of a row-major Float64 matrix
 * (row length `d`), minus `mean` (when given), into panels of 4 columns for {@link panelProduct}:
 * panel q starts at `out[at + 4·kc·q]` and holds, for each row p, the 4 centred values of its
 * columns (zero past the last column). This is op(A) = Xᵀ of a covariance product XcᵀXc packed
 * straight from X: no centred copy of X is ever made. O(kc·cols).
 *
 * @internal
 * @param src - row-major data, `d` columns
 * @param d - row length
 * @param c0 - first column
 * @param cols - columns to pack
 * @param r0 - first row
 * @param kc - rows to pack (the panel depth)
 * @param mean - value subtracted from each column (length d), or null
 * @param out - destination
 * @param at - offset of the first panel
 * @example
 * ```ts
 * packColumns64(new Float64Array([1, 2, 3, 4]), 2, 0, 2, 0, 2, new Float64Array([2, 3]), out, 0);
 * // out: [-1, -1, 0, 0, 1, 1, 0, 0]
 * ```
 */
export function packColumns64(src: Float64Array, d: number, c0: number, cols: number, r0: number, kc: number, mean: Float64Array | null, out: Float64Array, at: number): void {
  for (let q = 0; q < cols; q += 4) {
    const w = cols - q;
    const j = c0 + q;
    let o = at + q * kc;
    let s = r0 * d + j;
    if (w >= 4) {
      const m0 = mean === null ? 0 : mean[j]!;
      const m1 = mean === null ? 0 : mean[j + 1]!;
      const m2 = mean === null ? 0 : mean[j + 2]!;
      const m3 = mean === null ? 0 : mean[j + 3]!;
      for (let p = 0; p < kc; p++, o += 4, s += d) {
        out[o] = src[s]! - m0;
        out[o + 1] = src[s + 1]! - m1;
        out[o + 2] = src[s + 2]! - m2;
        out[o + 3] = src[s + 3]! - m3;
      }
    } else {
      for (let p = 0; p < kc; p++, o += 4, s += d) {
        for (let jj = 0; jj < 4; jj++) out[o + jj] = jj < w ? src[s + jj]! - (mean === null ? 0 : mean[j + jj]!) : 0;
      }
    }
  }
}

/**
 * {@link packColumns64} for Float32 data (each value widened exactly before the mean is
 * subtracted in double precision).
 *
 * @internal
 * @param src - row-major Float32 data, `d` columns
 * @param d - row length
 * @param c0 - first column
 * @param cols - columns to pack
 * @param r0 - first row
 * @param kc - rows to pack
 * @param mean - value subtracted from each column, or null
 * @param out - destination
 * @param at - offset of the first panel
 * @example
 * ```ts
 * packColumns32(new Float32Array([1, 2, 3, 4]), 2, 0, 2, 0, 2, null, out, 0); // out: [1, 2, 0, 0, 3, 4, 0, 0]
 * ```
 */
export function packColumns32(src: Float32Array, d: number, c0: number, cols: number, r0: number, kc: number, mean: Float64Array | null, out: Float64Array, at: number): void {
  for (let q = 0; q < cols; q += 4) {
    const w = cols - q;
    const j = c0 + q;
    let o = at + q * kc;
    let s = r0 * d + j;
    if (w >= 4) {
      const m0 = mean === null ? 0 : mean[j]!;
      const m1 = mean === null ? 0 : mean[j + 1]!;
      const m2 = mean === null ? 0 : mean[j + 2]!;
      const m3 = mean === null ? 0 : mean[j + 3]!;
      for (let p = 0; p < kc; p++, o += 4, s += d) {
        out[o] = src[s]! - m0;
        out[o + 1] = src[s + 1]! - m1;
        out[o + 2] = src[s + 2]! - m2;
        out[o + 3] = src[s + 3]! - m3;
      }
    } else {
      for (let p = 0; p < kc; p++, o += 4, s += d) {
        for (let jj = 0; jj < 4; jj++) out[o + jj] = jj < w ? src[s + jj]! - (mean === null ? 0 : mean[j + jj]!) : 0;
      }
    }
  }
}

/**
 * The micro-kernel loop over packed panels (from {@link packRows64} / {@link packRows32} /
 * {@link packColumns64}): for every pair of an A panel `r` (4 rows) and a B panel `s` (4 rows),
 * the 4×4 dot products over the panel positions `p0 … p0 + kc − 1`, written to
 * `c[cAt + (4r + i)·ldc + 4s + j]`. With `accumulate` the 16 accumulators start from the values in
 * `c` (a continuation of the same sums), otherwise from 0.
 *
 * Every entry is a left-to-right sum `((x₀y₀ + x₁y₁) + x₂y₂) + …` in position order, continued
 * exactly across calls with `accumulate`: a dot product over all d positions, whatever the
 * chunking, is bit-for-bit the plain sequential loop — which is what lets the distance kernels
 * promise exact cosine distances through this kernel. Only rows `< aRows` of the last A panel are
 * computed when it holds at most 2 (a 2×4 tile: no work on padding).
 *
 * A panels run in the outer loop: one A panel (4 × kc doubles) stays in L1 while the B panels
 * stream from L2, so keep `bPanels · 4 · kc` doubles within a few hundred KiB.
 *
 * @internal
 * @param ap - packed A
 * @param aAt - offset of A panel 0
 * @param aRows - valid rows of A (panels: ⌈aRows / 4⌉)
 * @param bp - packed B
 * @param bAt - offset of B panel 0
 * @param bPanels - number of B panels
 * @param depth - packed depth of every panel (its stride is 4·depth)
 * @param p0 - first position
 * @param kc - positions to sum
 * @param c - destination
 * @param cAt - offset of entry (0, 0)
 * @param ldc - row stride of `c` (≥ 4·bPanels)
 * @param accumulate - continue the sums already in `c`
 * @example
 * ```ts
 * panelProduct(ap, 0, 8, bp, 0, 16, d, 0, d, tile, 0, 64, false); // tile: 8 × 64 dot products
 * ```
 */
export function panelProduct(
  ap: Float64Array,
  aAt: number,
  aRows: number,
  bp: Float64Array,
  bAt: number,
  bPanels: number,
  depth: number,
  p0: number,
  kc: number,
  c: Float64Array,
  cAt: number,
  ldc: number,
  accumulate: boolean,
): void {
  const stride = 4 * depth;
  const pEnd = 4 * (p0 + kc);
  for (let r = 0; r * 4 < aRows; r++) {
    const aBase = aAt + r * stride;
    const rowOff = cAt + 4 * r * ldc;
    if (aRows - 4 * r <= 2) {
      panelRow2(ap, aBase, bp, bAt, bPanels, stride, 4 * p0, pEnd, c, rowOff, ldc, accumulate, aRows - 4 * r);
      continue;
    }
    for (let s = 0; s < bPanels; s++) {
      const bBase = bAt + s * stride;
      let o = rowOff + 4 * s;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      if (accumulate) {
        const o1 = o + ldc;
        const o2 = o1 + ldc;
        const o3 = o2 + ldc;
        c00 = c[o]!; c01 = c[o + 1]!; c02 = c[o + 2]!; c03 = c[o + 3]!;
        c10 = c[o1]!; c11 = c[o1 + 1]!; c12 = c[o1 + 2]!; c13 = c[o1 + 3]!;
        c20 = c[o2]!; c21 = c[o2 + 1]!; c22 = c[o2 + 2]!; c23 = c[o2 + 3]!;
        c30 = c[o3]!; c31 = c[o3 + 1]!; c32 = c[o3 + 2]!; c33 = c[o3 + 3]!;
      }
      let ai = aBase + 4 * p0;
      let bi = bBase + 4 * p0;
      const end = aBase + pEnd;
      for (; ai < end; ai += 4, bi += 4) {
        const a0 = ap[ai]!, a1 = ap[ai + 1]!, a2 = ap[ai + 2]!, a3 = ap[ai + 3]!;
        const b0 = bp[bi]!, b1 = bp[bi + 1]!, b2 = bp[bi + 2]!, b3 = bp[bi + 3]!;
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      }
      c[o] = c00; c[o + 1] = c01; c[o + 2] = c02; c[o + 3] = c03; o += ldc;
      c[o] = c10; c[o + 1] = c11; c[o + 2] = c12; c[o + 3] = c13; o += ldc;
      c[o] = c20; c[o + 1] = c21; c[o + 2] = c22; c[o + 3] = c23; o += ldc;
      c[o] = c30; c[o + 1] = c31; c[o + 2] = c32; c[o + 3] = c33;
    }
  }
}

/** The last A panel of {@link panelProduct} when it holds 1 or 2 rows: a 2×4 tile. */
function panelRow2(
  ap: Float64Array,
  aBase: number,
  bp: Float64Array,
  bAt: number,
  bPanels: number,
  stride: number,
  q0: number,
  qEnd: number,
  c: Float64Array,
  rowOff: number,
  ldc: number,
  accumulate: boolean,
  rows: number,
): void {
  for (let s = 0; s < bPanels; s++) {
    const bBase = bAt + s * stride;
    const o = rowOff + 4 * s;
    const o1 = o + ldc;
    let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
    let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
    if (accumulate) {
      c00 = c[o]!; c01 = c[o + 1]!; c02 = c[o + 2]!; c03 = c[o + 3]!;
      if (rows === 2) {
        c10 = c[o1]!; c11 = c[o1 + 1]!; c12 = c[o1 + 2]!; c13 = c[o1 + 3]!;
      }
    }
    let ai = aBase + q0;
    let bi = bBase + q0;
    const end = aBase + qEnd;
    for (; ai < end; ai += 4, bi += 4) {
      const a0 = ap[ai]!, a1 = ap[ai + 1]!;
      const b0 = bp[bi]!, b1 = bp[bi + 1]!, b2 = bp[bi + 2]!, b3 = bp[bi + 3]!;
      c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
      c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    }
    c[o] = c00; c[o + 1] = c01; c[o + 2] = c02; c[o + 3] = c03;
    if (rows === 2) {
      c[o1] = c10; c[o1 + 1] = c11; c[o1 + 2] = c12; c[o1 + 3] = c13;
    }
  }
}

/**
 * Dot products of 4 rows of a Float64 row-major matrix, read in place at offsets `o0 … o3`,
 * with every row of `bPanels` packed panels (depth d, from {@link packRows64}):
 * `c[co + r·ldc + 4s + j] = Σₚ X[o_r + p] · bp[4d·s + 4p + j]`, each a left-to-right sum in
 * position order (the plain loop's bits). The 4 rows stay in L1 while the panels stream from L2:
 * the product of data rows against a set of centres or candidates, without packing the data.
 * Pass a row offset twice to compute fewer than 4 rows.
 *
 * @internal
 * @param X - row-major data
 * @param o0 - offset of the first row
 * @param o1 - offset of the second row
 * @param o2 - offset of the third row
 * @param o3 - offset of the fourth row
 * @param d - row length (the panels' depth)
 * @param bp - packed panels
 * @param bPanels - number of panels
 * @param c - destination
 * @param co - offset of entry (0, 0)
 * @param ldc - row stride of `c` (≥ 4·bPanels)
 * @example
 * ```ts
 * rowsPanelProduct64(X, 0, d, 2 * d, 3 * d, d, centresPacked, 25, dots, 0, 100); // 4 × 100 dots
 * ```
 */
export function rowsPanelProduct64(X: Float64Array, o0: number, o1: number, o2: number, o3: number, d: number, bp: Float64Array, bPanels: number, c: Float64Array, co: number, ldc: number): void {
  const stride = 4 * d;
  for (let s = 0; s < bPanels; s++) {
    let bi = s * stride;
    let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
    let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
    let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
    let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
    for (let p = 0; p < d; p++, bi += 4) {
      const a0 = X[o0 + p]!, a1 = X[o1 + p]!, a2 = X[o2 + p]!, a3 = X[o3 + p]!;
      const b0 = bp[bi]!, b1 = bp[bi + 1]!, b2 = bp[bi + 2]!, b3 = bp[bi + 3]!;
      c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
      c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
      c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
      c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
    }
    let o = co + 4 * s;
    c[o] = c00; c[o + 1] = c01; c[o + 2] = c02; c[o + 3] = c03; o += ldc;
    c[o] = c10; c[o + 1] = c11; c[o + 2] = c12; c[o + 3] = c13; o += ldc;
    c[o] = c20; c[o + 1] = c21; c[o + 2] = c22; c[o + 3] = c23; o += ldc;
    c[o] = c30; c[o + 1] = c31; c[o + 2] = c32; c[o + 3] = c33;
  }
}

/**
 * {@link rowsPanelProduct64} for Float32 rows (each value widened exactly as it is read; sums in
 * double precision, the same bits as on a Float64 copy).
 *
 * @internal
 * @param X - row-major Float32 data
 * @param o0 - offset of the first row
 * @param o1 - offset of the second row
 * @param o2 - offset of the third row
 * @param o3 - offset of the fourth row
 * @param d - row length
 * @param bp - packed panels
 * @param bPanels - number of panels
 * @param c - destination
 * @param co - offset of entry (0, 0)
 * @param ldc - row stride of `c`
 * @example
 * ```ts
 * rowsPanelProduct32(X32, 0, d, 2 * d, 3 * d, d, centresPacked, 25, dots, 0, 100);
 * ```
 */
export function rowsPanelProduct32(X: Float32Array, o0: number, o1: number, o2: number, o3: number, d: number, bp: Float64Array, bPanels: number, c: Float64Array, co: number, ldc: number): void {
  const stride = 4 * d;
  for (let s = 0; s < bPanels; s++) {
    let bi = s * stride;
    let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
    let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
    let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
    let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
    for (let p = 0; p < d; p++, bi += 4) {
      const a0 = X[o0 + p]!, a1 = X[o1 + p]!, a2 = X[o2 + p]!, a3 = X[o3 + p]!;
      const b0 = bp[bi]!, b1 = bp[bi + 1]!, b2 = bp[bi + 2]!, b3 = bp[bi + 3]!;
      c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
      c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
      c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
      c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
    }
    let o = co + 4 * s;
    c[o] = c00; c[o + 1] = c01; c[o + 2] = c02; c[o + 3] = c03; o += ldc;
    c[o] = c10; c[o + 1] = c11; c[o + 2] = c12; c[o + 3] = c13; o += ldc;
    c[o] = c20; c[o + 1] = c21; c[o + 2] = c22; c[o + 3] = c23; o += ldc;
    c[o] = c30; c[o + 1] = c31; c[o + 2] = c32; c[o + 3] = c33;
  }
}

