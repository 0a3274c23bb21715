export { tsne, tsneAsync } from './tsne/tsne.js';
export { tsneStart, tsneStep, tsneEmbedding, tsneResult, type TsneState, type TsneResult } from './tsne/tsne-state.js';
export type { TsneOptions, TsneProgress } from './tsne/tsne-options.js';
export { trustworthiness, type TrustworthinessOptions } from './trustworthiness.js';
