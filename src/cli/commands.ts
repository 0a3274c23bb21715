/**
 * The `latent` commands: kmeans, kmedoids, pca, tsne, linkage, umap, hdbscan, dbscan, report. Each reads a CSV/TSV
 * file, calls the library function of the same name and writes CSV to stdout (notes and
 * progress go to stderr, so `latent pca x.csv > out.csv` stays clean).
 *
 * Every command checks its whole command line (option values, the output path) before it
 * reads the data, and the data-dependent limits (k ≤ rows, …) before it computes, so a typo
 * never costs a computation. Errors are `LatentError`s printed as `latent: <message>`, exit
 * code 2 for a wrong command line and 1 for everything else.
 */
import { cutTree, kmeans, kmedoids, linkage, LINKAGE_METHODS, type KMeansMetric, type KMedoidsMethod } from '../cluster/index.js';
import { isLatentError } from '../core/index.js';
import { pca, pcaTransform } from '../decomposition/index.js';
import { METRIC_NAMES } from '../distance/index.js';
import { tsne } from '../manifold/index.js';
import { closestName } from '../internals.js';
import { choiceOption, isUsageError, numberOption, parseCommandLine, usageError, type OptionSpec } from './args.js';
import { formatCsv, formatNumber } from './csv.js';
import type { CliIO } from './io.js';
import { INPUT, clusterCount, clusterNotes, digitsOf, inputSpec, kAfter, kBefore, load, restartOptions, rowsOf, withLabel, type Command } from './command-kit.js';
import { dbscanCmd, hdbscanCmd, umapCmd } from './commands-latent.js';
import { progressBar } from './progress.js';
import { buildReport, summaryTable } from './report.js';
import { packageVersion } from './version.js';

export type { CliIO } from './io.js';
export type { Command } from './command-kit.js';

/** Options shared by the two partitional clusterers. */
const K_OPTION: OptionSpec = { type: 'string', short: 'k', arg: '<k>', help: 'number of clusters (required; -k works too)' };

const KMEANS_METRICS: readonly KMeansMetric[] = ['euclidean', 'cosine'];

const kmeansCmd: Command = {
  summary: 'k-means clustering (k-means++ init); prints each row\'s cluster',
  usage: 'latent kmeans <data.csv> --k <k> [options]',
  options: {
    k: K_OPTION,
    metric: { type: 'string', arg: '<m>', help: 'euclidean | cosine (spherical k-means for embeddings: rows scaled to unit length)', default: 'euclidean' },
    'n-init': { type: 'string', arg: '<n>', help: 'restarts; the best inertia wins', default: 'library default' },
    'max-iter': { type: 'string', arg: '<n>', help: 'iteration cap per run', default: '300' },
    seed: { type: 'string', arg: '<n>', help: 'random seed', default: 'library default' },
    centroids: { type: 'boolean', help: 'print the centroids instead of the row labels' },
    ...INPUT,
  },
  examples: ['latent kmeans data/iris.csv --label label --k 3', 'latent kmeans embeddings.csv -k 8 --metric cosine', 'latent kmeans points.tsv --k 5 --centroids > centroids.csv'],
  run(args, io) {
    const c = 'kmeans';
    const input = inputSpec(c, args);
    const k = kBefore(c, args);
    const metric = choiceOption(c, args, 'metric', 'euclidean', KMEANS_METRICS);
    const digits = digitsOf(c, args);
    const options = { k, metric, ...restartOptions(c, args) };
    const t = load(input, io);
    kAfter(c, k, t.data.rows);
    const model = kmeans(t.data, options);
    io.stderr(`k-means${metric === 'cosine' ? ' (cosine)' : ''}: k=${k}, inertia ${formatNumber(model.inertia, 6)}, ${model.iterations} iterations${model.converged ? '' : ' (not converged)'}\n`);
    clusterNotes(t, model.labels, io, metric);
    if (args.flags.get('centroids')) io.stdout(formatCsv(t.columns, rowsOf(model.centroids), digits));
    else io.stdout(withLabel(t, ['cluster'], model.labels, digits));
  },
};

const KMEDOIDS_METHODS: readonly KMedoidsMethod[] = ['fasterpam', 'pam', 'alternate'];
const KMEDOIDS_INITS = ['build', 'lab', 'k-means++', 'random'] as const;

const kmedoidsCmd: Command = {
  summary: 'k-medoids clustering (FasterPAM; any metric); prints each row\'s cluster',
  usage: 'latent kmedoids <data.csv> --k <k> [options]',
  options: {
    k: K_OPTION,
    metric: { type: 'string', arg: '<m>', help: METRIC_NAMES.join(' | '), default: 'euclidean' },
    method: { type: 'string', arg: '<m>', help: KMEDOIDS_METHODS.join(' | '), default: 'fasterpam' },
    init: { type: 'string', arg: '<i>', help: KMEDOIDS_INITS.join(' | '), default: 'build' },
    'n-init': { type: 'string', arg: '<n>', help: 'runs; the lowest cost wins', default: '1' },
    'max-iter': { type: 'string', arg: '<n>', help: 'pass cap', default: 'library default' },
    seed: { type: 'string', arg: '<n>', help: 'random seed (lab, k-means++ and random starts)', default: 'library default' },
    medoids: { type: 'boolean', help: 'print the medoids (their row number and values) instead of the row labels' },
    ...INPUT,
  },
  examples: ['latent kmedoids data/iris.csv --label label -k 3', 'latent kmedoids data.csv --k 5 --metric manhattan --medoids'],
  run(args, io) {
    const c = 'kmedoids';
    const input = inputSpec(c, args);
    const k = kBefore(c, args);
    const metric = choiceOption(c, args, 'metric', 'euclidean', METRIC_NAMES);
    const digits = digitsOf(c, args);
    const options = {
      k,
      metric,
      method: choiceOption(c, args, 'method', 'fasterpam', KMEDOIDS_METHODS),
      init: choiceOption(c, args, 'init', 'build', KMEDOIDS_INITS),
      ...restartOptions(c, args),
    };
    const t = load(input, io);
    kAfter(c, k, t.data.rows);
    const model = kmedoids(t.data, options);
    io.stderr(`k-medoids (${options.method}, ${metric}): k=${k}, cost ${formatNumber(model.cost, 6)}, ${model.swaps} swaps${model.converged ? '' : ' (not converged)'}\n`);
    clusterNotes(t, model.labels, io, metric);
    if (args.flags.get('medoids')) {
      const rows = rowsOf(model.centers).map((r, i) => [model.medoids[i]!, ...r]);
      io.stdout(formatCsv(['row', ...t.columns], rows, digits));
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
    const c = 'pca';
    const input = inputSpec(c, args);
    const components = numberOption(c, args, 'components', 2, { min: 0 });
    if (components === 0 || (components >= 1 && !Number.isInteger(components))) {
      throw usageError(`pca: --components must be an integer >= 1 or a fraction in (0, 1), got ${args.values.get('components')}`);
    }
    const digits = digitsOf(c, args);
    const t = load(input, io);
    const most = Math.min(t.data.rows, t.data.cols);
    if (components > most) throw usageError(`pca: --components must be at most ${most} (the smaller of rows and columns), got ${components}`);
    const model = pca(t.data, { components, whiten: args.flags.get('whiten') ?? false });
    const scores = pcaTransform(model, t.data);
    const ratio = Array.from(model.explainedVarianceRatio, (r) => formatNumber(r, 4));
    let sum = 0;
    for (const r of model.explainedVarianceRatio) sum += r;
    io.stderr(`PCA: ${scores.cols} components, explained variance ratio ${ratio.join(', ')} (total ${formatNumber(sum, 4)})\n`);
    io.stdout(withLabel(t, Array.from({ length: scores.cols }, (_, j) => `pc${j + 1}`), scores, digits));
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
    const c = 'tsne';
    const input = inputSpec(c, args);
    const iterations = numberOption(c, args, 'iterations', 1000, { min: 1, integer: true });
    const dims = numberOption(c, args, 'dims', 2, { min: 1, max: 3, integer: true });
    // Barnes–Hut embeds in 2 or 3 dimensions; --dims 1 runs the exact method (theta 0).
    const barnesHut = dims === 2 || dims === 3;
    const theta = numberOption(c, args, 'theta', barnesHut ? 0.5 : 0, { min: 0, max: 1 });
    if (theta > 0 && !barnesHut) {
      throw usageError(`tsne: --dims ${dims} needs the exact method (--theta 0): Barnes-Hut (--theta > 0) embeds in 2 or 3 dimensions, got --theta ${args.values.get('theta')}`);
    }
    const perplexity = numberOption(c, args, 'perplexity', 30, { min: 1e-3 });
    const seed = args.values.has('seed') ? numberOption(c, args, 'seed', 0, { integer: true }) : undefined;
    const digits = digitsOf(c, args);
    const t = load(input, io);
    if (!barnesHut && !args.values.has('theta')) io.stderr(`t-SNE: --dims ${dims} uses the exact method (theta 0; O(n²) time and memory)\n`);
    const bar = progressBar({ write: io.stderr, tty: io.stderrTTY }, 't-SNE', iterations);
    const result = tsne(t.data, {
      iterations,
      perplexity,
      dims,
      theta,
      ...(seed !== undefined ? { seed } : {}),
      onProgress: (p) => bar.update(p.iteration, p.kl !== undefined ? `KL ${p.kl.toFixed(3)}` : ''),
    });
    bar.finish(`KL ${formatNumber(result.kl, 4)}`);
    io.stdout(withLabel(t, Array.from({ length: dims }, (_, j) => 'xyz'[j]!), result.embedding, digits));
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
  examples: ['latent linkage data/iris.csv --label label --method ward --cut 3', 'latent linkage points.csv --method average --metric cosine > Z.csv'],
  run(args, io) {
    const c = 'linkage';
    const input = inputSpec(c, args);
    const method = choiceOption(c, args, 'method', 'ward', LINKAGE_METHODS);
    const metric = choiceOption(c, args, 'metric', 'euclidean', METRIC_NAMES);
    if (args.values.has('cut') && args.values.has('height')) throw usageError('linkage: give either --cut or --height, not both');
    const cut = args.values.has('cut') ? numberOption(c, args, 'cut', 1, { min: 1, integer: true }) : undefined;
    const height = args.values.has('height') ? numberOption(c, args, 'height', 0) : undefined;
    const digits = digitsOf(c, args);
    const t = load(input, io);
    if (cut !== undefined && cut > t.data.rows) throw usageError(`linkage: --cut must be an integer in [1, ${t.data.rows}] (the number of rows), got ${cut}`);
    const Z = linkage(t.data, { method, metric });
    if (cut !== undefined || height !== undefined) {
      const labels = cutTree(Z, cut !== undefined ? { k: cut } : { height: height! });
      io.stderr(`linkage (${method}${metric === 'euclidean' ? '' : `, ${metric}`}): ${clusterCount(labels)} clusters\n`);
      clusterNotes(t, labels, io, metric);
      io.stdout(withLabel(t, ['cluster'], labels, digits));
    } else io.stdout(formatCsv(['left', 'right', 'distance', 'size'], rowsOf(Z), digits));
  },
};

const reportCmd: Command = {
  summary: 'the full tour on your data: similarity, clustering, PCA, t-SNE, autoencoder; writes an HTML report',
  usage: 'latent report <data.csv> [--label <column>] [--out report.html] [options]',
  options: {
    out: { type: 'string', arg: '<file>', help: 'where to write the HTML report (checked before the computation)', default: 'latent-report.html' },
    title: { type: 'string', arg: '<text>', help: 'name of the data in the report\'s title', default: 'the file name' },
    image: { type: 'string', arg: '<w>x<h>', help: 'rows are w×h grey images (e.g. 8x8 for digits): draw them' },
    'max-k': { type: 'string', arg: '<k>', help: 'largest k tried when suggesting a number of clusters', default: '10' },
    iterations: { type: 'string', arg: '<n>', help: 't-SNE gradient steps', default: '750' },
    epochs: { type: 'string', arg: '<n>', help: 'autoencoder training epochs', default: '40' },
    seed: { type: 'string', arg: '<n>', help: 'random seed for every step', default: '42' },
    ...INPUT,
    standardize: { type: 'boolean', negatable: true, help: 'z-score every column first (--no-standardize: use the raw values)', default: 'on' },
  },
  examples: ['latent report data/iris.csv --label label --out iris.html', 'latent report data/digits.csv --label label --image 8x8'],
  async run(args, io) {
    const c = 'report';
    const input = inputSpec(c, args, true);
    const img = args.values.get('image');
    const imageSize = img === undefined ? undefined : /^(\d+)x(\d+)$/.exec(img);
    if (imageSize === null) throw usageError(`report: --image must be <w>x<h> (e.g. 8x8), got "${img}"`);
    const options = {
      maxK: numberOption(c, args, 'max-k', 10, { min: 2, max: 50, integer: true }),
      tsneIterations: numberOption(c, args, 'iterations', 750, { min: 10, integer: true }),
      epochs: numberOption(c, args, 'epochs', 40, { min: 1, integer: true }),
      seed: numberOption(c, args, 'seed', 42, { integer: true }),
    };
    const out = args.values.get('out') ?? 'latent-report.html';
    io.checkWritable(out);
    const t = load({ ...input, standardize: false }, io);
    let image: [number, number] | undefined;
    if (imageSize !== undefined) {
      const [w, h] = [Number(imageSize[1]), Number(imageSize[2])];
      if (w * h !== t.data.cols) throw usageError(`report: --image must be <w>x<h> with w·h = ${t.data.cols} (the number of feature columns), got "${img}"`);
      image = [w, h];
    }
    const result = await buildReport(
      {
        data: t.data,
        ...(t.labels ? { labels: t.labels, labelNames: t.labelNames!, labelColumn: t.labelColumn! } : {}),
        name: args.values.get('title') ?? (input.path === '-' ? 'stdin' : input.path),
      },
      { ...options, ...(image ? { image } : {}), standardize: input.standardize, progress: { write: io.stderr, tty: io.stderrTTY } },
    );
    io.writeFile(out, result.html);
    io.stdout(summaryTable(result.summary) + `\nreport written to ${out}\n`);
  },
};

/** Every command by name. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  kmeans: kmeansCmd,
  kmedoids: kmedoidsCmd,
  pca: pcaCmd,
  tsne: tsneCmd,
  linkage: linkageCmd,
  umap: umapCmd,
  hdbscan: hdbscanCmd,
  dbscan: dbscanCmd,
  report: reportCmd,
};

/** `--help` text of one command. */
export function commandHelp(name: string, cmd: Command): string {
  const lines = [`latent ${name}: ${cmd.summary}`, '', `usage: ${cmd.usage}`, '', 'options:'];
  for (const [opt, spec] of Object.entries(cmd.options)) {
    const names = `${spec.short ? `-${spec.short}, ` : ''}--${spec.negatable ? `[no-]${opt}` : opt}`;
    const flag = spec.type === 'boolean' ? names : `${names} ${spec.arg ?? '<value>'}`;
    lines.push(`  ${flag.padEnd(24)} ${spec.help}${spec.default ? ` [default: ${spec.default}]` : ''}`);
  }
  lines.push('', 'examples:', ...cmd.examples.map((e) => `  ${e}`), '');
  return lines.join('\n');
}

/** The top-level `latent --help`. */
export function mainHelp(): string {
  const lines = ['latent: latent-space tools for CSV/TSV files (output is CSV on stdout)', '', 'usage: latent <command> <data.csv> [options]', '       latent --version', '', 'commands:'];
  for (const [name, cmd] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(9)} ${cmd.summary}`);
  lines.push(
    '',
    'Run `latent <command> --help` for a command\'s options. Input: a header row is detected;',
    'use --label <column> for a non-numeric class column. "-" reads stdin.',
    'Exit codes: 0 success, 1 an error in the data or the computation, 2 a wrong command line.',
    '',
  );
  return lines.join('\n');
}

/** Top-level options (before a command). */
const TOP_LEVEL = ['help', 'version'];

/**
 * Runs the CLI on `argv` (without `node` and the script path) and returns the exit code:
 * 0 on success, 1 on an error in the data or the computation, 2 on a wrong command line.
 * Every expected error is a `LatentError`, printed as `latent: <message>` without a stack.
 *
 * @param argv - the arguments
 * @param io - input/output functions
 * @returns the process exit code
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(mainHelp());
      return name === undefined ? 2 : 0;
    }
    if (name === '--version') {
      io.stdout(`${packageVersion()}\n`);
      return 0;
    }
    if (name.startsWith('-')) {
      const guess = closestName(name.replace(/^-+/, ''), TOP_LEVEL);
      throw usageError(`unknown option ${name}${guess !== undefined ? ` (did you mean --${guess}?)` : ''}; usage: latent <command> <data.csv> [options] (latent --help)`);
    }
    const cmd = COMMANDS[name];
    if (cmd === undefined) {
      const guess = closestName(name, Object.keys(COMMANDS));
      throw usageError(`unknown command "${name}"${guess !== undefined ? ` (did you mean ${guess}?)` : ''}; commands are ${Object.keys(COMMANDS).join(', ')} (latent --help)`);
    }
    const args = parseCommandLine(name, rest, cmd.options);
    if (args.flags.get('help')) {
      io.stdout(commandHelp(name, cmd));
      return 0;
    }
    await cmd.run(args, io);
    return 0;
  } catch (e) {
    if (isLatentError(e)) {
      io.stderr(`latent: ${e.message}\n`);
      return isUsageError(e) ? 2 : 1;
    }
    // Not an expected error: a bug in latent. The stack helps to report it.
    io.stderr(`latent: unexpected error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
