/**
 * The t-SNE objective KL(P‖Q) and its gradient: exact O(n²) and Barnes–Hut O(n log n).
 *
 * Output similarities use the Student-t kernel with ν = max(dims − 1, 1) degrees of freedom,
 * `w_ij = (1 + d_ij²/ν)^{−(ν+1)/2}`, `q_ij = w_ij / Z`, `Z = Σ_{k≠l} w_kl`. The gradient is
 * `∂C/∂y_i = (2(ν+1)/ν) Σ_j (p_ij − q_ij) u_ij (y_i − y_j)` with `u_ij = (1 + d_ij²/ν)^{−1}`
 * (for ν = 1, u = w: the familiar `4 Σ (p − q) w (y_i − y_j)`). Like scikit-learn, the factor
 * 4 is part of the gradient, so learning rates are in scikit-learn's units.
 *
 * Only IEEE-exact operations and `detLog` (core/math.ts) are used — no `Math.log` / `Math.pow`,
 * whose last bit is engine-specific — so gradients and the KL that drives early stopping are
 * the same bits on every JavaScript engine.
 */
import { detLog } from '../../core/math.js';
import { MACHINE_EPSILON, type SparseAffinities } from './affinities.js';
import { buildBHTree, repulsion2D, repulsion3D, type BHTree } from './bhtree.js';

/**
 * Degrees of freedom of the output Student-t kernel for an embedding in `dims` dimensions
 * (van der Maaten 2009, as scikit-learn).
 *
 * @param dims - embedding dimension
 * @returns max(dims − 1, 1)
 * @example
 * ```ts
 * degreesOfFreedom(2); // 1
 * ```
 */
export function degreesOfFreedom(dims: number): number {
  return Math.max(dims - 1, 1);
}

/**
 * The kernel w = u^((ν+1)/2) for ν ≥ 3 by binary powering, times √u when ν is even: products
 * and one square root, all IEEE-exact operations, so the same bits on every engine (unlike
 * `Math.pow`). A few ulps from the exact power (about 2·log₂ ν roundings). O(log ν).
 *
 * @param u - the base, ν / (ν + d²)
 * @param nu - degrees of freedom ν ≥ 1
 * @returns u^((ν+1)/2)
 * @example
 * ```ts
 * studentPower(0.25, 3); // 0.0625 (= 0.25²)
 * ```
 */
export function studentPower(u: number, nu: number): number {
  let w = nu % 2 === 0 ? Math.sqrt(u) : 1;
  let base = u;
  for (let h = (nu + 1) >> 1; h > 0; h >>= 1) {
    if ((h & 1) === 1) w *= base;
    base *= base;
  }
  return w;
}

/**
 * Attractive forces from a sparse P: `out_i = exaggeration · Σ_j p_ij u_ij (y_i − y_j)`.
 * Reads only the entries with j > i (P is symmetric), so P may be the full symmetric matrix or
 * just its upper triangle (`upperTriangle`). O(nnz(P)·dims).
 *
 * @param P - sparse joint probabilities (full symmetric, or the strict upper triangle)
 * @param Y - n × dims positions
 * @param n - number of points
 * @param dims - 2 or 3
 * @param exaggeration - factor applied to P
 * @param out - receives n × dims forces
 * @example
 * ```ts
 * attractiveForces(P, Y, n, 2, 12, out);
 * ```
 */
export function attractiveForces(P: SparseAffinities, Y: Float64Array, n: number, dims: number, exaggeration: number, out: Float64Array): void {
  const rowStart = P.rowStart;
  const cols = P.columns;
  const vals = P.values;
  // P is symmetric with equal values at (i, j) and (j, i): visit each pair once (j > i) and
  // apply the force to both ends.
  const m = n * dims;
  out.fill(0, 0, m);
  if (dims === 2) {
    for (let i = 0; i < n; i++) {
      const x = Y[2 * i]!;
      const y = Y[2 * i + 1]!;
      let fx = 0;
      let fy = 0;
      const end = rowStart[i + 1]!;
      for (let s = rowStart[i]!; s < end; s++) {
        const j = cols[s]!;
        if (j < i) continue;
        const dx = x - Y[2 * j]!;
        const dy = y - Y[2 * j + 1]!;
        const q = vals[s]! / (1 + dx * dx + dy * dy);
        fx += q * dx;
        fy += q * dy;
        out[2 * j]! -= q * dx;
        out[2 * j + 1]! -= q * dy;
      }
      out[2 * i]! += fx;
      out[2 * i + 1]! += fy;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const x = Y[3 * i]!;
      const y = Y[3 * i + 1]!;
      const z = Y[3 * i + 2]!;
      let fx = 0;
      let fy = 0;
      let fz = 0;
      const end = rowStart[i + 1]!;
      for (let s = rowStart[i]!; s < end; s++) {
        const j = cols[s]!;
        if (j < i) continue;
        const dx = x - Y[3 * j]!;
        const dy = y - Y[3 * j + 1]!;
        const dz = z - Y[3 * j + 2]!;
        const q = (2 * vals[s]!) / (2 + dx * dx + dy * dy + dz * dz);
        fx += q * dx;
        fy += q * dy;
        fz += q * dz;
        out[3 * j]! -= q * dx;
        out[3 * j + 1]! -= q * dy;
        out[3 * j + 2]! -= q * dz;
      }
      out[3 * i]! += fx;
      out[3 * i + 1]! += fy;
      out[3 * i + 2]! += fz;
    }
  }
  if (exaggeration !== 1) for (let t = 0; t < m; t++) out[t]! *= exaggeration;
}

/**
 * Barnes–Hut gradient of KL(exaggeration·P ‖ Q): rebuilds `tree` in place, then
 * `grad_i = c · (attr_i − neg_i / Z)` with c = 2(ν+1)/ν. O(nnz(P) + n log n), no allocation
 * once the tree has grown to size.
 *
 * @param P - sparse joint probabilities
 * @param Y - n × dims positions (dims 2 or 3)
 * @param n - number of points
 * @param dims - 2 or 3
 * @param theta - opening angle (> 0)
 * @param exaggeration - factor applied to P
 * @param tree - reusable tree
 * @param neg - n × dims scratch (receives the unnormalised repulsion)
 * @param grad - receives the n × dims gradient
 * @returns the Barnes–Hut estimate of Z
 * @example
 * ```ts
 * const Z = bhGradient(P, Y, n, 2, 0.5, 1, bhTree(n, 2), neg, grad);
 * ```
 * @see sklearn.manifold._barnes_hut_tsne.gradient
 */
export function bhGradient(
  P: SparseAffinities,
  Y: Float64Array,
  n: number,
  dims: number,
  theta: number,
  exaggeration: number,
  tree: BHTree,
  neg: Float64Array,
  grad: Float64Array,
): number {
  buildBHTree(tree, Y, n);
  const Z = dims === 2 ? repulsion2D(tree, n, theta, neg) : repulsion3D(tree, n, theta, neg);
  attractiveForces(P, Y, n, dims, exaggeration, grad);
  const nu = degreesOfFreedom(dims);
  const c = (2 * (nu + 1)) / nu;
  const invZ = Z > 0 ? 1 / Z : 0;
  const m = n * dims;
  for (let t = 0; t < m; t++) grad[t] = c * (grad[t]! - neg[t]! * invZ);
  return Z;
}

/**
 * Exact gradient of KL(exaggeration·P ‖ Q) from a dense P, any dimension. One pass over the
 * n(n−1)/2 pairs accumulates attraction, repulsion and Z together. O(n²·dims), no allocation.
 *
 * @param P - n × n joint probabilities (row-major, symmetric)
 * @param Y - n × dims positions
 * @param n - number of points
 * @param dims - embedding dimension (≥ 1)
 * @param exaggeration - factor applied to P
 * @param neg - n × dims scratch
 * @param grad - receives the n × dims gradient
 * @returns Z = Σ_{i≠j} w_ij
 * @example
 * ```ts
 * const Z = exactGradient(P, Y, n, 2, 1, neg, grad);
 * ```
 * @see sklearn.manifold._t_sne._kl_divergence
 */
export function exactGradient(P: Float64Array, Y: Float64Array, n: number, dims: number, exaggeration: number, neg: Float64Array, grad: Float64Array): number {
  const m = n * dims;
  grad.fill(0, 0, m);
  neg.fill(0, 0, m);
  const nu = degreesOfFreedom(dims);
  let Z = 0;
  if (dims === 2) {
    for (let i = 0; i < n; i++) {
      const x = Y[2 * i]!;
      const y = Y[2 * i + 1]!;
      let ax = 0;
      let ay = 0;
      let rx = 0;
      let ry = 0;
      const row = i * n;
      for (let j = i + 1; j < n; j++) {
        const dx = x - Y[2 * j]!;
        const dy = y - Y[2 * j + 1]!;
        const w = 1 / (1 + dx * dx + dy * dy);
        Z += w;
        const a = P[row + j]! * w;
        const r = w * w;
        ax += a * dx;
        ay += a * dy;
        rx += r * dx;
        ry += r * dy;
        grad[2 * j]! -= a * dx;
        grad[2 * j + 1]! -= a * dy;
        neg[2 * j]! -= r * dx;
        neg[2 * j + 1]! -= r * dy;
      }
      grad[2 * i]! += ax;
      grad[2 * i + 1]! += ay;
      neg[2 * i]! += rx;
      neg[2 * i + 1]! += ry;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const yi = i * dims;
      const row = i * n;
      for (let j = i + 1; j < n; j++) {
        const yj = j * dims;
        let d2 = 0;
        for (let a = 0; a < dims; a++) {
          const t = Y[yi + a]! - Y[yj + a]!;
          d2 += t * t;
        }
        const u = nu / (nu + d2);
        const w = nu === 1 ? u : nu === 2 ? u * Math.sqrt(u) : studentPower(u, nu);
        Z += w;
        const att = P[row + j]! * u;
        const rep = w * u;
        for (let a = 0; a < dims; a++) {
          const t = Y[yi + a]! - Y[yj + a]!;
          grad[yi + a]! += att * t;
          grad[yj + a]! -= att * t;
          neg[yi + a]! += rep * t;
          neg[yj + a]! -= rep * t;
        }
      }
    }
  }
  Z *= 2;
  const c = (2 * (nu + 1)) / nu;
  const invZ = Z > 0 ? 1 / Z : 0;
  for (let t = 0; t < m; t++) grad[t] = c * (exaggeration * grad[t]! - neg[t]! * invZ);
  return Z;
}

/**
 * Exact normaliser Z = Σ_{i≠j} w_ij of the output similarities. O(n²·dims).
 *
 * @param Y - n × dims positions
 * @param n - number of points
 * @param dims - embedding dimension
 * @returns Z
 * @example
 * ```ts
 * exactZ(new Float64Array([0, 0, 1, 0]), 2, 2); // 1
 * ```
 */
export function exactZ(Y: Float64Array, n: number, dims: number): number {
  const nu = degreesOfFreedom(dims);
  let Z = 0;
  for (let i = 0; i < n; i++) {
    const yi = i * dims;
    for (let j = i + 1; j < n; j++) {
      const yj = j * dims;
      let d2 = 0;
      for (let a = 0; a < dims; a++) {
        const t = Y[yi + a]! - Y[yj + a]!;
        d2 += t * t;
      }
      const u = nu / (nu + d2);
      Z += nu === 1 ? u : nu === 2 ? u * Math.sqrt(u) : studentPower(u, nu);
    }
  }
  return 2 * Z;
}

/**
 * KL(P‖Q) = Σ p_ij ln(p_ij / q_ij) over the entries of a sparse P, given Z (exact, or the
 * Barnes–Hut estimate). Probabilities are floored at machine ε as scikit-learn. Sums the pairs
 * j > i twice (P is symmetric), so P may be full or its upper triangle. O(nnz·dims).
 *
 * @param P - sparse joint probabilities (full symmetric, or the strict upper triangle)
 * @param Y - n × dims positions
 * @param n - number of points
 * @param dims - embedding dimension
 * @param Z - normaliser of Q
 * @returns the divergence (nats)
 * @example
 * ```ts
 * klSparse(P, Y, n, 2, exactZ(Y, n, 2));
 * ```
 */
export function klSparse(P: SparseAffinities, Y: Float64Array, n: number, dims: number, Z: number): number {
  const nu = degreesOfFreedom(dims);
  const rowStart = P.rowStart;
  const cols = P.columns;
  const vals = P.values;
  const log = detLog; // one import read per call, not per pair (see affinities.ts)
  let kl = 0;
  for (let i = 0; i < n; i++) {
    const yi = i * dims;
    const end = rowStart[i + 1]!;
    for (let s = rowStart[i]!; s < end; s++) {
      if (cols[s]! < i) continue;
      const yj = cols[s]! * dims;
      let d2 = 0;
      for (let a = 0; a < dims; a++) {
        const t = Y[yi + a]! - Y[yj + a]!;
        d2 += t * t;
      }
      const u = nu / (nu + d2);
      const w = nu === 1 ? u : nu === 2 ? u * Math.sqrt(u) : studentPower(u, nu);
      const p = vals[s]!;
      kl += p * log(Math.max(p, MACHINE_EPSILON) / Math.max(w / Z, MACHINE_EPSILON));
    }
  }
  return 2 * kl;
}

/**
 * Exact KL(P‖Q) for a dense P. O(n²·dims).
 *
 * @param P - n × n joint probabilities
 * @param Y - n × dims positions
 * @param n - number of points
 * @param dims - embedding dimension
 * @param Z - the exact normaliser when already known (computed otherwise)
 * @returns the divergence (nats)
 * @example
 * ```ts
 * klDense(P, Y, n, 2);
 * ```
 * @see sklearn.manifold._t_sne._kl_divergence
 */
export function klDense(P: Float64Array, Y: Float64Array, n: number, dims: number, Z: number = exactZ(Y, n, dims)): number {
  const nu = degreesOfFreedom(dims);
  const log = detLog; // one import read per call, not per pair (see affinities.ts)
  let kl = 0;
  for (let i = 0; i < n; i++) {
    const yi = i * dims;
    for (let j = i + 1; j < n; j++) {
      const yj = j * dims;
      let d2 = 0;
      for (let a = 0; a < dims; a++) {
        const t = Y[yi + a]! - Y[yj + a]!;
        d2 += t * t;
      }
      const u = nu / (nu + d2);
      const w = nu === 1 ? u : nu === 2 ? u * Math.sqrt(u) : studentPower(u, nu);
      const p = P[i * n + j]!;
      kl += p * log(Math.max(p, MACHINE_EPSILON) / Math.max(w / Z, MACHINE_EPSILON));
    }
  }
  return 2 * kl;
}
