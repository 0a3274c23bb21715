/**
 * UMAP's optimisation: stochastic gradient descent on the fuzzy cross-entropy, one edge sample
 * at a time, with negative sampling (umap-learn's `_optimize_layout_euclidean_single_epoch`).
 * This is the hot loop of UMAP: flat Float64Array coordinates, no allocation, a 2-D
 * specialisation, and `scaledPow` for the `a·d^(2b)` terms.
 */
import { scaledPow, type PowTable } from './pow.js';

/** Everything one epoch reads and writes (all typed arrays live in the plain-data state). */
export interface SgdArrays {
  /** Coordinates being optimised (heads), rows × dims. */
  head: Float64Array;
  /** Coordinates sampled against (tails); the same array as `head` when fitting. */
  tail: Float64Array;
  /** Head vertex of each edge (a row of `head`). */
  from: Int32Array;
  /** Tail vertex of each edge (a row of `tail`). */
  to: Int32Array;
  /** Epochs between samples of each edge: nEpochs / (nEpochs · w / w_max). */
  epochsPerSample: Float64Array;
  /** Epoch at which each edge is next sampled. */
  epochOfNextSample: Float64Array;
  /** Epoch at which each edge next draws negative samples. */
  epochOfNextNegativeSample: Float64Array;
  /** Tausworthe generator state (3 × uint32), umap-learn's `tau_rand_int`. */
  rng: Uint32Array;
}

/** Scalars of the optimisation. */
export interface SgdParams {
  /** Curve parameter a. */
  a: number;
  /** Curve parameter b. */
  b: number;
  /** Repulsion strength γ. */
  gamma: number;
  /** Negative samples per positive sample. */
  negativeSampleRate: number;
  /** Rows of `tail` negative samples are drawn from. */
  nVertices: number;
  /** Embedding dimension. */
  dims: number;
  /** Whether the tail of a positive edge moves too (fitting: yes; transform: no). */
  moveOther: boolean;
}

/**
 * Seeds a Tausworthe state from three 32-bit words, avoiding the degenerate small values the
 * generator needs to exceed (s0 > 1, s1 > 7, s2 > 15).
 *
 * @param w0 - first word
 * @param w1 - second word
 * @param w2 - third word
 * @returns the state
 * @example
 * ```ts
 * tauState(nextUint32(s), nextUint32(s), nextUint32(s));
 * ```
 */
export function tauState(w0: number, w1: number, w2: number): Uint32Array {
  return Uint32Array.of(w0 >>> 0 < 2 ? w0 + 2 : w0, w1 >>> 0 < 8 ? w1 + 8 : w1, w2 >>> 0 < 16 ? w2 + 16 : w2);
}

/**
 * Runs epoch `n` (0-based) of the optimisation over the edges [e0, e1), in place, exactly as
 * umap-learn's single-epoch kernel (sequential, `parallel=False`):
 *
 * - an edge (j, k) is sampled when `epochOfNextSample ≤ n`: attraction
 *   `−2ab·d^(2(b−1)) / (1 + a·d^(2b)) · (yⱼ − yₖ)` per coordinate, clipped to ±4, times α,
 *   applied to j and (when fitting) opposite to k;
 * - then ⌊(n − epochOfNextNegativeSample) / (epochsPerSample / rate)⌋ negative samples k
 *   (uniform over the tail rows, umap-learn's `tau_rand_int() % n_vertices`) push j away:
 *   `2γb / ((0.001 + d²)(1 + a·d^(2b))) · (yⱼ − yₖ)`, clipped to ±4, times α.
 *
 * One random stream drives every negative sample (umap-learn, since 0.5.4, gives each head
 * vertex its own stream so its parallel loop is reproducible; the sequential loop here needs
 * only one). Splitting an epoch into several edge ranges gives the same result as one call.
 * O(edges sampled · (1 + rate) · dims).
 *
 * @param s - the arrays (updated)
 * @param p - the scalars
 * @param n - the epoch index
 * @param alpha - the epoch's learning rate
 * @param e0 - first edge
 * @param e1 - end edge (exclusive)
 * @param t - tables of `scaledPow` for the params' a and b
 * @example
 * ```ts
 * optimizeEdges(arrays, params, epoch, alpha, 0, arrays.from.length, powTable(params.a, params.b));
 * ```
 * @see umap-learn `umap.layouts._optimize_layout_euclidean_single_epoch`
 */
export function optimizeEdges(s: SgdArrays, p: SgdParams, n: number, alpha: number, e0: number, e1: number, t: PowTable): void {
  if (p.dims === 2) optimize2(s, p, n, alpha, e0, e1, t);
  else optimizeN(s, p, n, alpha, e0, e1, t);
}

function optimize2(s: SgdArrays, p: SgdParams, n: number, alpha: number, e0: number, e1: number, t: PowTable): void {
  const { head: H, tail: T, from, to, epochsPerSample: eps, epochOfNextSample: next, epochOfNextNegativeSample: nextNeg, rng } = s;
  const { b, gamma, negativeSampleRate: rate, nVertices, moveOther } = p;
  const same = H === T;
  const twoB = 2 * b; // 2ab·d^(2(b−1)) = 2b·(a·d^(2b))/d²
  const twoGB = 2 * gamma * b;
  const pick = nVertices * 2.3283064365386963e-10; // n / 2³²
  let s0 = rng[0]!;
  let s1 = rng[1]!;
  let s2 = rng[2]!;
  for (let i = e0; i < e1; i++) {
    if (next[i]! > n) continue;
    const j = from[i]!;
    const k = to[i]!;
    const jo = 2 * j;
    const ko = 2 * k;
    let cx = H[jo]!;
    let cy = H[jo + 1]!;
    const ox = T[ko]!;
    const oy = T[ko + 1]!;
    let dx = cx - ox;
    let dy = cy - oy;
    let d2 = dx * dx + dy * dy;
    let gc = 0;
    if (d2 > 0) {
      const q = scaledPow(d2, t); // a·d^(2b)
      // q overflows only for huge b (d² is bounded by the validated coordinates): its limit then
      gc = q < Infinity ? (-twoB * q) / (d2 * (q + 1)) : -twoB / d2;
    }
    let g = gc * dx;
    g = g > 4 ? 4 : g < -4 ? -4 : g;
    cx += g * alpha;
    if (moveOther) T[ko] = ox - g * alpha;
    g = gc * dy;
    g = g > 4 ? 4 : g < -4 ? -4 : g;
    cy += g * alpha;
    if (moveOther) T[ko + 1] = oy - g * alpha;
    const e = eps[i]!;
    next[i] = next[i]! + e;
    if (!(rate > 0)) {
      H[jo] = cx;
      H[jo + 1] = cy;
      continue;
    }
    const perNeg = e / rate;
    const nNeg = Math.trunc((n - nextNeg[i]!) / perNeg);
    for (let q = 0; q < nNeg; q++) {
      s0 = ((s0 & 0xfffffffe) << 12) ^ (((s0 << 13) ^ s0) >>> 19);
      s1 = ((s1 & 0xfffffff8) << 4) ^ (((s1 << 2) ^ s1) >>> 25);
      s2 = ((s2 & 0xfffffff0) << 17) ^ (((s2 << 3) ^ s2) >>> 11);
      // ⌊r · n / 2³²⌋: an index in [0, n) from the 32-bit draw without an integer division
      // (umap-learn takes r mod n; either is uniform to within n / 2³²).
      const m = (((s0 ^ s1 ^ s2) >>> 0) * pick) | 0;
      // The head itself: its distance is 0 (umap-learn skips it, or moves it by 0).
      if (same && m === j) continue;
      const mo = 2 * m;
      dx = cx - T[mo]!;
      dy = cy - T[mo + 1]!;
      d2 = dx * dx + dy * dy;
      if (!(d2 > 0)) continue; // gradient 0
      const rc = twoGB / ((0.001 + d2) * (scaledPow(d2, t) + 1));
      if (rc > 0) {
        g = rc * dx;
        g = g > 4 ? 4 : g < -4 ? -4 : g;
        cx += g * alpha;
        g = rc * dy;
        g = g > 4 ? 4 : g < -4 ? -4 : g;
        cy += g * alpha;
      }
    }
    nextNeg[i] = nextNeg[i]! + nNeg * perNeg;
    H[jo] = cx;
    H[jo + 1] = cy;
  }
  rng[0] = s0;
  rng[1] = s1;
  rng[2] = s2;
}

function optimizeN(s: SgdArrays, p: SgdParams, n: number, alpha: number, e0: number, e1: number, t: PowTable): void {
  const { head: H, tail: T, from, to, epochsPerSample: eps, epochOfNextSample: next, epochOfNextNegativeSample: nextNeg, rng } = s;
  const { b, gamma, negativeSampleRate: rate, nVertices, moveOther, dims } = p;
  const same = H === T;
  const twoB = 2 * b; // 2ab·d^(2(b−1)) = 2b·(a·d^(2b))/d²
  const twoGB = 2 * gamma * b;
  const pick = nVertices * 2.3283064365386963e-10; // n / 2³²
  let s0 = rng[0]!;
  let s1 = rng[1]!;
  let s2 = rng[2]!;
  for (let i = e0; i < e1; i++) {
    if (next[i]! > n) continue;
    const j = from[i]!;
    const k = to[i]!;
    const jo = dims * j;
    const ko = dims * k;
    let d2 = 0;
    for (let d = 0; d < dims; d++) {
      const v = H[jo + d]! - T[ko + d]!;
      d2 += v * v;
    }
    let gc = 0;
    if (d2 > 0) {
      const q = scaledPow(d2, t); // a·d^(2b)
      // q overflows only for huge b (d² is bounded by the validated coordinates): its limit then
      gc = q < Infinity ? (-twoB * q) / (d2 * (q + 1)) : -twoB / d2;
    }
    for (let d = 0; d < dims; d++) {
      const c = H[jo + d]!;
      const o = T[ko + d]!;
      let g = gc * (c - o);
      g = g > 4 ? 4 : g < -4 ? -4 : g;
      H[jo + d] = c + g * alpha;
      if (moveOther) T[ko + d] = o - g * alpha;
    }
    const e = eps[i]!;
    next[i] = next[i]! + e;
    if (!(rate > 0)) continue;
    const perNeg = e / rate;
    const nNeg = Math.trunc((n - nextNeg[i]!) / perNeg);
    for (let q = 0; q < nNeg; q++) {
      s0 = ((s0 & 0xfffffffe) << 12) ^ (((s0 << 13) ^ s0) >>> 19);
      s1 = ((s1 & 0xfffffff8) << 4) ^ (((s1 << 2) ^ s1) >>> 25);
      s2 = ((s2 & 0xfffffff0) << 17) ^ (((s2 << 3) ^ s2) >>> 11);
      const m = (((s0 ^ s1 ^ s2) >>> 0) * pick) | 0;
      if (same && m === j) continue;
      const mo = dims * m;
      d2 = 0;
      for (let d = 0; d < dims; d++) {
        const v = H[jo + d]! - T[mo + d]!;
        d2 += v * v;
      }
      if (!(d2 > 0)) continue;
      const rc = twoGB / ((0.001 + d2) * (scaledPow(d2, t) + 1));
      if (rc > 0) {
        for (let d = 0; d < dims; d++) {
          let g = rc * (H[jo + d]! - T[mo + d]!);
          g = g > 4 ? 4 : g < -4 ? -4 : g;
          H[jo + d] = H[jo + d]! + g * alpha;
        }
      }
    }
    nextNeg[i] = nextNeg[i]! + nNeg * perNeg;
  }
  rng[0] = s0;
  rng[1] = s1;
  rng[2] = s2;
}
