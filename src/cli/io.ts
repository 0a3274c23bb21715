/**
 * What a command may touch (files, stdin, stdout, stderr), and its Node implementation.
 * Commands receive a {@link CliIO} so tests run them in memory; {@link nodeIO} is the real one.
 *
 * Reading is bounded: a regular file larger than the input budget is refused before any byte is
 * read (its size is known), and stdin, pipes and devices are read in chunks and refused as
 * soon as they pass the budget, so `/dev/zero` or an endless pipe never exhausts the heap.
 */
import { constants as bufferConstants } from 'node:buffer';
import { accessSync, closeSync, constants, fstatSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { LatentError, isLatentError } from '../core/index.js';

/** What a command may touch: injected so tests run commands without spawning a process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is an interactive terminal (progress bars redraw). */
  stderrTTY: boolean;
  /**
   * The whole text of an input file (`'-'` = stdin).
   * @throws LatentError `E_MEMORY` (larger than the input budget), `E_PARSE` (binary data),
   *   `E_OPTION` (cannot be read)
   */
  readInput: (path: string) => string;
  /**
   * Checks, before any computation, that `path` can be written (its folder exists and is
   * writable, and it is not a folder itself).
   * @throws LatentError `E_OPTION`
   */
  checkWritable: (path: string) => void;
  writeFile: (path: string, text: string) => void;
}

/** The largest input the CLI reads, and which limit sets it. */
export interface InputBudget {
  /** Bytes. */
  bytes: number;
  /** The limit in words, for messages. */
  reason: string;
}

const MiB = 2 ** 20;

/** `12.5 MiB`-style size. */
function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MiB) return `${(bytes / 1024).toFixed(1)} KiB`;
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${(bytes / MiB).toFixed(1)} MiB`;
}

/**
 * The input budget of this process: the smallest of a quarter of the JavaScript heap limit
 * (the text is held as one string while it is parsed; parsing a numeric CSV peaks at about
 * 3.5× the file size, the numbers off the heap), an eighth of the machine's memory and the
 * longest string the engine can hold.
 *
 * @returns the budget in bytes and the limit that sets it
 */
export function inputBudget(): InputBudget {
  const heap = getHeapStatistics().heap_size_limit;
  const candidates: InputBudget[] = [
    { bytes: Math.floor(heap / 4), reason: `a quarter of the ${size(heap)} JavaScript heap; NODE_OPTIONS=--max-old-space-size=<MiB> raises it` },
    { bytes: Math.floor(totalmem() / 8), reason: `an eighth of this machine's ${size(totalmem())} of memory` },
    { bytes: bufferConstants.MAX_STRING_LENGTH, reason: 'the longest string the JavaScript engine can hold' },
  ];
  return candidates.reduce((a, b) => (b.bytes < a.bytes ? b : a));
}

/** Sleeps `ms` milliseconds synchronously (for a non-blocking stdin that has no data yet). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Reads a file descriptor to its end, refusing more than `budget.bytes` bytes and any NUL
 * byte (binary data). A regular file's size is checked before reading.
 */
function readBounded(fd: number, name: string, budget: InputBudget): string {
  const st = fstatSync(fd);
  if (st.isDirectory()) throw new LatentError('E_OPTION', `${name} is a folder, not a data file`);
  const tooLarge = (what: string): LatentError =>
    new LatentError('E_MEMORY', `${name} ${what}, more than the ${size(budget.bytes)} the latent CLI reads (${budget.reason}); split or sample the file, or call the library on it in parts`);
  if (st.isFile() && st.size > budget.bytes) throw tooLarge(`is ${size(st.size)}`);
  let buf = Buffer.allocUnsafe(st.isFile() ? Math.min(st.size, budget.bytes) + 1 : MiB);
  let used = 0;
  for (;;) {
    if (used === buf.length) {
      if (used > budget.bytes) throw tooLarge('has more data');
      const grown = Buffer.allocUnsafe(Math.min(buf.length * 2, budget.bytes + 1));
      buf.copy(grown, 0, 0, used);
      buf = grown;
    }
    let n: number;
    try {
      n = readSync(fd, buf, used, buf.length - used, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        sleep(10);
        continue;
      }
      throw e;
    }
    if (n === 0) break;
    const nul = buf.subarray(used, used + n).indexOf(0);
    if (nul >= 0) throw new LatentError('E_PARSE', `${name} is not a text file (byte ${used + nul + 1} is a NUL byte); give a CSV or TSV file`);
    used += n;
  }
  if (used > budget.bytes) throw tooLarge('has more data');
  return buf.toString('utf8', 0, used);
}

/**
 * Ends the process quietly when the reader of stdout goes away (`latent pca big.csv | head`):
 * Node reports that as an `EPIPE` error event, which would otherwise print a stack trace.
 * Other stdout errors (a full disk) are printed as one line with exit code 1.
 */
export function exitWhenStdoutCloses(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    process.stderr.write(`latent: cannot write the output: ${e.message}\n`);
    process.exit(1);
  });
}

/** Options of {@link nodeIO}. */
export interface NodeIOOptions {
  /** Input budget. @defaultValue {@link inputBudget}() */
  budget?: InputBudget;
}

/**
 * The real input and output of the `latent` process.
 *
 * @param options - see {@link NodeIOOptions}
 * @returns the IO functions
 */
export function nodeIO(options: NodeIOOptions = {}): CliIO {
  const budget = options.budget ?? inputBudget();
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    stderrTTY: process.stderr.isTTY === true,
    readInput(path) {
      const name = path === '-' ? 'stdin' : path;
      let fd: number;
      try {
        fd = path === '-' ? 0 : openSync(path, 'r');
      } catch (e) {
        throw new LatentError('E_OPTION', `cannot read ${name}: ${(e as Error).message}`);
      }
      try {
        return readBounded(fd, name, budget);
      } catch (e) {
        if (isLatentError(e)) throw e;
        throw new LatentError('E_OPTION', `cannot read ${name}: ${(e as Error).message}`);
      } finally {
        if (fd !== 0) closeSync(fd);
      }
    },
    checkWritable(path) {
      const full = resolve(path);
      try {
        if (statSync(full).isDirectory()) throw new LatentError('E_OPTION', `cannot write ${path}: it is a folder`);
        accessSync(full, constants.W_OK);
        return;
      } catch (e) {
        if (isLatentError(e)) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new LatentError('E_OPTION', `cannot write ${path}: ${(e as Error).message}`);
      }
      const dir = dirname(full);
      try {
        if (!statSync(dir).isDirectory()) throw new LatentError('E_OPTION', `cannot write ${path}: ${dir} is not a folder`);
        accessSync(dir, constants.W_OK);
      } catch (e) {
        if (isLatentError(e)) throw e;
        const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? `the folder ${dir} does not exist` : (e as Error).message;
        throw new LatentError('E_OPTION', `cannot write ${path}: ${why}`);
      }
    },
    writeFile: (p, t) => writeFileSync(p, t),
  };
}
