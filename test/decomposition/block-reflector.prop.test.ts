import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { householderQr, householderQrBlocked, orthonormalizeColumns, reflectPanels } from '../../src/decomposition/householder.js';
import { svd } from '../../src/decomposition/svd.js';
import { columns, referenceApplyQ, referenceQr } from './householder-reference.js';
import { EPS, gaussian, maxAbs, rowOrthonormalityError } from './linalg-helpers.js';

// The blocked kernels apply panels of reflectors as I − V·T·Vᵀ through the packed product: the
// same operators as the textbook loops, so results agree with them to rounding (not in bits).
// Narrow panels on small shapes reach every branch a 32-wide panel meets on large ones: partial
// last panels, zero reflectors (τ = 0) and columns copied from their neighbour.

const shape = fc
  .record({ p: fc.integer({ min: 1, max: 14 }), extra: fc.integer({ min: 0, max: 30 }), panel: fc.integer({ min: 1, max: 6 }) })
  .map(({ p, extra, panel }) => ({ p, q: p + extra, panel }));

/** Q (p rows of length q, Q's columns) of a factorisation, from the textbook loops. */
function thinQ(cols: Float64Array, q: number, p: number, tau: Float64Array): Float64Array {
  const id = new Float64Array(p * q);
  for (let c = 0; c < p; c++) id[c * q + c] = 1;
  referenceApplyQ(cols, q, p, tau, id, p);
  return id;
}

/** max |Q·R − M| over the entries of M, with R from the factored columns. */
function reconstructionError(m: Float64Array, factored: Float64Array, qt: Float64Array, q: number, p: number): number {
  let err = 0;
  for (let c = 0; c < p; c++) {
    for (let i = 0; i < q; i++) {
      let s = 0;
      for (let r = 0; r <= c; r++) s += qt[r * q + i]! * factored[c * q + r]!;
      err = Math.max(err, Math.abs(s - m[c * q + i]!));
    }
  }
  return err;
}

describe('blocked Householder kernels (properties)', () => {
  it('householderQrBlocked factors M = Q·R with orthonormal Q, and gives the textbook R on full-rank columns', () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 0, max: 1e9 }), fc.nat(1 << 14), fc.nat(1 << 14), ({ p, q, panel }, seed, zeroMask, copyMask) => {
        const m = columns(q, p, seed, zeroMask, copyMask);
        const a = m.slice();
        const tau = new Float64Array(p);
        householderQrBlocked(a, q, p, tau, panel);
        const qt = thinQ(a, q, p, tau);
        const scale = maxAbs(m);
        expect(reconstructionError(m, a, qt, q, p)).toBeLessThanOrEqual(40 * q * EPS * scale);
        expect(rowOrthonormalityError(qt, p, q)).toBeLessThan(40 * q * EPS);
        if (zeroMask === 0 && copyMask === 0) {
          // Gaussian columns: every reflector's sign is decided far from zero, so R is unique.
          const b = m.slice();
          referenceQr(b, q, p, new Float64Array(p));
          for (let c = 0; c < p; c++) for (let r = 0; r <= c; r++) expect(Math.abs(a[c * q + r]! - b[c * q + r]!)).toBeLessThanOrEqual(40 * q * EPS * scale);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reflectPanels applies the same Q as the reflector-by-reflector loop, to any vectors and to unit vectors', () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 0, max: 1e9 }), fc.nat(1 << 14), fc.integer({ min: 1, max: 11 }), ({ p, q, panel }, seed, zeroMask, count) => {
        const a = columns(q, p, seed, zeroMask, 0);
        const tau = new Float64Array(p);
        referenceQr(a, q, p, tau);
        const target = gaussian(count, q, seed + 1);
        const expected = target.slice();
        reflectPanels(a, q, p, tau, target, count, false, panel);
        referenceApplyQ(a, q, p, tau, expected, count);
        for (let i = 0; i < target.length; i++) expect(Math.abs(target[i]! - expected[i]!)).toBeLessThanOrEqual(40 * q * EPS * maxAbs(expected));
        const units = Math.min(count, p);
        const id = new Float64Array(units * q);
        for (let c = 0; c < units; c++) id[c * q + c] = 1;
        const idExpected = id.slice();
        reflectPanels(a, q, p, tau, id, units, true, panel);
        referenceApplyQ(a, q, p, tau, idExpected, units);
        for (let i = 0; i < id.length; i++) expect(Math.abs(id[i]! - idExpected[i]!)).toBeLessThan(40 * q * EPS);
      }),
      { numRuns: 200 },
    );
  });

  it('householderQr and orthonormalizeColumns go by 32-wide panels from 256 columns', () => {
    const q = 300;
    const p = 260;
    const m = gaussian(p, q, 7);
    const a = m.slice();
    const tau = new Float64Array(p);
    householderQr(a, q, p, tau);
    const b = m.slice();
    const tauB = new Float64Array(p);
    householderQrBlocked(b, q, p, tauB, 32);
    expect(a).toEqual(b);
    expect(tau).toEqual(tauB);
    const o = m.slice();
    orthonormalizeColumns(o, q, p, new Float64Array(p), new Float64Array(p * q));
    expect(rowOrthonormalityError(o, p, q)).toBeLessThan(40 * q * EPS);
    const qt = thinQ(b, q, p, tauB);
    for (let i = 0; i < o.length; i++) expect(Math.abs(o[i]! - qt[i]!)).toBeLessThan(40 * q * EPS);
  });

  it('svd through the blocked path keeps its accuracy at extreme scales, with zero and repeated columns', () => {
    // 300 × 260: the QR and U's formation go by panels. Columns 5j are zero, columns 3j + 2 repeat
    // their left neighbour (rank 139); the same matrix at 1, 1e-300 and 1e300.
    const q = 300;
    const p = 260;
    const base = gaussian(q, p, 41);
    for (let i = 0; i < q; i++) {
      for (let j = 0; j < p; j++) {
        if (j % 5 === 0) base[i * p + j] = 0;
        else if (j % 3 === 2) base[i * p + j] = base[i * p + j - 1]!;
      }
    }
    const top = svd({ rows: q, cols: p, data: base }).s[0]!;
    for (const scale of [1, 1e-300, 1e300]) {
      const a = base.map((v) => v * scale);
      const r = svd({ rows: q, cols: p, data: a });
      expect(rowOrthonormalityError(transposeRows(r.u.data, q, p), p, q)).toBeLessThan(40 * q * EPS);
      let err = 0;
      for (let i = 0; i < q; i++) {
        for (let j = 0; j < p; j++) {
          let v = 0;
          for (let t = 0; t < p; t++) v += r.u.data[i * p + t]! * r.s[t]! * r.vt.data[t * p + j]!;
          err = Math.max(err, Math.abs(v - a[i * p + j]!));
        }
      }
      expect(err).toBeLessThan(40 * q * EPS * maxAbs(a));
      expect(r.s[0]! / scale).toBeCloseTo(top, 9);
      // Rank 139 of 260 (121 columns zero or repeated): the left vectors of the singular values
      // flushed to exactly 0 are completed, and part of the orthonormality check above.
      expect(r.s.filter((v) => v <= 1e-10 * r.s[0]!).length).toBe(121);
      expect(r.s.filter((v) => v === 0).length).toBeGreaterThan(0);
    }
  });
});

/** The columns of a q × p row-major matrix as p rows of length q. */
function transposeRows(a: Float64Array, q: number, p: number): Float64Array {
  const t = new Float64Array(q * p);
  for (let i = 0; i < q; i++) for (let j = 0; j < p; j++) t[j * q + i] = a[i * p + j]!;
  return t;
}
