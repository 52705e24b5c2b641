/**
 * The one CSV tokenizer: records of comma-separated fields from bytes read in chunks (a file) or held whole (an
 * upload, a built-in), handed over as byte ranges of the chunk so numbers never become strings. Why hand-written
 * and not csv-parse: csv-parse builds a string per field and an array per record, and on numeric files it was about
 * five times slower than this (docs/benchmarks.md, "CSV loading").
 *
 * The dialect (RFC 4180 with the leniencies the old csv-parse options gave):
 *   - records end at \n or \r\n; a UTF-8 byte order mark at the start is skipped;
 *   - spaces and tabs around a field are dropped; lines holding nothing else are skipped;
 *   - a field may be quoted ("1.5"), and then hold commas, line breaks and doubled quotes ("" for ");
 *   - a quote inside an unquoted field, text after a closing quote, or a quote never closed is an error.
 * Rows may have any number of fields (the caller reports ragged rows with their line number).
 */
import { InvalidInputError } from '@regsweep/errors';

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;

/** Reads up to `length` bytes at `position` into `buffer` from `offset`; 0 at the end. */
export type ReadBytes = (buffer: Buffer, offset: number, length: number, position: number) => number;

/** One record, valid only during the callback: field k is buffer[starts[k], ends[k]), or texts[k] when quoted. */
export interface CsvRecordView {
  readonly buffer: Buffer;
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** The unescaped content of a quoted field; null for a plain one (read it from the buffer). */
  readonly texts: (string | null)[];
  /** The line the record starts on, counted from 1. */
  readonly line: number;
}

/** Field k of a record as text. */
export function fieldText(record: CsvRecordView, k: number): string {
  return record.texts[k] ?? record.buffer.toString('utf8', record.starts[k], record.ends[k]);
}

/**
 * Calls `onRecord` for every record of the bytes, `read` from position 0 in chunks, or `whole` at once; stops when
 * it returns false.
 */
export function forEachRecord(
  source: { read: ReadBytes } | { whole: Buffer },
  onRecord: (record: CsvRecordView) => boolean | void,
): void {
  const whole = 'whole' in source;
  let buffer = whole ? source.whole : Buffer.allocUnsafe(CHUNK_BYTES);
  let filled = whole ? buffer.length : 0;
  let position = filled;
  let done = whole;
  const record = new RecordBuilder();
  let line = 1;
  let first = true;
  for (;;) {
    if (!done) {
      if (filled === buffer.length) buffer = grown(buffer, filled); // a record longer than the buffer
      const read = (source as { read: ReadBytes }).read(buffer, filled, buffer.length - filled, position);
      position += read;
      filled += read;
      done = read === 0;
      record.forgetSearches(); // the bytes moved or changed
    }
    let start = 0;
    if (first && filled >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) start = 3;
    if (first && (filled >= 3 || done)) first = false;
    else if (first) continue; // too few bytes yet to tell a byte order mark
    for (;;) {
      const next = record.parse(buffer, start, filled, done, line);
      if (next < 0) break; // incomplete: more bytes needed
      if (record.count > 0 && onRecord(record.view(buffer, line)) === false) return;
      line += record.lines;
      start = next;
      if (start >= filled) break;
    }
    if (done) return;
    buffer.copy(buffer, 0, start, filled);
    filled -= start;
  }
}

function grown(buffer: Buffer, filled: number): Buffer {
  const larger = Buffer.allocUnsafe(buffer.length * 2);
  buffer.copy(larger, 0, 0, filled);
  return larger;
}

function isBlank(byte: number): boolean {
  return byte === SPACE || byte === TAB;
}

function unreadable(message: string): never {
  throw new InvalidInputError([{ path: 'file', message: `not a readable CSV: ${message}` }]);
}

/** The fields of one record, parsed from a buffer; reused from record to record. */
class RecordBuilder {
  count = 0;
  /** Line breaks consumed by the record, its own included. */
  lines = 0;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private texts: (string | null)[] = [];
  private readonly quotes = new NextByte(QUOTE);
  private readonly commas = new NextByte(COMMA);

  forgetSearches(): void {
    this.quotes.forget();
    this.commas.forget();
  }

  view(buffer: Buffer, line: number): CsvRecordView {
    const { count, starts, ends, texts } = this;
    return { buffer, count, starts, ends, texts, line };
  }

  /**
   * Parses the record at `start`; answers where the next one starts, or −1 when the bytes up to `end` hold only part
   * of it and more will come. A record of only blanks has count 0.
   */
  parse(buffer: Buffer, start: number, end: number, done: boolean, line: number): number {
    this.count = 0;
    this.lines = 0;
    let lineEnd = buffer.indexOf(NEWLINE, start);
    if (lineEnd < 0 || lineEnd >= end) {
      if (!done) return -1;
      lineEnd = end;
    }
    const quote = this.quotes.find(buffer, start);
    if (quote >= 0 && quote < lineEnd) return this.parseQuoted(buffer, start, end, done, line);
    // A plain line: fields between commas, found by the native search.
    let contentEnd = lineEnd;
    if (contentEnd > start && buffer[contentEnd - 1] === CARRIAGE_RETURN) contentEnd--;
    let blank = true;
    for (let i = start; i < contentEnd && blank; i++) blank = isBlank(buffer[i]);
    if (!blank) {
      let fieldStart = start;
      for (;;) {
        const comma = this.commas.find(buffer, fieldStart);
        const fieldEnd = comma >= 0 && comma < contentEnd ? comma : contentEnd;
        this.push(buffer, fieldStart, fieldEnd, null);
        if (fieldEnd === contentEnd) break;
        fieldStart = fieldEnd + 1;
      }
    }
    this.lines = lineEnd < end ? 1 : 0;
    return lineEnd + 1;
  }

  /** A record with a quote in its first line: byte by byte, since a quoted field may run over line breaks. */
  private parseQuoted(buffer: Buffer, start: number, end: number, done: boolean, line: number): number {
    let i = start;
    let lines = 0;
    for (;;) {
      while (i < end && isBlank(buffer[i])) i++;
      if (i < end && buffer[i] === QUOTE) {
        const parts: string[] = [];
        let from = i + 1;
        for (;;) {
          const close = buffer.indexOf(QUOTE, from);
          if (close < 0 || close >= end || (close + 1 === end && !done)) {
            if (!done) return -1;
            unreadable(`a quote opened on line ${line + lines} is never closed`);
          }
          for (let k = from; k < close; k++) if (buffer[k] === NEWLINE) lines++;
          parts.push(buffer.toString('utf8', from, close));
          if (buffer[close + 1] !== QUOTE) {
            i = close + 1;
            break;
          }
          parts.push('"'); // "" inside quotes: one quote
          from = close + 2;
        }
        while (i < end && (isBlank(buffer[i]) || buffer[i] === CARRIAGE_RETURN)) i++;
        if (i < end && buffer[i] !== COMMA && buffer[i] !== NEWLINE) {
          unreadable(`"${String.fromCharCode(buffer[i])}" after a closing quote on line ${line + lines}`);
        }
        this.push(buffer, i, i, parts.join(''));
      } else {
        const fieldStart = i;
        while (i < end && buffer[i] !== COMMA && buffer[i] !== NEWLINE) {
          if (buffer[i] === QUOTE) unreadable(`a quote inside an unquoted value on line ${line + lines}`);
          i++;
        }
        if (i === end && !done) return -1;
        let fieldEnd = i;
        // The \r of a \r\n, or of the last line.
        if (fieldEnd > fieldStart && buffer[fieldEnd - 1] === CARRIAGE_RETURN && (i === end || buffer[i] === NEWLINE)) {
          fieldEnd--;
        }
        this.push(buffer, fieldStart, fieldEnd, null);
      }
      if (i >= end) {
        if (!done) return -1;
        this.lines = lines;
        return end;
      }
      if (buffer[i] === NEWLINE) {
        this.lines = lines + 1;
        return i + 1;
      }
      i++; // the comma
    }
  }

  /** A field, its blanks around it dropped (a quoted one's are outside its quotes). */
  private push(buffer: Buffer, start: number, end: number, text: string | null): void {
    if (this.count === this.starts.length) {
      const starts = new Int32Array(this.count * 2);
      const ends = new Int32Array(this.count * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    while (start < end && isBlank(buffer[start])) start++;
    while (end > start && isBlank(buffer[end - 1])) end--;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.texts[this.count] = text;
    this.count++;
  }
}

/**
 * The next position of a byte from a point on, remembered while the bytes stay put: searching from every line's start
 * to the buffer's end would cost O(buffer) per line for a byte the file never holds.
 */
class NextByte {
  /** −2 unknown, −1 none after the last search's start, else the position found. */
  private at = -2;

  constructor(private readonly byte: number) {}

  forget(): void {
    this.at = -2;
  }

  find(buffer: Buffer, from: number): number {
    if (this.at === -2 || (this.at >= 0 && this.at < from)) this.at = buffer.indexOf(this.byte, from);
    return this.at;
  }
}
