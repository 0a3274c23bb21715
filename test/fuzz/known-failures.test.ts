/**
 * Every entry of known-failures.ts must still fail its minimal reproduction the way it says
 * (run in the fuzz worker, with the hang watchdog). When one passes, the defect is fixed:
 * delete the entry — the list may only shrink.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runPool, type PoolResult } from './harness/pool.js';
import { fuzzSettings } from './harness/settings.js';
import { KNOWN_FAILURES } from './known-failures.js';

const settings = fuzzSettings();
let result: PoolResult;

beforeAll(async () => {
  // A reproduction (tiny data) that runs 1 s is still hanging: no need to wait for the full fuzz budget.
  result = await runPool({ mode: 'repro', ...settings, only: undefined, hangMs: Math.min(settings.hangMs, 1000) });
}, 30 * 60 * 1000);

describe('known failures (temporary list: each must still fail, or be removed)', () => {
  it('ids are unique', () => {
    const ids = KNOWN_FAILURES.map((k) => k.id);
    expect(ids.length).toBe(new Set(ids).size);
  });

  for (const entry of KNOWN_FAILURES) {
    it(`${entry.id} (${entry.fns.join(', ')}): ${entry.observed.slice(0, 80)}`, () => {
      const r = result.repros.get(entry.id);
      expect(r, 'no result for this entry').toBeDefined();
      expect(r!.error, r!.error).toBeUndefined();
      expect(r!.failure, `fixed? ${entry.id} no longer fails: remove it from known-failures.ts`).toBeDefined();
      expect(r!.failure!.kind, r!.failure!.detail).toBe(entry.kind);
    });
  }
});
