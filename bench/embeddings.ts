/**
 * Embedding scale: latent against numpy / faiss / scikit-learn (single-threaded) on seeded
 * sentence-embedding-like data — 100 000 × 384 Float32 unit rows around 200 clusters
 * (`bench/helpers/embeddings-scale.ts`), 1 000 queries, and a wide 10 000 × 2 000 set for
 * randomized PCA.
 *
 * Every measurement runs in its own child process (latent: this script with `--child`; the
 * references: `bench/native/embeddings.py`) under `/usr/bin/time -v` for the peak RSS, and the
 * two sides alternate (latent first on even repeats, the reference first on odd ones). Times are
 * process CPU seconds of the timed call (the machine is shared: CPU time is less disturbed than
 * wall time). Each latent child first measures latent's own gemm rate (512³, median of 5) so that
 * every kernel's effective rate is compared with the gemm rate of the same process.
 *
 * Run: npx tsx bench/embeddings.ts [--reps 3] [--tasks knn,kmeans,minibatch,pca,wide,wide-seeds]
 * (`wide-seeds`, not in the default set: the accuracy of the randomized PCAs over five seeds.)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gemm } from '../src/core/gemm.js';
import { runSync } from '../src/core/task.js';
import { rowSqNorms } from '../src/distance/kernels.js';
import { knn } from '../src/neighbors/exact/knn.js';
import { bruteKnn } from '../src/neighbors/exact/brute.js';
import { kmeans } from '../src/cluster/kmeans/kmeans.js';
import { miniBatchKmeans } from '../src/cluster/kmeans/minibatch-kmeans.js';
import { pca } from '../src/decomposition/pca.js';
import { CORPUS, QUERIES, WIDE, cachedEmbeddings, cachedWide } from './helpers/embeddings-scale.js';

const D = CORPUS.d;

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** latent's gemm rate in this process: C = A·Bᵀ at 512³, median of 5 (GFLOP/s). */
function gemmRate(): number {
  const m = 512;
  const a = new Float64Array(m * m).map((_, i) => Math.sin(i));
  const b = new Float64Array(m * m).map((_, i) => Math.cos(i));
  const c = new Float64Array(m * m);
  gemm(false, true, m, m, m, 1, a, b, 0, c);
  const rates: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = cpuSeconds();
    gemm(false, true, m, m, m, 1, a, b, 0, c);
    rates.push((2 * m ** 3) / (cpuSeconds() - t0) / 1e9);
  }
  rates.sort((x, y) => x - y);
  return rates[2]!;
}

/** Tracks the largest ArrayBuffer total seen at the progress reports (peak working set, sampled). */
function peakSampler(): { sample: () => void; peak: () => number } {
  let peak = process.memoryUsage().arrayBuffers;
  return {
    sample: () => {
      const v = process.memoryUsage().arrayBuffers;
      if (v > peak) peak = v;
    },
    peak: () => peak,
  };
}

// ---------------------------------------------------------------------------------------------
// Child: one latent task, one JSON line on stdout.

function child(task: string, args: string[]): void {
  const out: Record<string, unknown> = { task, gemm: gemmRate() };
  if (task === 'knn') {
    const n = Number(args[0]);
    const q = Number(args[1]);
    const verify = Number(args[2] ?? 0);
    const corpus = cachedEmbeddings(CORPUS).data.subarray(0, n * D);
    const queries = cachedEmbeddings(QUERIES).data.subarray(0, q * D);
    const X = { rows: n, cols: D, data: corpus };
    const Q = { rows: q, cols: D, data: queries };
    const base = process.memoryUsage().arrayBuffers;
    const s = peakSampler();
    const t0 = cpuSeconds();
    const res = knn(X, Q, 10, { metric: 'cosine', onProgress: s.sample });
    const sec = cpuSeconds() - t0;
    s.sample();
    out['seconds'] = sec;
    out['effective'] = (2 * D * n * q) / sec / 1e9;
    out['dataBytes'] = corpus.byteLength + queries.byteLength;
    out['extraBytes'] = s.peak() - base;
    out['indices'] = Array.from(res.indices);
    if (verify > 0) {
      // The float64 difference-form brute force (the exact reference) on the first `verify` queries.
      const P64 = Float64Array.from(corpus);
      const Q64 = Float64Array.from(queries.subarray(0, verify * D));
      const Dd = new Float64Array(verify * 10);
      const I = new Int32Array(verify * 10);
      runSync(bruteKnn('cosine', P64, n, Q64, verify, D, 10, rowSqNorms(P64, n, D), rowSqNorms(Q64, verify, D), null, Dd, I), { fn: 'bench' });
      let rows = 0;
      let dist = 0;
      for (let r = 0; r < verify; r++) {
        let same = true;
        for (let t = 0; t < 10; t++) {
          if (I[r * 10 + t] !== res.indices[r * 10 + t]) same = false;
          if (Dd[r * 10 + t] !== res.distances[r * 10 + t]) dist++;
        }
        if (same) rows++;
      }
      out['verified'] = verify;
      out['identicalRows'] = rows;
      out['differentDistances'] = dist;
    }
  } else if (task === 'kmeans' || task === 'minibatch') {
    const X = { rows: CORPUS.n, cols: D, data: cachedEmbeddings(CORPUS).data };
    const seed = Number(args[0] ?? 0);
    const base = process.memoryUsage().arrayBuffers;
    const s = peakSampler();
    let initDone = 0;
    const t0 = cpuSeconds();
    const m =
      task === 'kmeans'
        ? kmeans(X, {
            k: 100,
            nInit: 1,
            seed,
            onProgress: (p) => {
              s.sample();
              if (p.stage === 'iterate' && initDone === 0) initDone = cpuSeconds();
            },
          })
        : miniBatchKmeans(X, { k: 100, seed, onProgress: s.sample });
    const sec = cpuSeconds() - t0;
    s.sample();
    out['seconds'] = sec;
    if (task === 'kmeans') out['initSeconds'] = initDone - t0;
    out['inertia'] = m.inertia;
    out['iterations'] = m.iterations;
    out['extraBytes'] = s.peak() - base;
    out['dataBytes'] = X.data.byteLength;
  } else if (task === 'pca' || task === 'pca-svd' || task === 'pca-rand') {
    const X = { rows: CORPUS.n, cols: D, data: cachedEmbeddings(CORPUS).data };
    const solver = task === 'pca' ? 'auto' : task === 'pca-svd' ? 'svd' : 'randomized';
    const base = process.memoryUsage().arrayBuffers;
    const s = peakSampler();
    const t0 = cpuSeconds();
    const m = pca(X, { components: 50, solver, onProgress: s.sample });
    const sec = cpuSeconds() - t0;
    s.sample();
    out['seconds'] = sec;
    out['explained'] = Array.from(m.explainedVariance);
    out['effective'] = solver === 'auto' ? (CORPUS.n * D * D) / sec / 1e9 : undefined;
    out['extraBytes'] = s.peak() - base;
    out['dataBytes'] = X.data.byteLength;
  } else if (task === 'wide') {
    const W = { rows: WIDE.n, cols: WIDE.d, data: cachedWide(WIDE).data };
    const powerIterations = args[0] === undefined || args[0] === 'auto' ? 'auto' : Number(args[0]);
    const oversamples = args[1] === undefined ? 10 : Number(args[1]);
    const seed = args[2] === undefined ? undefined : Number(args[2]);
    const t0 = cpuSeconds();
    const m = pca(W, { components: 50, solver: 'randomized', powerIterations, oversamples, seed });
    out['seconds'] = cpuSeconds() - t0;
    out['explained'] = Array.from(m.explainedVariance);
  } else {
    throw new Error(`unknown child task ${task}`);
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

// ---------------------------------------------------------------------------------------------
// Parent: interleaved child processes, medians, a markdown summary.

interface Run {
  json: Record<string, unknown>;
  rssMiB: number;
}

const here = fileURLToPath(import.meta.url);

function spawn(cmd: string[], env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync('/usr/bin/time', ['-v', ...cmd], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`${cmd.join(' ')} failed (${r.status}): ${r.stderr?.slice(-2000)}`);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return { json: JSON.parse(line) as Record<string, unknown>, rssMiB: m ? Number(m[1]) / 1024 : NaN };
}

const NATIVE_ENV = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

function latent(task: string, ...args: (string | number)[]): Run {
  return spawn(['node', '--max-old-space-size=4096', '--import', 'tsx', here, '--child', task, ...args.map(String)]);
}

function native(task: string, corpus: string, queries: string, n: number, q: number, d: number, extra?: string): Run {
  const script = fileURLToPath(new URL('./native/embeddings.py', import.meta.url));
  return spawn(['python3', script, task, corpus, queries, String(n), String(q), String(d), ...(extra === undefined ? [] : [extra])], NATIVE_ENV);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const num = (r: Run, key: string): number => r.json[key] as number;
const f = (x: number, digits = 2): string => (Number.isFinite(x) ? x.toFixed(digits) : '—');

function recall(a: number[], b: number[], q: number): number {
  let hit = 0;
  for (let r = 0; r < q; r++) {
    const s = new Set(b.slice(r * 10, r * 10 + 10));
    for (let t = 0; t < 10; t++) if (s.has(a[r * 10 + t]!)) hit++;
  }
  return hit / (10 * q);
}

function identicalRows(a: number[], b: number[], q: number): number {
  let same = 0;
  for (let r = 0; r < q; r++) {
    let ok = true;
    for (let t = 0; t < 10; t++) if (a[r * 10 + t] !== b[r * 10 + t]) ok = false;
    if (ok) same++;
  }
  return same;
}

function parent(argv: string[]): void {
  const opt = (name: string, fallback: string): string => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1]! : fallback;
  };
  const reps = Number(opt('reps', '3'));
  const tasks = new Set(opt('tasks', 'knn,kmeans,minibatch,pca,wide').split(','));
  const corpus = cachedEmbeddings(CORPUS).path;
  const queries = cachedEmbeddings(QUERIES).path;
  const wide = cachedWide(WIDE).path;
  const lines: string[] = [];
  const say = (s: string): void => {
    console.log(s);
    lines.push(s);
  };
  say(`# embeddings bench — ${new Date().toISOString()}, load average ${(loadAverage()).join(' ')}, ${reps} interleaved repeats, CPU seconds (medians)`);

  if (tasks.has('knn')) {
    for (const [n, q, verify] of [
      [30_000, 300, 300],
      [100_000, 1_000, 200],
    ] as const) {
      const L: Run[] = [];
      const N: Record<string, Run[]> = { 'knn-numpy': [], 'knn-faiss': [], 'knn-sklearn': [] };
      for (let r = 0; r < reps; r++) {
        const nat = (): void => {
          for (const t of Object.keys(N)) N[t]!.push(native(t, corpus, queries, n, q, D));
        };
        if (r % 2 === 1) nat();
        L.push(latent('knn', n, q, r === 0 ? verify : 0));
        if (r % 2 === 0) nat();
      }
      const ref64 = native('knn-numpy64', corpus, queries, n, q, D);
      const li = L[0]!.json['indices'] as number[];
      const sec = median(L.map((x) => num(x, 'seconds')));
      const eff = median(L.map((x) => num(x, 'effective')));
      const g = median(L.map((x) => num(x, 'gemm')));
      const ratios = L.map((x) => num(x, 'effective') / num(x, 'gemm'));
      say(`\n## exact top-10 cosine kNN, ${n} × ${D} Float32 corpus, ${q} queries`);
      say(`| | CPU s | effective GFLOP/s (2·d per pair) | vs latent gemm | latent ÷ it | peak RSS MiB | quality |`);
      say(`|---|---:|---:|---:|---:|---:|---|`);
      say(
        `| **latent \`knn\`** | ${f(sec)} | ${f(eff)} | ${f(median(ratios) * 100, 0)} % of ${f(g)} (runs: ${ratios.map((x) => f(x * 100, 0)).join(', ')} %) | 1 | ${f(median(L.map((x) => x.rssMiB)), 0)} | ${num(L[0]!, 'identicalRows')}/${num(L[0]!, 'verified')} rows identical to the float64 difference-form brute force (${num(L[0]!, 'differentDistances')} distances differ); ${identicalRows(li, ref64.json['indices'] as number[], q)}/${q} rows identical to numpy float64 |`,
      );
      for (const [t, runs] of Object.entries(N)) {
        const s = median(runs.map((x) => num(x, 'seconds')));
        say(`| ${t.replace('knn-', '')} float32 | ${f(s)} | ${f((2 * D * n * q) / s / 1e9)} | | ${f(sec / s)} | ${f(median(runs.map((x) => x.rssMiB)), 0)} | recall@10 vs latent ${f(recall(runs[0]!.json['indices'] as number[], li, q), 4)} |`);
      }
      say(`| numpy float64 | ${f(num(ref64, 'seconds'))} | ${f((2 * D * n * q) / num(ref64, 'seconds') / 1e9)} | | ${f(sec / num(ref64, 'seconds'))} | ${f(ref64.rssMiB, 0)} | (one run) |`);
      const dataMiB = num(L[0]!, 'dataBytes') / 2 ** 20;
      say(`latent's extra ArrayBuffer memory at its peak (sampled at every progress report): ${f(median(L.map((x) => num(x, 'extraBytes'))) / 2 ** 20, 1)} MiB next to ${f(dataMiB, 1)} MiB of Float32 data (${f((median(L.map((x) => num(x, 'extraBytes'))) / num(L[0]!, 'dataBytes')) * 100, 1)} %).`);
    }
  }

  if (tasks.has('kmeans')) {
    const L: Run[] = [];
    const S: Run[] = [];
    const E: Run[] = [];
    for (let r = 0; r < reps; r++) {
      const nat = (): void => {
        S.push(native('kmeans', corpus, queries, CORPUS.n, 0, D, '100'));
        E.push(native('kmeans-elkan', corpus, queries, CORPUS.n, 0, D, '100'));
      };
      if (r % 2 === 1) nat();
      L.push(latent('kmeans', r));
      if (r % 2 === 0) nat();
    }
    say(`\n## k-means, k = 100, one k-means++ start, ${CORPUS.n} × ${D}`);
    say(`| | CPU s (runs) | seeding s | iterations | inertia (runs) | peak RSS MiB |`);
    say(`|---|---|---:|---|---|---:|`);
    say(`| **latent \`kmeans\`** (Float32 in place) | ${f(median(L.map((x) => num(x, 'seconds'))))} (${L.map((x) => f(num(x, 'seconds'), 1)).join(', ')}) | ${f(median(L.map((x) => num(x, 'initSeconds'))))} | ${L.map((x) => num(x, 'iterations')).join(', ')} | ${f(median(L.map((x) => num(x, 'inertia'))), 1)} (${L.map((x) => f(num(x, 'inertia'), 0)).join(', ')}) | ${f(median(L.map((x) => x.rssMiB)), 0)} |`);
    for (const [name, runs] of [
      ['scikit-learn KMeans float64 (lloyd)', S],
      ['scikit-learn KMeans float64 (elkan)', E],
    ] as const) {
      say(`| ${name} | ${f(median(runs.map((x) => num(x, 'seconds'))))} (${runs.map((x) => f(num(x, 'seconds'), 1)).join(', ')}) | | ${runs.map((x) => num(x, 'iterations')).join(', ')} | ${f(median(runs.map((x) => num(x, 'inertia'))), 1)} | ${f(median(runs.map((x) => x.rssMiB)), 0)} |`);
    }
    say(`latent ÷ scikit-learn lloyd: ${f(median(L.map((x) => num(x, 'seconds'))) / median(S.map((x) => num(x, 'seconds'))))}; median inertia latent / scikit-learn − 1: ${f((median(L.map((x) => num(x, 'inertia'))) / median(S.map((x) => num(x, 'inertia'))) - 1) * 100, 3)} %; latent's extra memory ${f(median(L.map((x) => num(x, 'extraBytes'))) / 2 ** 20, 1)} MiB next to ${f(num(L[0]!, 'dataBytes') / 2 ** 20, 1)} MiB of data; gemm ${f(median(L.map((x) => num(x, 'gemm'))))} GFLOP/s.`);
  }

  if (tasks.has('minibatch')) {
    const L: Run[] = [];
    const S: Run[] = [];
    const S32: Run[] = [];
    for (let r = 0; r < reps; r++) {
      const nat = (): void => {
        S.push(native('minibatch', corpus, queries, CORPUS.n, 0, D, '100'));
        S32.push(native('minibatch32', corpus, queries, CORPUS.n, 0, D, '100'));
      };
      if (r % 2 === 1) nat();
      L.push(latent('minibatch', r));
      if (r % 2 === 0) nat();
    }
    say(`\n## mini-batch k-means, k = 100, batch 1024, ${CORPUS.n} × ${D}`);
    say(`| | CPU s (runs) | steps | ms per step (incl. final labels) | inertia (median) | peak RSS MiB |`);
    say(`|---|---|---|---:|---:|---:|`);
    const row = (name: string, runs: Run[], stepsKey: string): void => {
      const s = median(runs.map((x) => num(x, 'seconds')));
      const st = median(runs.map((x) => num(x, stepsKey)));
      say(`| ${name} | ${f(s)} (${runs.map((x) => f(num(x, 'seconds'), 1)).join(', ')}) | ${runs.map((x) => num(x, stepsKey)).join(', ')} | ${f((s * 1000) / st, 1)} | ${f(median(runs.map((x) => num(x, 'inertia'))), 1)} | ${f(median(runs.map((x) => x.rssMiB)), 0)} |`);
    };
    row('**latent `miniBatchKmeans`** (Float32 in place)', L, 'iterations');
    row('scikit-learn MiniBatchKMeans float64', S, 'steps');
    row('scikit-learn MiniBatchKMeans float32', S32, 'steps');
    say(`latent ÷ scikit-learn float64: ${f(median(L.map((x) => num(x, 'seconds'))) / median(S.map((x) => num(x, 'seconds'))))}; inertia latent / scikit-learn − 1: ${f((median(L.map((x) => num(x, 'inertia'))) / median(S.map((x) => num(x, 'inertia'))) - 1) * 100, 2)} %.`);
  }

  if (tasks.has('pca')) {
    const L: Run[] = [];
    const C: Run[] = [];
    const F: Run[] = [];
    const R: Run[] = [];
    for (let r = 0; r < reps; r++) {
      const nat = (): void => {
        C.push(native('pca-cov', corpus, queries, CORPUS.n, 0, D));
        R.push(native('pca-rand', corpus, queries, CORPUS.n, 0, D));
        if (r === 0) F.push(native('pca-full', corpus, queries, CORPUS.n, 0, D));
      };
      if (r % 2 === 1) nat();
      L.push(latent('pca'));
      if (r % 2 === 0) nat();
    }
    const svd = latent('pca-svd');
    const rnd = latent('pca-rand');
    const exact = F[0]!.json['explained'] as number[];
    const relErr = (a: number[], b: number[]): number => Math.max(...a.map((v, i) => Math.abs(v / b[i]! - 1)));
    const la = L[0]!.json['explained'] as number[];
    say(`\n## PCA → 50 components, ${CORPUS.n} × ${D}`);
    say(`| | CPU s (runs) | max rel. error of the 50 variances vs scikit-learn 'full' | 50th | peak RSS MiB |`);
    say(`|---|---|---:|---:|---:|`);
    say(`| **latent \`pca\` 'auto'** (covariance, Float32 in place) | ${f(median(L.map((x) => num(x, 'seconds'))))} (${L.map((x) => f(num(x, 'seconds'), 2)).join(', ')}); ${f(median(L.map((x) => num(x, 'effective'))))} GFLOP/s (n·d²) vs gemm ${f(median(L.map((x) => num(x, 'gemm'))))} | ${relErr(la, exact).toExponential(1)} | ${Math.abs(la[49]! / exact[49]! - 1).toExponential(1)} | ${f(median(L.map((x) => x.rssMiB)), 0)} |`);
    say(`| latent 'svd' | ${f(num(svd, 'seconds'))} | ${relErr(svd.json['explained'] as number[], exact).toExponential(1)} | | ${f(svd.rssMiB, 0)} |`);
    say(`| latent 'randomized' | ${f(num(rnd, 'seconds'))} | ${relErr(rnd.json['explained'] as number[], exact).toExponential(1)} | ${Math.abs((rnd.json['explained'] as number[])[49]! / exact[49]! - 1).toExponential(1)} | ${f(rnd.rssMiB, 0)} |`);
    say(`| scikit-learn covariance_eigh float64 | ${f(median(C.map((x) => num(x, 'seconds'))))} | ${relErr(C[0]!.json['explained'] as number[], exact).toExponential(1)} | | ${f(median(C.map((x) => x.rssMiB)), 0)} |`);
    say(`| scikit-learn full float64 | ${f(num(F[0]!, 'seconds'))} | 0 | | ${f(F[0]!.rssMiB, 0)} |`);
    say(`| scikit-learn randomized float64 | ${f(median(R.map((x) => num(x, 'seconds'))))} | ${relErr(R[0]!.json['explained'] as number[], exact).toExponential(1)} | ${Math.abs((R[0]!.json['explained'] as number[])[49]! / exact[49]! - 1).toExponential(1)} | ${f(median(R.map((x) => x.rssMiB)), 0)} |`);
    say(`latent 'auto' vs latent 'svd': max relative difference of the explained variances ${relErr(la, svd.json['explained'] as number[]).toExponential(1)}; latent 'auto' ÷ scikit-learn covariance_eigh ${f(median(L.map((x) => num(x, 'seconds'))) / median(C.map((x) => num(x, 'seconds'))))}.`);
  }

  if (tasks.has('wide')) {
    const L: Run[] = [];
    const L1: Run[] = [];
    const S: Run[] = [];
    const S32: Run[] = [];
    const S1: Run[] = [];
    let exact: number[] = [];
    for (let r = 0; r < reps; r++) {
      const nat = (): void => {
        const s = native('wide-rand', wide, wide, WIDE.n, 0, WIDE.d, r === 0 ? 'exact' : undefined);
        if (r === 0) exact = s.json['exact'] as number[];
        S.push(s);
        S32.push(native('wide-rand32', wide, wide, WIDE.n, 0, WIDE.d));
        S1.push(native('wide-rand-1-50', wide, wide, WIDE.n, 0, WIDE.d));
      };
      if (r % 2 === 1) nat();
      L.push(latent('wide'));
      L1.push(latent('wide', 1, 50));
      if (r % 2 === 0) nat();
    }
    const err = (run: Run): string => {
      const a = run.json['explained'] as number[];
      return `${Math.max(...a.map((v, i) => Math.abs(v / exact[i]! - 1))).toExponential(1)} (50th ${Math.abs(a[49]! / exact[49]! - 1).toExponential(1)})`;
    };
    say(`\n## randomized PCA on wide data, ${WIDE.n} × ${WIDE.d} → 50 (10 oversamples, 7 power iterations: scikit-learn's defaults)`);
    say(`| | CPU s (runs) | max rel. error of the variances vs exact (50th) | peak RSS MiB |`);
    say(`|---|---|---|---:|`);
    say(`| **latent \`pca\` 'randomized'** (Float32 in place) | ${f(median(L.map((x) => num(x, 'seconds'))))} (${L.map((x) => f(num(x, 'seconds'), 1)).join(', ')}) | ${err(L[0]!)} | ${f(median(L.map((x) => x.rssMiB)), 0)} |`);
    say(`| latent, \`powerIterations: 1, oversamples: 50\` | ${f(median(L1.map((x) => num(x, 'seconds'))))} (${L1.map((x) => f(num(x, 'seconds'), 1)).join(', ')}) | ${err(L1[0]!)} | ${f(median(L1.map((x) => x.rssMiB)), 0)} |`);
    say(`| scikit-learn randomized float64 | ${f(median(S.map((x) => num(x, 'seconds'))))} | ${err(S[0]!)} | ${f(median(S.map((x) => x.rssMiB)), 0)} |`);
    say(`| scikit-learn randomized float32 | ${f(median(S32.map((x) => num(x, 'seconds'))))} | ${err(S32[0]!)} | ${f(median(S32.map((x) => x.rssMiB)), 0)} |`);
    say(`| scikit-learn float64, \`iterated_power=1, n_oversamples=50\` | ${f(median(S1.map((x) => num(x, 'seconds'))))} | ${err(S1[0]!)} | ${f(median(S1.map((x) => x.rssMiB)), 0)} |`);
    say(`latent (defaults) ÷ scikit-learn float64: ${f(median(L.map((x) => num(x, 'seconds'))) / median(S.map((x) => num(x, 'seconds'))))}; ÷ float32: ${f(median(L.map((x) => num(x, 'seconds'))) / median(S32.map((x) => num(x, 'seconds'))))}; latent (1 iteration, 50 oversamples) ÷ scikit-learn float64 (its defaults): ${f(median(L1.map((x) => num(x, 'seconds'))) / median(S.map((x) => num(x, 'seconds'))))}, ÷ scikit-learn float64 at the same setting: ${f(median(L1.map((x) => num(x, 'seconds'))) / median(S1.map((x) => num(x, 'seconds'))))}; gemm ${f(median(L.map((x) => num(x, 'gemm'))))} GFLOP/s.`);
  }
  if (tasks.has('wide-seeds')) {
    // One seed's error is a draw: compare the randomized PCAs over five seeds each. Seed 3 is
    // skipped: the wide set is generated from latent's rng(3), so latent's seed-3 test matrix
    // holds the data's own signal directions (errors of 1e-11 that say nothing).
    const ex = native('wide-rand', wide, wide, WIDE.n, 0, WIDE.d, 'exact').json['exact'] as number[];
    const errors = (a: number[]): [number, number] => [Math.max(...a.map((v, i) => Math.abs(v / ex[i]! - 1))), Math.abs(a[49]! / ex[49]! - 1)];
    const seeds = [1, 2, 4, 5, 6];
    const sk = native('wide-seeds', wide, wide, WIDE.n, 0, WIDE.d).json;
    const rows: [string, [number, number][], number[]][] = [
      ['scikit-learn randomized float64 (defaults), random_state 1, 2, 4, 5, 6', (sk['explained'] as number[][]).map(errors), sk['seconds'] as number[]],
    ];
    for (const [label, it, ov] of [
      ["latent `pca` 'randomized' (defaults), seed 1, 2, 4, 5, 6", 'auto', 10],
      ['latent, `powerIterations: 1, oversamples: 50`, seed 1, 2, 4, 5, 6', 1, 50],
    ] as const) {
      const runs = seeds.map((seed) => latent('wide', it, ov, seed));
      rows.push([label, runs.map((r) => errors(r.json['explained'] as number[])), runs.map((r) => num(r, 'seconds'))]);
    }
    const e = (x: number): string => x.toExponential(1);
    say(`\n## randomized PCA on wide data, ${WIDE.n} × ${WIDE.d} → 50: accuracy over five seeds`);
    say(`| | max rel. error of the 50 variances, by seed | median | 50th variance, median | CPU s, median |`);
    say(`|---|---|---:|---:|---:|`);
    for (const [label, errs, secs] of rows) {
      say(`| ${label} | ${errs.map((x) => e(x[0])).join(', ')} | ${e(median(errs.map((x) => x[0])))} | ${e(median(errs.map((x) => x[1])))} | ${f(median(secs))} |`);
    }
  }
  say(`\nload average at the end: ${loadAverage().join(' ')}`);
}

function loadAverage(): string[] {
  try {
    const r = spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' });
    return r.stdout.trim().split(' ').slice(0, 3);
  } catch {
    return ['?'];
  }
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') child(argv[1]!, argv.slice(2));
else parent(argv);
