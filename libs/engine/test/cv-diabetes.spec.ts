/**
 * The cv.glmnet reference: 10-fold lasso CV on diabetes with fold of row i = (i mod 10) + 1 over the automatic
 * 100-value grid (fixtures/cv-diabetes-lasso.json, computed with R glmnet / scikit-learn).
 */
import { loadDataset } from '@regsweep/datasets';
import { crossValidate } from '../src/cv/cross-validate';
import { makeSplitPlan } from '../src/cv/splits';
import { lambdaGrid } from '../src/path/lambda-grid';
import type { PathSpec, Penalty } from '../src/types';
import fixture from './fixtures/cv-diabetes-lasso.json';
import { TIGHT_CD } from './helpers/tight-cd';

function maxRelativeError(actual: ArrayLike<number>, expected: readonly number[]): number {
  expect(actual.length).toBe(expected.length);
  return Math.max(...expected.map((e, i) => Math.abs(actual[i] - e) / Math.abs(e)));
}

describe('cross-validation against cv.glmnet (diabetes, lasso, 10 folds)', () => {
  const data = loadDataset('diabetes');
  const foldIds = Array.from({ length: data.rows }, (_, i) => (i % 10) + 1);
  const plan = makeSplitPlan(data.rows, { kind: 'foldIds', foldIds }, 0);
  const penalty: Penalty = { kind: 'l1', l1Ratio: 1 };
  const lambdas = lambdaGrid({ auto: { count: 100 } }, data, plan.fitRows, 'linear', penalty, true);

  it('builds the same automatic grid', () => {
    expect(maxRelativeError(lambdas, fixture.lambdas)).toBeLessThan(1e-12);
  });

  it('reproduces validationMean, validationSd, trainMean, lambdaMin and lambda1se', () => {
    // At tolerance 1e-14 the worst validationSd error is 9.2e-7 (λ index 34), too close to the 1e-6 bound for
    // comfort; 1e-16 brings every statistic to ≤ 1e-7, so the statistics, not the solver's stopping rule, are tested.
    const spec: PathSpec = {
      model: 'linear',
      penalty,
      lambdas,
      standardize: true,
      solver: TIGHT_CD,
    };
    const { folds, stats, full } = crossValidate(data, plan, spec, 'mse');

    expect(folds.map((f) => f.validationSize)).toEqual([45, 45, 44, 44, 44, 44, 44, 44, 44, 44]);
    expect(full).toHaveLength(100);
    const errors = {
      validationMean: maxRelativeError(stats.validationMean, fixture.validationMean),
      validationSd: maxRelativeError(stats.validationSd, fixture.validationSd),
      trainMean: maxRelativeError(stats.trainMean, fixture.trainMean),
    };
    expect(errors.validationMean).toBeLessThan(1e-6);
    expect(errors.validationSd).toBeLessThan(1e-6);
    expect(errors.trainMean).toBeLessThan(1e-6);
    expect(stats.lambdaMin).toBe(lambdas[fixture.lambdas.indexOf(fixture.lambdaMin)]);
    expect(stats.lambda1se).toBe(lambdas[fixture.lambdas.indexOf(fixture.lambda1se)]);
    expect(stats.lambdaMin).toBeCloseTo(0.8268, 4);
    expect(stats.lambda1se).toBeCloseTo(7.71, 3);
  });
});
