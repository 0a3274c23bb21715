/**
 * LLE's cost matrix M = BᵀB from the sparse rows of B (standard LLE: B = I − W; modified LLE: one
 * row per local weight vector), as a symmetric CSR matrix.
 */
import { assertMemory } from '../core/memory.js';
import { csrTranspose, type CsrMatrix } from '../core/sparse.js';

/**
 * `BᵀB` for a sparse m × n matrix B, in CSR form with sorted columns (Gustavson's row-by-row
 * product on Bᵀ). O(Σᵢ nnz(row i of B)²) time — n·(k + 1)² for standard LLE — and memory of the
 * result; exactly symmetric (both triangles from the same sums).
 *
 * @param B - the factor
 * @param fn - public function name for the memory error
 * @param memoryLimit - budget in bytes for M (checked once its exact size is counted)
 * @returns M = BᵀB (n × n)
 * @throws LatentError `E_MEMORY` when M would exceed `memoryLimit`
 * @example
 * ```ts
 * const B = csrFromTriplets(1, 2, new Int32Array([0, 0]), new Int32Array([0, 1]), new Float64Array([1, -1]));
 * lleCostMatrix(B, 'lle', 2 ** 32).values; // Float64Array [1, -1, -1, 1]
 * ```
 */
export function lleCostMatrix(B: CsrMatrix, fn: string, memoryLimit: number): CsrMatrix {
  const n = B.cols;
  const Bt = csrTranspose(B);
  const { offsets: bo, indices: bi, values: bv } = B;
  const { offsets: to, indices: ti, values: tv } = Bt;
  const mark = new Int32Array(n).fill(-1);
  const offsets = new Int32Array(n + 1);
  for (let a = 0; a < n; a++) {
    let c = 0;
    for (let p = to[a]!; p < to[a + 1]!; p++) {
      const i = ti[p]!;
      for (let q = bo[i]!; q < bo[i + 1]!; q++) {
        const col = bi[q]!;
        if (mark[col] !== a) {
          mark[col] = a;
          c++;
        }
      }
    }
    offsets[a + 1] = offsets[a]! + c;
  }
  assertMemory(fn, `the cost matrix M (${offsets[n]} non-zeros)`, 12 * offsets[n]! + 8 * n, memoryLimit);
  const indices = new Int32Array(offsets[n]!);
  const values = new Float64Array(offsets[n]!);
  const acc = new Float64Array(n);
  mark.fill(-1);
  for (let a = 0; a < n; a++) {
    const start = offsets[a]!;
    let c = start;
    for (let p = to[a]!; p < to[a + 1]!; p++) {
      const i = ti[p]!;
      const va = tv[p]!;
      for (let q = bo[i]!; q < bo[i + 1]!; q++) {
        const col = bi[q]!;
        if (mark[col] !== a) {
          mark[col] = a;
          acc[col] = 0;
          indices[c++] = col;
        }
        acc[col] = acc[col]! + va * bv[q]!;
      }
    }
    indices.subarray(start, c).sort();
    for (let p = start; p < c; p++) values[p] = acc[indices[p]!]!;
  }
  return { rows: n, cols: n, offsets, indices, values };
}
