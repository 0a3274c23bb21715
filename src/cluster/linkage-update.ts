/**
 * The linkage methods and their Lance–Williams distance updates, written with exactly the
 * arithmetic scipy uses so heights agree with scipy's bit for bit on the same input.
 */

/** A hierarchical-clustering linkage criterion (scipy's `method`). */
export type LinkageMethod = 'single' | 'complete' | 'average' | 'weighted' | 'ward' | 'centroid' | 'median';

/** Every linkage method, in documentation order. */
export const LINKAGE_METHODS: readonly LinkageMethod[] = ['single', 'complete', 'average', 'weighted', 'ward', 'centroid', 'median'];

/** The methods whose update formula assumes Euclidean distances (scipy's `_EUCLIDEAN_METHODS`). */
export const EUCLIDEAN_METHODS: readonly LinkageMethod[] = ['ward', 'centroid', 'median'];

/** Numeric code of each method, used inside the O(n²) loops (a small-int switch is cheap). */
export const METHOD_CODE: Readonly<Record<LinkageMethod, number>> = {
  single: 0,
  complete: 1,
  average: 2,
  weighted: 3,
  ward: 4,
  centroid: 5,
  median: 6,
};

/**
 * Distance from cluster i to the union of clusters x and y, from the distances before the
 * merge (Lance–Williams). For `ward`, `centroid` and `median` the inputs are Euclidean
 * distances (not squared), as in scipy; a negative radicand, which only non-Euclidean input
 * or rounding on coincident centroids can produce, is clamped to 0 instead of giving NaN.
 *
 * O(1).
 *
 * @param code - method code from {@link METHOD_CODE}
 * @param dxi - distance between x and i
 * @param dyi - distance between y and i
 * @param dxy - distance between x and y
 * @param nx - size of x
 * @param ny - size of y
 * @param ni - size of i
 * @returns the distance between x ∪ y and i
 * @example
 * ```ts
 * lanceWilliams(METHOD_CODE.average, 1, 3, 2, 1, 3, 1); // 2.5
 * ```
 * @see Müllner (2011), "Modern hierarchical, agglomerative clustering algorithms", table 1
 */
export function lanceWilliams(code: number, dxi: number, dyi: number, dxy: number, nx: number, ny: number, ni: number): number {
  switch (code) {
    case 0:
      return dxi < dyi ? dxi : dyi;
    case 1:
      return dxi > dyi ? dxi : dyi;
    case 2:
      return averageUpdate(dxi, dyi, nx, ny);
    case 3:
      return 0.5 * (dxi + dyi);
    case 4:
      return wardUpdate(dxi, dyi, dxy, nx, ny, ni);
    case 5: {
      const r = (nx * dxi * dxi + ny * dyi * dyi - (nx * ny * dxy * dxy) / (nx + ny)) / (nx + ny);
      return r > 0 ? Math.sqrt(r) : 0;
    }
    default: {
      const r = 0.5 * (dxi * dxi + dyi * dyi) - 0.25 * dxy * dxy;
      return r > 0 ? Math.sqrt(r) : 0;
    }
  }
}

/**
 * Average-linkage (UPGMA) update, scipy's arithmetic: `(nx·dxi + ny·dyi) / (nx + ny)`.
 *
 * @param dxi - distance between x and i
 * @param dyi - distance between y and i
 * @param nx - size of x
 * @param ny - size of y
 * @returns the distance between x ∪ y and i
 * @example
 * ```ts
 * averageUpdate(1, 3, 1, 3); // 2.5
 * ```
 */
export function averageUpdate(dxi: number, dyi: number, nx: number, ny: number): number {
  return (nx * dxi + ny * dyi) / (nx + ny);
}

/**
 * Ward update on Euclidean (not squared) distances, scipy's arithmetic; a negative radicand
 * (rounding, or non-Euclidean input) gives 0.
 *
 * @param dxi - distance between x and i
 * @param dyi - distance between y and i
 * @param dxy - distance between x and y
 * @param nx - size of x
 * @param ny - size of y
 * @param ni - size of i
 * @returns the distance between x ∪ y and i
 * @example
 * ```ts
 * wardUpdate(1, 1, 1, 1, 1, 1); // 1
 * ```
 */
export function wardUpdate(dxi: number, dyi: number, dxy: number, nx: number, ny: number, ni: number): number {
  const t = 1.0 / (nx + ny + ni);
  const r = (ni + nx) * t * dxi * dxi + (ni + ny) * t * dyi * dyi - ni * t * dxy * dxy;
  return r > 0 ? Math.sqrt(r) : 0;
}
