export { type Dataset } from './dataset.js';
export { iris, type IrisDataset } from './iris.js';
export { blobs, type BlobsOptions, type BlobsDataset } from './blobs.js';
export { moons, type MoonsOptions } from './moons.js';
export { circles, type CirclesOptions } from './circles.js';
export { swissRoll, type SwissRollOptions, type SwissRollDataset } from './swiss-roll.js';
