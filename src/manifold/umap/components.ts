/**
 * Connected components of an undirected sparse graph (the check behind UMAP's spectral
 * initialisation, which lays out each component on its own).
 */
import type { CsrMatrix } from '../../core/sparse.js';

/** Components of a graph. */
export interface GraphComponents {
  /** Number of components. */
  count: number;
  /** Component of each vertex, numbered in order of each component's smallest vertex. */
  labels: Int32Array;
}

/**
 * Connected components of a symmetric CSR graph by breadth-first search from each unvisited
 * vertex in increasing order (scipy's `connected_components` numbers them the same way).
 * O(n + nnz) time, O(n) memory.
 *
 * @param G - symmetric graph (an edge stored in one direction only still connects)
 * @returns the component count and labels
 * @example
 * ```ts
 * connectedComponents(G); // { count: 2, labels: Int32Array [0, 0, 1, 1] }
 * ```
 * @see scipy.sparse.csgraph.connected_components
 */
export function connectedComponents(G: CsrMatrix): GraphComponents {
  const n = G.rows;
  const { offsets, indices } = G;
  const labels = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (labels[s] !== -1) continue;
    labels[s] = count;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const v = queue[head++]!;
      for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
        const w = indices[p]!;
        if (labels[w] === -1) {
          labels[w] = count;
          queue[tail++] = w;
        }
      }
    }
    count++;
  }
  return { count, labels };
}
