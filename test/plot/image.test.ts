import { describe, expect, it } from 'vitest';
import { imageSvg } from '../../src/plot/image.js';
import { expectLatentError } from '../helpers/latent-error.js';
import { assertWellFormed, count } from './xml.js';

describe('imageSvg', () => {
  it('matches the snapshot and draws one rect per non-white pixel, darkest at hi', () => {
    const svg = imageSvg([0, 16, 8, 0], { width: 2, title: 'a <digit>' });
    assertWellFormed(svg);
    expect(svg).toMatchSnapshot();
    expect(count(svg, 'fill="rgb(')).toBe(2);
    expect(svg).toContain('fill="rgb(0,0,0)"');
    expect(svg).toContain('fill="rgb(128,128,128)"');
    expect(svg).toContain('a &lt;digit&gt;');
  });

  it('uses a fixed lo..hi range when given, and survives a constant image', () => {
    const svg = imageSvg([8, 8, 8, 8], { width: 2, height: 2, lo: 0, hi: 16, cellSize: 3 });
    expect(count(svg, 'fill="rgb(128,128,128)"')).toBe(4);
    expect(svg).toContain('width="6"');
    assertWellFormed(imageSvg([5, 5], { width: 1 }));
  });

  it('throws LatentError for bad shapes and values', () => {
    const cases: [() => unknown, string][] = [
      [() => imageSvg([1, 2, 3], { width: 2 }), 'E_SHAPE'],
      [() => imageSvg([1, NaN], { width: 2 }), 'E_NOT_FINITE'],
      [() => imageSvg([1, 2], { width: 0 }), 'E_RANGE'],
      [() => imageSvg(null as unknown as number[], { width: 1 }), 'E_TYPE'],
      [() => imageSvg([1, 2], { width: 2, cellSize: 0 }), 'E_RANGE'],
    ];
    for (const [f, c] of cases) expectLatentError(f, c);
  });
});

describe('extreme pixel values (fuzz: plot/extreme-values)', () => {
  it('a value range wider than MAX_VALUE is mapped without overflow: black, white, grey', () => {
    const MAX = Number.MAX_VALUE;
    const svg = imageSvg([MAX, -MAX, 0, -MAX], { width: 2 });
    assertWellFormed(svg);
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(svg).toContain('fill="rgb(0,0,0)"');
    expect(svg).toContain('fill="rgb(128,128,128)"');
    expect(count(svg, '<rect')).toBe(3); // background + black + grey (white cells are skipped)
  });
});
