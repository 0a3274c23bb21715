/**
 * The nearest-neighbour-chain algorithm for the reducible linkage methods (complete,
 * average, weighted, ward), as scipy's `nn_chain`.
 */
import { LatentError } from '../../core/errors.js';
import { sortAndLabel } from './linkage-label.js';
import { updateCondensed, updateSquare } from './lance-williams.js';
import { runSync, type Work } from '../../core/task.js';

/**
 * Merges of a reducible linkage method by following chains of nearest neighbours until two
 * clusters are each other's nearest, merging them, and continuing from the rest of the
 * chain. Works in place on `D`, which on return holds garbage. The chain starts, the scan
 * order and the tie-breaking (prefer the previous chain element, then the lowest index) are
 * scipy's, so the merges — and after {@link sortAndLabel}, `Z` — are the same.
 *
 * O(n²) time (at most 3n nearest-neighbour scans over the active clusters, each O(n)),
 * O(n) memory besides `D`.
 *
 * @param D - condensed distances (scipy order), length n(n−1)/2; overwritten
 * @param n - number of points, ≥ 2
 * @param code - method code (complete, average, weighted or ward)
 * @returns the (n−1)×4 row-major data of `Z`
 * @throws LatentError `E_CONVERGENCE` if a chain grows past n (impossible for finite input)
 * @example
 * ```ts
 * nnChainLinkage(new Float64Array([1, 4, 2]), 3, METHOD_CODE.complete); // Float64Array [0, 1, 1, 2, 2, 3, 4, 3]
 * ```
 * @see Müllner (2011), "Modern hierarchical, agglomerative clustering algorithms", §3.2 (NN-chain-linkage)
 * @see scipy.cluster._hierarchy.nn_chain
 */
export function nnChainLinkage(D: Float64Array, n: number, code: number): Float64Array {
  return runSync(nnChainLinkageWork(D, n, code), { fn: 'linkage' });
}

/**
 * {@link nnChainLinkage} as resumable work: yields a progress report every 128 merges.
 *
 * @param D - see {@link nnChainLinkage}
 * @param n - see {@link nnChainLinkage}
 * @param code - see {@link nnChainLinkage}
 * @returns the work, whose result is the merges
 */
export function* nnChainLinkageWork(D: Float64Array, n: number, code: number): Work<Float64Array> {
  const merges = new Float64Array((n - 1) * 4);
  const size = new Int32Array(n).fill(1);
  // Active clusters as an ascending doubly linked list; n is the end sentinel.
  const next = new Int32Array(n + 1);
  const prev = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  let head = 0;
  const chain = new Int32Array(n);
  let len = 0;

  for (let k = 0; k < n - 1; k++) {
    // A checkpoint every 128 merges (each is O(n)): abort and progress for long runs.
    if ((k & 127) === 127) yield { stage: 'merge', completed: k, total: n - 1 };
    if (len === 0) {
      chain[0] = head;
      len = 1;
    }
    let x = 0;
    let y = 0;
    let min = Infinity;
    let found = false;
    // A chain's distances strictly decrease, so it never repeats a cluster: ≤ n steps.
    for (let step = 0; step < n; step++) {
      x = chain[len - 1]!;
      const rowX = n * x - (x * (x + 1)) / 2 - x - 1; // (x, i), i > x, at rowX + i
      if (len > 1) {
        y = chain[len - 2]!;
        min = y < x ? D[n * y - (y * (y + 1)) / 2 + x - y - 1]! : D[rowX + y]!;
      } else {
        y = -1;
        min = Infinity;
      }
      for (let i = head; i < x; i = next[i]!) {
        const d = D[n * i - (i * (i + 1)) / 2 + x - i - 1]!;
        if (d < min) {
          min = d;
          y = i;
        }
      }
      for (let i = next[x]!; i < n; i = next[i]!) {
        const d = D[rowX + i]!;
        if (d < min) {
          min = d;
          y = i;
        }
      }
      if (y < 0) break; // no finite distance to any other cluster (NaN input)
      if (len > 1 && y === chain[len - 2]) {
        found = true;
        break;
      }
      chain[len++] = y;
    }
    if (!found) throw new LatentError('E_CONVERGENCE', 'linkage: nearest-neighbour chain did not close (non-finite distances?)');
    len -= 2;
    if (x > y) {
      const t = x;
      x = y;
      y = t;
    }
    const nx = size[x]!;
    const ny = size[y]!;
    const o = k * 4;
    merges[o] = x;
    merges[o + 1] = y;
    merges[o + 2] = min;
    size[x] = 0;
    size[y] = nx + ny;
    // Unlink x.
    const px = prev[x]!;
    const nxt = next[x]!;
    if (px < 0) head = nxt;
    else next[px] = nxt;
    prev[nxt] = px;

    // D(i, x ∪ y) for every other active i, stored in y's slots. x < y throughout.
    updateCondensed(D, n, code, head, next, size, x, y, min, nx, ny);
  }
  return sortAndLabel(merges, n);
}

/**
 * {@link nnChainLinkage} on a full symmetric n×n working matrix instead of the condensed
 * array: every nearest-neighbour scan reads one contiguous row (the condensed layout reads
 * half of each scan down a column, one cache miss per entry), about twice as fast for
 * n in the thousands, at twice the memory. Same scans, same tie-breaking, same arithmetic:
 * the output is bit-for-bit that of {@link nnChainLinkage}.
 *
 * O(n²) time, the n² matrix plus O(n) memory.
 *
 * @param S - n×n row-major symmetric distances (from `expandToSquare` or `squareFromPoints`); overwritten
 * @param n - number of points, ≥ 2
 * @param code - method code (complete, average, weighted or ward)
 * @returns the (n−1)×4 row-major data of `Z`
 * @throws LatentError `E_CONVERGENCE` if a chain grows past n (impossible for finite input)
 * @example
 * ```ts
 * nnChainSquareLinkage(expandToSquare(new Float64Array([1, 4, 2]), 3), 3, METHOD_CODE.complete);
 * // Float64Array [0, 1, 1, 2, 2, 3, 4, 3]
 * ```
 * @see scipy.cluster._hierarchy.nn_chain
 */
export function nnChainSquareLinkage(S: Float64Array, n: number, code: number): Float64Array {
  return runSync(nnChainSquareLinkageWork(S, n, code), { fn: 'linkage' });
}

/**
 * {@link nnChainSquareLinkage} as resumable work: yields a progress report every 128 merges.
 *
 * @param S - see {@link nnChainSquareLinkage}
 * @param n - see {@link nnChainSquareLinkage}
 * @param code - see {@link nnChainSquareLinkage}
 * @returns the work, whose result is the merges
 */
export function* nnChainSquareLinkageWork(S: Float64Array, n: number, code: number): Work<Float64Array> {
  const merges = new Float64Array((n - 1) * 4);
  const size = new Int32Array(n).fill(1);
  const next = new Int32Array(n + 1);
  const prev = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  let head = 0;
  const chain = new Int32Array(n);
  let len = 0;

  for (let k = 0; k < n - 1; k++) {
    // A checkpoint every 128 merges (each is O(n)): abort and progress for long runs.
    if ((k & 127) === 127) yield { stage: 'merge', completed: k, total: n - 1 };
    if (len === 0) {
      chain[0] = head;
      len = 1;
    }
    let x = 0;
    let y = 0;
    let min = Infinity;
    let found = false;
    for (let step = 0; step < n; step++) {
      x = chain[len - 1]!;
      const rx = x * n;
      if (len > 1) {
        y = chain[len - 2]!;
        min = S[rx + y]!;
      } else {
        y = -1;
        min = Infinity;
      }
      for (let i = head; i < x; i = next[i]!) {
        const d = S[rx + i]!;
        if (d < min) {
          min = d;
          y = i;
        }
      }
      for (let i = next[x]!; i < n; i = next[i]!) {
        const d = S[rx + i]!;
        if (d < min) {
          min = d;
          y = i;
        }
      }
      if (y < 0) break; // no finite distance to any other cluster (NaN input)
      if (len > 1 && y === chain[len - 2]) {
        found = true;
        break;
      }
      chain[len++] = y;
    }
    if (!found) throw new LatentError('E_CONVERGENCE', 'linkage: nearest-neighbour chain did not close (non-finite distances?)');
    len -= 2;
    if (x > y) {
      const t = x;
      x = y;
      y = t;
    }
    const nx = size[x]!;
    const ny = size[y]!;
    const o = k * 4;
    merges[o] = x;
    merges[o + 1] = y;
    merges[o + 2] = min;
    size[x] = 0;
    size[y] = nx + ny;
    const px = prev[x]!;
    const nxt = next[x]!;
    if (px < 0) head = nxt;
    else next[px] = nxt;
    prev[nxt] = px;

    // Row y (contiguous) and column y (for the other rows' scans) get D(i, x ∪ y).
    updateSquare(S, n, code, head, next, size, x, y, min, nx, ny);
  }
  return sortAndLabel(merges, n);
}
