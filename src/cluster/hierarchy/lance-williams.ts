/**
 * The Lance–Williams distance updates of every linkage method, written with exactly the
 * arithmetic scipy uses so heights agree with scipy's bit for bit on the same input.
 */

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
      return weightedUpdate(dxi, dyi);
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
 * Average-linkage (UPGMA) update, scipy's arithmetic: `(nx·dxi + ny·dyi) / (nx + ny)`. When the
 * weighted sum of two finite distances overflows (distances near `Number.MAX_VALUE`), the same
 * mean from the normalised weights instead, finite and within a few roundings of the exact one
 * (scipy returns Infinity there).
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
  const v = (nx * dxi + ny * dyi) / (nx + ny);
  return v < Infinity ? v : (nx / (nx + ny)) * dxi + (ny / (nx + ny)) * dyi;
}

/**
 * Weighted-linkage (WPGMA) update, scipy's arithmetic: `0.5·(dxi + dyi)`, or `0.5·dxi + 0.5·dyi`
 * when the sum of two finite distances overflows.
 *
 * @param dxi - distance between x and i
 * @param dyi - distance between y and i
 * @returns the distance between x ∪ y and i
 * @example
 * ```ts
 * weightedUpdate(1, 4); // 2.5
 * ```
 */
export function weightedUpdate(dxi: number, dyi: number): number {
  const v = 0.5 * (dxi + dyi);
  return v < Infinity ? v : 0.5 * dxi + 0.5 * dyi;
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

/**
 * Applies the update after merging cluster x into cluster y (x < y) on a condensed distance
 * array: D(i, x ∪ y) for every active i ≠ y, written to y's slots. x must already be removed
 * from the active list and `size[y]` may already hold the merged size (only `size[i]`, i ≠ x, y,
 * is read). Shared by the nearest-neighbour chain and the generic algorithm; kept in this
 * module so the per-entry update inlines in every runtime. O(number of active clusters).
 *
 * @param D - condensed distances, (i, j) at n·i − i(i+1)/2 + j − i − 1; updated in place
 * @param n - number of points
 * @param code - method code from {@link METHOD_CODE}
 * @param head - first active cluster
 * @param next - ascending linked list of active clusters (n = end)
 * @param size - cluster sizes
 * @param x - merged-away cluster (smaller index)
 * @param y - cluster that receives the merge (larger index)
 * @param dxy - distance between x and y
 * @param nx - size of x before the merge
 * @param ny - size of y before the merge
 * @example
 * ```ts
 * // 3 points, merge 0 into 1 (complete linkage): D(1, 2) becomes max(D(0, 2), D(1, 2))
 * const D = new Float64Array([1, 4, 2]);
 * updateCondensed(D, 3, METHOD_CODE.complete, 1, Int32Array.from([1, 2, 3, 3]), Int32Array.from([0, 2, 1]), 0, 1, 1, 1, 1);
 * D; // Float64Array [1, 4, 4]
 * ```
 */
export function updateCondensed(
  D: Float64Array,
  n: number,
  code: number,
  head: number,
  next: Int32Array,
  size: Int32Array,
  x: number,
  y: number,
  dxy: number,
  nx: number,
  ny: number,
): void {
  // (i, j), i < j, sits at rowStart(i) + j with rowStart(i) = n·i − i(i+1)/2 − i − 1.
  const rowX = n * x - (x * (x + 1)) / 2 - x - 1;
  const rowY = n * y - (y * (y + 1)) / 2 - y - 1;
  let i = head;
  for (; i < x; i = next[i]!) {
    const r = n * i - (i * (i + 1)) / 2 - i - 1;
    const iy = r + y;
    D[iy] = lanceWilliams(code, D[r + x]!, D[iy]!, dxy, nx, ny, size[i]!);
  }
  for (; i < y; i = next[i]!) {
    const iy = n * i - (i * (i + 1)) / 2 - i - 1 + y;
    D[iy] = lanceWilliams(code, D[rowX + i]!, D[iy]!, dxy, nx, ny, size[i]!);
  }
  for (i = next[y]!; i < n; i = next[i]!) {
    const iy = rowY + i;
    D[iy] = lanceWilliams(code, D[rowX + i]!, D[iy]!, dxy, nx, ny, size[i]!);
  }
}

/**
 * The same update on a full symmetric n×n matrix: row y (contiguous) and column y get
 * D(i, x ∪ y) for every active i ≠ y. One loop per common method so no switch runs per entry.
 * O(number of active clusters).
 *
 * @param S - n×n row-major symmetric distances; updated in place
 * @param n - number of points
 * @param code - method code from {@link METHOD_CODE}
 * @param head - first active cluster (x already removed)
 * @param next - ascending linked list of active clusters (n = end)
 * @param size - cluster sizes
 * @param x - merged-away cluster
 * @param y - cluster that receives the merge
 * @param dxy - distance between x and y
 * @param nx - size of x before the merge
 * @param ny - size of y before the merge
 * @example
 * ```ts
 * const S = new Float64Array([0, 1, 4, 1, 0, 2, 4, 2, 0]);
 * updateSquare(S, 3, METHOD_CODE.average, 1, Int32Array.from([1, 2, 3, 3]), Int32Array.from([0, 2, 1]), 0, 1, 1, 1, 1);
 * S; // Float64Array [0, 1, 4, 1, 0, 3, 4, 3, 0]
 * ```
 */
export function updateSquare(
  S: Float64Array,
  n: number,
  code: number,
  head: number,
  next: Int32Array,
  size: Int32Array,
  x: number,
  y: number,
  dxy: number,
  nx: number,
  ny: number,
): void {
  const rx = x * n;
  const ry = y * n;
  let i = head;
  switch (code) {
    case 1:
      for (; i < n; i = next[i]!) {
        if (i === y) continue;
        const a = S[rx + i]!;
        const b = S[ry + i]!;
        const v = a > b ? a : b;
        S[ry + i] = v;
        S[i * n + y] = v;
      }
      return;
    case 2:
      for (; i < n; i = next[i]!) {
        if (i === y) continue;
        const v = averageUpdate(S[rx + i]!, S[ry + i]!, nx, ny);
        S[ry + i] = v;
        S[i * n + y] = v;
      }
      return;
    case 4:
      for (; i < n; i = next[i]!) {
        if (i === y) continue;
        const v = wardUpdate(S[rx + i]!, S[ry + i]!, dxy, nx, ny, size[i]!);
        S[ry + i] = v;
        S[i * n + y] = v;
      }
      return;
    default:
      for (; i < n; i = next[i]!) {
        if (i === y) continue;
        const v = lanceWilliams(code, S[rx + i]!, S[ry + i]!, dxy, nx, ny, size[i]!);
        S[ry + i] = v;
        S[i * n + y] = v;
      }
  }
}
