/**
 * GLOSH outlier scores (Campello, Moulavi, Zimek & Sander 2015) from a condensed tree.
 *
 * Internal module.
 */
import type { CondensedTree } from './condense.js';

/**
 * GLOSH score of each point: `1 − λ(x) / λ_max(C)`, where C is the cluster x falls out of
 * (its parent in the condensed tree), λ(x) the density level at which it leaves, and
 * λ_max(C) the highest λ at which any point of C or of a cluster below C is still present —
 * in distances, `1 − ε_max(C) / ε(x)`: 0 for the densest points of a cluster, near 1 for
 * points far less dense than the densest part of the cluster they belong to.
 *
 * This is what the `hdbscan` package's `outlier_scores` computes, with λ_max taken over C's
 * whole subtree as the definition says (the package's propagation loop stops early in some
 * trees). Degenerate levels: a point that leaves at λ = ∞ (a duplicate) scores 0; a point with
 * finite λ in a cluster whose λ_max is ∞ (it contains duplicates) scores 1, the limit of the
 * formula (the package gives NaN); λ_max = 0 cannot occur with finite distances. O(rows).
 *
 * @internal
 * @param tree - the condensed tree
 * @param n - number of points
 * @returns n scores in [0, 1]
 * @example
 * ```ts
 * outlierScores(tree, n); // Float64Array of n scores
 * ```
 * @see Campello, Moulavi, Zimek & Sander, "Hierarchical density estimates for data clustering, visualization, and outlier detection", ACM TKDD 10(1), 2015
 */
export function outlierScores(tree: CondensedTree, n: number): Float64Array {
  const { parent, child, lambda } = tree;
  const rows = parent.length;
  let top = n;
  for (let r = 0; r < rows; r++) if (parent[r]! > top) top = parent[r]!;
  const K = top - n + 1;
  const maxSub = new Float64Array(K);
  const up = new Int32Array(K).fill(-1);
  for (let r = 0; r < rows; r++) {
    const p = parent[r]! - n;
    if (lambda[r]! > maxSub[p]!) maxSub[p] = lambda[r]!;
    if (child[r]! >= n && child[r]! - n < K) up[child[r]! - n] = p;
  }
  // Children have larger numbers than their parents: one descending pass carries maxima upwards.
  for (let c = K - 1; c > 0; c--) {
    const p = up[c]!;
    if (p >= 0 && maxSub[c]! > maxSub[p]!) maxSub[p] = maxSub[c]!;
  }
  const out = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    const x = child[r]!;
    if (x >= n) continue;
    const lam = lambda[r]!;
    const maxL = maxSub[parent[r]! - n]!;
    out[x] = lam === Infinity || maxL === 0 ? 0 : maxL === Infinity ? 1 : (maxL - lam) / maxL;
  }
  return out;
}
