/**
 * The engine keeps no state between calls: what a caller reuses (a worker thread's FoldWorkspace, a
 * CrossProductsWorkspace) changes the cost, never the bits. And the one least-squares path gives the normal-equations
 * solution from the rows and from cross products alike.
 */
import { evaluateFold } from '../src/cv/evaluate-fold';
import { FoldWorkspace } from '../src/cv/gram-fold';
import { makeSplitPlan, validationFolds } from '../src/cv/splits';
import { crossProducts, CrossProductsWorkspace, datasetCentre } from '../src/data/cross-products';
import { gramTrainingSet } from '../src/data/gram-training-set';
import { prepareTrainingSet } from '../src/data/training-set';
import { gramNormalEquations, leastSquares, leastSquaresPath, rowsNormalEquations } from '../src/solver/least-squares';
import type { Dataset, FoldPathResult, PathSpec, Penalty } from '../src/types';
import { syntheticDataset } from './helpers/synthetic';

const spec = (penalty: Penalty): PathSpec => ({
  model: 'linear',
  penalty,
  lambdas: Float64Array.from([1, 0.3, 0.1, 0.03, 0.01]),
  standardize: true,
  solver: { kind: 'cd', tolerance: 1e-12, maxIterations: 100_000 },
});
const penalties: Penalty[] = [
  { kind: 'l1', l1Ratio: 1 },
  { kind: 'none', l1Ratio: 0 },
  { kind: 'l2', l1Ratio: 0 },
  { kind: 'elasticnet', l1Ratio: 0.4 },
];

function bits(result: FoldPathResult): number[] {
  return [
    ...Array.from(result.train),
    ...Array.from(result.validation),
    ...result.fits.flatMap((fit) => [fit.intercept, fit.objective, ...Array.from(fit.coefficients)]),
  ];
}

describe('FoldWorkspace', () => {
  // Two datasets of the same shape (no key): the kept whole-data sums of the first must not serve the second.
  const first = syntheticDataset({ rows: 120, cols: 12, model: 'linear', seed: 5, rho: 0.4, signals: 4 });
  const second = syntheticDataset({ rows: 120, cols: 12, model: 'linear', seed: 6, rho: 0.4, signals: 4 });
  const wider = syntheticDataset({ rows: 120, cols: 30, model: 'linear', seed: 8, rho: 0.2, signals: 4 });
  const folds = validationFolds(makeSplitPlan(120, { kind: 'kfold', folds: 4, shuffle: true, seed: 2 }, 0));

  it('gives every fold the bits of a fresh workspace, across folds, penalties and datasets', () => {
    const shared = new FoldWorkspace();
    for (const data of [wider, first, second, first]) {
      for (const penalty of penalties) {
        for (const fold of folds) {
          const reused = evaluateFold(data, fold, spec(penalty), 'r2', undefined, undefined, shared);
          const fresh = evaluateFold(data, fold, spec(penalty), 'r2');
          expect(bits(reused)).toEqual(bits(fresh));
        }
      }
    }
  });

  it('sums cross products in a reused scratch block exactly as in a fresh one', () => {
    const workspace = new CrossProductsWorkspace();
    for (const data of [wider, first]) {
      const { centre, responseCentre } = datasetCentre(data);
      const rows = folds[1].validationRows;
      const reused = crossProducts(data, rows, centre, responseCentre, undefined, workspace);
      const fresh = crossProducts(data, rows, centre, responseCentre);
      expect(Array.from(reused.values)).toEqual(Array.from(fresh.values));
    }
  });
});

describe('leastSquaresPath', () => {
  const data: Dataset = syntheticDataset({ rows: 80, cols: 7, model: 'linear', seed: 13, rho: 0.6, signals: 5 });
  const rows = Int32Array.from({ length: 60 }, (_, i) => i + 10);

  it('solves the normal equations: the residual is orthogonal to every standardized column', () => {
    const set = prepareTrainingSet(data, rows, true);
    const beta = leastSquares(rowsNormalEquations(set)) as Float64Array;
    const { n, p, z, y } = set;
    const yMean = y.reduce((sum, v) => sum + v, 0) / n;
    const residual = Float64Array.from(y, (v) => v - yMean);
    for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) residual[i] -= beta[j] * z[j * n + i];
    for (let j = 0; j < p; j++) {
      let inner = 0;
      for (let i = 0; i < n; i++) inner += z[j * n + i] * residual[i];
      expect(Math.abs(inner / n)).toBeLessThan(1e-12);
    }
  });

  it('gives the same fits from the rows and from cross products, and null when p ≥ n', () => {
    const lambdas = new Float64Array(3);
    const fromRows = leastSquaresPath(rowsNormalEquations(prepareTrainingSet(data, rows, true)), lambdas);
    const { centre, responseCentre } = datasetCentre(data);
    const sums = crossProducts(data, rows, centre, responseCentre);
    const losses = new Float64Array(3);
    const gramSet = gramTrainingSet(sums, centre, responseCentre, true);
    const fromSums = leastSquaresPath(gramNormalEquations(gramSet), lambdas, undefined, losses);
    expect(fromRows).not.toBeNull();
    fromRows!.forEach((fit, j) => {
      const other = fromSums![j];
      expect(Math.abs(fit.intercept - other.intercept)).toBeLessThan(1e-9 * Math.abs(fit.intercept));
      fit.coefficients.forEach((c, k) => expect(Math.abs(c - other.coefficients[k])).toBeLessThan(1e-9));
      expect(Math.abs(fit.objective - other.objective)).toBeLessThan(1e-9 * fit.objective);
      expect(losses[j]).toBe(other.objective); // penalty none: the objective is the data term
    });
    const few = Int32Array.from({ length: 7 }, (_, i) => i);
    expect(leastSquaresPath(rowsNormalEquations(prepareTrainingSet(data, few, true)), lambdas)).toBeNull();
  });
});
