import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { umapEmbedding, umapResult, umapStart, umapStep } from '../../src/manifold/umap/state.js';
import { umapTransform } from '../../src/manifold/umap/transform.js';
import { umap } from '../../src/manifold/umap/umap.js';

/**
 * UMAP in Chromium gives the same bits as in Node for the same data and seed. The page runs an
 * IIFE bundle of `src/manifold/umap/` built here with esbuild (the package's `dist/` does not
 * export UMAP until the lead wires it into the module index), so this test needs Chromium at
 * /usr/bin/chromium but no `npm run build`.
 */
const root = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
let browser: Browser;
let bundle: string;

beforeAll(async () => {
  const out = await build({
    stdin: {
      contents: [
        "export { umap } from './src/manifold/umap/umap.js';",
        "export { umapStart, umapStep, umapEmbedding, umapResult } from './src/manifold/umap/state.js';",
        "export { umapTransform } from './src/manifold/umap/transform.js';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'LatentUmap',
    write: false,
    target: 'es2022',
  });
  bundle = out.outputFiles[0]!.text;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
});

afterAll(async () => {
  await browser?.close();
});

/** The first n rows of digits.csv (64 pixels). */
function digits(n: number): { rows: number; cols: number; data: Float64Array } {
  const lines = readFileSync(`${root}/data/digits.csv`, 'utf8').trim().split('\n').slice(1, 1 + n);
  const data = new Float64Array(n * 64);
  lines.forEach((line, i) => line.split(',').slice(0, 64).forEach((v, j) => (data[i * 64 + j] = Number(v))));
  return { rows: n, cols: 64, data };
}

function firstDifference(got: ArrayLike<number>, want: ArrayLike<number>): string {
  if (got.length !== want.length) return `length ${got.length} vs ${want.length}`;
  let count = 0;
  let first = -1;
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) {
      if (first < 0) first = i;
      count++;
    }
  }
  return first < 0 ? '' : `entry ${first} is ${got[first]} vs ${want[first]} (${count} of ${want.length} differ)`;
}

/** What the page's bundle exposes (the same functions as imported above). */
interface Lib {
  umap: typeof umap;
  umapStart: typeof umapStart;
  umapStep: typeof umapStep;
  umapEmbedding: typeof umapEmbedding;
  umapResult: typeof umapResult;
  umapTransform: typeof umapTransform;
}

interface PageResult {
  frame: number[];
  stepwise: number[];
  oneCall: number[];
  transformed: number[];
  a: number;
  b: number;
}

describe('UMAP in Chromium', () => {
  it('gives the same bits as Node: stepwise, one call, and transform (digits, 400 rows, seed 7)', async () => {
    const X = digits(400);
    const train = { rows: 350, cols: 64, data: X.data.slice(0, 350 * 64) };
    const fresh = { rows: 50, cols: 64, data: X.data.slice(350 * 64) };
    const options = { seed: 7, nEpochs: 120 };
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent('<!doctype html><title>umap</title>');
    await page.addScriptTag({ content: bundle });
    const res: PageResult = await page.evaluate(
      ({ trainData, freshData, options }) => {
        const lib = (window as unknown as { LatentUmap: Lib }).LatentUmap;
        const train = { rows: 350, cols: 64, data: Float64Array.from(trainData) };
        const state = lib.umapStart(train, options);
        lib.umapStep(state, 10);
        const frame = Array.from(lib.umapEmbedding(state).data);
        while (state.epoch < state.nEpochs) lib.umapStep(state, 7); // as an animation would
        const model = lib.umapResult(state);
        const oneCall = lib.umap(train, options);
        const transformed = lib.umapTransform(oneCall, { rows: 50, cols: 64, data: Float64Array.from(freshData) });
        return { frame, stepwise: Array.from(model.embedding.data), oneCall: Array.from(oneCall.embedding.data), transformed: Array.from(transformed.data), a: model.a, b: model.b };
      },
      { trainData: Array.from(train.data), freshData: Array.from(fresh.data), options },
    );
    expect(errors).toEqual([]);
    // The same computation in Node.
    const state = umapStart(train, options);
    umapStep(state, 10);
    const frame = umapEmbedding(state).data;
    umapStep(state, 1000);
    const node = umapResult(state);
    const oneCall = umap(train, options);
    const transformed = umapTransform(oneCall, fresh);
    expect(Object.is(res.a, node.a) && Object.is(res.b, node.b), `a, b ${res.a}, ${res.b} (Chromium) vs ${node.a}, ${node.b} (Node)`).toBe(true);
    expect(firstDifference(res.frame, frame), 'after 10 epochs').toBe('');
    expect(firstDifference(res.stepwise, node.embedding.data), 'stepwise, final').toBe('');
    expect(firstDifference(res.oneCall, node.embedding.data), 'one call vs stepwise').toBe('');
    expect(firstDifference(res.transformed, transformed.data), 'transform').toBe('');
    await page.close();
  });
});
