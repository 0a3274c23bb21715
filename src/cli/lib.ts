/**
 * The library functions the CLI and the demo report use, looked up by their contract
 * names so both keep working while modules are still being added: a function that is
 * not exported yet is `undefined` and its section is skipped with a note.
 *
 * (The CLI is its own bundle, so reading the module indexes here costs the library's
 * tree-shaking nothing.)
 */
import * as cluster from '../cluster/index.js';
import type { Matrix, MatrixLike } from '../core/matrix.js';
import * as decomposition from '../decomposition/index.js';
import * as manifold from '../manifold/index.js';
import * as neighbors from '../neighbors/index.js';
import * as nn from '../nn/index.js';
import * as plot from '../plot/index.js';
import * as preprocess from '../preprocess/index.js';

/** Progress report shapes the long-running functions may pass to `onProgress`. */
export type Progress = Record<string, unknown>;

/** Contract signatures (the subset of options the CLI and report pass). */
export interface Lib {
  standardize?: (X: MatrixLike) => { data: Matrix; mean: Float64Array; scale: Float64Array };
  knn?: (data: MatrixLike, queries: MatrixLike, k: number, o?: { metric?: string }) => { indices: Int32Array; distances: Float64Array };
  kmeans?: (X: MatrixLike, o: { k: number; seed?: number; nInit?: number; maxIter?: number }) => {
    centroids: Matrix;
    labels: Int32Array;
    inertia: number;
    iterations: number;
    converged: boolean;
  };
  kmedoids?: (X: MatrixLike, o: { k: number; seed?: number; method?: string }) => { medoids: Int32Array; labels: Int32Array; cost: number };
  linkage?: (X: MatrixLike, o: { method?: string; metric?: string }) => Matrix;
  cutTree?: (Z: Matrix, o: { k: number } | { height: number }) => Int32Array;
  silhouette?: (X: MatrixLike, labels: ArrayLike<number>) => number;
  daviesBouldin?: (X: MatrixLike, labels: ArrayLike<number>) => number;
  calinskiHarabasz?: (X: MatrixLike, labels: ArrayLike<number>) => number;
  adjustedRandIndex?: (a: ArrayLike<number>, b: ArrayLike<number>) => number;
  normalizedMutualInfo?: (a: ArrayLike<number>, b: ArrayLike<number>) => number;
  pca?: (X: MatrixLike, o?: { components?: number; whiten?: boolean; seed?: number }) => {
    components: Matrix;
    explainedVariance: Float64Array;
    explainedVarianceRatio: Float64Array;
    mean: Float64Array;
  };
  pcaTransform?: (model: unknown, X: MatrixLike) => Matrix;
  tsne?: (
    X: MatrixLike,
    o?: { dims?: number; perplexity?: number; iterations?: number; theta?: number; seed?: number; onProgress?: (p: Progress) => void },
  ) => { embedding: Matrix; kl: number; iterations: number };
  trustworthiness?: (X: MatrixLike, embedding: MatrixLike, k?: number) => number;
  autoencoder?: (
    X: MatrixLike,
    o?: { layers?: number[]; epochs?: number; learningRate?: number; batchSize?: number; seed?: number; onProgress?: (p: Progress) => void },
  ) => { history: unknown };
  encode?: (model: unknown, X: MatrixLike) => Matrix;
  decode?: (model: unknown, Z: MatrixLike) => Matrix;
  reconstructionError?: (model: unknown, X: MatrixLike) => Float64Array;
  dendrogramSvg?: (Z: Matrix, o?: Record<string, unknown>) => string;
}

/** The function `name` of namespace `ns`, if it is exported yet. */
function pick<T>(ns: object, name: string): T | undefined {
  const f = (ns as Record<string, unknown>)[name];
  return typeof f === 'function' ? (f as T) : undefined;
}

/** Looks every contract function up (call again to see newly built modules: no caching). */
export function library(): Lib {
  return {
    standardize: pick(preprocess, 'standardize'),
    knn: pick(neighbors, 'knn'),
    kmeans: pick(cluster, 'kmeans'),
    kmedoids: pick(cluster, 'kmedoids'),
    linkage: pick(cluster, 'linkage'),
    cutTree: pick(cluster, 'cutTree'),
    silhouette: pick(cluster, 'silhouette'),
    daviesBouldin: pick(cluster, 'daviesBouldin'),
    calinskiHarabasz: pick(cluster, 'calinskiHarabasz'),
    adjustedRandIndex: pick(cluster, 'adjustedRandIndex'),
    normalizedMutualInfo: pick(cluster, 'normalizedMutualInfo'),
    pca: pick(decomposition, 'pca'),
    pcaTransform: pick(decomposition, 'pcaTransform'),
    tsne: pick(manifold, 'tsne'),
    trustworthiness: pick(manifold, 'trustworthiness'),
    autoencoder: pick(nn, 'autoencoder'),
    encode: pick(nn, 'encode'),
    decode: pick(nn, 'decode'),
    reconstructionError: pick(nn, 'reconstructionError'),
    dendrogramSvg: pick(plot, 'dendrogramSvg'),
  };
}

/** Throws a clear error when a needed function has not been built into this version. */
export function need<T>(f: T | undefined, name: string): T {
  if (f === undefined) throw new Error(`latent: ${name} is not available in this build yet`);
  return f;
}
