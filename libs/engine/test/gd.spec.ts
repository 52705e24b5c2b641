/** Proximal gradient descent: reaches the cd solution, reports convergence honestly, detects divergence. */
import { join } from 'node:path';
import { fitOne } from '../src/fit';
import { fitPath } from '../src/path/fit-path';
import type { Dataset, Model, Penalty, PointFit } from '../src/types';
import { allRows, DATA_DIR, readCsvDataset } from './helpers/read-csv';
import { syntheticDataset } from './helpers/synthetic';

const seed = readCsvDataset(join(DATA_DIR, 'seed_linear.csv'), 'y');
const CD = { kind: 'cd', tolerance: 1e-20, maxIterations: 1_000_000 } as const;

function relativeDifference(a: PointFit, b: PointFit): number {
  let diff = Math.abs(a.intercept - b.intercept);
  let largest = Math.abs(b.intercept);
  for (let j = 0; j < a.coefficients.length; j++) {
    diff = Math.max(diff, Math.abs(a.coefficients[j] - b.coefficients[j]));
    largest = Math.max(largest, Math.abs(b.coefficients[j]));
  }
  return diff / largest;
}

function gdFit(
  data: Dataset,
  model: Model,
  penalty: Penalty,
  lambda: number,
  learningRate: number,
  epochs: number,
  tolerance = 1e-15,
): PointFit {
  return fitOne(data, {
    model,
    penalty,
    lambda,
    standardize: true,
    solver: { kind: 'gd', learningRate, epochs, tolerance },
  });
}

describe('gd on seed_linear', () => {
  const cases: [string, Penalty][] = [
    ['l2', { kind: 'l2', l1Ratio: 0 }],
    ['l1', { kind: 'l1', l1Ratio: 1 }],
  ];
  for (const [name, penalty] of cases) {
    it(`${name} λ=0.01 reaches the cd solution and says it converged`, () => {
      const gd = gdFit(seed, 'linear', penalty, 0.01, 0.5, 10_000);
      const cd = fitOne(seed, { model: 'linear', penalty, lambda: 0.01, standardize: true, solver: CD });
      expect(gd.converged).toBe(true);
      expect(gd.status).toBe('ok');
      expect(gd.iterations).toBeLessThan(10_000);
      expect(relativeDifference(gd, cd)).toBeLessThan(1e-6);
    });
  }

  it('3 epochs are not enough: converged false, status not_converged with a reason', () => {
    const gd = gdFit(seed, 'linear', { kind: 'l2', l1Ratio: 0 }, 0.01, 0.5, 3);
    expect(gd.converged).toBe(false);
    expect(gd.status).toBe('not_converged');
    expect(gd.iterations).toBe(3);
    expect(gd.reason).toMatch(/3 epochs/);
    expect(Array.from(gd.learningCurve!.epochs)).toEqual([1, 2, 3]);
  });

  it('a learning rate of 100 diverges, with a reason and no silent NaN', () => {
    const gd = gdFit(seed, 'linear', { kind: 'l2', l1Ratio: 0 }, 0.01, 100, 1000);
    expect(gd.status).toBe('diverged');
    expect(gd.converged).toBe(false);
    expect(gd.reason).toMatch(/loss (became non-finite|grew above .*) at epoch \d+/);
    expect(gd.iterations).toBeLessThan(1000);
    expect(gd.learningCurve!.epochs.at(-1)).toBe(gd.iterations);
  });

  it('learning curves keep ≤ 500 points, from epoch 1 to the last epoch, with validation losses', () => {
    const rows = allRows(seed);
    const train = rows.filter((i) => i % 4 !== 0);
    const validation = rows.filter((i) => i % 4 === 0);
    const [fit] = fitPath(
      seed,
      train,
      {
        model: 'linear',
        penalty: { kind: 'l2', l1Ratio: 0 },
        lambdas: Float64Array.of(0.01),
        standardize: true,
        solver: { kind: 'gd', learningRate: 0.001, epochs: 12_345, tolerance: 0 },
      },
      { validationRows: validation },
    );
    const curve = fit.learningCurve!;
    expect(fit.iterations).toBe(12_345);
    expect(curve.epochs.length).toBeLessThanOrEqual(500);
    expect(curve.epochs.length).toBeGreaterThan(400);
    expect(curve.epochs[0]).toBe(1);
    expect(curve.epochs.at(-1)).toBe(12_345);
    for (let k = 1; k < curve.epochs.length; k++) expect(curve.epochs[k]).toBeGreaterThan(curve.epochs[k - 1]);
    expect(curve.train.length).toBe(curve.epochs.length);
    expect(curve.validation.length).toBe(curve.epochs.length);
    // A slowly learning model: the training mse falls, and the validation mse is a real number.
    expect(curve.train.at(-1)!).toBeLessThan(curve.train[0]);
    expect(curve.validation.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
  });
});

describe('gd agrees with cd on well-conditioned problems', () => {
  const penalties: Penalty[] = [
    { kind: 'l1', l1Ratio: 1 },
    { kind: 'elasticnet', l1Ratio: 0.5 },
    { kind: 'l2', l1Ratio: 0 },
  ];
  for (const model of ['linear', 'logistic'] as Model[]) {
    const data = syntheticDataset({ rows: 200, cols: 5, model, seed: 51, rho: 0.1 });
    for (const penalty of penalties) {
      it(`${model} ${penalty.kind}`, () => {
        const lambda = 0.02;
        const rate = model === 'linear' ? 0.5 : 2;
        const gd = gdFit(data, model, penalty, lambda, rate, 200_000, 1e-16);
        const cd = fitOne(data, { model, penalty, lambda, standardize: true, solver: CD });
        expect(gd.converged).toBe(true);
        expect(gd.nonzeros).toBe(cd.nonzeros);
        expect(relativeDifference(gd, cd)).toBeLessThan(1e-6);
        expect(Math.abs(gd.objective - cd.objective) / cd.objective).toBeLessThan(1e-10);
      });
    }
  }
});
