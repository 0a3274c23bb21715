/**
 * Distances through the packed matrix product: the building blocks of the high-dimension paths of
 * exact k-nearest neighbours, k-means assignment, `cdist` (cosine) and silhouette.
 *
 * At d ≳ 32 the product `A·Bᵀ` runs at the matrix-product rate (the 4×4 register tiles of
 * `core/gemm.ts` on packed panels), about 1.5× the rate of the difference kernels of
 * `kernels.ts`, which need a subtraction per coordinate and pair. Distances follow from the
 * products and the squared row norms:
 *
 * - cosine: `1 − a·b / √(‖a‖²‖b‖²)`. The products are left-to-right sums in coordinate order,
 *   continued exactly across depth chunks, and the norms are summed the same way, so the result
 *   is bit-for-bit the difference kernels' and the scalar `cosine` (no re-check needed);
 * - squared euclidean: `‖a‖² + ‖b‖² − 2a·b`. This expansion cancels when a and b are close
 *   relative to their norms, so it only *filters*: {@link expansionSlack} bounds its distance
 *   from the exact difference form, and every candidate the bound cannot exclude is recomputed
 *   with the difference form ({@link panelSqDiff64}). Results are then those of the difference
 *   form, bit for bit.
 *
 * Float32 data is read in place: rows are widened exactly to doubles as they are packed, a few
 * hundred at a time, and every sum runs in double precision.
 *
 * Internal module: arguments are not validated.
 */
import { packRows32, packRows64, panelProduct } from '../core/gemm.js';
import type { FloatArray } from '../core/matrix.js';

/**
 * From this many columns the expansion paths replace the difference kernels in k-nearest
 * neighbours, k-means and silhouette. Measured (bench/results/embeddings.md): at d = 16 the
 * packed product and the difference kernel run at the same distance rate, from d = 32 the product
 * is 1.3–1.5× faster, more as d grows.
 */
export const EXPANSION_MIN_DIMS = 32;

/** Depth of one pass over the packed panels: a 4-row panel of 256 doubles (8 KiB) stays in L1. */
const KC = 256;

/**
 * Packs rows `r0 … r0 + rows − 1` of `X` (Float64 or Float32) into 4-row panels of depth `d` at
 * `out[at]` (see `packRows64`): the one place that widens Float32 data, a block at a time.
 *
 * @internal
 * @param X - row-major data
 * @param r0 - first row
 * @param rows - rows to pack
 * @param d - row length
 * @param out - destination (`4·d·⌈rows / 4⌉` doubles from `at`)
 * @param at - offset
 * @example
 * ```ts
 * packRows(new Float32Array([1, 2, 3, 4]), 0, 2, 2, out, 0); // out: [1, 3, 0, 0, 2, 4, 0, 0]
 * ```
 */
export function packRows(X: FloatArray, r0: number, rows: number, d: number, out: Float64Array, at: number): void {
  if (X instanceof Float32Array) packRows32(X, r0, rows, d, out, at);
  else packRows64(X, r0, rows, d, out, at);
}

/**
 * All dot products between the `aRows` rows packed in `ap` and the `bRows` rows packed in `bp`
 * (both with depth d): `c[i·ldc + j] = a_i · b_j`, each a left-to-right sum over the d
 * coordinates, bit-for-bit the plain loop. O(aRows·bRows·d) at the matrix-product rate.
 * `c` needs `4·⌈aRows / 4⌉` rows of `ldc ≥ 4·⌈bRows / 4⌉` entries.
 *
 * @internal
 * @param ap - packed A rows
 * @param aRows - rows of A
 * @param bp - packed B rows
 * @param bRows - rows of B
 * @param d - depth
 * @param c - destination
 * @param ldc - row stride of `c`
 * @example
 * ```ts
 * dotBlock(ap, 64, bp, 128, 384, tile, 128); // tile[i·128 + j] = a_i · b_j
 * ```
 */
export function dotBlock(ap: Float64Array, aRows: number, bp: Float64Array, bRows: number, d: number, c: Float64Array, ldc: number): void {
  const bPanels = (bRows + 3) >> 2;
  if (d === 0) {
    c.fill(0, 0, (((aRows + 3) >> 2) << 2) * ldc);
    return;
  }
  for (let p0 = 0; p0 < d; p0 += KC) panelProduct(ap, 0, aRows, bp, 0, bPanels, d, p0, Math.min(KC, d - p0), c, 0, ldc, p0 > 0);
}

/**
 * Relative slack of the expansion: for rows a, b of dimension d with computed squared norms
 * `na`, `nb` and computed product `ab`,
 * `|fl(na + nb − 2·ab) − exact difference-form value| ≤ expansionSlack(d) · (na + nb) + (3d + 8)·2⁻¹⁰⁷⁴`.
 *
 * Derivation (u = 2⁻⁵³, γₘ = m·u / (1 − m·u)): each of `na`, `nb` is within γ_d of its exact
 * value, `ab` within γ_d·(‖a‖² + ‖b‖²)/2; the two final operations add 3u·(na + nb)·(1 + γ_d);
 * the difference form itself is within γ_(d+3)·‖a − b‖² ≤ γ_(d+3)·2(‖a‖² + ‖b‖²) of the exact
 * squared distance. Summed: (4d + 9)·u·(na + nb) to first order; `(4d + 48)·u` also covers the
 * rounding of the bound's own evaluation and the second-order terms. The absolute part covers
 * products that fall into the subnormal range.
 *
 * @internal
 * @param d - dimension
 * @returns the relative slack
 * @example
 * ```ts
 * expansionSlack(384); // ≈ 1.76e-13
 * ```
 */
export function expansionSlack(d: number): number {
  return (4 * d + 48) * 1.1102230246251565e-16;
}

/**
 * Absolute part of the expansion's error bound (see {@link expansionSlack}).
 *
 * @internal
 * @param d - dimension
 * @returns `(3d + 8) · 2⁻¹⁰⁷⁴`
 * @example
 * ```ts
 * expansionFloor(384); // ≈ 5.7e-321
 * ```
 */
export function expansionFloor(d: number): number {
  return (3 * d + 8) * Number.MIN_VALUE;
}

/**
 * The exact squared euclidean distance (difference form, left-to-right in coordinate order: the
 * same bits as the kernels of `kernels.ts` and `rowDistance`) between a row held in a packed
 * panel (`ap[a + 4p]`, p = 0 … d−1) and row `po / d` of a Float64 matrix.
 *
 * @internal
 * @param ap - packed panels
 * @param a - offset of the row's first value in its panel
 * @param P - row-major data
 * @param po - offset of the other row
 * @param d - dimension
 * @returns Σ (a_p − b_p)²
 * @example
 * ```ts
 * panelSqDiff64(ap, 1, P, 5 * d, d); // row 1 of the panel against row 5 of P
 * ```
 */
export function panelSqDiff64(ap: Float64Array, a: number, P: Float64Array, po: number, d: number): number {
  let s = 0;
  for (let p = 0; p < d; p++) {
    const t = ap[a + 4 * p]! - P[po + p]!;
    s += t * t;
  }
  return s;
}

/**
 * {@link panelSqDiff64} against a Float32 row (widened exactly: the same bits as on a Float64 copy).
 *
 * @internal
 * @param ap - packed panels
 * @param a - offset of the row's first value in its panel
 * @param P - row-major Float32 data
 * @param po - offset of the other row
 * @param d - dimension
 * @returns Σ (a_p − b_p)²
 * @example
 * ```ts
 * panelSqDiff32(ap, 1, P32, 5 * d, d);
 * ```
 */
export function panelSqDiff32(ap: Float64Array, a: number, P: Float32Array, po: number, d: number): number {
  let s = 0;
  for (let p = 0; p < d; p++) {
    const t = ap[a + 4 * p]! - P[po + p]!;
    s += t * t;
  }
  return s;
}

/**
 * `1 / √(sq[i])` for each squared norm, the cheap cosine filter's scale: 0 for a zero row
 * (whose cosine distance is exactly 1), NaN where the squared norm is outside [1e-300, 1e300]
 * (there the filter defers every pair to the exact formula).
 *
 * @internal
 * @param sq - squared row norms
 * @returns the inverse norms
 * @example
 * ```ts
 * inverseNorms(new Float64Array([4, 0])); // Float64Array [0.5, 0]
 * ```
 */
export function inverseNorms(sq: Float64Array): Float64Array {
  const out = new Float64Array(sq.length);
  for (let i = 0; i < sq.length; i++) {
    const v = sq[i]!;
    out[i] = v === 0 ? 0 : v >= 1e-300 && v <= 1e300 ? 1 / Math.sqrt(v) : NaN;
  }
  return out;
}

/**
 * Absolute margin of the cosine filter: the filter's distance `1 − ab·(1/√aa)·(1/√bb)` and the
 * exact `1 − ab / √(aa·bb)` (both from the same sums) differ by at most about 12 rounding units
 * of a similarity in [−1, 1], far below this.
 */
export const COSINE_FILTER_MARGIN = 1e-14;
