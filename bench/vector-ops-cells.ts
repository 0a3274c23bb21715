/**
 * Cost of checking the cells of plain-Array inputs in the hot-path vector ops (src/core/vector.ts,
 * src/core/interpolate.ts) and the scalar metrics (src/distance/metrics.ts).
 *
 *   npx tsx bench/vector-ops-cells.ts                                   # this tree only
 *   git archive <commit> src | tar -x -C /tmp/base                      # a baseline tree, then
 *   BASE=/tmp/base npx tsx bench/vector-ops-cells.ts                    # both, interleaved, with ratios
 *   options: --runs <r> (default 9) --fns dot,euclidean --dims 3,64,384 --budget <element-ops per run>
 *            --storages number[],boxed[],Float64Array,Float32Array (default: all but boxed[])
 *
 * For every function × storage (number[], Float64Array, Float32Array) × d, a run calls the
 * function on 64 pre-built vector pairs round-robin until it has touched `budget` elements
 * (default 4e6), and records this process's CPU time (user + system; the machine is shared, CPU
 * time excludes waiting for a core). Reported: the median of `runs` runs in ns per call, for the
 * baseline tree and this tree, run alternately in the same process, and their ratio. Every
 * function sees every listed storage type during the warm-up, so its element loads are
 * polymorphic as in a program that mixes arrays and typed arrays; `--storages Float32Array` alone
 * measures the monomorphic case. `boxed[]` is a number[] whose element kind is generic (it once
 * held a string): the only storage where the per-element `typeof` test is not proven away.
 */
import type * as VectorModule from '../src/core/vector.js';
import type * as InterpolateModule from '../src/core/interpolate.js';
import type * as MetricsModule from '../src/distance/metrics.js';
import { cpuMs } from './helpers/timing.js';

type Fn2 = (a: ArrayLike<number>, b: ArrayLike<number>) => unknown;
interface Impl {
  fns: Record<string, Fn2>;
}

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1]! : fallback;
};
const RUNS = Number(opt('runs', '9'));
const DIMS = opt('dims', '3,64,384').split(',').map(Number);
const BUDGET = Number(opt('budget', '4000000'));
const ONLY = opt('fns', '');

async function load(root: string): Promise<Impl> {
  const v = (await import(`${root}/src/core/vector.ts`)) as typeof VectorModule;
  const ip = (await import(`${root}/src/core/interpolate.ts`)) as typeof InterpolateModule;
  const m = (await import(`${root}/src/distance/metrics.ts`)) as typeof MetricsModule;
  // One `out` per d, reused: the element-wise ops are measured without allocation (their hot-loop form).
  const outs = new Map<number, Float64Array>();
  const out = (n: number): Float64Array => {
    let o = outs.get(n);
    if (o === undefined) outs.set(n, (o = new Float64Array(n)));
    return o;
  };
  return {
    fns: {
      dot: v.dot,
      norm: (a) => v.norm(a),
      add: (a, b) => v.add(a, b, out(a.length)),
      sub: (a, b) => v.sub(a, b, out(a.length)),
      scale: (a) => v.scale(a, 1.5, out(a.length)),
      normalize: (a) => v.normalize(a, out(a.length)),
      lerp: (a, b) => ip.lerp(a, b, 0.3, out(a.length)),
      slerp: (a, b) => ip.slerp(a, b, 0.3, out(a.length)),
      sqeuclidean: m.sqeuclidean,
      euclidean: m.euclidean,
      manhattan: m.manhattan,
      chebyshev: m.chebyshev,
      cosine: m.cosine,
      cosineSimilarity: m.cosineSimilarity,
    },
  };
}

const here = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const cur = await load(here);
const baseRoot = process.env['BASE'];
const base = baseRoot === undefined ? undefined : await load(baseRoot);

// Deterministic data (a small LCG; the values only need to be ordinary doubles).
let seed = 12345;
const rnd = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648 - 0.5;
};
const PAIRS = 64;
type Storage = 'number[]' | 'boxed[]' | 'Float64Array' | 'Float32Array';
const STORAGES = opt('storages', 'number[],Float64Array,Float32Array').split(',') as Storage[];
function make(storage: Storage, d: number): ArrayLike<number>[] {
  const list: ArrayLike<number>[] = [];
  for (let p = 0; p < 2 * PAIRS; p++) {
    const xs: number[] = [];
    for (let i = 0; i < d; i++) xs.push(rnd());
    if (storage === 'boxed[]') {
      // Numbers only, but in an array whose element kind is generic (it once held a string), so the
      // JIT cannot prove its cells are numbers: the per-element test really runs here.
      const g: unknown[] = ['x'];
      g.pop();
      for (const x of xs) g.push(x);
      list.push(g as number[]);
    } else list.push(storage === 'number[]' ? xs : storage === 'Float64Array' ? Float64Array.from(xs) : Float32Array.from(xs));
  }
  return list;
}
const data = new Map<string, ArrayLike<number>[]>();
for (const d of DIMS) for (const s of STORAGES) data.set(`${s}/${d}`, make(s, d));

let sink = 0;
function run(f: Fn2, vs: ArrayLike<number>[], calls: number): number {
  const c0 = cpuMs();
  let acc = 0;
  for (let c = 0; c < calls; c++) {
    const p = (c % PAIRS) * 2;
    const r = f(vs[p]!, vs[p + 1]!);
    acc += typeof r === 'number' ? r : (r as Float64Array)[0]!;
  }
  sink += acc;
  return cpuMs() - c0;
}

const names = Object.keys(cur.fns).filter((n) => ONLY === '' || ONLY.split(',').includes(n));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ns: number): string => (ns < 100 ? ns.toFixed(1) : ns.toFixed(0));

console.log(`node ${process.version}; runs ${RUNS}; budget ${BUDGET} element-ops per run; load ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log(base === undefined ? '| fn | storage | d | ns/call |' : '| fn | storage | d | base ns/call | new ns/call | new/base |');
console.log(base === undefined ? '|---|---|---:|---:|' : '|---|---|---:|---:|---:|---:|');
for (const name of names) {
  const impls = base === undefined ? [cur] : [base, cur];
  // Warm-up: every storage type and d through every implementation (polymorphic element loads).
  for (const impl of impls) for (const [, vs] of data) run(impl.fns[name]!, vs, 2000);
  for (const d of DIMS) {
    for (const s of STORAGES) {
      const vs = data.get(`${s}/${d}`)!;
      const calls = Math.max(1000, Math.round(BUDGET / (d + 4)));
      const times: number[][] = impls.map(() => []);
      for (let r = 0; r < RUNS; r++) impls.forEach((impl, k) => times[k]!.push(run(impl.fns[name]!, vs, calls)));
      const ns = times.map((t) => (median(t) * 1e6) / calls);
      if (base === undefined) console.log(`| ${name} | ${s} | ${d} | ${fmt(ns[0]!)} |`);
      else console.log(`| ${name} | ${s} | ${d} | ${fmt(ns[0]!)} | ${fmt(ns[1]!)} | ${(ns[1]! / ns[0]!).toFixed(2)} |`);
    }
  }
}
if (sink === 0.123456) console.log(sink);
