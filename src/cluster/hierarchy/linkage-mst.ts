/**
 * Single linkage through a minimum spanning tree (Prim's algorithm on the dense distance
 * matrix), as scipy's `mst_single_linkage`.
 */
import { LatentError } from '../../core/errors.js';
import { sortAndLabel } from './linkage-label.js';
import { runSync, type Work } from '../../core/task.js';
import { condensedRowOffset } from '../../distance/square.js';

/**
 * Single-linkage merges from a condensed distance array: grows a minimum spanning tree from
 * point 0 (Prim), then sorts its n−1 edges by weight and labels them as scipy's `Z`.
 * Visits points in the same order and breaks ties the same way as scipy (first smallest).
 *
 * O(n²) time; reads `dists` without modifying it; O(n) extra memory.
 *
 * @param dists - condensed distances (scipy order), length n(n−1)/2, finite
 * @param n - number of points, ≥ 2
 * @returns the (n−1)×4 row-major data of `Z`
 * @throws LatentError `E_CONVERGENCE` when no finite distance is left (NaN input; public entry points reject it first)
 * @example
 * ```ts
 * mstSingleLinkage(new Float64Array([1, 4, 2]), 3); // Float64Array [0, 1, 1, 2, 2, 3, 2, 3]
 * ```
 * @see Müllner (2011), "Modern hierarchical, agglomerative clustering algorithms", §3.1 (MST-linkage)
 * @see scipy.cluster._hierarchy.mst_single_linkage
 */
export function mstSingleLinkage(dists: Float64Array, n: number): Float64Array {
  return runSync(mstSingleLinkageWork(dists, n), { fn: 'linkage' });
}

/**
 * {@link mstSingleLinkage} as resumable work: yields a progress report every 128 merges.
 *
 * @param dists - see {@link mstSingleLinkage}
 * @param n - see {@link mstSingleLinkage}
 * @returns the work, whose result is the merges
 */
export function* mstSingleLinkageWork(dists: Float64Array, n: number): Work<Float64Array> {
  const merges = new Float64Array((n - 1) * 4);
  // Best distance from the growing tree to each point not yet in it.
  const best = new Float64Array(n).fill(Infinity);
  // Points not yet in the tree, as an ascending singly linked list (sentinel n).
  const next = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) next[i] = i + 1;
  let head = 1; // point 0 joins first
  let x = 0;
  for (let k = 0; k < n - 1; k++) {
    // A checkpoint every 128 merges (each is O(n)): abort and progress for long runs.
    if ((k & 127) === 127) yield { stage: 'merge', completed: k, total: n - 1 };
    let min = Infinity;
    let y = -1;
    let yPrev = -1;
    // (i, x) for i < x sits at condensedRowOffset(n, i) + x, (x, i) for i > x at baseX + i.
    const baseX = condensedRowOffset(n, x);
    let prev = -1;
    for (let i = head; i < n; i = next[i]!) {
      const d = i < x ? dists[condensedRowOffset(n, i) + x]! : dists[baseX + i]!;
      let b = best[i]!;
      if (b > d) {
        b = d;
        best[i] = d;
      }
      if (b < min) {
        min = b;
        y = i;
        yPrev = prev;
      }
      prev = i;
    }
    if (y < 0) throw new LatentError('E_CONVERGENCE', 'linkage: no finite distance from the spanning tree to the remaining points (NaN input?)');
    const o = k * 4;
    merges[o] = x;
    merges[o + 1] = y;
    merges[o + 2] = min;
    // Unlink y: it joins the tree and becomes the next source.
    if (yPrev < 0) head = next[y]!;
    else next[yPrev] = next[y]!;
    x = y;
  }
  return sortAndLabel(merges, n);
}
