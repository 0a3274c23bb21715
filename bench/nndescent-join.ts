/**
 * NN-descent's CPU time and a hash of its graph (indices and distance bits) on four sets, to
 * compare two commits of the join: run it on each (e.g. `git stash` / `git checkout <commit>`),
 * interleaved; equal hashes mean the same graphs bit for bit.
 *
 * Run: npx tsx bench/nndescent-join.ts [--reps 2]
 */
import { createHash } from 'node:crypto';
import type { Matrix } from '../src/core/matrix.js';
import type { Metric } from '../src/distance/metric.js';
import { knnGraph } from '../src/neighbors/knn-graph.js';
import { clusteredUnitVectors, loadMnist } from './helpers/embeddings-umap.js';
import { cpuMs } from './helpers/timing.js';

const reps = Number(process.argv[process.argv.indexOf('--reps') + 1] ?? 2) || 2;
const emb = clusteredUnitVectors(30_000, 384, 50, 0.05, 7).X;
const mnist = loadMnist().X;
const mnist64: Matrix = { rows: mnist.rows, cols: mnist.cols, data: Float64Array.from(mnist.data) };
const sets: [string, Matrix, Metric][] = [
  ['30 000 × 384 clustered unit vectors, euclidean', emb, 'euclidean'],
  ['MNIST 10 000 × 784 Float32, euclidean', mnist, 'euclidean'],
  ['MNIST 10 000 × 784 Float64, euclidean', mnist64, 'euclidean'],
  ['30 000 × 384, cosine', emb, 'cosine'],
];
for (let r = 0; r < reps; r++) {
  for (const [name, X, metric] of sets) {
    const c0 = cpuMs();
    const g = knnGraph(X, 14, { method: 'nndescent', metric });
    const sec = (cpuMs() - c0) / 1000;
    const hash = createHash('sha1').update(new Uint8Array(g.indices.buffer)).update(new Uint8Array(g.distances.buffer)).digest('hex').slice(0, 12);
    console.log(`${name}: ${sec.toFixed(2)} s CPU, ${g.iterations} iterations, graph ${hash}`);
  }
}
