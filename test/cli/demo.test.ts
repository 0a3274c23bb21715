import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { demoArgv, runDemo } from '../../demo/run.js';
import { memoryIO } from './run-cli.js';

const demoDir = fileURLToPath(new URL('../../demo/', import.meta.url));
const KINDS = 'a,b,kind\n1,2,cat\n3,4,dog\n5,1,cat\n2,2,dog\n6,3,cat\n4,4,dog\n';
const QUICK = ['--epochs', '1', '--iterations', '10', '--max-k', '3'];
const HINT = 'latent: kinds.csv: line 2, column 3 ("kind"): expected a number, got "cat" (is it a label column? use --label "kind")\n';

describe('npm run demo', () => {
  it('runs latent report on the bundled digits by default, writing demo/report.html', () => {
    expect(demoArgv([])).toEqual(['report', `${demoDir}../data/digits.csv`, '--label', 'label', '--image', '8x8', '--title', 'handwritten digits (8×8)', '--out', `${demoDir}report.html`]);
  });

  it('on a CSV with a text column and no label: a one-line error whose --label hint works', async () => {
    const files = { 'kinds.csv': KINDS };
    const bare = memoryIO(files);
    const r = bare.result(await runDemo(['kinds.csv'], bare.io));
    expect(r).toMatchObject({ code: 1, err: HINT, out: '' });
    const hinted = memoryIO(files);
    const ok = hinted.result(await runDemo(['kinds.csv', '--label', 'kind', ...QUICK], hinted.io));
    expect(ok.code).toBe(0);
    expect(ok.written.get(`${demoDir}report.html`)).toContain('latent report: kinds.csv');
    expect(ok.out).toMatch(/report written to .*report\.html\ntotal \d+\.\d s\n$/);
    // the label as a second word (the old form) means the same
    expect(demoArgv(['kinds.csv', 'kind', '--out', 'x.html'])).toEqual(['report', 'kinds.csv', '--label', 'kind', '--out', 'x.html']);
  });

  const dir = mkdtempSync(join(tmpdir(), 'latent-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('as a script, prints the error without a stack trace and exits with 1', () => {
    const file = join(dir, 'kinds.csv');
    writeFileSync(file, KINDS);
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(demoDir, 'run.ts'), file], { cwd: fileURLToPath(new URL('../../', import.meta.url)), encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(HINT.replace('kinds.csv', file));
    expect(r.stdout).toBe('');
  });
});
