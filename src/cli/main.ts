/**
 * Entry point of the `latent` command-line tool (built to dist/cli.js with a shebang).
 */
import { runCli } from './commands.js';
import { nodeIO } from './io.js';

process.exitCode = await runCli(process.argv.slice(2), nodeIO());
