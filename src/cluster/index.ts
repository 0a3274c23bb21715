export { linkage, linkageFromDistances, LINKAGE_MAX_POINTS, type LinkageOptions, type LinkageFromDistancesOptions } from './linkage.js';
export { LINKAGE_METHODS, type LinkageMethod } from './linkage-update.js';
export { cutTree, type CutTreeOptions } from './cut-tree.js';
export { cophenetic, copheneticCorrelation } from './cophenetic.js';
export { leafOrder } from './leaf-order.js';
export { agglomerative, type AgglomerativeOptions, type AgglomerativeModel } from './agglomerative.js';
