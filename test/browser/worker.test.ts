import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Latent from '../../src/index.js';
import type * as Internals from '../../src/internals.js';
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

/** Asserts two embeddings are the same doubles, naming the first differing entry. */
function expectSameBits(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  expect(got.length, `${what}: length`).toBe(want.length);
  let diff = -1;
  let count = 0;
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) {
      if (diff < 0) diff = i;
      count++;
    }
  }
  const where = diff < 0 ? '' : `entry ${diff} is ${got[diff]} vs ${want[diff]} (${count} of ${want.length} differ)`;
  expect(where, `${what}: bit-identical`).toBe('');
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
    // t-SNE: the worker's stepwise run and Node's, same data and seed, must be the same bits.
    // Every transcendental on t-SNE's path is detExp / detLog (IEEE-exact arithmetic only), so
    // Chromium's and Node's different Math.exp / Math.log rounding cannot reach the result.
    const options = { seed: opt.seed, iterations: opt.iterations, perplexity: 30 };
    const state = lib.tsneStart(X, options);
    let done = 0;
    let first: Float64Array | undefined;
    while (done < opt.iterations) {
      const steps = Math.min(opt.steps, opt.iterations - done); // as examples/browser/worker.js
      lib.tsneStep(state, steps);
      done += steps;
      first ??= lib.tsneEmbedding(state).data;
    }
    const node = lib.tsneResult(state);
    expect(res.firstFrame.iteration).toBe(opt.steps);
    expectSameBits(res.firstFrame.embedding, first!, `t-SNE after ${opt.steps} iterations`);
    expectSameBits(res.tsne.embedding, node.embedding.data, 't-SNE final embedding');
    expect(Object.is(res.tsne.kl, node.kl), `KL ${res.tsne.kl} (worker) vs ${node.kl} (Node)`).toBe(true);
    // The one-call tsne follows the same path as the stepwise run.
    expectSameBits(Array.from(lib.tsne(X, options).embedding.data), node.embedding.data, 'tsne vs stepwise (Node)');
    const E = { rows: opt.n, cols: 2, data: Float64Array.from(res.tsne.embedding) };
    expect(lib.trustworthiness(X, E, 5)).toBeGreaterThan(0.8);
    await page.close();
  });
});

/**
 * Source of a function (lib, n) → [detExp, detLog, Math.exp, Math.log] results over a seeded
 * sweep: exp arguments in [−745, 710], log arguments (1 + u)·2^[−1074, 1024). Kept as text so
 * Node and the page run the very same code (no bundler helpers injected).
 */
const MATH_SWEEP = `(lib, n) => {
  let s = 0x9e3779b9;
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
  const out = [[], [], [], []];
  for (let i = 0; i < n; i++) {
    const x = -745 + next() * 1455;
    const y = (1 + next()) * 2 ** Math.floor(next() * 2098 - 1074);
    out[0].push(lib.detExp(x));
    out[1].push(lib.detLog(y));
    out[2].push(Math.exp(x));
    out[3].push(Math.log(y));
  }
  return out;
}`;

describe('detExp / detLog in Chromium', () => {
  it('return the same bits as in Node on 100 000 inputs each (where Math.exp / Math.log need not)', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/examples/browser/index.html?n=100&k=3&iterations=10&steps=10`);
    // detExp / detLog are building blocks for other libraries: the `latent/internals` subpath
    const inPage = await page.evaluate<number[][]>(`import('/dist/internals.js').then((lib) => (${MATH_SWEEP})(lib, 100000))`);
    const lib = (await import(`${root}/dist/internals.js`)) as typeof Internals;
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const sweep = new Function(`return ${MATH_SWEEP}`)() as (l: typeof Internals, n: number) => number[][];
    const inNode = sweep(lib, 100_000);
    expectSameBits(inPage[0]!, inNode[0]!, 'detExp');
    expectSameBits(inPage[1]!, inNode[1]!, 'detLog');
    const differ = (a: number[], b: number[]): number => a.filter((v, i) => !Object.is(v, b[i])).length;
    console.log(`Chromium vs Node: Math.exp differs on ${differ(inPage[2]!, inNode[2]!)}, Math.log on ${differ(inPage[3]!, inNode[3]!)} of 100 000 inputs; detExp / detLog on 0`);
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
    // The round-2 panels: UMAP + HDBSCAN (with the condensed tree), Isomap + LLE, and the MNIST
    // similar-digits rows (a query and its 8 neighbours, one row per digit class).
    const panels = await page.evaluate(() => ({
      umap: document.querySelectorAll('#umap svg').length,
      manifold: document.querySelectorAll('#manifold svg.latent-scatter').length,
      mnistRows: document.querySelectorAll('#mnist .strip').length,
      mnistImages: document.querySelectorAll('#mnist svg.latent-image').length,
    }));
    expect(panels).toEqual({ umap: 3, manifold: 2, mnistRows: 10, mnistImages: 90 });
    // A scatter's points really paint: sample the rendered pixels of the first scatter.
    const shot = await page.locator('svg.latent-scatter').first().screenshot();
    expect(shot.length).toBeGreaterThan(5000);
    await page.close();
  });
});
