/**
 * CSV / TSV reading and writing for the command-line tool (no dependencies).
 *
 * Reading: RFC 4180 quoting, `,` `;` or tab delimiters (detected), an optional header
 * row (detected), an optional label column (kept as text and coded 0…c−1), every other
 * cell a finite number. Errors name the file, line and column.
 */
import { LatentError } from '../core/errors.js';
import type { Matrix64 } from '../core/matrix.js';

/** Options for {@link parseCsv}. */
export interface ReadCsvOptions {
  /** File name used in error messages. @defaultValue 'input' */
  source?: string;
  /** Field delimiter. @defaultValue detected from the first line (tab, `;` or `,`) */
  delimiter?: string;
  /** Whether the first row names the columns. @defaultValue detected */
  header?: boolean;
  /**
   * The label column: a header name, a 0-based index, or a negative index from the end
   * (`-1` = last column). Its cells may be any text.
   * @defaultValue none (every column is a feature)
   */
  label?: string | number;
}

/** A parsed numeric table. */
export interface CsvTable {
  /** Feature values, one row per record. */
  data: Matrix64;
  /** Names of the feature columns (from the header, or `c0`, `c1`, … without one). */
  columns: string[];
  /** Whether a header row was read. */
  hasHeader: boolean;
  /** The delimiter used. */
  delimiter: string;
  /** Name of the label column, when one was chosen. */
  labelColumn?: string;
  /** The label text of each row, when a label column was chosen. */
  labelText?: string[];
  /** Each row's label as a code into `labelNames` (numeric labels sorted numerically). */
  labels?: Int32Array;
  /** Distinct label texts, indexed by code. */
  labelNames?: string[];
}

/** One record and the 1-based line on which it starts. */
interface Rec {
  cells: string[];
  line: number;
}

/** Splits text into records, honouring quotes (which may span lines). */
function records(text: string, delimiter: string, source: string): Rec[] {
  const out: Rec[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let wasQuoted = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
      wasQuoted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (!(cells.length === 1 && cells[0]!.trim() === '' && !wasQuoted)) out.push({ cells, line: start });
      cells = [];
      cell = '';
      wasQuoted = false;
      line++;
      start = line;
    } else cell += ch;
  }
  if (quoted) throw new LatentError('E_PARSE', `${source}: line ${start}: a quoted field is never closed`);
  cells.push(cell);
  if (!(cells.length === 1 && cells[0]!.trim() === '' && !wasQuoted)) out.push({ cells, line: start });
  return out;
}

/** A cell as a number, or NaN when it is not a plain finite number. */
function toNumber(cell: string): number {
  const t = cell.trim();
  if (t === '') return NaN;
  const v = Number(t);
  return Number.isFinite(v) ? v : NaN;
}

/** Picks the delimiter from the first non-empty line: tab, then `;` (without commas), else `,`. */
function detectDelimiter(text: string): string {
  const first = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  if (first.includes('\t')) return '\t';
  if (first.includes(';') && !first.includes(',')) return ';';
  return ',';
}

/**
 * Parses CSV/TSV text into a numeric matrix plus an optional label column.
 *
 * Header detection: the first row is a header when one of its cells is not a number
 * while the cell below it is (or when every cell of it is non-numeric). O(size of text).
 *
 * @param text - the file contents
 * @param options - see {@link ReadCsvOptions}
 * @returns the table
 * @throws LatentError `E_PARSE` (empty input, non-numeric cell, unclosed quote),
 *   `E_SHAPE` (a row with a different number of fields), `E_OPTION` (unknown label column)
 * @example
 * ```ts
 * parseCsv('x,y,kind\n1,2,a\n3,4,b\n', { label: 'kind' }).labelNames; // ['a', 'b']
 * ```
 */
export function parseCsv(text: string, options: ReadCsvOptions = {}): CsvTable {
  const source = options.source ?? 'input';
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const recs = records(text, delimiter, source);
  if (recs.length === 0) throw new LatentError('E_PARSE', `${source}: no data (the file is empty)`);
  const width = recs[0]!.cells.length;

  let hasHeader = options.header;
  if (hasHeader === undefined) {
    const first = recs[0]!.cells;
    const second = recs[1]?.cells;
    hasHeader = first.every((c) => Number.isNaN(toNumber(c))) || (second !== undefined && first.some((c, j) => Number.isNaN(toNumber(c)) && j < second.length && !Number.isNaN(toNumber(second[j]!))));
  }
  const names = hasHeader ? recs[0]!.cells.map((c, j) => c.trim() || `c${j}`) : Array.from({ length: width }, (_, j) => `c${j}`);
  const body = hasHeader ? recs.slice(1) : recs;
  if (body.length === 0) throw new LatentError('E_PARSE', `${source}: no data rows after the header`);

  let labelIndex = -1;
  if (options.label !== undefined) {
    const l = options.label;
    const asIndex = typeof l === 'number' ? l : /^-?\d+$/.test(l.trim()) && !names.includes(l) ? Number(l) : NaN;
    if (!Number.isNaN(asIndex)) {
      labelIndex = asIndex < 0 ? width + asIndex : asIndex;
      if (!Number.isInteger(labelIndex) || labelIndex < 0 || labelIndex >= width) {
        throw new LatentError('E_OPTION', `${source}: label column index must be in [${-width}, ${width - 1}], got ${String(l)}`);
      }
    } else {
      labelIndex = names.indexOf(String(l));
      if (labelIndex < 0) {
        throw new LatentError('E_OPTION', `${source}: no column named "${String(l)}" for the label; columns are ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}`);
      }
    }
  }

  const cols = width - (labelIndex >= 0 ? 1 : 0);
  if (cols === 0) throw new LatentError('E_PARSE', `${source}: no feature columns (only the label column)`);
  const data = new Float64Array(body.length * cols);
  const labelText: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const { cells, line } = body[i]!;
    if (cells.length !== width) {
      throw new LatentError(
        'E_SHAPE',
        `${source}: line ${line} has ${cells.length} field${cells.length === 1 ? '' : 's'}, expected ${width}${hasHeader ? ' (as in the header)' : ' (as in the first line)'}`,
      );
    }
    let k = i * cols;
    for (let j = 0; j < width; j++) {
      const cell = cells[j]!;
      if (j === labelIndex) {
        labelText.push(cell.trim());
        continue;
      }
      const v = toNumber(cell);
      if (Number.isNaN(v)) {
        const shown = cell.trim() === '' ? 'an empty cell' : `"${cell.length > 30 ? cell.slice(0, 30) + '…' : cell}"`;
        const hint = labelIndex < 0 && i === 0 && cell.trim() !== '' ? ` (is it a label column? use --label ${JSON.stringify(names[j])})` : '';
        throw new LatentError('E_PARSE', `${source}: line ${line}, column ${j + 1} ("${names[j]}"): expected a number, got ${shown}${hint}`);
      }
      data[k++] = v;
    }
  }
  const table: CsvTable = { data: { rows: body.length, cols, data }, columns: names.filter((_, j) => j !== labelIndex), hasHeader, delimiter };
  if (labelIndex >= 0) {
    const distinct = [...new Set(labelText)];
    if (distinct.every((t) => !Number.isNaN(toNumber(t)))) distinct.sort((a, b) => toNumber(a) - toNumber(b));
    const code = new Map(distinct.map((t, c) => [t, c]));
    table.labelColumn = names[labelIndex]!;
    table.labelText = labelText;
    table.labelNames = distinct;
    table.labels = Int32Array.from(labelText, (t) => code.get(t)!);
  }
  return table;
}

/** Quotes a CSV cell when it holds a delimiter, a quote or a line break. */
function quote(cell: string, delimiter: string): string {
  return cell.includes(delimiter) || cell.includes('"') || cell.includes('\n') || cell.includes('\r') ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * Formats a number for CSV output with `digits` significant digits (shortest form).
 *
 * @param v - the number
 * @param digits - significant digits (1–17)
 * @returns its text
 */
export function formatNumber(v: number, digits: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const s = String(Number(v.toPrecision(digits)));
  return s === '-0' ? '0' : s;
}

/**
 * Writes a header and rows as CSV text (trailing newline included).
 *
 * @param header - column names
 * @param rows - cells, numbers or text
 * @param digits - significant digits for numbers
 * @param delimiter - field delimiter
 * @returns the CSV text
 */
export function formatCsv(header: readonly string[], rows: readonly (readonly (number | string)[])[], digits = 8, delimiter = ','): string {
  const lines = [header.map((h) => quote(h, delimiter)).join(delimiter)];
  for (const r of rows) lines.push(r.map((c) => (typeof c === 'number' ? formatNumber(c, digits) : quote(c, delimiter))).join(delimiter));
  return lines.join('\n') + '\n';
}
