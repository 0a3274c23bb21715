/**
 * The embedding-scale commands: `umap` (a 2-D/3-D picture), `hdbscan` and `dbscan`
 * (density-based clusters with noise, labelled −1). The BERTopic-style pipeline
 * "embed → UMAP → HDBSCAN" is two commands: `latent umap x.csv --dims 5 | latent hdbscan -`.
 */
import { adjustedRandIndex, dbscan, hdbscan } from '../cluster/index.js';
import { METRIC_NAMES } from '../distance/index.js';
import { umap } from '../manifold/index.js';
import { choiceOption, numberOption, type ParsedArgs } from './args.js';
import { INPUT, digitsOf, inputSpec, load, noiseAsClass, withLabel, type Command } from './command-kit.js';
import { formatNumber, type CsvTable } from './csv.js';
import type { CliIO } from './io.js';
import { progressBar } from './progress.js';

/** `--seed` when given (the library's default otherwise). */
function seedOf(command: string, args: ParsedArgs): { seed?: number } {
  return args.values.has('seed') ? { seed: numberOption(command, args, 'seed', undefined, { integer: true }) } : {};
}

/**
 * Cluster and noise counts on stderr, and the ARI against the label column (noise counted as one
 * more class; no silhouette: it has no meaning for the noise points).
 */
function densityNotes(name: string, t: CsvTable, labels: Int32Array, io: CliIO): void {
  const { clusters: k, noise, classes } = noiseAsClass(labels);
  const ari = t.labels ? `, ARI vs ${t.labelColumn} ${formatNumber(adjustedRandIndex(t.labels, classes), 4)}` : '';
  io.stderr(`${name}: ${k} cluster${k === 1 ? '' : 's'}, ${noise} noise point${noise === 1 ? '' : 's'} (label -1) of ${labels.length}${ari}\n`);
}

const METRIC = { type: 'string', arg: '<m>', help: METRIC_NAMES.join(' | '), default: 'euclidean' } as const;
const SEED = { type: 'string', arg: '<n>', help: 'random seed', default: 'library default' } as const;

/** `latent umap`. */
export const umapCmd: Command = {
  summary: 'UMAP embedding; prints each row\'s 2-D (or --dims) coordinates',
  usage: 'latent umap <data.csv> [options]',
  options: {
    neighbors: { type: 'string', arg: '<k>', help: 'neighbourhood size (local vs global structure)', default: '15' },
    'min-dist': { type: 'string', arg: '<d>', help: 'how tightly points pack in the picture', default: '0.1' },
    dims: { type: 'string', arg: '<d>', help: 'output dimensions', default: '2' },
    epochs: { type: 'string', arg: '<n>', help: 'optimisation epochs', default: '500 up to 10 000 rows, 200 above' },
    metric: METRIC,
    seed: SEED,
    ...INPUT,
  },
  examples: ['latent umap data/digits.csv --label label > umap.csv', 'latent umap embeddings.csv --metric cosine --dims 5 | latent hdbscan - --min-cluster-size 15'],
  run(args, io) {
    const c = 'umap';
    const input = inputSpec(c, args);
    const nNeighbors = numberOption(c, args, 'neighbors', 15, { min: 2, integer: true });
    const minDist = numberOption(c, args, 'min-dist', 0.1, { min: 0 });
    const dims = numberOption(c, args, 'dims', 2, { min: 1, integer: true });
    const nEpochs = args.values.has('epochs') ? numberOption(c, args, 'epochs', undefined, { min: 1, integer: true }) : ('auto' as const);
    const metric = choiceOption(c, args, 'metric', 'euclidean', METRIC_NAMES);
    const seed = seedOf(c, args);
    const digits = digitsOf(c, args);
    const t = load(input, io);
    let bar: ReturnType<typeof progressBar> | null = null;
    let stage = '';
    const model = umap(t.data, {
      nNeighbors: Math.min(nNeighbors, t.data.rows - 1),
      minDist,
      dims,
      nEpochs,
      metric,
      ...seed,
      onProgress: (p) => {
        if (p.stage !== stage) {
          bar?.finish();
          stage = p.stage;
          bar = progressBar({ write: io.stderr, tty: io.stderrTTY }, `UMAP ${p.stage}`, Math.max(1, p.total));
        }
        bar?.update(p.completed);
      },
    });
    (bar as ReturnType<typeof progressBar> | null)?.finish();
    if (nNeighbors > t.data.rows - 1) io.stderr(`note: --neighbors ${nNeighbors} lowered to ${t.data.rows - 1} (rows − 1)\n`);
    io.stdout(withLabel(t, Array.from({ length: dims }, (_, j) => (dims <= 3 ? 'xyz'[j]! : `u${j + 1}`)), model.embedding, digits));
  },
};

/** `latent hdbscan`. */
export const hdbscanCmd: Command = {
  summary: 'HDBSCAN density clustering; prints each row\'s cluster (-1 = noise) and membership probability',
  usage: 'latent hdbscan <data.csv> [--min-cluster-size <m>] [options]',
  options: {
    'min-cluster-size': { type: 'string', arg: '<m>', help: 'smallest group that counts as a cluster', default: '5' },
    'min-samples': { type: 'string', arg: '<s>', help: 'neighbours that make a point core (higher: more noise)', default: 'min-cluster-size' },
    selection: { type: 'string', arg: '<eom|leaf>', help: 'cluster selection: excess of mass (fewer, larger) or leaf (many small)', default: 'eom' },
    metric: METRIC,
    ...INPUT,
  },
  examples: ['latent hdbscan points.csv --min-cluster-size 15 > labels.csv', 'latent umap emb.csv --dims 5 | latent hdbscan - --min-cluster-size 15'],
  run(args, io) {
    const c = 'hdbscan';
    const input = inputSpec(c, args);
    const minClusterSize = numberOption(c, args, 'min-cluster-size', 5, { min: 2, integer: true });
    const minSamples = args.values.has('min-samples') ? numberOption(c, args, 'min-samples', undefined, { min: 1, integer: true }) : minClusterSize;
    const clusterSelectionMethod = choiceOption(c, args, 'selection', 'eom', ['eom', 'leaf'] as const);
    const metric = choiceOption(c, args, 'metric', 'euclidean', METRIC_NAMES);
    const digits = digitsOf(c, args);
    const t = load(input, io);
    const model = hdbscan(t.data, { minClusterSize, minSamples: Math.min(minSamples, t.data.rows), clusterSelectionMethod, metric, predictionData: false });
    densityNotes('HDBSCAN', t, model.labels, io);
    const rows = { rows: t.data.rows, cols: 2, data: new Float64Array(2 * t.data.rows) };
    for (let i = 0; i < t.data.rows; i++) {
      rows.data[2 * i] = model.labels[i]!;
      rows.data[2 * i + 1] = model.probabilities[i]!;
    }
    io.stdout(withLabel(t, ['cluster', 'probability'], rows, digits));
  },
};

/** `latent dbscan`. */
export const dbscanCmd: Command = {
  summary: 'DBSCAN density clustering with a radius; prints each row\'s cluster (-1 = noise)',
  usage: 'latent dbscan <data.csv> --eps <radius> [--min-samples <s>] [options]',
  options: {
    eps: { type: 'string', arg: '<radius>', help: 'neighbourhood radius (required)' },
    'min-samples': { type: 'string', arg: '<s>', help: 'points within eps (itself included) that make a point core', default: '5' },
    metric: METRIC,
    ...INPUT,
  },
  examples: ['latent dbscan points.csv --eps 0.3 --min-samples 10 > labels.csv'],
  run(args, io) {
    const c = 'dbscan';
    const input = inputSpec(c, args);
    const eps = numberOption(c, args, 'eps', undefined, { min: 0 });
    const minSamples = numberOption(c, args, 'min-samples', 5, { min: 1, integer: true });
    const metric = choiceOption(c, args, 'metric', 'euclidean', METRIC_NAMES);
    const t = load(input, io);
    const model = dbscan(t.data, { eps, minSamples, metric });
    densityNotes('DBSCAN', t, model.labels, io);
    io.stderr(`core points: ${model.core.length}\n`);
    io.stdout(withLabel(t, ['cluster'], model.labels, digitsOf(c, args)));
  },
};
