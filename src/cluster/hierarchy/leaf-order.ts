/**
 * The left-to-right order of the leaves of a linkage tree (scipy's `leaves_list`).
 */
import type { MatrixLike } from '../../core/matrix.js';
import { checkLinkage } from './linkage-validate.js';

/**
 * The points in the order they appear along a dendrogram of `Z`, left to right: a
 * depth-first walk from the root that visits `Z[i, 0]` before `Z[i, 1]`. Uses an explicit
 * stack, so trees of any depth (a chain of 60 000 merges) work without recursion.
 *
 * O(n) time and memory.
 *
 * @param Z - a linkage matrix from {@link linkage} (or scipy), (n−1) × 4
 * @returns the n point indices in dendrogram order
 * @throws LatentError `E_SHAPE`/`E_RANGE`/`E_NOT_FINITE` when `Z` is not a valid linkage matrix
 * @example
 * ```ts
 * const Z = linkage([[0, 0], [4, 0], [0, 1], [4, 2]], { method: 'average' });
 * leafOrder(Z); // Int32Array [0, 2, 1, 3]
 * ```
 * @see scipy.cluster.hierarchy.leaves_list
 */
export function leafOrder(Z: MatrixLike): Int32Array {
  const { data, n } = checkLinkage('leafOrder', Z);
  return leafOrderOf(data, n);
}

/**
 * {@link leafOrder} on validated data (no checks).
 *
 * @param data - (n−1)×4 row-major linkage rows
 * @param n - number of points
 * @returns the n point indices in dendrogram order
 * @example
 * ```ts
 * leafOrderOf(new Float64Array([0, 1, 1, 2]), 2); // Int32Array [0, 1]
 * ```
 */
export function leafOrderOf(data: Float64Array, n: number): Int32Array {
  const out = new Int32Array(n);
  if (n === 1) return out;
  const stack = new Int32Array(n);
  let top = 0;
  stack[top++] = 2 * n - 2;
  let p = 0;
  while (top > 0) {
    const node = stack[--top]!;
    if (node < n) {
      out[p++] = node;
    } else {
      const o = (node - n) * 4;
      stack[top++] = data[o + 1]!; // right, visited after
      stack[top++] = data[o]!; // left, visited first
    }
  }
  return out;
}
