/** λ_max and the λ grids (SPEC §1), against the numpy grid of the cv-diabetes-lasso fixture. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lambdaGrid, lambdaMax, logspace } from '../src/path/lambda-grid';
import type { Penalty } from '../src/types';
import { allRows, FIXTURE_DIR, fixtureDataset, readFixture } from './helpers/read-csv';
import { syntheticDataset } from './helpers/synthetic';

const diabetes = fixtureDataset(readFixture('linear-diabetes.json'));
const rows = allRows(diabetes);
const L1: Penalty = { kind: 'l1', l1Ratio: 1 };
/** The linear model's standardized grid on all of diabetes, lasso unless `penalty` says otherwise. */
const diabetesGrid = (spec: Parameters<typeof lambdaGrid>[0], penalty: Penalty = L1) =>
  lambdaGrid(spec, diabetes, rows, 'linear', penalty, true);
const numpyGrid: number[] = JSON.parse(readFileSync(join(FIXTURE_DIR, 'cv-diabetes-lasso.json'), 'utf8')).lambdas;

describe('lambdaMax', () => {
  it('diabetes lasso: equals the numpy λ_max', () => {
    const largest = lambdaMax(diabetes, rows, 'linear', 1, true);
    expect(Math.abs(largest - numpyGrid[0]) / numpyGrid[0]).toBeLessThan(1e-14);
  });

  it('divides by max(r, 1e-3): ridge is 1000× and elastic net r=0.5 2× the lasso value', () => {
    const lasso = lambdaMax(diabetes, rows, 'linear', 1, true);
    expect(lambdaMax(diabetes, rows, 'linear', 0, true) / lasso).toBeCloseTo(1000, 9);
    expect(lambdaMax(diabetes, rows, 'linear', 0.5, true) / lasso).toBeCloseTo(2, 12);
  });

  it('uses only the given rows', () => {
    const half = rows.filter((i) => i < 221);
    expect(lambdaMax(diabetes, half, 'linear', 1, true)).not.toBeCloseTo(
      lambdaMax(diabetes, rows, 'linear', 1, true),
      3,
    );
  });
});

describe('lambdaGrid', () => {
  it('auto: 100 log-spaced values matching numpy exp(linspace(log λmax, log λmax·1e-4, 100))', () => {
    const grid = diabetesGrid({ auto: { count: 100 } });
    expect(grid.length).toBe(100);
    let worst = 0;
    grid.forEach((lambda, k) => (worst = Math.max(worst, Math.abs(lambda - numpyGrid[k]) / numpyGrid[k])));
    expect(worst).toBeLessThan(1e-14);
  });

  it('given numpy λ_max, the log spacing reproduces numpy to the last bit (±1 ulp from exp)', () => {
    const grid = logspace(numpyGrid[0], numpyGrid[0] * 1e-4, 100);
    let exact = 0;
    grid.forEach((lambda, k) => {
      if (lambda === numpyGrid[k]) exact++;
      expect(Math.abs(lambda - numpyGrid[k])).toBeLessThanOrEqual(Number.EPSILON * numpyGrid[k]);
    });
    expect(exact).toBeGreaterThanOrEqual(70);
  });

  it('auto: minRatio defaults to 1e-4 when n > p and 1e-2 when n ≤ p; count and minRatio are honoured', () => {
    const wide = syntheticDataset({ rows: 20, cols: 30, model: 'linear', seed: 71 });
    const wideGrid = lambdaGrid({ auto: { count: 5 } }, wide, allRows(wide), 'linear', L1, true);
    expect(wideGrid.at(-1)! / wideGrid[0]).toBeCloseTo(1e-2, 12);
    const tallGrid = diabetesGrid({ auto: { count: 7, minRatio: 0.001 } });
    expect(tallGrid.length).toBe(7);
    expect(tallGrid.at(-1)! / tallGrid[0]).toBeCloseTo(1e-3, 12);
  });

  it('range: log and linear spacing, decreasing from max to min', () => {
    const log = diabetesGrid({ range: { min: 0.01, max: 100, count: 5, scale: 'log' } });
    Array.from(log).forEach((v, k) => expect(v).toBeCloseTo([100, 10, 1, 0.1, 0.01][k], 12));
    const linear = diabetesGrid({ range: { min: 1, max: 3, count: 5, scale: 'linear' } });
    expect(Array.from(linear)).toEqual([3, 2.5, 2, 1.5, 1]);
  });

  it('values: sorted decreasing, duplicates removed', () => {
    const grid = diabetesGrid({ values: [0.1, 1, 0.01, 1, 0] });
    expect(Array.from(grid)).toEqual([1, 0.1, 0.01, 0]);
  });

  it('penalty none: the single λ 0 whatever the spec', () => {
    const none: Penalty = { kind: 'none', l1Ratio: 0 };
    expect(Array.from(diabetesGrid({ auto: { count: 100 } }, none))).toEqual([0]);
    expect(Array.from(diabetesGrid({ values: [1, 2] }, none))).toEqual([0]);
  });

  it('each penalty gets its own grid: elastic net r = 0.5 starts at twice the lasso λ_max', () => {
    const lasso = diabetesGrid({ auto: { count: 10 } });
    const enet = diabetesGrid({ auto: { count: 10 } }, { kind: 'elasticnet', l1Ratio: 0.5 });
    expect(enet[0] / lasso[0]).toBeCloseTo(2, 12);
  });
});
