/**
 * UMAP's high-dimensional fuzzy graph: each point's local fuzzy set of neighbours
 * (membership strengths from σ, ρ) and their fuzzy union into one symmetric graph
 * (umap-learn's `compute_membership_strengths` and `fuzzy_simplicial_set`).
 */
import { detExp } from '../../core/math.js';
import { csrFromTriplets, csrTranspose, type CsrMatrix } from '../../core/sparse.js';

/**
 * The directed membership graph: row i holds `exp(−max(0, dᵢⱼ − ρᵢ)/σᵢ)` for each of its
 * `width` neighbours j (1 where dᵢⱼ ≤ ρᵢ or σᵢ = 0), columns sorted, zeros (underflowed
 * exponentials) dropped. O(n · width).
 *
 * @param indices - n × width neighbour indices (in [0, cols), never the row itself)
 * @param distances - n × width distances
 * @param rows - n
 * @param cols - number of columns (n when fitting; the training size in transform)
 * @param width - neighbours per row
 * @param sigmas - σ per row
 * @param rhos - ρ per row
 * @returns the CSR graph
 * @example
 * ```ts
 * const P = membershipGraph(knn.indices, knn.distances, n, n, 14, sigmas, rhos);
 * ```
 * @see umap-learn `umap.umap_.compute_membership_strengths`
 */
export function membershipGraph(
  indices: Int32Array,
  distances: Float64Array,
  rows: number,
  cols: number,
  width: number,
  sigmas: Float64Array,
  rhos: Float64Array,
): CsrMatrix {
  const m = rows * width;
  const row = new Int32Array(m);
  const col = new Int32Array(m);
  const val = new Float64Array(m);
  let count = 0;
  for (let i = 0; i < rows; i++) {
    const rho = rhos[i]!;
    const sigma = sigmas[i]!;
    for (let t = i * width; t < (i + 1) * width; t++) {
      const d = distances[t]! - rho;
      const v = d <= 0 || sigma === 0 ? 1 : detExp(-(d / sigma));
      if (v === 0) continue;
      row[count] = i;
      col[count] = indices[t]!;
      val[count] = v;
      count++;
    }
  }
  return csrFromTriplets(rows, cols, row, col, val, count);
}

/**
 * Combines a square fuzzy graph P with its transpose: `mix · (P + Pᵀ − P∘Pᵀ) + (1 − mix) · P∘Pᵀ`
 * (∘ the entrywise product): the fuzzy union (probabilistic t-conorm) at `mix = 1`, UMAP's
 * default, the intersection at 0. Entries that come out 0 are dropped. The result is symmetric
 * with sorted columns. O(nnz).
 *
 * @param P - square CSR graph with sorted columns
 * @param mix - umap-learn's `set_op_mix_ratio` in [0, 1]
 * @returns the symmetric combined graph
 * @example
 * ```ts
 * const G = fuzzyUnion(membershipGraph(...), 1);
 * ```
 * @see umap-learn `umap.umap_.fuzzy_simplicial_set` (`apply_set_operations`)
 */
export function fuzzyUnion(P: CsrMatrix, mix: number): CsrMatrix {
  const n = P.rows;
  const T = csrTranspose(P);
  const po = P.offsets;
  const pi = P.indices;
  const pv = P.values;
  const to = T.offsets;
  const ti = T.indices;
  const tv = T.values;
  const cap = po[n]! + to[n]!;
  const offsets = new Int32Array(n + 1);
  const indices = new Int32Array(cap);
  const values = new Float64Array(cap);
  let w = 0;
  for (let i = 0; i < n; i++) {
    let p = po[i]!;
    let q = to[i]!;
    const pe = po[i + 1]!;
    const qe = to[i + 1]!;
    while (p < pe || q < qe) {
      const cp = p < pe ? pi[p]! : n;
      const cq = q < qe ? ti[q]! : n;
      let c: number;
      let a = 0;
      let b = 0;
      if (cp === cq) {
        c = cp;
        a = pv[p++]!;
        b = tv[q++]!;
      } else if (cp < cq) {
        c = cp;
        a = pv[p++]!;
      } else {
        c = cq;
        b = tv[q++]!;
      }
      const prod = a * b;
      let v: number;
      if (mix === 1) v = a + b - prod;
      else if (mix === 0) v = prod;
      else v = mix * (a + b - prod) + (1 - mix) * prod;
      if (v === 0) continue;
      indices[w] = c;
      values[w] = v;
      w++;
    }
    offsets[i + 1] = w;
  }
  return { rows: n, cols: n, offsets, indices: indices.slice(0, w), values: values.slice(0, w) };
}
