/**
 * Coordinate descent against closed forms computed independently in the test (Gaussian elimination):
 * ridge (ZᵀZ/n + λI)β̃ = Zᵀ(y − ȳ)/n, OLS normal equations on the original scale with an intercept column,
 * and the covariance-update and naive-update gaussian solvers giving the same path.
 */
import { prepareTrainingSet } from '../src/data/training-set';
import { fitOne } from '../src/fit';
import { fitPath } from '../src/path/fit-path';
import { lambdaGrid } from '../src/path/lambda-grid';
import type { Dataset, Penalty, PointFit } from '../src/types';
import { allRows } from './helpers/read-csv';
import { standardizedCoefficients } from './helpers/standardized';
import { solveLinearSystem, syntheticDataset } from './helpers/synthetic';
import { maxRelativeDifference } from './helpers/relative-difference';

// Far below glmnet's usual thresholds so that the cd answer is exact to ~1e-11 (error ≈ √tol·sd(y) / (1 − rate)).
const TIGHT = { kind: 'cd', tolerance: 1e-22, maxIterations: 10_000_000 } as const;

/** A linear fit at one λ, solved to TIGHT. */
function tightLinearFit(data: Dataset, penalty: Penalty, lambda: number, standardize: boolean): PointFit {
  return fitOne(data, { model: 'linear', penalty, lambda, standardize, solver: TIGHT });
}

describe('ridge equals its closed form', () => {
  const data = syntheticDataset({ rows: 80, cols: 12, model: 'linear', seed: 21, rho: 0.6 });
  const rows = allRows(data);
  for (const standardize of [true, false]) {
    for (const lambda of [0.001, 0.1, 5]) {
      it(`λ=${lambda} standardize=${standardize}`, () => {
        const fit = tightLinearFit(data, { kind: 'l2', l1Ratio: 0 }, lambda, standardize);
        const set = prepareTrainingSet(data, rows, standardize);
        const { n, p, z, y } = set;
        const yMean = y.reduce((s, v) => s + v, 0) / n;
        const gram = Array.from({ length: p }, (_, a) =>
          Array.from({ length: p }, (_, b) => {
            let s = 0;
            for (let i = 0; i < n; i++) s += z[a * n + i] * z[b * n + i];
            return s / n + (a === b ? lambda : 0);
          }),
        );
        const rhs = Array.from({ length: p }, (_, a) => {
          let s = 0;
          for (let i = 0; i < n; i++) s += z[a * n + i] * (y[i] - yMean);
          return s / n;
        });
        const expected = solveLinearSystem(gram, rhs);
        const { beta, intercept } = standardizedCoefficients(set, fit);
        expect(maxRelativeDifference(beta, expected)).toBeLessThan(1e-9);
        expect(Math.abs(intercept - yMean) / Math.abs(yMean)).toBeLessThan(1e-12);
      });
    }
  }
});

describe('OLS equals the normal equations', () => {
  it.each([true, false])('standardize=%s', (standardize) => {
    const data = syntheticDataset({ rows: 60, cols: 7, model: 'linear', seed: 22, rho: 0.8 });
    const fit = tightLinearFit(data, { kind: 'none', l1Ratio: 0 }, 0, standardize);
    // [1, X]ᵀ[1, X] b = [1, X]ᵀ y on the original scale.
    const { rows: n, cols: p, values } = data.x;
    const design = (i: number, a: number): number => (a === 0 ? 1 : values[(a - 1) * n + i]);
    const normal = Array.from({ length: p + 1 }, (_, a) =>
      Array.from({ length: p + 1 }, (_, b) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += design(i, a) * design(i, b);
        return s;
      }),
    );
    const rhs = Array.from({ length: p + 1 }, (_, a) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += design(i, a) * data.y[i];
      return s;
    });
    const expected = solveLinearSystem(normal, rhs);
    expect(fit.status).toBe('ok');
    expect(maxRelativeDifference(fit.coefficients, expected.slice(1))).toBeLessThan(1e-9);
    expect(Math.abs(fit.intercept - expected[0]) / Math.abs(expected[0])).toBeLessThan(1e-9);
  });

  it('OLS by coordinate descent at λ = 0 (an l1 fit at λ 0) reaches the same answer', () => {
    const data = syntheticDataset({ rows: 60, cols: 7, model: 'linear', seed: 23, rho: 0.2 });
    const ols = tightLinearFit(data, { kind: 'none', l1Ratio: 0 }, 0, true);
    const cd = tightLinearFit(data, { kind: 'l1', l1Ratio: 1 }, 0, true);
    expect(cd.iterations).toBeGreaterThan(1);
    expect(maxRelativeDifference(cd.coefficients, ols.coefficients)).toBeLessThan(1e-8);
  });
});

describe('covariance and naive gaussian updates give the same path', () => {
  const shapes = [
    { rows: 150, cols: 20, seed: 31 },
    { rows: 30, cols: 80, seed: 32 },
  ];
  const penalties: Penalty[] = [
    { kind: 'l1', l1Ratio: 1 },
    { kind: 'elasticnet', l1Ratio: 0.5 },
    { kind: 'l2', l1Ratio: 0 },
  ];
  for (const shape of shapes) {
    const data: Dataset = syntheticDataset({ ...shape, model: 'linear', rho: 0.5 });
    const rows = allRows(data);
    for (const penalty of penalties) {
      it(`${shape.rows}×${shape.cols} ${penalty.kind}`, () => {
        const lambdas = lambdaGrid({ auto: { count: 30 } }, data, rows, 'linear', penalty, true);
        const spec = { model: 'linear' as const, penalty, lambdas, standardize: true, solver: TIGHT };
        const covariance = fitPath(data, rows, spec, { gaussianUpdates: 'covariance' });
        const naive = fitPath(data, rows, spec, { gaussianUpdates: 'naive' });
        covariance.forEach((fit: PointFit, k) => {
          expect(fit.nonzeros).toBe(naive[k].nonzeros);
          if (fit.nonzeros > 0)
            expect(maxRelativeDifference(fit.coefficients, naive[k].coefficients)).toBeLessThan(1e-7);
          expect(Math.abs(fit.objective - naive[k].objective) / naive[k].objective).toBeLessThan(1e-10);
        });
      });
    }
  }
});
