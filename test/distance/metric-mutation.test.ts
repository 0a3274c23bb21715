/**
 * A custom metric function receives private Float64 copies of the rows, never views of the
 * caller's data: a metric that writes into its arguments cannot change the input
 * (fuzz: distance/metric-function-gets-caller-rows).
 */
import { describe, expect, it } from 'vitest';
import { cdist, pdist } from '../../src/distance/pairwise.js';
import { knn, knnSelf } from '../../src/neighbors/exact/knn.js';
import { knnIndex } from '../../src/neighbors/exact/knn-index.js';
import { knnQuery } from '../../src/neighbors/exact/knn-query.js';
import { radiusNeighbors, radiusNeighborsSelf } from '../../src/neighbors/radius.js';
import { silhouette } from '../../src/cluster/metrics/silhouette.js';
import { kmedoids } from '../../src/cluster/kmedoids/kmedoids.js';
import { linkage } from '../../src/cluster/hierarchy/linkage.js';
import { dbscan } from '../../src/cluster/density/dbscan.js';
import { hdbscan } from '../../src/cluster/density/hdbscan.js';
import { knnGraph } from '../../src/neighbors/knn-graph.js';
import { trustworthiness } from '../../src/manifold/trustworthiness.js';
import { mds } from '../../src/manifold/mds.js';
import { kmedoidsPredict } from '../../src/cluster/kmedoids/kmedoids-predict.js';
import { hdbscanPredict } from '../../src/cluster/density/hdbscan-predict.js';
import { isomap } from '../../src/manifold/isomap.js';
import { umap } from '../../src/manifold/umap/umap.js';

const writer = (a: Float64Array, b: Float64Array): number => {
  const d = Math.abs(a[0]! - b[0]!) + Math.abs(a[1]! - b[1]!);
  a[0] = 12345;
  b[1] = -12345;
  return d;
};

describe('custom metrics cannot write into the caller’s rows', () => {
  const fresh = () => ({ rows: 6, cols: 2, data: Float64Array.from([0, 0, 1, 0, 0, 1, 5, 5, 6, 5, 5, 6]) });
  const calls: [string, (X: { rows: number; cols: number; data: Float64Array }) => unknown][] = [
    ['pdist', (X) => pdist(X, { metric: writer })],
    ['cdist', (X) => cdist(X, X, { metric: writer })],
    ['knn', (X) => knn(X, X, 2, { metric: writer })],
    ['knnSelf', (X) => knnSelf(X, 2, { metric: writer })],
    ['knnSelf vptree', (X) => knnSelf(X, 2, { metric: writer, method: 'vptree', leafSize: 1 })],
    ['knnIndex + knnQuery', (X) => knnQuery(knnIndex(X, { metric: writer, method: 'vptree', leafSize: 1 }), X, 2)],
    ['radiusNeighbors', (X) => radiusNeighbors(X, X, 2, { metric: writer })],
    ['radiusNeighborsSelf vptree', (X) => radiusNeighborsSelf(X, 2, { metric: writer, method: 'vptree', leafSize: 1 })],
    ['silhouette', (X) => silhouette(X, [0, 0, 0, 1, 1, 1], { metric: writer })],
    ['kmedoids', (X) => kmedoids(X, { k: 2, metric: writer })],
    ['linkage', (X) => linkage(X, { method: 'average', metric: writer })],
    ['dbscan', (X) => dbscan(X, { eps: 2, minSamples: 2, metric: writer })],
    ['hdbscan', (X) => hdbscan(X, { minClusterSize: 2, metric: writer })],
    ['knnGraph', (X) => knnGraph(X, 2, { metric: writer, method: 'exact' })],
    ['trustworthiness', (X) => trustworthiness(X, X, { k: 2, metric: writer })],
    ['mds', (X) => mds(X, { metric: writer })],
    ['kmedoidsPredict', (X) => kmedoidsPredict(kmedoids(fresh(), { k: 2, metric: writer }), X, writer)],
    ['hdbscanPredict', (X) => hdbscanPredict(hdbscan(fresh(), { minClusterSize: 2, metric: writer }), X)],
    ['knnGraph nndescent', (X) => knnGraph(X, 2, { metric: writer, method: 'nndescent' })],
    ['isomap', (X) => isomap(X, { nNeighbors: 3, metric: writer })],
    ['umap', (X) => umap(X, { nNeighbors: 3, nEpochs: 2, metric: writer })],
  ];
  it.each(calls)('%s', (_name, call) => {
    const X = fresh();
    call(X);
    expect(Array.from(X.data)).toEqual(Array.from(fresh().data));
  });
});
