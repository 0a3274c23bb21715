/**
 * Deterministic `exp` and `log`: the same bits on every JavaScript engine.
 *
 * `Math.exp` and `Math.log` are "implementation-approximated" in ECMAScript: engines (and
 * versions of one engine) round differently in the last bit, and an iterative algorithm such as
 * t-SNE amplifies that into visibly different results. These functions are ports of fdlibm's
 * `e_exp.c` and `e_log.c` (error < 1 ulp; V8's own `Math.exp` / `Math.log` in Node 20) written
 * with operations whose results ECMAScript and IEEE 754 define exactly: `+ − × ÷`, comparisons,
 * `Math.abs`, `Math.clz32`, integer shifts and ToUint32/ToInt32 conversions.
 *
 * fdlibm reads and writes the exponent field of a double through its bit pattern. Here that is
 * done arithmetically: multiplying by an exact power of two changes only the exponent, and the
 * powers are built from exact constants, an integer shift and branch-free selections. So there
 * is no typed-array view, no module-level scratch or table (principle 4: no module-level state)
 * and no allocation per call; the alternatives were worse (a view allocated per call costs more
 * than the whole polynomial; a caller-supplied scratch buffer would leak into every signature).
 * fdlibm's tests on the high word become comparisons with the equivalent exact doubles, or its
 * own integer tests on the top 20 fraction bits read off as ⌊m·2²⁰⌋. The results are fdlibm's
 * bit for bit (checked against Node 20's `Math.exp` / `Math.log` in the tests).
 *
 * The hot paths are split from the rare ones (helpers below) so that V8 inlines them into
 * callers' loops: a non-inlined call returning a double allocates, which would double the cost.
 */

/** 2⁻¹⁰²² (smallest normal double). */
const TWO_M1022 = 2.2250738585072014e-308;
/** 2³². */
const TWO_32 = 4294967296;
/** 2⁶⁴. */
const TWO_64 = 18446744073709552000;
/** 2¹²⁸. */
const TWO_128 = 3.402823669209385e38;
/** 2²⁵⁶. */
const TWO_256 = 1.157920892373162e77;
/** 2⁵¹². */
const TWO_512 = 1.3407807929942597e154;
/** 2¹⁰²³. */
const TWO_1023 = 8.98846567431158e307;
/** 2⁻¹⁰⁰⁰. */
const TWO_M1000 = 9.332636185032189e-302;
/** 2⁵⁴ (scales a subnormal into the normal range). */
const TWO_54 = 18014398509481984;

/** ln 2 split: the high part has 32 significant bits, so k·LN2_HI is exact for |k| < 2²¹. */
const LN2_HI = 0.6931471803691238; // 0x3fe62e42 fee00000
/** ln 2 − LN2_HI. */
const LN2_LO = 1.9082149292705877e-10; // 0x3dea39ef 35793c76
/** 1 / ln 2. */
const INV_LN2 = 1.4426950408889634; // 0x3ff71547 652b82fe

/** Largest x whose exp is finite (fdlibm's o_threshold, 0x40862E42 FEFA39EF). */
const EXP_OVERFLOW = 709.782712893384;
/** Smallest x whose exp rounds above 0 (fdlibm's u_threshold, 0xc0874910 D52D3051). */
const EXP_UNDERFLOW = -745.1332191019411;
/** Smallest |x| with high word > 0x3fd62e42 (|x| > ½ ln 2). */
const HALF_LN2_BOUND = 0.3465735912322998;
/** 2⁻²⁸ (high word 0x3e300000): below it, exp(x) rounds to 1 + x. */
const EXP_TINY = 3.725290298461914e-9;

// Remez coefficients of fdlibm's R(r²) ≈ r·(e^r + 1)/(e^r − 1) − 2 on [0, 0.347²].
const P1 = 0.16666666666666602; // 0x3FC55555 5555553E
const P2 = -0.0027777777777015593; // 0xBF66C16C 16BEBD93
const P3 = 0.00006613756321437934; // 0x3F11566A AF25DE2C
const P4 = -0.0000016533902205465252; // 0xBEBBBD41 C5D26BF1
const P5 = 4.1381367970572385e-8; // 0x3E663769 72BEA4D0

// Remez coefficients of fdlibm's log R(z) ≈ (log(1+f) − 2s + s·f)/s on s = f/(2+f).
const LG1 = 0.6666666666666735; // 3FE55555 55555593
const LG2 = 0.3999999999940942; // 3FD99999 9997FA04
const LG3 = 0.2857142874366239; // 3FD24924 94229359
const LG4 = 0.22222198432149784; // 3FCC71C5 1D8E78AF
const LG5 = 0.1818357216161805; // 3FC74664 96CB03DE
const LG6 = 0.15313837699209373; // 3FC39A09 D078C69F
const LG7 = 0.14798198605116586; // 3FC2F112 DF3E5244

/** 2⁻⁶². */
const TWO_M62 = 2.168404344971009e-19;
/** 2⁻³². */
const TWO_M32 = 2.3283064365386963e-10;

/**
 * 2^k exactly for an integer k in [−1022, 1023], by exact multiplications of powers of two.
 *
 * With e = k + 1022 (11 bits), 2^k = 2⁻¹⁰²² · 2^(e mod 32) · Π 2^(32·2^j) over the set bits
 * j ≥ 5 of e; the low five bits come from an integer shift, and the partial products are
 * grouped so that none leaves the normal range. No table, no bit view.
 */
function pow2(k: number): number {
  const e = k + 1022;
  const f10 = (e & 1024) !== 0 ? TWO_512 : 1; // bit 10 is 2¹⁰²⁴ = 2⁵¹² · 2⁵¹²
  const a = TWO_M1022 * f10 * f10; // ≤ 2²
  const b = ((e & 512) !== 0 ? TWO_512 : 1) * ((e & 256) !== 0 ? TWO_256 : 1) * ((e & 128) !== 0 ? TWO_128 : 1); // ≤ 2⁸⁹⁶
  const c = ((e & 64) !== 0 ? TWO_64 : 1) * ((e & 32) !== 0 ? TWO_32 : 1) * ((1 << (e & 31)) >>> 0); // ≤ 2¹²⁷
  return a * b * c;
}

/**
 * The exponential eˣ, computed with IEEE-exact arithmetic only, so it returns the same bits on
 * every JavaScript engine, within 1 ulp of the true value (fdlibm's `e_exp.c`).
 *
 * Reduces x = k·ln 2 + r with |r| ≤ ½ ln 2 (ln 2 split in a high part whose products with k are
 * exact and a low part), approximates eʳ by fdlibm's degree-5 minimax rational form, and
 * scales by 2^k exactly (through 2⁻¹⁰⁰⁰ for subnormal results, so they are rounded once).
 * O(1), no allocation.
 *
 * Special values: exp(NaN) = NaN, exp(+∞) = +∞, exp(−∞) = +0, exp(±0) = 1; x > 709.782712893384
 * overflows to +∞ and x < −745.1332191019411 underflows to +0.
 *
 * @param x - any number
 * @returns eˣ
 * @example
 * ```ts
 * detExp(1); // 2.7182818284590455 (fdlibm: 1 ulp above Math.E, as V8 has long returned)
 * detExp(-745.1332191019411); // 5e-324
 * ```
 * @see https://www.netlib.org/fdlibm/e_exp.c
 */
export function detExp(x: number): number {
  if (!(x <= EXP_OVERFLOW && x >= EXP_UNDERFLOW)) return x !== x ? x : x > 0 ? Infinity : 0;
  const ax = Math.abs(x);
  let hi = x;
  let lo = 0;
  let k = 0;
  if (ax >= HALF_LN2_BOUND) {
    // k = round(x / ln 2) by C's truncating cast (`| 0`, |·| < 1100). fdlibm special-cases
    // |x| < 1.5 ln 2 as k = ±1, which this formula also gives, with the same hi and lo bits.
    k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0;
    hi = x - k * LN2_HI; // exact: k·LN2_HI has at most 43 significant bits
    lo = k * LN2_LO;
    x = hi - lo; // the reduced argument r = hi − lo, |r| ≤ ½ ln 2
  } else if (ax < EXP_TINY) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - ((lo - (x * c) / (2 - c)) - hi); // e^r in (0.7, 1.42)
  // y·2^k, exactly (fdlibm adds k to the exponent field). For k in [−62, 1] (|x| up to ~43,
  // most of what t-SNE meets) 2^k is a shift times one branch-free factor (2³² or 1) times
  // 2⁻⁶²; other k go through expScale.
  const j = k + 62;
  if (j >= 0 && j < 64) return y * ((1 << (j & 31)) >>> 0) * ((j >> 5) * 4294967295 + 1) * TWO_M62;
  return expScale(y, k);
}

/** y·2^k for y in (0.7, 1.42) and k in [−1075, 1024], rounding once (fdlibm's final scaling). */
function expScale(y: number, k: number): number {
  if (k === 1024) return y * 2 * TWO_1023;
  if (k >= -1021) return y * pow2(k);
  return y * pow2(k + 1000) * TWO_M1000; // subnormal result: one rounding, in the last product
}

/**
 * The natural logarithm ln x, computed with IEEE-exact arithmetic only, so it returns the same
 * bits on every JavaScript engine, within 1 ulp of the true value (fdlibm's `e_log.c`).
 *
 * Writes x = 2^k·(1 + f) with 1 + f in [√2/2, √2) — the exponent comes from `Math.clz32` of the
 * integer part of x or of x·2³² (after exact scalings by 2^±32 for x outside [2⁻³², 2³²))
 * instead of the bit pattern —, then ln(1 + f) = 2s + s·R(s²) with s = f/(2 + f) and fdlibm's
 * degree-14 minimax R, and adds k·ln 2 in two parts. O(1), no allocation.
 *
 * Special values: log(NaN) = NaN, log(x < 0) = NaN, log(±0) = −∞, log(+∞) = +∞, log(1) = +0.
 *
 * @param x - any number
 * @returns ln x
 * @example
 * ```ts
 * detLog(2); // 0.6931471805599453 (=== Math.LN2)
 * detLog(5e-324); // -744.4400719213812
 * ```
 * @see https://www.netlib.org/fdlibm/e_log.c
 */
export function detLog(x: number): number {
  // The hot path is kept small enough for engines to inline; rare inputs go to helpers.
  return x >= TWO_M1022 && x < Infinity ? logNormal(x, 0) : logSpecial(x);
}

/** detLog for zero, negative, subnormal and non-finite x. */
function logSpecial(x: number): number {
  if (x > 0 && x < TWO_M1022) return logNormal(x * TWO_54, -54); // subnormal: scale it up first
  return x === Infinity ? x : x === 0 ? -Infinity : NaN; // x < 0, NaN and −∞ give NaN
}

/** ln(x·2^k0) for a normal finite x > 0 (fdlibm's `__ieee754_log` after its special cases). */
function logNormal(x: number, k0: number): number {
  if (!(x >= TWO_M32 && x < TWO_32)) return logWide(x, k0);
  let m = x;
  // e = floor(log₂ m) from clz32 of the integer part of m (m ≥ 1) or of m·2³² (m < 1),
  // selected without a branch: clz32(⌊m⌋) is 32 exactly when m < 1.
  const ci = Math.clz32(m >>> 0);
  const cf = Math.clz32((m * TWO_32) >>> 0);
  const below = ci >> 5; // 1 when m < 1
  const e = 31 - ci - below * (32 + cf - ci); // in [−32, 31]
  // m·2^−e in [1, 2), exactly: 2^−e = 2^(g & 31) · 2^(32·(g >> 5)) · 2⁻³¹ with g = 31 − e.
  const g = 31 - e;
  m = m * ((1 << (g & 31)) >>> 0) * ((g >> 5) * 4294967295 + 1) * 4.656612873077393e-10;
  // From here on fdlibm's own integer tests on hx, the top 20 bits of m's fraction.
  const hx = ((m * 1048576) >>> 0) - 1048576;
  const half = ((hx + 0x95f64) & 0x100000) >> 20; // 1 when m ≥ ~√2: use m/2, so 1 + f ≈ 1
  const f = m * (1 - 0.5 * half) - 1; // exact: m or m/2, then Sterbenz
  const dk = k0 + e + half;
  // fdlibm branches on k = 0 to skip the k·ln 2 terms; for k = 0 they add exact zeros and the
  // same roundings (x − y = −(y − x)), so one expression serves both.
  if ((0xfffff & (2 + hx)) < 3) return logNearOne(f, dk); // −2⁻²⁰ ≤ f < 2⁻²⁰
  return logReduced(f, dk, hx);
}

/** ln(2^dk·(1 + f)) for 1 + f in [√2/2, √2): fdlibm's rational approximation in s = f/(2 + f). */
function logReduced(f: number, dk: number, hx: number): number {
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f);
  }
  return dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f);
}

/** logNormal for x outside [2⁻³², 2³²): exact steps of 2^±32 bring it inside. */
function logWide(x: number, k0: number): number {
  let m = x;
  let k = k0;
  for (let i = 0; i < 33 && m >= TWO_32; i++) {
    m *= TWO_M32;
    k += 32;
  }
  for (let i = 0; i < 33 && m < TWO_M32; i++) {
    m *= TWO_32;
    k -= 32;
  }
  return logNormal(m, k);
}

/** ln(2^dk·(1 + f)) for −2⁻²⁰ ≤ f < 2⁻²⁰: a three-term series. */
function logNearOne(f: number, dk: number): number {
  if (f === 0) return dk * LN2_HI + dk * LN2_LO; // +0 for x = 1
  const R = f * f * (0.5 - 0.3333333333333333 * f);
  return dk * LN2_HI - ((R - dk * LN2_LO) - f);
}
