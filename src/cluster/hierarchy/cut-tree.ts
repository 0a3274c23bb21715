/**
 * Flat clusters from a linkage tree: by number of clusters or by a height threshold.
 */
import { LatentError } from '../../core/errors.js';
import type { MatrixLike } from '../../core/matrix.js';
import { assertInteger, assertNumber } from '../../core/validate.js';
import { checkLinkage } from './linkage-validate.js';
import { readOptions, type OptionKeys } from '../../core/options.js';

/** Options of {@link cutTree}: give exactly one of `k` and `height`. */
export interface CutTreeOptions {
  /**
   * Number of clusters, an integer in [1, n]: the partition after the first n − k merges.
   * @defaultValue none (give `k` or `height`)
   */
  k?: number;
  /**
   * Distance threshold: points end up together when they are joined at or below this height
   * (every cluster is a maximal subtree whose merges are all ≤ `height`).
   * @defaultValue none (give `k` or `height`)
   */
  height?: number;
}

const CUT_TREE_KEYS: OptionKeys<CutTreeOptions> = { k: true, height: true };

/**
 * Cuts a linkage tree into flat clusters.
 *
 * - `{ k }`: the partition after the first n − k rows of `Z` (scipy's `cut_tree`; for the
 *   monotone methods the same partition as `fcluster(Z, k, 'maxclust')`). Always exactly k
 *   clusters.
 * - `{ height }`: merges every pair of clusters joined at or below `height` (scipy's
 *   `fcluster(Z, height, 'distance')`): the "distance threshold" cut. For `centroid` and
 *   `median` trees, whose heights can dip, a subtree stays whole only when all its merges are
 *   ≤ `height`, as in scipy.
 *
 * Labels are 0-based in order of first appearance (point 0 is in cluster 0, the first point
 * not in cluster 0 is in cluster 1, …); scipy numbers the same clusters differently. O(n).
 *
 * @param Z - a linkage matrix from {@link linkage} (or scipy), (n−1) × 4
 * @param options - {@link CutTreeOptions}: `{ k }` or `{ height }`
 * @returns one label per point
 * @throws LatentError `E_OPTION` unless exactly one of `k`/`height` is given; `E_RANGE` for
 * k outside [1, n] or a negative height; `E_TYPE`/`E_NOT_FINITE` for non-numbers; the
 * `E_SHAPE`/`E_RANGE` for an invalid `Z`
 * @example
 * ```ts
 * const Z = linkage([[0, 0], [0, 1], [4, 0], [4, 2]], { method: 'average' });
 * cutTree(Z, { k: 2 });        // Int32Array [0, 0, 1, 1]
 * cutTree(Z, { height: 1.5 }); // Int32Array [0, 0, 1, 2]
 * ```
 * @see scipy.cluster.hierarchy.cut_tree
 * @see scipy.cluster.hierarchy.fcluster
 */
export function cutTree(Z: MatrixLike, options: CutTreeOptions): Int32Array {
  const fn = 'cutTree';
  const o = readOptions(fn, options, CUT_TREE_KEYS);
  const { data, n } = checkLinkage(fn, Z);
  const hasK = o.k !== undefined;
  const hasH = o.height !== undefined;
  if (hasK === hasH) {
    throw new LatentError('E_OPTION', `${fn}: options must give exactly one of k and height, got ${hasK ? 'both' : 'neither'}`);
  }
  const parent = new Int32Array(2 * n - 1);
  for (let i = 0; i < 2 * n - 1; i++) parent[i] = i;
  if (hasK) {
    const k = assertInteger(fn, 'k', o.k, 1, n);
    for (let i = 0; i < n - k; i++) link(parent, data, n, i);
  } else {
    const h = assertNumber(fn, 'height', o.height, 0);
    // Max height within each subtree; children precede parents in Z.
    const maxH = new Float64Array(n - 1);
    for (let i = 0; i < n - 1; i++) {
      const o = i * 4;
      const a = data[o]!;
      const b = data[o + 1]!;
      let m = data[o + 2]!;
      if (a >= n && maxH[a - n]! > m) m = maxH[a - n]!;
      if (b >= n && maxH[b - n]! > m) m = maxH[b - n]!;
      maxH[i] = m;
      if (m <= h) link(parent, data, n, i);
    }
  }
  return labelsFromForest(parent, n);
}

/** Joins the two children of row i under node n + i. */
function link(parent: Int32Array, data: Float64Array, n: number, i: number): void {
  parent[data[i * 4]!] = n + i;
  parent[data[i * 4 + 1]!] = n + i;
}

/**
 * Labels points by the root of their tree in a parent forest, numbered by first appearance.
 *
 * @param parent - parent pointers over 2n − 1 nodes (roots point to themselves); compressed in place
 * @param n - number of points
 * @returns the labels
 */
function labelsFromForest(parent: Int32Array, n: number): Int32Array {
  const labelOfRoot = new Int32Array(2 * n - 1).fill(-1);
  const labels = new Int32Array(n);
  let next = 0;
  for (let i = 0; i < n; i++) {
    let r = i;
    while (parent[r] !== r) r = parent[r]!;
    // Path compression keeps the total work linear.
    let x = i;
    while (parent[x] !== r) {
      const p = parent[x]!;
      parent[x] = r;
      x = p;
    }
    if (labelOfRoot[r] === -1) labelOfRoot[r] = next++;
    labels[i] = labelOfRoot[r]!;
  }
  return labels;
}
