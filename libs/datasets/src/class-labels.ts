/**
 * A target column of class labels (SPEC §7 "Multiclass"): when any target cell is text rather than a number, the
 * column holds labels, strings or integers alike ("setosa", "3"). y_i is then the index of row i's label among the
 * sorted distinct labels (R's factor levels; glmnet's class order), and the labels travel with the dataset.
 * A purely numeric target is read as numbers, with the same cell errors as every other column.
 */
import type { InputProblem } from './invalid-input';

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
