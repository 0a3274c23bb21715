import { describe, expect, it } from 'vitest';
import { runAsync, runSync, type Work } from '../../src/core/task.js';
import { expectLatentError as expectCode } from '../helpers/latent-error.js';

function* count(n: number, log: number[]): Work<number> {
  let s = 0;
  for (let i = 0; i < n; i++) {
    s += i;
    log.push(i);
    yield i % 2 === 0 ? { stage: 'count', completed: i + 1, total: n } : undefined;
  }
  return s;
}

describe('runSync / runAsync', () => {
  it('return the same result and forward only the progress reports', async () => {
    const seen: number[] = [];
    expect(runSync(count(5, []), { fn: 't', onProgress: (p) => seen.push(p.completed) })).toBe(10);
    expect(seen).toEqual([1, 3, 5]);
    expect(await runAsync(count(5, []), { fn: 't' })).toBe(10);
  });

  it('stop at the next checkpoint once the signal fires from onProgress', () => {
    const ac = new AbortController();
    const log: number[] = [];
    expectCode(() => runSync(count(100, log), { fn: 'demo', signal: ac.signal, onProgress: (p) => p.completed === 3 && ac.abort() }), 'E_ABORTED', "demo: aborted by the caller's AbortSignal");
    expect(log).toEqual([0, 1, 2]);
  });

  it('runAsync lets a timer abort long work', async () => {
    const ac = new AbortController();
    function* forever(): Work<never> {
      for (;;) {
        const t = Date.now();
        while (Date.now() - t < 1);
        yield undefined;
      }
    }
    setTimeout(() => ac.abort(), 30);
    await expect(runAsync(forever(), { fn: 'demo', signal: ac.signal })).rejects.toMatchObject({ code: 'E_ABORTED' });
  });
});
