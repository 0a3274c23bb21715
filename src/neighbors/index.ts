export { knn, knnSelf } from './exact/knn.js';
export { knnIndex, type KnnIndex, type KnnMethod, type KnnOptions } from './exact/knn-index.js';
export { knnQuery, knnQuerySelf, type KnnResult } from './exact/knn-query.js';
export { radiusNeighbors, radiusNeighborsSelf, type RadiusNeighborsOptions, type RadiusResult, type RadiusMethod } from './radius.js';
