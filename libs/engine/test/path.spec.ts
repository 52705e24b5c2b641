/** The λ-path driver: exact sparsity, λ_max, screening that never changes the answer, subsets, abort, limits. */
import { designMatrixFromRows } from '../src/data/design-matrix';
import { prepareTrainingSet } from '../src/data/training-set';
import { objectiveValue } from '../src/objective';
import { fitOne } from '../src/fit';
import { fitPath } from '../src/path/fit-path';
import { lambdaGrid, lambdaMax } from '../src/path/lambda-grid';
import type { Dataset, Model, PathSpec, Penalty } from '../src/types';
import { allRows, fixtureDataset, readFixture } from './helpers/read-csv';
import { standardizedCoefficients } from './helpers/standardized';
import { syntheticDataset } from './helpers/synthetic';

const CD = { kind: 'cd', tolerance: 1e-14, maxIterations: 1_000_000 } as const;
const L1: Penalty = { kind: 'l1', l1Ratio: 1 };
const diabetes = fixtureDataset(readFixture('linear-diabetes.json'));

function spec(model: Model, penalty: Penalty, lambdas: Float64Array, standardize = true): PathSpec {
  return { model, penalty, lambdas, standardize, solver: CD };
}

describe.each(['linear', 'logistic'] as Model[])('%s path', (model) => {
  const data = syntheticDataset({ rows: 100, cols: 30, model, seed: 61, signals: 4 });
  const rows = allRows(data);

  it('L1 gives exact zeros along the path', () => {
    const lambdas = lambdaGrid({ auto: { count: 20 } }, data, rows, model, L1, true);
    const fits = fitPath(data, rows, spec(model, L1, lambdas));
    const middle = fits[10];
    expect(middle.nonzeros).toBeGreaterThan(0);
    expect(middle.nonzeros).toBeLessThan(30);
    expect(middle.coefficients.filter((c) => c === 0).length).toBe(30 - middle.nonzeros);
  });

  it('nothing enters at λ_max, something does just below it', () => {
    const largest = lambdaMax(data, rows, model, 1, true);
    const [atMax, below] = fitPath(data, rows, spec(model, L1, Float64Array.of(largest, largest * 0.999)));
    expect(atMax.nonzeros).toBe(0);
    expect(below.nonzeros).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['l1', { kind: 'l1', l1Ratio: 1 }],
    ['elasticnet', { kind: 'elasticnet', l1Ratio: 0.2 }],
  ] as [string, Penalty][])('%s: the strong rule + KKT check gives the same path as no screening', (_, penalty) => {
    const lambdas = lambdaGrid({ auto: { count: 40 } }, data, rows, model, penalty, true);
    const screened = fitPath(data, rows, spec(model, penalty, lambdas));
    const unscreened = fitPath(data, rows, spec(model, penalty, lambdas), { screening: false });
    screened.forEach((fit, k) => {
      expect(fit.nonzeros).toBe(unscreened[k].nonzeros);
      for (let j = 0; j < 30; j++) {
        expect(Math.abs(fit.coefficients[j] - unscreened[k].coefficients[j])).toBeLessThan(
          1e-6 * (1 + Math.abs(fit.coefficients[j])),
        );
      }
    });
  });

  it('a path on a subset of rows equals the path on that subset copied into a new dataset', () => {
    const subset = rows.filter((i) => i % 3 !== 1);
    const copy: Dataset = {
      x: designMatrixFromRows(
        [...data.x.names],
        Array.from(subset, (i) => Array.from({ length: data.x.cols }, (_, j) => data.x.values[j * data.x.rows + i])),
      ),
      y: Float64Array.from(subset, (i) => data.y[i]),
    };
    const lambdas = lambdaGrid({ auto: { count: 10 } }, data, subset, model, L1, true);
    const onSubset = fitPath(data, subset, spec(model, L1, lambdas));
    const onCopy = fitPath(copy, allRows(copy), spec(model, L1, lambdas));
    expect(onSubset).toEqual(onCopy);
  });
});

describe('constant columns', () => {
  for (const model of ['linear', 'logistic'] as Model[]) {
    for (const standardize of [true, false]) {
      it(`${model} standardize=${standardize}: coefficient exactly 0 (cd and gd)`, () => {
        const base = syntheticDataset({ rows: 60, cols: 4, model, seed: 62 });
        const names = ['x0', 'constant', 'x1', 'x2', 'x3'];
        const rows = Array.from({ length: 60 }, (_, i) => [
          base.x.values[i],
          0.1,
          base.x.values[60 + i],
          base.x.values[120 + i],
          base.x.values[180 + i],
        ]);
        const data: Dataset = { x: designMatrixFromRows(names, rows), y: base.y };
        for (const penalty of [L1, { kind: 'l2', l1Ratio: 0 }, { kind: 'none', l1Ratio: 0 }] as Penalty[]) {
          const cd = fitOne(data, { model, penalty, lambda: 0.01, standardize, solver: CD });
          const gd = fitOne(data, {
            model,
            penalty,
            lambda: 0.01,
            standardize,
            solver: { kind: 'gd', learningRate: 0.5, epochs: 200, tolerance: 1e-9 },
          });
          for (const fit of [cd, gd]) {
            expect(fit.coefficients[1]).toBe(0);
            expect(Number.isFinite(fit.intercept)).toBe(true);
            expect(fit.coefficients.filter((c) => c !== 0).length).toBeGreaterThan(0);
          }
        }
      });
    }
  }
});

describe('limits and failures are reported, never silent', () => {
  const rows = allRows(diabetes);

  it('maxIterations reached: converged false, status not_converged with a reason', () => {
    const [fit] = fitPath(diabetes, rows, {
      ...spec('linear', L1, Float64Array.of(0.1)),
      solver: { kind: 'cd', tolerance: 1e-14, maxIterations: 3 },
    });
    expect(fit.converged).toBe(false);
    expect(fit.status).toBe('not_converged');
    expect(fit.iterations).toBe(3);
    expect(fit.reason).toMatch(/3 passes/);
  });

  it('a logistic fit stopped by maxIterations reports the objective of the coefficients it returns', () => {
    const data = syntheticDataset({ rows: 80, cols: 6, model: 'logistic', seed: 63 });
    const trainRows = allRows(data);
    const [fit] = fitPath(data, trainRows, {
      ...spec('logistic', L1, Float64Array.of(0.001)),
      solver: { kind: 'cd', tolerance: 1e-14, maxIterations: 2 },
    });
    expect(fit.status).toBe('not_converged');
    const set = prepareTrainingSet(data, trainRows, true);
    const { intercept, beta } = standardizedCoefficients(set, fit);
    const expected = objectiveValue(set, { model: 'logistic', lambda: 0.001, l1Ratio: 1 }, intercept, beta);
    expect(Math.abs(fit.objective - expected) / expected).toBeLessThan(1e-12);
  });

  it('iterations are counted per λ', () => {
    const lambdas = lambdaGrid({ auto: { count: 10 } }, diabetes, rows, 'linear', L1, true);
    const fits = fitPath(diabetes, rows, spec('linear', L1, lambdas));
    expect(fits.every((fit) => fit.status === 'ok')).toBe(true);
    // λ_max is the null model (no pass needed, as glmnet's first λ); every later λ takes at least one pass.
    expect(fits[0]).toMatchObject({ iterations: 0, nonzeros: 0, converged: true });
    expect(fits.slice(1).every((fit) => fit.iterations >= 1)).toBe(true);
  });

  it('an aborted signal stops the path with an AbortError between λ points', () => {
    const lambdas = lambdaGrid({ auto: { count: 50 } }, diabetes, rows, 'linear', L1, true);
    let checks = 0;
    const signal = {
      get aborted(): boolean {
        return ++checks > 5;
      },
    };
    expect(() => fitPath(diabetes, rows, spec('linear', L1, lambdas), { signal })).toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
  });

  it('λ values must be decreasing', () => {
    expect(() => fitPath(diabetes, rows, spec('linear', L1, Float64Array.of(1, 2)))).toThrow(/decreasing/);
  });

  it('separable classes without a penalty: not_converged or diverged with a reason, in bounded time', () => {
    const x = Array.from({ length: 40 }, (_, i) => [i, (i * 7) % 5]);
    const data: Dataset = {
      x: designMatrixFromRows(['a', 'b'], x),
      y: Float64Array.from(x, (row) => (row[0] < 20 ? 0 : 1)),
    };
    const started = Date.now();
    const fit = fitOne(data, {
      model: 'logistic',
      penalty: { kind: 'none', l1Ratio: 0 },
      lambda: 0,
      standardize: true,
      solver: { kind: 'cd', tolerance: 1e-7, maxIterations: 100_000 },
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(fit.status).not.toBe('ok');
    expect(fit.reason).toBeTruthy();
  });

  it('a single class in the training rows is reported, not thrown', () => {
    const data: Dataset = { x: designMatrixFromRows(['a'], [[1], [2], [3]]), y: Float64Array.of(1, 1, 1) };
    const fit = fitOne(data, { model: 'logistic', penalty: L1, lambda: 0.1, standardize: true, solver: CD });
    expect(fit.status).toBe('not_converged');
    expect(fit.reason).toMatch(/single class/);
  });
});
