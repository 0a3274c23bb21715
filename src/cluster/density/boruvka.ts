import type { FloatArray } from '../../core/matrix.js';
import type { Work } from '../../core/task.js';
import type { MetricName } from '../../distance/metric.js';
import type { MstEdges } from './mst.js';
export const BORUVKA_METRICS: readonly MetricName[] = ['euclidean', 'sqeuclidean', 'manhattan', 'chebyshev'];
// eslint-disable-next-line require-yield
export function* boruvkaMst(_m: MetricName, _d: FloatArray, _n: number, _dd: number, _k: number): Work<{ core: Float64Array; edges: MstEdges }> {
  throw new Error('todo');
}
