/**
 * A target column of class labels (SPEC §7 "Multiclass"): when any target cell is text rather than a number, the
 * column holds labels, strings or integers alike ("setosa", "3"). y_i is then the index of row i's label among the
 * sorted distinct labels (R's factor levels; glmnet's class order), and the labels travel with the dataset.
 * A purely numeric target is read as numbers, with the same cell errors as every other column.
 */
import { InvalidInputError, type InputProblem } from './invalid-input';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/** Does the column hold class labels: some cell neither a number, NaN/Infinity nor empty? */
export function holdsClassLabels(cells: readonly string[]): boolean {
  return cells.some((cell) => cell !== '' && !DECIMAL.test(cell) && !NON_FINITE.test(cell));
}

/** y = label indices into `classes` (sorted distinct labels); an empty cell is a missing value. */
export function encodeClassLabels(
  cells: readonly string[],
  pathOf: (row: number) => string,
  problems: InputProblem[],
): { y: Float64Array; classes: string[] } {
  const classes = [...new Set(cells.filter((cell) => cell !== ''))].sort();
  const index = new Map(classes.map((label, k) => [label, k]));
  const y = new Float64Array(cells.length);
  cells.forEach((cell, i) => {
    if (cell === '') problems.push({ path: pathOf(i + 1), message: 'missing value' });
    y[i] = index.get(cell) ?? NaN;
  });
  return { y, classes };
}

/**
 * A numeric target read as class codes (a multinomial sweep or an upload declared for it): every value an integer,
 * at least two distinct ones, each on two rows or more. The labels are the distinct codes in numeric order as text ("3", "7", "9"), which is
 * R's factor() of an integer vector and the order multinomialDatasetOf gives (y keeps the codes themselves, so the
 * same dataset still serves linear regression). A text target's labels are checked by `classCountProblems` alone.
 */
export function classCodesOf(
  y: Float64Array,
  target: string,
  /** The model named in the messages: multinomial, or "mlp with softmax output". */
  model = 'multinomial',
): { classes: string[] } | { problems: InputProblem[] } {
  const bad = y.findIndex((value) => !Number.isInteger(value));
  if (bad >= 0) {
    const message = `model ${model} needs class labels (text or integers): "${target}" is ${y[bad]} in row ${bad + 1}`;
    return { problems: [{ path: 'target', message }] };
  }
  const counts = new Map<number, number>();
  for (const value of y) counts.set(value, (counts.get(value) ?? 0) + 1);
  const classes = [...counts.keys()].sort((a, b) => a - b).map(String);
  const problems = classCountProblems(classes, target, model);
  // glmnet refuses a class with 0 or 1 observations; a numeric measurement (diabetes' progression) has many such.
  const single = [...counts].filter(([, count]) => count < 2).map(([code]) => code);
  if (problems.length === 0 && single.length > 0) {
    const more = single.length > 1 ? ` and ${single.length - 1} more` : '';
    const message = `model ${model} needs at least 2 rows per class (as glmnet): "${target}" has one row of class ${single[0]}${more}; is it a numeric (regression) target?`;
    problems.push({ path: 'target', message });
  }
  return problems.length > 0 ? { problems } : { classes };
}

/** A multinomial model needs at least two classes: with one, every probability is 1 and nothing is learned. */
export function classCountProblems(classes: readonly string[], target: string, model = 'multinomial'): InputProblem[] {
  if (classes.length >= 2) return [];
  const only = classes.length === 1 ? `only the class ${classes[0]}` : 'no class';
  return [{ path: 'target', message: `model ${model} needs at least 2 classes, but "${target}" holds ${only}` }];
}

/**
 * A dataset read for a multinomial model (or a softmax network): its text labels or integer class codes, two or more;
 * else a 400.
 */
export function multinomialClassesOf(
  data: { readonly classes?: readonly string[]; readonly y: Float64Array; readonly target: string },
  model = 'multinomial',
): readonly string[] {
  const codes = data.classes ? { classes: data.classes } : classCodesOf(data.y, data.target, model);
  const problems = 'problems' in codes ? codes.problems : classCountProblems(codes.classes, data.target, model);
  if (problems.length > 0) throw new InvalidInputError(problems);
  return (codes as { classes: readonly string[] }).classes;
}
