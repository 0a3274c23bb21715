/**
 * Core distances of HDBSCAN by brute force: each point's distance to its k-th nearest other
 * point (k = minSamples − 1: scikit-learn counts the point itself among its `min_samples`).
 * Every unordered pair is computed once and offered to both points' bounded max-heaps, so only
 * O(n·k) memory is kept. Variants for built-in metrics on Float32/Float64 data (blocked kernels,
 * Float32 widened a tile at a time), custom metric functions and condensed distance arrays.
 *
 * Internal module: arguments are validated by the callers.
 */
import type { FloatArray } from '../../core/matrix.js';
import type { Work } from '../../core/task.js';
import type { MetricFunction, MetricName } from '../../distance/metric.js';
import { callMetric } from '../../distance/metric.js';
import { QUERY_BLOCK, radiusScratch, selfRows, selfTile } from '../../neighbors/radius-brute.js';

/** Pairs of a cheap loop (condensed lookups) between checkpoints (a few milliseconds). */
const CHECKPOINT_PAIRS = 1 << 21;

/** Bounded max-heaps of distances, one per point, in one flat array. */
interface DistanceHeaps {
  /** `n·k` values: point i's heap at `[i·k, i·k + k)`, root (largest kept) first. */
  heap: Float64Array;
  /** Values held per point (≤ k). */
  size: Int32Array;
  /** Root of each full heap (the k-th smallest so far), +∞ until full: a fast reject. */
  top: Float64Array;
  k: number;
}

function heaps(n: number, k: number): DistanceHeaps {
  return { heap: new Float64Array(n * k), size: new Int32Array(n), top: new Float64Array(n).fill(Infinity), k };
}

/** Offers `v` to point i's heap. */
function offer(H: Float64Array, size: Int32Array, top: Float64Array, k: number, i: number, v: number): void {
  if (v >= top[i]!) return;
  const off = i * k;
  const s = size[i]!;
  if (s < k) {
    let c = s;
    while (c > 0) {
      const p = (c - 1) >> 1;
      const pv = H[off + p]!;
      if (pv >= v) break;
      H[off + c] = pv;
      c = p;
    }
    H[off + c] = v;
    size[i] = s + 1;
    if (s + 1 === k) top[i] = H[off]!;
    return;
  }
  let p = 0;
  for (;;) {
    let c = 2 * p + 1;
    if (c >= k) break;
    let cv = H[off + c]!;
    if (c + 1 < k && H[off + c + 1]! > cv) {
      c++;
      cv = H[off + c]!;
    }
    if (cv <= v) break;
    H[off + p] = cv;
    p = c;
  }
  H[off + p] = v;
  top[i] = H[off]!;
}

/** The k-th smallest value of each heap (0 when k = 0), square-rooted when `root`. */
function kth(h: DistanceHeaps, n: number, root: boolean): Float64Array {
  const out = new Float64Array(n);
  if (h.k === 0) return out;
  for (let i = 0; i < n; i++) out[i] = root ? Math.sqrt(h.heap[i * h.k]!) : h.heap[i * h.k]!;
  return out;
}

/**
 * Core distances for a built-in metric by blocked brute force: n(n−1)/2 distances, O(n·k)
 * memory. Euclidean distances are ranked as squared sums and rooted once at the end (the same
 * bits as rooting each).
 *
 * @internal
 * @param metric - built-in metric
 * @param data - row-major `n × d` data (Float32 read a tile at a time)
 * @param n - rows (≥ 1)
 * @param d - row length
 * @param k - neighbours beyond the point itself (0 ≤ k ≤ n − 1)
 * @param sq - squared row norms (cosine only)
 * @returns the work, returning the n core distances
 * @example
 * ```ts
 * const core = runSync(coreDistancesBrute('euclidean', X.data, n, d, 4, null), { fn: 'hdbscan' });
 * ```
 */
export function* coreDistancesBrute(metric: MetricName, data: FloatArray, n: number, d: number, k: number, sq: Float64Array | null): Work<Float64Array> {
  if (k === 0) return new Float64Array(n);
  const kernel: MetricName = metric === 'euclidean' ? 'sqeuclidean' : metric;
  const h = heaps(n, k);
  const { heap, size, top } = h;
  const s = radiusScratch(n, d, !(data instanceof Float64Array));
  const nb = s.pRows;
  const buf = s.dist;
  let pending = 0;
  yield { stage: 'core', completed: 0, total: n };
  for (let ia = 0; ia < n; ia += QUERY_BLOCK) {
    const ib = Math.min(n, ia + QUERY_BLOCK);
    const A = selfRows(data, ia, ib, d, s);
    for (let j0 = ia + 1; j0 < n; j0 += nb) {
      const j1 = Math.min(n, j0 + nb);
      pending += (ib - ia) * (j1 - j0) * d;
      if (pending >= CHECKPOINT_PAIRS * 2) {
        pending = 0;
        yield;
      }
      selfTile(kernel, data, A, ia, ib, j0, j1, d, sq, s);
      for (let u = 0; u < ib - ia; u++) {
        const i = ia + u;
        const o = u * nb - j0;
        for (let j = Math.max(j0, i + 1); j < j1; j++) {
          const v = buf[o + j]!;
          if (v < top[i]!) offer(heap, size, top, k, i, v);
          if (v < top[j]!) offer(heap, size, top, k, j, v);
        }
      }
    }
    yield { stage: 'core', completed: ib, total: n };
  }
  return kth(h, n, metric === 'euclidean');
}

/**
 * Core distances for a custom metric function, called as `metric(X[i], X[j])` for i < j (the
 * distance is taken as symmetric, as scikit-learn does for callables).
 *
 * @internal
 * @param fn - public function name (metric checks)
 * @param metric - the custom distance
 * @param views - Float64 row views
 * @param k - neighbours beyond the point itself
 * @returns the work, returning the core distances
 * @example
 * ```ts
 * runSync(coreDistancesFunction('hdbscan', f, views, 4), { fn: 'hdbscan' });
 * ```
 */
export function* coreDistancesFunction(fn: string, metric: MetricFunction, views: readonly Float64Array[], k: number): Work<Float64Array> {
  const n = views.length;
  if (k === 0) return new Float64Array(n);
  const h = heaps(n, k);
  let pending = 0;
  yield { stage: 'core', completed: 0, total: n };
  for (let i = 0; i < n; i++) {
    const a = views[i]!;
    for (let j = i + 1; j < n; j++) {
      const v = callMetric(fn, metric, a, views[j]!);
      offer(h.heap, h.size, h.top, k, i, v);
      offer(h.heap, h.size, h.top, k, j, v);
    }
    pending += n - i;
    if (pending >= CHECKPOINT_PAIRS / 16) {
      pending = 0;
      yield { stage: 'core', completed: i + 1, total: n };
    }
  }
  return kth(h, n, false);
}

/**
 * Core distances from condensed pairwise distances (scipy order: (0,1), (0,2), …, (n−2,n−1)).
 *
 * @internal
 * @param D - condensed distances, length n(n−1)/2
 * @param n - points
 * @param k - neighbours beyond the point itself
 * @returns the work, returning the core distances
 * @example
 * ```ts
 * runSync(coreDistancesCondensed(new Float64Array([1, 2, 3]), 3, 1), { fn: 'hdbscanFromDistances' }); // [1, 1, 2]
 * ```
 */
export function* coreDistancesCondensed(D: Float64Array, n: number, k: number): Work<Float64Array> {
  if (k === 0) return new Float64Array(n);
  const h = heaps(n, k);
  const { heap, size, top } = h;
  let p = 0;
  let pending = 0;
  yield { stage: 'core', completed: 0, total: n };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = D[p++]!;
      if (v < top[i]!) offer(heap, size, top, k, i, v);
      if (v < top[j]!) offer(heap, size, top, k, j, v);
    }
    pending += n - i;
    if (pending >= CHECKPOINT_PAIRS) {
      pending = 0;
      yield { stage: 'core', completed: i + 1, total: n };
    }
  }
  return kth(h, n, false);
}
