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
import { RecordBuilder } from './csv-record-builder';

const CHUNK_BYTES = 1 << 20;

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
