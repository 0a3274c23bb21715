/**
 * Connected components of a neighbour graph, so methods whose eigenproblem degenerates on a
 * disconnected graph (LLE, spectral embedding) can say so instead of returning an arbitrary basis.
 */

/**
 * Number of connected components of the undirected graph with an edge i – j for every
 * `indices[i·k + t] = j` (a row-major n × k neighbour table; directions are ignored). Union–find
 * with path halving: O(n·k·α(n)) time, O(n) memory.
 *
 * @param indices - n × k neighbour indices (values in [0, n))
 * @param n - number of points
 * @param k - neighbours per point
 * @returns the number of components (1 when connected)
 * @example
 * ```ts
 * knnComponents(new Int32Array([1, 0, 3, 2]), 4, 1); // 2   ({0, 1} and {2, 3})
 * ```
 */
export function knnComponents(indices: Int32Array, n: number, k: number): number {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      const up = parent[parent[x]!]!;
      parent[x] = up;
      x = up;
    }
    return x;
  };
  let components = n;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const a = find(i);
      const b = find(indices[i * k + t]!);
      if (a !== b) {
        parent[a < b ? b : a] = a < b ? a : b;
        components--;
      }
    }
  }
  return components;
}
