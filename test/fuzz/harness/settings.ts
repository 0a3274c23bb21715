/** Fuzz settings from the environment (documented in fuzz.test.ts and run.ts). */

export interface FuzzSettings {
  seed: number;
  depth: number;
  only?: readonly string[];
  hangMs: number;
  slowMs: number;
  ignoreKnown: boolean;
}

/** The seed `test/setup.ts` gives fast-check, unless FC_SEED overrides it. */
export const DEFAULT_SEED = 20261122;

/** Depth multiplier of `FUZZ_DEPTH=deep`. */
export const DEEP = 20;

export function fuzzSettings(env: Record<string, string | undefined> = process.env): FuzzSettings {
  const seed = Number(env['FC_SEED'] ?? DEFAULT_SEED);
  const rawDepth = env['FUZZ_DEPTH'];
  let depth = 1;
  if (rawDepth === 'deep') depth = DEEP;
  else if (rawDepth !== undefined && rawDepth !== '') depth = Number(rawDepth);
  else if (env['FC_NUM_RUNS'] !== undefined && env['FC_NUM_RUNS'] !== '') depth = Number(env['FC_NUM_RUNS']) / 100;
  if (!(depth > 0) || !Number.isFinite(depth)) throw new Error(`FUZZ_DEPTH must be 'deep' or a positive number, got ${String(rawDepth)}`);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${String(env['FC_SEED'])}`);
  const only = env['FUZZ_ONLY'] !== undefined && env['FUZZ_ONLY'] !== '' ? env['FUZZ_ONLY'].split(',').map((s) => s.trim()) : undefined;
  return {
    seed,
    depth,
    ...(only !== undefined ? { only } : {}),
    hangMs: Number(env['FUZZ_HANG_MS'] ?? 20_000),
    slowMs: Number(env['FUZZ_SLOW_MS'] ?? 2_000),
    ignoreKnown: env['FUZZ_IGNORE_KNOWN'] === '1',
  };
}
