/**
 * Timing helpers shared by the benchmarks. The machine is shared: wall time includes waiting
 * for a core, this process's CPU time (`process.cpuUsage`) does not, so both are reported.
 */

/** CPU time of this process so far (user + system), in ms. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Wall and CPU times (ms, each sorted ascending) of `runs` calls of `fn` after one untimed warm-up call (JIT). */
export function sample(fn: () => unknown, runs: number): { wall: number[]; cpu: number[] } {
  fn(); // warm-up (JIT)
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    cpu.push(cpuMs() - c0);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { wall, cpu };
}

/** CPU time (median, ms) of each {@link median} measurement, keyed by its median wall time. */
export const cpu: Map<number, number> = new Map();

/** Median wall time (ms) of `runs` calls of `fn` after a warm-up; its median CPU time goes into {@link cpu}. */
export function median(fn: () => unknown, runs: number): number {
  const s = sample(fn, runs);
  const m = s.wall[Math.floor(runs / 2)]!;
  cpu.set(m, s.cpu[Math.floor(runs / 2)]!);
  return m;
}
