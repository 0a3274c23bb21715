/**
 * Isomap's neighbourhood graph: the undirected kNN graph weighted by distance, its connected
 * components, and scikit-learn's repair of a disconnected graph (an edge between the closest pair
 * of points of every two components).
 */
import type { Matrix64 } from '../core/matrix.js';
import { assertMemory } from '../core/memory.js';
import { csrFromTriplets, type CsrMatrix } from '../core/sparse.js';
import type { Work } from '../core/task.js';
import { callMetric, type Metric } from '../distance/metric.js';
import { rowDistance } from '../distance/pairwise.js';

/**
 * The undirected graph with an edge i – j of weight d(i, j) for every kNN entry j of row i
 * (scikit-learn's `kneighbors_graph(mode='distance')` read with `directed=False`: an edge present
 * in both directions keeps the smaller weight). Both directions are stored. O(n·k²) time (each
 * edge looks for its reverse in a row of k), O(n·k) memory.
 *
 * @param indices - n × k neighbour indices, row-major (self excluded, no repeats within a row)
 * @param distances - the matching n × k distances (≥ 0)
 * @param n - number of points
 * @param k - neighbours per point
 * @returns the symmetric adjacency, columns sorted per row
 * @example
 * ```ts
 * knnDistanceGraph(new Int32Array([1, 0, 1]), new Float64Array([2, 2, 5]), 3, 1).values;
 * // Float64Array [2, 2, 5, 5]   (edges 0 – 1 of weight 2 and 1 – 2 of weight 5)
 * ```
 */
export function knnDistanceGraph(indices: Int32Array, distances: Float64Array, n: number, k: number): CsrMatrix {
  const cap = 2 * n * k;
  const row = new Int32Array(cap);
  const col = new Int32Array(cap);
  const val = new Float64Array(cap);
  let m = 0;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = indices[i * k + t]!;
      let w = distances[i * k + t]!;
      let mutual = false;
      for (let u = 0; u < k; u++) {
        if (indices[j * k + u] === i) {
          mutual = true;
          w = Math.min(w, distances[j * k + u]!);
          break;
        }
      }
      // A mutual pair is emitted once, by its smaller index.
      if (mutual && j < i) continue;
      row[m] = i;
      col[m] = j;
      val[m++] = w;
      row[m] = j;
      col[m] = i;
      val[m++] = w;
    }
  }
  return csrFromTriplets(n, n, row, col, val, m);
}

/** Connected components of a symmetric graph. */
export interface GraphComponents {
  /** Number of components. */
  count: number;
  /** Component of each vertex, numbered in order of their smallest vertex (0 holds vertex 0). */
  labels: Int32Array;
}

/**
 * Connected components of a symmetric CSR graph by breadth-first search, labelled in order of
 * their smallest vertex (as scipy's `connected_components`). O(n + m) time, O(n) memory.
 *
 * @param graph - symmetric adjacency (both directions stored)
 * @returns the count and each vertex's label
 * @example
 * ```ts
 * componentLabels(knnDistanceGraph(new Int32Array([1, 0, 3, 2]), new Float64Array(4).fill(1), 4, 1));
 * // { count: 2, labels: Int32Array [0, 0, 1, 1] }
 * ```
 */
export function componentLabels(graph: CsrMatrix): GraphComponents {
  const n = graph.rows;
  const labels = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (labels[s] !== -1) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    labels[s] = count;
    while (head < tail) {
      const u = queue[head++]!;
      for (let p = graph.offsets[u]!; p < graph.offsets[u + 1]!; p++) {
        const v = graph.indices[p]!;
        if (labels[v] === -1) {
          labels[v] = count;
          queue[tail++] = v;
        }
      }
    }
    count++;
  }
  return { count, labels };
}

/** Distance evaluations between checkpoints of {@link connectComponents}. */
const PAIRS_PER_CHECKPOINT = 1 << 16;

/**
 * Joins the components of a disconnected graph as scikit-learn's `_fix_connected_components`
 * (used by `Isomap`): for every two components a > b, an edge between the closest pair
 * (i in a, j in b) under `metric`, of weight d(i, j) (the first closest pair in index order on
 * ties). At most n²/2 distance evaluations in all (every cross-component pair once), O(n·d)
 * each; c(c − 1)/2 new edges for c components (checked against `memoryLimit`).
 *
 * @param fn - public function name for messages
 * @param graph - the symmetric adjacency
 * @param components - its components ({@link componentLabels})
 * @param X - the points (Float64, n × d)
 * @param metric - the graph's metric
 * @param memoryLimit - budget in bytes for the added edges
 * @returns work returning the connected graph (a new CSR)
 * @throws LatentError `E_MEMORY` when the c(c − 1) new directed edges exceed the budget; errors of a custom metric
 * @example
 * ```ts
 * const g = runSync(connectComponents('isomap', graph, componentLabels(graph), X, 'euclidean', 2 ** 32), { fn: 'isomap' });
 * componentLabels(g).count; // 1
 * ```
 * @see sklearn.utils.graph._fix_connected_components
 */
export function* connectComponents(fn: string, graph: CsrMatrix, components: GraphComponents, X: Matrix64, metric: Metric, memoryLimit: number): Work<CsrMatrix> {
  const n = graph.rows;
  const d = X.cols;
  const data = X.data;
  const { count: c, labels } = components;
  const added = c * (c - 1);
  assertMemory(fn, `the ${added / 2} edges joining the ${c} components of the neighbour graph`, 16 * (graph.values.length + added) + 8 * n, memoryLimit);
  // Members of each component, in increasing index order.
  const start = new Int32Array(c + 1);
  for (let i = 0; i < n; i++) start[labels[i]! + 1]!++;
  for (let a = 0; a < c; a++) start[a + 1]! += start[a]!;
  const members = new Int32Array(n);
  const fill = start.slice(0, c);
  for (let i = 0; i < n; i++) members[fill[labels[i]!]!++] = i;
  const views = typeof metric === 'function' ? Array.from({ length: n }, (_, i) => data.subarray(i * d, (i + 1) * d)) : null;

  const nnz = graph.values.length;
  const row = new Int32Array(nnz + added);
  const col = new Int32Array(nnz + added);
  const val = new Float64Array(nnz + added);
  for (let i = 0; i < n; i++) {
    for (let p = graph.offsets[i]!; p < graph.offsets[i + 1]!; p++) {
      row[p] = i;
      col[p] = graph.indices[p]!;
      val[p] = graph.values[p]!;
    }
  }
  let m = nnz;
  let work = 0;
  for (let a = 1; a < c; a++) {
    for (let b = 0; b < a; b++) {
      let best = Infinity;
      let bi = -1;
      let bj = -1;
      for (let p = start[a]!; p < start[a + 1]!; p++) {
        const i = members[p]!;
        for (let q = start[b]!; q < start[b + 1]!; q++) {
          const j = members[q]!;
          const dist = views === null ? rowDistance(metric as string, data, i * d, data, j * d, d) : callMetric(fn, metric as Exclude<Metric, string>, views[i]!, views[j]!);
          if (dist < best || bi < 0) {
            best = dist;
            bi = i;
            bj = j;
          }
        }
        work += start[b + 1]! - start[b]!;
        if (work >= PAIRS_PER_CHECKPOINT) {
          work = 0;
          yield;
        }
      }
      row[m] = bi;
      col[m] = bj;
      val[m++] = best;
      row[m] = bj;
      col[m] = bi;
      val[m++] = best;
    }
  }
  return csrFromTriplets(n, n, row, col, val, m);
}

/**
 * A numbering of the vertices of a connected symmetric graph along it: breadth-first order from
 * a pseudo-peripheral vertex (the last vertex reached by a breadth-first search from vertex 0,
 * as in reverse Cuthill–McKee). Vertices close in the graph get close numbers, so "the vertices
 * numbered above s" lie mostly on one side of s — what lets the upper-triangle all-pairs search
 * stop early. O(n + m).
 *
 * @param graph - symmetric adjacency, connected
 * @returns `order`: order[p] is the vertex numbered p
 * @example
 * ```ts
 * // path 2 – 0 – 1: numbered from one end
 * breadthFirstOrder(knnDistanceGraph(new Int32Array([1, 0, 0]), new Float64Array([1, 1, 1]), 3, 1)); // Int32Array [1, 0, 2]
 * ```
 */
export function breadthFirstOrder(graph: CsrMatrix): Int32Array {
  const n = graph.rows;
  const order = new Int32Array(n);
  const seen = new Uint8Array(n);
  const visit = (start: number): void => {
    seen.fill(0);
    let head = 0;
    let tail = 0;
    order[tail++] = start;
    seen[start] = 1;
    while (head < tail) {
      const u = order[head++]!;
      for (let p = graph.offsets[u]!; p < graph.offsets[u + 1]!; p++) {
        const v = graph.indices[p]!;
        if (seen[v] === 0) {
          seen[v] = 1;
          order[tail++] = v;
        }
      }
    }
    // Vertices of other components (not expected) follow in index order.
    for (let v = 0; v < n && tail < n; v++) if (seen[v] === 0) order[tail++] = v;
  };
  visit(0);
  visit(order[n - 1]!);
  return order;
}

/**
 * The graph with vertex `order[p]` renumbered p: a new CSR whose row p is the old row order[p]
 * with its columns renumbered and sorted. O(n + m log(m / n)).
 *
 * @param graph - symmetric adjacency
 * @param order - a permutation of 0 … n − 1 (order[p] = old vertex numbered p)
 * @returns the renumbered graph
 * @example
 * ```ts
 * permuteGraph(g, breadthFirstOrder(g)); // same graph, vertices numbered along it
 * ```
 */
export function permuteGraph(graph: CsrMatrix, order: Int32Array): CsrMatrix {
  const n = graph.rows;
  const rank = new Int32Array(n);
  for (let p = 0; p < n; p++) rank[order[p]!] = p;
  const m = graph.values.length;
  const row = new Int32Array(m);
  const col = new Int32Array(m);
  const val = new Float64Array(m);
  for (let u = 0; u < n; u++) {
    for (let q = graph.offsets[u]!; q < graph.offsets[u + 1]!; q++) {
      row[q] = rank[u]!;
      col[q] = rank[graph.indices[q]!]!;
      val[q] = graph.values[q]!;
    }
  }
  return csrFromTriplets(n, n, row, col, val, m);
}
