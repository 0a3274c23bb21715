import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyQ, householderQr, orthonormalizeColumns } from '../../src/decomposition/householder.js';
import { EPS, gaussian, rowOrthonormalityError } from './linalg-helpers.js';

// The kernels update four columns per pass over a reflector and skip the identity columns a
// reflector cannot reach; both are meant to give the bits of the textbook column-by-column
// loops below, which serve as the independent reference.

/**
 * Textbook Householder QR on columns, one column at a time. A column whose largest entry is
 * outside (1e-150, 1e150) (the residual of a copied column is ~1e-170) gets its reflector from
 * x / max|x|, as the kernel documents.
 */
function referenceQr(cols: Float64Array, q: number, p: number, tau: Float64Array): void {
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
function referenceApplyQ(cols: Float64Array, q: number, p: number, tau: Float64Array, target: Float64Array, count: number): void {
  for (let c = 0; c < count; c++) {
    for (let j = p - 1; j >= 0; j--) if (tau[j] !== 0) reflect(cols, j * q, j, q, tau[j]!, target, c * q);
  }
}

/** p columns of length q, Gaussian, with some columns zeroed or copied (reflectors then meet v·y = 0). */
function columns(q: number, p: number, seed: number, zeroMask: number, copyMask: number): Float64Array {
  const cols = gaussian(p, q, seed);
  for (let c = 0; c < p; c++) {
    if ((zeroMask >> c) & 1) cols.fill(0, c * q, (c + 1) * q);
    else if (c > 0 && (copyMask >> c) & 1) cols.copyWithin(c * q, (c - 1) * q, c * q);
  }
  return cols;
}

const shape = fc
  .record({ p: fc.integer({ min: 1, max: 13 }), extra: fc.integer({ min: 0, max: 30 }) })
  .map(({ p, extra }) => ({ p, q: p + extra }));

describe('householder kernels (properties)', () => {
  it('householderQr and applyQ give the bits of the column-by-column loops', () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 0, max: 1e9 }), fc.nat(1 << 13), fc.nat(1 << 13), fc.integer({ min: 1, max: 11 }), ({ p, q }, seed, zeroMask, copyMask, count) => {
        const a = columns(q, p, seed, zeroMask, copyMask);
        const b = a.slice();
        const tauA = new Float64Array(p);
        const tauB = new Float64Array(p);
        householderQr(a, q, p, tauA);
        referenceQr(b, q, p, tauB);
        expect(a).toEqual(b);
        expect(tauA).toEqual(tauB);
        const target = gaussian(count, q, seed + 1);
        const expected = target.slice();
        applyQ(a, q, p, tauA, target, count);
        referenceApplyQ(b, q, p, tauB, expected, count);
        expect(target).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('orthonormalizeColumns returns orthonormal columns, bit for bit Q·I from the textbook loops', () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 0, max: 1e9 }), fc.nat(1 << 13), ({ p, q }, seed, copyMask) => {
        const a = columns(q, p, seed, 0, copyMask);
        const ref = a.slice();
        orthonormalizeColumns(a, q, p, new Float64Array(p), new Float64Array(p * q));
        const tau = new Float64Array(p);
        referenceQr(ref, q, p, tau);
        const id = new Float64Array(p * q);
        for (let c = 0; c < p; c++) id[c * q + c] = 1;
        referenceApplyQ(ref, q, p, tau, id, p);
        expect(a).toEqual(id);
        expect(rowOrthonormalityError(a, p, q)).toBeLessThan(20 * q * EPS);
      }),
      { numRuns: 150 },
    );
  });
});
