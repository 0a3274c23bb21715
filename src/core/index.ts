export { LatentError, isLatentError, type LatentErrorCode } from './errors.js';
export { matrix, toMatrix, toRows, row, isMatrix, isFloatArray, type Matrix, type Matrix64, type MatrixLike, type FloatArray, type ToMatrixOptions } from './matrix.js';
export { DEFAULT_MEMORY_LIMIT } from './memory.js';
export type { Progress } from './task.js';
export { dot, norm, add, sub, scale, normalize, type Vector } from './vector.js';
export { lerp, slerp, interpolate, type InterpolateOptions } from './interpolate.js';
export { rng, randomNormal, randomInt, shuffle, DEFAULT_SEED } from './random.js';
export { serialize, deserialize, type Model, type DeserializeOptions } from './serialize.js';
export { csrFromTriplets, type CsrMatrix } from './sparse.js';
