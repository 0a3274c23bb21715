/**
 * `npm run demo`: the whole story of latent on the bundled digits (or on your CSV:
 * `npm run demo -- path/to/data.csv [labelColumn]`), with progress on the terminal, a
 * summary table, and a self-contained demo/report.html.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../src/cli/csv.js';
import { buildReport, summaryTable } from '../src/cli/report.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const userPath = process.argv[2];
const path = userPath ?? `${here}../data/digits.csv`;
const label = process.argv[3] ?? (userPath ? undefined : 'label');
const table = parseCsv(readFileSync(path, 'utf8'), { source: path, ...(label !== undefined ? { label } : {}) });
const isDigits = !userPath;

const t0 = performance.now();
const report = await buildReport(
  {
    data: table.data,
    ...(table.labels ? { labels: table.labels, labelNames: table.labelNames! } : {}),
    name: isDigits ? 'handwritten digits (8×8)' : path,
  },
  {
    ...(isDigits || table.data.cols === 64 ? { image: [8, 8] as [number, number] } : {}),
    progress: { write: (s) => void process.stderr.write(s), tty: process.stderr.isTTY === true },
  },
);
const out = `${here}report.html`;
writeFileSync(out, report.html);
process.stdout.write('\n' + summaryTable(report.summary));
process.stdout.write(`\ntotal ${((performance.now() - t0) / 1000).toFixed(1)} s — report written to ${out}\n`);
