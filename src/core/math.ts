/**
 * Deterministic `exp` and `log`: the same bits on every JavaScript engine.
 *
 * `Math.exp` and `Math.log` are "implementation-approximated" in ECMAScript: engines (and
 * versions of one engine) round differently in the last bit, and an iterative algorithm such as
 * t-SNE amplifies that into visibly different results. These functions are ports of fdlibm's
 * `e_exp.c` and `e_log.c` (the algorithms V8 itself shipped for years; error < 1 ulp) written
 * with `+ − × ÷` and comparisons only, which IEEE 754 rounds exactly the same everywhere.
 *
 * fdlibm reads and writes the exponent field of a double through its bit pattern. Here that is
 * done arithmetically instead: multiplying by an exact power of two changes only the exponent,
 * and the powers are built from exact constants (`pow2` below), so there is no typed-array
 * view, no module-level scratch (principle 4: no module-level state) and no allocation per
 * call. (The alternatives were worse: a view allocated per call costs more than the whole
 * polynomial, and a caller-supplied scratch buffer would leak into every signature.) fdlibm's
 * tests on the high word become comparisons with the equivalent exact doubles, so the results
 * are fdlibm's bit for bit — identical to `Math.exp` / `Math.log` in Node 20.
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
/** Smallest |x| with high word ≥ 0x3ff0a2b2 (|x| ≥ 1.5 ln 2). */
const THREE_HALVES_LN2_BOUND = 1.0397205352783203;
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

/**
 * fdlibm's tests on the top 20 mantissa bits `hx` of x = m·2^k (m in [1, 2)) as bounds on m:
 * hx ≥ 0x6a09c ⟺ m ≥ 1 + 0x6a09c/2²⁰ (then fdlibm uses m/2, so the reduced value is near 1).
 */
const SQRT2_SPLIT = 1.4142112731933594;
/** hx ≥ 0x6147a ⟺ m ≥ this. */
const LOG_MID_LOW = 1.3799991607666016;
/** hx ≤ 0x6b851 ⟺ m < this. */
const LOG_MID_HIGH = 1.4200000762939453;
/** hx = 0 ⟺ m < 1 + 2⁻²⁰. */
const LOG_NEAR_ONE_LOW = 1.0000009536743164;
/** hx ≥ 0xffffe ⟺ m ≥ 2 − 2⁻¹⁹. */
const LOG_NEAR_ONE_HIGH = 1.9999980926513672;

/**
 * 2^k exactly for an integer k in [−1022, 1023], by exact multiplications of powers of two.
 *
 * With e = k + 1022 (11 bits), 2^k = 2⁻¹⁰²² · 2^(e mod 32) · Π 2^(32·2^j) over the set bits
 * j ≥ 5 of e. Each factor is selected arithmetically (`b·C + (1 − b)` with b ∈ {0, 1} is
 * exactly C or 1), the low five bits come from an integer shift, and the partial products are
 * grouped so that none leaves the normal range. No branches, no table, no bit view.
 */
function pow2(k: number): number {
  const e = k + 1022;
  const b5 = (e >> 5) & 1;
  const b6 = (e >> 6) & 1;
  const b7 = (e >> 7) & 1;
  const b8 = (e >> 8) & 1;
  const b9 = (e >> 9) & 1;
  const b10 = (e >> 10) & 1;
  const f10 = b10 * TWO_512 + (1 - b10); // bit 10 is 2¹⁰²⁴ = 2⁵¹² · 2⁵¹²
  const a = TWO_M1022 * f10 * f10; // ≤ 2²
  const b = (b9 * TWO_512 + (1 - b9)) * (b8 * TWO_256 + (1 - b8)) * (b7 * TWO_128 + (1 - b7)); // ≤ 2⁸⁹⁶
  const c = (b6 * TWO_64 + (1 - b6)) * (b5 * TWO_32 + (1 - b5)) * ((1 << (e & 31)) >>> 0); // ≤ 2¹²⁷
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
  if (x !== x) return x; // NaN
  if (x > EXP_OVERFLOW) return Infinity;
  if (x < EXP_UNDERFLOW) return 0;
  const ax = x < 0 ? -x : x;
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (ax >= HALF_LN2_BOUND) {
    if (ax < THREE_HALVES_LN2_BOUND) {
      // k = ±1
      if (x < 0) {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      } else {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      }
    } else {
      // (int) truncation, |·| < 1100: `| 0` truncates toward zero exactly like C's cast.
      k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0;
      hi = x - k * LN2_HI; // exact: k·LN2_HI has at most 43 significant bits
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < EXP_TINY) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - ((lo - (x * c) / (2 - c)) - hi); // in (0.7, 1.42)
  if (k >= -1021) return k === 1024 ? y * 2 * TWO_1023 : y * pow2(k);
  return y * pow2(k + 1000) * TWO_M1000; // subnormal result: one rounding, in the last product
}

/**
 * The natural logarithm ln x, computed with IEEE-exact arithmetic only, so it returns the same
 * bits on every JavaScript engine, within 1 ulp of the true value (fdlibm's `e_log.c`).
 *
 * Writes x = 2^k·(1 + f) with 1 + f in [√2/2, √2) — the exponent is found by exact scaling with
 * powers of two (a binary search of at most ten steps) instead of reading the bit pattern —,
 * then ln(1 + f) = 2s + s·R(s²) with s = f/(2 + f) and fdlibm's degree-14 minimax R, and
 * k·ln 2 in two parts. O(1), no allocation.
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
  if (!(x > 0)) return x === 0 ? -Infinity : NaN; // also NaN and −∞
  if (x === Infinity) return x;
  let k = 0;
  let m = x;
  if (m < TWO_M1022) {
    m *= TWO_54; // subnormal: scale into the normal range
    k = -54;
  }
  // m = x·2^-e in [1, 2): binary search for e, each step an exact power-of-two scaling.
  if (m >= 2) {
    if (m >= TWO_512) {
      m *= 7.458340731200207e-155;
      k += 512;
    }
    if (m >= TWO_256) {
      m *= 8.636168555094445e-78;
      k += 256;
    }
    if (m >= TWO_128) {
      m *= 2.938735877055719e-39;
      k += 128;
    }
    if (m >= TWO_64) {
      m *= 5.421010862427522e-20;
      k += 64;
    }
    if (m >= TWO_32) {
      m *= 2.3283064365386963e-10;
      k += 32;
    }
    if (m >= 65536) {
      m *= 0.0000152587890625;
      k += 16;
    }
    if (m >= 256) {
      m *= 0.00390625;
      k += 8;
    }
    if (m >= 16) {
      m *= 0.0625;
      k += 4;
    }
    if (m >= 4) {
      m *= 0.25;
      k += 2;
    }
    if (m >= 2) {
      m *= 0.5;
      k += 1;
    }
  } else if (m < 1) {
    // Multiply by 2^t whenever the product stays below 2 (m < 2^(1−t)).
    if (m < 1.4916681462400413e-154) {
      m *= TWO_512;
      k -= 512;
    }
    if (m < 1.727233711018889e-77) {
      m *= TWO_256;
      k -= 256;
    }
    if (m < 5.877471754111438e-39) {
      m *= TWO_128;
      k -= 128;
    }
    if (m < 1.0842021724855044e-19) {
      m *= TWO_64;
      k -= 64;
    }
    if (m < 4.656612873077393e-10) {
      m *= TWO_32;
      k -= 32;
    }
    if (m < 0.000030517578125) {
      m *= 65536;
      k -= 16;
    }
    if (m < 0.0078125) {
      m *= 256;
      k -= 8;
    }
    if (m < 0.125) {
      m *= 16;
      k -= 4;
    }
    if (m < 0.5) {
      m *= 4;
      k -= 2;
    }
    if (m < 1) {
      m *= 2;
      k -= 1;
    }
  }
  // fdlibm's reduction: use m/2 (and k + 1) when m ≥ ~√2, so the reduced value is near 1.
  let r = m;
  if (m >= SQRT2_SPLIT) {
    r = m * 0.5;
    k += 1;
  }
  const f = r - 1; // exact (Sterbenz)
  const dk = k;
  if (m < LOG_NEAR_ONE_LOW || m >= LOG_NEAR_ONE_HIGH) {
    // −2⁻²⁰ ≤ f < 2⁻²⁰
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - R : dk * LN2_HI - ((R - dk * LN2_LO) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  if (m >= LOG_MID_LOW && m < LOG_MID_HIGH) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f);
}
