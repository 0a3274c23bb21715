import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, nextDouble, nextUint32, randomInt, randomNormal, rng, rngState, shuffle } from '../../src/core/random.js';
import { expectLatentError } from '../helpers/latent-error.js';

// ---------------------------------------------------------------------------------------------
// Independent reference: xoshiro128** (Blackman & Vigna, xoshiro128starstar.c 1.1) seeded by the
// SplitMix32 scheme documented on `rngState`, written with BigInt and explicit 32-bit masks so it
// shares no arithmetic tricks (Math.imul, >>> 0) with the implementation under test.
// ---------------------------------------------------------------------------------------------
const M32 = 0xffffffffn;

function refFmix32(z: bigint): bigint {
  z = ((z ^ (z >> 16n)) * 0x85ebca6bn) & M32;
  z = ((z ^ (z >> 13n)) * 0xc2b2ae35n) & M32;
  return (z ^ (z >> 16n)) & M32;
}

function refSplitmix32(x: bigint): bigint {
  return refFmix32((x + 0x9e3779b9n) & M32);
}

function refState(seed: number): bigint[] {
  const big = BigInt(seed);
  const lo = big & M32;
  const hi = (big >> 32n) & M32;
  const s0 = refSplitmix32(lo ^ 0x5bd1e995n);
  const s1 = refSplitmix32(s0 ^ hi);
  const s2 = refSplitmix32(s1);
  const s3 = refSplitmix32(s2);
  return [s0, s1, s2, s3];
}

function refRotl(x: bigint, k: bigint): bigint {
  return ((x << k) | (x >> (32n - k))) & M32;
}

function refNext(s: bigint[]): bigint {
  const result = (refRotl((s[1]! * 5n) & M32, 7n) * 9n) & M32;
  const t = (s[1]! << 9n) & M32;
  s[2] = s[2]! ^ s[0]!;
  s[3] = s[3]! ^ s[1]!;
  s[1] = s[1]! ^ s[2];
  s[0] = s[0]! ^ s[3];
  s[2] = s[2] ^ t;
  s[3] = refRotl(s[3], 11n);
  return result;
}

/** 53-bit double: the top 27 bits of one output and the top 26 of the next, over 2^53 (exact). */
function refDouble(s: bigint[]): number {
  const a = refNext(s) >> 5n;
  const b = refNext(s) >> 6n;
  return Number((a << 26n) | b) / 2 ** 53;
}

describe('rng known answers', () => {
  it('xoshiro128** matches the reference C implementation from state {1, 2, 3, 4}', () => {
    // Published test vector of xoshiro128starstar.c (also used by Rust's rand_xoshiro).
    const expected = [11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804];
    const s = new Uint32Array([1, 2, 3, 4]);
    expect(expected.map(() => nextUint32(s))).toEqual(expected);
    const ref = [1n, 2n, 3n, 4n];
    expect(expected.map(() => Number(refNext(ref)))).toEqual(expected);
  });

  it('seeded streams equal the BigInt reference (state, 32-bit outputs and doubles)', () => {
    for (const seed of [0, 1, 2, 42, 12345, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 5, Number.MAX_SAFE_INTEGER]) {
      const state = rngState(seed);
      expect(Array.from(state), `seed ${seed}`).toEqual(refState(seed).map(Number));
      const ref = refState(seed);
      const s = rngState(seed);
      for (let i = 0; i < 8; i++) expect(nextUint32(s)).toBe(Number(refNext(ref)));
      const r = rng(seed);
      const ref2 = refState(seed);
      for (let i = 0; i < 16; i++) expect(r()).toBe(refDouble(ref2));
    }
  });

  it('seed 42 starts with the values computed by an independent Python script', () => {
    // Python 3 (plain ints, & 0xffffffff) implementation of the same documented scheme.
    const r = rng(42);
    expect([r(), r(), r(), r()]).toEqual([0.9056794095682414, 0.8641125240011095, 0.397871894143472, 0.2931347925995994]);
    const s = rngState(0);
    expect([nextUint32(s), nextUint32(s), nextUint32(s), nextUint32(s)]).toEqual([1344620460, 3769808730, 1179454547, 1256553844]);
  });
});

describe('rng streams', () => {
  it('same seed gives the same stream; the default seed is DEFAULT_SEED', () => {
    const a = rng(7);
    const b = rng(7);
    for (let i = 0; i < 1000; i++) expect(a()).toBe(b());
    const d = rng();
    const e = rng(DEFAULT_SEED);
    for (let i = 0; i < 10; i++) expect(d()).toBe(e());
  });

  it('distinct seeds give distinct streams (incl. seeds that differ only above bit 32)', () => {
    const firsts = new Set<number>();
    for (let seed = 0; seed < 2000; seed++) firsts.add(rng(seed)());
    for (const seed of [2 ** 32, 2 ** 33, 2 ** 52, 2 ** 32 + 1]) firsts.add(rng(seed)());
    expect(firsts.size).toBe(2004);
  });

  it('state is plain data: a structuredClone continues the same stream', () => {
    const s = rngState(99);
    nextDouble(s);
    const copy = structuredClone(s);
    for (let i = 0; i < 100; i++) expect(nextDouble(copy)).toBe(nextDouble(s));
  });

  it('values lie in [0, 1) and nextUint32 gives integers in [0, 2^32)', () => {
    const r = rng(5);
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const v = r();
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(min).toBeLessThan(1e-4);
    expect(max).toBeGreaterThan(1 - 1e-4);
    const s = rngState(5);
    for (let i = 0; i < 1000; i++) {
      const u = nextUint32(s);
      expect(Number.isInteger(u) && u >= 0 && u < 2 ** 32).toBe(true);
    }
  });

  it('is roughly uniform: chi-square over 100 bins stays within 5σ of its mean', () => {
    const bins = 100;
    const n = 100_000;
    const expectedPerBin = n / bins;
    for (const seed of [1, 2, 3]) {
      const counts = new Float64Array(bins);
      const r = rng(seed);
      for (let i = 0; i < n; i++) counts[Math.floor(r() * bins)]! += 1;
      let chi2 = 0;
      for (const c of counts) chi2 += (c - expectedPerBin) ** 2 / expectedPerBin;
      // chi² with 99 degrees of freedom: mean 99, standard deviation √198 ≈ 14.
      expect(chi2).toBeGreaterThan(99 - 5 * 14.1);
      expect(chi2).toBeLessThan(99 + 5 * 14.1);
    }
  });

  it('low bits are uniform too (chi-square on the last 4 bits of nextUint32)', () => {
    const s = rngState(11);
    const counts = new Float64Array(16);
    const n = 64_000;
    for (let i = 0; i < n; i++) counts[nextUint32(s) & 15]! += 1;
    let chi2 = 0;
    for (const c of counts) chi2 += (c - n / 16) ** 2 / (n / 16);
    expect(chi2).toBeLessThan(15 + 5 * Math.sqrt(30));
  });

  it('rejects seeds that are not non-negative safe integers', () => {
    expectLatentError(() => rng(-1), 'E_RANGE', 'rng: seed must be an integer >= 0, got -1');
    expectLatentError(() => rngState(-1), 'E_RANGE', 'rngState: seed must be an integer >= 0, got -1');
    expectLatentError(() => rng(1.5), 'E_RANGE', 'got 1.5');
    expectLatentError(() => rng(2 ** 53), 'E_RANGE', 'got 9007199254740992');
    expectLatentError(() => rng(NaN), 'E_RANGE', 'got NaN');
    expectLatentError(() => rng('1' as unknown as number), 'E_TYPE', 'rng: seed must be an integer >= 0, got "1"');
    expectLatentError(() => rngState(Infinity), 'E_RANGE', 'got Infinity');
  });
});

describe('randomNormal / randomInt / shuffle', () => {
  it('randomNormal has mean 0 and variance 1 (within 5 standard errors) and is finite', () => {
    const r = rng(3);
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    let allFinite = true;
    for (let i = 0; i < n; i++) {
      const z = randomNormal(r);
      if (!Number.isFinite(z)) allFinite = false;
      sum += z;
      sumSq += z * z;
    }
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    expect(allFinite).toBe(true);
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });

  it('randomNormal is finite even when the uniform source returns 0', () => {
    expect(Number.isFinite(randomNormal(() => 0))).toBe(true);
  });

  it('randomInt covers [0, n) evenly', () => {
    const r = rng(4);
    const counts = new Float64Array(7);
    let bad = 0;
    for (let i = 0; i < 70_000; i++) {
      const k = randomInt(r, 7);
      if (!(Number.isInteger(k) && k >= 0 && k < 7)) bad++;
      else counts[k]! += 1;
    }
    expect(bad).toBe(0);
    let chi2 = 0;
    for (const c of counts) chi2 += (c - 10_000) ** 2 / 10_000;
    expect(chi2).toBeLessThan(6 + 5 * Math.sqrt(12));
  });

  it('shuffle permutes in place, deterministically per seed, with all orders equally likely', () => {
    const v = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(shuffle(v, rng(1))).toBe(v);
    expect(Array.from(v).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const w = shuffle(Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), rng(1));
    expect(Array.from(w)).toEqual(Array.from(v));
    const counts = new Map<string, number>();
    const r = rng(8);
    const trials = 60_000;
    for (let i = 0; i < trials; i++) {
      const key = Array.from(shuffle(Int32Array.from([0, 1, 2]), r)).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    let chi2 = 0;
    for (const c of counts.values()) chi2 += (c - trials / 6) ** 2 / (trials / 6);
    expect(chi2).toBeLessThan(5 + 5 * Math.sqrt(10));
  });

  it('shuffle leaves arrays of length 0 and 1 alone', () => {
    expect(Array.from(shuffle(new Int32Array(0), rng(1)))).toEqual([]);
    expect(Array.from(shuffle(Int32Array.from([5]), rng(1)))).toEqual([5]);
  });
});

describe('caller-supplied generators are checked, never trusted', () => {
  it('shuffle never corrupts the array when random() leaves [0, 1)', () => {
    for (const bad of [1, -0.5, NaN, 2, Infinity]) {
      const a = [1, 2, 3, 4, 5];
      expectLatentError(() => shuffle(a, () => bad), 'E_RANGE', `shuffle: random() must return a number in [0, 1), got ${bad}`);
      expect(a).toHaveLength(5);
      expect([...a].sort()).toEqual([1, 2, 3, 4, 5]);
    }
    expectLatentError(() => shuffle(null as never, rng(1)), 'E_TYPE', 'shuffle: values must be an array');
    expectLatentError(() => shuffle([1], 'x' as never), 'E_TYPE', 'shuffle: random must be a function');
  });

  it('shuffle refuses a frozen array with a LatentError (never a raw TypeError half-way)', () => {
    const a = Object.freeze([3, 4, 2, -3, -3]) as unknown as number[];
    expectLatentError(() => shuffle(a, rng(1)), 'E_TYPE', 'shuffle: values must be a writable array');
    expect(a).toEqual([3, 4, 2, -3, -3]);
    expect(shuffle(Object.freeze([7]) as unknown as number[], rng(1))).toEqual([7]);
  });

  it('randomInt stays in [0, n) or throws', () => {
    expectLatentError(() => randomInt(() => 1, 10), 'E_RANGE', 'randomInt: random() must return a number in [0, 1), got 1');
    expect(randomInt(() => 0.9999999999999999, 10)).toBe(9);
    expectLatentError(() => randomInt(rng(1), 0), 'E_RANGE', 'randomInt: n must be an integer >= 1, got 0');
    expectLatentError(() => randomInt(rng(1), 2.5), 'E_RANGE', 'got 2.5');
    expectLatentError(() => randomNormal(() => -1), 'E_RANGE', 'randomNormal: random() must return a number in [0, 1)');
  });
});
