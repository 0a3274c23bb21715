/**
 * Shortest-path (geodesic) distances on a weighted undirected graph: Dijkstra with an indexed
 * binary heap from every source (or from a virtual source joined to a few vertices, for
 * out-of-sample points), and Floyd–Warshall for small dense graphs.
 */
import type { CsrMatrix } from '../core/sparse.js';
import type { Work } from '../core/task.js';

/**
 * Reusable working memory of {@link dijkstraInto}: the heap (vertex ids) and each vertex's heap
 * position (−1 not reached, −2 settled). 8n bytes; allocate once per call of a public function.
 */
export interface DijkstraScratch {
  /** Binary min-heap of vertices keyed by their tentative distance. */
  heap: Int32Array;
  /** Position of each vertex in `heap`, −1 (unreached) or −2 (settled). */
  pos: Int32Array;
}

/**
 * Allocates the scratch of {@link dijkstraInto} for a graph of `n` vertices.
 *
 * @param n - number of vertices
 * @returns the scratch
 * @example
 * ```ts
 * dijkstraScratch(4).heap.length; // 4
 * ```
 */
export function dijkstraScratch(n: number): DijkstraScratch {
  return { heap: new Int32Array(n), pos: new Int32Array(n) };
}

/**
 * Single-source shortest paths by Dijkstra's algorithm with an indexed binary heap
 * (decrease-key in place): O((n + m) log n) for m stored edges. The sources are given by the
 * caller through `dist`: every vertex whose entry is finite on entry is a source at that
 * distance (one vertex at 0 for an ordinary source; for a new point outside the graph, its
 * neighbours at their distances to it — the shortest paths from a virtual vertex joined to them).
 * On return `dist[v]` is the length of the shortest path, `Infinity` where unreachable. Edge
 * weights must be ≥ 0 (not checked). Allocates nothing.
 *
 * With `from > 0` the search stops as soon as every vertex numbered `from` or more is settled:
 * only those entries of `dist` are then final (the others hold upper bounds or `Infinity`).
 *
 * @param graph - symmetric adjacency in CSR form (both directions stored), weights ≥ 0
 * @param dist - length n: initial distances (`Infinity` except at sources); overwritten
 * @param scratch - from {@link dijkstraScratch}
 * @param from - the vertices whose distances are needed are `from … n − 1` (default 0: all)
 * @returns the number of edges examined (a work measure for checkpoints)
 * @example
 * ```ts
 * // path 0 – 1 – 2 with weights 1 and 2
 * const g = csrFromTriplets(3, 3, new Int32Array([0, 1, 1, 2]), new Int32Array([1, 0, 2, 1]), new Float64Array([1, 1, 2, 2]));
 * const d = new Float64Array([0, Infinity, Infinity]);
 * dijkstraInto(g, d, dijkstraScratch(3));
 * d; // Float64Array [0, 1, 3]
 * ```
 * @see E. W. Dijkstra, "A note on two problems in connexion with graphs", Numerische Mathematik 1 (1959)
 */
export function dijkstraInto(graph: CsrMatrix, dist: Float64Array, scratch: DijkstraScratch, from = 0): number {
  const n = graph.rows;
  let remaining = n - from;
  const { offsets, indices, values } = graph;
  const heap = scratch.heap;
  const pos = scratch.pos;
  let size = 0;
  for (let v = 0; v < n; v++) {
    if (dist[v]! < Infinity) {
      heap[size] = v;
      pos[v] = size;
      siftUp(heap, pos, dist, size);
      size++;
    } else {
      pos[v] = -1;
    }
  }
  let work = 0;
  while (size > 0 && remaining > 0) {
    const u = heap[0]!;
    pos[u] = -2;
    if (u >= from) remaining--;
    size--;
    if (size > 0) {
      const last = heap[size]!;
      heap[0] = last;
      pos[last] = 0;
      siftDown(heap, pos, dist, 0, size);
    }
    const du = dist[u]!;
    const end = offsets[u + 1]!;
    work += end - offsets[u]! + 1;
    // A settled v has dist[v] ≤ du ≤ nd (weights ≥ 0), so the test below skips it by itself.
    for (let p = offsets[u]!; p < end; p++) {
      const v = indices[p]!;
      const nd = du + values[p]!;
      if (nd < dist[v]!) {
        dist[v] = nd;
        const at = pos[v]!;
        if (at >= 0) {
          siftUp(heap, pos, dist, at);
        } else if (at === -1) {
          heap[size] = v;
          pos[v] = size;
          siftUp(heap, pos, dist, size);
          size++;
        }
      }
    }
  }
  return work;
}

/** Moves heap[i] up to its place. */
function siftUp(heap: Int32Array, pos: Int32Array, key: Float64Array, i: number): void {
  const v = heap[i]!;
  const kv = key[v]!;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const w = heap[parent]!;
    if (key[w]! <= kv) break;
    heap[i] = w;
    pos[w] = i;
    i = parent;
  }
  heap[i] = v;
  pos[v] = i;
}

/** Moves heap[i] down to its place within the first `size` entries. */
function siftDown(heap: Int32Array, pos: Int32Array, key: Float64Array, i: number, size: number): void {
  const v = heap[i]!;
  const kv = key[v]!;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= size) break;
    if (c + 1 < size && key[heap[c + 1]!]! < key[heap[c]!]!) c++;
    const w = heap[c]!;
    if (key[w]! >= kv) break;
    heap[i] = w;
    pos[w] = i;
    i = c;
  }
  heap[i] = v;
  pos[v] = i;
}

/** Edges examined between two checkpoints of the all-pairs computations (~1–5 ms). */
const CHECKPOINT_WORK = 1 << 17;

/**
 * All-pairs shortest-path lengths by Dijkstra from every vertex (scipy's
 * `shortest_path(method='D', directed=False)`), written row by row into `out` (n × n, row s =
 * distances from s; `Infinity` where unreachable). O(n·(n + m) log n) time, O(n) extra memory.
 * Yields at checkpoints and reports `{ stage: 'paths', completed: sources done, total: n }`.
 *
 * With `upper`, only the upper triangle is computed (row s exact in columns > s, the diagonal 0,
 * the strict lower triangle unspecified): each search stops once the vertices numbered above its
 * source are settled. The distances are symmetric, so that is all of them; with vertices numbered
 * along the graph (e.g. breadth-first from one end) it skips about a quarter of the work.
 *
 * @param graph - symmetric adjacency in CSR form, weights ≥ 0
 * @param out - n × n output (row-major), overwritten
 * @param upper - compute the upper triangle only (default false)
 * @returns work that fills `out`
 * @example
 * ```ts
 * const D = new Float64Array(9);
 * runSync(allPairsDijkstra(pathGraph, D), { fn: 'demo' }); // D = [0, 1, 3, 1, 0, 2, 3, 2, 0]
 * ```
 * @see scipy.sparse.csgraph.shortest_path
 */
export function* allPairsDijkstra(graph: CsrMatrix, out: Float64Array, upper = false): Work<void> {
  const n = graph.rows;
  const scratch = dijkstraScratch(n);
  let work = 0;
  for (let s = 0; s < n; s++) {
    const row = out.subarray(s * n, (s + 1) * n);
    row.fill(Infinity);
    row[s] = 0;
    work += dijkstraInto(graph, row, scratch, upper ? s : 0) + n;
    if (work >= CHECKPOINT_WORK) {
      work = 0;
      yield { stage: 'paths', completed: s + 1, total: n };
    }
  }
  yield { stage: 'paths', completed: n, total: n };
}

/**
 * All-pairs shortest-path lengths by Floyd–Warshall (scipy's `method='FW'`): O(n³) time, no
 * extra memory. Only competitive on small or dense graphs; the kNN graphs of Isomap favour
 * {@link allPairsDijkstra}. Reports `{ stage: 'paths', completed: k, total: n }`.
 *
 * @param graph - symmetric adjacency in CSR form, weights ≥ 0
 * @param out - n × n output (row-major), overwritten
 * @returns work that fills `out`
 * @example
 * ```ts
 * runSync(floydWarshall(pathGraph, D), { fn: 'demo' }); // same D as allPairsDijkstra
 * ```
 * @see R. W. Floyd, "Algorithm 97: Shortest path", Communications of the ACM 5 (1962)
 */
export function* floydWarshall(graph: CsrMatrix, out: Float64Array): Work<void> {
  const n = graph.rows;
  const { offsets, indices, values } = graph;
  out.fill(Infinity);
  for (let i = 0; i < n; i++) {
    out[i * n + i] = 0;
    for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
      const j = indices[p]!;
      if (values[p]! < out[i * n + j]!) out[i * n + j] = values[p]!;
    }
  }
  let work = 0;
  for (let k = 0; k < n; k++) {
    const rk = k * n;
    for (let i = 0; i < n; i++) {
      const ri = i * n;
      const dik = out[ri + k]!;
      if (dik === Infinity) continue;
      for (let j = 0; j < n; j++) {
        const v = dik + out[rk + j]!;
        if (v < out[ri + j]!) out[ri + j] = v;
      }
    }
    work += n * n;
    if (work >= CHECKPOINT_WORK) {
      work = 0;
      yield { stage: 'paths', completed: k + 1, total: n };
    }
  }
  yield { stage: 'paths', completed: n, total: n };
}
