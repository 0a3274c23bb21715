/**
 * Entry point the HNSW browser test bundles with esbuild (page, worker and Node load the same
 * bundle): the HNSW functions from the files that define them.
 */
export { hnswIndex, type HnswIndexOptions } from '../../src/neighbors/hnsw/index-build.js';
export { hnswQuery, type HnswQueryOptions, type HnswResult } from '../../src/neighbors/hnsw/query.js';
export type { HnswIndex } from '../../src/neighbors/hnsw/model.js';
