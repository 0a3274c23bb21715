/**
 * Thick-restart Lanczos (Wu & Simon) with full reorthogonalisation, for a few eigenpairs at one
 * end of the spectrum of a symmetric operator. The kernel behind {@link eigsh}.
 */
import { LatentError, describe } from '../core/errors.js';
import { nextDouble, type RngState } from '../core/random.js';
import type { Work } from '../core/task.js';
import { symmetricEigenInPlace } from './eig-symmetric.js';

/** What the Lanczos kernel needs: the operator, the end and size of the wanted set, the limits. */
export interface LanczosProblem {
  /** Public function name for errors. */
  fn: string;
  /** Order of the operator. */
  n: number;
  /** `out ← T x` (T symmetric); must not keep references to x or out. */
  apply: (x: Float64Array, out: Float64Array) => void;
  /** Number of wanted eigenpairs (k < ncv). */
  k: number;
  /** Krylov basis size m (k < m < n). */
  ncv: number;
  /** Want the largest (true) or smallest (false) eigenvalues of T. */
  largest: boolean;
  /** Convergence: ‖T y − θ y‖ ≤ tol · scale. */
  tol: number;
  /** Scale of the test: |θ| (relative, for shift-invert) or the spread of T's spectrum seen so far. */
  relative: boolean;
  /** Largest number of operator applications. */
  maxApplies: number;
  /** Start vector (any non-zero vector; normalised here). */
  start: Float64Array;
  /** Random source for restarts after breakdown and for the multiplicity check. */
  random: RngState;
}

/** What the kernel returns. */
export interface LanczosResult {
  /** The k Ritz values of T, wanted end first. */
  values: Float64Array;
  /** k × n Ritz vectors (rows, orthonormal). */
  vectors: Float64Array;
  /** Residual norms ‖T y − θ y‖ of the returned pairs. */
  residuals: Float64Array;
  /** Operator applications used. */
  applies: number;
  /** Whether every pair met the tolerance (and survived the multiplicity check). */
  converged: boolean;
}

/** Coordinates per block when the basis is rotated in place (keeps the scratch small). */
const ROTATE_BLOCK = 256;

/**
 * Runs thick-restart Lanczos on `problem`: each cycle extends the basis to m vectors with full
 * reorthogonalisation (the recurrence, then classical Gram–Schmidt repeated while it removes more
 * than 30% of the vector: "twice is enough"), solves the m × m projected problem, and
 * restarts from the best `k + (m − k)/2` Ritz vectors plus the residual direction. Once the k
 * wanted pairs have converged, one more cycle from a fresh random vector orthogonal to them checks
 * for missed copies of repeated eigenvalues (a single Krylov sequence sees one vector per
 * eigenspace); the run ends when a check finds nothing new.
 *
 * Time per application: the operator plus O(m·n) for reorthogonalisation; memory (m + 1)·n
 * doubles for the basis.
 *
 * @param problem - see {@link LanczosProblem}
 * @returns a generator (a checkpoint per application, a progress report per cycle) returning the pairs
 * @example
 * ```ts
 * const r = runSync(lanczos({ fn: 'eigsh', n, apply, k: 3, ncv: 20, largest: true, tol: 1e-10, relative: false, maxApplies: 1e4, start, random: rngState(1) }), { fn: 'eigsh' });
 * ```
 * @see K. Wu & H. Simon, "Thick-restart Lanczos method for large symmetric eigenvalue problems", SIAM J. Matrix Anal. Appl. 22 (2000)
 */
export function* lanczos(problem: LanczosProblem): Work<LanczosResult> {
  const { fn, n, apply, k, largest, tol, relative, maxApplies, random } = problem;
  const m = problem.ncv;
  const V = new Float64Array((m + 1) * n);
  const H = new Float64Array(m * m);
  const E = new Float64Array(m * m);
  const theta = new Float64Array(m);
  const coef = new Float64Array(m + 1);
  const w = new Float64Array(n);
  const rotScratch = new Float64Array((m + 1) * ROTATE_BLOCK);
  const residuals = new Float64Array(k);
  let applies = 0;
  let spread = 0; // largest |θ| seen: the scale of T
  let l = 0; // kept Ritz vectors at the front of V
  let verifying = false;
  let converged = false;
  let beta = 0;

  const v0 = V.subarray(0, n);
  v0.set(problem.start);
  if (!(normalize(v0) > 0)) randomUnit(random, V, 0, n);

  for (;;) {
    // Extend the basis from vector l to m (v_m receives the residual direction).
    for (let j = l; j < m; j++) {
      const vj = V.subarray(j * n, (j + 1) * n);
      apply(vj, w);
      applies++;
      checkFinite(fn, w);
      // The recurrence's known couplings (v_{j−1}, or the kept Ritz vectors after a restart),
      // then α, then one full Gram–Schmidt pass for the rounding, repeated when it removed much.
      for (let i = 0; i < j; i++) {
        const h = H[i * m + j]!;
        if (h !== 0) axpy(-h, V, i * n, w, n);
      }
      let alpha = dot(V, j * n, w, n);
      axpy(-alpha, V, j * n, w, n);
      let before = norm(w);
      for (let pass = 0; pass < 3; pass++) {
        alpha += orthogonalize(V, j + 1, n, w, coef);
        const after = norm(w);
        if (after > 0.7071 * before) break;
        before = after;
      }
      H[j * m + j] = alpha;
      beta = norm(w);
      const scale = Math.max(spread, Math.abs(alpha));
      const next = V.subarray((j + 1) * n, (j + 2) * n);
      if (beta <= 1e-13 * scale || beta === 0) {
        // Invariant subspace: continue from a random direction orthogonal to the basis.
        beta = 0;
        randomUnit(random, V, j + 1, n);
        orthogonalize(V, j + 1, n, next, coef);
        orthogonalize(V, j + 1, n, next, coef);
        if (!(normalize(next) > 0)) randomUnit(random, V, j + 1, n);
      } else {
        for (let t = 0; t < n; t++) next[t] = w[t]! / beta;
      }
      if (j + 1 < m) {
        H[j * m + j + 1] = beta;
        H[(j + 1) * m + j] = beta;
      }
      yield;
    }
    // Ritz pairs of the projected matrix, wanted end first.
    E.set(H);
    symmetricEigenInPlace(E, m, theta, largest);
    for (let i = 0; i < m; i++) spread = Math.max(spread, Math.abs(theta[i]!));
    let nconv = 0;
    for (let i = 0; i < k; i++) {
      const r = Math.abs(beta * E[i * m + m - 1]!);
      residuals[i] = r;
      const scale = relative ? Math.max(Math.abs(theta[i]!), 1e-10 * spread) : spread;
      if (r <= tol * scale) nconv++;
    }
    yield { stage: 'lanczos', completed: nconv, total: k };
    const done = nconv === k;
    // Thick restart: keep the best Ritz vectors, then the residual direction.
    const keep = done ? k : Math.min(m - 1, k + ((m - k) >> 1));
    if ((done && verifying) || applies + (m - keep) > maxApplies) {
      converged = done;
      break;
    }
    rotate(V, n, m, E, keep, rotScratch);
    H.fill(0);
    for (let i = 0; i < keep; i++) H[i * m + i] = theta[i]!;
    const resid = V.subarray(keep * n, (keep + 1) * n);
    if (done) {
      // Multiplicity check: a fresh random direction orthogonal to the converged vectors.
      verifying = true;
      randomUnit(random, V, keep, n);
      orthogonalize(V, keep, n, resid, coef);
      orthogonalize(V, keep, n, resid, coef);
      if (!(normalize(resid) > 0)) {
        // The converged vectors span the whole space: nothing can be missing.
        return { values: theta.slice(0, k), vectors: V.slice(0, k * n), residuals, applies, converged: true };
      }
    } else {
      verifying = false;
      resid.set(V.subarray(m * n, (m + 1) * n));
      for (let i = 0; i < keep; i++) {
        const s = beta * E[i * m + m - 1]!;
        H[i * m + keep] = s;
        H[keep * m + i] = s;
      }
    }
    l = keep;
  }
  rotate(V, n, m, E, k, rotScratch);
  return { values: theta.slice(0, k), vectors: V.slice(0, k * n), residuals, applies, converged };
}

/** One classical Gram–Schmidt pass of w against the first `count` basis rows; returns w's coefficient on the last. */
function orthogonalize(V: Float64Array, count: number, n: number, w: Float64Array, coef: Float64Array): number {
  for (let i = 0; i < count; i++) coef[i] = dot(V, i * n, w, n);
  for (let i = 0; i < count; i++) {
    const c = coef[i]!;
    if (c !== 0) axpy(-c, V, i * n, w, n);
  }
  return coef[count - 1]!;
}

function dot(V: Float64Array, o: number, w: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let t = 0;
  for (; t + 1 < n; t += 2) {
    s0 += V[o + t]! * w[t]!;
    s1 += V[o + t + 1]! * w[t + 1]!;
  }
  if (t < n) s0 += V[o + t]! * w[t]!;
  return s0 + s1;
}

function axpy(c: number, V: Float64Array, o: number, w: Float64Array, n: number): void {
  for (let t = 0; t < n; t++) w[t] = w[t]! + c * V[o + t]!;
}

/** Replaces basis rows 0..keep−1 by the Ritz vectors Σⱼ E[i][j] V[j], a block of coordinates at a time. */
function rotate(V: Float64Array, n: number, m: number, E: Float64Array, keep: number, scratch: Float64Array): void {
  const out = scratch.subarray(m * ROTATE_BLOCK);
  for (let t0 = 0; t0 < n; t0 += ROTATE_BLOCK) {
    const b = Math.min(ROTATE_BLOCK, n - t0);
    for (let j = 0; j < m; j++) {
      const src = j * n + t0;
      const dst = j * b;
      for (let t = 0; t < b; t++) scratch[dst + t] = V[src + t]!;
    }
    for (let i = 0; i < keep; i++) {
      out.fill(0, 0, b);
      for (let j = 0; j < m; j++) {
        const e = E[i * m + j]!;
        if (e === 0) continue;
        const so = j * b;
        for (let t = 0; t < b; t++) out[t] = out[t]! + e * scratch[so + t]!;
      }
      const o = i * n + t0;
      for (let t = 0; t < b; t++) V[o + t] = out[t]!;
    }
  }
}

function norm(x: Float64Array): number {
  let s = 0;
  for (let t = 0; t < x.length; t++) s += x[t]! * x[t]!;
  return Math.sqrt(s);
}

function normalize(x: Float64Array): number {
  const r = norm(x);
  if (r > 0 && r - r === 0) for (let t = 0; t < x.length; t++) x[t] = x[t]! / r;
  return r - r === 0 ? r : 0;
}

/** Basis row `row` ← a random unit vector (uniform entries in [−1, 1), normalised). */
function randomUnit(random: RngState, V: Float64Array, row: number, n: number): void {
  const v = V.subarray(row * n, (row + 1) * n);
  for (let t = 0; t < n; t++) v[t] = 2 * nextDouble(random) - 1;
  normalize(v);
}

function checkFinite(fn: string, w: Float64Array): void {
  for (let t = 0; t < w.length; t++) {
    const v = w[t]!;
    if (v - v !== 0) throw new LatentError('E_NOT_FINITE', `${fn}: A·x must be finite, got ${describe(v)} at index ${t} (A holds or produces non-finite values)`);
  }
}
