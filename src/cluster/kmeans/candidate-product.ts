/**
 * Dot products of data rows with k-means++'s few candidate rows (2–8 per step): two data rows
 * at a time against groups of 4 or 6 candidates. A 2×6 tile keeps its 12 sums, the two row
 * values and one candidate value in 15 registers, where the 4×4 tiles of the packed product
 * spill (16 sums + 8 operands) and a last 4×2 tile re-reads the rows: on 100 000 × 384 Float32
 * rows with 6 candidates it runs 1.2–1.3× faster than `rowsPanelProduct32` (microbenchmark,
 * median of 21 alternations; Float64 rows 1.16×, 4 candidates 1.1×, 8 as 4 + 4 1.18×).
 */

/**
 * Candidate groups of {@link packCandidates}: widths of 4 or 6, as few padded columns as the
 * two widths allow.
 */
export interface CandidateLayout {
  /** Width (4 or 6) of each group. */
  widths: Int32Array;
  /** Columns over all groups (≥ the candidates; the padding is zero). */
  total: number;
}

/**
 * The groups for `count` candidates: 6 while more than 8 remain, then one group of 6 for 5–6,
 * two of 4 for 7–8, one of 4 for 1–4.
 *
 * @internal
 * @param count - candidates (≥ 1)
 * @returns the layout
 * @example
 * ```ts
 * candidateLayout(6).widths; // Int32Array [6]
 * candidateLayout(8).widths; // Int32Array [4, 4]
 * ```
 */
export function candidateLayout(count: number): CandidateLayout {
  const widths: number[] = [];
  let left = count;
  while (left > 0) {
    const w = left > 8 || left === 5 || left === 6 ? 6 : 4;
    widths.push(w);
    left -= w;
  }
  return { widths: Int32Array.from(widths), total: widths.reduce((s, w) => s + w, 0) };
}

/**
 * Packs `count` contiguous candidate rows of length d into the layout's groups: group g
 * (width w, starting at column c₀) holds, for each position p, its w values at
 * `out[d·c₀ + w·p …]`. O(total·d).
 *
 * @internal
 * @param rows - candidate rows, row-major (count × d)
 * @param count - candidates
 * @param d - row length
 * @param layout - from {@link candidateLayout}
 * @param out - destination, `layout.total · d` long (padding columns are written as 0)
 * @example
 * ```ts
 * const layout = candidateLayout(2);
 * const out = new Float64Array(layout.total * 2);
 * packCandidates(new Float64Array([1, 2, 3, 4]), 2, 2, layout, out);
 * out; // Float64Array [1, 3, 0, 0, 2, 4, 0, 0]
 * ```
 */
export function packCandidates(rows: Float64Array, count: number, d: number, layout: CandidateLayout, out: Float64Array): void {
  let c0 = 0;
  for (let g = 0; g < layout.widths.length; g++) {
    const w = layout.widths[g]!;
    const base = d * c0;
    for (let j = 0; j < w; j++) {
      const t = c0 + j;
      if (t < count) {
        const r = t * d;
        for (let p = 0; p < d; p++) out[base + w * p + j] = rows[r + p]!;
      } else {
        for (let p = 0; p < d; p++) out[base + w * p + j] = 0;
      }
    }
    c0 += w;
  }
}

/**
 * Dot products of two Float32 rows (offsets `o0`, `o1`; pass one twice for a single row) with
 * every packed candidate: `c[co + j]` for row 0 and `c[co + ldc + j]` for row 1, candidate j.
 * Each a left-to-right sum in position order of the widened values, so the same bits as
 * `rowsPanelProduct32` and as the plain loop on a Float64 copy.
 *
 * @internal
 * @param X - row-major Float32 data
 * @param o0 - offset of the first row
 * @param o1 - offset of the second row
 * @param d - row length
 * @param bp - candidates packed by {@link packCandidates}
 * @param layout - their layout
 * @param c - destination
 * @param co - offset of row 0's first product
 * @param ldc - offset from row 0's products to row 1's (≥ layout.total)
 * @example
 * ```ts
 * candidateProduct32(X32, 0, d, d, packed, layout, dots, 0, layout.total);
 * ```
 */
export function candidateProduct32(X: Float32Array, o0: number, o1: number, d: number, bp: Float64Array, layout: CandidateLayout, c: Float64Array, co: number, ldc: number): void {
  let c0 = 0;
  for (let g = 0; g < layout.widths.length; g++) {
    const w = layout.widths[g]!;
    if (w === 6) pair6x32(X, o0, o1, d, bp, d * c0, c, co + c0, ldc);
    else pair4x32(X, o0, o1, d, bp, d * c0, c, co + c0, ldc);
    c0 += w;
  }
}

/**
 * {@link candidateProduct32} for Float64 rows.
 *
 * @internal
 * @param X - row-major data
 * @param o0 - offset of the first row
 * @param o1 - offset of the second row
 * @param d - row length
 * @param bp - packed candidates
 * @param layout - their layout
 * @param c - destination
 * @param co - offset of row 0's first product
 * @param ldc - offset from row 0's products to row 1's
 * @example
 * ```ts
 * candidateProduct64(X, 0, d, d, packed, layout, dots, 0, layout.total);
 * ```
 */
export function candidateProduct64(X: Float64Array, o0: number, o1: number, d: number, bp: Float64Array, layout: CandidateLayout, c: Float64Array, co: number, ldc: number): void {
  let c0 = 0;
  for (let g = 0; g < layout.widths.length; g++) {
    const w = layout.widths[g]!;
    if (w === 6) pair6x64(X, o0, o1, d, bp, d * c0, c, co + c0, ldc);
    else pair4x64(X, o0, o1, d, bp, d * c0, c, co + c0, ldc);
    c0 += w;
  }
}

// The four tiles differ only in element type and width; each is its own function so that every
// compiled loop sees one array type (a shared generic loop would be polymorphic and slower).

function pair6x32(X: Float32Array, o0: number, o1: number, d: number, bp: Float64Array, at: number, c: Float64Array, co: number, ldc: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c04 = 0, c05 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0;
  let bi = at;
  for (let p = 0; p < d; p++, bi += 6) {
    const a0 = X[o0 + p]!, a1 = X[o1 + p]!;
    let b = bp[bi]!; c00 += a0 * b; c10 += a1 * b;
    b = bp[bi + 1]!; c01 += a0 * b; c11 += a1 * b;
    b = bp[bi + 2]!; c02 += a0 * b; c12 += a1 * b;
    b = bp[bi + 3]!; c03 += a0 * b; c13 += a1 * b;
    b = bp[bi + 4]!; c04 += a0 * b; c14 += a1 * b;
    b = bp[bi + 5]!; c05 += a0 * b; c15 += a1 * b;
  }
  c[co] = c00; c[co + 1] = c01; c[co + 2] = c02; c[co + 3] = c03; c[co + 4] = c04; c[co + 5] = c05;
  const o = co + ldc;
  c[o] = c10; c[o + 1] = c11; c[o + 2] = c12; c[o + 3] = c13; c[o + 4] = c14; c[o + 5] = c15;
}

function pair4x32(X: Float32Array, o0: number, o1: number, d: number, bp: Float64Array, at: number, c: Float64Array, co: number, ldc: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let bi = at;
  for (let p = 0; p < d; p++, bi += 4) {
    const a0 = X[o0 + p]!, a1 = X[o1 + p]!;
    let b = bp[bi]!; c00 += a0 * b; c10 += a1 * b;
    b = bp[bi + 1]!; c01 += a0 * b; c11 += a1 * b;
    b = bp[bi + 2]!; c02 += a0 * b; c12 += a1 * b;
    b = bp[bi + 3]!; c03 += a0 * b; c13 += a1 * b;
  }
  c[co] = c00; c[co + 1] = c01; c[co + 2] = c02; c[co + 3] = c03;
  const o = co + ldc;
  c[o] = c10; c[o + 1] = c11; c[o + 2] = c12; c[o + 3] = c13;
}

function pair6x64(X: Float64Array, o0: number, o1: number, d: number, bp: Float64Array, at: number, c: Float64Array, co: number, ldc: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c04 = 0, c05 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0;
  let bi = at;
  for (let p = 0; p < d; p++, bi += 6) {
    const a0 = X[o0 + p]!, a1 = X[o1 + p]!;
    let b = bp[bi]!; c00 += a0 * b; c10 += a1 * b;
    b = bp[bi + 1]!; c01 += a0 * b; c11 += a1 * b;
    b = bp[bi + 2]!; c02 += a0 * b; c12 += a1 * b;
    b = bp[bi + 3]!; c03 += a0 * b; c13 += a1 * b;
    b = bp[bi + 4]!; c04 += a0 * b; c14 += a1 * b;
    b = bp[bi + 5]!; c05 += a0 * b; c15 += a1 * b;
  }
  c[co] = c00; c[co + 1] = c01; c[co + 2] = c02; c[co + 3] = c03; c[co + 4] = c04; c[co + 5] = c05;
  const o = co + ldc;
  c[o] = c10; c[o + 1] = c11; c[o + 2] = c12; c[o + 3] = c13; c[o + 4] = c14; c[o + 5] = c15;
}

function pair4x64(X: Float64Array, o0: number, o1: number, d: number, bp: Float64Array, at: number, c: Float64Array, co: number, ldc: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let bi = at;
  for (let p = 0; p < d; p++, bi += 4) {
    const a0 = X[o0 + p]!, a1 = X[o1 + p]!;
    let b = bp[bi]!; c00 += a0 * b; c10 += a1 * b;
    b = bp[bi + 1]!; c01 += a0 * b; c11 += a1 * b;
    b = bp[bi + 2]!; c02 += a0 * b; c12 += a1 * b;
    b = bp[bi + 3]!; c03 += a0 * b; c13 += a1 * b;
  }
  c[co] = c00; c[co + 1] = c01; c[co + 2] = c02; c[co + 3] = c03;
  const o = co + ldc;
  c[o] = c10; c[o + 1] = c11; c[o + 2] = c12; c[o + 3] = c13;
}
