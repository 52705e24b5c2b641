/**
 * refitCurves (search.refit chosen): the one-trial curves whose full-data network the report reads, from the folds'
 * values alone. Worked by hand here: on the best curve (lowest mean validation mse at its lambdaMin), lambdaMin's
 * trial and lambda1se's (the largest λ whose mean is within one standard error, sd/√K, of the minimum), as plan
 * curve indices whatever order the trials were planned in.
 */
import type { FoldPathResult } from '@regsweep/engine';
import { refitCurves } from '../../src/report';
import type { CurveResults } from '../../src/types';

/** A one-trial curve: its plan index, λ, network and validation mse on folds 1..3. */
function trial(index: number, lambda: number, hidden: number[], validation: number[]): CurveResults {
  const folds: FoldPathResult[] = validation.map((value, k) => ({
    fold: k + 1,
    trainSize: 20,
    validationSize: 10,
    fits: [],
    train: Float64Array.of(value / 2),
    validation: Float64Array.of(value),
  }));
  return {
    curve: { index, penalty: 'l2', l1Ratio: 0, lambdas: Float64Array.of(lambda), params: { hidden } },
    folds,
    full: [],
  };
}

const A = [4];
const B = [8];

describe('refitCurves', () => {
  it("picks the best curve's lambdaMin and lambda1se trials, by plan index", () => {
    // Curve A: λ 0.1 has the minimum mean 1.0 (sd 0.1, se 0.1/√3 ≈ 0.058); λ 1's mean 1.03 is within it, λ 0.01's
    // 1.2 is not: lambdaMin 0.1 (plan curve 4), lambda1se 1 (plan curve 2). Curve B is worse at every λ.
    const results = [
      trial(0, 1, B, [3, 3, 3]),
      trial(1, 0.01, A, [1.2, 1.2, 1.2]),
      trial(2, 1, A, [1.03, 1.03, 1.03]),
      trial(3, 0.1, B, [2.5, 2.5, 2.5]),
      trial(4, 0.1, A, [0.9, 1.0, 1.1]),
      trial(5, 0.01, B, [2.8, 2.8, 2.8]),
    ];
    expect(refitCurves(results, { metric: 'mse' })).toEqual([2, 4]);
  });

  it('picks one trial when lambdaMin is lambda1se, and none when no trial has a finite score', () => {
    const results = [trial(0, 1, A, [2, 2, 2]), trial(1, 0.1, A, [1, 1, 1]), trial(2, 0.1, B, [1.5, 1.5, 1.5])];
    expect(refitCurves(results, { metric: 'mse' })).toEqual([1]);
    expect(refitCurves([trial(0, 1, A, [NaN, NaN, NaN])], { metric: 'mse' })).toEqual([]);
  });

  it('takes the highest mean for a score (accuracy)', () => {
    const results = [trial(0, 1, A, [0.9, 0.9, 0.9]), trial(1, 1, B, [0.5, 0.5, 0.5])];
    expect(refitCurves(results, { metric: 'accuracy' })).toEqual([0]);
  });
});
