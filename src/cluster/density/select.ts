/**
 * Flat clusters from a condensed tree, as scikit-learn 1.9's `HDBSCAN` selects them
 * (`_compute_stability`, `_get_clusters`, `_do_labelling`, `get_probabilities`): cluster
 * stabilities, excess-of-mass or leaf selection, the `clusterSelectionEpsilon` merge, the
 * `maxClusterSize` cap, the single-cluster rule, labels and membership probabilities.
 *
 * Where scikit-learn iterates a Python set (the leaves handed to the epsilon search), latent
 * visits clusters in ascending number; the result differs only when two selected clusters
 * nest through that search, which scikit-learn leaves to hash order.
 *
 * Internal module.
 */
import type { CondensedTree } from './condense.js';

/** How clusters are chosen from the condensed tree. */
export type ClusterSelectionMethod = 'eom' | 'leaf';

/** Selection settings (validated by the caller). */
export interface SelectionOptions {
  /** Excess of mass or leaves. */
  method: ClusterSelectionMethod;
  /** Allow the root to be the one cluster. */
  allowSingleCluster: boolean;
  /** Distance below which clusters are merged (0: off). */
  epsilon: number;
  /** Largest cluster excess of mass may select (Infinity: no cap). */
  maxClusterSize: number;
}

/** Selected clusters, labels and probabilities. */
export interface Selection {
  /** Condensed-tree number of each selected cluster, ascending (label k is `clusters[k]`). */
  clusters: Int32Array;
  /** Cluster label of each point, −1 for noise. */
  labels: Int32Array;
  /** Membership strength of each point in its cluster (0 for noise). */
  probabilities: Float64Array;
  /** Largest λ among each cluster's direct rows (`deaths` of scikit-learn), indexed by cluster − n. */
  maxLambda: Float64Array;
}

/** Parent/child structure of the clusters of a condensed tree, indexed by cluster − n. */
interface ClusterIndex {
  /** Number of cluster slots (clusters n … n + count − 1). */
  count: number;
  /** Parent cluster (−1 for the root). */
  parent: Int32Array;
  /** λ of the row where the cluster splits off (0 for the root; scikit-learn's births). */
  birth: Float64Array;
  /** Points in the cluster. */
  size: Int32Array;
  /** First and second child clusters (−1 when none), in row order. */
  childA: Int32Array;
  childB: Int32Array;
  /** Largest λ among the cluster's direct rows. */
  maxLambda: Float64Array;
}

function clusterIndex(tree: CondensedTree, n: number): ClusterIndex {
  const { parent, child, lambda, size } = tree;
  const rows = parent.length;
  let top = n;
  for (let r = 0; r < rows; r++) {
    if (parent[r]! > top) top = parent[r]!;
    if (child[r]! > top) top = child[r]!;
  }
  const count = top - n + 1;
  const cparent = new Int32Array(count).fill(-1);
  const birth = new Float64Array(count);
  const csize = new Int32Array(count);
  const childA = new Int32Array(count).fill(-1);
  const childB = new Int32Array(count).fill(-1);
  const maxLambda = new Float64Array(count);
  for (let r = 0; r < rows; r++) {
    const p = parent[r]! - n;
    const l = lambda[r]!;
    if (l > maxLambda[p]!) maxLambda[p] = l;
    const c = child[r]!;
    if (c < n) continue;
    const ci = c - n;
    cparent[ci] = p;
    birth[ci] = l;
    csize[ci] = size[r]!;
    if (childA[p] === -1) childA[p] = ci;
    else childB[p] = ci;
  }
  return { count, parent: cparent, birth, size: csize, childA, childB, maxLambda };
}

/**
 * Stability of each cluster: Σ over its rows of (λ − λ_birth) × size (scikit-learn's
 * `_compute_stability`, ∞ and NaN included as IEEE arithmetic gives them).
 */
function stabilities(tree: CondensedTree, n: number, ix: ClusterIndex): Float64Array {
  const { parent, lambda, size } = tree;
  const st = new Float64Array(ix.count);
  for (let r = 0; r < parent.length; r++) {
    const p = parent[r]! - n;
    st[p] = st[p]! + (lambda[r]! - ix.birth[p]!) * size[r]!;
  }
  return st;
}

/**
 * Selects the flat clustering of a condensed tree over n ≥ 2 points and labels the points.
 * O(rows + clusters) (the epsilon search adds the size of the subtrees it merges).
 *
 * @internal
 * @param tree - the condensed tree
 * @param n - number of points
 * @param o - selection settings
 * @returns the selection
 * @example
 * ```ts
 * selectClusters(tree, n, { method: 'eom', allowSingleCluster: false, epsilon: 0, maxClusterSize: Infinity }).labels;
 * ```
 */
export function selectClusters(tree: CondensedTree, n: number, o: SelectionOptions): Selection {
  const ix = clusterIndex(tree, n);
  const K = ix.count;
  const stability = stabilities(tree, n, ix);
  const hasClusterRows = K > 1;
  // Candidate clusters (scikit-learn's is_cluster keys): all but the root unless a single cluster is allowed.
  const first = o.allowSingleCluster ? 0 : 1;
  const selected = new Uint8Array(K);
  if (o.allowSingleCluster) {
    let s = 0;
    if (ix.childA[0] !== -1) s += ix.size[ix.childA[0]!]!;
    if (ix.childB[0] !== -1) s += ix.size[ix.childB[0]!]!;
    ix.size[0] = s;
  }
  if (o.method === 'eom') {
    // Bottom-up (descending numbers: children after parents in the tree's numbering).
    const kept = new Uint8Array(K);
    for (let c = K - 1; c >= first; c--) {
      let sub = 0;
      if (ix.childA[c] !== -1) sub += stability[ix.childA[c]!]!;
      if (ix.childB[c] !== -1) sub += stability[ix.childB[c]!]!;
      if (sub > stability[c]! || ix.size[c]! > o.maxClusterSize) stability[c] = sub;
      else kept[c] = 1;
    }
    // A kept cluster unselects its descendants (scikit-learn does it eagerly; top-down is the same).
    const under = new Uint8Array(K);
    for (let c = first; c < K; c++) {
      const p = ix.parent[c]!;
      if (p >= 0 && (under[p] === 1 || kept[p] === 1)) under[c] = 1;
      if (kept[c] === 1 && under[c] === 0) selected[c] = 1;
    }
    if (o.epsilon !== 0 && hasClusterRows) {
      const eom: number[] = [];
      for (let c = K - 1; c >= first; c--) if (selected[c] === 1) eom.push(c);
      selected.fill(0);
      if (eom.length === 1 && eom[0] === 0) {
        if (o.allowSingleCluster) selected[0] = 1;
      } else {
        for (const c of epsilonSearch(eom.sort((x, y) => x - y), ix, o)) if (c >= first) selected[c] = 1;
      }
    }
  } else {
    const leaves: number[] = [];
    if (hasClusterRows) for (let c = 1; c < K; c++) if (ix.childA[c] === -1) leaves.push(c);
    const chosen = o.epsilon !== 0 ? epsilonSearch(leaves, ix, o) : leaves;
    for (const c of chosen) if (c >= first) selected[c] = 1;
  }
  return label(tree, n, ix, selected, o);
}

/** scikit-learn's `epsilon_search` over `leaves` (ascending cluster slots). */
function epsilonSearch(leaves: readonly number[], ix: ClusterIndex, o: SelectionOptions): number[] {
  const out = new Set<number>();
  const processed = new Uint8Array(ix.count);
  for (const leaf of leaves) {
    const eps = 1 / ix.birth[leaf]!;
    if (eps < o.epsilon) {
      if (processed[leaf] === 1) continue;
      const up = traverseUpwards(leaf, ix, o);
      out.add(up);
      markBelow(up, ix, processed);
    } else {
      out.add(leaf);
    }
  }
  return [...out];
}

/** The first ancestor of `leaf` born at a distance above epsilon (the root only when allowed). */
function traverseUpwards(leaf: number, ix: ClusterIndex, o: SelectionOptions): number {
  let c = leaf;
  for (;;) {
    const p = ix.parent[c]!;
    if (p === 0) return o.allowSingleCluster ? 0 : c;
    if (1 / ix.birth[p]! > o.epsilon) return p;
    c = p;
  }
}

/** Marks every cluster strictly below `c`. */
function markBelow(c: number, ix: ClusterIndex, mark: Uint8Array): void {
  const stack: number[] = [];
  if (ix.childA[c] !== -1) stack.push(ix.childA[c]!);
  if (ix.childB[c] !== -1) stack.push(ix.childB[c]!);
  while (stack.length > 0) {
    const x = stack.pop()!;
    mark[x] = 1;
    if (ix.childA[x] !== -1) stack.push(ix.childA[x]!);
    if (ix.childB[x] !== -1) stack.push(ix.childB[x]!);
  }
}

/** Labels and probabilities for the selected clusters (`_do_labelling`, `get_probabilities`). */
function label(tree: CondensedTree, n: number, ix: ClusterIndex, selected: Uint8Array, o: SelectionOptions): Selection {
  const K = ix.count;
  let nSel = 0;
  for (let c = 0; c < K; c++) nSel += selected[c]!;
  const clusters = new Int32Array(nSel);
  const labelOf = new Int32Array(K).fill(-1);
  for (let c = 0, k = 0; c < K; c++) {
    if (selected[c] === 1) {
      clusters[k] = n + c;
      labelOf[c] = k++;
    }
  }
  // The selected cluster each cluster's points end up in: the nearest selected ancestor-or-self,
  // ROOT when there is none (the root's points are labelled by the single-cluster rule).
  const ROOT = -2;
  const owner = new Int32Array(K);
  owner[0] = ROOT;
  for (let c = 1; c < K; c++) owner[c] = selected[c] === 1 ? labelOf[c]! : owner[ix.parent[c]!]!;
  const single = nSel === 1 && o.allowSingleCluster;
  const threshold = o.epsilon !== 0 ? 1 / o.epsilon : ix.maxLambda[0]!;
  const { parent, child, lambda } = tree;
  const labels = new Int32Array(n).fill(-1);
  const probabilities = new Float64Array(n);
  for (let r = 0; r < parent.length; r++) {
    const x = child[r]!;
    if (x >= n) continue;
    let l = owner[parent[r]! - n]!;
    if (l === ROOT) l = single && lambda[r]! >= threshold ? labelOf[0]! : -1;
    labels[x] = l;
  }
  for (let r = 0; r < parent.length; r++) {
    const x = child[r]!;
    if (x >= n) continue;
    const l = labels[x]!;
    if (l < 0) continue;
    const maxL = ix.maxLambda[clusters[l]! - n]!;
    const lam = lambda[r]!;
    probabilities[x] = maxL === 0 || lam === Infinity ? 1 : (lam < maxL ? lam : maxL) / maxL;
  }
  return { clusters, labels, probabilities, maxLambda: ix.maxLambda };
}
