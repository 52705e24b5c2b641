/**
 * fitGridPath (path/fit-path.ts): a path whose λ values depend on λ_max, which on the cross-products route takes the
 * largest inner product from the path's own cross products instead of largestInnerProduct's pass over x. Against
 * lambdaGrid + fitPath: the same λ values and fits up to rounding there, the very same ones from the rows.
 */
import { fitGridPath, fitPath } from '../src/path/fit-path';
import { lambdaGrid } from '../src/path/lambda-grid';
import type { Dataset, PathSpec, Penalty } from '../src/types';
import { syntheticDataset } from './helpers/synthetic';

const CD = { kind: 'cd', tolerance: 1e-12, maxIterations: 1_000_000 } as const;

function grid(data: Dataset, rows: Int32Array, penalty: Penalty, standardize: boolean) {
  return (inner?: () => number) =>
    lambdaGrid({ auto: { count: 25 } }, data, rows, 'linear', penalty, standardize, inner);
}

describe('fitGridPath', () => {
  const data = syntheticDataset({ rows: 400, cols: 17, model: 'linear', seed: 11, rho: 0.4, signals: 5 });
  // A constant column has no say in λ_max on either route.
  for (let i = 0; i < 400; i++) data.x.values[3 * 400 + i] = 2.5;
  const every = Int32Array.from({ length: 400 }, (_, i) => i);
  const subset = Int32Array.from({ length: 150 }, (_, i) => (i * 13) % 400).sort();

  it.each([
    ['every row, lasso, standardized', every, { kind: 'l1', l1Ratio: 1 } as Penalty, true],
    ['a subset, elastic net, not standardized', subset, { kind: 'elasticnet', l1Ratio: 0.5 } as Penalty, false],
  ])('%s: the λ values and fits of lambdaGrid + fitPath, up to rounding', (_, rows, penalty, standardize) => {
    const base: Omit<PathSpec, 'lambdas'> = { model: 'linear', penalty, standardize, solver: CD };
    const lambdas = grid(data, rows, penalty, standardize)();
    const expected = fitPath(data, rows, { ...base, lambdas }, { source: 'crossProducts' });
    const fits = fitGridPath(data, rows, base, grid(data, rows, penalty, standardize), { source: 'crossProducts' });
    expect(fits).toHaveLength(25);
    fits.forEach((fit, k) => {
      expect(Math.abs(fit.lambda / lambdas[k] - 1)).toBeLessThan(1e-13);
      expect(fit.intercept).toBeCloseTo(expected[k].intercept, 9);
      fit.coefficients.forEach((value, j) => expect(value).toBeCloseTo(expected[k].coefficients[j], 9));
    });
    // λ_max: the null model, and a coefficient enters at the next λ.
    expect(fits[0].coefficients.every((value) => value === 0)).toBe(true);
    expect(fits[1].coefficients.some((value) => value !== 0)).toBe(true);
  });

  it('from the rows: the very same λ values and fits as lambdaGrid + fitPath', () => {
    const penalty: Penalty = { kind: 'l1', l1Ratio: 1 };
    const base: Omit<PathSpec, 'lambdas'> = { model: 'linear', penalty, standardize: true, solver: CD };
    const lambdas = grid(data, every, penalty, true)();
    const expected = fitPath(data, every, { ...base, lambdas }, { source: 'rows' });
    const fits = fitGridPath(data, every, base, grid(data, every, penalty, true), { source: 'rows' });
    expect(fits.map((fit) => fit.lambda)).toEqual(Array.from(lambdas));
    fits.forEach((fit, k) => expect(Array.from(fit.coefficients)).toEqual(Array.from(expected[k].coefficients)));
  });

  it('rejects λ values that are not decreasing, as fitPath does', () => {
    const base: Omit<PathSpec, 'lambdas'> = {
      model: 'linear',
      penalty: { kind: 'l1', l1Ratio: 1 },
      standardize: true,
      solver: CD,
    };
    expect(() => fitGridPath(data, every, base, () => Float64Array.of(0.1, 0.2))).toThrow(RangeError);
  });
});
