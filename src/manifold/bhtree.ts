/**
 * Barnes–Hut space-partitioning tree (quadtree in 2-D, octree in 3-D) in flat typed arrays,
 * rebuilt in place every iteration, and the repulsive t-SNE forces it approximates.
 */

/** Levels below the root after which points in one cell are treated as duplicates. */
const MAX_DEPTH = 40;

/**
 * A quadtree / octree in flat typed arrays, in two forms. The build form: node 0 is the root
 * and the 2^dims children of an internal node are contiguous blocks from `child[node]`. The
 * force pass reads the compact form: the non-empty nodes in depth-first pre-order, one short
 * record each in `flat`, with `skip[id]` the first node after `id`'s subtree (a leaf has
 * `skip[id] = id + 1`; the first child of an internal node is `id + 1`), so a traversal needs no
 * stack and walks memory forwards. Plain data: it lives inside the t-SNE state and survives
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
  /** Build form: first child of each node, −1 for a leaf. */
  child: Int32Array;
  /** Build form: per node, `dims + 2` values: coordinate sums (then barycentre), squared cell side, point count. */
  summary: Float64Array;
  /** Build form: geometric centre of each node's cell (`dims` values per node). */
  center: Float64Array;
  /** Build form: half the side of each node's (cubic) cell. */
  half: Float64Array;
  /** Build form: first point of a leaf's list (−1 when empty); duplicates are chained by `next`. */
  point: Int32Array;
  /** Build form: number of non-empty nodes in each node's subtree. */
  sub: Int32Array;
  /** Compact form: per node, `dims + 2` values: barycentre, squared cell side, point count. */
  flat: Float64Array;
  /** Compact form: first node after each node's subtree. */
  skip: Int32Array;
  /** Compact form: first point of each leaf (−1 for internal nodes). */
  leafPoint: Int32Array;
  /** Next point in the same leaf (−1 at the end), per point. */
  next: Int32Array;
  /** The compact leaf holding each point. */
  leafOf: Int32Array;
  /** The points in depth-first leaf order (neighbours in space are neighbours here). */
  order: Int32Array;
  /** Build stack. */
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
  const capacity = Math.max(16, 4 * n);
  return {
    dims,
    blocks: 0,
    size: 0,
    child: new Int32Array(capacity),
    summary: new Float64Array(capacity * (dims + 2)),
    center: new Float64Array(capacity * dims),
    half: new Float64Array(capacity),
    point: new Int32Array(capacity),
    sub: new Int32Array(capacity),
    flat: new Float64Array(capacity * (dims + 2)),
    skip: new Int32Array(capacity),
    leafPoint: new Int32Array(capacity),
    next: new Int32Array(n),
    leafOf: new Int32Array(n),
    order: new Int32Array(n),
    stack: new Int32Array((1 << dims) * (MAX_DEPTH + 4)),
  };
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
  // Rebuilt from scratch after every build: no need to copy.
  t.sub = new Int32Array(cap);
  t.flat = new Float64Array(cap * (d + 2));
  t.skip = new Int32Array(cap);
  t.leafPoint = new Int32Array(cap);
}

/**
 * Rebuilds the tree over the `n` points of `Y` (row-major, `t.dims` columns), in place.
 * Cells are cubes around the bounding box; a leaf holds one location (exact duplicates, and
 * points still together after 40 halvings, share a leaf). O(n·depth).
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
    t.leafOf = new Int32Array(n);
    t.order = new Int32Array(n);
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
  t.half[0] = half;
  for (let a = 0; a < d; a++) t.summary[a] = 0;
  t.summary[d] = 4 * half * half;
  t.summary[d + 1] = 0;

  for (let i = 0; i < n; i++) {
    const yi = i * d;
    let node = 0;
    // Each level costs at most two passes (split, descend); leaves stop splitting at MAX_DEPTH.
    for (let pass = 0; pass < 2 * MAX_DEPTH + 8; pass++) {
      const sm = t.summary;
      const first = t.child[node]!;
      if (first >= 0) {
        sm[node * S + d + 1]!++;
        let q = 0;
        for (let a = 0; a < d; a++) {
          const v = Y[yi + a]!;
          sm[node * S + a]! += v;
          if (v >= t.center[node * d + a]!) q |= 1 << a;
        }
        node = first + q;
        continue;
      }
      const c = sm[node * S + d + 1]!;
      if (c === 0) {
        sm[node * S + d + 1] = 1;
        t.point[node] = i;
        t.next[i] = -1;
        for (let a = 0; a < d; a++) sm[node * S + a] = Y[yi + a]!;
        break;
      }
      const p = t.point[node]!;
      let same = true;
      for (let a = 0; a < d; a++) if (Y[p * d + a]! !== Y[yi + a]!) same = false;
      const h = t.half[node]!;
      if (same || h <= minHalf) {
        sm[node * S + d + 1] = c + 1;
        for (let a = 0; a < d; a++) sm[node * S + a]! += Y[yi + a]!;
        t.next[i] = p;
        t.point[node] = i;
        break;
      }
      // Split the leaf: its content (point p and any exact duplicates of it) moves down.
      const firstChild = t.blocks;
      grow(t, firstChild + nc);
      t.blocks = firstChild + nc;
      const g = t.summary;
      const hh = h / 2;
      for (let q = 0; q < nc; q++) {
        const cn = firstChild + q;
        t.child[cn] = -1;
        t.point[cn] = -1;
        t.half[cn] = hh;
        for (let a = 0; a < d; a++) {
          g[cn * S + a] = 0;
          t.center[cn * d + a] = t.center[node * d + a]! + ((q >> a) & 1 ? hh : -hh);
        }
        g[cn * S + d] = 4 * hh * hh;
        g[cn * S + d + 1] = 0;
      }
      let qp = 0;
      for (let a = 0; a < d; a++) if (Y[p * d + a]! >= t.center[node * d + a]!) qp |= 1 << a;
      const moved = firstChild + qp;
      g[moved * S + d + 1] = c;
      t.point[moved] = p;
      for (let a = 0; a < d; a++) g[moved * S + a] = g[node * S + a]!;
      t.child[node] = firstChild;
      t.point[node] = -1;
      // Loop again at the same node, now internal: point i is added and descends.
    }
  }
  // Sums of positions → barycentres; subtree sizes bottom-up (children follow their parent).
  const sm = t.summary;
  const sub = t.sub;
  for (let node = t.blocks - 1; node >= 0; node--) {
    const c = sm[node * S + d + 1]!;
    if (c > 1) for (let a = 0; a < d; a++) sm[node * S + a]! /= c;
    const first = t.child[node]!;
    let size = 1;
    if (first >= 0) for (let q = 0; q < nc; q++) if (sm[(first + q) * S + d + 1]! > 0) size += sub[first + q]!;
    sub[node] = size;
  }
  // Compact pre-order copy of the non-empty nodes, leaf order of the points, leaf of each point.
  const flat = t.flat;
  const skip = t.skip;
  const stack = t.stack;
  let sp = 0;
  let id = 0;
  let k = 0;
  stack[sp++] = 0;
  while (sp > 0) {
    const node = stack[--sp]!;
    for (let a = 0; a < S; a++) flat[id * S + a] = sm[node * S + a]!;
    skip[id] = id + sub[node]!;
    const first = t.child[node]!;
    if (first >= 0) {
      t.leafPoint[id] = -1;
      for (let q = nc - 1; q >= 0; q--) if (sm[(first + q) * S + d + 1]! > 0) stack[sp++] = first + q;
    } else {
      t.leafPoint[id] = t.point[node]!;
      for (let i = t.point[node]!; i >= 0; i = t.next[i]!) {
        t.order[k++] = i;
        t.leafOf[i] = id;
      }
    }
    id++;
  }
  t.size = id;
}

/**
 * Barnes–Hut repulsion in 2-D (Student-t with one degree of freedom): for every point i,
 * `neg_i ≈ Σ_j w_ij² (y_i − y_j)` with `w_ij = 1 / (1 + ‖y_i − y_j‖²)`, and returns
 * `Z ≈ Σ_{i≠j} w_ij`. A cell is summarised by its barycentre when
 * `width² < θ² · distance²` (scikit-learn's criterion). O(n log n) for θ > 0.
 *
 * @param t - tree built over `Y`
 * @param Y - n × 2 positions
 * @param n - number of points
 * @param theta - opening angle θ
 * @param neg - receives the n × 2 unnormalised repulsive forces
 * @returns the estimate of Z
 * @example
 * ```ts
 * const Y = new Float64Array([0, 0, 1, 0]);
 * const t = bhTree(2, 2); buildBHTree(t, Y, 2);
 * repulsion2D(t, Y, 2, 0.5, new Float64Array(4)); // 1 (= 2 · 1/(1+1))
 * ```
 * @see sklearn.manifold._barnes_hut_tsne.compute_gradient_negative
 */
export function repulsion2D(t: BHTree, Y: Float64Array, n: number, theta: number, neg: Float64Array): number {
  const f = t.flat;
  const skip = t.skip;
  const size = t.size;
  const leafOf = t.leafOf;
  const order = t.order;
  const th2 = theta * theta;
  let Z = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    const x = Y[2 * i]!;
    const y = Y[2 * i + 1]!;
    const own = leafOf[i]!;
    let fx = 0;
    let fy = 0;
    let z = 0;
    let node = 0;
    while (node < size) {
      const o = node * 4;
      let dx = x - f[o]!;
      let dy = y - f[o + 1]!;
      let d2 = dx * dx + dy * dy;
      let c = f[o + 3]!;
      const after = skip[node]!;
      if (after !== node + 1) {
        if (f[o + 2]! >= th2 * d2) {
          node++; // open the cell: its first child follows it
          continue;
        }
      } else if (node === own) {
        if (c < 2) {
          node = after;
          continue;
        }
        // The other points sharing this leaf (duplicates of i): their own barycentre.
        dx = x - (c * f[o]! - x) / (c - 1);
        dy = y - (c * f[o + 1]! - y) / (c - 1);
        d2 = dx * dx + dy * dy;
        c -= 1;
      }
      const w = 1 / (1 + d2);
      const cw = c * w;
      z += cw;
      const m = cw * w;
      fx += m * dx;
      fy += m * dy;
      node = after;
    }
    neg[2 * i] = fx;
    neg[2 * i + 1] = fy;
    Z += z;
  }
  return Z;
}

/**
 * Barnes–Hut repulsion in 3-D (Student-t with two degrees of freedom): for every point i,
 * `neg_i ≈ Σ_j w_ij u_ij (y_i − y_j)` with `u_ij = 1 / (1 + ‖y_i − y_j‖² / 2)` and
 * `w_ij = u_ij^{3/2}`, and returns `Z ≈ Σ_{i≠j} w_ij`. O(n log n) for θ > 0.
 *
 * @param t - tree built over `Y`
 * @param Y - n × 3 positions
 * @param n - number of points
 * @param theta - opening angle θ
 * @param neg - receives the n × 3 unnormalised repulsive forces
 * @returns the estimate of Z
 * @example
 * ```ts
 * const Y = new Float64Array([0, 0, 0, 2, 0, 0]);
 * const t = bhTree(2, 3); buildBHTree(t, Y, 2);
 * repulsion3D(t, Y, 2, 0.5, new Float64Array(6)); // 2 · (1/3)^{3/2}
 * ```
 * @see sklearn.manifold._barnes_hut_tsne.compute_gradient_negative
 */
export function repulsion3D(t: BHTree, Y: Float64Array, n: number, theta: number, neg: Float64Array): number {
  const f = t.flat;
  const skip = t.skip;
  const size = t.size;
  const leafOf = t.leafOf;
  const order = t.order;
  const th2 = theta * theta;
  let Z = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    const x = Y[3 * i]!;
    const y = Y[3 * i + 1]!;
    const zc = Y[3 * i + 2]!;
    const own = leafOf[i]!;
    let fx = 0;
    let fy = 0;
    let fz = 0;
    let z = 0;
    let node = 0;
    while (node < size) {
      const o = node * 5;
      let dx = x - f[o]!;
      let dy = y - f[o + 1]!;
      let dz = zc - f[o + 2]!;
      let d2 = dx * dx + dy * dy + dz * dz;
      let c = f[o + 4]!;
      const after = skip[node]!;
      if (after !== node + 1) {
        if (f[o + 3]! >= th2 * d2) {
          node++;
          continue;
        }
      } else if (node === own) {
        if (c < 2) {
          node = after;
          continue;
        }
        dx = x - (c * f[o]! - x) / (c - 1);
        dy = y - (c * f[o + 1]! - y) / (c - 1);
        dz = zc - (c * f[o + 2]! - zc) / (c - 1);
        d2 = dx * dx + dy * dy + dz * dz;
        c -= 1;
      }
      const u = 2 / (2 + d2);
      const w = u * Math.sqrt(u);
      const cw = c * w;
      z += cw;
      const m = cw * u;
      fx += m * dx;
      fy += m * dy;
      fz += m * dz;
      node = after;
    }
    neg[3 * i] = fx;
    neg[3 * i + 1] = fy;
    neg[3 * i + 2] = fz;
    Z += z;
  }
  return Z;
}
