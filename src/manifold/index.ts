export { tsne, tsneAsync } from './tsne/tsne.js';
export { tsneStart, tsneStep, tsneEmbedding, tsneResult, type TsneState, type TsneResult } from './tsne/tsne-state.js';
export type { TsneOptions, TsneProgress } from './tsne/tsne-options.js';
export { trustworthiness, type TrustworthinessOptions } from './trustworthiness.js';
export { lle, type LleOptions, type LleModel } from './lle.js';
export { lleTransform } from './lle-transform.js';
export { spectralEmbedding, type SpectralEmbeddingOptions, type SpectralEmbeddingResult } from './spectral.js';
export { mds, mdsFromDistances, type MdsOptions, type MdsFromDistancesOptions, type MdsResult } from './mds.js';
