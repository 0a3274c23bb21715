/**
 * Arbitraries of VALID arguments for the specs: small matrices in every accepted storage,
 * vectors, labels, condensed distances, and fitted models (fitted once on fixed small data,
 * then structured-cloned per case so no case can see another's writes).
 */
import fc from 'fast-check';
import { encodeMatrix, type Decoded } from './values.js';

/** Finite cell values, including fast-check's favourite edge cases (±0, tiny, ±10). */
export const cell: fc.Arbitrary<number> = fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true });

/** Well-separated cell values (integers / 4): no near-duplicates, no subnormals. */
export const plainCell: fc.Arbitrary<number> = fc.integer({ min: -40, max: 40 }).map((i) => i / 4);

export const storage: fc.Arbitrary<Decoded['storage']> = fc.constantFrom<Decoded['storage'][]>('f64', 'f32', 'rows', 'f32rows', 'f64rows');

/** Storages of a Matrix object only (for arguments documented as `Matrix`). */
export const matrixStorage: fc.Arbitrary<Decoded['storage']> = fc.constantFrom<Decoded['storage'][]>('f64', 'f32');

export interface MatrixArb {
  rows?: readonly [number, number];
  cols?: readonly [number, number];
  /** Use `plainCell` instead of the edge-case-biased `cell`. */
  plain?: boolean;
  storages?: fc.Arbitrary<Decoded['storage']>;
}

/** A MatrixLike of a fixed shape. */
export function matrixOf(rows: number, cols: number, o: Omit<MatrixArb, 'rows' | 'cols'> = {}): fc.Arbitrary<unknown> {
  const c = o.plain === true ? plainCell : cell;
  return fc.tuple(fc.array(c, { minLength: rows * cols, maxLength: rows * cols }), o.storages ?? storage).map(([values, s]) => encodeMatrix(rows, cols, values, s));
}

/** A MatrixLike with rows and columns in the given ranges (defaults 1–30 × 1–5). */
export function matrix(o: MatrixArb = {}): fc.Arbitrary<unknown> {
  const [r0, r1] = o.rows ?? [1, 30];
  const [c0, c1] = o.cols ?? [1, 5];
  return fc.tuple(fc.integer({ min: r0, max: r1 }), fc.integer({ min: c0, max: c1 })).chain(([r, c]) => matrixOf(r, c, o));
}

/** A shape, then a matrix of that shape: `[n, d, X]`. */
export function shaped(o: MatrixArb = {}): fc.Arbitrary<[number, number, unknown]> {
  const [r0, r1] = o.rows ?? [1, 30];
  const [c0, c1] = o.cols ?? [1, 5];
  return fc.tuple(fc.integer({ min: r0, max: r1 }), fc.integer({ min: c0, max: c1 })).chain(([r, c]) => matrixOf(r, c, o).map((X): [number, number, unknown] => [r, c, X]));
}

/** A plain number vector (or Float64Array / Float32Array) of length d. */
export function vectorOf(d: number, o: { plain?: boolean } = {}): fc.Arbitrary<unknown> {
  const c = o.plain === true ? plainCell : cell;
  return fc.tuple(fc.array(c, { minLength: d, maxLength: d }), fc.constantFrom('array', 'f64', 'f32')).map(([v, kind]) =>
    kind === 'f64' ? Float64Array.from(v) : kind === 'f32' ? Float32Array.from(v) : v,
  );
}

/** Labels in [0, k) for n rows, every label in [0, min(k, n)) used at least once. */
export function labelsOf(n: number, k: number): fc.Arbitrary<unknown> {
  return fc.tuple(fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: n, maxLength: n }), fc.constantFrom('array', 'int32')).map(([l, kind]) => {
    for (let i = 0; i < Math.min(k, n); i++) l[i] = i;
    return kind === 'int32' ? Int32Array.from(l) : l;
  });
}

/** Euclidean condensed distances of n random points (a valid condensed vector). */
export function condensedOf(n: number): fc.Arbitrary<unknown> {
  return fc.tuple(fc.array(plainCell, { minLength: 2 * n, maxLength: 2 * n }), fc.constantFrom('array', 'f64')).map(([p, kind]) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out.push(Math.hypot(p[2 * i]! - p[2 * j]!, p[2 * i + 1]! - p[2 * j + 1]!));
    return kind === 'f64' ? Float64Array.from(out) : out;
  });
}

/** Deterministic small data: n × d values from a fixed formula (for fitting cached models). */
export function fixedData(n: number, d: number, salt = 0): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => Math.sin(i * 12.9898 + j * 78.233 + salt) * 3 + (i % 3) * 2 - j));
}

/** A cached value built once (lazily), structured-cloned for every case. */
export function fitted<T>(make: () => T): fc.Arbitrary<T> {
  let cache: T | undefined;
  return fc.constant(null).map(() => {
    cache ??= make();
    return structuredClone(cache);
  });
}

/** One of several cached values, cloned per case. */
export function fittedOneOf<T>(makers: readonly (() => T)[]): fc.Arbitrary<T> {
  return fc.oneof(...makers.map((m) => fitted(m)));
}

/** A fresh value per case (for values that are not structured-cloneable). */
export function fresh<T>(make: () => T): fc.Arbitrary<T> {
  return fc.constant(null).map(() => make());
}

/** Shape of a valid MatrixLike produced by these arbitraries. */
export function shapeOf(X: unknown): { rows: number; cols: number } {
  if (typeof X === 'object' && X !== null && 'rows' in X && 'cols' in X) {
    const m = X as { rows: number; cols: number };
    return { rows: m.rows, cols: m.cols };
  }
  const a = X as ArrayLike<ArrayLike<number>>;
  return { rows: a.length, cols: a.length > 0 ? a[0]!.length : 0 };
}
