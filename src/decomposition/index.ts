export { pca, type PcaOptions } from './pca.js';
export { type PcaModel } from './pca-model.js';
export { pcaTransform } from './pca-transform.js';
export { pcaInverseTransform } from './pca-inverse-transform.js';
export { pcaReconstructionError } from './pca-reconstruction-error.js';
export { eigSymmetric, type EigSymmetricOptions, type EigSymmetricResult } from './eig-symmetric.js';
export { svd, type SvdOptions, type SvdResult } from './svd.js';
export { randomizedSvd, type RandomizedSvdOptions } from './randomized-svd.js';
