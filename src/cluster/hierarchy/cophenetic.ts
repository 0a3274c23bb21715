/**
 * Cophenetic distances of a linkage tree (the height at which two points first share a
 * cluster) and their correlation with the original distances.
 */
import { LatentError, describe } from '../../core/errors.js';
import type { MatrixLike } from '../../core/matrix.js';
import { assertAllocatable } from '../../core/validate.js';
import { leafOrderOf } from './leaf-order.js';
import { checkLinkage } from './linkage-validate.js';

/**
 * Cophenetic distance between every pair of points: the height of the merge that first puts
 * them in the same cluster, condensed in scipy order (as `pdist`).
 *
 * In dendrogram order every cluster's points are contiguous, so each merge fills the block
 * of pairs between its two children's ranges: O(n²) time, every entry written once, no
 * recursion; memory is the n(n−1)/2 output plus O(n).
 *
 * @param Z - a linkage matrix from {@link linkage} (or scipy), (n−1) × 4
 * @returns n(n−1)/2 cophenetic distances
 * @throws LatentError `E_SHAPE`/`E_RANGE`/`E_NOT_FINITE` for an invalid `Z`; `E_MEMORY` when
 * the output cannot be allocated
 * @example
 * ```ts
 * const Z = linkage([[0, 0], [0, 1], [4, 0], [4, 2]], { method: 'average' });
 * cophenetic(Z); // Float64Array [1, 4.179586801558726, 4.179586801558726, 4.179586801558726, 4.179586801558726, 2]
 * ```
 * @see scipy.cluster.hierarchy.cophenet
 */
export function cophenetic(Z: MatrixLike): Float64Array {
  const fn = 'cophenetic';
  const { data, n } = checkLinkage(fn, Z);
  const total = (n * (n - 1)) / 2;
  assertAllocatable(fn, 'the cophenetic distance array', total);
  const out = new Float64Array(total);
  const { order, start, rowOff } = layout(data, n);
  for (let i = 0; i < n - 1; i++) {
    const o = i * 4;
    const a = data[o]!;
    const b = data[o + 1]!;
    const h = data[o + 2]!;
    const la = start[a]!;
    const ra = start[b]!;
    const lEnd = la + (a < n ? 1 : data[(a - n) * 4 + 3]!);
    const rEnd = ra + (b < n ? 1 : data[(b - n) * 4 + 3]!);
    for (let p = la; p < lEnd; p++) {
      const u = order[p]!;
      const ru = rowOff[u]!;
      for (let q = ra; q < rEnd; q++) {
        const v = order[q]!;
        out[u < v ? ru + v : rowOff[v]! + u] = h;
      }
    }
  }
  return out;
}

/**
 * Pearson correlation between the cophenetic distances of `Z` and the distances it was built
 * from: how faithfully the tree preserves the original pairwise distances (1 = perfectly).
 *
 * Streams over the merges as {@link cophenetic} does without storing the cophenetic array;
 * two passes (means first) for accuracy. O(n²) time, O(n) extra memory. Distances or heights
 * beyond ±2^400 (up to `Number.MAX_VALUE`) or below 2^-400 are scaled by a power of two first
 * (the correlation is scale-invariant), so the sums of squares never overflow or underflow.
 *
 * @param Z - a linkage matrix, (n−1) × 4
 * @param distances - the n(n−1)/2 condensed distances `Z` was computed from (e.g. `pdist(X)`)
 * @returns the cophenetic correlation coefficient in [−1, 1]
 * @throws LatentError `E_SHAPE` when `distances` does not have n(n−1)/2 entries; `E_NOT_FINITE` / `E_TYPE` for a non-finite or non-number distance, `E_RANGE` for a negative one;
 * `E_RANGE` when either set of distances is constant (the correlation is undefined, e.g. n = 2);
 * the {@link cophenetic} errors for an invalid `Z`
 * @example
 * ```ts
 * const X = [[0, 0], [0, 1], [4, 0], [4, 2]];
 * copheneticCorrelation(linkage(X, { method: 'average' }), pdist(X)); // 0.9938909720380609
 * ```
 * @see scipy.cluster.hierarchy.cophenet (its first return value)
 */
export function copheneticCorrelation(Z: MatrixLike, distances: ArrayLike<number>): number {
  const fn = 'copheneticCorrelation';
  const { data, n } = checkLinkage(fn, Z);
  if (typeof distances !== 'object' || distances === null || typeof distances.length !== 'number') {
    throw new LatentError('E_TYPE', `${fn}: distances must be an array of n(n-1)/2 distances, got ${describe(distances)}`);
  }
  const total = (n * (n - 1)) / 2;
  if (distances.length !== total) {
    throw new LatentError('E_SHAPE', `${fn}: distances length must be n(n-1)/2 = ${total} for the ${n} points of Z, got ${distances.length}`);
  }
  let maxY = 0;
  for (let i = 0; i < total; i++) {
    const v = distances[i]!;
    if (typeof v !== 'number' || v - v !== 0) {
      throw new LatentError(typeof v === 'number' ? 'E_NOT_FINITE' : 'E_TYPE', `${fn}: distances must be finite numbers, got ${describe(v)} at index ${i}`);
    }
    // Distances are ≥ 0 (as linkageFromDistances requires): a negative one is not a distance.
    if (v < 0) throw new LatentError('E_RANGE', `${fn}: distances must be >= 0, got ${v} at index ${i}`);
    if (v > maxY) maxY = v;
  }
  let maxC = 0;
  for (let i = 0; i < n - 1; i++) maxC = Math.max(maxC, Math.abs(data[i * 4 + 2]!));
  // The correlation does not change when either side is scaled: bring huge or tiny values near 1
  // by a power of two (exact) so the sums of squares neither overflow nor underflow.
  const fY = unitScale(maxY);
  const fC = unitScale(maxC);
  let sumY = 0;
  for (let i = 0; i < total; i++) sumY += (distances[i] as number) * fY;
  const { order, start, rowOff } = layout(data, n);
  const sizeOf = (c: number): number => (c < n ? 1 : data[(c - n) * 4 + 3]!);
  let sumC = 0;
  for (let i = 0; i < n - 1; i++) {
    const o = i * 4;
    sumC += data[o + 2]! * fC * sizeOf(data[o]!) * sizeOf(data[o + 1]!);
  }
  const meanY = sumY / total;
  const meanC = sumC / total;
  let sxy = 0;
  let syy = 0;
  let scc = 0;
  for (let i = 0; i < n - 1; i++) {
    const o = i * 4;
    const a = data[o]!;
    const b = data[o + 1]!;
    const hc = data[o + 2]! * fC - meanC;
    const la = start[a]!;
    const ra = start[b]!;
    const lEnd = la + sizeOf(a);
    const rEnd = ra + sizeOf(b);
    let blockY = 0;
    let blockYY = 0;
    for (let p = la; p < lEnd; p++) {
      const u = order[p]!;
      const ru = rowOff[u]!;
      for (let q = ra; q < rEnd; q++) {
        const v = order[q]!;
        const yc = (distances[u < v ? ru + v : rowOff[v]! + u] as number) * fY - meanY;
        blockY += yc;
        blockYY += yc * yc;
      }
    }
    sxy += hc * blockY;
    syy += blockYY;
    scc += hc * hc * (lEnd - la) * (rEnd - ra);
  }
  if (!(syy > 0) || !(scc > 0)) {
    throw new LatentError(
      'E_RANGE',
      `${fn}: the correlation is undefined when the ${syy > 0 ? 'cophenetic distances are' : 'distances are'} all equal (n = ${n})`,
    );
  }
  return sxy / Math.sqrt(syy * scc);
}

/** 1 for magnitudes in [2^-400, 2^400] (and 0); otherwise the power of two that brings `max` near 1. */
function unitScale(max: number): number {
  if (max === 0 || (max >= 2 ** -400 && max <= 2 ** 400)) return 1;
  return 2 ** Math.max(-1000, Math.min(1000, -Math.floor(Math.log2(max))));
}

/** Leaf order, each node's first position in it, and condensed row offsets. */
function layout(data: Float64Array, n: number): { order: Int32Array; start: Int32Array; rowOff: Float64Array } {
  const order = leafOrderOf(data, n);
  const start = new Int32Array(2 * n - 1);
  for (let p = 0; p < n; p++) start[order[p]!] = p;
  for (let i = 0; i < n - 1; i++) start[n + i] = start[data[i * 4]!]!;
  // Pair (u, v), u < v, sits at rowOff[u] + v.
  const rowOff = new Float64Array(n);
  for (let u = 0; u < n; u++) rowOff[u] = n * u - (u * (u + 1)) / 2 - u - 1;
  return { order, start, rowOff };
}
