import { PerformanceObserver } from 'node:perf_hooks';

/**
 * Bytes of ArrayBuffer memory allocated while `fn` runs: `process.memoryUsage().arrayBuffers`
 * after minus before. A synchronous call runs no other JavaScript, so with no garbage collection
 * during it this counts every typed array the call created, transient ones included — at least
 * its peak extra memory. A collection during the call could free transient buffers and hide
 * them, so the call is watched with a PerformanceObserver on `gc` entries and repeated (up to 5
 * times) until one runs without a collection; if none does, the measurement throws rather than
 * report a number that could be too small.
 */
export async function allocatedBytes(fn: () => unknown): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const gcs: { start: number; end: number }[] = [];
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcs.push({ start: e.startTime, end: e.startTime + e.duration });
    });
    obs.observe({ entryTypes: ['gc'] });
    await new Promise((r) => setTimeout(r, 0));
    const t0 = performance.now();
    const before = process.memoryUsage().arrayBuffers;
    const result = fn();
    const after = process.memoryUsage().arrayBuffers;
    const t1 = performance.now();
    await new Promise((r) => setTimeout(r, 20));
    obs.disconnect();
    void result;
    if (!gcs.some((g) => g.end >= t0 && g.start <= t1)) return after - before;
  }
  throw new Error('allocatedBytes: a garbage collection ran during every attempt; the count would be unreliable');
}
