/**
 * Overfitting diagnosis of one curve (points ordered by decreasing λ, so index 0 is the largest λ and the
 * last index the smallest). With i* = the index of lambdaMin and the threshold
 *   δ = validationSd(λMin), or 1% of |validation(λMin)| when the sd is unavailable (one fold),
 * a value is "worse by more than δ" in the metric's direction (higher for losses, lower for scores):
 *   overfits at small λ    validation(smallest λ) is worse than validation(λMin) by more than δ,
 *                          while train(smallest λ) is better than train(λMin);
 *   underfits at large λ   validation(largest λ) and train(largest λ) are both worse than at λMin by more than δ.
 *   edge                   `large` when the chosen λ is the first point of a grid of > 1 point, `small` when
 *                          it or lambdaMin is the last: the best may lie beyond the grid. lambdaMin counts too at
 *                          the small end because 1se can pick an inner λ while the minimum sits on the edge (ridge
 *                          on its auto grid does this: the real minimum is further down and 1se would move with it).
 */
import { isLossMetric, type CvStatistics, type MetricName } from '@regsweep/engine';
import type { OverfittingDiagnosis } from '../types';
import { fmt } from './format';

export const RELATIVE_THRESHOLD_WITHOUT_SD = 0.01;

export function diagnoseOverfitting(
  stats: CvStatistics,
  chosenIndex: number,
  metric: MetricName,
): OverfittingDiagnosis {
  const { lambdas, validationMean: validation, trainMean: train, indexMin } = stats;
  const count = lambdas.length;
  if (indexMin < 0) {
    return verdictOnly(`No λ has a finite validation ${metric}: every fit diverged or failed.`, NaN);
  }
  const gapAtLambdaMin = stats.gap[indexMin];
  if (count === 1) {
    return verdictOnly(
      `One λ (${fmt(lambdas[0])}), nothing to compare along a path: validation ${metric} ${fmt(validation[0])}, ` +
        `train ${fmt(train[0])}, gap ${fmt(gapAtLambdaMin)}.`,
      gapAtLambdaMin,
    );
  }

  const loss = isLossMetric(metric);
  const sdAtMin = stats.validationSd[indexMin];
  const threshold = Number.isFinite(sdAtMin) ? sdAtMin : RELATIVE_THRESHOLD_WITHOUT_SD * Math.abs(validation[indexMin]);
  const thresholdText = Number.isFinite(sdAtMin) ? `validationSd ${fmt(threshold)}` : `1% of it, ${fmt(threshold)}`;
  const worseBy = (a: number, b: number) => (loss ? a - b : b - a);
  const isBetter = (a: number, b: number) => (loss ? a < b : a > b);

  const smallest = count - 1;
  const largest = 0;
  const lambdaMinText = `λMin ${fmt(lambdas[indexMin])}`;
  const overfitsAtSmallLambda =
    indexMin !== smallest &&
    worseBy(validation[smallest], validation[indexMin]) > threshold &&
    isBetter(train[smallest], train[indexMin]);
  const underfitsAtLargeLambda =
    indexMin !== largest &&
    worseBy(validation[largest], validation[indexMin]) > threshold &&
    worseBy(train[largest], train[indexMin]) > threshold;

  const sentences: string[] = [];
  if (overfitsAtSmallLambda) {
    sentences.push(
      `Overfits at small λ: validation ${metric} worsens from ${fmt(validation[indexMin])} at ${lambdaMinText} ` +
        `to ${fmt(validation[smallest])} at λ ${fmt(lambdas[smallest])} (more than ${thresholdText}), ` +
        `while train ${metric} improves from ${fmt(train[indexMin])} to ${fmt(train[smallest])}.`,
    );
  }
  if (underfitsAtLargeLambda) {
    sentences.push(
      `Underfits at large λ: at λ ${fmt(lambdas[largest])} validation ${metric} ${fmt(validation[largest])} and ` +
        `train ${fmt(train[largest])} are both worse than ${fmt(validation[indexMin])} and ` +
        `${fmt(train[indexMin])} at ${lambdaMinText} (by more than ${fmt(threshold)}).`,
    );
  }
  if (sentences.length === 0) {
    sentences.push(
      `No clear over- or underfitting: validation ${metric} is ${fmt(validation[indexMin])} at ${lambdaMinText}, ` +
        `${fmt(validation[smallest])} at the smallest λ ${fmt(lambdas[smallest])} and ` +
        `${fmt(validation[largest])} at the largest λ ${fmt(lambdas[largest])} (threshold: ${thresholdText}).`,
    );
  }
  const edge = chosenIndex === largest ? 'large' : chosenIndex === smallest || indexMin === smallest ? 'small' : 'none';
  return { verdict: sentences.join(' '), gapAtLambdaMin, edge, overfitsAtSmallLambda, underfitsAtLargeLambda };
}

function verdictOnly(verdict: string, gapAtLambdaMin: number): OverfittingDiagnosis {
  return { verdict, gapAtLambdaMin, edge: 'none', overfitsAtSmallLambda: false, underfitsAtLargeLambda: false };
}
