/** Brute-force linear algebra used as an independent reference by the decomposition tests. */
import { randomNormal, rng } from '../../src/core/random.js';

export const EPS = 2.220446049250313e-16;

/** m×n standard-normal matrix (row-major) from a seed. */
export function gaussian(m: number, n: number, seed: number): Float64Array {
  const r = rng(seed);
  const out = new Float64Array(m * n);
  for (let i = 0; i < out.length; i++) out[i] = randomNormal(r);
  return out;
}

/** Textbook C = A·B for row-major A (m×k) and B (k×n). */
export function matmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p]!;
      for (let j = 0; j < n; j++) c[i * n + j] = c[i * n + j]! + av * b[p * n + j]!;
    }
  }
  return c;
}

/** Transpose of a row-major m×n matrix. */
export function transpose(a: Float64Array, m: number, n: number): Float64Array {
  const t = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) t[j * m + i] = a[i * n + j]!;
  return t;
}

/** n×n orthogonal matrix: modified Gram–Schmidt (twice) on the rows of a Gaussian matrix. */
export function randomOrthogonal(n: number, seed: number): Float64Array {
  return orthonormalRows(n, n, seed);
}

/** r orthonormal random rows of length n (r ≤ n), row-major r×n. */
export function orthonormalRows(r: number, n: number, seed: number): Float64Array {
  const q = gaussian(r, n, seed);
  for (let i = 0; i < r; i++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        let d = 0;
        for (let t = 0; t < n; t++) d += q[i * n + t]! * q[j * n + t]!;
        for (let t = 0; t < n; t++) q[i * n + t] = q[i * n + t]! - d * q[j * n + t]!;
      }
    }
    let s = 0;
    for (let t = 0; t < n; t++) s += q[i * n + t]! ** 2;
    s = Math.sqrt(s);
    for (let t = 0; t < n; t++) q[i * n + t] = q[i * n + t]! / s;
  }
  return q;
}

/** Largest |entry|. */
export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

/** max |(R Rᵀ − I)ᵢⱼ| for the r rows of length n in `rows`. */
export function rowOrthonormalityError(rows: Float64Array, r: number, n: number): number {
  let worst = 0;
  for (let a = 0; a < r; a++) {
    for (let b = a; b < r; b++) {
      let d = 0;
      for (let t = 0; t < n; t++) d += rows[a * n + t]! * rows[b * n + t]!;
      worst = Math.max(worst, Math.abs(d - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

/** max |(UᵀU − I)ᵢⱼ| for the r columns of the row-major m×r matrix u. */
export function columnOrthonormalityError(u: Float64Array, m: number, r: number): number {
  return rowOrthonormalityError(transpose(u, m, r), r, m);
}

/** A = Q diag(values) Qᵀ with a random orthogonal Q: a symmetric matrix with known spectrum. */
export function symmetricWithSpectrum(values: ArrayLike<number>, seed: number): Float64Array {
  const n = values.length;
  const q = randomOrthogonal(n, seed); // rows are the eigenvectors
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let t = 0; t < n; t++) s += q[t * n + i]! * values[t]! * q[t * n + j]!;
      a[i * n + j] = s;
      a[j * n + i] = s;
    }
  }
  return a;
}

/** A = U diag(sigma) Vᵀ (m×n) with random orthonormal U, V: known singular values. */
export function matrixWithSingularValues(m: number, n: number, sigma: ArrayLike<number>, seed: number): Float64Array {
  const r = sigma.length;
  const u = orthonormalRows(r, m, seed); // Uᵀ
  const v = orthonormalRows(r, n, seed + 1); // Vᵀ
  const a = new Float64Array(m * n);
  for (let c = 0; c < r; c++) {
    const s = sigma[c]!;
    for (let i = 0; i < m; i++) {
      const us = u[c * m + i]! * s;
      for (let j = 0; j < n; j++) a[i * n + j] = a[i * n + j]! + us * v[c * n + j]!;
    }
  }
  return a;
}

/** max ‖A v − λ v‖∞ over the eigenpairs (rows of `vectors`) of the n×n matrix `a`. */
export function eigResidual(a: Float64Array, n: number, values: Float64Array, vectors: Float64Array): number {
  let worst = 0;
  for (let q = 0; q < n; q++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j]! * vectors[q * n + j]!;
      worst = Math.max(worst, Math.abs(s - values[q]! * vectors[q * n + i]!));
    }
  }
  return worst;
}
