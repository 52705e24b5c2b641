/**
 * Reading a numeric CSV file without holding its text: the file is read in chunks twice (first to count the data
 * rows, then to parse them straight into the column-major Float64Array), so memory is the dataset as float64 plus
 * one chunk. Validation and error messages are parseCsvDataset's (same paths, same wording, same order).
 *
 * Numbers with at most 15 significant digits and a decimal exponent within ±22 are converted exactly by one
 * multiplication or division of two exactly representable doubles (Clinger's fast path); anything else goes
 * through Number() on the cell's text, as parseCsvDataset does. A file with quotes, whitespace-only lines, bare
 * carriage returns or mixed line endings is handed to parseCsvDataset whole, since only the CSV parser can read those as it does.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import {
  cellPath,
  checkHeader,
  fail,
  finishDataset,
  parseCell,
  parseCsvDataset,
  raggedRow,
  resolveColumns,
  tooManyRows,
  type CsvOptions,
  type ParsedDataset,
} from './csv';
import { InvalidInputError, type InputProblem } from './invalid-input';

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;

/** How a line ended: `crlf`, `lf`, or `none` (the last line of a file without a final newline). */
type LineEnd = 'crlf' | 'lf' | 'none';

/**
 * Calls `line(buffer, start, end, lineNumber, ending)` for each line of the file from byte `offset` (without \n or
 * \r\n).
 */
function forEachLine(
  fd: number,
  offset: number,
  line: (buffer: Buffer, start: number, end: number, lineNumber: number, ending: LineEnd) => boolean | void,
): void {
  let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let filled = 0; // bytes of buffer holding data
  let position = offset;
  let lineNumber = 0;
  for (;;) {
    if (filled === buffer.length) {
      // A line longer than the buffer: grow it.
      const grown = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(grown, 0, 0, filled);
      buffer = grown;
    }
    const read = readSync(fd, buffer, filled, buffer.length - filled, position);
    position += read;
    const end = filled + read;
    let start = 0;
    for (let i = buffer.indexOf(NEWLINE, start); i >= 0 && i < end; i = buffer.indexOf(NEWLINE, start)) {
      lineNumber++;
      const crlf = i > start && buffer[i - 1] === CARRIAGE_RETURN;
      if (line(buffer, start, crlf ? i - 1 : i, lineNumber, crlf ? 'crlf' : 'lf') === false) return;
      start = i + 1;
    }
    if (read === 0) {
      if (start < end) {
        lineNumber++;
        const stop = buffer[end - 1] === CARRIAGE_RETURN ? end - 1 : end;
        line(buffer, start, stop, lineNumber, 'none');
      }
      return;
    }
    buffer.copy(buffer, 0, start, end);
    filled = end - start;
  }
}

interface Scan {
  /** The header line's text and its line number (null when the file has no non-empty line). */
  readonly header: string | null;
  readonly headerLine: number;
  /** Non-empty lines after the header (counting stops at `limit`). */
  readonly rows: number;
  /** Something only the full CSV parser reads correctly (quotes, blank-but-not-empty lines, bare \r, mixed \r\n and \n). */
  readonly irregular: boolean;
}

function scan(fd: number, limit: number): Scan {
  let header: string | null = null;
  let headerLine = 0;
  let rows = 0;
  let irregular = false;
  const endings = new Set<LineEnd>();
  forEachLine(fd, 0, (buffer, start, end, lineNumber, ending) => {
    // csv-parse takes the first line's ending as the record delimiter: a file mixing \r\n and \n is read its way.
    if (ending !== 'none') endings.add(ending);
    if (endings.size > 1) {
      irregular = true;
      return false;
    }
    if (
      lineNumber === 1 &&
      end - start >= 3 &&
      buffer[start] === 0xef &&
      buffer[start + 1] === 0xbb &&
      buffer[start + 2] === 0xbf
    ) {
      start += 3; // UTF-8 byte order mark
    }
    if (start === end) return;
    let blank = true;
    for (let i = start; i < end; i++) {
      const byte = buffer[i];
      if (byte === QUOTE || byte === CARRIAGE_RETURN) irregular = true;
      if (byte !== SPACE && byte !== TAB) blank = false;
    }
    if (blank) irregular = true;
    if (irregular) return false;
    if (header === null) {
      header = buffer.toString('utf8', start, end);
      headerLine = lineNumber;
    } else if (++rows > limit) return false;
  });
  return { header, headerLine, rows, irregular };
}

/** A CSV file as a dataset, as parseCsvDataset(readFileSync(path), options) would give, without the file's text. */
export function readCsvFile(path: string, options: CsvOptions = {}): ParsedDataset {
  const fd = openSync(path, 'r');
  try {
    const limit = options.maxRows !== undefined ? options.maxRows : Infinity;
    const { header: headerText, headerLine, rows, irregular } = scan(fd, limit);
    if (irregular) return parseCsvDataset(readFileSync(path), options);
    if (headerText === null) fail('file', 'the file is empty');
    const header = (parse(headerText, { trim: true }) as string[][])[0].map((name) => name.trim());
    checkHeader(header, options.maxColumns);
    if (rows === 0) fail('file', 'the file has a header but no data rows');
    if (rows > limit) tooManyRows(limit);
    const { target, targetIndex, names } = resolveColumns(header, options.target);
    const { values, y } = parseRows(fd, header, targetIndex, rows, headerLine, options.shared === true);
    return finishDataset(names, target, values, y, options);
  } finally {
    closeSync(fd);
  }
}

/** Second pass: every data line straight into column-major values and y. */
function parseRows(
  fd: number,
  header: string[],
  targetIndex: number,
  n: number,
  headerLine: number,
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
  let row = 0;
  forEachLine(fd, 0, (buffer, start, end, lineNumber) => {
    if (lineNumber <= headerLine || start === end) return;
    let count = 1;
    for (let i = buffer.indexOf(COMMA, start); i >= 0 && i < end; i = buffer.indexOf(COMMA, i + 1)) count++;
    if (count !== columns) raggedRow(row + 1, count, columns, lineNumber);
    let cellStart = start;
    for (let j = 0; j < columns; j++) {
      let cellEnd = j === columns - 1 ? end : buffer.indexOf(COMMA, cellStart);
      const next = cellEnd + 1;
      while (cellStart < cellEnd && (buffer[cellStart] === SPACE || buffer[cellStart] === TAB)) cellStart++;
      while (cellEnd > cellStart && (buffer[cellEnd - 1] === SPACE || buffer[cellEnd - 1] === TAB)) cellEnd--;
      let value = parseDecimal(buffer, cellStart, cellEnd);
      if (Number.isNaN(value)) {
        value = parseCell(buffer.toString('utf8', cellStart, cellEnd), cellPath(row + 1, header[j]), problems);
      }
      const offset = columnOffset[j];
      if (offset < 0) y[row] = value;
      else values[offset + row] = value;
      cellStart = next;
    }
    row++;
  });
  if (problems.length > 0) throw new InvalidInputError(problems);
  return { values, y };
}

/** 10^0 … 10^22, all exact in float64. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * The value of a plain decimal [+-]digits[.digits][e[+-]digits] when the fast path converts it exactly;
 * NaN when the text is not such a number or needs Number() (more than 15 significant digits, large exponent).
 */
function parseDecimal(buffer: Buffer, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (i < end && (buffer[i] === 0x2b || buffer[i] === 0x2d)) negative = buffer[i++] === 0x2d;
  let mantissa = 0;
  let significant = 0;
  let digits = 0;
  let scale = 0; // decimal exponent contributed by the digits after the point
  for (; i < end; i++) {
    const d = buffer[i] - 0x30;
    if (d < 0 || d > 9) break;
    digits++;
    if (mantissa !== 0 || d !== 0) significant++;
    mantissa = mantissa * 10 + d;
  }
  if (i < end && buffer[i] === 0x2e) {
    for (i++; i < end; i++) {
      const d = buffer[i] - 0x30;
      if (d < 0 || d > 9) break;
      digits++;
      if (mantissa !== 0 || d !== 0) significant++;
      mantissa = mantissa * 10 + d;
      scale--;
    }
  }
  if (digits === 0) return NaN;
  if (i < end && (buffer[i] === 0x65 || buffer[i] === 0x45)) {
    i++;
    let exponentNegative = false;
    if (i < end && (buffer[i] === 0x2b || buffer[i] === 0x2d)) exponentNegative = buffer[i++] === 0x2d;
    let exponent = 0;
    let exponentDigits = 0;
    for (; i < end; i++) {
      const d = buffer[i] - 0x30;
      if (d < 0 || d > 9) break;
      exponentDigits++;
      if (exponent < 1e6) exponent = exponent * 10 + d;
    }
    if (exponentDigits === 0) return NaN;
    scale += exponentNegative ? -exponent : exponent;
  }
  if (i !== end || significant > 15) return NaN;
  let value: number;
  if (mantissa === 0) value = 0;
  else if (scale >= 0 && scale <= 22) value = mantissa * POWERS_OF_TEN[scale];
  else if (scale < 0 && scale >= -22) value = mantissa / POWERS_OF_TEN[-scale];
  else return NaN;
  return negative ? -value : value;
}
