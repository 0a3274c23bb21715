/**
 * Random-projection trees as the starting graph of NN-descent (as pynndescent and umap-learn
 * do): each tree splits the points recursively by the hyperplane halfway between two random
 * points of the node (for cosine, the hyperplane through the origin between their directions)
 * until a leaf holds at most `leafSize` points; every pair inside a leaf is offered to the
 * neighbour heaps. Points that are close tend to share leaves, so a few trees give a starting
 * graph far better than random and NN-descent converges in fewer iterations. The trees are not
 * kept: each leaf is joined as soon as it is found.
 *
 * Internal module: arguments are not validated.
 */
import { nextDouble, type RngState } from '../core/random.js';
import type { Work } from '../core/task.js';
import { rowMargin32, rowMargin64, rowMargins4x32, rowMargins4x64 } from './graph-rows.js';
import { gatherSlots, joinSlots, PAIR_OVERHEAD, WORK_PER_CHECKPOINT, type JoinSpace } from './nndescent-join.js';

/**
 * Builds `nTrees` random-projection trees over the n points of `sp` and joins every leaf into
 * the neighbour heaps. O(nTrees·n·d·log(n / leafSize)) for the splits plus
 * O(nTrees·n·leafSize·d) for the leaves; O(n) extra memory.
 *
 * @internal
 * @param sp - the join space (its tile holds at least `leafSize` rows)
 * @param n - number of points
 * @param angular - split by directions (cosine) instead of positions
 * @param nTrees - number of trees
 * @param leafSize - largest leaf (≥ 2)
 * @param rng - random state (advanced)
 * @param D - neighbour-heap distances
 * @param T - neighbour-heap tagged indices
 * @param k - heap capacity
 * @param order - receives the points in the leaf order of the last tree (neighbours close together)
 * @returns a generator that yields at checkpoints and progress after each tree
 * @example
 * ```ts
 * yield* rpForestInit(sp, n, false, 8, 16, rng, D, T, k, order);
 * ```
 */
export function* rpForestInit(
  sp: JoinSpace,
  n: number,
  angular: boolean,
  nTrees: number,
  leafSize: number,
  rng: RngState,
  D: Float64Array,
  T: Int32Array,
  k: number,
  order: Int32Array,
): Work<void> {
  const d = sp.d;
  const perm = order;
  const tmp = new Int32Array(n);
  const stack = new Int32Array(2 * (n + 1));
  const w = new Float64Array(d);
  const pair = new Int32Array(2);
  const margins = new Float64Array(4);
  let work = 0;
  for (let tree = 0; tree < nTrees; tree++) {
    for (let i = 0; i < n; i++) perm[i] = i;
    let top = 0;
    stack[top++] = 0;
    stack[top++] = n;
    while (top > 0) {
      const e = stack[--top]!;
      const s = stack[--top]!;
      const m = e - s;
      if (m <= leafSize) {
        joinSlots(sp, perm, s, m, m, D, T, k);
        work += ((m * (m - 1)) / 2) * (d + PAIR_OVERHEAD);
      } else {
        const offset = hyperplane(sp, perm, s, m, angular, rng, w, pair);
        let left = s;
        let right = e;
        const end4 = s + ((m >> 2) << 2);
        for (let t = s; t < e; t++) {
          const p = perm[t]!;
          let margin: number;
          if (t < end4) {
            // Four rows per pass over w.
            if (((t - s) & 3) === 0) {
              if (sp.X32 !== null) rowMargins4x32(sp.X32, perm, t, w, offset, d, margins);
              else rowMargins4x64(sp.X64!, perm, t, w, offset, d, margins);
            }
            margin = margins[(t - s) & 3]!;
          } else {
            margin = sp.X32 !== null ? rowMargin32(sp.X32, p, w, offset, d) : rowMargin64(sp.X64!, p, w, offset, d);
          }
          // A point on the hyperplane goes to a random side.
          const goLeft = margin > 0 || (margin === 0 && nextDouble(rng) < 0.5);
          if (goLeft) tmp[left++] = p;
          else tmp[--right] = p;
        }
        let mid = left;
        // All points on one side (duplicates, or a degenerate hyperplane): split in halves.
        if (mid === s || mid === e) mid = s + (m >> 1);
        for (let t = s; t < e; t++) perm[t] = tmp[t]!;
        stack[top++] = s;
        stack[top++] = mid;
        stack[top++] = mid;
        stack[top++] = e;
        work += m * (d + 4);
      }
      if (work >= WORK_PER_CHECKPOINT) {
        work = 0;
        yield undefined;
      }
    }
    yield { stage: 'trees', completed: tree + 1, total: nTrees };
  }
}

/**
 * Writes the normal of a random split of `perm[s … s+m)` into `w` and returns its offset: for
 * positions, the perpendicular bisector of two random distinct points (w = a − b, offset
 * −w·(a + b)/2); for directions, w = a/‖a‖ − b/‖b‖ through the origin.
 */
function hyperplane(sp: JoinSpace, perm: Int32Array, s: number, m: number, angular: boolean, rng: RngState, w: Float64Array, pair: Int32Array): number {
  const d = sp.d;
  const ia = Math.floor(nextDouble(rng) * m);
  let ib = Math.floor(nextDouble(rng) * (m - 1));
  if (ib >= ia) ib++;
  const a = perm[s + ia]!;
  const b = perm[s + ib]!;
  // Two tile slots hold the rows (the tile is free between joins).
  pair[0] = a;
  pair[1] = b;
  gatherSlots(sp, pair, 0, 2);
  const S = sp.S;
  if (angular) {
    const na = sp.sqNorms![a]!;
    const nb = sp.sqNorms![b]!;
    const sa = na > 0 ? 1 / Math.sqrt(na) : 0;
    const sb = nb > 0 ? 1 / Math.sqrt(nb) : 0;
    for (let c = 0; c < d; c++) w[c] = S[c]! * sa - S[d + c]! * sb;
    return 0;
  }
  let off = 0;
  for (let c = 0; c < d; c++) {
    const x = S[c]!;
    const y = S[d + c]!;
    const wc = x - y;
    w[c] = wc;
    off -= (wc * (x + y)) / 2;
  }
  return off;
}
