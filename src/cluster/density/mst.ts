/**
 * The minimum spanning tree of the mutual-reachability graph, as a list of n − 1 edges, and the
 * one tie rule every MST algorithm here follows.
 *
 * Tie rule: edges are ordered by (weight, smaller endpoint, larger endpoint). Under this strict
 * total order the minimum spanning tree is unique, so Prim's algorithm and Borůvka's find the
 * same tree, edge for edge, and the single-linkage tree built by merging in this order is the
 * same whatever algorithm ran and whatever order the rows came in (up to relabelling).
 *
 * Internal module.
 */

/** MST edges: `a[e] < b[e]` joined at weight `w[e]`, in the order they were found. */
export interface MstEdges {
  /** Smaller endpoint of each edge. */
  a: Int32Array;
  /** Larger endpoint of each edge. */
  b: Int32Array;
  /** Mutual-reachability distance of each edge. */
  w: Float64Array;
  /** Edges filled so far. */
  count: number;
}

/**
 * Room for the n − 1 edges of a spanning tree over n points.
 *
 * @internal
 * @param n - number of points (≥ 1)
 * @returns an empty edge list
 * @example
 * ```ts
 * const edges = mstEdges(10); // room for 9 edges
 * ```
 */
export function mstEdges(n: number): MstEdges {
  const m = Math.max(0, n - 1);
  return { a: new Int32Array(m), b: new Int32Array(m), w: new Float64Array(m), count: 0 };
}

/**
 * Appends edge {p, q} with weight w (stored with the smaller endpoint first).
 *
 * @internal
 * @param e - the edge list
 * @param p - one endpoint
 * @param q - the other endpoint
 * @param w - the weight
 * @example
 * ```ts
 * addEdge(edges, 5, 2, 0.3); // stored as (2, 5, 0.3)
 * ```
 */
export function addEdge(e: MstEdges, p: number, q: number, w: number): void {
  const i = e.count++;
  e.a[i] = p < q ? p : q;
  e.b[i] = p < q ? q : p;
  e.w[i] = w;
}

/**
 * Whether edge {p1, q1} of weight w1 comes before edge {p2, q2} of weight w2 in the tie rule's
 * order (weight, smaller endpoint, larger endpoint).
 *
 * @internal
 * @param w1 - first weight
 * @param p1 - first edge, one endpoint
 * @param q1 - first edge, other endpoint
 * @param w2 - second weight
 * @param p2 - second edge, one endpoint
 * @param q2 - second edge, other endpoint
 * @returns true when the first edge is smaller
 * @example
 * ```ts
 * edgeBefore(1, 3, 0, 1, 2, 1); // true: (1, 0, 3) < (1, 1, 2)
 * ```
 */
export function edgeBefore(w1: number, p1: number, q1: number, w2: number, p2: number, q2: number): boolean {
  if (w1 !== w2) return w1 < w2;
  const lo1 = p1 < q1 ? p1 : q1;
  const lo2 = p2 < q2 ? p2 : q2;
  if (lo1 !== lo2) return lo1 < lo2;
  return (p1 < q1 ? q1 : p1) < (p2 < q2 ? q2 : p2);
}
