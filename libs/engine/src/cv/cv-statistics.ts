/**
 * Cross-validation statistics over folds, exactly as cv.glmnet with grouped = TRUE (SPEC §1).
 *
 * For each λ, over the folds k whose value there is finite (a diverged fold is NaN and left out, the weights
 * renormalised over the rest), with weights w_k = validation sizes:
 *   validationMean = Σ w_k e_k / Σ w_k
 *   validationSd   = sqrt( Σ w_k (e_k − validationMean)² / Σ w_k / (K − 1) )      (NaN when K = 1)
 *   trainMean      = Σ w_k t_k / Σ w_k
 *   gap            = validationMean − trainMean for losses, trainMean − validationMean for scores
 * Selection along the decreasing λ values:
 *   indexMin = the first index (largest λ) attaining the best validationMean;
 *   index1se = the first index whose validationMean is within validationSd[indexMin] of the best
 *              (≤ best + sd for losses, ≥ best − sd for scores); indexMin when that sd is NaN (K = 1).
 * A λ with no finite fold value is NaN everywhere and never selected; if no λ has one, both indices are −1.
 */
import type { CvStatistics, MetricName } from '../types';
import { isLossMetric } from './metrics';

export interface FoldValues {
  readonly validationSize: number;
  readonly train: ArrayLike<number>;
  readonly validation: ArrayLike<number>;
}

export function cvStatistics(
  folds: ReadonlyArray<FoldValues>,
  lambdas: Float64Array,
  metric: MetricName,
): CvStatistics {
  const count = lambdas.length;
  const validationMean = new Float64Array(count);
  const validationSd = new Float64Array(count);
  const trainMean = new Float64Array(count);
  const gap = new Float64Array(count);
  const loss = isLossMetric(metric);

  for (let j = 0; j < count; j++) {
    const validation = weightedMoments(folds, (fold) => fold.validation[j]);
    validationMean[j] = validation.mean;
    validationSd[j] = validation.sd;
    trainMean[j] = weightedMoments(folds, (fold) => fold.train[j]).mean;
    gap[j] = loss ? validationMean[j] - trainMean[j] : trainMean[j] - validationMean[j];
  }

  const better = (a: number, b: number) => (loss ? a < b : a > b);
  let indexMin = -1;
  for (let j = 0; j < count; j++) {
    if (Number.isNaN(validationMean[j])) continue;
    if (indexMin < 0 || better(validationMean[j], validationMean[indexMin])) indexMin = j;
  }

  let index1se = indexMin;
  if (indexMin >= 0 && !Number.isNaN(validationSd[indexMin])) {
    const best = validationMean[indexMin];
    const sd = validationSd[indexMin];
    const withinOneSe = (value: number) => (loss ? value <= best + sd : value >= best - sd);
    index1se = validationMean.findIndex((value) => !Number.isNaN(value) && withinOneSe(value));
  }

  return {
    lambdas,
    validationMean,
    validationSd,
    trainMean,
    gap,
    indexMin,
    index1se,
    lambdaMin: indexMin >= 0 ? lambdas[indexMin] : NaN,
    lambda1se: index1se >= 0 ? lambdas[index1se] : NaN,
  };
}

/** Weighted mean and glmnet's grouped sd of one value per fold, skipping non-finite values. */
function weightedMoments(folds: ReadonlyArray<FoldValues>, valueOf: (fold: FoldValues) => number) {
  let weightSum = 0;
  let weightedSum = 0;
  let used = 0;
  for (const fold of folds) {
    const value = valueOf(fold);
    if (!Number.isFinite(value)) continue;
    weightSum += fold.validationSize;
    weightedSum += fold.validationSize * value;
    used++;
  }
  if (used === 0 || weightSum === 0) return { mean: NaN, sd: NaN };
  const mean = weightedSum / weightSum;
  if (used < 2) return { mean, sd: NaN };
  let weightedSquares = 0;
  for (const fold of folds) {
    const value = valueOf(fold);
    if (Number.isFinite(value)) weightedSquares += fold.validationSize * (value - mean) ** 2;
  }
  return { mean, sd: Math.sqrt(weightedSquares / weightSum / (used - 1)) };
}
