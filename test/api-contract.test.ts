import { describe, expect, it } from 'vitest';
import { API_CONTRACT } from '../scripts/api-contract.mjs';
import * as root from '../src/index.js';

const contract = API_CONTRACT;

describe('public API contract (docs/DESIGN.md)', () => {
  for (const [mod, names] of Object.entries(contract)) {
    it(`latent/${mod} exports ${names.length} contract names, each also from the root`, async () => {
      const sub = (await import(`../src/${mod}/index.ts`)) as Record<string, unknown>;
      const missing = names.filter((n) => typeof sub[n] !== 'function');
      expect(missing).toEqual([]);
      const missingRoot = names.filter((n) => (root as Record<string, unknown>)[n] !== sub[n]);
      expect(missingRoot).toEqual([]);
    });
  }
});
