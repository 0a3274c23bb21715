/** Small sparse matrices and subspace comparisons for the eigsh / sparse Cholesky tests. */
import { csrFromTriplets, type CsrMatrix } from '../../src/core/sparse.js';
import { gaussian } from './linalg-helpers.js';

/** CSR form of a dense row-major n × n matrix (its non-zero entries). */
export function csrFromDense(a: ArrayLike<number>, n: number): CsrMatrix {
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = a[i * n + j]!;
      if (x !== 0) {
        r.push(i);
        c.push(j);
        v.push(x);
      }
    }
  }
  return csrFromTriplets(n, n, Int32Array.from(r), Int32Array.from(c), Float64Array.from(v));
}

/** Dense row-major copy of a CSR matrix. */
export function denseFromCsr(A: CsrMatrix): Float64Array {
  const out = new Float64Array(A.rows * A.cols);
  for (let i = 0; i < A.rows; i++) for (let p = A.offsets[i]!; p < A.offsets[i + 1]!; p++) out[i * A.cols + A.indices[p]!] = A.values[p]!;
  return out;
}

/** Combinatorial Laplacian D − W of an undirected graph given by its edge list (unit weights). */
export function laplacian(n: number, edges: [number, number][]): CsrMatrix {
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  const deg = new Float64Array(n);
  for (const [a, b] of edges) {
    r.push(a, b);
    c.push(b, a);
    v.push(-1, -1);
    deg[a]!++;
    deg[b]!++;
  }
  for (let i = 0; i < n; i++) {
    r.push(i);
    c.push(i);
    v.push(deg[i]!);
  }
  return csrFromTriplets(n, n, Int32Array.from(r), Int32Array.from(c), Float64Array.from(v));
}

/** Edges of a cycle 0 – 1 – … – (n−1) – 0, shifted by `offset`. */
export function cycleEdges(n: number, offset = 0): [number, number][] {
  return Array.from({ length: n }, (_, i) => [offset + i, offset + ((i + 1) % n)] as [number, number]);
}

/** Edges of an m × m grid graph. */
export function gridEdges(m: number): [number, number][] {
  const e: [number, number][] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (i + 1 < m) e.push([i * m + j, (i + 1) * m + j]);
      if (j + 1 < m) e.push([i * m + j, i * m + j + 1]);
    }
  }
  return e;
}

/**
 * Smallest cosine of the principal angles between the row spaces of U and V (both k × n with
 * orthonormal rows): the smallest singular value of U Vᵀ, from the eigenvalues of (UVᵀ)(UVᵀ)ᵀ
 * by Jacobi sweeps (k is small).
 */
export function minPrincipalCosine(U: Float64Array, V: Float64Array, k: number, n: number): number {
  const C = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < n; t++) s += U[i * n + t]! * V[j * n + t]!;
      C[i * k + j] = s;
    }
  }
  const G = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += C[i * k + t]! * C[j * k + t]!;
      G[i * k + j] = s;
    }
  }
  for (let sweep = 0; sweep < 50; sweep++) {
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = G[p * k + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (G[q * k + q]! - G[p * k + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cs = 1 / Math.sqrt(t * t + 1);
        const sn = t * cs;
        for (let r = 0; r < k; r++) {
          const a = G[r * k + p]!;
          const b = G[r * k + q]!;
          G[r * k + p] = cs * a - sn * b;
          G[r * k + q] = sn * a + cs * b;
        }
        for (let r = 0; r < k; r++) {
          const a = G[p * k + r]!;
          const b = G[q * k + r]!;
          G[p * k + r] = cs * a - sn * b;
          G[q * k + r] = sn * a + cs * b;
        }
      }
    }
  }
  let min = Infinity;
  for (let i = 0; i < k; i++) min = Math.min(min, G[i * k + i]!);
  return Math.sqrt(Math.max(0, min));
}

/** max over rows of ‖A vᵢ − λᵢ vᵢ‖ for a dense A. */
export function denseResidual(a: Float64Array, n: number, values: Float64Array, vectors: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < values.length; i++) {
    let s = 0;
    for (let r = 0; r < n; r++) {
      let av = 0;
      for (let c = 0; c < n; c++) av += a[r * n + c]! * vectors[i * n + c]!;
      s += (av - values[i]! * vectors[i * n + r]!) ** 2;
    }
    worst = Math.max(worst, Math.sqrt(s));
  }
  return worst;
}

/**
 * A random symmetric n × n matrix (row-major) with a Gaussian diagonal and about `density` of its
 * off-diagonal entries non-zero; with `psd`, BᵀB of that matrix instead (positive semi-definite,
 * eigenvalues down to ~0).
 */
export function sparseSymmetric(n: number, density: number, seed: number, psd = false): Float64Array {
  const g = gaussian(n, n, seed);
  const u = gaussian(n, n, seed + 7);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    a[i * n + i] = g[i * n + i]!;
    for (let j = 0; j < i; j++) {
      if (Math.abs(u[i * n + j]!) < density * 2.5) {
        a[i * n + j] = g[i * n + j]!;
        a[j * n + i] = g[i * n + j]!;
      }
    }
  }
  if (!psd) return a;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < n; t++) s += a[t * n + i]! * a[t * n + j]!;
      m[i * n + j] = s;
    }
  }
  return m;
}
