export { knn, knnSelf } from './knn.js';
export { knnIndex, VPTREE_MAX_DIMS, VPTREE_MIN_POINTS, type KnnIndex, type KnnMethod, type KnnOptions } from './knn-index.js';
export { knnQuery, knnQuerySelf, type KnnResult } from './knn-query.js';
