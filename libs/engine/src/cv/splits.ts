/**
 * Dividing the rows of a dataset for a sweep (SPEC §2 `split`, `testFraction`).
 *
 * Order of operations, all driven by one seeded mulberry32 stream (see prng.ts) so a plan is the same on
 * every machine:
 *   1. test rows: a seeded random round(testFraction·n) of all rows, held out before any fitting;
 *   2. folds over the remaining "fit rows":
 *      kfold    fold of the i-th (shuffled) fit row = (i mod K) + 1, as R's sample(rep(1:K, length.out = m));
 *      holdout  one fold whose validation rows are a seeded random round(validationFraction·m) of the fit rows;
 *      foldIds  the caller's fold number per row of the full dataset, test rows dropped from their fold.
 * plan.folds[0] is fold 0, the full-data entry (train on every fit row, score on the test rows), and
 * plan.folds[k] is fold k for k = 1..K, so plan.folds[k].fold === k.
 */
import { InvalidInputError, type InputProblem } from '@regsweep/errors';
import type { FoldRows, SplitPlan, SplitSpec } from '../types';
import { mulberry32, shuffleInPlace, type Rng } from './prng';

export function makeSplitPlan(rows: number, split: SplitSpec, testFraction: number, seed?: number): SplitPlan {
  const problems = validateSplit(rows, split, testFraction);
  if (problems.length > 0) throw new InvalidInputError(problems);

  const rng = mulberry32(seed ?? (split.kind === 'foldIds' ? 0 : split.seed));
  const testCount = Math.round(testFraction * rows);
  const isTest = new Uint8Array(rows);
  if (testCount > 0) {
    const order = shuffleInPlace(range(rows), rng);
    for (let i = 0; i < testCount; i++) isTest[order[i]] = 1;
  }
  const fitRows = rowsWhere(rows, (row) => isTest[row] === 0);
  const testRows = rowsWhere(rows, (row) => isTest[row] === 1);

  const foldOfRow = assignFolds(rows, fitRows, split, rng);
  const foldCount = split.kind === 'kfold' ? split.folds : split.kind === 'holdout' ? 1 : maxOf(split.foldIds);
  const folds: FoldRows[] = [{ fold: 0, trainRows: fitRows, validationRows: testRows }];
  for (let fold = 1; fold <= foldCount; fold++) {
    const validationRows = fitRows.filter((row) => foldOfRow[row] === fold);
    const trainRows = fitRows.filter((row) => foldOfRow[row] !== fold);
    if (validationRows.length === 0) {
      const path = split.kind === 'foldIds' ? 'split.foldIds' : 'split';
      throw new InvalidInputError([
        { path, message: `fold ${fold} has no rows left after the test rows are held out` },
      ]);
    }
    folds.push({ fold, trainRows, validationRows });
  }
  return { fitRows, testRows, folds };
}

/** The cross-validation folds 1..K of a plan (without the full-data fold 0). */
export function validationFolds(plan: SplitPlan): FoldRows[] {
  return plan.folds.filter((fold) => fold.fold > 0);
}

/** The full-data entry of a plan: fold 0, trained on every fit row, scored on the test rows. */
export function fullDataFold(plan: SplitPlan): FoldRows {
  const full = plan.folds.find((fold) => fold.fold === 0);
  if (!full) throw new Error('split plan has no fold 0');
  return full;
}

/** Fold number (1..K) for every fit row, 0 for test rows. */
function assignFolds(rows: number, fitRows: Int32Array, split: SplitSpec, rng: Rng): Int32Array {
  const foldOfRow = new Int32Array(rows);
  switch (split.kind) {
    case 'kfold': {
      const order = Int32Array.from(fitRows);
      if (split.shuffle) shuffleInPlace(order, rng);
      order.forEach((row, i) => (foldOfRow[row] = (i % split.folds) + 1));
      break;
    }
    case 'holdout': {
      // Rows not picked for validation train the single fold: encode them as fold 2 (never read as a fold).
      const validationCount = Math.round(split.validationFraction * fitRows.length);
      const order = shuffleInPlace(Int32Array.from(fitRows), rng);
      order.forEach((row, i) => (foldOfRow[row] = i < validationCount ? 1 : 2));
      break;
    }
    case 'foldIds':
      fitRows.forEach((row) => (foldOfRow[row] = split.foldIds[row]));
      break;
  }
  return foldOfRow;
}

function validateSplit(rows: number, split: SplitSpec, testFraction: number): InputProblem[] {
  const problems: InputProblem[] = [];
  if (!Number.isInteger(rows) || rows < 1)
    problems.push({ path: 'data', message: `the dataset has no rows (${rows})` });
  if (!isFraction(testFraction)) {
    problems.push({ path: 'testFraction', message: `must be a number in [0, 1), got ${testFraction}` });
  }
  if (problems.length > 0) return problems;
  const fitCount = rows - Math.round(testFraction * rows);
  if (fitCount < 1) problems.push({ path: 'testFraction', message: `leaves no rows to fit (${rows} rows)` });

  if (split.kind !== 'foldIds' && !Number.isSafeInteger(split.seed)) {
    problems.push({ path: 'split.seed', message: `must be an integer, got ${split.seed}` });
  }
  switch (split.kind) {
    case 'kfold':
      if (!Number.isInteger(split.folds) || split.folds < 2) {
        problems.push({ path: 'split.folds', message: `must be an integer ≥ 2, got ${split.folds}` });
      } else if (split.folds > fitCount) {
        problems.push({
          path: 'split.folds',
          message: `${split.folds} folds need at least ${split.folds} rows to fit, but there are ${fitCount}`,
        });
      }
      break;
    case 'holdout': {
      if (!isFraction(split.validationFraction)) {
        problems.push({
          path: 'split.validationFraction',
          message: `must be a number in [0, 1), got ${split.validationFraction}`,
        });
        break;
      }
      const validationCount = Math.round(split.validationFraction * fitCount);
      if (validationCount < 1 || validationCount >= fitCount) {
        problems.push({
          path: 'split.validationFraction',
          message: `gives ${validationCount} validation rows out of ${fitCount}: both the training and the validation rows must be non-empty`,
        });
      }
      break;
    }
    case 'foldIds':
      problems.push(...validateFoldIds(rows, split.foldIds));
      break;
  }
  return problems;
}

function validateFoldIds(rows: number, foldIds: readonly number[]): InputProblem[] {
  if (!Array.isArray(foldIds) || foldIds.length !== rows) {
    return [{ path: 'split.foldIds', message: `must have one fold number per row (${rows}), got ${foldIds?.length}` }];
  }
  const bad = foldIds.findIndex((id) => !Number.isInteger(id) || id < 1);
  if (bad >= 0) {
    return [{ path: `split.foldIds.${bad}`, message: `must be an integer ≥ 1, got ${foldIds[bad]}` }];
  }
  const foldCount = maxOf(foldIds);
  if (foldCount < 2) return [{ path: 'split.foldIds', message: `needs at least 2 folds, got ${foldCount}` }];
  const used = new Uint8Array(foldCount + 1);
  foldIds.forEach((id) => (used[id] = 1));
  const unused = [];
  for (let fold = 1; fold <= foldCount; fold++) if (!used[fold]) unused.push(fold);
  if (unused.length > 0) {
    return [
      {
        path: 'split.foldIds',
        message: `fold numbers must be 1..${foldCount} with every fold used; unused: ${unused.join(', ')}`,
      },
    ];
  }
  return [];
}

function maxOf(values: readonly number[]): number {
  return values.reduce((max, value) => Math.max(max, value), 0);
}

function isFraction(value: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 1;
}

function range(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function rowsWhere(rows: number, keep: (row: number) => boolean): Int32Array {
  return range(rows).filter(keep);
}
