import { checkConfigAgainstData, validateSweepConfig, type DataShape } from '../../src/config';

const diabetes: DataShape = {
  rows: 442,
  names: ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6', 'progression'],
  target: 'progression',
  task: 'regression',
};
const config = (fields: Record<string, unknown>) =>
  validateSweepConfig({ name: 'n', dataset: 'diabetes', model: 'linear', ...fields });
const paths = (fields: Record<string, unknown>, data: DataShape = diabetes) =>
  checkConfigAgainstData(config(fields), data).map((e) => e.path);

describe('checkConfigAgainstData', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['the defaults', {}, []],
    ['the declared target', { target: 'progression' }, []],
    ['another column as target', { target: 'bmi' }, []],
    ['a missing column as target', { target: 'glucose' }, ['target']],
    ['logistic on a regression target', { model: 'logistic' }, ['target']],
    ['442 folds on 442 rows', { split: { folds: 442 } }, []],
    ['443 folds on 442 rows', { split: { folds: 443 } }, ['split.folds']],
    // round(0.5 · 442) = 221 test rows leave 221 rows to fit.
    ['221 folds after testFraction 0.5', { testFraction: 0.5, split: { folds: 221 } }, []],
    ['222 folds after testFraction 0.5', { testFraction: 0.5, split: { folds: 222 } }, ['split.folds']],
    [
      'foldIds of the right length',
      { split: { kind: 'foldIds', foldIds: Array.from({ length: 442 }, (_, i) => (i % 10) + 1) } },
      [],
    ],
    [
      'foldIds one short',
      { split: { kind: 'foldIds', foldIds: Array.from({ length: 441 }, (_, i) => (i % 10) + 1) } },
      ['split.foldIds'],
    ],
  ])('%s', (_label, fields, expected) => {
    expect(paths(fields)).toEqual(expected);
  });

  it('accepts logistic on a binary target, and checks rows left after the test rows', () => {
    const tiny: DataShape = { rows: 3, names: ['x', 'y'], target: 'y', task: 'binary' };
    expect(paths({ model: 'logistic', split: { folds: 2 } }, tiny)).toEqual([]);
    // round(0.9 · 3) = 3 test rows leave nothing to fit.
    expect(paths({ model: 'logistic', testFraction: 0.9, split: { folds: 2 } }, tiny)).toEqual(['testFraction']);
    // holdout: round(0.2 · 3) = 1 validation row is fine; round(0.1 · 3) = 0 and round(0.9 · 3) = 3 are not.
    expect(paths({ model: 'logistic', split: { kind: 'holdout' } }, tiny)).toEqual([]);
    for (const validationFraction of [0.1, 0.9]) {
      expect(paths({ model: 'logistic', split: { kind: 'holdout', validationFraction } }, tiny)).toEqual([
        'split.validationFraction',
      ]);
    }
  });
});
