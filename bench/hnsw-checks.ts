/**
 * Cost of checking every HNSW distance for finiteness (a tampered index is E_MODEL when a search
 * meets a non-finite stored vector) and of the O(d) code-book check, against a baseline tree.
 *
 *   git archive <commit> src | tar -x -C /tmp/base
 *   BASE=/tmp/base npx tsx bench/hnsw-checks.ts                       # n 10000 × 384, cosine
 *   options: --n <rows> --d <dims> --queries <q> --runs <r> --quantize none|int8 --metric cosine|euclidean|dot
 *
 * Data: `embeddings(n + q, d, 50, 1)` (bench/helpers; unit-normalized Float32 rows). Each run
 * builds an index with each tree (m 16, efConstruction 100) and answers the q queries (k 10,
 * ef 64) with it, alternately; reported: median CPU time of the build and of the queries.
 */
import type * as BuildModule from '../src/neighbors/hnsw/index-build.js';
import type * as QueryModule from '../src/neighbors/hnsw/query.js';
import { embeddings } from './helpers/embeddings.js';
import { cpuMs } from './helpers/timing.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1]! : fallback;
};
const N = Number(opt('n', '10000'));
const D = Number(opt('d', '384'));
const Q = Number(opt('queries', '1000'));
const RUNS = Number(opt('runs', '5'));
const QUANTIZE = opt('quantize', 'none') as 'none' | 'int8';
const METRIC = opt('metric', 'cosine') as 'cosine' | 'euclidean' | 'dot';

interface Impl {
  name: string;
  build: typeof BuildModule.hnswIndex;
  query: typeof QueryModule.hnswQuery;
}
async function load(name: string, root: string): Promise<Impl> {
  const b = (await import(`${root}/src/neighbors/hnsw/index-build.ts`)) as typeof BuildModule;
  const q = (await import(`${root}/src/neighbors/hnsw/query.ts`)) as typeof QueryModule;
  return { name, build: b.hnswIndex, query: q.hnswQuery };
}
const here = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const impls = [await load('new', here)];
if (process.env['BASE'] !== undefined) impls.unshift(await load('base', process.env['BASE']));

const all = embeddings(N + Q, D, 50, 1);
const data = { rows: N, cols: D, data: all.subarray(0, N * D) };
const queries = { rows: Q, cols: D, data: all.subarray(N * D) };
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const build: number[][] = impls.map(() => []);
const query: number[][] = impls.map(() => []);
let check = 0;
for (let r = 0; r < RUNS; r++) {
  impls.forEach((impl, k) => {
    let c0 = cpuMs();
    const index = impl.build(data, { metric: METRIC, m: 16, efConstruction: 100, quantize: QUANTIZE, seed: 1 });
    build[k]!.push(cpuMs() - c0);
    c0 = cpuMs();
    const res = impl.query(index, queries, 10, { ef: 64 });
    query[k]!.push(cpuMs() - c0);
    check += res.indices[0]!;
  });
}
console.log(`node ${process.version}; n ${N}, d ${D}, ${METRIC}, quantize ${QUANTIZE}, ${Q} queries, runs ${RUNS} (median CPU ms)`);
console.log(`| tree | build | ${Q} queries |`);
console.log('|---|---:|---:|');
impls.forEach((impl, k) => console.log(`| ${impl.name} | ${median(build[k]!).toFixed(0)} | ${median(query[k]!).toFixed(1)} |`));
if (impls.length === 2) console.log(`| new / base | ${(median(build[1]!) / median(build[0]!)).toFixed(3)} | ${(median(query[1]!) / median(query[0]!)).toFixed(3)} |`);
if (check === -1) console.log(check);
