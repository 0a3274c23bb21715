/**
 * Reverse Cuthill–McKee: a bandwidth-reducing symmetric permutation. Lanczos on a large sparse
 * matrix spends its time in the matrix–vector product, whose gathers `x[col]` stay in cache
 * when each row's columns are close to the row — which RCM arranges for graph-like matrices
 * whose rows come in arbitrary (e.g. data-set) order.
 */

/**
 * The reverse Cuthill–McKee order of a structurally symmetric pattern: per connected component,
 * a breadth-first search from a pseudo-peripheral vertex (George & Liu), visiting neighbours by
 * increasing degree, reversed. `order[k]` is the original index placed k-th. O(nnz + n) time
 * besides sorting each row's neighbours by degree; O(n) memory.
 *
 * @param n - order
 * @param offsets - CSR row starts (length n + 1)
 * @param indices - CSR column indices
 * @returns the permutation
 * @example
 * ```ts
 * // path 0 – 2 – 1 stored in scrambled order
 * reverseCuthillMcKee(3, new Int32Array([0, 1, 2, 4]), new Int32Array([2, 2, 0, 1])); // Int32Array [0, 2, 1]
 * ```
 * @see E. Cuthill & J. McKee, "Reducing the bandwidth of sparse symmetric matrices", ACM 1969; A. George & J. W. Liu, Computer Solution of Large Sparse Positive Definite Systems (1981)
 */
export function reverseCuthillMcKee(n: number, offsets: Int32Array, indices: Int32Array): Int32Array {
  const degree = degrees(n, offsets);
  const order = new Int32Array(n);
  const visited = new Uint8Array(n);
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  let pos = 0;
  for (let seed = 0; seed < n; seed++) {
    if (visited[seed] === 1) continue;
    const start = pseudoPeripheral(seed, offsets, indices, degree, level, queue);
    // Breadth-first search, neighbours by increasing degree (ties by index).
    let head = pos;
    order[pos++] = start;
    visited[start] = 1;
    while (head < pos) {
      const v = order[head++]!;
      const first = pos;
      for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
        const u = indices[p]!;
        if (visited[u] === 1) continue;
        visited[u] = 1;
        // Insertion into the block of v's new neighbours, ordered by degree.
        let q = pos++;
        while (q > first && (degree[order[q - 1]!]! > degree[u]! || (degree[order[q - 1]!] === degree[u] && order[q - 1]! > u))) {
          order[q] = order[q - 1]!;
          q--;
        }
        order[q] = u;
      }
    }
  }
  order.reverse();
  return order;
}

/**
 * A vertex of (nearly) largest eccentricity in `seed`'s component: repeat a breadth-first search
 * from the least-degree vertex of the last level while the depth grows (at most 8 times).
 */
function pseudoPeripheral(seed: number, offsets: Int32Array, indices: Int32Array, degree: Int32Array, level: Int32Array, queue: Int32Array): number {
  let root = seed;
  let depth = -1;
  for (let round = 0; round < 8; round++) {
    const tail = breadthFirst(root, offsets, indices, level, queue);
    const last = level[queue[tail - 1]!]!;
    let best = queue[tail - 1]!;
    for (let t = tail - 1; t >= 0 && level[queue[t]!] === last; t--) {
      const v = queue[t]!;
      if (degree[v]! < degree[best]! || (degree[v] === degree[best] && v < best)) best = v;
    }
    for (let t = 0; t < tail; t++) level[queue[t]!] = 0;
    if (last <= depth) break;
    depth = last;
    root = best;
  }
  return root;
}

/**
 * Breadth-first search from `root`: fills `queue` with the visited vertices in order and sets
 * `level[v]` = distance + 1 (0 marks unvisited: the caller resets the visited ones); returns their
 * number.
 */
function breadthFirst(root: number, offsets: Int32Array, indices: Int32Array, level: Int32Array, queue: Int32Array): number {
  let head = 0;
  let tail = 0;
  queue[tail++] = root;
  level[root] = 1;
  while (head < tail) {
    const v = queue[head++]!;
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
      const u = indices[p]!;
      if (level[u] === 0) {
        level[u] = level[v]! + 1;
        queue[tail++] = u;
      }
    }
  }
  return tail;
}

function degrees(n: number, offsets: Int32Array): Int32Array {
  const degree = new Int32Array(n);
  for (let i = 0; i < n; i++) degree[i] = offsets[i + 1]! - offsets[i]!;
  return degree;
}

/**
 * The widest level of a breadth-first search from a pseudo-peripheral vertex, over all connected
 * components: about the size of the separators nested dissection would find, so `width³/3`
 * estimates the dense core of a Cholesky factor (mesh-like graphs: ~√n; kNN graphs of
 * high-dimensional data: a sizeable fraction of n). O(nnz) per search, a few searches.
 *
 * @param n - order
 * @param offsets - CSR row starts
 * @param indices - CSR column indices
 * @returns the widest level
 * @example
 * ```ts
 * levelWidth(3, new Int32Array([0, 1, 3, 4]), new Int32Array([1, 0, 2, 1])); // 1  (a path)
 * ```
 */
export function levelWidth(n: number, offsets: Int32Array, indices: Int32Array): number {
  const degree = degrees(n, offsets);
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  const done = new Uint8Array(n);
  const widths = new Int32Array(n + 1);
  let widest = 0;
  for (let seed = 0; seed < n; seed++) {
    if (done[seed] === 1) continue;
    const root = pseudoPeripheral(seed, offsets, indices, degree, level, queue);
    const tail = breadthFirst(root, offsets, indices, level, queue);
    for (let t = 0; t < tail; t++) {
      const v = queue[t]!;
      done[v] = 1;
      const w = ++widths[level[v]!]!;
      if (w > widest) widest = w;
    }
    for (let t = 0; t < tail; t++) {
      widths[level[queue[t]!]!] = 0;
      level[queue[t]!] = 0;
    }
  }
  return widest;
}
