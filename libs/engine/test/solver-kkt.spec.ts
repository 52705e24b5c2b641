/**
 * Optimality on data no reference has seen: at every returned solution the KKT conditions of
 *     F(b0, β̃) = L(b0, β̃) + λ[ r‖β̃‖₁ + (1−r)/2 ‖β̃‖² ]   (standardized scale)
 * hold: ∂L/∂b0 = 0; for β̃_j ≠ 0, ∂L/∂β̃_j + λr·sign(β̃_j) + λ(1−r)β̃_j = 0; for β̃_j = 0, |∂L/∂β̃_j| ≤ λr.
 */
import { prepareTrainingSet } from '../src/data/training-set';
import { dataTermGradient, standardizedPredictor } from '../src/objective';
import { familyOf } from '../src/family/family';
import { fitPath } from '../src/path/fit-path';
import { lambdaGrid } from '../src/path/lambda-grid';
import { effectiveL1Ratio } from '../src/path/penalty';
import type { Dataset, Model, Penalty, PenaltyKind } from '../src/types';
import { allRows } from './helpers/read-csv';
import { standardizedCoefficients } from './helpers/standardized';
import { syntheticDataset } from './helpers/synthetic';
import { TIGHT_CD } from './helpers/tight-cd';

const PENALTIES: Penalty[] = [
  { kind: 'l1', l1Ratio: 1 },
  { kind: 'elasticnet', l1Ratio: 0.3 },
  { kind: 'l2', l1Ratio: 0 },
  { kind: 'none', l1Ratio: 0 },
];

/** Largest KKT violation over the path, relative to max_j |∂L/∂β̃_j| at the null model. */
function worstKktViolation(data: Dataset, model: Model, penalty: Penalty, standardize: boolean): number {
  const rows = allRows(data);
  const lambdas = lambdaGrid({ auto: { count: 15 } }, data, rows, model, penalty, standardize);
  const fits = fitPath(data, rows, { model, penalty, lambdas, standardize, solver: TIGHT_CD });
  const set = prepareTrainingSet(data, rows, standardize);
  const family = familyOf(model);
  const eta = new Float64Array(set.n);
  const scratch = new Float64Array(set.n);
  const gradient = new Float64Array(set.p + 1);
  const r = effectiveL1Ratio(penalty);
  // Scale: the largest data-term gradient at the null model (β̃ = 0, b0 = the null intercept).
  const yMean = set.y.reduce((a, b) => a + b, 0) / set.n;
  standardizedPredictor(set, family.nullIntercept(yMean), new Float64Array(set.p), eta);
  dataTermGradient(set, family, eta, scratch, gradient);
  let scale = 0;
  for (let j = 0; j < set.p; j++) scale = Math.max(scale, Math.abs(gradient[1 + j]));
  let worst = 0;
  fits.forEach((fit) => {
    expect(fit.status).toBe('ok');
    const { intercept, beta } = standardizedCoefficients(set, fit);
    standardizedPredictor(set, intercept, beta, eta);
    dataTermGradient(set, family, eta, scratch, gradient);
    const lambda = fit.lambda;
    worst = Math.max(worst, Math.abs(gradient[0]) / scale);
    for (let j = 0; j < set.p; j++) {
      const g = gradient[1 + j];
      const violation =
        beta[j] === 0
          ? Math.max(0, Math.abs(g) - lambda * r)
          : Math.abs(g + lambda * r * Math.sign(beta[j]) + lambda * (1 - r) * beta[j]);
      worst = Math.max(worst, violation / scale);
    }
  });
  return worst;
}

describe.each(['linear', 'logistic'] as Model[])('KKT conditions, %s', (model) => {
  const shapes = [
    { rows: 120, cols: 8, seed: 11 },
    { rows: 40, cols: 60, seed: 12 },
  ];
  for (const shape of shapes) {
    const data = syntheticDataset({ ...shape, model });
    for (const penalty of PENALTIES) {
      // Unpenalized fits need n > p (and, for logistic, classes that overlap).
      if (penalty.kind === 'none' && shape.cols >= shape.rows) continue;
      for (const standardize of [true, false]) {
        it(`${shape.rows}×${shape.cols} ${penalty.kind as PenaltyKind} standardize=${standardize}`, () => {
          expect(worstKktViolation(data, model, penalty, standardize)).toBeLessThan(1e-7);
        });
      }
    }
  }
});
