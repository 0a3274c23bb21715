/**
 * The `latent` commands: kmeans, pca, tsne, linkage, report. Each reads a CSV/TSV file,
 * calls the library function of the same name and writes CSV to stdout (notes and
 * progress go to stderr, so `latent pca x.csv > out.csv` stays clean).
 */
import { adjustedRandIndex } from '../cluster/metrics/adjusted-rand.js';
import { cutTree } from '../cluster/hierarchy/cut-tree.js';
import { kmeans } from '../cluster/kmeans/kmeans.js';
import { linkage } from '../cluster/hierarchy/linkage.js';
import { LINKAGE_METHODS } from '../cluster/hierarchy/linkage-methods.js';
import { silhouette } from '../cluster/metrics/silhouette.js';
import { LatentError } from '../core/errors.js';
import type { Matrix64 } from '../core/matrix.js';
import { pca } from '../decomposition/pca.js';
import { pcaTransform } from '../decomposition/pca-transform.js';
import { METRIC_NAMES } from '../distance/metric.js';
import { tsne } from '../manifold/tsne/tsne.js';
import { standardize } from '../preprocess/standardize.js';
import { choiceOption, numberOption, parseArgs, type OptionSpec, type ParsedArgs } from './args.js';
import { formatCsv, formatNumber, parseCsv, type CsvTable } from './csv.js';
import { progressBar } from './progress.js';
import { buildReport, summaryTable } from './report.js';

/** What a command may touch: injected so tests run commands without spawning a process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is an interactive terminal (progress bars redraw). */
  stderrTTY: boolean;
  readFile: (path: string) => string;
  readStdin: () => string;
  writeFile: (path: string, text: string) => void;
}

/** One command: its options, help text and action. */
export interface Command {
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  examples: string[];
  run: (args: ParsedArgs, io: CliIO) => Promise<void> | void;
}

const INPUT: Record<string, OptionSpec> = {
  label: { type: 'string', arg: '<column>', help: 'label column (header name, 0-based index, or -1 for the last); kept out of the features and copied to the output' },
  header: { type: 'boolean', help: 'the first row is a header (--no-header: it is data); detected by default' },
  delimiter: { type: 'string', arg: '<char>', help: "field delimiter: ',' ';' or 'tab'; detected by default" },
  standardize: { type: 'boolean', help: 'z-score every column first (mean 0, unit variance)' },
  digits: { type: 'string', arg: '<n>', help: 'significant digits of numbers in the output', default: '8' },
  help: { type: 'boolean', help: 'show this help' },
};

/** Reads the input file named by the first positional argument ('-' = stdin). */
function load(command: string, args: ParsedArgs, io: CliIO): CsvTable {
  const path = args.positional[0];
  if (path === undefined) throw new Error(`latent ${command}: missing input file; usage: latent ${command} <data.csv> [options]`);
  if (args.positional.length > 1) throw new Error(`latent ${command}: expected one input file, got ${args.positional.length}: ${args.positional.join(' ')}`);
  let text: string;
  try {
    text = path === '-' ? io.readStdin() : io.readFile(path);
  } catch (e) {
    throw new Error(`latent ${command}: cannot read ${path}: ${(e as Error).message}`);
  }
  const d = args.values.get('delimiter');
  const delimiter = d === undefined ? (path.toLowerCase().endsWith('.tsv') ? '\t' : undefined) : d === 'tab' || d === '\\t' ? '\t' : d;
  if (delimiter !== undefined && delimiter.length !== 1) throw new Error(`latent ${command}: --delimiter must be one character or 'tab', got "${d}"`);
  const table = parseCsv(text, {
    source: path === '-' ? 'stdin' : path,
    ...(delimiter !== undefined ? { delimiter } : {}),
    ...(args.flags.has('header') ? { header: args.flags.get('header')! } : {}),
    ...(args.values.has('label') ? { label: args.values.get('label')! } : {}),
  });
  if (args.flags.get('standardize')) table.data = standardize(table.data).data;
  return table;
}

/** Output rows: the label text (if any) then the given numeric columns. */
function withLabel(table: CsvTable, header: string[], values: Matrix64 | Int32Array, digits: number): string {
  const rows: (number | string)[][] = [];
  const n = table.data.rows;
  for (let i = 0; i < n; i++) {
    const r: (number | string)[] = table.labelText ? [table.labelText[i]!] : [];
    if (values instanceof Int32Array) r.push(values[i]!);
    else for (let j = 0; j < values.cols; j++) r.push(values.data[i * values.cols + j]!);
    rows.push(r);
  }
  return formatCsv(table.labelColumn !== undefined ? [table.labelColumn, ...header] : header, rows, digits);
}

function digitsOf(command: string, args: ParsedArgs): number {
  return numberOption(command, args, 'digits', 8, { min: 1, max: 17, integer: true });
}

/** Notes on stderr: cluster quality against the labels when both are at hand. */
function clusterNotes(table: CsvTable, labels: Int32Array, io: CliIO): void {
  const parts: string[] = [];
  let k = 0;
  for (const l of labels) k = Math.max(k, l + 1);
  if (k > 1 && k < table.data.rows && table.data.rows <= 20000) parts.push(`silhouette ${formatNumber(silhouette(table.data, labels), 4)}`);
  if (table.labels) parts.push(`ARI vs ${table.labelColumn} ${formatNumber(adjustedRandIndex(table.labels, labels), 4)}`);
  if (parts.length) io.stderr(`${parts.join(', ')}\n`);
}

const kmeansCmd: Command = {
  summary: 'k-means clustering (k-means++ init); prints each row\'s cluster',
  usage: 'latent kmeans <data.csv> --k <k> [options]',
  options: {
    k: { type: 'string', arg: '<k>', help: 'number of clusters (required)' },
    'n-init': { type: 'string', arg: '<n>', help: 'restarts; the best inertia wins', default: 'library default' },
    'max-iter': { type: 'string', arg: '<n>', help: 'iteration cap per run', default: '300' },
    seed: { type: 'string', arg: '<n>', help: 'random seed', default: 'library default' },
    centroids: { type: 'boolean', help: 'print the centroids instead of the row labels' },
    ...INPUT,
  },
  examples: ['latent kmeans data/iris.csv --label label --k 3', 'latent kmeans points.tsv --k 5 --centroids > centroids.csv'],
  run(args, io) {
    const t = load('kmeans', args, io);
    const k = numberOption('kmeans', args, 'k', undefined, { min: 1, max: t.data.rows, integer: true });
    const model = kmeans(t.data, {
      k,
      ...(args.values.has('seed') ? { seed: numberOption('kmeans', args, 'seed', 0, { integer: true }) } : {}),
      ...(args.values.has('n-init') ? { nInit: numberOption('kmeans', args, 'n-init', 1, { min: 1, integer: true }) } : {}),
      ...(args.values.has('max-iter') ? { maxIter: numberOption('kmeans', args, 'max-iter', 300, { min: 1, integer: true }) } : {}),
    });
    io.stderr(`k-means: k=${k}, inertia ${formatNumber(model.inertia, 6)}, ${model.iterations} iterations${model.converged ? '' : ' (not converged)'}\n`);
    clusterNotes(t, model.labels, io);
    const digits = digitsOf('kmeans', args);
    if (args.flags.get('centroids')) {
      const rows: number[][] = [];
      for (let c = 0; c < model.centroids.rows; c++) rows.push(Array.from(model.centroids.data.subarray(c * model.centroids.cols, (c + 1) * model.centroids.cols)));
      io.stdout(formatCsv(t.columns, rows, digits));
    } else io.stdout(withLabel(t, ['cluster'], model.labels, digits));
  },
};

const pcaCmd: Command = {
  summary: 'principal component analysis; prints each row\'s scores',
  usage: 'latent pca <data.csv> [--components <k>] [options]',
  options: {
    components: { type: 'string', arg: '<k>', help: 'components to keep: an integer, or a fraction in (0, 1) of variance to keep', default: '2' },
    whiten: { type: 'boolean', help: 'scale the scores to unit variance' },
    ...INPUT,
  },
  examples: ['latent pca data/wine.csv --label label --standardize --components 2', 'latent pca data.csv --components 0.95 > scores.csv'],
  run(args, io) {
    const t = load('pca', args, io);
    const c = numberOption('pca', args, 'components', 2, { min: 0, max: Math.min(t.data.rows, t.data.cols) });
    if (c >= 1 && !Number.isInteger(c)) throw new Error(`latent pca: --components must be an integer >= 1 or a fraction in (0, 1), got ${c}`);
    if (c === 0) throw new Error('latent pca: --components must be an integer >= 1 or a fraction in (0, 1), got 0');
    const model = pca(t.data, { components: c, whiten: args.flags.get('whiten') ?? false });
    const scores = pcaTransform(model, t.data);
    const ratio = Array.from(model.explainedVarianceRatio, (r) => formatNumber(r, 4));
    let sum = 0;
    for (const r of model.explainedVarianceRatio) sum += r;
    io.stderr(`PCA: ${scores.cols} components, explained variance ratio ${ratio.join(', ')} (total ${formatNumber(sum, 4)})\n`);
    io.stdout(withLabel(t, Array.from({ length: scores.cols }, (_, j) => `pc${j + 1}`), scores, digitsOf('pca', args)));
  },
};

const tsneCmd: Command = {
  summary: 't-SNE embedding (Barnes-Hut); prints each row\'s 2-D (or --dims) coordinates',
  usage: 'latent tsne <data.csv> [options]',
  options: {
    perplexity: { type: 'string', arg: '<p>', help: 'effective number of neighbours', default: '30' },
    iterations: { type: 'string', arg: '<n>', help: 'gradient steps', default: '1000' },
    dims: { type: 'string', arg: '<d>', help: 'output dimensions: 1, 2 or 3 (1 runs the exact method)', default: '2' },
    theta: { type: 'string', arg: '<t>', help: 'Barnes-Hut accuracy in [0, 1] (0 = exact, O(n²); Barnes-Hut needs --dims 2 or 3)', default: '0.5; 0 with --dims 1' },
    seed: { type: 'string', arg: '<n>', help: 'random seed', default: 'library default' },
    ...INPUT,
  },
  examples: ['latent tsne data/digits.csv --label label --iterations 500 > tsne.csv'],
  run(args, io) {
    const t = load('tsne', args, io);
    const iterations = numberOption('tsne', args, 'iterations', 1000, { min: 1, integer: true });
    const dims = numberOption('tsne', args, 'dims', 2, { min: 1, max: 3, integer: true });
    // Barnes–Hut embeds in 2 or 3 dimensions; --dims 1 runs the exact method (theta 0).
    const barnesHut = dims === 2 || dims === 3;
    const theta = numberOption('tsne', args, 'theta', barnesHut ? 0.5 : 0, { min: 0, max: 1 });
    if (theta > 0 && !barnesHut) {
      throw new LatentError('E_OPTION', `latent tsne: --dims ${dims} needs the exact method (--theta 0): Barnes-Hut (--theta > 0) embeds in 2 or 3 dimensions, got --theta ${args.values.get('theta')}`);
    }
    if (!barnesHut && !args.values.has('theta')) io.stderr(`t-SNE: --dims ${dims} uses the exact method (theta 0; O(n²) time and memory)\n`);
    const bar = progressBar({ write: io.stderr, tty: io.stderrTTY }, 't-SNE', iterations);
    const result = tsne(t.data, {
      iterations,
      perplexity: numberOption('tsne', args, 'perplexity', 30, { min: 1e-3 }),
      dims,
      theta,
      ...(args.values.has('seed') ? { seed: numberOption('tsne', args, 'seed', 0, { integer: true }) } : {}),
      onProgress: (p) => bar.update(p.iteration, p.kl !== undefined ? `KL ${p.kl.toFixed(3)}` : ''),
    });
    bar.finish(`KL ${formatNumber(result.kl, 4)}`);
    io.stdout(withLabel(t, Array.from({ length: dims }, (_, j) => 'xyz'[j]!), result.embedding, digitsOf('tsne', args)));
  },
};

const linkageCmd: Command = {
  summary: 'hierarchical (agglomerative) clustering; prints the merge table, or labels with --cut / --height',
  usage: 'latent linkage <data.csv> [--method ward] [--cut <k> | --height <h>] [options]',
  options: {
    method: { type: 'string', arg: '<m>', help: LINKAGE_METHODS.join(' | '), default: 'ward' },
    metric: { type: 'string', arg: '<m>', help: `${METRIC_NAMES.join(' | ')} (ward, centroid, median need euclidean)`, default: 'euclidean' },
    cut: { type: 'string', arg: '<k>', help: 'cut the tree into k clusters and print each row\'s cluster' },
    height: { type: 'string', arg: '<h>', help: 'cut the tree at this merge height and print each row\'s cluster' },
    ...INPUT,
  },
  examples: ['latent linkage data/iris.csv --label label --method ward --cut 3', 'latent linkage points.csv --method average > Z.csv'],
  run(args, io) {
    const t = load('linkage', args, io);
    const method = choiceOption('linkage', args, 'method', 'ward', LINKAGE_METHODS);
    const metric = choiceOption('linkage', args, 'metric', 'euclidean', METRIC_NAMES);
    const Z = linkage(t.data, { method, metric });
    const digits = digitsOf('linkage', args);
    if (args.values.has('cut') && args.values.has('height')) throw new Error('latent linkage: give either --cut or --height, not both');
    if (args.values.has('cut') || args.values.has('height')) {
      const labels = args.values.has('cut')
        ? cutTree(Z, { k: numberOption('linkage', args, 'cut', 1, { min: 1, max: t.data.rows, integer: true }) })
        : cutTree(Z, { height: numberOption('linkage', args, 'height', 0) });
      let k = 0;
      for (const l of labels) k = Math.max(k, l + 1);
      io.stderr(`linkage (${method}): ${k} clusters\n`);
      clusterNotes(t, labels, io);
      io.stdout(withLabel(t, ['cluster'], labels, digits));
    } else {
      const rows: number[][] = [];
      for (let i = 0; i < Z.rows; i++) rows.push(Array.from(Z.data.subarray(i * 4, i * 4 + 4)));
      io.stdout(formatCsv(['left', 'right', 'distance', 'size'], rows, digits));
    }
  },
};

const reportCmd: Command = {
  summary: 'the full tour on your data: similarity, clustering, PCA, t-SNE, autoencoder; writes an HTML report',
  usage: 'latent report <data.csv> [--label <column>] [--out report.html] [options]',
  options: {
    out: { type: 'string', arg: '<file>', help: 'where to write the HTML report', default: 'latent-report.html' },
    image: { type: 'string', arg: '<w>x<h>', help: 'rows are w×h grey images (e.g. 8x8 for digits): draw them' },
    'max-k': { type: 'string', arg: '<k>', help: 'largest k tried when suggesting a number of clusters', default: '10' },
    iterations: { type: 'string', arg: '<n>', help: 't-SNE gradient steps', default: '750' },
    epochs: { type: 'string', arg: '<n>', help: 'autoencoder training epochs', default: '40' },
    seed: { type: 'string', arg: '<n>', help: 'random seed for every step', default: '42' },
    ...INPUT,
  },
  examples: ['latent report data/iris.csv --label label --out iris.html', 'latent report data/digits.csv --label label --image 8x8'],
  async run(args, io) {
    const path = args.positional[0];
    const t = load('report', args, io);
    const img = args.values.get('image');
    let image: [number, number] | undefined;
    if (img !== undefined) {
      const m = /^(\d+)x(\d+)$/.exec(img);
      if (!m || Number(m[1]) * Number(m[2]) !== t.data.cols) {
        throw new Error(`latent report: --image must be <w>x<h> with w·h = ${t.data.cols} (the number of feature columns), got "${img}"`);
      }
      image = [Number(m[1]), Number(m[2])];
    }
    const out = args.values.get('out') ?? 'latent-report.html';
    const result = await buildReport(
      { data: t.data, ...(t.labels ? { labels: t.labels, labelNames: t.labelNames! } : {}), name: path === '-' ? 'stdin' : (path ?? 'data') },
      {
        ...(image ? { image } : {}),
        standardize: !(args.flags.get('standardize') === false),
        maxK: numberOption('report', args, 'max-k', 10, { min: 2, max: 50, integer: true }),
        tsneIterations: numberOption('report', args, 'iterations', 750, { min: 10, integer: true }),
        epochs: numberOption('report', args, 'epochs', 40, { min: 1, integer: true }),
        seed: numberOption('report', args, 'seed', 42, { integer: true }),
        progress: { write: io.stderr, tty: io.stderrTTY },
      },
    );
    io.writeFile(out, result.html);
    io.stdout(summaryTable(result.summary) + `\nreport written to ${out}\n`);
  },
};

/** Every command by name. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  kmeans: kmeansCmd,
  pca: pcaCmd,
  tsne: tsneCmd,
  linkage: linkageCmd,
  report: reportCmd,
};

/** `--help` text of one command. */
export function commandHelp(name: string, cmd: Command): string {
  const lines = [`latent ${name}: ${cmd.summary}`, '', `usage: ${cmd.usage}`, '', 'options:'];
  for (const [opt, spec] of Object.entries(cmd.options)) {
    const flag = spec.type === 'boolean' ? `--${opt}` : `--${opt} ${spec.arg ?? '<value>'}`;
    lines.push(`  ${flag.padEnd(22)} ${spec.help}${spec.default ? ` [default: ${spec.default}]` : ''}`);
  }
  lines.push('', 'examples:', ...cmd.examples.map((e) => `  ${e}`), '');
  return lines.join('\n');
}

/** The top-level `latent --help`. */
export function mainHelp(): string {
  const lines = ['latent: latent-space tools for CSV/TSV files (output is CSV on stdout)', '', 'usage: latent <command> <data.csv> [options]', '', 'commands:'];
  for (const [name, cmd] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(9)} ${cmd.summary}`);
  lines.push('', 'Run `latent <command> --help` for a command\'s options. Input: a header row is detected;', 'use --label <column> for a non-numeric class column. "-" reads stdin.', '');
  return lines.join('\n');
}

/**
 * Runs the CLI on `argv` (without `node` and the script path) and returns the exit code:
 * 0 on success, 1 on a data or option error (message on stderr), 2 on a usage error.
 *
 * @param argv - the arguments
 * @param io - input/output functions
 * @returns the process exit code
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainHelp());
    return name === undefined ? 2 : 0;
  }
  const cmd = COMMANDS[name];
  if (cmd === undefined) {
    io.stderr(`latent: unknown command "${name}"; commands are ${Object.keys(COMMANDS).join(', ')} (latent --help)\n`);
    return 2;
  }
  try {
    const args = parseArgs(name, rest, cmd.options);
    if (args.flags.get('help')) {
      io.stdout(commandHelp(name, cmd));
      return 0;
    }
    await cmd.run(args, io);
    return 0;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    io.stderr(`${msg.startsWith('latent') ? '' : 'latent: '}${msg}\n`);
    return 1;
  }
}
