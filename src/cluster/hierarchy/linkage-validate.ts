/**
 * Validation of a linkage matrix `Z` received by a public function (cutTree, cophenetic,
 * leafOrder, dendrogramSvg), so a corrupt tree fails loudly instead of looping or indexing
 * out of range.
 */
import { LatentError, describe } from '../../core/errors.js';
import { asMatrix64, type MatrixLike } from '../../core/matrix.js';

/** A validated linkage matrix: its row-major data and the number of points. */
export interface CheckedLinkage {
  /** (n−1)×4 row-major `[a, b, height, size]` rows. */
  data: Float64Array;
  /** Number of points (leaves), rows + 1. */
  n: number;
}

/**
 * Checks that `Z` is a valid scipy linkage matrix: 4 columns; in row i, children are two
 * different integers in [0, n + i), each used once in the whole matrix; the height is finite
 * and ≥ 0; the size equals the sum of the children's sizes. An empty `Z` (0 rows) is the tree
 * of a single point.
 *
 * O(n).
 *
 * @param fn - public function name for messages
 * @param Z - the received linkage matrix (Matrix or `number[][]`, e.g. from scipy)
 * @returns the data and the number of points
 * @throws LatentError `E_TYPE`/`E_SHAPE`/`E_NOT_FINITE` for a malformed matrix, `E_RANGE` for
 * bad children, negative heights or wrong sizes
 * @example
 * ```ts
 * checkLinkage('cutTree', [[0, 1, 1, 2]]).n; // 2
 * ```
 * @see scipy.cluster.hierarchy.is_valid_linkage
 */
export function checkLinkage(fn: string, Z: MatrixLike): CheckedLinkage {
  const m = asMatrix64(Z, fn, 'Z');
  const rows = m.rows;
  const n = rows + 1;
  if (rows === 0) return { data: new Float64Array(0), n: 1 };
  if (m.cols !== 4) throw new LatentError('E_SHAPE', `${fn}: Z must have 4 columns [a, b, height, size], got ${m.cols}`);
  const d = m.data;
  const used = new Uint8Array(2 * n - 1);
  const size = new Float64Array(n - 1);
  for (let i = 0; i < rows; i++) {
    const o = i * 4;
    const a = d[o]!;
    const b = d[o + 1]!;
    for (const c of [a, b]) {
      if (!Number.isInteger(c) || c < 0 || c >= n + i) {
        throw new LatentError('E_RANGE', `${fn}: Z row ${i} must join cluster ids that are integers in [0, ${n + i - 1}], got ${describe(c)}`);
      }
      if (used[c] === 1) throw new LatentError('E_RANGE', `${fn}: Z uses cluster ${c} more than once (row ${i})`);
      used[c] = 1;
    }
    if (a === b) throw new LatentError('E_RANGE', `${fn}: Z row ${i} joins cluster ${a} with itself`);
    const h = d[o + 2]!;
    if (h < 0) throw new LatentError('E_RANGE', `${fn}: Z heights must be >= 0, got ${describe(h)} at row ${i}`);
    const s = (a < n ? 1 : size[a - n]!) + (b < n ? 1 : size[b - n]!);
    if (d[o + 3] !== s) throw new LatentError('E_RANGE', `${fn}: Z row ${i} size must be ${s} (the sum of its children's sizes), got ${describe(d[o + 3])}`);
    size[i] = s;
  }
  return { data: d, n };
}
