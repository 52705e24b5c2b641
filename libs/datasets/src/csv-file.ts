/**
 * Reading a numeric CSV (header row required) into a design matrix and a response, from a file or from bytes held
 * whole, through the one tokenizer (csv-records.ts). A file is read in chunks twice (first to count the data rows,
 * then to parse them straight into the column-major Float64Array), so memory is the dataset as float64 plus one
 * chunk. Validation and its messages are csv.ts's.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import {
  cellPath,
  checkHeader,
  fail,
  finishDataset,
  parseCell,
  raggedRow,
  resolveColumns,
  tooManyRows,
  type CsvOptions,
  type ParsedDataset,
} from './csv';
import { parseDecimal } from './csv-number';
import { fieldText, forEachRecord, type ReadBytes } from './csv-records';
import { InvalidInputError, type InputProblem } from './invalid-input';

type Source = { read: ReadBytes } | { whole: Buffer };

/** A CSV file as a dataset, without holding the file's text. */
export function readCsvFile(path: string, options: CsvOptions = {}): ParsedDataset {
  const fd = openSync(path, 'r');
  try {
    return readCsv(
      { read: (buffer, offset, length, position) => readSync(fd, buffer, offset, length, position) },
      options,
    );
  } finally {
    closeSync(fd);
  }
}

/** A CSV text (an upload, a built-in) as a dataset. */
export function parseCsvDataset(text: string | Buffer, options: CsvOptions = {}): ParsedDataset {
  return readCsv({ whole: typeof text === 'string' ? Buffer.from(text) : text }, options);
}

function readCsv(source: Source, options: CsvOptions): ParsedDataset {
  const limit = options.maxRows !== undefined ? options.maxRows : Infinity;
  // First pass: the header and the number of data rows (counting stops past the limit).
  let header: string[] | null = null;
  let rows = 0;
  forEachRecord(source, (record) => {
    if (header !== null) return ++rows <= limit;
    header = Array.from({ length: record.count }, (_, k) => fieldText(record, k).trim());
  });
  if (header === null) fail('file', 'the file is empty');
  checkHeader(header, options.maxColumns);
  if (rows === 0) fail('file', 'the file has a header but no data rows');
  if (rows > limit) tooManyRows(limit);
  const { target, targetIndex, names } = resolveColumns(header, options.target);
  const { values, y } = parseRows(source, header, targetIndex, rows, options.shared === true);
  return finishDataset(names, target, values, y, options);
}

/** Second pass: every data record straight into column-major values and y. */
function parseRows(
  source: Source,
  header: string[],
  targetIndex: number,
  n: number,
  shared: boolean,
): { values: Float64Array; y: Float64Array } {
  const columns = header.length;
  const allocate = (length: number) =>
    shared ? new Float64Array(new SharedArrayBuffer(8 * length)) : new Float64Array(length);
  const values = allocate(n * (columns - 1));
  const y = allocate(n);
  // Where cell j goes: offset of its column in `values`, or −1 for the target.
  const columnOffset = Array.from({ length: columns }, (_, j) =>
    j === targetIndex ? -1 : (j < targetIndex ? j : j - 1) * n,
  );
  const problems: InputProblem[] = [];
  let row = -1; // the header
  forEachRecord(source, (record) => {
    if (row++ < 0) return;
    if (record.count !== columns) raggedRow(row, record.count, columns, record.line);
    const { buffer, starts, ends, texts } = record;
    for (let j = 0; j < columns; j++) {
      const text = texts[j];
      let value = text === null ? parseDecimal(buffer, starts[j], ends[j]) : NaN;
      if (Number.isNaN(value)) value = parseCell(text ?? fieldText(record, j), cellPath(row, header[j]), problems);
      const offset = columnOffset[j];
      if (offset < 0) y[row - 1] = value;
      else values[offset + row - 1] = value;
    }
    return row < n;
  });
  if (problems.length > 0) throw new InvalidInputError(problems);
  return { values, y };
}
