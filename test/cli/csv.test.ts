import { describe, expect, it } from 'vitest';
import { formatCsv, formatNumber, parseCsv } from '../../src/cli/csv.js';
import { isLatentError } from '../../src/core/errors.js';

function code(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (isLatentError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('did not throw');
}

describe('parseCsv', () => {
  it('detects a header and reads numbers row-major', () => {
    const t = parseCsv('a,b\n1,2\n3,4.5\n');
    expect(t.hasHeader).toBe(true);
    expect(t.columns).toEqual(['a', 'b']);
    expect(t.data.rows).toBe(2);
    expect(Array.from(t.data.data)).toEqual([1, 2, 3, 4.5]);
  });

  it('detects the absence of a header', () => {
    const t = parseCsv('1,2\n3,4');
    expect(t.hasHeader).toBe(false);
    expect(t.columns).toEqual(['c0', 'c1']);
    expect(t.data.rows).toBe(2);
  });

  it('detects tab and semicolon delimiters, CRLF endings, a BOM, blank lines and quotes', () => {
    expect(Array.from(parseCsv('x\ty\n1\t2\n').data.data)).toEqual([1, 2]);
    expect(Array.from(parseCsv('x;y\r\n1;2\r\n\r\n3;4\r\n').data.data)).toEqual([1, 2, 3, 4]);
    expect(parseCsv('\uFEFFx,y\n1,2').columns).toEqual(['x', 'y']);
    const q = parseCsv('"na,me",v\n"a ""quoted"",\nlabel",1\nplain,2\n', { label: 'na,me' });
    expect(q.labelText).toEqual(['a "quoted",\nlabel', 'plain']);
    expect(Array.from(q.data.data)).toEqual([1, 2]);
  });

  it('reads a label column by name, index or negative index, coding labels sorted', () => {
    const text = 'f1,f2,species\n1,2,setosa\n3,4,virginica\n5,6,setosa\n';
    for (const label of ['species', 2, -1, '2']) {
      const t = parseCsv(text, { label });
      expect(t.labelColumn).toBe('species');
      expect(t.columns).toEqual(['f1', 'f2']);
      expect(t.labelNames).toEqual(['setosa', 'virginica']);
      expect(Array.from(t.labels!)).toEqual([0, 1, 0]);
      expect(Array.from(t.data.data)).toEqual([1, 2, 3, 4, 5, 6]);
    }
    const numeric = parseCsv('x,label\n0,10\n1,9\n2,10\n', { label: 'label' });
    expect(numeric.labelNames).toEqual(['9', '10']);
    expect(Array.from(numeric.labels!)).toEqual([1, 0, 1]);
  });

  it('honours explicit header and delimiter options', () => {
    const t = parseCsv('1|2\n3|4', { delimiter: '|', header: true });
    expect(t.columns).toEqual(['1', '2']);
    expect(t.data.rows).toBe(1);
  });

  it('reports ragged rows with the line number', () => {
    const e = code(() => parseCsv('a,b,c\n1,2,3\n4,5\n', { source: 'data.csv' }));
    expect(e.code).toBe('E_SHAPE');
    expect(e.message).toBe('data.csv: line 3 has 2 fields, expected 3 (as in the header)');
  });

  it('reports non-numeric and empty cells with line, column number and name', () => {
    const e = code(() => parseCsv('a,b\n1,2\n3,x7\n', { source: 'data.csv' }));
    expect(e.code).toBe('E_PARSE');
    expect(e.message).toBe('data.csv: line 3, column 2 ("b"): expected a number, got "x7"');
    const empty = code(() => parseCsv('a,b\n1,\n', { source: 'd.csv' }));
    expect(empty.message).toBe('d.csv: line 2, column 2 ("b"): expected a number, got an empty cell');
    const hint = code(() => parseCsv('a,kind\n1,cat\n', { source: 'd.csv' }));
    expect(hint.message).toContain('use --label "kind"');
    expect(code(() => parseCsv('a\nNaN\n')).code).toBe('E_PARSE');
    expect(code(() => parseCsv('a\nInfinity\n')).code).toBe('E_PARSE');
  });

  it('reports empty files, header-only files, unclosed quotes and unknown label columns', () => {
    expect(code(() => parseCsv('')).message).toBe('input: no data (the file is empty)');
    expect(code(() => parseCsv('a,b\n')).message).toBe('input: no data rows after the header');
    expect(code(() => parseCsv('a,b\n"1,2\n')).code).toBe('E_PARSE');
    expect(code(() => parseCsv('a,b\n1,2\n', { label: 'zzz' })).code).toBe('E_OPTION');
    expect(code(() => parseCsv('a,b\n1,2\n', { label: 5 })).code).toBe('E_OPTION');
    expect(code(() => parseCsv('a\nx\n', { label: 'a' })).message).toContain('no feature columns');
  });
});

describe('parseCsv: streaming reader', () => {
  it('keeps line numbers right after quoted fields that span lines, CR-only breaks and blank lines', () => {
    const text = 'name,v\n"two\nlines",1\n\n"x""y",2\rz,oops\r\n';
    const e = code(() => parseCsv(text, { label: 'name', source: 's.csv' }));
    expect(e.message).toBe('s.csv: line 6, column 2 ("v"): expected a number, got "oops"');
    const t = parseCsv(text.replace('oops', '3'), { label: 'name' });
    expect(t.labelText).toEqual(['two\nlines', 'x"y', 'z']);
    expect(Array.from(t.data.data)).toEqual([1, 2, 3]);
  });

  it('reads text after a closing quote, a quote inside a cell, padded quotes and a trailing empty field', () => {
    const t = parseCsv('l,v,w\n"ab"cd,1,2\nx"y,3,4\n  "p,q" ,5,6\n', { label: 'l' });
    expect(t.labelText).toEqual(['abcd', 'x"y', 'p,q']);
    expect(code(() => parseCsv('a,b\n1,\n')).message).toBe('input: line 2, column 2 ("b"): expected a number, got an empty cell');
  });

  it('grows its buffer past a short first row and returns exactly rows × cols numbers', () => {
    const rows = ['a,b', '1,2', ...Array.from({ length: 500 }, (_, i) => `${i}.123456789,${-i}.987654321`)];
    const t = parseCsv(rows.join('\n'));
    expect(t.data.rows).toBe(501);
    expect(t.data.data.length).toBe(1002);
    expect(t.data.data[1001]).toBe(-499.987654321);
  });

  it('reads decimal cells only: 0x1F, 0b101, 0o17 are errors, not 31, 5, 15', () => {
    for (const cell of ['0x1F', '0b101', '0o17']) {
      expect(code(() => parseCsv(`a\n1\n${cell}\n`, { source: 'h.csv' })).message).toBe(`h.csv: line 3, column 1 ("a"): expected a number, got "${cell}"`);
    }
    // a hexadecimal first row is not a number either, so it is taken as a header
    expect(parseCsv('0x1F,0x20\n1,2\n').columns).toEqual(['0x1F', '0x20']);
  });

  it('notes when a first row of numbers is read as data, unless the header option was given', () => {
    expect(parseCsv('2019,2020\n1,2\n', { source: 'y.csv' }).notes).toEqual([
      'y.csv: the first row holds only numbers, so it is read as data; if it names the columns, pass --header (--no-header hides this note)',
    ]);
    expect(parseCsv('2019,2020\n1,2\n', { header: false }).notes).toEqual([]);
    expect(parseCsv('2019,2020\n1,2\n', { header: true }).columns).toEqual(['2019', '2020']);
    expect(parseCsv('a,b\n1,2\n').notes).toEqual([]);
    // a single row has nothing to compare with: no note
    expect(parseCsv('1,2\n').notes).toEqual([]);
  });
});

describe('formatCsv', () => {
  it('writes numbers compactly and quotes text when needed', () => {
    expect(formatCsv(['a', 'b,c'], [[1, 0.123456789], ['x"y', -0]], 4)).toBe('a,"b,c"\n1,0.1235\n"x""y",0\n');
    expect(formatNumber(1e-7, 3)).toBe('1e-7');
    expect(formatNumber(12345, 2)).toBe('12345');
  });

  it('round-trips through parseCsv', () => {
    const text = formatCsv(['x', 'y'], [[1.5, -2], [3, 4.25]]);
    expect(Array.from(parseCsv(text).data.data)).toEqual([1.5, -2, 3, 4.25]);
  });
});
