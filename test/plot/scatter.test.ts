import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scatterSvg } from '../../src/plot/scatter.js';
import { loadCsv } from '../helpers/data.js';
import { expectLatentError } from '../helpers/latent-error.js';
import { assertWellFormed, count } from './xml.js';

/** Every "M x y h0" dot in the points group, as pixel pairs. */
function dots(svg: string): [number, number][] {
  const group = /<g class="points"[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? '';
  return [...group.matchAll(/M([-\d.]+) ([-\d.]+)h0/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** The plot frame rectangle. */
function frame(svg: string): { x: number; y: number; w: number; h: number } {
  const m = /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="none"/.exec(svg)!;
  return { x: Number(m[1]), y: Number(m[2]), w: Number(m[3]), h: Number(m[4]) };
}

describe('scatterSvg', () => {
  it('matches the snapshot for a small labelled plot', () => {
    const svg = scatterSvg(
      [
        [0, 0],
        [1, 2],
        [2, 1],
        [3, 3],
      ],
      { labels: [0, 1, 1, 2], labelNames: ['zero', 'one', 'two'], title: 'Small', xLabel: 'x', yLabel: 'y', highlight: [3] },
    );
    assertWellFormed(svg);
    expect(svg).toMatchSnapshot();
  });

  it('draws one dot per point inside the frame, one path per category, a legend row per category', () => {
    const { data, labels } = loadCsv('iris');
    const svg = scatterSvg(data, { labels, columns: [2, 3], title: 'iris petals' });
    assertWellFormed(svg);
    const d = dots(svg);
    expect(d.length).toBe(150);
    const f = frame(svg);
    for (const [x, y] of d) {
      expect(x).toBeGreaterThanOrEqual(f.x);
      expect(x).toBeLessThanOrEqual(f.x + f.w);
      expect(y).toBeGreaterThanOrEqual(f.y);
      expect(y).toBeLessThanOrEqual(f.y + f.h);
    }
    expect(count(svg, /<path stroke="#[0-9A-F]{6}" d="/g)).toBe(3);
    expect(count(/<g class="legend".*?<\/g>/.exec(svg)![0], '<circle')).toBe(3);
  });

  it('keeps the data order of coordinates: larger x is further right, larger y is higher', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { minLength: 1, maxLength: 30 }), (pts) => {
        const svg = scatterSvg(pts);
        const d = dots(svg);
        expect(d.length).toBe(pts.length);
        for (let i = 0; i < pts.length; i++) {
          for (let j = 0; j < pts.length; j++) {
            // 0.1 px rounding: strict order only when clearly apart in data units
            if (pts[i]![0] > pts[j]![0] && d[i]![0] < d[j]![0] - 0.11) throw new Error('x order broken');
            if (pts[i]![1] > pts[j]![1] && d[i]![1] > d[j]![1] + 0.11) throw new Error('y order broken');
          }
        }
        assertWellFormed(svg);
      }),
      { numRuns: 40 },
    );
  });

  it('handles degenerate input: no points, one point, identical points', () => {
    for (const pts of [[], [[1, 1]], [[2, 2], [2, 2], [2, 2]]]) {
      const svg = scatterSvg(pts, { title: 'degenerate' });
      assertWellFormed(svg);
      expect(dots(svg).length).toBe(pts.length);
      expect(svg).not.toContain('NaN');
    }
  });

  it('escapes text and accepts string labels in first-seen order', () => {
    const svg = scatterSvg([[0, 0], [1, 1], [2, 2]], { labels: ['b<&>', 'a"', 'b<&>'], title: 'A & B <c>' });
    assertWellFormed(svg);
    expect(svg).toContain('A &amp; B &lt;c&gt;');
    const legendText = /<g class="legend".*?<\/g>/.exec(svg)![0];
    expect(legendText.indexOf('b&lt;&amp;&gt;')).toBeLessThan(legendText.indexOf('a&quot;'));
  });

  it('colours by a continuous value with a colour bar', () => {
    const svg = scatterSvg([[0, 0], [1, 1], [2, 0]], { values: [0, 5, 10] });
    assertWellFormed(svg);
    expect(svg).toContain('class="colorbar"');
    expect(svg).toContain('#440154'); // lowest value
    expect(svg).toContain('#fde725'); // highest value
  });

  it('stays compact and valid with 10 000 points', () => {
    const pts: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      pts.push([Math.cos(i) * (i % 97), Math.sin(i) * (i % 89)]);
      labels.push(i % 12);
    }
    const svg = scatterSvg(pts, { labels });
    assertWellFormed(svg);
    expect(dots(svg).length).toBe(10_000);
    expect(svg.length).toBeLessThan(200_000);
  });

  it('does not mutate its inputs', () => {
    const pts = [[3, 1], [2, 5]];
    const labels = new Int32Array([1, 0]);
    scatterSvg(pts, { labels });
    expect(pts).toEqual([[3, 1], [2, 5]]);
    expect(Array.from(labels)).toEqual([1, 0]);
  });

  it('throws LatentError with codes for bad input', () => {
    const cases: [() => unknown, string][] = [
      [() => scatterSvg([[1], [2]]), 'E_SHAPE'],
      [() => scatterSvg([[1, 2]], { columns: [0, 2] }), 'E_SHAPE'],
      [() => scatterSvg([[1, 2]], { columns: [-1, 0] }), 'E_RANGE'],
      [() => scatterSvg([[1, NaN]]), 'E_NOT_FINITE'],
      [() => scatterSvg([[1, 2]], { labels: [0, 1] }), 'E_SHAPE'],
      [() => scatterSvg([[1, 2]], { labels: [NaN] }), 'E_TYPE'],
      [() => scatterSvg([[1, 2]], { labels: 5 as unknown as number[] }), 'E_TYPE'],
      [() => scatterSvg([[1, 2]], { values: [Infinity] }), 'E_NOT_FINITE'],
      [() => scatterSvg([[1, 2]], { values: [1, 2] }), 'E_SHAPE'],
      [() => scatterSvg([[1, 2]], { highlight: [1] }), 'E_RANGE'],
      [() => scatterSvg([[1, 2]], { width: 50 }), 'E_RANGE'],
      [() => scatterSvg([[1, 2]], { opacity: 0 }), 'E_RANGE'],
      [() => scatterSvg([[1, 2]], { pointSize: 'big' as unknown as number }), 'E_TYPE'],
      [() => scatterSvg([[1, 2]], { width: 130, labels: ['a very long category name that eats the plot'] }), 'E_RANGE'],
    ];
    for (const [f, code] of cases) expect(expectLatentError(f, code).message, String(f)).toMatch(/^scatterSvg: /);
  });
});

describe('scatterSvg: noise label', () => {
  it('draws numeric label −1 in grey, names it "noise", and gives the clusters the palette from its first colour', () => {
    const P = [[0, 0], [1, 1], [2, 0], [3, 1]];
    const withNoise = scatterSvg(P, { labels: [-1, 0, 1, 0] });
    const without = scatterSvg(P.slice(1), { labels: [0, 1, 0] });
    assertWellFormed(withNoise);
    expect(withNoise).toContain('#b4b4b4');
    expect(withNoise).toContain('>noise<');
    expect(without).not.toContain('#b4b4b4');
    // clusters 0 and 1 keep the colours they have without noise
    const colours = (svg: string): string[] => [...svg.matchAll(/stroke="(#[0-9a-fA-F]{6})" d=/g)].map((m) => m[1]!);
    expect(colours(withNoise).filter((c) => c !== '#b4b4b4')).toEqual(colours(without));
    // only the number −1 is noise: the string '-1' is an ordinary category
    expect(scatterSvg(P, { labels: ['-1', 'a', 'b', 'a'] })).not.toContain('#b4b4b4');
  });
});

describe('scatterSvg / imageSvg option types (fuzz: plot/scatter-options-unchecked)', () => {
  it('columns, values and labelNames of the wrong type are E_TYPE, never a raw TypeError or ignored', async () => {
    const { scatterSvg } = await import('../../src/plot/scatter.js');
    const { imageSvg } = await import('../../src/plot/image.js');
    const { expectLatentError } = await import('../helpers/latent-error.js');
    const P = [[0, 1], [1, 0]];
    expectLatentError(() => scatterSvg(P, { columns: 2 as never }), 'E_TYPE', 'scatterSvg: columns must be a pair');
    expectLatentError(() => scatterSvg(P, { values: 3 as never }), 'E_TYPE', 'scatterSvg: values must be an array of numbers');
    expectLatentError(() => scatterSvg(P, { labels: [0, 1], values: 'ab' as never }), 'E_TYPE', 'scatterSvg: values');
    expectLatentError(() => scatterSvg(P, { labels: [0, 1], labelNames: 'ab' as never }), 'E_TYPE', 'scatterSvg: labelNames must be an array of strings');
    expectLatentError(() => imageSvg(['3', 1, 2, 4] as never, { width: 2 }), 'E_TYPE', 'imageSvg: pixels');
    expect(scatterSvg(P, { labels: [0, 1], labelNames: ['a', 'b'], columns: [1, 0] })).toContain('<svg');
  });
});

describe('extreme coordinates (fuzz: plot/extreme-values)', () => {
  it('a plotted coordinate beyond ±1e307 is E_RANGE naming its cell; unplotted columns do not matter', () => {
    const MAX = Number.MAX_VALUE;
    expectLatentError(() => scatterSvg([[1, 2], [MAX, 0]]), 'E_RANGE', 'scatterSvg: points (row 1, column 0) must lie within ±1e+307 to be drawn');
    const svg = scatterSvg([[1e307, -1e307, MAX], [-1e307, 1e307, 0]]);
    assertWellFormed(svg);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
});
