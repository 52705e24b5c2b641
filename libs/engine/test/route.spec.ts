/**
 * chooseRoute (route.ts) is the one place the engine decides how to fit: its thresholds at their boundaries, and
 * that the code paths follow it (the default gaussian updates are the ones it names, bit for bit).
 */
import { gramFoldApplies } from '../src/cv/gram-fold';
import { makeSplitPlan, validationFolds } from '../src/cv/splits';
import { fitPath } from '../src/path/fit-path';
import { chooseRoute, LARGE_DATA_MULTIPLY_ADDS, MAX_GRAM_FEATURES } from '../src/route';
import type { Dataset, PathSpec } from '../src/types';
import { syntheticDataset } from './helpers/synthetic';

const linearCd = (trainRows: number) => ({ model: 'linear', solver: 'cd', trainRows }) as const;

describe('chooseRoute', () => {
  it('shares the sums and warms the engine up from n·(p+2)² ≥ 1e7 multiply-adds, not below', () => {
    // p = 98: (p+2)² = 1e4, so n = 1000 is exactly at the threshold.
    expect(LARGE_DATA_MULTIPLY_ADDS).toBe(1e7);
    expect(chooseRoute({ rows: 1000, features: 98 })).toEqual({ shareCrossProducts: true, warmUpEngine: true });
    expect(chooseRoute({ rows: 999, features: 98 })).toEqual({ shareCrossProducts: false, warmUpEngine: false });
    expect(chooseRoute({ rows: 442, features: 10 }).warmUpEngine).toBe(false); // diabetes
    expect(chooseRoute({ rows: 5000, features: 100 }).shareCrossProducts).toBe(true);
  });

  it('takes the cross-products route for linear cd with p ≤ 2·n_train and p ≤ MAX_GRAM_FEATURES only', () => {
    const data = { rows: 10_000, features: 100 };
    expect(chooseRoute(data, linearCd(50)).crossProducts).toBe(true); // p = 2·n_train
    expect(chooseRoute(data, linearCd(49)).crossProducts).toBe(false);
    expect(chooseRoute(data, { ...linearCd(900), model: 'logistic' }).crossProducts).toBe(false);
    expect(chooseRoute(data, { ...linearCd(900), solver: 'gd' }).crossProducts).toBe(false);
    const wide = { rows: 10_000, features: MAX_GRAM_FEATURES };
    expect(chooseRoute(wide, linearCd(9000)).crossProducts).toBe(true);
    expect(chooseRoute({ ...wide, features: MAX_GRAM_FEATURES + 1 }, linearCd(9000)).crossProducts).toBe(false);
  });

  it('sums the training rows directly when they are fewer than half the rows, else subtracts the rest', () => {
    expect(chooseRoute({ rows: 100, features: 5 }, linearCd(49)).trainSums).toBe('direct');
    expect(chooseRoute({ rows: 100, features: 5 }, linearCd(50)).trainSums).toBe('subtract');
  });

  it('picks covariance updates when n_train > p, naive otherwise', () => {
    expect(chooseRoute({ rows: 100, features: 10 }, linearCd(11)).gaussianUpdates).toBe('covariance');
    expect(chooseRoute({ rows: 100, features: 10 }, linearCd(10)).gaussianUpdates).toBe('naive');
  });

  it('is what gramFoldApplies answers for every fold of a plan', () => {
    for (const [rows, cols] of [
      [60, 60],
      [30, 70],
      [200, 8],
    ]) {
      const data = syntheticDataset({ rows, cols, model: 'linear', seed: rows + cols });
      const plan = makeSplitPlan(rows, { kind: 'kfold', folds: 5, shuffle: true, seed: 3 }, 0);
      for (const fold of validationFolds(plan)) {
        for (const model of ['linear', 'logistic'] as const) {
          const spec: PathSpec = {
            model,
            penalty: { kind: 'l1', l1Ratio: 1 },
            lambdas: Float64Array.of(0.1),
            standardize: true,
            solver: { kind: 'cd', tolerance: 1e-7, maxIterations: 1000 },
          };
          const route = chooseRoute(
            { rows, features: cols },
            { model, solver: 'cd', trainRows: fold.trainRows.length },
          );
          expect(gramFoldApplies(data, fold, spec)).toBe(route.crossProducts);
        }
      }
    }
  });

  // fitPath's default route (cross products on tall data, else the rows with chooseRoute's updates) is the one
  // chooseRoute names: the same bits as asking for it explicitly.
  it.each([
    ['tall (covariance)', 80, 6],
    ['wide (naive)', 20, 30],
  ])('fitPath follows its gaussian updates on %s data', (_, rows, cols) => {
    const data: Dataset = syntheticDataset({ rows, cols, model: 'linear', seed: 7, rho: 0.3, signals: 3 });
    const all = Int32Array.from({ length: rows }, (_, i) => i);
    const spec: PathSpec = {
      model: 'linear',
      penalty: { kind: 'elasticnet', l1Ratio: 0.5 },
      lambdas: Float64Array.from([1, 0.3, 0.1, 0.03]),
      standardize: true,
      solver: { kind: 'cd', tolerance: 1e-10, maxIterations: 100_000 },
    };
    const expected = chooseRoute({ rows, features: cols }, linearCd(rows)).gaussianUpdates;
    expect(expected).toBe(rows > cols ? 'covariance' : 'naive');
    const other = expected === 'covariance' ? 'naive' : 'covariance';
    const source = chooseRoute({ rows, features: cols }, linearCd(rows)).pathSource;
    expect(source).toBe(rows > cols ? 'crossProducts' : 'rows');
    const byDefault = fitPath(data, all, spec);
    const named =
      source === 'crossProducts'
        ? fitPath(data, all, spec, { source })
        : fitPath(data, all, spec, { gaussianUpdates: expected });
    const otherUpdates = fitPath(data, all, spec, { gaussianUpdates: other });
    byDefault.forEach((fit, j) => {
      expect(Array.from(fit.coefficients)).toEqual(Array.from(named[j].coefficients));
      expect(fit.iterations).toBe(named[j].iterations);
    });
    // The other updates reach the same optimum by other arithmetic: equal to rounding, not to the bit.
    const differs = byDefault.some((fit, j) =>
      fit.coefficients.some((value, k) => value !== otherUpdates[j].coefficients[k]),
    );
    expect(differs).toBe(true);
  });
});
