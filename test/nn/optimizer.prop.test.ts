import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adamStep, clipByGlobalNorm, sgdStep } from '../../src/nn/optimizer.js';

// f(θ) = ½ Σ aᵢ (θᵢ − cᵢ)², a convex quadratic with gradient aᵢ (θᵢ − cᵢ).
const f = (t: Float64Array, a: Float64Array, c: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < t.length; i++) s += 0.5 * a[i]! * (t[i]! - c[i]!) ** 2;
  return s;
};
const gradient = (t: Float64Array, a: Float64Array, c: Float64Array): Float64Array => t.map((v, i) => a[i]! * (v - c[i]!));

const problem = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.record({
    theta: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }).map((v) => Float64Array.from(v)),
    c: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }).map((v) => Float64Array.from(v)),
    a: fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: n, maxLength: n }).map((v) => Float64Array.from(v)),
  }),
);

describe('optimisers on a convex quadratic', () => {
  it('one Adam step with a step size below the distance to the optimum decreases the loss', () => {
    fc.assert(
      fc.property(problem, ({ theta, c, a }) => {
        const dist = theta.reduce((m, v, i) => (v === c[i] ? m : Math.min(m, Math.abs(v - c[i]!))), Infinity);
        fc.pre(dist > 1e-6 && dist !== Infinity);
        const before = f(theta, a, c);
        const t = theta.slice();
        adamStep(t, gradient(t, a, c), new Float64Array(t.length), new Float64Array(t.length), 1, dist / 2, 0.9, 0.999, 1e-8);
        expect(f(t, a, c)).toBeLessThan(before);
      }),
    );
  });

  it('one SGD step with lr < 2 / max curvature decreases the loss', () => {
    fc.assert(
      fc.property(problem, ({ theta, c, a }) => {
        const before = f(theta, a, c);
        fc.pre(before > 1e-12);
        const t = theta.slice();
        const lr = 1 / Math.max(...a);
        sgdStep(t, gradient(t, a, c), new Float64Array(t.length), lr, 0.9);
        expect(f(t, a, c)).toBeLessThan(before);
      }),
    );
  });

  it('Adam and SGD with momentum converge to the minimum', () => {
    const a = Float64Array.of(1, 10, 0.5);
    const c = Float64Array.of(3, -2, 1);
    const tA = new Float64Array(3);
    const m = new Float64Array(3);
    const v = new Float64Array(3);
    for (let s = 1; s <= 3000; s++) adamStep(tA, gradient(tA, a, c), m, v, s, 0.05, 0.9, 0.999, 1e-8);
    const tS = new Float64Array(3);
    const u = new Float64Array(3);
    for (let s = 1; s <= 500; s++) sgdStep(tS, gradient(tS, a, c), u, 0.05, 0.9);
    for (let i = 0; i < 3; i++) {
      expect(tA[i]).toBeCloseTo(c[i]!, 4);
      expect(tS[i]).toBeCloseTo(c[i]!, 8);
    }
  });

  it('Adam follows its published update rule', () => {
    const t = Float64Array.of(1, -1);
    const m = new Float64Array(2);
    const v = new Float64Array(2);
    const g1 = Float64Array.of(0.5, -2);
    const g2 = Float64Array.of(0.1, 1);
    adamStep(t, g1, m, v, 1, 0.01, 0.9, 0.999, 1e-8);
    adamStep(t, g2, m, v, 2, 0.01, 0.9, 0.999, 1e-8);
    // Reference written out from Kingma & Ba, Algorithm 1 (ε on √v̂).
    for (let i = 0; i < 2; i++) {
      let th = i === 0 ? 1 : -1;
      let mm = 0;
      let vv = 0;
      for (const [s, g] of [[1, g1[i]!], [2, g2[i]!]] as const) {
        mm = 0.9 * mm + 0.1 * g;
        vv = 0.999 * vv + 0.001 * g * g;
        th -= (0.01 * (mm / (1 - 0.9 ** s))) / (Math.sqrt(vv / (1 - 0.999 ** s)) + 1e-8);
      }
      expect(t[i]).toBeCloseTo(th, 14);
    }
  });

  it('clipByGlobalNorm caps the norm and keeps the direction', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 10 }), fc.double({ min: 0.01, max: 50, noNaN: true }), (v, max) => {
        const g = Float64Array.from(v);
        const norm = clipByGlobalNorm(g, max);
        expect(norm).toBeCloseTo(Math.hypot(...v), 10);
        const after = Math.hypot(...g);
        if (norm > max) expect(after).toBeCloseTo(max, 10);
        else expect(Array.from(g)).toEqual(v);
        for (let i = 0; i < v.length; i++) if (Math.abs(v[i]!) > 1e-200) expect(Math.sign(g[i]!)).toBe(Math.sign(v[i]!));
      }),
    );
  });
});
