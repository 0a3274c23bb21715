/**
 * What an HNSW index occupies: `hnswMemory`.
 */
import { checkHnsw, type HnswIndex } from './model.js';

/** Bytes held by an {@link HnswIndex}'s arrays, by role. */
export interface HnswMemory {
  /** Vector storage: Float32 vectors, or int8 codes with their code book and per-point norms. */
  vectors: number;
  /** Graph: level-0 link slots, upper-level links, levels and upper-link offsets. */
  links: number;
  /** Everything else (deleted flags, generator state). */
  other: number;
  /** The sum. */
  total: number;
  /** `total / size` (0 for an empty index): bytes per point, spare capacity included. */
  perPoint: number;
}

/**
 * Bytes of each part of an HNSW index (allocated arrays, spare capacity included; the object's
 * own few numbers are not counted). O(1).
 *
 * @param index - an index from `hnswIndex`
 * @returns bytes of vectors, links, other and in total, and per point
 * @throws LatentError `E_MODEL` for something that is not a sound HNSW index
 * @example
 * ```ts
 * const m = hnswMemory(hnswIndex(embeddings384, { metric: 'cosine' }));
 * m.perPoint; // ≈ 1 678 (1 536 of them the Float32 vector)
 * ```
 * @see HnswIndex for the per-point formula
 */
export function hnswMemory(index: HnswIndex): HnswMemory {
  const ix = checkHnsw('hnswMemory', index);
  const vectors = ix.vectors.byteLength + ix.codes.byteLength + ix.codeScale.byteLength + ix.codeOffset.byteLength + ix.codeNorms.byteLength;
  const links = ix.links0.byteLength + ix.links.byteLength + ix.levels.byteLength + ix.upperOffset.byteLength;
  const other = ix.deleted.byteLength + ix.rng.byteLength;
  const total = vectors + links + other;
  return { vectors, links, other, total, perPoint: ix.size > 0 ? total / ix.size : 0 };
}
