/**
 * Müllner's generic clustering algorithm (nearest-neighbour candidates kept in a binary
 * heap of lower bounds), for the non-reducible methods centroid and median, as scipy's
 * `fast_linkage`.
 */
import { LatentError } from '../../core/errors.js';
import { updateCondensed } from './lance-williams.js';
import { condensedRowOffset } from '../../distance/square.js';
import { runSync, type Work } from '../../core/task.js';

/**
 * Merges in the order a stored-matrix agglomeration would make them, for methods whose
 * cluster distances can shrink after a merge (centroid, median): every cluster keeps a
 * candidate nearest neighbour among higher indices and a lower bound of that distance in a
 * min-heap; a popped candidate whose bound is stale is recomputed and pushed back. Rows come
 * out in merge order (heights need not increase), cluster ids as scipy assigns them. The
 * heap, scans and tie-breaking reproduce scipy's, so `Z` is the same.
 *
 * O(n²) time in practice (O(n³) worst case, as for scipy and fastcluster), O(n) memory
 * besides `D`.
 *
 * @param D - condensed distances (scipy order), length n(n−1)/2; overwritten
 * @param n - number of points, ≥ 2
 * @param code - method code (any; used for centroid and median)
 * @returns the (n−1)×4 row-major data of `Z`
 * @throws LatentError `E_CONVERGENCE` when no finite distance is left (NaN input; public entry points reject it first)
 * @example
 * ```ts
 * genericLinkage(new Float64Array([1, 4, 2]), 3, METHOD_CODE.centroid);
 * // Float64Array [0, 1, 1, 2, 2, 3, 3.122498999199199, 3]
 * ```
 * @see Müllner (2011), "Modern hierarchical, agglomerative clustering algorithms", §3.1 (Generic-linkage)
 * @see scipy.cluster._hierarchy.fast_linkage
 */
export function genericLinkage(D: Float64Array, n: number, code: number): Float64Array {
  return runSync(genericLinkageWork(D, n, code), { fn: 'linkage' });
}

/**
 * {@link genericLinkage} as resumable work: yields a progress report every 128 merges.
 *
 * @param D - see {@link genericLinkage}
 * @param n - see {@link genericLinkage}
 * @param code - see {@link genericLinkage}
 * @returns the work, whose result is the merges
 */
export function* genericLinkageWork(D: Float64Array, n: number, code: number): Work<Float64Array> {
  const z = new Float64Array((n - 1) * 4);
  const size = new Int32Array(n).fill(1);
  const clusterId = new Int32Array(n);
  for (let i = 0; i < n; i++) clusterId[i] = i;
  // Active clusters as an ascending doubly linked list; n is the end sentinel.
  const next = new Int32Array(n + 1);
  const prev = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  let head = 0;

  const m = n - 1;
  const neighbor = new Int32Array(m);
  const minDist = new Float64Array(m);
  for (let x = 0; x < m; x++) {
    const r = condensedRowOffset(n, x);
    let best = Infinity;
    let arg = -1;
    for (let i = x + 1; i < n; i++) {
      const d = D[r + i]!;
      if (d < best) {
        best = d;
        arg = i;
      }
    }
    neighbor[x] = arg;
    minDist[x] = best;
  }
  const heap = new MinHeap(minDist);

  for (let k = 0; k < m; k++) {
    // A checkpoint every 128 merges (each is O(n)): abort and progress for long runs.
    if ((k & 127) === 127) yield { stage: 'merge', completed: k, total: n - 1 };
    let x = 0;
    let y = 0;
    let dist = 0;
    // Find the closest pair: at most n − k stale candidates are refreshed.
    for (let i = 0; i < n - k; i++) {
      x = heap.minKey();
      dist = heap.minValue();
      y = neighbor[x]!;
      if (dist === D[condensedRowOffset(n, x) + y]) break;
      // Recompute x's nearest neighbour among active higher indices.
      const r = condensedRowOffset(n, x);
      let best = Infinity;
      let arg = -1;
      for (let j = next[x]!; j < n; j = next[j]!) {
        const d = D[r + j]!;
        if (d < best) {
          best = d;
          arg = j;
        }
      }
      y = arg;
      dist = best;
      neighbor[x] = y;
      minDist[x] = dist;
      heap.change(x, dist);
    }
    if (y < 0) throw new LatentError('E_CONVERGENCE', 'linkage: no finite distance between the remaining clusters (NaN input?)');
    heap.removeMin();

    let idX = clusterId[x]!;
    let idY = clusterId[y]!;
    const nx = size[x]!;
    const ny = size[y]!;
    if (idX > idY) {
      const t = idX;
      idX = idY;
      idY = t;
    }
    const o = k * 4;
    z[o] = idX;
    z[o + 1] = idY;
    z[o + 2] = dist;
    z[o + 3] = nx + ny;
    size[x] = 0;
    size[y] = nx + ny;
    clusterId[y] = n + k;
    const px = prev[x]!;
    const nxt = next[x]!;
    if (px < 0) head = nxt;
    else next[px] = nxt;
    prev[nxt] = px;

    // D(z, x ∪ y) into y's slots; x < y because candidates have higher indices.
    updateCondensed(D, n, code, head, next, size, x, y, dist, nx, ny);
    const rowY = condensedRowOffset(n, y);
    let j = head;

    // Candidates that pointed at x now point at y (a guess, checked when popped).
    for (; j < x; j = next[j]!) {
      if (neighbor[j] === x) neighbor[j] = y;
    }
    // Lower bounds may only drop through the new cluster.
    for (j = head; j < y; j = next[j]!) {
      const d = D[condensedRowOffset(n, j) + y]!;
      if (d < minDist[j]!) {
        neighbor[j] = y;
        minDist[j] = d;
        heap.change(j, d);
      }
    }
    // y's own candidate among higher indices.
    if (y < n - 1) {
      let best = Infinity;
      let arg = -1;
      for (j = next[y]!; j < n; j = next[j]!) {
        const d = D[rowY + j]!;
        if (d < best) {
          best = d;
          arg = j;
        }
      }
      if (arg !== -1) {
        neighbor[y] = arg;
        minDist[y] = best;
        heap.change(y, best);
      }
    }
  }
  return z;
}


/**
 * Binary min-heap over keys 0..m−1 with changeable values; sift rules (strict comparisons,
 * left child preferred on ties) are scipy's `Heap`, so equal values pop in the same order.
 */
class MinHeap {
  private readonly values: Float64Array;
  private readonly keyAt: Int32Array;
  private readonly indexOf: Int32Array;
  private size: number;

  constructor(values: Float64Array) {
    const m = values.length;
    this.values = values.slice();
    this.keyAt = new Int32Array(m);
    this.indexOf = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      this.keyAt[i] = i;
      this.indexOf[i] = i;
    }
    this.size = m;
    for (let i = (m >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  minKey(): number {
    return this.keyAt[0]!;
  }

  minValue(): number {
    return this.values[0]!;
  }

  removeMin(): void {
    this.swap(0, this.size - 1);
    this.size--;
    this.siftDown(0);
  }

  change(key: number, value: number): void {
    const index = this.indexOf[key]!;
    const old = this.values[index]!;
    this.values[index] = value;
    if (value < old) this.siftUp(index);
    else this.siftDown(index);
  }

  private siftUp(index: number): void {
    const v = this.values;
    let parent = (index - 1) >> 1;
    while (index > 0 && v[parent]! > v[index]!) {
      this.swap(index, parent);
      index = parent;
      parent = (index - 1) >> 1;
    }
  }

  private siftDown(index: number): void {
    const v = this.values;
    let child = 2 * index + 1;
    while (child < this.size) {
      if (child + 1 < this.size && v[child + 1]! < v[child]!) child++;
      if (v[index]! > v[child]!) {
        this.swap(index, child);
        index = child;
        child = 2 * index + 1;
      } else {
        break;
      }
    }
  }

  private swap(i: number, j: number): void {
    const v = this.values;
    const t = v[i]!;
    v[i] = v[j]!;
    v[j] = t;
    const ki = this.keyAt[i]!;
    const kj = this.keyAt[j]!;
    this.keyAt[i] = kj;
    this.keyAt[j] = ki;
    this.indexOf[ki] = j;
    this.indexOf[kj] = i;
  }
}
