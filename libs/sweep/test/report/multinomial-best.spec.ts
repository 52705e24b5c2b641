/**
 * The multinomial best model on iris: 5-fold CV along the automatic grid with 30 rows held out for testing; the
 * report's per-class coefficients are the full-data fit's at the chosen λ, the intercepts sum to zero, and the test
 * scores and confusion matrix agree with counting the predictions by hand.
 */
import {
  crossValidateMultinomial,
  makeSplitPlan,
  multinomialDatasetOf,
  multinomialLambdaGrid,
  type MultinomialPathSpec,
} from '@regsweep/engine';
import { loadDataset } from '@regsweep/datasets';
import { multinomialBestModel } from '../../src/report/multinomial-best';

describe('multinomialBestModel (iris, lasso, 5 folds, 30 test rows)', () => {
  const data = multinomialDatasetOf(loadDataset('iris'));
  const plan = makeSplitPlan(150, { kind: 'kfold', folds: 5, shuffle: true, seed: 4 }, 0.2);
  const penalty = { kind: 'l1' as const, l1Ratio: 1 };
  const spec: MultinomialPathSpec = {
    penalty,
    lambdas: multinomialLambdaGrid({ auto: { count: 20, minRatio: 0.01 } }, data, plan.fitRows, penalty, true, false),
    standardize: true,
    grouped: false,
    solver: { kind: 'cd', tolerance: 1e-10, maxIterations: 100_000 },
  };
  const { stats, full } = crossValidateMultinomial(data, plan, spec, 'logloss');
  const best = multinomialBestModel({
    penalty: 'l1',
    l1Ratio: 1,
    stats,
    index: stats.index1se,
    full,
    data,
    testRows: plan.testRows,
  });

  it('reports the 1se λ with its cross-validation numbers', () => {
    expect(plan.testRows.length).toBe(30);
    expect(best.lambda).toBe(stats.lambda1se);
    expect(best.validation.mean).toBe(stats.validationMean[stats.index1se]);
    expect(best.gap).toBe(stats.gap[stats.index1se]);
  });

  it('gives {class: {feature: value}} from the full-data fit and intercepts summing to zero', () => {
    const fit = full[stats.index1se];
    expect(Object.keys(best.coefficients)).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(best.coefficients.virginica.petal_width).toBe(fit.coefficients[2 * 4 + 3]);
    const sum = Object.values(best.intercept).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum)).toBeLessThan(1e-12);
    const features = new Set(
      Object.values(best.coefficients).flatMap((row) => Object.keys(row).filter((name) => row[name] !== 0)),
    );
    expect(best.nonzeros).toBe(features.size);
  });

  it('scores the test rows: the confusion matrix counts every test row once, accuracy is its diagonal share', () => {
    const test = best.test!;
    const counts = test.confusion.counts;
    expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(30);
    const diagonal = counts.reduce((sum, row, k) => sum + row[k], 0);
    expect(test.accuracy).toBeCloseTo(diagonal / 30, 15);
    // Each actual class's row sums to how many test rows hold that class.
    counts.forEach((row, k) => {
      const actual = Array.from(plan.testRows).filter((i) => data.y[i] === k).length;
      expect(row.reduce((a, b) => a + b, 0)).toBe(actual);
    });
    expect(test.logloss).toBeGreaterThan(0);
    expect(test.f1).toBeGreaterThan(0);
  });
});
