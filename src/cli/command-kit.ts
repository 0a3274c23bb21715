/**
 * What every `latent` command shares: the `Command` shape, the input options (`--label`,
 * `--header`, `--delimiter`, `--standardize`, `--digits`), reading the table, writing rows with
 * their label, and the notes printed after a clustering.
 */
import { adjustedRandIndex, silhouette } from '../cluster/index.js';
import type { Matrix64 } from '../core/index.js';
import type { MetricName } from '../distance/index.js';
import { standardize } from '../preprocess/index.js';
import { numberOption, usageError, type OptionSpec, type ParsedArgs } from './args.js';
import { formatCsv, formatNumber, parseCsv, type CsvTable } from './csv.js';
import type { CliIO } from './io.js';

/** One command: its options, help text and action. */
export interface Command {
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  examples: string[];
  run: (args: ParsedArgs, io: CliIO) => Promise<void> | void;
}

export const INPUT: Record<string, OptionSpec> = {
  label: { type: 'string', arg: '<column>', help: 'label column (header name, 0-based index, or -1 for the last); kept out of the features and copied to the output' },
  header: { type: 'boolean', negatable: true, help: 'the first row is a header (--no-header: it is data); detected by default' },
  delimiter: { type: 'string', arg: '<char>', help: "field delimiter: ',' ';' or 'tab'; detected by default" },
  standardize: { type: 'boolean', negatable: true, help: 'z-score every column first (mean 0, unit variance)' },
  digits: { type: 'string', arg: '<n>', help: 'significant digits of numbers in the output (1-17)', default: '8' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

/** Where and how to read the data, checked before reading. */
export interface InputSpec {
  path: string;
  delimiter?: string;
  header?: boolean;
  label?: string;
  standardize: boolean;
}

/** Reads the input options (one positional file, `--delimiter`, …) without touching the file. */
export function inputSpec(command: string, args: ParsedArgs, standardizeByDefault = false): InputSpec {
  const path = args.positional[0];
  if (path === undefined) throw usageError(`${command}: missing input file; usage: latent ${command} <data.csv> [options]`);
  if (args.positional.length > 1) throw usageError(`${command}: expected one input file, got ${args.positional.length}: ${args.positional.join(' ')}`);
  const d = args.values.get('delimiter');
  const delimiter = d === undefined ? (path.toLowerCase().endsWith('.tsv') ? '\t' : undefined) : d === 'tab' || d === '\\t' ? '\t' : d;
  if (delimiter !== undefined && delimiter.length !== 1) throw usageError(`${command}: --delimiter must be one character or 'tab', got "${d}"`);
  const header = args.flags.get('header');
  const label = args.values.get('label');
  return {
    path,
    standardize: args.flags.get('standardize') ?? standardizeByDefault,
    ...(delimiter !== undefined ? { delimiter } : {}),
    ...(header !== undefined ? { header } : {}),
    ...(label !== undefined ? { label } : {}),
  };
}

/** Reads and parses the input; prints the reader's notes on stderr. */
export function load(input: InputSpec, io: CliIO): CsvTable {
  const text = io.readInput(input.path);
  const table = parseCsv(text, {
    source: input.path === '-' ? 'stdin' : input.path,
    ...(input.delimiter !== undefined ? { delimiter: input.delimiter } : {}),
    ...(input.header !== undefined ? { header: input.header } : {}),
    ...(input.label !== undefined ? { label: input.label } : {}),
  });
  for (const note of table.notes) io.stderr(`note: ${note}\n`);
  if (input.standardize) table.data = standardize(table.data).data;
  return table;
}

/** Output rows: the label text (if any) then the given numeric columns. */
export function withLabel(table: CsvTable, header: string[], values: Matrix64 | Int32Array, digits: number): string {
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

export function digitsOf(command: string, args: ParsedArgs): number {
  return numberOption(command, args, 'digits', 8, { min: 1, max: 17, integer: true });
}

/** `--k`: read as an integer ≥ 1 before the data, checked against the row count after. */
export function kBefore(command: string, args: ParsedArgs): number {
  return numberOption(command, args, 'k', undefined, { min: 1, integer: true });
}

export function kAfter(command: string, k: number, rows: number): void {
  if (k > rows) throw usageError(`${command}: --k must be an integer in [1, ${rows}] (the number of rows), got ${k}`);
}

/** Rows of a matrix as arrays. */
export function rowsOf(m: Matrix64): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < m.rows; i++) rows.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return rows;
}

/** Number of clusters in a label vector. */
export function clusterCount(labels: Int32Array): number {
  let k = 0;
  for (const l of labels) k = Math.max(k, l + 1);
  return k;
}

/** Notes on stderr: the silhouette (with the clustering's own metric) and the ARI against the labels. */
export function clusterNotes(table: CsvTable, labels: Int32Array, io: CliIO, metric: MetricName = 'euclidean'): void {
  const parts: string[] = [];
  const k = clusterCount(labels);
  if (k > 1 && k < table.data.rows && table.data.rows <= 20000) {
    parts.push(`silhouette${metric === 'euclidean' ? '' : ` (${metric})`} ${formatNumber(silhouette(table.data, labels, metric), 4)}`);
  }
  if (table.labels) parts.push(`ARI vs ${table.labelColumn} ${formatNumber(adjustedRandIndex(table.labels, labels), 4)}`);
  if (parts.length) io.stderr(`${parts.join(', ')}\n`);
}

/** `--seed`, `--n-init` and `--max-iter` when given (the library's defaults apply otherwise). */
export function restartOptions(command: string, args: ParsedArgs): { seed?: number; nInit?: number; maxIter?: number } {
  const out: { seed?: number; nInit?: number; maxIter?: number } = {};
  if (args.values.has('seed')) out.seed = numberOption(command, args, 'seed', undefined, { integer: true });
  if (args.values.has('n-init')) out.nInit = numberOption(command, args, 'n-init', undefined, { min: 1, integer: true });
  if (args.values.has('max-iter')) out.maxIter = numberOption(command, args, 'max-iter', undefined, { min: 1, integer: true });
  return out;
}


/**
 * A density clustering's labels (−1 = noise) read for scoring: the number of clusters, of noise
 * points, and the labels with noise as one more class (k), as the ARI against true classes needs.
 *
 * @param labels - cluster of each row, −1 for noise
 * @returns the counts and the relabelled classes
 */
export function noiseAsClass(labels: Int32Array): { clusters: number; noise: number; classes: Int32Array } {
  let noise = 0;
  let k = 0;
  for (const l of labels) {
    if (l < 0) noise++;
    else k = Math.max(k, l + 1);
  }
  return { clusters: k, noise, classes: Int32Array.from(labels, (l) => (l < 0 ? k : l)) };
}
