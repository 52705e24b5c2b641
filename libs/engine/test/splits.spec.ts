import { fullDataFold, makeSplitPlan, validationFolds } from '../src/cv/splits';
import type { SplitPlan, SplitSpec } from '../src/types';
import { problemsOf } from '../../errors/test/helpers/problems-of';

const kfold = (folds: number, seed = 42, shuffle = true): SplitSpec => ({ kind: 'kfold', folds, shuffle, seed });

function foldOfEachRow(plan: SplitPlan, rows: number): number[] {
  const fold = new Array<number>(rows).fill(0);
  for (const f of validationFolds(plan)) f.validationRows.forEach((row) => (fold[row] = f.fold));
  return fold;
}

function isAscending(rows: Int32Array): boolean {
  return rows.every((row, i) => i === 0 || rows[i - 1] < row);
}

describe('makeSplitPlan', () => {
  it('pins the shuffled folds for a seed (checked against an independent Python port)', () => {
    const plan = makeSplitPlan(20, kfold(5, 42), 0);
    expect(foldOfEachRow(plan, 20)).toEqual([2, 1, 1, 4, 4, 1, 5, 5, 4, 2, 2, 2, 5, 1, 4, 3, 3, 5, 3, 3]);
  });

  it('pins the test rows and the folds after them for a seed', () => {
    const plan = makeSplitPlan(20, kfold(3, 7), 0.25);
    expect(Array.from(plan.testRows)).toEqual([4, 5, 7, 9, 19]);
    expect(foldOfEachRow(plan, 20)).toEqual([3, 2, 3, 2, 0, 0, 2, 0, 1, 0, 1, 2, 1, 3, 1, 1, 3, 2, 3, 0]);
  });

  it('puts fold 0 (all fitting rows, scored on the test rows) first and fold k at index k', () => {
    const plan = makeSplitPlan(30, kfold(4), 0.2);
    expect(plan.folds.map((f) => f.fold)).toEqual([0, 1, 2, 3, 4]);
    expect(fullDataFold(plan).trainRows).toEqual(plan.fitRows);
    expect(fullDataFold(plan).validationRows).toEqual(plan.testRows);
  });

  it.each([
    [103, 10, 0],
    [103, 10, 0.15],
    [7, 7, 0],
    [50, 3, 0.5],
  ])(
    'n=%i K=%i test=%f: every fit row in exactly one validation fold, sizes within 1, test rows disjoint',
    (n, k, test) => {
      const plan = makeSplitPlan(n, kfold(k, 11), test);
      const folds = validationFolds(plan);
      expect(folds).toHaveLength(k);
      expect(plan.testRows.length).toBe(Math.round(test * n));
      expect(plan.fitRows.length + plan.testRows.length).toBe(n);

      const seen = new Array<number>(n).fill(0);
      for (const fold of folds) {
        fold.validationRows.forEach((row) => seen[row]++);
        expect(isAscending(fold.trainRows) && isAscending(fold.validationRows)).toBe(true);
        // train ∪ validation = the fit rows, disjoint.
        expect(fold.trainRows.length + fold.validationRows.length).toBe(plan.fitRows.length);
        const train = new Set(fold.trainRows);
        fold.validationRows.forEach((row) => expect(train.has(row)).toBe(false));
        plan.testRows.forEach((row) => expect(train.has(row)).toBe(false));
      }
      const testSet = new Set(plan.testRows);
      seen.forEach((count, row) => expect(count).toBe(testSet.has(row) ? 0 : 1));
      const sizes = folds.map((f) => f.validationRows.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    },
  );

  it('is deterministic across calls and changes with the seed', () => {
    const a = makeSplitPlan(200, kfold(5, 1), 0.1);
    const b = makeSplitPlan(200, kfold(5, 1), 0.1);
    const c = makeSplitPlan(200, kfold(5, 2), 0.1);
    expect(a).toEqual(b);
    expect(foldOfEachRow(a, 200)).not.toEqual(foldOfEachRow(c, 200));
  });

  it('assigns folds in row order (i mod K) + 1 without shuffling', () => {
    const plan = makeSplitPlan(10, kfold(3, 0, false), 0);
    expect(foldOfEachRow(plan, 10)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1]);
  });

  it('holdout: one fold with round(fraction · m) validation rows', () => {
    const plan = makeSplitPlan(100, { kind: 'holdout', validationFraction: 0.25, seed: 3 }, 0.2);
    const [fold] = validationFolds(plan);
    expect(validationFolds(plan)).toHaveLength(1);
    expect(fold.validationRows.length).toBe(20);
    expect(fold.trainRows.length).toBe(60);
    expect(isAscending(fold.validationRows)).toBe(true);
  });

  it('foldIds: keeps the given folds and drops test rows from them', () => {
    const foldIds = Array.from({ length: 12 }, (_, i) => (i % 3) + 1);
    const plan = makeSplitPlan(12, { kind: 'foldIds', foldIds }, 0);
    expect(validationFolds(plan).map((f) => Array.from(f.validationRows))).toEqual([
      [0, 3, 6, 9],
      [1, 4, 7, 10],
      [2, 5, 8, 11],
    ]);
    const withTest = makeSplitPlan(12, { kind: 'foldIds', foldIds }, 0.25);
    const test = new Set(withTest.testRows);
    expect(test.size).toBe(3);
    for (const fold of validationFolds(withTest)) {
      fold.validationRows.forEach((row) => {
        expect(test.has(row)).toBe(false);
        expect(foldIds[row]).toBe(fold.fold);
      });
    }
  });

  it.each<[string, () => unknown, string]>([
    ['K = 1', () => makeSplitPlan(10, kfold(1), 0), 'split.folds'],
    ['K > rows', () => makeSplitPlan(10, kfold(11), 0), 'split.folds'],
    ['K > rows left after the test rows', () => makeSplitPlan(10, kfold(9), 0.2), 'split.folds'],
    ['fractional K', () => makeSplitPlan(10, kfold(2.5), 0), 'split.folds'],
    ['testFraction 1', () => makeSplitPlan(10, kfold(2), 1), 'testFraction'],
    ['negative testFraction', () => makeSplitPlan(10, kfold(2), -0.1), 'testFraction'],
    [
      'validationFraction 1',
      () => makeSplitPlan(10, { kind: 'holdout', validationFraction: 1, seed: 0 }, 0),
      'split.validationFraction',
    ],
    [
      'empty holdout',
      () => makeSplitPlan(10, { kind: 'holdout', validationFraction: 0.01, seed: 0 }, 0),
      'split.validationFraction',
    ],
    ['foldIds too short', () => makeSplitPlan(4, { kind: 'foldIds', foldIds: [1, 2, 1] }, 0), 'split.foldIds'],
    ['foldIds with 0', () => makeSplitPlan(3, { kind: 'foldIds', foldIds: [1, 0, 2] }, 0), 'split.foldIds.1'],
    ['foldIds not integers', () => makeSplitPlan(3, { kind: 'foldIds', foldIds: [1, 1.5, 2] }, 0), 'split.foldIds.1'],
    ['foldIds skipping a fold', () => makeSplitPlan(3, { kind: 'foldIds', foldIds: [1, 3, 3] }, 0), 'split.foldIds'],
    ['foldIds with one fold', () => makeSplitPlan(3, { kind: 'foldIds', foldIds: [1, 1, 1] }, 0), 'split.foldIds'],
  ])('rejects %s with InvalidInputError', (_name, action, path) => {
    expect(problemsOf(action).map((p) => p.path)).toContain(path);
  });

  it('rejects a foldIds fold emptied by the test rows', () => {
    const foldIds = [1, 1, 1, 1, 1, 1, 1, 1, 1, 2];
    // Find a seed whose test rows take row 9 (the only row of fold 2).
    const seed = Array.from({ length: 50 }, (_, s) => s).find((s) => {
      try {
        makeSplitPlan(10, { kind: 'foldIds', foldIds }, 0.3, s);
        return false;
      } catch {
        return true;
      }
    });
    expect(seed).toBeDefined();
    expect(problemsOf(() => makeSplitPlan(10, { kind: 'foldIds', foldIds }, 0.3, seed))[0].message).toMatch(/fold 2/);
  });
});
