/**
 * UMAP's spectral initialisation: the fuzzy graph's normalized-Laplacian eigenvectors, with
 * umap-learn's per-component layout for disconnected graphs (`spectral_layout`,
 * `multi_component_layout`, `component_layout`).
 */
import { detExp } from '../../core/math.js';
import type { Matrix } from '../../core/matrix.js';
import { nextDouble, type RngState } from '../../core/random.js';
import type { CsrMatrix } from '../../core/sparse.js';
import type { Work } from '../../core/task.js';
import { callMetric, type Metric } from '../../distance/metric.js';
import { rowDistance } from '../../distance/pairwise.js';
import { connectedComponents } from './components.js';
import { smallestEigenvectorsWork } from './smallest-eigenvectors.js';

/**
 * The normalized Laplacian `I − D^(−1/2) G D^(−1/2)` of a symmetric graph as CSR (diagonal
 * stored), with D the degrees (row sums). Every vertex must have a positive degree.
 *
 * @param G - symmetric graph with sorted columns
 * @param sqrtDeg - √degree of each vertex
 * @returns the Laplacian
 * @example
 * ```ts
 * const L = normalizedLaplacian(G, sqrtDeg);
 * ```
 */
export function normalizedLaplacian(G: CsrMatrix, sqrtDeg: Float64Array): CsrMatrix {
  const n = G.rows;
  const { offsets, indices, values } = G;
  const outOffsets = new Int32Array(n + 1);
  const cap = offsets[n]! + n;
  const outIndices = new Int32Array(cap);
  const outValues = new Float64Array(cap);
  let w = 0;
  for (let i = 0; i < n; i++) {
    let diagonalDone = false;
    const si = sqrtDeg[i]!;
    for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
      const j = indices[p]!;
      const v = -values[p]! / (si * sqrtDeg[j]!);
      if (j === i) {
        outIndices[w] = i;
        outValues[w++] = 1 + v;
        diagonalDone = true;
        continue;
      }
      if (!diagonalDone && j > i) {
        outIndices[w] = i;
        outValues[w++] = 1;
        diagonalDone = true;
      }
      outIndices[w] = j;
      outValues[w++] = v;
    }
    if (!diagonalDone) {
      outIndices[w] = i;
      outValues[w++] = 1;
    }
    outOffsets[i + 1] = w;
  }
  return { rows: n, cols: n, offsets: outOffsets, indices: outIndices.slice(0, w), values: outValues.slice(0, w) };
}

/** Flips each of the `count` vectors (rows of length n) so its largest-magnitude entry is positive. */
function fixSigns(vectors: Float64Array, count: number, n: number): void {
  for (let t = 0; t < count; t++) {
    const o = t * n;
    let best = 0;
    for (let i = 1; i < n; i++) if (Math.abs(vectors[o + i]!) > Math.abs(vectors[o + best]!)) best = i;
    if (vectors[o + best]! < 0) for (let i = 0; i < n; i++) vectors[o + i] = -vectors[o + i]!;
  }
}

/**
 * Spectral layout of one connected graph: eigenvectors 2 … dims + 1 (ascending eigenvalues) of
 * its normalized Laplacian, as rows of an n × dims row-major array. umap-learn's signs are
 * ARPACK's; here each vector's largest-magnitude entry is made positive (deterministic).
 */
function* connectedLayoutWork(G: CsrMatrix, dims: number, seed: number): Work<Float64Array> {
  const n = G.rows;
  const sqrtDeg = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = G.offsets[i]!; p < G.offsets[i + 1]!; p++) s += G.values[p]!;
    sqrtDeg[i] = Math.sqrt(s);
  }
  const L = normalizedLaplacian(G, sqrtDeg);
  const { vectors } = yield* smallestEigenvectorsWork(L, dims + 1, seed);
  fixSigns(vectors, dims + 1, n);
  const out = new Float64Array(n * dims);
  for (let t = 0; t < dims; t++) {
    const o = (t + 1) * n;
    for (let i = 0; i < n; i++) out[i * dims + t] = vectors[o + i]!;
  }
  return out;
}

/** The subgraph of G on the vertices with `labels[v] === label`, renumbered in increasing order. */
function subgraph(G: CsrMatrix, labels: Int32Array, label: number, members: Int32Array, local: Int32Array): CsrMatrix {
  const m = members.length;
  const offsets = new Int32Array(m + 1);
  let nnz = 0;
  for (let a = 0; a < m; a++) {
    const v = members[a]!;
    for (let p = G.offsets[v]!; p < G.offsets[v + 1]!; p++) if (labels[G.indices[p]!] === label) nnz++;
    offsets[a + 1] = nnz;
  }
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let w = 0;
  for (let a = 0; a < m; a++) {
    const v = members[a]!;
    for (let p = G.offsets[v]!; p < G.offsets[v + 1]!; p++) {
      const u = G.indices[p]!;
      if (labels[u] !== label) continue;
      indices[w] = local[u]!; // members are increasing, so local numbers keep columns sorted
      values[w++] = G.values[p]!;
    }
  }
  return { rows: m, cols: m, offsets, indices, values };
}

/**
 * Positions of the components' centres (umap-learn's `component_layout`): the components'
 * centroids in data space, their affinities `exp(−d²)` in the UMAP metric, and the spectral
 * embedding of that small complete graph (eigenvectors 2 … dims + 1 of its normalized
 * Laplacian divided by √degree, as scikit-learn's `SpectralEmbedding`, signs fixed, scaled by
 * the largest coordinate). When the affinities underflow (centroids more than ~27 apart) or the
 * layout degenerates, the centres are drawn uniformly in [0, 10)^dims, as umap-learn does when
 * it has no data.
 */
function* componentCentresWork(X: Matrix, labels: Int32Array, count: number, dims: number, metric: Metric, seed: number, rng: RngState): Work<Float64Array> {
  const { rows: n, cols: d, data } = X;
  const C = new Float64Array(count * d);
  const sizes = new Float64Array(count);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    sizes[c]!++;
    const o = c * d;
    const r = i * d;
    for (let j = 0; j < d; j++) C[o + j]! += data[r + j]!;
  }
  for (let c = 0; c < count; c++) for (let j = 0; j < d; j++) C[c * d + j] = C[c * d + j]! / sizes[c]!;
  const views: Float64Array[] = [];
  if (typeof metric === 'function') for (let c = 0; c < count; c++) views.push(C.subarray(c * d, (c + 1) * d));
  const A = new Float64Array(count * count);
  const deg = new Float64Array(count);
  for (let a = 0; a < count; a++) {
    for (let b = a + 1; b < count; b++) {
      const dist = typeof metric === 'function' ? callMetric('umap', metric, views[a]!, views[b]!) : rowDistance(metric, C, a * d, C, b * d, d);
      const v = detExp(-(dist * dist));
      A[a * count + b] = v;
      A[b * count + a] = v;
      deg[a]! += v;
      deg[b]! += v;
    }
  }
  let degenerate = false;
  for (let c = 0; c < count; c++) if (!(deg[c]! > 0)) degenerate = true;
  let out = new Float64Array(count * dims);
  if (!degenerate) {
    const sqrtDeg = new Float64Array(count);
    for (let c = 0; c < count; c++) sqrtDeg[c] = Math.sqrt(deg[c]!);
    const triplets = { rows: count, cols: count, offsets: new Int32Array(count + 1), indices: new Int32Array(count * (count - 1)), values: new Float64Array(count * (count - 1)) };
    let w = 0;
    for (let a = 0; a < count; a++) {
      for (let b = 0; b < count; b++) {
        if (a === b) continue;
        triplets.indices[w] = b;
        triplets.values[w++] = A[a * count + b]!;
      }
      triplets.offsets[a + 1] = w;
    }
    const L = normalizedLaplacian(triplets, sqrtDeg);
    const { vectors } = yield* smallestEigenvectorsWork(L, dims + 1, seed);
    let max = -Infinity;
    for (let t = 0; t < dims; t++) {
      for (let c = 0; c < count; c++) {
        const v = vectors[(t + 1) * count + c]! / sqrtDeg[c]!;
        out[c * dims + t] = v;
      }
    }
    fixSignsRowMajor(out, count, dims);
    for (let t = 0; t < out.length; t++) if (out[t]! > max) max = out[t]!;
    if (max > 0 && Number.isFinite(max)) for (let t = 0; t < out.length; t++) out[t] = out[t]! / max;
    else degenerate = true;
  }
  if (degenerate) {
    out = new Float64Array(count * dims);
    for (let t = 0; t < out.length; t++) out[t] = nextDouble(rng) * 10;
  }
  return out;
}

/** {@link fixSigns} for the columns of a rows × cols row-major array. */
function fixSignsRowMajor(a: Float64Array, rows: number, cols: number): void {
  for (let t = 0; t < cols; t++) {
    let best = 0;
    for (let i = 1; i < rows; i++) if (Math.abs(a[i * cols + t]!) > Math.abs(a[best * cols + t]!)) best = i;
    if (a[best * cols + t]! < 0) for (let i = 0; i < rows; i++) a[i * cols + t] = -a[i * cols + t]!;
  }
}

/**
 * UMAP's spectral initial layout of the fuzzy graph G (n × n, symmetric), umap-learn's
 * `spectral_layout`, n × dims row-major (unscaled: the caller applies umap-learn's noisy
 * rescaling).
 *
 * - Connected graph: eigenvectors 2 … dims + 1 of the normalized Laplacian (through the
 *   eigensolver seam, `smallest-eigenvectors.ts`); uniform in [−1, 1] when n ≤ dims + 1.
 * - Disconnected graph (umap-learn's `multi_component_layout`): component centres at ±unit
 *   vectors when there are at most 2·dims components, otherwise from a spectral embedding of
 *   the components' centroids in data space; each component is laid out spectrally on its own
 *   (uniformly at random when it has fewer than 2·dims or at most dims + 1 points), scaled to
 *   half the distance to the nearest other centre, and moved to its centre.
 *
 * @param G - symmetric fuzzy graph
 * @param dims - embedding dimension
 * @param X - the data (for component centroids)
 * @param metric - the UMAP metric (for centroid distances)
 * @param seed - seed of the eigensolver's start
 * @param rng - generator for the random parts (advanced)
 * @returns n × dims initial coordinates (via the generator's return value)
 * @example
 * ```ts
 * const Y = runSync(spectralLayoutWork(G, 2, X, 'euclidean', 42, rngState(42)), { fn: 'umap' });
 * ```
 * @see umap-learn `umap.spectral.spectral_layout`, `multi_component_layout`
 */
export function* spectralLayoutWork(G: CsrMatrix, dims: number, X: Matrix, metric: Metric, seed: number, rng: RngState): Work<Float64Array> {
  const n = G.rows;
  const { count, labels } = connectedComponents(G);
  if (count === 1) {
    if (n > dims + 1) return yield* connectedLayoutWork(G, dims, seed);
    // Too few points for dims + 1 eigenvectors (umap-learn's eigsh would fail): uniform.
    const out = new Float64Array(n * dims);
    for (let t = 0; t < out.length; t++) out[t] = -1 + 2 * nextDouble(rng);
    return out;
  }
  let meta: Float64Array;
  if (count > 2 * dims) {
    meta = yield* componentCentresWork(X, labels, count, dims, metric, seed, rng);
  } else {
    // ±e₁, ±e₂, …: k = ⌈count / 2⌉ unit vectors, then their negatives.
    const k = Math.ceil(count / 2);
    meta = new Float64Array(count * dims);
    for (let c = 0; c < count; c++) meta[c * dims + (c % k)] = c < k ? 1 : -1;
  }
  const out = new Float64Array(n * dims);
  const local = new Int32Array(n);
  const sizes = new Int32Array(count);
  for (let i = 0; i < n; i++) local[i] = sizes[labels[i]!]!++;
  const starts = new Int32Array(count + 1);
  for (let c = 0; c < count; c++) starts[c + 1] = starts[c]! + sizes[c]!;
  const byComponent = new Int32Array(n);
  for (let i = 0; i < n; i++) byComponent[starts[labels[i]!]! + local[i]!] = i;
  for (let c = 0; c < count; c++) {
    // Half the distance to the nearest other centre (1 if every other centre coincides).
    let nearest = Infinity;
    for (let e = 0; e < count; e++) {
      let s = 0;
      for (let t = 0; t < dims; t++) {
        const v = meta[c * dims + t]! - meta[e * dims + t]!;
        s += v * v;
      }
      const dist = Math.sqrt(s);
      if (dist > 0 && dist < nearest) nearest = dist;
    }
    const range = nearest < Infinity ? nearest / 2 : 1;
    const members = byComponent.subarray(starts[c], starts[c + 1]);
    const m = members.length;
    if (m < 2 * dims || m <= dims + 1) {
      for (const i of members) {
        for (let t = 0; t < dims; t++) out[i * dims + t] = -range + 2 * range * nextDouble(rng) + meta[c * dims + t]!;
      }
      continue;
    }
    const layout = yield* connectedLayoutWork(subgraph(G, labels, c, members, local), dims, seed);
    let max = 0;
    for (let t = 0; t < layout.length; t++) max = Math.max(max, Math.abs(layout[t]!));
    const expansion = max > 0 ? range / max : 0;
    for (let a = 0; a < m; a++) {
      const i = members[a]!;
      for (let t = 0; t < dims; t++) out[i * dims + t] = layout[a * dims + t]! * expansion + meta[c * dims + t]!;
    }
  }
  return out;
}
