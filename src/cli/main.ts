/**
 * Entry point of the `latent` command-line tool (built to dist/cli.js with a shebang).
 */
import { runCli } from './commands.js';
import { exitWhenStdoutCloses, nodeIO } from './io.js';

exitWhenStdoutCloses();
process.exitCode = await runCli(process.argv.slice(2), nodeIO());
