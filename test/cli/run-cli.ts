/** Runs the `latent` CLI in memory: files from a map, stdin from a string, writes recorded. */
import { readFileSync } from 'node:fs';
import { runCli, type CliIO } from '../../src/cli/commands.js';
import { LatentError } from '../../src/core/index.js';

export const IRIS: string = readFileSync(new URL('../../data/iris.csv', import.meta.url), 'utf8');

/** What a run printed, wrote and read. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
  written: Map<string, string>;
  /** Paths read, in order ('-' = stdin): empty when the command stopped before reading. */
  reads: string[];
}

/** Options of {@link cli}. */
export interface CliRunOptions {
  stdin?: string;
  /** Paths that `checkWritable` refuses. */
  unwritable?: readonly string[];
}

/**
 * An in-memory {@link CliIO} and the record it fills.
 *
 * @param files - readable files by path
 * @param options - stdin text and unwritable paths
 * @returns the IO and a function giving what was printed, written and read so far
 */
export function memoryIO(files: Record<string, string>, options: CliRunOptions = {}): { io: CliIO; result: (code: number) => CliRun } {
  let out = '';
  let err = '';
  const written = new Map<string, string>();
  const reads: string[] = [];
  const io: CliIO = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    stderrTTY: false,
    readInput: (p) => {
      reads.push(p);
      if (p === '-') return options.stdin ?? '';
      const f = files[p];
      if (f === undefined) throw new LatentError('E_OPTION', `cannot read ${p}: ENOENT: no such file or directory, open '${p}'`);
      return f;
    },
    checkWritable: (p) => {
      if (options.unwritable?.includes(p)) throw new LatentError('E_OPTION', `cannot write ${p}: permission denied`);
    },
    writeFile: (p, t) => void written.set(p, t),
  };
  return { io, result: (code) => ({ code, out, err, written, reads }) };
}

/**
 * Runs `latent <argv>` in memory.
 *
 * @param argv - the arguments after `latent`
 * @param files - readable files by path
 * @param options - stdin text and unwritable paths
 * @returns exit code, stdout, stderr, written files and the paths read
 */
export async function cli(argv: string[], files: Record<string, string> = { 'iris.csv': IRIS }, options: CliRunOptions = {}): Promise<CliRun> {
  const { io, result } = memoryIO(files, options);
  return result(await runCli(argv, io));
}
