/**
 * fitPath from the training rows' cross products (path/gram-path.ts, chooseRoute's pathSource on tall data) against
 * the path from the gathered rows: the same optimum to rounding, on every row and on a subset, with KKT at every λ;
 * and the cross products' kernel (data/lower-triangle.ts) against plain sums, for column counts that leave remainders.
 */
import { FoldWorkspace } from '../src/cv/gram-fold';
import { crossProducts, datasetCentre } from '../src/data/cross-products';
import { prepareTrainingSet } from '../src/data/training-set';
import { fitPath } from '../src/path/fit-path';
import { lambdaGrid } from '../src/path/lambda-grid';
import type { Dataset, PathSpec, Penalty } from '../src/types';
import { standardizedCoefficients } from './helpers/standardized';
import { syntheticDataset } from './helpers/synthetic';

const CD = { kind: 'cd', tolerance: 1e-14, maxIterations: 1_000_000 } as const;

function spec(data: Dataset, rows: Int32Array, penalty: Penalty): PathSpec {
  const lambdas = lambdaGrid({ auto: { count: 30 } }, data, rows, 'linear', penalty, true);
  return { model: 'linear', penalty, lambdas, standardize: true, solver: CD };
}

describe('fitPath from cross products', () => {
  const data = syntheticDataset({ rows: 300, cols: 23, model: 'linear', seed: 5, rho: 0.5, signals: 6 });
  const every = Int32Array.from({ length: 300 }, (_, i) => i);
  const subset = Int32Array.from({ length: 120 }, (_, i) => (i * 7) % 300).sort();

  it.each([
    ['every row, lasso', every, { kind: 'l1', l1Ratio: 1 } as Penalty],
    ['a subset of rows, elastic net', subset, { kind: 'elasticnet', l1Ratio: 0.3 } as Penalty],
  ])('%s: the same path as from the rows, and KKT holds at every λ', (_, rows, penalty) => {
    const path = spec(data, rows, penalty);
    const fromSums = fitPath(data, rows, path, { source: 'crossProducts' });
    const fromRows = fitPath(data, rows, path, { source: 'rows' });
    expect(fromSums).toHaveLength(path.lambdas.length);
    const set = prepareTrainingSet(data, rows, true);
    const r = penalty.kind === 'l1' ? 1 : 0.3;
    fromSums.forEach((fit, k) => {
      expect(fit.status).toBe('ok');
      expect(fit.intercept).toBeCloseTo(fromRows[k].intercept, 9);
      fit.coefficients.forEach((value, j) => expect(value).toBeCloseTo(fromRows[k].coefficients[j], 9));
      // KKT on the standardized scale: g_j = ⟨z_j, y − b0 − Zβ⟩/n equals λ(r·sign β_j + (1 − r)β_j) when β_j ≠ 0, and
      // |g_j| ≤ λr when β_j = 0.
      const { beta } = standardizedCoefficients(set, fit);
      const residual = new Float64Array(set.n);
      for (let i = 0; i < set.n; i++) {
        let eta = 0;
        for (let j = 0; j < set.p; j++) eta += set.z[j * set.n + i] * beta[j];
        residual[i] = set.y[i] - eta;
      }
      let mean = 0;
      for (let i = 0; i < set.n; i++) mean += residual[i] / set.n;
      for (let j = 0; j < set.p; j++) {
        let g = 0;
        for (let i = 0; i < set.n; i++) g += (set.z[j * set.n + i] * (residual[i] - mean)) / set.n;
        const lambda = fit.lambda;
        if (beta[j] === 0) expect(Math.abs(g)).toBeLessThanOrEqual(lambda * r * (1 + 1e-6) + 1e-9);
        else expect(g).toBeCloseTo(lambda * (r * Math.sign(beta[j]) + (1 - r) * beta[j]), 6);
      }
    });
  });

  it('gives the same bits with a workspace kept from path to path (different shapes in turn) as with a fresh one', () => {
    const wide = syntheticDataset({ rows: 400, cols: 41, model: 'linear', seed: 9, rho: 0.5, signals: 8 });
    const wideRows = Int32Array.from({ length: 400 }, (_, i) => i);
    const workspace = new FoldWorkspace();
    for (const [set, rows] of [
      [data, every],
      [wide, wideRows],
      [data, subset],
      [wide, wideRows],
    ] as const) {
      const path = spec(set, rows, { kind: 'l1', l1Ratio: 1 });
      const kept = fitPath(set, rows, path, { source: 'crossProducts', workspace });
      const fresh = fitPath(set, rows, path, { source: 'crossProducts' });
      expect(kept.map((fit) => [fit.intercept, ...fit.coefficients])).toEqual(
        fresh.map((fit) => [fit.intercept, ...fit.coefficients]),
      );
    }
  });

  it('is the default for tall linear data, so that it is what `regsweep fit` runs', () => {
    const path = spec(data, every, { kind: 'l1', l1Ratio: 1 });
    const byDefault = fitPath(data, every, path);
    const fromSums = fitPath(data, every, path, { source: 'crossProducts' });
    byDefault.forEach((fit, k) => expect(Array.from(fit.coefficients)).toEqual(Array.from(fromSums[k].coefficients)));
  });
});

describe('cross products kernel', () => {
  it.each([1, 2, 5, 6, 33, 37, 70])(
    'equals plain sums with %i features (remainders of pairs, quads and tiles)',
    (p) => {
      const rows = 300; // more than one block of rows
      const data = syntheticDataset({ rows, cols: p, model: 'linear', seed: p, signals: 1 });
      const { centre, responseCentre } = datasetCentre(data);
      const q = p + 2;
      const { values } = crossProducts(data, null, centre, responseCentre);
      const column = (j: number, i: number): number =>
        j < p ? data.x.values[j * rows + i] - centre[j] : j === p ? data.y[i] - responseCentre : 1;
      for (let j = 0; j < q; j++) {
        for (let k = 0; k <= j; k++) {
          let sum = 0;
          for (let i = 0; i < rows; i++) sum += column(j, i) * column(k, i);
          expect(values[j * q + k]).toBeCloseTo(sum, 8);
          expect(values[k * q + j]).toBe(values[j * q + k]);
        }
      }
    },
  );
});
