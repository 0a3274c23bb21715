import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { hdbscan } from '../../src/cluster/density/hdbscan.js';
import { condensedTreeSvg } from '../../src/plot/condensed-tree.js';
import { paletteColor } from '../../src/plot/svg.js';
import { loadDensityData } from '../helpers/density-data.js';
import { expectLatentError } from '../helpers/latent-error.js';
import { assertWellFormed, count } from './xml.js';

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'rect' || name === 'g' || name === 'text' || name === 'circle' || name === 'path' });

/** The `<g class="…">` groups of an SVG document, by class. */
function groups(svg: string): Map<string, Node> {
  const doc = parser.parse(svg) as { svg: Node };
  const out = new Map<string, Node>();
  for (const g of (doc.svg['g'] as Node[] | undefined) ?? []) out.set(String(g['class']), g);
  return out;
}
const rects = (g: Node | undefined): Node[] => (g?.['rect'] as Node[] | undefined) ?? [];

const model = hdbscan(loadDensityData('blobs_noise2d'), { minClusterSize: 10 });

describe('condensedTreeSvg', () => {
  it('draws icicles, split lines, a λ axis and one outline per selected cluster', () => {
    const svg = condensedTreeSvg(model, { title: 'Blobs & noise' });
    assertWellFormed(svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('>Blobs &amp; noise</text>');
    expect(svg).toContain('>λ value</text>');
    const g = groups(svg);
    const icicles = rects(g.get('icicles'));
    const { parent, child } = model.condensedTree;
    const n = model.labels.length;
    let clusters = 0;
    let splits = 0;
    const parents = new Set<number>();
    for (let r = 0; r < parent.length; r++) {
      parents.add(parent[r]!);
      if (child[r]! >= n) splits++;
    }
    clusters = parents.size;
    // Every cluster has at least one rectangle and at most 20.
    expect(icicles.length).toBeGreaterThanOrEqual(clusters);
    expect(icicles.length).toBeLessThanOrEqual(20 * clusters);
    for (const r of icicles) {
      expect(Number(r['width'])).toBeGreaterThan(0);
      expect(Number(r['height'])).toBeGreaterThan(0);
      expect(String(r['fill'])).toMatch(/^#[0-9a-f]{6}$/);
    }
    // One horizontal split line per pair of children.
    const splitPath = /<path class="splits" d="([^"]*)"/.exec(svg)![1]!;
    expect(count(splitPath, 'M')).toBe(splits / 2);
    // Selected clusters: outlined in their label's colour, with a legend entry each.
    const selected = rects(g.get('selected'));
    expect(selected.length).toBe(model.clusters.length);
    selected.forEach((r, k) => {
      expect(r['stroke']).toBe(paletteColor(k));
      expect(r['data-cluster']).toBe(String(k));
    });
    const legendTexts = ((g.get('legend')?.['text'] as Node[] | undefined) ?? []).map((t) => t['#text']);
    expect(legendTexts).toEqual(model.clusters.length > 0 ? Array.from(model.clusters, (_, k) => `cluster ${k}`) : []);
  });

  it('draws deeper λ lower: every outline starts below the root and ends at or below where it starts', () => {
    const g = groups(condensedTreeSvg(model));
    for (const r of rects(g.get('selected'))) {
      expect(Number(r['y'])).toBeGreaterThan(0);
      expect(Number(r['height'])).toBeGreaterThan(0);
    }
    const icicles = rects(g.get('icicles'));
    const top = Math.min(...icicles.map((r) => Number(r['y'])));
    // The root's icicle starts at λ = 0, the top of the plot area.
    expect(top).toBeLessThanOrEqual(40);
  });

  it('selectClusters: false drops the outlines and legend; logSize narrows the large icicles', () => {
    const plain = groups(condensedTreeSvg(model, { selectClusters: false }));
    expect(plain.has('selected')).toBe(false);
    expect(plain.has('legend')).toBe(false);
    const widest = (svg: string): number => Math.max(...rects(groups(svg).get('icicles')).map((r) => Number(r['width'])));
    const linear = condensedTreeSvg(model, { selectClusters: false });
    const log = condensedTreeSvg(model, { selectClusters: false, logSize: true });
    expect(widest(log)).not.toBe(widest(linear));
  });

  it('draws degenerate models: one point, duplicates (λ = ∞) and a model from distances', () => {
    for (const m of [hdbscan([[1, 2]]), hdbscan(Array.from({ length: 6 }, () => [1, 1]), { minClusterSize: 2, allowSingleCluster: true }), hdbscan([[0], [1], [2], [10], [11], [12]], { minClusterSize: 3 })]) {
      const svg = condensedTreeSvg(m);
      assertWellFormed(svg);
      expect(svg).not.toContain('NaN');
      expect(svg).not.toContain('Infinity');
    }
  });

  it('rejects bad models and options', () => {
    expectLatentError(() => condensedTreeSvg({ kind: 'kmeans', version: 1 } as never), 'E_MODEL');
    expectLatentError(() => condensedTreeSvg(model, { width: 10 }), 'E_RANGE', 'width');
    expectLatentError(() => condensedTreeSvg(model, { colour: 'red' } as never), 'E_OPTION');
    expectLatentError(() => condensedTreeSvg(model, { logSize: 1 } as never), 'E_TYPE', 'logSize');
  });
});

describe('condensedTreeSvg title (fuzz)', () => {
  it('a title that is not a string is E_TYPE (never drawn as its String())', async () => {
    const { hdbscan } = await import('../../src/cluster/density/hdbscan.js');
    const { condensedTreeSvg } = await import('../../src/plot/condensed-tree.js');
    const { expectLatentError } = await import('../helpers/latent-error.js');
    const model = hdbscan([[0, 0], [0, 1], [1, 0], [9, 9], [9, 8], [8, 9]], { minClusterSize: 2 });
    expectLatentError(() => condensedTreeSvg(model, { title: 5 as never }), 'E_TYPE', 'condensedTreeSvg: title must be a string, got 5');
    expect(condensedTreeSvg(model, { title: 'T' })).toContain('>T<');
  });
});
