/**
 * Initial medoids: PAM's BUILD, a k-means++-style seeding, or random rows.
 */
import { nextDouble, type RngState } from '../../core/random.js';
import { dist, distRow, type PairwiseDistances } from './kmedoids-core.js';
import { cumulativeSums, distinctIndices, drawUnchosen, drawWeighted, identity, partialShuffle } from '../../core/sampling.js';
import { runSync, type Work } from '../../core/task.js';

/** BUILD gain of candidate j: Σ max(0, near[o] − d(o, j)), summed in index order. */
function buildGain(c: PairwiseDistances, j: number, near: Float64Array, buf: Float64Array): number {
  const row = distRow(c, j, buf);
  const n = c.n;
  let g = 0;
  for (let o = 0; o < n; o++) {
    const v = near[o]! - row[o]!;
    // max(v, 0) without a branch, exactly: (v + |v|) / 2 is 2v / 2 or 0. A branch here is
    // mispredicted often enough to cost 4× (measured).
    g += (v + Math.abs(v)) * 0.5;
  }
  return g;
}

/** Max-heap order: larger gain first, then the lower index. */
function above(gain: Float64Array, a: number, b: number): boolean {
  return gain[a]! > gain[b]! || (gain[a] === gain[b] && a < b);
}

function siftDown(heap: Int32Array, size: number, gain: Float64Array, pos: number): void {
  const item = heap[pos]!;
  for (;;) {
    let child = 2 * pos + 1;
    if (child >= size) break;
    if (child + 1 < size && above(gain, heap[child + 1]!, heap[child]!)) child++;
    if (!above(gain, heap[child]!, item)) break;
    heap[pos] = heap[child]!;
    pos = child;
  }
  heap[pos] = item;
}

/**
 * PAM's BUILD: the first medoid minimises the total distance to all points; each next one is
 * the point that lowers the total cost most (ties: the lowest index; when no point lowers it,
 * the first non-medoid).
 *
 * The gain of a candidate can only shrink as medoids are added (the objective is
 * submodular), so gains from earlier steps are upper bounds: candidates sit in a max-heap by
 * bound and only the top is re-evaluated until a freshly computed gain stays on top ("lazy
 * greedy", Minoux 1978). The choice is exactly BUILD's — the bounds hold in floating point
 * too, since every gain is summed in the same order from terms that only decrease — at
 * typically two passes over the distances instead of k. O(k·n²) worst case, O(n) memory.
 *
 * @param c - distances
 * @param k - number of medoids
 * @returns medoid row indices
 * @see Kaufman & Rousseeuw, "Finding Groups in Data" (1990), ch. 2
 */
export function buildInit(c: PairwiseDistances, k: number): Int32Array {
  return runSync(buildInitWork(c, k), { fn: 'kmedoids' });
}

/**
 * {@link buildInit} as resumable work, with a checkpoint every 256 candidates.
 *
 * @param c - see {@link buildInit}
 * @param k - see {@link buildInit}
 * @returns the work
 */
export function* buildInitWork(c: PairwiseDistances, k: number): Work<Int32Array> {
  const n = c.n;
  const med = new Int32Array(k);
  const near = new Float64Array(n);
  const buf = new Float64Array(n);
  // First medoid: smallest row sum (ties: the lowest index).
  let first = 0;
  let firstSum = Infinity;
  for (let i = 0; i < n; i++) {
    const row = distRow(c, i, buf);
    if ((i & 255) === 255) yield undefined;
    let s = 0;
    for (let o = 0; o < n; o++) s += row[o]!;
    if (s < firstSum) {
      firstSum = s;
      first = i;
    }
  }
  med[0] = first;
  near.set(distRow(c, first, buf));
  if (k === 1) return med;
  // Max-heap of candidates by (gain bound desc, index asc); `stamp` = step of the last exact gain.
  const gain = new Float64Array(n);
  const stamp = new Int32Array(n).fill(-1);
  const heap = new Int32Array(n);
  let size = 0;
  for (let j = 0; j < n; j++) {
    if (j === first) continue;
    if ((j & 255) === 255) yield undefined;
    gain[j] = buildGain(c, j, near, buf);
    stamp[j] = 1;
    heap[size++] = j;
  }
  for (let p = (size >> 1) - 1; p >= 0; p--) siftDown(heap, size, gain, p);
  for (let m = 1; m < k; m++) {
    yield undefined;
    // Re-evaluate the top until its gain is exact for this step.
    while (stamp[heap[0]!] !== m) {
      const j = heap[0]!;
      gain[j] = buildGain(c, j, near, buf);
      stamp[j] = m;
      siftDown(heap, size, gain, 0);
    }
    const best = heap[0]!;
    med[m] = best;
    heap[0] = heap[--size]!;
    if (size > 0) siftDown(heap, size, gain, 0);
    const row = distRow(c, best, buf);
    for (let o = 0; o < n; o++) if (row[o]! < near[o]!) near[o] = row[o]!;
  }
  return med;
}

/**
 * k-means++-style seeding for medoids: the first medoid is a uniformly random point; each next
 * one is the best (by resulting total distance) of `2 + ⌊ln k⌋` points drawn with probability
 * proportional to their distance to the nearest medoid so far (a random unused point when all
 * distances are 0). O(k·log k·n).
 *
 * @param c - distances
 * @param k - number of medoids
 * @param state - random state (advanced)
 * @returns medoid row indices
 * @see Arthur & Vassilvitskii (2007); sklearn_extra.cluster.KMedoids(init="k-medoids++")
 */
export function plusPlusInit(c: PairwiseDistances, k: number, state: RngState): Int32Array {
  const n = c.n;
  const trials = 2 + Math.floor(Math.log(k));
  const med = new Int32Array(k);
  const isMed = new Uint8Array(n);
  const near = new Float64Array(n);
  const cumsum = new Float64Array(n);
  const cand = new Float64Array(n);
  const bestNear = new Float64Array(n);
  const first = Math.min(n - 1, Math.floor(nextDouble(state) * n));
  med[0] = first;
  isMed[first] = 1;
  for (let o = 0; o < n; o++) near[o] = dist(c, o, first);
  for (let m = 1; m < k; m++) {
    const pot = cumulativeSums(near, cumsum, n);
    let pick = -1;
    if (!(pot > 0)) {
      pick = drawUnchosen(state, isMed, n, m);
      med[m] = pick;
      isMed[pick] = 1;
      continue;
    }
    let bestCost = Infinity;
    for (let t = 0; t < trials; t++) {
      const lo = drawWeighted(state, cumsum, near, pot, n);
      let s = 0;
      for (let o = 0; o < n; o++) {
        const v = dist(c, o, lo);
        const w = v < near[o]! ? v : near[o]!;
        cand[o] = w;
        s += w;
      }
      if (s < bestCost) {
        bestCost = s;
        pick = lo;
        bestNear.set(cand);
      }
    }
    med[m] = pick;
    isMed[pick] = 1;
    near.set(bestNear);
  }
  return med;
}

/**
 * LAB, the "linear approximate BUILD" of FastPAM: BUILD's greedy choice made on a fresh random
 * sample of `10 + ⌈√n⌉` non-medoids for each medoid (gains measured on that sample only).
 * O(k·(n + (10 + √n)²)) time: linear in n, against BUILD's O(k·n²), at a small cost in
 * starting quality that FasterPAM's swaps usually recover.
 *
 * @param c - distances
 * @param k - number of medoids
 * @param state - random state (advanced)
 * @returns medoid row indices
 * @see Schubert & Rousseeuw, "Faster k-Medoids Clustering: Improving the PAM, CLARA, and
 * CLARANS Algorithms", SISAP 2019, Algorithm 3
 */
export function labInit(c: PairwiseDistances, k: number, state: RngState): Int32Array {
  const n = c.n;
  const m = Math.min(n, 10 + Math.ceil(Math.sqrt(n)));
  const med = new Int32Array(k);
  const near = new Float64Array(n).fill(Infinity);
  const buf = new Float64Array(n);
  // Pool of non-medoids: positions [0, free) of `pool`; a partial Fisher–Yates draws the sample.
  const pool = identity(n);
  let free = n;
  for (let q = 0; q < k; q++) {
    const size = Math.min(m, free);
    partialShuffle(state, pool, free, size);
    let best = 0;
    let bestGain = Infinity;
    for (let s = 0; s < size; s++) {
      const j = pool[s]!;
      let gain = 0;
      for (let r = 0; r < size; r++) {
        if (r === s) continue;
        const o = pool[r]!;
        const dj = dist(c, o, j);
        if (q === 0) {
          gain += dj;
        } else {
          const v = dj - near[o]!;
          if (v < 0) gain += v;
        }
      }
      if (gain < bestGain) {
        bestGain = gain;
        best = s;
      }
    }
    const pick = pool[best]!;
    med[q] = pick;
    // Remove the medoid from the pool.
    pool[best] = pool[free - 1]!;
    pool[free - 1] = pick;
    free--;
    const row = distRow(c, pick, buf);
    for (let o = 0; o < n; o++) if (row[o]! < near[o]!) near[o] = row[o]!;
  }
  return med;
}

/**
 * k distinct points chosen uniformly at random. O(n).
 *
 * @param n - number of points
 * @param k - number of medoids
 * @param state - random state (advanced)
 * @returns medoid row indices
 */
export function randomInit(n: number, k: number, state: RngState): Int32Array {
  return distinctIndices(state, n, k);
}
