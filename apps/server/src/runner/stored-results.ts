/**
 * The report's input rebuilt from the stored fold rows. The runner always builds the report from what SQLite holds
 * (never from results kept in memory), so a sweep resumed after a crash gets exactly the report of an uninterrupted
 * run, and memory does not grow with the sweep.
 *
 * Stored per (trial, fold): train and validation metric (NULL = not finite → NaN), sizes, iterations, converged,
 * status, reason and the fit's nonzeros (NULL on rows stored before fold_result had them → NaN); per trial: the full-data fit (fold 0) intercept, nonzeros and coefficients, and an mlp trial's
 * network parameters (when read: curveFoldRows' `networks`). Fold fits are
 * rebuilt with what is stored: their coefficients are not kept (only the full-data path's are), so they are empty.
 * A multinomial sweep (`classes` given) stores {class: {feature: value}} and {class: value} intercepts; they come back
 * class-major (K·p) with `intercepts`, as the engine's fold path gives them.
 */
import type { FoldPathResult, LearningCurve, PointFit } from '@regsweep/engine';
import type { CurvePlan, CurveResults } from '@regsweep/sweep';
import { inTimeSlices } from '../common/in-time-slices';
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
 * curveResultsFromRows with the event loop served between steps of LAMBDAS_PER_STEP λ of one fold
 * (common/in-time-slices.ts): a 10,000-λ curve of 11 folds makes 110,000 fit objects, which built at once held the
 * event loop for seconds on a loaded machine, and a whole fold per step still overran a slice (docs/benchmarks.md,
 * issue 17).
 */
export async function curveResultsFromRowsInSlices(
  curve: CurvePlan,
  rows: readonly StoredFoldRow[],
  featureNames: readonly string[],
): Promise<CurveResults> {
  const byFold = groupBy(rows, (row) => row.fold);
  const builders = [...byFold.keys()]
    .sort((a, b) => a - b)
    .map((fold) => new FoldPathBuilder(curve, fold, byFold.get(fold)!, featureNames, undefined));
  let b = 0;
  await inTimeSlices(() => {
    if (b < builders.length && builders[b].advance(LAMBDAS_PER_STEP)) b++;
    return b < builders.length;
  });
  const built = builders.map((builder) => builder.result());
  const folds = built.filter(({ fold }) => fold !== 0);
  return { curve, folds, full: built.find(({ fold }) => fold === 0)?.fits ?? [] };
}

/** λ of one fold turned into fit objects per time-slice step: well under a slice. */
const LAMBDAS_PER_STEP = 500;

/** One curve on one fold. `fits` is the path's prefix up to its first λ without a fit, as the engine returns it. */
function foldPathResult(
  curve: CurvePlan,
  fold: number,
  rows: readonly StoredFoldRow[],
  featureNames: readonly string[],
  classes: readonly string[] | undefined,
): FoldPathResult {
  const builder = new FoldPathBuilder(curve, fold, rows, featureNames, classes);
  builder.advance(curve.lambdas.length);
  return builder.result();
}

/** foldPathResult a few λ at a time: each `advance` takes the next λ indexes, in increasing order. */
class FoldPathBuilder {
  private readonly train: Float64Array;
  private readonly validation: Float64Array;
  private readonly byIndex: (StoredFoldRow | undefined)[];
  private readonly fits: PointFit[] = [];
  private next = 0;

  constructor(
    private readonly curve: CurvePlan,
    private readonly fold: number,
    private readonly rows: readonly StoredFoldRow[],
    private readonly featureNames: readonly string[],
    private readonly classes: readonly string[] | undefined,
  ) {
    const count = curve.lambdas.length;
    this.train = new Float64Array(count).fill(NaN);
    this.validation = new Float64Array(count).fill(NaN);
    this.byIndex = new Array(count);
    for (const row of rows) this.byIndex[row.lambdaIndex] = row;
  }

  /** The next `lambdas` λ indexes; true once every one is done. */
  advance(lambdas: number): boolean {
    const count = this.curve.lambdas.length;
    const end = Math.min(count, this.next + lambdas);
    const names = this.fold === 0 ? this.featureNames : null;
    for (let j = this.next; j < end; j++) {
      const row = this.byIndex[j];
      if (!row) continue;
      this.train[j] = row.train ?? NaN;
      this.validation[j] = row.validation ?? NaN;
      if (this.fits.length === j && FITTED.has(row.status)) this.fits.push(pointFit(row, names, this.classes));
    }
    this.next = end;
    return end >= count;
  }

  result(): FoldPathResult {
    const { fold, rows, fits, train, validation } = this;
    return { fold, trainSize: rows[0].trainSize, validationSize: rows[0].validationSize, fits, train, validation };
  }
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
  if (!featureNames) return foldFit(row);
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

/** No coefficients stored on a validation fold's rows: one empty array for all of them (never written to). */
const NO_COEFFICIENTS = new Float64Array(0);

/**
 * A validation fold's fit: the fields that are stored, in one object shape with no getter (the full-data fit's lazy
 * coefficients getter made each of a conclusion's 100,000 fold fit objects cost several times more to build).
 */
function foldFit(row: StoredFoldRow): PointFit {
  const fit: { -readonly [K in keyof PointFit]: PointFit[K] } = {
    lambda: row.lambda,
    intercept: NaN,
    coefficients: NO_COEFFICIENTS,
    nonzeros: row.nonzeros ?? NaN,
    objective: NaN,
    iterations: row.iterations,
    converged: row.converged === 1,
    status: row.status as PointFit['status'],
  };
  if (row.reason !== null) fit.reason = row.reason;
  if (row.learningCurve) fit.learningCurve = parseLearningCurve(row.learningCurve);
  return fit;
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
