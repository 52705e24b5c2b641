/**
 * The cv.glmnet references (fixtures/generate-multinomial.R): 10-fold CV with fold of row i = (i mod 10) + 1 along
 * glmnet's own λ sequence, on iris (ungrouped lasso) and the 6-class set (grouped lasso). cv.glmnet's deviance is
 * 2·logloss (the generator checks that its probability clamp never binds), its misclassification error 1 − accuracy.
 */
import { makeSplitPlan, validationFolds } from '../src/cv/splits';
import {
  evaluateMultinomialFold,
  multinomialCvStatistics,
  scoreMultinomialFold,
  type MultinomialFoldResult,
} from '../src/multinomial/multinomial-cv';
import type { MultinomialPathSpec } from '../src/multinomial/types';
import { multinomialFixtureDataset, readJsonFixture, type MultinomialCvFixture } from './helpers/multinomial-data';

function maxRelativeError(actual: ArrayLike<number>, expected: readonly number[]): number {
  expect(actual.length).toBe(expected.length);
  return Math.max(...expected.map((e, i) => Math.abs(actual[i] - e) / Math.max(Math.abs(e), 1e-3)));
}

for (const name of ['iris', 'multiclass6']) {
  const fixture = readJsonFixture<MultinomialCvFixture>(`cv-multinomial-${name}.json`);
  describe(`cross-validation against cv.glmnet (${name}, ${fixture.grouped ? 'grouped' : 'ungrouped'} lasso)`, () => {
    const data = multinomialFixtureDataset(fixture.dataset, fixture.target);
    const foldIds = Array.from({ length: data.x.rows }, (_, i) => (i % 10) + 1);
    const plan = makeSplitPlan(data.x.rows, { kind: 'foldIds', foldIds }, 0);
    const spec: MultinomialPathSpec = {
      penalty: { kind: fixture.penalty, l1Ratio: fixture.l1Ratio },
      lambdas: Float64Array.from(fixture.lambdas),
      standardize: true,
      grouped: fixture.grouped,
      solver: { kind: 'cd', tolerance: 1e-14, maxIterations: 10_000_000 },
    };

    // One path per fold, scored with both metrics (the fits do not depend on the metric).
    let folds: MultinomialFoldResult[] = [];
    beforeAll(() => {
      folds = validationFolds(plan).map((fold) => evaluateMultinomialFold(data, fold, spec, 'logloss'));
    });

    it('logloss: cvm = 2·validationMean and cvsd = 2·validationSd within 1e-6; the same λ.min and λ.1se', () => {
      const stats = multinomialCvStatistics(folds, spec.lambdas, 'logloss');
      expect(folds.every((fold) => fold.fits.every((fit) => fit.status === 'ok'))).toBe(true);
      expect(
        maxRelativeError(
          stats.validationMean.map((v) => 2 * v),
          fixture.deviance.cvm,
        ),
      ).toBeLessThan(1e-6);
      expect(
        maxRelativeError(
          stats.validationSd.map((v) => 2 * v),
          fixture.deviance.cvsd,
        ),
      ).toBeLessThan(1e-6);
      expect(stats.lambdaMin).toBe(fixture.deviance.lambdaMin);
      expect(stats.lambda1se).toBe(fixture.deviance.lambda1se);
      // Training loss is below validation loss at every λ of these paths (the gap is positive).
      expect(stats.gap.every((gap) => gap > 0)).toBe(true);
    });

    it('accuracy: 1 − validationMean is the misclassification cvm, the same sd, λ.min and λ.1se', () => {
      const scored = validationFolds(plan).map((fold, f) =>
        scoreMultinomialFold(data, fold, folds[f].fits, 'accuracy'),
      );
      const stats = multinomialCvStatistics(scored, spec.lambdas, 'accuracy');
      const error = stats.validationMean.map((v) => 1 - v);
      expect(maxRelativeError(error, fixture.misclassification.cvm)).toBeLessThan(1e-9);
      expect(maxRelativeError(stats.validationSd, fixture.misclassification.cvsd)).toBeLessThan(1e-9);
      expect(stats.lambdaMin).toBe(fixture.misclassification.lambdaMin);
      expect(stats.lambda1se).toBe(fixture.misclassification.lambda1se);
    });
  });
}
