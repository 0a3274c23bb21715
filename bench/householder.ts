/**
 * Householder QR on tall matrices: reflector by reflector (the level-2 loops, run here as one
 * panel as wide as the matrix, which is exactly that code path) against panels of 32 block
 * reflectors (what `householderQr` runs from 256 columns), the public `svd` with U, and numpy's
 * `np.linalg.qr` (LAPACK dgeqrf + dorgqr, single-threaded BLAS) as the native reference.
 *
 * Data: uniform values in [−1, 1) from latent's seeded generator, the same bits for numpy (the
 * matrix is written to a temporary file). Times are CPU seconds, medians of `--reps` runs.
 *
 * Run: npx tsx bench/householder.ts [--reps 3] [--shapes 20000x384,5000x512,10000x256]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rng } from '../src/core/random.js';
import { householderQrBlocked, orthonormalizeColumns } from '../src/decomposition/householder.js';
import { svd } from '../src/decomposition/svd.js';
import { cpuMs } from './helpers/timing.js';

function opt(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const reps = Number(opt('reps', '3'));
const shapes = opt('shapes', '20000x384,5000x512,10000x256').split(',').map((s) => s.split('x').map(Number) as [number, number]);

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** CPU seconds of `fn` on a fresh copy of `cols`, median of `reps`. */
function time(cols: Float64Array, fn: (a: Float64Array) => void): number {
  const runs: number[] = [];
  for (let r = 0; r < reps; r++) {
    const a = cols.slice();
    const c0 = cpuMs();
    fn(a);
    runs.push((cpuMs() - c0) / 1000);
  }
  return median(runs);
}

const NUMPY = `
import sys, time, numpy as np
q, p, reps, path = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
A = np.fromfile(path, dtype=np.float64).reshape(p, q).T.copy()
def t(f):
    out = []
    for _ in range(reps):
        c0 = time.process_time(); f(); out.append(time.process_time() - c0)
    return sorted(out)[len(out) // 2]
print(t(lambda: np.linalg.qr(A, mode='r')), t(lambda: np.linalg.qr(A, mode='reduced')))
`;

console.log(`Householder QR, CPU seconds (median of ${reps}); numpy single-threaded BLAS\n`);
console.log('| q × p | R: one reflector at a time | R: panels of 32 | speed-up | thin Q (`orthonormalizeColumns`) | `svd` with U | numpy R | numpy Q and R |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
const dir = mkdtempSync(join(tmpdir(), 'latent-qr-'));
try {
  for (const [q, p] of shapes) {
    const r = rng(11);
    const cols = new Float64Array(q * p);
    for (let i = 0; i < cols.length; i++) cols[i] = 2 * r() - 1;
    const level2 = time(cols, (a) => householderQrBlocked(a, q, p, new Float64Array(p), p));
    const blocked = time(cols, (a) => householderQrBlocked(a, q, p, new Float64Array(p), 32));
    const thinQ = time(cols, (a) => orthonormalizeColumns(a, q, p, new Float64Array(p), new Float64Array(p * q)));
    // svd reads rows: the transpose of the column storage.
    const rows = new Float64Array(q * p);
    for (let c = 0; c < p; c++) for (let i = 0; i < q; i++) rows[i * p + c] = cols[c * q + i]!;
    const svdU = time(rows, (a) => svd({ rows: q, cols: p, data: a }));
    const path = join(dir, `${q}x${p}.bin`);
    writeFileSync(path, cols);
    const py = spawnSync('python3', ['-c', NUMPY, String(q), String(p), String(reps), path], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' } });
    const [npR, npQR] = py.status === 0 ? py.stdout.trim().split(/\s+/).map(Number) : [NaN, NaN];
    const f = (s: number | undefined): string => (s === undefined || Number.isNaN(s) ? 'n/a' : `${s.toFixed(2)} s`);
    console.log(`| ${q} × ${p} | ${f(level2)} | ${f(blocked)} | ${(level2 / blocked).toFixed(2)}× | ${f(thinQ)} | ${f(svdU)} | ${f(npR)} | ${f(npQR)} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
