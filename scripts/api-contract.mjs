// The public names fixed by the design's API contract, per subpath. Checked against the
// sources (test/api-contract.test.ts) and against the built ESM and CJS bundles
// (scripts/check-package.mjs). Add freely; never remove or rename.
export const API_CONTRACT = {
  core: ['matrix', 'toMatrix', 'toRows', 'row', 'dot', 'norm', 'add', 'sub', 'scale', 'normalize', 'lerp', 'slerp', 'interpolate', 'rng', 'LatentError', 'isLatentError', 'serialize', 'deserialize'],
  distance: ['euclidean', 'sqeuclidean', 'manhattan', 'chebyshev', 'cosine', 'cosineSimilarity', 'pdist', 'cdist', 'squareform'],
  neighbors: ['knn', 'radiusNeighbors', 'hnswIndex', 'hnswAdd', 'hnswRemove', 'hnswQuery', 'knnGraph'],
  preprocess: ['standardize', 'minMaxScale', 'oneHot'],
  cluster: [
    'kmeans', 'kmeansPredict', 'kmedoids', 'kmedoidsFromDistances', 'kmedoidsPredict',
    'linkage', 'linkageFromDistances', 'cutTree', 'cophenetic', 'leafOrder',
    'silhouette', 'silhouetteSamples', 'daviesBouldin', 'calinskiHarabasz', 'adjustedRandIndex', 'normalizedMutualInfo',
    'hdbscan', 'hdbscanFromDistances', 'hdbscanPredict', 'dbscan',
  ],
  decomposition: ['pca', 'pcaTransform', 'pcaInverseTransform', 'eigsh'],
  manifold: ['tsne', 'trustworthiness', 'lle', 'lleTransform', 'mds', 'spectralEmbedding', 'isomap', 'isomapTransform', 'tsneTransform', 'umap', 'umapAsync', 'umapStart', 'umapStep', 'umapResult', 'umapTransform'],
  nn: ['autoencoder', 'encode', 'decode', 'reconstructionError'],
  datasets: ['iris', 'blobs', 'moons', 'circles', 'swissRoll'],
  plot: ['scatterSvg', 'dendrogramSvg', 'lineSvg', 'condensedTreeSvg'],
};
