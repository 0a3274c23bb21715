/**
 * Fill-reducing ordering for sparse Cholesky: approximate minimum degree (Amestoy, Davis & Duff)
 * on the quotient graph, with element absorption, mass elimination, supervariables and dense-row
 * postponement. Written for this library from the published algorithm.
 *
 * The elimination runs as small step functions over one state object, driven by a generator
 * that checkpoints between batches of pivots: V8 optimises small functions early and keeps them
 * optimised, where one long loop inside a generator body deoptimises and recompiles repeatedly.
 */
import type { Work } from '../core/task.js';

// Node states in the quotient graph.
const VARIABLE = 0; // uneliminated principal variable
const ELEMENT = 1; // eliminated pivot whose element is live
const DEAD = 2; // absorbed element, merged (non-principal) variable or mass-eliminated variable
const DENSE = 3; // postponed dense row, ordered last

/** How many pivots to eliminate between checkpoints. */
const PIVOTS_PER_CHECKPOINT = 512;

/** The quotient graph and the bookkeeping of one ordering. */
interface AmdState {
  n: number;
  /** Variables not postponed as dense. */
  nLive: number;
  status: Uint8Array;
  /** Adjacency lists: a variable's elements (elen of them) then its variables; an element's variables. */
  iw: Int32Array;
  pfree: number;
  pe: Int32Array;
  len: Int32Array;
  elen: Int32Array;
  /** Supervariable sizes; negated while the variable belongs to the new element. */
  nv: Int32Array;
  /** Approximate external degree of a variable; weighted size of an element. */
  degree: Int32Array;
  head: Int32Array;
  next: Int32Array;
  prev: Int32Array;
  mindeg: number;
  /** Element marks: w[e] − wflg = |Le \ Lp| during a step. */
  w: Float64Array;
  wflg: number;
  mark: Float64Array;
  stamp: number;
  hashHead: Int32Array;
  hashNext: Int32Array;
  usedBuckets: Int32Array;
  nBuckets: number;
  /** Variables merged into a principal variable, as a linked chain. */
  chainNext: Int32Array;
  chainLast: Int32Array;
  scratch: Int32Array;
  order: Int32Array;
  pos: number;
  nel: number;
  flops: number;
}

/**
 * A fill-reducing symmetric permutation of a sparse pattern by approximate minimum degree:
 * `order[k]` is the original index eliminated k-th, so `A[order, order]` has a sparse Cholesky
 * factor. Rows with more than `max(16, 10√n)` off-diagonal entries are postponed to the end.
 *
 * Complexity: near O(nnz(A)) on mesh-like patterns (each pivot touches the elements of its
 * neighbours, kept small by absorption); memory O(nnz(A) + n), grown on demand.
 *
 * @param n - order of the matrix
 * @param offsets - CSR row starts of a structurally symmetric pattern (length n + 1)
 * @param indices - CSR column indices (the diagonal and duplicates are ignored)
 * @param maxFlops - give up (return null) once the factorisation this ordering implies would
 *   cost more multiply–adds than this (estimated from the element sizes as they are formed)
 * @returns a generator (checkpoints every few hundred pivots) returning the ordering, or null
 * @example
 * ```ts
 * // arrow matrix (hub 0 joined to 1, 2, 3): leaves go before the hub, so L has no fill
 * runSync(amdOrder(4, new Int32Array([0, 3, 4, 5, 6]), new Int32Array([1, 2, 3, 0, 0, 0])), { fn: 'demo' });
 * // Int32Array [3, 2, 0, 1]
 * ```
 * @see P. R. Amestoy, T. A. Davis, I. S. Duff, "An approximate minimum degree ordering algorithm", SIAM J. Matrix Anal. Appl. 17 (1996)
 */
export function* amdOrder(n: number, offsets: Int32Array, indices: Int32Array, maxFlops: number = Infinity): Work<Int32Array | null> {
  const s = initialState(n, offsets, indices);
  yield;
  while (s.nel < s.nLive) {
    eliminateBatch(s, PIVOTS_PER_CHECKPOINT);
    if (s.flops > maxFlops) return null;
    yield;
  }
  const { status, order } = s;
  for (let i = 0; i < n; i++) if (status[i] === DENSE) order[s.pos++] = i;
  return order;
}

function initialState(n: number, offsets: Int32Array, indices: Int32Array): AmdState {
  const status = new Uint8Array(n);
  const count = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let p = offsets[i]!; p < offsets[i + 1]!; p++) if (indices[p] !== i) c++;
    count[i] = c;
  }
  const denseAbove = Math.max(16, Math.floor(10 * Math.sqrt(n)));
  let nDense = 0;
  for (let i = 0; i < n; i++) {
    if (count[i]! > denseAbove) {
      status[i] = DENSE;
      nDense++;
    }
  }
  const pe = new Int32Array(n);
  const len = new Int32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) if (status[i] !== DENSE) total += count[i]!;
  const iw = new Int32Array(total + (total >> 2) + 2 * n + 64);
  let pfree = 0;
  for (let i = 0; i < n; i++) {
    pe[i] = pfree;
    if (status[i] === DENSE) continue;
    for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
      const j = indices[p]!;
      if (j !== i && status[j] !== DENSE) iw[pfree++] = j;
    }
    len[i] = pfree - pe[i]!;
  }
  const chainLast = new Int32Array(n);
  for (let i = 0; i < n; i++) chainLast[i] = i;
  const s: AmdState = {
    n,
    nLive: n - nDense,
    status,
    iw,
    pfree,
    pe,
    len,
    elen: new Int32Array(n),
    nv: new Int32Array(n).fill(1),
    degree: new Int32Array(n),
    head: new Int32Array(n + 1).fill(-1),
    next: new Int32Array(n).fill(-1),
    prev: new Int32Array(n).fill(-1),
    mindeg: 0,
    w: new Float64Array(n),
    wflg: 1,
    mark: new Float64Array(n),
    stamp: 0,
    hashHead: new Int32Array(n).fill(-1),
    hashNext: new Int32Array(n).fill(-1),
    usedBuckets: new Int32Array(n),
    nBuckets: 0,
    chainNext: new Int32Array(n).fill(-1),
    chainLast,
    scratch: new Int32Array(64),
    order: new Int32Array(n),
    pos: 0,
    nel: 0,
    flops: 0,
  };
  for (let i = 0; i < n; i++) if (status[i] === VARIABLE) insertDegree(s, i, len[i]!);
  return s;
}

function insertDegree(s: AmdState, i: number, d: number): void {
  const { head, next, prev } = s;
  s.degree[i] = d;
  const h = head[d]!;
  next[i] = h;
  prev[i] = -1;
  if (h !== -1) prev[h] = i;
  head[d] = i;
  if (d < s.mindeg) s.mindeg = d;
}

function removeDegree(s: AmdState, i: number): void {
  const { head, next, prev } = s;
  const a = prev[i]!;
  const b = next[i]!;
  if (b !== -1) prev[b] = a;
  if (a !== -1) next[a] = b;
  else head[s.degree[i]!] = b;
}

/**
 * Makes room for `need` entries at `pfree`: moves every live list to the front (the first entry
 * of each list is replaced by a negative owner tag while scanning), then grows the workspace by
 * half when less than a quarter would stay free.
 */
function ensureSpace(s: AmdState, need: number): void {
  if (s.pfree + need <= s.iw.length) return;
  const { n, status, pe, len } = s;
  const iw = s.iw;
  for (let j = 0; j < n; j++) {
    const st = status[j]!;
    if ((st === VARIABLE || st === ELEMENT) && len[j]! > 0) {
      const first = iw[pe[j]!]!;
      iw[pe[j]!] = -(j + 1);
      pe[j] = first;
    }
  }
  let dst = 0;
  let src = 0;
  const end = s.pfree;
  while (src < end) {
    const tag = iw[src]!;
    if (tag >= 0) {
      src++;
      continue;
    }
    const j = -tag - 1;
    const l = len[j]!;
    iw[dst] = pe[j]!;
    pe[j] = dst;
    for (let t = 1; t < l; t++) iw[dst + t] = iw[src + t]!;
    dst += l;
    src += l;
  }
  s.pfree = dst;
  if (dst + need + (iw.length >> 2) > iw.length) {
    const grown = new Int32Array(Math.max(iw.length + (iw.length >> 1), dst + need + n));
    grown.set(iw.subarray(0, dst));
    s.iw = grown;
  }
}

function eliminateBatch(s: AmdState, pivots: number): void {
  for (let t = 0; t < pivots && s.nel < s.nLive; t++) {
    const p = selectPivot(s);
    const degme = buildElement(s, p);
    markElements(s, p);
    const kept = updateVariables(s, p, degme);
    mergeSupervariables(s);
    finalizeElement(s, p, kept);
  }
}

/** 1. The pivot: a variable of least approximate degree; its supervariable is eliminated. */
function selectPivot(s: AmdState): number {
  const { head, chainNext, order } = s;
  while (head[s.mindeg] === -1) s.mindeg++;
  const p = head[s.mindeg]!;
  removeDegree(s, p);
  s.nel += s.nv[p]!;
  s.status[p] = ELEMENT;
  for (let j = p; j !== -1; j = chainNext[j]!) order[s.pos++] = j;
  return p;
}

/**
 * 2. The new element Lp: p's variables and the variables of the elements it absorbs (built in
 * place when p has no elements). Members are flagged by a negative nv and leave the degree
 * lists. Returns the weighted size of Lp.
 */
function buildElement(s: AmdState, p: number): number {
  const { status, len, elen, pe } = s;
  let degme = 0;
  const elenp = elen[p]!;
  if (elenp === 0) {
    const iw = s.iw;
    const start = pe[p]!;
    let c = 0;
    for (let t = 0; t < len[p]!; t++) {
      const j = iw[start + t]!;
      const size = claimVariable(s, j);
      if (size === 0) continue;
      degme += size;
      iw[start + c++] = j;
    }
    len[p] = c;
    return degme;
  }
  let bound = len[p]! - elenp;
  for (let t = 0; t < elenp; t++) {
    const e = s.iw[pe[p]! + t]!;
    if (status[e] === ELEMENT) bound += len[e]!;
  }
  ensureSpace(s, bound);
  const iw = s.iw;
  const start = s.pfree;
  let c = 0;
  const ps = pe[p]!;
  for (let t = 0; t < len[p]!; t++) {
    const q = iw[ps + t]!;
    if (t < elenp) {
      if (status[q] !== ELEMENT) continue;
      const es = pe[q]!;
      for (let u = 0; u < len[q]!; u++) {
        const j = iw[es + u]!;
        const size = claimVariable(s, j);
        if (size === 0) continue;
        degme += size;
        iw[start + c++] = j;
      }
      status[q] = DEAD; // absorbed into p
      len[q] = 0;
    } else {
      const size = claimVariable(s, q);
      if (size === 0) continue;
      degme += size;
      iw[start + c++] = q;
    }
  }
  pe[p] = start;
  len[p] = c;
  elen[p] = 0;
  s.pfree = start + c;
  return degme;
}

/**
 * Takes variable j into the element being built (flags it by negating its size and removes it
 * from the degree lists); returns its size, or 0 when j is not a principal variable or is already
 * in the element.
 */
function claimVariable(s: AmdState, j: number): number {
  const nvj = s.nv[j]!;
  if (s.status[j] !== VARIABLE || nvj <= 0) return 0;
  s.nv[j] = -nvj;
  removeDegree(s, j);
  return nvj;
}

/** 3. |Le \ Lp| for every element adjacent to Lp, in w[e] − wflg. */
function markElements(s: AmdState, p: number): void {
  const { iw, pe, len, elen, nv, status, w, degree } = s;
  const wflg = s.wflg;
  const ps = pe[p]!;
  for (let t = 0; t < len[p]!; t++) {
    const i = iw[ps + t]!;
    const nvi = -nv[i]!;
    const si = pe[i]!;
    const ei = elen[i]!;
    for (let u = 0; u < ei; u++) {
      const e = iw[si + u]!;
      if (status[e] !== ELEMENT) continue;
      const we = w[e]!;
      w[e] = we >= wflg ? we - nvi : degree[e]! + wflg - nvi;
    }
  }
}

/**
 * 4. Prunes each Lp variable's list (absorbed elements, variables now inside Lp), puts p first,
 * bounds its degree, hashes it for supervariable detection; variables left with p alone are
 * mass-eliminated with it. Returns the weighted size of Lp after mass elimination.
 */
function updateVariables(s: AmdState, p: number, degme: number): number {
  const { pe, len, elen, nv, status, w, degree, hashHead, hashNext, usedBuckets, chainNext, order, n } = s;
  const wflg = s.wflg;
  s.nBuckets = 0;
  for (let t = 0; t < len[p]!; t++) {
    const iw = s.iw;
    const i = iw[pe[p]! + t]!;
    const nvi = -nv[i]!;
    const si = pe[i]!;
    const li = len[i]!;
    if (s.scratch.length < li + 1) s.scratch = new Int32Array(2 * li + 2);
    const scratch = s.scratch;
    scratch[0] = p;
    let c = 1;
    let deg = 0;
    let hash = p;
    const ei = elen[i]!;
    for (let u = 0; u < ei; u++) {
      const e = iw[si + u]!;
      if (status[e] !== ELEMENT) continue;
      const we = w[e]! - wflg;
      if (we <= 0) {
        status[e] = DEAD; // aggressive absorption: Le ⊆ Lp
        len[e] = 0;
        continue;
      }
      deg += we;
      hash += e;
      scratch[c++] = e;
    }
    const newElen = c;
    for (let u = ei; u < li; u++) {
      const j = iw[si + u]!;
      const nvj = nv[j]!;
      if (status[j] !== VARIABLE || nvj <= 0) continue;
      deg += nvj;
      hash += j;
      scratch[c++] = j;
    }
    if (c === 1) {
      // Mass elimination: i's only neighbour is the new element.
      status[i] = DEAD;
      len[i] = 0;
      degme -= nvi;
      nv[p] = nv[p]! + nvi;
      s.nel += nvi;
      nv[i] = 0;
      for (let j = i; j !== -1; j = chainNext[j]!) order[s.pos++] = j;
      continue;
    }
    if (degree[i]! > deg) degree[i] = deg;
    let dst = si;
    if (c > li) {
      // Not reached (pivoting frees a slot in every Lp list), kept for safety.
      ensureSpace(s, c);
      dst = s.pfree;
      pe[i] = dst;
      s.pfree += c;
    }
    const out = s.iw;
    for (let u = 0; u < c; u++) out[dst + u] = scratch[u]!;
    len[i] = c;
    elen[i] = newElen;
    const bucket = hash % n;
    if (hashHead[bucket] === -1) usedBuckets[s.nBuckets++] = bucket;
    hashNext[i] = hashHead[bucket]!;
    hashHead[bucket] = i;
  }
  s.wflg = wflg + n + 1;
  return degme;
}

/** 5. Variables of Lp with identical lists merge into supervariables. */
function mergeSupervariables(s: AmdState): void {
  const { iw, pe, len, elen, nv, status, mark, hashHead, hashNext, usedBuckets, chainNext, chainLast } = s;
  for (let b = 0; b < s.nBuckets; b++) {
    const bucket = usedBuckets[b]!;
    for (let i = hashHead[bucket]!; i !== -1; i = hashNext[i]!) {
      if (status[i] !== VARIABLE || hashNext[i] === -1) continue;
      const stamp = ++s.stamp;
      const si = pe[i]!;
      const li = len[i]!;
      for (let u = 0; u < li; u++) mark[iw[si + u]!] = stamp;
      let before = i;
      for (let j = hashNext[i]!; j !== -1; j = hashNext[j]!) {
        let same = status[j] === VARIABLE && len[j] === li && elen[j] === elen[i];
        if (same) {
          const sj = pe[j]!;
          for (let u = 0; u < li; u++) {
            if (mark[iw[sj + u]!] !== stamp) {
              same = false;
              break;
            }
          }
        }
        if (same) {
          nv[i] = nv[i]! + nv[j]!; // both negative while in Lp
          nv[j] = 0;
          status[j] = DEAD;
          len[j] = 0;
          chainNext[chainLast[i]!] = j;
          chainLast[i] = chainLast[j]!;
          hashNext[before] = hashNext[j]!;
        } else before = j;
      }
    }
    hashHead[bucket] = -1;
  }
}

/** 6. Lp keeps its principal variables, which return to the degree lists. */
function finalizeElement(s: AmdState, p: number, degme: number): void {
  const { iw, pe, len, nv, status, degree } = s;
  const ps = pe[p]!;
  let c = 0;
  for (let t = 0; t < len[p]!; t++) {
    const i = iw[ps + t]!;
    if (status[i] !== VARIABLE) continue;
    const nvi = -nv[i]!;
    nv[i] = nvi;
    let d = degree[i]! + degme - nvi;
    const cap = s.nLive - s.nel - nvi;
    if (d > cap) d = cap;
    if (d < 0) d = 0;
    insertDegree(s, i, d);
    iw[ps + c++] = i;
  }
  len[p] = c;
  degree[p] = degme;
  const nvpiv = nv[p]!;
  // The supervariable's columns hold degme + nvpiv … degme + 1 entries.
  s.flops += nvpiv * (degme + nvpiv) * (degme + nvpiv);
  if (c === 0) status[p] = DEAD;
}
