/**
 * The single-linkage tree of a minimum spanning tree, merged in scikit-learn's order.
 *
 * scikit-learn's `HDBSCAN` lists the MST edges in the order Prim's algorithm finds them,
 * growing from point 0 (at each step the lightest edge leaving the tree, ties to the lowest
 * point number), sorts them by weight and merges in that order, the tree-side cluster on the
 * left (`make_single_linkage`). Merges at equal heights are therefore ordered by discovery.
 * latent replays the same walk over the edges of its MST (a heap keyed by (weight, point)), so
 * the order does not depend on which algorithm built the tree; the sort by weight is stable
 * (scikit-learn's numpy quicksort is not, which can reorder merges of exactly equal height).
 *
 * Internal module.
 */
import type { MstEdges } from './mst.js';

/** A single-linkage tree in scipy's layout, as parallel arrays of n − 1 merges. */
export interface SingleLinkageTree {
  /** Left child of merge i (a point < n, or the node n + i′ of an earlier merge). */
  left: Int32Array;
  /** Right child of merge i. */
  right: Int32Array;
  /** Merge distance (non-decreasing). */
  dist: Float64Array;
  /** Points under node n + i. */
  size: Int32Array;
}

/**
 * Orders the MST edges as Prim's walk from point 0 finds them, sorts them stably by weight and
 * merges them with a union–find. O(n log n).
 *
 * @internal
 * @param edges - the n − 1 MST edges (any order)
 * @param n - number of points
 * @returns the single-linkage tree
 * @example
 * ```ts
 * singleLinkage(edges, n).dist; // merge heights, ascending
 * ```
 */
export function singleLinkage(edges: MstEdges, n: number): SingleLinkageTree {
  const m = edges.count;
  const { src, dst, w } = primOrder(edges, n);
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((x, y) => w[x]! - w[y]! || x - y);
  const left = new Int32Array(m);
  const right = new Int32Array(m);
  const dist = new Float64Array(m);
  const size = new Int32Array(m);
  // Union–find over 2n − 1 nodes; a merge makes both roots children of the new node.
  const parent = new Int32Array(2 * n - 1).fill(-1);
  const count = new Int32Array(2 * n - 1);
  for (let i = 0; i < n; i++) count[i] = 1;
  for (let r = 0; r < m; r++) {
    const e = order[r]!;
    const x = root(parent, src[e]!);
    const y = root(parent, dst[e]!);
    const node = n + r;
    left[r] = x;
    right[r] = y;
    dist[r] = w[e]!;
    count[node] = count[x]! + count[y]!;
    size[r] = count[node]!;
    parent[x] = node;
    parent[y] = node;
  }
  return { left, right, dist, size };
}

/**
 * The tree's edges in the order Prim's algorithm from point 0 adds them (lightest edge leaving
 * the visited set, ties to the lowest point), each oriented from the visited side.
 */
function primOrder(edges: MstEdges, n: number): { src: Int32Array; dst: Int32Array; w: Float64Array } {
  const m = edges.count;
  const { a, b } = edges;
  // Adjacency of the tree (CSR).
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    start[a[e]! + 1]!++;
    start[b[e]! + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const adj = new Int32Array(2 * m);
  const fill = start.slice(0, n);
  for (let e = 0; e < m; e++) {
    adj[fill[a[e]!]!++] = e;
    adj[fill[b[e]!]!++] = e;
  }
  // Binary min-heap of candidate edges keyed by (weight, point reached).
  const heapW = new Float64Array(m + 1);
  const heapV = new Int32Array(m + 1);
  const heapE = new Int32Array(m + 1);
  let size = 0;
  const push = (wv: number, v: number, e: number): void => {
    let c = size++;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (heapW[p]! < wv || (heapW[p] === wv && heapV[p]! < v)) break;
      heapW[c] = heapW[p]!;
      heapV[c] = heapV[p]!;
      heapE[c] = heapE[p]!;
      c = p;
    }
    heapW[c] = wv;
    heapV[c] = v;
    heapE[c] = e;
  };
  const pop = (): void => {
    const wv = heapW[--size]!;
    const v = heapV[size]!;
    const e = heapE[size]!;
    let p = 0;
    for (;;) {
      let c = 2 * p + 1;
      if (c >= size) break;
      if (c + 1 < size && (heapW[c + 1]! < heapW[c]! || (heapW[c + 1] === heapW[c] && heapV[c + 1]! < heapV[c]!))) c++;
      if (wv < heapW[c]! || (wv === heapW[c] && v < heapV[c]!)) break;
      heapW[p] = heapW[c]!;
      heapV[p] = heapV[c]!;
      heapE[p] = heapE[c]!;
      p = c;
    }
    heapW[p] = wv;
    heapV[p] = v;
    heapE[p] = e;
  };
  const seen = new Uint8Array(n);
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const w = new Float64Array(m);
  let k = 0;
  const visit = (u: number): void => {
    seen[u] = 1;
    for (let t = start[u]!; t < start[u + 1]!; t++) {
      const e = adj[t]!;
      const v = a[e] === u ? b[e]! : a[e]!;
      if (seen[v] === 0) push(edges.w[e]!, v, e);
    }
  };
  if (n > 0) visit(0);
  while (size > 0) {
    const v = heapV[0]!;
    const e = heapE[0]!;
    pop();
    if (seen[v] === 1) continue;
    src[k] = a[e] === v ? b[e]! : a[e]!;
    dst[k] = v;
    w[k] = edges.w[e]!;
    k++;
    visit(v);
  }
  return { src, dst, w };
}

/** Root of `i`, compressing the path. */
function root(parent: Int32Array, i: number): number {
  let r = i;
  while (parent[r]! !== -1) r = parent[r]!;
  let x = i;
  while (x !== r) {
    const p = parent[x]!;
    parent[x] = r;
    x = p;
  }
  return r;
}
