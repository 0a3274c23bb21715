import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants } from 'node:buffer';
import { afterAll, describe, expect, it } from 'vitest';
import { inputBudget, nodeIO } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/commands.js';
import { expectLatentError, latentErrorCode } from '../helpers/latent-error.js';

const dir = mkdtempSync(join(tmpdir(), 'latent-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = new URL('../../', import.meta.url).pathname;

/** Code and message of the LatentError that `f` throws (the test fails on anything else). */
function thrown(f: () => unknown): { code: string; message: string } {
  const e = expectLatentError(f, latentErrorCode(f));
  return { code: e.code, message: e.message };
}

const MiB = 2 ** 20;

describe('nodeIO: bounded input', () => {
  it('reads a small file and stays within the engine\'s string limit', () => {
    const p = join(dir, 'small.csv');
    writeFileSync(p, 'a,b\n1,2\n');
    expect(nodeIO().readInput(p)).toBe('a,b\n1,2\n');
    const b = inputBudget();
    expect(b.bytes).toBeGreaterThan(0);
    expect(b.bytes).toBeLessThanOrEqual(constants.MAX_STRING_LENGTH);
  });

  it('refuses a file larger than the budget from its size, before reading it (E_MEMORY)', () => {
    const p = join(dir, 'huge.csv');
    writeFileSync(p, '');
    truncateSync(p, 2 ** 30); // sparse: 1 GiB of size, no disk, above any budget (≤ 512 MiB)
    const e = thrown(() => nodeIO().readInput(p));
    expect(e.code).toBe('E_MEMORY');
    expect(e.message).toMatch(new RegExp(`^${p} is 1\\.0 GiB, more than the \\d+\\.\\d (MiB|GiB) the latent CLI reads \\(.+\\); split or sample the file`));
    const small = thrown(() => nodeIO({ budget: { bytes: MiB, reason: 'test' } }).readInput(p));
    expect(small.message).toBe(`${p} is 1.0 GiB, more than the 1.0 MiB the latent CLI reads (test); split or sample the file, or call the library on it in parts`);
  });

  it('refuses binary data such as /dev/zero at once, without reading it to the end', () => {
    if (!existsSync('/dev/zero')) return;
    const e = thrown(() => nodeIO().readInput('/dev/zero'));
    expect(e).toEqual({ code: 'E_PARSE', message: '/dev/zero is not a text file (byte 1 is a NUL byte); give a CSV or TSV file' });
    const p = join(dir, 'binary.csv');
    writeFileSync(p, 'a,b\n1,2\u0000\n');
    expect(thrown(() => nodeIO().readInput(p)).message).toBe(`${p} is not a text file (byte 8 is a NUL byte); give a CSV or TSV file`);
  });

  it('bounds files whose size is unknown (/proc reports 0 bytes) by the budget', () => {
    if (!existsSync('/proc/self/maps')) return;
    const e = thrown(() => nodeIO({ budget: { bytes: 64, reason: 'test' } }).readInput('/proc/self/maps'));
    expect(e.code).toBe('E_MEMORY');
    expect(e.message).toBe('/proc/self/maps has more data, more than the 64 B the latent CLI reads (test); split or sample the file, or call the library on it in parts');
  });

  it('bounds an endless stdin (a child process fed by `yes`)', () => {
    if (!existsSync('/bin/sh') || spawnSync('sh', ['-c', 'command -v yes']).status !== 0) return;
    const r = spawnSync('sh', ['-c', 'yes 1,2 | node --max-old-space-size=32 --import tsx src/cli/main.ts pca -'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^latent: stdin has more data, more than the \d+\.\d MiB the latent CLI reads \(a quarter of the \d+\.\d MiB JavaScript heap; NODE_OPTIONS=--max-old-space-size=<MiB> raises it\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('ends quietly when the reader of stdout goes away (| head)', () => {
    if (!existsSync('/bin/sh') || spawnSync('sh', ['-c', 'command -v head']).status !== 0) return;
    const p = join(dir, 'rows.csv');
    writeFileSync(p, 'a,b\n' + Array.from({ length: 20000 }, (_, i) => `${i % 97},${(i * 7) % 13}`).join('\n') + '\n');
    const r = spawnSync('sh', ['-c', `node --import tsx src/cli/main.ts pca ${p} | head -1`], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toBe('pc1,pc2\n');
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });

  it('names folders and missing files', () => {
    expect(thrown(() => nodeIO().readInput(dir))).toEqual({ code: 'E_OPTION', message: `${dir} is a folder, not a data file` });
    const missing = thrown(() => nodeIO().readInput(join(dir, 'nope.csv')));
    expect(missing.code).toBe('E_OPTION');
    expect(missing.message).toMatch(/^cannot read .*nope\.csv: ENOENT/);
  });
});

describe('nodeIO: output path check', () => {
  it('accepts new and existing files in a writable folder', () => {
    const io = nodeIO();
    io.checkWritable(join(dir, 'new.html'));
    writeFileSync(join(dir, 'old.html'), 'x');
    io.checkWritable(join(dir, 'old.html'));
  });

  it('refuses a folder, a missing folder and a file used as a folder', () => {
    const io = nodeIO();
    mkdirSync(join(dir, 'sub'), { recursive: true });
    expect(thrown(() => io.checkWritable(join(dir, 'sub'))).message).toBe(`cannot write ${join(dir, 'sub')}: it is a folder`);
    expect(thrown(() => io.checkWritable(join(dir, 'no', 'r.html'))).message).toBe(`cannot write ${join(dir, 'no', 'r.html')}: the folder ${join(dir, 'no')} does not exist`);
    writeFileSync(join(dir, 'plain'), 'x');
    expect(thrown(() => io.checkWritable(join(dir, 'plain', 'r.html'))).message).toBe(`cannot write ${join(dir, 'plain', 'r.html')}: ${join(dir, 'plain')} is not a folder`);
  });

  it('latent report stops on an unwritable --out before the computation, with the real file system', async () => {
    let err = '';
    const io = { ...nodeIO(), stderr: (t: string) => void (err += t), stdout: () => undefined };
    const out = join(dir, 'missing', 'r.html');
    const code = await runCli(['report', join(root, 'data/digits.csv'), '--label', 'label', '--out', out], io);
    expect(code).toBe(1);
    // nothing of the computation was printed: the check came first
    expect(err).toBe(`latent: cannot write ${out}: the folder ${join(dir, 'missing')} does not exist\n`);
  });
});
