/**
 * How {@link umapTransform} finds new rows' neighbours among the training rows: the choice
 * between the exact search and the graph search (umap-learn's approximate query), and the graph
 * search's entry rows.
 */
import type { Matrix } from '../../core/matrix.js';
import type { CsrMatrix } from '../../core/sparse.js';
import type { Work } from '../../core/task.js';
import type { Metric } from '../../distance/metric.js';
import { entryRows, graphSearchWork } from '../../neighbors/graph-search.js';
import { rpTreeWork } from '../../neighbors/rp-tree.js';
import { connectedComponents } from './components.js';
import { knnQueryWork, type KnnGraph } from './graph-knn.js';
import { squareSafe } from '../../neighbors/exact/knn-index.js';
import type { UmapModel } from './model.js';

/** How {@link umapTransform} finds the new rows' neighbours. */
export type UmapTransformSearch = 'auto' | 'exact' | 'graph';

/**
 * `search: 'auto'` walks the model's graph instead of comparing every training row from this many
 * training rows, and from {@link UMAP_TRANSFORM_GRAPH_MIN_WORK} training values (rows × columns).
 * Measured (bench/results/umap.md, 1 000 MNIST queries): the walk is already 3–5× faster from
 * 500–1 000 training rows, but below about a million values the exact search costs under a
 * millisecond per query and returns the exact neighbours (the walk's recall is 0.98–0.999).
 */
export const UMAP_TRANSFORM_GRAPH_MIN_ROWS = 1000;

/** See {@link UMAP_TRANSFORM_GRAPH_MIN_ROWS}. */
export const UMAP_TRANSFORM_GRAPH_MIN_WORK = 1_000_000;

/** Seeded random entry rows of the graph search, besides one row per component. */
export const GRAPH_RANDOM_ENTRIES = 32;

/**
 * Components that get an entry row (the largest ones): each costs one distance per query. A
 * graph whose smaller components hold more than 1 % of the rows is searched exactly by `'auto'`.
 */
export const GRAPH_MAX_COMPONENTS = 128;

/** The graph search's entry rows, and whether `'auto'` may use it. */
export interface GraphEntries {
  /** Distinct entry rows: one per component (largest first, at most {@link GRAPH_MAX_COMPONENTS}), then the seeded random ones. */
  entries: Int32Array;
  /** Rows in components without an entry row (the walk cannot reach them). */
  unreached: number;
  /** Connected components of the graph. */
  components: number;
}

/** Result list of the graph search, in multiples of k (umap-learn: the k neighbours, widened by epsilon). */
export const GRAPH_EF = 1;
/** Frontier margin of the graph search (pynndescent's default `epsilon`). */
export const GRAPH_EPSILON = 0.1;

/** Leaf size of the random-projection tree that starts each query on a graph in several components. */
export const GRAPH_TREE_LEAF = 32;

/**
 * Entry rows for the graph search over the model's fuzzy graph: a seeded random row of each
 * connected component (a walk stays in its component; the largest
 * {@link GRAPH_MAX_COMPONENTS} components), then {@link GRAPH_RANDOM_ENTRIES} further seeded rows,
 * at least `k` in all. O(n + nnz).
 *
 * @internal
 * @param graph - the model's symmetric graph (n × n)
 * @param k - neighbours wanted per query
 * @param seed - the seed
 * @returns the entries and how many rows they leave unreachable
 * @example
 * ```ts
 * const { entries } = graphEntries(model.graph, 15, model.seed);
 * ```
 */
export function graphEntries(graph: CsrMatrix, k: number, seed: number): GraphEntries {
  const n = graph.rows;
  const { count, labels } = connectedComponents(graph);
  const order = entryRows(n, n, seed);
  // The first row of each component in the seeded order represents it.
  const rep = new Int32Array(count).fill(-1);
  const size = new Int32Array(count);
  for (let t = 0; t < n; t++) {
    const i = order[t]!;
    const c = labels[i]!;
    size[c]!++;
    if (rep[c] === -1) rep[c] = i;
  }
  const comps = Array.from({ length: count }, (_, c) => c).sort((a, b) => size[b]! - size[a]! || a - b);
  const kept = Math.min(count, GRAPH_MAX_COMPONENTS);
  let unreached = 0;
  for (let t = kept; t < count; t++) unreached += size[comps[t]!]!;
  const extra = Math.max(GRAPH_RANDOM_ENTRIES, k);
  const chosen = new Uint8Array(n);
  const entries: number[] = [];
  for (let t = 0; t < kept; t++) {
    const i = rep[comps[t]!]!;
    chosen[i] = 1;
    entries.push(i);
  }
  for (let t = 0, added = 0; t < n && added < extra; t++) {
    const i = order[t]!;
    if (chosen[i] === 1) continue;
    chosen[i] = 1;
    entries.push(i);
    added++;
  }
  return { entries: Int32Array.from(entries), unreached, components: count };
}

/**
 * Whether `'auto'` may use the graph search for n training rows of d columns (before looking at
 * the graph).
 *
 * @internal
 * @param n - training rows
 * @param d - columns
 * @returns true when large enough
 * @example
 * ```ts
 * autoMayWalk(9000, 784); // true
 * ```
 */
export function autoMayWalk(n: number, d: number): boolean {
  return n >= UMAP_TRANSFORM_GRAPH_MIN_ROWS && n * d >= UMAP_TRANSFORM_GRAPH_MIN_WORK;
}

/**
 * Whether the graph search answers: `'graph'` and `'exact'` as asked; `'auto'` when the model
 * has at least {@link UMAP_TRANSFORM_GRAPH_MIN_ROWS} training rows and
 * {@link UMAP_TRANSFORM_GRAPH_MIN_WORK} training values, its graph still holds half
 * of the kNN graph's edges (an intersection-only graph, `setOpMixRatio: 0`, may be too sparse
 * to walk) and the entry rows reach all but 1 % of the rows.
 *
 * @internal
 * @param search - the option
 * @param graph - the model's graph
 * @param d - columns of the training data
 * @param k - neighbours per query
 * @param entries - from {@link graphEntries} (null for `'exact'`)
 * @returns true for the graph search
 * @example
 * ```ts
 * useGraphSearch('auto', model.graph, 784, 15, graphEntries(model.graph, 15, 42)); // true for a 9 000-row MNIST fit
 * ```
 */
export function useGraphSearch(search: UmapTransformSearch, graph: CsrMatrix, d: number, k: number, entries: GraphEntries | null): boolean {
  if (search !== 'auto' || entries === null) return search === 'graph';
  const n = graph.rows;
  return autoMayWalk(n, d) && graph.indices.length * 2 >= n * (k - 1) && entries.unreached * 100 <= n;
}

/** The new rows' neighbours, and how they were found. */
export interface TransformNeighbors extends KnnGraph {
  /** The search that answered. */
  method: 'exact' | 'graph';
  /** Distance evaluations of the graph search (q · n for the exact one). */
  evaluations: number;
}

/**
 * The `k` nearest training rows of each new row for {@link umapTransform}: the exact search, or
 * the graph search over the model's fuzzy graph (entries from {@link graphEntries}, result list
 * k, frontier margin 0.1, and a random-projection tree start when the graph has several
 * components: a component may hold clusters joined by a few edges, where a walk from the
 * entries can stall in the wrong one).
 *
 * @internal
 * @param model - a checked model
 * @param data - its training data
 * @param Q - the new rows (same columns)
 * @param k - neighbours per row (≤ n)
 * @param metric - the model's metric
 * @param seed - seed of the entries and the tree
 * @param search - the option
 * @returns the neighbours (via the generator's return value)
 * @throws LatentError `E_RANGE` / `E_NOT_FINITE` from a misbehaving custom metric
 * @example
 * ```ts
 * const nn = runSync(transformNeighborsWork(model, model.data, Q, 15, 'euclidean', 42, 'auto'), { fn: 'umapTransform' });
 * ```
 */
export function* transformNeighborsWork(model: UmapModel, data: Matrix, Q: Matrix, k: number, metric: Metric, seed: number, search: UmapTransformSearch): Work<TransformNeighbors> {
  const n = data.rows;
  // Named here, not by the inner search ('knnQuery: queries …'): O(q·d).
  squareSafe('umapTransform', metric, Q, 'X');
  const entries = search === 'exact' || (search === 'auto' && !autoMayWalk(n, data.cols)) ? null : graphEntries(model.graph, k, seed);
  if (useGraphSearch(search, model.graph, data.cols, k, entries)) {
    const tree = entries!.components > 1 ? yield* rpTreeWork(data, GRAPH_TREE_LEAF, seed) : null;
    const p = { k, ef: k * GRAPH_EF, epsilon: GRAPH_EPSILON, entries: entries!.entries, tree, stage: 'knn' };
    const found = yield* graphSearchWork('umapTransform', data, model.graph, Q, metric, p);
    return { indices: found.indices, distances: found.distances, rows: Q.rows, k, method: 'graph', evaluations: found.evaluations };
  }
  const nn = yield* knnQueryWork(data, Q, k, metric);
  return { ...nn, method: 'exact', evaluations: Q.rows * n };
}
