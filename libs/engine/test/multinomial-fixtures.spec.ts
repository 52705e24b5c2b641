/**
 * Agreement with R glmnet 4.1 multinomial fits (fixtures/generate-multinomial.R, thresh 1e-14): every point of each
 * path — ungrouped lasso, elastic net and ridge, grouped lasso and elastic net — on iris (3 classes) and a synthetic
 * 6-class set, fitted along glmnet's own λ sequence with warm starts.
 */
import { allRows } from './helpers/read-csv';
import { fitMultinomialPath } from '../src/multinomial/multinomial-path';
import { multinomialLambdaMax } from '../src/multinomial/multinomial-lambda';
import type { MultinomialDataset, MultinomialPointFit } from '../src/multinomial/types';
import {
  multinomialFixtureDataset,
  readJsonFixture,
  type MultinomialFixture,
  type MultinomialFixturePoint,
} from './helpers/multinomial-data';

/** glmnet leaves coefficients of rounding size (~1e-16) at λ_max; below this a fixture value counts as zero. */
const ROUNDING = 1e-12;

function relativeDifferences(data: MultinomialDataset, fit: MultinomialPointFit, point: MultinomialFixturePoint) {
  const p = data.x.cols;
  let largest = 0;
  let coefficientDiff = 0;
  let interceptDiff = 0;
  data.classes.forEach((label, k) => {
    data.x.names.forEach((name, j) => {
      const expected = point.coefficients[label][name];
      largest = Math.max(largest, Math.abs(expected));
      coefficientDiff = Math.max(coefficientDiff, Math.abs(fit.coefficients[k * p + j] - expected));
    });
    largest = Math.max(largest, Math.abs(point.intercept[label]));
    interceptDiff = Math.max(interceptDiff, Math.abs(fit.intercepts[k] - point.intercept[label]));
  });
  // Relative to the largest value, or absolute when every value is below 1 (the null model at λ_max is all zeros).
  const scale = Math.max(largest, 1);
  return { coefficients: coefficientDiff / scale, intercepts: interceptDiff / scale };
}

for (const name of ['iris', 'multiclass6']) {
  const fixture = readJsonFixture<MultinomialFixture>(`multinomial-${name}.json`);
  const data = multinomialFixtureDataset(fixture.dataset, fixture.target);
  describe(`multinomial-${name}.json`, () => {
    it('reads the classes in glmnet’s order', () => {
      expect(data.classes).toEqual(fixture.classes);
    });
    for (const c of fixture.cases) {
      const label = `${c.grouped ? 'grouped' : 'ungrouped'} ${c.penalty} r=${c.l1Ratio}`;
      it(`${label}: every point of glmnet’s path within 1e-5, same nonzeros per class`, () => {
        const fits = fitMultinomialPath(data, allRows(data), {
          penalty: { kind: c.penalty, l1Ratio: c.l1Ratio },
          lambdas: Float64Array.from(c.points, (point) => point.lambda),
          standardize: true,
          grouped: c.grouped,
          solver: { kind: 'cd', tolerance: 1e-14, maxIterations: 10_000_000 },
        });
        const p = data.x.cols;
        fits.forEach((fit, l) => {
          const point = c.points[l];
          expect(fit.status).toBe('ok');
          const d = relativeDifferences(data, fit, point);
          expect(d.coefficients).toBeLessThan(1e-5);
          expect(d.intercepts).toBeLessThan(1e-5);
          // glmnet's deviance is 2·n·logloss; the fit's objective is logloss + penalty.
          data.classes.forEach((cls, k) => {
            const expected = data.x.names.filter((feature) => Math.abs(point.coefficients[cls][feature]) > ROUNDING);
            const actual = data.x.names.filter((_, j) => fit.coefficients[k * p + j] !== 0);
            expect({ l, cls, nonzero: actual }).toEqual({ l, cls, nonzero: expected });
          });
        });
      });
      it(`${label}: λ_max is glmnet’s`, () => {
        const largest = multinomialLambdaMax(data, allRows(data), c.l1Ratio, true, c.grouped);
        expect(Math.abs(largest - c.lambdaMax) / c.lambdaMax).toBeLessThan(1e-12);
      });
    }
  });
}
