import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, runCli, type CliIO } from '../../src/cli/commands.js';
import { parseCsv } from '../../src/cli/csv.js';
import { cutTree } from '../../src/cluster/hierarchy/cut-tree.js';
import { kmeans } from '../../src/cluster/kmeans/kmeans.js';
import { scanK } from '../../src/cluster/scan-k.js';
import { linkage } from '../../src/cluster/hierarchy/linkage.js';
import { pca } from '../../src/decomposition/pca.js';
import { pcaTransform } from '../../src/decomposition/pca-transform.js';
import { tsne } from '../../src/manifold/tsne/tsne.js';
import { standardize } from '../../src/preprocess/standardize.js';

const IRIS = readFileSync(new URL('../../data/iris.csv', import.meta.url), 'utf8');

/** Runs the CLI in memory. */
async function cli(argv: string[], files: Record<string, string> = { 'iris.csv': IRIS }, stdin = ''): Promise<{ code: number; out: string; err: string; written: Map<string, string> }> {
  let out = '';
  let err = '';
  const written = new Map<string, string>();
  const io: CliIO = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    stderrTTY: false,
    readFile: (p) => {
      const f = files[p];
      if (f === undefined) throw new Error(`ENOENT: no such file '${p}'`);
      return f;
    },
    readStdin: () => stdin,
    writeFile: (p, t) => void written.set(p, t),
  };
  const code = await runCli(argv, io);
  return { code, out, err, written };
}

/** Feature matrix of iris (no label) as the CLI reads it. */
const iris = parseCsv(IRIS, { label: 'label' });

describe('latent CLI: usage', () => {
  it('prints the command list without arguments (exit 2) and with --help (exit 0)', async () => {
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.out).toContain('commands:');
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(help.out).toContain(`  ${name}`);
  });

  it('prints --help for every command, listing its options', async () => {
    for (const [name, cmd] of Object.entries(COMMANDS)) {
      const r = await cli([name, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`usage: latent ${name}`);
      for (const opt of Object.keys(cmd.options)) expect(r.out).toContain(`--${opt}`);
      expect((await cli([name, '-h'])).out).toBe(r.out);
    }
  });

  it('rejects unknown commands and options, missing values and bad numbers with clear messages', async () => {
    const r1 = await cli(['kmean', 'iris.csv']);
    expect(r1.code).toBe(2);
    expect(r1.err).toContain('unknown command "kmean"');
    const r2 = await cli(['kmeans', 'iris.csv', '--kk', '3']);
    expect(r2.code).toBe(1);
    expect(r2.err).toBe('latent kmeans: unknown option --kk (did you mean --k?); see latent kmeans --help\n');
    const r3 = await cli(['kmeans', 'iris.csv', '--label', 'label']);
    expect(r3.err).toBe('latent kmeans: --k is required; see latent kmeans --help\n');
    const r4 = await cli(['kmeans', 'iris.csv', '--label', 'label', '--k', 'three']);
    expect(r4.err).toBe('latent kmeans: --k must be an integer in [1, 150], got "three"\n');
    const r5 = await cli(['pca', 'iris.csv', '--components']);
    expect(r5.err).toContain('--components needs a value');
    const r6 = await cli(['pca', 'nope.csv']);
    expect(r6.err).toContain('latent pca: cannot read nope.csv');
    const r7 = await cli(['pca']);
    expect(r7.err).toContain('missing input file');
    const r8 = await cli(['linkage', 'iris.csv', '--label', 'label', '--method', 'wards']);
    expect(r8.err).toContain('--method must be one of single, complete');
    const r9 = await cli(['pca', 'a.csv', 'b.csv']);
    expect(r9.err).toContain('expected one input file');
    const r10 = await cli(['pca', 'iris.csv', '--delimiter', 'ab']);
    expect(r10.err).toContain('--delimiter must be one character');
    const r11 = await cli(['kmeans', 'iris.csv', '--centroids=maybe']);
    expect(r11.err).toContain('--centroids is a flag');
  });

  it('reports malformed files with line and column (exit 1)', async () => {
    const r = await cli(['pca', 'bad.csv'], { 'bad.csv': 'a,b\n1,2\n3,oops\n' });
    expect(r.code).toBe(1);
    expect(r.err).toBe('latent: bad.csv: line 3, column 2 ("b"): expected a number, got "oops"\n');
    const ragged = await cli(['tsne', 'bad.csv'], { 'bad.csv': 'a,b\n1,2\n3\n' });
    expect(ragged.err).toBe('latent: bad.csv: line 3 has 1 field, expected 2 (as in the header)\n');
    expect(ragged.out).toBe('');
  });
});

describe('latent CLI: commands equal the library functions', () => {
  it('kmeans prints each row\'s label and cluster, and centroids on request', async () => {
    const r = await cli(['kmeans', 'iris.csv', '--label', 'label', '--k', '3', '--seed', '7']);
    expect(r.code).toBe(0);
    const model = kmeans(iris.data, { k: 3, seed: 7 });
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('label,cluster');
    expect(lines.slice(1)).toEqual(Array.from(model.labels, (c, i) => `${iris.labelText![i]},${c}`));
    expect(r.err).toContain('inertia');
    const c = await cli(['kmeans', 'iris.csv', '--label', 'label', '--k', '3', '--seed', '7', '--centroids', '--digits', '17']);
    const cent = parseCsv(c.out);
    expect(cent.columns).toEqual(iris.columns);
    expect(Array.from(cent.data.data)).toEqual(Array.from(model.centroids.data));
  });

  it('pca prints the scores of each row', async () => {
    const r = await cli(['pca', 'iris.csv', '--label', 'label', '--components', '2', '--digits', '17']);
    expect(r.code).toBe(0);
    const scores = pcaTransform(pca(iris.data, { components: 2 }), iris.data);
    const t = parseCsv(r.out, { label: 'label' });
    expect(t.columns).toEqual(['pc1', 'pc2']);
    expect(Array.from(t.data.data)).toEqual(Array.from(scores.data));
    expect(r.err).toContain('explained variance ratio');
  });

  it('tsne prints 2-D coordinates equal to tsne() with the same seed, from stdin too', async () => {
    const small = 'a,b,c\n' + Array.from({ length: 30 }, (_, i) => `${i % 3},${(i * 7) % 5},${i % 2}`).join('\n') + '\n';
    const r = await cli(['tsne', '-', '--iterations', '60', '--perplexity', '5', '--seed', '3', '--digits', '17'], {}, small);
    expect(r.code).toBe(0);
    const expected = tsne(parseCsv(small).data, { iterations: 60, perplexity: 5, seed: 3 });
    const t = parseCsv(r.out);
    expect(t.columns).toEqual(['x', 'y']);
    expect(Array.from(t.data.data)).toEqual(Array.from(expected.embedding.data));
    expect(r.err).toContain('t-SNE');
  });

  it('tsne --dims 1 runs the exact method (theta 0); Barnes-Hut with 1 dimension is a clear option error', async () => {
    const small = 'a,b,c\n' + Array.from({ length: 30 }, (_, i) => `${i % 3},${(i * 7) % 5},${i % 2}`).join('\n') + '\n';
    const argv = ['tsne', '-', '--dims', '1', '--iterations', '60', '--perplexity', '5', '--seed', '3', '--digits', '17'];
    const r = await cli(argv, {}, small);
    expect(r.code).toBe(0);
    expect(r.err).toContain('t-SNE: --dims 1 uses the exact method (theta 0');
    const expected = tsne(parseCsv(small).data, { dims: 1, theta: 0, iterations: 60, perplexity: 5, seed: 3 });
    const t = parseCsv(r.out);
    expect(t.columns).toEqual(['x']);
    expect(Array.from(t.data.data)).toEqual(Array.from(expected.embedding.data));
    const explicit = await cli([...argv, '--theta', '0'], {}, small);
    expect(explicit.out).toBe(r.out);
    expect(explicit.err).not.toContain('uses the exact method');
    const bh = await cli([...argv, '--theta', '0.5'], {}, small);
    expect(bh.code).toBe(1);
    expect(bh.out).toBe('');
    expect(bh.err).toBe('latent tsne: --dims 1 needs the exact method (--theta 0): Barnes-Hut (--theta > 0) embeds in 2 or 3 dimensions, got --theta 0.5\n');
    expect((await cli(['tsne', '-', '--dims', '4'], {}, small)).err).toBe('latent tsne: --dims must be an integer in [1, 3], got "4"\n');
  });

  it('linkage prints the merge table, or labels with --cut / --height', async () => {
    const Z = linkage(iris.data, { method: 'average' });
    const r = await cli(['linkage', 'iris.csv', '--label', 'label', '--method', 'average', '--digits', '17']);
    expect(r.code).toBe(0);
    const t = parseCsv(r.out);
    expect(t.columns).toEqual(['left', 'right', 'distance', 'size']);
    expect(Array.from(t.data.data)).toEqual(Array.from(Z.data));
    const cut = await cli(['linkage', 'iris.csv', '--label', 'label', '--method', 'ward', '--cut', '4']);
    const labels = cutTree(linkage(iris.data, { method: 'ward' }), { k: 4 });
    expect(cut.out.trim().split('\n').slice(1)).toEqual(Array.from(labels, (c, i) => `${iris.labelText![i]},${c}`));
    expect(cut.err).toContain('4 clusters');
    const h = await cli(['linkage', 'iris.csv', '--label', 'label', '--height', '1e9']);
    expect(new Set(h.out.trim().split('\n').slice(1).map((l) => l.split(',')[1]))).toEqual(new Set(['0']));
    expect((await cli(['linkage', 'iris.csv', '--label', 'label', '--cut', '2', '--height', '1'])).err).toContain('not both');
  });

  it('report writes an HTML page with inline SVG figures and prints the summary', async () => {
    const r = await cli(['report', 'iris.csv', '--label', 'label', '--out', 'r.html', '--iterations', '50', '--epochs', '2', '--max-k', '4']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('data: 150 rows × 4 columns, 3 classes');
    const html = r.written.get('r.html')!;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<svg');
    expect(html).toContain('latent report: iris.csv');
    expect(r.out).toContain('report written to r.html');
    expect(r.out).toMatch(/^step\s+ms\s+result/);
    const bad = await cli(['report', 'iris.csv', '--label', 'label', '--image', '3x3']);
    expect(bad.err).toContain('--image must be <w>x<h> with w·h = 4');
  });

  it('report chooses k with scanK (one start per k) on the standardized data', async () => {
    const r = await cli(['report', 'iris.csv', '--label', 'label', '--out', 'r.html', '--iterations', '20', '--epochs', '1', '--max-k', '5', '--seed', '7']);
    expect(r.code).toBe(0);
    const scan = scanK(standardize(iris.data).data, { kMax: 5, nInit: 1, seed: 7 });
    const s = scan.silhouette[scan.silhouetteK - 2]!.toFixed(3);
    expect(r.out).toMatch(new RegExp(`k-means k=2\\.\\.5 +\\d+  suggested k = ${scan.silhouetteK} \\(silhouette ${s}\\), elbow k = ${scan.elbowK}\n`));
    const html = r.written.get('r.html')!;
    expect(html).toContain('id="choosing-k"');
    expect(html).toContain(`elbow: k = ${scan.elbowK}`);
    expect(html).toContain(`best: k = ${scan.silhouetteK}`);
    // with true labels the clusterers still use the number of classes
    expect(r.out).toMatch(/k-means k=3 /);
  });

  it('report lists a failing step under Skipped and goes on with the others', async () => {
    // 3 rows: t-SNE needs at least 4 and fails; every other step runs
    const r = await cli(['report', 'tiny.csv', '--out', 't.html', '--epochs', '1'], { 'tiny.csv': 'a,b\n1,2\n3,5\n4,1\n' });
    expect(r.code).toBe(0);
    expect(r.err).toContain('warning: t-SNE failed: tsne: X must have at least 4 rows, got 3');
    const html = r.written.get('t.html')!;
    expect(html).toContain('<section class="skipped"><h2>Skipped</h2><ul><li>t-SNE failed: tsne: X must have at least 4 rows, got 3</li></ul></section>');
    for (const id of ['similarity', 'choosing-k', 'clustering', 'dendrogram', 'pca', 'autoencoder', 'anomalies']) expect(html).toContain(`<section id="${id}">`);
    expect(html).not.toContain('<section id="tsne">');
    expect(r.out).toContain('autoencoder (1 epochs)');
  });
});
