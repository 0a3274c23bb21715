import { gaussian } from './linalg-helpers.js';

// Textbook Householder loops, one column and one reflector at a time: the independent reference
// for the kernels in src/decomposition/householder.ts (bit for bit below the blocked crossover,
// to rounding above it).

/**
 * Textbook Householder QR on columns, one column at a time. A column whose largest entry is
 * outside (1e-150, 1e150) (the residual of a copied column is ~1e-170) gets its reflector from
 * x / max|x|, as the kernel documents.
 */
export function referenceQr(cols: Float64Array, q: number, p: number, tau: Float64Array): void {
  for (let j = 0; j < p; j++) {
    const xo = j * q;
    let m = 0;
    for (let i = xo + j; i < xo + q; i++) m = Math.max(m, Math.abs(cols[i]!));
    if (m === 0) {
      tau[j] = 0;
      continue;
    }
    const scale = m > 1e-150 && m < 1e150 ? 1 : m;
    let s = 0;
    for (let i = xo + j; i < xo + q; i++) s += (cols[i]! / scale) * (cols[i]! / scale);
    const alpha = Math.sqrt(s);
    const x0 = cols[xo + j]! / scale;
    const beta = x0 >= 0 ? -alpha : alpha;
    tau[j] = (beta - x0) / beta;
    const den = x0 - beta;
    for (let i = xo + j + 1; i < xo + q; i++) cols[i] = cols[i]! / scale / den;
    cols[xo + j] = beta * scale;
    for (let c = j + 1; c < p; c++) reflect(cols, xo, j, q, tau[j]!, cols, c * q);
  }
}

function reflect(v: Float64Array, xo: number, j: number, q: number, t: number, y: Float64Array, yo: number): void {
  let w = y[yo + j]!;
  for (let i = j + 1; i < q; i++) w += v[xo + i]! * y[yo + i]!;
  w *= t;
  if (w === 0) return;
  y[yo + j] = y[yo + j]! - w;
  for (let i = j + 1; i < q; i++) y[yo + i] = y[yo + i]! - w * v[xo + i]!;
}

/** Textbook y ← H_0 ⋯ H_{p−1} y for every target vector. */
export function referenceApplyQ(cols: Float64Array, q: number, p: number, tau: Float64Array, target: Float64Array, count: number): void {
  for (let c = 0; c < count; c++) {
    for (let j = p - 1; j >= 0; j--) if (tau[j] !== 0) reflect(cols, j * q, j, q, tau[j]!, target, c * q);
  }
}

/** p columns of length q, Gaussian, with some columns zeroed or copied (reflectors then meet v·y = 0). */
export function columns(q: number, p: number, seed: number, zeroMask: number, copyMask: number): Float64Array {
  const cols = gaussian(p, q, seed);
  for (let c = 0; c < p; c++) {
    if ((zeroMask >> c) & 1) cols.fill(0, c * q, (c + 1) * q);
    else if (c > 0 && (copyMask >> c) & 1) cols.copyWithin(c * q, (c - 1) * q, c * q);
  }
  return cols;
}
