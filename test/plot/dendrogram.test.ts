import { describe, expect, it } from 'vitest';
import { cutTree, leafOrder, linkage } from '../../src/cluster/index.js';
import type { Matrix } from '../../src/core/matrix.js';
import { dendrogramSvg } from '../../src/plot/dendrogram.js';
import { loadCsv, zscore } from '../helpers/data.js';
import { assertWellFormed, count } from './xml.js';
import { latentErrorCode } from '../helpers/latent-error.js';

const wine = zscore(loadCsv('wine').data);
const Zw = linkage(wine, { method: 'ward' });
const small = [
  [0, 0],
  [0, 1],
  [4, 0],
  [4, 2],
  [9, 9],
];

/** The link paths: stroke colour → number of ⊓ links drawn in it. */
function links(svg: string): Map<string, number> {
  const group = /<g class="links"[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? '';
  const out = new Map<string, number>();
  for (const m of group.matchAll(/<path d="([^"]*)" stroke="([^"]*)"\/>/g)) out.set(m[2]!, (out.get(m[2]!) ?? 0) + count(m[1]!, 'M'));
  return out;
}

/** Leaf label texts, left to right, with their x positions. */
function leafLabels(svg: string): { text: string; x: number }[] {
  const group = /<g class="leaf-labels"[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? '';
  return [...group.matchAll(/<text (?:transform="translate\(([\d.]+) [\d.]+\)[^"]*"|x="([\d.]+)")[^>]*>([^<]*)<\/text>/g)].map((m) => ({
    x: Number(m[1] ?? m[2]),
    text: m[3]!,
  }));
}

describe('dendrogramSvg', () => {
  it('draws one ⊓ link per merge and the leaves in leafOrder order', () => {
    const Z = linkage(small, { method: 'average' });
    const svg = dendrogramSvg(Z, { title: 'Small' });
    assertWellFormed(svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect([...links(svg).values()].reduce((a, b) => a + b, 0)).toBe(4);
    const labels = leafLabels(svg);
    expect(labels.map((l) => l.text)).toEqual(Array.from(leafOrder(Z), String));
    for (let i = 1; i < labels.length; i++) expect(labels[i]!.x).toBeGreaterThan(labels[i - 1]!.x);
    expect(svg).toContain('>Small</text>');
    expect(svg).toContain('>height</text>');
  });

  it('uses and escapes custom leaf labels', () => {
    const Z = linkage(small);
    const names = ['a<b', 'c&d', '"e"', 'f', 'a-very-long-label-that-goes-on-and-on'];
    const svg = dendrogramSvg(Z, { labels: names, showLeafLabels: true });
    assertWellFormed(svg);
    expect(svg).toContain('a&lt;b');
    expect(svg).toContain('c&amp;d');
    expect(svg).toContain('&quot;e&quot;');
    expect(svg).toContain('a-very-long-label-that-…');
    expect(leafLabels(dendrogramSvg(Z, { showLeafLabels: false }))).toEqual([]);
  });

  it('hides leaf labels by default when leaves are too narrow, shows them when asked', () => {
    expect(leafLabels(dendrogramSvg(Zw))).toEqual([]);
    expect(leafLabels(dendrogramSvg(Zw, { showLeafLabels: true, width: 2000 })).length).toBe(178);
  });

  it('a threshold draws a cut line and one colour per flat cluster of cutTree(Z, { height })', () => {
    for (const t of [3, 6, 10, 20]) {
      const svg = dendrogramSvg(Zw, { threshold: t });
      assertWellFormed(svg);
      expect(svg).toContain('class="cut"');
      expect(svg).toContain(`>cut ${t}</text>`);
      const labels = cutTree(Zw, { height: t });
      const sizes = new Map<number, number>();
      for (const l of labels) sizes.set(l, (sizes.get(l) ?? 0) + 1);
      const nonSingleton = [...sizes.values()].filter((s) => s > 1).length;
      const colours = [...links(svg).keys()].filter((c) => c !== '#555');
      expect(colours.length).toBe(Math.min(nonSingleton, 13));
      // Links inside clusters: n − (number of clusters); the rest stay grey.
      const total = [...links(svg).values()].reduce((a, b) => a + b, 0);
      expect(total).toBe(177);
      expect(links(svg).get('#555') ?? 0).toBe(sizes.size - 1);
    }
    expect(dendrogramSvg(Zw)).not.toContain('class="cut"');
  });

  it('truncate shows the last p clusters, collapsed ones as triangles labelled with their size', () => {
    const p = 12;
    const svg = dendrogramSvg(Zw, { truncate: p });
    assertWellFormed(svg);
    const labels = leafLabels(svg);
    expect(labels.length).toBe(p);
    expect([...links(svg).values()].reduce((a, b) => a + b, 0)).toBe(p - 1);
    let total = 0;
    let collapsed = 0;
    for (const { text } of labels) {
      const m = /^\((\d+)\)$/.exec(text);
      total += m ? Number(m[1]) : 1;
      if (m) collapsed++;
    }
    expect(total).toBe(178);
    expect(count(/<g class="collapsed"[^>]*>(.*?)<\/g>/.exec(svg)![1]!, 'Z')).toBe(collapsed);
    // The displayed leaves are exactly the clusters alive after n − p merges.
    const alive = new Set(cutTree(Zw, { k: p }));
    expect(alive.size).toBe(p);
    // truncate ≥ n draws everything; truncate 1 a single collapsed leaf.
    expect(dendrogramSvg(Zw, { truncate: 500 })).toBe(dendrogramSvg(Zw));
    expect(leafLabels(dendrogramSvg(Zw, { truncate: 1 })).map((l) => l.text)).toEqual(['(178)']);
  });

  it('handles inversions (centroid), a single point, two points and duplicate points', () => {
    assertWellFormed(dendrogramSvg(linkage(wine, { method: 'centroid' }), { truncate: 30, threshold: 3 }));
    const one = dendrogramSvg([], { labels: ['only'] });
    assertWellFormed(one);
    expect(leafLabels(one).map((l) => l.text)).toEqual(['only']);
    assertWellFormed(dendrogramSvg(linkage([[0], [1]])));
    const dup = dendrogramSvg(linkage([[1, 1], [1, 1], [1, 1]]), { threshold: 0 });
    assertWellFormed(dup);
    expect(dup).not.toContain('NaN');
  });

  it('is deterministic and does not modify Z', () => {
    const Z: Matrix = linkage(small, { method: 'complete' });
    const copy = Z.data.slice();
    expect(dendrogramSvg(Z, { threshold: 2 })).toBe(dendrogramSvg(Z, { threshold: 2 }));
    expect(Z.data).toEqual(copy);
  });

  it('errors', () => {
    const Z = linkage(small);
    expect(latentErrorCode(() => dendrogramSvg(Z, { labels: ['a'] }))).toBe('E_SHAPE');
    expect(latentErrorCode(() => dendrogramSvg(Z, { labels: [{}, 1, 2, 3, 4] as unknown as string[] }))).toBe('E_TYPE');
    expect(latentErrorCode(() => dendrogramSvg(Z, { labels: 'abcde' as unknown as string[] }))).toBe('E_TYPE');
    expect(latentErrorCode(() => dendrogramSvg(Z, { truncate: 0 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => dendrogramSvg(Z, { truncate: 2.5 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => dendrogramSvg(Z, { threshold: -1 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => dendrogramSvg(Z, { threshold: NaN }))).toBe('E_NOT_FINITE');
    expect(latentErrorCode(() => dendrogramSvg(Z, { width: 10 }))).toBe('E_RANGE');
    expect(latentErrorCode(() => dendrogramSvg(Z, { width: 160, height: 120, labels: ['x'.repeat(24), 'b', 'c', 'd', 'e'], showLeafLabels: true }))).toBe('E_RANGE');
    expect(latentErrorCode(() => dendrogramSvg([[0, 1, 1, 3]]))).toBe('E_RANGE');
  });
});

describe('extreme heights (fuzz: plot/extreme-values)', () => {
  const Z = linkage([[0], [1], [3]]);
  it('a threshold or merge height beyond 1e307 is E_RANGE, never Infinity in the SVG', () => {
    expect(latentErrorCode(() => dendrogramSvg(Z, { threshold: Number.MAX_VALUE }))).toBe('E_RANGE');
    const big = { rows: Z.rows, cols: 4, data: Float64Array.from(Z.data) };
    big.data[6] = Number.MAX_VALUE;
    expect(() => dendrogramSvg(big)).toThrow(expect.objectContaining({ code: 'E_RANGE', message: expect.stringMatching(/^dendrogramSvg: Z heights must lie within ±1e\+307/) }));
    const svg = dendrogramSvg(Z, { threshold: 1e307 });
    assertWellFormed(svg);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
});
