import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/commands.js';
import { nodeIO } from '../../src/cli/io.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');
const guide = readFileSync(`${root}docs/guides/cli.md`, 'utf8');
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> };

/** Lines of the fenced code blocks of a markdown text. */
function codeLines(md: string): string[] {
  return [...md.matchAll(/```\w*\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n'));
}

/**
 * Runs the CLI as from the repository root (paths under `data/` made absolute, and made relative
 * again in the messages) with the real file system; files are written in memory.
 */
async function run(argv: string[]): Promise<{ code: number; out: string; err: string; written: string[] }> {
  let out = '';
  let err = '';
  const written: string[] = [];
  const io = { ...nodeIO(), stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t), writeFile: (p: string) => void written.push(p) };
  const code = await runCli(argv.map((a) => (a.startsWith('data/') ? root + a : a)), io);
  return { code, out, err: err.replaceAll(root, ''), written };
}

describe('README: the commands it shows work as written in a fresh clone', () => {
  it('set-up: installs the dependencies, then runs the demo and the tests through existing scripts', () => {
    const setup = /## Set-up of this repository\n\n([\s\S]*?)```sh\n([\s\S]*?)```/.exec(readme);
    expect(setup).not.toBeNull();
    const commands = setup![2]!.trim().split('\n').map((l) => l.replace(/\s+#.*$/, ''));
    expect(commands).toEqual(['npm ci', 'npm run demo', 'npm test']);
    expect(pkg.scripts['demo']).toBeDefined();
    expect(pkg.scripts['test']).toBeDefined();
    expect(readme).toContain('npm install latent');
  });

  it('every `npx tsx src/cli/main.ts …` line runs from the sources, without a build, and exits with 0', async () => {
    const lines = codeLines(readme).filter((l) => l.startsWith('npx tsx src/cli/main.ts '));
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(existsSync(`${root}node_modules/.bin/tsx`)).toBe(true);
    const commands = new Set<string>();
    for (const line of lines) {
      const argv = line.replace(/\s+#.*$/, '').split(/\s+/).slice(3);
      commands.add(argv[0]!);
      // keep the README's report quick to test: fewer t-SNE steps and epochs change no flag it shows
      const r = await run(argv[0] === 'report' ? [...argv, '--iterations', '50', '--epochs', '2'] : argv);
      expect({ line, code: r.code, err: r.code === 0 ? '' : r.err }).toEqual({ line, code: 0, err: '' });
      expect(r.out.length).toBeGreaterThan(0);
    }
    expect([...commands].sort()).toEqual(['hdbscan', 'kmeans', 'kmedoids', 'linkage', 'pca', 'report', 'tsne', 'umap']);
  });
});

describe('docs/guides/cli.md: the error examples are what the CLI prints', () => {
  it('prints each shown message for the examples that run on files in the repository', async () => {
    const block = /## Errors[\s\S]*?```console\n([\s\S]*?)```/.exec(guide)![1]!.trim().split('\n');
    let checked = 0;
    for (let i = 0; i < block.length; i += 2) {
      const argv = block[i]!.replace(/^\$ latent /, '').split(' ');
      const file = argv[1]!;
      if (!file.startsWith('data/') && !file.startsWith('/dev/') && argv[0] !== 'report') continue;
      const r = await run(argv);
      expect(r.err).toBe(`${block[i + 1]}\n`);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(7);
  });
});
