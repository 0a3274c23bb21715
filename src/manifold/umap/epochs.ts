/**
 * Which edges UMAP samples and how often (umap-learn's edge threshold and
 * `make_epochs_per_sample`).
 */
import type { CsrMatrix } from '../../core/sparse.js';

/** The edges of a graph kept for the optimisation, with their sampling periods. */
export interface EdgeSchedule {
  /** The graph without the dropped edges (what the initialisation sees). */
  graph: CsrMatrix;
  /** Head (row) of each kept edge, in row-major order. */
  from: Int32Array;
  /** Tail (column) of each kept edge. */
  to: Int32Array;
  /** Epochs between two samples of each edge: nEpochs / (nEpochs · w / w_max); −1 when nEpochs is 0. */
  epochsPerSample: Float64Array;
}

/**
 * The automatic epoch count of umap-learn: 500 for graphs of at most 10 000 rows, else 200.
 *
 * @param rows - rows of the graph
 * @returns the default number of epochs
 * @example
 * ```ts
 * defaultEpochs(1797); // 500
 * ```
 */
export function defaultEpochs(rows: number): number {
  return rows <= 10000 ? 500 : 200;
}

/**
 * Drops the edges too weak to be sampled even once — weight below `w_max / nEpochs`
 * (below `w_max / defaultEpochs` when nEpochs ≤ 10), as umap-learn does — and gives each kept
 * edge its sampling period `nEpochs / (nEpochs · w / w_max)`: the strongest edges are sampled
 * every epoch, an edge of half the weight every other epoch. O(nnz).
 *
 * @param G - the fuzzy graph (rows × cols; square when fitting, new × training in transform)
 * @param nEpochs - epochs of the optimisation (≥ 0)
 * @param fallbackEpochs - umap-learn's `default_epochs` for the nEpochs ≤ 10 threshold
 * @returns the schedule
 * @example
 * ```ts
 * const { from, to, epochsPerSample } = edgeSchedule(G, 500, 500);
 * ```
 * @see umap-learn `umap.umap_.simplicial_set_embedding`, `make_epochs_per_sample`
 */
export function edgeSchedule(G: CsrMatrix, nEpochs: number, fallbackEpochs: number): EdgeSchedule {
  const { rows, offsets, indices, values } = G;
  const nnz = offsets[rows]!;
  let max = 0;
  for (let p = 0; p < nnz; p++) if (values[p]! > max) max = values[p]!;
  const cut = max / (nEpochs > 10 ? nEpochs : fallbackEpochs);
  const outOffsets = new Int32Array(rows + 1);
  let kept = 0;
  for (let p = 0; p < nnz; p++) if (!(values[p]! < cut)) kept++;
  const outIndices = new Int32Array(kept);
  const outValues = new Float64Array(kept);
  const from = new Int32Array(kept);
  const epochsPerSample = new Float64Array(kept);
  let w = 0;
  for (let i = 0; i < rows; i++) {
    for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
      const v = values[p]!;
      if (v < cut) continue;
      outIndices[w] = indices[p]!;
      outValues[w] = v;
      from[w] = i;
      const samples = nEpochs * (v / max);
      epochsPerSample[w] = samples > 0 ? nEpochs / samples : -1;
      w++;
    }
    outOffsets[i + 1] = w;
  }
  const graph: CsrMatrix = { rows, cols: G.cols, offsets: outOffsets, indices: outIndices, values: outValues };
  return { graph, from, to: outIndices.slice(), epochsPerSample };
}
