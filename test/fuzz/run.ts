/**
 * Command-line fuzz run (the same harness as `fuzz.test.ts`, with a printed report):
 *
 *   npx tsx test/fuzz/run.ts                       # default depth, every spec
 *   FUZZ_DEPTH=deep npx tsx test/fuzz/run.ts       # 20× the cases
 *   FUZZ_ONLY=pca,kmeans FC_SEED=7 npx tsx test/fuzz/run.ts
 *   FUZZ_REPORT=.tmp/fuzz.json npx tsx test/fuzz/run.ts   # every failure as JSON
 *   FUZZ_IGNORE_KNOWN=1 ...                        # run the cases known-failures.ts skips (before counts)
 */
import { writeFileSync } from 'node:fs';
import { fuzzSettings } from './harness/settings.js';
import { runPool } from './harness/pool.js';
import { summarize } from './harness/report.js';

const s = fuzzSettings();
const result = await runPool({ mode: 'fuzz', ...s });
console.log(summarize(result, s));
if (process.env['FUZZ_REPORT'] !== undefined) writeFileSync(process.env['FUZZ_REPORT'], JSON.stringify({ settings: s, failures: result.failures, stats: [...result.stats.values()], slow: result.slow }, null, 1));
process.exitCode = result.failures.length > 0 ? 1 : 0;
