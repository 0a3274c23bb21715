/**
 * LLE and eigsh benchmark (run: `npx tsx bench/manifold-lle.ts [quick]`).
 *
 * 1. LLE on 2 000 swiss-roll points (nNeighbors 12) and on digits (1 797 × 64, nNeighbors 30):
 *    latent (default: sparse shift-invert eigensolver) against scikit-learn's dense and ARPACK
 *    solvers (bench/native/manifold_lle.py, single-threaded, interleaved run by run) and
 *    druid.js's LLE (same process, one run: it is slow). Quality: trustworthiness (k = 12) of every
 *    embedding, computed by latent, and the reconstruction errors.
 * 2. LLE on 20 000 swiss-roll points through the sparse path, against scikit-learn ARPACK.
 * 3. eigsh: the 3 smallest eigenpairs of the normalized Laplacian of a 10⁵-node 15-NN graph
 *    (8-D Gaussian blobs), latent Lanczos / auto against scipy's eigsh as umap-learn calls it.
 *
 * Times: this process's CPU time (what the algorithm costs; the machine is shared) and wall time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as druid from '@saehrimnir/druidjs';
import type { Matrix64 } from '../src/core/matrix.js';
import { randomNormal, rng } from '../src/core/random.js';
import { csrFromTriplets, type CsrMatrix } from '../src/core/sparse.js';
import { swissRoll } from '../src/datasets/swiss-roll.js';
import { eigsh } from '../src/decomposition/eigsh.js';
import { lle } from '../src/manifold/lle.js';
import { trustworthiness } from '../src/manifold/trustworthiness.js';
import { knnSelf } from '../src/neighbors/exact/knn.js';
import { cpuMs } from './helpers/timing.js';

const quick = process.argv.includes('quick');
const here = fileURLToPath(new URL('.', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'latent-lle-'));
const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

interface Native {
  seconds: number;
  cpu: number;
  reconstructionError?: number;
  values?: number[];
  maxRssMiB: number;
}

function python(args: string[]): Native {
  const out = execFileSync('python3', [join(here, 'native', 'manifold_lle.py'), ...args], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop()!) as Native;
}

function timed<T>(f: () => T): { value: T; cpu: number; wall: number } {
  const c = cpuMs();
  const t = performance.now();
  const value = f();
  return { value, cpu: cpuMs() - c, wall: performance.now() - t };
}

const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rssMiB = (): number => process.resourceUsage().maxRSS / 1024;
const f1 = (x: number): string => x.toFixed(1);
const f2 = (x: number): string => x.toFixed(2);

function digits(): Matrix64 {
  const lines = readFileSync(join(here, '..', 'data', 'digits.csv'), 'utf8').trim().split('\n').slice(1);
  const cols = lines[0]!.split(',').length - 1;
  const data = new Float64Array(lines.length * cols);
  lines.forEach((l, i) => {
    const c = l.split(',').map(Number);
    for (let j = 0; j < cols; j++) data[i * cols + j] = c[j]!;
  });
  return { rows: lines.length, cols, data };
}

function lleSection(name: string, X: Matrix64, k: number, rounds: number, withDruid: boolean): void {
  const file = join(work, `${name}.bin`);
  writeFileSync(file, new Uint8Array(X.data.buffer, X.data.byteOffset, X.data.byteLength));
  lle(X, { nNeighbors: k }); // warm-up (JIT)
  const ours: { cpu: number; wall: number }[] = [];
  const dense: Native[] = [];
  const arpack: Native[] = [];
  let model = lle(X, { nNeighbors: k });
  for (let r = 0; r < rounds; r++) {
    const t = timed(() => lle(X, { nNeighbors: k }));
    model = t.value;
    ours.push(t);
    dense.push(python(['lle', file, String(X.rows), String(X.cols), String(k), 'dense', r === 0 ? `${file}.dense` : '-']));
    arpack.push(python(['lle', file, String(X.rows), String(X.cols), String(k), 'arpack', r === 0 ? `${file}.arpack` : '-']));
  }
  const emb = (path: string): Matrix64 => ({ rows: X.rows, cols: 2, data: new Float64Array(readFileSync(path).buffer.slice(0)) });
  const tw = (E: Matrix64): string => trustworthiness(X, E, 12).toFixed(4);
  const ourCpu = med(ours.map((o) => o.cpu));
  console.log(`\n## LLE, ${name}: n = ${X.rows}, d = ${X.cols}, nNeighbors = ${k} (${rounds} interleaved rounds, medians)\n`);
  console.log('| implementation | CPU ms | wall ms | other / latent (CPU) | reconstruction error | trustworthiness k=12 | peak RSS MiB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  console.log(`| **latent \`lle\`** (sparse shift-invert) | **${f1(ourCpu)}** | ${f1(med(ours.map((o) => o.wall)))} | 1 | ${model.reconstructionError.toExponential(4)} | ${tw(model.embedding)} | ${f1(rssMiB())} |`);
  for (const [label, runs, path] of [['scikit-learn dense (`eigh`)', dense, `${file}.dense`], ['scikit-learn ARPACK (shift-invert)', arpack, `${file}.arpack`]] as const) {
    const c = med(runs.map((x) => x.cpu)) * 1000;
    console.log(`| ${label} | ${f1(c)} | ${f1(med(runs.map((x) => x.seconds)) * 1000)} | ${f2(c / ourCpu)}× | ${runs[0]!.reconstructionError!.toExponential(4)} | ${tw(emb(path))} | ${f1(Math.max(...runs.map((x) => x.maxRssMiB)))} |`);
  }
  if (withDruid) {
    const rows = Array.from({ length: X.rows }, (_, i) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)));
    const t = timed(() => new druid.LLE(rows, { neighbors: k, d: 2 }).transform());
    const E: Matrix64 = { rows: X.rows, cols: 2, data: Float64Array.from(t.value.flat()) };
    console.log(`| druid.js 0.9 \`LLE\` (1 run) | ${f1(t.cpu)} | ${f1(t.wall)} | ${f2(t.cpu / ourCpu)}× | — | ${tw(E)} | ${f1(rssMiB())} |`);
  }
}

function largeLle(n: number): void {
  const { data } = swissRoll({ n, seed: 0 });
  const file = join(work, `roll${n}.bin`);
  writeFileSync(file, new Uint8Array(data.data.buffer, data.data.byteOffset, data.data.byteLength));
  const stages = new Map<string, number>();
  let last = performance.now();
  let stage = 'start';
  const t = timed(() =>
    lle(data, {
      nNeighbors: 12,
      onProgress: (p) => {
        if (p.stage !== stage) {
          const now = performance.now();
          stages.set(stage, (stages.get(stage) ?? 0) + now - last);
          last = now;
          stage = p.stage;
        }
      },
    }),
  );
  stages.set(stage, (stages.get(stage) ?? 0) + performance.now() - last);
  const sk = python(['lle', file, String(n), '3', '12', 'arpack', '-']);
  console.log(`\n## LLE, swiss roll n = ${n}, nNeighbors = 12, sparse path (1 run each)\n`);
  console.log('| implementation | CPU s | wall s | reconstruction error | peak RSS MiB |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(`| **latent \`lle\`** | **${f2(t.cpu / 1000)}** | ${f2(t.wall / 1000)} | ${t.value.reconstructionError.toExponential(4)} | ${f1(rssMiB())} |`);
  console.log(`| scikit-learn ARPACK | ${f2(sk.cpu)} | ${f2(sk.seconds)} | ${sk.reconstructionError!.toExponential(4)} | ${f1(sk.maxRssMiB)} |`);
  console.log(`\nlatent stages (wall ms): ${[...stages].filter(([s]) => s !== 'start').map(([s, ms]) => `${s} ${ms.toFixed(0)}`).join(', ')}`);
}

function knnLaplacian(n: number): CsrMatrix {
  const d = 8;
  const k = 15;
  const cache = join(tmpdir(), `latent-bench-knn-${n}.bin`);
  let indices: Int32Array;
  if (existsSync(cache)) indices = new Int32Array(readFileSync(cache).buffer.slice(0));
  else {
    const r = rng(3);
    const centres = Float64Array.from({ length: 10 * d }, () => (r() * 2 - 1) * 4);
    const X = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) X[i * d + t] = centres[(i % 10) * d + t]! + randomNormal(r);
    indices = knnSelf({ rows: n, cols: d, data: X }, k).indices;
    writeFileSync(cache, new Uint8Array(indices.buffer));
  }
  const size = 2 * n * k;
  const row = new Int32Array(size + n);
  const col = new Int32Array(size + n);
  const val = new Float64Array(size + n);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = indices[i * k + t]!;
      row[p] = i;
      col[p] = j;
      val[p++] = 0.5;
      row[p] = j;
      col[p] = i;
      val[p++] = 0.5;
    }
  }
  const W = csrFromTriplets(n, n, row, col, val, p);
  const deg = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let q = W.offsets[i]!; q < W.offsets[i + 1]!; q++) deg[i] = deg[i]! + W.values[q]!;
  p = 0;
  for (let i = 0; i < n; i++) {
    row[p] = i;
    col[p] = i;
    val[p++] = 1;
    for (let q = W.offsets[i]!; q < W.offsets[i + 1]!; q++) {
      const j = W.indices[q]!;
      row[p] = i;
      col[p] = j;
      val[p++] = -W.values[q]! / Math.sqrt(deg[i]! * deg[j]!);
    }
  }
  return csrFromTriplets(n, n, row, col, val, p);
}

function eigshSection(n: number): void {
  const L = knnLaplacian(n);
  const prefix = join(work, 'lap');
  writeFileSync(`${prefix}.offsets.bin`, new Uint8Array(L.offsets.buffer));
  writeFileSync(`${prefix}.indices.bin`, new Uint8Array(L.indices.buffer));
  writeFileSync(`${prefix}.values.bin`, new Uint8Array(L.values.buffer));
  console.log(`\n## eigsh: 3 smallest of the normalized Laplacian of a ${n}-node 15-NN graph (nnz ${L.values.length}; 1 run each)\n`);
  console.log('| call | CPU s | wall s | operator applications | λ₂, λ₃ | max residual | peak RSS MiB |');
  console.log('|---|---:|---:|---:|---|---:|---:|');
  for (const [label, o] of [
    ["latent `eigsh(L, 3, { which: 'smallest', method: 'lanczos', tol: 1e-4 })`", { method: 'lanczos', tol: 1e-4 }],
    ["latent `eigsh(L, 3, { which: 'smallest', method: 'lanczos' })` (tol 1e-10)", { method: 'lanczos' }],
    ["latent `eigsh(L, 3, { which: 'smallest' })` (auto → Lanczos)", {}],
  ] as const) {
    const t = timed(() => eigsh(L, 3, { which: 'smallest', ...o }));
    const e = t.value;
    console.log(`| ${label} | ${f2(t.cpu / 1000)} | ${f2(t.wall / 1000)} | ${e.iterations} (${e.method}) | ${e.values[1]!.toExponential(6)}, ${e.values[2]!.toExponential(6)} | ${Math.max(...e.residuals).toExponential(1)} | ${f1(rssMiB())} |`);
  }
  const sm = python(['eigsh', prefix, String(n), '3', 'sm']);
  console.log(`| scipy \`eigsh(L, 3, which='SM', tol=1e-4, v0=ones)\` (umap-learn's call) | ${f2(sm.cpu)} | ${f2(sm.seconds)} | — | ${sm.values![1]!.toExponential(6)}, ${sm.values![2]!.toExponential(6)} | — | ${f1(sm.maxRssMiB)} |`);
}

console.log(`# manifold LLE / eigsh bench — ${new Date().toISOString()}, Node ${process.version}`);
const roll2k = swissRoll({ n: 2000, seed: 0 }).data;
lleSection('swiss roll', roll2k, 12, quick ? 1 : 5, true);
lleSection('digits', digits(), 30, quick ? 1 : 3, false);
largeLle(quick ? 5000 : 20000);
eigshSection(quick ? 10000 : 100000);
