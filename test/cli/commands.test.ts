import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { parseCsv } from '../../src/cli/csv.js';
import { adjustedRandIndex, cutTree, dbscan, hdbscan, kmeans, kmedoids, linkage, scanK, silhouette } from '../../src/cluster/index.js';
import { pca, pcaTransform } from '../../src/decomposition/index.js';
import { tsne, umap } from '../../src/manifold/index.js';
import { standardize } from '../../src/preprocess/index.js';
import { cli, IRIS } from './run-cli.js';

/** Feature matrix of iris (no label) as the CLI reads it. */
const iris = parseCsv(IRIS, { label: 'label' });
const SMALL = 'a,b,c\n' + Array.from({ length: 30 }, (_, i) => `${i % 3},${(i * 7) % 5},${i % 2}`).join('\n') + '\n';

describe('latent CLI: usage', () => {
  it('prints the command list without arguments (exit 2) and with --help (exit 0)', async () => {
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.out).toContain('commands:');
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(help.out).toContain(`  ${name}`);
    expect(help.out).toContain('latent --version');
  });

  it('prints --help for every command, listing its options; help wins over other errors', async () => {
    for (const [name, cmd] of Object.entries(COMMANDS)) {
      const r = await cli([name, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`usage: latent ${name}`);
      for (const opt of Object.keys(cmd.options)) expect(r.out).toMatch(new RegExp(`--(\\[no-\\])?${opt}\\b`));
      expect((await cli([name, '-h'])).out).toBe(r.out);
      expect((await cli([name, '--nope', '3', '-h'])).out).toBe(r.out);
    }
    expect((await cli(['kmeans', '-h'])).out).toContain('-k, --k <k>');
  });

  it('prints every error as "latent: <message>", exit 2 for a wrong command line and 1 for the rest', async () => {
    const cases: [string[], number, string][] = [
      [['kmean', 'iris.csv'], 2, 'latent: unknown command "kmean" (did you mean kmeans?); commands are kmeans, kmedoids, pca, tsne, linkage, umap, hdbscan, dbscan, report (latent --help)\n'],
      [['--versoin'], 2, 'latent: unknown option --versoin (did you mean --version?); usage: latent <command> <data.csv> [options] (latent --help)\n'],
      [['kmeans', 'iris.csv', '--kk', '3'], 2, 'latent: kmeans: unknown option --kk (did you mean --k?); see latent kmeans --help\n'],
      [['kmeans', 'iris.csv', '--label', 'label'], 2, 'latent: kmeans: --k is required; see latent kmeans --help\n'],
      [['kmeans', 'iris.csv', '--label', 'label', '--k', 'three'], 2, 'latent: kmeans: --k must be an integer >= 1, got "three"\n'],
      [['kmeans', 'iris.csv', '--label', 'label', '--k', '151'], 2, 'latent: kmeans: --k must be an integer in [1, 150] (the number of rows), got 151\n'],
      [['pca', 'iris.csv', '--components'], 2, 'latent: pca: --components needs a value <k>\n'],
      [['pca', 'iris.csv', '--components', '--whiten'], 2, 'latent: pca: --components needs a value <k> (got the option --whiten)\n'],
      [['pca'], 2, 'latent: pca: missing input file; usage: latent pca <data.csv> [options]\n'],
      [['linkage', 'iris.csv', '--method', 'wards'], 2, 'latent: linkage: --method must be one of single, complete, average, weighted, ward, centroid, median, got "wards" (did you mean ward?)\n'],
      [['pca', 'a.csv', 'b.csv'], 2, 'latent: pca: expected one input file, got 2: a.csv b.csv\n'],
      [['pca', 'iris.csv', '--delimiter', 'ab'], 2, 'latent: pca: --delimiter must be one character or \'tab\', got "ab"\n'],
      [['kmeans', 'iris.csv', '--centroids=maybe'], 2, 'latent: kmeans: --centroids is a flag and takes no value, got "maybe"\n'],
      [['pca', 'iris.csv', '--header=yes'], 2, 'latent: pca: --header is a flag and takes no value, got "yes" (use --header or --no-header)\n'],
      [['pca', 'nope.csv'], 1, "latent: cannot read nope.csv: ENOENT: no such file or directory, open 'nope.csv'\n"],
    ];
    for (const [argv, code, err] of cases) {
      const r = await cli(argv);
      expect({ argv, code: r.code, err: r.err }).toEqual({ argv, code, err });
      expect(r.out).toBe('');
    }
    // a library error keeps its own function name and code; data errors exit with 1
    const lib = await cli(['linkage', 'iris.csv', '--label', 'label', '--metric', 'cosine']);
    expect(lib.code).toBe(1);
    expect(lib.err).toMatch(/^latent: linkage: metric must be 'euclidean' with method 'ward'/);
  });

  it('reports malformed files with line and column (exit 1)', async () => {
    const r = await cli(['pca', 'bad.csv'], { 'bad.csv': 'a,b\n1,2\n3,oops\n' });
    expect(r.code).toBe(1);
    expect(r.err).toBe('latent: bad.csv: line 3, column 2 ("b"): expected a number, got "oops"\n');
    const ragged = await cli(['tsne', 'bad.csv'], { 'bad.csv': 'a,b\n1,2\n3\n' });
    expect(ragged.err).toBe('latent: bad.csv: line 3 has 1 field, expected 2 (as in the header)\n');
    expect(ragged.out).toBe('');
  });

  it('rejects hexadecimal, binary and octal numbers in cells and options (decimal only)', async () => {
    for (const cell of ['0x1F', '0b101', '0o17']) {
      const r = await cli(['pca', 'h.csv'], { 'h.csv': `a,b\n1,2\n3,${cell}\n4,5\n` });
      expect(r.code).toBe(1);
      expect(r.err).toBe(`latent: h.csv: line 3, column 2 ("b"): expected a number, got "${cell}"\n`);
    }
    const k = await cli(['kmeans', 'iris.csv', '--label', 'label', '--k', '0x2']);
    expect(k.code).toBe(2);
    expect(k.err).toBe('latent: kmeans: --k must be an integer >= 1, got "0x2"\n');
    expect(k.reads).toEqual([]);
    expect((await cli(['tsne', 'iris.csv', '--perplexity', '0b11'])).err).toContain('--perplexity must be a decimal number >= 0.001, got "0b11"');
  });

  it('refuses a repeated option instead of taking the last value', async () => {
    const r = await cli(['kmeans', 'iris.csv', '--label', 'label', '--k', '3', '--k', '4']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('latent: kmeans: --k is given twice (--k 3, then --k 4); give it once\n');
    expect(r.reads).toEqual([]);
    const mixed = await cli(['kmeans', 'iris.csv', '-k', '3', '--k=3']);
    expect(mixed.err).toBe('latent: kmeans: --k is given twice (-k 3, then --k 3); give it once\n');
    const flags = await cli(['pca', 'iris.csv', '--header', '--no-header']);
    expect(flags.err).toBe('latent: pca: --header is given twice (--header, then --no-header); give it once\n');
  });

  it('accepts -k for --k and negative values such as --label -1', async () => {
    const short = await cli(['kmeans', 'iris.csv', '--label', '-1', '-k', '3', '--seed', '7']);
    const long = await cli(['kmeans', 'iris.csv', '--label=label', '--k=3', '--seed', '7']);
    expect(short.code).toBe(0);
    expect(short.out).toBe(long.out);
    expect((await cli(['kmeans', 'iris.csv', '--label', 'label', '-k3', '--seed', '7'])).out).toBe(long.out);
  });

  it('checks --digits and the other options before reading the data', async () => {
    for (const argv of [
      ['pca', 'iris.csv', '--label', 'label', '--digits', '0'],
      ['kmeans', 'iris.csv', '--k', '3', '--digits', '0'],
      ['kmedoids', 'iris.csv', '--k', '3', '--digits', '18'],
      ['tsne', 'iris.csv', '--digits', '1.5'],
      ['linkage', 'iris.csv', '--cut', '2', '--digits', '0'],
      ['linkage', 'iris.csv', '--cut', '2', '--height', '1'],
      ['report', 'iris.csv', '--image', '8by8'],
    ]) {
      const r = await cli(argv);
      expect({ argv, code: r.code, reads: r.reads }).toEqual({ argv, code: 2, reads: [] });
      expect(r.err).toMatch(/^latent: (pca|kmeans|kmedoids|tsne|linkage|report): /);
    }
    expect((await cli(['pca', 'iris.csv', '--digits', '0'])).err).toBe('latent: pca: --digits must be an integer in [1, 17], got "0"\n');
  });

  it('checks that report --out is writable before reading or computing anything', async () => {
    const r = await cli(['report', 'iris.csv', '--label', 'label', '--out', 'locked/r.html'], undefined, { unwritable: ['locked/r.html'] });
    expect(r.code).toBe(1);
    expect(r.err).toBe('latent: cannot write locked/r.html: permission denied\n');
    expect(r.reads).toEqual([]);
    expect(r.out).toBe('');
  });

  it('warns when a first row of numbers is read as data, and --header makes it the header', async () => {
    const file = { 'years.csv': '2019,2020,2021\n1.5,2,3\n2.5,1,4\n3,3.5,1\n' };
    const guessed = await cli(['pca', 'years.csv', '--components', '1'], file);
    expect(guessed.code).toBe(0);
    expect(guessed.err).toContain(
      'note: years.csv: the first row holds only numbers, so it is read as data; if it names the columns, pass --header (--no-header hides this note)\n',
    );
    expect(guessed.out.trim().split('\n')).toHaveLength(5);
    const header = await cli(['pca', 'years.csv', '--components', '1', '--header'], file);
    expect(header.err).not.toContain('note:');
    expect(header.out.trim().split('\n')).toHaveLength(4);
    expect((await cli(['pca', 'years.csv', '--components', '1', '--no-header'], file)).err).not.toContain('note:');
  });

  it('prints an unexpected (non-latent) error with its stack, exit 1', async () => {
    const r = await cli(['pca', 'iris.csv'], new Proxy({}, { get: () => { throw new TypeError('boom'); } }));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^latent: unexpected error \(please report it\): TypeError: boom\n\s+at /);
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

  it('kmeans --metric cosine runs spherical k-means and scores it with the cosine silhouette', async () => {
    const r = await cli(['kmeans', 'iris.csv', '--label', 'label', '-k', '3', '--seed', '7', '--metric', 'cosine']);
    expect(r.code).toBe(0);
    const model = kmeans(iris.data, { k: 3, seed: 7, metric: 'cosine' });
    expect(r.out.trim().split('\n').slice(1)).toEqual(Array.from(model.labels, (c, i) => `${iris.labelText![i]},${c}`));
    expect(r.err).toContain(`k-means (cosine): k=3, inertia ${Number(model.inertia.toPrecision(6))}`);
    expect(r.err).toContain(`silhouette (cosine) ${Number(silhouette(iris.data, model.labels, 'cosine').toPrecision(4))}`);
    expect((await cli(['kmeans', 'iris.csv', '-k', '3', '--metric', 'manhattan'])).err).toBe(
      'latent: kmeans: --metric must be one of euclidean, cosine, got "manhattan"\n',
    );
  });

  it('kmedoids prints each row\'s cluster, or the medoids, as the library computes them', async () => {
    const r = await cli(['kmedoids', 'iris.csv', '--label', 'label', '-k', '3', '--metric', 'manhattan']);
    expect(r.code).toBe(0);
    const model = kmedoids(iris.data, { k: 3, metric: 'manhattan' });
    expect(r.out.trim().split('\n')).toEqual(['label,cluster', ...Array.from(model.labels, (c, i) => `${iris.labelText![i]},${c}`)]);
    expect(r.err).toContain(`k-medoids (fasterpam, manhattan): k=3, cost ${Number(model.cost.toPrecision(6))}`);
    expect(r.err).toContain(`silhouette (manhattan) ${Number(silhouette(iris.data, model.labels, 'manhattan').toPrecision(4))}`);
    const m = await cli(['kmedoids', 'iris.csv', '--label', 'label', '-k', '3', '--metric', 'manhattan', '--medoids', '--digits', '17']);
    const t = parseCsv(m.out);
    expect(t.columns).toEqual(['row', ...iris.columns]);
    for (let c = 0; c < 3; c++) {
      const row = model.medoids[c]!;
      expect(Array.from(t.data.data.subarray(c * 5, c * 5 + 5))).toEqual([row, ...iris.data.data.subarray(row * 4, row * 4 + 4)]);
    }
    const pam = await cli(['kmedoids', 'iris.csv', '--label', 'label', '-k', '3', '--method', 'pam', '--init', 'k-means++', '--seed', '5']);
    const pamModel = kmedoids(iris.data, { k: 3, method: 'pam', init: 'k-means++', seed: 5 });
    expect(pam.out.trim().split('\n').slice(1)).toEqual(Array.from(pamModel.labels, (c, i) => `${iris.labelText![i]},${c}`));
  });

  it('pca prints the scores of each row', async () => {
    const r = await cli(['pca', 'iris.csv', '--label', 'label', '--components', '2', '--digits', '17']);
    expect(r.code).toBe(0);
    const scores = pcaTransform(pca(iris.data, { components: 2 }), iris.data);
    const t = parseCsv(r.out, { label: 'label' });
    expect(t.columns).toEqual(['pc1', 'pc2']);
    expect(Array.from(t.data.data)).toEqual(Array.from(scores.data));
    expect(r.err).toContain('explained variance ratio');
    expect((await cli(['pca', 'iris.csv', '--label', 'label', '--components', '5'])).err).toBe(
      'latent: pca: --components must be at most 4 (the smaller of rows and columns), got 5\n',
    );
  });

  it('tsne prints 2-D coordinates equal to tsne() with the same seed, from stdin too', async () => {
    const r = await cli(['tsne', '-', '--iterations', '60', '--perplexity', '5', '--seed', '3', '--digits', '17'], {}, { stdin: SMALL });
    expect(r.code).toBe(0);
    expect(r.reads).toEqual(['-']);
    const expected = tsne(parseCsv(SMALL).data, { iterations: 60, perplexity: 5, seed: 3 });
    const t = parseCsv(r.out);
    expect(t.columns).toEqual(['x', 'y']);
    expect(Array.from(t.data.data)).toEqual(Array.from(expected.embedding.data));
    expect(r.err).toContain('t-SNE');
  });

  it('tsne --dims 1 runs the exact method (theta 0); Barnes-Hut with 1 dimension is a clear option error', async () => {
    const argv = ['tsne', '-', '--dims', '1', '--iterations', '60', '--perplexity', '5', '--seed', '3', '--digits', '17'];
    const r = await cli(argv, {}, { stdin: SMALL });
    expect(r.code).toBe(0);
    expect(r.err).toContain('t-SNE: --dims 1 uses the exact method (theta 0');
    const expected = tsne(parseCsv(SMALL).data, { dims: 1, theta: 0, iterations: 60, perplexity: 5, seed: 3 });
    const t = parseCsv(r.out);
    expect(t.columns).toEqual(['x']);
    expect(Array.from(t.data.data)).toEqual(Array.from(expected.embedding.data));
    const explicit = await cli([...argv, '--theta', '0'], {}, { stdin: SMALL });
    expect(explicit.out).toBe(r.out);
    expect(explicit.err).not.toContain('uses the exact method');
    const bh = await cli([...argv, '--theta', '0.5'], {}, { stdin: SMALL });
    expect(bh.code).toBe(2);
    expect(bh.out).toBe('');
    expect(bh.reads).toEqual([]);
    expect(bh.err).toBe('latent: tsne: --dims 1 needs the exact method (--theta 0): Barnes-Hut (--theta > 0) embeds in 2 or 3 dimensions, got --theta 0.5\n');
    expect((await cli(['tsne', '-', '--dims', '4'], {}, { stdin: SMALL })).err).toBe('latent: tsne: --dims must be an integer in [1, 3], got "4"\n');
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
    expect((await cli(['linkage', 'iris.csv', '--label', 'label', '--cut', '2', '--height', '1'])).err).toBe('latent: linkage: give either --cut or --height, not both\n');
  });

  it('linkage --metric cosine reports the silhouette with the cosine metric', async () => {
    const r = await cli(['linkage', 'iris.csv', '--label', 'label', '--method', 'average', '--metric', 'cosine', '--cut', '3']);
    expect(r.code).toBe(0);
    const labels = cutTree(linkage(iris.data, { method: 'average', metric: 'cosine' }), { k: 3 });
    const cosine = Number(silhouette(iris.data, labels, 'cosine').toPrecision(4));
    const euclidean = Number(silhouette(iris.data, labels).toPrecision(4));
    expect(cosine).not.toBe(euclidean);
    expect(r.err).toContain(`linkage (average, cosine): 3 clusters\nsilhouette (cosine) ${cosine}, ARI vs label`);
  });
});

describe('latent CLI: umap, hdbscan, dbscan', () => {
  it('umap prints the library\'s embedding for the same seed, one bar per stage on stderr', async () => {
    const r = await cli(['umap', 'iris.csv', '--label', 'label', '--seed', '3', '--epochs', '40', '--digits', '17']);
    expect(r.code).toBe(0);
    const model = umap(iris.data, { seed: 3, nEpochs: 40 });
    const t = parseCsv(r.out, { label: 'label' });
    expect(t.columns).toEqual(['x', 'y']);
    expect(t.labelText).toEqual(iris.labelText);
    expect(Array.from(t.data.data)).toEqual(Array.from(model.embedding.data));
    for (const stage of ['knn', 'graph', 'init', 'optimize']) expect(r.err).toContain(`UMAP ${stage}`);
  });

  it('umap lowers --neighbors to rows − 1 with a note and names 4+ output columns u1 … ud', async () => {
    const r = await cli(['umap', '-', '--neighbors', '50', '--dims', '4', '--epochs', '5'], {}, { stdin: SMALL });
    expect(r.code).toBe(0);
    expect(r.err).toContain('note: --neighbors 50 lowered to 29 (rows − 1)');
    expect(r.out.split('\n')[0]).toBe('u1,u2,u3,u4');
    expect((await cli(['umap', 'iris.csv', '--metric', 'cosin'])).err).toContain('--metric must be one of euclidean');
  });

  it('hdbscan prints labels and probabilities as the library computes them, noise as -1, and the ARI with noise as a class', async () => {
    const r = await cli(['hdbscan', 'iris.csv', '--label', 'label', '--min-cluster-size', '10', '--digits', '17']);
    expect(r.code).toBe(0);
    const model = hdbscan(iris.data, { minClusterSize: 10 });
    const t = parseCsv(r.out, { label: 'label' });
    expect(t.columns).toEqual(['cluster', 'probability']);
    const got = t.data.data;
    for (let i = 0; i < 150; i++) {
      expect(got[2 * i]).toBe(model.labels[i]);
      expect(got[2 * i + 1]).toBe(model.probabilities[i]);
    }
    const k = Math.max(...model.labels) + 1;
    const noise = model.labels.filter((l) => l < 0).length;
    const ari = adjustedRandIndex(iris.labels!, Int32Array.from(model.labels, (l) => (l < 0 ? k : l)));
    expect(r.err).toContain(`HDBSCAN: ${k} clusters, ${noise} noise point`);
    expect(r.err).toContain(`ARI vs label ${Number(ari.toPrecision(4))}`);
    expect((await cli(['hdbscan', 'iris.csv', '--selection', 'lef'])).err).toBe('latent: hdbscan: --selection must be one of eom, leaf, got "lef" (did you mean leaf?)\n');
  });

  it('dbscan needs --eps and prints the library\'s labels', async () => {
    expect((await cli(['dbscan', 'iris.csv'])).err).toBe('latent: dbscan: --eps is required; see latent dbscan --help\n');
    const r = await cli(['dbscan', 'iris.csv', '--label', 'label', '--eps', '0.5', '--min-samples', '5']);
    expect(r.code).toBe(0);
    const model = dbscan(iris.data, { eps: 0.5, minSamples: 5 });
    expect(r.out.trim().split('\n')).toEqual(['label,cluster', ...Array.from(model.labels, (c, i) => `${iris.labelText![i]},${c}`)]);
    expect(r.err).toContain(`core points: ${model.core.length}`);
  });
});

describe('latent CLI: report', () => {
  it('writes an HTML page with inline SVG figures and prints the summary', async () => {
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
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('latent: report: --image must be <w>x<h> with w·h = 4 (the number of feature columns), got "3x3"\n');
    const titled = await cli(['report', 'iris.csv', '--label', 'label', '--out', 'r.html', '--iterations', '10', '--epochs', '1', '--max-k', '3', '--title', 'Iris <setosa>']);
    expect(titled.written.get('r.html')).toContain('<title>latent report: Iris &lt;setosa&gt;</title>');
  });

  it('chooses k with scanK (one start per k) on the standardized data', async () => {
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

  it('lists a failing step under Skipped and goes on with the others', async () => {
    // 3 rows: t-SNE needs at least 4 and LLE more rows than 2 dimensions + 1: both fail; every other step runs
    const r = await cli(['report', 'tiny.csv', '--out', 't.html', '--epochs', '1'], { 'tiny.csv': 'a,b\n1,2\n3,5\n4,1\n' });
    expect(r.code).toBe(0);
    expect(r.err).toContain('warning: t-SNE failed: tsne: X must have at least 4 rows, got 3');
    const html = r.written.get('t.html')!;
    expect(html).toContain(
      '<section class="skipped"><h2>Skipped</h2><ul><li>t-SNE failed: tsne: X must have at least 4 rows, got 3</li><li>Isomap / LLE failed: lle: dims must be an integer in [1, 1], got 2</li></ul></section>',
    );
    for (const id of ['similarity', 'choosing-k', 'clustering', 'dendrogram', 'pca', 'umap', 'autoencoder', 'anomalies']) expect(html).toContain(`<section id="${id}">`);
    expect(html).not.toContain('<section id="tsne">');
    expect(html).not.toContain('<section id="manifold">');
    expect(r.out).toContain('autoencoder (1 epochs)');
  });

  /** `rows` points on a line in 2-D with a label column cycling through `classes` values. */
  const labelled = (rows: number, classes: number): string =>
    'x,y,tag\n' + Array.from({ length: rows }, (_, i) => `${(i * 37) % 101},${(i * 53) % 97},t${i % classes}`).join('\n') + '\n';
  const quick = ['--out', 'r.html', '--iterations', '10', '--epochs', '1', '--max-k', '4'];

  it('caps k at 20 when the label column has more classes, with a note', async () => {
    const r = await cli(['report', 'many.csv', '--label', 'tag', ...quick], { 'many.csv': labelled(100, 25) });
    expect(r.code).toBe(0);
    const note = 'the label column "tag" has 25 classes; the clusterers use k = 20, the report\'s cap (ARI and NMI still compare with all 25 classes)';
    expect(r.err).toContain(`note: ${note}\n`);
    expect(r.out).toMatch(/k-means k=20 /);
    expect(r.out).toMatch(/k-medoids k=20 /);
    expect(r.written.get('r.html')).toContain(`<section class="notes"><h2>Notes</h2><ul><li>${note.replace(/"/g, '&quot;').replace(/'/g, '&#39;')}</li></ul></section>`);
  });

  it('says when a label column looks like an ID and chooses k from the data instead', async () => {
    for (const [rows, classes] of [[40, 40], [40, 30]] as const) {
      const r = await cli(['report', 'ids.csv', '--label', 'tag', ...quick], { 'ids.csv': labelled(rows, classes) });
      expect(r.code).toBe(0);
      expect(r.err).toContain(
        `note: the label column "tag" looks like an ID, not a class (${classes} distinct values in ${rows} rows): it is not used as classes; k is chosen from the data, and ARI/NMI are not computed\n`,
      );
      const suggested = /suggested k = (\d+)/.exec(r.out)![1];
      expect(r.out).toMatch(new RegExp(`k-means k=${suggested} `));
      expect(r.err).toContain(`data: ${rows} rows × 2 columns\n`);
    }
    // 20 classes in 40 rows (50 %) are classes
    const half = await cli(['report', 'half.csv', '--label', 'tag', ...quick], { 'half.csv': labelled(40, 20) });
    expect(half.err).not.toContain('looks like an ID');
    expect(half.out).toMatch(/k-means k=20 /);
  });
});

describe('latent CLI: --version', () => {
  it('prints the version of package.json', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const r = await cli(['--version']);
    expect(r).toMatchObject({ code: 0, out: `${pkg.version}\n`, err: '' });
  });
});
