/**
 * The condensed tree of HDBSCAN (Campello, Moulavi & Sander 2013; scikit-learn's `_condense_tree`):
 * the single-linkage tree walked from the root in breadth-first order, where a split that leaves
 * both sides with at least `minClusterSize` points creates two new clusters, and a side smaller
 * than that "falls out" point by point at the split's λ = 1 / distance. Rows come in
 * scikit-learn's order (so cluster numbers and every derived quantity match its arrays).
 *
 * Internal module.
 */
import type { SingleLinkageTree } from './single-linkage.js';

/**
 * The condensed tree as plain arrays: one row per (parent cluster, child) pair. Points are
 * numbered 0 … n − 1 and clusters n (the root), n + 1, …; a child cluster always has a larger
 * number than its parent. `lambda` is 1 / distance (+∞ at distance 0) at which the child leaves
 * the parent — as a point falling out, or as a new cluster splitting off; `size` is 1 for a
 * point, the child cluster's size otherwise.
 */
export interface CondensedTree {
  /** Parent cluster of each row. */
  parent: Int32Array;
  /** Child (a point < n, or a cluster ≥ n). */
  child: Int32Array;
  /** λ at which the child leaves the parent. */
  lambda: Float64Array;
  /** Points in the child. */
  size: Int32Array;
}

/**
 * Condenses a single-linkage tree over n ≥ 2 points. O(n).
 *
 * @internal
 * @param slt - the single-linkage tree (n − 1 merges)
 * @param n - number of points
 * @param minClusterSize - smallest side that counts as a cluster (≥ 2)
 * @returns the condensed tree
 * @example
 * ```ts
 * condenseTree(singleLinkage(edges, n), n, 5).parent[0]; // n (the root)
 * ```
 */
export function condenseTree(slt: SingleLinkageTree, n: number, minClusterSize: number): CondensedTree {
  const { left, right, dist, size } = slt;
  const root = 2 * (n - 1);
  const nodes = root + 1;
  // Rows: every point once, plus two per split (at most n − 1 splits).
  const cap = n + 2 * (n - 1);
  const parent = new Int32Array(cap);
  const child = new Int32Array(cap);
  const lambda = new Float64Array(cap);
  const csize = new Int32Array(cap);
  let rows = 0;
  const relabel = new Int32Array(nodes);
  relabel[root] = n;
  let nextLabel = n + 1;
  const ignore = new Uint8Array(nodes);
  // Breadth-first order of the whole tree (left child before right), as scikit-learn walks it.
  const bfs = new Int32Array(nodes);
  let head = 0;
  let tail = 0;
  bfs[tail++] = root;
  while (head < tail) {
    const x = bfs[head++]!;
    if (x >= n) {
      bfs[tail++] = left[x - n]!;
      bfs[tail++] = right[x - n]!;
    }
  }
  // Queue for the breadth-first walks of fallen-out subtrees (each node is walked once).
  const sub = new Int32Array(nodes);
  const fallOut = (start: number, p: number, lam: number): void => {
    let h = 0;
    let t = 0;
    sub[t++] = start;
    while (h < t) {
      const x = sub[h++]!;
      if (x < n) {
        parent[rows] = p;
        child[rows] = x;
        lambda[rows] = lam;
        csize[rows] = 1;
        rows++;
      } else {
        sub[t++] = left[x - n]!;
        sub[t++] = right[x - n]!;
      }
      ignore[x] = 1;
    }
  };
  for (let q = 0; q < nodes; q++) {
    const node = bfs[q]!;
    if (ignore[node] === 1 || node < n) continue;
    const r = node - n;
    const l = left[r]!;
    const rt = right[r]!;
    const dv = dist[r]!;
    const lam = dv > 0 ? 1 / dv : Infinity;
    const lc = l >= n ? size[l - n]! : 1;
    const rc = rt >= n ? size[rt - n]! : 1;
    const p = relabel[node]!;
    if (lc >= minClusterSize && rc >= minClusterSize) {
      relabel[l] = nextLabel++;
      parent[rows] = p;
      child[rows] = relabel[l]!;
      lambda[rows] = lam;
      csize[rows] = lc;
      rows++;
      relabel[rt] = nextLabel++;
      parent[rows] = p;
      child[rows] = relabel[rt]!;
      lambda[rows] = lam;
      csize[rows] = rc;
      rows++;
    } else if (lc < minClusterSize && rc < minClusterSize) {
      fallOut(l, p, lam);
      fallOut(rt, p, lam);
    } else if (lc < minClusterSize) {
      relabel[rt] = p;
      fallOut(l, p, lam);
    } else {
      relabel[l] = p;
      fallOut(rt, p, lam);
    }
  }
  return { parent: parent.slice(0, rows), child: child.slice(0, rows), lambda: lambda.slice(0, rows), size: csize.slice(0, rows) };
}
