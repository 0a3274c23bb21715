import { describe, expect, it } from 'vitest';
import { lineSvg } from '../../src/plot/line.js';
import { expectLatentError } from '../helpers/latent-error.js';
import { assertWellFormed, count } from './xml.js';

/** Vertices of the i-th series line as pixel pairs. */
function vertices(svg: string, i = 0): [number, number][] {
  const group = /<g class="series"[^>]*>(.*?)<\/g>/.exec(svg)![1]!;
  const lines = [...group.matchAll(/<path stroke="[^"]+"(?: stroke-dasharray="[^"]+")? d="([^"]+)"/g)].map((m) => m[1]!);
  return [...lines[i]!.matchAll(/[ML]([-\d.]+) ([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('lineSvg', () => {
  it('matches the snapshot for an elbow curve with a marker', () => {
    const svg = lineSvg(
      { name: 'inertia', x: [1, 2, 3, 4, 5], y: [100, 45, 20, 17, 15] },
      { title: 'Elbow', xLabel: 'k', yLabel: 'inertia', mark: { x: 3, label: 'k = 3' } },
    );
    assertWellFormed(svg);
    expect(svg).toMatchSnapshot();
  });

  it('accepts bare y values with x = 1..n, a series, or several series', () => {
    const a = lineSvg([3, 2, 1]);
    const b = lineSvg({ y: [3, 2, 1] });
    const c = lineSvg({ x: [1, 2, 3], y: new Float64Array([3, 2, 1]) });
    expect(a).toBe(b);
    expect(b).toBe(c);
    const many = lineSvg([
      { name: 'train', y: [1, 0.5, 0.25] },
      { name: 'test', y: [1.2, 0.7, 0.4], dashed: true },
    ]);
    assertWellFormed(many);
    expect(count(/<g class="legend".*?<\/g>/.exec(many)![0], '<text')).toBe(2);
    expect(many).toContain('stroke-dasharray="6 4"');
  });

  it('maps decreasing y to increasing pixel y and increasing x to increasing pixel x', () => {
    const v = vertices(lineSvg({ x: [2, 3, 4, 5], y: [10, 7, 3, 1] }));
    expect(v.length).toBe(4);
    for (let i = 1; i < v.length; i++) {
      expect(v[i]![0]).toBeGreaterThan(v[i - 1]![0]);
      expect(v[i]![1]).toBeGreaterThan(v[i - 1]![1]);
    }
    // equal data steps give equal pixel steps on a linear axis
    const w = vertices(lineSvg({ y: [0, 1, 2, 3] }));
    expect(w[1]![1] - w[0]![1]).toBeCloseTo(w[3]![1] - w[2]![1], 1);
  });

  it('log axis: equal ratios give equal pixel steps, and whole-number x ticks for epochs', () => {
    const svg = lineSvg({ y: [1000, 100, 10, 1] }, { yScale: 'log' });
    assertWellFormed(svg);
    const v = vertices(svg);
    expect(v[1]![1] - v[0]![1]).toBeCloseTo(v[3]![1] - v[2]![1], 1);
    expect(svg).toContain('>1000<');
    expect(svg).not.toMatch(/>1\.5</);
  });

  it('draws markers only for short series unless asked', () => {
    expect(lineSvg([1, 2, 3])).toContain('stroke-width="7"');
    expect(lineSvg(Array.from({ length: 100 }, (_, i) => i))).not.toContain('stroke-width="7"');
    expect(lineSvg([1, 2, 3], { markers: false })).not.toContain('stroke-width="7"');
  });

  it('handles degenerate input: empty and constant series', () => {
    for (const s of [[], [5], [2, 2, 2]]) {
      const svg = lineSvg(s, { mark: 1 });
      assertWellFormed(svg);
      expect(svg).not.toContain('NaN');
    }
  });

  it('throws LatentError with codes for bad input', () => {
    const cases: [() => unknown, string][] = [
      [() => lineSvg(null as unknown as number[]), 'E_TYPE'],
      [() => lineSvg(['a'] as unknown as number[]), 'E_TYPE'],
      [() => lineSvg([1, NaN]), 'E_NOT_FINITE'],
      [() => lineSvg({ x: [1, Infinity], y: [1, 2] }), 'E_NOT_FINITE'],
      [() => lineSvg({ x: [1], y: [1, 2] }), 'E_SHAPE'],
      [() => lineSvg([{ y: [1] }, { y: 'x' as unknown as number[] }]), 'E_TYPE'],
      [() => lineSvg([1, 0], { yScale: 'log' }), 'E_RANGE'],
      [() => lineSvg([1, 2], { yScale: 'ln' as 'log' }), 'E_OPTION'],
      [() => lineSvg([1, 2], { height: 10 }), 'E_RANGE'],
      [() => lineSvg([1, 2], { mark: NaN }), 'E_NOT_FINITE'],
    ];
    for (const [f, code] of cases) expect(expectLatentError(f, code).message, String(f)).toMatch(/^lineSvg: /);
  });
});

describe('lineSvg series length (fuzz: plot/lineSvg-series-length)', () => {
  it('an array-like with a negative, fractional or huge length is a LatentError, never a raw RangeError', () => {
    expectLatentError(() => lineSvg({ length: -1 }), 'E_TYPE', 'lineSvg: series.y must be an array of numbers');
    expectLatentError(() => lineSvg({ length: 2.5 }), 'E_TYPE', 'lineSvg: series.y');
    expectLatentError(() => lineSvg({ length: 2 ** 53 }), 'E_TYPE', 'lineSvg: series.y');
    expectLatentError(() => lineSvg({ length: 2 ** 40 }), 'E_MEMORY', 'lineSvg');
  });
});

describe('extreme values (fuzz: plot/extreme-values)', () => {
  const MAX = Number.MAX_VALUE;
  it('values beyond ±1e307 are E_RANGE naming the value, never NaN/Infinity in the SVG', () => {
    expectLatentError(() => lineSvg([MAX, -MAX]), 'E_RANGE', 'lineSvg: series.y at index 0 must lie within ±1e+307 to be drawn, got 1.7976931348623157e+308');
    expectLatentError(() => lineSvg({ x: [0, 2e307], y: [1, 2] }), 'E_RANGE', 'lineSvg: series.x at index 1 must lie within');
    expectLatentError(() => lineSvg([1, 2], { mark: -MAX }), 'E_RANGE', 'lineSvg: mark.x must lie within');
  });
  it('the widest allowed range draws finite coordinates', () => {
    const svg = lineSvg([1e307, -1e307, 5e306]);
    assertWellFormed(svg);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
});

describe('lineSvg series lists with holes (fuzz FC_SEED=9 deep)', () => {
  it('a hole or a null x is E_TYPE naming the series, not a raw TypeError', () => {
    // eslint-disable-next-line no-sparse-arrays
    const holey = [{ name: 'a', y: [1, 2, 3] }, , { name: 'c', y: [3, 2, 1] }] as unknown as Parameters<typeof lineSvg>[0];
    expectLatentError(() => lineSvg(holey), 'E_TYPE', 'lineSvg: ', 'series[1].y');
    expectLatentError(() => lineSvg({ y: [1, 2], x: null as unknown as number[] }), 'E_TYPE', 'lineSvg: ', 'series.x');
    expect(lineSvg([{ name: 'a', y: [1, 2, 3] }, { name: 'c', y: [3, 2, 1] }])).toContain('<svg');
  });
});
