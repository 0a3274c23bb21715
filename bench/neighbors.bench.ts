/**
 * neighbors: exact k-nearest-neighbour search.
 *
 * 1. knn on 10 000 × 16 points with 1 000 queries, k = 10, on three seeded data sets:
 *    - manifold: a 3-d latent space mapped smoothly into 16 dimensions (+ 1% noise): the
 *      typical "latent space" case, low intrinsic dimension;
 *    - blobs: 10 Gaussian clusters (σ = 1, centres uniform in [0, 20]¹⁶): intrinsic dimension
 *      16 inside each cluster;
 *    - uniform: uniform noise in [0, 1]¹⁶, the worst case for every exact tree.
 *    Compared with brute force in plain JS (ml-distance `euclidean` in a loop + sort, the code a
 *    JS developer writes first; and a tighter flat-array loop with partial selection), with
 *    latent's own blocked brute force, and with druid.js's exact KDTree and BallTree.
 * 2. Self-kNN with k = 91 on digits (1797 × 64), the neighbour graph t-SNE (perplexity 30)
 *    needs: latent `knnSelf` vs brute force in plain JS and druid.js's BallTree
 *    (`search_by_index`).
 *
 * Quality: every result is compared with an exact reference (index lists; latent must match
 * 100%). Timings are medians of repeated runs in this process, as wall time and as this
 * process's CPU time (`process.cpuUsage`; on a shared machine the wall time includes waiting for
 * a core); index build time is included unless stated. Ratios are peer time / latent time.
 *
 * Run: npx vitest bench --run bench/neighbors.bench.ts
 */
import * as druid from '@saehrimnir/druidjs';
import { distance as mlDistance } from 'ml-distance';
import { bench, describe } from 'vitest';
import type { Matrix64 as Matrix } from '../src/core/matrix.js';
import { nextDouble, randomNormal, rngState } from '../src/core/random.js';
import { knnIndex } from '../src/neighbors/exact/knn-index.js';
import { knnQuery } from '../src/neighbors/exact/knn-query.js';
import { knn, knnSelf } from '../src/neighbors/exact/knn.js';
import { loadCsv } from '../test/helpers/data.js';
import { cpu, median } from './helpers/timing.js';

const N = 10000;
const Q = 1000;
const D = 16;
const K = 10;

function generate(kind: 'manifold' | 'blobs' | 'uniform', n: number, seed: number): Matrix {
  const s = rngState(seed);
  const r = (): number => nextDouble(s);
  const data = new Float64Array(n * D);
  if (kind === 'uniform') return { rows: n, cols: D, data: data.map(r) };
  if (kind === 'blobs') {
    const centres = new Float64Array(10 * D).map(() => r() * 20);
    for (let i = 0; i < n; i++) {
      const c = Math.floor(r() * 10);
      for (let j = 0; j < D; j++) data[i * D + j] = centres[c * D + j]! + randomNormal(r);
    }
    return { rows: n, cols: D, data };
  }
  const W = new Float64Array(3 * D).map(() => randomNormal(r));
  const z = new Float64Array(3);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) z[c] = r() * 4;
    for (let j = 0; j < D; j++) data[i * D + j] = Math.sin(z[0]! * W[j]!) + Math.sin(z[1]! * W[D + j]!) + Math.sin(z[2]! * W[2 * D + j]!) + 0.01 * randomNormal(r);
  }
  return { rows: n, cols: D, data };
}

const toRows = (m: Matrix): number[][] => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
const toTyped = (m: Matrix): Float64Array[] => Array.from({ length: m.rows }, (_, i) => m.data.slice(i * m.cols, (i + 1) * m.cols));

/** Brute force as usually written in JS: a distance function per pair, then sort all candidates. */
function naiveKnn(data: number[][], queries: number[][], k: number): Int32Array {
  const out = new Int32Array(queries.length * k);
  const idx = data.map((_, i) => i);
  const dist = new Float64Array(data.length);
  for (let q = 0; q < queries.length; q++) {
    for (let j = 0; j < data.length; j++) dist[j] = mlDistance.euclidean(queries[q]!, data[j]!);
    idx.sort((a, b) => dist[a]! - dist[b]! || a - b);
    for (let t = 0; t < k; t++) out[q * k + t] = idx[t]!;
  }
  return out;
}

/** A tighter plain-JS brute force: flat arrays, squared distances, insertion into a sorted k-list. */
function plainKnn(data: Matrix, queries: Matrix, k: number): Int32Array {
  const { rows: n, cols: d, data: X } = data;
  const out = new Int32Array(queries.rows * k);
  const bd = new Float64Array(k);
  const bi = new Int32Array(k);
  for (let q = 0; q < queries.rows; q++) {
    bd.fill(Infinity);
    bi.fill(-1);
    const qo = q * d;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) {
        const t = queries.data[qo + c]! - X[j * d + c]!;
        s += t * t;
      }
      if (s >= bd[k - 1]!) continue;
      let p = k - 1;
      while (p > 0 && bd[p - 1]! > s) {
        bd[p] = bd[p - 1]!;
        bi[p] = bi[p - 1]!;
        p--;
      }
      bd[p] = s;
      bi[p] = j;
    }
    out.set(bi, q * k);
  }
  return out;
}

function druidKnn(Tree: typeof druid.KDTree | typeof druid.BallTree, data: Float64Array[], queries: Float64Array[], k: number): Int32Array {
  const tree = new Tree(data, { metric: druid.euclidean });
  const out = new Int32Array(queries.length * k);
  for (let q = 0; q < queries.length; q++) {
    const res = tree.search(queries[q]!, k);
    for (let t = 0; t < k; t++) out[q * k + t] = res[t]!.index;
  }
  return out;
}

/** Share of query rows whose neighbour set equals the reference's (order-insensitive). */
function agreement(got: Int32Array, want: Int32Array, k: number): string {
  let same = 0;
  const rows = want.length / k;
  for (let r = 0; r < rows; r++) {
    const a = Array.from(got.subarray(r * k, (r + 1) * k)).sort((x, y) => x - y);
    const b = Array.from(want.subarray(r * k, (r + 1) * k)).sort((x, y) => x - y);
    if (a.every((v, i) => v === b[i])) same++;
  }
  return `${((100 * same) / rows).toFixed(1)}%`;
}

// Lines are collected and printed once per block (vitest interleaves separate console.log calls).
let lines: string[] = [];
const row = (name: string, ms: number, ours: number, quality: string): void => {
  const c = cpu.get(ms)!;
  const co = cpu.get(ours)!;
  lines.push(
    `    ${name.padEnd(46)} ${ms.toFixed(1).padStart(8)} ms  ratio ${(ms / ours).toFixed(1).padStart(5)}×   CPU ${c.toFixed(1).padStart(8)} ms  ratio ${(c / co).toFixed(1).padStart(5)}×   same neighbours ${quality}`,
  );
};
const flush = (): void => {
  console.log(lines.join('\n'));
  lines = [];
};

const sets = (['manifold', 'blobs', 'uniform'] as const).map((kind, s) => {
  const all = generate(kind, N + Q, 11 + s);
  return {
    kind,
    data: { rows: N, cols: D, data: all.data.slice(0, N * D) },
    queries: { rows: Q, cols: D, data: all.data.slice(N * D) },
  };
});

lines.push(`\nknn: ${N}×${D} points, ${Q} queries, k = ${K}, euclidean (ratio = peer time / latent auto time)`);
for (const { kind, data, queries } of sets) {
  const dataRows = toRows(data);
  const queryRows = toRows(queries);
  const dataTyped = toTyped(data);
  const queryTyped = toTyped(queries);
  const ours = knn(data, queries, K);
  const tOurs = median(() => knn(data, queries, K), 7);
  const index = knnIndex(data);
  const tQuery = median(() => knnQuery(index, queries, K), 7);
  const tBuild = median(() => knnIndex(data), 7);
  const tBrute = median(() => knn(data, queries, K, { method: 'brute' }), 5);
  const tTree = median(() => knn(data, queries, K, { method: 'vptree' }), 5);
  const ref = plainKnn(data, queries, K);
  const tPlain = median(() => plainKnn(data, queries, K), 3);
  const tNaive = median(() => naiveKnn(dataRows, queryRows, K), 1);
  const naive = naiveKnn(dataRows, queryRows, K);
  const kd = druidKnn(druid.KDTree, dataTyped, queryTyped, K);
  const tKd = median(() => druidKnn(druid.KDTree, dataTyped, queryTyped, K), 3);
  const ball = druidKnn(druid.BallTree, dataTyped, queryTyped, K);
  const tBall = median(() => druidKnn(druid.BallTree, dataTyped, queryTyped, K), 3);
  lines.push(`  ${kind}: latent auto chose '${ours.method}' (${tOurs.toFixed(1)} ms incl. build; index build ${tBuild.toFixed(1)} ms, query ${tQuery.toFixed(1)} ms)`);
  row('latent knn auto', tOurs, tOurs, agreement(ours.indices, ref, K));
  row("latent knn method 'vptree' (forced)", tTree, tOurs, agreement(knn(data, queries, K, { method: 'vptree' }).indices, ref, K));
  row("latent knn method 'brute' (blocked kernels)", tBrute, tOurs, agreement(knn(data, queries, K, { method: 'brute' }).indices, ref, K));
  row('brute force JS: ml-distance loop + sort', tNaive, tOurs, agreement(naive, ref, K));
  row('brute force JS: flat loop + partial select', tPlain, tOurs, '(reference)');
  row('druid.js KDTree (build + search)', tKd, tOurs, agreement(kd, ref, K));
  row('druid.js BallTree (build + search)', tBall, tOurs, agreement(ball, ref, K));
  flush();
}

// Self-kNN, k = 91, digits.
const digits = loadCsv('digits').data;
const K91 = 91;
{
  const n = digits.rows;
  const dRows = toRows(digits);
  const dTyped = toTyped(digits);
  const selfNaive = (): Int32Array => {
    const out = new Int32Array(n * K91);
    const idx = Array.from({ length: n }, (_, i) => i);
    const dist = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) dist[j] = j === i ? Infinity : mlDistance.euclidean(dRows[i]!, dRows[j]!);
      idx.sort((a, b) => dist[a]! - dist[b]! || a - b);
      for (let t = 0; t < K91; t++) out[i * K91 + t] = idx[t]!;
    }
    return out;
  };
  const selfPlain = (): Int32Array => {
    // Query path of the flat loop with k + 1 (the point itself comes first at distance 0, unless
    // a duplicate with a lower index ties with it), then drop the row's own index.
    const all = plainKnn(digits, digits, K91 + 1);
    const out = new Int32Array(n * K91);
    for (let i = 0; i < n; i++) {
      let t = 0;
      for (let s = 0; s <= K91 && t < K91; s++) if (all[i * (K91 + 1) + s] !== i) out[i * K91 + t++] = all[i * (K91 + 1) + s]!;
    }
    return out;
  };
  const druidSelf = (): Int32Array => {
    const tree = new druid.BallTree(dTyped, { metric: druid.euclidean });
    const out = new Int32Array(n * K91);
    for (let i = 0; i < n; i++) {
      const res = tree.search_by_index(i, K91);
      for (let t = 0; t < K91; t++) out[i * K91 + t] = res[t]!.index;
    }
    return out;
  };
  const ours = knnSelf(digits, K91);
  const tOurs = median(() => knnSelf(digits, K91), 9);
  const tQueryPath = median(() => knn(digits, digits, K91 + 1, { method: 'brute' }), 5);
  const ref = selfNaive();
  const tNaive = median(selfNaive, 1);
  const tPlain = median(selfPlain, 3);
  const tDruid = median(druidSelf, 3);
  lines.push(`\nknnSelf: digits ${n}×64, k = ${K91} (t-SNE perplexity 30); latent chose '${ours.method}'`);
  row('latent knnSelf', tOurs, tOurs, agreement(ours.indices, ref, K91));
  row('latent knn(X, X, 92) (query path, no symmetry)', tQueryPath, tOurs, '-');
  row('brute force JS: ml-distance loop + sort', tNaive, tOurs, '(reference)');
  row('brute force JS: flat loop + partial select', tPlain, tOurs, agreement(selfPlain(), ref, K91));
  row('druid.js BallTree search_by_index', tDruid, tOurs, agreement(druidSelf(), ref, K91));
  flush();
}

describe(`knn ${N}×${D}, ${Q} queries, k = ${K}`, () => {
  for (const { kind, data, queries } of sets) {
    bench(`latent knn auto (${kind})`, () => {
      knn(data, queries, K);
    });
    bench(`latent knn brute (${kind})`, () => {
      knn(data, queries, K, { method: 'brute' });
    });
  }
});

describe(`knnSelf digits, k = ${K91}`, () => {
  bench('latent knnSelf', () => {
    knnSelf(digits, K91);
  });
});
