/**
 * One random-projection tree kept for queries (pynndescent's search tree): it sends a query to a
 * leaf of rows near it, the starting points of a graph search. Each internal node splits its
 * rows by the perpendicular bisector of two of them (rows `a`, `b`: the side of `a` when
 * `(a − b)·x + offset > 0`), so a node stores two row numbers and an offset, not a d-vector
 * (memory O(n), whatever d); a query recomputes `a − b` on its way down (O(d) per level).
 *
 * Internal module: arguments are not validated.
 */
import type { Matrix } from '../core/matrix.js';
import { nextUint32, rngState } from '../core/random.js';
import type { Work } from '../core/task.js';
import { rowMargin32, rowMargin64, rowMargins4x32, rowMargins4x64 } from './graph-rows.js';
import { WORK_PER_CHECKPOINT } from './nndescent-join.js';

/** A random-projection tree over n rows (node 0 is the root). */
export interface RpTree {
  /** Nodes used. */
  nodes: number;
  /** Internal node: left child (the `a` side); leaf: first position in `order`. */
  left: Int32Array;
  /** Internal node: right child; leaf: one past its last position in `order`. */
  right: Int32Array;
  /** Internal node: row a of the bisector; leaf: −1. */
  rowA: Int32Array;
  /** Internal node: row b of the bisector. */
  rowB: Int32Array;
  /** Internal node: offset of the bisector, −(a − b)·(a + b)/2. */
  offset: Float64Array;
  /** The rows, leaf by leaf. */
  order: Int32Array;
}

/** A uniform integer in [0, m) from 32 random bits (multiply-shift, exact in doubles). */
function below(rng: Uint32Array, m: number): number {
  return Math.floor((m * nextUint32(rng)) / 4294967296);
}

/** `w = X[a] − X[b]` (widened), returns −w·(X[a] + X[b])/2. */
function bisector(X32: Float32Array | null, X64: Float64Array | null, a: number, b: number, d: number, w: Float64Array): number {
  let off = 0;
  if (X32 !== null) {
    for (let t = 0; t < d; t++) {
      const x = X32[a * d + t]!;
      const y = X32[b * d + t]!;
      const u = x - y;
      w[t] = u;
      off -= (u * (x + y)) / 2;
    }
  } else {
    for (let t = 0; t < d; t++) {
      const x = X64![a * d + t]!;
      const y = X64![b * d + t]!;
      const u = x - y;
      w[t] = u;
      off -= (u * (x + y)) / 2;
    }
  }
  return off;
}

/**
 * Builds a seeded random-projection tree whose leaves hold at most `leafSize` rows, as a
 * generator with checkpoints. Rows on one side only (duplicates) are split in halves.
 * O(n·d·log(n / leafSize)) time, O(n) memory.
 *
 * @internal
 * @param data - the n rows (read in place)
 * @param leafSize - largest leaf (≥ 1)
 * @param seed - the seed
 * @returns the tree (via the generator's return value)
 * @example
 * ```ts
 * const tree = runSync(rpTreeWork(X, 30, 42), { fn: 'umapTransform' });
 * ```
 * @see pynndescent `make_euclidean_tree`
 */
export function* rpTreeWork(data: Matrix, leafSize: number, seed: number): Work<RpTree> {
  const n = data.rows;
  const d = data.cols;
  const X32 = data.data instanceof Float32Array ? data.data : null;
  const X64 = data.data instanceof Float64Array ? data.data : null;
  // Every split makes two non-empty nodes: at most 2n − 1 nodes.
  const cap = Math.max(1, 2 * n - 1);
  const tree: RpTree = {
    nodes: 1,
    left: new Int32Array(cap),
    right: new Int32Array(cap),
    rowA: new Int32Array(cap),
    rowB: new Int32Array(cap),
    offset: new Float64Array(cap),
    order: new Int32Array(n),
  };
  const { left, right, rowA, rowB, offset, order } = tree;
  for (let i = 0; i < n; i++) order[i] = i;
  const tmp = new Int32Array(n);
  const w = new Float64Array(d);
  const margins = new Float64Array(4);
  const rng = rngState(seed);
  // Pending nodes: (node, start, end) triples.
  const stack = new Int32Array(3 * cap);
  let top = 0;
  stack[top++] = 0;
  stack[top++] = 0;
  stack[top++] = n;
  let work = 0;
  while (top > 0) {
    const e = stack[--top]!;
    const s = stack[--top]!;
    const node = stack[--top]!;
    const m = e - s;
    if (m <= leafSize) {
      left[node] = s;
      right[node] = e;
      rowA[node] = -1;
      continue;
    }
    const ia = below(rng, m);
    let ib = below(rng, m - 1);
    if (ib >= ia) ib++;
    const a = order[s + ia]!;
    const b = order[s + ib]!;
    const off = bisector(X32, X64, a, b, d, w);
    let lo = s;
    let hi = e;
    let t = s;
    for (; t + 3 < e; t += 4) {
      if (X32 !== null) rowMargins4x32(X32, order, t, w, off, d, margins);
      else rowMargins4x64(X64!, order, t, w, off, d, margins);
      for (let r = 0; r < 4; r++) {
        if (margins[r]! > 0) tmp[lo++] = order[t + r]!;
        else tmp[--hi] = order[t + r]!;
      }
    }
    for (; t < e; t++) {
      const p = order[t]!;
      const margin = X32 !== null ? rowMargin32(X32, p, w, off, d) : rowMargin64(X64!, p, w, off, d);
      if (margin > 0) tmp[lo++] = p;
      else tmp[--hi] = p;
    }
    for (let u = s; u < e; u++) order[u] = tmp[u]!;
    let mid = lo;
    let split = true;
    if (mid === s || mid === e) {
      // One side only (duplicates, or a degenerate bisector): halves, found by position.
      mid = s + (m >> 1);
      split = false;
    }
    const l = tree.nodes++;
    const r = tree.nodes++;
    left[node] = l;
    right[node] = r;
    // A split by position is marked rowA = −2 (queries go to its first half).
    rowA[node] = split ? a : -2;
    rowB[node] = split ? b : 0;
    offset[node] = off;
    stack[top++] = l;
    stack[top++] = s;
    stack[top++] = mid;
    stack[top++] = r;
    stack[top++] = mid;
    stack[top++] = e;
    work += m * (d + 4);
    if (work >= WORK_PER_CHECKPOINT) {
      work = 0;
      yield undefined;
    }
  }
  return tree;
}

/**
 * The leaf a query falls into: at each internal node the side of the bisector it is on (a node
 * split by position, for rows all on one side, sends the query to its first half). O(d · depth).
 *
 * @internal
 * @param tree - the tree
 * @param data - the rows it was built on
 * @param q - the query (Float64, length d)
 * @returns the leaf's node number (its rows: `order[left[leaf] … right[leaf])`)
 * @example
 * ```ts
 * const leaf = rpTreeLeaf(tree, X, qv);
 * ```
 */
export function rpTreeLeaf(tree: RpTree, data: Matrix, q: Float64Array): number {
  const d = data.cols;
  const { left, right, rowA, rowB, offset } = tree;
  const X32 = data.data instanceof Float32Array ? data.data : null;
  const X64 = data.data instanceof Float64Array ? data.data : null;
  let node = 0;
  // Each step goes to a child, which has a larger number: at most `nodes` steps.
  while (rowA[node]! !== -1) {
    const a = rowA[node]!;
    if (a === -2) {
      node = left[node]!;
      continue;
    }
    const b = rowB[node]!;
    let s = 0;
    if (X32 !== null) {
      for (let t = 0; t < d; t++) s += (X32[a * d + t]! - X32[b * d + t]!) * q[t]!;
    } else {
      for (let t = 0; t < d; t++) s += (X64![a * d + t]! - X64![b * d + t]!) * q[t]!;
    }
    node = s + offset[node]! > 0 ? left[node]! : right[node]!;
  }
  return node;
}
