export { standardize, standardizeFit, type StandardizeOptions, type StandardizeResult } from './standardize.js';
export type { StandardizeModel } from './standardize-model.js';
export { standardizeTransform, standardizeInverseTransform } from './standardize-transform.js';
export { minMaxScale, minMaxScaleFit, type MinMaxScaleOptions, type MinMaxScaleResult } from './min-max-scale.js';
export type { MinMaxScaleModel } from './min-max-scale-model.js';
export { minMaxScaleTransform, minMaxScaleInverseTransform } from './min-max-scale-transform.js';
export { oneHot, oneHotFit, type OneHotOptions, type OneHotResult } from './one-hot.js';
export type { OneHotModel } from './one-hot-model.js';
export { oneHotTransform, oneHotDecode } from './one-hot-transform.js';
export type { Category } from './category.js';
export {
  oneHotColumns,
  oneHotColumnsTransform,
  oneHotColumnsDecode,
  type OneHotColumnsOptions,
  type OneHotColumnsModel,
  type OneHotColumnsResult,
} from './one-hot-columns.js';
