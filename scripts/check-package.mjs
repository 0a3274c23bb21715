// Release readiness: pack the package as npm would publish it, check what goes in the
// attw profile node16: subpath imports (latent/cluster, ...) need TypeScript's moduleResolution
// node16, nodenext or bundler; the legacy node10 mode cannot see "exports" (the root works there).

// tarball, then run publint and arethetypeswrong on that exact tarball.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const dir = '.tmp/pack';
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

const [info] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir]));
const tarball = join(dir, info.filename);
const files = info.files.map((f) => f.path);

const allowed = /^(dist\/.+|package\.json|README\.md|CHANGELOG\.md|LICENSE)$/;
const stray = files.filter((f) => !allowed.test(f));
const forbidden = files.filter((f) => /(^|\/)(test|bench|data|demo|docs|examples)\//.test(f) || /digits|wine/.test(f));
if (stray.length > 0 || forbidden.length > 0) {
  console.error('Unexpected files in the package tarball:', [...new Set([...stray, ...forbidden])]);
  process.exit(1);
}
for (const required of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/cli.js', 'README.md', 'LICENSE']) {
  if (!files.includes(required)) {
    console.error(`The package tarball lacks ${required}`);
    process.exit(1);
  }
}
console.log(`tarball ${info.filename}: ${files.length} files, ${(info.size / 1024).toFixed(1)} KiB packed, ${(info.unpackedSize / 1024).toFixed(1)} KiB unpacked`);

execFileSync('npx', ['publint', 'run', tarball, '--strict'], { stdio: 'inherit' });
execFileSync('npx', ['attw', tarball, '--profile', 'node16'], { stdio: 'inherit' });
console.log('package checks passed');
