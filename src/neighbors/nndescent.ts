/**
 * NN-descent (Dong, Moses & Li 2011) as pynndescent and umap-learn run it: an approximate
 * k-nearest-neighbour graph built by repeatedly introducing neighbours of neighbours to each
 * other. Single-threaded, seeded and deterministic: the same input, settings and seed give the
 * same graph, bit for bit, on every engine.
 *
 * Internal module: `knnGraph` (knn-graph.ts) validates and calls it.
 */
import { LatentError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { nextUint32, rngState, type RngState } from '../core/random.js';
import type { Work } from '../core/task.js';
import { rowSqNorms } from '../distance/kernels.js';
import type { Metric, MetricFunction, MetricName } from '../distance/metric.js';
import { rowSqNorms32 } from './graph-rows.js';
import { heapOffer, heapSortAscending } from './heap.js';
import { EMPTY_TAG, candidatePush } from './nndescent-heap.js';
import { joinSlots, joinSpace, PAIR_OVERHEAD, WORK_PER_CHECKPOINT, type JoinSpace } from './nndescent-join.js';
import { rpForestInit } from './rp-forest.js';

/** Resolved settings of one NN-descent run. */
export interface NnDescentSettings {
  /** Neighbours per point, in [1, n − 1]. */
  k: number;
  /** Largest number of descent iterations. */
  nIters: number;
  /** Stop when an iteration changes at most `delta·n·k` heap entries. */
  delta: number;
  /** Size of each point's new and old candidate lists (⌈2ρk⌉ for sampling rate ρ). */
  maxCandidates: number;
  /** Random-projection trees of the starting graph (0: random start). */
  nTrees: number;
  /** Largest leaf of those trees. */
  leafSize: number;
  /** Seed of every random choice. */
  seed: number;
}

/** What a run returns: the graph, row-major n × k, nearest first (ties by lower index). */
export interface NnDescentGraph {
  /** Neighbour row numbers. */
  indices: Int32Array;
  /** Their distances in the public metric. */
  distances: Float64Array;
  /** Descent iterations run. */
  iterations: number;
}

/**
 * Bytes NN-descent keeps alive at once for n points (not counting the input): the neighbour
 * heaps, the candidate lists, the tree buffers, the join tile and the result.
 *
 * @internal
 * @param n - number of points
 * @param d - row length
 * @param s - settings
 * @returns bytes
 * @example
 * ```ts
 * nnDescentBytes(100000, 384, settings); // ≈ 1.1e8 (110 MB) with k = 15, maxCandidates = 30
 * ```
 */
export function nnDescentBytes(n: number, d: number, s: NnDescentSettings): number {
  const heaps = n * s.k * (8 + 4);
  const candidates = 2 * n * s.maxCandidates * (8 + 4);
  const trees = s.nTrees > 0 ? n * (4 + 4 + 8) : 0;
  const cap = tileRows(s);
  const result = n * s.k * (8 + 4);
  return heaps + candidates + trees + cap * (d + 4) * 8 + result + n * 8;
}

/** Rows the join tile must hold: a candidate join, a leaf, or a point with k random picks. */
function tileRows(s: NnDescentSettings): number {
  return Math.max(2 * s.maxCandidates, s.leafSize, s.k + 1);
}

/**
 * Builds an approximate k-nearest-neighbour graph of the rows of `X` (self excluded) by
 * NN-descent.
 *
 * 1. Start: the leaves of `nTrees` random-projection trees (rp-forest.ts), then k random
 *    distinct points for every point whose heap is not yet full.
 * 2. Each iteration: every point's neighbours, forward and reverse, are split into new (not yet
 *    joined) and old; a random sample of at most `maxCandidates` of each kind is kept (the
 *    sampling rate ρ); the sampled new neighbours are marked old. Then every pair of a point's
 *    candidates with at least one new member is compared, and each pair offered to both heaps.
 * 3. Stop after `nIters` iterations, or when an iteration changed at most `delta·n·k` entries.
 *
 * Time O(iterations·n·maxCandidates²·d) (in practice a few dozen distances per point per
 * iteration); memory O(n·(k + maxCandidates)) plus the input, which is read in place.
 *
 * @internal
 * @param fn - public function name
 * @param X - n × d data (n ≥ 2), validated finite (Float32 or Float64, read in place)
 * @param metric - the public metric
 * @param s - settings
 * @returns a generator yielding checkpoints and progress, returning the graph
 * @throws LatentError `E_RANGE` for `'cosine'` rows whose squared norm overflows; `E_RANGE` / `E_NOT_FINITE` from a misbehaving custom metric
 * @example
 * ```ts
 * const graph = runSync(nnDescent('knnGraph', X, 'euclidean', settings), { fn: 'knnGraph' });
 * ```
 */
export function* nnDescent(fn: string, X: Matrix, metric: Metric, s: NnDescentSettings): Work<NnDescentGraph> {
  const n = X.rows;
  const d = X.cols;
  const { k, maxCandidates: c } = s;
  yield { stage: 'init', completed: 0, total: 1 };
  let sqNorms: Float64Array | null = null;
  if (metric === 'cosine') {
    sqNorms = X.data instanceof Float32Array ? rowSqNorms32(X.data, n, d) : rowSqNorms(X.data, n, d);
    for (let i = 0; i < n; i++) {
      if (sqNorms[i] === Infinity) {
        throw new LatentError('E_RANGE', `${fn}: X rows must have finite squared norms for metric 'cosine', got Infinity at row ${i} (coordinates beyond ~1e154 overflow; rescale the data)`);
      }
    }
  }
  const inner: MetricName | MetricFunction = metric === 'euclidean' ? 'sqeuclidean' : metric;
  const sp = joinSpace(fn, X, inner, sqNorms, tileRows(s));
  const rng = rngState(s.seed);

  // Neighbour heaps: distances and tagged indices 2·index + new-flag (nndescent-heap.ts).
  const D = new Float64Array(n * k).fill(Infinity);
  const T = new Int32Array(n * k).fill(EMPTY_TAG);
  // Points are joined in the last tree's leaf order: consecutive points then share most of
  // their candidates, whose rows are still in cache (about a fifth less time, measured at
  // 30 000 × 384).
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (s.nTrees > 0) yield* rpForestInit(sp, n, metric === 'cosine', s.nTrees, s.leafSize, rng, D, T, k, order);
  yield* randomFill(sp, n, k, rng, D, T);

  const newP = new Float64Array(n * c);
  const newI = new Int32Array(n * c);
  const oldP = new Float64Array(n * c);
  const oldI = new Int32Array(n * c);
  const ids = new Int32Array(2 * c);
  let iterations = 0;
  for (let iter = 0; iter < s.nIters; iter++) {
    iterations++;
    yield* buildCandidates(n, k, c, rng, T, newP, newI, oldP, oldI);
    let changed = 0;
    let work = 0;
    for (let r = 0; r < n; r++) {
      const i = order[r]!;
      const off = i * c;
      let nNew = 0;
      for (let t = 0; t < c; t++) {
        const q = newI[off + t]!;
        if (q >= 0) ids[nNew++] = q;
      }
      if (nNew === 0) continue;
      let total = nNew;
      for (let t = 0; t < c; t++) {
        const q = oldI[off + t]!;
        if (q >= 0) ids[total++] = q;
      }
      changed += joinSlots(sp, ids, 0, nNew, total, D, T, k);
      work += (nNew * total + total) * (d + PAIR_OVERHEAD);
      if (work >= WORK_PER_CHECKPOINT) {
        work = 0;
        yield { stage: 'descent', completed: iter * n + r + 1, total: s.nIters * n };
      }
    }
    yield { stage: 'descent', completed: (iter + 1) * n, total: s.nIters * n };
    if (changed <= s.delta * n * k) break;
  }
  return finish(n, k, metric === 'euclidean', D, T, iterations);
}

/**
 * Fills every heap that still has empty slots with k distinct random other points (Floyd's
 * sampling: exactly k draws), computing their distances in one join per point.
 */
function* randomFill(sp: JoinSpace, n: number, k: number, rng: RngState, D: Float64Array, T: Int32Array): Work<void> {
  const ids = new Int32Array(k + 1);
  let work = 0;
  for (let i = 0; i < n; i++) {
    if (T[i * k]! >= 0) continue; // the root is the worst entry: full heap
    ids[0] = i;
    // Floyd: a k-subset of the n − 1 other points, as values v in [0, n − 1) mapped past i.
    let m = 1;
    for (let j = n - 1 - k; j < n - 1; j++) {
      const t = uniformBelow(rng, j + 1);
      let v = t >= i ? t + 1 : t;
      for (let u = 1; u < m; u++) {
        if (ids[u] === v) {
          v = j >= i ? j + 1 : j;
          break;
        }
      }
      ids[m++] = v;
    }
    joinSlots(sp, ids, 0, 1, k + 1, D, T, k);
    work += (k + 1) * (sp.d + PAIR_OVERHEAD);
    if (work >= WORK_PER_CHECKPOINT) {
      work = 0;
      yield undefined;
    }
  }
}

/** A uniform integer in [0, m) for m ≤ 2³² (Lemire's multiply-shift without rejection: bias below m / 2³²). */
function uniformBelow(rng: RngState, m: number): number {
  return Math.floor((nextUint32(rng) * m) / 4294967296);
}

/**
 * One sampling pass: every neighbour j of i, new or old, is offered to i's candidate list of its
 * kind and i to j's (reverse neighbours), with one random priority per edge; then the new
 * neighbours that made it into i's sample are marked old.
 */
function* buildCandidates(
  n: number,
  k: number,
  c: number,
  rng: RngState,
  T: Int32Array,
  newP: Float64Array,
  newI: Int32Array,
  oldP: Float64Array,
  oldI: Int32Array,
): Work<void> {
  newP.fill(Infinity);
  newI.fill(-1);
  oldP.fill(Infinity);
  oldI.fill(-1);
  const rowsPerCheckpoint = Math.max(1, Math.floor(WORK_PER_CHECKPOINT / (8 * k * (c + 4))));
  for (let i = 0; i < n; i++) {
    const off = i * k;
    for (let t = 0; t < k; t++) {
      const tag = T[off + t]!;
      if (tag < 0) continue;
      const j = tag >> 1;
      const prio = nextUint32(rng);
      if ((tag & 1) === 1) {
        candidatePush(newP, newI, i * c, c, prio, j);
        candidatePush(newP, newI, j * c, c, prio, i);
      } else {
        candidatePush(oldP, oldI, i * c, c, prio, j);
        candidatePush(oldP, oldI, j * c, c, prio, i);
      }
    }
    if ((i + 1) % rowsPerCheckpoint === 0) yield undefined;
  }
  for (let i = 0; i < n; i++) {
    const off = i * k;
    const co = i * c;
    for (let t = 0; t < k; t++) {
      const tag = T[off + t]!;
      if ((tag & 1) !== 1) continue;
      const j = tag >> 1;
      for (let u = 0; u < c; u++) {
        if (newI[co + u] === j) {
          T[off + t] = tag - 1; // now old
          break;
        }
      }
    }
    if ((i + 1) % rowsPerCheckpoint === 0) yield undefined;
  }
}

/** Sorts every row nearest first (ties by lower index) and takes square roots for euclidean. */
function finish(n: number, k: number, root: boolean, D: Float64Array, T: Int32Array, iterations: number): NnDescentGraph {
  const distances = new Float64Array(n * k);
  const indices = new Int32Array(n * k);
  for (let i = 0; i < n; i++) {
    const off = i * k;
    let size = 0;
    for (let t = 0; t < k; t++) {
      const dist = D[off + t]!;
      size = heapOffer(distances, indices, off, size, k, root ? Math.sqrt(dist) : dist, T[off + t]! >> 1);
    }
    heapSortAscending(distances, indices, off, size);
  }
  return { indices, distances, iterations };
}
