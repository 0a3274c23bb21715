/**
 * The linkage methods (scipy's `method` names) and their codes for the O(n²) loops.
 */
/** A hierarchical-clustering linkage criterion (scipy's `method`). */
export type LinkageMethod = 'single' | 'complete' | 'average' | 'weighted' | 'ward' | 'centroid' | 'median';

/** Every linkage method, in documentation order. */
export const LINKAGE_METHODS: readonly LinkageMethod[] = Object.freeze(['single', 'complete', 'average', 'weighted', 'ward', 'centroid', 'median']);

/** The methods whose update formula assumes Euclidean distances (scipy's `_EUCLIDEAN_METHODS`). */
export const EUCLIDEAN_METHODS: readonly LinkageMethod[] = ['ward', 'centroid', 'median'];

/** Numeric code of each method, used inside the O(n²) loops (a small-int switch is cheap). */
export const METHOD_CODE: Readonly<Record<LinkageMethod, number>> = {
  single: 0,
  complete: 1,
  average: 2,
  weighted: 3,
  ward: 4,
  centroid: 5,
  median: 6,
};

