import type { FitStatus, FoldRows } from '../types';

/** One fold's path fits with their metric on the fold's training and validation rows, one value per λ. */
export interface ScoredFold<Fit> {
  readonly fold: number;
  readonly trainSize: number;
  readonly validationSize: number;
  readonly fits: Fit[];
  readonly train: Float64Array;
  readonly validation: Float64Array;
}

/**
 * Scores each fit j with `train(fit, j)` and `validation(fit, j)`. A λ without a fit (the path was cut short, fewer
 * fits than `lambdaCount`) or with a diverged fit scores NaN on both sides.
 */
export function scoreFold<Fit extends { readonly status: FitStatus }>(
  fold: FoldRows,
  lambdaCount: number,
  fits: Fit[],
  train: (fit: Fit, index: number) => number,
  validation: (fit: Fit, index: number) => number,
): ScoredFold<Fit> {
  const trainScores = new Float64Array(lambdaCount).fill(NaN);
  const validationScores = new Float64Array(lambdaCount).fill(NaN);
  fits.forEach((fit, j) => {
    if (fit.status === 'diverged') return;
    trainScores[j] = train(fit, j);
    validationScores[j] = validation(fit, j);
  });
  return {
    fold: fold.fold,
    trainSize: fold.trainRows.length,
    validationSize: fold.validationRows.length,
    fits,
    train: trainScores,
    validation: validationScores,
  };
}
