/**
 * Independent references for the deterministic exp/log tests: exact bit-level ulp distances
 * and high-precision (BigInt fixed-point, 320 fractional bits) values of eˣ and ln x, computed
 * from Taylor / atanh series — no floating-point transcendental is involved.
 */

const P = 320;
const ONE = 1n << BigInt(P);

function bitPattern(x: number): bigint {
  const f = new Float64Array([x]);
  return new BigUint64Array(f.buffer)[0]!;
}

/** Doubles ordered as integers: distance 1 = adjacent doubles; −0 and +0 coincide. */
function ordered(x: number): bigint {
  const b = bitPattern(x);
  return b >> 63n ? -(b & 0x7fffffffffffffffn) : b;
}

/** Number of representable doubles between a and b (0 when equal, NaN equals NaN). */
export function ulpDistance(a: number, b: number): bigint {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0n : 1n << 64n;
  const d = ordered(a) - ordered(b);
  return d < 0n ? -d : d;
}

/** x = m·2^q exactly (m a signed integer of at most 53 bits). */
function decompose(x: number): { m: bigint; q: number } {
  const b = bitPattern(x);
  const sign = b >> 63n ? -1n : 1n;
  const field = Number((b >> 52n) & 0x7ffn);
  const frac = b & 0xfffffffffffffn;
  if (field === 0) return { m: sign * frac, q: -1074 };
  return { m: sign * (frac | (1n << 52n)), q: field - 1075 };
}

function bitLength(n: bigint): number {
  return (n < 0n ? -n : n).toString(2).length;
}

/** m·2^s as a P-fraction-bit fixed-point integer (truncating when s < 0). */
function shift(m: bigint, s: number): bigint {
  return s >= 0 ? m << BigInt(s) : m / (1n << BigInt(-s));
}

/** atanh(z) for a fixed-point |z| ≤ 1/3: Σ z^(2i+1)/(2i+1). */
function atanhFixed(z: bigint): bigint {
  const z2 = (z * z) >> BigInt(P);
  let term = z;
  let sum = 0n;
  for (let i = 0; term !== 0n && i < 1000; i++) {
    sum += term / BigInt(2 * i + 1);
    term = (term * z2) >> BigInt(P);
  }
  return sum;
}

/** ln 2 = 2·atanh(1/3), fixed point. */
const LN2 = 2n * atanhFixed(ONE / 3n);

/** A real value num·2^exp (num carries ≳ 250 significant bits). */
export interface Exact {
  num: bigint;
  exp: number;
}

/** eˣ for a finite double x (|x| ≤ 746). */
export function referenceExp(x: number): Exact {
  const { m, q } = decompose(x);
  const X = shift(m, q + P);
  // k = round(X / ln 2), r = X − k·ln 2 in [−ln2/2, ln2/2].
  let k = X / LN2;
  let r = X - k * LN2;
  if (2n * r > LN2) {
    k += 1n;
    r -= LN2;
  } else if (2n * r < -LN2) {
    k -= 1n;
    r += LN2;
  }
  let sum = ONE;
  let term = ONE;
  for (let n = 1n; term !== 0n && n < 1000n; n++) {
    term = (term * r) / (n * ONE);
    sum += term;
  }
  return { num: sum, exp: Number(k) - P };
}

/** ln x for a finite double x > 0. */
export function referenceLog(x: number): Exact {
  const { m, q } = decompose(x);
  const bl = bitLength(m);
  const h = 1n << BigInt(bl - 1); // x = (m/h)·2^E with m/h in [1, 2)
  const E = BigInt(q + bl - 1);
  const z = ((m - h) << BigInt(P)) / (m + h);
  return { num: E * LN2 + 2n * atanhFixed(z), exp: -P };
}

/** Signed error of the double d from the real value v, in units of the last place of v. */
export function ulpError(d: number, v: Exact): number {
  if (v.num === 0n) return d === 0 ? 0 : Infinity;
  if (!Number.isFinite(d)) return Infinity;
  const e2 = bitLength(v.num) - 1 + v.exp; // floor(log2 |v|)
  const ulpExp = Math.max(e2 - 52, -1074);
  const { m, q } = decompose(d);
  const s = Math.min(q, v.exp);
  const N = (m << BigInt(q - s)) - (v.num << BigInt(v.exp - s));
  const SCALE = 40;
  return Number((N << BigInt(SCALE)) / (1n << BigInt(ulpExp - s))) / 2 ** SCALE;
}

/** 2^n exactly (n in [−1074, 1023]) by repeated exact doubling or halving. */
function exactPow2(n: number): number {
  let p = 1;
  for (let i = 0; i < n; i++) p *= 2;
  for (let i = 0; i > n; i--) p *= 0.5;
  return p;
}

/** The double nearest to v (ties to even), ±Infinity beyond the largest finite double. */
export function roundToDouble(v: Exact): number {
  if (v.num === 0n) return 0;
  const neg = v.num < 0n;
  const a = neg ? -v.num : v.num;
  const e2 = bitLength(a) - 1 + v.exp;
  if (e2 > 1023) return neg ? -Infinity : Infinity;
  const ulpExp = Math.max(e2 - 52, -1074);
  const s = v.exp - ulpExp; // < 0: drop -s bits
  let q: bigint;
  if (s >= 0) q = a << BigInt(s);
  else {
    const div = 1n << BigInt(-s);
    q = a / div;
    const rem = a - q * div;
    if (2n * rem > div || (2n * rem === div && (q & 1n) === 1n)) q += 1n;
  }
  if (ulpExp + bitLength(q) - 1 > 1023) return neg ? -Infinity : Infinity;
  const r = Number(q) * exactPow2(ulpExp);
  return neg ? -r : r;
}
