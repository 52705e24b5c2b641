/**
 * The report built from the real engine against cv.glmnet: diabetes, lasso, fold of row i = (i mod 10) + 1,
 * the automatic 100-value grid (fixtures/cv-diabetes-lasso.json).
 */
import { evaluateFold, type PathSpec } from '@regsweep/engine';
import { validateSweepConfig } from '../../src/config';
import { pathSpecOf, planSweep } from '../../src/plan';
import { buildReport } from '../../src/report';
import type { CurveResults, SweepConfig } from '../../src/types';
import { readDiabetes } from '../helpers/diabetes';
import fixture from '../fixtures/cv-diabetes-lasso.json';

const data = readDiabetes();

/** Runs every task of the plan in this thread, as the worker pool would, and gathers the results per curve. */
function runSweep(config: SweepConfig): { results: CurveResults[]; testRows: Int32Array } {
  const plan = planSweep('diabetes-report', config, data);
  const results = plan.curves.map((curve) => {
    const spec: PathSpec = pathSpecOf(config, curve);
    const byFold = plan.split.folds.map((fold) => evaluateFold(data, fold, spec, config.metric));
    return { curve, folds: byFold.filter((r) => r.fold > 0), full: byFold.find((r) => r.fold === 0)!.fits };
  });
  return { results, testRows: plan.split.testRows };
}

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('buildReport on diabetes against cv.glmnet', () => {
  const foldIds = Array.from({ length: data.x.rows }, (_, i) => (i % 10) + 1);
  // A tolerance tight enough that the comparison tests the statistics, not the solver's stopping rule.
  const config = validateSweepConfig({
    name: 'diabetes-lasso',
    dataset: 'diabetes',
    model: 'linear',
    penalties: ['l1'],
    split: { kind: 'foldIds', foldIds },
    solver: { kind: 'cd', tolerance: 1e-16, maxIterations: 1_000_000 },
  });
  const { results, testRows } = runSweep(config);
  const report = buildReport({
    sweepId: 'diabetes-report',
    config,
    results,
    featureNames: data.x.names,
    data,
    testRows,
  });
  const lasso = report.penalties[0];

  it('matches the curve values within 1e-6 relative, ordered by decreasing λ', () => {
    expect(lasso.curve).toHaveLength(100);
    lasso.curve.forEach((point, j) => {
      expect(relativeError(point.lambda, fixture.lambdas[j])).toBeLessThan(1e-12);
      expect(relativeError(point.validation, fixture.validationMean[j])).toBeLessThan(1e-6);
      expect(relativeError(point.validationSd!, fixture.validationSd[j])).toBeLessThan(1e-6);
      expect(relativeError(point.train, fixture.trainMean[j])).toBeLessThan(1e-6);
      expect(point.gap).toBeCloseTo(point.validation - point.train, 9);
    });
    expect(lasso.curve[0].nonzeros).toBe(0);
    expect(lasso.curve[99].nonzeros).toBe(10);
  });

  it('selects lambdaMin = 0.8268 and lambda1se = 7.710 as cv.glmnet does', () => {
    expect(lasso.lambdaMin).toBe(lasso.curve[fixture.lambdas.indexOf(fixture.lambdaMin)].lambda);
    expect(lasso.lambda1se).toBe(lasso.curve[fixture.lambdas.indexOf(fixture.lambda1se)].lambda);
    expect(relativeError(lasso.lambdaMin, fixture.lambdaMin)).toBeLessThan(1e-12);
    expect(relativeError(lasso.lambda1se!, fixture.lambda1se)).toBeLessThan(1e-12);
  });

  it('reports the 1se model from the full-data fit', () => {
    const best = report.best!;
    const index1se = fixture.lambdas.indexOf(fixture.lambda1se);
    expect(best.penalty).toBe('l1');
    expect(best.lambda).toBe(lasso.lambda1se);
    expect(relativeError(best.validation.mean, fixture.validationMean[index1se])).toBeLessThan(1e-6);
    expect(Object.keys(best.coefficients)).toEqual(data.x.names);
    expect(Object.values(best.coefficients).filter((c) => c !== 0)).toHaveLength(best.nonzeros);
    expect(best.nonzeros).toBe(results[0].full[index1se].nonzeros);
    expect(best.test).toBeUndefined();
    expect(lasso.overfitting.edge).toBe('none');
    expect(lasso.overfitting.underfitsAtLargeLambda).toBe(true);
    expect(report.warnings).toEqual([]);
  });
});
