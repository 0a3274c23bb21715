import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Latent from '../../src/index.js';
import { serve } from './server.js';

const root = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
const dist = `${root}/dist/index.js`;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  if (!existsSync(dist)) throw new Error('dist/index.js is missing: run `npm run build` first');
  server = await serve(root);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The first n rows of digits.csv exactly as the example page parses them. */
function digits(n: number): { rows: number; cols: number; data: Float64Array } {
  const lines = readFileSync(`${root}/data/digits.csv`, 'utf8').trim().split('\n').slice(1, 1 + n);
  const cols = lines[0]!.split(',').length - 1;
  const data = new Float64Array(lines.length * cols);
  lines.forEach((line, i) => {
    const cells = line.split(',').map(Number);
    for (let j = 0; j < cols; j++) data[i * cols + j] = cells[j]!;
  });
  return { rows: lines.length, cols, data };
}

interface PageResults {
  done: boolean;
  error?: string;
  frames: number;
  kmeans: { labels: number[]; centroids: number[]; inertia: number; isTyped: boolean };
  tsne: { embedding: number[]; kl: number; isTyped: boolean };
  firstFrame: { iteration: number; embedding: number[] };
}

describe('examples/browser: k-means and t-SNE in a Web Worker', () => {
  it('posts typed arrays back, animates t-SNE, and equals the Node results for the same seed', async () => {
    const opt = { n: 300, k: 10, iterations: 200, seed: 7, steps: 10 };
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${server.url}/examples/browser/index.html?n=${opt.n}&k=${opt.k}&iterations=${opt.iterations}&seed=${opt.seed}&steps=${opt.steps}`);
    await page.waitForFunction(() => {
      const l = (window as unknown as { __latent?: { done: boolean; error?: string } }).__latent;
      return l !== undefined && (l.done || l.error !== undefined);
    }, undefined, { timeout: 90_000 });
    const res = await page.evaluate(() => (window as unknown as { __latent: PageResults }).__latent);
    expect(res.error).toBeUndefined();
    expect(errors).toEqual([]);
    expect(res.kmeans.isTyped).toBe(true);
    expect(res.tsne.isTyped).toBe(true);
    expect(res.frames).toBe(opt.iterations / opt.steps);
    expect(await page.locator('#tsne svg .points path').count()).toBeGreaterThan(0);

    // The same build in Node, same data, same seed: identical numbers.
    const lib = (await import(dist)) as typeof Latent;
    const X = digits(opt.n);
    const km = lib.kmeans(X, { k: opt.k, seed: opt.seed });
    expect(res.kmeans.labels).toEqual(Array.from(km.labels));
    expect(res.kmeans.centroids).toEqual(Array.from(km.centroids.data));
    expect(res.kmeans.inertia).toBe(km.inertia);
    // t-SNE: the stepwise run in the worker follows the same path as Node's. Chromium's
    // V8 and Node 20's V8 round Math.exp / Math.log differently in the last bit (measured:
    // ~10 % of random inputs), and t-SNE is chaotic, so bit-equality cannot hold across the
    // two engines: the first frame (after `steps` iterations) must agree to 1e-9, and the
    // final layout's quality must match.
    const state = lib.tsneStart(X, { seed: opt.seed, iterations: opt.iterations, perplexity: 30 });
    lib.tsneStep(state, opt.steps);
    const first = lib.tsneEmbedding(state).data;
    expect(res.firstFrame.iteration).toBe(opt.steps);
    let worst = 0;
    let scale = 0;
    for (let i = 0; i < first.length; i++) {
      worst = Math.max(worst, Math.abs(res.firstFrame.embedding[i]! - first[i]!));
      scale = Math.max(scale, Math.abs(first[i]!));
    }
    expect(worst / scale).toBeLessThan(1e-9);
    const ts = lib.tsne(X, { seed: opt.seed, iterations: opt.iterations, perplexity: 30 });
    expect(Math.abs(res.tsne.kl - ts.kl) / ts.kl).toBeLessThan(0.05);
    const E = { rows: opt.n, cols: 2, data: Float64Array.from(res.tsne.embedding) };
    expect(lib.trustworthiness(X, E, 5)).toBeCloseTo(lib.trustworthiness(X, ts.embedding, 5), 1);
    expect(lib.trustworthiness(X, E, 5)).toBeGreaterThan(0.8);
    await page.close();
  });
});

describe('demo/report.html renders its figures', () => {
  it('shows every inline SVG with a size, the scatter points drawn, and no errors', async () => {
    const report = `${root}/demo/report.html`;
    if (!existsSync(report)) throw new Error('demo/report.html is missing: run `npm run demo` first');
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/demo/report.html`);
    const figures = await page.evaluate(() =>
      Array.from(document.querySelectorAll('section svg')).map((s) => {
        const r = s.getBoundingClientRect();
        return { cls: s.getAttribute('class') ?? '', w: r.width, h: r.height, paths: s.querySelectorAll('.points path').length };
      }),
    );
    expect(errors).toEqual([]);
    const kinds = new Set(figures.map((f) => f.cls));
    for (const kind of ['latent-scatter', 'latent-line', 'latent-image']) expect(kinds.has(kind)).toBe(true);
    for (const f of figures) {
      expect(f.w).toBeGreaterThan(10);
      expect(f.h).toBeGreaterThan(10);
    }
    for (const f of figures.filter((x) => x.cls === 'latent-scatter')) expect(f.paths).toBeGreaterThan(0);
    // A scatter's points really paint: sample the rendered pixels of the first scatter.
    const shot = await page.locator('svg.latent-scatter').first().screenshot();
    expect(shot.length).toBeGreaterThan(5000);
    await page.close();
  });
});
