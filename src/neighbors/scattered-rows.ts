/**
 * Squared Euclidean distances (and dot products, for cosine) from one or two rows of the data to
 * a list of its rows, every row read in place by row number: NN-descent's local join compares
 * each new candidate of a point with the point's other candidates. Copying the candidates into a
 * tile first, as the other metrics do, copied each row once for every list it was new in —
 * 14 % of NN-descent's time at 100 000 × 384. One function per storage type, so every loop
 * stays monomorphic.
 *
 * Each sum is the difference form (or the plain products), left to right in coordinate order
 * from 0, on exact widenings of the values: the same bits as `distanceRows` on a tile holding
 * the rows ((x − y)² and (y − x)² are the same double, as are x·y and y·x). Two rows × four
 * listed rows go side by side (eight independent chains, six loads per eight terms), as
 * `distanceRows`' kernel does.
 *
 * Internal module: arguments are not validated.
 */

/**
 * `out[o0 + c] = Σ (X[a0 + t] − X[ids[from + j]·d + t])²` for j = j0 + c < j1 (and the same into
 * `out[o1 + c]` for the row at `a1` when `a1 ≥ 0`), X a Float32 matrix: one or two rows against
 * a list of rows, all read in place. O((j1 − j0)·d).
 *
 * @internal
 * @param X - row-major data
 * @param a0 - offset of the first row (row number × d)
 * @param a1 - offset of the second row, or −1 for one row
 * @param ids - row numbers
 * @param from - position of the listed rows in `ids`
 * @param j0 - first list position compared
 * @param j1 - end of the list positions (exclusive)
 * @param d - row length
 * @param out - receives the sums
 * @param o0 - where the first row's sums start
 * @param o1 - where the second row's sums start
 * @example
 * ```ts
 * const out = new Float64Array(1);
 * sqRows32(new Float32Array([0, 0, 3, 4]), 0, -1, Int32Array.of(1), 0, 0, 1, 2, out, 0, 1);
 * out[0]; // 25
 * ```
 */
export function sqRows32(X: Float32Array, a0: number, a1: number, ids: Int32Array, from: number, j0: number, j1: number, d: number, out: Float64Array, o0: number, o1: number): void {
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
        const x0 = X[a0 + k]!;
        const x1 = X[a1 + k]!;
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
        let t = X[a0 + k]! - y;
        s0 += t * t;
        t = X[a1 + k]! - y;
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
      const x = X[a0 + k]!;
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
      const t = X[a0 + k]! - X[b + k]!;
      s += t * t;
    }
    out[o0 + j - j0] = s;
  }
}

/**
 * {@link sqRows32} for a Float64 matrix.
 *
 * @internal
 * @param X - row-major data
 * @param a0 - offset of the first row
 * @param a1 - offset of the second row, or −1 for one row
 * @param ids - row numbers
 * @param from - position of the listed rows in `ids`
 * @param j0 - first list position compared
 * @param j1 - end of the list positions (exclusive)
 * @param d - row length
 * @param out - receives the sums
 * @param o0 - where the first row's sums start
 * @param o1 - where the second row's sums start
 * @example
 * ```ts
 * const out = new Float64Array(1);
 * sqRows64(new Float64Array([0, 0, 3, 4]), 0, -1, Int32Array.of(1), 0, 0, 1, 2, out, 0, 1);
 * out[0]; // 25
 * ```
 */
export function sqRows64(X: Float64Array, a0: number, a1: number, ids: Int32Array, from: number, j0: number, j1: number, d: number, out: Float64Array, o0: number, o1: number): void {
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
        const x0 = X[a0 + k]!;
        const x1 = X[a1 + k]!;
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
        let t = X[a0 + k]! - y;
        s0 += t * t;
        t = X[a1 + k]! - y;
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
      const x = X[a0 + k]!;
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
      const t = X[a0 + k]! - X[b + k]!;
      s += t * t;
    }
    out[o0 + j - j0] = s;
  }
}

/**
 * {@link sqRows32} with dot products `Σ X[a0 + t]·X[ids[from + j]·d + t]` instead (cosine's sums).
 *
 * @internal
 * @param X - row-major Float32 data
 * @param a0 - offset of the first row
 * @param a1 - offset of the second row, or −1 for one row
 * @param ids - row numbers
 * @param from - position of the listed rows in `ids`
 * @param j0 - first list position compared
 * @param j1 - end of the list positions (exclusive)
 * @param d - row length
 * @param out - receives the sums
 * @param o0 - where the first row's sums start
 * @param o1 - where the second row's sums start
 * @example
 * ```ts
 * const out = new Float64Array(1);
 * dotRows32(new Float32Array([1, 2, 3, 4]), 0, -1, Int32Array.of(1), 0, 0, 1, 2, out, 0, 1);
 * out[0]; // 11
 * ```
 */
export function dotRows32(X: Float32Array, a0: number, a1: number, ids: Int32Array, from: number, j0: number, j1: number, d: number, out: Float64Array, o0: number, o1: number): void {
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
        const x0 = X[a0 + k]!;
        const x1 = X[a1 + k]!;
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
        s0 += X[a0 + k]! * y;
        s1 += X[a1 + k]! * y;
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
      const x = X[a0 + k]!;
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
      s += X[a0 + k]! * X[b + k]!;
    }
    out[o0 + j - j0] = s;
  }
}

/**
 * {@link dotRows32} for a Float64 matrix.
 *
 * @internal
 * @param X - row-major data
 * @param a0 - offset of the first row
 * @param a1 - offset of the second row, or −1 for one row
 * @param ids - row numbers
 * @param from - position of the listed rows in `ids`
 * @param j0 - first list position compared
 * @param j1 - end of the list positions (exclusive)
 * @param d - row length
 * @param out - receives the sums
 * @param o0 - where the first row's sums start
 * @param o1 - where the second row's sums start
 * @example
 * ```ts
 * const out = new Float64Array(1);
 * dotRows64(new Float64Array([1, 2, 3, 4]), 0, -1, Int32Array.of(1), 0, 0, 1, 2, out, 0, 1);
 * out[0]; // 11
 * ```
 */
export function dotRows64(X: Float64Array, a0: number, a1: number, ids: Int32Array, from: number, j0: number, j1: number, d: number, out: Float64Array, o0: number, o1: number): void {
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
        const x0 = X[a0 + k]!;
        const x1 = X[a1 + k]!;
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
        s0 += X[a0 + k]! * y;
        s1 += X[a1 + k]! * y;
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
      const x = X[a0 + k]!;
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
      s += X[a0 + k]! * X[b + k]!;
    }
    out[o0 + j - j0] = s;
  }
}
