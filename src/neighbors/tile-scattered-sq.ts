/**
 * Squared Euclidean distances (and dot products, for cosine) from one or two rows of a Float64
 * tile to rows of the data read in place by row number: NN-descent's local join compares a point's few new candidates (gathered
 * into the tile) with its old candidates, which are many in late iterations and need not be
 * copied for that. One function per storage type, so every loop stays monomorphic.
 *
 * Each sum is the difference form (or the plain products), left to right in coordinate order
 * from 0, and the tile rows are exact widenings of the data: the same bits as `distanceRows` on a
 * tile holding both rows ((x − y)² and (y − x)² are the same double, as are x·y and y·x). Two tile rows × four data rows go side by side
 * (eight independent chains, six loads per eight terms), as `distanceRows`' kernel does.
 *
 * Internal module: arguments are not validated.
 */

/**
 * `out[o0 + c] = Σ (S[a0 + t] − X[ids[from + j]·d + t])²` for j = j0 + c < j1 (and the same into
 * `out[o1 + c]` for the tile row at `a1` when `a1 ≥ 0`), X a Float32 matrix. O((j1 − j0)·d).
 *
 * @internal
 * @param S - the tile
 * @param a0 - offset of the first tile row in `S`
 * @param a1 - offset of the second tile row, or −1 for one row
 * @param X - row-major data
 * @param ids - row numbers
 * @param from - position of the data rows' list in `ids`
 * @param j0 - first list position compared
 * @param j1 - end of the list positions (exclusive)
 * @param d - row length
 * @param out - receives the sums
 * @param o0 - where the first tile row's sums start
 * @param o1 - where the second tile row's sums start
 * @example
 * ```ts
 * const out = new Float64Array(2);
 * sqTileRows32(new Float64Array([0, 0]), 0, -1, new Float32Array([3, 4]), Int32Array.of(0), 0, 0, 1, 2, out, 0, 1);
 * out[0]; // 25
 * ```
 */
export function sqTileRows32(S: Float64Array, a0: number, a1: number, X: Float32Array, ids: Int32Array, from: number, j0: number, j1: number, d: number, out: Float64Array, o0: number, o1: number): void {
  let j = j0;
  if (a1 >= 0) {
    for (; j + 3 < j1; j += 4) {
      const b0 = ids[from + j]! * d;
      const b1 = ids[from + j + 1]! * d;
      const b2 = ids[from + j + 2]! * d;
      const b3 = ids[from + j + 3]! * d;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let k = 0; k < d; k++) {
        const x0 = S[a0 + k]!;
        const x1 = S[a1 + k]!;
        const y0 = X[b0 + k]!;
        const y1 = X[b1 + k]!;
        const y2 = X[b2 + k]!;
        const y3 = X[b3 + k]!;
        let t = x0 - y0;
        s00 += t * t;
        t = x0 - y1;
        s01 += t * t;
        t = x0 - y2;
        s02 += t * t;
        t = x0 - y3;
        s03 += t * t;
        t = x1 - y0;
        s10 += t * t;
        t = x1 - y1;
        s11 += t * t;
        t = x1 - y2;
        s12 += t * t;
        t = x1 - y3;
        s13 += t * t;
      }
      const c = o0 + j - j0;
      out[c] = s00;
      out[c + 1] = s01;
      out[c + 2] = s02;
      out[c + 3] = s03;
      const e = o1 + j - j0;
      out[e] = s10;
      out[e + 1] = s11;
      out[e + 2] = s12;
      out[e + 3] = s13;
    }
    for (; j < j1; j++) {
      const b = ids[from + j]! * d;
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < d; k++) {
        const y = X[b + k]!;
        let t = S[a0 + k]! - y;
        s0 += t * t;
        t = S[a1 + k]! - y;
        s1 += t * t;
      }
      out[o0 + j - j0] = s0;
      out[o1 + j - j0] = s1;
    }
    return;
  }
  for (; j + 3 < j1; j += 4) {
    const b0 = ids[from + j]! * d;
    const b1 = ids[from + j + 1]! * d;
    const b2 = ids[from + j + 2]! * d;
    const b3 = ids[from + j + 3]! * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const x = S[a0 + k]!;
      let t = x - X[b0 + k]!;
      s0 += t * t;
      t = x - X[b1 + k]!;
      s1 += t * t;
      t = x - X[b2 + k]!;
      s2 += t * t;
      t = x - X[b3 + k]!;
      s3 += t * t;
    }
    const c = o0 + j - j0;
    out[c] = s0;
    out[c + 1] = s1;
    out[c + 2] = s2;
    out[c + 3] = s3;
  }
  for (; j < j1; j++) {
    const b = ids[from + j]! * d;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const t = S[a0 + k]! - X[b + k]!;
      s += t * t;
    }
    out[o0 + j - j0] = s;
  }
}

/**
 * {@link sqTileRows32} for a Float64 matrix.
 *
 * @internal
 * @param S - the tile
 * @param a0 - offset of the first tile row in `S`
 * @param a1 - offset of the second tile row, or −1 for one row
 * @param X - row-major data
 * @param ids - row numbers
 * @param from - position of the data rows' list in `ids`
 * @param j0 - first list position compared
 * @param j1 - end of the list positions (exclusive)
 * @param d - row length
 * @param out - receives the sums
 * @param o0 - where the first tile row's sums start
 * @param o1 - where the second tile row's sums start
 * @example
 * ```ts
 * const out = new Float64Array(2);
 * sqTileRows64(new Float64Array([0, 0]), 0, -1, new Float64Array([3, 4]), Int32Array.of(0), 0, 0, 1, 2, out, 0, 1);
 * out[0]; // 25
 * ```
 */
export function sqTileRows64(S: Float64Array, a0: number, a1: number, X: Float64Array, ids: Int32Array, from: number, j0: number, j1: number, d: number, out: Float64Array, o0: number, o1: number): void {
  let j = j0;
  if (a1 >= 0) {
    for (; j + 3 < j1; j += 4) {
      const b0 = ids[from + j]! * d;
      const b1 = ids[from + j + 1]! * d;
      const b2 = ids[from + j + 2]! * d;
      const b3 = ids[from + j + 3]! * d;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let k = 0; k < d; k++) {
        const x0 = S[a0 + k]!;
        const x1 = S[a1 + k]!;
        const y0 = X[b0 + k]!;
        const y1 = X[b1 + k]!;
        const y2 = X[b2 + k]!;
        const y3 = X[b3 + k]!;
        let t = x0 - y0;
        s00 += t * t;
        t = x0 - y1;
        s01 += t * t;
        t = x0 - y2;
        s02 += t * t;
        t = x0 - y3;
        s03 += t * t;
        t = x1 - y0;
        s10 += t * t;
        t = x1 - y1;
        s11 += t * t;
        t = x1 - y2;
        s12 += t * t;
        t = x1 - y3;
        s13 += t * t;
      }
      const c = o0 + j - j0;
      out[c] = s00;
      out[c + 1] = s01;
      out[c + 2] = s02;
      out[c + 3] = s03;
      const e = o1 + j - j0;
      out[e] = s10;
      out[e + 1] = s11;
      out[e + 2] = s12;
      out[e + 3] = s13;
    }
    for (; j < j1; j++) {
      const b = ids[from + j]! * d;
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < d; k++) {
        const y = X[b + k]!;
        let t = S[a0 + k]! - y;
        s0 += t * t;
        t = S[a1 + k]! - y;
        s1 += t * t;
      }
      out[o0 + j - j0] = s0;
      out[o1 + j - j0] = s1;
    }
    return;
  }
  for (; j + 3 < j1; j += 4) {
    const b0 = ids[from + j]! * d;
    const b1 = ids[from + j + 1]! * d;
    const b2 = ids[from + j + 2]! * d;
    const b3 = ids[from + j + 3]! * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const x = S[a0 + k]!;
      let t = x - X[b0 + k]!;
      s0 += t * t;
      t = x - X[b1 + k]!;
      s1 += t * t;
      t = x - X[b2 + k]!;
      s2 += t * t;
      t = x - X[b3 + k]!;
      s3 += t * t;
    }
    const c = o0 + j - j0;
    out[c] = s0;
    out[c + 1] = s1;
    out[c + 2] = s2;
    out[c + 3] = s3;
  }
  for (; j < j1; j++) {
    const b = ids[from + j]! * d;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const t = S[a0 + k]! - X[b + k]!;
      s += t * t;
    }
    out[o0 + j - j0] = s;
  }
}

/**
 * `out[o0 + c] = Σ S[a0 + t] · X[ids[from + j]·d + t]` (dot products, for cosine) for j = j0 + c < j1 (and the same into
 * `out[o1 + c]` for the tile row at `a1` when `a1 ≥ 0`), X a Float32 matrix. O((j1 − j0)·d).
 *
 * @internal
 * @param S - the tile
 * @param a0 - offset of the first tile row in `S`
 * @param a1 - offset of the second tile row, or −1 for one row
 * @param X - row-major data
 * @param ids - row numbers
 * @param from - position of the data rows' list in `ids`
 * @param j0 - first list position compared
 * @param j1 - end of the list positions (exclusive)
 * @param d - row length
 * @param out - receives the sums
 * @param o0 - where the first tile row's sums start
 * @param o1 - where the second tile row's sums start
 * @example
 * ```ts
 * const out = new Float64Array(2);
 * dotTileRows32(new Float64Array([0, 0]), 0, -1, new Float32Array([3, 4]), Int32Array.of(0), 0, 0, 1, 2, out, 0, 1);
 * out[0]; // 0
 * ```
 */
export function dotTileRows32(S: Float64Array, a0: number, a1: number, X: Float32Array, ids: Int32Array, from: number, j0: number, j1: number, d: number, out: Float64Array, o0: number, o1: number): void {
  let j = j0;
  if (a1 >= 0) {
    for (; j + 3 < j1; j += 4) {
      const b0 = ids[from + j]! * d;
      const b1 = ids[from + j + 1]! * d;
      const b2 = ids[from + j + 2]! * d;
      const b3 = ids[from + j + 3]! * d;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let k = 0; k < d; k++) {
        const x0 = S[a0 + k]!;
        const x1 = S[a1 + k]!;
        const y0 = X[b0 + k]!;
        const y1 = X[b1 + k]!;
        const y2 = X[b2 + k]!;
        const y3 = X[b3 + k]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      const c = o0 + j - j0;
      out[c] = s00;
      out[c + 1] = s01;
      out[c + 2] = s02;
      out[c + 3] = s03;
      const e = o1 + j - j0;
      out[e] = s10;
      out[e + 1] = s11;
      out[e + 2] = s12;
      out[e + 3] = s13;
    }
    for (; j < j1; j++) {
      const b = ids[from + j]! * d;
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < d; k++) {
        const y = X[b + k]!;
        s0 += S[a0 + k]! * y;
        s1 += S[a1 + k]! * y;
      }
      out[o0 + j - j0] = s0;
      out[o1 + j - j0] = s1;
    }
    return;
  }
  for (; j + 3 < j1; j += 4) {
    const b0 = ids[from + j]! * d;
    const b1 = ids[from + j + 1]! * d;
    const b2 = ids[from + j + 2]! * d;
    const b3 = ids[from + j + 3]! * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const x = S[a0 + k]!;
      s0 += x * X[b0 + k]!;
      s1 += x * X[b1 + k]!;
      s2 += x * X[b2 + k]!;
      s3 += x * X[b3 + k]!;
    }
    const c = o0 + j - j0;
    out[c] = s0;
    out[c + 1] = s1;
    out[c + 2] = s2;
    out[c + 3] = s3;
  }
  for (; j < j1; j++) {
    const b = ids[from + j]! * d;
    let s = 0;
    for (let k = 0; k < d; k++) {
      s += S[a0 + k]! * X[b + k]!;
    }
    out[o0 + j - j0] = s;
  }
}

/**
 * {@link dotTileRows32} for a Float64 matrix.
 *
 * @internal
 * @param S - the tile
 * @param a0 - offset of the first tile row in `S`
 * @param a1 - offset of the second tile row, or −1 for one row
 * @param X - row-major data
 * @param ids - row numbers
 * @param from - position of the data rows' list in `ids`
 * @param j0 - first list position compared
 * @param j1 - end of the list positions (exclusive)
 * @param d - row length
 * @param out - receives the sums
 * @param o0 - where the first tile row's sums start
 * @param o1 - where the second tile row's sums start
 * @example
 * ```ts
 * const out = new Float64Array(2);
 * dotTileRows64(new Float64Array([0, 0]), 0, -1, new Float64Array([3, 4]), Int32Array.of(0), 0, 0, 1, 2, out, 0, 1);
 * out[0]; // 0
 * ```
 */
export function dotTileRows64(S: Float64Array, a0: number, a1: number, X: Float64Array, ids: Int32Array, from: number, j0: number, j1: number, d: number, out: Float64Array, o0: number, o1: number): void {
  let j = j0;
  if (a1 >= 0) {
    for (; j + 3 < j1; j += 4) {
      const b0 = ids[from + j]! * d;
      const b1 = ids[from + j + 1]! * d;
      const b2 = ids[from + j + 2]! * d;
      const b3 = ids[from + j + 3]! * d;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let k = 0; k < d; k++) {
        const x0 = S[a0 + k]!;
        const x1 = S[a1 + k]!;
        const y0 = X[b0 + k]!;
        const y1 = X[b1 + k]!;
        const y2 = X[b2 + k]!;
        const y3 = X[b3 + k]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      const c = o0 + j - j0;
      out[c] = s00;
      out[c + 1] = s01;
      out[c + 2] = s02;
      out[c + 3] = s03;
      const e = o1 + j - j0;
      out[e] = s10;
      out[e + 1] = s11;
      out[e + 2] = s12;
      out[e + 3] = s13;
    }
    for (; j < j1; j++) {
      const b = ids[from + j]! * d;
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < d; k++) {
        const y = X[b + k]!;
        s0 += S[a0 + k]! * y;
        s1 += S[a1 + k]! * y;
      }
      out[o0 + j - j0] = s0;
      out[o1 + j - j0] = s1;
    }
    return;
  }
  for (; j + 3 < j1; j += 4) {
    const b0 = ids[from + j]! * d;
    const b1 = ids[from + j + 1]! * d;
    const b2 = ids[from + j + 2]! * d;
    const b3 = ids[from + j + 3]! * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const x = S[a0 + k]!;
      s0 += x * X[b0 + k]!;
      s1 += x * X[b1 + k]!;
      s2 += x * X[b2 + k]!;
      s3 += x * X[b3 + k]!;
    }
    const c = o0 + j - j0;
    out[c] = s0;
    out[c + 1] = s1;
    out[c + 2] = s2;
    out[c + 3] = s3;
  }
  for (; j < j1; j++) {
    const b = ids[from + j]! * d;
    let s = 0;
    for (let k = 0; k < d; k++) {
      s += S[a0 + k]! * X[b + k]!;
    }
    out[o0 + j - j0] = s;
  }
}
