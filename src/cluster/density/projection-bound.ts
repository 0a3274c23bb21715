/**
 * An exact lower bound of euclidean distances from a low-dimensional projection, the filter that
 * lets HDBSCAN's core-distance pass skip most pairs in high dimension.
 *
 * For any matrix P with spectral norm σ, `‖P(u − v)‖ ≤ σ·‖u − v‖`, so the distance of the m
 * projected coordinates bounds the distance from below. P is an orthonormal basis of the data's
 * dominant directions (a randomized range finder: one multiplication by a random matrix, one
 * power iteration), so on clustered data the projected distance between points of different
 * clusters is most of their distance (the centres differ in a few directions), while the points
 * of one cluster project close together. Any P gives a valid bound; the data only decide how
 * tight it is. The random start is seeded, and the result of every caller is exact whatever the
 * bound, so nothing observable depends on the draw.
 *
 * Rounding is accounted for: the bound compares with the *computed* difference-form sums of
 * `distance/kernels.ts` (see {@link ProjectionBound.scale}), with the errors of the computed
 * projections, of σ and of the squared sums, so a pair is skipped only when its computed squared
 * distance is certainly larger than the threshold.
 *
 * Cosine: for unit vectors the cosine distance is `‖â − b̂‖²/2`, so the same bound on the
 * projections of the normalised rows bounds it, less an absolute term for the rounding of the
 * computed cosine (its dot product and norms are summed in coordinate order: within about
 * (2d + 8)·2⁻⁵³ of the exact value). A zero row (cosine distance exactly 1 to everything) projects
 * to 0, whose bound is at most ½. Rows with squared norms outside [1e-250, 1e250] (where the
 * sums lose their relative accuracy) get no bound: {@link projectionBound} returns null.
 *
 * Cost: three passes over the data of m multiply-adds per coordinate (O(n·d·m)), n·m + d·m
 * doubles. Internal module: arguments are not validated.
 */
import { packRows64, rowsPanelProduct32, rowsPanelProduct64 } from '../../core/gemm.js';
import type { FloatArray } from '../../core/matrix.js';
import type { Work } from '../../core/task.js';
import { nextDouble, rngState } from '../../core/random.js';
import { rowBlock, rowSqNorms, type RowBlock } from '../../distance/kernels.js';

/** Projected dimensions (a multiple of 4: whole register panels). */
export const PROJECTION_DIMS = 16;
/**
 * From this many columns the core-distance pass filters pairs with the projection (measured on
 * clustered 6 000-row blobs: 1.7–2× faster at 128 columns, about even at 64, where digits is
 * slower; 5× at 512).
 */
export const PROJECTION_MIN_DIMS = 128;

const U = 2 ** -53;

/** The projected rows and the constants of the bound. */
export interface ProjectionBound {
  /** Projected dimensions m. */
  m: number;
  /** `n × m` computed projections `P·x` (row-major). */
  coords: Float64Array;
  /** Per point, an upper bound of the euclidean error of its computed projection. */
  err: Float64Array;
  /** Relative shrink applied to the computed projected distance (its own rounding). */
  shrink: number;
  /**
   * Factor turning a squared projected distance into a lower bound of the computed value:
   * `(1 − rounding of the difference-form sum) / σ²` (euclidean), half that (cosine).
   */
  scale: number;
  /** Subtracted after scaling: the absolute rounding of a computed cosine distance (0 for euclidean). */
  offset: number;
}

/**
 * The projection of the `n × d` rows onto m ≤ {@link PROJECTION_DIMS} orthonormal dominant
 * directions, with the error terms of the bound.
 *
 * @internal
 * @param data - row-major data (Float32 read a block at a time)
 * @param n - rows
 * @param d - row length
 * @param cosineSq - for the cosine metric, the squared row norms (coordinate order); null for
 *   the euclidean metrics
 * @returns the work (yielding every few milliseconds), returning the bound's data, or null when
 *   the cosine norms are out of the bound's range
 * @example
 * ```ts
 * const pb = runSync(projectionBound(X.data, n, d, null), { fn: 'hdbscan' })!;
 * lowerBound(pb, 3, 7); // ≤ the computed Σ (x₃ − x₇)²
 * ```
 */
export function* projectionBound(data: FloatArray, n: number, d: number, cosineSq: Float64Array | null): Work<ProjectionBound | null> {
  if (cosineSq !== null) {
    for (let i = 0; i < n; i++) {
      const v = cosineSq[i]!;
      if (v !== 0 && !(v >= 1e-250 && v <= 1e250)) return null;
    }
  }
  const m = PROJECTION_DIMS;
  const rs = rngState(0x5eed);
  // Ω: m random directions (rows), packed for the row × panel products.
  const omega = new Float64Array(m * d);
  for (let t = 0; t < omega.length; t++) omega[t] = nextDouble(rs) - 0.5;
  const Y = new Float64Array(n * m);
  yield* productRows(data, n, d, omega, m, Y);
  // Centre Y's columns (the range of the centred data), then Z = Xᵀ·Y (= Xcᵀ·Yc).
  for (let a = 0; a < m; a++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Y[i * m + a]!;
    s /= n;
    for (let i = 0; i < n; i++) Y[i * m + a] = Y[i * m + a]! - s;
  }
  const Z = new Float64Array(m * d); // row a: direction a
  const rows = Math.max(1, Math.min(n, Math.floor(32768 / Math.max(1, d))));
  const scratch = data instanceof Float64Array ? null : new Float64Array(rows * d);
  const blk: RowBlock = { data: new Float64Array(0), base: 0 };
  for (let r0 = 0; r0 < n; r0 += rows) {
    const r1 = Math.min(n, r0 + rows);
    const b = rowBlock(data, r0, r1 - r0, d, scratch, blk);
    accumulateTransposed(b.data, (r0 - b.base) * d, r1 - r0, d, Y, r0 * m, m, Z);
    yield;
  }
  orthonormalize(Z, m, d);
  orthonormalize(Z, m, d);
  // σ² ≤ the largest absolute row sum of the Gram matrix (Gershgorin), plus its rounding.
  let gersh = 0;
  let rowMax = 0;
  let frob = 0;
  for (let a = 0; a < m; a++) {
    let r = 0;
    for (let b = 0; b < m; b++) r += Math.abs(dotRows(Z, a * d, b * d, d));
    const na = dotRows(Z, a * d, a * d, d);
    frob += na;
    if (na > rowMax) rowMax = na;
    if (r > gersh) gersh = r;
  }
  const sigmaSq = (gersh + m * (d + 4) * 2 * U * rowMax) * (1 + 2 ** -40) + 1e-300;
  const coords = new Float64Array(n * m);
  yield* productRows(data, n, d, Z, m, coords);
  // |computed − exact| per coordinate ≤ γ_d·Σ|P_ak||x_k| ≤ γ_d·‖P_a‖·‖x‖; over the m coordinates
  // ≤ γ_d·‖P‖_F·‖x‖ (twice that here, for the rounding of ‖x‖ and of the factors).
  const sq = cosineSq ?? rowSqNorms(data, n, d);
  const errScale = 2 * (d + 8) * U * Math.sqrt(frob) * (1 + 2 ** -40);
  const err = new Float64Array(n);
  const shrink = 1 - (m + 8) * 2 * U;
  if (cosineSq === null) {
    for (let i = 0; i < n; i++) err[i] = errScale * Math.sqrt(sq[i]!) * (1 + (d + 4) * U);
    return { m, coords, err, shrink, scale: (1 - (d + 32) * 2 * U) / sigmaSq, offset: 0 };
  }
  // Normalised rows: divided by the computed norm, whose relative error (≤ (d/2 + 2)·2⁻⁵³) moves
  // a projection of norm ≤ σ by at most σ·(d + 8)·2⁻⁵³.
  const e = (errScale + 2 * (d + 8) * U * Math.sqrt(sigmaSq)) * (1 + 2 ** -40);
  for (let i = 0; i < n; i++) {
    const v = sq[i]!;
    if (v === 0) {
      coords.fill(0, i * m, (i + 1) * m);
      continue;
    }
    const inv = 1 / Math.sqrt(v);
    for (let a = 0; a < m; a++) coords[i * m + a] = coords[i * m + a]! * inv;
    err[i] = e;
  }
  return { m, coords, err, shrink, scale: (1 - 64 * U) / (2 * sigmaSq), offset: (4 * d + 32) * U };
}

/**
 * A lower bound of the computed value for rows i, j: the difference-form squared sum
 * `Σₖ (x_i,k − x_j,k)²` (euclidean), or the cosine distance.
 *
 * @internal
 * @param pb - the projection
 * @param i - one row
 * @param j - another row
 * @returns the bound (may be negative for cosine)
 * @example
 * ```ts
 * lowerBound(pb, 0, 1);
 * ```
 */
export function lowerBound(pb: ProjectionBound, i: number, j: number): number {
  const m = pb.m;
  const c = pb.coords;
  let s = 0;
  for (let a = 0; a < m; a++) {
    const t = c[i * m + a]! - c[j * m + a]!;
    s += t * t;
  }
  const r = Math.sqrt(s) * pb.shrink - pb.err[i]! - pb.err[j]!;
  return (r > 0 ? r * r * pb.scale : 0) - pb.offset;
}

/** out[i·m + a] = row i · dirs[a] for the m (multiple of 4) directions, rows of `dirs`. */
function* productRows(data: FloatArray, n: number, d: number, dirs: Float64Array, m: number, out: Float64Array): Work<void> {
  const packed = new Float64Array(m * d);
  packRows64(dirs, 0, m, d, packed, 0);
  const panels = m >> 2;
  for (let i = 0; i < n; i += 4) {
    const o0 = i * d;
    const o1 = (i + 1 < n ? i + 1 : i) * d;
    const o2 = (i + 2 < n ? i + 2 : i) * d;
    const o3 = (i + 3 < n ? i + 3 : i) * d;
    if (i + 4 <= n) {
      if (data instanceof Float64Array) rowsPanelProduct64(data, o0, o1, o2, o3, d, packed, panels, out, i * m, m);
      else rowsPanelProduct32(data, o0, o1, o2, o3, d, packed, panels, out, i * m, m);
    } else {
      const tmp = new Float64Array(4 * m);
      if (data instanceof Float64Array) rowsPanelProduct64(data, o0, o1, o2, o3, d, packed, panels, tmp, 0, m);
      else rowsPanelProduct32(data, o0, o1, o2, o3, d, packed, panels, tmp, 0, m);
      out.set(tmp.subarray(0, (n - i) * m), i * m);
    }
    if ((i & 255) === 252) yield;
  }
}

/** Z[a·d + k] += Σ_rows X[r, k]·Y[r, a] for a block of Float64 rows. */
function accumulateTransposed(X: Float64Array, xo: number, rows: number, d: number, Y: Float64Array, yo: number, m: number, Z: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    const xr = xo + r * d;
    const yr = yo + r * m;
    for (let a = 0; a < m; a++) {
      const y = Y[yr + a]!;
      if (y === 0) continue;
      const za = a * d;
      for (let k = 0; k < d; k++) Z[za + k] = Z[za + k]! + X[xr + k]! * y;
    }
  }
}

function dotRows(Z: Float64Array, a: number, b: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) s += Z[a + k]! * Z[b + k]!;
  return s;
}

/** Modified Gram–Schmidt on the m rows of Z; a row with (numerically) nothing left becomes 0. */
function orthonormalize(Z: Float64Array, m: number, d: number): void {
  for (let a = 0; a < m; a++) {
    const za = a * d;
    const before = Math.sqrt(dotRows(Z, za, za, d));
    for (let b = 0; b < a; b++) {
      const s = dotRows(Z, za, b * d, d);
      const zb = b * d;
      for (let k = 0; k < d; k++) Z[za + k] = Z[za + k]! - s * Z[zb + k]!;
    }
    const norm = Math.sqrt(dotRows(Z, za, za, d));
    if (!(norm > 1e-10 * before) || !(norm > 0) || !Number.isFinite(norm)) {
      Z.fill(0, za, za + d);
      continue;
    }
    for (let k = 0; k < d; k++) Z[za + k] = Z[za + k]! / norm;
  }
}
