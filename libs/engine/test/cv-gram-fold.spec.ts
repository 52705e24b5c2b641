/**
 * The cross-products route of evaluateFold (linear cd, n > p: training Gram = all rows' cross products minus the
 * left-out rows', mse/r2 from the same sums) must agree with fitting the gathered training rows (fitPath) and
 * scoring by predictions.
 */
import { loadDataset } from '@regsweep/datasets';
import { evaluateFold } from '../src/cv/evaluate-fold';
import { gramFoldApplies } from '../src/cv/gram-fold';
import { metricValue } from '../src/cv/metrics';
import { makeSplitPlan, validationFolds } from '../src/cv/splits';
import { fitPath } from '../src/path/fit-path';
import { lambdaGrid } from '../src/path/lambda-grid';
import { linearPredictor } from '../src/predict';
import type { Dataset, FoldRows, MetricName, PathSpec, Penalty, PointFit } from '../src/types';
import { syntheticDataset } from './helpers/synthetic';
import { maxRelativeDifference } from './helpers/relative-difference';
import { TIGHT_CD } from './helpers/tight-cd';

/** Diabetes with a constant column and a column on a large offset (mean 1e4, sd ~0.05) appended. */
function diabetesPlus(): Dataset {
  const base = loadDataset('diabetes');
  const n = base.rows;
  const p = base.x.cols;
  const values = new Float64Array(n * (p + 2));
  values.set(base.x.values);
  values.fill(0.1, p * n, (p + 1) * n);
  for (let i = 0; i < n; i++) values[(p + 1) * n + i] = 1e4 + base.x.values[2 * n + i];
  return { x: { rows: n, cols: p + 2, values, names: [...base.x.names, 'constant', 'offset'] }, y: base.y };
}

function score(data: Dataset, rows: Int32Array, fit: PointFit, metric: MetricName): number {
  const eta = new Float64Array(rows.length);
  linearPredictor(data.x, rows, fit.intercept, fit.coefficients, eta);
  return metricValue(metric, data.y, rows, eta);
}

describe('evaluateFold by cross products', () => {
  const data = diabetesPlus();
  // 10% test rows: each fold's training rows are "all rows minus validation minus test".
  const plan = makeSplitPlan(data.x.rows, { kind: 'kfold', folds: 5, shuffle: true, seed: 3 }, 0.1);
  const folds: FoldRows[] = [...validationFolds(plan).slice(0, 2), plan.folds[0]];
  const penalties: Penalty[] = [
    { kind: 'l1', l1Ratio: 1 },
    { kind: 'elasticnet', l1Ratio: 0.3 },
    { kind: 'l2', l1Ratio: 0 },
    { kind: 'none', l1Ratio: 0 }, // the normal equations by Cholesky from the same sums
  ];

  for (const penalty of penalties) {
    for (const standardize of [true, false]) {
      for (const metric of ['mse', 'r2'] as const) {
        it(`${penalty.kind}, standardize ${standardize}, ${metric}: same fits and scores as the gathered rows`, () => {
          const spec: PathSpec = {
            model: 'linear',
            penalty,
            lambdas: Float64Array.from([30, 3, 0.3, 0.03, 0.003]),
            standardize,
            solver: TIGHT_CD,
          };
          for (const fold of folds) {
            expect(gramFoldApplies(data, fold, spec)).toBe(true);
            const result = evaluateFold(data, fold, spec, metric);
            const reference = fitPath(data, fold.trainRows, spec);
            result.fits.forEach((fit, j) => {
              expect(fit.status).toBe('ok');
              expect(fit.nonzeros).toBe(reference[j].nonzeros);
              expect(fit.coefficients[10]).toBe(0); // the constant column
              expect(maxRelativeDifference(fit.coefficients, reference[j].coefficients)).toBeLessThan(1e-7);
              expect(Math.abs(fit.intercept - reference[j].intercept) / Math.abs(reference[j].intercept)).toBeLessThan(
                1e-7,
              );
              expect(Math.abs(fit.objective - reference[j].objective) / reference[j].objective).toBeLessThan(1e-10);
              // Scores of this very fit, by predictions.
              expect(result.train[j]).toBeCloseTo(score(data, fold.trainRows, fit, metric), metric === 'mse' ? 7 : 12);
              if (fold.validationRows.length === 0) expect(result.validation[j]).toBeNaN();
              else
                expect(result.validation[j]).toBeCloseTo(
                  score(data, fold.validationRows, fit, metric),
                  metric === 'mse' ? 7 : 12,
                );
            });
          }
        });
      }
    }
  }

  it('keeps the prediction route for other metrics, logistic models and p > 2n', () => {
    const fold = validationFolds(plan)[0];
    const spec: PathSpec = {
      model: 'linear',
      penalty: { kind: 'l1', l1Ratio: 1 },
      lambdas: Float64Array.from([3, 0.3]),
      standardize: true,
      solver: { kind: 'cd', tolerance: 1e-12, maxIterations: 100_000 },
    };
    const mae = evaluateFold(data, fold, spec, 'mae');
    mae.fits.forEach((fit, j) =>
      expect(mae.validation[j]).toBeCloseTo(score(data, fold.validationRows, fit, 'mae'), 10),
    );
    expect(gramFoldApplies(data, fold, { ...spec, model: 'logistic' })).toBe(false);
    const few = { fold: 1, trainRows: fold.trainRows.slice(0, 5), validationRows: fold.validationRows };
    expect(gramFoldApplies(data, few, spec)).toBe(false);
  });

  // p ≥ n (here 60 features, 54 training rows): the cross-products route against the naive updates of fitPath.
  it('takes the cross-products route for p ≥ n up to p = 2n, with the same fits as the naive updates', () => {
    const wide = syntheticDataset({ rows: 60, cols: 60, model: 'linear', seed: 11, rho: 0.5, signals: 5 });
    const widePlan = makeSplitPlan(60, { kind: 'kfold', folds: 10, shuffle: true, seed: 1 }, 0);
    const all = Int32Array.from({ length: 60 }, (_, i) => i);
    for (const penalty of [
      { kind: 'l1', l1Ratio: 1 },
      { kind: 'elasticnet', l1Ratio: 0.5 },
    ] as const) {
      const spec: PathSpec = {
        model: 'linear',
        penalty,
        lambdas: lambdaGrid({ auto: { count: 30 } }, wide, all, 'linear', penalty, true),
        standardize: true,
        solver: { kind: 'cd', tolerance: 1e-14, maxIterations: 1_000_000 },
      };
      for (const fold of validationFolds(widePlan).slice(0, 3)) {
        expect(gramFoldApplies(wide, fold, spec)).toBe(true);
        const result = evaluateFold(wide, fold, spec, 'mse');
        const reference = fitPath(wide, fold.trainRows, spec, { gaussianUpdates: 'naive' });
        result.fits.forEach((fit, j) => {
          expect(fit.status).toBe('ok');
          expect(fit.nonzeros).toBe(reference[j].nonzeros);
          expect(maxRelativeDifference(fit.coefficients, reference[j].coefficients)).toBeLessThan(1e-7);
          expect(Math.abs(fit.objective - reference[j].objective) / reference[j].objective).toBeLessThan(1e-9);
          expect(result.validation[j]).toBeCloseTo(score(wide, fold.validationRows, fit, 'mse'), 8);
        });
        // Both validation scorers ran: the quadratic form up to 6 nonzeros (the fold's rows), predictions past it.
        expect(result.fits[1].nonzeros).toBeLessThanOrEqual(fold.validationRows.length);
        expect(result.fits[29].nonzeros).toBeGreaterThan(20);
      }
    }
  });

  // The solver's Gram columns live in memory the thread reuses from fold to fold (CovarianceWorkspace): what an
  // earlier, larger fit left there must not leak into the next one (diabetesPlus has a constant column).
  it('gives the same bits for a fold fitted first and fitted again after other folds and penalties', () => {
    const spec = (penalty: Penalty): PathSpec => ({
      model: 'linear',
      penalty,
      lambdas: Float64Array.from([30, 3, 0.3, 0.03, 0.003]),
      standardize: true,
      solver: { kind: 'cd', tolerance: 1e-12, maxIterations: 100_000 },
    });
    const lasso = spec({ kind: 'l1', l1Ratio: 1 });
    const first = evaluateFold(data, folds[0], lasso, 'mse');
    evaluateFold(data, folds[2], spec({ kind: 'l2', l1Ratio: 0 }), 'mse');
    evaluateFold(data, folds[1], spec({ kind: 'elasticnet', l1Ratio: 0.3 }), 'mse');
    const again = evaluateFold(data, folds[0], lasso, 'mse');
    again.fits.forEach((fit, j) => {
      expect(Array.from(fit.coefficients)).toEqual(Array.from(first.fits[j].coefficients));
      expect(fit.intercept).toBe(first.fits[j].intercept);
    });
    expect(Array.from(again.validation)).toEqual(Array.from(first.validation));
  });
});
