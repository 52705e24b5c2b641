/**
 * The fields of one CSV record parsed from a buffer (the dialect is csv-records.ts's): plain lines split by the
 * native byte search, a record with a quote byte by byte.
 */
import { InvalidInputError } from '@regsweep/errors';
import type { CsvRecordView } from './csv-records';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;

function isBlank(byte: number): boolean {
  return byte === SPACE || byte === TAB;
}

function unreadable(message: string): never {
  throw new InvalidInputError([{ path: 'file', message: `not a readable CSV: ${message}` }]);
}

/** The fields of one record, parsed from a buffer; reused from record to record. */
export class RecordBuilder {
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
          // Bytes from `end` on are stale (a chunk buffer's old content): a quote there is not a doubled one.
          if (close + 1 >= end || buffer[close + 1] !== QUOTE) {
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
