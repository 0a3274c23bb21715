/**
 * Deleting points from an HNSW index: `hnswRemove` marks them, as hnswlib's `markDelete`.
 */
import { LatentError, describe } from '../../core/errors.js';
import { checkHnsw, type HnswIndex } from './model.js';

/**
 * Marks points of `index` deleted: queries no longer return them, and later insertions do not
 * choose them as neighbours (except the entry point: a deleted entry point is still offered as a
 * candidate, as hnswlib does, so new points stay connected to the top of the graph). Their
 * vectors and links stay (hnswlib's `markDelete`): a deleted point still routes searches
 * through the graph, which keeps recall for the live points, and its memory is not reclaimed
 * (rebuild from the live rows to reclaim it, e.g. after deleting a large share). When many
 * points are deleted, queries widen their search and, past a limit, scan the live points
 * exactly (see `hnswQuery`).
 * Removing an already deleted id does nothing. Mutates the index object (`deleted`,
 * `deletedCount`); every id is validated before any is marked. O(ids).
 *
 * @param index - the index (mutated)
 * @param ids - one id or a list of ids, integers in [0, index.size)
 * @returns the same index object
 * @throws LatentError `E_MODEL` for something that is not a sound HNSW index; `E_TYPE` for ids that are not a number or an array of numbers; `E_RANGE` for an id that is not an integer in [0, size)
 * @example
 * ```ts
 * const index = hnswIndex([[0, 0], [1, 0], [5, 5]]);
 * hnswRemove(index, [2]);
 * hnswQuery(index, [[4, 4]], 1).indices; // Int32Array [1]
 * ```
 * @see hnswlib `markDelete` (hnswlib-node `HierarchicalNSW.markDelete`)
 */
export function hnswRemove(index: HnswIndex, ids: number | ArrayLike<number>): HnswIndex {
  const fn = 'hnswRemove';
  const ix = checkHnsw(fn, index);
  const list: ArrayLike<unknown> = typeof ids === 'number' ? [ids] : ids;
  if (typeof list !== 'object' || list === null || typeof list.length !== 'number' || !Number.isSafeInteger(list.length) || list.length < 0) {
    throw new LatentError('E_TYPE', `${fn}: ids must be an id or an array of ids, got ${describe(ids)}`);
  }
  for (let t = 0; t < list.length; t++) {
    const id = list[t];
    if (typeof id !== 'number') throw new LatentError('E_TYPE', `${fn}: ids must hold numbers, got ${describe(id)} at ${t}`);
    if (!Number.isInteger(id) || id < 0 || id >= ix.size) {
      throw new LatentError('E_RANGE', `${fn}: ids must be integers in [0, ${ix.size - 1}] (points in the index), got ${describe(id)} at ${t}`);
    }
  }
  for (let t = 0; t < list.length; t++) {
    const id = list[t] as number;
    if (ix.deleted[id] === 0) {
      ix.deleted[id] = 1;
      ix.deletedCount++;
    }
  }
  return ix;
}
