/**
 * readCsvFile (the file read in 1 MiB chunks, behind loadDataset) must give exactly what parseCsvDataset gives on
 * the same bytes held whole: the same values, and for a bad file the same {path, message} problems, wherever the
 * chunks cut the records.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError, loadDataset, parseCsvDataset, readCsvFile, type CsvOptions } from '../src';

const dir = mkdtempSync(join(tmpdir(), 'regsweep-csv-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;

function toFile(content: string | Uint8Array): string {
  const path = join(dir, `case-${fileCount++}.csv`);
  writeFileSync(path, content);
  return path;
}

/** Either the parsed dataset (as plain arrays) or the thrown problems. */
function outcome(read: () => ReturnType<typeof parseCsvDataset>): unknown {
  try {
    const d = read();
    return {
      names: d.names,
      target: d.target,
      rows: d.rows,
      task: d.task,
      x: Array.from(d.x.values),
      y: Array.from(d.y),
    };
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return { errors: error.errors };
  }
}

function expectSameAsParser(content: string | Uint8Array, options: CsvOptions = {}): void {
  const path = toFile(content);
  const expected = outcome(() => parseCsvDataset(Buffer.from(content), options));
  expect(outcome(() => readCsvFile(path, options))).toEqual(expected);
}

describe('readCsvFile', () => {
  it.each<[string, string, CsvOptions]>([
    ['plain numbers', 'a,b,y\n1,2,3\n4,5,6\n-7.5,8e-1,9\n', {}],
    [
      'a BOM, CRLF, a trailing empty line and a middle target',
      '\uFEFFa, label ,b\r\n1,0,2\r\n3,1,4\r\n\r\n',
      { target: 'label' },
    ],
    ['no final newline and spaces around cells', 'a,y\n 1 , 2\n3,\t4', {}],
    ['empty lines before the header and between rows', '\n\na,y\n1,2\n\n3,4\n', {}],
    [
      'many digits, exponents, signs',
      'a,y\n0.1234567890123456789,1e-300\n+.5,-5.\n1E+22,123456789012345678\n-0,0e999\n',
      {},
    ],
    ['quoted cells', '"x","y"\n"1.5","2"\n', {}],
    ['an empty file', '', {}],
    ['a blank file', ' \n\n', {}],
    ['only newlines', '\n\n\n', {}],
    ['a header only', 'a,b\n', {}],
    ['a single column', 'y\n1\n', {}],
    ['an empty column name', 'a,,y\n1,2,3\n', {}],
    ['a duplicate column name', 'a,b,a\n1,2,3\n', {}],
    ['a ragged row after a bad cell', 'a,y\nq,2\n3\n', {}],
    ['a long row', 'a,y\n1,2,3\n', {}],
    ['bad cells of every kind', 'a,bmi,y\n1,abc,3\n0x1F,,NaN\n1e400,-Infinity,.\n', {}],
    ['more than 20 bad cells', 'a,y\n' + Array.from({ length: 100 }, () => 'q,q').join('\n'), {}],
    ['an unknown target', 'a,b\n1,2\n', { target: 'zz' }],
    ['a non-binary logistic target', 'a,y\n1,0\n2,2\n', { model: 'logistic' }],
    ['a one-class logistic target', 'a,y\n1,1\n2,1\n', { model: 'logistic' }],
    ['too many rows', 'a,y\n1,1\n2,2\n3,3\n', { maxRows: 2 }],
    ['exactly maxRows rows', 'a,y\n1,1\n2,2\n', { maxRows: 2 }],
    ['too many columns', 'a,b,c,y\n1,1,1,1\n', { maxColumns: 3 }],
    ['an unclosed quote', 'a,y\n"1,2\n', {}],
    ['mixed CRLF and LF line endings', '\r\na,b\n1,2\n', {}],
    ['a CRLF blank line, then LF rows', '\r\n0\n0', {}],
  ])('matches parseCsvDataset on %s', (_name, text, options) => {
    expectSameAsParser(text, options);
  });

  it('reads lines that span its 1 MiB read chunks, and rows much longer than a chunk', () => {
    const columns = 30_000; // a header and rows of ~200 KB, 60 000 rows of short lines around them
    const wide = Array.from({ length: columns }, (_, j) => `c${j}`).join(',') + '\n';
    const wideRow = Array.from({ length: columns }, (_, j) => ((j * 7919) % 1000) / 7).join(',') + '\n';
    expectSameAsParser(wide + wideRow.repeat(12));
    const narrow = 'a,b,y\n' + Array.from({ length: 60_000 }, (_, i) => `${i / 3},${-i},${i % 2}`).join('\n') + '\n';
    expectSameAsParser(narrow);
  });

  it('matches parseCsvDataset on random numeric tables, written with any number formatting', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    const format = fc.constantFrom(
      (v: number) => String(v),
      (v: number) => v.toPrecision(8),
      (v: number) => v.toExponential(3),
      (v: number) => v.toFixed(4),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(finite, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 }),
        format,
        fc.constantFrom('\n', '\r\n'),
        (rows, write, lineEnd) => {
          expectSameAsParser(['a,b,y', ...rows.map((row) => row.map(write).join(','))].join(lineEnd) + lineEnd);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a closing quote at the very end of the file as closed (not the stale byte after it as a doubled quote)', () => {
    for (const text of ['\n""', 'a\n""', '"a"\n""', 'a,y\n"1","2"']) expectSameAsParser(text);
  });

  it('matches parseCsvDataset on junk', () => {
    const junkChars = fc.constantFrom(...'0123456789.,-+eE"\n\r abcxyzNaN\t;'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: junkChars, maxLength: 200 }), (text) => expectSameAsParser(text)),
      { numRuns: 1000 },
    );
  });

  it('is what loadDataset uses for a path', () => {
    const path = toFile('a,y\n1,2\n3,4\n');
    expect(Array.from(loadDataset(path).x.values)).toEqual([1, 3]);
  });
});
