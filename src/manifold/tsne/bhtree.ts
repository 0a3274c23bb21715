/**
 * Barnes–Hut space-partitioning tree (quadtree in 2-D, octree in 3-D) in flat typed arrays,
 * rebuilt in place every iteration, and the repulsive t-SNE forces it approximates.
 */
import { LatentError } from '../../core/errors.js';

/** Levels below the root after which points in one cell are no longer separated. */
const MAX_DEPTH = 40;

/**
 * Points a leaf holds before it splits. A near leaf is summed point by point (exact), so a
 * bucket of a few points trades tree visits (unpredictable branches) for short, predictable
 * loops; the approximation only ever uses cells the opening criterion accepts.
 */
export const LEAF_SIZE = 16;

/**
 * A quadtree / octree in flat typed arrays, in two forms. The build form: node 0 is the root
 * and the 2^dims children of an internal node are contiguous blocks from `child[node]`; a
 * leaf chains its points through `next`. The force pass reads the compact form: the non-empty
 * nodes in depth-first pre-order, one short record each in `flat`, with `skip[id]` the first
 * node after `id`'s subtree (the first child of an internal node is `id + 1`), so a traversal
 * needs no stack and walks memory forwards; the points are renumbered in the same order
 * (`order`, `sorted`), so a leaf's points are the contiguous positions
 * `[start[id], start[id] + count)`. Plain data: it lives inside the t-SNE state and survives
 * `structuredClone`. Grows (doubling) only when a build needs more nodes than ever before, so
 * steady-state iterations allocate nothing.
 */
export interface BHTree {
  /** 2 or 3. */
  dims: number;
  /** Nodes of the build form in use. */
  blocks: number;
  /** Nodes of the compact form (non-empty nodes). */
  size: number;
  /** Number of points of the last build. */
  points: number;
  /** Build form: first child of each node, −1 for a leaf. */
  child: Int32Array;
  /** Build form: per node, `dims + 2` values: coordinate sums, (unused), point count. */
  summary: Float64Array;
  /** Build form: geometric centre of each node's cell (`dims` values per node). */
  center: Float64Array;
  /** Build form: half the side of each node's (cubic) cell. */
  half: Float64Array;
  /** Build form: first point of a leaf's chain (−1 when empty). */
  point: Int32Array;
  /** Build form: 1 when a full leaf is known to hold copies of one location only. */
  same: Uint8Array;
  /** Build form: number of non-empty nodes in each node's subtree. */
  sub: Int32Array;
  /** Compact form: per node, `dims + 2` values: barycentre, squared cell side, point count. */
  flat: Float64Array;
  /** Compact form: first node after each node's subtree. */
  skip: Int32Array;
  /** Compact form: a leaf's first position in `order` (−1 for internal nodes). */
  start: Int32Array;
  /** Next point in the same leaf chain (−1 at the end), per point. */
  next: Int32Array;
  /**
   * The point at each position: depth-first leaf order (neighbours in space are neighbours
   * here). The next build inserts the points in this order, which keeps consecutive insertions
   * on the same path.
   */
  order: Int32Array;
  /** Positions copied in `order` (`dims` values per position). */
  sorted: Float64Array;
  /** The compact leaf holding each position. */
  leafAt: Int32Array;
  /** Interaction list of the current leaf: nodes far enough to be summarised. */
  far: Int32Array;
  /** Length of `far`. */
  farCount: number;
  /** Interaction list of the current leaf: leaves near enough to be summed point by point. */
  near: Int32Array;
  /** Work stack. */
  stack: Int32Array;
}

/**
 * Allocates an empty tree for `n` points in `dims` (2 or 3) dimensions.
 *
 * @param n - number of points
 * @param dims - 2 (quadtree) or 3 (octree)
 * @returns the tree
 * @example
 * ```ts
 * const t = bhTree(100, 2);
 * t.size; // 0
 * ```
 */
export function bhTree(n: number, dims: number): BHTree {
  const capacity = Math.max(16, n);
  return {
    dims,
    blocks: 0,
    size: 0,
    points: n,
    child: new Int32Array(capacity),
    summary: new Float64Array(capacity * (dims + 2)),
    center: new Float64Array(capacity * dims),
    half: new Float64Array(capacity),
    point: new Int32Array(capacity),
    same: new Uint8Array(capacity),
    sub: new Int32Array(capacity),
    flat: new Float64Array(capacity * (dims + 2)),
    skip: new Int32Array(capacity),
    start: new Int32Array(capacity),
    far: new Int32Array(capacity),
    farCount: 0,
    near: new Int32Array(capacity),
    next: new Int32Array(n),
    order: Int32Array.from({ length: n }, (_, i) => i),
    sorted: new Float64Array(n * dims),
    leafAt: new Int32Array(n),
    stack: new Int32Array((1 << dims) * (MAX_DEPTH + 4)),
  };
}

/**
 * Checks the structure of a tree taken from a state that may have been cloned, stored or
 * tampered with: every array present with consistent capacities and `order` a list of point
 * indices in range, so a rebuild can neither read nor write outside its arrays nor loop.
 * O(n) (one pass over `order`).
 *
 * @param fn - public function name for messages
 * @param tree - the received tree
 * @param n - number of points
 * @param dims - 2 or 3
 * @throws LatentError `E_MODEL`
 * @example
 * ```ts
 * checkBHTree('tsneStep', bhTree(100, 2), 100, 2); // ok
 * ```
 */
export function checkBHTree(fn: string, tree: unknown, n: number, dims: number): void {
  const t = tree as Partial<BHTree> | null;
  const corrupt: (what: string) => never = (what) => {
    throw new LatentError('E_MODEL', `${fn}: state must come from tsneStart, got a corrupt Barnes–Hut tree (${what})`);
  };
  if (typeof t !== 'object' || t === null || t.dims !== dims) corrupt('dims');
  const cap = t.child instanceof Int32Array ? t.child.length : -1;
  if (cap < 16) corrupt('child');
  const sized: [unknown, unknown, number][] = [
    [t.summary, Float64Array, cap * (dims + 2)],
    [t.center, Float64Array, cap * dims],
    [t.half, Float64Array, cap],
    [t.point, Int32Array, cap],
    [t.same, Uint8Array, cap],
    [t.sub, Int32Array, cap],
    [t.flat, Float64Array, cap * (dims + 2)],
    [t.skip, Int32Array, cap],
    [t.start, Int32Array, cap],
    [t.far, Int32Array, cap],
    [t.near, Int32Array, cap],
    [t.stack, Int32Array, (1 << dims) * (MAX_DEPTH + 4)],
  ];
  for (const [a, type, len] of sized) {
    if (!(a instanceof (type as typeof Int32Array)) || (a).length !== len) corrupt('array capacities');
  }
  const { next, order, sorted, leafAt } = t;
  if (!(next instanceof Int32Array) || !(order instanceof Int32Array) || !(sorted instanceof Float64Array) || !(leafAt instanceof Int32Array)) corrupt('per-point arrays');
  if (next.length !== order.length || leafAt.length !== order.length || sorted.length !== order.length * dims || order.length < n) corrupt('per-point array lengths');
  if (t.points === n) for (let i = 0; i < n; i++) if (!(order[i]! >= 0 && order[i]! < n)) corrupt('order');
  const farCount = t.farCount;
  if (typeof farCount !== 'number' || !Number.isInteger(farCount) || farCount < 0 || farCount > cap) corrupt('farCount');
  // Node and point counts bound every loop over the tree (and are handed back by a zero-step call).
  for (const [name, v, max] of [['blocks', t.blocks, cap], ['size', t.size, cap], ['points', t.points, order.length]] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) corrupt(`${name} must be an integer in [0, ${max}]`);
  }
  // The tree is rebuilt from the embedding every iteration, but a state that is done (or a step
  // of 0) hands it back untouched: one O(cap) pass keeps NaN/Infinity out of it.
  for (const a of [t.summary, t.center, t.half, t.flat, sorted] as Float64Array[]) {
    for (let i = 0; i < a.length; i++) if (a[i]! - a[i]! !== 0) corrupt('non-finite values');
  }
}

function grow(t: BHTree, needed: number): void {
  let cap = t.child.length;
  if (needed <= cap) return;
  while (cap < needed) cap *= 2;
  const d = t.dims;
  const copyF = (a: Float64Array, per: number): Float64Array => {
    const b = new Float64Array(cap * per);
    b.set(a);
    return b;
  };
  const copyI = (a: Int32Array): Int32Array => {
    const b = new Int32Array(cap);
    b.set(a);
    return b;
  };
  t.child = copyI(t.child);
  t.point = copyI(t.point);
  t.half = copyF(t.half, 1);
  t.summary = copyF(t.summary, d + 2);
  t.center = copyF(t.center, d);
  const same = new Uint8Array(cap);
  same.set(t.same);
  t.same = same;
  // Rebuilt from scratch after every build: no need to copy.
  t.sub = new Int32Array(cap);
  t.flat = new Float64Array(cap * (d + 2));
  t.skip = new Int32Array(cap);
  t.start = new Int32Array(cap);
  t.far = new Int32Array(cap);
  t.near = new Int32Array(cap);
}

/** Child index of point p's quadrant/octant in node `node`. */
function quadrant(t: BHTree, Y: Float64Array, p: number, node: number): number {
  const d = t.dims;
  let q = 0;
  for (let a = 0; a < d; a++) if (Y[p * d + a]! >= t.center[node * d + a]!) q |= 1 << a;
  return q;
}

/** True when every point chained in `node` sits exactly at point `head`'s coordinates. */
function allSame(t: BHTree, Y: Float64Array, node: number): boolean {
  const d = t.dims;
  const head = t.point[node]!;
  for (let p = t.next[head]!; p >= 0; p = t.next[p]!) {
    for (let a = 0; a < d; a++) if (Y[p * d + a]! !== Y[head * d + a]!) return false;
  }
  return true;
}

/** Splits the over-full leaf `leaf` (and any over-full child, cascading), bounded by MAX_DEPTH. */
function split(t: BHTree, Y: Float64Array, leaf: number, minHalf: number): void {
  const d = t.dims;
  const S = d + 2;
  const nc = 1 << d;
  const stack = t.stack;
  let sp = 0;
  stack[sp++] = leaf;
  while (sp > 0) {
    const node = stack[--sp]!;
    const h = t.half[node]!;
    if (t.summary[node * S + d + 1]! <= LEAF_SIZE || h <= minHalf) continue;
    if (t.same[node] === 1 || allSame(t, Y, node)) {
      t.same[node] = 1;
      continue;
    }
    const first = t.blocks;
    grow(t, first + nc);
    t.blocks = first + nc;
    const sm = t.summary;
    const hh = h / 2;
    for (let q = 0; q < nc; q++) {
      const c = first + q;
      t.child[c] = -1;
      t.point[c] = -1;
      t.same[c] = 0;
      t.half[c] = hh;
      for (let a = 0; a < S; a++) sm[c * S + a] = 0;
      for (let a = 0; a < d; a++) t.center[c * d + a] = t.center[node * d + a]! + ((q >> a) & 1 ? hh : -hh);
    }
    let p = t.point[node]!;
    while (p >= 0) {
      const nx = t.next[p]!;
      const c = first + quadrant(t, Y, p, node);
      t.next[p] = t.point[c]!;
      t.point[c] = p;
      for (let a = 0; a < d; a++) sm[c * S + a]! += Y[p * d + a]!;
      sm[c * S + d + 1]!++;
      p = nx;
    }
    t.child[node] = first;
    t.point[node] = -1;
    for (let q = 0; q < nc; q++) if (sm[(first + q) * S + d + 1]! > LEAF_SIZE) stack[sp++] = first + q;
  }
}

/**
 * Rebuilds the tree over the `n` points of `Y` (row-major, `t.dims` columns), in place.
 * Cells are cubes around the bounding box; a leaf holds up to {@link LEAF_SIZE} points (more
 * only when they are exact copies of one location, or still together after 40 halvings).
 * O(n·depth).
 *
 * @param t - the tree (reused; grows only when needed, also past the n it was made for)
 * @param Y - n × dims positions
 * @param n - number of points
 * @example
 * ```ts
 * const t = bhTree(3, 2);
 * buildBHTree(t, new Float64Array([0, 0, 1, 0, 0, 1]), 3);
 * t.flat[3]; // 3 (points under the root)
 * ```
 */
export function buildBHTree(t: BHTree, Y: Float64Array, n: number): void {
  const d = t.dims;
  const S = d + 2;
  const nc = 1 << d;
  if (t.order.length < n) {
    t.next = new Int32Array(n);
    t.order = new Int32Array(n);
    t.sorted = new Float64Array(n * d);
    t.leafAt = new Int32Array(n);
  }
  if (t.points !== n) {
    for (let i = 0; i < n; i++) t.order[i] = i;
    t.points = n;
  }
  // Root cell: a cube around the bounding box.
  let half = 0;
  for (let a = 0; a < d; a++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = Y[i * d + a]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    t.center[a] = (lo + hi) / 2;
    if ((hi - lo) / 2 > half) half = (hi - lo) / 2;
  }
  if (!(half > 0)) half = 1;
  const minHalf = half * 2 ** -MAX_DEPTH;
  t.blocks = 1;
  t.child[0] = -1;
  t.point[0] = -1;
  t.same[0] = 0;
  t.half[0] = half;
  for (let a = 0; a < S; a++) t.summary[a] = 0;

  for (let r = 0; r < n; r++) {
    const i = t.order[r]!;
    const yi = i * d;
    let node = 0;
    // Descends at most MAX_DEPTH + 1 levels: cells stop splitting below minHalf.
    for (let level = 0; level < MAX_DEPTH + 4; level++) {
      const sm = t.summary;
      for (let a = 0; a < d; a++) sm[node * S + a]! += Y[yi + a]!;
      const c = ++sm[node * S + d + 1]!;
      const first = t.child[node]!;
      if (first >= 0) {
        node = first + quadrant(t, Y, i, node);
        continue;
      }
      const head = t.point[node]!;
      t.next[i] = head;
      t.point[node] = i;
      if (c > LEAF_SIZE) {
        if (t.same[node] === 1) {
          let copy = true;
          for (let a = 0; a < d; a++) if (Y[yi + a]! !== Y[head * d + a]!) copy = false;
          if (!copy) t.same[node] = 0;
        }
        split(t, Y, node, minHalf);
      }
      break;
    }
  }

  // Subtree sizes, bottom-up (children always follow their parent in the build form).
  const sm = t.summary;
  const sub = t.sub;
  for (let node = t.blocks - 1; node >= 0; node--) {
    const first = t.child[node]!;
    let size = 1;
    if (first >= 0) for (let q = 0; q < nc; q++) if (sm[(first + q) * S + d + 1]! > 0) size += sub[first + q]!;
    sub[node] = size;
  }
  // Compact pre-order copy of the non-empty nodes; points renumbered in leaf order.
  const flat = t.flat;
  const stack = t.stack;
  let sp = 0;
  let id = 0;
  let k = 0;
  stack[sp++] = 0;
  while (sp > 0) {
    const node = stack[--sp]!;
    const c = sm[node * S + d + 1]!;
    for (let a = 0; a < d; a++) flat[id * S + a] = sm[node * S + a]! / c;
    const h = t.half[node]!;
    flat[id * S + d] = 4 * h * h;
    flat[id * S + d + 1] = c;
    t.skip[id] = id + sub[node]!;
    const first = t.child[node]!;
    if (first >= 0) {
      t.start[id] = -1;
      for (let q = nc - 1; q >= 0; q--) if (sm[(first + q) * S + d + 1]! > 0) stack[sp++] = first + q;
    } else {
      t.start[id] = k;
      for (let p = t.point[node]!; p >= 0; p = t.next[p]!) {
        t.order[k] = p;
        for (let a = 0; a < d; a++) t.sorted[k * d + a] = Y[p * d + a]!;
        t.leafAt[k] = id;
        k++;
      }
    }
    id++;
  }
  t.size = id;
}

/**
 * Builds the interaction lists of compact leaf `leaf` (positions `[s, e)`): walks the tree
 * once for the whole leaf, listing in `t.far` (`t.farCount` entries) the cells for which
 * `side² < θ² · dist²` holds at the nearest point of the leaf's bounding box (so it holds for
 * every point in it), and in `t.near` the leaves (the leaf itself included) to sum point by
 * point. Returns the length of `t.near`.
 */
function interactionLists(t: BHTree, leaf: number, s: number, e: number, th2: number): number {
  const d = t.dims;
  const S = d + 2;
  const f = t.flat;
  const sy = t.sorted;
  const far = t.far;
  const near = t.near;
  const size = t.size;
  let lx = Infinity;
  let hx = -Infinity;
  let ly = Infinity;
  let hy = -Infinity;
  let lz = Infinity;
  let hz = -Infinity;
  for (let p = s; p < e; p++) {
    const x = sy[p * d]!;
    const y = sy[p * d + 1]!;
    if (x < lx) lx = x;
    if (x > hx) hx = x;
    if (y < ly) ly = y;
    if (y > hy) hy = y;
    if (d === 3) {
      const z = sy[p * d + 2]!;
      if (z < lz) lz = z;
      if (z > hz) hz = z;
    }
  }
  let nf = 0;
  let nn = 0;
  let node = 0;
  while (node < size) {
    const o = node * S;
    if (node !== leaf) {
      const cx = f[o]!;
      const cy = f[o + 1]!;
      const gx = cx < lx ? lx - cx : cx > hx ? cx - hx : 0;
      const gy = cy < ly ? ly - cy : cy > hy ? cy - hy : 0;
      let g2 = gx * gx + gy * gy;
      if (d === 3) {
        const cz = f[o + 2]!;
        const gz = cz < lz ? lz - cz : cz > hz ? cz - hz : 0;
        g2 += gz * gz;
      }
      if (f[o + d]! < th2 * g2) {
        far[nf++] = node;
        node = t.skip[node]!;
        continue;
      }
    }
    if (t.start[node]! >= 0) near[nn++] = node;
    node++;
  }
  t.farCount = nf;
  return nn;
}

/**
 * Barnes–Hut repulsion in 2-D (Student-t with one degree of freedom): for every point i,
 * `neg_i ≈ Σ_j w_ij² (y_i − y_j)` with `w_ij = 1 / (1 + ‖y_i − y_j‖²)`, and returns
 * `Z ≈ Σ_{i≠j} w_ij`. A cell is summarised by its barycentre only when
 * `side² < θ² · distance²` (scikit-learn's criterion) holds for the point; the tree is walked
 * once per leaf with the criterion taken at the leaf's nearest edge (so it holds for each of
 * its points), and near leaves are summed point by point. O(n log n) for θ > 0.
 *
 * @param t - tree built over the positions
 * @param n - number of points
 * @param theta - opening angle θ
 * @param neg - receives the n × 2 unnormalised repulsive forces (original point order)
 * @returns the estimate of Z
 * @example
 * ```ts
 * const Y = new Float64Array([0, 0, 1, 0]);
 * const t = bhTree(2, 2); buildBHTree(t, Y, 2);
 * repulsion2D(t, 2, 0.5, new Float64Array(4)); // 1 (= 2 · 1/(1+1))
 * ```
 * @see sklearn.manifold._barnes_hut_tsne.compute_gradient_negative
 */
export function repulsion2D(t: BHTree, n: number, theta: number, neg: Float64Array): number {
  const f = t.flat;
  const start = t.start;
  const sy = t.sorted;
  const order = t.order;
  const far = t.far;
  const near = t.near;
  const th2 = theta * theta;
  let Z = 0;
  for (let leaf = 0; leaf < t.size; leaf++) {
    const s = start[leaf]!;
    if (s < 0) continue;
    const e = s + f[leaf * 4 + 3]!;
    const nn = interactionLists(t, leaf, s, e, th2);
    const nf = t.farCount;
    for (let r = s; r < e; r++) {
      const x = sy[2 * r]!;
      const y = sy[2 * r + 1]!;
      let fx = 0;
      let fy = 0;
      let z = 0;
      for (let k = 0; k < nf; k++) {
        const o = far[k]! * 4;
        const dx = x - f[o]!;
        const dy = y - f[o + 1]!;
        const w = 1 / (1 + dx * dx + dy * dy);
        const cw = f[o + 3]! * w;
        z += cw;
        fx += cw * w * dx;
        fy += cw * w * dy;
      }
      for (let k = 0; k < nn; k++) {
        const node = near[k]!;
        const ps = start[node]!;
        const pe = ps + f[node * 4 + 3]!;
        for (let p = ps; p < pe; p++) {
          if (p === r) continue;
          const ex = x - sy[2 * p]!;
          const ey = y - sy[2 * p + 1]!;
          const w = 1 / (1 + ex * ex + ey * ey);
          z += w;
          const m = w * w;
          fx += m * ex;
          fy += m * ey;
        }
      }
      const i = order[r]!;
      neg[2 * i] = fx;
      neg[2 * i + 1] = fy;
      Z += z;
    }
  }
  return Z;
}

/**
 * Barnes–Hut repulsion in 3-D (Student-t with two degrees of freedom): for every point i,
 * `neg_i ≈ Σ_j w_ij u_ij (y_i − y_j)` with `u_ij = 1 / (1 + ‖y_i − y_j‖² / 2)` and
 * `w_ij = u_ij^{3/2}`, and returns `Z ≈ Σ_{i≠j} w_ij`. Same traversal as {@link repulsion2D}.
 * O(n log n) for θ > 0.
 *
 * @param t - tree built over the positions
 * @param n - number of points
 * @param theta - opening angle θ
 * @param neg - receives the n × 3 unnormalised repulsive forces (original point order)
 * @returns the estimate of Z
 * @example
 * ```ts
 * const Y = new Float64Array([0, 0, 0, 2, 0, 0]);
 * const t = bhTree(2, 3); buildBHTree(t, Y, 2);
 * repulsion3D(t, 2, 0.5, new Float64Array(6)); // 2 · (1/3)^{3/2}
 * ```
 * @see sklearn.manifold._barnes_hut_tsne.compute_gradient_negative
 */
export function repulsion3D(t: BHTree, n: number, theta: number, neg: Float64Array): number {
  const f = t.flat;
  const start = t.start;
  const sy = t.sorted;
  const order = t.order;
  const far = t.far;
  const near = t.near;
  const th2 = theta * theta;
  let Z = 0;
  for (let leaf = 0; leaf < t.size; leaf++) {
    const s = start[leaf]!;
    if (s < 0) continue;
    const e = s + f[leaf * 5 + 4]!;
    const nn = interactionLists(t, leaf, s, e, th2);
    const nf = t.farCount;
    for (let r = s; r < e; r++) {
      const x = sy[3 * r]!;
      const y = sy[3 * r + 1]!;
      const zc = sy[3 * r + 2]!;
      let fx = 0;
      let fy = 0;
      let fz = 0;
      let z = 0;
      for (let k = 0; k < nf; k++) {
        const o = far[k]! * 5;
        const dx = x - f[o]!;
        const dy = y - f[o + 1]!;
        const dz = zc - f[o + 2]!;
        const u = 2 / (2 + dx * dx + dy * dy + dz * dz);
        const w = u * Math.sqrt(u);
        const cw = f[o + 4]! * w;
        z += cw;
        const m = cw * u;
        fx += m * dx;
        fy += m * dy;
        fz += m * dz;
      }
      for (let k = 0; k < nn; k++) {
        const node = near[k]!;
        const ps = start[node]!;
        const pe = ps + f[node * 5 + 4]!;
        for (let p = ps; p < pe; p++) {
          if (p === r) continue;
          const ex = x - sy[3 * p]!;
          const ey = y - sy[3 * p + 1]!;
          const ez = zc - sy[3 * p + 2]!;
          const u = 2 / (2 + ex * ex + ey * ey + ez * ez);
          const w = u * Math.sqrt(u);
          z += w;
          const m = w * u;
          fx += m * ex;
          fy += m * ey;
          fz += m * ez;
        }
      }
      const i = order[r]!;
      neg[3 * i] = fx;
      neg[3 * i + 1] = fy;
      neg[3 * i + 2] = fz;
      Z += z;
    }
  }
  return Z;
}

/**
 * Barnes–Hut repulsion on one point that is not in the tree (a new point placed into a fixed
 * embedding, as openTSNE's transform): `out ≈ Σ_j w_j u_j (y − y_j)` over the tree's points with
 * the Student-t kernel of {@link repulsion2D} (2-D, u = 1/(1 + d²), w = u) or {@link repulsion3D}
 * (3-D, u = 2/(2 + d²), w = u^{3/2}), and returns `Z ≈ Σ_j w_j`. A cell is summarised by its
 * barycentre when `side² < θ² · distance²` holds at the point (scikit-learn's criterion), a leaf
 * that fails it is summed point by point. O(log n) cells for θ > 0 in a spread-out embedding;
 * no allocation.
 *
 * @param t - tree built over the fixed positions
 * @param y - array holding the point
 * @param yo - offset of the point in `y`
 * @param theta - opening angle θ (> 0)
 * @param out - receives the `t.dims` force components at `oo`
 * @param oo - offset in `out`
 * @returns the estimate of Z for this point
 * @example
 * ```ts
 * const t = bhTree(2, 2); buildBHTree(t, new Float64Array([0, 0, 2, 0]), 2);
 * const f = new Float64Array(2);
 * repulsionAt(t, new Float64Array([1, 0]), 0, 0.5, f, 0); // 1 (= 2 · 1/(1+1)); f = [0, 0]
 * ```
 * @see P. G. Poličar, M. Stražar & B. Zupan, "openTSNE: a modular Python library for t-SNE dimensionality reduction and embedding", JMLR 25 (2024)
 */
export function repulsionAt(t: BHTree, y: Float64Array, yo: number, theta: number, out: Float64Array, oo: number): number {
  const d = t.dims;
  const S = d + 2;
  const f = t.flat;
  const start = t.start;
  const skip = t.skip;
  const sy = t.sorted;
  const size = t.size;
  const th2 = theta * theta;
  const x0 = y[yo]!;
  const x1 = y[yo + 1]!;
  let fx = 0;
  let fy = 0;
  let Z = 0;
  if (d === 2) {
    let node = 0;
    while (node < size) {
      const o = node * 4;
      const dx = x0 - f[o]!;
      const dy = x1 - f[o + 1]!;
      const d2 = dx * dx + dy * dy;
      if (f[o + 2]! < th2 * d2) {
        const w = 1 / (1 + d2);
        const cw = f[o + 3]! * w;
        Z += cw;
        fx += cw * w * dx;
        fy += cw * w * dy;
        node = skip[node]!;
        continue;
      }
      const s = start[node]!;
      if (s >= 0) {
        const e = s + f[o + 3]!;
        for (let p = s; p < e; p++) {
          const ex = x0 - sy[2 * p]!;
          const ey = x1 - sy[2 * p + 1]!;
          const w = 1 / (1 + ex * ex + ey * ey);
          Z += w;
          const m = w * w;
          fx += m * ex;
          fy += m * ey;
        }
      }
      node++;
    }
    out[oo] = fx;
    out[oo + 1] = fy;
    return Z;
  }
  const x2 = y[yo + 2]!;
  let fz = 0;
  let node = 0;
  while (node < size) {
    const o = node * S;
    const dx = x0 - f[o]!;
    const dy = x1 - f[o + 1]!;
    const dz = x2 - f[o + 2]!;
    const d2 = dx * dx + dy * dy + dz * dz;
    if (f[o + 3]! < th2 * d2) {
      const u = 2 / (2 + d2);
      const w = u * Math.sqrt(u);
      const cw = f[o + 4]! * w;
      Z += cw;
      const m = cw * u;
      fx += m * dx;
      fy += m * dy;
      fz += m * dz;
      node = skip[node]!;
      continue;
    }
    const s = start[node]!;
    if (s >= 0) {
      const e = s + f[o + 4]!;
      for (let p = s; p < e; p++) {
        const ex = x0 - sy[3 * p]!;
        const ey = x1 - sy[3 * p + 1]!;
        const ez = x2 - sy[3 * p + 2]!;
        const u = 2 / (2 + ex * ex + ey * ey + ez * ez);
        const w = u * Math.sqrt(u);
        Z += w;
        const m = w * u;
        fx += m * ex;
        fy += m * ey;
        fz += m * ez;
      }
    }
    node++;
  }
  out[oo] = fx;
  out[oo + 1] = fy;
  out[oo + 2] = fz;
  return Z;
}
