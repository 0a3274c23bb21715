export { scatterSvg, type ScatterOptions } from './scatter.js';
export { lineSvg, type LineOptions, type LineSeries, type LineMark } from './line.js';
export { imageSvg, type ImageOptions } from './image.js';
export { dendrogramSvg, type DendrogramOptions } from './dendrogram.js';
export { condensedTreeSvg, type CondensedTreeOptions } from './condensed-tree.js';
