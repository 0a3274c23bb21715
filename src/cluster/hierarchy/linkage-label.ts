/**
 * Turns a list of merges found in any order (by the minimum-spanning-tree or the
 * nearest-neighbour-chain algorithm) into scipy's `Z`: rows sorted by height (stable), and
 * cluster ids renumbered with a union-find so that row i creates cluster n + i.
 */

/**
 * Sorts merge rows `[a, b, height, ·]` by height (stable, like numpy's mergesort) and
 * relabels them in place of a new array: each row's children become the ids of the clusters
 * that contain `a` and `b` at that point (smaller id first), and column 3 becomes the size
 * of the merged cluster. `a` and `b` may be any members (point indices or representatives)
 * of the two clusters, as the MST and NN-chain algorithms produce.
 *
 * O(n log n) for the sort plus near-linear union-find work.
 *
 * @param merges - (n−1)×4 row-major merge rows; not modified
 * @param n - number of points
 * @returns the (n−1)×4 row-major data of scipy's `Z`
 * @example
 * ```ts
 * // two merges of points 0..2: (1, 2) at 0.5, then (0, 2) at 1
 * sortAndLabel(new Float64Array([0, 2, 1, 0, 1, 2, 0.5, 0]), 3);
 * // Float64Array [1, 2, 0.5, 2, 0, 3, 1, 3]
 * ```
 * @see scipy.cluster._hierarchy.label
 */
export function sortAndLabel(merges: Float64Array, n: number): Float64Array {
  const m = n - 1;
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  // Stable by construction: ties keep their original order (index tie-break).
  order.sort((p, q) => merges[p * 4 + 2]! - merges[q * 4 + 2]! || p - q);

  const parent = new Int32Array(2 * n - 1);
  const size = new Int32Array(2 * n - 1);
  for (let i = 0; i < 2 * n - 1; i++) {
    parent[i] = i;
    size[i] = 1;
  }
  const z = new Float64Array(m * 4);
  for (let r = 0; r < m; r++) {
    const src = order[r]! * 4;
    const xr = find(parent, merges[src]!);
    const yr = find(parent, merges[src + 1]!);
    const o = r * 4;
    z[o] = xr < yr ? xr : yr;
    z[o + 1] = xr < yr ? yr : xr;
    z[o + 2] = merges[src + 2]!;
    const label = n + r;
    parent[xr] = label;
    parent[yr] = label;
    const s = size[xr]! + size[yr]!;
    size[label] = s;
    z[o + 3] = s;
  }
  return z;
}

/** Root of `x` with full path compression (iterative). */
function find(parent: Int32Array, x: number): number {
  let root = x;
  while (parent[root] !== root) root = parent[root]!;
  while (parent[x] !== root) {
    const next = parent[x]!;
    parent[x] = root;
    x = next;
  }
  return root;
}
