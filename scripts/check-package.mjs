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

// The built bundles: every contract name from the root and its subpath, in ESM and CJS, and
// isLatentError recognising an error thrown by the other build.
const { API_CONTRACT } = await import('./api-contract.mjs');
const { createRequire } = await import('node:module');
const require = createRequire(import.meta.url);
const esmRoot = await import('../dist/index.js');
const cjsRoot = require('../dist/index.cjs');
for (const [mod, names] of Object.entries(API_CONTRACT)) {
  const esm = await import(`../dist/${mod}/index.js`);
  const cjs = require(`../dist/${mod}/index.cjs`);
  for (const name of names) {
    for (const [label, ns] of [[`latent/${mod} (ESM)`, esm], [`latent/${mod} (CJS)`, cjs], ['latent (ESM)', esmRoot], ['latent (CJS)', cjsRoot]]) {
      if (typeof ns[name] !== 'function') {
        console.error(`${label} does not export ${name}`);
        process.exit(1);
      }
    }
  }
}
let crossBuild = false;
try {
  cjsRoot.toMatrix([[1], [2, 3]]);
} catch (e) {
  crossBuild = esmRoot.isLatentError(e) && !(e instanceof esmRoot.LatentError) && e.code === 'E_SHAPE';
}
if (!crossBuild) {
  console.error('isLatentError (ESM) does not recognise a LatentError thrown by the CJS build');
  process.exit(1);
}
console.log('built bundles export the API contract (ESM + CJS); isLatentError works across builds');
