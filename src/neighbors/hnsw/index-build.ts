/**
 * Building an HNSW index: `hnswIndex` (synchronous) and `hnswIndexAsync` (returns to the event
 * loop while it works). Both run the same resumable work, so they build the same index.
 */
import { LatentError } from '../../core/errors.js';
import { asMatrix, type Matrix, type MatrixLike } from '../../core/matrix.js';
import { assertMemory, memoryLimitOption } from '../../core/memory.js';
import { enumOption, functionOption, integerIn, readOptions, seedOption, signalOption, type OptionKeys } from '../../core/options.js';
import { DEFAULT_SEED, rngState } from '../../core/random.js';
import { runAsync, runSync, type Progress, type Work } from '../../core/task.js';
import { createContext, enableLinkCache, linkCacheBytes } from './context.js';
import { checkRows, insertRows } from './insert-rows.js';
import { upperSlotsFor } from './level.js';
import type { HnswIndex, HnswMetric, HnswQuantize } from './model.js';
import { codeBook } from './quantize.js';
import { emptyIndex, indexBytes, type HnswLayout } from './storage.js';

/** Options of {@link hnswIndex} and {@link hnswIndexAsync}. */
export interface HnswIndexOptions {
  /**
   * Distance: `'euclidean'`, `'cosine'` (1 − cosine similarity; rows normalized once when
   * inserted, zero rows rejected) or `'dot'` (1 − a·b, hnswlib's inner-product space).
   * @defaultValue 'euclidean'
   */
  metric?: HnswMetric;
  /**
   * Links per point on the upper levels (level 0 keeps up to 2m): more links, better recall
   * and more memory (4·(2m + 1) bytes per point) and build time. 12–48 is the useful range.
   * @defaultValue 16
   */
  m?: number;
  /**
   * Candidate-list size while inserting (at least m is used): larger builds a better graph
   * (higher recall at the same query ef), proportionally slower.
   * @defaultValue 200
   */
  efConstruction?: number;
  /**
   * Seed of the level draws: the same data, options and seed give the same index, bit for
   * bit, on every engine.
   * @defaultValue 42
   */
  seed?: number;
  /**
   * Vector storage: `'none'` keeps Float32 vectors (4 bytes per value); `'int8'` keeps one
   * byte per value (per-dimension scalar quantization fitted to the build data's ranges; rows
   * added later are clamped to those ranges) and searches with float queries against the codes.
   * @defaultValue 'none'
   */
  quantize?: HnswQuantize;
  /** Receives `{ stage: 'build', completed, total }` every 256 insertions. @defaultValue undefined */
  onProgress?: (progress: Progress) => void;
  /** Stops the build (throwing `E_ABORTED`) at the next insertion. @defaultValue undefined */
  signal?: AbortSignal;
  /** Bytes the index may take (checked before allocating). @defaultValue 4 GiB */
  memoryLimit?: number;
}

const KEYS: OptionKeys<HnswIndexOptions> = {
  metric: true,
  m: true,
  efConstruction: true,
  seed: true,
  quantize: true,
  onProgress: true,
  signal: true,
  memoryLimit: true,
};

interface BuildPlan {
  X: Matrix;
  layout: HnswLayout;
  memoryLimit: number;
  signal: AbortSignal | undefined;
  onProgress: ((progress: Progress) => void) | undefined;
}

function plan(fn: string, data: MatrixLike, options: HnswIndexOptions | undefined): BuildPlan {
  const o = readOptions(fn, options, KEYS);
  const X = asMatrix(data, fn, 'data');
  if (X.cols < 1) throw new LatentError('E_SHAPE', `${fn}: data must have at least 1 column, got ${X.cols}`);
  const metric = enumOption(fn, 'metric', o.metric, ['euclidean', 'cosine', 'dot'] as const, 'euclidean');
  const quantize = enumOption(fn, 'quantize', o.quantize, ['none', 'int8'] as const, 'none');
  const m = integerIn(fn, 'm', o.m ?? 16, { min: 2, max: 512 });
  const efConstruction = integerIn(fn, 'efConstruction', o.efConstruction ?? 200, { min: 1, max: 1e6 });
  const seed = seedOption(fn, o.seed, DEFAULT_SEED);
  const signal = signalOption(fn, o.signal);
  const onProgress = functionOption(fn, 'onProgress', o.onProgress);
  const memoryLimit = memoryLimitOption(fn, o.memoryLimit);
  if (quantize === 'int8' && X.rows === 0) {
    throw new LatentError('E_SHAPE', `${fn}: data must have at least 1 row with quantize: 'int8' (the code ranges are fitted to it), got 0`);
  }
  return { X, layout: { metric, quantize, dims: X.cols, m, efConstruction, seed }, memoryLimit, signal, onProgress };
}

function* buildWork(fn: string, p: BuildPlan): Work<HnswIndex> {
  const { X, layout } = p;
  const n = X.rows;
  const d = layout.dims;
  const slots = upperSlotsFor(rngState(layout.seed), n, layout.m);
  const ef = Math.max(layout.efConstruction, layout.m);
  // The index, plus the build's visited stamps, heaps and link-distance cache.
  const cacheBytes = layout.quantize === 'none' ? linkCacheBytes(n, 2 * layout.m) : 0;
  assertMemory(fn, `an HNSW index of ${n} × ${d}`, indexBytes(layout.quantize, d, layout.m, n, slots) + cacheBytes + 2 * n + 24 * ef, p.memoryLimit);
  const row = new Float64Array(d);
  const scale = new Float64Array(d);
  const offset = new Float64Array(d);
  const cosine = layout.metric === 'cosine';
  if (layout.quantize === 'int8') {
    const lo = new Float64Array(d).fill(Infinity);
    const hi = new Float64Array(d).fill(-Infinity);
    yield* checkRows(fn, 'data', X.data, n, d, cosine, row, lo, hi);
    codeBook(lo, hi, scale, offset);
  } else {
    yield* checkRows(fn, 'data', X.data, n, d, cosine, row, null, null);
  }
  const index = emptyIndex(layout, n, slots, scale, offset);
  const ctx = createContext(fn, index, ef);
  enableLinkCache(ctx, n);
  yield* insertRows(fn, 'data', index, ctx, X.data, n, 'build');
  return index;
}

/**
 * Builds an HNSW index (hierarchical navigable small world graph) over the rows of `data`, for
 * approximate nearest-neighbour search with {@link hnswQuery}.
 *
 * Each row is inserted in order (row i gets id i) at a level drawn from the seeded generator;
 * on each of its levels it is linked to up to m neighbours chosen by the paper's heuristic
 * (Algorithm 4 as in hnswlib: a candidate is kept when it is closer to the new point than to
 * every neighbour kept so far), and they link back (level 0 keeps up to 2m links per point).
 * Build time is about O(n · log n · efConstruction · m) distance evaluations in practice.
 *
 * Vectors are stored once as Float32 in one flat array (no Float64 copy of the input; a Float32
 * Matrix is read in place, `number[][]` is first converted by {@link asMatrix}); `'cosine'` rows
 * are normalized when stored; distances accumulate in float64. The result is plain data (see
 * {@link HnswIndex} for its layout and memory per point: about 1.7 kB at d = 384, m = 16, or
 * 0.53 kB with `quantize: 'int8'`).
 *
 * @param data - n × d rows (a Matrix with Float32 or Float64 data, or rows), finite, within
 *   Float32 range; n may be 0 (an empty index to grow with `hnswAdd`) unless `quantize: 'int8'`
 * @param options - metric, m, efConstruction, seed, quantize, onProgress, signal, memoryLimit
 * @returns the index (ids 0…n−1 are the rows of `data`)
 * @throws LatentError `E_TYPE` / `E_SHAPE` / `E_NOT_FINITE` for bad data (no columns, a ragged or non-finite row); `E_RANGE` for a value beyond Float32 range or a zero row under `'cosine'`; `E_OPTION` / `E_TYPE` / `E_RANGE` for bad options; `E_MEMORY` above `memoryLimit`; `E_ABORTED` when `signal` fires
 * @example
 * ```ts
 * const index = hnswIndex([[0, 0], [1, 0], [5, 5]], { seed: 1 });
 * hnswQuery(index, [[4, 4]], 2).indices; // Int32Array [2, 1]
 * ```
 * @see Malkov & Yashunin, "Efficient and robust approximate nearest neighbor search using Hierarchical Navigable Small World graphs", IEEE TPAMI 2018 (arXiv:1603.09320)
 * @see hnswlib `HierarchicalNSW` (hnswlib-node `HierarchicalNSW.initIndex` + `addPoint`)
 */
export function hnswIndex(data: MatrixLike, options?: HnswIndexOptions): HnswIndex {
  const p = plan('hnswIndex', data, options);
  return runSync(buildWork('hnswIndex', p), { fn: 'hnswIndex', signal: p.signal, onProgress: p.onProgress });
}

/**
 * {@link hnswIndex} that returns to the event loop about every 15 ms while it builds (so a page
 * stays responsive and an `AbortSignal` fired from a timer or a button takes effect). Builds
 * the same index, bit for bit.
 *
 * @param data - n × d rows (see {@link hnswIndex})
 * @param options - as {@link hnswIndex}
 * @returns a promise of the index
 * @throws LatentError as {@link hnswIndex}, as a rejection
 * @example
 * ```ts
 * const index = await hnswIndexAsync(embeddings, { metric: 'cosine', onProgress: (p) => bar(p.completed / p.total) });
 * ```
 * @see hnswIndex
 */
export async function hnswIndexAsync(data: MatrixLike, options?: HnswIndexOptions): Promise<HnswIndex> {
  const p = plan('hnswIndexAsync', data, options);
  return await runAsync(buildWork('hnswIndexAsync', p), { fn: 'hnswIndexAsync', signal: p.signal, onProgress: p.onProgress });
}
