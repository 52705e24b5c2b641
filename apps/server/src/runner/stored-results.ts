/**
 * The report's input rebuilt from the stored fold rows. The runner always builds the report from what SQLite holds
 * (never from results kept in memory), so a sweep resumed after a crash gets exactly the report of an uninterrupted
 * run, and memory does not grow with the sweep.
 *
 * Stored per (trial, fold): train and validation metric (NULL = not finite → NaN), sizes, iterations, converged,
 * status and reason; per trial: the full-data fit (fold 0) intercept, nonzeros and coefficients, and an mlp trial's
 * network parameters (when read: curveFoldRows' `networks`). Fold fits are
 * rebuilt with what is stored: their coefficients are not kept (only the full-data path's are), so they are empty.
 * A multinomial sweep (`classes` given) stores {class: {feature: value}} and {class: value} intercepts; they come back
 * class-major (K·p) with `intercepts`, as the engine's fold path gives them.
 */
import type { FoldPathResult, LearningCurve, PointFit } from '@regsweep/engine';
import type { CurvePlan, CurveResults } from '@regsweep/sweep';
import { eachInTimeSlices } from '../common/in-time-slices';
import type { StoredFoldRow } from '../store/store-types';
import { networkParameters } from '../store/stored-values';

/** Fold row statuses that carry a fit (`failed`: the path stopped before this λ, or the task failed). */
export const FITTED: ReadonlySet<string> = new Set(['ok', 'not_converged', 'diverged']);

/** One curve's results from its stored fold rows (SweepStore.curveFoldRows). */
export function curveResultsFromRows(
  curve: CurvePlan,
  rows: readonly StoredFoldRow[],
  featureNames: readonly string[],
  classes?: readonly string[],
): CurveResults {
  const byFold = groupBy(rows, (row) => row.fold);
  const folds = [...byFold.keys()]
    .filter((fold) => fold !== 0)
    .sort((a, b) => a - b)
    .map((fold) => foldPathResult(curve, fold, byFold.get(fold)!, featureNames, classes));
  const fullRows = byFold.get(0);
  const full = fullRows ? foldPathResult(curve, 0, fullRows, featureNames, classes).fits : [];
  return { curve, folds, full };
}

/**
 * curveResultsFromRows with the event loop served between folds (common/in-time-slices.ts, one fold per step): a
 * 10,000-λ curve of 11 folds makes 110,000 fit objects, which built at once held the event loop for seconds on a
 * loaded machine (docs/benchmarks.md, issue 17).
 */
export async function curveResultsFromRowsInSlices(
  curve: CurvePlan,
  rows: readonly StoredFoldRow[],
  featureNames: readonly string[],
): Promise<CurveResults> {
  const byFold = groupBy(rows, (row) => row.fold);
  const order = [...byFold.keys()].sort((a, b) => a - b);
  const built = new Map<number, FoldPathResult>();
  await eachInTimeSlices(order, (fold) =>
    built.set(fold, foldPathResult(curve, fold, byFold.get(fold)!, featureNames, undefined)),
  );
  const folds = order.filter((fold) => fold !== 0).map((fold) => built.get(fold)!);
  return { curve, folds, full: built.get(0)?.fits ?? [] };
}

/** One curve on one fold. `fits` is the path's prefix up to its first λ without a fit, as the engine returns it. */
function foldPathResult(
  curve: CurvePlan,
  fold: number,
  rows: readonly StoredFoldRow[],
  featureNames: readonly string[],
  classes: readonly string[] | undefined,
): FoldPathResult {
  const count = curve.lambdas.length;
  const train = new Float64Array(count).fill(NaN);
  const validation = new Float64Array(count).fill(NaN);
  const byIndex: (StoredFoldRow | undefined)[] = new Array(count);
  for (const row of rows) byIndex[row.lambdaIndex] = row;
  const fits: PointFit[] = [];
  for (let j = 0; j < count; j++) {
    const row = byIndex[j];
    if (!row) continue;
    train[j] = row.train ?? NaN;
    validation[j] = row.validation ?? NaN;
    if (fits.length === j && FITTED.has(row.status))
      fits.push(pointFit(row, fold === 0 ? featureNames : null, classes));
  }
  return { fold, trainSize: rows[0].trainSize, validationSize: rows[0].validationSize, fits, train, validation };
}

/**
 * `featureNames` only for the full-data fit, whose coefficients are stored. They are parsed when first read: the
 * report reads them at one λ per curve, and parsing all of them costs more than the rest of the conclusion on wide data
 * (docs/benchmarks.md, 'Figures behind the code's choices').
 */
export function pointFit(
  row: StoredFoldRow,
  featureNames: readonly string[] | null,
  classes?: readonly string[],
): PointFit {
  const json = featureNames ? row.coefficients : null;
  let coefficients: Float64Array | undefined;
  const parse = (text: string) =>
    classes ? parseClassCoefficients(text, classes, featureNames!) : parseCoefficients(text, featureNames!);
  const intercepts = featureNames && classes && row.intercepts ? parseCoefficients(row.intercepts, classes) : undefined;
  return {
    lambda: row.lambda,
    intercept: featureNames ? (row.intercept ?? NaN) : NaN,
    ...(intercepts ? { intercepts } : {}),
    get coefficients(): Float64Array {
      return (coefficients ??= json ? parse(json) : new Float64Array(0));
    },
    nonzeros: featureNames ? (row.nonzeros ?? NaN) : NaN,
    objective: NaN, // not stored; the report does not use it
    iterations: row.iterations,
    converged: row.converged === 1,
    status: row.status as PointFit['status'],
    ...(row.reason !== null ? { reason: row.reason } : {}),
    ...(row.learningCurve ? { learningCurve: parseLearningCurve(row.learningCurve) } : {}),
    ...(featureNames && row.networkParameters ? { networkParameters: networkParameters(row.networkParameters) } : {}),
  };
}

/** A stored curve (non-finite values stored as null) back in the engine's typed arrays, null → NaN. */
function parseLearningCurve(json: string): LearningCurve {
  const stored = JSON.parse(json) as { epochs: number[]; train: (number | null)[]; validation: (number | null)[] };
  return {
    epochs: Int32Array.from(stored.epochs),
    train: Float64Array.from(stored.train, (v) => v ?? NaN),
    validation: Float64Array.from(stored.validation, (v) => v ?? NaN),
  };
}

/** The JSON {feature: value} the trial row stores, in feature order; null (not finite when stored) → NaN. */
function parseCoefficients(json: string, featureNames: readonly string[]): Float64Array {
  const stored = JSON.parse(json) as Record<string, number | null>;
  return Float64Array.from(featureNames, (name) => stored[name] ?? NaN);
}

/** The JSON {class: {feature: value}} of a multinomial trial, class-major (K·p); null → NaN. */
function parseClassCoefficients(
  json: string,
  classes: readonly string[],
  featureNames: readonly string[],
): Float64Array {
  const stored = JSON.parse(json) as Record<string, Record<string, number | null> | undefined>;
  const p = featureNames.length;
  const values = new Float64Array(classes.length * p);
  classes.forEach((label, k) => featureNames.forEach((name, j) => (values[k * p + j] = stored[label]?.[name] ?? NaN)));
  return values;
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
