/**
 * A k-d tree for HDBSCAN in low dimension: bounding boxes of point ranges, exact k-nearest
 * neighbour search (for the core distances) and the box lower bounds Borůvka's algorithm prunes
 * with. Metrics whose distance to a box is a coordinate-wise bound: `'euclidean'`,
 * `'sqeuclidean'`, `'manhattan'`, `'chebyshev'`.
 *
 * Exactness: a box bound sums (or maxes) per-coordinate gaps |x − box| in coordinate order,
 * and each gap is at most the matching |x − y| of any point y in the box (floating-point
 * subtraction is monotone), so the bound never exceeds a computed distance: pruning on it is
 * exact, ties included.
 *
 * Layout: plain typed arrays. The points are stored permuted in tree order (a Float64 copy);
 * node i covers positions `[lo[i], hi[i])`, with children `left[i]`, `right[i]` (−1 for a leaf,
 * children numbered after their parent) and box `box[2d·i … 2d·i + 2d)` = mins then maxes.
 *
 * Internal module.
 */
import type { FloatArray } from '../../core/matrix.js';
import { rngState } from '../../core/random.js';
import { quickselect } from '../../core/select.js';
import type { MetricName } from '../../distance/metric.js';

/** A built k-d tree. */
export interface KdTree {
  /** Rows. */
  n: number;
  /** Columns. */
  d: number;
  /** Points in tree order (row-major `n × d`, Float64). */
  points: Float64Array;
  /** Original row of each tree position. */
  order: Int32Array;
  /** Node ranges. */
  lo: Int32Array;
  hi: Int32Array;
  /** Children (−1 for leaves). */
  left: Int32Array;
  right: Int32Array;
  /** Boxes: per node d minimums then d maximums. */
  box: Float64Array;
  /** Nodes in use. */
  nodes: number;
}

/**
 * Builds a k-d tree: splits the widest box side at the median position (quickselect with seeded
 * pivots), down to `leafSize` points. O(n·d·log n).
 *
 * @internal
 * @param data - row-major data (Float32 widened into the tree's Float64 copy)
 * @param n - rows (≥ 1)
 * @param d - columns
 * @param leafSize - largest leaf (≥ 1)
 * @param seed - pivot seed (the tree's shape only; answers never depend on it)
 * @returns the tree
 * @example
 * ```ts
 * const tree = buildKdTree(X.data, X.rows, X.cols, 24, 42);
 * ```
 */
export function buildKdTree(data: FloatArray, n: number, d: number, leafSize: number, seed: number): KdTree {
  const src = data instanceof Float64Array ? data : Float64Array.from(data);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const cap = 2 * Math.ceil(n / Math.max(1, leafSize >> 1)) + 2;
  const lo = new Int32Array(cap);
  const hi = new Int32Array(cap);
  const left = new Int32Array(cap).fill(-1);
  const right = new Int32Array(cap).fill(-1);
  const box = new Float64Array(cap * 2 * d);
  const state = rngState(seed);
  const keys = new Float64Array(n);
  let nodes = 1;
  lo[0] = 0;
  hi[0] = n;
  // Nodes are created parent first, so processing them in creation order visits every node once.
  for (let node = 0; node < nodes; node++) {
    const a = lo[node]!;
    const b = hi[node]!;
    const bo = node * 2 * d;
    for (let k = 0; k < d; k++) {
      box[bo + k] = Infinity;
      box[bo + d + k] = -Infinity;
    }
    for (let t = a; t < b; t++) {
      const o = order[t]! * d;
      for (let k = 0; k < d; k++) {
        const v = src[o + k]!;
        if (v < box[bo + k]!) box[bo + k] = v;
        if (v > box[bo + d + k]!) box[bo + d + k] = v;
      }
    }
    if (b - a <= leafSize) continue;
    let dim = 0;
    let spread = -1;
    for (let k = 0; k < d; k++) {
      const s = box[bo + d + k]! - box[bo + k]!;
      if (s > spread) {
        spread = s;
        dim = k;
      }
    }
    const mid = a + ((b - a) >> 1);
    for (let t = a; t < b; t++) keys[t] = src[order[t]! * d + dim]!;
    quickselect(keys, order, a, b, mid, state);
    left[node] = nodes;
    lo[nodes] = a;
    hi[nodes] = mid;
    nodes++;
    right[node] = nodes;
    lo[nodes] = mid;
    hi[nodes] = b;
    nodes++;
  }
  const points = new Float64Array(n * d);
  for (let t = 0; t < n; t++) points.set(src.subarray(order[t]! * d, (order[t]! + 1) * d), t * d);
  return { n, d, points, order, lo, hi, left, right, box, nodes };
}

/**
 * Distance between tree positions p and q in ranking units: squared sums for `'euclidean'` and
 * `'sqeuclidean'`, the metric itself otherwise (summed in coordinate order, as the blocked
 * kernels do).
 *
 * @internal
 * @param metric - the metric
 * @param P - tree points
 * @param p - first position
 * @param q - second position
 * @param d - columns
 * @returns the ranking distance
 * @example
 * ```ts
 * rankDistance('euclidean', tree.points, 0, 1, 2); // squared distance of the first two tree points
 * ```
 */
export function rankDistance(metric: MetricName, P: Float64Array, p: number, q: number, d: number): number {
  const a = p * d;
  const b = q * d;
  let s = 0;
  if (metric === 'manhattan') {
    for (let k = 0; k < d; k++) s += Math.abs(P[a + k]! - P[b + k]!);
  } else if (metric === 'chebyshev') {
    for (let k = 0; k < d; k++) {
      const u = Math.abs(P[a + k]! - P[b + k]!);
      if (u > s) s = u;
    }
  } else {
    for (let k = 0; k < d; k++) {
      const u = P[a + k]! - P[b + k]!;
      s += u * u;
    }
  }
  return s;
}

/**
 * Lower bound, in ranking units, of the distance from tree position q to any point of a node's box.
 *
 * @internal
 * @param metric - the metric
 * @param tree - the tree
 * @param q - query position
 * @param node - node
 * @returns the bound
 * @example
 * ```ts
 * boxBound('euclidean', tree, 0, 3);
 * ```
 */
export function boxBound(metric: MetricName, tree: KdTree, q: number, node: number): number {
  const { d, points, box } = tree;
  const qo = q * d;
  const bo = node * 2 * d;
  let s = 0;
  for (let k = 0; k < d; k++) {
    const x = points[qo + k]!;
    const mn = box[bo + k]!;
    const mx = box[bo + d + k]!;
    const g = x < mn ? mn - x : x > mx ? x - mx : 0;
    if (metric === 'manhattan') s += g;
    else if (metric === 'chebyshev') {
      if (g > s) s = g;
    } else s += g * g;
  }
  return s;
}

/**
 * The k nearest *other* positions of tree position q (duplicates at other positions count, at
 * distance 0), in ranking units, into a max-heap `D/I[off … off + k)` (unsorted). Nodes whose
 * bound reaches the current k-th distance are skipped: the k-th value is exact (which of several
 * equally distant points are kept is not specified).
 *
 * @internal
 * @param metric - the metric
 * @param tree - the tree
 * @param q - query position
 * @param k - neighbours (1 ≤ k ≤ n − 1)
 * @param D - heap distances
 * @param I - heap positions
 * @param off - heap offset
 * @param stack - scratch stack of nodes (length ≥ 2 · depth + 2)
 * @param stackLb - scratch bounds
 * @example
 * ```ts
 * kdKnn('euclidean', tree, 0, 4, D, I, 0, stack, stackLb);
 * ```
 */
export function kdKnn(metric: MetricName, tree: KdTree, q: number, k: number, D: Float64Array, I: Int32Array, off: number, stack: Int32Array, stackLb: Float64Array): void {
  const { d, points, lo, hi, left, right } = tree;
  let size = 0;
  let tau = Infinity;
  let top = 0;
  stack[top] = 0;
  stackLb[top++] = 0;
  while (top > 0) {
    top--;
    if (stackLb[top]! >= tau) continue;
    const node = stack[top]!;
    const l = left[node]!;
    if (l === -1) {
      for (let p = lo[node]!; p < hi[node]!; p++) {
        if (p === q) continue;
        const v = rankDistance(metric, points, q, p, d);
        if (v >= tau) continue;
        size = offerMax(D, I, off, size, k, v, p);
        if (size === k) tau = D[off]!;
      }
      continue;
    }
    const r = right[node]!;
    const bl = boxBound(metric, tree, q, l);
    const br = boxBound(metric, tree, q, r);
    // Nearer child on top of the stack.
    if (bl <= br) {
      if (br < tau) {
        stack[top] = r;
        stackLb[top++] = br;
      }
      if (bl < tau) {
        stack[top] = l;
        stackLb[top++] = bl;
      }
    } else {
      if (bl < tau) {
        stack[top] = l;
        stackLb[top++] = bl;
      }
      if (br < tau) {
        stack[top] = r;
        stackLb[top++] = br;
      }
    }
  }
}

/** Offers (v, p) to a bounded max-heap of distances; returns the new size. */
function offerMax(D: Float64Array, I: Int32Array, off: number, size: number, k: number, v: number, p: number): number {
  if (size < k) {
    let c = size;
    while (c > 0) {
      const par = (c - 1) >> 1;
      if (D[off + par]! >= v) break;
      D[off + c] = D[off + par]!;
      I[off + c] = I[off + par]!;
      c = par;
    }
    D[off + c] = v;
    I[off + c] = p;
    return size + 1;
  }
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= k) break;
    if (c + 1 < k && D[off + c + 1]! > D[off + c]!) c++;
    if (D[off + c]! <= v) break;
    D[off + i] = D[off + c]!;
    I[off + i] = I[off + c]!;
    i = c;
  }
  D[off + i] = v;
  I[off + i] = p;
  return size;
}

/**
 * Depth of the tree (longest root-to-leaf path in nodes), to size search stacks.
 *
 * @internal
 * @param tree - the tree
 * @returns the depth
 * @example
 * ```ts
 * const stack = new Int32Array(2 * kdDepth(tree) + 2);
 * ```
 */
export function kdDepth(tree: KdTree): number {
  const depth = new Int32Array(tree.nodes);
  let max = 1;
  depth[0] = 1;
  for (let node = 0; node < tree.nodes; node++) {
    const l = tree.left[node]!;
    if (l === -1) continue;
    depth[l] = depth[node]! + 1;
    depth[tree.right[node]!] = depth[node]! + 1;
    if (depth[node]! + 1 > max) max = depth[node]! + 1;
  }
  return max;
}
