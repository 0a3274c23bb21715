/**
 * The resumable work shared by `hnswIndex` and `hnswAdd`: a validation pass over the new rows
 * (so a bad row fails before the graph changes), then one insertion per row, yielding after
 * each so `signal` and `onProgress` work.
 *
 * Internal module.
 */
import type { FloatArray } from '../../core/matrix.js';
import type { Work } from '../../core/task.js';
import { prepareRow, type HnswContext } from './context.js';
import { insertPoint } from './insert.js';
import { drawLevel, levelMultiplier } from './level.js';
import type { HnswIndex } from './model.js';
import { encodeRow, updateRange } from './quantize.js';
import { loadRow } from './rows.js';

/** Rows checked between checkpoints of the validation pass (about a millisecond at d = 384). */
const CHECK_ROWS = 1024;
/** Insertions between progress reports (there is a checkpoint after every insertion). */
const REPORT_ROWS = 256;

/**
 * Checks every row (Float32 range, non-zero under cosine) and, when `lo`/`hi` are given, widens
 * the per-dimension ranges with the rows as they will be stored (normalized for cosine).
 *
 * @internal
 * @param fn - public function name
 * @param name - argument name
 * @param data - n × d rows, finite
 * @param n - rows
 * @param d - row length
 * @param cosine - normalize
 * @param row - scratch (d)
 * @param lo - optional running minima
 * @param hi - optional running maxima
 * @returns work yielding checkpoints
 * @throws LatentError `E_RANGE`
 * @example
 * ```ts
 * yield* checkRows('hnswIndex', 'data', X.data, X.rows, d, true, row, null, null);
 * ```
 */
export function* checkRows(
  fn: string,
  name: string,
  data: FloatArray,
  n: number,
  d: number,
  cosine: boolean,
  row: Float64Array,
  lo: Float64Array | null,
  hi: Float64Array | null,
): Work<void> {
  for (let i = 0; i < n; i++) {
    loadRow(fn, name, data, i, d, cosine, row);
    if (lo !== null && hi !== null) updateRange(lo, hi, row, d);
    if (i % CHECK_ROWS === CHECK_ROWS - 1) yield undefined;
  }
}

/**
 * Inserts the n rows of `data` (already checked) as ids `index.size …`, in order, each at the
 * next level of the index's generator. The index is valid after every insertion (an abort
 * leaves the rows inserted so far).
 *
 * @internal
 * @param fn - public function name
 * @param name - argument name
 * @param index - the index (arrays with room for the rows)
 * @param ctx - its context
 * @param data - n × d rows
 * @param n - rows
 * @param stage - progress stage name
 * @returns work yielding a checkpoint per insertion
 * @throws LatentError `E_MODEL` for corrupt links met on the way
 * @example
 * ```ts
 * yield* insertRows('hnswAdd', 'rows', index, ctx, X.data, X.rows, 'add');
 * ```
 */
export function* insertRows(fn: string, name: string, index: HnswIndex, ctx: HnswContext, data: FloatArray, n: number, stage: string): Work<void> {
  const d = index.dims;
  const cosine = index.metric === 'cosine';
  const mL = levelMultiplier(index.m);
  const ef = Math.max(index.efConstruction, index.m);
  const row = ctx.row;
  for (let i = 0; i < n; i++) {
    loadRow(fn, name, data, i, d, cosine, row);
    const p = index.size;
    if (ctx.int8) {
      const norm = encodeRow(row, d, ctx.codeScale, ctx.codeOffset, ctx.codes, p * d);
      // Euclidean needs ‖x̂‖², cosine 1/‖x̂‖ (the cosine to the decoded vector, not its raw inner
      // product: the codes' norm error would otherwise reorder neighbours).
      if (ctx.l2) ctx.codeNorms[p] = norm;
      else if (ctx.cosine) ctx.codeNorms[p] = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    } else {
      // Search with the stored (Float32-rounded) values, so this point's distances are the ones
      // every later distance to it will be.
      const x = ctx.vectors;
      for (let j = 0; j < d; j++) {
        x[p * d + j] = row[j]!;
        row[j] = x[p * d + j]!;
      }
    }
    prepareRow(ctx, ctx.qa, row);
    insertPoint(ctx, index, p, drawLevel(index.rng, mL), ctx.qa, ef);
    yield i % REPORT_ROWS === REPORT_ROWS - 1 || i === n - 1 ? { stage, completed: i + 1, total: n } : undefined;
  }
}
