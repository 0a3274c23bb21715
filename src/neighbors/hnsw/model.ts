/**
 * The HNSW index as plain data, and the cheap structural check every function that uses one runs
 * first (a tampered or hand-made object gives `E_MODEL`, never an out-of-bounds read or a hang).
 */
import { LatentError, describe } from '../../core/errors.js';
import { assertModel } from '../../core/validate.js';

/**
 * Distances an {@link HnswIndex} can use, in hnswlib's conventions:
 * - `'euclidean'`: ‖a − b‖ (searched on the squared distance, reported as the distance);
 * - `'cosine'`: 1 − cos(a, b) (rows normalized once when inserted; zero rows are rejected);
 * - `'dot'`: 1 − a·b (hnswlib's `'ip'` space; can be negative; not a metric, so recall depends
 *   on the data more than for the other two).
 */
export type HnswMetric = 'euclidean' | 'cosine' | 'dot';

/** How an {@link HnswIndex} stores its vectors. */
export type HnswQuantize = 'none' | 'int8';

/** Highest level a point can be drawn at (the draw is capped; reached with probability ≈ m⁻⁶³). */
export const HNSW_MAX_LEVEL = 63;

/**
 * A hierarchical navigable small world graph (Malkov & Yashunin) over `size` points, as plain
 * data: numbers and typed arrays only, so it survives `structuredClone`, `postMessage` (transfer
 * the arrays' buffers) and `serialize`/`deserialize` bit for bit.
 *
 * Point ids are insertion order: rows of the data given to `hnswIndex` are ids 0…n−1, rows
 * appended by `hnswAdd` continue from `size`. Arrays are allocated for `capacity ≥ size` points
 * (`hnswAdd` grows them geometrically); entries at ids ≥ `size` are zero.
 *
 * Memory per point (float storage): `4·dims` (vectors) + `4·(2m + 1)` (level-0 links) + 6
 * (level, upper-link offset, deleted flag) + on average `4·(m + 1)/(m − 1)` (upper-level links):
 * 1 678 bytes at dims = 384, m = 16. With `quantize: 'int8'` the vectors take `dims + 8` bytes
 * (the codes and the decoded vector's norm; `dims` under `'dot'`) instead of `4·dims`: 534 bytes
 * per point in all at dims = 384, m = 16.
 */
export interface HnswIndex {
  /** Always `'hnsw'`. */
  kind: 'hnsw';
  /** Layout version (1). */
  version: 1;
  /** Distance used to build and search. */
  metric: HnswMetric;
  /** Vector storage: `'none'` (Float32) or `'int8'` (per-dimension scalar codes). */
  quantize: HnswQuantize;
  /** Row length d. */
  dims: number;
  /** Points inserted (deleted ones included): ids are 0…size−1. */
  size: number;
  /** Points the arrays have room for (≥ size). */
  capacity: number;
  /** Points marked deleted by `hnswRemove`. */
  deletedCount: number;
  /** Links per point on the upper levels (the paper's M). */
  m: number;
  /** Links per point on level 0 (2m, hnswlib's maxM0). */
  m0: number;
  /** Candidate-list size used while inserting (hnswlib's ef_construction; at least m is used). */
  efConstruction: number;
  /** Seed the level generator started from. */
  seed: number;
  /** State of the level generator after the last insertion (`hnswAdd` continues it). */
  rng: Uint32Array;
  /** Id of the search entry point (a point on the top level); −1 when empty. */
  entryPoint: number;
  /** Top level of the graph; −1 when empty. */
  maxLevel: number;
  /** capacity × dims Float32 vectors (normalized for `'cosine'`); empty with `'int8'`. */
  vectors: Float32Array;
  /** capacity × dims int8 codes: value ≈ `codeOffset[j] + codeScale[j] · code`; empty with `'none'`. */
  codes: Int8Array;
  /** Per-dimension step of the int8 codes (dims); empty with `'none'`. */
  codeScale: Float64Array;
  /** Per-dimension value of code 0 (dims); empty with `'none'`. */
  codeOffset: Float64Array;
  /**
   * With `'int8'`, per point (capacity): the decoded vector's squared norm under `'euclidean'`, the
   * inverse of its norm under `'cosine'`; empty otherwise.
   */
  codeNorms: Float64Array;
  /** Level of each point (capacity). */
  levels: Uint8Array;
  /** Level-0 links, capacity × (m0 + 1): slot 0 holds the count, then up to m0 ids. */
  links0: Int32Array;
  /**
   * Start in `links` of each point's level-1 list (capacity; −1 for level-0 points); level l ≥ 1
   * of point i is the m + 1 slots at `upperOffset[i] + (l − 1)(m + 1)` (count, then ids).
   */
  upperOffset: Int32Array;
  /** Upper-level links of every point with level ≥ 1, packed; `upperUsed` slots are in use. */
  links: Int32Array;
  /** Slots of `links` in use. */
  upperUsed: number;
  /** 1 for points marked deleted (capacity). */
  deleted: Uint8Array;
}

const METRICS: readonly HnswMetric[] = ['euclidean', 'cosine', 'dot'];
const QUANTIZE: readonly HnswQuantize[] = ['none', 'int8'];

function bad(fn: string, what: string, got: unknown): LatentError {
  return new LatentError('E_MODEL', `${fn}: index.${what}, got ${describe(got)}`);
}

function isInt(v: unknown, lo: number, hi: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
}

function checkArray(fn: string, index: HnswIndex, name: keyof HnswIndex, Ctor: { new (n: number): ArrayBufferView; name: string }, length: number): void {
  const a = index[name] as unknown;
  if (!(a instanceof Ctor)) throw bad(fn, `${name} must be a ${Ctor.name}`, a);
  const len = (a as unknown as { length: number }).length;
  if (len !== length) throw new LatentError('E_MODEL', `${fn}: index.${name} must have length ${length}, got ${len}`);
}

/**
 * Checks that `index` is a structurally sound {@link HnswIndex}: kind and version, every scalar
 * in range, every array of the right type and length, the entry point on the top level, the
 * int8 code book finite. O(1) (O(d) for the code book): the links themselves are checked where
 * they are read (every id against `size`, every count against its slot), and so are the stored
 * vectors (a non-finite distance is `E_MODEL`), so a tampered index gives `E_MODEL` during the
 * call that meets the damage; damage no search meets passes through the call unread.
 *
 * @internal
 * @param fn - public function name for messages
 * @param index - the received value
 * @returns the index, typed
 * @throws LatentError `E_MODEL`
 * @example
 * ```ts
 * checkHnsw('hnswQuery', { kind: 'pca', version: 1 }); // throws E_MODEL
 * ```
 */
export function checkHnsw(fn: string, index: unknown): HnswIndex {
  assertModel(fn, index, 'hnsw');
  const ix = index as HnswIndex;
  if (!METRICS.includes(ix.metric)) throw bad(fn, `metric must be one of ${METRICS.join(', ')}`, ix.metric);
  if (!QUANTIZE.includes(ix.quantize)) throw bad(fn, `quantize must be 'none' or 'int8'`, ix.quantize);
  if (!isInt(ix.dims, 1, 2 ** 24)) throw bad(fn, 'dims must be a positive integer', ix.dims);
  if (!isInt(ix.capacity, 0, 2 ** 31 - 1)) throw bad(fn, 'capacity must be a non-negative integer', ix.capacity);
  if (!isInt(ix.size, 0, ix.capacity)) throw bad(fn, `size must be an integer in [0, capacity = ${ix.capacity}]`, ix.size);
  if (!isInt(ix.deletedCount, 0, ix.size)) throw bad(fn, `deletedCount must be an integer in [0, size = ${ix.size}]`, ix.deletedCount);
  if (!isInt(ix.m, 2, 512)) throw bad(fn, 'm must be an integer in [2, 512]', ix.m);
  if (ix.m0 !== 2 * ix.m) throw bad(fn, `m0 must be 2m = ${2 * ix.m}`, ix.m0);
  if (!isInt(ix.efConstruction, 1, 1e6)) throw bad(fn, 'efConstruction must be an integer in [1, 1000000]', ix.efConstruction);
  if (!isInt(ix.seed, 0, 0xffffffff)) throw bad(fn, 'seed must be an integer in [0, 2^32)', ix.seed);
  const n = ix.capacity;
  const d = ix.dims;
  const int8 = ix.quantize === 'int8';
  checkArray(fn, ix, 'rng', Uint32Array, 4);
  checkArray(fn, ix, 'vectors', Float32Array, int8 ? 0 : n * d);
  checkArray(fn, ix, 'codes', Int8Array, int8 ? n * d : 0);
  checkArray(fn, ix, 'codeScale', Float64Array, int8 ? d : 0);
  checkArray(fn, ix, 'codeOffset', Float64Array, int8 ? d : 0);
  checkArray(fn, ix, 'codeNorms', Float64Array, int8 && ix.metric !== 'dot' ? n : 0);
  // The code book enters every int8 distance: O(d), checked here. Stored vectors and code norms
  // (O(n·d), O(n)) are checked as searches read them (context.ts, tamperedPoint).
  for (let j = 0; j < (int8 ? d : 0); j++) {
    const step = ix.codeScale[j]!;
    const zero = ix.codeOffset[j]!;
    if (!(step >= 0 && step < Infinity)) throw bad(fn, `codeScale values must be finite and ≥ 0 (at dimension ${j})`, step);
    if (zero - zero !== 0) throw bad(fn, `codeOffset values must be finite (at dimension ${j})`, zero);
  }
  checkArray(fn, ix, 'levels', Uint8Array, n);
  checkArray(fn, ix, 'links0', Int32Array, n * (ix.m0 + 1));
  checkArray(fn, ix, 'upperOffset', Int32Array, n);
  checkArray(fn, ix, 'deleted', Uint8Array, n);
  if (!(ix.links instanceof Int32Array)) throw bad(fn, 'links must be an Int32Array', ix.links);
  if (!isInt(ix.upperUsed, 0, ix.links.length)) throw bad(fn, `upperUsed must be an integer in [0, links length = ${ix.links.length}]`, ix.upperUsed);
  if (ix.size === 0) {
    if (ix.entryPoint !== -1 || ix.maxLevel !== -1) throw bad(fn, 'entryPoint and maxLevel must be -1 in an empty index', `${describe(ix.entryPoint)}, ${describe(ix.maxLevel)}`);
  } else {
    if (!isInt(ix.entryPoint, 0, ix.size - 1)) throw bad(fn, `entryPoint must be an integer in [0, ${ix.size - 1}]`, ix.entryPoint);
    if (!isInt(ix.maxLevel, 0, HNSW_MAX_LEVEL) || ix.levels[ix.entryPoint] !== ix.maxLevel) {
      throw bad(fn, `maxLevel must be the entry point's level ${ix.levels[ix.entryPoint]}`, ix.maxLevel);
    }
  }
  return ix;
}
