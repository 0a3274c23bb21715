/**
 * Coverage of the fuzz harness: every runtime export of `src/index.ts` and `src/internals.ts`
 * has a fuzz spec or a stated exclusion (so HNSW, UMAP, HDBSCAN… cannot land unfuzzed), every
 * spec names a real export, every option key a function accepts is fuzzed, and exported constant
 * arrays cannot be mutated by a caller.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as root from '../../src/index.js';
import * as internals from '../../src/internals.js';
import { isLatentError } from '../../src/core/errors.js';
import { KNOWN_MUTABLE_CONSTANTS } from './known-failures.js';
import { INTERNALS_EXCLUDED, ROOT_EXCLUDED, SPECS } from './specs/index.js';

const rootNames = Object.keys(root).sort();
const internalNames = Object.keys(internals).sort();
const specNames = new Set(SPECS.map((s) => s.name));

describe('fuzz coverage', () => {
  it('every root export has a fuzz spec or a stated exclusion', () => {
    const missing = rootNames.filter((n) => !specNames.has(n) && ROOT_EXCLUDED[n] === undefined);
    expect(missing, `add a spec under test/fuzz/specs/ (or an exclusion with its reason) for: ${missing.join(', ')}`).toEqual([]);
  });

  it('every latent/internals export has a fuzz spec or a stated exclusion', () => {
    const missing = internalNames.filter((n) => !specNames.has(n) && INTERNALS_EXCLUDED[n] === undefined);
    expect(missing, `add a spec (or an exclusion with its reason) for: ${missing.join(', ')}`).toEqual([]);
  });

  it('specs and exclusions name real exports, once', () => {
    const all = new Set([...rootNames, ...internalNames]);
    const stale = [...specNames, ...Object.keys(ROOT_EXCLUDED), ...Object.keys(INTERNALS_EXCLUDED)].filter((n) => !all.has(n));
    expect(stale).toEqual([]);
    expect(SPECS.length).toBe(specNames.size);
    const both = [...specNames].filter((n) => ROOT_EXCLUDED[n] !== undefined || INTERNALS_EXCLUDED[n] !== undefined);
    expect(both).toEqual([]);
    for (const s of SPECS) expect(s.fn, s.name).toBe((root as Record<string, unknown>)[s.name] ?? (internals as Record<string, unknown>)[s.name]);
  });

  it('every exclusion states a reason', () => {
    for (const [name, reason] of [...Object.entries(ROOT_EXCLUDED), ...Object.entries(INTERNALS_EXCLUDED)]) expect(reason.length, name).toBeGreaterThan(20);
  });

  it('every option key a function accepts is fuzzed', async () => {
    // An unknown key far from every real one makes readOptions list the valid keys.
    const missing: string[] = [];
    for (const spec of SPECS) {
      const optionArgs = new Set(spec.slots.filter((s) => s.kind === 'options' && s.key === undefined).map((s) => s.arg));
      for (const arg of optionArgs) {
        const fuzzed = new Set(spec.slots.filter((s) => s.arg === arg && s.key !== undefined).map((s) => s.key!));
        const [args] = fc.sample(spec.args, { seed: 1, numRuns: 1 });
        const call = args!.slice();
        const base = call[arg];
        call[arg] = { ...(typeof base === 'object' && base !== null ? base : {}), qqqqqqqqqqqqqqqqqqqqqq: 1 };
        let message = '';
        try {
          await (spec.fn as (...a: unknown[]) => unknown)(...call);
        } catch (e) {
          if (isLatentError(e)) message = e.message;
        }
        const m = /\(valid: (.*)\)$/.exec(message);
        if (m === null) {
          missing.push(`${spec.name}: the unknown key was not reported with the list of valid keys (${message.slice(0, 80)})`);
          continue;
        }
        const valid = m[1]!.split(', ').map((k) => k.replace(/'/g, ''));
        for (const k of valid) if (!fuzzed.has(k)) missing.push(`${spec.name}: option '${k}' has no slot`);
        for (const k of fuzzed) if (!valid.includes(k)) missing.push(`${spec.name}: slot for '${k}', which is not an option`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('exported constant arrays are frozen (a caller cannot change what the library accepts)', () => {
    const mutable = [...Object.entries(root), ...Object.entries(internals)]
      .filter(([, v]) => typeof v === 'object' && v !== null && !Object.isFrozen(v))
      .map(([n]) => n)
      .sort();
    // Known, temporary: the list may only shrink (see known-failures.ts).
    expect(mutable).toEqual([...KNOWN_MUTABLE_CONSTANTS].sort());
  });
});
