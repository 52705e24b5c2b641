/**
 * Rows as they cross between the main thread and the result writer thread (result-writer.ts), as columns: the
 * structured clone copies a typed array or one string in one piece but walks an array of objects field by field, on
 * the main thread that also answers requests.
 *
 * A curve's stored fold rows, from the thread: the numbers as one
 * Float64Array (NUMBERS columns per row; NULL as NaN: the store never holds a NaN, finiteOrNull), the status as an
 * index, the texts and bytes sparse (reasons, and on the fold 0 rows only the coefficients, intercepts and network).
 */
import type { TrialPlan } from '@regsweep/sweep';
import type { StoredFoldRow } from '../store-types';

const NUMBERS = [
  'curve',
  'lambdaIndex',
  'lambda',
  'fold',
  'trainSize',
  'validationSize',
  'train',
  'validation',
  'iterations',
  'converged',
  'intercept',
  'nonzeros',
] as const;
const TEXTS = ['reason', 'coefficients', 'intercepts', 'learningCurve'] as const;

/** Row index → value, for the rows that have one. */
type Sparse<T> = { readonly at: number[]; readonly values: T[] };

export interface PackedFoldRows {
  readonly count: number;
  readonly numbers: Float64Array;
  /** Index into `statuses`. */
  readonly status: Uint8Array;
  readonly statuses: string[];
  readonly texts: Record<(typeof TEXTS)[number], Sparse<string>>;
  readonly networks: Sparse<Uint8Array>;
}

function sparse<T>(rows: readonly StoredFoldRow[], valueOf: (row: StoredFoldRow) => T | null | undefined): Sparse<T> {
  const at: number[] = [];
  const values: T[] = [];
  rows.forEach((row, i) => {
    const value = valueOf(row);
    if (value === null || value === undefined) return;
    at.push(i);
    values.push(value);
  });
  return { at, values };
}

export function packFoldRows(rows: readonly StoredFoldRow[]): PackedFoldRows {
  const width = NUMBERS.length;
  const numbers = new Float64Array(rows.length * width);
  const statuses: string[] = [];
  const status = new Uint8Array(rows.length);
  rows.forEach((row, i) => {
    NUMBERS.forEach((name, c) => (numbers[i * width + c] = row[name] ?? NaN));
    let s = statuses.indexOf(row.status);
    if (s < 0) s = statuses.push(row.status) - 1;
    status[i] = s;
  });
  const texts = Object.fromEntries(
    TEXTS.map((name) => [name, sparse(rows, (row) => row[name])]),
  ) as PackedFoldRows['texts'];
  return { count: rows.length, numbers, status, statuses, texts, networks: sparse(rows, (r) => r.networkParameters) };
}

/** A reader of `packed`'s rows as curveFoldRows answers them (NaN back to NULL; an absent text or network NULL). */
export function foldRowReader(packed: PackedFoldRows): (i: number) => StoredFoldRow {
  const width = NUMBERS.length;
  const lookup = <T>({ at, values }: Sparse<T>) => new Map(at.map((i, k) => [i, values[k]]));
  const [reasons, coefficients, intercepts, learningCurves] = TEXTS.map((name) => lookup(packed.texts[name]));
  const networks = lookup(packed.networks);
  return (i) => {
    const n = (c: number) => {
      const value = packed.numbers[i * width + c];
      return Number.isNaN(value) ? null : value;
    };
    return {
      curve: n(0)!,
      lambdaIndex: n(1)!,
      lambda: n(2)!,
      fold: n(3)!,
      trainSize: n(4)!,
      validationSize: n(5)!,
      train: n(6),
      validation: n(7),
      iterations: n(8)!,
      converged: n(9)!,
      intercept: n(10),
      nonzeros: n(11),
      status: packed.statuses[packed.status[i]],
      reason: reasons.get(i) ?? null,
      coefficients: coefficients.get(i) ?? null,
      intercepts: intercepts.get(i) ?? null,
      learningCurve: learningCurves.get(i) ?? null,
      networkParameters: networks.get(i) ?? null,
    };
  };
}

/** A plan's trials, to the thread: what insertPendingTrial stores (a swept network's `params` are not stored). */
export interface PackedTrials {
  /** Each key followed by "\n". */
  readonly keys: string;
  /** Per trial: curve, lambdaIndex, l1Ratio, lambda, penalty (index into `penalties`). */
  readonly numbers: Float64Array;
  readonly penalties: string[];
}

export function packTrials(trials: readonly TrialPlan[]): PackedTrials {
  let keys = '';
  const numbers = new Float64Array(trials.length * 5);
  const penalties: string[] = [];
  trials.forEach((t, i) => {
    keys += `${t.key}\n`;
    let p = penalties.indexOf(t.penalty);
    if (p < 0) p = penalties.push(t.penalty) - 1;
    numbers[i * 5] = t.curve;
    numbers[i * 5 + 1] = t.lambdaIndex;
    numbers[i * 5 + 2] = t.l1Ratio;
    numbers[i * 5 + 3] = t.lambda;
    numbers[i * 5 + 4] = p;
  });
  return { keys, numbers, penalties };
}

export function unpackTrials(packed: PackedTrials): TrialPlan[] {
  const keys = packed.keys.split('\n');
  return Array.from({ length: packed.numbers.length / 5 }, (_, i) => {
    const [curve, lambdaIndex, l1Ratio, lambda, p] = packed.numbers.subarray(i * 5, i * 5 + 5);
    return { key: keys[i], curve, lambdaIndex, penalty: packed.penalties[p] as TrialPlan['penalty'], l1Ratio, lambda };
  });
}
