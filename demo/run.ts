/**
 * `npm run demo`: the whole story of latent on the bundled digits, with progress on the
 * terminal, a summary table, and a self-contained demo/report.html. It is `latent report`
 * with the digits as defaults, so it takes the same options on your own data:
 *
 *   npm run demo -- path/to/data.csv --label species     (`latent report --help` lists the rest)
 *   npm run demo -- path/to/data.csv species             (the label as a second word works too)
 *
 * Errors are printed as `latent: <message>` (no stack trace) and set the exit code.
 */
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/commands.js';
import { nodeIO } from '../src/cli/io.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const ownFile = args[0] !== undefined && !args[0].startsWith('-');
const rest = ownFile ? args.slice(1) : args;
const options = ownFile && rest[0] !== undefined && !rest[0].startsWith('-') ? ['--label', ...rest] : rest;
const input = ownFile ? [args[0]!] : [`${here}../data/digits.csv`, '--label', 'label', '--image', '8x8', '--title', 'handwritten digits (8×8)'];
const out = options.includes('--out') || options.some((o) => o.startsWith('--out=')) ? [] : ['--out', `${here}report.html`];

const t0 = performance.now();
const code = await runCli(['report', ...input, ...options, ...out], nodeIO());
if (code === 0 && !options.includes('--help') && !options.includes('-h')) process.stdout.write(`total ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
process.exitCode = code;
