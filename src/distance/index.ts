export { euclidean, sqeuclidean, manhattan, chebyshev, cosine, cosineSimilarity } from './metrics.js';
export { METRIC_NAMES, type Metric, type MetricName, type MetricFunction } from './metric.js';
export { pdist, cdist, squareform, type PairwiseOptions, type SquareformOptions } from './pairwise.js';
export { condensedIndex, condensedSize } from './square.js';
