import { InvalidInputError, type InputProblem } from '@regsweep/datasets';

/**
 * Bounds on the shape of a JSON body, checked on its raw bytes before JSON.parse builds anything. Both parsing and
 * validation cost grows with the number of fields and items: JSON.parse alone of a body of 250,000 keys held the
 * event loop about a second, class-validator then built one error per key (33 s), and class-transformer recursed
 * once per nesting level (3,000 levels overflowed the stack). No valid body comes near these bounds: a schedule's
 * `sweep.split.foldIds` is 4 levels deep, a config has about 20 fields.
 */
export const MAX_BODY_DEPTH = 16;
export const MAX_OBJECT_KEYS = 100;
/** λ values, l1Ratios, penalties…: the longest is an explicit λ list of at most 10,000 values. */
export const MAX_ARRAY_ITEMS = 10_000;
/** `foldIds` holds one fold per data row, and a dataset has at most 1,000,000 rows. */
export const MAX_FOLD_IDS = 1_000_000;
/** Keys longer than this are cut in the reported path. */
const MAX_KEY_BYTES = 64;

interface OpenContainer {
  isArray: boolean;
  path: string;
  /** Commas seen at this level: items = commas + 1 once anything is inside. */
  commas: number;
  limit: number;
  nonEmpty: boolean;
  /** Objects: the last key read, the name of the next child container. */
  key: string;
}

const [QUOTE, BACKSLASH, COMMA, COLON] = [0x22, 0x5c, 0x2c, 0x3a];
const [OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET] = [0x7b, 0x7d, 0x5b, 0x5d];

/**
 * The first bound the body breaks (null when none), from one pass over its bytes. Valid UTF-8 never has a byte below
 * 0x80 inside a multi-byte character, so the structural characters can be found byte by byte. Malformed JSON is left
 * to JSON.parse, which reports it.
 */
export function jsonShapeProblem(bytes: Uint8Array): InputProblem | null {
  const stack: OpenContainer[] = [];
  // The last string read: in valid JSON, the one before a colon is the key.
  let [stringStart, stringEnd] = [0, 0];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    const top = stack[stack.length - 1];
    if (byte === QUOTE) {
      stringStart = i + 1;
      for (i = stringStart; i < bytes.length && bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i++;
      stringEnd = i;
      if (top) top.nonEmpty = true;
    } else if (byte === COLON && top && !top.isArray) {
      const end = Math.min(stringEnd, stringStart + MAX_KEY_BYTES);
      top.key = Buffer.from(bytes.buffer, bytes.byteOffset + stringStart, end - stringStart).toString('utf8');
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      const isArray = byte === OPEN_BRACKET;
      const name = !top ? '' : top.isArray ? String(top.nonEmpty ? top.commas : 0) : top.key;
      const path = top?.path ? `${top.path}.${name}` : name;
      if (top) top.nonEmpty = true;
      if (stack.length >= MAX_BODY_DEPTH) {
        return { path: path || 'body', message: `is nested deeper than ${MAX_BODY_DEPTH} levels` };
      }
      const limit = !isArray ? MAX_OBJECT_KEYS : name === 'foldIds' ? MAX_FOLD_IDS : MAX_ARRAY_ITEMS;
      stack.push({ isArray, path, commas: 0, limit, nonEmpty: false, key: '' });
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      stack.pop();
    } else if (byte === COMMA && top) {
      top.commas++;
      if (top.commas + 1 > top.limit) return tooMany(top);
    } else if (top && byte > 0x20) {
      top.nonEmpty = true;
    }
  }
  return null;
}

/** The problem of a container past its limit: found at its first item too many, without reading the rest. */
function tooMany(container: OpenContainer): InputProblem {
  const what = container.isArray ? 'items' : 'fields';
  return { path: container.path || 'body', message: `has more than ${container.limit} ${what}` };
}

/**
 * body-parser's `verify` hook: runs on the raw body before JSON.parse. The error carries status 400, which
 * body-parser keeps, and reaches answerRequestErrors as an InvalidInputError.
 */
export function verifyJsonShape(_request: unknown, _response: unknown, body: Buffer): void {
  const problem = jsonShapeProblem(body);
  if (problem) throw Object.assign(new InvalidInputError([problem]), { status: 400 });
}
