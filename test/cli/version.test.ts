import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packageVersion } from '../../src/cli/version.js';
import { expectLatentError } from '../helpers/latent-error.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('packageVersion', () => {
  it('finds latent\'s package.json from the sources, from the bundle\'s place and from an installed copy', () => {
    expect(packageVersion()).toBe(pkg.version);
    expect(packageVersion(new URL('../../dist/cli.js', import.meta.url))).toBe(pkg.version);
    expect(packageVersion(new URL('../../src/cli/main.ts', import.meta.url))).toBe(pkg.version);
  });

  it('throws a LatentError when no package.json of latent is above', () => {
    expectLatentError(() => packageVersion('file:///'), 'E_PARSE', '--version: cannot find the package.json of latent above file:///');
  });
});
