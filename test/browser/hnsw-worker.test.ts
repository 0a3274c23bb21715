/**
 * HNSW in the browser: build the index in a Web Worker, transfer it (its typed arrays' buffers)
 * to the page, query it there, and get the same bits as Node.
 *
 * Self-contained: esbuild bundles the HNSW source files into a temporary folder with a page and
 * a worker, served by ./server.ts (no `npm run build` needed, and independent of which module
 * index exports the functions). Runs with the other browser checks:
 *   npx vitest run --config vitest.browser.config.ts test/browser/hnsw-worker.test.ts
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as HnswEntry from './hnsw-entry.js';
import type { HnswIndex, HnswIndexOptions, HnswQueryOptions, HnswResult } from './hnsw-entry.js';
import { serve } from './server.js';

const root = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

/** The page: asks the worker for an index, receives it transferred, queries it here. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>hnsw worker</title>
<script type="module">
import { hnswQuery } from './hnsw.js';
window.__run = ({ rows, cols, data, queries, k, build, query }) => new Promise((resolve, reject) => {
  const worker = new Worker('./worker.js', { type: 'module' });
  worker.onerror = (e) => reject(new Error(e.message));
  worker.onmessage = ({ data: m }) => {
    worker.terminate();
    if (m.error) return reject(new Error(m.error));
    const index = m.index;
    const typed = Object.values(index).filter((v) => ArrayBuffer.isView(v));
    const Q = { rows: queries.length / cols, cols, data: Float32Array.from(queries) };
    const r = hnswQuery(index, Q, k, query);
    resolve({
      sentBack: m.sentBack,
      typed: typed.length,
      allTyped: index.links0 instanceof Int32Array && index.vectors instanceof Float32Array && index.rng instanceof Uint32Array,
      index: Object.fromEntries(Object.entries(index).map(([key, v]) => [key, ArrayBuffer.isView(v) ? Array.from(v) : v])),
      indices: Array.from(r.indices),
      distances: Array.from(r.distances),
    });
  };
  const X = Float32Array.from(data);
  // The data goes to the worker without a copy; the worker builds and transfers the index back.
  worker.postMessage({ rows, cols, data: X, build }, [X.buffer]);
});
window.__ready = true;
</script>`;

const WORKER = `import { hnswIndex } from './hnsw.js';
self.onmessage = ({ data: m }) => {
  try {
    const index = hnswIndex({ rows: m.rows, cols: m.cols, data: m.data }, m.build);
    const buffers = Object.values(index).filter((v) => ArrayBuffer.isView(v)).map((v) => v.buffer);
    self.postMessage({ index, sentBack: buffers.length }, buffers);
  } catch (e) {
    self.postMessage({ error: String(e && e.message ? e.message : e) });
  }
};`;

interface PageResult {
  sentBack: number;
  typed: number;
  allTyped: boolean;
  index: Record<string, unknown>;
  indices: number[];
  distances: number[];
}

type Lib = typeof HnswEntry;

let dir: string;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let lib: Lib;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'latent-hnsw-browser-'));
  await build({
    entryPoints: [join(root, 'test/browser/hnsw-entry.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile: join(dir, 'hnsw.js'),
    logLevel: 'silent',
  });
  writeFileSync(join(dir, 'index.html'), PAGE);
  writeFileSync(join(dir, 'worker.js'), WORKER);
  lib = (await import(pathToFileURL(join(dir, 'hnsw.js')).href)) as Lib;
  server = await serve(dir);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** Seeded points in a few clusters (an xorshift stream written out, identical in Node and the page). */
function points(n: number, d: number, seed: number): number[] {
  let s = seed >>> 0 || 1;
  const next = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
  const centres = Array.from({ length: 8 * d }, () => next() * 2 - 1);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = Math.floor(next() * 8);
    for (let j = 0; j < d; j++) out.push(Math.fround(centres[c * d + j]! + 0.3 * (next() - 0.5)));
  }
  return out;
}

function expectSameBits(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  expect(got.length, `${what}: length`).toBe(want.length);
  let first = -1;
  for (let i = 0; i < want.length && first < 0; i++) if (!Object.is(got[i], want[i])) first = i;
  expect(first < 0 ? '' : `entry ${first} is ${got[first]} vs ${want[first]}`, `${what}: bit-identical`).toBe('');
}

describe('HNSW in a Web Worker', () => {
  const cases: [string, HnswIndexOptions, HnswQueryOptions][] = [
    ['cosine, Float32', { metric: 'cosine', seed: 3 }, { ef: 40 }],
    ['euclidean, int8', { metric: 'euclidean', quantize: 'int8', m: 8, efConstruction: 64 }, { ef: 32 }],
  ];
  for (const [name, buildOptions, queryOptions] of cases) {
    it(`builds in the worker, transfers the index, and the page's queries equal Node's (${name})`, async () => {
      const n = 1500;
      const d = 24;
      const k = 10;
      const data = points(n, d, 7);
      const queries = points(40, d, 99);
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}/index.html`);
      await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
      const res = await page.evaluate(
        (arg) => (window as unknown as { __run: (a: unknown) => Promise<PageResult> }).__run(arg),
        { rows: n, cols: d, data, queries, k, build: buildOptions, query: queryOptions },
      );
      expect(errors).toEqual([]);
      expect(res.allTyped).toBe(true);
      expect(res.sentBack).toBe(res.typed);

      // Node: the same bundle, the same data and options.
      const index: HnswIndex = lib.hnswIndex({ rows: n, cols: d, data: Float32Array.from(data) }, buildOptions);
      const node: HnswResult = lib.hnswQuery(index, { rows: queries.length / d, cols: d, data: Float32Array.from(queries) }, k, queryOptions);
      // The index itself is the same bits in Chromium's worker and in Node (seeded levels drawn
      // with detLog; only IEEE arithmetic on the build's path)…
      for (const [key, value] of Object.entries(index)) {
        if (ArrayBuffer.isView(value)) expectSameBits(res.index[key] as number[], value as unknown as ArrayLike<number>, `index.${key}`);
        else expect(res.index[key], `index.${key}`).toEqual(value);
      }
      // …and so are the answers.
      expect(res.indices).toEqual(Array.from(node.indices));
      expectSameBits(res.distances, node.distances, 'distances');
      await page.close();
    });
  }
});
