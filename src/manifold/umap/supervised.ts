/**
 * Supervised UMAP with categorical labels: the fuzzy graph intersected with the label
 * "simplicial set" (umap-learn's `discrete_metric_simplicial_set_intersection` with the
 * default `target_metric='categorical'`), then the local connectivity restored.
 */
import { detExp } from '../../core/math.js';
import type { CsrMatrix } from '../../core/sparse.js';
import { fuzzyUnion } from './fuzzy-graph.js';

/**
 * umap-learn's `far_dist` for a target weight: `2.5 / (1 − w)` below 1, 1e12 at 1 (different
 * labels then never stay connected).
 *
 * @param targetWeight - in [0, 1]
 * @returns the distance assumed between differently labelled points
 * @example
 * ```ts
 * farDistance(0.5); // 5
 * ```
 */
export function farDistance(targetWeight: number): number {
  return targetWeight < 1 ? 2.5 * (1 / (1 - targetWeight)) : 1e12;
}

/**
 * Intersects the symmetric fuzzy graph G with categorical labels: an edge between two labelled
 * points of different classes is scaled by `exp(−farDist)`, an edge touching an unlabelled
 * point (label −1) by `exp(−1)`; zeros are dropped; then each row is divided by its largest
 * value and the graph is re-symmetrised by fuzzy union (umap-learn's
 * `reset_local_connectivity`). O(nnz). G is not modified.
 *
 * @param G - symmetric fuzzy graph (sorted columns)
 * @param target - label per point, −1 = unlabelled
 * @param farDist - from {@link farDistance}
 * @returns the supervised graph
 * @example
 * ```ts
 * const S = categoricalIntersection(G, labels, farDistance(0.5));
 * ```
 * @see umap-learn `umap.umap_.fast_intersection`, `reset_local_connectivity`
 */
export function categoricalIntersection(G: CsrMatrix, target: Int32Array, farDist: number): CsrMatrix {
  const n = G.rows;
  const unknown = detExp(-1);
  const far = detExp(-farDist);
  const { offsets, indices, values } = G;
  const nnz = offsets[n]!;
  const outOffsets = new Int32Array(n + 1);
  const outIndices = new Int32Array(nnz);
  const outValues = new Float64Array(nnz);
  let w = 0;
  for (let i = 0; i < n; i++) {
    const ti = target[i]!;
    const start = w;
    let max = 0;
    for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
      const j = indices[p]!;
      const tj = target[j]!;
      let v = values[p]!;
      if (ti === -1 || tj === -1) v *= unknown;
      else if (ti !== tj) v *= far;
      if (v === 0) continue;
      if (v > max) max = v;
      outIndices[w] = j;
      outValues[w] = v;
      w++;
    }
    // sklearn's normalize(norm='max'): each row divided by its largest absolute value.
    for (let p = start; p < w; p++) outValues[p] = outValues[p]! / max;
    outOffsets[i + 1] = w;
  }
  const S: CsrMatrix = { rows: n, cols: n, offsets: outOffsets, indices: outIndices.slice(0, w), values: outValues.slice(0, w) };
  return fuzzyUnion(S, 1);
}
