/**
 * The version printed by `latent --version`: read from the package's own package.json at run
 * time, found by walking up from this module, so it is right from the bundle (`dist/cli.js`,
 * one level below package.json), from the sources (`src/cli/`, two levels) and from an
 * installed package (`node_modules/latent/dist/cli.js`).
 */
import { readFileSync } from 'node:fs';
import { LatentError } from '../core/index.js';

/**
 * The `version` field of the nearest package.json named `latent` above `from`.
 *
 * @param from - a file or folder URL to start from (default: this module)
 * @returns the version, e.g. `'0.3.1'`
 * @throws LatentError `E_PARSE` when no such package.json is found within four levels
 */
export function packageVersion(from: string | URL = import.meta.url): string {
  for (let up = 0; up <= 4; up++) {
    const url = new URL(`${'../'.repeat(up)}package.json`, from);
    let text: string;
    try {
      text = readFileSync(url, 'utf8');
    } catch {
      continue;
    }
    let pkg: unknown;
    try {
      pkg = JSON.parse(text);
    } catch {
      continue;
    }
    const { name, version } = (pkg ?? {}) as { name?: unknown; version?: unknown };
    if (name === 'latent' && typeof version === 'string') return version;
  }
  throw new LatentError('E_PARSE', `--version: cannot find the package.json of latent above ${String(from)}`);
}
