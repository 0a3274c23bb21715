/**
 * The squared euclidean row distance every k-means scheme uses, in one fixed summation order
 * (so equal inputs give equal bits in seeding, assignment and the packed-product re-checks).
 * Its own file so that the packed-product path and the step helpers both import it without an
 * import cycle between them.
 */

/**
 * Squared euclidean distance between row `ia` of `a` and row `ib` of `b` (offsets, not
 * indices), in a fixed summation order: two partial sums (even and odd coordinates, the odd
 * tail into the even sum) added at the end. Every scheme uses this order (and
 * `sqDist4` in kmeans-step.ts reproduces it), so equal inputs give equal bits everywhere.
 *
 * @param a - first flat matrix
 * @param ia - offset of the first row
 * @param b - second flat matrix
 * @param ib - offset of the second row
 * @param d - row length
 * @returns the squared distance
 */
export function sqDist(a: Float64Array, ia: number, b: Float64Array, ib: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let t = 0;
  for (; t + 1 < d; t += 2) {
    const u0 = a[ia + t]! - b[ib + t]!;
    const u1 = a[ia + t + 1]! - b[ib + t + 1]!;
    s0 += u0 * u0;
    s1 += u1 * u1;
  }
  if (t < d) {
    const u = a[ia + t]! - b[ib + t]!;
    s0 += u * u;
  }
  return s0 + s1;
}

/**
 * {@link sqDist} with the first row in Float32 storage (widened exactly as read: the same bits as
 * `sqDist` on a Float64 copy).
 *
 * @param a - Float32 data
 * @param ia - offset of the first row
 * @param b - Float64 data (centres)
 * @param ib - offset of the second row
 * @param d - row length
 * @returns the squared distance
 */
export function sqDist32(a: Float32Array, ia: number, b: Float64Array, ib: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let t = 0;
  for (; t + 1 < d; t += 2) {
    const u0 = a[ia + t]! - b[ib + t]!;
    const u1 = a[ia + t + 1]! - b[ib + t + 1]!;
    s0 += u0 * u0;
    s1 += u1 * u1;
  }
  if (t < d) {
    const u = a[ia + t]! - b[ib + t]!;
    s0 += u * u;
  }
  return s0 + s1;
}

