/**
 * Borůvka's algorithm for the mutual-reachability MST over a k-d tree (single-tree variant of
 * McInnes & Healy 2017): in each round every component finds its lightest edge to another
 * component, and the components merge along those edges; rounds halve the number of components
 * at least, so there are at most ⌈log₂ n⌉ of them.
 *
 * A component's search is shared by all its points: the best edge found so far bounds every
 * later search from the same component, a point whose own core distance already exceeds it is
 * skipped (mutual reachability is at least the core distance), and a subtree is skipped when
 * all its points belong to the component or when `max(core(q), min core in the subtree, box
 * distance)` exceeds the bound. The edge order is `mst.ts`'s tie rule, so the tree is the same
 * unique MST that Prim's algorithm finds.
 *
 * Internal module: arguments are validated by the callers.
 */
import { LatentError } from '../../core/errors.js';
import type { FloatArray } from '../../core/matrix.js';
import type { Work } from '../../core/task.js';
import type { MetricName } from '../../distance/metric.js';
import { boxBound, buildKdTree, kdDepth, kdKnn, rankDistance, type KdTree } from './kdtree.js';
import { addEdge, edgeBefore, mstEdges, type MstEdges } from './mst.js';

/** Metrics the k-d tree can bound. */
export const BORUVKA_METRICS: readonly MetricName[] = ['euclidean', 'sqeuclidean', 'manhattan', 'chebyshev'];

/** Points per k-d tree leaf. */
const LEAF_SIZE = 24;
/** Queries between checkpoints. */
const CHECKPOINT_QUERIES = 2048;

/**
 * Core distances (k-d tree kNN) and the MST (Borůvka) for a metric the tree can bound.
 *
 * @internal
 * @param metric - `'euclidean'`, `'sqeuclidean'`, `'manhattan'` or `'chebyshev'`
 * @param data - row-major data
 * @param n - rows (≥ 2)
 * @param d - columns
 * @param k - neighbours beyond the point itself (0 ≤ k ≤ n − 1)
 * @returns the work, returning core distances (by original row) and the MST edges
 * @example
 * ```ts
 * const { core, edges } = runSync(boruvkaMst('euclidean', X.data, n, 2, 4), { fn: 'hdbscan' });
 * ```
 */
export function* boruvkaMst(metric: MetricName, data: FloatArray, n: number, d: number, k: number): Work<{ core: Float64Array; edges: MstEdges }> {
  yield { stage: 'core', completed: 0, total: n };
  const tree = buildKdTree(data, n, d, LEAF_SIZE, 42);
  yield;
  const depth = kdDepth(tree);
  const stack = new Int32Array(2 * depth + 4);
  const stackLb = new Float64Array(2 * depth + 4);
  const root = metric === 'euclidean';
  // Core distances by tree position, with each point's k nearest (positions) kept as first candidates.
  const coreT = new Float64Array(n);
  const knnD = new Float64Array(n * k);
  const knnI = new Int32Array(n * k);
  if (k > 0) {
    for (let q = 0; q < n; q++) {
      kdKnn(metric, tree, q, k, knnD, knnI, q * k, stack, stackLb);
      // The heap root is the k-th smallest.
      coreT[q] = root ? Math.sqrt(knnD[q * k]!) : knnD[q * k]!;
      if ((q & (CHECKPOINT_QUERIES - 1)) === CHECKPOINT_QUERIES - 1) yield { stage: 'core', completed: q + 1, total: n };
    }
  }
  yield { stage: 'core', completed: n, total: n };
  const core = new Float64Array(n);
  for (let t = 0; t < n; t++) core[tree.order[t]!] = coreT[t]!;
  const edges = mstEdges(n);
  yield* boruvka(metric, tree, coreT, knnD, knnI, k, edges, stack, stackLb);
  return { core, edges };
}

function* boruvka(
  metric: MetricName,
  tree: KdTree,
  coreT: Float64Array,
  knnD: Float64Array,
  knnI: Int32Array,
  k: number,
  edges: MstEdges,
  stack: Int32Array,
  stackLb: Float64Array,
): Work<void> {
  const { n, d, points, order, lo, hi, left, right, nodes } = tree;
  const root = metric === 'euclidean';
  // Smallest core distance under each node (children are numbered after parents).
  const nodeCore = new Float64Array(nodes);
  for (let node = nodes - 1; node >= 0; node--) {
    const l = left[node]!;
    if (l === -1) {
      let m = Infinity;
      for (let t = lo[node]!; t < hi[node]!; t++) if (coreT[t]! < m) m = coreT[t]!;
      nodeCore[node] = m;
    } else {
      nodeCore[node] = Math.min(nodeCore[l]!, nodeCore[right[node]!]!);
    }
  }
  const parent = new Int32Array(n);
  for (let t = 0; t < n; t++) parent[t] = t;
  const comp = new Int32Array(n);
  const nodeComp = new Int32Array(nodes);
  const bestW = new Float64Array(n);
  const bestQ = new Int32Array(n);
  const bestP = new Int32Array(n);
  yield { stage: 'mst', completed: 0, total: n - 1 };
  let round = 0;
  while (edges.count < n - 1) {
    for (let t = 0; t < n; t++) comp[t] = find(parent, t);
    for (let node = nodes - 1; node >= 0; node--) {
      const l = left[node]!;
      if (l === -1) {
        const c = comp[lo[node]!]!;
        let same = true;
        for (let t = lo[node]! + 1; t < hi[node]! && same; t++) same = comp[t] === c;
        nodeComp[node] = same ? c : -1;
      } else {
        const c = nodeComp[l]!;
        nodeComp[node] = c !== -1 && c === nodeComp[right[node]!] ? c : -1;
      }
    }
    bestW.fill(Infinity);
    bestQ.fill(-1);
    bestP.fill(-1);
    // First candidates: each point's nearest neighbours in other components.
    for (let q = 0; q < n; q++) {
      const c = comp[q]!;
      const cq = coreT[q]!;
      for (let e = q * k; e < q * k + k; e++) {
        const p = knnI[e]!;
        if (comp[p] === c) continue;
        let v = root ? Math.sqrt(knnD[e]!) : knnD[e]!;
        if (cq > v) v = cq;
        if (coreT[p]! > v) v = coreT[p]!;
        if (bestQ[c] === -1 || edgeBefore(v, order[q]!, order[p]!, bestW[c]!, order[bestQ[c]!]!, order[bestP[c]!]!)) {
          bestW[c] = v;
          bestQ[c] = q;
          bestP[c] = p;
        }
      }
    }
    for (let q = 0; q < n; q++) {
      const c = comp[q]!;
      const cq = coreT[q]!;
      if (cq > bestW[c]!) continue;
      const oq = order[q]!;
      let top = 0;
      stack[top] = 0;
      stackLb[top++] = Math.max(cq, nodeCore[0]!);
      while (top > 0) {
        top--;
        if (stackLb[top]! > bestW[c]!) continue;
        const node = stack[top]!;
        if (nodeComp[node] === c) continue;
        const l = left[node]!;
        if (l === -1) {
          for (let p = lo[node]!; p < hi[node]!; p++) {
            if (comp[p] === c) continue;
            const cp = coreT[p]!;
            const bw = bestW[c]!;
            if (cp > bw) continue;
            const r = rankDistance(metric, points, q, p, d);
            let v = root ? Math.sqrt(r) : r;
            if (cq > v) v = cq;
            if (cp > v) v = cp;
            if (v > bw) continue;
            if (bestQ[c] === -1 || edgeBefore(v, oq, order[p]!, bw, order[bestQ[c]!]!, order[bestP[c]!]!)) {
              bestW[c] = v;
              bestQ[c] = q;
              bestP[c] = p;
            }
          }
          continue;
        }
        const r = right[node]!;
        const bl = lowerBound(metric, tree, q, l, cq, nodeCore, root);
        const br = lowerBound(metric, tree, q, r, cq, nodeCore, root);
        const bw = bestW[c]!;
        // Nearer child on top of the stack.
        if (bl <= br) {
          if (br <= bw && nodeComp[r] !== c) {
            stack[top] = r;
            stackLb[top++] = br;
          }
          if (bl <= bw && nodeComp[l] !== c) {
            stack[top] = l;
            stackLb[top++] = bl;
          }
        } else {
          if (bl <= bw && nodeComp[l] !== c) {
            stack[top] = l;
            stackLb[top++] = bl;
          }
          if (br <= bw && nodeComp[r] !== c) {
            stack[top] = r;
            stackLb[top++] = br;
          }
        }
      }
      if ((q & (CHECKPOINT_QUERIES - 1)) === CHECKPOINT_QUERIES - 1) yield;
    }
    // Merge along each component's best edge (a shared edge is added once).
    for (let c = 0; c < n; c++) {
      if (comp[c] !== c || bestQ[c] === -1) continue;
      const q = bestQ[c]!;
      const p = bestP[c]!;
      const a = find(parent, q);
      const b = find(parent, p);
      if (a === b) continue;
      parent[a < b ? b : a] = a < b ? a : b;
      addEdge(edges, order[q]!, order[p]!, bestW[c]!);
    }
    round++;
    yield { stage: 'mst', completed: edges.count, total: n - 1 };
    // Unreachable: every round at least halves the number of components.
    if (round > 64) throw new LatentError('E_CONVERGENCE', 'hdbscan: Borůvka made no progress (please report this data)');
  }
}

/** max(core of q, smallest core under the node, box distance) in distance units. */
function lowerBound(metric: MetricName, tree: KdTree, q: number, node: number, cq: number, nodeCore: Float64Array, root: boolean): number {
  const b = boxBound(metric, tree, q, node);
  let v = root ? Math.sqrt(b) : b;
  if (cq > v) v = cq;
  const nc = nodeCore[node]!;
  return nc > v ? nc : v;
}

/** Root with path halving. */
function find(parent: Int32Array, i: number): number {
  let x = i;
  while (parent[x] !== x) {
    const g = parent[parent[x]!]!;
    parent[x] = g;
    x = g;
  }
  return x;
}
