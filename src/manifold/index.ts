export { tsne, tsneAsync } from './tsne.js';
export { tsneStart, tsneStep, tsneEmbedding, tsneResult, type TsneState, type TsneResult } from './state.js';
export type { TsneOptions, TsneProgress } from './options.js';
export type { BHTree } from './bhtree.js';
export { trustworthiness } from './trustworthiness.js';
