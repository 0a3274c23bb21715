/**
 * Allocating and growing the arrays of an HNSW index: vectors (or int8 codes), level-0 link
 * slots, the packed upper-level links, levels, offsets and deleted flags.
 *
 * Internal module: arguments are not validated.
 */
import { rngState } from '../../core/random.js';
import type { HnswIndex, HnswMetric, HnswQuantize } from './model.js';

/** What fixes an index's layout. */
export interface HnswLayout {
  /** Distance. */
  metric: HnswMetric;
  /** Vector storage. */
  quantize: HnswQuantize;
  /** Row length. */
  dims: number;
  /** Upper-level links per point. */
  m: number;
  /** Construction result-list size. */
  efConstruction: number;
  /** Level generator seed. */
  seed: number;
}

/**
 * Bytes the index arrays take for `capacity` points and `upperSlots` upper-link slots.
 *
 * @internal
 * @param quantize - vector storage
 * @param dims - row length
 * @param m - upper-level links per point
 * @param capacity - points
 * @param upperSlots - Int32 slots of upper-level links
 * @returns bytes
 * @example
 * ```ts
 * indexBytes('none', 384, 16, 100_000, 120_000); // ≈ 1.7e8
 * ```
 */
export function indexBytes(quantize: HnswQuantize, dims: number, m: number, capacity: number, upperSlots: number): number {
  const vectors = quantize === 'int8' ? capacity * (dims + 8) + 16 * dims : 4 * capacity * dims; // (+8: decoded norms)
  return vectors + 4 * capacity * (2 * m + 1) + 4 * upperSlots + 6 * capacity;
}

/**
 * A new, empty index with room for `capacity` points and `upperSlots` upper-link slots. For
 * int8 storage the code book (steps and offsets, dims each) is given.
 *
 * @internal
 * @param layout - metric, storage, sizes, seed
 * @param capacity - points to make room for
 * @param upperSlots - upper-link slots to make room for
 * @param codeScale - int8 steps (ignored for float storage)
 * @param codeOffset - int8 values of code 0 (ignored for float storage)
 * @returns the index
 * @example
 * ```ts
 * const index = emptyIndex({ metric: 'cosine', quantize: 'none', dims: 384, m: 16, efConstruction: 200, seed: 42 }, n, slots);
 * ```
 */
export function emptyIndex(layout: HnswLayout, capacity: number, upperSlots: number, codeScale: Float64Array, codeOffset: Float64Array): HnswIndex {
  const { metric, quantize, dims, m, efConstruction, seed } = layout;
  const int8 = quantize === 'int8';
  return {
    kind: 'hnsw',
    version: 1,
    metric,
    quantize,
    dims,
    size: 0,
    capacity,
    deletedCount: 0,
    m,
    m0: 2 * m,
    efConstruction,
    seed,
    rng: rngState(seed),
    entryPoint: -1,
    maxLevel: -1,
    vectors: new Float32Array(int8 ? 0 : capacity * dims),
    codes: new Int8Array(int8 ? capacity * dims : 0),
    codeScale: int8 ? codeScale : new Float64Array(0),
    codeOffset: int8 ? codeOffset : new Float64Array(0),
    codeNorms: new Float64Array(int8 && metric !== 'dot' ? capacity : 0),
    levels: new Uint8Array(capacity),
    links0: new Int32Array(capacity * (2 * m + 1)),
    upperOffset: new Int32Array(capacity),
    links: new Int32Array(upperSlots),
    upperUsed: 0,
    deleted: new Uint8Array(capacity),
  };
}

function grown<T extends Int8Array | Uint8Array | Int32Array | Float32Array | Float64Array>(a: T, length: number): T {
  if (a.length === length) return a;
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a.subarray(0, Math.min(a.length, length)));
  return b;
}

/**
 * Replaces the index's per-point arrays with copies of room `capacity` (≥ its capacity) and its
 * upper links with a copy of `upperSlots` slots (≥ upperUsed). The index stays valid throughout.
 *
 * @internal
 * @param index - the index (mutated: array fields replaced)
 * @param capacity - new point capacity
 * @param upperSlots - new upper-link capacity
 * @example
 * ```ts
 * growIndex(index, 2 * index.capacity, 2 * index.links.length);
 * ```
 */
export function growIndex(index: HnswIndex, capacity: number, upperSlots: number): void {
  const d = index.dims;
  const int8 = index.quantize === 'int8';
  if (capacity !== index.capacity) {
    index.vectors = grown(index.vectors, int8 ? 0 : capacity * d);
    index.codes = grown(index.codes, int8 ? capacity * d : 0);
    index.codeNorms = grown(index.codeNorms, int8 && index.metric !== 'dot' ? capacity : 0);
    index.levels = grown(index.levels, capacity);
    index.links0 = grown(index.links0, capacity * (index.m0 + 1));
    index.upperOffset = grown(index.upperOffset, capacity);
    index.deleted = grown(index.deleted, capacity);
    index.capacity = capacity;
  }
  if (upperSlots !== index.links.length) index.links = grown(index.links, upperSlots);
}
