import type { Matrix64 as Matrix } from '../../src/core/matrix.js';
import { nextDouble, randomNormal, rng, rngState } from '../../src/core/random.js';

/** n × d values drawn uniformly from [lo, hi) by the library's seeded generator. */
export function uniformMatrix(n: number, d: number, seed: number, lo = 0, hi = 1): Matrix {
  const s = rngState(seed);
  const width = hi - lo;
  return { rows: n, cols: d, data: new Float64Array(n * d).map(() => nextDouble(s) * width + lo) };
}

/**
 * n × d points around k centres drawn uniformly from [−10, 10)ᵈ; row i belongs to centre
 * i mod k, offset by Gaussian noise of standard deviation `spread`.
 */
export function gaussianBlobs(n: number, d: number, k: number, spread: number, seed: number): Matrix {
  const r = rng(seed);
  const C = Float64Array.from({ length: k * d }, () => (r() * 2 - 1) * 10);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    for (let t = 0; t < d; t++) data[i * d + t] = C[c * d + t]! + spread * randomNormal(r);
  }
  return { rows: n, cols: d, data };
}
