/**
 * Entry point of the `latent` command-line tool (built to dist/cli.js with a shebang).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runCli } from './commands.js';

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  stderrTTY: process.stderr.isTTY === true,
  readFile: (p) => readFileSync(p, 'utf8'),
  readStdin: () => readFileSync(0, 'utf8'),
  writeFile: (p, t) => writeFileSync(p, t),
});
process.exitCode = code;
