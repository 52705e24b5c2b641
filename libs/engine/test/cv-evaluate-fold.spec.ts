import { loadDataset } from '@regsweep/datasets';
import { crossValidate } from '../src/cv/cross-validate';
import { evaluateFold } from '../src/cv/evaluate-fold';
import { makeSplitPlan, validationFolds } from '../src/cv/splits';
import type { Dataset, PathSpec, PointFit } from '../src/types';

const cd = { kind: 'cd' as const, tolerance: 1e-10, maxIterations: 100_000 };

/** mse of one fit on some rows, by a plain double loop over rows and features. */
function naiveMse(data: Dataset, rows: Int32Array, fit: PointFit): number {
  let sum = 0;
  for (const row of rows) {
    let eta = fit.intercept;
    for (let j = 0; j < data.x.cols; j++) eta += data.x.values[j * data.x.rows + row] * fit.coefficients[j];
    sum += (data.y[row] - eta) ** 2;
  }
  return sum / rows.length;
}

describe('evaluateFold', () => {
  const diabetes = loadDataset('diabetes');
  const plan = makeSplitPlan(diabetes.rows, { kind: 'kfold', folds: 5, shuffle: true, seed: 1 }, 0.1);
  const spec: PathSpec = {
    model: 'linear',
    penalty: { kind: 'l1', l1Ratio: 1 },
    lambdas: Float64Array.from([20, 5, 1, 0.1]),
    standardize: true,
    solver: cd,
  };

  it('scores every λ of the path on the fold’s training and validation rows', () => {
    const fold = validationFolds(plan)[2];
    const result = evaluateFold(diabetes, fold, spec, 'mse');
    expect(result.fold).toBe(3);
    expect(result.trainSize).toBe(fold.trainRows.length);
    expect(result.validationSize).toBe(fold.validationRows.length);
    expect(result.fits).toHaveLength(4);
    result.fits.forEach((fit, j) => {
      expect(result.train[j]).toBeCloseTo(naiveMse(diabetes, fold.trainRows, fit), 8);
      expect(result.validation[j]).toBeCloseTo(naiveMse(diabetes, fold.validationRows, fit), 8);
    });
    // Training loss falls as λ shrinks; the lasso is fitted on the training rows only.
    expect(result.train[3]).toBeLessThan(result.train[0]);
  });

  it('gives NaN validation scores when there are no validation rows', () => {
    const fold = { fold: 0, trainRows: plan.fitRows, validationRows: new Int32Array(0) };
    const result = evaluateFold(diabetes, fold, spec, 'r2');
    expect(Array.from(result.validation).every(Number.isNaN)).toBe(true);
    expect(Array.from(result.train).every((v) => v > 0 && v < 1)).toBe(true);
  });

  it('scores a diverged fit NaN on both sides', () => {
    const gd: PathSpec = {
      ...spec,
      standardize: false,
      lambdas: Float64Array.from([0.1]),
      solver: { kind: 'gd', learningRate: 1e3, epochs: 50, tolerance: 0 },
    };
    const result = evaluateFold(diabetes, validationFolds(plan)[0], gd, 'mse');
    expect(result.fits[0].status).toBe('diverged');
    expect(result.train[0]).toBeNaN();
    expect(result.validation[0]).toBeNaN();
  });

  it('cross-validates a logistic path with auc and keeps fold 0 for the full-data fit', () => {
    const cancer = loadDataset('breast-cancer');
    const cancerPlan = makeSplitPlan(cancer.rows, { kind: 'kfold', folds: 3, shuffle: true, seed: 5 }, 0.2);
    const { folds, stats, full } = crossValidate(
      cancer,
      cancerPlan,
      {
        model: 'logistic',
        penalty: { kind: 'l2', l1Ratio: 0 },
        lambdas: Float64Array.from([0.1, 0.01]),
        standardize: true,
        solver: cd,
      },
      'auc',
    );
    expect(folds.map((f) => f.fold)).toEqual([1, 2, 3]);
    expect(full).toHaveLength(2);
    for (const fold of folds) {
      expect(Math.min(...fold.validation)).toBeGreaterThan(0.9);
      expect(Math.max(...fold.train)).toBeLessThanOrEqual(1);
    }
    expect(stats.validationMean[1]).toBeGreaterThan(0.9);
    // A score metric: the gap is train − validation.
    expect(stats.gap[0]).toBeCloseTo(stats.trainMean[0] - stats.validationMean[0], 12);
  });
});
