/**
 * t-SNE input affinities: per-point Gaussian conditionals calibrated to a perplexity, then
 * symmetrised and normalised into the joint distribution P (sparse for Barnes–Hut, dense for
 * the exact method).
 *
 * Every exponential and logarithm here goes through `detExp` / `detLog` (core/math.ts) rather
 * than `Math.exp` / `Math.log`, whose last bit differs between JavaScript engines: the
 * calibrated P — and so the whole embedding — is then the same bits in every browser and Node.
 */
import { detExp, detLog } from '../../core/math.js';
import { runSync, type Work } from '../../core/task.js';

/** Entropy tolerance of the per-point precision search (nats), as scikit-learn. */
export const PERPLEXITY_TOLERANCE = 1e-5;

/** Maximum bisection steps of the per-point precision search, as scikit-learn. */
export const PERPLEXITY_STEPS = 100;

/** Smallest double step, used as a floor for probabilities (scikit-learn's `MACHINE_EPSILON`). */
export const MACHINE_EPSILON = 2.220446049250313e-16;

/**
 * Calibrates the Gaussian conditional p(j | i) of one point to a target entropy by bisection on
 * the precision β (scikit-learn's `_binary_search_perplexity`, at most 100 steps, tolerance
 * 1e-5 nats).
 *
 * Distances are shifted by their minimum before exponentiating (the shift cancels in the
 * normalisation), so the row never underflows to all zeros, whatever the scale of the data;
 * equal distances give the uniform row. O(k) per step, no allocation.
 *
 * @param dist - squared distances from point i to its candidates (read from `offset`)
 * @param offset - start of the row in `dist` and `out`
 * @param k - number of candidates
 * @param logPerplexity - target entropy, `ln(perplexity)`
 * @param out - receives the normalised conditional probabilities (same offset)
 * @returns the precision β that was reached
 * @example
 * ```ts
 * const p = new Float64Array(3);
 * conditionalRow(new Float64Array([1, 1, 1]), 0, 3, detLog(2), p); // p = [1/3, 1/3, 1/3]
 * ```
 * @see sklearn.manifold._utils._binary_search_perplexity
 */
export function conditionalRow(dist: Float64Array, offset: number, k: number, logPerplexity: number, out: Float64Array): number {
  let dmin = Infinity;
  for (let j = 0; j < k; j++) {
    const d = dist[offset + j]!;
    if (d < dmin) dmin = d;
  }
  // Local aliases: module runners that reach imports through getters (vitest's, so the
  // benches) then pay one property read per row instead of one per element.
  const exp = detExp;
  const log = detLog;
  let beta = 1;
  let betaMin = -Infinity;
  let betaMax = Infinity;
  for (let step = 0; step < PERPLEXITY_STEPS; step++) {
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const v = exp(-(dist[offset + j]! - dmin) * beta);
      out[offset + j] = v;
      sum += v;
    }
    // sum >= 1: the nearest candidate contributes exp(0).
    let sumDP = 0;
    const inv = 1 / sum;
    for (let j = 0; j < k; j++) {
      const p = out[offset + j]! * inv;
      out[offset + j] = p;
      sumDP += (dist[offset + j]! - dmin) * p;
    }
    const diff = log(sum) + beta * sumDP - logPerplexity;
    if (Math.abs(diff) <= PERPLEXITY_TOLERANCE) break;
    if (diff > 0) {
      betaMin = beta;
      beta = betaMax === Infinity ? beta * 2 : (beta + betaMax) / 2;
    } else {
      betaMax = beta;
      beta = betaMin === -Infinity ? beta / 2 : (beta + betaMin) / 2;
    }
  }
  return beta;
}

/** Sparse symmetric joint probabilities in compressed-row form (columns sorted per row). */
export interface SparseAffinities {
  /** Row i's entries are `[rowStart[i], rowStart[i + 1])`; length n + 1. */
  rowStart: Int32Array;
  /** Column (neighbour) index of each entry. */
  columns: Int32Array;
  /** p_ij of each entry; the whole matrix sums to 1. */
  values: Float64Array;
}

/**
 * Joint probabilities from each point's k nearest neighbours (scikit-learn's
 * `_joint_probabilities_nn`): conditionals calibrated per row, then
 * `P = (C + Cᵀ) / max(sum(C + Cᵀ), ε)` on the union of both neighbourhoods.
 *
 * O(n·k·(steps + log k)) time, O(n·k) memory.
 *
 * @param n - number of points
 * @param k - neighbours per point
 * @param indices - n × k neighbour indices, row-major (self excluded)
 * @param sqDistances - n × k squared distances matching `indices`
 * @param perplexity - target perplexity
 * @returns the symmetric, normalised P in compressed-row form
 * @example
 * ```ts
 * const P = jointProbabilitiesNN(3, 2, new Int32Array([1, 2, 0, 2, 0, 1]), new Float64Array(6).fill(1), 1.5);
 * P.values; // six entries of 1/6
 * ```
 * @see sklearn.manifold._t_sne._joint_probabilities_nn
 */
export function jointProbabilitiesNN(n: number, k: number, indices: Int32Array, sqDistances: Float64Array, perplexity: number): SparseAffinities {
  return runSync(jointProbabilitiesNNWork(n, k, indices, sqDistances, perplexity), { fn: 'tsne' });
}

/**
 * {@link jointProbabilitiesNN} as resumable work: yields every 1 024 rows of the perplexity
 * search (the long part), so `tsneAsync` and an `AbortSignal` can interrupt it.
 *
 * @param n - number of points
 * @param k - neighbours per point
 * @param indices - n × k neighbour indices
 * @param sqDistances - n × k squared distances
 * @param perplexity - target perplexity
 * @returns the work, whose result is the symmetric P
 * @example
 * ```ts
 * const P = runSync(jointProbabilitiesNNWork(n, k, idx, sq, 30), { fn: 'tsne' });
 * ```
 */
export function* jointProbabilitiesNNWork(n: number, k: number, indices: Int32Array, sqDistances: Float64Array, perplexity: number): Work<SparseAffinities> {
  const cond = new Float64Array(n * k);
  const logPerp = detLog(perplexity);
  for (let i = 0; i < n; i++) {
    conditionalRow(sqDistances, i * k, k, logPerp, cond);
    if ((i & 1023) === 1023) yield undefined;
  }

  // Scatter C and Cᵀ into per-row buckets, then sort each bucket by column and merge.
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    counts[i + 1]! += k;
    for (let t = 0; t < k; t++) counts[indices[i * k + t]! + 1]!++;
  }
  for (let i = 0; i < n; i++) counts[i + 1]! += counts[i]!;
  const total = counts[n]!;
  const cols = new Int32Array(total);
  const vals = new Float64Array(total);
  const fill = counts.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = indices[i * k + t]!;
      const v = cond[i * k + t]!;
      let q = fill[i]!++;
      cols[q] = j;
      vals[q] = v;
      q = fill[j]!++;
      cols[q] = i;
      vals[q] = v;
    }
  }
  const rowStart = new Int32Array(n + 1);
  let w = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const a = counts[i]!;
    const b = counts[i + 1]!;
    // Insertion sort by column: buckets are short (about 2k) and nearly sorted halves.
    for (let s = a + 1; s < b; s++) {
      const c = cols[s]!;
      const v = vals[s]!;
      let r = s - 1;
      while (r >= a && cols[r]! > c) {
        cols[r + 1] = cols[r]!;
        vals[r + 1] = vals[r]!;
        r--;
      }
      cols[r + 1] = c;
      vals[r + 1] = v;
    }
    rowStart[i] = w;
    for (let s = a; s < b; s++) {
      const c = cols[s]!;
      const v = vals[s]!;
      if (w > rowStart[i]! && cols[w - 1]! === c) {
        vals[w - 1]! += v;
      } else {
        cols[w] = c;
        vals[w] = v;
        w++;
      }
      sum += v;
    }
  }
  rowStart[n] = w;
  const inv = 1 / Math.max(sum, MACHINE_EPSILON);
  const columns = cols.slice(0, w);
  const values = vals.slice(0, w);
  for (let s = 0; s < w; s++) values[s]! *= inv;
  return { rowStart, columns, values };
}

/**
 * The strictly upper triangle (j > i) of a symmetric sparse P: every pair once. Half the memory
 * traffic for the attractive forces, which apply each pair's force to both ends.
 *
 * @param P - symmetric sparse joint probabilities (columns sorted per row)
 * @param n - number of points
 * @returns the entries with column > row, in compressed-row form
 * @example
 * ```ts
 * upperTriangle(jointProbabilitiesNN(n, k, idx, d2, 30), n).values.length; // nnz / 2
 * ```
 */
export function upperTriangle(P: SparseAffinities, n: number): SparseAffinities {
  let count = 0;
  for (let i = 0; i < n; i++) for (let s = P.rowStart[i]!; s < P.rowStart[i + 1]!; s++) if (P.columns[s]! > i) count++;
  const rowStart = new Int32Array(n + 1);
  const columns = new Int32Array(count);
  const values = new Float64Array(count);
  let w = 0;
  for (let i = 0; i < n; i++) {
    rowStart[i] = w;
    for (let s = P.rowStart[i]!; s < P.rowStart[i + 1]!; s++) {
      if (P.columns[s]! > i) {
        columns[w] = P.columns[s]!;
        values[w] = P.values[s]!;
        w++;
      }
    }
  }
  rowStart[n] = w;
  return { rowStart, columns, values };
}

/**
 * Dense joint probabilities over all pairs (scikit-learn's `_joint_probabilities`, the exact
 * method): conditionals over the n − 1 other points, `P = max((C + Cᵀ) / sum, ε)` off the
 * diagonal, 0 on it. Works in place: the squared distances are overwritten by P, so the
 * whole computation needs one n × n buffer plus two rows.
 *
 * O(n²·steps) time.
 *
 * @param n - number of points
 * @param D - n × n squared distances (diagonal ignored); overwritten with P
 * @param perplexity - target perplexity
 * @returns `D`, now holding the n × n row-major P (sums to 1 up to the ε floor)
 * @example
 * ```ts
 * jointProbabilitiesExact(2, new Float64Array([0, 1, 1, 0]), 1); // [0, 0.5, 0.5, 0]
 * ```
 * @see sklearn.manifold._t_sne._joint_probabilities
 */
export function jointProbabilitiesExact(n: number, D: Float64Array, perplexity: number): Float64Array {
  return runSync(jointProbabilitiesExactWork(n, D, perplexity), { fn: 'tsne' });
}

/**
 * {@link jointProbabilitiesExact} as resumable work: yields every 64 rows of the O(n²) search.
 *
 * @param n - number of points
 * @param D - n × n squared distances (overwritten with P)
 * @param perplexity - target perplexity
 * @returns the work, whose result is `D` holding P
 * @example
 * ```ts
 * const P = runSync(jointProbabilitiesExactWork(n, D, 30), { fn: 'tsne' });
 * ```
 */
export function* jointProbabilitiesExactWork(n: number, D: Float64Array, perplexity: number): Work<Float64Array> {
  const m = n - 1;
  const dist = new Float64Array(m);
  const cond = new Float64Array(m);
  const logPerp = detLog(perplexity);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let t = 0;
    for (let j = 0; j < n; j++) if (j !== i) dist[t++] = D[row + j]!;
    conditionalRow(dist, 0, m, logPerp, cond);
    t = 0;
    for (let j = 0; j < n; j++) D[row + j] = j === i ? 0 : cond[t++]!;
    if ((i & 63) === 63) yield undefined;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = D[i * n + j]! + D[j * n + i]!;
      D[i * n + j] = v;
      D[j * n + i] = v;
      sum += 2 * v;
    }
  }
  const inv = 1 / Math.max(sum, MACHINE_EPSILON);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (j !== i) D[i * n + j] = Math.max(D[i * n + j]! * inv, MACHINE_EPSILON);
    }
  }
  return D;
}
