/**
 * The checks and messages of reading a numeric CSV into a design matrix and a response (the reading is
 * csv-file.ts's, the tokenizing csv-records.ts's).
 *
 * Every problem with the file is an InvalidInputError whose paths name the place ("file: row 12, column bmi"),
 * rows being counted from 1 after the header. Cell problems are collected (up to MAX_CELL_PROBLEMS) so a user
 * sees several at once; structural problems (empty file, bad header, ragged row) stop the parse at once.
 */
import type { DesignMatrix, Model } from '@regsweep/engine/types';
import { InvalidInputError, type InputProblem } from './invalid-input';

export interface CsvOptions {
  /** Target column; default: the last column. */
  readonly target?: string;
  /** With `logistic` the target must hold only 0 and 1 (both). */
  readonly model?: Model;
  readonly maxRows?: number;
  readonly maxColumns?: number;
  /**
   * Allocate x and y in SharedArrayBuffers, so worker threads can read them without a copy.
   */
  readonly shared?: boolean;
}

export type DatasetTask = 'regression' | 'binary';

export interface ParsedDataset {
  /** Feature names, in file order, without the target. */
  readonly names: string[];
  readonly target: string;
  readonly x: DesignMatrix;
  readonly y: Float64Array;
  readonly rows: number;
  /** `binary` when the target takes exactly the values {0, 1}. */
  readonly task: DatasetTask;
}

const MAX_CELL_PROBLEMS = 20;
/** Plain decimal numbers only: no hex, no empty cells, no "Infinity" (Number() would accept all three). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/** The target column (default: the last) and the feature names, in file order without it. */
export function resolveColumns(
  header: string[],
  requested: string | undefined,
): { target: string; targetIndex: number; names: string[] } {
  const target = requested ?? header[header.length - 1];
  const targetIndex = header.indexOf(target);
  if (targetIndex < 0) fail('target', `unknown column "${target}"; the columns are: ${header.join(', ')}`);
  const names = header.filter((_, j) => j !== targetIndex);
  if (names.length === 0) fail('file', `the file has no feature columns besides the target "${target}"`);
  return { target, targetIndex, names };
}

/** The dataset from parsed columns: its task, and the logistic check of the target. */
export function finishDataset(
  names: string[],
  target: string,
  values: Float64Array,
  y: Float64Array,
  options: CsvOptions,
): ParsedDataset {
  const n = y.length;
  const p = names.length;
  const task = isZeroOneValued(y) ? 'binary' : 'regression';
  if (options.model === 'logistic' && task !== 'binary') {
    const bad = y.findIndex((v) => v !== 0 && v !== 1);
    fail(
      'target',
      bad >= 0
        ? `a logistic model needs a 0/1 target: "${target}" is ${y[bad]} in row ${bad + 1}`
        : `a logistic model needs both classes 0 and 1 in "${target}", found only ${y[0]}`,
    );
  }
  return { names, target, x: { rows: n, cols: p, values, names }, y, rows: n, task };
}

export function cellPath(row: number, column: string): string {
  return `file: row ${row}, column ${column}`;
}

export function raggedRow(row: number, count: number, expected: number, line: number): never {
  fail(`file: row ${row}`, `has ${count} values, expected ${expected} (line ${line})`);
}

export function tooManyRows(maxRows: number): never {
  fail('file', `too many rows: more than ${maxRows}`);
}

export function checkHeader(header: string[], maxColumns?: number): void {
  if (maxColumns !== undefined && header.length > maxColumns) {
    fail('file: header', `too many columns: ${header.length}, at most ${maxColumns}`);
  }
  const empty = header.findIndex((name) => name === '');
  if (empty >= 0) fail('file: header', `column ${empty + 1} has an empty name`);
  const seen = new Map<string, number>();
  header.forEach((name, j) => {
    const first = seen.get(name);
    if (first !== undefined)
      fail('file: header', `duplicate column name "${name}" (columns ${first + 1} and ${j + 1})`);
    seen.set(name, j);
  });
}

export function parseCell(cell: string, path: string, problems: InputProblem[]): number {
  if (DECIMAL.test(cell)) {
    const value = Number(cell);
    if (Number.isFinite(value)) return value;
  }
  if (problems.length >= MAX_CELL_PROBLEMS) return NaN;
  if (DECIMAL.test(cell)) {
    problems.push({ path, message: `number out of range: "${cell}"` });
  } else if (NON_FINITE.test(cell)) {
    problems.push({ path, message: `NaN and Infinity are not allowed: "${cell}"` });
  } else if (cell === '') {
    problems.push({ path, message: 'missing value' });
  } else {
    problems.push({ path, message: `not a number: "${truncate(cell)}"` });
  }
  return NaN;
}

function isZeroOneValued(y: Float64Array): boolean {
  let zeros = 0;
  let ones = 0;
  for (const v of y) {
    if (v === 0) zeros++;
    else if (v === 1) ones++;
    else return false;
  }
  return zeros > 0 && ones > 0;
}

function truncate(cell: string): string {
  return cell.length > 40 ? `${cell.slice(0, 40)}…` : cell;
}

export function fail(path: string, message: string): never {
  throw new InvalidInputError([{ path, message }]);
}
