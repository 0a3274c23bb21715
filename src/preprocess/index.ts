export { standardize, standardizeFit, type StandardizeOptions, type StandardizeModel, type StandardizeResult } from './standardize.js';
export { standardizeTransform, standardizeInverseTransform } from './standardize-transform.js';
export { minMaxScale, minMaxScaleFit, type MinMaxScaleOptions, type MinMaxScaleModel, type MinMaxScaleResult } from './min-max-scale.js';
export { minMaxScaleTransform, minMaxScaleInverseTransform } from './min-max-scale-transform.js';
export { oneHot, oneHotFit, type OneHotOptions, type OneHotModel, type OneHotResult } from './one-hot.js';
export { oneHotTransform, oneHotDecode } from './one-hot-transform.js';
export { compareCategories, type Category } from './category.js';
export {
  oneHotColumns,
  oneHotColumnsTransform,
  oneHotColumnsDecode,
  type OneHotColumnsOptions,
  type OneHotColumnsModel,
  type OneHotColumnsResult,
} from './one-hot-columns.js';
