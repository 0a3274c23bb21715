/**
 * Searching an HNSW index: `hnswQuery` (k nearest of each query row, optionally among the ids a
 * filter allows) and the exact scan it falls back to when the graph search cannot deliver k.
 */
import { LatentError } from '../../core/errors.js';
import { asMatrix, type Matrix, type MatrixLike } from '../../core/matrix.js';
import { DEFAULT_MEMORY_LIMIT, assertMemory } from '../../core/memory.js';
import { functionOption, integerIn, readOptions, signalOption, type OptionKeys } from '../../core/options.js';
import { runSync, type Progress, type Work } from '../../core/task.js';
import { heapOffer, heapSortAscending } from '../heap.js';
import { createContext, distBatch, prepareRow, type HnswContext } from './context.js';
import { checkHnsw, type HnswIndex } from './model.js';
import { checkRerank, rerankCandidates, rerankScan } from './rerank.js';
import { loadRow } from './rows.js';
import { greedyDescend, searchLayer } from './search-layer.js';

/** Options of {@link hnswQuery}. */
export interface HnswQueryOptions {
  /**
   * Result-list size of the search (≥ k): larger is slower and finds more of the true
   * neighbours (recall@10 ≈ 0.99 at ef = 64 on 100k × 384 embeddings with the default build).
   * @defaultValue max(k, 64)
   */
  ef?: number;
  /**
   * Keep only ids for which this returns true (e.g. `(id) => category[id] === 3`). Rejected
   * points still route the search, which widens until it has ef allowed points; when the filter
   * is so selective that the graph search would visit more than max(16·ef, size/8) points, the
   * query switches to an exact scan over the allowed ids. Called with live ids, possibly more
   * than once per id: it must be pure. With fewer than k allowed points the row is padded with
   * index −1 and distance Infinity.
   * @defaultValue undefined (every live point)
   */
  filter?: (id: number) => boolean;
  /**
   * The rows the index was built from (a Matrix, n × d in id order, Float32 or Float64): the
   * search's ef candidates are re-ranked by their exact distances to these rows, and the
   * distances reported are exact. Meant for `quantize: 'int8'` indexes: the index stays a
   * quarter of the size (to store, send or keep many of), recall and distances are those of
   * full precision as long as the caller has the rows at hand. Checked in O(1) (shape) plus the
   * rows it reads (finite).
   * @defaultValue undefined (distances from the index's own vectors)
   */
  rerank?: Matrix;
  /** Receives `{ stage: 'query', completed, total }` every 64 query rows. @defaultValue undefined */
  onProgress?: (progress: Progress) => void;
  /** Stops the batch (throwing `E_ABORTED`) at the next query row. @defaultValue undefined */
  signal?: AbortSignal;
}

const KEYS: OptionKeys<HnswQueryOptions> = { ef: true, filter: true, rerank: true, onProgress: true, signal: true };

/** The k approximate nearest neighbours of q query rows, row-major q × k, nearest first. */
export interface HnswResult {
  /** Point ids (rows of the indexed data, in insertion order), q × k; −1 pads a row whose filter allowed fewer than k points. */
  indices: Int32Array;
  /**
   * Distances in the metric's units, q × k: Euclidean distance, cosine distance 1 − cos, or
   * 1 − a·b for `'dot'` (hnswlib's convention); Infinity where `indices` is −1. With
   * `quantize: 'int8'`, distances to the decoded vectors (approximate) unless `rerank` is given.
   */
  distances: Float64Array;
  /** Number of query rows q. */
  rows: number;
  /** Neighbours per row. */
  k: number;
}

/** Query rows between progress reports (there is a checkpoint after every row). */
const REPORT_ROWS = 64;

/** Filtered or deletion-aware searches give up on the graph after max(16·ef, size / this) distance evaluations. */
const SCAN_FRACTION = 8;

/**
 * Exact top-k over every live point the filter allows, into the output slice at `off`.
 * Returns how many were found (≤ k), sorted nearest first.
 */
function scanRow(ctx: HnswContext, filter: ((id: number) => boolean) | undefined, k: number, D: Float64Array, I: Int32Array, off: number): number {
  const deleted = ctx.deleted;
  const ids = ctx.batchI;
  const dist = ctx.batchD;
  const group = ids.length;
  let found = 0;
  let n = 0;
  for (let id = 0; id <= ctx.size; id++) {
    // Admissible ids in groups, whose distances are computed together (as in the graph search).
    if (id < ctx.size) {
      if (deleted[id] !== 0 || (filter !== undefined && !filter(id))) continue;
      ids[n++] = id;
      if (n < group) continue;
    }
    distBatch(ctx, ctx.qa, ids, 0, n, dist);
    for (let t = 0; t < n; t++) found = heapOffer(D, I, off, found, k, dist[t]!, ids[t]!);
    ctx.evaluations += n;
    n = 0;
  }
  heapSortAscending(D, I, off, found);
  return found;
}

function* queryWork(
  fn: string,
  index: HnswIndex,
  data: Float32Array | Float64Array,
  q: number,
  k: number,
  ef: number,
  filter: ((id: number) => boolean) | undefined,
  rerank: Matrix | undefined,
): Work<HnswResult> {
  const indices = new Int32Array(q * k);
  const distances = new Float64Array(q * k);
  const ctx = createContext(fn, index, ef);
  const d = index.dims;
  const cosine = index.metric === 'cosine';
  const l2 = index.metric === 'euclidean';
  const guarded = filter !== undefined || index.deletedCount > 0;
  const budget = guarded ? Math.max(16 * ef, Math.floor(index.size / SCAN_FRACTION)) : Infinity;
  const query = new Float64Array(d);
  for (let r = 0; r < q; r++) {
    loadRow(fn, 'queries', data, r, d, cosine, query);
    prepareRow(ctx, ctx.qa, query);
    const ep = greedyDescend(ctx, ctx.qa, index.entryPoint, index.maxLevel, 0);
    const found = searchLayer(ctx, ctx.qa, ep, 0, ef, filter, budget);
    const off = r * k;
    let got = k;
    if (rerank !== undefined) {
      got =
        found >= k
          ? rerankCandidates(fn, index.metric, query, rerank, ctx.topI, found, k, distances, indices, off)
          : rerankScan(fn, index.metric, query, rerank, ctx.deleted, ctx.size, filter, k, distances, indices, off);
    } else if (found >= k) {
      heapSortAscending(ctx.topD, ctx.topI, 0, found);
      for (let t = 0; t < k; t++) {
        distances[off + t] = ctx.topD[t]!;
        indices[off + t] = ctx.topI[t]!;
      }
    } else {
      got = scanRow(ctx, filter, k, distances, indices, off);
    }
    for (let t = 0; t < k; t++) {
      if (t >= got) {
        indices[off + t] = -1;
        distances[off + t] = Infinity;
        continue;
      }
      const v = distances[off + t]!;
      if (v !== v) throw new LatentError('E_MODEL', `${fn}: index vectors must be finite, got a NaN distance to point ${indices[off + t]}`);
      distances[off + t] = l2 ? Math.sqrt(v > 0 ? v : 0) : cosine ? (v > 0 ? (v < 2 ? v : 2) : 0) : v;
    }
    yield r % REPORT_ROWS === REPORT_ROWS - 1 || r === q - 1 ? { stage: 'query', completed: r + 1, total: q } : undefined;
  }
  return { indices, distances, rows: q, k };
}

/**
 * The `k` approximate nearest neighbours of each query row in an HNSW index, nearest first
 * (ties by lower id), skipping deleted points and, with `filter`, points it rejects.
 *
 * Each query descends greedily from the entry point through the upper levels, then searches
 * level 0 best-first with a result list of `ef` (Malkov & Yashunin, Algorithm 5; hnswlib's
 * `searchKnn`): roughly O(ef · m · log n) distance evaluations per query. Recall grows with ef
 * (and with the build's m and efConstruction). When the graph search ends with fewer than k
 * admissible points (a very selective filter, many deletions), the row is answered by an exact
 * scan over the admissible points instead, so k results come back whenever k exist.
 *
 * The index is checked in O(1) (kind, version, array lengths, entry point) and every link the
 * search reads is checked against the index size, so a tampered index throws `E_MODEL` rather
 * than reading out of bounds or looping (measured cost of the link checks: see
 * bench/results/hnsw.md). Memory: the q × k results plus 2 bytes per indexed point (visited
 * stamps) and O(ef) heaps.
 *
 * @param index - an index from {@link hnswIndex} (or deserialized / cloned)
 * @param queries - q × d query rows, finite, within Float32 range (non-zero under `'cosine'`); q may be 0
 * @param k - neighbours per query, an integer in [1, number of live points]
 * @param options - ef, filter, rerank, onProgress, signal
 * @returns `{ indices, distances, rows: q, k }`, row-major q × k
 * @throws LatentError `E_MODEL` for something that is not a sound HNSW index (wrong kind or version, bad lengths, out-of-range links or counts, a non-finite int8 code book, a non-finite stored vector or code norm the search meets); `E_SHAPE` for an empty index (no live points) or a width mismatch; `E_TYPE` / `E_SHAPE` / `E_NOT_FINITE` for bad queries; `E_RANGE` for a k outside [1, live points], an ef below k, a query beyond Float32 range or a zero query under `'cosine'`; `E_OPTION` / `E_TYPE` for bad options; `E_TYPE` / `E_SHAPE` / `E_NOT_FINITE` for bad `rerank` rows; `E_MEMORY` when q·k is too large; `E_ABORTED` when `signal` fires; whatever `filter` throws
 * @example
 * ```ts
 * const index = hnswIndex([[0, 0], [1, 0], [5, 5], [6, 5]], { seed: 1 });
 * const { indices, distances } = hnswQuery(index, [[5, 4]], 2);
 * indices;   // Int32Array [2, 3]
 * distances; // Float64Array [1, 1.4142135623730951]
 * hnswQuery(index, [[5, 4]], 2, { filter: (id) => id < 2 }).indices; // Int32Array [1, 0]
 * ```
 * @see Malkov & Yashunin, "Efficient and robust approximate nearest neighbor search using Hierarchical Navigable Small World graphs", IEEE TPAMI 2018
 * @see hnswlib `searchKnn` (hnswlib-node `HierarchicalNSW.searchKnn(query, k, filter)`)
 */
export function hnswQuery(index: HnswIndex, queries: MatrixLike, k: number, options?: HnswQueryOptions): HnswResult {
  const fn = 'hnswQuery';
  const ix = checkHnsw(fn, index);
  const o = readOptions(fn, options, KEYS);
  const filter = functionOption(fn, 'filter', o.filter);
  const signal = signalOption(fn, o.signal);
  const onProgress = functionOption(fn, 'onProgress', o.onProgress);
  const Q = asMatrix(queries, fn, 'queries');
  if (Q.rows > 0 && Q.cols !== ix.dims) throw new LatentError('E_SHAPE', `${fn}: queries columns must equal the index's dims ${ix.dims}, got ${Q.cols}`);
  const live = ix.size - ix.deletedCount;
  if (live < 1) throw new LatentError('E_SHAPE', `${fn}: index must hold at least 1 live point, got ${ix.size} points of which ${ix.deletedCount} deleted`);
  integerIn(fn, 'k', k, { min: 1, max: live });
  const ef = integerIn(fn, 'ef', o.ef ?? Math.max(k, 64), { min: k, max: 1e6 });
  const rerank = o.rerank === undefined ? undefined : checkRerank(fn, o.rerank, ix.size, ix.dims);
  assertMemory(fn, `the ${Q.rows} × ${k} results`, Q.rows * k * 12 + 2 * ix.capacity + 24 * ef, DEFAULT_MEMORY_LIMIT);
  return runSync(queryWork(fn, ix, Q.data, Q.rows, k, ef, filter, rerank), { fn, signal, onProgress });
}
