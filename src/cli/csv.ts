/**
 * CSV / TSV reading and writing for the command-line tool (no dependencies).
 *
 * Reading: RFC 4180 quoting, `,` `;` or tab delimiters (detected), an optional header
 * row (detected), an optional label column (kept as text and coded 0…c−1), every other
 * cell a finite number. Errors name the file, line and column.
 */
import { LatentError, type Matrix64 } from '../core/index.js';
import { parseDecimal } from './decimal.js';

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
  /** Things the reader guessed that the user may want to know (one sentence each). */
  notes: string[];
}

/** One record and the 1-based line on which it starts. */
interface Rec {
  cells: string[];
  line: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Reads records one at a time, honouring quotes (which may span lines) and skipping blank
 * lines. Cells are slices of `text`: nothing is built character by character and no record is
 * kept after the caller has used it, so parsing needs little memory beyond the text itself.
 */
function recordReader(text: string, delimiter: string, source: string): () => Rec | undefined {
  const n = text.length;
  const delim = delimiter.charCodeAt(0);
  let pos = 0;
  let line = 1;
  return () => {
    while (pos < n) {
      const start = line;
      const cells: string[] = [];
      let anyQuoted = false;
      for (;;) {
        // one cell from pos: text, or a quoted section (opened only after blanks) plus any text after it
        let i = pos;
        let segment = pos;
        let quoted: string | undefined;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR) break;
          if (c === QUOTE && quoted === undefined && text.slice(segment, i).trim() === '') {
            let inner = '';
            let s = ++i;
            for (;;) {
              if (i >= n) throw new LatentError('E_PARSE', `${source}: line ${start}: a quoted field is never closed`);
              const q = text.charCodeAt(i);
              if (q === QUOTE) {
                if (text.charCodeAt(i + 1) === QUOTE) {
                  inner += text.slice(s, i + 1);
                  i += 2;
                  s = i;
                  continue;
                }
                inner += text.slice(s, i);
                i++;
                break;
              }
              if (q === LF) line++;
              i++;
            }
            quoted = inner;
            anyQuoted = true;
            segment = i;
            continue;
          }
          i++;
        }
        const tail = text.slice(segment, i);
        cells.push(quoted === undefined ? tail : quoted + tail);
        if (i < n && text.charCodeAt(i) === delim) {
          pos = i + 1;
          continue;
        }
        // end of the record: a line break or the end of the text
        if (i < n && text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) i++;
        if (i < n) line++;
        pos = i + 1;
        break;
      }
      if (!(cells.length === 1 && cells[0]!.trim() === '' && !anyQuoted)) return { cells, line: start };
    }
    return undefined;
  };
}

/**
 * About how many lines `text` has: counted exactly below 256 KiB, else from the line breaks in
 * eight 16 KiB windows spread over the text (O(1) in the size of the text).
 */
function estimateLines(text: string): number {
  const n = text.length;
  const window = 1 << 14;
  const count = (from: number, to: number): number => {
    let lines = 0;
    for (let i = from; i < to; i++) if (text.charCodeAt(i) === LF) lines++;
    return lines;
  };
  if (n <= 16 * window) return count(0, n) + 1;
  let lines = 0;
  for (let w = 0; w < 8; w++) {
    const from = Math.floor(((n - window) * w) / 7);
    lines += count(from, from + window);
  }
  return Math.ceil((n * Math.max(lines, 1)) / (8 * window)) + 1;
}

/** A cell as a number, or NaN when it is not a plain finite decimal number. */
const toNumber = parseDecimal;

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
 * while the cell below it is (or when every cell of it is non-numeric). A first row of
 * numbers only is read as data, with a note in {@link CsvTable.notes} (numeric column names
 * such as years cannot be told from data: pass `header: true`). Numbers are decimal only
 * (`0x1F`, `0b101`, `0o17` are not numbers). O(size of text) time; memory: the numbers
 * (8 bytes each, while growing up to twice that) and the label texts, records are not kept.
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
  const next = recordReader(text, delimiter, source);
  const first = next();
  if (first === undefined) throw new LatentError('E_PARSE', `${source}: no data (the file is empty)`);
  const second = next();
  const width = first.cells.length;
  const notes: string[] = [];

  let hasHeader = options.header;
  if (hasHeader === undefined) {
    const top = first.cells;
    const below = second?.cells;
    hasHeader = top.every((c) => Number.isNaN(toNumber(c))) || (below !== undefined && top.some((c, j) => Number.isNaN(toNumber(c)) && j < below.length && !Number.isNaN(toNumber(below[j]!))));
    if (!hasHeader && second !== undefined && top.every((c) => !Number.isNaN(toNumber(c)))) {
      notes.push(`${source}: the first row holds only numbers, so it is read as data; if it names the columns, pass --header (--no-header hides this note)`);
    }
  }
  const names = hasHeader ? first.cells.map((c, j) => c.trim() || `c${j}`) : Array.from({ length: width }, (_, j) => `c${j}`);
  if (hasHeader && second === undefined) throw new LatentError('E_PARSE', `${source}: no data rows after the header`);

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
  // Capacity from the line length sampled across the text (grown by half when exceeded, trimmed
  // at the end), never more numbers than the text can hold (one character and a delimiter each).
  const capacity = Math.min(Math.ceil(1.05 * estimateLines(text)) * cols, Math.ceil((text.length + 1) / 2));
  let data = new Float64Array(Math.max(cols * 16, capacity));
  const labelText: string[] = [];
  let rows = 0;
  let k = 0;
  for (let rec = hasHeader ? second : first; rec !== undefined; rec = rec === first ? second : next()) {
    const { cells, line } = rec;
    if (cells.length !== width) {
      throw new LatentError(
        'E_SHAPE',
        `${source}: line ${line} has ${cells.length} field${cells.length === 1 ? '' : 's'}, expected ${width}${hasHeader ? ' (as in the header)' : ' (as in the first line)'}`,
      );
    }
    if (k + cols > data.length) {
      const grown = new Float64Array(Math.max(k + cols, Math.ceil(data.length * 1.5)));
      grown.set(data);
      data = grown;
    }
    for (let j = 0; j < width; j++) {
      const cell = cells[j]!;
      if (j === labelIndex) {
        labelText.push(cell.trim());
        continue;
      }
      const v = toNumber(cell);
      if (Number.isNaN(v)) {
        const shown = cell.trim() === '' ? 'an empty cell' : `"${cell.length > 30 ? cell.slice(0, 30) + '…' : cell}"`;
        const hint = labelIndex < 0 && rows === 0 && cell.trim() !== '' ? ` (is it a label column? use --label ${JSON.stringify(names[j])})` : '';
        throw new LatentError('E_PARSE', `${source}: line ${line}, column ${j + 1} ("${names[j]}"): expected a number, got ${shown}${hint}`);
      }
      data[k++] = v;
    }
    rows++;
  }
  const table: CsvTable = {
    data: { rows, cols, data: k === data.length ? data : data.slice(0, k) },
    columns: names.filter((_, j) => j !== labelIndex),
    hasHeader,
    delimiter,
    notes,
  };
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
