/**
 * Growing an HNSW index: `hnswAdd` inserts rows into the index it is given.
 */
import { LatentError } from '../../core/errors.js';
import { asMatrix, type MatrixLike } from '../../core/matrix.js';
import { assertMemory, memoryLimitOption } from '../../core/memory.js';
import { functionOption, readOptions, signalOption, type OptionKeys } from '../../core/options.js';
import { checkAborted, runSync, type Progress } from '../../core/task.js';
import { createContext, enableLinkCache, linkCacheBytes } from './context.js';
import { checkRows, insertRows } from './insert-rows.js';
import { upperSlotsFor } from './level.js';
import { checkHnsw, type HnswIndex } from './model.js';
import { growIndex, indexBytes } from './storage.js';

/** Options of {@link hnswAdd}. */
export interface HnswAddOptions {
  /** Receives `{ stage: 'add', completed, total }` every 256 insertions. @defaultValue undefined */
  onProgress?: (progress: Progress) => void;
  /**
   * Stops the insertions (throwing `E_ABORTED`) at the next row; the rows inserted before stay
   * in the index, which remains valid (`index.size` tells how many).
   * @defaultValue undefined
   */
  signal?: AbortSignal;
  /** Bytes the grown index may take (checked before allocating). @defaultValue 4 GiB */
  memoryLimit?: number;
}

const KEYS: OptionKeys<HnswAddOptions> = { onProgress: true, signal: true, memoryLimit: true };

/** Growth factor of the arrays when they are full, so repeated small additions cost O(1) amortized copies per row. */
const GROWTH = 1.5;

/** Keep link distances while adding when rows × this ≥ capacity (the cache's set-up is O(capacity)). */
const CACHE_ROWS = 64;

/**
 * Inserts `rows` into `index`, in order, as ids `index.size`, `index.size + 1`, …: the same
 * insertion as {@link hnswIndex} performs, continuing the index's level generator, so building
 * on the first rows and adding the rest gives the same graph and vectors as building on all the
 * rows at once (same options and seed). With `quantize: 'int8'` the code ranges stay those
 * fitted at build time (values outside are clamped), so that equality needs the added rows
 * within the build's ranges.
 *
 * It MUTATES the index object: when the arrays are full they are replaced by larger copies
 * (capacity × 1.5; the spare capacity is part of the index and of its serialized form), and
 * `size`, `entryPoint`, `maxLevel`, `rng` and the links change. The caller's `rows` are not
 * modified. Rows are validated before any insertion; an abort leaves the rows inserted so far.
 * Cost: as building, per row; plus O(capacity) copying when the arrays grow.
 *
 * @param index - the index to grow (mutated)
 * @param rows - r × d rows, finite, within Float32 range (non-zero under `'cosine'`); r may be 0
 * @param options - onProgress, signal, memoryLimit
 * @returns the same index object
 * @throws LatentError `E_MODEL` for something that is not a sound HNSW index (including a non-finite int8 code book, or a non-finite stored vector or code norm that an insertion's search meets; damage no search meets is left as it is); `E_TYPE` / `E_SHAPE` / `E_NOT_FINITE` for bad rows or a width mismatch; `E_RANGE` for a value beyond Float32 range or a zero row under `'cosine'`; `E_OPTION` / `E_TYPE` for bad options; `E_MEMORY` above `memoryLimit`; `E_ABORTED` when `signal` fires
 * @example
 * ```ts
 * const index = hnswIndex([[0, 0], [1, 0]]);
 * hnswAdd(index, [[5, 5]]);
 * index.size;                             // 3
 * hnswQuery(index, [[4, 4]], 1).indices;  // Int32Array [2]
 * ```
 * @see hnswlib `addPoint` (hnswlib-node `HierarchicalNSW.addPoint`, after `resizeIndex`)
 */
export function hnswAdd(index: HnswIndex, rows: MatrixLike, options?: HnswAddOptions): HnswIndex {
  const fn = 'hnswAdd';
  const ix = checkHnsw(fn, index);
  const o = readOptions(fn, options, KEYS);
  const signal = signalOption(fn, o.signal);
  const onProgress = functionOption(fn, 'onProgress', o.onProgress);
  const memoryLimit = memoryLimitOption(fn, o.memoryLimit);
  const X = asMatrix(rows, fn, 'rows');
  // An aborted signal stops the call even when there is nothing to add.
  checkAborted(fn, signal);
  if (X.rows === 0) return ix;
  if (X.cols !== ix.dims) throw new LatentError('E_SHAPE', `${fn}: rows columns must equal the index's dims ${ix.dims}, got ${X.cols}`);
  const n = X.rows;
  const need = ix.size + n;
  const capacity = need <= ix.capacity ? ix.capacity : Math.max(need, Math.ceil(ix.capacity * GROWTH));
  const needSlots = ix.upperUsed + upperSlotsFor(ix.rng, n, ix.m);
  const slots = needSlots <= ix.links.length ? ix.links.length : Math.max(needSlots, Math.ceil(ix.links.length * GROWTH));
  const ef = Math.max(ix.efConstruction, ix.m);
  // The link-distance cache costs O(capacity) to set up: worth it when many rows are added.
  const cache = ix.quantize === 'none' && n * CACHE_ROWS >= capacity;
  const cacheBytes = cache ? linkCacheBytes(capacity, ix.m0) : 0;
  assertMemory(fn, `an HNSW index of ${capacity} × ${ix.dims}`, indexBytes(ix.quantize, ix.dims, ix.m, capacity, slots) + cacheBytes + 2 * capacity + 24 * ef, memoryLimit);
  const work = function* (): Generator<Progress | undefined, void, void> {
    yield* checkRows(fn, 'rows', X.data, n, ix.dims, ix.metric === 'cosine', new Float64Array(ix.dims), null, null);
    growIndex(ix, capacity, slots);
    const ctx = createContext(fn, ix, ef);
    if (cache) enableLinkCache(ctx, capacity);
    yield* insertRows(fn, 'rows', ix, ctx, X.data, n, 'add');
  };
  runSync(work(), { fn, signal, onProgress });
  return ix;
}
